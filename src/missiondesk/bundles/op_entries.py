"""One row of the ops sheet: the op as carried, the hash of the whole op, the fields left out.

A bundle made without sensitive fields (``FieldSpec.sensitive``) carries each
op with those fields' changes removed and lists them in ``left_out``;
``full_hash`` is the content hash of the op as the laptop made it. HQ stores
that hash in the op's receipt, so the same op reaching HQ later by network is
a duplicate, never a clash; the values left out never reach HQ by email.

A line is the canonical JSON of ``{"op", "full_hash", "left_out"}``. It is
built around the op's own canonical text (``Op.canonical``), so writing or
checking a line serialises the op once, and that one text also gives the
op's content hash.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import orjson

from missiondesk.domain.canonical import canonical_json, sha256_hex
from missiondesk.domain.ops import Op, OpKind
from missiondesk.domain.schema import entity, is_entity


def entry_line(op_text: str, full_hash: str, left_out: Sequence[str]) -> str:
    """``canonical_json({"op": ..., "full_hash": ..., "left_out": ...})`` from the op's canonical text.

    The keys sort as written here, and normalising the pieces one by one equals
    normalising the whole text: they meet at JSON's ASCII punctuation, which
    composes with nothing (the argument of ``canonical_json``'s docstring).
    """
    hash_text = f'"{full_hash}"' if _HEX.fullmatch(full_hash) else canonical_json(full_hash)
    left_text = canonical_json(list(left_out)) if left_out else "[]"
    return '{"full_hash":' + hash_text + ',"left_out":' + left_text + ',"op":' + op_text + "}"


_HEX = re.compile("[0-9a-f]*")  # such text is its own canonical JSON between quotes


@dataclass(frozen=True)
class OpEntry:
    op: Op
    full_hash: str
    left_out: tuple[str, ...] = ()
    # The line, when it was made with the entry (export); never part of the entry's identity.
    text: str | None = field(default=None, compare=False, repr=False)

    def line(self) -> str:
        if self.text is not None:
            return self.text
        return entry_line(self.op.canonical(), self.full_hash, self.left_out)


def entry_for(op: Op, include_sensitive: bool, flagged: frozenset[str] = frozenset()) -> OpEntry:
    """The entry for ``op`` with its line made (the op is serialised once, or twice when fields are left out).

    ``flagged``: fields sensitive in this record only (a case whose summary is marked sensitive).
    """
    op_text = op.canonical()
    full_hash = sha256_hex(op_text)
    if include_sensitive or not is_entity(op.entity):
        return OpEntry(op, full_hash, (), entry_line(op_text, full_hash, ()))
    sensitive = entity(op.entity).sensitive_fields | flagged
    left_out = tuple(sorted(name for name in op.changes if name in sensitive))
    if not left_out:
        return OpEntry(op, full_hash, (), entry_line(op_text, full_hash, ()))
    kept = replace(op, changes={k: c for k, c in op.changes.items() if k not in sensitive})
    return OpEntry(kept, full_hash, left_out, entry_line(kept.canonical(), full_hash, left_out))


_WIRE_TEXT = ("op_id", "device_id", "entity", "record_id", "owner_mission", "made_at", "made_by")
_WIRE_INT = ("seq", "base_version", "schema_version")
_WIRE_KEYS = frozenset((*_WIRE_TEXT, *_WIRE_INT, "kind", "changes"))
_KINDS = {k.value: k for k in OpKind}


_SCALARS = frozenset((str, int, bool, type(None)))


def _list_of_scalars(value: Any) -> bool:
    """A field's value is text, a whole number, a boolean, nothing (``_SCALARS``) or a list of those.
    Never a float, so the op's text is the same whichever JSON library reads and writes it."""
    return type(value) is list and all(type(v) in _SCALARS for v in value)


def _plain_kind(wire: Any) -> OpKind | None:
    """The kind of a wire form that ``Op.from_wire(...).to_wire()`` would give back unchanged, else None.

    For such a form the canonical text of the parsed JSON is the op's canonical text, so a line is
    checked with one serialisation and no round trip through ``to_wire``; its op is then made from
    the form itself (``Op.of_checked_wire``), once that text is no longer needed.
    """
    if type(wire) is not dict or wire.keys() != _WIRE_KEYS:
        return None
    for key in _WIRE_TEXT:
        if type(wire[key]) is not str:
            return None
    for key in _WIRE_INT:
        if type(wire[key]) is not int:
            return None
    kind = _KINDS.get(wire["kind"]) if type(wire["kind"]) is str else None
    changes = wire["changes"]
    if kind is None or type(changes) is not dict:
        return None
    for pair in changes.values():
        if type(pair) is not list or len(pair) != 2:
            return None
        base, new = pair
        # Inline for scalars, the common case (a bundle holds a million of them).
        if (type(base) not in _SCALARS and not _list_of_scalars(base)) or (
            type(new) not in _SCALARS and not _list_of_scalars(new)
        ):
            return None
    return kind


def parse_entry(line: str) -> OpEntry:
    """The entry a line holds; ValueError when it is not one, or not in canonical form."""
    quick = _quick_entry(line)
    if quick is not None:
        return quick
    try:
        data: Any = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc})") from exc
    if not isinstance(data, dict) or set(data) != {"op", "full_hash", "left_out"}:
        raise ValueError("not an op entry")
    kind = _plain_kind(data["op"])
    if kind is None:
        op = Op.from_wire(data["op"])
        op_text = op.canonical()
    else:
        op_text = canonical_json(data["op"])  # the same text, without building the wire form again
        op = Op.of_checked_wire(data["op"], kind)
    left_out = data["left_out"]
    if not isinstance(left_out, list) or not all(isinstance(x, str) for x in left_out):
        raise ValueError("left_out is not a list of field names")
    full_hash = str(data["full_hash"])
    # The one serialisation: the canonical-form check and the hash both use it.
    if entry_line(op_text, full_hash, left_out) != line:
        raise ValueError("the op is not in canonical form (edited by hand?)")
    if not left_out and full_hash != sha256_hex(op_text):
        raise ValueError("the op's hash does not match its content")
    return OpEntry(op, full_hash, tuple(left_out), line)


