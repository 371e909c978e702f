"""HQ lands the ministry's consolidated workbook under its missions, and each mission receives its own.

The permission rule (``create_refusal``): HQ creates a mission's record for the mission it names, and
nothing else of it; a mission laptop creates for its own mission only. Through the real server on the
test PostgreSQL: HQ imports a two-mission workbook, each mission's laptop pulls only its own rows, and
the records say which HQ officer made them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from missiondesk.domain.permissions import (
    HQ_MISSION,
    RefusalCode,
    Role,
    create_refusal,
    refusal_code,
    write_refusal,
)
from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import entity
from missiondesk.services import table_import as ti
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_hq, init_mission
from missiondesk.services.sync import SyncService
from missiondesk.tables.values import CellCode
from tests.syncserver import ServerProcess, serve_on

HEADER = ["공관", "제목", "국가", "접수일", "상태", "기업명", "활동 일자", "활동 내용"]
ROWS = [
    [
        "DE-FRA",
        "공장 부지 인허가",
        "독일",
        "2023. 3. 5.",
        "진행 중",
        "(주)한빛배터리",
        "2023.03.06",
        "주정부 면담",
    ],
    ["DE-BER", "비자 발급 지연", "Deutschland", "2023.03.15", "접수", "새싹로보틱스", "", ""],
    ["DE-FRA", "통관 애로", "DE", "2023.04.02", "접수", "", "", ""],
]


def _workbook(path: Path, rows: list[list[str]] = ROWS, header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _cases(ctx: AppContext) -> list[tuple[str, str]]:
    rows = RecordService(ctx).list(ListQuery("support_case", limit=50)).rows
    return sorted((r.owner_mission, str(r.get("title"))) for r in rows)


def test_hq_creates_a_missions_record_only_for_the_mission_it_names() -> None:
    case, company = entity("support_case"), entity("company")
    assert create_refusal(case, "DE-FRA", Role.HQ, HQ_MISSION, ["title"]) is None
    assert create_refusal(company, "DE-BER", Role.HQ, HQ_MISSION, ["name_ko"]) is None
    # A mission's record made for HQ itself has no mission: still refused.
    assert refusal_code(create_refusal(case, HQ_MISSION, Role.HQ, HQ_MISSION)) is RefusalCode.MISSION_RECORD
    # Once made, it is the mission's: HQ neither deletes it nor writes more than its review fields.
    deleting = write_refusal(case, "DE-FRA", Role.HQ, HQ_MISSION, whole_record=True)
    assert refusal_code(deleting) is RefusalCode.MISSION_RECORD
    assert refusal_code(write_refusal(case, "DE-FRA", Role.HQ, HQ_MISSION, ["title"])) is (
        RefusalCode.REVIEW_FIELDS_ONLY
    )
    # A mission laptop creates for its own mission only, shared data included.
    assert create_refusal(case, "DE-FRA", Role.MISSION, "DE-FRA", ["title"]) is None
    for spec in (case, company):
        refused = create_refusal(spec, "DE-BER", Role.MISSION, "DE-FRA", ["title"])
        assert refusal_code(refused) is RefusalCode.OWNED_ELSEWHERE


def test_hq_imports_under_the_mission_it_is_told(hq: AppContext, tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "공관"]
    path = _workbook(tmp_path / "berlin.csv", [row[1:] for row in ROWS], header)

    report = ti.import_table(hq, ti.ImportRequest(path, ti.TableKind.CASES, mission="DE-BER"))

    assert report.count(ti.Outcome.NEW) == 3 and report.count(ti.Outcome.REFUSED) == 0
    assert [owner for owner, _ in _cases(hq)] == ["DE-BER"] * 3
    references = [str(r.get("reference")) for r in RecordService(hq).list(ListQuery("support_case")).rows]
    # In slot 0, which no laptop of the mission counts in: no laptop can make the same reference.
    assert sorted(references) == ["DE-BER-23-0001", "DE-BER-23-0002", "DE-BER-23-0003"]


def test_at_hq_a_row_naming_no_mission_is_told_how_to_give_one(hq: AppContext, tmp_path: Path) -> None:
    # No mission column and none chosen; then a mission column with one cell left empty.
    no_column = _workbook(tmp_path / "nocol.csv", [row[1:] for row in ROWS[:1]], HEADER[1:])
    one_empty = _workbook(tmp_path / "empty.csv", [ROWS[0], ["", *ROWS[1][1:]]])

    report = ti.import_table(hq, ti.ImportRequest(no_column, ti.TableKind.CASES))
    [row] = report.rows
    assert row.outcome is ti.Outcome.REFUSED
    assert [p.code for p in row.problems] == [CellCode.NO_MISSION]  # not a permission refusal
    said = ti.reason_text(row.problems)
    assert said.startswith("This row names no mission") and "choose the mission" in said
    assert "HQ" not in said
    assert ti.reason_text(row.problems, "ko") != said

    report = ti.import_table(hq, ti.ImportRequest(one_empty, ti.TableKind.CASES))
    assert [r.outcome for r in report.rows] == [ti.Outcome.NEW, ti.Outcome.REFUSED]
    [problem] = report.rows[1].problems
    assert problem.code is CellCode.NO_MISSION and problem.column == "A"  # the empty 공관 cell
    assert _cases(hq) == [("DE-FRA", "공장 부지 인허가")]


def test_a_mission_laptop_still_refuses_another_missions_rows(mission: AppContext, tmp_path: Path) -> None:
    report = ti.import_table(mission, ti.ImportRequest(_workbook(tmp_path / "all.csv"), ti.TableKind.CASES))

    assert {r.number: r.outcome for r in report.rows} == {
        2: ti.Outcome.NEW,
        3: ti.Outcome.REFUSED,
        4: ti.Outcome.NEW,
    }
    assert [p.code for p in report.rows[1].problems] == [CellCode.OTHER_MISSION]
    assert _cases(mission) == [("DE-FRA", "공장 부지 인허가"), ("DE-FRA", "통관 애로")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    yield from serve_on("postgres", tmp_path_factory.mktemp("server-hq-legacy"))


@pytest.mark.slow
def test_the_consolidated_workbook_reaches_each_mission_by_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    hq = init_hq(tmp_path / "hq", "본부 분석관", server.database_url)
    laptops = {}
    try:
        report = ti.import_table(
            hq, ti.ImportRequest(_workbook(tmp_path / "national.csv"), ti.TableKind.CASES)
        )
        assert report.count(ti.Outcome.NEW) == 3 and report.count(ti.Outcome.REFUSED) == 0
        assert report.made("support_case") == 3 and report.made("case_activity") == 1
        assert [owner for owner, _ in _cases(hq)] == ["DE-BER", "DE-FRA", "DE-FRA"]

        for mission in ("DE-FRA", "DE-BER"):
            ctx = init_mission(tmp_path / mission, mission, f"{mission} 담당관")
            SyncService(ctx, keyring=False).enroll(server.url, server.code(mission))
            SyncService(ctx, keyring=False, sleep=lambda _s: None).sync_once()
            laptops[mission] = ctx

        assert _cases(laptops["DE-FRA"]) == [("DE-FRA", "공장 부지 인허가"), ("DE-FRA", "통관 애로")]
        assert _cases(laptops["DE-BER"]) == [("DE-BER", "비자 발급 지연")]
        fra = RecordService(laptops["DE-FRA"])
        permits = next(
            r
            for r in fra.list(ListQuery("support_case", limit=10)).rows
            if r.get("title") == "공장 부지 인허가"
        )
        assert [str(a.get("notes")) for a in fra.children("case_activity", permits.id)] == ["주정부 면담"]
        assert permits.created_by == "본부 분석관"  # who imported travels with the record
        made = RecordService(hq).history("support_case", permits.id)[-1]
        assert (made.action, made.actor, made.device.device_id) == (
            "create",
            "본부 분석관",
            hq.device.device_id,
        )
        # The laptop works on it as its own record.
        fra.update("support_case", permits.id, {"title": "공장 부지 인허가 (이관)"})
    finally:
        for ctx in laptops.values():
            ctx.close()
        hq.close()


REFERRAL = ["KOTRA", "입지 컨설팅", "완료", "2023.04.10"]


def test_a_cases_rows_repeated_bring_its_activities_and_referrals(
    mission: AppContext, tmp_path: Path
) -> None:
    header = ["번호", "제목", "국가", "접수일", "활동 일자", "활동 내용"]
    header += ["연계 기관", "연계 내용", "연계 상태", "연계 완료일"]
    rows = [
        ["1", "공장 부지 인허가", "독일", "2023.03.05", "2023.03.06", "주정부 면담", *REFERRAL],
        ["1", "공장 부지 인허가", "독일", "2023.03.05", "2023.03.20", "현장 방문", "", "", "", ""],
        ["2", "비자 발급 지연", "독일", "2023.04.01", "", "", "대한무역투자진흥공사", "비자 상담", "", ""],
    ]
    path = _workbook(tmp_path / "cases.csv", rows, header)

    report = ti.import_table(mission, ti.ImportRequest(path, ti.TableKind.CASES))

    assert report.count(ti.Outcome.NEW) == 3 and report.count(ti.Outcome.REFUSED) == 0, [
        (r.number, r.problems) for r in report.rows
    ]
    assert (report.made("support_case"), report.made("case_activity"), report.made("partner_referral")) == (
        2,
        2,
        2,
    )
    records = RecordService(mission)
    cases = {str(c.get("title")): c.id for c in records.list(ListQuery("support_case", limit=9)).rows}
    permits = cases["공장 부지 인허가"]
    assert sorted(str(a.get("notes")) for a in records.children("case_activity", permits)) == [
        "주정부 면담",
        "현장 방문",
    ]
    referrals = [
        (r.get("partner"), r.get("service"), r.get("status"))
        for case_id in (permits, cases["비자 발급 지연"])
        for r in records.children("partner_referral", case_id)
    ]
    assert referrals == [("KOTRA", "입지 컨설팅", "done"), ("KOTRA", "비자 상담", "requested")]
    assert ti.import_table(mission, ti.ImportRequest(path, ti.TableKind.CASES)).count(ti.Outcome.NEW) == 0


def test_a_missions_legacy_sheet_reaches_hq_by_sync_and_hqs_report_counts_it(
    server: ServerProcess, tmp_path: Path
) -> None:
    """The other direction: a mission adopts MissionDesk with its old sheet; HQ's yearly tally counts it."""
    from missiondesk.reports.period import Period
    from missiondesk.reports.tallies import ReportScope, count

    def hq_tally() -> dict[str, int]:  # the figures HQ's report shows, read from HQ's own database
        with server.store() as store, store.read() as conn:
            return dict(count(conn, Period.year(2023), ReportScope()).figures)

    fra = init_mission(
        tmp_path / "fra", "DE-FRA", "프랑크푸르트 담당관", slot=7
    )  # another laptop of the mission
    try:
        before = hq_tally()
        own = [r for r in ROWS if r[0] == "DE-FRA"]
        report = ti.import_table(
            fra, ti.ImportRequest(_workbook(tmp_path / "fra.csv", own), ti.TableKind.CASES)
        )
        assert report.count(ti.Outcome.NEW) == 2
        SyncService(fra, keyring=False).enroll(server.url, server.code("DE-FRA"))
        SyncService(fra, keyring=False, sleep=lambda _s: None).sync_once()

        after = hq_tally()
        assert after["cases_received"] - before["cases_received"] == 2
    finally:
        fra.close()
