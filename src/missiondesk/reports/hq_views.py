"""HQ's own views: the missions side by side for a period, and the records whose data needs a look.

Both are counted by the database under the tallies' rules (``tallies.py``: a mission's row holds what
``count`` gives for that mission alone; a test holds the two equal) and carry codes, not words: the
window names them in its language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.enums import CaseOutcome, CaseStatus, MeetingStatus
from missiondesk.reports.period import Period
from missiondesk.reports.tallies import OPEN_STATUSES, is_dormant_case
from missiondesk.store.tables import entity_table

COMPARED = ("cases_received", "meetings_held", "deliveries", "cases_open", "cases_dormant")
"""The figures of a mission's row, in the order the window shows them (names as in ``FIGURES``)."""

QUALITY_LIMIT = 500
"""At most this many records of each problem: a list longer than that is read by nobody."""


@dataclass(frozen=True)
class MissionRow:
    mission: str
    figures: dict[str, int]  # COMPARED -> number


def by_mission(conn: Connection, period: Period, *, today: dt.date | None = None) -> list[MissionRow]:
    """Every mission (those with nothing in the period too: a silent mission is news), by code."""
    as_of = min(period.last, today or dt.date.today())
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COMPARED, 0))

    c = entity_table("support_case")
    received = [
        c.c.deleted_at.is_(None),
        c.c.duplicate_of.is_(None),
        c.c.received_date >= period.start,
        c.c.received_date <= period.last,
    ]
    is_open = sa.case((c.c.status.in_([s.value for s in OPEN_STATUSES]), 1), else_=0)
    is_dormant = sa.case((is_dormant_case(as_of), 1), else_=0)
    for owner, n, n_open, n_dormant in conn.execute(
        sa.select(c.c.owner_mission, sa.func.count(), sa.func.sum(is_open), sa.func.sum(is_dormant))
        .where(*received)
        .group_by(c.c.owner_mission)
    ):
        row = counts[str(owner)]
        row["cases_received"], row["cases_open"], row["cases_dormant"] = (
            n,
            int(n_open or 0),
            int(n_dormant or 0),
        )

    m = entity_table("council_meeting")
    for owner, n in conn.execute(
        sa.select(m.c.owner_mission, sa.func.count())
        .where(
            m.c.deleted_at.is_(None),
            m.c.status == MeetingStatus.HELD.value,
            m.c.date >= period.start,
            m.c.date <= period.last,
        )
        .group_by(m.c.owner_mission)
    ):
        counts[str(owner)]["meetings_held"] = n

    d, b = entity_table("brief_delivery"), entity_table("market_brief")
    for owner, n in conn.execute(
        sa.select(d.c.owner_mission, sa.func.count())
        .select_from(d.join(b, b.c.id == d.c.brief_id))
        .where(
            d.c.deleted_at.is_(None),
            b.c.deleted_at.is_(None),
            d.c.date >= period.start,
            d.c.date <= period.last,
        )
        .group_by(d.c.owner_mission)
    ):
        counts[str(owner)]["deliveries"] = n

    mission = entity_table("mission")
    codes = conn.execute(sa.select(mission.c.code).where(mission.c.deleted_at.is_(None))).scalars()
    every = set(map(str, codes)) | set(counts)  # a mission with nothing in the period is news too
    zero = dict.fromkeys(COMPARED, 0)
    return [MissionRow(code, dict(counts.get(code, zero))) for code in sorted(every)]


class Problem(StrEnum):
    CLOSED_WITHOUT_RESULTS = "closed_without_results"
    LIKELY_DUPLICATE_COMPANY = "likely_duplicate_company"
    MEETING_WITHOUT_ATTENDANCE = "meeting_without_attendance"


@dataclass(frozen=True)
class QualityIssue:
    problem: Problem
    entity: str
    record_id: str
    mission: str  # the owner mission ("global" for a company)
    title: str  # the record as lists name it (a case's reference and title, a company's names)
    detail: str = ""  # a duplicate company: the business number or name it shares (its group)


def quality(conn: Connection, limit: int = QUALITY_LIMIT) -> list[QualityIssue]:
    """Records whose data needs a look, problem by problem."""
    return [
        *_closed_without_results(conn, limit),
        *_duplicate_companies(conn, limit),
        *_meetings_alone(conn, limit),
    ]


