"""One editor widget per field kind, all with the same small interface.

``value()`` returns what the services accept (wire-like Python values: text,
int, date, a code, an id, a list); text a person typed that fits no choice is
returned as ``Unknown`` so the form can say so next to the field.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from missiondesk.domain.schema import FieldSpec, Kind
from missiondesk.services.lookups import Choice, Lookups
from missiondesk.ui.labels import korean, number_text, value_label

BLANK_DATE = QDate(1900, 1, 1)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # a choice's code and both names, for typing to find it


@dataclass(frozen=True)
class Unknown:
    """Typed text that matches nothing to pick (an unknown company)."""

    text: str


WHEEL_GESTURE_S = 0.6  # wheel steps closer together than this are one gesture


def wheel_if_focused(widget: QWidget, event: QWheelEvent) -> bool:
    """The wheel changes a field only once the officer has focused it (clicked or tabbed into it).

    Over a field without focus the wheel scrolls whatever scroll area holds the form, as over a
    label; and a scrolling gesture stays a scroll when it brings the focused field under the
    pointer. True means the field may take the event itself.
    """
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    now = time.monotonic()
    scrolling = (
        parent is not None and now - float(parent.property("wheel_scrolled_at") or 0) < WHEEL_GESTURE_S
    )
    if widget.hasFocus() and not scrolling:
        return True
    if parent is not None:
        parent.setProperty("wheel_scrolled_at", now)
        QApplication.sendEvent(parent.viewport(), event)
    else:
        event.ignore()
    return False


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
    """A date that may be empty (shown blank); the calendar pops up on click.

    An empty date's calendar opens at this month (not at the blank's 1900); Tab leaves the field
    instead of walking its year, month and day; the wheel changes it only once it has focus.
    """

    changed = Signal()

    def __init__(self, spec: FieldSpec | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(BLANK_DATE)
        self.setSpecialValueText(" ")
        self.setDate(BLANK_DATE)
        self.dateChanged.connect(self.changed)
        calendar = self.calendarWidget()
        calendar.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())  # only the page: the date stays empty
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt's name
        return QWidget.focusNextPrevChild(self, next)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if wheel_if_focused(self, event):
            super().wheelEvent(event)

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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Long names (countries, partners) must not widen the form: the popup still shows them whole.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setEditable(searchable)
        if searchable:
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            # Typed text is looked for in the code and both names ("KOSME", "kotra", "무역투자"),
            # and a pick puts the shown name in the box.
            completer = _NameCompleter(self)
            completer.setModel(self.model())
            completer.setCompletionRole(SEARCH_ROLE)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
        self.set_choices(choices)
        self.currentIndexChanged.connect(self.changed)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if wheel_if_focused(self, event):
            super().wheelEvent(event)

    def set_choices(self, choices: Sequence[Choice]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for c in choices:
            self.addItem(c.label(korean()), c.value)
            names = f"{c.value} · {c.label_en} · {c.label_ko}"
            self.setItemData(self.count() - 1, names, Qt.ItemDataRole.ToolTipRole)
            self.setItemData(self.count() - 1, f"{c.label(korean())} · {names}", SEARCH_ROLE)
        self.blockSignals(False)
        self.set_value(current)
        self._fit_popup([c.label(korean()) for c in choices])

    def _fit_popup(self, names: Sequence[str]) -> None:
        """Popups as wide as the longest name (within reason), however narrow the box is."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        width = min(widest + 48, 640)
        view = self.view()
        if view is not None:
            view.setMinimumWidth(width)
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.setMinimumWidth(width)

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


