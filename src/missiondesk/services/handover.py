"""Handover: an officer leaves, a successor takes over their open cases, tasks and proposals.

``preview`` lists what will move; ``run`` moves exactly that in one write transaction, through the
record service, so each reassignment is an ordinary edit with its outbox op (it reaches HQ like any
other) and each case gets the officer's handover note as a timeline entry. Closed cases, done or
cancelled tasks and rejected or completed proposals stay with the officer who handled them.

The note is a case activity of action type ``note``: ``ActionType`` has no handover type, and a new
enum value would be refused by the validation of every older app and HQ (schema skew, BRIEF 8). The
entry names both officers in its ``officers`` and its text starts "FROM → TO:", so the timeline, the
history and a handover document read it as a handover.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Connection

from missiondesk.domain.enums import ActionType, CaseStatus, ProposalStatus, TaskStatus
from missiondesk.domain.permissions import Role
from missiondesk.domain.records import Change, ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.errors import NotFound, UserError
from missiondesk.services.context import AppContext
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.services.records import RecordService
from missiondesk.store import queries

HANDED_OVER = ("support_case", "task", "proposal")
"""What a handover moves, each by its ``officer_id``."""

# What "still open" is, per entity: everything but these statuses.
_FINISHED: dict[str, frozenset[str]] = {
    "support_case": frozenset({CaseStatus.CLOSED.value}),
    "task": frozenset({TaskStatus.DONE.value, TaskStatus.CANCELLED.value}),
    "proposal": frozenset({ProposalStatus.REJECTED.value, ProposalStatus.COMPLETED.value}),
}


class NoteMissing(UserError):
    """A case would be handed over without a note: the successor needs to know where it stands."""

    def __init__(self, references: tuple[str, ...]) -> None:
        self.references = references
        super().__init__(f"Write a handover note for every case; missing for {', '.join(references)}.")


class SameOfficer(UserError):
    pass


@dataclass(frozen=True)
class HandoverItem:
    entity: str  # support_case, task or proposal
    record_id: str
    reference: str  # a case's reference; empty for tasks and proposals
    title: str
    status: str


@dataclass(frozen=True)
class HandoverPlan:
    """What a handover from one officer to another will move: the open records of the first."""

    from_officer: Record
    to_officer: Record
    items: tuple[HandoverItem, ...]

    def of(self, entity_name: str) -> tuple[HandoverItem, ...]:
        return tuple(i for i in self.items if i.entity == entity_name)

    @property
    def cases(self) -> tuple[HandoverItem, ...]:
        return self.of("support_case")

    def counts(self) -> dict[str, int]:
        return {name: len(self.of(name)) for name in HANDED_OVER}


@dataclass(frozen=True)
class HandoverResult:
    plan: HandoverPlan
    changes: tuple[Change, ...]  # the reassignments and the new timeline entries, to announce


class HandoverService:
    def __init__(self, ctx: AppContext, records: RecordService | None = None) -> None:
        self.ctx = ctx
        self.records = records or RecordService(ctx)

    def officers(self) -> tuple[Record, ...]:
        """Whom a handover may be from or to: this mission's officers, former ones too (all at HQ)."""
        equals = {} if self.ctx.device.role is Role.HQ else {"mission": self.ctx.device.mission}
        query = ListQuery("officer", equals=equals, sort="name", limit=1000)
        return self.records.list(query, with_total=False).rows

    def officer_named(self, name: str) -> Record:
        """The officer of that name (case and spacing aside); refused when none or several match."""
        wanted = " ".join(name.split()).casefold()
        matches = [
            r
            for r in self.records.list(ListQuery("officer", limit=1000), with_total=False).rows
            if " ".join(str(r.get("name") or "").split()).casefold() == wanted
        ]
        if not matches:
            raise NotFound(f"No officer is called {name!r}.")
        if len(matches) > 1:
            raise UserError(f"Several officers are called {name!r}; rename one of them first.")
        return matches[0]

    def preview(
        self, from_officer_id: str, to_officer_id: str, task: TaskContext | None = None
    ) -> HandoverPlan:
        """What ``run`` will move, read the way it reads it (one kind of record after another, so
        ``task`` can stop it between them)."""
        task = task or Silent()
        if from_officer_id == to_officer_id:
            raise SameOfficer("Choose a successor other than the officer who leaves.")
        source = self.records.get("officer", from_officer_id)
        target = self.records.get("officer", to_officer_id)
        items: list[HandoverItem] = []
        with self.ctx.store.read() as conn:
            for done, name in enumerate(HANDED_OVER):
                task.check_cancelled()
                task.progress(done, len(HANDED_OVER))
                items += [self._item(r) for r in self._open_records(conn, name, source.id)]
        task.progress(len(HANDED_OVER), len(HANDED_OVER))
        return HandoverPlan(source, target, tuple(items))

    def run(
        self,
        plan: HandoverPlan,
        notes: Mapping[str, str],
        default_note: str = "",
        task: TaskContext | None = None,
        today: dt.date | None = None,
    ) -> HandoverResult:
        """Move what ``plan`` lists to its successor, in one transaction: every record or none.

        ``notes``: case id -> its handover note; a case without one takes ``default_note``; a case
        left with neither refuses the whole handover before anything is written. Records that left
        the officer or closed since the preview are left alone (the preview is read again inside the
        transaction)."""
        task = task or Silent()
        case_notes = {c.record_id: (notes.get(c.record_id) or default_note).strip() for c in plan.cases}
        missing = tuple(c.reference for c in plan.cases if not case_notes[c.record_id])
        if missing:
            raise NoteMissing(missing)
        source, target = plan.from_officer, plan.to_officer
        today = today or dt.date.today()
        wanted = {i.record_id for i in plan.items}
        changes: list[Change] = []
        with self.ctx.store.write() as conn:
            current = [
                r for name in HANDED_OVER for r in self._open_records(conn, name, source.id) if r.id in wanted
            ]
            for done, record in enumerate(current):
                task.check_cancelled()  # a cancel rolls the whole handover back
                task.progress(done, len(current), record.title)
                spec = entity(record.entity)
                changes.append(self.records.update_in(conn, spec, record.id, {"officer_id": target.id}))
                if record.entity == "support_case":
                    note = f"{source.title} → {target.title}: {case_notes[record.id]}"
                    activity = {
                        "case_id": record.id,
                        "date": today,
                        "action_type": ActionType.NOTE.value,
                        "officers": [source.id, target.id],
                        "notes": note,
                    }
                    changes.append(self.records.create_in(conn, "case_activity", activity))
            task.progress(len(current), len(current))
        return HandoverResult(plan, tuple(changes))

    def _open_records(self, conn: Connection, entity_name: str, officer_id: str) -> list[Record]:
        """The officer's live records that are not finished, in the list's order. Whether this device may
        move them is the record service's question (``write_refusal``), asked as it moves each."""
        spec = entity(entity_name)
        assert spec.status_field is not None
        statuses = [s for s in spec.field(spec.status_field).enum_values if s not in _FINISHED[entity_name]]
        query = ListQuery(
            entity_name,
            equals={"officer_id": officer_id, spec.status_field: sorted(statuses)},
            limit=1000,
        )
        out: list[Record] = []
        while True:  # an officer's whole portfolio, a page at a time
            page = queries.page(conn, query, with_total=False)
            out += page.rows
            if len(page.rows) < query.limit:
                return out
            query = dataclasses.replace(query, offset=query.offset + query.limit)

    @staticmethod
    def _item(record: Record) -> HandoverItem:
        spec = record.spec
        assert spec.status_field is not None
        return HandoverItem(
            entity=record.entity,
            record_id=record.id,
            reference=str(record.get("reference") or ""),
            title=record.title,
            status=str(record.get(spec.status_field) or ""),
        )


