"""One row of the ops sheet: the op as carried, the hash of the whole op, the fields left out.

A bundle made without sensitive fields (``FieldSpec.sensitive``) carries each
op with those fields' changes removed and lists them in ``left_out``;
``full_hash`` is the content hash of the op as the laptop made it. HQ stores
that hash in the op's receipt, so the same op reaching HQ later by network is
a duplicate, never a clash; the values left out never reach HQ by email.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from missiondesk.domain.canonical import canonical_json, sha256_hex
from missiondesk.domain.ops import Op
from missiondesk.domain.schema import entity, is_entity


@dataclass(frozen=True)
class OpEntry:
    op: Op
    full_hash: str
    left_out: tuple[str, ...] = ()

    def line(self) -> str:
        return canonical_json(
            {"op": self.op.to_wire(), "full_hash": self.full_hash, "left_out": list(self.left_out)}
        )


def entry_for(op: Op, include_sensitive: bool) -> OpEntry:
    full_hash = op.content_hash()
    if include_sensitive or not is_entity(op.entity):
        return OpEntry(op, full_hash)
    sensitive = entity(op.entity).sensitive_fields
    left_out = tuple(sorted(name for name in op.changes if name in sensitive))
    if not left_out:
        return OpEntry(op, full_hash)
    kept = {k: c for k, c in op.changes.items() if k not in sensitive}
    return OpEntry(replace(op, changes=kept), full_hash, left_out)


def parse_entry(line: str) -> OpEntry:
    """The entry a line holds; ValueError when it is not one, or not in canonical form."""
    try:
        data: Any = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc})") from exc
    if not isinstance(data, dict) or set(data) != {"op", "full_hash", "left_out"}:
        raise ValueError("not an op entry")
    op = Op.from_wire(data["op"])
    left_out = data["left_out"]
    if not isinstance(left_out, list) or not all(isinstance(x, str) for x in left_out):
        raise ValueError("left_out is not a list of field names")
    entry = OpEntry(op, str(data["full_hash"]), tuple(left_out))
    if entry.line() != line:
        raise ValueError("the op is not in canonical form (edited by hand?)")
    if not left_out and entry.full_hash != sha256_hex(op.canonical()):
        raise ValueError("the op's hash does not match its content")
    return entry
