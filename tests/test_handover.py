"""Handover: an officer's open cases, tasks and proposals move to a successor, each case with a note."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
import sqlalchemy as sa

from missiondesk.domain.schema import entity
from missiondesk.services.context import AppContext
from missiondesk.services.handover import HandoverService, NoteMissing, SameOfficer
from missiondesk.services.records import PermissionDenied, RecordService
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.store import records as rows
from missiondesk.store.tables import entity_table
from missiondesk.store.tables import outbox as outbox_table
from tests.syncserver import ServerProcess, serve_on

TODAY = dt.date(2026, 12, 7)


@dataclass
class Portfolio:
    leaving: str  # officer ids
    successor: str
    other: str
    open_cases: list[str]
    closed_case: str
    others_case: str
    open_tasks: list[str]
    finished_tasks: list[str]
    open_proposal: str
    finished_proposal: str


def build_portfolio(ctx: AppContext) -> Portfolio:
    svc = RecordService(ctx)

    def officer(name: str) -> str:
        return svc.create("officer", {"name": name, "mission": "DE-FRA", "active": True}).record_id

    leaving, successor, other = officer("박민수"), officer("이서연"), officer("Anna Weber")

    def case(title: str, owner: str, *steps: tuple[str, dict[str, object]]) -> str:
        case_id = svc.create(
            "support_case", {"title": title, "officer_id": owner, "received_date": "2026-11-01"}
        ).record_id
        for target, values in steps:
            svc.transition("support_case", case_id, target, values)
        return case_id

    open_cases = [
        case("공장 부지 확보", leaving),
        case("비자 지연", leaving, ("open", {})),
        case("인허가", leaving, ("open", {}), ("pending", {"pending_on": "host_government"})),
    ]
    closed = case(
        "법인 설립",
        leaving,
        ("open", {}),
        (
            "closed",
            {"outcome": "resolved_full", "resolution_date": "2026-11-30", "resolution_summary": "done"},
        ),
    )
    others = case("통관", other, ("open", {}))

    def task(title: str, status: str) -> str:
        task_id = svc.create("task", {"title": title, "officer_id": leaving, "status": "open"}).record_id
        if status != "open":
            svc.transition("task", task_id, status, {"done_date": TODAY} if status == "done" else {})
        return task_id

    open_tasks = [task("서류 제출", "open"), task("회신 확인", "open")]
    finished = [task("방문 일정", "done"), task("취소된 일", "cancelled")]
    proposal = {"programme": "SME-GLOBAL", "fiscal_year": 2027, "officer_id": leaving}
    open_proposal = svc.create("proposal", {**proposal, "title": "현지 거점"}).record_id
    with ctx.store.write() as conn:  # a finished proposal: only HQ completes one, so made directly
        record, _op = rows.insert(
            conn,
            svc._writer,
            entity("proposal"),
            {**proposal, "title": "지난 사업", "status": "completed"},
            "DE-FRA",
        )
    return Portfolio(
        leaving, successor, other, open_cases, closed, others, open_tasks, finished, open_proposal, record.id
    )


@pytest.fixture
def portfolio(mission: AppContext) -> Portfolio:
    return build_portfolio(mission)


def officer_of(ctx: AppContext, entity_name: str, record_id: str) -> str:
    return str(RecordService(ctx).get(entity_name, record_id).get("officer_id"))


def activities_of(ctx: AppContext, case_id: str) -> list[dict[str, object]]:
    return [dict(r.values) for r in RecordService(ctx).children("case_activity", case_id)]


def test_preview_lists_exactly_the_officers_open_records(mission: AppContext, portfolio: Portfolio) -> None:
    plan = HandoverService(mission).preview(portfolio.leaving, portfolio.successor)
    assert plan.counts() == {"support_case": 3, "task": 2, "proposal": 1}
    assert {c.record_id for c in plan.cases} == set(portfolio.open_cases)
    assert {i.record_id for i in plan.of("task")} == set(portfolio.open_tasks)
    assert [i.record_id for i in plan.of("proposal")] == [portfolio.open_proposal]
    assert all(c.reference.startswith("DE-FRA-") for c in plan.cases)


def test_handover_moves_open_records_and_writes_one_note_per_case(
    mission: AppContext, portfolio: Portfolio
) -> None:
    service = HandoverService(mission)
    plan = service.preview(portfolio.leaving, portfolio.successor)
    first = portfolio.open_cases[0]
    result = service.run(
        plan,
        {first: "부지 후보 3곳, 주정부 회신 대기"},
        default_note="진행 상황은 타임라인 참조",
        today=TODAY,
    )

    for case_id in portfolio.open_cases:
        assert officer_of(mission, "support_case", case_id) == portfolio.successor
        notes = activities_of(mission, case_id)
        assert len(notes) == 1, "one handover note per case"
        assert notes[0]["action_type"] == "note" and notes[0]["date"] == TODAY
        assert notes[0]["officers"] == [portfolio.leaving, portfolio.successor]
        assert str(notes[0]["notes"]).startswith("박민수 → 이서연: ")
    assert str(activities_of(mission, first)[0]["notes"]).endswith("부지 후보 3곳, 주정부 회신 대기")
    assert str(activities_of(mission, portfolio.open_cases[1])[0]["notes"]).endswith("타임라인 참조")
    for task_id in portfolio.open_tasks:
        assert officer_of(mission, "task", task_id) == portfolio.successor
    assert officer_of(mission, "proposal", portfolio.open_proposal) == portfolio.successor
    # what is finished, and what belongs to someone else, stays where it was
    assert officer_of(mission, "support_case", portfolio.closed_case) == portfolio.leaving
    assert activities_of(mission, portfolio.closed_case) == []
    assert officer_of(mission, "support_case", portfolio.others_case) == portfolio.other
    for task_id in portfolio.finished_tasks:
        assert officer_of(mission, "task", task_id) == portfolio.leaving
    assert officer_of(mission, "proposal", portfolio.finished_proposal) == portfolio.leaving
    # the changes to announce: 6 reassignments and 3 notes
    kinds = sorted((c.entity, c.kind) for c in result.changes)
    assert kinds.count(("case_activity", "create")) == 3 and len(kinds) == 9


def test_every_change_is_an_ordinary_outbox_op(mission: AppContext, portfolio: Portfolio) -> None:
    service = HandoverService(mission)
    plan = service.preview(portfolio.leaving, portfolio.successor)
    with mission.store.read() as conn:
        before = conn.execute(sa.select(sa.func.max(outbox_table.c.seq))).scalar()
    service.run(plan, {}, default_note="인계합니다")
    with mission.store.read() as conn:
        ops = conn.execute(sa.select(outbox_table).where(outbox_table.c.seq > before)).mappings().all()
    by_entity = sorted((o["entity"], o["kind"]) for o in ops)
    assert by_entity == sorted(
        [("support_case", "update")] * 3
        + [("case_activity", "create")] * 3
        + [("task", "update")] * 2
        + [("proposal", "update")]
    )
    assert [o["seq"] for o in ops] == list(range(before + 1, before + 10)), "gap-free, one per change"
    case_ops = [o for o in ops if o["entity"] == "support_case"]
    for op in case_ops:  # assigned_on was today already (the cases were made today): not a change
        assert json.loads(op["payload"])["changes"]["officer_id"] == [portfolio.leaving, portfolio.successor]


def test_refused_without_a_note_and_nothing_moves(mission: AppContext, portfolio: Portfolio) -> None:
    service = HandoverService(mission)
    plan = service.preview(portfolio.leaving, portfolio.successor)
    notes = {portfolio.open_cases[0]: "ok", portfolio.open_cases[1]: "   "}
    with pytest.raises(NoteMissing) as refused:
        service.run(plan, notes)
    assert len(refused.value.references) == 2
    for case_id in portfolio.open_cases:
        assert officer_of(mission, "support_case", case_id) == portfolio.leaving
        assert activities_of(mission, case_id) == []
    with pytest.raises(SameOfficer):
        service.preview(portfolio.leaving, portfolio.leaving)


def test_a_failure_midway_rolls_back_the_whole_handover(mission: AppContext, portfolio: Portfolio) -> None:
    service = HandoverService(mission)
    plan = service.preview(portfolio.leaving, portfolio.successor)

    class Stop(Exception):
        pass

    class StopAtFourth:
        def progress(self, done: int, total: int, text: str = "") -> None:
            if done == 4:
                raise Stop

        def check_cancelled(self) -> None:
            pass

    with pytest.raises(Stop):
        service.run(plan, {}, default_note="note", task=StopAtFourth())
    for case_id in portfolio.open_cases:
        assert officer_of(mission, "support_case", case_id) == portfolio.leaving
        assert activities_of(mission, case_id) == []


def test_hq_may_not_hand_over_a_missions_records(hq: AppContext) -> None:
    svc = RecordService(hq)
    leaving = svc.create("officer", {"name": "박민수", "mission": "DE-FRA"}).record_id
    successor = svc.create("officer", {"name": "이서연", "mission": "DE-FRA"}).record_id
    values = {"reference": "DE-FRA-26-1001", "title": "t", "country": "DE", "received_date": TODAY}
    with hq.store.write() as conn:  # a mission's case as HQ holds it after a sync
        case, _op = rows.insert(
            conn,
            svc._writer,
            entity("support_case"),
            {**values, "status": "open", "officer_id": leaving},
            "DE-FRA",
        )
    service = HandoverService(hq)
    plan = service.preview(leaving, successor)
    assert [c.record_id for c in plan.cases] == [case.id]
    with pytest.raises(PermissionDenied):
        service.run(plan, {}, default_note="note")
    assert officer_of(hq, "support_case", case.id) == leaving
    assert activities_of(hq, case.id) == []


def test_officer_named_ignores_case_and_spacing(mission: AppContext, portfolio: Portfolio) -> None:
    service = HandoverService(mission)
    assert service.officer_named(" anna  WEBER ").id == portfolio.other
    with pytest.raises(Exception, match="No officer"):
        service.officer_named("Nobody")


def test_assigned_on_follows_the_officer(mission: AppContext, portfolio: Portfolio) -> None:
    svc = RecordService(mission)
    case_id = portfolio.others_case
    table = entity_table("support_case")
    with mission.store.write() as conn:
        conn.execute(sa.update(table).where(table.c.id == case_id).values(assigned_on=dt.date(2020, 1, 1)))
    svc.update("support_case", case_id, {"title": "통관 문제"})
    assert svc.get("support_case", case_id)["assigned_on"] == dt.date(2020, 1, 1)
    svc.update("support_case", case_id, {"officer_id": portfolio.successor})
    assert svc.get("support_case", case_id)["assigned_on"] == dt.date.today()


# --- the handover reaches HQ as ordinary ops, through the real server ---------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    yield from serve_on(request.param, tmp_path_factory.mktemp(f"server-{request.param}"))


@pytest.mark.slow
def test_a_handover_reaches_hq(tmp_path: Path, server: ServerProcess) -> None:
    ctx = init_mission(tmp_path / "laptop", "DE-FRA", "박민수", 1)
    sync = SyncService(ctx, keyring=False, sleep=lambda _s: None)
    sync.enroll(server.url, server.code("DE-FRA"))
    try:
        portfolio = build_portfolio(ctx)
        sync.sync_once()
        service = HandoverService(ctx)
        service.run(service.preview(portfolio.leaving, portfolio.successor), {}, default_note="인계 메모")
        sync.sync_once()
        with ctx.store.read() as conn:
            unsent = conn.execute(
                sa.select(sa.func.count()).select_from(outbox_table).where(outbox_table.c.acked_at.is_(None))
            ).scalar()
        assert unsent == 0
        with server.store() as store, store.read() as conn:
            cases = entity_table("support_case")
            query = sa.select(cases.c.id, cases.c.officer_id).where(cases.c.id.in_(portfolio.open_cases))
            officers = {row.id: row.officer_id for row in conn.execute(query)}
            assert officers == {c: portfolio.successor for c in portfolio.open_cases}
            activities = entity_table("case_activity")
            notes = conn.execute(
                sa.select(activities.c.case_id, activities.c.notes).where(
                    activities.c.case_id.in_(portfolio.open_cases)
                )
            ).all()
            assert sorted(c for c, _n in notes) == sorted(portfolio.open_cases)
            assert all(n == "박민수 → 이서연: 인계 메모" for _c, n in notes)
            tasks = entity_table("task")
            moved = conn.execute(
                sa.select(tasks.c.id).where(tasks.c.officer_id == portfolio.successor)
            ).scalars()
            assert set(moved) == set(portfolio.open_tasks)
    finally:
        ctx.close()


# --- missiondesk handover ------------------------------------------------------------------------


def test_cli_previews_with_dry_run_then_hands_over_with_per_case_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from missiondesk import cli
    from missiondesk.services.context import open_context

    data = tmp_path / "laptop"
    init_mission(data, "DE-FRA", "김영희").close()
    with open_context(data) as ctx:
        portfolio = build_portfolio(ctx)
        refs = {c: str(RecordService(ctx).get("support_case", c)["reference"]) for c in portfolio.open_cases}
    common = ["--data-dir", str(data), "--from", "박민수", "--to", "이서연"]

    assert cli.main(["handover", *common, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Cases (3):" in out and "Tasks (2):" in out and "Proposals (1):" in out
    assert all(ref in out for ref in refs.values()) and "Dry run" in out

    assert cli.main(["handover", *common]) == 1  # no note for any case: refused, nothing moved
    assert "handover note" in capsys.readouterr().err

    first, second, third = portfolio.open_cases
    notes = tmp_path / "notes.tsv"
    notes.write_text(
        f"reference\tnote\n{refs[first]}\t부지 협의 중\n{refs[second].lower()}\t비자 서류 보완\n", "utf-8"
    )
    assert cli.main(["handover", *common, "--note-file", str(notes)]) == 1  # the third case has none
    assert refs[third] in capsys.readouterr().err

    document = tmp_path / "인계서.docx"
    handover = [
        "handover",
        *common,
        "--note-file",
        str(notes),
        "--note",
        "타임라인 참조",
        "--out",
        str(document),
    ]
    assert cli.main(handover) == 0
    out = capsys.readouterr().out
    assert "Handed over 3 case(s), 2 task(s) and 1 proposal(s) from 박민수 to 이서연" in out
    assert f"Handover document written to {document}" in out
    # The document describes the cases as they were before the move (all three, under 박민수).
    text = "\n".join(p.text for p in docx.Document(str(document)).paragraphs) + "".join(
        cell.text for table in docx.Document(str(document)).tables for row in table.rows for cell in row.cells
    )
    assert all(ref in text for ref in refs.values()) and "박민수" in text
    with open_context(data) as ctx:
        said = {c: str(activities_of(ctx, c)[0]["notes"]) for c in portfolio.open_cases}
        assert officer_of(ctx, "proposal", portfolio.open_proposal) == portfolio.successor
    assert said == {
        first: "박민수 → 이서연: 부지 협의 중",
        second: "박민수 → 이서연: 비자 서류 보완",
        third: "박민수 → 이서연: 타임라인 참조",
    }

    wrong = tmp_path / "wrong.csv"
    wrong.write_text("DE-FRA-26-9999,typo\n", "utf-8")
    assert cli.main(["handover", *common, "--note-file", str(wrong), "--note", "x"]) == 1
    assert "DE-FRA-26-9999" in capsys.readouterr().err
    assert (
        cli.main(["handover", "--data-dir", str(data), "--from", "Nobody", "--to", "이서연", "--note", "x"])
        == 1
    )
    assert "No officer is called 'Nobody'" in capsys.readouterr().err
