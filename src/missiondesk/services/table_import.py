"""Importing a person-made table (a mission's legacy Excel or CSV history) as ordinary records.

``preview`` and ``import_table`` are one operation: every row runs through the same code inside one
write transaction (a savepoint per row, so a refused row leaves nothing behind), through
``RecordService`` like an edit in the window, so every record made is an op that reaches HQ by sync or
bundle. A preview then rolls the transaction back; an import commits it, after a backup. What a preview
says of a row is therefore what the import does with it.

Each row becomes:
- ``new``: records were made (a company; a case, perhaps its company and its activity);
- ``matched``: it is a record that exists (a company by registration number or name): nothing is made;
- ``confirm``: it looks like an existing company, or a value looks like a known one, but not surely:
  nothing is made until the person confirms (``accepted``, or ``accept_suggestions`` for all);
- ``imported_before``: this row made a record in an earlier import (``import_link``): nothing changes;
- ``refused``: a cell cannot be read or the record is invalid: the cell and the reason are given.

A row is matched to what it made by its *source* (the kind of table and its header's shape, not the
file's bytes, so a corrected copy of the file still matches) and its *key* (the sheet's own number for
the row when a column holds one, a company's registration number, else its cells' values).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk import refdata
from missiondesk.domain import references
from missiondesk.domain.catalogue import LANGUAGES
from missiondesk.domain.enums import ActionType, CaseStatus, MeetingStatus, ReferralStatus
from missiondesk.domain.messages import MessageCode, said_by, say
from missiondesk.domain.permissions import HQ_MISSION, RefusalCode, Role, create_refusal, refusal_code
from missiondesk.domain.schema import Kind, entity
from missiondesk.domain.validation import ValidationFailed
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.services.records import PlannedCreate, RecordService, next_case_reference
from missiondesk.store.backup import backup_name
from missiondesk.store.database import backup as backup_store
from missiondesk.store.tables import (
    entity_table,
    import_link,
    import_mapping,
    import_synonym,
    reference_counter,
)
from missiondesk.tables.companies import CompanyIndex, CompanyMatch
from missiondesk.tables.dates import ColumnOrder, DateOrder, column_order
from missiondesk.tables.header import DataRow, SkippedRow, Table, find_table
from missiondesk.tables.mapping import ColumnMapping, GuessedBy, apply_saved, as_saved, guess, known_header
from missiondesk.tables.read import RawSheet, cell_text, read_sheet, sheet_names
from missiondesk.tables.reasons import reason_text, refused
from missiondesk.tables.targets import Helper, TableKind, Target, target, targets
from missiondesk.tables.text import brn_key, fold, has_hangul
from missiondesk.tables.values import CellCode, CellProblem, Reader, Suggestion
from missiondesk.tables.vocabulary import Vocabulary, code_vocabulary, enum_vocabulary

__all__ = [
    "DateOrder",
    "ImportRequest",
    "Outcome",
    "RowResult",
    "Suggestion",
    "TableKind",
    "TableLayout",
    "TableReport",
    "delete_mapping",
    "import_table",
    "layout",
    "mappings",
    "preview",
    "required_fields",
    "save_mapping",
    "suggestion_for",
    "teach_synonym",
]


class Outcome(StrEnum):
    NEW = "new"
    MATCHED = "matched"
    CONFIRM = "confirm"
    IMPORTED_BEFORE = "imported_before"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    kind: TableKind
    sheet: str | None = None
    mapping_name: str | None = None  # a saved mapping to use (else one saved for this shape, else a guess)
    columns: Mapping[str, str | None] | None = None  # the person's corrections: header title -> field or None
    mission: str | None = None  # the mission the rows belong to (HQ; a mission laptop: its own)
    date_order: DateOrder | None = None  # the answer for columns whose dates read both ways
    accepted: frozenset[Suggestion] = frozenset()  # suggestions the person confirmed, one by one
    accept_suggestions: bool = False  # take every suggested match (the CLI's --accept-suggested)
    # The window's answers, column by column and cell by cell: a date column's order (field -> order,
    # over ``date_order``), and cells the person corrected in the preview ((row number, column letter)
    # -> the text that replaces the sheet's value; the file itself is not touched).
    date_orders: Mapping[str, DateOrder] = field(default_factory=dict)
    cells: Mapping[tuple[int, str], str] = field(default_factory=dict)


@dataclass
class RowResult:
    number: int  # as Excel shows it
    outcome: Outcome
    label: str = ""  # the case's title or the company's name
    problems: list[CellProblem] = field(default_factory=list)
    record_id: str | None = None  # the record it made, matched or was made from before
    company: CompanyMatch | None = None
    made: dict[str, int] = field(default_factory=dict)  # entity -> records made
    cells: tuple[Any, ...] = ()

    @property
    def reason(self) -> str:
        """Its reasons in English (the CLI); ``tables.reasons`` words them in Korean."""
        return reason_text(self.problems)


@dataclass
class TableReport:
    file: Path
    kind: TableKind
    sheet: str
    sheets: list[str]
    header_rows: tuple[int, ...]
    columns: list[ColumnMapping]
    shape: str
    mapping_name: str | None  # the saved mapping used, if any
    date_questions: list[str]  # fields whose column reads both ways and waits for --date-order
    skipped: list[SkippedRow]
    rows: list[RowResult]
    committed: bool = False
    backup: Path | None = None
    encoding: str = ""

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    def made(self, entity_name: str) -> int:
        return sum(r.made.get(entity_name, 0) for r in self.rows)

    @property
    def not_imported(self) -> list[RowResult]:
        return [r for r in self.rows if r.outcome in (Outcome.REFUSED, Outcome.CONFIRM)]


@dataclass
class TableLayout:
    """A table as found, before any row is read: what the window's mapping page shows and edits."""

    file: Path
    kind: TableKind
    sheet: str
    sheets: list[str]
    header_rows: tuple[int, ...]
    columns: list[ColumnMapping]
    shape: str
    mapping_name: str | None
    samples: dict[int, list[str]]  # column index -> its first few values, as text
    ambiguous_dates: frozenset[int]  # columns whose dates read both day-month and month-day
    rows: int
    skipped: list[SkippedRow]


