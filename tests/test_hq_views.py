"""HQ's own views, counted by the database: the missions side by side, and the records to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from missiondesk.reports.hq_views import COMPARED, Problem, company_key
from missiondesk.reports.period import ReportScope, ScopeKind
from missiondesk.reports.tallies import count
from missiondesk.services.records import RecordService
from missiondesk.services.reports import ReportService
from tests.reportdata import CUTOFF, EXPECTED_ALL, TODAY, D, Year, build


def add_quality_traps(year: Year) -> dict[str, str]:
    """Records with the problems HQ's data-quality list finds, and their look-alikes without them."""
    fra = RecordService(year.laptop("fra"))
    par = RecordService(year.laptop("par"))
    made: dict[str, str] = {}
    bare = fra.create(
        "support_case", {"title": "결과 없이 종결", "received_date": D(2024, 8, 1), "status": "open"}
    ).record_id
    fra.transition(
        "support_case",
        bare,
        "closed",
        {"outcome": "resolved_full", "resolution_date": D(2024, 9, 1), "resolution_summary": "해결"},
    )
    made["bare_case"] = bare
    withdrawn = fra.create(
        "support_case", {"title": "기업이 철회", "received_date": D(2024, 8, 2), "status": "open"}
    ).record_id
    fra.transition(
        "support_case",
        withdrawn,
        "closed",
        {"outcome": "withdrawn", "resolution_date": D(2024, 9, 1), "resolution_summary": "철회"},
    )
    made["withdrawn_case"] = withdrawn
    made["twin_a"] = fra.create(
        "company", {"name_ko": "(주)배터리리텍", "name_en": "BatteryReTech GmbH"}
    ).record_id
    made["twin_b"] = par.create("company", {"name_ko": "배터리 리텍 주식회사"}).record_id
    made["brn_a"] = fra.create("company", {"name_ko": "한빛소재", "brn": "123-45-67890"}).record_id
    made["brn_b"] = par.create("company", {"name_ko": "Hanbit Materials", "brn": "1234567890"}).record_id
    fra.create(
        "meeting_attendance",
        {"meeting_id": year.ids["m_fra_mar"], "partner": "KOTRA-FRA", "attendees": 3},
    )
    for name in ("fra", "par"):
        year.world.push(year.laptop(name))
    return made


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Year]:
    built = build(tmp_path_factory.mktemp("hq-views"))
    built.ids.update(add_quality_traps(built))
    yield built
    built.world.close()


def test_each_missions_row_is_what_the_tallies_count_for_that_mission_alone(year: Year) -> None:
    service = ReportService(year.hq)
    period = service.period("2024", CUTOFF)
    _names, rows = service.by_mission(period, today=TODAY)
    by_code = {r.mission: r.figures for r in rows}
    assert {"DE-FRA", "FR-PAR", "VN-HAN", "US-NYC"} <= set(by_code)  # a mission with nothing is listed too
    with year.hq.store.read() as conn:
        for code, figures in by_code.items():
            alone = count(conn, period, ReportScope(ScopeKind.MISSION, code), today=TODAY)
            assert figures == {name: alone[name] for name in COMPARED}, code
    assert by_code["US-NYC"] == dict.fromkeys(COMPARED, 0)
    # Summed over the missions: the all-missions figures (one more case and meeting from the traps).
    total = {name: sum(f[name] for f in by_code.values()) for name in COMPARED}
    assert total["meetings_held"] == EXPECTED_ALL["meetings_held"]
    assert total["deliveries"] == EXPECTED_ALL["deliveries"]
    assert total["cases_received"] == EXPECTED_ALL["cases_received"] + 2
    assert total["cases_dormant"] == EXPECTED_ALL["cases_dormant"]
    assert by_code["FR-PAR"]["meetings_held"] == 2 and by_code["VN-HAN"]["meetings_held"] == 1


def test_the_data_quality_list_finds_each_problem_and_nothing_else(year: Year) -> None:
    _names, issues = ReportService(year.hq).data_quality()
    found = {(i.problem, i.record_id) for i in issues}
    ids = year.ids
    closed = {r for p, r in found if p is Problem.CLOSED_WITHOUT_RESULTS}
    assert closed == {ids["bare_case"]}  # c1 and c3 have results; a withdrawn case is not expected to
    twins = {r for p, r in found if p is Problem.LIKELY_DUPLICATE_COMPANY}
    assert twins == {ids["twin_a"], ids["twin_b"], ids["brn_a"], ids["brn_b"]}
    alone = {r for p, r in found if p is Problem.MEETING_WITHOUT_ATTENDANCE}
    assert ids["m_fra_mar"] not in alone and ids["m_fra_jun"] in alone
    bare = next(i for i in issues if i.record_id == ids["bare_case"])
    assert (
        bare.mission == "DE-FRA" and bare.title.endswith("결과 없이 종결") and bare.entity == "support_case"
    )
    brn = next(i for i in issues if i.record_id == ids["brn_b"])
    assert brn.detail == "1234567890"


def test_company_names_compare_without_legal_forms_spaces_or_case() -> None:
    assert company_key("(주)배터리리텍") == company_key("배터리 리텍 주식회사") == "배터리리텍"
    assert company_key("BatteryReTech GmbH") == company_key("batteryretech") == "batteryretech"
    assert company_key("Hanbit Co., Ltd.") == "hanbit"
    assert company_key("") == ""
