"""The yearly tallies against a known year with traps, counted at HQ and at a mission; locks and amendments."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from missiondesk.domain.records import ListQuery
from missiondesk.errors import UserError
from missiondesk.reports import drill, headline
from missiondesk.reports.period import Period, ReportScope, ScopeKind
from missiondesk.reports.rules import RULES, RULES_KO, RULES_VERSION
from missiondesk.services.records import RecordService
from missiondesk.services.reports import ReportService
from tests.reportdata import CUTOFF, EXPECTED_ALL, TODAY, D, Year, build


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Year]:
    built = build(tmp_path_factory.mktemp("report-year"))
    yield built
    built.world.close()


def period_2024(service: ReportService) -> Period:
    return service.period("2024", CUTOFF)


def test_hq_counts_every_mission_as_computed_by_hand(year: Year) -> None:
    service = ReportService(year.hq)
    report = service.report(period_2024(service), today=TODAY)
    t = report.tallies
    assert dict(t.figures) == EXPECTED_ALL
    assert t.countries == ("DE", "FR", "VN")
    assert t.rules_version == RULES_VERSION
    b = t.breakdowns
    assert b["cases_by_category"] == {
        "permits": 3,
        "customs": 1,
        "incorporation": 1,
        "ip": 1,
        "site": 1,
        "visas": 1,
    }
    assert b["cases_by_partner"] == {
        "KOTRA": 2,
        "KISED": 1,
        "KOSME": 1,
    }  # the joint case credited to all three
    assert b["cases_by_area"] == {"DE-HE": 3, "": 2, "DE-BW": 1, "DE-BY": 1}
    assert b["cases_by_country"] == {"DE": 6, "FR": 1}
    assert b["cases_pending_on"] == {"host_government": 1}
    assert b["cases_by_outcome"] == {"resolved_full": 1, "resolved_partial": 1}
    assert b["deliveries_by_topic"] == {"regulation": 3, "market_trends": 3}
    assert b["deliveries_by_sector"] == {"battery": 3, "": 3}
    assert b["meetings_by_country"] == {"DE": 2, "FR": 2, "VN": 1}
    assert b["proposals_by_status"] == {"draft": 1, "submitted": 1}
    assert list(b["cases_by_month"]) == [f"2024-{m:02d}" for m in range(1, 12)]
    assert b["cases_by_month"]["2024-02"] == 1 and b["cases_by_month"]["2024-07"] == 0
    assert sum(b["cases_by_month"].values()) == 7


def test_the_headline_reads_as_the_ministry_writes_it(year: Year) -> None:
    service = ReportService(year.hq)
    report = service.report(period_2024(service), today=TODAY)
    assert (
        report.headline_ko == "11월 30일 기준 3개국에서 지원협의회 5회 개최, 현장 지원 7건, 시장정보 6건 제공"
    )
    assert report.headline_en == (
        "As of 30 November, missions held 5 support council meetings in 3 countries, handled "
        "7 on-site support cases and provided 6 instances of local market information."
    )


def test_a_sentence_for_a_date_range_and_for_one_mission(year: Year) -> None:
    service = ReportService(year.laptop("fra"))
    report = service.report(Period(D(2024, 3, 1), D(2024, 6, 30)), today=TODAY)
    assert report.tallies.scope == ReportScope(ScopeKind.MISSION, "DE-FRA")
    assert (
        report.headline_ko
        == "2024년 3월 1일부터 6월 30일까지 1개국에서 지원협의회 2회 개최, 현장 지원 4건, 시장정보 3건 제공"
    )
    assert report.headline_en.startswith(
        "From 1 March to 30 June 2024, the mission held 2 support council meetings in 1 country"
    )


def test_scopes_select_owner_missions(year: Year) -> None:
    service = ReportService(year.hq)
    p = period_2024(service)
    europe = service.report(p, ReportScope(ScopeKind.REGION, "europe"), today=TODAY).tallies
    assert (europe["meetings_held"], europe["meeting_countries"], europe["cases_received"]) == (4, 2, 7)
    vietnam = service.report(p, ReportScope(ScopeKind.COUNTRY, "VN"), today=TODAY).tallies
    assert (vietnam["meetings_held"], vietnam["cases_received"], vietnam["deliveries"]) == (1, 0, 0)
    paris = service.report(p, ReportScope(ScopeKind.MISSION, "FR-PAR"), today=TODAY).tallies
    assert (paris["meetings_held"], paris["cases_received"], paris["deliveries"]) == (2, 1, 2)
    with pytest.raises(UserError):
        service.report(p, ReportScope(ScopeKind.MISSION, "XX-NOPE"))
    labels = {c.scope.key: c.label_ko for c in service.scopes()}
    assert labels["all"] == "전체 공관" and labels["country:VN"] == "베트남 소재 공관"


def test_the_mission_laptop_counts_its_own_work_the_same_way(year: Year) -> None:
    service = ReportService(year.laptop("fra"))
    t = service.report(period_2024(service), today=TODAY).tallies
    assert (t["meetings_held"], t["cases_received"], t["deliveries"], t["cases_joint"]) == (2, 6, 4, 1)


def test_every_clickable_figure_opens_exactly_the_records_it_counts(year: Year) -> None:
    service = ReportService(year.hq)
    t = service.report(period_2024(service), today=TODAY).tallies
    records = RecordService(year.hq)
    checked = 0
    for name in (
        "cases_received",
        "cases_open",
        "cases_pending",
        "cases_closed",
        "cases_resolved_full",
        "cases_resolved_partial",
        "meetings_held",
        "permits_obtained",
        "sites_secured",
        "proposals",
    ):
        q = drill.query_for(t, name)
        assert q is not None, name
        assert records.list(q).total == t[name], name
        checked += 1
    for name in (
        "cases_by_category",
        "cases_by_area",
        "cases_by_country",
        "cases_by_month",
        "cases_by_status",
        "cases_by_outcome",
        "cases_pending_on",
        "proposals_by_status",
    ):
        for key, n in t.breakdowns[name].items():
            q = drill.query_for(t, name, key)
            if q is None:
                continue
            assert records.list(q).total == n, (name, key)
            checked += 1
    assert checked > 25
    assert drill.query_for(t, "cases_dormant") is None  # the lists cannot ask "no activity for 90 days"
    assert drill.query_for(t, "cases_by_month", "2024-02") == ListQuery(
        "support_case",
        equals={"duplicate_of": None},
        date_field="received_date",
        date_from=D(2024, 2, 1),
        date_to=D(2024, 2, 29),
    )


def test_rules_are_written_down_and_versioned() -> None:
    codes = [code for code, _ in RULES]
    assert len(codes) == len(set(codes)) and {"M1", "C1", "C5", "C6", "B1", "L1"} <= set(codes)
    doc = (Path(__file__).parents[1] / "docs" / "reports.md").read_text(encoding="utf-8")
    assert f"`{RULES_VERSION}`" in doc
    for code in codes:
        assert f"**{code}**" in doc, f"rule {code} is not documented"
    assert set(RULES_KO) == set(codes)  # every rule reads in Korean too, and no other


def test_a_locked_period_keeps_its_figures_and_lists_later_edits_as_amendments(tmp_path: Path) -> None:
    year = build(tmp_path)
    try:
        hq = ReportService(year.hq)
        p = period_2024(hq)
        with pytest.raises(UserError, match="Only HQ"):
            ReportService(year.laptop("fra")).lock(p)
        with pytest.raises(UserError, match="before its cut-off"):
            hq.lock(p, today=D(2024, 11, 1))
        lock = hq.lock(p, today=TODAY)
        assert lock.tallies.figures == EXPECTED_ALL and lock.locked_by == "본부 분석관"
        with pytest.raises(UserError, match="locked already"):
            hq.lock(p, today=TODAY)

        fra = RecordService(year.laptop("fra"))
        fra.delete("council_meeting", year.ids["m_fra_jun"])  # a published meeting removed afterwards
        fra.transition("support_case", year.ids["c1"], "in_progress")  # progress, not an amendment
        year.world.push(year.laptop("fra"))

        again = hq.report(p, today=TODAY)
        assert again.lock is not None
        assert again.tallies.figures == EXPECTED_ALL  # the published numbers stay
        assert "5회" in again.headline_ko
        changed = {a.figure: (a.published, a.now) for a in again.amendments}
        assert changed == {"meetings_held": (5, 4), "meetings_by_country.DE": (2, 1)}
        nxt = hq.report(Period.year(2025, D(2025, 11, 30)), today=D(2025, 12, 1))
        assert [(a.period.key, a.figure, a.difference) for a in nxt.amendments] == [
            (p.key, "meetings_by_country.DE", -1),
            (p.key, "meetings_held", -1),
        ]
        other_scope = hq.report(p, ReportScope(ScopeKind.COUNTRY, "DE"), today=TODAY)
        assert other_scope.lock is None and other_scope.tallies["meetings_held"] == 1
    finally:
        year.world.close()


def test_headline_plurals() -> None:
    t = dataclasses.replace(
        _empty(),
        figures={"meetings_held": 1, "meeting_countries": 1, "cases_received": 1, "deliveries": 1_234},
    )
    assert headline.english(t) == (
        "As of 30 November, missions held 1 support council meeting in 1 country, handled 1 on-site support "
        "case and provided 1,234 instances of local market information."
    )
    assert headline.korean(t).endswith("시장정보 1,234건 제공")


def _empty():  # type: ignore[no-untyped-def]
    from missiondesk.reports.tallies import Tallies

    return Tallies(Period.year(2024, CUTOFF), ReportScope(), CUTOFF, {}, {})


def test_the_case_tallies_are_answered_from_the_report_index_alone(year: Year) -> None:
    """The grouped case query must stay within the columns of ix_support_case_report (migration 0006)."""
    import sqlalchemy as sa

    laptop = year.laptop("fra")
    engine = laptop.store.engine
    seen: list[tuple[str, object]] = []

    def remember(conn: object, cursor: object, statement: str, parameters: object, *rest: object) -> None:
        if "investment_usd" in statement and "GROUP BY" in statement:
            seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", remember)
    try:
        ReportService(laptop).report(ReportService(laptop).period("2024", CUTOFF), today=TODAY)
    finally:
        sa.event.remove(engine, "before_cursor_execute", remember)
    assert seen
    statement, parameters = seen[0]
    with engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()  # type: ignore[arg-type]
    details = " ".join(str(row[-1]) for row in plan)
    assert "COVERING INDEX ix_support_case_report" in details, details