SAMPLE_VALUES = 3


def layout(ctx: AppContext, request: ImportRequest, task: TaskContext | None = None) -> TableLayout:
    """The table's header, its columns' guessed (or saved, or corrected) fields and a sample of each
    column's values; nothing is read into records (a table without the required column is shown too)."""
    (task or Silent()).progress(0, 1, "")
    _, table, columns, mapping_name = _find(ctx, request)
    samples: dict[int, list[str]] = {}
    ambiguous = set()
    for column in table.columns:
        values = [row.cells[column.index] for row in table.rows]
        texts = [cell_text(v) for v in values]
        samples[column.index] = [t for t in texts if t][:SAMPLE_VALUES]
        if column_order(values) is ColumnOrder.AMBIGUOUS:
            ambiguous.add(column.index)
    return TableLayout(
        request.path,
        request.kind,
        table.sheet,
        sheet_names(request.path),
        table.header_rows,
        columns,
        table.shape,
        mapping_name,
        samples,
        frozenset(ambiguous),
        len(table.rows),
        table.skipped,
    )


def required_fields(kind: TableKind) -> tuple[str, ...]:
    """The fields one of which some column must fill for a table of ``kind``."""
    return tuple(str(k) for k in _REQUIRED[kind][1])


def suggestion_for(problem: CellProblem) -> Suggestion | None:
    """What confirming a suggested match puts in ``ImportRequest.accepted`` (None: nothing to confirm)."""
    if problem.code is CellCode.CONFIRM_COMPANY:
        # A company is confirmed by the name as typed, whichever column named it.
        return Suggestion(Helper.COMPANY_NAME.value, str(problem.params.get("value", "")))
    if problem.code is CellCode.CONFIRM_VALUE:
        return Suggestion(problem.target, str(problem.params.get("value", "")))
    return None


def preview(ctx: AppContext, request: ImportRequest, task: TaskContext | None = None) -> TableReport:
    """What importing would do, row by row; nothing is written."""
    return _run(ctx, request, commit=False, task=task or Silent())


def import_table(ctx: AppContext, request: ImportRequest, task: TaskContext | None = None) -> TableReport:
    """A backup, then the rows as records; re-importing the same table changes nothing."""
    backup = None
    if ctx.store.path is not None:  # a server database is covered by HQ's own backups (pg_dump)
        backup = backup_store(
            ctx.store, ctx.paths.backups / backup_name("before-table-import"), ctx.paths.attachments
        )
    report = _run(ctx, request, commit=True, task=task or Silent())
    report.backup = backup
    return report


# --- saved mappings and synonyms ---------------------------------------------------------


@dataclass(frozen=True)
class SavedMapping:
    name: str
    kind: TableKind
    shape: str
    columns: Mapping[str, str | None]


def save_mapping(ctx: AppContext, name: str, report: TableReport | TableLayout) -> SavedMapping:
    """Keep a report's (or a layout's) column mapping by name: offered again for a table of the same
    header shape."""
    name = name.strip()
    if not name:
        raise UserError(say(MessageCode.MAPPING_NAME_NEEDED))
    saved = SavedMapping(name, report.kind, report.shape, as_saved(report.columns))
    with ctx.store.write() as conn:
        conn.execute(sa.delete(import_mapping).where(import_mapping.c.name == name))
        conn.execute(
            sa.insert(import_mapping).values(
                name=name,
                kind=saved.kind.value,
                shape=saved.shape,
                columns=dict(saved.columns),
                saved_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            )
        )
    return saved


def mappings(ctx: AppContext, kind: TableKind | None = None) -> list[SavedMapping]:
    with ctx.store.read() as conn:
        stmt = sa.select(import_mapping).order_by(import_mapping.c.name)
        if kind is not None:
            stmt = stmt.where(import_mapping.c.kind == kind.value)
        return [SavedMapping(r.name, TableKind(r.kind), r.shape, dict(r.columns)) for r in conn.execute(stmt)]


def delete_mapping(ctx: AppContext, name: str) -> None:
    with ctx.store.write() as conn:
        conn.execute(sa.delete(import_mapping).where(import_mapping.c.name == name))


