"""The op: one accepted local change, as it travels to HQ by network or bundle.

An op names its record, the version it was based on and, per changed field,
the base value the device saw and the new value it wants (BRIEF invariant 1).
Values are wire values (JSON): dates as ISO text, enums as their value.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from missiondesk.domain.canonical import canonical_json, sha256_hex
from missiondesk.domain.schema import SCHEMA_VERSION


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
        try:
            changes = {str(k): FieldChange(v[0], v[1]) for k, v in dict(data.get("changes") or {}).items()}
            return cls(
                op_id=str(data["op_id"]),
                device_id=str(data["device_id"]),
                seq=int(data["seq"]),
                entity=str(data["entity"]),
                record_id=str(data["record_id"]),
                kind=OpKind(data["kind"]),
                owner_mission=str(data["owner_mission"]),
                base_version=int(data["base_version"]),
                changes=changes,
                schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
                made_at=str(data.get("made_at", "")),
                made_by=str(data.get("made_by", "")),
            )
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ValueError(f"not a valid op: {exc}") from exc

    def canonical(self) -> str:
        return canonical_json(self.to_wire())

    def content_hash(self) -> str:
        """Identity of the op's content: a resent op hashes the same, a different op with the same id not."""
        return sha256_hex(self.canonical())
