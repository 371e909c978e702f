"""A record's History tab: who changed which field when, on which device, newest first.

Fields and values read as the form names them (labels, not codes) in the window's language. The
history is read when the tab is in sight, so choosing records in a list costs nothing extra.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from missiondesk.domain.history import DeviceName, HistoryEntry
from missiondesk.domain.schema import Kind, entity
from missiondesk.errors import MissionDeskError
from missiondesk.ui.columns import Column
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.labels import field_label
from missiondesk.ui.ui_context import UiContext
from missiondesk.ui.when_shown import WhenShown

_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("history", "Created"),
    "update": QT_TRANSLATE_NOOP("history", "Changed"),
    "delete": QT_TRANSLATE_NOOP("history", "Moved to the trash"),
    "restore": QT_TRANSLATE_NOOP("history", "Restored from the trash"),
    "revoke": QT_TRANSLATE_NOOP("history", "Left this mission's records"),
}


class HistoryView(QWidget):
    """One line per change (when, who, which device), with the fields it changed under it: before, after.

    A tree rather than a six-column table, so that a detail pane as narrow as the list leaves it still
    shows the values; every cell's whole text is in its tooltip.
    """

    def __init__(self, ui: UiContext, entity_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.spec = entity(entity_name)
        self.record_id: str | None = None
        self.when_shown = WhenShown(self, self.reload)
        self._rows: list[list[str]] = []
        self.tree = QTreeWidget(self)
        self.tree.setObjectName(f"{entity_name}_history")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.empty = QLabel(self.tr("No changes recorded on this device yet."), self)
        self.empty.setObjectName("history_empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.empty.hide()

    def set_record(self, record_id: str | None) -> None:
        self.record_id = record_id
        self.when_shown.request()

    def reload(self) -> None:
        entries: tuple[HistoryEntry, ...] = ()
        if self.record_id is not None:
            try:
                entries = self.ui.records.history(self.spec.name, self.record_id)
            except MissionDeskError as exc:
                self.ui.errors.show(exc)
        self.tree.clear()
        self._rows = []
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for e in entries:
            rows = self._entry_rows(e)
            self._rows += rows
            when, by, device, action = rows[0][0], rows[0][1], rows[0][2], rows[0][3]
            head = " · ".join([when, by, device] + ([action] if e.action != "update" else []))
            top = QTreeWidgetItem([head])
            top.setFont(0, bold)
            top.setToolTip(0, head)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for row in rows if e.action == "update" else rows[1:]:
                cells = row[3:]
                child = QTreeWidgetItem(cells)
                for c, text in enumerate(cells):
                    child.setToolTip(c, text)
                top.addChild(child)
        self.tree.expandAll()
        header = self.tree.header()
        self.tree.resizeColumnToContents(0)
        header.resizeSection(0, min(max(header.sectionSize(0), 80), 200))
        # Before and after share what is left alike: neither is cut for the other's sake.
        rest = self.tree.viewport().width() - header.sectionSize(0)
        header.resizeSection(1, max(rest // 2, 80))
        self.empty.setVisible(self.record_id is not None and not entries)

    def rows(self) -> list[list[str]]:
        """Row by row, newest first: when, by, device, field, before, after (for tests and for copying).
        A change's first row carries who made it; an action without fields names it in the field's place."""
        return [list(r) for r in self._rows]

    def _entry_rows(self, e: HistoryEntry) -> list[list[str]]:
        head = [e.at.astimezone().strftime("%Y-%m-%d %H:%M"), e.actor, self.device_text(e.device)]
        fields = [n for n in self.spec.field_names if n in e.changes]  # in the form's order
        fields += sorted(n for n in e.changes if n not in fields)
        if e.action == "create":
            fields = [n for n in fields if e.changes[n][1] not in (None, "", [])]
        action = (
            QCoreApplication.translate("history", _ACTIONS[e.action]) if e.action in _ACTIONS else e.action
        )
        if e.action != "update" or not fields:
            first = [*head, action, "", ""]
            rest = [["", "", "", self._label(n), "", self._value(n, e.changes[n][1])] for n in fields]
            return [first, *rest]
        out = []
        for i, name in enumerate(fields):
            before, after = e.changes[name]
            who = head if i == 0 else ["", "", ""]
            out.append([*who, self._label(name), self._value(name, before), self._value(name, after)])
        return out

    def device_text(self, device: DeviceName) -> str:
        if device.this_device:
            return self.tr("This device")
        if device.mission is not None and device.slot is not None:
            name = self.tr("{0} device {1}").format(device.mission, device.slot)
            return f"{name} ({device.label})" if device.label else name
        return device.device_id[:8]

    def _label(self, name: str) -> str:
        return field_label(self.spec, name) if self.spec.has_field(name) else name

    def _value(self, name: str, wire: Any) -> str:
        if not self.spec.has_field(name):
            return "" if wire is None else str(wire)
        f = self.spec.field(name)
        try:
            value = f.from_wire(wire)
        except (ValueError, TypeError):
            return str(wire)
        if value is None or value == [] or value == "":
            return "—"
        if f.kind is Kind.BOOL:
            return self.tr("Yes") if value else self.tr("No")
        col = Column(self.spec.name, name)
        titles: dict[str, str] = {}
        if f.kind in (Kind.REF, Kind.REFS):
            assert f.target is not None
            ids = value if isinstance(value, list) else [value]
            if f.target == "officer":
                titles = {c.value: c.label() for c in self.ui.lookups.officers()}
            else:
                titles = self.ui.lookups.titles(f.target, ids)
        if f.kind is Kind.LONGTEXT:
            return " ".join(str(value).split())  # one line in a cell; the tooltip shows it whole
        return self.ui.formatter.text(col, value, titles)
