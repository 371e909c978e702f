"""The op: one accepted local change, as it travels to HQ by network or bundle.

An op names its record, the version it was based on and, per changed field,
the base value the device saw and the new value it wants (BRIEF invariant 1).
Values are wire values (JSON): dates as ISO text, enums as their value.
"""

from __future__ import annotations

import re
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from missiondesk.domain.canonical import canonical_json, sha256_hex
from missiondesk.domain.schema import SCHEMA_VERSION

MAX_NUMBER = 2**63 - 1
"""The largest sequence number, version or feed cursor: what a signed 64-bit column holds."""
MAX_CHANGES = 500  # fields one op may change (an entity has some thirty; newer apps may send more)
MAX_FIELD_NAME = 64
_TEXT_LIMITS = {
    "op_id": 36,
    "device_id": 36,
    "record_id": 36,
    "entity": 32,
    "owner_mission": 16,
    "made_at": 40,
    "made_by": 120,
}
_NUMBER_LOWEST = {"seq": 1, "base_version": 0, "schema_version": 0}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # no NUL (PostgreSQL text cannot hold it) nor other controls
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


class OpKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


@dataclass(frozen=True)
class FieldChange:
    base: Any
    new: Any


class WireChanges(Mapping[str, FieldChange]):
    """An op's changes as read off the wire (``{field: [base, new]}``, checked by the reader), each made
    into a ``FieldChange`` only when a value is first asked for.

    A bundle carries about a million field changes, and its preview needs most ops' field names only:
    making them all cost a quarter of the preview.
    """

    __slots__ = ("_made", "_wire")

    def __init__(self, wire: Mapping[str, Any]) -> None:
        self._wire = wire
        self._made: dict[str, FieldChange] | None = None

    def _changes(self) -> dict[str, FieldChange]:
        if self._made is None:
            self._made = {k: FieldChange(pair[0], pair[1]) for k, pair in self._wire.items()}
        return self._made

    def __getitem__(self, key: str) -> FieldChange:
        return self._changes()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._wire)

    def __len__(self) -> int:
        return len(self._wire)

    def __contains__(self, key: object) -> bool:
        return key in self._wire

    def keys(self) -> KeysView[str]:
        return self._wire.keys()

    def items(self) -> ItemsView[str, FieldChange]:
        return self._changes().items()

    def values(self) -> ValuesView[FieldChange]:
        return self._changes().values()

    def __repr__(self) -> str:
        return f"WireChanges({self._changes()!r})"


def new_values(changes: Mapping[str, FieldChange]) -> dict[str, Any]:
    """Each changed field's new value. From changes read off the wire, without making a ``FieldChange``
    of each (the merge creates 100,000 records from a large bundle and needs only these)."""
    if type(changes) is WireChanges:
        return {k: pair[1] for k, pair in changes._wire.items()}
    return {k: c.new for k, c in changes.items()}


def new_value(changes: Mapping[str, FieldChange], name: str) -> Any:
    """``changes[name].new``, without making a ``FieldChange`` of every field from changes read off the
    wire (a batch's references are looked up in each of its ops)."""
    if type(changes) is WireChanges:
        return changes._wire[name][1]
    return changes[name].new


def change_pairs(changes: Mapping[str, FieldChange]) -> dict[str, list[Any]]:
    """The changes as ``{field: [base, new]}`` (a feed entry's fields), in lists of their own."""
    if type(changes) is WireChanges:
        return {k: [pair[0], pair[1]] for k, pair in changes._wire.items()}
    return {k: [c.base, c.new] for k, c in changes.items()}


@dataclass(frozen=True)
class Op:
    op_id: str
    device_id: str
    seq: int
    entity: str
    record_id: str
    kind: OpKind
    owner_mission: str
    base_version: int
    changes: Mapping[str, FieldChange] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION
    made_at: str = ""  # UTC ISO time, for audit only: never decides a merge
    made_by: str = ""

    def to_wire(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "device_id": self.device_id,
            "seq": self.seq,
            "entity": self.entity,
            "record_id": self.record_id,
            "kind": self.kind.value,
            "owner_mission": self.owner_mission,
            "base_version": self.base_version,
            "changes": {k: [c.base, c.new] for k, c in sorted(self.changes.items())},
            "schema_version": self.schema_version,
            "made_at": self.made_at,
            "made_by": self.made_by,
        }

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Op:
        """The op a wire form holds; ValueError, naming the first misfit, when it is not a valid one
        (a type other than the protocol's, or a number or text beyond its bounds: ``bounds_problem``)."""
        try:
            raw = data.get("changes") or {}
            if not isinstance(raw, Mapping):
                raise ValueError("changes: expected an object of field -> [base, new]")
            changes = {}
            for k, v in raw.items():
                if not isinstance(v, list) or len(v) != 2:
                    raise ValueError(f"changes: {str(k)[:MAX_FIELD_NAME]!r} is not a [base, new] pair")
                changes[str(k)] = FieldChange(v[0], v[1])
            op = cls(
                op_id=_text(data, "op_id"),
                device_id=_text(data, "device_id"),
                seq=_number(data, "seq"),
                entity=_text(data, "entity"),
                record_id=_text(data, "record_id"),
                kind=OpKind(data["kind"]),
                owner_mission=_text(data, "owner_mission"),
                base_version=_number(data, "base_version"),
                changes=changes,
                schema_version=_number(data, "schema_version", SCHEMA_VERSION),
                made_at=_text(data, "made_at", ""),
                made_by=_text(data, "made_by", ""),
            )
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ValueError(f"not a valid op: {exc}") from exc
        problem = bounds_problem(op)
        if problem:
            raise ValueError(f"not a valid op: {problem}")
        return op

    @classmethod
    def of_checked_wire(cls, wire: dict[str, Any], kind: OpKind) -> Op:
        """The op of a wire form whose keys are exactly the op's fields, each of its type, and ``kind``
        its kind (the caller checked them: ``bundles.op_entries``). The form itself becomes the op's
        attributes (``changes`` read lazily, as ``WireChanges``), so it must not be used after: a
        frozen dataclass's ``__init__`` sets its twelve fields one call each, and a bundle holds
        100,000 ops."""
        wire["kind"] = kind
        wire["changes"] = WireChanges(wire["changes"])
        op = object.__new__(cls)
        object.__setattr__(op, "__dict__", wire)
        return op

    def canonical(self) -> str:
        return canonical_json(self.to_wire())

    def content_hash(self) -> str:
        """Identity of the op's content: a resent op hashes the same, a different op with the same id not."""
        return sha256_hex(self.canonical())


