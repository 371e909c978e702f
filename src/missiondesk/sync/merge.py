"""Push and merge: one device's batch of ops, decided op by op in a unit of work (BRIEF section 3).

Each op, inside a savepoint of the batch's transaction, is authorised, deduplicated, held if it
arrives ahead of a gap in its device's sequence, upgraded if it comes from an older schema, and merged
field by field (``domain.merge``). Its receipt is stored in the same transaction as its effect, so a
retried op gets the stored result and never applies twice. Every accepted change bumps the record's
version and appends to the change feed.

``push_in`` writes what the batch decided; ``preview_in`` runs the same decisions and drops them (the
import preview): there is one decision path.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain import upgrades
from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.enums import ConflictKind, ConflictStatus
from missiondesk.domain.merge import FieldVerdict, merge_fields
from missiondesk.domain.messages import MessageCode, Said, as_reason, say, stored_reason
from missiondesk.domain.ops import (
    FieldChange,
    Op,
    OpKind,
    bounds_problem,
    change_pairs,
    new_value,
    new_values,
)
from missiondesk.domain.permissions import (
    Role,
    create_refusal,
    reference_refusal,
    shared_by_parent,
    write_refusal,
)
from missiondesk.domain.schema import GLOBAL_OWNER, SCHEMA_VERSION, EntitySpec, Scope, entity, is_entity
from missiondesk.domain.validation import ValidationFailed, normalise
from missiondesk.errors import Malformed, UserError
from missiondesk.store import bulk
from missiondesk.store.records import new_row
from missiondesk.store.tables import op_receipt
from missiondesk.sync import devices
from missiondesk.sync.devices import Refused
from missiondesk.sync.protocol import PushResult, Status
from missiondesk.sync.unit import Decision, DeviceState, Stored, Unit

DONE = frozenset({Status.APPLIED, Status.MERGED, Status.CONFLICT})

_RECEIPT_CHUNK = 10_000  # op ids per receipt read (one parameter each on SQLite and PostgreSQL)


class Rejected(Exception):
    """An op refused for a reason its receipt keeps (internal to push)."""


@dataclass
class _Effects:
    status: Status
    version: int | None
    reason: str = ""


class Merge:
    """The merge engine: every decision about an op, for a push and for its preview."""

    def __init__(self, schema_version: int = SCHEMA_VERSION) -> None:
        self.schema_version = schema_version

    def push_in(
        self,
        conn: Connection,
        ops: Sequence[Op],
        device_id: str,
        via: str = "network",
        content_hashes: Mapping[str, str] | None = None,
    ) -> list[PushResult]:
        """``push`` inside the caller's transaction (a bundle import commits or cancels as one)."""
        hashes = content_hashes or {}
        self._receivable(conn, ops, device_id)
        try:
            with conn.begin_nested():
                unit = self.unit_for(conn, ops, device_id)
                results = self._decide(unit, ops, device_id, via, hashes)
                unit.flush()
            return results
        except sa.exc.IntegrityError:
            pass
        results = []
        for op in ops:
            content_hash = hashes.get(op.op_id)
            try:
                with conn.begin_nested():
                    unit = self.unit_for(conn, [op], device_id)
                    result = self._push_one(unit, op, device_id, via, content_hash)
                    unit.flush()
            except sa.exc.IntegrityError as exc:
                with conn.begin_nested():
                    unit = self.unit_for(conn, [op], device_id)
                    reason = say(MessageCode.RECORD_CLASH, constraint=_constraint(exc))
                    result = self.reject_receipt(unit, op, content_hash or op.content_hash(), via, reason)
                    state = unit.device(device_id)
                    if state is not None and op.seq == state.next_seq:
                        self._advance(unit, state)
                    unit.flush()
            results.append(result)
        return results

    def preview_in(
        self,
        conn: Connection,
        ops: Sequence[Op],
        device_id: str,
        via: str = "bundle",
        content_hashes: Mapping[str, str] | None = None,
    ) -> tuple[list[PushResult], dict[str, Decision]]:
        """What ``push_in`` would answer for the batch, and what the merge would do to each op's record
        (op id -> ``Decision``), decided by the very same code; nothing is written.

        The batch is merged in memory as ``push_in`` merges it, and its unit of work is dropped instead
        of flushed. The one answer only the write can give is a unique-value clash (two devices made the
        same case reference): the preview cannot see it, the import then refuses that op alone.
        """
        self._receivable(conn, ops, device_id)
        unit = self.unit_for(conn, ops, device_id)
        unit.decisions = {}
        results = self._decide(unit, ops, device_id, via, content_hashes or {})
        return results, unit.decisions

    def _receivable(self, conn: Connection, ops: Sequence[Op], device_id: str) -> None:
        """Refuse the whole batch of an unknown or revoked device, or one holding an op out of bounds."""
        device = devices.read(conn, device_id)
        if device.revoked:
            raise Refused(say(MessageCode.DEVICE_REVOKED, device=device_id))
        for number, op in enumerate(ops, start=1):
            problem = bounds_problem(op)
            if problem:
                raise Malformed(
                    f"Op {number} of the batch cannot be received ({problem}); nothing was applied."
                )

    def _decide(
        self, unit: Unit, ops: Sequence[Op], device_id: str, via: str, hashes: Mapping[str, str]
    ) -> list[PushResult]:
        """Every op of the batch through the merge, in order, into ``unit`` (the one decision path)."""
        return [self._push_one(unit, op, device_id, via, hashes.get(op.op_id)) for op in ops]

    def stored_results(
        self,
        conn: Connection,
        ops: Sequence[Op],
        device_id: str,
        content_hashes: Mapping[str, str],
    ) -> list[PushResult] | None:
        """What ``push_in`` would answer when every op was received before with the same content:
        each op's stored result as a duplicate, read from the receipts alone. None as soon as one op
        is new, held, another device's or different (then only ``push_in`` can say).

        An all-duplicate push changes nothing, so a re-sent bundle need not be merged again; the
        hashes must name every op (``push_in`` would otherwise hash the ops itself).
        """
        device = devices.read(conn, device_id)
        if device.revoked:
            raise Refused(say(MessageCode.DEVICE_REVOKED, device=device_id))
        receipts: dict[str, dict[str, Any]] = {}
        ids = [op.op_id for op in ops]
        for start in range(0, len(ids), _RECEIPT_CHUNK):
            chunk = ids[start : start + _RECEIPT_CHUNK]
            stmt = sa.select(
                op_receipt.c.op_id,
                op_receipt.c.content_hash,
                op_receipt.c.status,
                op_receipt.c.reason,
                op_receipt.c.version,
            ).where(bulk.among(conn, op_receipt.c.op_id, chunk))
            found = {r["op_id"]: dict(r) for r in conn.execute(stmt).mappings()}
            if len(found) < len(set(chunk)):
                return None  # a new op: stop at the first chunk that shows one
            receipts.update(found)
        results = []
        for op in ops:
            receipt = receipts[op.op_id]
            if op.device_id != device_id or receipt["content_hash"] != content_hashes.get(op.op_id):
                return None
            results.append(_duplicate(op, receipt))  # as ``_seen`` answers it
        return results

    def unit_for(self, conn: Connection, ops: Sequence[Op], device_id: str) -> Unit:
        unit = Unit(conn)
        records: dict[str, set[str]] = {}
        lowest_base: dict[str, int] = {}
        for op in ops:
            if is_entity(op.entity):
                records.setdefault(op.entity, set()).add(op.record_id)
                lowest_base[op.record_id] = min(
                    op.base_version, lowest_base.get(op.record_id, op.base_version)
                )
        unit.prefetch(
            {device_id, *(op.device_id for op in ops)},
            [op.op_id for op in ops],
            [(op.device_id, op.seq) for op in ops],
            records,
            lowest_base,
        )
        unit.prefetch_rows(_referenced(ops))
        return unit

    def _push_one(
        self, unit: Unit, op: Op, device_id: str, via: str, content_hash: str | None = None
    ) -> PushResult:
        content_hash = content_hash or op.content_hash()
        device = unit.device(device_id)
        assert device is not None
        if op.device_id != device.device_id:
            # Before the receipts are consulted: an op naming another device must not be able to
            # trip that device's reused-number alarm (and block it) or read its stored results.
            return PushResult(op.op_id, op.seq, Status.REJECTED, say(MessageCode.OTHER_DEVICE_OP))
        seen = self._seen(unit, op, content_hash)
        if seen is not None:
            return seen
        if device.blocked_reason:
            return PushResult(op.op_id, op.seq, Status.REJECTED, stored_reason(device.blocked_reason))
        if op.seq > device.next_seq:
            self._hold(unit, op, content_hash, "gap", via)
            return PushResult(
                op.op_id, op.seq, Status.HELD, say(MessageCode.WAITING_FOR_OP, seq=device.next_seq)
            )
        result = self.apply_or_reject(unit, op, device, content_hash, via)
        if op.seq == device.next_seq:
            self._advance(unit, device)
        return result

    def _seen(self, unit: Unit, op: Op, content_hash: str) -> PushResult | None:
        """The stored result of an op already received, or a refusal of a reused id or number."""
        receipt = unit.receipts.get(op.op_id) or unit.receipt_by_seq.get((op.device_id, op.seq))
        held = unit.held.get(op.op_id) or unit.held_by_seq.get((op.device_id, op.seq))
        found = receipt or held
        if found is None:
            return None
        if found["op_id"] == op.op_id and found["content_hash"] == content_hash:
            if receipt is not None:
                return _duplicate(op, receipt)
            return PushResult(
                op.op_id, op.seq, Status.DUPLICATE, say(MessageCode.STILL_WAITING), None, Status.HELD
            )
        if found["op_id"] == op.op_id:
            return PushResult(
                op.op_id,
                op.seq,
                Status.REJECTED,
                say(MessageCode.OP_ID_REUSED),
            )
        reason = say(MessageCode.SEQ_REUSED, seq=op.seq)
        device = unit.device(op.device_id)
        if device is not None:
            device.blocked_reason = as_reason(reason)  # kept as text: its code at the head
            device.changed = True
        return PushResult(op.op_id, op.seq, Status.REJECTED, reason)

    def _hold(
        self, unit: Unit, op: Op, content_hash: str, reason: str, via: str, waits_for: str | None = None
    ) -> None:
        """Keep an op for later; ``waits_for``: the record whose create releases it (its own by default)."""
        unit.hold(
            {
                "op_id": op.op_id,
                "device_id": op.device_id,
                "seq": op.seq,
                "record_id": waits_for or op.record_id,
                "content_hash": content_hash,
                "payload": op.canonical(),
                "reason": reason,
                "via": via,
                "received_at": unit.now,
            }
        )

    def _advance(self, unit: Unit, device: DeviceState) -> None:
        """Move the device's expected number on, applying held ops that are now in order."""
        while True:
            device.next_seq += 1
            device.changed = True
            row = unit.held_by_seq.get((device.device_id, device.next_seq))
            if row is None or row["reason"] != "gap":
                return
            unit.release(row["op_id"])
            op = Op.from_wire(json.loads(row["payload"]))
            self.apply_or_reject(unit, op, device, row["content_hash"], row["via"])

    def apply_or_reject(
        self, unit: Unit, op: Op, device: DeviceState, content_hash: str, via: str
    ) -> PushResult:
        try:
            effects = self._apply(unit, op, device)
        except (Rejected, ValidationFailed, UserError) as exc:
            # Only the domain's refusals. Anything else (a ValueError included) is a bug in HQ's code: it
            # propagates, the whole push is rolled back and answered 500, and the laptop sends it again
            # later, once the bug is fixed, rather than having its edit refused for good.
            effects = _Effects(Status.REJECTED, None, _reason_of(exc))
        except _HoldForRecord as hold:
            self._hold(unit, op, content_hash, "record", via, hold.record_id)
            return PushResult(op.op_id, op.seq, Status.HELD, say(MessageCode.WAITING_FOR_RECORD))
        except _HoldForSchema as exc:
            self._hold(unit, op, content_hash, "schema", via)
            return PushResult(op.op_id, op.seq, Status.HELD, str(exc))
        result = PushResult(op.op_id, op.seq, effects.status, effects.reason, effects.version)
        unit.add_receipt(result.receipt(op, content_hash, via, unit.now))
        if effects.status in DONE and op.kind is OpKind.CREATE:
            for row in unit.held_for_record(op.record_id):
                unit.release(row["op_id"])
                waiting = Op.from_wire(json.loads(row["payload"]))
                owner = unit.device(waiting.device_id)
                if owner is not None:
                    self.apply_or_reject(unit, waiting, owner, row["content_hash"], row["via"])
        return result

    def reject_receipt(self, unit: Unit, op: Op, content_hash: str, via: str, reason: str) -> PushResult:
        result = PushResult(op.op_id, op.seq, Status.REJECTED, reason)
        unit.add_receipt(result.receipt(op, content_hash, via, unit.now))
        return result

    # --- merge: every check comes before the first buffered write ----------------------------

    def _apply(self, unit: Unit, op: Op, device: DeviceState) -> _Effects:
        try:
            if op.schema_version != self.schema_version:
                op = Op.from_wire(upgrades.upgrade_op(op.to_wire(), self.schema_version))
        except upgrades.SchemaTooNew as exc:
            raise _HoldForSchema(str(exc)) from exc
        except upgrades.SchemaTooOld as exc:
            raise Rejected(str(exc)) from exc
        except ValueError as exc:  # the upgraded op is not a valid one: the op's fault, not HQ's
            raise Rejected(
                say(MessageCode.CANNOT_UPGRADE, schema=self.schema_version, problem=str(exc))
            ) from exc
        if not is_entity(op.entity):
            raise Rejected(say(MessageCode.UNKNOWN_ENTITY, value=op.entity))
        spec = entity(op.entity)
        role = Role(device.role)
        mission = device.mission
        current = unit.record(spec, op.record_id)
        if op.kind is OpKind.CREATE and current is None:
            return self._create(unit, op, spec, role, device.mission)
        if current is None:
            raise _HoldForRecord(op.record_id)
        refusal = write_refusal(
            spec,
            current.owner_mission,
            role,
            device.mission,
            op.changes.keys(),
            whole_record=op.kind is not OpKind.UPDATE,
        )
        if refusal:
            raise Rejected(refusal)
        if op.kind in (OpKind.UPDATE, OpKind.CREATE):
            new = {k: c.new for k, c in op.changes.items() if k in spec.reference_names}
            self._check_references(unit, spec, op, current.owner_mission, normalise(spec, new), role, mission)
            return self._update(unit, op, spec, current)
        return self._delete_or_restore(unit, op, spec, current)

    def _create(self, unit: Unit, op: Op, spec: EntitySpec, role: Role, mission: str) -> _Effects:
        owner = GLOBAL_OWNER if spec.scope is Scope.REFERENCE else op.owner_mission
        refusal = create_refusal(spec, owner, role, mission, op.changes.keys())
        if refusal:
            raise Rejected(refusal)
        new = new_values(op.changes)
        if new.keys() <= spec.fields_by_name.keys():
            unknown = {}  # the common case: no field this version does not know
        else:
            unknown = {k: v for k, v in new.items() if not spec.has_field(k)}
            new = {k: v for k, v in new.items() if spec.has_field(k)}
        values = normalise(spec, new)
        self._check_references(unit, spec, op, owner, values, role, mission)
        when = _made_at(op) or unit.now
        extra = {UNKNOWN: unknown} if unknown else None
        row = new_row(
            spec, values, record_id=op.record_id, owner=owner, by=op.made_by, at=when, version=1, extra=extra
        )
        record = unit.put(spec, row, new=True)
        self.feed(unit, spec, record, op, change_pairs(op.changes), fresh=True)
        unit.decide(op.op_id, _CREATED)
        return _Effects(Status.APPLIED, record.version)

    def _check_references(
        self,
        unit: Unit,
        spec: EntitySpec,
        op: Op,
        owner: str,
        values: Mapping[str, Any],
        role: Role,
        mission: str,
    ) -> None:
        """Every record the op's new values refer to may be referred to by this writer (BRIEF 9).

        A reference that may not cross missions (``FieldSpec.cross_mission``) must name a record of the
        referring record's own mission, and one HQ does not hold yet holds the op until its create
        arrives (nothing is inferred from absence: it may be on its way in another bundle). A reference
        that may cross missions names a kind of record every mission reads, so one not at HQ yet is no
        question of authority: it is kept as sent, as a dangling reference always was.
        """
        for f in spec.reference_fields:
            value = values.get(f.name)
            for target_id in value if isinstance(value, list) else [value]:
                if not target_id or (target_id == op.record_id and f.target == spec.name):
                    continue
                target_spec = entity(str(f.target))
                target = unit.record(target_spec, target_id)
                if target is None:
                    if f.cross_mission:
                        continue
                    raise _HoldForRecord(target_id)
                refusal = reference_refusal(spec, f, target_spec, target.owner_mission, owner, role, mission)
                if refusal:
                    raise Rejected(refusal)

    def _update(self, unit: Unit, op: Op, spec: EntitySpec, current: Stored) -> _Effects:
        if current.is_deleted:
            ours = {k: c.new for k, c in op.changes.items()}
            self._conflict(unit, spec, current, op, None, ConflictKind.DELETE_EDIT, None, "deleted", ours)
            record = self.change(unit, spec, current, {}, op, conflict_state="hard")
            self.feed(unit, spec, record, op, {})
            return _Effects(Status.CONFLICT, record.version, say(MessageCode.EDIT_OF_DELETED))
        known, unknown = _split(spec, op)
        wire_now = {name: spec.field(name).to_wire(current.get(name)) for name in known}
        verdicts = merge_fields(wire_now, known)
        unit.decide(op.op_id, Decision(fields=tuple(verdicts)))
        apply = {v.field: v.ours for v in verdicts if v.verdict is FieldVerdict.APPLY}
        values = normalise(spec, apply)
        conflicts = [v for v in verdicts if v.verdict is FieldVerdict.CONFLICT]
        columns: dict[str, Any] = {"conflict_state": "hard" if conflicts else current.conflict_state}
        if unknown:  # an app newer than HQ sent fields HQ does not know: kept untouched, never dropped
            columns["extra"] = {**current.extra, UNKNOWN: {**current.extra.get(UNKNOWN, {}), **unknown}}
        record = self.change(unit, spec, current, values, op, **columns)
        applied = {v.field: [v.base, v.ours] for v in verdicts if v.verdict is FieldVerdict.APPLY}
        for v in conflicts:
            self._conflict(unit, spec, current, op, v.field, ConflictKind.FIELD, v.base, v.theirs, v.ours)
        self.feed(unit, spec, record, op, applied)
        if spec.name == "conflict" and "status" in apply:
            self._settle_conflict_state(unit, record, op)
        if conflicts:
            fields = [v.field for v in conflicts]
            return _Effects(
                Status.CONFLICT,
                record.version,
                say(MessageCode.KEPT_FOR_REVIEW, entity=spec.name, fields=fields),
            )
        concurrent = self._touched_by_others(unit, current, op)
        untouched = all(v.verdict is FieldVerdict.APPLY for v in verdicts) and not concurrent
        return _Effects(Status.APPLIED if untouched else Status.MERGED, record.version)

    def _delete_or_restore(self, unit: Unit, op: Op, spec: EntitySpec, current: Stored) -> _Effects:
        deleting = op.kind is OpKind.DELETE
        if deleting == current.is_deleted:
            return _Effects(
                Status.MERGED, current.version, "already " + ("deleted" if deleting else "restored")
            )
        unit.decide(op.op_id, Decision(deleted=deleting))
        others = self._touched_by_others(unit, current, op) if deleting else set()
        when = _made_at(op) or unit.now
        record = self.change(
            unit,
            spec,
            current,
            {},
            op,
            conflict_state="hard" if others else current.conflict_state,
            deleted_at=when if deleting else None,
            deleted_by=op.made_by if deleting else None,
        )
        self.feed(unit, spec, record, op, {})
        if others:
            theirs = {name: spec.field(name).to_wire(current.get(name)) for name in sorted(others)}
            self._conflict(unit, spec, current, op, None, ConflictKind.DELETE_EDIT, None, theirs, "deleted")
            return _Effects(Status.CONFLICT, record.version, say(MessageCode.DELETE_OF_EDITED))
        return _Effects(Status.APPLIED, record.version)

    def change(
        self,
        unit: Unit,
        spec: EntitySpec,
        current: Stored,
        values: Mapping[str, Any],
        op: Op | None,
        **columns: Any,
    ) -> Stored:
        """The record with new field values and sync columns, one version up, buffered."""
        row = dict(unit.rows[(spec.name, current.id)] or {})
        row.update(values)
        row.update(columns)
        row["version"] = int(row["version"]) + 1
        if op is not None:
            row["updated_at"] = _made_at(op) or unit.now
            row["updated_by"] = op.made_by
        return unit.put(spec, row, new=False, columns=[*values, *columns, *_STAMPS])

    def _touched_by_others(self, unit: Unit, current: Stored, op: Op) -> set[str]:
        """Fields other devices changed on this record since the op's base version."""
        return {
            name
            for e in unit.history_since(current.id, op.base_version)
            if e["device_id"] != op.device_id and e["op_id"] != op.op_id
            for name in (e["fields"] or {})
        }

    def _conflict(
        self,
        unit: Unit,
        spec: EntitySpec,
        record: Stored,
        op: Op,
        field_name: str | None,
        kind: ConflictKind,
        base: Any,
        theirs: Any,
        ours: Any,
    ) -> None:
        conflict_spec = entity("conflict")
        when = _made_at(op) or unit.now
        values = dict(
            entity_name=spec.name,
            record_id=record.id,
            field=field_name,
            kind=kind.value,
            base=canonical_json(base),
            theirs=canonical_json(theirs),
            ours=canonical_json(ours),
            op_id=op.op_id,
            device_id=op.device_id,
            made_by=op.made_by,
            status=ConflictStatus.OPEN.value,
        )
        row = new_row(
            conflict_spec,
            values,
            record_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"conflict:{op.op_id}:{field_name}")),
            owner=record.owner_mission if record.owner_mission != GLOBAL_OWNER else op.owner_mission,
            by=op.made_by,
            at=when,
            version=1,
        )
        conflict = unit.put(conflict_spec, row, new=True)
        self.feed(unit, conflict_spec, conflict, op, {})

    def _settle_conflict_state(self, unit: Unit, conflict: Stored, op: Op | None) -> None:
        """A conflict was resolved (or reopened): the record it is about says whether any stay open."""
        spec = entity(str(conflict["entity_name"]))
        target = unit.record(spec, str(conflict["record_id"]))
        if target is None:
            return
        state = "hard" if unit.open_conflicts_for(target.id) else "none"
        if state != target.conflict_state:
            record = self.change(unit, spec, target, {}, None, conflict_state=state)
            self.feed(unit, spec, record, op, {})

    def feed(
        self,
        unit: Unit,
        spec: EntitySpec,
        record: Stored,
        op: Op | None,
        fields: Mapping[str, Any],
        kind: str = "upsert",
        audience: str | None = None,
        *,
        fresh: bool = False,
    ) -> None:
        """Buffer a feed entry of ``record``; ``fresh``: ``fields`` is the caller's own new dictionary,
        kept as it is rather than copied (a create's changes: 100,000 of them in a large bundle)."""
        unit.add_feed(
            {
                "entity": spec.name,
                "record_id": record.id,
                "audience": audience or record_audience(spec, record.row),
                "kind": kind,
                "version": record.version,
                "device_id": None if op is None else op.device_id,
                "op_id": None if op is None else op.op_id,
                "actor": "HQ" if op is None else op.made_by,
                "fields": fields if fresh and type(fields) is dict else dict(fields),
                "at": unit.now,
            }
        )

    def record_local(self, conn: Connection, op: Op) -> None:
        """An HQ user's own edit, already written by the record service: version it and feed it.

        The HQ install *is* the authority, so its edits need no merge: they are
        the newest state by definition. They still get a version, a feed entry
        and a receipt, so laptops receive them like any other change.
        """
        spec = entity(op.entity)
        unit = Unit(conn)
        current = unit.record(spec, op.record_id)
        assert current is not None
        record = self.change(unit, spec, current, {}, None)
        self.feed(unit, spec, record, op, {k: [c.base, c.new] for k, c in op.changes.items()})
        result = PushResult(op.op_id, op.seq, Status.APPLIED, version=record.version)
        unit.add_receipt(result.receipt(op, op.content_hash(), "local", unit.now))
        if spec.name == "conflict" and "status" in op.changes:
            self._settle_conflict_state(unit, record, op)
        unit.flush()


