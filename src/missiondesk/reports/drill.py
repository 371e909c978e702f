"""Which records stand behind a figure or a bar: the ``ListQuery`` a list shows when it is clicked.

Figures the lists cannot filter exactly (dormant, by partner, sums of outcomes) have no query: a
screen shows them without a link rather than open a list that does not match the number.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from typing import Any

from missiondesk.domain.enums import CaseOutcome, CaseStatus
from missiondesk.domain.records import ListQuery
from missiondesk.reports.period import Period
from missiondesk.reports.tallies import OPEN_STATUSES, Tallies


def received_cases(p: Period, owners: tuple[str, ...]) -> ListQuery:
    """The cases received in ``p`` (not archived as duplicates) of ``owners`` (all missions when empty)."""
    return ListQuery(
        "support_case",
        equals={"duplicate_of": None},
        date_field="received_date",
        date_from=p.start,
        date_to=p.last,
        owner_missions=owners,
    )


def query_for(t: Tallies, name: str, key: str | None = None) -> ListQuery | None:
    """The records behind figure ``name`` (or the bar ``key`` of breakdown ``name``)."""
    if t.missions is not None and not t.missions:
        return None  # a scope without missions: nothing to open (an empty filter would mean "all")
    owners = t.missions or ()
    p = t.period
    value: Any = None if key == "" else key
    if name.startswith("meeting"):
        return ListQuery(
            "council_meeting",
            equals={"status": "held"},
            date_field="date",
            date_from=p.start,
            date_to=p.last,
            owner_missions=owners,
        )
    if name.startswith("deliveries"):
        equals = {}
        if name == "deliveries_by_topic" and key is not None:
            equals = {"topic": value}
        elif name == "deliveries_by_sector" and key is not None:
            equals = {"sector": value}
        return ListQuery("market_brief", equals=equals)
    if name.startswith("proposals"):
        equals = {"fiscal_year": list(range(p.start.year, p.last.year + 1))}
        if key is not None:
            equals["status"] = value
        return ListQuery("proposal", equals=equals, owner_missions=owners)
    cases = received_cases(p, owners)

    def more(**equals: Any) -> ListQuery:
        return dataclasses.replace(cases, equals={**cases.equals, **equals})

    closed = CaseStatus.CLOSED.value
    match name, key:
        case "cases_received", None:
            return cases
        case "cases_open", None:
            return more(status=[s.value for s in OPEN_STATUSES])
        case "cases_pending", None:
            return more(status=CaseStatus.PENDING.value)
        case "cases_pending_on", _:
            return more(status=CaseStatus.PENDING.value, pending_on=value)
        case "cases_closed", None:
            return more(status=closed)
        case "cases_resolved_full", None:
            return more(status=closed, outcome=CaseOutcome.RESOLVED_FULL.value)
        case "cases_resolved_partial", None:
            return more(status=closed, outcome=CaseOutcome.RESOLVED_PARTIAL.value)
        case "cases_by_outcome", _:
            return more(status=closed, outcome=value)
        case "cases_by_status", _:
            return more(status=value)
        case "cases_by_area", _:
            return more(area=value)
        case "cases_by_country", _:
            return more(country=value)
        case "permits_obtained", None:
            return more(permit_obtained=True)
        case "sites_secured", None:
            return more(site_secured=True)
        case "cases_by_category", str():
            if not key:
                return None  # cases without a category: the lists cannot ask for an empty list
            return dataclasses.replace(cases, has_code={"categories": key})
        case "cases_by_month", str():
            year, month = (int(x) for x in key.split("-"))
            first = max(p.start, dt.date(year, month, 1))
            last = min(p.last, dt.date(year, month, calendar.monthrange(year, month)[1]))
            return dataclasses.replace(cases, date_from=first, date_to=last)
    return None