_ENTRY_KEYS = frozenset(("op", "full_hash", "left_out"))


def _quick_entry(line: str) -> OpEntry | None:
    """The entry of a well-formed line, read and checked through orjson (several times faster).

    Only where orjson and the standard library cannot differ: no float anywhere (orjson also reads
    an integer beyond 64 bits as one), text where text belongs. Anything else, and any line that
    fails a check, is None: the standard way then reads it again and gives the reason.
    """
    try:
        encoded = line.encode()
        data = orjson.loads(encoded)  # from bytes: faster than from text, and they are needed below
    except (UnicodeEncodeError, orjson.JSONDecodeError):  # a lone surrogate: the standard way says so
        return None
    if type(data) is not dict or data.keys() != _ENTRY_KEYS:
        return None
    full_hash, left_out = data["full_hash"], data["left_out"]
    if type(full_hash) is not str or type(left_out) is not list or not all(type(x) is str for x in left_out):
        return None
    kind = _plain_kind(data["op"])
    if kind is None:
        return None
    # The line is canonical when it is what it holds, written again (its keys sort as a line has them)...
    if orjson.dumps(data, option=orjson.OPT_SORT_KEYS) != encoded or not unicodedata.is_normalized(
        "NFC", line
    ):
        return None
    # ...and then the op's canonical text is the line's tail. The first ',"op":{' starts it: in the
    # hash or a field name before it, a quote would be escaped.
    if not left_out and full_hash != hashlib.sha256(encoded[encoded.index(_OP_TEXT) + 6 : -1]).hexdigest():
        return None
    return OpEntry(Op.of_checked_wire(data["op"], kind), full_hash, tuple(left_out), line)


_OP_TEXT = b',"op":{'
