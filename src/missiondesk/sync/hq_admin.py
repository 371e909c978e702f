"""HQ's administration of the merge: held ops (list, force), moving a record to another mission, receipts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.ops import Op
from missiondesk.domain.schema import EntitySpec, dependants_of
from missiondesk.errors import NotFound
from missiondesk.store.tables import entity_table, held_op, op_receipt
from missiondesk.sync.devices import Refused
from missiondesk.sync.merge import Merge, record_audience
from missiondesk.sync.protocol import PushResult, Status
from missiondesk.sync.unit import Unit


def held(conn: Connection, device_id: str | None = None) -> list[Op]:
    stmt = sa.select(held_op.c.payload).order_by(held_op.c.device_id, held_op.c.seq)
    if device_id:
        stmt = stmt.where(held_op.c.device_id == device_id)
    return [Op.from_wire(json.loads(p)) for p in conn.execute(stmt).scalars()]


def force_held(conn: Connection, merge: Merge, device_id: str, cutoff: dt.datetime) -> list[PushResult]:
    """Give up waiting for a device's missing ops (held since before ``cutoff``): apply them, in order.

    The ops' base values keep this safe: where the missing ops would have
    changed a field first, the forced op meets a value it did not expect and
    becomes a conflict, never a silent overwrite. If the missing ops turn up
    later they still apply (their numbers are below the device's next).
    """
    results = []
    held_rows = (
        conn.execute(
            sa.select(held_op)
            .where(held_op.c.device_id == device_id, held_op.c.received_at <= cutoff)
            .order_by(held_op.c.seq)
        )
        .mappings()
        .all()
    )
    ops = [Op.from_wire(json.loads(r["payload"])) for r in held_rows]
    unit = merge.unit_for(conn, ops, device_id)
    device = unit.device(device_id)
    if device is None:
        raise Refused(say(MessageCode.DEVICE_NOT_ENROLLED, device=device_id))
    for row, op in zip(held_rows, ops, strict=True):
        unit.release(op.op_id)
        result = merge.apply_or_reject(unit, op, device, row["content_hash"], row["via"])
        if result.status is Status.HELD:  # its record never came: give up on it
            unit.release(op.op_id)
            reason = say(MessageCode.NEVER_REACHED)
            result = merge.reject_receipt(unit, op, row["content_hash"], row["via"], reason)
        results.append(result)
        if op.seq >= device.next_seq:
            device.next_seq = op.seq + 1
            device.changed = True
    unit.flush()
    return results


def move(merge: Merge, unit: Unit, spec: EntitySpec, record_id: str, new_owner: str) -> None:
    """Hand a record and everything under it to another mission: the old mission's laptops get revokes."""
    current = unit.record(spec, record_id)
    if current is None:
        raise NotFound(say(MessageCode.NO_RECORD, entity=spec.name, id=record_id))
    old_audience = record_audience(spec, current.row)
    record = merge.change(unit, spec, current, {}, None, owner_mission=new_owner)
    if old_audience != "*":
        merge.feed(unit, spec, record, None, {}, kind="revoke", audience=old_audience)
    merge.feed(unit, spec, record, None, {"owner_mission": [current.owner_mission, new_owner]})
    for child, parent_field in dependants_of(spec.name):  # its children and its attachments
        table = entity_table(child.name)
        ids = unit.conn.execute(sa.select(table.c.id).where(table.c[parent_field] == record_id))
        for child_id in list(ids.scalars()):
            move(merge, unit, child, child_id, new_owner)


def receipts(conn: Connection, op_ids: Iterable[str]) -> dict[str, Status]:
    stmt = sa.select(op_receipt.c.op_id, op_receipt.c.status).where(op_receipt.c.op_id.in_(list(op_ids)))
    return {r.op_id: Status(r.status) for r in conn.execute(stmt)}
