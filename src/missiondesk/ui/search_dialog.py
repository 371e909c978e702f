"""Search everything: cases, briefs, companies and attached files (by name and by what they say) in one
list. An attachment's row names the record it belongs to and shows a line of its words around the term
found; opening it opens that record on its Attachments tab with the file selected (the dialog steps
aside, and comes back with its results at the next Ctrl+Shift+F).

The search runs on the task runner's worker thread (a search of a large database's file words is quick,
but the GUI thread never waits on the database); a newer query's results replace an older one's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.schema import entity
from missiondesk.services.search import SearchResult, search_all
from missiondesk.ui.labels import entity_label
from missiondesk.ui.ui_context import UiContext

TYPING_PAUSE_MS = 250  # searched once the typing pauses, not at every key
RESULT_ROLE = Qt.ItemDataRole.UserRole

Opener = Callable[[SearchResult], None]


class SearchDialog(QDialog):
    def __init__(self, ui: UiContext, opener: Opener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.opener = opener
        self.results: list[SearchResult] = []
        self._serial = 0
        self.setWindowTitle(self.tr("Search everything"))
        self.setObjectName("search_dialog")
        self.query = QLineEdit(self)
        self.query.setObjectName("search_query")
        self.query.setPlaceholderText(self.tr("Words in cases, briefs, companies and attached files"))
        self.query.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("search_results")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Found"), self.tr("In"), self.tr("Words found")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 300)
        self.summary = QLabel(self)
        self.summary.setObjectName("search_summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TYPING_PAUSE_MS)
        self.pause.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _text: self.pause.start())
        self.query.returnPressed.connect(self._enter)
        self.tree.itemActivated.connect(lambda item, _column: self._open(item))
        self.resize(900, 480)

    def search(self) -> None:
        self.pause.stop()
        self._serial += 1
        serial = self._serial
        text = self.query.text()
        self.ui.tasks.run(
            self.tr("Searching"),
            lambda _task: search_all(self.ui.app, text),
            lambda found: self._show(serial, found),
            self.ui.errors.show,
            show_progress=False,
        )

    def _show(self, serial: int, found: list[SearchResult]) -> None:
        if serial != self._serial:
            return  # a newer query is on its way
        self.results = found
        self.tree.clear()
        for index, result in enumerate(found):
            item = self._item(result)
            item.setData(0, RESULT_ROLE, index)
            self.tree.addTopLevelItem(item)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self.summary.setText(self.tr("Results: {0}").format(len(found)) if self.query.text().strip() else "")

    def _item(self, result: SearchResult) -> QTreeWidgetItem:
        kind = entity_label(entity(result.entity))
        where = result.parent_label if result.parent is not None else ""
        if result.parent is not None:
            where = f"{entity_label(entity(result.parent.entity))} · {where}"
        item = QTreeWidgetItem([f"{kind}: {result.label}", where, result.snippet])
        item.setToolTip(0, result.label)
        item.setToolTip(1, where)
        item.setToolTip(2, result.snippet)
        return item

    def _enter(self) -> None:
        current = self.tree.currentItem()
        if current is not None and not self.pause.isActive():
            self._open(current)
        else:
            self.search()

    def _open(self, item: QTreeWidgetItem) -> None:
        """The hit's record in the window; the dialog steps aside, keeping its results for Ctrl+Shift+F."""
        self.hide()
        self.opener(self.results[int(item.data(0, RESULT_ROLE))])
