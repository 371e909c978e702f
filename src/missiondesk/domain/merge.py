"""The three-way field merge, as plain functions (the authority applies what they decide).

For each field an op changes, compare the value the authority holds now
(*theirs*) with the op's base and its new value (*ours*):

- theirs equals the new value: nothing to do (someone made the same change);
- theirs equals the base: apply the new value;
- otherwise: a conflict. The current value stays; base, theirs and ours are kept.

Wall-clock times never take part: only values decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from missiondesk.domain.ops import FieldChange


class FieldVerdict(StrEnum):
    APPLY = "apply"
    SAME = "same"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class FieldMerge:
    field: str
    verdict: FieldVerdict
    base: Any
    theirs: Any
    ours: Any


def merge_fields(current: Mapping[str, Any], changes: Mapping[str, FieldChange]) -> list[FieldMerge]:
    """One verdict per changed field; ``current`` holds wire values."""
    out = []
    for name, change in sorted(changes.items()):
        theirs = current.get(name)
        if _same(theirs, change.new):
            verdict = FieldVerdict.SAME
        elif _same(theirs, change.base):
            verdict = FieldVerdict.APPLY
        else:
            verdict = FieldVerdict.CONFLICT
        out.append(FieldMerge(name, verdict, change.base, theirs, change.new))
    return out


def _same(a: Any, b: Any) -> bool:
    # An empty list and a missing list are the same value on the wire.
    if a in (None, []) and b in (None, []):
        return True
    return bool(a == b)