UNKNOWN = "unknown_fields"  # the key in a record's ``extra`` for fields this version does not know


def _split(spec: EntitySpec, op: Op) -> tuple[dict[str, FieldChange], dict[str, Any]]:
    """The op's changes to fields this version knows, and the new values of the ones it does not."""
    known = {k: c for k, c in op.changes.items() if spec.has_field(k)}
    unknown = {k: c.new for k, c in op.changes.items() if not spec.has_field(k)}
    return known, unknown


def _duplicate(op: Op, receipt: Mapping[str, Any]) -> PushResult:
    """The answer to an op received before with the same content: its stored result."""
    original = Status(receipt["status"])
    return PushResult(
        op.op_id, op.seq, Status.DUPLICATE, stored_reason(receipt["reason"]), receipt["version"], original
    )


def _reason_of(refusal: Exception) -> str:
    """A refusal's reason as its receipt keeps it, with its code and parameters where the core gave them."""
    said = refusal.args[0] if refusal.args else ""
    if isinstance(said, Said):  # a Refusal too
        return said
    if isinstance(refusal, ValidationFailed):
        each = [
            {"field": p.field, "code": p.code, "params": dict(p.params), "message": p.message}
            for p in refusal.problems
        ]
        return say(MessageCode.INVALID_VALUES, entity=refusal.entity, problems=str(refusal), each=each)
    return str(refusal)


