"""The readable sheets: the records a bundle touches, for people who open it in Excel.

They are never imported (the ops are); HQ compares them with the ops and
lists every cell someone changed. Each sheet has an ID column and one column
per field, headed in Korean and English; dates are real dates, whole numbers
are numbers, everything else is text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from missiondesk.domain.schema import EntitySpec, FieldSpec, Kind, entity

ID_HEADER = "ID"


@dataclass(frozen=True)
class ReadableSheet:
    name: str  # the sheet's name: short, ASCII, at most 31 characters
    entity: str

    @property
    def spec(self) -> EntitySpec:
        return entity(self.entity)


READABLE_SHEETS = (
    ReadableSheet("cases", "support_case"),
    ReadableSheet("activities", "case_activity"),
    ReadableSheet("referrals", "partner_referral"),
    ReadableSheet("briefs", "market_brief"),
    ReadableSheet("deliveries", "brief_delivery"),
    ReadableSheet("meetings", "council_meeting"),
    ReadableSheet("proposals", "proposal"),
    ReadableSheet("companies", "company"),
)
BY_ENTITY = {s.entity: s for s in READABLE_SHEETS}
BY_NAME = {s.name: s for s in READABLE_SHEETS}

_WIDTH = {
    Kind.TEXT: 28,
    Kind.LONGTEXT: 50,
    Kind.INT: 12,
    Kind.BOOL: 10,
    Kind.DATE: 12,
    Kind.ENUM: 16,
    Kind.REF: 38,
    Kind.CODE: 10,
    Kind.CODES: 24,
    Kind.REFS: 38,
}


def columns(spec: EntitySpec, include_sensitive: bool) -> list[FieldSpec]:
    return [f for f in spec.fields if include_sensitive or not f.sensitive]


def header(f: FieldSpec) -> str:
    return f"{f.label_ko} / {f.label_en}"


def width(f: FieldSpec) -> int:
    return max(_WIDTH[f.kind], min(len(header(f)) + 4, 40))


def comparable(f: FieldSpec, wire: Any) -> Any:
    """A wire value as the readable sheet shows it, in the form ``read_value`` gives back."""
    if wire is None or wire == []:
        return ""
    if f.is_list:
        return ", ".join(str(v) for v in wire)
    if f.kind is Kind.INT:
        return int(wire)
    if f.kind is Kind.BOOL:
        return bool(wire)
    return str(wire)


def read_value(f: FieldSpec, value: Any) -> Any:
    """A cell as a spreadsheet reader returns it, in comparable form; ValueError for text in a date column."""
    if value is None or value == "":
        return ""
    if f.kind is Kind.DATE:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        raise ValueError(f"{value!r} where a date belongs")
    if f.kind is Kind.INT and isinstance(value, float) and value.is_integer():
        return int(value)
    if f.kind is Kind.BOOL and isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str | int | bool) else str(value)


def expected_values(values: Mapping[str, Any], spec: EntitySpec, include_sensitive: bool) -> list[Any]:
    return [comparable(f, values.get(f.name)) for f in columns(spec, include_sensitive)]
