"""What services hand to the UI, the CLI and the server: plain, frozen records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from missiondesk.domain.schema import EntitySpec, entity


@dataclass(frozen=True)
class Record:
    entity: str
    id: str
    owner_mission: str
    version: int
    values: Mapping[str, Any]
    created_at: dt.datetime | None = None
    created_by: str | None = None
    updated_at: dt.datetime | None = None
    updated_by: str | None = None
    deleted_at: dt.datetime | None = None
    deleted_by: str | None = None
    conflict_state: str = "none"
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    @property
    def spec(self) -> EntitySpec:
        return entity(self.entity)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def title(self) -> str:
        value = self.values.get(self.spec.title_field)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Page:
    """One page of a list, with the total that matches the filters (None when not asked for)."""

    rows: tuple[Record, ...]
    total: int | None
    offset: int
    limit: int


@dataclass(frozen=True)
class Change:
    """What a mutation changed, so each view can decide whether to refresh."""

    entity: str
    record_id: str
    kind: str  # create, update, delete, restore
    fields: tuple[str, ...] = ()
    record: Record | None = None


@dataclass(frozen=True)
class ListQuery:
    """What a list shows: filters, text, sort and the page. Fields are the entity's field names."""

    entity: str
    equals: Mapping[str, Any] = field(default_factory=dict)  # field -> value, or a list/tuple for "any of"
    has_code: Mapping[str, str] = field(default_factory=dict)  # list field -> a code it must hold
    date_field: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    on_or_after: Mapping[str, dt.date] = field(default_factory=dict)  # date field -> earliest day (any field)
    text: str = ""
    owner_missions: tuple[str, ...] = ()
    trash: bool = False  # show deleted records (the trash) instead of live ones
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int = 100
