"""Records as they travel in the change feed: every column, in wire form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from missiondesk.domain.schema import EntitySpec, FieldSpec, entity

META = ("owner_mission", "version", "created_by", "updated_by", "deleted_by", "conflict_state")
TIMES = ("created_at", "updated_at", "deleted_at")


def _time(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="microseconds")


def row_to_wire(spec: EntitySpec, row: Mapping[str, Any]) -> dict[str, Any]:
    """A database row of ``spec`` as the feed carries it."""
    return {
        "id": row["id"],
        **{name: row[name] for name in META},
        **{name: _time(row[name]) for name in TIMES},
        "extra": dict(row["extra"] or {}),
        "values": {f.name: _value_to_wire(f, row[f.name]) for f in spec.fields},
    }


def _value_to_wire(f: FieldSpec, value: Any) -> Any:
    # Most values are empty or plain text: answered here without a call (a feed page holds thousands).
    if value is None:
        return [] if f.is_list else None
    return value if type(value) is str else f.to_wire(value)


def row_from_wire(entity_name: str, state: Mapping[str, Any]) -> dict[str, Any]:
    """A database row (column -> Python value) for a record state from the feed."""
    spec = entity(entity_name)
    row: dict[str, Any] = {"id": state["id"], **{name: state[name] for name in META}}
    for name in TIMES:
        row[name] = None if state[name] is None else dt.datetime.fromisoformat(state[name])
    row["extra"] = dict(state.get("extra") or {})
    values = state.get("values") or {}
    for f in spec.fields:
        value = values.get(f.name)
        # Inline for what most values are (a pull converts millions): empty, or text kept as it is.
        if value is None:
            row[f.name] = [] if f.is_list else None
        elif f.is_text and type(value) is str and value:
            row[f.name] = value
        else:
            row[f.name] = f.from_wire(value)
    return row
