"""The change feed as laptops read it: pages of the changes in a device's scope, and the feed's epoch.

Feed numbers come from one counter row (``Unit.flush``): incrementing it locks the row until commit, so
feed numbers become visible in commit order and a pulling replica never skips a change.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.file_types import SHIPPED_SETTINGS
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.ops import MAX_NUMBER
from missiondesk.domain.permissions import Role, record_visible_to
from missiondesk.domain.schema import entity
from missiondesk.errors import Malformed
from missiondesk.store import bulk, settings
from missiondesk.store.tables import change_feed, entity_table, feed_counter
from missiondesk.sync import devices
from missiondesk.sync.devices import Refused
from missiondesk.sync.protocol import FeedChange, FeedPage
from missiondesk.sync.wire import row_to_wire

EPOCH_SETTING = "feed_epoch"


def epoch(conn: Connection) -> str:
    """The feed's epoch, made on first use (in a write transaction)."""
    value = settings.get(conn, EPOCH_SETTING)
    if value is None:
        value = str(uuid.uuid4())
        settings.put(conn, EPOCH_SETTING, value)
    return str(value)


def known_epoch(conn: Connection) -> str | None:
    value = settings.get(conn, EPOCH_SETTING)
    return None if value is None else str(value)


def rotate(conn: Connection) -> str:
    """A new epoch, after HQ's database was restored from a backup: laptops notice, re-send and re-pull."""
    value = str(uuid.uuid4())
    settings.put(conn, EPOCH_SETTING, value)
    return value


def check_cursor(cursor: int) -> None:
    if type(cursor) is not int or not 0 <= cursor <= MAX_NUMBER:
        raise Malformed(f"The cursor must be a whole number between 0 and {MAX_NUMBER}.")


def page(conn: Connection, device_id: str, cursor: int, limit: int, epoch: str) -> FeedPage:
    """Feed entries after ``cursor`` in the device's scope (own mission plus shared and reference data)."""
    device = devices.read(conn, device_id)
    if device.revoked:
        raise Refused(say(MessageCode.DEVICE_REVOKED, device=device_id))
    head = int(conn.execute(sa.select(feed_counter.c.last_seq).where(feed_counter.c.id == 1)).scalar_one())
    # Not the entry's ``fields`` (the audit trail's field changes): the page carries states.
    stmt = (
        sa.select(
            change_feed.c.seq,
            change_feed.c.entity,
            change_feed.c.record_id,
            change_feed.c.kind,
            change_feed.c.version,
        )
        .where(change_feed.c.seq > cursor)
        .order_by(change_feed.c.seq)
        .limit(limit)
    )
    if device.role is not Role.HQ:
        stmt = stmt.where(change_feed.c.audience.in_(["*", device.mission]))
    entries = conn.execute(stmt).mappings().all()
    # Only the last entry per record needs the record's state; it is the newest anyway.
    last_for: dict[str, int] = {e["record_id"]: e["seq"] for e in entries}
    wanted: dict[str, list[str]] = {}
    for e in entries:
        if e["kind"] == "upsert" and last_for[e["record_id"]] == e["seq"]:
            wanted.setdefault(e["entity"], []).append(e["record_id"])
    states: dict[str, Any] = {}
    for name, ids in wanted.items():
        table = entity_table(name)
        for start in range(0, len(ids), 2000):
            query = sa.select(table).where(bulk.among(conn, table.c.id, ids[start : start + 2000]))
            states.update((r["id"], r) for r in conn.execute(query).mappings().all())
    changes = []
    for e in entries:
        if last_for[e["record_id"]] != e["seq"]:
            continue
        state = None
        if e["kind"] == "upsert":
            spec = entity(e["entity"])
            row = states.get(e["record_id"])
            if row is None or not record_visible_to(spec, row, device.role, device.mission):
                continue  # it left this scope since; its revoke follows in the feed
            state = row_to_wire(spec, row)
        changes.append(FeedChange(e["seq"], e["entity"], e["record_id"], e["kind"], e["version"], state))
    if cursor > head:
        next_cursor = cursor  # the replica is ahead of this feed: it will notice (restore from backup)
    elif len(entries) < limit:
        # Everything up to head was looked at (entries up to head are committed: the counter
        # row serialises pushes), so entries of other scopes need not be walked again.
        next_cursor = max(head, entries[-1]["seq"] if entries else cursor)
    else:
        next_cursor = entries[-1]["seq"]
    policy = {k: v for k in SHIPPED_SETTINGS if type(v := settings.get(conn, k)) is int and v > 0}
    return FeedPage(epoch, next_cursor, head, tuple(changes), policy)
