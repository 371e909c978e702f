"""The outbox: every local change as an op, numbered without gaps per device.

The sequence number is taken by incrementing ``device.last_seq`` inside the
same transaction as the change (SQLite's BEGIN IMMEDIATE serialises writers;
on PostgreSQL the row update locks), so a rolled-back change also rolls its
number back and the sequence has no holes.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.store import bulk
from missiondesk.store.tables import device, outbox

PENDING = "pending"
ACKED = "acked"
REJECTED = "rejected"


# Built once: one op per record written, so its cache key is not rebuilt per op.
_NEXT_SEQ = (
    sa.update(device)
    .where(device.c.device_id == sa.bindparam("device"))
    .values(last_seq=device.c.last_seq + 1)
    .returning(device.c.last_seq)
)


def next_seq(conn: Connection, device_id: str) -> int:
    seq = conn.execute(_NEXT_SEQ, {"device": device_id}).scalar_one_or_none()
    if seq is None:
        raise LookupError(f"device {device_id} is not set up in this database")
    return int(seq)


def append(
    conn: Connection,
    *,
    device_id: str,
    entity: str,
    record_id: str,
    kind: OpKind,
    owner_mission: str,
    base_version: int,
    changes: Mapping[str, FieldChange],
    made_at: dt.datetime,
    made_by: str,
) -> Op:
    op = Op(
        op_id=str(uuid.uuid4()),
        device_id=device_id,
        seq=next_seq(conn, device_id),
        entity=entity,
        record_id=record_id,
        kind=kind,
        owner_mission=owner_mission,
        base_version=base_version,
        changes=dict(changes),
        made_at=made_at.isoformat(timespec="seconds") + "Z",
        made_by=made_by,
    )
    conn.execute(
        sa.insert(outbox),  # parameters apart: the compiled statement is reused
        dict(
            device_id=device_id,
            seq=op.seq,
            op_id=op.op_id,
            entity=entity,
            record_id=record_id,
            kind=kind.value,
            payload=op.canonical(),
            status=PENDING,
            created_at=made_at,
        ),
    )
    return op


def pending_count(conn: Connection) -> int:
    return int(
        conn.execute(
            sa.select(sa.func.count()).select_from(outbox).where(outbox.c.status == PENDING)
        ).scalar_one()
    )


def pending_ops(conn: Connection, device_id: str, after_seq: int = 0, limit: int = 1000) -> list[Op]:
    rows = conn.execute(
        sa.select(outbox.c.payload)
        .where(outbox.c.device_id == device_id, outbox.c.status == PENDING, outbox.c.seq > after_seq)
        .order_by(outbox.c.seq)
        .limit(limit)
    ).scalars()
    return [Op.from_wire(json.loads(p)) for p in rows]


def pending_ops_for(conn: Connection, device_id: str, record_ids: Iterable[str]) -> list[Op]:
    """The device's pending ops on these records, in sequence order per record."""
    ids = sorted(set(record_ids))
    out: list[Op] = []
    for start in range(0, len(ids), 10_000):
        rows = conn.execute(
            sa.select(outbox.c.payload)
            .where(
                outbox.c.device_id == device_id,
                outbox.c.status == PENDING,
                # the ids as one parameter: thousands of them cost more to compile than to look up
                bulk.among(conn, outbox.c.record_id, ids[start : start + 10_000]),
            )
            .order_by(outbox.c.seq)
        ).scalars()
        out.extend(Op.from_wire(json.loads(p)) for p in rows)
    return out


def sequence_gaps(conn: Connection) -> list[str]:
    """Devices whose outbox numbers have a hole (for ``check``).

    Acknowledged ops are pruned from the bottom after the retention period, so
    what remains must run without a hole up to the device's last number.
    """
    problems = []
    rows = conn.execute(
        sa.select(
            device.c.device_id,
            device.c.last_seq,
            sa.func.count(outbox.c.seq),
            sa.func.min(outbox.c.seq),
            sa.func.max(outbox.c.seq),
        )
        .select_from(device.outerjoin(outbox, outbox.c.device_id == device.c.device_id))
        .group_by(device.c.device_id, device.c.last_seq)
    )
    for device_id, last_seq, count, min_seq, max_seq in rows:
        if count == 0:
            continue
        if max_seq != last_seq or count != max_seq - min_seq + 1:
            problems.append(f"device {device_id}: {count} ops for sequence {min_seq}..{last_seq}")
    return problems


def total_count(conn: Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(outbox)).scalar_one())


def mark_settled(conn: Connection, op_id: str) -> None:
    """An op the local authority applied itself (HQ's own edits): nothing left to send."""
    conn.execute(
        sa.update(outbox)
        .where(outbox.c.op_id == op_id)
        .values(status=ACKED, acked_at=sa.func.current_timestamp())
    )
