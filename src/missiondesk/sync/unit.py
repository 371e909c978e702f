"""The authority's unit of work: read once, decide in memory, write in bulk.

Merging op by op with a statement per step costs milliseconds per op; a
batch of 10,000 ops must take seconds. So a push loads every record, receipt,
held op and feed history its batch touches in a few queries, lets the merge
engine decide in memory (records change in the cache as ops apply, in order),
and writes everything at the end with one ``executemany`` per table. Feed
numbers are taken from the counter row at that moment, which locks it until
commit: feed entries still become visible in commit order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.enums import ConflictStatus
from missiondesk.domain.merge import FieldMerge
from missiondesk.domain.schema import EntitySpec, entity
from missiondesk.store import bulk, search
from missiondesk.store.records import utcnow
from missiondesk.store.tables import (
    auth_device,
    change_feed,
    entity_table,
    feed_counter,
    held_op,
    op_receipt,
)
from missiondesk.sync.protocol import ReceiptRow

# Rows per write and ids per read (an id list is one parameter: see bulk.among). Few round trips;
# the bound only keeps one statement's parameters to a few megabytes.
CHUNK = 10_000


@dataclass
class DeviceState:
    device_id: str
    mission: str
    role: str
    slot: int
    next_seq: int
    revoked: bool
    blocked_reason: str | None
    changed: bool = False


class Stored:
    """A record as the merge reads it: a view on its row in the unit, not a copy.

    Building a ``Record`` per op (a copy of every value) was a tenth of a batch's time. Rows in
    the unit are replaced, never changed in place, so a view keeps showing the row it was taken on.
    """

    __slots__ = ("row", "spec")

    def __init__(self, spec: EntitySpec, row: dict[str, Any]) -> None:
        self.spec = spec
        self.row = row

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def owner_mission(self) -> str:
        return str(self.row["owner_mission"])

    @property
    def version(self) -> int:
        return int(self.row["version"])

    @property
    def conflict_state(self) -> str:
        return str(self.row["conflict_state"])

    @property
    def extra(self) -> Mapping[str, Any]:
        return self.row["extra"] or {}

    @property
    def is_deleted(self) -> bool:
        return self.row["deleted_at"] is not None

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value, as ``Record.get`` gives it (an empty list for a list field left empty)."""
        if not self.spec.has_field(name):
            return default
        value = self.row[name]
        return [] if value is None and self.spec.field(name).is_list else value

    def __getitem__(self, name: str) -> Any:
        if not self.spec.has_field(name):
            raise KeyError(name)
        return self.get(name)


class FeedEntry(TypedDict):
    """A row of ``change_feed``; ``seq`` is taken from the counter when the unit is flushed."""

    entity: str
    record_id: str
    audience: str  # the owner mission, or * for everyone
    kind: str  # upsert | revoke
    version: int
    device_id: str | None  # whose op made it (None: HQ itself)
    op_id: str | None
    actor: str
    fields: dict[str, Any]  # field -> [base, new]
    at: dt.datetime
    seq: NotRequired[int]


class HeldRow(TypedDict):
    """A row of ``held_op``: an op waiting for an earlier op of its device, its record, or a newer HQ."""

    op_id: str
    device_id: str
    seq: int
    record_id: str  # the record whose create releases it
    content_hash: str
    payload: str  # the op's canonical JSON
    reason: str  # gap | record | schema
    via: str
    received_at: dt.datetime


@dataclass(frozen=True)
class Decision:
    """What the merge did to one op's record, kept only when a preview asks (``Unit.decisions``)."""

    created: bool = False  # the op made the record
    fields: tuple[FieldMerge, ...] = ()  # an edit: each changed field's verdict against HQ's value
    deleted: bool | None = None  # a delete (True) or a restore (False) that changed the record


