"""Records as they travel in the change feed: every column, in wire form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from missiondesk.domain.schema import EntitySpec, entity

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
        "values": {f.name: f.to_wire(row[f.name]) for f in spec.fields},
    }


def row_from_wire(entity_name: str, state: Mapping[str, Any]) -> dict[str, Any]:
    """A database row (column -> Python value) for a record state from the feed."""
    spec = entity(entity_name)
    row: dict[str, Any] = {"id": state["id"], **{name: state[name] for name in META}}
    for name in TIMES:
        row[name] = None if state[name] is None else dt.datetime.fromisoformat(state[name])
    row["extra"] = dict(state.get("extra") or {})
    values = state.get("values") or {}
    for f in spec.fields:
        row[f.name] = f.from_wire(values.get(f.name))
    return row