def teach_synonym(ctx: AppContext, kind: TableKind, target_key: str, text: str, value: str) -> None:
    """From now on ``text`` in a column of ``target_key`` means ``value`` (sure, no confirmation)."""
    t = target(kind, target_key)
    vocab = _vocabulary(ctx, t, {})
    if vocab is None or value not in vocab:
        raise UserError(say(MessageCode.SYNONYM_NOT_A_VALUE, value=value, column=t.label_en or t.key))
    key = fold(text)
    if not key:
        raise UserError(say(MessageCode.SYNONYM_EMPTY))
    with ctx.store.write() as conn:
        conn.execute(
            sa.delete(import_synonym).where(
                import_synonym.c.target == _vocab_name(t), import_synonym.c.text == key
            )
        )
        conn.execute(sa.insert(import_synonym).values(target=_vocab_name(t), text=key, value=value))


# --- the operation ---------------------------------------------------------------------------


class _Rollback(Exception):
    """Ends a preview's transaction: everything it wrote goes."""


def _run(ctx: AppContext, request: ImportRequest, *, commit: bool, task: TaskContext) -> TableReport:
    kind = request.kind
    raw, table, columns, mapping_name = _find(ctx, request)
    mapped = {m.target: m.column for m in columns if m.target}
    _check_required(kind, mapped)
    date_orders = {
        key: column_order(r.cells[col.index] for r in table.rows)
        for key, col in mapped.items()
        if target(kind, key).kind is Kind.DATE
    }
    for key, order in request.date_orders.items():  # the person's answer for that column
        if date_orders.get(key) is ColumnOrder.AMBIGUOUS:
            date_orders[key] = ColumnOrder(order.value)
    questions = [
        k for k, o in date_orders.items() if o is ColumnOrder.AMBIGUOUS and request.date_order is None
    ]
    synonyms = _synonyms(ctx)
    vocabularies: dict[str, Vocabulary] = {}
    for key in mapped:
        vocab = _vocabulary(ctx, target(kind, key), synonyms)
        if vocab is not None:
            vocabularies[key] = vocab
    reader = Reader(
        vocabularies, date_orders, request.date_order, request.accepted, request.accept_suggestions
    )
    report = TableReport(
        request.path,
        kind,
        table.sheet,
        sheet_names(request.path),
        table.header_rows,
        columns,
        table.shape,
        mapping_name,
        questions,
        table.skipped,
        [],
        encoding=raw.encoding,
    )
    job = _Job(ctx, request, table, mapped, reader, report, write=commit)
    # A preview writes nothing (checks, counters in memory): a read transaction, so other writers are
    # not held up while it checks a long table; rolled back all the same, whatever it might have done.
    try:
        with ctx.store.write() if commit else ctx.store.read() as conn:
            job.run(conn, task)
            if not commit:
                raise _Rollback
    except _Rollback:
        pass
    report.committed = commit
    return report


def _find(ctx: AppContext, request: ImportRequest) -> tuple[RawSheet, Table, list[ColumnMapping], str | None]:
    """The sheet, its table (with the person's corrected cells) and its columns' fields."""
    raw = read_sheet(request.path, request.sheet)
    table = find_table(raw, known_header(request.kind))
    if not table.columns:
        raise UserError(say(MessageCode.TABLE_NO_HEADER, name=request.path.name, sheet=raw.name))
    if request.cells:
        letters = {c.letter: c.index for c in table.columns}
        edits: dict[int, dict[int, str]] = {}
        for (number, letter), text in request.cells.items():
            if letter in letters:
                edits.setdefault(number, {})[letters[letter]] = text
        table.rows = [
            DataRow(row.number, tuple(edits[row.number].get(i, c) for i, c in enumerate(row.cells)))
            if row.number in edits
            else row
            for row in table.rows
        ]
    columns, mapping_name = _columns(ctx, request, table)
    return raw, table, columns, mapping_name


def _columns(ctx: AppContext, request: ImportRequest, table: Table) -> tuple[list[ColumnMapping], str | None]:
    saved = None
    if request.mapping_name:
        saved = next((m for m in mappings(ctx, request.kind) if m.name == request.mapping_name), None)
        if saved is None:
            raise UserError(
                say(MessageCode.MAPPING_UNKNOWN, kind=request.kind.value, mapping=request.mapping_name)
            )
    else:
        saved = next((m for m in mappings(ctx, request.kind) if m.shape == table.shape), None)
    if saved:
        columns = apply_saved(table, saved.columns, request.kind)
    else:
        columns = guess(request.kind, table, _value_test(ctx, request.kind))
    if request.columns:
        keys = {t.key for t in targets(request.kind)}
        wanted = {fold(title): key for title, key in request.columns.items()}
        for key in wanted.values():
            if key is not None and key not in keys:
                raise UserError(say(MessageCode.TABLE_NO_FIELD, kind=request.kind.value, key=key))
        columns = [
            ColumnMapping(m.column, wanted[fold(m.column.title)], 1.0, GuessedBy.PERSON)
            if fold(m.column.title) in wanted
            else m
            for m in columns
        ]
        # A field the person gave to one column leaves the column that had it.
        chosen = {(fold(t), k) for t, k in request.columns.items() if k}
        taken = {k for _, k in chosen}
        columns = [
            ColumnMapping(m.column, None, 0.0, m.by)
            if m.target in taken and (fold(m.column.title), m.target) not in chosen
            else m
            for m in columns
        ]
    return columns, saved.name if saved else None


