"""The list view every screen uses: whole rows, read-only, sorted by the database, sensible widths."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from missiondesk.ui.record_model import RecordTableModel

MAX_COLUMN_WIDTH = 280


class RecordTable(QTableView):
    """The list: rows selected whole, sorted by clicking a header (the database sorts)."""

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsMovable(True)
        self.fit_columns()
        # A list that opens empty (HQ's before its first import) has widths from its headers alone:
        # they are fitted again once rows arrive, so the titles are not squashed to 60 pixels.
        model.reloaded.connect(self._fit_if_fitted_empty)
        # The indicator shows the query's sort before sorting is enabled: enabling sorts by the
        # indicated column at once, and that must be the order the model already holds.
        order = Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(model.sort_column(), order)
        self.setSortingEnabled(True)

    def fit_columns(self) -> None:
        """Widths from the first page's contents, capped so one long title cannot push the rest away."""
        model = self.model()
        self.fitted_empty = model is None or model.rowCount() == 0
        self.horizontalHeader().setResizeContentsPrecision(30)  # the first rows tell enough
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for i in range(header.count()):
            header.resizeSection(i, min(max(header.sectionSize(i), 60), MAX_COLUMN_WIDTH))

    def _fit_if_fitted_empty(self) -> None:
        model = self.model()
        if self.fitted_empty and model is not None and model.rowCount():
            self.fit_columns()