_HEADER_WORDS = {"reference", "ref", "관리번호"}


def read_note_file(path: Path) -> dict[str, str]:
    """Per-case notes from a two-column file: reference, note (comma- or tab-separated, UTF-8, an
    optional header row). A spreadsheet saved as CSV or TSV is the usual source."""
    text = path.read_text(encoding="utf-8-sig")
    first = next((line for line in text.splitlines() if line.strip()), "")
    dialect = "excel-tab" if "\t" in first else "excel"
    notes: dict[str, str] = {}
    for number, row in enumerate(csv.reader(text.splitlines(), dialect=dialect), start=1):
        if not row or not "".join(row).strip():
            continue
        reference = row[0].strip()
        if number == 1 and reference.casefold() in _HEADER_WORDS:
            continue
        if len(row) < 2 or not reference:
            raise UserError(f"{path.name}, line {number}: expected a case reference and its note.")
        notes[reference.upper()] = ", ".join(cell for cell in row[1:] if cell).strip()
    return notes


def notes_by_case(plan: HandoverPlan, by_reference: Mapping[str, str]) -> dict[str, str]:
    """Notes keyed by case reference turned into notes keyed by case id; a reference the handover
    does not move is refused (a typo would otherwise leave its case with the default note)."""
    ids = {c.reference.upper(): c.record_id for c in plan.cases}
    unknown = sorted(set(by_reference) - set(ids))
    if unknown:
        raise UserError(f"Not among the cases handed over: {', '.join(unknown)}.")
    return {ids[ref]: note for ref, note in by_reference.items()}
