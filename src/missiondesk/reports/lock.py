"""Period locks: a period's figures frozen at HQ, and the amendments later edits make to them.

A lock is the frozen ``Tallies`` (with their rules version) kept in the local ``setting`` table under
``report_lock:{period}:{scope}``: HQ's own record of what it published, never synced, so no migration is
needed. Later reports compare the figures counted now with the frozen ones: a change to a *period figure*
(a back-dated or deleted meeting, case or delivery) is an amendment, listed in the reports that follow;
the published figure stays as it was. *State figures* (open, pending, resolved, outcomes…) are the state
at the lock and move on as cases progress: their changes are progress, not amendments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.errors import UserError
from missiondesk.reports.period import Period, ReportScope
from missiondesk.reports.tallies import Tallies
from missiondesk.store import settings
from missiondesk.store.tables import setting

PREFIX = "report_lock:"
STATE_FIGURES = frozenset(
    {
        "cases_open",
        "cases_pending",
        "cases_closed",
        "cases_resolved_full",
        "cases_resolved_partial",
        "cases_dormant",
        "investment_usd",
        "jobs_created",
        "permits_obtained",
        "sites_secured",
        "cases_by_status",
        "cases_pending_on",
        "cases_by_outcome",
        "proposals_by_status",
    }
)


def key(period: Period, scope: ReportScope) -> str:
    return f"{PREFIX}{period.key}:{scope.key}"


def is_period_figure(name: str) -> bool:
    return name.split(".", 1)[0] not in STATE_FIGURES


@dataclass(frozen=True)
class Lock:
    tallies: Tallies
    locked_at: dt.datetime
    locked_by: str

    def to_json(self) -> dict[str, Any]:
        return {
            "tallies": self.tallies.to_json(),
            "locked_at": self.locked_at.isoformat(timespec="seconds"),
            "locked_by": self.locked_by,
        }

    @classmethod
    def from_json(cls, data: Any) -> Lock:
        return cls(
            Tallies.from_json(data["tallies"]),
            dt.datetime.fromisoformat(data["locked_at"]),
            str(data["locked_by"]),
        )


@dataclass(frozen=True)
class Amendment:
    """A published figure that the data no longer gives."""

    period: Period
    figure: str  # a name of Tallies.flat()
    published: int
    now: int

    @property
    def difference(self) -> int:
        return self.now - self.published


def frozen(conn: Connection, period: Period, scope: ReportScope) -> Lock | None:
    data = settings.get(conn, key(period, scope))
    return None if data is None else Lock.from_json(data)


def freeze(conn: Connection, tallies: Tallies, by: str, at: dt.datetime) -> Lock:
    if frozen(conn, tallies.period, tallies.scope) is not None:
        raise UserError(f"{tallies.period.label()} is locked already for this scope.")
    lock = Lock(tallies, at, by)
    settings.put(conn, key(tallies.period, tallies.scope), lock.to_json())
    return lock


def locks(conn: Connection, scope: ReportScope) -> list[Lock]:
    """Every lock of this scope, oldest period first."""
    rows = conn.execute(sa.select(setting.c.key, setting.c.value).where(setting.c.key.like(f"{PREFIX}%")))
    found = [Lock.from_json(v) for k, v in rows if str(k).endswith(f":{scope.key}") and v is not None]
    return sorted(found, key=lambda lock: (lock.tallies.period.start, lock.tallies.period.last))


def amendments(published: Tallies, now: Tallies) -> list[Amendment]:
    """The period figures that differ between the frozen tallies and the ones counted now."""
    old, new = published.flat(), now.flat()
    names: Iterable[str] = sorted(set(old) | set(new))
    return [
        Amendment(published.period, name, old.get(name, 0), new.get(name, 0))
        for name in names
        if is_period_figure(name) and old.get(name, 0) != new.get(name, 0)
    ]