@dataclass
class Unit:
    conn: Connection
    rows: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    original: dict[tuple[str, str], dict[str, Any]] = field(
        default_factory=dict
    )  # as read, to write only changes
    inserted: set[tuple[str, str]] = field(default_factory=set)
    dirty: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # -> the columns set since read
    feed: list[FeedEntry] = field(default_factory=list)
    history: dict[str, list[FeedEntry]] = field(default_factory=dict)  # record id -> feed entries
    # record id -> the base version from which ``history`` is complete (-1: all of it)
    history_from: dict[str, int] = field(default_factory=dict)
    receipts: dict[str, ReceiptRow] = field(default_factory=dict)  # op id -> receipt row
    receipt_by_seq: dict[tuple[str, int], ReceiptRow] = field(default_factory=dict)
    held: dict[str, HeldRow] = field(default_factory=dict)  # op id -> held row
    held_by_seq: dict[tuple[str, int], HeldRow] = field(default_factory=dict)
    # record id -> op id -> held row: a create finds the ops waiting for it without a scan of all held
    held_by_record: dict[str, dict[str, HeldRow]] = field(default_factory=dict)
    held_removed: set[str] = field(default_factory=set)
    held_added: set[str] = field(default_factory=set)
    held_known_for: set[str] = field(default_factory=set)  # record ids whose held ops were read
    new_receipts: list[ReceiptRow] = field(default_factory=list)
    devices: dict[str, DeviceState] = field(default_factory=dict)
    now: dt.datetime = field(default_factory=utcnow)
    # op id -> what the merge did, for a preview (None: nobody asks, nothing is kept)
    decisions: dict[str, Decision] | None = None

    # --- reading, once per batch ---------------------------------------------------------

    def prefetch(
        self,
        device_ids: Iterable[str],
        op_ids: list[str],
        seqs: list[tuple[str, int]],
        records: dict[str, set[str]],
        lowest_base: dict[str, int],
    ) -> None:
        """Read what the batch will touch: devices, receipts, held ops, records and, for records
        changed since an op's base version, their feed history (who changed which field)."""
        for device_id in set(device_ids):
            self.device(device_id)
        for chunk in _chunks(op_ids):
            stmt = sa.select(op_receipt).where(bulk.among(self.conn, op_receipt.c.op_id, chunk))
            for row in _dicts(self.conn, stmt):
                self._know_receipt(cast(ReceiptRow, row))
        for device_id in {d for d, _ in seqs}:
            numbers = [s for d, s in seqs if d == device_id]
            for where in _seq_filters(self.conn, numbers):
                stmt = sa.select(op_receipt).where(op_receipt.c.device_id == device_id, where)
                for row in _dicts(self.conn, stmt):
                    self._know_receipt(cast(ReceiptRow, row))
            for row in _dicts(self.conn, sa.select(held_op).where(held_op.c.device_id == device_id)):
                self._know_held(cast(HeldRow, row))
        all_ids = [rid for ids in records.values() for rid in ids]
        self.held_known_for.update(all_ids)
        for chunk in _chunks(all_ids):
            stmt = sa.select(held_op).where(bulk.among(self.conn, held_op.c.record_id, chunk))
            for row in _dicts(self.conn, stmt):
                self._know_held(cast(HeldRow, row))
        changed_since_base = []
        for entity_name, ids in records.items():
            table = entity_table(entity_name)
            for chunk in _chunks(list(ids)):
                for row in _dicts(
                    self.conn, sa.select(table).where(bulk.among(self.conn, table.c.id, chunk))
                ):
                    self._know_row(entity_name, row)
                    if row["version"] > lowest_base.get(row["id"], 0):
                        changed_since_base.append(row["id"])
                    else:
                        self.history_from[row["id"]] = lowest_base.get(row["id"], 0)
            for rid in ids:
                self.rows.setdefault((entity_name, rid), None)
        # Versions only grow: a record still at an op's base version has no history that matters.
        for chunk in _chunks(changed_since_base):
            stmt = sa.select(change_feed).where(
                bulk.among(self.conn, change_feed.c.record_id, chunk), change_feed.c.kind == "upsert"
            )
            for row in _dicts(self.conn, stmt):
                self.history.setdefault(row["record_id"], []).append(cast(FeedEntry, row))
        self.history_from.update(dict.fromkeys(changed_since_base, -1))

    def prefetch_rows(self, records: dict[str, set[str]]) -> None:
        """Read records the batch only looks at (those its ops refer to), unless known already."""
        for entity_name, ids in records.items():
            wanted = [rid for rid in ids if (entity_name, rid) not in self.rows]
            table = entity_table(entity_name)
            for chunk in _chunks(wanted):
                stmt = sa.select(table).where(bulk.among(self.conn, table.c.id, chunk))
                for row in _dicts(self.conn, stmt):
                    self._know_row(entity_name, row)
            for rid in wanted:
                self.rows.setdefault((entity_name, rid), None)

    def history_since(self, record_id: str, base_version: int) -> list[FeedEntry]:
        """Feed entries of a record above ``base_version``: stored ones and this batch's."""
        known_from = self.history_from.get(record_id)
        if known_from is None or base_version < known_from:
            stmt = sa.select(change_feed).where(
                change_feed.c.record_id == record_id, change_feed.c.kind == "upsert"
            )
            stored = [cast(FeedEntry, dict(r)) for r in self.conn.execute(stmt).mappings()]
            in_batch = [e for e in self.history.get(record_id, []) if "seq" not in e]
            self.history[record_id] = stored + in_batch
            self.history_from[record_id] = -1
        return [e for e in self.history.get(record_id, []) if e["version"] > base_version]

    def _know_row(self, entity_name: str, row: dict[str, Any]) -> None:
        # Rows are replaced, never changed in place (see ``put``), so the row as read is its own snapshot.
        self.rows[(entity_name, row["id"])] = row
        self.original[(entity_name, row["id"])] = row

    def _know_receipt(self, row: ReceiptRow) -> None:
        self.receipts[row["op_id"]] = row
        self.receipt_by_seq[(row["device_id"], row["seq"])] = row

    def _know_held(self, row: HeldRow) -> None:
        if row["op_id"] in self.held_removed:
            return
        self._keep_held(row)

    def _keep_held(self, row: HeldRow) -> None:
        self._forget_held(row["op_id"])
        self.held[row["op_id"]] = row
        self.held_by_seq[(row["device_id"], row["seq"])] = row
        self.held_by_record.setdefault(row["record_id"], {})[row["op_id"]] = row

    def _forget_held(self, op_id: str) -> HeldRow | None:
        row = self.held.pop(op_id, None)
        if row is not None:
            self.held_by_seq.pop((row["device_id"], row["seq"]), None)
            waiting = self.held_by_record.get(row["record_id"], {})
            waiting.pop(op_id, None)
            if not waiting:
                self.held_by_record.pop(row["record_id"], None)
        return row

    def device(self, device_id: str) -> DeviceState | None:
        if device_id not in self.devices:
            row = (
                self.conn.execute(sa.select(auth_device).where(auth_device.c.device_id == device_id))
                .mappings()
                .first()
            )
            if row is None:
                return None
            self.devices[device_id] = DeviceState(
                row["device_id"],
                row["mission_code"],
                row["role"],
                row["slot"],
                row["next_seq"],
                row["revoked_at"] is not None,
                row["blocked_reason"],
            )
        return self.devices[device_id]

    def record(self, spec: EntitySpec, record_id: str) -> Stored | None:
        key = (spec.name, record_id)
        if key not in self.rows:
            table = entity_table(spec.name)
            found = self.conn.execute(sa.select(table).where(table.c.id == record_id)).mappings().first()
            self.rows[key] = None
            if found is not None:
                self._know_row(spec.name, dict(found))
        row = self.rows[key]
        return None if row is None else Stored(spec, row)

    def held_for_record(self, record_id: str) -> list[HeldRow]:
        if record_id not in self.held_by_record and record_id in self.held_known_for:
            return []  # the common case: the batch read this record's held ops, and none waits for it
        if record_id not in self.held_known_for:
            self.held_known_for.add(record_id)
            for row in self.conn.execute(
                sa.select(held_op).where(held_op.c.record_id == record_id, held_op.c.reason == "record")
            ).mappings():
                self._know_held(cast(HeldRow, dict(row)))
        found = [r for r in self.held_by_record.get(record_id, {}).values() if r["reason"] == "record"]
        return sorted(found, key=lambda r: (r["received_at"], r["seq"]))

    def open_conflicts_for(self, record_id: str) -> int:
        conflicts = entity_table("conflict")
        ids = set(
            self.conn.execute(
                sa.select(conflicts.c.id).where(
                    conflicts.c.record_id == record_id, conflicts.c.status == ConflictStatus.OPEN.value
                )
            ).scalars()
        )
        for (name, rid), row in self.rows.items():
            if name == "conflict" and row is not None and row["record_id"] == record_id:
                if row["status"] == ConflictStatus.OPEN.value:
                    ids.add(rid)
                else:
                    ids.discard(rid)
        return len(ids)

    # --- writing, buffered ---------------------------------------------------------------

    def put(self, spec: EntitySpec, row: dict[str, Any], *, new: bool, columns: Iterable[str] = ()) -> Stored:
        """Buffer a new row, or a changed copy of one (``columns``: those that may differ from the row as
        read). A row is replaced here, never changed in place: views and the rows as read rely on it."""
        key = (spec.name, row["id"])
        self.rows[key] = row
        if new:
            self.inserted.add(key)
        else:
            self.dirty.setdefault(key, set()).update(columns)
        return Stored(spec, row)

    def add_feed(self, entry: FeedEntry) -> None:
        self.feed.append(entry)
        if entry["kind"] == "upsert":
            self.history.setdefault(entry["record_id"], []).append(entry)

    def add_receipt(self, row: ReceiptRow) -> None:
        self.new_receipts.append(row)
        self._know_receipt(row)

    def hold(self, row: HeldRow) -> None:
        # Not through ``_know_held``: an op released and held again in one batch (its gap closed, its
        # record still missing) stays in ``held_removed``, so its stored row is deleted before the new
        # one is inserted (forgetting the delete broke the flush on the unique device and number).
        self.held_added.add(row["op_id"])
        self._keep_held(row)

    def release(self, op_id: str) -> None:
        self._forget_held(op_id)
        if op_id in self.held_added:
            self.held_added.discard(op_id)
        else:
            self.held_removed.add(op_id)

    def decide(self, op_id: str, decision: Decision) -> None:
        if self.decisions is not None:
            self.decisions[op_id] = decision

    # --- flushing --------------------------------------------------------------------------

    def flush(self) -> None:
        conn = self.conn
        for name in {n for n, _ in self.inserted}:
            table = entity_table(name)
            rows = [self.rows[k] for k in self.inserted if k[0] == name]
            for chunk in _chunks(rows):
                bulk.insert(conn, table, chunk)
        for (name, changed), changed_rows in self._updates(by_table=bulk.is_postgres(conn)).items():
            bulk.update(conn, entity_table(name), changed, changed_rows)
        self._reindex()
        if self.feed:
            last = conn.execute(
                sa.update(feed_counter)
                .where(feed_counter.c.id == 1)
                .values(last_seq=feed_counter.c.last_seq + len(self.feed))
                .returning(feed_counter.c.last_seq)
            ).scalar_one()
            first = int(last) - len(self.feed) + 1
            for offset, entry in enumerate(self.feed):
                entry["seq"] = first + offset
            for chunk in _chunks(self.feed):
                bulk.insert(conn, change_feed, chunk)
        for chunk in _chunks(self.new_receipts):
            bulk.insert(conn, op_receipt, chunk)
        removed = list(self.held_removed)
        for chunk in _chunks(removed):
            conn.execute(sa.delete(held_op).where(held_op.c.op_id.in_(chunk)))
        added = [self.held[i] for i in self.held_added if i in self.held]
        for chunk in _chunks(added):
            bulk.insert(conn, held_op, chunk)
        for d in self.devices.values():
            if d.changed:
                conn.execute(
                    sa.update(auth_device)
                    .where(auth_device.c.device_id == d.device_id)
                    .values(next_seq=d.next_seq, blocked_reason=d.blocked_reason)
                )

    def _updates(self, *, by_table: bool) -> dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]]:
        """Changed rows grouped by table and the columns to set.

        SQLite rewrites every index over a column an UPDATE names, so there each group names only
        the columns that changed. PostgreSQL writes a new row version whatever changed, and each
        statement scans the table once to join the rows to, so one statement per table is cheapest.
        """
        changes: dict[tuple[str, str], tuple[str, ...]] = {}
        for key, columns in self.dirty.items():
            row, before = self.rows[key], self.original.get(key, {})
            assert row is not None
            changed = tuple(sorted(c for c in columns if row[c] != before.get(c)))
            if changed and key not in self.inserted:
                changes[key] = changed
        union: dict[str, set[str]] = {}
        for (name, _), changed in changes.items():
            union.setdefault(name, set()).update(changed)
        groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        for key, changed in changes.items():
            names = tuple(sorted(union[key[0]])) if by_table else changed
            groups.setdefault((key[0], names), []).append(self.rows[key] or {})
        return groups

    def _reindex(self) -> None:
        items = []
        for key in self.inserted | self.dirty.keys():
            spec = entity(key[0])
            row = self.rows[key]
            if not spec.search_fields or row is None:
                continue
            before = self.original.get(key)
            if key in self.inserted or before is None or any(row[c] != before[c] for c in _watched(spec)):
                items.append((spec, row))
        search.reindex_many(self.conn, items)


