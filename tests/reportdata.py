"""A known reporting year with traps, built through the services on three mission laptops and pushed to HQ.

Hand-computed figures for 2024 with the 30 November cut-off (today 2025-01-15) are in ``EXPECTED``;
each trap says in a comment why it does or does not count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from tests.syncsim import World

D = dt.date
TODAY = D(2025, 1, 15)
CUTOFF = D(2024, 11, 30)


@dataclass
class Year:
    world: World
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def hq(self) -> AppContext:
        return self.world.hq

    def laptop(self, name: str) -> AppContext:
        return self.world.laptops[name]


def _meeting(rs: RecordService, number: int, date: dt.date, status: str) -> str:
    values: dict[str, Any] = {"year": date.year, "number": number, "date": date, "location": "회의실"}
    if status == "held":
        values["status"] = "held"
    change = rs.create("council_meeting", values)
    if status == "cancelled":
        rs.transition("council_meeting", change.record_id, "cancelled")
    return change.record_id


def _case(rs: RecordService, received: dt.date, categories: list[str], area: str | None, **kw: Any) -> str:
    values = {
        "title": f"사례 {received.isoformat()}",
        "received_date": received,
        "categories": categories,
        "area": area,
        "status": "draft" if kw.pop("draft", False) else "open",
        **kw,
    }
    return rs.create("support_case", values).record_id


def _close(rs: RecordService, case_id: str, outcome: str, **kw: Any) -> None:
    rs.transition(
        "support_case",
        case_id,
        "closed",
        {"outcome": outcome, "resolution_date": D(2024, 10, 1), "resolution_summary": "해결", **kw},
    )


def build(root: Path) -> Year:
    world = World.make(root)
    year = Year(world)
    ids = year.ids
    fra = RecordService(world.laptop("fra", "DE-FRA"))
    par = RecordService(world.laptop("par", "FR-PAR"))
    han = RecordService(world.laptop("han", "VN-HAN"))

    # --- council meetings: held ones dated 1 Jan - 30 Nov 2024 count -------------------------
    ids["m_fra_mar"] = _meeting(fra, 1, D(2024, 3, 10), "held")  # counts
    ids["m_fra_jun"] = _meeting(fra, 2, D(2024, 6, 12), "held")  # counts
    _meeting(fra, 3, D(2024, 9, 5), "cancelled")  # trap: cancelled
    _meeting(fra, 4, D(2024, 10, 20), "planned")  # trap: planned
    _meeting(fra, 5, D(2024, 12, 10), "held")  # trap: after the cut-off
    _meeting(fra, 9, D(2023, 12, 1), "held")  # trap: the year before
    _meeting(par, 1, D(2024, 5, 5), "held")  # counts
    _meeting(par, 2, D(2024, 11, 30), "held")  # counts: on the cut-off day
    _meeting(han, 1, D(2024, 4, 1), "held")  # counts
    # -> 5 meetings in 3 countries (DE, FR, VN); Europe: 4 in 2

    # --- support cases -----------------------------------------------------------------------
    c1 = _case(fra, D(2024, 2, 1), ["permits", "site"], "DE-HE")
    ids["c1"] = c1
    for partner in ("KOSME", "KOTRA", "KISED"):  # the joint case: three partners, counted once
        fra.create(
            "partner_referral",
            {"case_id": c1, "partner": partner, "service": "지원", "status": "in_progress"},
        )
    fra.create("case_activity", {"case_id": c1, "date": D(2024, 3, 1), "action_type": "consultation"})
    _close(
        fra,
        c1,
        "resolved_full",
        investment_usd=15_000_000,
        jobs_created=80,
        permit_obtained=True,
        site_secured=True,
    )

    c2 = _case(fra, D(2024, 3, 15), ["visas"], "DE-BY")  # pending on the host government, dormant
    fra.create(
        "partner_referral", {"case_id": c2, "partner": "KOSME", "service": "비자", "status": "declined"}
    )
    fra.transition("support_case", c2, "pending", {"pending_on": "host_government"})

    c3 = _case(fra, D(2024, 4, 20), ["customs"], "DE-BW")
    fra.create(
        "partner_referral", {"case_id": c3, "partner": "KOTRA", "service": "통관", "status": "requested"}
    )
    _close(fra, c3, "resolved_partial", jobs_created=5)

    c4 = _case(fra, D(2024, 5, 5), ["permits"], "DE-HE")  # in progress, active in November: not dormant
    fra.transition("support_case", c4, "in_progress")
    fra.create("case_activity", {"case_id": c4, "date": D(2024, 11, 1), "action_type": "follow_up"})

    _case(fra, D(2024, 6, 30), ["permits"], None, draft=True)  # a draft counts as received and open
    dup = _case(fra, D(2024, 2, 3), ["permits"], "DE-HE")  # trap: archived as a duplicate of c1
    fra.update("support_case", dup, {"duplicate_of": c1})
    gone = _case(fra, D(2024, 7, 1), ["visas"], "DE-HE")  # trap: deleted
    fra.delete("support_case", gone)
    _case(fra, D(2024, 12, 5), ["permits"], "DE-HE")  # trap: after the cut-off
    _case(fra, D(2023, 11, 11), ["permits"], "DE-HE")  # trap: the year before
    _case(fra, D(2024, 10, 1), ["incorporation"], "DE-HE")  # open, too recent to be dormant
    _case(par, D(2024, 9, 20), ["ip"], None)  # open at Paris

    # --- market information: deliveries dated in the period -------------------------------------
    firms = [
        fra.create("company", {"name_ko": f"기업{i}", "name_en": f"Firm {i}"}).record_id for i in range(4)
    ]
    b1 = fra.create(
        "market_brief", {"title": "인증 제도", "topic": "regulation", "country": "DE", "sector": "battery"}
    )
    for firm, day in zip(firms[:3], (D(2024, 3, 1), D(2024, 3, 2), D(2024, 11, 30)), strict=True):
        fra.create(
            "brief_delivery", {"brief_id": b1.record_id, "company_id": firm, "date": day}
        )  # 3 firms: 3
    fra.create(
        "brief_delivery", {"brief_id": b1.record_id, "company_id": firms[3], "date": D(2024, 12, 1)}
    )  # trap
    b2 = fra.create("market_brief", {"title": "시장 동향", "topic": "market_trends", "country": "DE"})
    deleted = fra.create(
        "brief_delivery", {"brief_id": b2.record_id, "company_id": firms[0], "date": D(2024, 5, 1)}
    )
    fra.delete("brief_delivery", deleted.record_id)  # trap: in the trash
    fra.create("brief_delivery", {"brief_id": b2.record_id, "company_id": firms[1], "date": D(2024, 6, 1)})
    b3 = par.create("market_brief", {"title": "Tendances", "topic": "market_trends", "country": "FR"})
    for firm in firms[:2]:
        par.create("brief_delivery", {"brief_id": b3.record_id, "company_id": firm, "date": D(2024, 7, 7)})

    # --- proposals -----------------------------------------------------------------------------
    fra.create(
        "proposal", {"programme": "TSM-2026", "fiscal_year": 2024, "title": "맞춤형 지원", "status": "draft"}
    )
    p2 = fra.create(
        "proposal",
        {
            "programme": "TSM-2026",
            "fiscal_year": 2024,
            "title": "인증 지원",
            "status": "draft",
            "budget_krw": 50_000_000,
            "activities": "설명회",
        },
    )
    fra.transition("proposal", p2.record_id, "submitted")
    fra.create("proposal", {"programme": "TSM-2026", "fiscal_year": 2025, "title": "내년", "status": "draft"})

    for name in ("fra", "par", "han"):
        world.push(world.laptops[name])
    return year


EXPECTED_ALL = {
    "meetings_held": 5,
    "meeting_countries": 3,
    "meetings_planned": 1,
    "meetings_cancelled": 1,
    "cases_received": 7,
    "cases_open": 5,
    "cases_pending": 1,
    "cases_closed": 2,
    "cases_resolved_full": 1,
    "cases_resolved_partial": 1,
    "cases_dormant": 1,
    "cases_referred": 2,
    "cases_joint": 1,
    "duplicates_excluded": 1,
    "deliveries": 6,
    "briefs_delivered": 3,
    "firms_reached": 3,
    "proposals": 2,
    "investment_usd": 15_000_000,
    "jobs_created": 85,
    "permits_obtained": 1,
    "sites_secured": 1,
}
