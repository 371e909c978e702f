"""Export at the mission: the outbox as a signed bundle workbook, and a mail draft to send it.

By default a bundle holds every op HQ has not acknowledged yet (ops stay in
the outbox until an acknowledgement arrives by sync or by file), so sending
the next bundle before the last one was acknowledged repeats its ops, and
HQ answers those as duplicates. A bundle with no ops is still useful: HQ's
acknowledgement of it carries the changes for the mission since its last one.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk import __version__
from missiondesk.bundles import readable, sidecars
from missiondesk.bundles.limits import SIDECAR_MAX_BYTES
from missiondesk.bundles.manifest import FORMAT, FORMAT_VERSION, KIND_OPS
from missiondesk.bundles.op_entries import entry_for, entry_line
from missiondesk.bundles.password import check_new_password, file_sha256
from missiondesk.bundles.writer import ReadableRows, SummaryLine, write_bundle
from missiondesk.domain.canonical import sha256_hex
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.ops import Op
from missiondesk.domain.schema import ENTITIES, SCHEMA_VERSION, entity
from missiondesk.domain.value_names import value_names
from missiondesk.errors import UserError
from missiondesk.services.attachments import ENTITY as ATTACHMENT
from missiondesk.services.attachments import blob_store
from missiondesk.services.audit_files import record_file_event
from missiondesk.services.bundle_labels import Labeller
from missiondesk.services.context import AppContext, read_config
from missiondesk.services.device_keys import private_key
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store import outbox
from missiondesk.store.errors import environment_errors
from missiondesk.store.records import utcnow
from missiondesk.store.tables import entity_table
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync import replica
from missiondesk.sync.unit import collector_paused

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HQ_EMAIL_SETTING = "hq_email"
_ID_CHUNK = 500
_PLAIN = frozenset({str, int, bool})
_PLAIN_OR_NONE = _PLAIN | {type(None)}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    op_count: int
    seq_first: int | None
    seq_last: int | None
    ops_without_sensitive: int  # ops that had sensitive fields left out
    records: dict[str, int]  # readable sheet -> rows
    encrypted: bool = False  # protected with a password (Excel's encryption)
    sha256: str = ""  # of the file as written: the audit log records it
    files: int = 0  # attachment contents written into side-cars
    sidecars: tuple[Path, ...] = ()  # beside ``path``, in their order
    files_left_out: int = 0  # contents not written: not on this laptop (a record synced before its file)


def export_bundle(
    ctx: AppContext,
    out: Path,
    *,
    all_ops: bool = False,
    include_sensitive: bool = False,
    task: TaskContext | None = None,
    password: str | None = None,
    language: str = "ko",
    sidecar_limit: int = SIDECAR_MAX_BYTES,
) -> ExportResult:
    """Write the bundle to ``out``: unacknowledged ops (or, with ``all_ops``, all the outbox keeps),
    encrypted with ``password`` when one is given.

    ``language`` (``ko`` or ``en``) is the readable sheets' first language for labels and names; the
    other follows in brackets. The contents of the attachment records among the ops go beside ``out``
    in side-cars of at most ``sidecar_limit`` bytes (``bundles.sidecars``); a password-protected
    bundle's side-cars are sealed with the same password (``bundles.sealed``).
    """
    task = task or Silent()
    if out.suffix.lower() != ".xlsx":
        raise UserError(say(MessageCode.BUNDLE_NOT_XLSX))
    if password is not None:
        check_new_password(password)
    # The outbox's ops are tens of thousands of long-lived objects that make no cycles: the collector
    # would walk them over and over while they are read and written.
    with collector_paused():
        return _export(ctx, out, all_ops, include_sensitive, task, password, language, sidecar_limit)


def _export(
    ctx: AppContext,
    out: Path,
    all_ops: bool,
    include_sensitive: bool,
    task: TaskContext,
    password: str | None,
    language: str,
    sidecar_limit: int,
) -> ExportResult:
    key = private_key(ctx)
    epoch, cursor = replica.cursor(ctx)
    bundle_id = str(uuid.uuid4())
    created = utcnow()
    # One read transaction: the ops and the records they touch are read as of one moment, a chunk at
    # a time as they are written, so memory stays flat however large the bundle.
    with ctx.store.read() as conn:
        facts = _facts(conn, _selected(ctx, all_ops))
        total = facts.count
        task.progress(0, total, "Reading the outbox")
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "kind": KIND_OPS,
            "bundle_id": bundle_id,
            "device_id": ctx.device.device_id,
            "mission": ctx.device.mission,
            "officer": ctx.device.officer_name,
            "app_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "seq_first": facts.seq_first or 0,
            "seq_last": facts.seq_last or 0,
            "op_count": total,
            "created_at": created.isoformat(timespec="seconds") + "Z",
            "times": "UTC",
            "sensitive": "included" if include_sensitive else "left out",
            "feed_epoch": epoch or "",
            "feed_cursor": cursor,
            "language": language,
        }

        def progress(done: int) -> None:
            task.check_cancelled()
            task.progress(done, total, "Writing the bundle")

        tally = _Tally()
        flagged = {} if include_sensitive else _flagged_records(conn)
        labeller = Labeller(conn, language)
        tables = [
            ReadableRows(
                sheet,
                _records(
                    conn,
                    sheet.entity,
                    tally.wanted.get(sheet.entity, {}),
                    tally,
                    flagged.get(sheet.entity, {}),
                    labeller,
                ),
            )
            for sheet in readable.READABLE_SHEETS
        ]
        contents = _contents(conn, _selected(ctx, all_ops))
        blobs = blob_store(ctx)
        carried = [c for c in contents if blobs.has(c[0])]
        left_out = len(contents) - len(carried)
        payload: list[tuple[str, Iterable[str]]] = [
            ("ops", _lines(conn, _selected(ctx, all_ops), include_sensitive, tally, flagged))
        ]
        with environment_errors():
            if carried:
                task.progress(0, total, "Writing the attached files")
                files = sidecars.write_sidecars(out, carried, blobs.open, sidecar_limit, created, password)
                payload.append((sidecars.FILES_SHEET, files.lines()))
                manifest[sidecars.SIDECARS_FIELD] = files.manifest_value()
            else:
                files = sidecars.Written((), (), (), out.parent)
        try:
            with environment_errors():
                write_bundle(
                    out,
                    manifest,
                    payload,
                    key,
                    readable_rows=tables,
                    include_sensitive=include_sensitive,
                    # A generator: run when the summary sheet is written, after the sheets it counts.
                    summary=_summary(ctx, facts, tally, include_sensitive),
                    progress=progress,
                    password=password,
                    labels=labeller.labels,
                )
                # The workbook first, then its side-cars under their names, then an earlier export's
                # side-cars of the same name that this one does not have (the import would not use them).
                files.publish()
                for stale in sidecars.stale_sidecars(out, [s.name for s in files.sidecars]):
                    stale.unlink(missing_ok=True)
        finally:
            files.discard()
    if tally.ops != total:  # the read transaction makes this impossible; never sign a wrong count
        raise RuntimeError(f"the outbox gave {tally.ops} ops, {total} counted")
    task.progress(total, total, "Done")
    with environment_errors():
        digest = file_sha256(out)
    record_file_event(
        ctx,
        "bundle",
        bundle_id,
        "export",
        {"file": out.name, "ops": total, "sensitive": manifest["sensitive"]},
        digest,
        encrypted=password is not None,
        at=created,
    )
    return ExportResult(
        out,
        bundle_id,
        total,
        facts.seq_first,
        facts.seq_last,
        tally.redacted,
        {s.name: tally.records.get(s.entity, 0) for s in readable.READABLE_SHEETS},
        encrypted=password is not None,
        sha256=digest,
        files=len(files.files),
        sidecars=tuple(out.parent / s.name for s in files.sidecars),
        files_left_out=left_out,
    )


def _contents(conn: Connection, where: sa.ColumnElement[bool]) -> list[tuple[str, int]]:
    """SHA-256 and size of each content the bundle's attachment records name, once each."""
    table = entity_table(ATTACHMENT)
    c = outbox_table.c
    ids = sa.select(c.record_id).where(where, c.entity == ATTACHMENT)
    stmt = (
        sa.select(table.c.sha256, sa.func.max(table.c.size))
        .where(table.c.id.in_(ids))
        .group_by(table.c.sha256)
        .order_by(table.c.sha256)
    )
    return [(str(sha), int(size)) for sha, size in conn.execute(stmt)]


