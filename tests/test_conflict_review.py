"""Reviewing conflicts at a mission and at HQ; the decision travels like any other change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from missiondesk.domain.enums import Resolution
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext
from missiondesk.services.records import PermissionDenied, RecordService
from missiondesk.sync.protocol import Status
from tests.syncsim import World, visible_state


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def _conflicting_titles(world: World) -> tuple[AppContext, AppContext, str]:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = (
        RecordService(a).create("support_case", {"title": "원래 제목", "summary": "긴 설명 " * 200}).record_id
    )
    world.sync(a)
    world.pull(b)
    RecordService(a).update("support_case", case_id, {"title": "A의 제목"})
    RecordService(b).update("support_case", case_id, {"title": "B의 제목"})
    world.push(a)
    assert world.push(b)[-1].status is Status.CONFLICT
    for ctx in (a, b):
        world.pull(ctx)
    return a, b, case_id


def test_a_mission_takes_the_conflicting_value_and_everyone_converges(world: World) -> None:
    a, b, case_id = _conflicting_titles(world)
    (view,) = ConflictService(a).open_conflicts()
    assert (view.field, view.base, view.theirs, view.ours) == ("title", "원래 제목", "A의 제목", "B의 제목")
    assert view.field_label == "Title" and view.record_title.endswith("A의 제목")
    ConflictService(a).resolve(view.id, Resolution.OURS)
    world.sync(a)
    world.pull(b)
    for ctx in (a, b, world.hq):
        case = RecordService(ctx).get("support_case", case_id)
        assert case["title"] == "B의 제목"
        assert case.conflict_state == "none"
        assert ConflictService(ctx).open_conflicts() == []
    assert visible_state(a, "DE-FRA") == visible_state(world.hq, "DE-FRA") == visible_state(b, "DE-FRA")


def test_a_merged_value_is_written_by_the_reviewer(world: World) -> None:
    a, _, case_id = _conflicting_titles(world)
    (view,) = ConflictService(a).open_conflicts()
    ConflictService(a).resolve(view.id, Resolution.MERGED, "A와 B를 합친 제목")
    world.sync(a)
    assert RecordService(world.hq).get("support_case", case_id)["title"] == "A와 B를 합친 제목"


def test_hq_may_keep_its_value_but_not_rewrite_a_missions_case(world: World) -> None:
    a, _, case_id = _conflicting_titles(world)
    (view,) = ConflictService(world.hq).open_conflicts()
    with pytest.raises(PermissionDenied, match="review fields"):
        ConflictService(world.hq).resolve(view.id, Resolution.OURS)
    ConflictService(world.hq).resolve(view.id, Resolution.THEIRS)
    assert RecordService(world.hq).get("support_case", case_id).conflict_state == "none"
    world.pull(a)
    assert ConflictService(a).open_conflicts() == []
    assert RecordService(a).get("support_case", case_id)["title"] == "A의 제목"


def test_a_deleted_record_with_a_kept_edit_can_be_restored(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = RecordService(a).create("support_case", {"title": "삭제될 사례"}).record_id
    world.sync(a)
    world.pull(b)
    RecordService(a).delete("support_case", case_id)
    RecordService(b).update("support_case", case_id, {"summary": "살려야 할 메모"})
    world.sync(a)
    world.sync(b)
    (view,) = ConflictService(b).open_conflicts()
    assert view.kind.value == "delete_edit" and view.ours == {"summary": "살려야 할 메모"}
    ConflictService(b).resolve(view.id, Resolution.OURS)
    world.sync(b)
    world.pull(a)
    for ctx in (a, b, world.hq):
        case = RecordService(ctx).get("support_case", case_id)
        assert not case.is_deleted
        assert case["summary"] == "살려야 할 메모"


def test_a_resolved_conflict_cannot_be_resolved_twice(world: World) -> None:
    a, _, _ = _conflicting_titles(world)
    (view,) = ConflictService(a).open_conflicts()
    ConflictService(a).resolve(view.id, Resolution.THEIRS)
    with pytest.raises(Exception, match="resolved already"):
        ConflictService(a).resolve(view.id, Resolution.OURS)
