"""One editor widget per field kind, all with the same small interface.

``value()`` returns what the services accept (wire-like Python values: text,
int, date, a code, an id, a list); text a person typed that fits no choice is
returned as ``Unknown`` so the form can say so next to the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from missiondesk.domain.schema import FieldSpec, Kind
from missiondesk.services.lookups import Choice, Lookups
from missiondesk.ui.labels import korean, number_text, value_label

BLANK_DATE = QDate(1900, 1, 1)


@dataclass(frozen=True)
class Unknown:
    """Typed text that matches nothing to pick (an unknown company)."""

    text: str


class FieldEditor(QWidget):
    changed = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class TextEditor(QLineEdit):
    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(spec.max_length)
        self.textEdited.connect(self.changed)

    def value(self) -> Any:
        text = self.text().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class LongTextEditor(QPlainTextEdit):
    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(60)
        self.setMaximumHeight(120)
        self.textChanged.connect(self.changed)

    def value(self) -> Any:
        text = self.toPlainText().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setPlainText("" if value is None else str(value))
        self.blockSignals(False)


class IntEditor(QLineEdit):
    """A whole number; thousands separators welcome. Anything else goes to validation as typed."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_name = spec.name
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.textEdited.connect(self.changed)

    def value(self) -> Any:
        text = self.text().strip()
        for decoration in ("US$", "₩", "$", "원", ",", " "):  # what number_text adds, and what people type
            text = text.replace(decoration, "")
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text  # validation names the field and says what it expects

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else number_text(self.field_name, int(value)))


class BoolEditor(QCheckBox):
    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggled.connect(self.changed)

    def value(self) -> Any:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class DateEditor(QDateEdit):
    """A date that may be empty (shown blank); the calendar pops up on click."""

    changed = Signal()

    def __init__(self, spec: FieldSpec | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(BLANK_DATE)
        self.setSpecialValueText(" ")
        self.setDate(BLANK_DATE)
        self.dateChanged.connect(self.changed)

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == BLANK_DATE else dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and value:
            value = dt.date.fromisoformat(value)
        self.setDate(BLANK_DATE if value is None else QDate(value.year, value.month, value.day))


class ChoiceEditor(QComboBox):
    """One of a closed list (an enum) or of the reference data (a country, a partner); blank allowed."""

    changed = Signal()

    def __init__(
        self, choices: Sequence[Choice], parent: QWidget | None = None, *, searchable: bool = False
    ) -> None:
        super().__init__(parent)
        # Long names (countries, partners) must not widen the form: the popup still shows them whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setEditable(searchable)
        if searchable:
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = self.completer()
            assert completer is not None  # an editable combo box always has one
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.set_choices(choices)
        self.currentIndexChanged.connect(self.changed)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for c in choices:
            self.addItem(c.label(korean()), c.value)
            self.setItemData(
                self.count() - 1, f"{c.value} · {c.label_en} · {c.label_ko}", Qt.ItemDataRole.ToolTipRole
            )
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        if self.isEditable():
            text = self.currentText().strip()
            if not text:
                return None
            found = self.findText(text, Qt.MatchFlag.MatchFixedString)
            if found < 0:
                return Unknown(text)
            return self.itemData(found)
        return self.currentData()

    def set_value(self, value: Any) -> None:
        found = self.findData(value) if value not in (None, "") else 0
        if found < 0:  # a value no longer offered (a disabled code): still shown, still kept
            self.addItem(str(value), value)
            found = self.count() - 1
        self.setCurrentIndex(found)


def enum_choices(spec: FieldSpec) -> list[Choice]:
    assert spec.enum is not None
    return [Choice(m.value, value_label(m.value)) for m in spec.enum]


class MultiChoiceEditor(QToolButton):
    """Several codes or records from a list (categories, partners, officers), ticked in a menu."""

    changed = Signal()

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self._labels: dict[str, str] = {}
        self._order: list[str] = []
        for c in choices:
            action = self.menu_.addAction(c.label(korean()))
            action.setCheckable(True)
            action.setData(c.value)
            action.toggled.connect(self._toggled)
            self._labels[c.value] = c.label(korean())
            self._order.append(c.value)
        self._extra: list[str] = []
        self._show()

    def _toggled(self) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        names = [self._labels.get(v, v) for v in self.value()]
        text = ", ".join(names) if names else self.tr("(none)")
        self.setText(text if len(text) <= 48 else text[:47] + "…")
        self.setToolTip("\n".join(names))

    def value(self) -> list[str]:
        ticked = [a.data() for a in self.menu_.actions() if a.isChecked()]
        return ticked + [v for v in self._extra if v not in ticked]

    def set_value(self, value: Any) -> None:
        wanted = list(value or [])
        for action in self.menu_.actions():
            action.blockSignals(True)
            action.setChecked(action.data() in wanted)
            action.blockSignals(False)
        self._extra = [v for v in wanted if v not in self._labels]  # kept, never dropped silently
        self._show()


class RecordPicker(QLineEdit):
    """A linked record (a company, a case) found by typing part of its name, Korean or Latin."""

    changed = Signal()

    def __init__(self, lookups: Lookups, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lookups = lookups
        self.target = target
        self._id: str | None = None
        self._names: dict[str, str] = {}
        self.setPlaceholderText(self.tr("Type to search…"))
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._picked)
        self.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._suggest)
        self.textEdited.connect(self._edited)

    def _edited(self) -> None:
        self._id = None
        self._timer.start()
        self.changed.emit()

    def _suggest(self) -> None:
        text = self.text().strip()
        found = self.lookups.find(self.target, text) if text else ()
        self._names = {c.label(): c.value for c in found}
        self._model.setStringList(list(self._names))

    def _picked(self, text: str) -> None:
        self._id = self._names.get(text)
        self.changed.emit()

    def choose(self, choice: Choice) -> None:
        """Pick a record as if it had been chosen from the suggestions."""
        self._names[choice.label()] = choice.value
        self.setText(choice.label())
        self._id = choice.value
        self.changed.emit()

    def value(self) -> Any:
        text = self.text().strip()
        if not text:
            return None
        if self._id is None:
            self._suggest()
            match = self._names.get(text)
            if match is None:
                return Unknown(text)
            self._id = match
        return self._id

    def set_value(self, value: Any) -> None:
        self._id = value or None
        label = self.lookups.titles(self.target, [value]).get(value, "") if value else ""
        self.setText(label)


def editor_for(spec: FieldSpec, lookups: Lookups, parent: QWidget | None = None) -> Any:
    """The editor widget for a field."""
    match spec.kind:
        case Kind.TEXT:
            return TextEditor(spec, parent)
        case Kind.LONGTEXT:
            return LongTextEditor(spec, parent)
        case Kind.INT:
            return IntEditor(spec, parent)
        case Kind.BOOL:
            return BoolEditor(spec, parent)
        case Kind.DATE:
            return DateEditor(spec, parent)
        case Kind.ENUM:
            return ChoiceEditor(enum_choices(spec), parent)
        case Kind.CODE:
            assert spec.target is not None
            return ChoiceEditor(lookups.codes(spec.target), parent, searchable=True)
        case Kind.CODES:
            assert spec.target is not None
            return MultiChoiceEditor(lookups.codes(spec.target), parent)
        case Kind.REF:
            assert spec.target is not None
            if spec.target == "officer":
                return ChoiceEditor(lookups.officers(), parent)
            return RecordPicker(lookups, spec.target, parent)
        case Kind.REFS:
            assert spec.target == "officer"
            return MultiChoiceEditor(lookups.officers(), parent)
    raise AssertionError(spec.kind)