class _NameCompleter(QCompleter):
    """Matches on the search text of an item, puts its shown name in the box."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt's name
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def menu_text(text: str) -> str:
    """A name shown as itself in a menu or on a button: "Trade & Invest" keeps its ampersand."""
    return text.replace("&", "&&")


def enum_choices(spec: FieldSpec) -> list[Choice]:
    assert spec.enum is not None
    return [Choice(m.value, value_label(m.value)) for m in spec.enum]


class MultiChoiceEditor(QToolButton):
    """Several codes or records from a list (categories, partners, officers), ticked in a popup.

    The popup has a search line on top (typing filters by name or code; Enter ticks the first
    match) over a scrolling list that stays open while the officer ticks (click or Space);
    Esc or a click outside closes it. Names are shown as written ("Trade & Invest").
    """

    changed = Signal()
    VISIBLE_ROWS = 14

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)
        self.menu_ = QMenu(self)
        panel = QWidget(self.menu_)
        self.search = QLineEdit(panel)
        self.search.setObjectName("choice_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Type to filter…"))
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._tick_first)
        self.search.installEventFilter(self)
        self.list_ = QListWidget(panel)
        self.list_.setObjectName("choice_list")
        self.list_.setUniformItemSizes(True)
        self.list_.itemClicked.connect(self._clicked)
        self.list_.installEventFilter(self)
        box = QVBoxLayout(panel)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.search)
        box.addWidget(self.list_)
        holder = QWidgetAction(self.menu_)
        holder.setDefaultWidget(panel)
        self.menu_.addAction(holder)
        self.menu_.aboutToShow.connect(self._opening)
        self.setMenu(self.menu_)
        self._labels: dict[str, str] = {}
        self._choices: dict[str, Choice] = {}
        for c in choices:
            item = QListWidgetItem(c.label(korean()), self.list_)
            item.setData(Qt.ItemDataRole.UserRole, c.value)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # ticked by us, once
            item.setToolTip(f"{c.value} · {c.label_en} · {c.label_ko}")
            self._labels[c.value] = c.label(korean())
            self._choices[c.value] = c
        metrics = self.list_.fontMetrics()
        widest = max((metrics.horizontalAdvance(n) for n in self._labels.values()), default=0)
        rows = min(max(len(self._labels), 1), self.VISIBLE_ROWS)
        self.list_.setFixedSize(min(widest + 64, 640), rows * (metrics.height() + 6) + 8)
        self._extra: list[str] = []
        self._show()

    def items(self) -> list[QListWidgetItem]:
        return [item for i in range(self.list_.count()) if (item := self.list_.item(i)) is not None]

    def _opening(self) -> None:
        self.search.clear()
        self.search.setFocus()

    def filter(self, text: str) -> None:
        """Show only the names (or codes) that hold the typed text."""
        for item in self.items():
            choice = self._choices[item.data(Qt.ItemDataRole.UserRole)]
            offered = not item.data(Qt.ItemDataRole.UserRole + 2)  # not left out by limit_to
            item.setHidden(not (offered and choice.matches(text.strip())))
        first = next((i for i in self.items() if not i.isHidden()), None)
        if first is not None:
            self.list_.setCurrentItem(first)
        else:
            self.list_.setCurrentRow(-1)

    def toggle_item(self, item: QListWidgetItem) -> None:
        ticked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)
        self._show()
        self.changed.emit()

    def _clicked(self, item: QListWidgetItem) -> None:
        self.toggle_item(item)

    def _tick_first(self) -> None:
        item = self.list_.currentItem()
        if item is not None and not item.isHidden():
            self.toggle_item(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self.list_.setFocus()
                QApplication.sendEvent(self.list_, event)
                return True
            if watched is self.list_ and key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list_.currentItem()
                if item is not None:
                    self.toggle_item(item)
                return True
        return super().eventFilter(watched, event)

    def _show(self) -> None:
        names = [self._labels.get(v, v) for v in self.value()]
        text = ", ".join(names) if names else self.tr("(none)")
        self.setText(menu_text(text if len(text) <= 48 else text[:47] + "…"))
        self.setToolTip("\n".join(names))

    def value(self) -> list[str]:
        ticked = [
            i.data(Qt.ItemDataRole.UserRole) for i in self.items() if i.checkState() == Qt.CheckState.Checked
        ]
        return ticked + [v for v in self._extra if v not in ticked]

    def set_value(self, value: Any) -> None:
        wanted = list(value or [])
        for item in self.items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._extra = [v for v in wanted if v not in self._labels]  # kept, never dropped silently
        self._show()

    def limit_to(self, groups: Sequence[str] | None) -> None:
        """Offer only the choices of these groups (a case's country); ticked ones stay offered."""
        ticked = set(self.value())
        for item in self.items():
            choice = self._choices[item.data(Qt.ItemDataRole.UserRole)]
            left_out = groups is not None and choice.group not in groups and choice.value not in ticked
            item.setData(Qt.ItemDataRole.UserRole + 2, left_out)
            item.setHidden(left_out)

    def offered(self) -> list[str]:
        """The codes the list offers now (after limit_to and any typed filter)."""
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.items() if not i.isHidden()]


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
        self.textEdited.connect(self._edited)

    def _edited(self) -> None:
        """Suggestions follow each keystroke (a search of the index: a few milliseconds)."""
        self._id = None
        self._suggest()
        completer = self.completer()
        if self.text().strip() and self._names:
            completer.setCompletionPrefix(self.text())
            completer.complete()
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
            match = self._names.get(text) or self._named(text)
            if match is None:
                return Unknown(text)
            self._id = match
        return self._id

    def _named(self, text: str) -> str | None:
        """The one suggestion called what was typed: "포엔" or "poen co., ltd." for "포엔 (POEN Co., Ltd.)"."""
        wanted = text.casefold()
        named = [
            record_id
            for title, record_id in self._names.items()
            if wanted
            in {
                title.casefold(),
                title.split(" (", 1)[0].casefold(),
                title.partition(" (")[2].removesuffix(")").casefold(),
            }
        ]
        if len(named) == 1:
            return named[0]
        return None

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