class _HoldForRecord(Exception):
    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id  # the record whose create the op waits for


def _referenced(ops: Sequence[Op]) -> dict[str, set[str]]:
    """The records a batch's ops refer to, by entity: read with the batch, not one by one."""
    found: dict[str, set[str]] = {}
    for op in ops:
        if not is_entity(op.entity):
            continue
        spec = entity(op.entity)
        names = spec.reference_names
        if not names or op.kind is OpKind.DELETE or op.kind is OpKind.RESTORE:
            continue
        for name in names & op.changes.keys():
            value = new_value(op.changes, name)
            for target_id in value if isinstance(value, list) else [value]:
                if isinstance(target_id, str) and target_id:
                    found.setdefault(str(spec.field(name).target), set()).add(target_id)
    return found


class _HoldForSchema(Exception):
    pass


_CREATED = Decision(created=True)  # immutable: one for every op that creates its record


_STAMPS = ("version", "updated_at", "updated_by")  # the columns every change may set


def audience_of(spec: EntitySpec, owner: str) -> str:
    return owner if spec.scope in (Scope.MISSION, Scope.REVIEW) else "*"


def record_audience(spec: EntitySpec, row: Mapping[str, Any]) -> str:
    """Who receives this record's feed entries: everyone for a shared brief's attachment (and its
    deletion), as for the brief itself; otherwise as its entity and owner say."""
    return "*" if shared_by_parent(spec, row) else audience_of(spec, str(row["owner_mission"]))


def _made_at(op: Op) -> dt.datetime | None:
    return _parse_time(op.made_at)


@functools.lru_cache(maxsize=4096)
def _parse_time(text: str) -> dt.datetime | None:
    """An op's time, parsed once per distinct text (a batch's ops share few; datetimes are immutable)."""
    try:
        return dt.datetime.fromisoformat(text.rstrip("Z")) if text else None
    except ValueError:
        return None


def _constraint(exc: sa.exc.IntegrityError) -> str:
    text = str(exc.orig).lower()
    return "the same case reference" if "reference" in text else "a unique value"
