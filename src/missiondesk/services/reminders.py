"""Reminders that need no server: what an officer should look at today, worked out on the laptop.

Four kinds, each read from the records on the day the clock gives (a test passes a fake clock):

- a task due within ``DUE_SOON_DAYS`` (it appears that many days before its due date),
- a task overdue (from the day after its due date),
- a case past its expected resolution date (from the day after it),
- a dormant case: the reports' rule C6 (``reports.tallies.is_dormant_case``, ``DORMANT_DAYS``), one
  rule for the dashboard's figure and for this list; it appears ``DORMANT_DAYS`` after the case's
  last activity (or its intake when it has none).

Each is for one officer: the records assigned to them and those assigned to nobody (someone must pick
those up). The signed-in officer is the device's: a laptop is set up for one officer
(``Device.officer_id``); the app has no other sign-in.

Dismissing or snoozing a reminder is kept in the database's local ``setting`` table, which never
syncs: it is one officer's view of their own day on this laptop, not mission data; an op would carry it
to HQ and to the mission's other laptops, and HQ's figures do not depend on it. A reminder's key names
its record and the date that raised it, so a dismissed reminder comes back when that date changes (a
task's new due date, a new activity and then another quiet spell), and a task that was dismissed as
"due" comes back as "overdue".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.enums import TaskStatus
from missiondesk.domain.records import Change
from missiondesk.errors import NotFound, UserError
from missiondesk.reports.rules import DORMANT_DAYS
from missiondesk.reports.tallies import ACTIVE_STATUSES, is_dormant_case
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.store import settings
from missiondesk.store.tables import entity_table

DUE_SOON_DAYS = 7
"""A task is listed as due this many days before its due date."""
NEXT_STEP_DAYS = 7
"""A task made from an activity's next steps is due this many days after the activity (or today, if
later), unless the next steps name a date."""

HIDDEN_SETTING = "reminders.hidden"  # {reminder key: snoozed-until ISO date, or None when dismissed}
NOTIFIED_SETTING = "reminders.notified_on"  # the day the desktop notification was last shown

Clock = Callable[[], dt.date]


class ReminderKind(StrEnum):
    TASK_OVERDUE = "task_overdue"
    TASK_DUE = "task_due"
    CASE_PAST_EXPECTED = "case_past_expected"
    CASE_DORMANT = "case_dormant"


KIND_HEADINGS: dict[ReminderKind, str] = {  # the CLI's words; the window says them with tr()
    ReminderKind.TASK_OVERDUE: "Overdue tasks",
    ReminderKind.TASK_DUE: f"Tasks due within {DUE_SOON_DAYS} days",
    ReminderKind.CASE_PAST_EXPECTED: "Cases past their expected resolution date",
    ReminderKind.CASE_DORMANT: f"Dormant cases (no activity for {DORMANT_DAYS} days)",
}


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    entity: str  # "task" or "support_case": the record it opens
    record_id: str
    title: str  # the task's title, or the case's "reference  title"
    date: dt.date  # what raised it: the due date, the expected resolution date, the last activity
    case_reference: str = ""  # a task's case, for the list

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.record_id}:{self.date.isoformat()}"

    @property
    def appears_on(self) -> dt.date:
        """The first day it is listed."""
        if self.kind is ReminderKind.TASK_DUE:
            return self.date - dt.timedelta(days=DUE_SOON_DAYS)
        if self.kind is ReminderKind.CASE_DORMANT:
            return self.date + dt.timedelta(days=DORMANT_DAYS)
        return self.date + dt.timedelta(days=1)


@dataclass(frozen=True)
class Officer:
    id: str | None  # None: no officer record (every record is listed)
    name: str


class ReminderService:
    def __init__(self, ctx: AppContext, *, clock: Clock = dt.date.today) -> None:
        self.ctx = ctx
        self.clock = clock

    # --- whose list ------------------------------------------------------------------------

    def signed_in(self) -> Officer:
        """The officer this laptop was set up for."""
        return Officer(self.ctx.device.officer_id, self.ctx.device.officer_name)

    def officer(self, name: str | None) -> Officer:
        """An officer by name (case and spaces ignored), or the signed-in one without a name."""
        if not name:
            return self.signed_in()
        o = entity_table("officer")
        wanted = " ".join(name.split()).casefold()
        with self.ctx.store.read() as conn:
            rows = conn.execute(sa.select(o.c.id, o.c.name).where(o.c.deleted_at.is_(None))).all()
        found = [r for r in rows if " ".join(str(r.name).split()).casefold() == wanted]
        if not found:
            raise NotFound(f"No officer named {name!r}.")
        if len(found) > 1:
            raise UserError(f"{len(found)} officers are named {name!r}; the list needs one.")
        return Officer(str(found[0].id), str(found[0].name))

    # --- the list --------------------------------------------------------------------------

    def reminders(self, officer: Officer | None = None, *, include_hidden: bool = False) -> list[Reminder]:
        """Today's reminders for the officer (the signed-in one by default), by kind then date; those
        dismissed or snoozed until a later day are left out unless ``include_hidden``."""
        officer = officer or self.signed_in()
        today = self.clock()
        with self.ctx.store.read() as conn:
            found = self._all(conn, officer.id, today)
            hidden = _hidden(conn)
        if include_hidden:
            return found
        return [r for r in found if not _is_hidden(hidden, r.key, today)]

    def counts(self, officer: Officer | None = None) -> dict[ReminderKind, int]:
        counted = dict.fromkeys(ReminderKind, 0)
        for reminder in self.reminders(officer):
            counted[reminder.kind] += 1
        return counted

    def _all(self, conn: Connection, officer_id: str | None, today: dt.date) -> list[Reminder]:
        return [
            *self._tasks(conn, officer_id, today),
            *self._past_expected(conn, officer_id, today),
            *self._dormant(conn, officer_id, today),
        ]

    def _tasks(self, conn: Connection, officer_id: str | None, today: dt.date) -> Iterable[Reminder]:
        t, c = entity_table("task"), entity_table("support_case")
        rows = conn.execute(
            sa.select(t.c.id, t.c.title, t.c.due_date, c.c.reference)
            .select_from(t.outerjoin(c, sa.and_(c.c.id == t.c.case_id, c.c.deleted_at.is_(None))))
            .where(
                t.c.deleted_at.is_(None),
                t.c.status == TaskStatus.OPEN.value,
                t.c.due_date <= today + dt.timedelta(days=DUE_SOON_DAYS),
                *_assigned_to(t, officer_id),
            )
            .order_by(t.c.due_date, t.c.title)
        ).all()
        overdue = [r for r in rows if r.due_date < today]
        due = [r for r in rows if r.due_date >= today]
        for kind, group in ((ReminderKind.TASK_OVERDUE, overdue), (ReminderKind.TASK_DUE, due)):
            for r in group:
                yield Reminder(kind, "task", str(r.id), str(r.title), r.due_date, str(r.reference or ""))

    def _past_expected(self, conn: Connection, officer_id: str | None, today: dt.date) -> Iterable[Reminder]:
        c = entity_table("support_case")
        rows = conn.execute(
            sa.select(c.c.id, c.c.reference, c.c.title, c.c.estimated_resolution_date)
            .where(
                *_live_cases(c, officer_id),
                c.c.status.in_([s.value for s in ACTIVE_STATUSES]),
                c.c.estimated_resolution_date < today,
            )
            .order_by(c.c.estimated_resolution_date, c.c.reference)
        ).all()
        for r in rows:
            yield Reminder(
                ReminderKind.CASE_PAST_EXPECTED,
                "support_case",
                str(r.id),
                _case_title(r.reference, r.title),
                r.estimated_resolution_date,
            )

    def _dormant(self, conn: Connection, officer_id: str | None, today: dt.date) -> Iterable[Reminder]:
        c, a = entity_table("support_case"), entity_table("case_activity")
        last_activity = (
            sa.select(sa.func.max(a.c.date))
            .where(a.c.case_id == c.c.id, a.c.deleted_at.is_(None), a.c.date <= today)
            .scalar_subquery()
        )
        rows = conn.execute(
            sa.select(c.c.id, c.c.reference, c.c.title, c.c.received_date, last_activity.label("last"))
            .where(*_live_cases(c, officer_id), is_dormant_case(today))
            .order_by(c.c.reference)
        ).all()
        quiet = [(max(d for d in (r.received_date, r.last) if d is not None), r) for r in rows]
        for since, r in sorted(quiet, key=lambda q: (q[0], str(q[1].reference))):
            yield Reminder(
                ReminderKind.CASE_DORMANT, "support_case", str(r.id), _case_title(r.reference, r.title), since
            )

    # --- dismiss and snooze ----------------------------------------------------------------

    def dismiss(self, *reminders: Reminder) -> None:
        """Not listed again (until what raised them changes)."""
        self._hide(reminders, None)

    def snooze(self, *reminders: Reminder, until: dt.date) -> None:
        """Not listed before ``until``."""
        if until <= self.clock():
            raise UserError("Snooze until a later day.")
        self._hide(reminders, until.isoformat())

    def _hide(self, reminders: Iterable[Reminder], until: str | None) -> None:
        today = self.clock()
        with self.ctx.store.write() as conn:
            current = {r.key for r in self._all(conn, None, today)}
            # Forget the hidden reminders nothing raises any more (a done task, a new due date).
            hidden = {k: v for k, v in _hidden(conn).items() if k in current}
            hidden.update((r.key, until) for r in reminders)
            settings.put(conn, HIDDEN_SETTING, hidden)

    # --- the desktop notification ----------------------------------------------------------

    def notify_today(self) -> bool:
        """True once a day (the first time it is asked that day): the window then shows its
        notification. The day is kept, so a restart the same day does not notify again."""
        today = self.clock().isoformat()
        with self.ctx.store.write() as conn:
            if settings.get(conn, NOTIFIED_SETTING) == today:
                return False
            settings.put(conn, NOTIFIED_SETTING, today)
        return True

    # --- next steps into a task ------------------------------------------------------------

    def task_from_next_steps(self, activity_id: str, records: RecordService | None = None) -> Change:
        """A task for the activity's next steps, on its case, owned by the signed-in officer, due on
        the date the next steps name (YYYY-MM-DD) or ``NEXT_STEP_DAYS`` after the activity."""
        records = records or RecordService(self.ctx)
        activity = records.get("case_activity", activity_id)
        text = str(activity.get("next_steps") or "").strip()
        if not text:
            raise UserError("This activity has no next steps to make a task of.")
        values: dict[str, Any] = {
            "title": _first_line(text),
            "due_date": next_step_due(text, activity.get("date"), self.clock()),
            "status": TaskStatus.OPEN.value,
            "case_id": activity.get("case_id"),
            "notes": text,
        }
        if self.ctx.device.officer_id:
            values["officer_id"] = self.ctx.device.officer_id
        return records.create("task", values)


def next_step_due(text: str, activity_date: dt.date | None, today: dt.date) -> dt.date:
    """The first ISO date written in the next steps, else a week after the activity (not before today)."""
    for match in re.finditer(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", text):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    start = max(activity_date or today, today)
    return start + dt.timedelta(days=NEXT_STEP_DAYS)


def _first_line(text: str, limit: int = 120) -> str:
    line = text.splitlines()[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _case_title(reference: Any, title: Any) -> str:
    return f"{reference or ''}  {title or ''}".strip()


def _assigned_to(table: sa.Table, officer_id: str | None) -> list[sa.ColumnElement[bool]]:
    """The officer's records and the unassigned ones (everything when there is no officer record)."""
    if officer_id is None:
        return []
    return [sa.or_(table.c.officer_id == officer_id, table.c.officer_id.is_(None))]


def _live_cases(c: sa.Table, officer_id: str | None) -> list[sa.ColumnElement[bool]]:
    return [c.c.deleted_at.is_(None), c.c.duplicate_of.is_(None), *_assigned_to(c, officer_id)]


def _hidden(conn: Connection) -> dict[str, str | None]:
    value = settings.get(conn, HIDDEN_SETTING)
    return dict(value) if isinstance(value, dict) else {}


def _is_hidden(hidden: dict[str, str | None], key: str, today: dt.date) -> bool:
    if key not in hidden:
        return False
    until = hidden[key]
    return until is None or dt.date.fromisoformat(until) > today
