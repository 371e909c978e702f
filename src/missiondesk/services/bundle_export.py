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
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from missiondesk import __version__
from missiondesk.bundles import readable
from missiondesk.bundles.manifest import FORMAT, FORMAT_VERSION, KIND_OPS
from missiondesk.bundles.op_entries import entry_for
from missiondesk.bundles.writer import ReadableRows, SummaryLine, write_bundle
from missiondesk.domain.ops import Op
from missiondesk.domain.schema import SCHEMA_VERSION, entity
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext, read_config
from missiondesk.services.device_keys import private_key
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store import outbox
from missiondesk.store.errors import environment_errors
from missiondesk.store.records import utcnow
from missiondesk.store.tables import audit_event, entity_table
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync import replica
from missiondesk.sync.authority import collector_paused

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HQ_EMAIL_SETTING = "hq_email"
_ID_CHUNK = 500


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    op_count: int
    seq_first: int | None
    seq_last: int | None
    ops_without_sensitive: int  # ops that had sensitive fields left out
    records: dict[str, int]  # readable sheet -> rows


def export_bundle(
    ctx: AppContext,
    out: Path,
    *,
    all_ops: bool = False,
    include_sensitive: bool = False,
    task: TaskContext | None = None,
) -> ExportResult:
    """Write the bundle to ``out``: unacknowledged ops (or, with ``all_ops``, all the outbox keeps)."""
    task = task or Silent()
    if out.suffix.lower() != ".xlsx":
        raise UserError("A bundle is an Excel workbook: give the file name a .xlsx ending.")
    # The outbox's ops are tens of thousands of long-lived objects that make no cycles: the collector
    # would walk them over and over while they are read and written.
    with collector_paused():
        return _export(ctx, out, all_ops, include_sensitive, task)


def _export(
    ctx: AppContext, out: Path, all_ops: bool, include_sensitive: bool, task: TaskContext
) -> ExportResult:
    key = private_key(ctx)
    ops = _ops(ctx, all_ops)
    total = len(ops)
    task.progress(0, total, "Reading the records")
    records = _records(ctx, ops)
    epoch, cursor = replica.cursor(ctx)
    bundle_id = str(uuid.uuid4())
    created = utcnow()
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
        "seq_first": ops[0].seq if ops else 0,
        "seq_last": ops[-1].seq if ops else 0,
        "op_count": total,
        "created_at": created.isoformat(timespec="seconds") + "Z",
        "times": "UTC",
        "sensitive": "included" if include_sensitive else "left out",
        "feed_epoch": epoch or "",
        "feed_cursor": cursor,
    }

    def progress(done: int) -> None:
        task.check_cancelled()
        task.progress(done, total, "Writing the bundle")

    redacted = 0

    def lines() -> Iterator[str]:
        # Each entry is made as its line is written and dropped: the op is serialised once, and the
        # lines never all sit in memory.
        nonlocal redacted
        for op in ops:
            entry = entry_for(op, include_sensitive)
            redacted += bool(entry.left_out)
            yield entry.line()

    tables = [ReadableRows(sheet, _rows(records.get(sheet.entity, {}))) for sheet in readable.READABLE_SHEETS]
    with environment_errors():
        write_bundle(
            out,
            manifest,
            [("ops", lines())],
            key,
            readable_rows=tables,
            include_sensitive=include_sensitive,
            summary=_summary(ctx, ops, records, include_sensitive),
            progress=progress,
        )
    task.progress(total, total, "Done")
    with ctx.store.write() as conn:
        conn.execute(
            sa.insert(audit_event).values(
                at=created,
                device_id=ctx.device.device_id,
                actor=ctx.device.officer_name,
                entity="bundle",
                record_id=bundle_id,
                action="export",
                changes={"file": out.name, "ops": total, "sensitive": manifest["sensitive"]},
                op_id=None,
            )
        )
    return ExportResult(
        out,
        bundle_id,
        total,
        ops[0].seq if ops else None,
        ops[-1].seq if ops else None,
        redacted,
        {s.name: len(records.get(s.entity, {})) for s in readable.READABLE_SHEETS},
    )