def _value_test(ctx: AppContext, kind: TableKind) -> Callable[[str, Sequence[Any]], bool]:
    """Whether a column's values are, nearly all, sure names of a list's values (countries, statuses…)."""
    synonyms = _synonyms(ctx)
    cache: dict[str, Vocabulary | None] = {}

    def test(key: str, values: Sequence[Any]) -> bool:
        if key not in cache:
            cache[key] = _vocabulary(ctx, target(kind, key), synonyms)
        vocab = cache[key]
        if vocab is None:
            return False
        sure = 0
        for v in values:
            match = vocab.match(cell_text(v))
            sure += match is not None and match.sure
        return sure >= 0.8 * len(values)

    return test


_CHILD_PREFIX = {
    "case_activity": "activity.",
    "brief_delivery": "delivery.",
    "meeting_attendance": "attendance.",
}

# A table of a kind needs a column for one of these (the record's entity, then the targets).
_REQUIRED: dict[TableKind, tuple[str, tuple[str, ...]]] = {
    TableKind.COMPANIES: ("company", ("name_ko", "name_en", Helper.COMPANY_NAME)),
    TableKind.CASES: ("support_case", ("title",)),
    TableKind.BRIEFS: ("market_brief", ("title",)),
    TableKind.MEETINGS: ("council_meeting", ("number",)),
}


def _check_required(kind: TableKind, mapped: Mapping[str, Any]) -> None:
    entity_name, keys = _REQUIRED[kind]
    if not any(k in mapped for k in keys):
        fields = [k for k in keys if entity(entity_name).has_field(k)]
        raise UserError(say(MessageCode.TABLE_NO_COLUMN_FOR, entity=entity_name, fields=fields))


def _vocab_name(t: Target) -> str:
    """The vocabulary a target reads with: a reference entity's (shared by its fields) or the field's enum."""
    if t.spec is not None and t.spec.target and t.kind in (Kind.CODE, Kind.CODES):
        return t.spec.target
    if t.spec is not None and t.spec.enum is not None:
        return t.spec.enum.__name__
    return "mission" if t.key == Helper.MISSION else t.key


def _synonyms(ctx: AppContext) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    with ctx.store.read() as conn:
        for r in conn.execute(sa.select(import_synonym)):
            out.setdefault(r.target, {})[r.text] = r.value
    return out


def _vocabulary(ctx: AppContext, t: Target, synonyms: Mapping[str, Mapping[str, str]]) -> Vocabulary | None:
    name = _vocab_name(t)
    extra = synonyms.get(name, {})
    if t.spec is not None and t.spec.enum is not None:
        return enum_vocabulary(name, t.spec.enum, extra)
    if t.kind in (Kind.CODE, Kind.CODES) or t.key == Helper.MISSION:
        return code_vocabulary(name, _reference_rows(ctx, name), extra)
    return None


def _reference_rows(ctx: AppContext, name: str) -> list[dict[str, Any]]:
    """The reference list as this database has it (HQ may have added rows), the shipped one otherwise."""
    table = entity_table(name)
    cols = [table.c.code, *(table.c[k] for k in ("name_ko", "name_en", "name_local") if k in table.c)]
    with ctx.store.read() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.select(*cols))]
    return rows or [dict(r) for r in refdata.rows(name)]


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


class _RowRefused(UserError):
    """A row the import cannot take, for a reason its code says (the row's mission is another's)."""

    def __init__(self, problem: CellProblem) -> None:
        super().__init__(reason_text([problem]))
        self.problem = problem