def _selected(ctx: AppContext, all_ops: bool) -> sa.ColumnElement[bool]:
    """The device's ops a bundle carries: unacknowledged ones, or all the outbox keeps but rejected ones."""
    mine = outbox_table.c.device_id == ctx.device.device_id
    if all_ops:
        return sa.and_(mine, outbox_table.c.status != outbox.REJECTED)
    return sa.and_(mine, outbox_table.c.status == outbox.PENDING)


@dataclass(frozen=True)
class _Facts:
    count: int
    seq_first: int | None
    seq_last: int | None
    made_first: dt.datetime | None
    made_last: dt.datetime | None
    kinds: dict[str, int]


def _facts(conn: Connection, where: sa.ColumnElement[bool]) -> _Facts:
    """Counts for the manifest and the summary, before the ops are streamed."""
    c = outbox_table.c
    kinds: dict[str, int] = {
        str(k): int(n)
        for k, n in conn.execute(sa.select(c.kind, sa.func.count()).where(where).group_by(c.kind))
    }
    first, last, made_first, made_last = conn.execute(
        sa.select(
            sa.func.min(c.seq), sa.func.max(c.seq), sa.func.min(c.created_at), sa.func.max(c.created_at)
        ).where(where)
    ).one()
    return _Facts(sum(kinds.values()), first, last, made_first, made_last, kinds)


