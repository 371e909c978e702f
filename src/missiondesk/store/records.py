"""Reading and writing synced records inside one transaction.

Every write here does four things in the caller's transaction, so they all
happen or none does (BRIEF invariant 1): the row change, its outbox op with
the next gap-free sequence number, an audit event, and the search document.
Validation and permissions are the services' job; this module trusts them.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.records import Record
from missiondesk.domain.schema import EntitySpec
from missiondesk.store import outbox, search
from missiondesk.store.tables import audit_event, entity_table


@dataclass(frozen=True)
class Writer:
    """The device and person a change is made by."""

    device_id: str
    actor: str  # officer name, shown in audit and "updated by"


def utcnow() -> dt.datetime:
    """Naive UTC: what every DateTime column holds."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_record(spec: EntitySpec, row: Mapping[Any, Any]) -> Record:
    values = {name: row[name] for name in spec.field_names}
    for name in spec.list_fields:
        if values[name] is None:
            values[name] = []
    return Record(
        entity=spec.name,
        id=row["id"],
        owner_mission=row["owner_mission"],
        version=row["version"],
        values=values,
        created_at=row["created_at"],
        created_by=row["created_by"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        deleted_at=row["deleted_at"],
        deleted_by=row["deleted_by"],
        conflict_state=row["conflict_state"],
        extra=row["extra"] or {},
    )


def load(conn: Connection, spec: EntitySpec, record_id: str) -> Record | None:
    row = conn.execute(_load_statement(spec.name), {"id": record_id}).mappings().first()
    return None if row is None else to_record(spec, row)


@functools.cache
def _load_statement(entity_name: str) -> sa.Select[Any]:
    # Built once per entity: a statement made per call spends more on its cache key than on the read.
    table = entity_table(entity_name)
    return sa.select(table).where(table.c.id == sa.bindparam("id"))


def load_many(conn: Connection, spec: EntitySpec, ids: Iterable[str]) -> dict[str, Record]:
    table = entity_table(spec.name)
    ids = list(ids)
    out: dict[str, Record] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in conn.execute(sa.select(table).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = to_record(spec, row)
    return out


def wire_changes(
    spec: EntitySpec, before: Mapping[str, Any], after: Mapping[str, Any]
) -> dict[str, FieldChange]:
    """Per changed field, the base and new wire values."""
    changes: dict[str, FieldChange] = {}
    for f in spec.fields:
        if f.name not in after:
            continue
        old, new = f.to_wire(before.get(f.name)), f.to_wire(after[f.name])
        if old != new:
            changes[f.name] = FieldChange(old, new)
    return changes


def new_row(
    spec: EntitySpec,
    values: Mapping[str, Any],
    *,
    record_id: str,
    owner: str,
    by: str,
    at: dt.datetime,
    version: int = 0,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A complete row for a new record: every field (empty where not given) and the sync columns."""
    row = _empty_row(spec).copy()  # every field, in order, empty...
    for name in spec.list_fields:
        row[name] = []  # ...a list field as an empty list of its own
    if values.keys() <= row.keys():
        row.update(values)  # the common case (the merge makes 100,000 rows for a large bundle)
    else:
        row.update((k, v) for k, v in values.items() if k in row)
    row.update(
        id=record_id,
        owner_mission=owner,
        version=version,
        created_at=at,
        created_by=by,
        updated_at=at,
        updated_by=by,
        deleted_at=None,
        deleted_by=None,
        conflict_state="none",
        extra=dict(extra or {}),
    )
    return row


_EMPTY_ROWS: dict[str, dict[str, Any]] = {}


def _empty_row(spec: EntitySpec) -> dict[str, Any]:
    """Every field of ``spec`` set to None, in order: copied for each new row, never changed itself.
    Kept by the entity's name (hashing an ``EntitySpec`` hashes every field spec it holds)."""
    row = _EMPTY_ROWS.get(spec.name)
    if row is None:
        row = _EMPTY_ROWS[spec.name] = dict.fromkeys(spec.field_names)
    return row


def insert(
    conn: Connection,
    writer: Writer,
    spec: EntitySpec,
    values: Mapping[str, Any],
    owner_mission: str,
    *,
    record_id: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> tuple[Record, Op | None]:
    now = utcnow()
    record_id = record_id or str(uuid.uuid4())
    row = new_row(
        spec, values, record_id=record_id, owner=owner_mission, by=writer.actor, at=now, extra=extra
    )
    # The row as parameters, not .values(): one compiled statement serves every insert of the entity
    # (a statement built per call with its values inside costs more than the insert itself).
    conn.execute(sa.insert(entity_table(spec.name)), row)
    changes = wire_changes(spec, {}, row)
    op = _log(
        conn,
        writer,
        spec,
        record_id,
        owner_mission,
        OpKind.CREATE,
        0,
        changes,
        now,
        _local_only(row["extra"]),
    )
    search.index_record(conn, spec, record_id, owner_mission, row)
    record = load(conn, spec, record_id)
    assert record is not None
    return record, op


def update(
    conn: Connection, writer: Writer, current: Record, values: Mapping[str, Any]
) -> tuple[Record, Op | None]:
    """Apply field changes to a live record; no op when nothing really changed."""
    spec = current.spec
    changes = wire_changes(spec, current.values, values)
    if not changes:
        return current, None
    now = utcnow()
    table = entity_table(spec.name)
    new_values = {name: values[name] for name in changes}
    conn.execute(
        sa.update(table)
        .where(table.c.id == current.id)
        .values(**new_values, updated_at=now, updated_by=writer.actor)
    )
    op = _log(
        conn,
        writer,
        spec,
        current.id,
        current.owner_mission,
        OpKind.UPDATE,
        current.version,
        changes,
        now,
        _local_only(current.extra),
    )
    merged = {**current.values, **new_values}
    search.index_record(conn, spec, current.id, current.owner_mission, merged)
    record = load(conn, spec, current.id)
    assert record is not None
    return record, op


def set_deleted(conn: Connection, writer: Writer, current: Record, deleted: bool) -> tuple[Record, Op | None]:
    """Soft delete (a tombstone that stays) or restore from the trash."""
    spec = current.spec
    now = utcnow()
    table = entity_table(spec.name)
    conn.execute(
        sa.update(table)
        .where(table.c.id == current.id)
        .values(
            deleted_at=now if deleted else None,
            deleted_by=writer.actor if deleted else None,
            updated_at=now,
            updated_by=writer.actor,
        )
    )
    kind = OpKind.DELETE if deleted else OpKind.RESTORE
    op = _log(
        conn,
        writer,
        spec,
        current.id,
        current.owner_mission,
        kind,
        current.version,
        {},
        now,
        _local_only(current.extra),
    )
    if deleted:
        search.unindex_record(conn, current.id)
    else:
        search.index_record(conn, spec, current.id, current.owner_mission, current.values)
    record = load(conn, spec, current.id)
    assert record is not None
    return record, op


def _log(
    conn: Connection,
    writer: Writer,
    spec: EntitySpec,
    record_id: str,
    owner_mission: str,
    kind: OpKind,
    base_version: int,
    changes: Mapping[str, FieldChange],
    now: dt.datetime,
    local_only: bool,
) -> Op | None:
    op = (
        None
        if local_only
        else outbox.append(
            conn,
            device_id=writer.device_id,
            entity=spec.name,
            record_id=record_id,
            kind=kind,
            owner_mission=owner_mission,
            base_version=base_version,
            changes=changes,
            made_at=now,
            made_by=writer.actor,
        )
    )
    conn.execute(
        sa.insert(audit_event),  # parameters apart: the compiled statement is reused
        dict(
            at=now,
            device_id=writer.device_id,
            actor=writer.actor,
            entity=spec.name,
            record_id=record_id,
            action=kind.value,
            changes={k: [c.base, c.new] for k, c in changes.items()},
            op_id=None if op is None else op.op_id,
        ),
    )
    return op


def _local_only(extra: Mapping[str, Any]) -> bool:
    """Demo records are practice data: they and their edits never reach the outbox."""
    return bool(extra.get("demo"))