_WATCHED: dict[str, tuple[str, ...]] = {}


def _watched(spec: EntitySpec) -> tuple[str, ...]:
    """The columns a record's search document depends on (kept by the entity's name: hashing an
    ``EntitySpec`` hashes every field spec it holds, per changed row of a flush)."""
    found = _WATCHED.get(spec.name)
    if found is None:
        found = _WATCHED[spec.name] = (*spec.search_fields, "deleted_at", "owner_mission")
    return found


def _dicts(conn: Connection, stmt: sa.Select[Any]) -> Iterator[dict[str, Any]]:
    """The rows a select returns, as plain dictionaries."""
    result = conn.execute(stmt)
    keys = list(result.keys())
    for values in result.all():
        yield dict(zip(keys, values, strict=True))


def _seq_filters(conn: Connection, numbers: list[int]) -> list[sa.ColumnElement[bool]]:
    """A device's numbers run mostly in order: one range read then beats lists of thousands.
    (Receipts in the range that the batch does not name are known for nothing, and harmless.)"""
    low, high = min(numbers), max(numbers)
    if high - low < 2 * len(numbers):
        return [op_receipt.c.seq.between(low, high)]
    return [bulk.among(conn, op_receipt.c.seq, chunk) for chunk in _chunks(numbers)]


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a batch runs.

    A batch keeps tens of thousands of row and feed dictionaries alive, so the
    collector ran hundreds of times over them, a sixth of a 10,000-op batch. A
    batch makes no reference cycles worth collecting meanwhile; it resumes after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What the batch made and keeps is long-lived: it goes straight to the oldest generation,
            # unscanned (the first young-generation pass would walk a million objects: 0.6 s).
            gc.freeze()
            gc.unfreeze()
            gc.enable()
