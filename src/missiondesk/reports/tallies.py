"""The tallies of one period and scope, counted by the database (GROUP BY), under ``rules.RULES``.

Every query filters on the live rows of the scope's missions and groups in SQL; Python only folds the
few grouped rows into figures (a category list is grouped by its JSON text, then split: a handful of
combinations, not a row per case). ``figures`` holds the headline numbers, ``breakdowns`` the tables
behind the charts; ``flat()`` names every number once, for a lock and its amendments.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.enums import CaseOutcome, CaseStatus, MeetingStatus, ProposalStatus, ReferralStatus
from missiondesk.errors import NotFound
from missiondesk.reports.period import Period, ReportScope, ScopeKind
from missiondesk.reports.rules import DORMANT_DAYS, RULES_VERSION
from missiondesk.store.tables import entity_table

FIGURES: tuple[str, ...] = (
    "meetings_held",
    "meeting_countries",
    "meetings_planned",
    "meetings_cancelled",
    "cases_received",
    "cases_open",
    "cases_pending",
    "cases_closed",
    "cases_resolved_full",
    "cases_resolved_partial",
    "cases_dormant",
    "cases_referred",
    "cases_joint",
    "duplicates_excluded",
    "deliveries",
    "briefs_delivered",
    "firms_reached",
    "proposals",
    "investment_usd",
    "jobs_created",
    "permits_obtained",
    "sites_secured",
)
BREAKDOWNS: tuple[str, ...] = (
    "cases_by_month",
    "cases_by_status",
    "cases_pending_on",
    "cases_by_outcome",
    "cases_by_category",
    "cases_by_area",
    "cases_by_country",
    "cases_by_partner",
    "meetings_by_country",
    "deliveries_by_topic",
    "deliveries_by_sector",
    "proposals_by_status",
)
OPEN_STATUSES = (CaseStatus.DRAFT, CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.PENDING)
ACTIVE_STATUSES = (CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.PENDING)
NOT_CREDITED = (ReferralStatus.DECLINED.value, ReferralStatus.CANCELLED.value)
PARTNER_SEPARATOR = "\x1f"  # the ASCII unit separator: never part of a partner code


@dataclass(frozen=True)
class Tallies:
    period: Period
    scope: ReportScope
    as_of: dt.date
    figures: Mapping[str, int]
    breakdowns: Mapping[str, Mapping[str, int]]
    countries: tuple[str, ...] = ()  # the countries where meetings were held
    rules_version: str = RULES_VERSION
    missions: tuple[str, ...] | None = field(default=None, compare=False)  # the scope, resolved

    def __getitem__(self, name: str) -> int:
        return self.figures[name]

    def flat(self) -> dict[str, int]:
        """Every number under one name: ``cases_received``, ``cases_by_category.permits``…"""
        out = dict(self.figures)
        for name, table in self.breakdowns.items():
            for key, n in table.items():
                out[f"{name}.{key}"] = n
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period.to_json(),
            "scope": self.scope.key,
            "as_of": self.as_of.isoformat(),
            "rules_version": self.rules_version,
            "figures": dict(self.figures),
            "breakdowns": {k: dict(v) for k, v in self.breakdowns.items()},
            "countries": list(self.countries),
            "missions": None if self.missions is None else list(self.missions),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Tallies:
        p = data["period"]
        period = Period(
            dt.date.fromisoformat(p["start"]),
            dt.date.fromisoformat(p["end"]),
            dt.date.fromisoformat(p["cutoff"]) if p.get("cutoff") else None,
            p.get("code") or "",
        )
        return cls(
            period=period,
            scope=ReportScope.parse(data["scope"]),
            as_of=dt.date.fromisoformat(data["as_of"]),
            figures={k: int(v) for k, v in data["figures"].items()},
            breakdowns={k: {kk: int(vv) for kk, vv in v.items()} for k, v in data["breakdowns"].items()},
            countries=tuple(data.get("countries") or ()),
            rules_version=str(data["rules_version"]),
            missions=None if data.get("missions") is None else tuple(data["missions"]),
        )


def scope_missions(conn: Connection, scope: ReportScope) -> tuple[str, ...] | None:
    """The owner missions a scope selects (rule S1); None for all."""
    if scope.kind is ScopeKind.ALL:
        return None
    mission, country = entity_table("mission"), entity_table("country")
    if scope.kind is ScopeKind.MISSION:
        stmt = sa.select(mission.c.code).where(mission.c.code == scope.code)
    elif scope.kind is ScopeKind.COUNTRY:
        stmt = sa.select(mission.c.code).where(mission.c.country == scope.code)
    else:
        stmt = (
            sa.select(mission.c.code)
            .join(country, country.c.code == mission.c.country)
            .where(country.c.region == scope.code)
        )
    found = tuple(sorted(str(c) for c in conn.execute(stmt).scalars()))
    if not found and scope.kind is ScopeKind.MISSION:
        raise NotFound(f"Unknown mission code {scope.code!r}.")
    return found


def count(conn: Connection, period: Period, scope: ReportScope, *, today: dt.date | None = None) -> Tallies:
    """Count the tallies of ``period`` for ``scope`` (rules ``RULES_VERSION``)."""
    today = today or dt.date.today()
    as_of = min(period.last, today)
    missions = scope_missions(conn, scope)
    figures: dict[str, int] = dict.fromkeys(FIGURES, 0)
    breakdowns: dict[str, dict[str, int]] = {}

    def owned(table: sa.Table) -> list[sa.ColumnElement[bool]]:
        return [] if missions is None else [table.c.owner_mission.in_(missions)]

    # --- council meetings (M1, M2) -----------------------------------------------------------
    m, mi = entity_table("council_meeting"), entity_table("mission")
    meeting_rows = conn.execute(
        sa.select(m.c.status, mi.c.country, sa.func.count())
        .select_from(m.outerjoin(mi, mi.c.code == m.c.owner_mission))
        .where(m.c.deleted_at.is_(None), m.c.date >= period.start, m.c.date <= period.last, *owned(m))
        .group_by(m.c.status, mi.c.country)
    ).all()
    by_country: Counter[str] = Counter()
    for status, country, n in meeting_rows:
        if status == MeetingStatus.HELD:
            figures["meetings_held"] += n
            by_country[country or ""] += n
        elif status == MeetingStatus.PLANNED:
            figures["meetings_planned"] += n
        elif status == MeetingStatus.CANCELLED:
            figures["meetings_cancelled"] += n
    countries = tuple(sorted(c for c in by_country if c))
    figures["meeting_countries"] = len(countries)
    breakdowns["meetings_by_country"] = _by_count(by_country)

    # --- support cases (C1-C3, O1) ------------------------------------------------------------
    c = entity_table("support_case")
    # Always name the owners, even for "all missions": the report index (migration 0006) starts with
    # the owner, so a list of owners lets SQLite answer from the index instead of the table.
    case_owners = missions
    if case_owners is None:
        case_owners = tuple(conn.execute(sa.select(c.c.owner_mission).distinct()).scalars())
    in_period = [
        c.c.deleted_at.is_(None),
        c.c.received_date >= period.start,
        c.c.received_date <= period.last,
        c.c.owner_mission.in_(case_owners),
    ]
    counted = [*in_period, c.c.duplicate_of.is_(None)]
    is_dup = sa.case((c.c.duplicate_of.is_(None), 0), else_=1)
    # One pass over the period's cases: grouped by every single-valued dimension a case figure needs
    # (a few dozen groups), folded below. The categories (C4) are grouped on their own: with their
    # JSON text in this key the groups multiplied into thousands, each decoded in Python, and the
    # database sorted every case by the long text (twice the time of the two narrower passes).
    # C6, dormant, is summed in the same pass, not grouped by: as a key its test (a NOT IN over the
    # recent activities) was written twice, in the select list and the GROUP BY, and SQLite built the
    # activity list twice and sorted every case by one more key (89 -> 69 ms at 30,000 cases).
    dims = (is_dup, c.c.status, c.c.pending_on, c.c.outcome, c.c.area, c.c.country)
    rows = conn.execute(
        sa.select(
            *dims,
            sa.func.count(),
            sa.func.sum(sa.case((is_dormant_case(as_of), 1), else_=0)),
            sa.func.coalesce(sa.func.sum(c.c.investment_usd), 0),
            sa.func.coalesce(sa.func.sum(c.c.jobs_created), 0),
            sa.func.sum(sa.case((c.c.permit_obtained.is_(True), 1), else_=0)),
            sa.func.sum(sa.case((c.c.site_secured.is_(True), 1), else_=0)),
        )
        .where(*in_period)
        .group_by(*dims)
    ).all()
    by_status: Counter[str] = Counter()
    pending_on: Counter[str] = Counter()
    by_outcome: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    case_countries: Counter[str] = Counter()
    for dup, status, pending, outcome, area, country, n, dormant, invest, jobs, permits, sites in rows:
        if dup:
            figures["duplicates_excluded"] += n
            continue
        figures["cases_received"] += n
        figures["cases_dormant"] += int(dormant or 0)
        by_status[status] += n
        areas[area or ""] += n
        case_countries[country or ""] += n
        figures["investment_usd"] += int(invest or 0)
        figures["jobs_created"] += int(jobs or 0)
        figures["permits_obtained"] += int(permits or 0)
        figures["sites_secured"] += int(sites or 0)
        if status in OPEN_STATUSES:
            figures["cases_open"] += n
        if status == CaseStatus.PENDING:
            figures["cases_pending"] += n
            pending_on[pending or ""] += n
        if status == CaseStatus.CLOSED:
            figures["cases_closed"] += n
            by_outcome[outcome or ""] += n
            if outcome == CaseOutcome.RESOLVED_FULL:
                figures["cases_resolved_full"] += n
            elif outcome == CaseOutcome.RESOLVED_PARTIAL:
                figures["cases_resolved_partial"] += n
    # C4: a case counts once in each of its categories (grouped by the list's text: a few hundred lists)
    # SQLite keeps the JSON as its text already (a CAST of every case cost a fifth of this pass);
    # PostgreSQL's json cannot be grouped, its text can.
    cat_text: sa.ColumnElement[str] = (
        sa.type_coerce(c.c.categories, sa.Text)
        if conn.dialect.name == "sqlite"
        else sa.cast(c.c.categories, sa.Text)
    )
    for cats, n in conn.execute(sa.select(cat_text, sa.func.count()).where(*counted).group_by(cat_text)):
        codes = set(json.loads(cats)) if cats else set()
        for code in codes or {""}:
            categories[code] += n
    breakdowns["cases_by_status"] = _in_order(by_status, [s.value for s in CaseStatus])
    breakdowns["cases_pending_on"] = _by_count(pending_on)
    breakdowns["cases_by_outcome"] = _in_order(by_outcome, [o.value for o in CaseOutcome])
    breakdowns["cases_by_category"] = _by_count(categories)
    breakdowns["cases_by_area"] = _by_count(areas)
    breakdowns["cases_by_country"] = _by_count(case_countries)

    months: Counter[str] = Counter()
    for day, n in conn.execute(
        sa.select(c.c.received_date, sa.func.count()).where(*counted).group_by(c.c.received_date)
    ):
        months[f"{day.year:04d}-{day.month:02d}"] += n
    breakdowns["cases_by_month"] = {k: months.get(k, 0) for k in period.months()}

    # C5: partners, a joint case credited to each
    r = entity_table("partner_referral")
    counted_ids = sa.select(c.c.id).where(*counted).scalar_subquery()
    credited = [r.c.deleted_at.is_(None), r.c.status.not_in(NOT_CREDITED), r.c.case_id.in_(counted_ids)]
    # One pass: each case's partners (joined by a separator no code holds), grouped by that text, a
    # few hundred at most. A case counts once as referred, as joint when its set has two partners or
    # more, and is credited to every partner in it. (Window functions over the pairs did the same
    # with two more sorts of every pair: a third longer.) No DISTINCT over the (case, partner) pairs:
    # the text is split into a set below, so a partner named twice counts once all the same, and
    # without it SQLite reads each case's referrals in (case_id, partner) order from the index of
    # migration 0015 and joins them without a sort.
    partner_set = sa.func.aggregate_strings(r.c.partner, PARTNER_SEPARATOR).label("partners")
    sets = sa.select(partner_set).where(*credited).group_by(r.c.case_id).subquery()
    by_partner: Counter[str] = Counter()
    for joined, n in conn.execute(sa.select(sets.c.partners, sa.func.count()).group_by(sets.c.partners)):
        partners = set(joined.split(PARTNER_SEPARATOR))
        figures["cases_referred"] += n
        figures["cases_joint"] += n if len(partners) >= 2 else 0
        for partner in partners:
            by_partner[partner] += n
    breakdowns["cases_by_partner"] = _by_count(by_partner)

    # --- market information (B1) --------------------------------------------------------------
    d, b = entity_table("brief_delivery"), entity_table("market_brief")
    delivered = [
        d.c.deleted_at.is_(None),
        b.c.deleted_at.is_(None),
        d.c.date >= period.start,
        d.c.date <= period.last,
        *owned(d),
    ]
    topics: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for topic, sector, n in conn.execute(
        sa.select(b.c.topic, b.c.sector, sa.func.count())
        .select_from(d.join(b, b.c.id == d.c.brief_id))
        .where(*delivered)
        .group_by(b.c.topic, b.c.sector)
    ):
        figures["deliveries"] += n
        topics[topic or ""] += n
        sectors[sector or ""] += n
    breakdowns["deliveries_by_topic"] = _by_count(topics)
    breakdowns["deliveries_by_sector"] = _by_count(sectors)
    briefs, firms = conn.execute(
        sa.select(sa.func.count(sa.distinct(d.c.brief_id)), sa.func.count(sa.distinct(d.c.company_id)))
        .select_from(d.join(b, b.c.id == d.c.brief_id))
        .where(*delivered)
    ).one()
    figures["briefs_delivered"], figures["firms_reached"] = int(briefs), int(firms)

    # --- proposals (R1) -------------------------------------------------------------------------
    p = entity_table("proposal")
    proposals = conn.execute(
        sa.select(p.c.status, sa.func.count())
        .where(
            p.c.deleted_at.is_(None),
            p.c.fiscal_year >= period.start.year,
            p.c.fiscal_year <= period.last.year,
            *owned(p),
        )
        .group_by(p.c.status)
    )
    by_proposal: Counter[str] = Counter(dict(proposals.all()))
    figures["proposals"] = sum(by_proposal.values())
    breakdowns["proposals_by_status"] = _in_order(by_proposal, [s.value for s in ProposalStatus])

    return Tallies(
        period=period,
        scope=scope,
        as_of=as_of,
        figures=figures,
        breakdowns={name: breakdowns[name] for name in BREAKDOWNS},
        countries=countries,
        missions=missions,
    )


def is_dormant_case(as_of: dt.date) -> sa.ColumnElement[bool]:
    """Rule C6 over the support-case table: active, received before the dormant span, and no live
    activity within it up to ``as_of``."""
    c, a = entity_table("support_case"), entity_table("case_activity")
    since = as_of - dt.timedelta(days=DORMANT_DAYS)
    recent = sa.select(a.c.case_id).where(a.c.deleted_at.is_(None), a.c.date > since, a.c.date <= as_of)
    return sa.and_(
        c.c.status.in_([s.value for s in ACTIVE_STATUSES]),
        c.c.received_date <= since,
        c.c.id.not_in(recent),
    )


def _by_count(counter: Mapping[str, int]) -> dict[str, int]:
    """Largest first, then by key, so the same data always gives the same order."""
    return dict(sorted(((k, n) for k, n in counter.items() if n), key=lambda kv: (-kv[1], kv[0])))


def _in_order(counter: Mapping[str, int], order: Iterable[str]) -> dict[str, int]:
    known = list(order)
    out = {k: counter[k] for k in known if counter.get(k)}
    out.update({k: n for k, n in counter.items() if k not in out and n})
    return out
