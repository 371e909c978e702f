"""The filters above a list: a search box that finds as you type, and the filters the entity has.

The bar only builds a ``ListQuery``; the database does the filtering.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import entity
from missiondesk.services.lookups import Choice, Lookups
from missiondesk.ui.fields import ChoiceEditor, DateEditor, enum_choices
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.labels import field_label, value_label

SEARCH_DELAY_MS = 120
FILTERS_PER_ROW = 3  # coalesces a burst of keystrokes into one query

# Which filters each list offers, and which date field the date range applies to.
FILTERS: dict[str, tuple[str, ...]] = {
    "support_case": ("status", "categories", "country", "area", "officer_id", "pending_on"),
    "market_brief": ("topic", "country", "sector"),
    "council_meeting": ("status", "format"),
    "company": ("size", "sector"),
    "proposal": ("status", "programme", "fiscal_year"),
    "task": ("status", "officer_id"),
}
DATE_FIELDS = {
    "support_case": "received_date",
    "market_brief": "published_date",
    "council_meeting": "date",
    "task": "due_date",
    "proposal": "submitted_date",
}
_ANY = QT_TRANSLATE_NOOP("filter", "{0}: any")
RECENT_DAYS = 14
""""Recently assigned to me": the case's officer is this laptop's and was set within these many days
(``assigned_on``, which travels with the officer, so an assignment made on another laptop counts)."""


class FilterBar(QWidget):
    """``changed`` fires (once per burst of typing) with the query the list should show."""

    changed = Signal(object)

    def __init__(
        self, lookups: Lookups, entity_name: str, parent: QWidget | None = None, *, me: str | None = None
    ) -> None:
        """``me``: this laptop's officer id, for "recently assigned to me" (cases only)."""
        super().__init__(parent)
        self.lookups = lookups
        self.me = me
        self.spec = entity(entity_name)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F): 공장, permit, DE-FRA-26…"))
        self.search.setMinimumWidth(160)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        grid = QGridLayout()  # the filters sit in rows of three so the list keeps its width on a laptop
        grid.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(first)
        outer.addLayout(grid)
        self.filters: dict[str, ChoiceEditor] = {}
        for name in FILTERS.get(entity_name, ()):
            combo = ChoiceEditor(self._choices(name), self, searchable=False)
            combo.setItemText(
                0, QCoreApplication.translate("filter", _ANY).format(field_label(self.spec, name))
            )
            combo.setObjectName(f"filter_{name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            combo.setToolTip(field_label(self.spec, name))
            combo.changed.connect(self._emit)
            grid.addWidget(combo, len(self.filters) // FILTERS_PER_ROW, len(self.filters) % FILTERS_PER_ROW)
            self.filters[name] = combo
        if "country" in self.filters and "area" in self.filters:
            self.filters["country"].changed.connect(self._country_changed)
        self.date_field = DATE_FIELDS.get(entity_name)
        self.date_from = self.date_to = None
        if self.date_field:
            dates = QHBoxLayout()
            dates.addWidget(QLabel(field_label(self.spec, self.date_field), self))
            self.date_from = DateEditor(None, self)
            self.date_to = DateEditor(None, self)
            self.date_from.setToolTip(self.tr("From"))
            self.date_to.setToolTip(self.tr("To"))
            for edit in (self.date_from, self.date_to):
                edit.changed.connect(self._emit)
            dates.addWidget(self.date_from, 1)
            dates.addWidget(QLabel("–", self))
            dates.addWidget(self.date_to, 1)
            outer.addLayout(dates)
        self.recent: QCheckBox | None = None
        if me and self.spec.has_field("assigned_on"):
            self.recent = QCheckBox(self.tr("Recently assigned to me"), self)
            self.recent.setObjectName("filter_recently_assigned")
            self.recent.setToolTip(self.tr("Cases assigned to you in the last {0} days").format(RECENT_DAYS))
            self.recent.toggled.connect(self._emit)
            row = -(-len(self.filters) // FILTERS_PER_ROW)  # a row of its own below the filters' grid,
            grid.addWidget(self.recent, row, 0, 1, FILTERS_PER_ROW)  # so the bar keeps its width
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.clear)
        first.addWidget(self.clear_button)
        # Conditions no control can show (a dashboard figure's "not a duplicate", its missions) are said
        # here, so a list is never narrowed by something the officer cannot see; Clear drops them.
        self.hidden = QLabel(self)
        self.hidden.setObjectName("hidden_conditions")
        self.hidden.setWordWrap(True)
        self.hidden.hide()
        outer.addWidget(self.hidden)
        self._base = ListQuery(entity_name)
        self._default_base = self._base

    def _choices(self, name: str) -> list[Choice] | tuple[Choice, ...]:
        f = self.spec.field(name)
        if f.enum is not None:
            return enum_choices(f)
        if f.target == "officer":
            return self.lookups.officers()
        if name == "fiscal_year":
            return [Choice(str(y), str(y)) for y in range(2020, 2036)]
        assert f.target is not None
        return self.lookups.codes(f.target)

    def _country_changed(self) -> None:
        country = self.filters["country"].value()
        area = self.filters["area"]
        area.set_choices(self.lookups.codes("area", group=country) if country else ())
        area.setItemText(0, QCoreApplication.translate("filter", _ANY).format(field_label(self.spec, "area")))

    def set_base(self, query: ListQuery) -> None:
        """What the list shows before any filter (the trash, another mission…)."""
        self._base = query
        self._default_base = query

    def show_query(self, query: ListQuery) -> ListQuery:
        """Take a query made elsewhere (a dashboard figure): each condition goes into the control that
        shows it; the rest stays in force and is listed above the list. Returns the bar's query."""
        widgets = [*self.filters.values(), self.date_from, self.date_to, self.search, self.recent]
        for widget in widgets:
            if widget is not None:
                widget.blockSignals(True)
        hidden: dict[str, Any] = {}
        for combo in self.filters.values():
            combo.set_value(None)
        for name, value in query.equals.items():
            if name in self.filters and value is not None and not isinstance(value, list | tuple):
                self.filters[name].set_value(value)
            else:
                hidden[name] = value
        has_code = {}
        for name, code in query.has_code.items():
            if name in self.filters:
                self.filters[name].set_value(code)
            else:
                has_code[name] = code
        dates_shown = query.date_field == self.date_field and self.date_from is not None
        if dates_shown and self.date_from is not None and self.date_to is not None:
            self.date_from.set_value(query.date_from)
            self.date_to.set_value(query.date_to)
        self.search.setText(query.text)
        if self.recent is not None:
            self.recent.setChecked(False)  # signals blocked below with the others
        for widget in widgets:
            if widget is not None:
                widget.blockSignals(False)
        base = dataclasses.replace(
            self._default_base,
            equals={**self._default_base.equals, **hidden},
            has_code=has_code,
            owner_missions=query.owner_missions,
        )
        if not dates_shown:
            base = dataclasses.replace(
                base, date_field=query.date_field, date_from=query.date_from, date_to=query.date_to
            )
        self._base = base
        self._say_hidden(hidden, has_code, query)
        return self.query()

    def _say_hidden(self, hidden: dict[str, Any], has_code: dict[str, str], query: ListQuery) -> None:
        parts = []
        for name, value in {**hidden, **has_code}.items():
            label = field_label(self.spec, name) if self.spec.has_field(name) else name
            if value is None:
                parts.append(self.tr("{0}: empty").format(label))
            elif isinstance(value, list | tuple):
                parts.append(f"{label}: {', '.join(str(v) for v in value)}")
            else:
                parts.append(f"{label}: {value_label(value)}")
        if query.owner_missions:
            parts.append(self.tr("Missions: {0}").format(", ".join(query.owner_missions)))
        if query.date_field and query.date_field != self.date_field:
            label = field_label(self.spec, query.date_field)
            parts.append(f"{label}: {query.date_from or ''} – {query.date_to or ''}")
        self.hidden.setText(self.tr("Also limited to: {0} (Clear shows all)").format(" · ".join(parts)))
        self.hidden.setVisible(bool(parts))

    def query(self) -> ListQuery:
        equals: dict[str, Any] = dict(self._base.equals)
        has_code: dict[str, str] = dict(self._base.has_code)
        for name, combo in self.filters.items():
            value = combo.value()
            if value in (None, ""):
                continue
            f = self.spec.field(name)
            if f.is_list:
                has_code[name] = value
            elif name == "fiscal_year":
                equals[name] = int(value)
            else:
                equals[name] = value
        q = dataclasses.replace(self._base, equals=equals, has_code=has_code, text=self.search.text().strip())
        if self.recent is not None and self.recent.isChecked():
            since = dt.date.today() - dt.timedelta(days=RECENT_DAYS)
            q = dataclasses.replace(
                q,
                equals={**q.equals, "officer_id": self.me},
                on_or_after={**q.on_or_after, "assigned_on": since},
            )
        if self.date_field and self.date_from is not None and self.date_to is not None:
            start, end = self.date_from.value(), self.date_to.value()
            if start or end:
                q = dataclasses.replace(q, date_field=self.date_field, date_from=start, date_to=end)
        return q

    def set_filter(self, name: str, value: Any) -> None:
        self.filters[name].set_value(value)

    def clear(self) -> None:
        self._base = self._default_base
        self.hidden.hide()
        for widget in (*self.filters.values(), self.date_from, self.date_to):
            if widget is not None:
                widget.blockSignals(True)
                widget.set_value(None)
                widget.blockSignals(False)
        if self.recent is not None:
            self.recent.blockSignals(True)
            self.recent.setChecked(False)
            self.recent.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.query())
