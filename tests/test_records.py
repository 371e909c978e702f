"""The record services on a mission laptop: the change and its op together, or neither.

Runs on SQLite and on PostgreSQL (the same store code serves the HQ database).
"""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
import sqlalchemy as sa

from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import entity
from missiondesk.domain.validation import ValidationFailed
from missiondesk.domain.workflows import TransitionRefused
from missiondesk.errors import NotFound, UserError
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.services.progress import Cancelled
from missiondesk.services.records import PermissionDenied, RecordService
from missiondesk.store import outbox as outbox_mod
from missiondesk.store import records as store_records
from missiondesk.store.records import Writer
from missiondesk.store.tables import audit_event, outbox

D = dt.date


def _ops(ctx: AppContext) -> list[dict[str, object]]:
    with ctx.store.read() as conn:
        payloads = conn.execute(sa.select(outbox.c.payload).order_by(outbox.c.seq)).scalars().all()
    return [json.loads(p) for p in payloads]


def _new_case(svc: RecordService, **values: object) -> str:
    change = svc.create("support_case", {"title": "바이에른주 공장 부지 인허가 지연", **values})
    return change.record_id


def test_a_new_case_gets_defaults_a_reference_and_one_create_op(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    case = svc.get("support_case", _new_case(svc, received_date="2026-03-02"))
    assert case["status"] == "draft"
    assert case["country"] == "DE"
    assert case["reference"] == "DE-FRA-26-1001"
    assert case["officer_id"] == mission_on.device.officer_id
    assert case.owner_mission == "DE-FRA"
    op = _ops(mission_on)[-1]
    assert op["kind"] == "create"
    assert op["record_id"] == case.id
    assert op["base_version"] == 0
    assert op["changes"]["title"] == [None, "바이에른주 공장 부지 인허가 지연"]
    assert op["changes"]["received_date"] == [None, "2026-03-02"]


def test_an_edit_records_base_and_new_value_per_changed_field(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    case_id = _new_case(svc)
    change = svc.update(
        "support_case", case_id, {"priority": "high", "title": "바이에른주 공장 부지 인허가 지연"}
    )
    assert change.fields == ("priority",)
    op = _ops(mission_on)[-1]
    assert op["kind"] == "update"
    assert op["changes"] == {"priority": ["normal", "high"]}
    with mission_on.store.read() as conn:
        actions = conn.execute(
            sa.select(audit_event.c.action, audit_event.c.changes).where(audit_event.c.record_id == case_id)
        ).all()
    assert [a for a, _ in actions] == ["create", "update"]
    assert actions[-1][1] == {"priority": ["normal", "high"]}


def test_an_edit_that_changes_nothing_writes_no_op(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    case_id = _new_case(svc)
    before = len(_ops(mission_on))
    svc.update("support_case", case_id, {"priority": "normal"})
    assert len(_ops(mission_on)) == before


def test_a_failure_inside_the_transaction_leaves_neither_change_nor_op(
    mission_on: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = RecordService(mission_on)
    case_id = _new_case(svc)
    ops_before = _ops(mission_on)

    def broken_index(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power lost while indexing")

    monkeypatch.setattr(store_records.search, "index_record", broken_index)
    with pytest.raises(RuntimeError, match="power lost"):
        svc.update("support_case", case_id, {"title": "바뀐 제목"})
    with pytest.raises(RuntimeError):
        svc.create("company", {"name_ko": "한빛배터리"})
    assert svc.get("support_case", case_id)["title"] == "바이에른주 공장 부지 인허가 지연"
    assert _ops(mission_on) == ops_before
    assert svc.list(ListQuery("company")).total == 0
    with mission_on.store.read() as conn:
        assert outbox_mod.sequence_gaps(conn) == []


def test_sequence_numbers_have_no_gaps_under_many_edits_and_failures(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    case_id = _new_case(svc)
    for i in range(40):
        svc.update("support_case", case_id, {"summary": f"진행 상황 {i}"})
        if i % 7 == 0:
            with pytest.raises(ValidationFailed):
                svc.update("support_case", case_id, {"title": ""})
    seqs = [op["seq"] for op in _ops(mission_on)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) == 42  # the officer record, the case, 40 edits


def test_concurrent_writers_still_number_without_gaps(mission: AppContext) -> None:
    svc = RecordService(mission)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(15):
                svc.create("company", {"name_ko": f"동시기업 {n}-{i}"})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = [op["seq"] for op in _ops(mission)]
    assert seqs == list(range(1, 62))


def test_delete_goes_to_the_trash_and_restore_brings_it_back(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    case_id = _new_case(svc)
    svc.delete("support_case", case_id)
    assert svc.list(ListQuery("support_case")).total == 0
    trash = svc.list(ListQuery("support_case", trash=True))
    assert [r.id for r in trash.rows] == [case_id]
    assert trash.rows[0].deleted_by == "김영희"
    with pytest.raises(UserError, match="in the trash"):
        svc.update("support_case", case_id, {"priority": "high"})
    svc.restore("support_case", case_id)
    assert svc.list(ListQuery("support_case")).total == 1
    assert [op["kind"] for op in _ops(mission_on)][-2:] == ["delete", "restore"]
    with pytest.raises(UserError, match="not in the trash"):
        svc.restore("support_case", case_id)


def test_the_case_workflow_through_the_service(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    case_id = _new_case(svc, received_date="2026-01-10")
    with pytest.raises(UserError, match="through its workflow"):
        svc.update("support_case", case_id, {"status": "closed"})
    with pytest.raises(TransitionRefused, match="from draft to closed"):
        svc.transition("support_case", case_id, "closed")
    svc.transition("support_case", case_id, "open")
    svc.transition("support_case", case_id, "in_progress")
    with pytest.raises(TransitionRefused, match="pending on"):
        svc.transition("support_case", case_id, "pending")
    svc.transition("support_case", case_id, "pending", {"pending_on": "host_government"})
    with pytest.raises(TransitionRefused, match="outcome, resolution date, resolution summary"):
        svc.transition("support_case", case_id, "closed")
    svc.transition(
        "support_case",
        case_id,
        "closed",
        {"outcome": "resolved_full", "resolution_date": "2026-06-30", "resolution_summary": "건축허가 취득"},
    )
    closed = svc.get("support_case", case_id)
    assert closed["status"] == "closed"
    assert closed["resolution_date"] == D(2026, 6, 30)
    svc.transition("support_case", case_id, "in_progress")  # reopen
    assert svc.get("support_case", case_id)["status"] == "in_progress"


def test_a_new_record_starts_at_the_beginning_of_its_workflow(mission: AppContext) -> None:
    svc = RecordService(mission)
    with pytest.raises(UserError, match="starts as"):
        svc.create("support_case", {"title": "x", "status": "closed"})
    svc.create("council_meeting", {"year": 2026, "number": 1, "status": "held", "date": "2026-03-05"})


def test_children_share_their_parents_owner_and_list_under_it(mission: AppContext) -> None:
    svc = RecordService(mission)
    case_id = _new_case(svc)
    svc.create(
        "case_activity", {"case_id": case_id, "date": "2026-03-03", "action_type": "intake", "notes": "면담"}
    )
    svc.create("case_activity", {"case_id": case_id, "date": "2026-03-09", "action_type": "site_visit"})
    activities = svc.children("case_activity", case_id, sort="date")
    assert [a["action_type"] for a in activities] == ["intake", "site_visit"]
    assert {a.owner_mission for a in activities} == {"DE-FRA"}
    with pytest.raises(NotFound, match="belongs to is gone"):
        svc.create("case_activity", {"case_id": "no-such-case", "date": "2026-03-03", "action_type": "note"})


def test_missions_cannot_write_reference_data_or_review_fields(mission: AppContext) -> None:
    svc = RecordService(mission)
    germany = svc.list(ListQuery("country", equals={"code": "DE"})).rows[0]
    with pytest.raises(PermissionDenied, match="reference data kept by HQ"):
        svc.update("country", germany.id, {"name_en": "Deutschland"})
    case_id = _new_case(svc)
    with pytest.raises(PermissionDenied, match="Only HQ writes hq note of a support case"):
        svc.update("support_case", case_id, {"hq_note": "좋습니다"})


def test_hq_writes_review_fields_only(hq: AppContext) -> None:
    # A Frankfurt case as it reaches HQ: HQ may review it but not rewrite it.
    spec = entity("support_case")
    values = {
        "reference": "DE-FRA-26-1001",
        "title": "부지 확보",
        "country": "DE",
        "received_date": D(2026, 1, 5),
        "status": "open",
    }
    with hq.store.write() as conn:
        case = store_records.insert(conn, Writer(hq.device.device_id, "sync"), spec, values, "DE-FRA")[0]
    case_id = case.id
    svc = RecordService(hq)
    svc.update("support_case", case_id, {"hq_note": "본부 확인"})
    with pytest.raises(PermissionDenied, match="only write the review fields"):
        svc.update("support_case", case_id, {"title": "본부가 바꾼 제목"})
    with pytest.raises(PermissionDenied, match="HQ cannot create, delete or restore"):
        svc.create("support_case", {"title": "HQ cannot open cases"})
    with pytest.raises(PermissionDenied):
        svc.delete("support_case", case_id)


def test_another_missions_case_cannot_be_changed(mission: AppContext) -> None:
    svc = RecordService(mission)
    case_id = _new_case(svc)
    with mission.store.write() as conn:
        conn.execute(
            sa.text("UPDATE support_case SET owner_mission = 'DE-BER' WHERE id = :id"), {"id": case_id}
        )
    with pytest.raises(PermissionDenied, match="belongs to DE-BER"):
        svc.update("support_case", case_id, {"priority": "high"})
    with pytest.raises(PermissionDenied):
        svc.delete("support_case", case_id)


def test_lists_filter_sort_and_page_in_the_database(mission_on: AppContext) -> None:
    svc = RecordService(mission_on)
    for day, title, cats in [(3, "다", ["site"]), (1, "가", ["permits", "site"]), (2, "나", ["visas"])]:
        _new_case(svc, received_date=D(2026, 2, day), title=title, categories=cats)
    page = svc.list(ListQuery("support_case", sort="received_date", limit=2))
    assert [r["title"] for r in page.rows] == ["가", "나"]
    assert page.total == 3
    page2 = svc.list(ListQuery("support_case", sort="received_date", offset=2, limit=2))
    assert [r["title"] for r in page2.rows] == ["다"]
    desc = svc.list(ListQuery("support_case", sort="title", descending=True))
    assert [r["title"] for r in desc.rows] == ["다", "나", "가"]
    sites = svc.list(ListQuery("support_case", has_code={"categories": "site"}, sort="title"))
    assert [r["title"] for r in sites.rows] == ["가", "다"]
    window = svc.list(
        ListQuery("support_case", date_field="received_date", date_from=D(2026, 2, 2), date_to=D(2026, 2, 3))
    )
    assert window.total == 2
    with pytest.raises(UserError, match="cannot be sorted"):
        svc.list(ListQuery("support_case", sort="no_such_column"))


def test_a_typed_reference_prefix_lists_newest_first_from_its_covering_index(mission: AppContext) -> None:
    # Once the planner has statistics (ANALYZE, as the app's PRAGMA optimize gathers them over time),
    # SQLite took the unique reference index and read every matching case to sort it: the case list
    # took 5x longer for "DE-FRA-25" than finding the page's ids from the covering index alone.
    generate_demo(mission, cases=300)
    engine = mission.store.engine
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    statements: list[tuple[str, object]] = []

    def seen(conn: object, cursor: object, statement: str, parameters: object, *args: object) -> None:
        statements.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        prefix = RecordService(mission).list(ListQuery("support_case", sort="received_date", limit=5)).rows[0]
        typed = str(prefix["reference"])[:9]  # "DE-FRA-26": the mission and year
        page = RecordService(mission).list(
            ListQuery("support_case", text=typed, sort="received_date", descending=True, limit=20),
            with_total=False,
        )
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)
    assert page.rows and all(str(r["reference"]).startswith(typed) for r in page.rows)
    dates = [r["received_date"] for r in page.rows]
    assert dates == sorted(dates, reverse=True)
    listed, parameters = next(s for s in statements if "ORDER BY support_case.received_date DESC" in s[0])
    with engine.connect() as conn:
        explained = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + listed, parameters)  # type: ignore[arg-type]
        plan = " ".join(str(row[-1]) for row in explained)
    assert "COVERING INDEX ix_support_case_live_reference_received" in plan, plan


class _Stopper:
    """A task context whose cancel is asked for after ``after`` looks (the count looks many times)."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.looks = 0

    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check_cancelled(self) -> None:
        self.looks += 1
        if self.looks > self.after:
            raise Cancelled("stop")


def test_a_count_the_person_moved_on_from_stops_where_it_is(mission_on: AppContext) -> None:
    generate_demo(mission_on, cases=2000)  # enough rows for the count to look at its condition
    svc = RecordService(mission_on)
    query = ListQuery("support_case", has_code={"categories": "customs"})
    expected = svc.count(query)
    assert 0 < expected < 2000
    if mission_on.store.is_sqlite:
        stopper = _Stopper(after=0)
        with pytest.raises(Cancelled):
            svc.count(query, stopper)
        assert stopper.looks >= 1
    assert svc.count(query, _Stopper(after=10**9)) == expected  # not cancelled: the same answer
    assert svc.count(query) == expected  # and the connection is left as it was


def test_a_page_filtered_by_a_common_value_walks_the_sort_index(mission: AppContext) -> None:
    # With statistics SQLite took the status index, read every closed case and sorted them for one
    # page (90-200 ms at 100,000 cases); the sort column's index finds the page in about 1 ms.
    generate_demo(mission, cases=3000)
    engine = mission.store.engine
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    svc = RecordService(mission)
    everything = [
        r
        for start in range(0, 3000, 1000)
        for r in svc.list(
            ListQuery("support_case", sort="received_date", descending=True, offset=start, limit=1000)
        ).rows
    ]
    for equals in (
        {"status": "closed"},
        {"pending_on": "host_government"},
        {"status": "closed", "area": "DE-BY"},
    ):
        wanted = [r.id for r in everything if all(r[k] == v for k, v in equals.items())]
        for offset in (0, 20, 400):
            statements: list[tuple[str, object]] = []

            def seen(conn: object, cursor: object, statement: str, parameters: object, *args: object) -> None:
                statements.append((statement, parameters))  # noqa: B023

            sa.event.listen(engine, "before_cursor_execute", seen)
            try:
                query = ListQuery(
                    "support_case",
                    equals=equals,
                    sort="received_date",
                    descending=True,
                    offset=offset,
                    limit=50,
                )
                page = svc.list(query, with_total=False)
            finally:
                sa.event.remove(engine, "before_cursor_execute", seen)
            assert [r.id for r in page.rows] == wanted[offset : offset + 50], (equals, offset)
            if equals == {"status": "closed"} and offset == 0:
                listed, parameters = next(s for s in statements if "FROM support_case" in s[0])
                with engine.connect() as conn:
                    explained = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + listed, parameters)  # type: ignore[arg-type]
                    plan = " ".join(str(row[-1]) for row in explained)
                assert "ix_support_case_live_received_date" in plan and "TEMP B-TREE" not in plan, plan
                assert sum("FROM support_case" in s for s, _ in statements) == 1
