"""The case tallies, counted in narrower passes, equal the passes they replaced.

Until 2026-12-07 one query grouped the period's cases by every dimension, the categories' JSON text
included, and Python decoded the list of every group (thousands at 100,000 cases); the partners were
counted with window functions over every (case, partner) pair. The references below are those queries
and their folds, kept here in substance, run on a generated dataset on both stores.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import sqlalchemy as sa

from missiondesk.domain.enums import CaseOutcome, CaseStatus
from missiondesk.reports import tallies
from missiondesk.reports.period import Period, ReportScope
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.store.tables import entity_table

CASE_FIGURES = (
    "cases_received",
    "cases_open",
    "cases_pending",
    "cases_closed",
    "cases_resolved_full",
    "cases_resolved_partial",
    "cases_dormant",
    "duplicates_excluded",
    "investment_usd",
    "jobs_created",
    "permits_obtained",
    "sites_secured",
    "cases_referred",
    "cases_joint",
)
CASE_BREAKDOWNS = (
    "cases_by_status",
    "cases_pending_on",
    "cases_by_outcome",
    "cases_by_category",
    "cases_by_area",
    "cases_by_country",
    "cases_by_partner",
)


def _one_wide_pass(conn: sa.Connection, period: Period, as_of: dt.date) -> dict[str, object]:
    """The replaced query: every case dimension and the categories' text in one GROUP BY."""
    c = entity_table("support_case")
    is_dup = sa.case((c.c.duplicate_of.is_(None), 0), else_=1)
    is_dormant = sa.case((tallies.is_dormant_case(as_of), 1), else_=0)
    cat_text = sa.cast(c.c.categories, sa.Text)
    dims = (is_dup, is_dormant, c.c.status, c.c.pending_on, c.c.outcome, c.c.area, c.c.country, cat_text)
    rows = conn.execute(
        sa.select(
            *dims,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(c.c.investment_usd), 0),
            sa.func.coalesce(sa.func.sum(c.c.jobs_created), 0),
            sa.func.sum(sa.case((c.c.permit_obtained.is_(True), 1), else_=0)),
            sa.func.sum(sa.case((c.c.site_secured.is_(True), 1), else_=0)),
        )
        .where(c.c.deleted_at.is_(None), c.c.received_date >= period.start, c.c.received_date <= period.last)
        .group_by(*dims)
    ).all()
    figures: Counter[str] = Counter()
    table: dict[str, Counter[str]] = {name: Counter() for name in CASE_BREAKDOWNS}
    for dup, dormant, status, pending, outcome, area, country, cats, n, invest, jobs, permits, sites in rows:
        if dup:
            figures["duplicates_excluded"] += n
            continue
        figures["cases_received"] += n
        figures["cases_dormant"] += n if dormant else 0
        table["cases_by_status"][status] += n
        table["cases_by_area"][area or ""] += n
        table["cases_by_country"][country or ""] += n
        codes = set(json.loads(cats)) if cats else set()
        for code in codes or {""}:
            table["cases_by_category"][code] += n
        figures["investment_usd"] += int(invest or 0)
        figures["jobs_created"] += int(jobs or 0)
        figures["permits_obtained"] += int(permits or 0)
        figures["sites_secured"] += int(sites or 0)
        if status in tallies.OPEN_STATUSES:
            figures["cases_open"] += n
        if status == CaseStatus.PENDING:
            figures["cases_pending"] += n
            table["cases_pending_on"][pending or ""] += n
        if status == CaseStatus.CLOSED:
            figures["cases_closed"] += n
            table["cases_by_outcome"][outcome or ""] += n
            if outcome == CaseOutcome.RESOLVED_FULL:
                figures["cases_resolved_full"] += n
            elif outcome == CaseOutcome.RESOLVED_PARTIAL:
                figures["cases_resolved_partial"] += n
    _partners_by_window(conn, period, figures, table["cases_by_partner"])
    out: dict[str, object] = {name: figures[name] for name in CASE_FIGURES}
    out.update({name: {k: n for k, n in t.items() if n} for name, t in table.items()})
    return out


