"""Which columns each list shows, and how a stored value reads in a cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from missiondesk.domain.schema import EntitySpec, Kind, entity
from missiondesk.services.lookups import Lookups
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.labels import field_label, korean, number_text, value_label

META_HEADERS = {
    "updated_at": QT_TRANSLATE_NOOP("column", "Changed"),
    "deleted_at": QT_TRANSLATE_NOOP("column", "Deleted"),
    "created_at": QT_TRANSLATE_NOOP("column", "Created"),
}

# Shorter headers where the form's label would not fit a column (the form keeps the full words).
SHORT_HEADERS = {
    ("contact", "consent_to_share"): QT_TRANSLATE_NOOP("column", "Consent to share"),
    ("contact", "consent_date"): QT_TRANSLATE_NOOP("column", "Consent since"),
}


@dataclass(frozen=True)
class Column:
    entity: str
    key: str  # a field name, or updated_at / deleted_at

    @property
    def spec(self) -> EntitySpec:
        return entity(self.entity)

    @property
    def is_meta(self) -> bool:
        return self.key in META_HEADERS

    @property
    def kind(self) -> Kind:
        return Kind.DATE if self.is_meta else self.spec.field(self.key).kind

    @property
    def sortable(self) -> bool:
        """SQL sorts by the stored value: meaningful for text, numbers, dates and enums, not for ids or lists."""
        return self.is_meta or self.kind not in (Kind.REF, Kind.REFS, Kind.CODES, Kind.LONGTEXT)

    @property
    def numeric(self) -> bool:
        return self.kind is Kind.INT

    def header(self) -> str:
        if self.is_meta:
            return QCoreApplication.translate("column", META_HEADERS[self.key])
        short = SHORT_HEADERS.get((self.entity, self.key))
        if short is not None:
            return QCoreApplication.translate("column", short)
        return field_label(self.spec, self.key)


LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "support_case": (
        "reference",
        "title",
        "company_id",
        "status",
        "pending_on",
        "categories",
        "area",
        "received_date",
        "officer_id",
        "priority",
    ),
    "market_brief": ("title", "topic", "country", "sector", "format", "published_date", "valid_until"),
    "council_meeting": ("year", "number", "date", "status", "format", "location"),
    "company": ("name_ko", "name_en", "brn", "size", "sector", "home_city"),
    "proposal": ("fiscal_year", "programme", "title", "status", "budget_krw", "submitted_date"),
    "task": ("due_date", "title", "status", "officer_id", "case_id"),
    "case_activity": ("date", "action_type", "channel", "notes", "partners"),
    "partner_referral": ("partner", "service", "status", "requested_date", "completed_date"),
    "brief_delivery": ("date", "company_id", "channel", "notes"),
    "meeting_attendance": ("partner", "authority", "attendee_names", "attendees"),
    "agenda_item": ("position", "title", "case_id", "decision"),
    # Consent beside the name: whether a contact may be passed on is what a narrow pane must still show.
    "contact": ("name", "consent_to_share", "position", "email", "phone", "consent_date"),
    "attachment": ("file_name", "size", "media_type", "case_id"),
}


def columns_for(entity_name: str, *, trash: bool = False) -> tuple[Column, ...]:
    keys = LIST_COLUMNS[entity_name]
    if trash:
        keys = (*keys[:3], "deleted_at")
    return tuple(Column(entity_name, k) for k in keys)


class CellFormatter:
    """Turns stored values into cell text, with the names of codes and linked records."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def ref_titles(self, columns: tuple[Column, ...], rows: Any) -> dict[str, str]:
        """Names for every record id a page of rows links to, fetched once per page."""
        titles: dict[str, str] = {}
        for col in columns:
            if col.is_meta or col.kind is not Kind.REF:
                continue
            target = col.spec.field(col.key).target
            assert target is not None
            if target == "officer":
                titles.update((c.value, c.label()) for c in self.lookups.officers())
            else:
                titles.update(self.lookups.titles(target, (r.get(col.key) for r in rows)))
        return titles

    def text(self, col: Column, value: Any, titles: Mapping[str, str]) -> str:
        if value is None or value == [] or value == "":
            return ""
        if col.is_meta:
            stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
            return (
                stamp.astimezone().strftime("%Y-%m-%d %H:%M") if stamp.tzinfo else stamp.strftime("%Y-%m-%d")
            )
        f = col.spec.field(col.key)
        match f.kind:
            case Kind.ENUM:
                return value_label(value)
            case Kind.CODE:
                assert f.target is not None
                return self.lookups.code_label(f.target, value, korean=korean())
            case Kind.CODES:
                assert f.target is not None
                return ", ".join(self.lookups.code_label(f.target, v, korean=korean()) for v in value)
            case Kind.REF:
                return titles.get(value, "…")
            case Kind.REFS:
                return ", ".join(titles.get(v, "…") for v in value)
            case Kind.BOOL:
                return "✓" if value else ""
            case Kind.INT:
                return number_text(col.key, int(value))
            case Kind.DATE:
                return value.isoformat() if isinstance(value, dt.date) else str(value)
            case Kind.LONGTEXT:
                first = str(value).strip().splitlines()
                return first[0] if first else ""
        return str(value)
