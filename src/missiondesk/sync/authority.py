"""The authority: the one place every laptop's ops are merged (BRIEF section 3).

``push`` takes a batch of ops from one enrolled device. Each op, inside a
savepoint of the batch's transaction, is authorised, deduplicated, held if it
arrives ahead of a gap in its device's sequence, upgraded if it comes from an
older schema, and merged field by field (``domain.merge``). Its receipt is
stored in the same transaction as its effect, so a retried op gets the stored
result and never applies twice. Every accepted change bumps the record's
version and appends to the change feed, whose sequence comes from one counter
row: incrementing it locks the row until commit, so feed numbers become
visible in commit order and a pulling replica never skips a change.

Network sync and Excel bundles both end here, which is why they converge.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain import upgrades
from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.enums import ConflictKind, ConflictStatus
from missiondesk.domain.merge import FieldVerdict, merge_fields
from missiondesk.domain.ops import Op, OpKind
from missiondesk.domain.permissions import Role, visible_to, write_refusal
from missiondesk.domain.records import Record
from missiondesk.domain.schema import (
    GLOBAL_OWNER,
    SCHEMA_VERSION,
    EntitySpec,
    Scope,
    children_of,
    entity,
    is_entity,
)
from missiondesk.domain.validation import ValidationFailed, normalise
from missiondesk.errors import NotFound, UserError
from missiondesk.store import records as rows
from missiondesk.store import search, settings
from missiondesk.store.engine import Store
from missiondesk.store.records import utcnow
from missiondesk.store.tables import auth_device, change_feed, entity_table, feed_counter, held_op, op_receipt
from missiondesk.sync.wire import record_to_wire

EPOCH_SETTING = "feed_epoch"


class Status(StrEnum):
    APPLIED = "applied"  # every change applied; nobody else had touched the record
    MERGED = "merged"  # applied alongside other changes, or already there
    CONFLICT = "conflict"  # at least one field conflicted; the rest applied
    HELD = "held"  # waiting for an earlier op of its device (or for its record)
    DUPLICATE = "duplicate"  # seen before: ``original`` says what happened then
    REJECTED = "rejected"  # refused: ``reason`` says why; nothing changed


DONE = frozenset({Status.APPLIED, Status.MERGED, Status.CONFLICT})


@dataclass(frozen=True)
class PushResult:
    op_id: str
    seq: int
    status: Status
    reason: str = ""
    version: int | None = None
    original: Status | None = None  # for duplicates: the first result

    @property
    def settled(self) -> bool:
        """Received for good: applied, merged, in conflict, or rejected (not waiting)."""
        final = self.original if self.status is Status.DUPLICATE else self.status
        return final is not None and final is not Status.HELD

    def to_wire(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "seq": self.seq,
            "status": self.status.value,
            "reason": self.reason,
            "version": self.version,
            "original": None if self.original is None else self.original.value,
        }


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    mission: str
    role: Role
    slot: int
    next_seq: int
    revoked: bool
    blocked_reason: str | None


@dataclass(frozen=True)
class FeedChange:
    seq: int
    entity: str
    record_id: str
    kind: str  # upsert | revoke
    version: int
    state: dict[str, Any] | None  # the record now, for upserts still in the device's scope


@dataclass(frozen=True)
class FeedPage:
    epoch: str
    cursor: int  # the cursor to ask from next time
    head: int  # the newest feed number when the page was read
    changes: tuple[FeedChange, ...] = field(default_factory=tuple)

    @property
    def more(self) -> bool:
        return self.cursor < self.head


class Rejected(Exception):
    """An op refused for a reason its receipt keeps (internal to push)."""


class Refused(UserError):
    """The whole request is refused (unknown or revoked device)."""


@dataclass
class _Effects:
    status: Status
    version: int | None
    reason: str = ""


class Authority:
    def __init__(self, store: Store, schema_version: int = SCHEMA_VERSION) -> None:
        self.store = store
        self.schema_version = schema_version

    # --- devices -----------------------------------------------------------------------

    def register_device(
        self, device_id: str, mission: str, role: Role, slot: int = 1, label: str = ""
    ) -> None:
        """Enrol a device for one mission (the sync issue adds one-time codes on top)."""
        with self.store.write() as conn:
            self.enrol(conn, device_id, mission, role, slot, label)

    def enrol(
        self, conn: Connection, device_id: str, mission: str, role: Role, slot: int, label: str
    ) -> None:
        exists = conn.execute(sa.select(auth_device.c.device_id).where(auth_device.c.device_id == device_id))
        if exists.first() is not None:
            raise UserError(f"Device {device_id} is already enrolled.")
        if role is Role.MISSION:
            clash = conn.execute(
                sa.select(auth_device.c.device_id).where(
                    auth_device.c.mission_code == mission,
                    auth_device.c.slot == slot,
                    auth_device.c.revoked_at.is_(None),
                )
            ).first()
            if clash is not None:
                raise UserError(
                    f"Slot {slot} of {mission} is taken by device {clash[0]}; choose another slot."
                )
        conn.execute(
            sa.insert(auth_device).values(
                device_id=device_id,
                mission_code=mission,
                role=role.value,
                slot=slot,
                label=label,
                next_seq=1,
                enrolled_at=utcnow(),
            )
        )

    def revoke_device(self, device_id: str) -> None:
        with self.store.write() as conn:
            done = conn.execute(
                sa.update(auth_device).where(auth_device.c.device_id == device_id).values(revoked_at=utcnow())
            ).rowcount
        if not done:
            raise NotFound(f"No enrolled device {device_id}.")

    def device(self, device_id: str) -> DeviceInfo:
        with self.store.read() as conn:
            return self._device(conn, device_id)

    def _device(self, conn: Connection, device_id: str) -> DeviceInfo:
        row = (
            conn.execute(sa.select(auth_device).where(auth_device.c.device_id == device_id))
            .mappings()
            .first()
        )
        if row is None:
            raise Refused(f"Device {device_id} is not enrolled with HQ.")
        return DeviceInfo(
            device_id=row["device_id"],
            mission=row["mission_code"],
            role=Role(row["role"]),
            slot=row["slot"],
            next_seq=row["next_seq"],
            revoked=row["revoked_at"] is not None,
            blocked_reason=row["blocked_reason"],
        )

    # --- push ----------------------------------------------------------------------------

    def push(self, ops: Sequence[Op], device_id: str, via: str = "network") -> list[PushResult]:
        """Merge a batch of one device's ops; one result per op, in the order given."""
        with self.store.write() as conn:
            device = self._device(conn, device_id)
            if device.revoked:
                raise Refused(f"Device {device_id} has been revoked by HQ; it must be enrolled again.")
            return [self._push_one(conn, op, device, via) for op in ops]

    def _push_one(self, conn: Connection, op: Op, device: DeviceInfo, via: str) -> PushResult:
        content_hash = op.content_hash()
        seen = self._seen(conn, op, content_hash)
        if seen is not None:
            return seen
        device = self._device(conn, device.device_id)  # next_seq moves as the batch applies
        if device.blocked_reason:
            return PushResult(op.op_id, op.seq, Status.REJECTED, device.blocked_reason)
        if op.device_id != device.device_id:
            return PushResult(op.op_id, op.seq, Status.REJECTED, "This op was made by another device.")
        if op.seq > device.next_seq:
            self._hold(conn, op, content_hash, "gap", via)
            return PushResult(
                op.op_id, op.seq, Status.HELD, f"waiting for op {device.next_seq} of this device"
            )
        result = self._apply_or_reject(conn, op, device, content_hash, via)
        if op.seq == device.next_seq:
            self._advance(conn, device.device_id)
        return result

    def _seen(self, conn: Connection, op: Op, content_hash: str) -> PushResult | None:
        """The stored result of an op already received, or a refusal of a reused id or number."""
        receipt = (
            conn.execute(
                sa.select(op_receipt).where(
                    (op_receipt.c.op_id == op.op_id)
                    | ((op_receipt.c.device_id == op.device_id) & (op_receipt.c.seq == op.seq))
                )
            )
            .mappings()
            .first()
        )
        held = (
            conn.execute(
                sa.select(held_op).where(
                    (held_op.c.op_id == op.op_id)
                    | ((held_op.c.device_id == op.device_id) & (held_op.c.seq == op.seq))
                )
            )
            .mappings()
            .first()
        )
        found = receipt or held
        if found is None:
            return None
        if found["op_id"] == op.op_id and found["content_hash"] == content_hash:
            if receipt is not None:
                original = Status(receipt["status"])
                return PushResult(
                    op.op_id, op.seq, Status.DUPLICATE, receipt["reason"] or "", receipt["version"], original
                )
            return PushResult(op.op_id, op.seq, Status.DUPLICATE, "still waiting at HQ", None, Status.HELD)
        if found["op_id"] == op.op_id:
            return PushResult(
                op.op_id,
                op.seq,
                Status.REJECTED,
                "This op id was already received with different content: refused, nothing changed.",
            )
        reason = (
            f"Sequence number {op.seq} of this device was already used by another op: this database was "
            "copied or restored from an old image. Nothing was applied; enrol this laptop again."
        )
        conn.execute(
            sa.update(auth_device)
            .where(auth_device.c.device_id == op.device_id)
            .values(blocked_reason=reason)
        )
        return PushResult(op.op_id, op.seq, Status.REJECTED, reason)

    def _hold(self, conn: Connection, op: Op, content_hash: str, reason: str, via: str) -> None:
        conn.execute(
            sa.insert(held_op).values(
                op_id=op.op_id,
                device_id=op.device_id,
                seq=op.seq,
                record_id=op.record_id,
                content_hash=content_hash,
                payload=op.canonical(),
                reason=reason,
                via=via,
                received_at=utcnow(),
            )
        )

    def _advance(self, conn: Connection, device_id: str) -> None:
        """Move the device's expected number on, releasing held ops that are now in order."""
        while True:
            conn.execute(
                sa.update(auth_device)
                .where(auth_device.c.device_id == device_id)
                .values(next_seq=auth_device.c.next_seq + 1)
            )
            device = self._device(conn, device_id)
            row = (
                conn.execute(
                    sa.select(held_op).where(
                        held_op.c.device_id == device_id,
                        held_op.c.seq == device.next_seq,
                        held_op.c.reason == "gap",
                    )
                )
                .mappings()
                .first()
            )
            if row is None:
                return
            conn.execute(sa.delete(held_op).where(held_op.c.op_id == row["op_id"]))
            op = Op.from_wire(json.loads(row["payload"]))
            self._apply_or_reject(conn, op, device, row["content_hash"], row["via"])

    def _apply_or_reject(
        self, conn: Connection, op: Op, device: DeviceInfo, content_hash: str, via: str
    ) -> PushResult:
        savepoint = conn.begin_nested()
        try:
            effects = self._apply(conn, op, device)
        except (Rejected, ValidationFailed, ValueError, UserError) as exc:
            savepoint.rollback()
            effects = _Effects(Status.REJECTED, None, str(exc))
        except _HoldForRecord:
            savepoint.rollback()
            self._hold(conn, op, content_hash, "record", via)
            return PushResult(op.op_id, op.seq, Status.HELD, "waiting for the record to reach HQ")
        except _HoldForSchema as exc:
            savepoint.rollback()
            self._hold(conn, op, content_hash, "schema", via)
            return PushResult(op.op_id, op.seq, Status.HELD, str(exc))
        else:
            savepoint.commit()
        conn.execute(
            sa.insert(op_receipt).values(
                op_id=op.op_id,
                device_id=op.device_id,
                seq=op.seq,
                content_hash=content_hash,
                status=effects.status.value,
                reason=effects.reason or None,
                version=effects.version,
                via=via,
                received_at=utcnow(),
            )
        )
        if effects.status in DONE and op.kind is OpKind.CREATE:
            self._release_waiting_for(conn, op.record_id)
        return PushResult(op.op_id, op.seq, effects.status, effects.reason, effects.version)

    def _release_waiting_for(self, conn: Connection, record_id: str) -> None:
        waiting = (
            conn.execute(
                sa.select(held_op)
                .where(held_op.c.record_id == record_id, held_op.c.reason == "record")
                .order_by(held_op.c.received_at, held_op.c.seq)
            )
            .mappings()
            .all()
        )
        for row in waiting:
            conn.execute(sa.delete(held_op).where(held_op.c.op_id == row["op_id"]))
            op = Op.from_wire(json.loads(row["payload"]))
            self._apply_or_reject(conn, op, self._device(conn, op.device_id), row["content_hash"], row["via"])

    # --- merge -------------------------------------------------------------------------------

    def _apply(self, conn: Connection, op: Op, device: DeviceInfo) -> _Effects:
        try:
            op = Op.from_wire(upgrades.upgrade_op(op.to_wire(), self.schema_version))
        except upgrades.SchemaTooNew as exc:
            raise _HoldForSchema(str(exc)) from exc
        except upgrades.SchemaTooOld as exc:
            raise Rejected(str(exc)) from exc
        if not is_entity(op.entity):
            raise Rejected(f"Unknown record type {op.entity!r}.")
        spec = entity(op.entity)
        current = rows.load(conn, spec, op.record_id)
        if op.kind is OpKind.CREATE and current is None:
            return self._create(conn, op, spec, device)
        if current is None:
            raise _HoldForRecord()
        refusal = write_refusal(
            spec,
            current.owner_mission,
            device.role,
            device.mission,
            op.changes.keys(),
            whole_record=op.kind is not OpKind.UPDATE,
        )
        if refusal:
            raise Rejected(refusal)
        if op.kind in (OpKind.UPDATE, OpKind.CREATE):
            return self._update(conn, op, spec, current)
        return self._delete_or_restore(conn, op, spec, current)

    def _create(self, conn: Connection, op: Op, spec: EntitySpec, device: DeviceInfo) -> _Effects:
        owner = op.owner_mission
        if spec.scope is Scope.REFERENCE:
            owner = GLOBAL_OWNER
        refusal = write_refusal(
            spec, owner, device.role, device.mission, op.changes.keys(), whole_record=True
        )
        if refusal:
            raise Rejected(refusal)
        if spec.scope in (Scope.MISSION, Scope.PUBLISHED, Scope.SHARED) and owner != device.mission:
            raise Rejected(f"{device.mission} cannot create records for {owner}.")
        values = normalise(spec, {k: c.new for k, c in op.changes.items()})
        writer = rows.Writer(op.device_id, op.made_by)
        try:
            record = rows.insert_as_authority(conn, writer, spec, values, owner, op.record_id, _made_at(op))
        except sa.exc.IntegrityError as exc:
            raise Rejected(f"The record clashes with one HQ already holds ({_constraint(exc)}).") from exc
        self._feed(conn, spec, record, op, {k: [c.base, c.new] for k, c in op.changes.items()})
        return _Effects(Status.APPLIED, record.version)

    def _update(self, conn: Connection, op: Op, spec: EntitySpec, current: Record) -> _Effects:
        if current.is_deleted:
            conflict = self._conflict(
                conn,
                spec,
                current,
                op,
                None,
                ConflictKind.DELETE_EDIT,
                base=None,
                theirs="deleted",
                ours={k: c.new for k, c in op.changes.items()},
            )
            rows.set_conflict_state(conn, spec, current.id, "hard")
            record = rows.bump_version(conn, spec, current.id)
            self._feed(conn, spec, record, op, {})
            self._feed_conflict(conn, conflict, op)
            return _Effects(
                Status.CONFLICT, record.version, "the record was deleted at HQ; the edit is kept for review"
            )
        wire_now = {f.name: f.to_wire(current.get(f.name)) for f in spec.fields}
        verdicts = merge_fields(wire_now, op.changes)
        apply = {v.field: v.ours for v in verdicts if v.verdict is FieldVerdict.APPLY}
        conflicts = [v for v in verdicts if v.verdict is FieldVerdict.CONFLICT]
        values = normalise(spec, apply)
        record = rows.apply_as_authority(conn, spec, current, values, op.made_by, _made_at(op))
        for v in conflicts:
            c = self._conflict(conn, spec, current, op, v.field, ConflictKind.FIELD, v.base, v.theirs, v.ours)
            self._feed_conflict(conn, c, op)
        if conflicts:
            rows.set_conflict_state(conn, spec, current.id, "hard")
            record = rows.load(conn, spec, current.id) or record
        self._feed(
            conn,
            spec,
            record,
            op,
            {v.field: [v.base, v.ours] for v in verdicts if v.verdict is FieldVerdict.APPLY},
        )
        if spec.name == "conflict" and "status" in apply:
            self._settle_conflict_state(conn, current, op)
        if conflicts:
            names = ", ".join(v.field for v in conflicts)
            return _Effects(Status.CONFLICT, record.version, f"kept for review: {names}")
        concurrent = self._touched_by_others(conn, current, op)
        untouched = all(v.verdict is FieldVerdict.APPLY for v in verdicts) and not concurrent
        return _Effects(Status.APPLIED if untouched else Status.MERGED, record.version)

    def _delete_or_restore(self, conn: Connection, op: Op, spec: EntitySpec, current: Record) -> _Effects:
        deleting = op.kind is OpKind.DELETE
        if deleting == current.is_deleted:
            return _Effects(
                Status.MERGED, current.version, "already " + ("deleted" if deleting else "restored")
            )
        record = rows.set_deleted_as_authority(conn, spec, current, deleting, op.made_by, _made_at(op))
        self._feed(conn, spec, record, op, {})
        if deleting:
            others = self._touched_by_others(conn, current, op)
            if others:
                theirs = {name: spec.field(name).to_wire(current.get(name)) for name in sorted(others)}
                conflict = self._conflict(
                    conn,
                    spec,
                    current,
                    op,
                    None,
                    ConflictKind.DELETE_EDIT,
                    base=None,
                    theirs=theirs,
                    ours="deleted",
                )
                rows.set_conflict_state(conn, spec, current.id, "hard")
                record = rows.bump_version(conn, spec, current.id)
                self._feed(conn, spec, record, op, {})
                self._feed_conflict(conn, conflict, op)
                return _Effects(
                    Status.CONFLICT, record.version, "deleted after others edited it; kept for review"
                )
        return _Effects(Status.APPLIED, record.version)

    def _touched_by_others(self, conn: Connection, current: Record, op: Op) -> set[str]:
        """Fields other devices changed on this record since the op's base version."""
        changes = conn.execute(
            sa.select(change_feed.c.fields).where(
                change_feed.c.record_id == current.id,
                change_feed.c.version > op.base_version,
                change_feed.c.kind == "upsert",
                (change_feed.c.device_id != op.device_id) | change_feed.c.device_id.is_(None),
                change_feed.c.op_id != op.op_id,
            )
        ).scalars()
        return {name for fields in changes for name in (fields or {})}

    def _conflict(
        self,
        conn: Connection,
        spec: EntitySpec,
        record: Record,
        op: Op,
        field_name: str | None,
        kind: ConflictKind,
        base: Any,
        theirs: Any,
        ours: Any,
    ) -> Record:
        conflict_spec = entity("conflict")
        values = {
            "entity_name": spec.name,
            "record_id": record.id,
            "field": field_name,
            "kind": kind.value,
            "base": canonical_json(base),
            "theirs": canonical_json(theirs),
            "ours": canonical_json(ours),
            "op_id": op.op_id,
            "device_id": op.device_id,
            "made_by": op.made_by,
            "status": ConflictStatus.OPEN.value,
        }
        owner = record.owner_mission if record.owner_mission != GLOBAL_OWNER else op.owner_mission
        conflict_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"conflict:{op.op_id}:{field_name}"))
        return rows.insert_as_authority(
            conn,
            rows.Writer(op.device_id, op.made_by),
            conflict_spec,
            values,
            owner,
            conflict_id,
            _made_at(op),
        )

    def _settle_conflict_state(self, conn: Connection, conflict: Record, op: Op) -> None:
        """A conflict was resolved (or reopened): the record it is about says whether any stay open."""
        spec = entity(str(conflict["entity_name"]))
        target = rows.load(conn, spec, str(conflict["record_id"]))
        if target is None:
            return
        conflicts = entity_table("conflict")
        still_open = conn.execute(
            sa.select(sa.func.count())
            .select_from(conflicts)
            .where(conflicts.c.record_id == target.id, conflicts.c.status == ConflictStatus.OPEN.value)
        ).scalar_one()
        state = "hard" if still_open else "none"
        if state != target.conflict_state:
            rows.set_conflict_state(conn, spec, target.id, state)
            record = rows.bump_version(conn, spec, target.id)
            self._feed(conn, spec, record, op, {})

    # --- the change feed ----------------------------------------------------------------

    def _next_feed_seq(self, conn: Connection) -> int:
        return int(
            conn.execute(
                sa.update(feed_counter)
                .where(feed_counter.c.id == 1)
                .values(last_seq=feed_counter.c.last_seq + 1)
                .returning(feed_counter.c.last_seq)
            ).scalar_one()
        )

    def _feed(
        self,
        conn: Connection,
        spec: EntitySpec,
        record: Record,
        op: Op | None,
        fields: Mapping[str, Any],
        kind: str = "upsert",
        audience: str | None = None,
    ) -> int:
        seq = self._next_feed_seq(conn)
        conn.execute(
            sa.insert(change_feed).values(
                seq=seq,
                entity=spec.name,
                record_id=record.id,
                audience=audience or _audience(spec, record.owner_mission),
                kind=kind,
                version=record.version,
                device_id=None if op is None else op.device_id,
                op_id=None if op is None else op.op_id,
                fields=dict(fields),
                at=utcnow(),
            )
        )
        return seq

    def _feed_conflict(self, conn: Connection, conflict: Record, op: Op) -> None:
        self._feed(conn, entity("conflict"), conflict, op, {})

    def record_local(self, conn: Connection, op: Op) -> None:
        """An HQ user's own edit, already written by the record service: version it and feed it.

        The HQ install *is* the authority, so its edits need no merge: they are
        the newest state by definition. They still get a version, a feed entry
        and a receipt, so laptops receive them like any other change.
        """
        spec = entity(op.entity)
        record = rows.bump_version(conn, spec, op.record_id)
        self._feed(conn, spec, record, op, {k: [c.base, c.new] for k, c in op.changes.items()})
        if spec.name == "conflict" and "status" in op.changes:
            self._settle_conflict_state(conn, record, op)
        conn.execute(
            sa.insert(op_receipt).values(
                op_id=op.op_id,
                device_id=op.device_id,
                seq=op.seq,
                content_hash=op.content_hash(),
                status=Status.APPLIED.value,
                version=record.version,
                via="local",
                received_at=utcnow(),
            )
        )

    def epoch(self) -> str:
        with self.store.write() as conn:
            return self._epoch(conn)

    def _epoch(self, conn: Connection) -> str:
        value = settings.get(conn, EPOCH_SETTING)
        if value is None:
            value = str(uuid.uuid4())
            settings.put(conn, EPOCH_SETTING, value)
        return str(value)

    def rotate_epoch(self) -> str:
        """After restoring HQ's database from a backup: laptops notice, re-send and re-pull."""
        with self.store.write() as conn:
            value = str(uuid.uuid4())
            settings.put(conn, EPOCH_SETTING, value)
            return value

    def changes(self, device_id: str, cursor: int, limit: int = 500) -> FeedPage:
        """Feed entries after ``cursor`` in the device's scope (own mission plus shared and reference data)."""
        with self.store.write() as conn:
            epoch = self._epoch(conn)
        with self.store.read() as conn:
            device = self._device(conn, device_id)
            if device.revoked:
                raise Refused(f"Device {device_id} has been revoked by HQ.")
            head = int(
                conn.execute(sa.select(feed_counter.c.last_seq).where(feed_counter.c.id == 1)).scalar_one()
            )
            stmt = (
                sa.select(change_feed)
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
            states: dict[str, Record] = {}
            for name, ids in wanted.items():
                states.update(rows.load_many(conn, entity(name), ids))
            changes = []
            for e in entries:
                if last_for[e["record_id"]] != e["seq"]:
                    continue
                state = None
                if e["kind"] == "upsert":
                    record = states.get(e["record_id"])
                    if record is None or not visible_to(
                        record.spec, record.owner_mission, device.role, device.mission
                    ):
                        continue  # it left this scope since; its revoke follows in the feed
                    state = record_to_wire(record)
                changes.append(
                    FeedChange(e["seq"], e["entity"], e["record_id"], e["kind"], e["version"], state)
                )
        if cursor > head:
            next_cursor = cursor  # the replica is ahead of this feed: it will notice (restore from backup)
        elif len(entries) < limit:
            # Everything up to head was looked at (entries up to head are committed: the counter
            # row serialises pushes), so entries of other scopes need not be walked again.
            next_cursor = max(head, entries[-1]["seq"] if entries else cursor)
        else:
            next_cursor = entries[-1]["seq"]
        return FeedPage(epoch, next_cursor, head, tuple(changes))

    # --- HQ administration ------------------------------------------------------------------

    def held(self, device_id: str | None = None) -> list[Op]:
        with self.store.read() as conn:
            stmt = sa.select(held_op.c.payload).order_by(held_op.c.device_id, held_op.c.seq)
            if device_id:
                stmt = stmt.where(held_op.c.device_id == device_id)
            return [Op.from_wire(json.loads(p)) for p in conn.execute(stmt).scalars()]

    def force_held(self, device_id: str, older_than: dt.timedelta = dt.timedelta(0)) -> list[PushResult]:
        """Give up waiting for a device's missing ops: apply what is held, in order.

        The ops' base values keep this safe: where the missing ops would have
        changed a field first, the forced op meets a value it did not expect and
        becomes a conflict, never a silent overwrite. If the missing ops turn up
        later they still apply (their numbers are below the device's next).
        """
        cutoff = utcnow() - older_than
        results = []
        with self.store.write() as conn:
            device = self._device(conn, device_id)
            held_rows = (
                conn.execute(
                    sa.select(held_op)
                    .where(held_op.c.device_id == device_id, held_op.c.received_at <= cutoff)
                    .order_by(held_op.c.seq)
                )
                .mappings()
                .all()
            )
            for row in held_rows:
                conn.execute(sa.delete(held_op).where(held_op.c.op_id == row["op_id"]))
                op = Op.from_wire(json.loads(row["payload"]))
                result = self._apply_or_reject(conn, op, device, row["content_hash"], row["via"])
                if result.status is Status.HELD:  # still no record: give up on it
                    conn.execute(sa.delete(held_op).where(held_op.c.op_id == op.op_id))
                    result = self._reject_receipt(
                        conn, op, row["content_hash"], row["via"], "its record never reached HQ"
                    )
                results.append(result)
                if op.seq >= device.next_seq:
                    conn.execute(
                        sa.update(auth_device)
                        .where(auth_device.c.device_id == device_id)
                        .values(next_seq=op.seq + 1)
                    )
                    device = self._device(conn, device_id)
        return results

    def _reject_receipt(
        self, conn: Connection, op: Op, content_hash: str, via: str, reason: str
    ) -> PushResult:
        conn.execute(
            sa.insert(op_receipt).values(
                op_id=op.op_id,
                device_id=op.device_id,
                seq=op.seq,
                content_hash=content_hash,
                status=Status.REJECTED.value,
                reason=reason,
                version=None,
                via=via,
                received_at=utcnow(),
            )
        )
        return PushResult(op.op_id, op.seq, Status.REJECTED, reason)

    def move_record(self, entity_name: str, record_id: str, new_owner: str, by: str) -> None:
        """HQ hands a case (and everything under it) to another mission: the old mission gets revokes."""
        spec = entity(entity_name)
        with self.store.write() as conn:
            self._move(conn, spec, record_id, new_owner, by)

    def _move(self, conn: Connection, spec: EntitySpec, record_id: str, new_owner: str, by: str) -> None:
        current = rows.load(conn, spec, record_id)
        if current is None:
            raise NotFound(f"No {spec.label_en.lower()} {record_id}.")
        old_audience = _audience(spec, current.owner_mission)
        table = entity_table(spec.name)
        conn.execute(sa.update(table).where(table.c.id == record_id).values(owner_mission=new_owner))
        record = rows.bump_version(conn, spec, record_id)
        search.index_record(
            conn, spec, record.id, new_owner, record.values
        ) if not record.is_deleted else None
        if old_audience != "*":
            self._feed(conn, spec, record, None, {}, kind="revoke", audience=old_audience)
        self._feed(conn, spec, record, None, {"owner_mission": [current.owner_mission, new_owner]})
        for child in children_of(spec.name):
            child_table = entity_table(child.name)
            assert child.parent is not None
            ids = (
                conn.execute(
                    sa.select(child_table.c.id).where(child_table.c[child.parent.field] == record_id)
                )
                .scalars()
                .all()
            )
            for child_id in ids:
                self._move(conn, child, child_id, new_owner, by)

    def receipts(self, op_ids: Iterable[str]) -> dict[str, Status]:
        with self.store.read() as conn:
            return {
                r.op_id: Status(r.status)
                for r in conn.execute(
                    sa.select(op_receipt.c.op_id, op_receipt.c.status).where(
                        op_receipt.c.op_id.in_(list(op_ids))
                    )
                )
            }


class _HoldForRecord(Exception):
    pass


class _HoldForSchema(Exception):
    pass


def _audience(spec: EntitySpec, owner: str) -> str:
    return owner if spec.scope in (Scope.MISSION, Scope.REVIEW) else "*"


def _made_at(op: Op) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(op.made_at.rstrip("Z")) if op.made_at else None
    except ValueError:
        return None


def _constraint(exc: sa.exc.IntegrityError) -> str:
    text = str(exc.orig).lower()
    return "the same case reference" if "reference" in text else "a unique value"