class _Tally:
    """What streaming the ops and the records found, for the readable sheets, the summary and the result."""

    def __init__(self) -> None:
        self.ops = 0
        self.redacted = 0
        self.wanted: dict[str, dict[str, None]] = {e: {} for e in readable.BY_ENTITY}  # ordered sets of ids
        self.records: dict[str, int] = {}
        self.case_status: Counter[str] = Counter()
        self.meetings_held = 0


def _flagged_records(conn: Connection) -> dict[str, dict[str, frozenset[str]]]:
    """entity -> record id -> the fields its own flag makes sensitive (a case whose summary is marked
    sensitive), as the record is now: every op of it leaves them out, and so does its readable row."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for spec in ENTITIES:
        table = entity_table(spec.name) if spec.sensitive_when else None
        for flag, names in spec.sensitive_when.items():
            assert table is not None
            found = out.setdefault(spec.name, {})
            for (record_id,) in conn.execute(sa.select(table.c.id).where(table.c[flag].is_(True))):
                found[record_id] = found.get(record_id, frozenset()) | names
    return out


def _lines(
    conn: Connection,
    where: sa.ColumnElement[bool],
    include_sensitive: bool,
    tally: _Tally,
    flagged: dict[str, dict[str, frozenset[str]]],
) -> Iterator[str]:
    """The ops sheet's lines, read from the outbox as they are written.

    The outbox keeps each op's canonical text (``store.outbox.append`` stores ``Op.canonical()``), so
    an op whose fields all go into the bundle becomes its line without being parsed and serialised
    again; an op with sensitive fields to leave out is rebuilt by ``entry_for``.
    """
    c = outbox_table.c
    stmt = sa.select(c.entity, c.record_id, c.payload).where(where).order_by(c.seq)
    sensitive = {e.name for e in ENTITIES if e.sensitive_fields}
    for name, record_id, payload in conn.execute(stmt.execution_options(yield_per=2000)):
        tally.ops += 1
        wanted = tally.wanted.get(name)
        if wanted is not None:
            wanted[record_id] = None
        own = flagged.get(name, {}).get(record_id, frozenset())
        if include_sensitive or (name not in sensitive and not own):
            yield entry_line(payload, sha256_hex(payload), ())
            continue
        entry = entry_for(Op.from_wire(json.loads(payload)), include_sensitive, own)
        tally.redacted += bool(entry.left_out)
        yield entry.line()


def _records(
    conn: Connection,
    name: str,
    ids: dict[str, None],
    tally: _Tally,
    hidden: dict[str, frozenset[str]],
    labeller: Labeller,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Record id and wire values of the records the ops touch, in the ops' order, a chunk at a time,
    each chunk's coded values labelled before it is written.

    ``ids`` fills while the ops are written; this runs after, when the readable sheet is written.
    """
    spec = entity(name)
    table = entity_table(name)
    # Per field, the value types that are their own wire form (what ``to_wire`` returns first); only
    # other values take a call. None is one for a field that is not a list (a list's is []).
    fields = [(f.name, f.to_wire, _PLAIN if f.is_list else _PLAIN_OR_NONE) for f in spec.fields]
    stmt = sa.select(table.c.id, *[table.c[f.name] for f in spec.fields])
    order = list(ids)
    count = 0
    for start in range(0, len(order), _ID_CHUNK):
        chunk = order[start : start + _ID_CHUNK]
        found: dict[str, dict[str, Any]] = {}
        for record_id, *row in conn.execute(stmt.where(table.c.id.in_(chunk))).all():
            found[record_id] = {
                n: v if type(v) in plain else to_wire(v)
                for (n, to_wire, plain), v in zip(fields, row, strict=True)
            }
        labeller.cover(spec.fields, list(found.values()))
        for record_id in chunk:
            values = found.get(record_id)
            if values is None:
                continue
            count += 1
            for field_name in hidden.get(record_id, ()):
                values[field_name] = None  # marked sensitive in this record: shown empty, like its op
            if name == "support_case":
                tally.case_status[str(values.get("status"))] += 1
            elif name == "council_meeting" and values.get("status") == "held":
                tally.meetings_held += 1
            yield record_id, values
    tally.records[name] = count