def _ops(ctx: AppContext, all_ops: bool) -> list[Op]:
    with ctx.store.read() as conn:
        stmt = (
            sa.select(outbox_table.c.payload)
            .where(outbox_table.c.device_id == ctx.device.device_id)
            .order_by(outbox_table.c.seq)
        )
        stmt = (
            stmt.where(outbox_table.c.status != outbox.REJECTED)
            if all_ops
            else stmt.where(outbox_table.c.status == outbox.PENDING)
        )
        return [Op.from_wire(json.loads(p)) for p in conn.execute(stmt).scalars()]


def _records(ctx: AppContext, ops: list[Op]) -> dict[str, dict[str, dict[str, Any]]]:
    """entity -> record id -> wire values, for the records the ops touch that a readable sheet shows."""
    wanted: dict[str, list[str]] = {}
    for op in ops:
        if op.entity in readable.BY_ENTITY:
            wanted.setdefault(op.entity, []).append(op.record_id)
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with ctx.store.read() as conn:
        for name, ids in wanted.items():
            spec = entity(name)
            table = entity_table(name)
            unique = list(dict.fromkeys(ids))
            found: dict[str, dict[str, Any]] = {}
            for start in range(0, len(unique), _ID_CHUNK):
                stmt = sa.select(table).where(table.c.id.in_(unique[start : start + _ID_CHUNK]))
                for row in conn.execute(stmt).mappings():
                    found[row["id"]] = {f.name: f.to_wire(row[f.name]) for f in spec.fields}
            out[name] = {i: found[i] for i in unique if i in found}
    return out


def _rows(records: dict[str, dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from records.items()


def _summary(
    ctx: AppContext,
    ops: list[Op],
    records: dict[str, dict[str, dict[str, Any]]],
    include_sensitive: bool,
) -> list[SummaryLine]:
    kinds = Counter(op.kind.value for op in ops)
    made = sorted(op.made_at for op in ops if op.made_at)
    lines = [
        SummaryLine("공관", "Mission", ctx.device.mission),
        SummaryLine("작성자", "Made by", ctx.device.officer_name),
        SummaryLine("기간 시작 (UTC)", "Period from (UTC)", made[0] if made else ""),
        SummaryLine("기간 끝 (UTC)", "Period to (UTC)", made[-1] if made else ""),
        SummaryLine("변경 수", "Changes", len(ops)),
        SummaryLine("신규", "Created", kinds.get("create", 0)),
        SummaryLine("수정", "Updated", kinds.get("update", 0)),
        SummaryLine("삭제", "Deleted", kinds.get("delete", 0)),
        SummaryLine("복원", "Restored", kinds.get("restore", 0)),
        SummaryLine(
            "민감 정보", "Sensitive fields", "포함 / included" if include_sensitive else "제외 / left out"
        ),
    ]
    for sheet in readable.READABLE_SHEETS:
        spec = sheet.spec
        lines.append(SummaryLine(spec.label_ko, spec.label_en, len(records.get(sheet.entity, {}))))
    cases = records.get("support_case", {}).values()
    for status, n in sorted(Counter(str(c.get("status")) for c in cases).items()):
        lines.append(SummaryLine(f"사례 상태: {status}", f"Cases with status {status}", n))
    meetings = records.get("council_meeting", {}).values()
    lines.append(
        SummaryLine("개최된 협의회", "Meetings held", sum(1 for m in meetings if m.get("status") == "held"))
    )
    return lines


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
        "Import it at HQ with MissionDesk (File > Import bundles, or 'missiondesk import').\n\n"
        f"{ctx.device.officer_name}\n"
    )
    maintype, subtype = (mimetypes.guess_type(bundle.name)[0] or XLSX_TYPE).split("/", 1)
    with environment_errors():
        msg.add_attachment(bundle.read_bytes(), maintype=maintype, subtype=subtype, filename=bundle.name)
        eml.write_bytes(bytes(msg))
    return eml