class _Job:
    """One run over a table's rows inside the caller's transaction."""

    def __init__(
        self,
        ctx: AppContext,
        request: ImportRequest,
        table: Table,
        mapped: Mapping[str, Any],
        reader: Reader,
        report: TableReport,
        *,
        write: bool,
    ) -> None:
        self.ctx = ctx
        # A preview runs every check a create or a workflow step makes (RecordService.plan_create,
        # check_transition: the same code the import runs before it writes) and writes nothing but what
        # the rolled-back transaction drops; the import writes, a savepoint per row.
        self.write = write
        self.planned: dict[str, PlannedCreate] = {}
        self.counters: dict[tuple[str, int], int] = {}
        # What a row made becomes visible to the later rows only when the row succeeds.
        self.row_links: dict[str, str] = {}
        self.row_companies: list[tuple[str, Any, Any, Any]] = []
        self.request = request
        self.kind = request.kind
        self.table = table
        self.mapped = mapped
        self.reader = reader
        self.report = report
        self.records = RecordService(ctx)
        self.source = _key(self.kind.value, table.shape)
        self.companies = CompanyIndex()
        self.links: dict[str, str] = {}
        self.mission = self._own_mission(request.mission)

    def _own_mission(self, mission: str | None) -> str | None:
        device = self.ctx.device
        if mission is None:
            return None
        code = mission.upper()
        if device.role is not Role.HQ and code != device.mission:
            raise UserError(say(MessageCode.TABLE_OTHER_MISSION, owner=device.mission, mission=code))
        if not any(r["code"] == code for r in refdata.rows("mission")):
            raise UserError(say(MessageCode.NO_MISSION, mission=code))
        return code

    def run(self, conn: Connection, task: TaskContext) -> None:
        company = entity_table("company")
        for r in conn.execute(
            sa.select(company.c.id, company.c.name_ko, company.c.name_en, company.c.brn).where(
                company.c.deleted_at.is_(None)
            )
        ):
            self.companies.add(r.id, r.name_ko, r.name_en, r.brn)
        self.links = {
            r.row_key: r.record_id
            for r in conn.execute(
                sa.select(import_link.c.row_key, import_link.c.record_id).where(
                    import_link.c.source == self.source
                )
            )
        }
        total = len(self.table.rows)
        for done, row in enumerate(self.table.rows):
            if done % 200 == 0:
                task.check_cancelled()
                task.progress(done, total, "")
            values, problems = self._read(row.cells)
            result = RowResult(row.number, Outcome.NEW, cells=row.cells, problems=problems)
            self.report.rows.append(result)
            if problems:
                result.outcome = (
                    Outcome.CONFIRM if all(p.needs_confirmation for p in problems) else Outcome.REFUSED
                )
                result.label = self._label(values)
                continue
            self.row_links, self.row_companies = {}, []
            savepoint = conn.begin_nested() if self.write else None
            try:
                if self.kind is TableKind.COMPANIES:
                    self._company_row(conn, values, result)
                elif self.kind is TableKind.BRIEFS:
                    self._brief_row(conn, values, result)
                elif self.kind is TableKind.MEETINGS:
                    self._meeting_row(conn, values, result)
                else:
                    self._case_row(conn, values, result)
            except ValidationFailed as exc:
                self._undo(savepoint, result)
                result.problems = [self._invalid(exc.entity, p) for p in exc.problems]
            except _RowRefused as exc:
                self._undo(savepoint, result)
                result.problems = [exc.problem]
            except UserError as exc:  # the record service's sentence, with its code when it has one
                self._undo(savepoint, result)
                result.problems = [refused(said_by(exc))]
            else:
                if savepoint is not None:
                    savepoint.commit()
                self.links.update(self.row_links)
                for made in self.row_companies:
                    self.companies.add(*made)
        task.progress(total, total, "")

    def _undo(self, savepoint: Any, result: RowResult) -> None:
        if savepoint is not None:
            savepoint.rollback()
        result.outcome = Outcome.REFUSED
        result.made = {}

    def _create(
        self,
        conn: Connection,
        entity_name: str,
        values: Mapping[str, Any],
        result: RowResult,
        *,
        owner: str | None = None,
        arrived: bool = False,
    ) -> str:
        """Make a record (import) or run every check of making it (preview): its id either way.
        ``arrived``: the row's record in the status the sheet gives it, made by one create."""
        spec = entity(entity_name)
        parent = None
        if not self.write and spec.parent is not None:
            parent = self.planned.get(str(values.get(spec.parent.field)))
        if self.write:
            record_id = self.records.create_in(
                conn, entity_name, values, owner=owner, arrived=arrived
            ).record_id
        else:
            plan = self.records.plan_create(
                conn, entity_name, values, owner=owner, planned_parent=parent, arrived=arrived
            )
            record_id = str(uuid.uuid4())
            self.planned[record_id] = plan
        result.made[entity_name] = result.made.get(entity_name, 0) + 1
        return record_id

    # --- reading a row ---------------------------------------------------------------------

    def _read(self, cells: Sequence[Any]) -> tuple[dict[str, Any], list[CellProblem]]:
        values: dict[str, Any] = {}
        problems: list[CellProblem] = []
        for key, column in self.mapped.items():
            t = target(self.kind, key)
            value, problem = self.reader.read(t, cells[column.index])
            if problem is not None:
                problems.append(
                    CellProblem(
                        problem.target,
                        problem.code,
                        problem.params,
                        column.letter,
                        column.title,
                    )
                )
            elif value is not None and value != []:
                values[key] = value
        return values, problems

    def _located(self, key: str, code: CellCode, params: Mapping[str, Any]) -> CellProblem:
        column = self.mapped.get(key)
        return CellProblem(key, code, params, column.letter if column else "", column.title if column else "")

    def _invalid(self, entity_name: str, problem: Any) -> CellProblem:
        prefix = _CHILD_PREFIX.get(entity_name, "")
        key = prefix + problem.field
        if entity_name == "company" and self.kind is not TableKind.COMPANIES:
            key = Helper.COMPANY_NAME.value
        # The record's own problem code, and the English sentence for a rule that has no code.
        return self._located(
            key,
            CellCode.INVALID,
            {
                **problem.params,
                "problem": problem.code,
                "entity": entity_name,
                "field": problem.field,
                "message": str(problem),
            },
        )

    def _label(self, values: Mapping[str, Any]) -> str:
        for key in ("title", "name_ko", "name_en", Helper.COMPANY_NAME):
            if values.get(key):
                return str(values[key])
        return ""

    def _row_key(self, values: Mapping[str, Any], keys: Iterable[str]) -> str:
        if values.get(Helper.LEGACY_REF):
            return _key("ref", fold(str(values[Helper.LEGACY_REF])))
        if self.kind is TableKind.COMPANIES and values.get("brn") and brn_key(str(values["brn"])):
            return _key("brn", brn_key(str(values["brn"])))
        return _key("row", *(f"{k}={_plain(values.get(k))}" for k in sorted(keys)))

    def _link(self, conn: Connection, row_key: str, entity_name: str, record_id: str, number: int) -> None:
        self.row_links[row_key] = record_id
        if not self.write:
            return
        conn.execute(
            sa.insert(import_link),
            dict(
                source=self.source,
                row_key=row_key,
                entity=entity_name,
                record_id=record_id,
                file_name=self.request.path.name[:255],
                row_number=number,
                imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            ),
        )

    def _owner(self, values: Mapping[str, Any], entity_name: str) -> str | None:
        code = values.get(Helper.MISSION)
        device = self.ctx.device
        if code is None and self.mission is None and device.role is Role.HQ:
            # HQ makes a mission's record only for a mission named: the row lacks one (not a permission).
            mine = create_refusal(entity(entity_name), HQ_MISSION, Role.HQ, HQ_MISSION)
            if refusal_code(mine) is RefusalCode.MISSION_RECORD:
                if Helper.MISSION.value in self.mapped:
                    raise _RowRefused(self._located(Helper.MISSION.value, CellCode.NO_MISSION, {}))
                raise _RowRefused(CellProblem("", CellCode.NO_MISSION, {}))
        if code is None:
            return self.mission
        if device.role is not Role.HQ and code != device.mission:
            raise _RowRefused(
                self._located(
                    Helper.MISSION.value,
                    CellCode.OTHER_MISSION,
                    {"row_mission": str(code), "device_mission": device.mission},
                )
            )
        return str(code)

    # --- companies -------------------------------------------------------------------------------

    def _company_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        spec = entity("company")
        out = {k: v for k, v in values.items() if spec.has_field(k)}
        name = values.get(Helper.COMPANY_NAME)
        if name:
            if has_hangul(str(name)):
                out.setdefault("name_ko", name)
            else:
                out.setdefault("name_en", name)
        if not out.get("name_ko") and out.get("name_en"):
            out["name_ko"] = out["name_en"]  # the Korean name is required: a Latin-only sheet repeats it
        return out

    def _find_company(self, values: Mapping[str, Any], result: RowResult) -> CompanyMatch | None:
        """By registration number, else by either name: a sure match over a suggestion."""
        brn = values.get("brn")
        found: CompanyMatch | None = None
        for name in (
            [values.get("name_ko"), values.get("name_en")]
            if values.get("name_ko") or values.get("name_en")
            else [None]
        ):
            match = self.companies.find(name, brn)
            if match is not None and (found is None or (match.sure and not found.sure)):
                found = match
        result.company = found
        return found

    def _confirmed(self, found: CompanyMatch, text: str) -> bool:
        return (
            self.request.accept_suggestions
            or Suggestion(Helper.COMPANY_NAME.value, text) in self.request.accepted
        )

    def _company_row(self, conn: Connection, values: Mapping[str, Any], result: RowResult) -> None:
        clean = self._company_values(values)
        result.label = str(clean.get("name_ko") or "")
        row_key = self._row_key(values, values.keys())
        if row_key in self.links:
            result.outcome, result.record_id = Outcome.IMPORTED_BEFORE, self.links[row_key]
            return
        found = self._find_company(clean, result)
        if found is not None and not found.sure and not self._confirmed(found, result.label):
            result.outcome = Outcome.CONFIRM
            result.record_id = found.company_id
            result.problems = [self._confirm_company(result.label, found, "name_ko")]
            return
        if found is not None:
            result.outcome, result.record_id = Outcome.MATCHED, found.company_id
        else:
            made = self._create(conn, "company", clean, result, owner=self._owner(values, "company"))
            result.outcome, result.record_id = Outcome.NEW, made
            self.row_companies.append((made, clean.get("name_ko"), clean.get("name_en"), clean.get("brn")))
        self._link(conn, row_key, "company", result.record_id, result.number)

    def _confirm_company(self, text: str, found: CompanyMatch, key: str) -> CellProblem:
        return self._located(
            key,
            CellCode.CONFIRM_COMPANY,
            {
                "value": text,
                "suggestion": found.company_id,
                "known_as": found.known_as,
                "confidence": found.confidence,
            },
        )

    # --- cases -----------------------------------------------------------------------------------

    def _case_row(self, conn: Connection, values: Mapping[str, Any], result: RowResult) -> None:
        """A row names a case (by the sheet's number, else its values; made once) and, where the sheet
        has their columns, an activity and a partner referral of it: a case's rows repeated, one per
        activity or referral, make one case."""
        result.label = str(values.get("title") or "")
        case_keys = [k for k in values if not k.startswith(_CASE_CHILDREN)]
        case_key = self._row_key(values, case_keys)
        children: dict[str, tuple[str, dict[str, Any]]] = {}
        for prefix, entity_name in _CASE_CHILDREN_ENTITIES.items():
            child = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith(prefix)}
            if child:
                # An activity's key is the case's and its values (as earlier imports linked them).
                tag = () if entity_name == "case_activity" else (entity_name,)
                key = _key(case_key, *tag, *(f"{k}={_plain(v)}" for k, v in sorted(child.items())))
                children[entity_name] = (key, child)
        case_id = self.links.get(case_key)
        if case_id is not None and all(key in self.links for key, _ in children.values()):
            result.outcome, result.record_id = Outcome.IMPORTED_BEFORE, case_id
            return
        if case_id is None:
            company_id = self._row_company(conn, values, result)
            if result.outcome is Outcome.CONFIRM:
                return
            case_id = self._make_case(conn, values, company_id, result)
            self._link(conn, case_key, "support_case", case_id, result.number)
        result.outcome, result.record_id = Outcome.NEW, case_id
        if "case_activity" in children:
            key, activity = children["case_activity"]
            if key not in self.links:
                activity.setdefault("date", values.get("received_date") or dt.date.today())
                activity.setdefault("action_type", ActionType.NOTE.value)
                made = self._create(conn, "case_activity", {**activity, "case_id": case_id}, result)
                self._link(conn, key, "case_activity", made, result.number)
        if "partner_referral" in children:
            key, referral = children["partner_referral"]
            if key not in self.links:
                referral.setdefault("status", ReferralStatus.REQUESTED.value)
                referral = {**referral, "case_id": case_id}
                made = self._create(conn, "partner_referral", referral, result, arrived=True)
                self._link(conn, key, "partner_referral", made, result.number)

    # --- briefs and their deliveries -----------------------------------------------------------------

    def _brief_row(self, conn: Connection, values: Mapping[str, Any], result: RowResult) -> None:
        """A row names a brief (by its title and country, made once per import) and, where it names a
        company, the brief's delivery to it: the deliveries are what the yearly tallies count."""
        result.label = str(values.get("title") or "")
        row_key = self._row_key(values, values.keys())
        if row_key in self.links:
            result.outcome, result.record_id = Outcome.IMPORTED_BEFORE, self.links[row_key]
            return
        company_id = self._row_company(conn, values, result)
        if result.outcome is Outcome.CONFIRM:
            return
        spec = entity("market_brief")
        brief_key = _key("brief", fold(str(values.get("title"))), str(values.get("country") or ""))
        brief_id = self.links.get(brief_key) or self.row_links.get(brief_key)
        if brief_id is None:
            fields = {k: v for k, v in values.items() if spec.has_field(k)}
            brief_id = self._create(
                conn, "market_brief", fields, result, owner=self._owner(values, "market_brief")
            )
            self._link(conn, brief_key, "market_brief", brief_id, result.number)
        result.record_id = brief_id
        delivery = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("delivery.")}
        if company_id is not None or delivery:
            delivery.update(brief_id=brief_id, company_id=company_id)
            made = self._create(conn, "brief_delivery", delivery, result)
            self._link(conn, row_key, "brief_delivery", made, result.number)
        elif row_key != brief_key:
            self._link(conn, row_key, "market_brief", brief_id, result.number)
        result.outcome = Outcome.NEW if result.made else Outcome.MATCHED

    # --- council meetings and their attendance ----------------------------------------------------------

    def _meeting_row(self, conn: Connection, values: Mapping[str, Any], result: RowResult) -> None:
        """A row names a meeting (by its year and number, made once) and, where it names an institution,
        that institution's attendance. A meeting with a date is held unless the sheet says otherwise."""
        row_key = self._row_key(values, values.keys())
        if row_key in self.links:
            result.outcome, result.record_id = Outcome.IMPORTED_BEFORE, self.links[row_key]
            return
        spec = entity("council_meeting")
        fields = {k: v for k, v in values.items() if spec.has_field(k) and k != "status"}
        if "year" not in fields and isinstance(fields.get("date"), dt.date):
            fields["year"] = fields["date"].year
        result.label = f"{fields.get('year', '')}-{fields.get('number', '')}"
        meeting_key = _key("meeting", str(fields.get("year")), str(fields.get("number")))
        meeting_id = self.links.get(meeting_key) or self.row_links.get(meeting_key)
        if meeting_id is None:
            fields["status"] = values.get("status") or (
                MeetingStatus.HELD.value if fields.get("date") else MeetingStatus.PLANNED.value
            )
            owner = self._owner(values, "council_meeting")
            meeting_id = self._create(conn, "council_meeting", fields, result, owner=owner, arrived=True)
            self._link(conn, meeting_key, "council_meeting", meeting_id, result.number)
        result.record_id = meeting_id
        attendance = {k.split(".", 1)[1]: v for k, v in values.items() if k.startswith("attendance.")}
        if attendance:
            made = self._create(conn, "meeting_attendance", {**attendance, "meeting_id": meeting_id}, result)
            self._link(conn, row_key, "meeting_attendance", made, result.number)
        elif row_key != meeting_key:
            self._link(conn, row_key, "council_meeting", meeting_id, result.number)
        result.outcome = Outcome.NEW if result.made else Outcome.MATCHED

    def _row_company(self, conn: Connection, values: Mapping[str, Any], result: RowResult) -> str | None:
        name = values.get(Helper.COMPANY_NAME)
        brn = values.get(Helper.COMPANY_BRN)
        if not name and not brn:
            return None
        found = self.companies.find(str(name) if name else None, str(brn) if brn else None)
        result.company = found
        if found is not None and not found.sure and not self._confirmed(found, str(name)):
            result.outcome = Outcome.CONFIRM
            result.problems = [self._confirm_company(str(name), found, Helper.COMPANY_NAME.value)]
            return None
        if found is not None:
            return found.company_id
        if not name:
            return None  # a registration number alone names no new company
        company = self._company_values({Helper.COMPANY_NAME: name, **({"brn": brn} if brn else {})})
        made = self._create(conn, "company", company, result)
        self.row_companies.append((made, company.get("name_ko"), company.get("name_en"), company.get("brn")))
        return made

    def _reference(self, conn: Connection, mission: str, fields: Mapping[str, Any]) -> str:
        """The case's reference: the next one (a consolidated workbook's case under its own mission's
        references). A preview counts in memory from the stored counter, as the import will number."""
        year = (fields.get("received_date") or dt.date.today()).year
        # HQ numbers a mission's cases in the slot no laptop has, so no laptop of it counts the same.
        slot = references.HQ_SLOT if self.ctx.device.role is Role.HQ else self.ctx.device.slot
        if self.write:
            return next_case_reference(conn, mission, slot, year)
        key = (mission, year)
        if key not in self.counters:
            counter = reference_counter
            self.counters[key] = int(
                conn.execute(
                    sa.select(counter.c.last).where(
                        counter.c.mission_code == mission, counter.c.year == year, counter.c.slot == slot
                    )
                ).scalar()
                or 0
            )
        self.counters[key] += 1
        return references.make(mission, year, slot, self.counters[key])

    def _make_case(
        self, conn: Connection, values: Mapping[str, Any], company_id: str | None, result: RowResult
    ) -> str:
        spec = entity("support_case")
        fields = {k: v for k, v in values.items() if spec.has_field(k)}
        if company_id:
            fields["company_id"] = company_id
        # A case made as the sheet left it (closed with its outcome, say): one create, the workflow's
        # steps to that status checked on its values (RecordService: ``arrived``).
        fields["status"] = values.get("status") or (
            CaseStatus.CLOSED.value if values.get("outcome") else CaseStatus.OPEN.value
        )
        owner = self._owner(values, "support_case")
        fields["reference"] = self._reference(conn, owner or self.ctx.device.mission, fields)
        return self._create(conn, "support_case", fields, result, owner=owner, arrived=True)