def _text(data: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = data[key] if default is None else data.get(key, default)
    if type(value) is not str:
        raise ValueError(f"{key}: expected text")
    return value


def _number(data: Mapping[str, Any], key: str, default: int | None = None) -> int:
    value = data[key] if default is None else data.get(key, default)
    if type(value) is not int:
        raise ValueError(f"{key}: expected a whole number")
    return value


def bounds_problem(op: Op) -> str | None:
    """Why an op breaks the protocol's bounds (a number a 64-bit column cannot hold, text longer than
    its column), or None. Checked before anything of the op reaches a database, whichever way it came."""
    if _within_bounds(op):
        return None
    return _first_problem(op)


_GOOD_NAMES: set[str] = set()  # field names that passed the name check (bounded: ``_GOOD_NAMES_MAX``)
_GOOD_NAMES_MAX = 4096


def _within_bounds(op: Op) -> bool:
    """``bounds_problem`` is None, checked in a few steps (every op a push or a bundle holds is checked,
    100,000 in a large bundle): the texts' control characters in one search, the field names against
    those already seen to pass. False says only that ``_first_problem`` must look."""
    op_id, device_id, record_id, name, owner, made_at, made_by = (
        op.op_id,
        op.device_id,
        op.record_id,
        op.entity,
        op.owner_mission,
        op.made_at,
        op.made_by,
    )
    if not (
        type(op_id) is str
        and type(device_id) is str
        and type(record_id) is str
        and type(name) is str
        and type(owner) is str
        and type(made_at) is str
        and type(made_by) is str
    ):
        return False
    # Printable text holds no control character (a C loop; the search is for the rest).
    joined = op_id + device_id + record_id + name + owner + made_at + made_by
    if not joined.isprintable() and _CONTROL.search(joined):
        return False
    if not (
        len(op.op_id) <= 36
        and len(op.device_id) <= 36
        and len(op.record_id) <= 36
        and len(op.entity) <= 32
        and len(op.owner_mission) <= 16
        and len(op.made_at) <= 40
        and len(op.made_by) <= 120
    ):
        return False
    seq, base, schema = op.seq, op.base_version, op.schema_version
    if not (type(seq) is int and type(base) is int and type(schema) is int):
        return False
    if not (1 <= seq <= MAX_NUMBER and 0 <= base <= MAX_NUMBER and 0 <= schema <= MAX_NUMBER):
        return False
    names = op.changes.keys()
    if len(names) > MAX_CHANGES:
        return False
    if names <= _GOOD_NAMES:
        return True
    for name in names:
        if type(name) is not str or len(name) > MAX_FIELD_NAME or not _FIELD_NAME.fullmatch(name):
            return False
        if len(_GOOD_NAMES) < _GOOD_NAMES_MAX:
            _GOOD_NAMES.add(name)
    return True


def _first_problem(op: Op) -> str | None:
    """The first of the op's bounds it breaks, named (the slow way, for the message)."""
    for key, limit in _TEXT_LIMITS.items():
        value = getattr(op, key)
        if type(value) is not str:
            return f"{key}: expected text"
        if len(value) > limit:
            return f"{key} is longer than {limit} characters"
        if _CONTROL.search(value):
            return f"{key} holds a control character"
    for key, lowest in _NUMBER_LOWEST.items():
        value = getattr(op, key)
        if type(value) is not int:
            return f"{key}: expected a whole number"
        if not lowest <= value <= MAX_NUMBER:
            return f"{key} must be between {lowest} and {MAX_NUMBER}"
    if len(op.changes) > MAX_CHANGES:
        return f"changes: more than {MAX_CHANGES} fields"
    for name in op.changes:
        if type(name) is not str or len(name) > MAX_FIELD_NAME or not _FIELD_NAME.fullmatch(name):
            return f"changes: a field name is not letters, digits and _ up to {MAX_FIELD_NAME} characters"
    return None