def _closed_without_results(conn: Connection, limit: int) -> Iterable[QualityIssue]:
    """Cases closed as resolved (in full or in part) with no measurable result: no investment, no jobs,
    no permit and no site. A withdrawn or transferred case, or one not resolved, is not expected to have one."""
    c = entity_table("support_case")
    stmt = (
        sa.select(c.c.id, c.c.owner_mission, c.c.reference, c.c.title)
        .where(
            c.c.deleted_at.is_(None),
            c.c.status == CaseStatus.CLOSED.value,
            c.c.outcome.in_([CaseOutcome.RESOLVED_FULL.value, CaseOutcome.RESOLVED_PARTIAL.value]),
            sa.func.coalesce(c.c.investment_usd, 0) == 0,
            sa.func.coalesce(c.c.jobs_created, 0) == 0,
            c.c.permit_obtained.is_not(True),
            c.c.site_secured.is_not(True),
        )
        .order_by(c.c.owner_mission, c.c.reference)
        .limit(limit)
    )
    for record_id, owner, reference, title in conn.execute(stmt):
        yield QualityIssue(
            Problem.CLOSED_WITHOUT_RESULTS, "support_case", record_id, owner, f"{reference}  {title}".strip()
        )


_LEGAL_FORMS = re.compile(
    r"\(주\)|㈜|주식회사|유한회사|\b(co|corp|corporation|inc|ltd|limited|llc|gmbh|ag)\b\.?", re.IGNORECASE
)


def company_key(name: str | None) -> str:
    """A company name as it compares: NFKC, case-folded, without legal forms, spaces and punctuation
    (``(주)배터리리텍`` and ``배터리 리텍 주식회사`` are one; ``BatteryReTech GmbH`` and ``batteryretech`` too)."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = _LEGAL_FORMS.sub("", text)
    return "".join(ch for ch in text if ch.isalnum())


def _duplicate_companies(conn: Connection, limit: int) -> Iterable[QualityIssue]:
    """Live companies that share a business registration number (digits only) or a name (``company_key``,
    Korean or Latin), as groups of two or more; each company of a group is one row."""
    t = entity_table("company")
    companies = conn.execute(
        sa.select(t.c.id, t.c.owner_mission, t.c.name_ko, t.c.name_en, t.c.brn).where(
            t.c.deleted_at.is_(None)
        )
    ).all()
    groups: dict[str, list[int]] = defaultdict(list)
    for i, (_id, _owner, name_ko, name_en, brn) in enumerate(companies):
        digits = "".join(ch for ch in str(brn or "") if ch.isdigit())
        keys = {f"brn:{digits}"} if digits else set()
        keys |= {f"name:{k}" for k in (company_key(name_ko), company_key(name_en)) if k}
        for key in keys:
            groups[key].append(i)
    shown: set[int] = set()
    out: list[QualityIssue] = []
    for key, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        for i in members:
            if i in shown:
                continue  # a company in two groups (same number and same name) is listed once
            shown.add(i)
            record_id, owner, name_ko, name_en, brn = companies[i]
            title = f"{name_ko} ({name_en})" if name_en else str(name_ko)
            out.append(
                QualityIssue(
                    Problem.LIKELY_DUPLICATE_COMPANY, "company", record_id, owner, title, key.split(":", 1)[1]
                )
            )
            if len(out) >= limit:
                return out
    return out


def _meetings_alone(conn: Connection, limit: int) -> Iterable[QualityIssue]:
    """Held council meetings with no live attendance record: who took part was never written down."""
    m, at = entity_table("council_meeting"), entity_table("meeting_attendance")
    attended = sa.select(at.c.meeting_id).where(at.c.deleted_at.is_(None))
    stmt = (
        sa.select(m.c.id, m.c.owner_mission, m.c.year, m.c.number, m.c.date, m.c.location)
        .where(m.c.deleted_at.is_(None), m.c.status == MeetingStatus.HELD.value, m.c.id.not_in(attended))
        .order_by(m.c.owner_mission, m.c.year, m.c.number)
        .limit(limit)
    )
    for record_id, owner, year, number, date, location in conn.execute(stmt):
        title = f"{year}-{number} {location or ''}".strip()
        yield QualityIssue(
            Problem.MEETING_WITHOUT_ATTENDANCE, "council_meeting", record_id, owner, title, str(date or "")
        )