_CASE_CHILDREN_ENTITIES = {"activity.": "case_activity", "referral.": "partner_referral"}
_CASE_CHILDREN = tuple(_CASE_CHILDREN_ENTITIES)


def _plain(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ",".join(map(str, value))
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


# --- the rows that were not imported --------------------------------------------------------------


# The workbook's own words: (Korean, English), chosen as the bundle's readable sheets choose theirs.
_ERRORS_WORDS = {"sheet": ("오류", "Errors"), "row": ("행", "Row"), "reason": ("사유", "Reason")}


def write_errors(report: TableReport, out: Path, language: str = "ko") -> int:
    """The rows not imported (refused, or waiting for a confirmation) with their original cells and a
    reason column in ``language`` (``ko``, the default, or ``en``), ready to fix and import again; the
    number of rows written."""
    import os

    import xlsxwriter

    from missiondesk.bundles.cells import clean_cell_text, looks_like_formula

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    words = {k: ko if language == "ko" else en for k, (ko, en) in _ERRORS_WORDS.items()}
    rows = report.not_imported
    tmp = out.with_name(out.name + ".partial")
    book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        sheet = book.add_worksheet(words["sheet"])
        bold = book.add_format({"bold": True})
        quoted = book.add_format({"quote_prefix": True})
        titles = [c.column.title for c in report.columns]
        sheet.write_string(0, 0, words["row"], bold)
        for i, title in enumerate(titles):
            sheet.write_string(0, i + 1, title, bold)
        sheet.write_string(0, len(titles) + 1, words["reason"], bold)
        for n, row in enumerate(rows, start=1):
            sheet.write_number(n, 0, row.number)
            for i, m in enumerate(report.columns):
                cell = row.cells[m.column.index] if m.column.index < len(row.cells) else ""
                _write_cell(sheet, n, i + 1, cell, quoted, clean_cell_text, looks_like_formula)
            reason = reason_text(row.problems, language)
            sheet.write_string(n, len(titles) + 1, clean_cell_text(reason))
        sheet.freeze_panes(1, 1)
    finally:
        book.close()
    os.replace(tmp, out)  # the workbook is closed: Windows replaces only a closed file
    return len(rows)


def _write_cell(sheet: Any, row: int, col: int, cell: Any, quoted: Any, clean: Any, formula: Any) -> None:
    if isinstance(cell, bool):
        sheet.write_boolean(row, col, cell)
    elif isinstance(cell, int | float):
        sheet.write_number(row, col, cell)
    elif isinstance(cell, dt.datetime | dt.date):
        sheet.write_string(row, col, cell.isoformat())
    else:
        text = clean(cell_text(cell))
        sheet.write_string(row, col, text, quoted if formula(text) else None)
