"""The authority's merge engine: the scenarios real offline-first systems got wrong.

Runs on SQLite and PostgreSQL (the ``backend`` fixture).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from missiondesk.domain import upgrades
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.permissions import RefusalCode, Role, refusal_code
from missiondesk.domain.records import ListQuery
from missiondesk.services import maintenance
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.services.search import search_all
from missiondesk.services.setup import init_mission
from missiondesk.store.tables import change_feed, entity_table, op_receipt
from missiondesk.sync import merge as merge_module
from missiondesk.sync import replica, verify
from missiondesk.sync.devices import Refused
from missiondesk.sync.protocol import Status
from tests.syncsim import World, visible_state


@pytest.fixture
def world(tmp_path: Path, backend: str) -> Iterator[World]:
    w = World.make(tmp_path, None if backend == "sqlite" else backend)
    yield w
    w.close()


def _case(laptop: AppContext, title: str = "부지 인허가 지연") -> str:
    return (
        RecordService(laptop)
        .create("support_case", {"title": title, "received_date": "2026-03-02"})
        .record_id
    )


def _hq_value(world: World, entity_name: str, record_id: str, field: str) -> object:
    return RecordService(world.hq).get(entity_name, record_id)[field]


def _open_conflicts(ctx: AppContext) -> list[dict[str, object]]:
    page = RecordService(ctx).list(ListQuery("conflict", equals={"status": "open"}, limit=100))
    return [dict(r.values) for r in page.rows]


def test_a_change_reaches_hq_and_the_other_laptops(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    results = world.push(a)
    assert {r.status for r in results} == {Status.APPLIED}
    world.pull(b)
    assert RecordService(b).get("support_case", case_id)["title"] == "부지 인허가 지연"
    assert _hq_value(world, "support_case", case_id, "reference") == "DE-FRA-26-1001"
    with a.store.read() as conn:
        assert conn.execute(sa.text("select count(*) from outbox where status = 'pending'")).scalar() == 0


def test_the_reply_lost_after_hq_committed_is_a_duplicate_on_retry(world: World) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    ops = replica.pending_ops(a)
    world.authority.push(ops, a.device.device_id)  # committed at HQ; the reply never arrived
    retry = world.push(a)  # the outbox still holds them: sent again
    assert [r.status for r in retry] == [Status.DUPLICATE] * len(ops)
    assert [r.original for r in retry] == [Status.APPLIED] * len(ops)
    assert replica.pending_ops(a) == []
    with world.hq.store.read() as conn:
        feed = conn.execute(sa.select(sa.func.count()).where(change_feed.c.record_id == case_id)).scalar()
    assert feed == 1  # applied once


def test_the_same_batch_twice_and_the_same_ops_by_bundle_and_network(world: World) -> None:
    a = world.laptop("a")
    _case(a)
    ops = replica.pending_ops(a)
    first = world.authority.push(ops, a.device.device_id, via="bundle")
    second = world.authority.push(ops, a.device.device_id, via="network")
    third = world.authority.push(ops, a.device.device_id, via="bundle")
    assert all(r.status is Status.APPLIED for r in first)
    assert all(r.status is Status.DUPLICATE for r in second + third)


def test_a_later_op_before_an_earlier_one_is_held_then_applied(world: World) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    svc = RecordService(a)
    svc.update("support_case", case_id, {"priority": "high"})
    svc.update("support_case", case_id, {"summary": "현지 정부 회신 대기"})
    ops = replica.pending_ops(a)
    officer, create, edit1, edit2 = ops
    late = world.authority.push([edit2, edit1], a.device.device_id)
    assert [r.status for r in late] == [Status.HELD, Status.HELD]
    assert [op.seq for op in world.authority.held(a.device.device_id)] == [edit1.seq, edit2.seq]
    world.authority.push([officer, create], a.device.device_id)
    assert world.authority.held() == []
    assert _hq_value(world, "support_case", case_id, "priority") == "high"
    assert _hq_value(world, "support_case", case_id, "summary") == "현지 정부 회신 대기"
    assert world.authority.receipts(o.op_id for o in ops) == {o.op_id: Status.APPLIED for o in ops}


def test_an_op_held_for_its_gap_and_then_for_its_record_is_kept_held(world: World) -> None:
    """Its gap closes in a later push while its record is still missing: it is held again, for the record
    (the stored row replaced, not inserted beside itself: that broke the push on the unique number)."""
    a = world.laptop("a")
    _case(a)
    officer, create = replica.pending_ops(a)
    missing = str(uuid.uuid4())
    edit = Op(
        str(uuid.uuid4()),
        a.device.device_id,
        create.seq + 1,
        "support_case",
        missing,
        OpKind.UPDATE,
        "DE-FRA",
        1,
        {"priority": FieldChange("normal", "high")},
    )
    assert [r.status for r in world.authority.push([edit], a.device.device_id)] == [Status.HELD]
    results = world.authority.push([officer, create], a.device.device_id)
    assert [r.status for r in results] == [Status.APPLIED, Status.APPLIED]
    assert [op.op_id for op in world.authority.held(a.device.device_id)] == [edit.op_id]
    assert world.authority.device(a.device.device_id).next_seq == edit.seq + 1


def test_a_forced_held_op_applies_and_the_lost_ops_still_apply_later(world: World) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    world.sync(a)
    svc = RecordService(a)
    svc.update("support_case", case_id, {"priority": "high"})  # this bundle is lost...
    svc.update("support_case", case_id, {"summary": "두 번째 묶음"})  # ...this one arrives
    lost, arrived = replica.pending_ops(a)
    assert world.authority.push([arrived], a.device.device_id)[0].status is Status.HELD
    forced = world.authority.force_held(a.device.device_id)
    assert [r.status for r in forced] == [Status.APPLIED]
    assert _hq_value(world, "support_case", case_id, "summary") == "두 번째 묶음"
    late = world.authority.push([lost], a.device.device_id)  # the lost bundle turns up
    assert late[0].status in (Status.APPLIED, Status.MERGED)
    assert _hq_value(world, "support_case", case_id, "priority") == "high"


def test_two_officers_change_different_fields_and_both_survive(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    world.sync(a)
    world.pull(b)
    RecordService(a).update("support_case", case_id, {"priority": "urgent"})
    RecordService(b).update("support_case", case_id, {"summary": "비자 발급 완료"})
    assert world.push(a)[-1].status is Status.APPLIED
    assert world.push(b)[-1].status is Status.MERGED
    for laptop in (a, b):
        world.pull(laptop)
        case = RecordService(laptop).get("support_case", case_id)
        assert (case["priority"], case["summary"]) == ("urgent", "비자 발급 완료")
    assert _open_conflicts(world.hq) == []


def test_the_same_field_changed_differently_is_kept_as_a_conflict_everywhere(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    world.sync(a)
    world.pull(b)
    RecordService(a).update("support_case", case_id, {"title": "A의 제목"})
    RecordService(b).update("support_case", case_id, {"title": "B의 제목"})
    world.push(a)
    result = world.push(b)[-1]
    assert result.status is Status.CONFLICT and "title" in result.reason
    assert _hq_value(world, "support_case", case_id, "title") == "A의 제목"
    (conflict,) = _open_conflicts(world.hq)
    assert (conflict["field"], conflict["theirs"], conflict["ours"], conflict["base"]) == (
        "title",
        '"A의 제목"',
        '"B의 제목"',
        '"부지 인허가 지연"',
    )
    for laptop in (a, b):
        world.pull(laptop)
        assert [c["ours"] for c in _open_conflicts(laptop)] == ['"B의 제목"']  # the mission reviews it too
        assert RecordService(laptop).get("support_case", case_id).conflict_state == "hard"


def test_the_same_change_on_two_laptops_is_no_conflict(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    world.sync(a)
    world.pull(b)
    for laptop in (a, b):
        RecordService(laptop).update("support_case", case_id, {"priority": "high"})
    assert world.push(a)[-1].status is Status.APPLIED
    assert world.push(b)[-1].status is Status.MERGED
    assert _open_conflicts(world.hq) == []


@pytest.mark.parametrize("delete_first", [True, False], ids=["delete-then-edit", "edit-then-delete"])
def test_delete_against_edit_stays_deleted_and_keeps_the_edit(world: World, delete_first: bool) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    world.sync(a)
    world.pull(b)
    RecordService(a).delete("support_case", case_id)
    RecordService(b).update("support_case", case_id, {"summary": "삭제 전 마지막 메모"})
    order = (a, b) if delete_first else (b, a)
    world.push(order[0])
    second = world.push(order[1])[-1]
    assert second.status is Status.CONFLICT
    hq_case = RecordService(world.hq).get("support_case", case_id)
    assert hq_case.is_deleted  # no silent resurrection
    (conflict,) = _open_conflicts(world.hq)
    assert conflict["kind"] == "delete_edit"
    assert "삭제 전 마지막 메모" in str(conflict["ours"] if delete_first else conflict["theirs"])
    for laptop in (a, b):
        world.pull(laptop)
        assert RecordService(laptop).list(ListQuery("support_case", trash=True)).total == 1


def test_notes_added_to_one_case_on_two_laptops_are_both_kept(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    world.sync(a)
    world.pull(b)
    for laptop, note in ((a, "A 면담"), (b, "B 현장 방문")):
        RecordService(laptop).create(
            "case_activity", {"case_id": case_id, "date": "2026-03-05", "action_type": "note", "notes": note}
        )
    world.sync(a)
    world.sync(b)
    world.pull(a)
    for ctx in (a, b, world.hq):
        notes = {r["notes"] for r in RecordService(ctx).children("case_activity", case_id)}
        assert notes == {"A 면담", "B 현장 방문"}


def test_a_laptop_restored_from_an_old_image_is_refused_loudly(world: World, tmp_path: Path) -> None:
    a = world.laptop("a")
    _case(a, "첫 사례")
    world.sync(a)
    image = tmp_path / "image.sqlite3"
    maintenance.backup(a, image)  # an old disk image of the laptop
    _case(a, "이미지 이후 사례")
    world.sync(a)
    a.close()
    image.replace(a.paths.database)
    for suffix in ("-wal", "-shm"):
        Path(f"{a.paths.database}{suffix}").unlink(missing_ok=True)
    from missiondesk.services.context import open_context

    restored = open_context(a.paths.root)
    world.laptops["a"] = restored
    RecordService(restored).create("company", {"name_ko": "복원 후 기업"})  # reuses the same number
    (result,) = world.push(restored)
    assert result.status is Status.REJECTED and "enrol this laptop again" in result.reason
    assert RecordService(world.hq).list(ListQuery("company", text="복원 후")).total == 0
    _case(restored, "다음 사례")  # everything after is refused too, until it enrols again
    assert {r.status for r in world.push(restored)} == {Status.REJECTED}


def test_hq_restored_from_a_backup_gets_back_what_it_lost(world: World, tmp_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("restoring a file backup is a SQLite scenario; PostgreSQL restores with its own tools")
    a = world.laptop("a")
    first = _case(a, "백업 이전 사례")
    world.sync(a)
    backup = tmp_path / "hq-backup.sqlite3"
    maintenance.backup(world.hq, backup)
    later = _case(a, "백업 이후 사례")  # three days of work HQ will lose
    RecordService(a).update("support_case", first, {"priority": "urgent"})
    world.sync(a)
    hq_root = world.hq.paths.root
    world.hq.close()
    backup.replace(hq_root / "missiondesk.sqlite3")
    for suffix in ("-wal", "-shm"):
        Path(f"{hq_root / 'missiondesk.sqlite3'}{suffix}").unlink(missing_ok=True)
    from missiondesk.services.context import open_context
    from missiondesk.sync.authority import Authority

    world.hq = open_context(hq_root)
    world.authority = Authority(world.hq.store)
    world.authority.rotate_epoch()  # the restore procedure says so (docs/sync-protocol.md)
    world.pull(a)  # notices the new epoch, re-queues what HQ may lack
    world.sync(a)
    assert _hq_value(world, "support_case", later, "title") == "백업 이후 사례"
    assert _hq_value(world, "support_case", first, "priority") == "urgent"
    assert visible_state(a, "DE-FRA") == visible_state(world.hq, "DE-FRA")


def test_a_mission_cannot_write_another_missions_case(world: World) -> None:
    fra, ber = world.laptop("fra", "DE-FRA"), world.laptop("ber", "DE-BER")
    case_id = _case(fra)
    world.sync(fra)
    world.sync(ber)
    assert RecordService(ber).list(ListQuery("support_case")).total == 0  # never even sent to Berlin
    forged = Op(
        op_id="8c1d3f0e-0000-4000-8000-000000000001",
        device_id=ber.device.device_id,
        seq=2,  # Berlin's next number: only the ownership check stands in the way
        entity="support_case",
        record_id=case_id,
        kind=OpKind.UPDATE,
        owner_mission="DE-FRA",
        base_version=1,
        changes={"title": FieldChange("부지 인허가 지연", "베를린이 바꾼 제목")},
    )
    (result,) = world.authority.push([forged], ber.device.device_id)
    assert result.status is Status.REJECTED and "belongs to DE-FRA" in result.reason
    assert _hq_value(world, "support_case", case_id, "title") == "부지 인허가 지연"


def test_ops_claiming_another_device_and_revoked_devices_are_refused(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    _case(a)
    ops = replica.pending_ops(a)
    results = world.authority.push(ops, b.device.device_id)
    assert {r.status for r in results} == {Status.REJECTED}
    world.authority.revoke_device(a.device.device_id)
    with pytest.raises(Refused, match="revoked"):
        world.authority.push(ops, a.device.device_id)


def test_the_same_op_id_with_different_content_is_refused(world: World) -> None:
    a = world.laptop("a")
    _case(a)
    _officer, create = replica.pending_ops(a)
    world.push(a)
    tampered = Op.from_wire({**create.to_wire(), "changes": {"title": [None, "조작된 제목"]}})
    (result,) = world.authority.push([tampered], a.device.device_id)
    assert result.status is Status.REJECTED and "different content" in result.reason


def test_a_case_moved_to_another_mission_is_revoked_and_late_edits_are_rejected(world: World) -> None:
    fra, ber = world.laptop("fra", "DE-FRA"), world.laptop("ber", "DE-BER")
    case_id = _case(fra)
    activity = RecordService(fra).create(
        "case_activity", {"case_id": case_id, "date": "2026-03-03", "action_type": "intake"}
    )
    # Its files go with it: one on the case, one on its activity.
    file = {"file_name": "허가서.pdf", "sha256": "ab" * 32, "size": 10, "media_type": "application/pdf"}
    RecordService(fra).create("attachment", {**file, "case_id": case_id})
    RecordService(fra).create("attachment", {**file, "activity_id": activity.record_id})
    world.sync(fra)
    RecordService(fra).update("support_case", case_id, {"summary": "이관 직전 메모"})  # not yet sent
    world.authority.move_record("support_case", case_id, "DE-BER", "본부")
    world.pull(fra)
    assert RecordService(fra).list(ListQuery("support_case")).total == 0
    assert RecordService(fra).list(ListQuery("case_activity")).total == 0
    assert RecordService(fra).list(ListQuery("attachment")).total == 0
    (result,) = world.push(fra)
    assert result.status is Status.REJECTED and "belongs to DE-BER" in result.reason
    with fra.store.read() as conn:
        status = conn.execute(sa.text("select status from outbox order by seq desc limit 1")).scalar()
    assert status == "rejected"  # visible with its reason, never silently dropped
    world.pull(ber)
    assert RecordService(ber).get("support_case", case_id).owner_mission == "DE-BER"
    assert len(RecordService(ber).children("case_activity", case_id)) == 1
    moved = RecordService(ber).list(ListQuery("attachment")).rows
    assert len(moved) == 2 and {r.owner_mission for r in moved} == {"DE-BER"}


def test_a_shared_briefs_files_reach_every_mission_and_stay_their_owners(world: World) -> None:
    fra, ber = world.laptop("fra", "DE-FRA"), world.laptop("ber", "DE-BER")
    brief = RecordService(fra).create(
        "market_brief", {"title": "시장 동향", "topic": "market_trends", "country": "DE"}
    )
    file = {"file_name": "동향.pdf", "sha256": "cd" * 32, "size": 10, "media_type": "application/pdf"}
    on_brief = RecordService(fra).create("attachment", {**file, "brief_id": brief.record_id}).record_id
    RecordService(fra).create("attachment", {**file, "case_id": _case(fra)})  # the case's stays in Frankfurt
    world.sync(fra)
    world.sync(ber)
    listed = RecordService(ber).list(ListQuery("attachment")).rows
    assert [r.id for r in listed] == [on_brief]
    assert listed[0].owner_mission == "DE-FRA"
    # The verify digest agrees: the file is in Berlin's scope on both sides.
    with world.hq.store.read() as hq_conn, ber.store.read() as ber_conn:
        assert verify.digest(hq_conn, Role.MISSION, "DE-BER") == verify.digest(
            ber_conn, Role.MISSION, "DE-BER"
        )
    forged = Op(
        op_id="8c1d3f0e-0000-4000-8000-000000000002",
        device_id=ber.device.device_id,
        seq=2,
        entity="attachment",
        record_id=on_brief,
        kind=OpKind.UPDATE,
        owner_mission="DE-FRA",
        base_version=1,
        changes={"file_name": FieldChange("동향.pdf", "베를린.pdf")},
    )
    (result,) = world.authority.push([forged], ber.device.device_id)
    assert result.status is Status.REJECTED and "belongs to DE-FRA" in result.reason
    RecordService(fra).delete("attachment", on_brief)  # its deletion travels the same way
    world.sync(fra)
    world.pull(ber)
    assert RecordService(ber).get("attachment", on_brief).is_deleted
    assert visible_state(ber, "DE-BER") == visible_state(world.hq, "DE-BER")


def test_an_empty_answer_from_hq_never_deletes_local_records(world: World) -> None:
    a = world.laptop("a")
    ids = [_case(a, f"사례 {i}") for i in range(30)]
    world.sync(a)
    from missiondesk.sync.protocol import FeedChange, FeedPage

    epoch, position = replica.cursor(a)
    assert epoch is not None
    hostile = FeedPage(
        epoch,
        position + 30,
        position + 30,
        tuple(
            FeedChange(position + i + 1, "support_case", rid, "revoke", 9, None) for i, rid in enumerate(ids)
        ),
    )
    with pytest.raises(replica.MassChangeRefused, match="would remove 30"):
        replica.apply_page(a, hostile)
    assert RecordService(a).list(ListQuery("support_case")).total == 30
    assert replica.cursor(a)[1] == position


def test_applying_the_same_page_twice_changes_nothing(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    _case(a)
    world.sync(a)
    page = world.authority.changes(b.device.device_id, 0, 500)
    replica.apply_page(b, page)
    before = visible_state(b, "DE-FRA")
    replica.apply_page(b, page)  # the connection died after HQ sent it; the page comes again
    assert visible_state(b, "DE-FRA") == before


def test_an_edit_made_while_its_record_is_in_flight_is_rebased_not_lost(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    world.sync(a)
    world.pull(b)
    RecordService(b).update("support_case", case_id, {"priority": "low"})
    RecordService(a).update("support_case", case_id, {"summary": "A가 먼저"})
    world.push(a)
    world.pull(b)  # b still has its unsent priority edit
    case = RecordService(b).get("support_case", case_id)
    assert (case["priority"], case["summary"]) == ("low", "A가 먼저")
    world.sync(b)
    world.pull(a)
    assert RecordService(a).get("support_case", case_id)["priority"] == "low"


def test_ops_from_an_older_schema_are_upgraded_and_from_a_newer_one_held(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    world.sync(a)
    RecordService(a).update("support_case", case_id, {"summary": "구버전 앱의 메모"})
    (old_op,) = replica.pending_ops(a)
    wire = old_op.to_wire()
    # Pretend schema 2 renamed "summary" to "overview" and back again for this test:
    # the authority runs schema 2, the op comes from schema 1.
    monkeypatch.setitem(upgrades.UPGRADES, 1, lambda op: {**op, "made_by": op["made_by"] + " (upgraded)"})
    world.authority.schema_version = 2
    (result,) = world.authority.push([old_op], a.device.device_id)
    assert result.status is Status.APPLIED
    newer = Op.from_wire(
        {
            **wire,
            "op_id": "8c1d3f0e-0000-4000-8000-000000000002",
            "seq": old_op.seq + 1,
            "schema_version": 3,
            "changes": {"priority": ["normal", "high"]},
        }
    )
    (held,) = world.authority.push([newer], a.device.device_id)
    assert held.status is Status.HELD and "newer MissionDesk" in held.reason
    assert RecordService(world.hq).get("support_case", case_id).updated_by.endswith("(upgraded)")


def test_receipts_are_stored_once_per_op(world: World) -> None:
    a = world.laptop("a")
    for i in range(5):
        _case(a, f"사례 {i}")
    ops = replica.pending_ops(a)
    world.authority.push(ops[3:], a.device.device_id)
    world.authority.push(ops, a.device.device_id)
    world.authority.push(ops[:2], a.device.device_id)
    with world.hq.store.read() as conn:
        counted = conn.execute(
            sa.select(op_receipt.c.op_id, sa.func.count())
            .where(op_receipt.c.device_id == a.device.device_id)
            .group_by(op_receipt.c.op_id)
        ).all()
    assert sorted(n for _, n in counted) == [1] * len(ops)
    assert {op_id for op_id, _ in counted} == {o.op_id for o in ops}


def test_feed_pages_follow_the_cursor_and_respect_scope(world: World) -> None:
    fra, ber = world.laptop("fra", "DE-FRA"), world.laptop("ber", "DE-BER")
    for i in range(12):
        _case(fra, f"프랑크푸르트 {i}")
    RecordService(fra).create("company", {"name_ko": "공유 기업"})
    world.sync(fra)
    page = world.authority.changes(ber.device.device_id, 0, 5)
    seen = [c.entity for c in page.changes]
    assert "support_case" not in seen
    world.pull(ber, page_size=3)
    assert RecordService(ber).list(ListQuery("company", text="공유")).total == 1
    assert RecordService(ber).list(ListQuery("support_case")).total == 0
    assert dt.date.today()  # the feed never depends on clocks


def test_acknowledged_ops_are_kept_for_the_retention_period_then_pruned(world: World) -> None:
    a = world.laptop("a")
    _case(a)
    world.sync(a)
    assert replica.prune_acked(a) == 0  # young acknowledgements stay (an HQ restore may need them)
    assert replica.prune_acked(a, retention=dt.timedelta(0)) == 2
    _case(a, "다음 사례")
    assert maintenance.check(a).ok  # numbering still checks out with the bottom of the outbox pruned
    assert [op.seq for op in replica.pending_ops(a)] == [3]


def test_held_ops_are_forced_only_after_the_timeout(world: World) -> None:
    a = world.laptop("a")
    _case(a)
    _, create = replica.pending_ops(a)
    assert world.authority.push([create], a.device.device_id)[0].status is Status.HELD
    assert world.authority.force_held(a.device.device_id, older_than=dt.timedelta(hours=1)) == []
    assert len(world.authority.held(a.device.device_id)) == 1
    (forced,) = world.authority.force_held(a.device.device_id)
    assert forced.status is Status.APPLIED


def test_fields_this_hq_does_not_know_are_kept_not_dropped(world: World) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    world.sync(a)
    newer = Op(
        op_id="8c1d3f0e-0000-4000-8000-000000000003",
        device_id=a.device.device_id,
        seq=3,
        entity="support_case",
        record_id=case_id,
        kind=OpKind.UPDATE,
        owner_mission="DE-FRA",
        base_version=1,
        changes={"priority": FieldChange("normal", "high"), "esg_rating": FieldChange(None, "A")},
    )
    (result,) = world.authority.push([newer], a.device.device_id)
    assert result.status is Status.APPLIED
    case = RecordService(world.hq).get("support_case", case_id)
    assert case["priority"] == "high"
    assert case.extra["unknown_fields"] == {"esg_rating": "A"}
    world.pull(a)
    assert RecordService(a).get("support_case", case_id).extra["unknown_fields"] == {"esg_rating": "A"}


def test_a_held_delete_released_later_still_sees_edits_made_since_its_base(world: World) -> None:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = _case(a)
    company_id = RecordService(a).create("company", {"name_ko": "한빛배터리"}).record_id
    world.sync(a)
    world.pull(b)
    RecordService(b).update("support_case", case_id, {"summary": "B의 새 메모"})
    world.push(b)
    RecordService(a).update("company", company_id, {"name_en": "Hanbit"})
    RecordService(a).delete("support_case", case_id)
    edit, delete = replica.pending_ops(a)
    assert world.authority.push([delete], a.device.device_id)[0].status is Status.HELD
    # The batch that fills the gap names only the company; the released delete must still
    # learn that B edited the case since the delete's base version.
    assert world.authority.push([edit], a.device.device_id)[0].status is Status.APPLIED
    assert world.authority.receipts([delete.op_id]) == {delete.op_id: Status.CONFLICT}
    assert RecordService(world.hq).get("support_case", case_id).is_deleted
    (conflict,) = _open_conflicts(world.hq)
    assert conflict["kind"] == "delete_edit" and "B의 새 메모" in str(conflict["theirs"])


def test_the_feed_is_hqs_audit_trail_of_merged_changes(world: World) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    RecordService(a).update("support_case", case_id, {"priority": "urgent"})
    world.sync(a)
    with world.hq.store.read() as conn:
        entries = conn.execute(
            sa.select(change_feed.c.actor, change_feed.c.device_id, change_feed.c.fields)
            .where(change_feed.c.record_id == case_id)
            .order_by(change_feed.c.seq)
        ).all()
    assert [e.actor for e in entries] == ["a 담당관", "a 담당관"]
    assert {e.device_id for e in entries} == {a.device.device_id}
    assert entries[-1].fields == {"priority": ["normal", "urgent"]}


def test_hq_search_follows_merged_creates_edits_and_deletes(world: World) -> None:
    a = world.laptop("a")
    moved = _case(a, "프랑크푸르트 공장 부지")
    gone = _case(a, "취업비자 발급 지연")
    world.sync(a)
    RecordService(a).update("support_case", moved, {"title": "하노버 물류 창고"})
    RecordService(a).delete("support_case", gone)
    world.sync(a)
    assert [r.record.id for r in search_all(world.hq, "하노버")] == [moved]
    assert [r.record.id for r in search_all(world.hq, "물류")] == [moved]  # the two-character index too
    assert search_all(world.hq, "프랑크푸르트") == []  # the old text is gone
    assert search_all(world.hq, "취업비자") == []  # so is the deleted case
    assert search_all(world.hq, "비자") == []


def test_a_case_reference_made_twice_refuses_only_its_own_op(world: World) -> None:
    a = world.laptop("a", slot=1)
    first = _case(a, "바이에른 공장 부지")
    world.push(a)
    # A laptop cloned from a's image before enrolling: it numbers its cases from the same slot.
    b = init_mission(world.root / "b", "DE-FRA", "b 담당관", 1)
    world.authority.register_device(b.device.device_id, "DE-FRA", Role.MISSION, 2)
    world.laptops["b"] = b
    clash, other = _case(b, "작센 물류 창고"), _case(b, "튀링겐 부품 공장")
    ops = list(replica.pending_ops(b))
    results = [r for op, r in zip(ops, world.push(b, ops), strict=True) if op.entity == "support_case"]
    assert [r.status for r in results] == [Status.REJECTED, Status.APPLIED]
    assert "same case reference" in results[0].reason
    assert _hq_value(world, "support_case", first, "title") == "바이에른 공장 부지"
    assert _hq_value(world, "support_case", other, "reference") == "DE-FRA-26-1002"
    with world.hq.store.read() as conn:
        assert conn.execute(
            sa.select(op_receipt.c.status).where(op_receipt.c.op_id == results[0].op_id)
        ).scalar()
    assert clash not in {r.record.id for r in search_all(world.hq, "작센")}


def _activity(laptop: AppContext, seq: int, case_id: str) -> Op:
    return Op(
        op_id=str(uuid.uuid4()),
        device_id=laptop.device.device_id,
        seq=seq,
        entity="case_activity",
        record_id=str(uuid.uuid4()),
        kind=OpKind.CREATE,
        owner_mission=laptop.device.mission,
        base_version=0,
        changes={
            "case_id": FieldChange(None, case_id),
            "date": FieldChange(None, "2026-03-03"),
            "action_type": FieldChange(None, "consultation"),
        },
    )


def test_a_reference_to_a_case_not_at_hq_yet_waits_for_it_and_is_then_judged(world: World) -> None:
    a = world.laptop("a", slot=1)
    b = world.laptop("b", slot=2)  # DE-FRA too
    nyc = world.laptop("nyc", "US-NYC")
    case_id = _case(a)  # not sent yet: HQ does not know it
    mine = _activity(b, 2, case_id)
    theirs = _activity(nyc, 2, case_id)
    b_results = world.push(b, [*replica.pending_ops(b), mine])
    nyc_results = world.push(nyc, [*replica.pending_ops(nyc), theirs])
    assert [r.status for r in b_results + nyc_results] == [Status.APPLIED, Status.HELD] * 2
    world.push(a)  # the case arrives: both waiting ops are judged now, by the rule for case_id
    receipts = world.authority.receipts([mine.op_id, theirs.op_id])
    assert receipts == {mine.op_id: Status.APPLIED, theirs.op_id: Status.REJECTED}
    assert world.authority.held() == []
    assert RecordService(world.hq).get("case_activity", mine.record_id)["case_id"] == case_id
    with world.hq.store.read() as conn:
        table = entity_table("case_activity")
        assert conn.execute(sa.select(table.c.id).where(table.c.id == theirs.record_id)).first() is None
        reason = conn.execute(
            sa.select(op_receipt.c.reason).where(op_receipt.c.op_id == theirs.op_id)
        ).scalar_one()
    assert refusal_code(reason) is RefusalCode.REFERENCE_FOREIGN


def test_a_bug_in_the_merge_is_not_a_refusal_and_the_op_applies_once_fixed(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    world.sync(a)
    RecordService(a).update("support_case", case_id, {"priority": "high"})

    def broken(*_args: object, **_kw: object) -> object:
        raise ValueError("a bug in HQ's merge")

    monkeypatch.setattr(merge_module, "merge_fields", broken)
    ops = replica.pending_ops(a)
    with pytest.raises(ValueError, match="a bug in HQ's merge"):
        world.authority.push(ops, a.device.device_id)
    assert world.authority.receipts(o.op_id for o in ops) == {}  # no receipt: not refused for good
    assert len(replica.pending_ops(a)) == 1  # the laptop keeps it and sends it again
    monkeypatch.undo()
    assert [r.status for r in world.push(a)] == [Status.APPLIED]
    assert _hq_value(world, "support_case", case_id, "priority") == "high"


def test_a_value_the_domain_refuses_is_still_a_refusal(world: World) -> None:
    a = world.laptop("a")
    case_id = _case(a)
    world.sync(a)
    bad = Op(
        op_id=str(uuid.uuid4()),
        device_id=a.device.device_id,
        seq=3,
        entity="support_case",
        record_id=case_id,
        kind=OpKind.UPDATE,
        owner_mission="DE-FRA",
        base_version=1,
        changes={
            "received_date": FieldChange("2026-03-02", "not a date"),
            "jobs_created": FieldChange(None, 2**70),
        },
    )
    [result] = world.authority.push([bad], a.device.device_id)
    assert result.status is Status.REJECTED
    assert "received_date" in result.reason and "jobs_created" in result.reason
