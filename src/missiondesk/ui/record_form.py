"""A form for any entity, built from its field declarations, with problems shown at the fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import Record
from missiondesk.domain.schema import EntitySpec, Kind
from missiondesk.domain.validation import Problem
from missiondesk.services.lookups import Lookups
from missiondesk.ui.fields import ChoiceEditor, MultiChoiceEditor, RecordPicker, Unknown, editor_for
from missiondesk.ui.labels import field_label, problem_text

ERROR_STYLE = "color: palette(highlighted-text); background: #b3261e; padding: 1px 4px; border-radius: 3px;"

# What each entity's form edits; the status moves through workflow buttons, never through the form.
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "support_case": (
        "title",
        "company_id",
        "contact_id",
        "summary",
        "summary_sensitive",
        "categories",
        "sector",
        "country",
        "area",
        "request_source",
        "received_date",
        "priority",
        "pending_on",
        "officer_id",
        "estimated_resolution_date",
        "investment_usd",
        "jobs_created",
        "permit_obtained",
        "site_secured",
    ),
    "case_activity": (
        "date",
        "action_type",
        "channel",
        "officers",
        "partners",
        "authorities",
        "notes",
        "next_steps",
    ),
    "partner_referral": ("partner", "service", "requested_date", "completed_date", "notes"),
    "market_brief": (
        "title",
        "topic",
        "country",
        "sector",
        "format",
        "published_date",
        "valid_until",
        "summary",
        "sources",
    ),
    "brief_delivery": ("company_id", "date", "channel", "notes"),
    "council_meeting": ("year", "number", "date", "format", "location", "notes"),
    "meeting_attendance": ("partner", "authority", "attendee_names", "attendees"),
    "agenda_item": ("position", "title", "case_id", "decision"),
    "company": (
        "name_ko",
        "name_en",
        "brn",
        "size",
        "sector",
        "export_experience",
        "website",
        "home_city",
        "notes",
    ),
    "contact": ("name", "position", "email", "phone", "consent_to_share", "consent_date"),
    "proposal": (
        "programme",
        "fiscal_year",
        "title",
        "target_segment",
        "activities",
        "partners",
        "budget_krw",
        "kpis",
        "submitted_date",
        "officer_id",
    ),
    "task": ("title", "due_date", "officer_id", "case_id", "meeting_id", "notes"),
}

_UNKNOWN_MESSAGE = {
    "company": "No company is called “{0}”. Pick one from the suggestions, or add the company first.",
    "support_case": "No case matches “{0}”. Pick one from the suggestions.",
}


class RecordForm(QWidget):
    """Editors for ``fields`` of one entity; ``problems`` shows validation messages next to their fields."""

    edited = Signal()
    new_record_wanted = Signal(str, str)  # field name, the text typed in it: "add this company"

    def __init__(
        self,
        spec: EntitySpec,
        lookups: Lookups,
        fields: Iterable[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.lookups = lookups
        self.fields = tuple(fields if fields is not None else FORM_FIELDS[spec.name])
        self.editors: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.new_buttons: dict[str, QPushButton] = {}
        self._loaded: dict[str, Any] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general_error = self._error_label()
        outer.addWidget(self.general_error)
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addLayout(layout)
        for name in self.fields:
            f = spec.field(name)
            if name == "contact_id" and "company_id" in self.fields:
                editor = ChoiceEditor((), self)  # the chosen company's contact persons
            else:
                editor = editor_for(f, lookups, self)
            editor.setObjectName(name)
            editor.changed.connect(self.edited)
            label = QLabel(field_label(spec, name) + (" *" if f.required else ""), self)
            label.setBuddy(editor)
            error = self._error_label()
            column = QVBoxLayout()
            column.setSpacing(2)
            if isinstance(editor, RecordPicker) and f.target == "company":
                column.addLayout(self._with_new_button(name, editor))
            else:
                column.addWidget(editor)
            column.addWidget(error)
            layout.addRow(label, column)
            self.editors[name] = editor
            self.errors[name] = error
            self.labels[name] = label
        if "country" in self.editors and "area" in self.editors:
            self.editors["country"].changed.connect(self._country_changed)
        if "consent_to_share" in self.editors and "consent_date" in self.editors:
            self.editors["consent_to_share"].clicked.connect(self._consent_ticked)
        if isinstance(self.editors.get("contact_id"), ChoiceEditor):
            self.editors["company_id"].changed.connect(self._company_changed)

    def _company_changed(self) -> None:
        company = self.editors["company_id"].value()
        contact: ChoiceEditor = self.editors["contact_id"]
        choices = self.lookups.contacts(company) if isinstance(company, str) else ()
        if contact.value() not in {c.value for c in choices}:
            contact.set_value(None)  # another company's contact person is no contact of this one
        contact.set_choices(choices)

    def _consent_ticked(self, checked: bool) -> None:
        """Ticking a contact's consent records when it was given (today) unless a date is there already;
        ``clicked`` fires for the officer's click or Space only, never when a record is loaded."""
        if checked and self.editors["consent_date"].value() is None:
            self.editors["consent_date"].set_value(dt.date.today())

    def _with_new_button(self, name: str, picker: RecordPicker) -> QHBoxLayout:
        """A company not known yet is added from here, with what was typed as its name."""
        button = QPushButton(self.tr("New company…"), self)
        button.setObjectName(f"{name}_new")
        button.setToolTip(self.tr("Add a company not in the list yet; what you typed becomes its name"))
        button.clicked.connect(lambda: self.new_record_wanted.emit(name, picker.text().strip()))
        self.new_buttons[name] = button
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(picker, 1)
        row.addWidget(button)
        return row

    def limit_authorities(self, country: str | None) -> None:
        """Foreign authorities of the case's country only (every one when the country is unknown)."""
        editor = self.editors.get("authorities")
        if isinstance(editor, MultiChoiceEditor):
            editor.limit_to([country] if country else None)

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.hide()
        return label

    def _country_changed(self) -> None:
        country = self.editors["country"].value()
        area: ChoiceEditor = self.editors["area"]
        choices = self.lookups.codes("area", group=country) if isinstance(country, str) else ()
        area.set_choices(choices)

    # --- values --------------------------------------------------------------------------

    def load(self, values: Mapping[str, Any]) -> None:
        for name, editor in self.editors.items():
            editor.blockSignals(True)
            editor.set_value(values.get(name))
            editor.blockSignals(False)
            if name == "country" and "area" in self.editors:
                self._country_changed()
                self.editors["area"].set_value(values.get("area"))
            if name == "company_id" and isinstance(self.editors.get("contact_id"), ChoiceEditor):
                self._company_changed()
                self.editors["contact_id"].set_value(values.get("contact_id"))
        self._loaded = {name: self._read(name) for name in self.editors}
        self.clear_problems()

    def load_record(self, record: Record | None, defaults: Mapping[str, Any] | None = None) -> None:
        self.load(dict(record.values) if record is not None else dict(defaults or {}))

    def _read(self, name: str) -> Any:
        return self.editors[name].value()

    def values(self) -> dict[str, Any]:
        return {name: self._read(name) for name in self.editors}

    def changes(self) -> dict[str, Any]:
        """Only what the person changed since the form was loaded."""
        return {name: v for name, v in self.values().items() if v != self._loaded.get(name)}

    @property
    def dirty(self) -> bool:
        return bool(self.changes())

    def set(self, name: str, value: Any) -> None:
        """Set a field as if typed (tests and quick actions)."""
        self.editors[name].set_value(value)
        self.edited.emit()

    # --- problems ------------------------------------------------------------------------

    def unknown_problems(self) -> list[Problem]:
        """Typed names that match no record or code, found before anything reaches the service."""
        out = []
        for name, value in self.values().items():
            if isinstance(value, Unknown):
                target = self.spec.field(name).target or ""
                template = _UNKNOWN_MESSAGE.get(target, "“{0}” is not in the list.")
                out.append(Problem(name, self.tr(template).format(value.text)))
        return out

    def show_problems(self, problems: Iterable[Problem]) -> None:
        self.clear_problems()
        general = []
        for p in problems:
            label = self.errors.get(p.field)
            if label is None:
                general.append(
                    f"{field_label(self.spec, p.field) if self.spec.has_field(p.field) else p.field}: "
                    f"{problem_text(self.spec, p)}"
                )
                continue
            said = problem_text(self.spec, p)
            label.setText(said if not label.text() else f"{label.text()}\n{said}")
            label.show()
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.show()
        first = next((n for n in self.fields if self.errors[n].isVisibleTo(self)), None)
        if first is not None:
            self.editors[first].setFocus()
            self._reveal(self.errors[first], self.editors[first])
        elif general:
            self._reveal(self.general_error)

    def show_message(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.show()
        self._reveal(self.general_error)

    def _reveal(self, *widgets: QWidget) -> None:
        """Scroll the form's scroll area (if any) so that a problem is in view."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None:
            return
        inner = parent.widget()
        layout = inner.layout() if inner is not None else None
        if layout is not None:
            layout.activate()  # the message just shown has its place before scrolling to it
        for widget in reversed(widgets):
            parent.ensureWidgetVisible(widget, 20, 40)

    def clear_problems(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.clear()
            label.hide()

    def problem_at(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if label.isVisibleTo(self) else ""


def wire_values(spec: EntitySpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """Form values as the services take them (dates stay dates; lists stay lists)."""
    out = {}
    for name, value in values.items():
        f = spec.field(name)
        if f.kind in (Kind.CODES, Kind.REFS) and value is None:
            value = []
        out[name] = value
    return out