def _summary(ctx: AppContext, facts: _Facts, tally: _Tally, include_sensitive: bool) -> Iterator[SummaryLine]:
    """The summary sheet's lines; a generator, so the record counts are read once the sheets are written."""

    def made(at: dt.datetime | None) -> str:
        return at.isoformat(timespec="seconds") + "Z" if at is not None else ""  # as ``Op.made_at``

    yield from (
        SummaryLine("공관", "Mission", ctx.device.mission),
        SummaryLine("작성자", "Made by", ctx.device.officer_name),
        SummaryLine("기간 시작 (UTC)", "Period from (UTC)", made(facts.made_first)),
        SummaryLine("기간 끝 (UTC)", "Period to (UTC)", made(facts.made_last)),
        SummaryLine("변경 수", "Changes", facts.count),
        SummaryLine("신규", "Created", facts.kinds.get("create", 0)),
        SummaryLine("수정", "Updated", facts.kinds.get("update", 0)),
        SummaryLine("삭제", "Deleted", facts.kinds.get("delete", 0)),
        SummaryLine("복원", "Restored", facts.kinds.get("restore", 0)),
        SummaryLine(
            "민감 정보", "Sensitive fields", "포함 / included" if include_sensitive else "제외 / left out"
        ),
    )
    for sheet in readable.READABLE_SHEETS:
        spec = sheet.spec
        yield SummaryLine(spec.label_ko, spec.label_en, tally.records.get(sheet.entity, 0))
    for status, n in sorted(tally.case_status.items()):
        ko, en = value_names(status)
        yield SummaryLine(f"사례 상태: {ko}", f"Cases with status {en}", n)
    yield SummaryLine("개최된 협의회", "Meetings held", tally.meetings_held)


def prepare_email(ctx: AppContext, bundle: Path, eml: Path, to: str | None = None) -> Path:
    """Write an ``.eml`` draft (mail clients open it as a new message) with the bundle attached."""
    address = to or read_config(ctx.paths).get(HQ_EMAIL_SETTING)
    if not address:
        raise UserError(
            f'No HQ address: give --to ADDRESS, or set "{HQ_EMAIL_SETTING}" in {ctx.paths.config}.'
        )
    msg = EmailMessage()
    msg["To"] = str(address)
    msg["Subject"] = f"MissionDesk bundle {ctx.device.mission} {dt.date.today().isoformat()}"
    msg["Date"] = formatdate(localtime=True)
    msg["X-Unsent"] = "1"  # Outlook opens it as a draft to send
    msg.set_content(
        f"{ctx.device.mission}의 변경 사항 파일을 첨부합니다. 본부에서 MissionDesk로 가져오십시오.\n\n"
        f"Attached: the changes of {ctx.device.mission} as a MissionDesk bundle. "
        "Import it at HQ with MissionDesk (File > Import…, or 'missiondesk import').\n\n"
        f"{ctx.device.officer_name}\n"
    )
    maintype, subtype = (mimetypes.guess_type(bundle.name)[0] or XLSX_TYPE).split("/", 1)
    with environment_errors():
        msg.add_attachment(bundle.read_bytes(), maintype=maintype, subtype=subtype, filename=bundle.name)
        eml.write_bytes(bytes(msg))
    return eml