def _partners_by_window(conn: sa.Connection, period: Period, figures: Counter[str], by: Counter[str]) -> None:
    """The replaced partner pass: a joint case found by window functions over the (case, partner) pairs."""
    c, r = entity_table("support_case"), entity_table("partner_referral")
    counted_ids = (
        sa.select(c.c.id)
        .where(
            c.c.deleted_at.is_(None),
            c.c.received_date >= period.start,
            c.c.received_date <= period.last,
            c.c.duplicate_of.is_(None),
        )
        .scalar_subquery()
    )
    credited = [
        r.c.deleted_at.is_(None),
        r.c.status.not_in(tallies.NOT_CREDITED),
        r.c.case_id.in_(counted_ids),
    ]
    pairs = sa.select(r.c.case_id, r.c.partner).where(*credited).distinct().subquery()
    ranked = sa.select(
        pairs.c.partner,
        sa.func.count().over(partition_by=pairs.c.case_id).label("partners"),
        sa.func.row_number().over(partition_by=pairs.c.case_id, order_by=pairs.c.partner).label("rank"),
    ).subquery()
    first = ranked.c.rank == 1
    for partner, n, referred, joint in conn.execute(
        sa.select(
            ranked.c.partner,
            sa.func.count(),
            sa.func.sum(sa.case((first, 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(first, ranked.c.partners >= 2), 1), else_=0)),
        ).group_by(ranked.c.partner)
    ):
        by[partner] += n
        figures["cases_referred"] += int(referred or 0)
        figures["cases_joint"] += int(joint or 0)


def test_the_narrow_passes_count_what_the_wide_passes_counted(mission_on: AppContext) -> None:
    generate_demo(mission_on, cases=600)
    today = dt.date.today()
    for year in (today.year - 1, today.year):
        period = Period.year(year)
        with mission_on.store.read() as conn:
            got = tallies.count(conn, period, ReportScope(), today=today)
            expected = _one_wide_pass(conn, period, min(period.last, today))
        assert expected["cases_received"], f"the demo data has no cases in {year}"
        assert len(expected["cases_by_category"]) > 2  # type: ignore[arg-type]
        assert expected["cases_joint"], f"the demo data has no joint case in {year}"
        now = {name: got.figures[name] for name in CASE_FIGURES}
        now.update({name: dict(got.breakdowns[name]) for name in CASE_BREAKDOWNS})
        assert now == expected


def test_no_pass_groups_the_cases_by_their_category_text_and_another_dimension(mission: AppContext) -> None:
    # The wide key made thousands of groups, each decoded in Python, and sorted every case by it.
    generate_demo(mission, cases=200)
    grouped: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *rest: object) -> None:
        if "GROUP BY" in statement and "support_case" in statement:
            grouped.append(statement.split("GROUP BY", 1)[1])

    sa.event.listen(mission.store.engine, "before_cursor_execute", seen)
    try:
        with mission.store.read() as conn:
            tallies.count(conn, Period.year(dt.date.today().year), ReportScope())
    finally:
        sa.event.remove(mission.store.engine, "before_cursor_execute", seen)
    by_categories = [key for key in grouped if "categories" in key]
    assert by_categories and all("," not in key for key in by_categories), by_categories


def test_the_partner_pass_reads_the_referrals_from_their_covering_index_alone(mission: AppContext) -> None:
    # With the plain case_id index SQLite read every referral's row to check its status and deletion
    # (migration 0015: 100 -> 60 ms at 100,000 cases).
    generate_demo(mission, cases=200)
    seen: list[tuple[str, object]] = []

    def remember(conn: object, cursor: object, statement: str, parameters: object, *rest: object) -> None:
        if "partner_referral" in statement and "GROUP BY" in statement:
            seen.append((statement, parameters))

    sa.event.listen(mission.store.engine, "before_cursor_execute", remember)
    try:
        with mission.store.read() as conn:
            tallies.count(conn, Period.year(dt.date.today().year), ReportScope())
    finally:
        sa.event.remove(mission.store.engine, "before_cursor_execute", remember)
    [(statement, parameters)] = seen
    with mission.store.engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()  # type: ignore[arg-type]
    details = " ".join(str(row[-1]) for row in plan)
    assert "COVERING INDEX ix_partner_referral_live_case_partner" in details, details
