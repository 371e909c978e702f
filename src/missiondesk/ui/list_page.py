"""One screen of the navigation: a filter bar, the list, and the selected record's detail beside it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import Change, ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.errors import MissionDeskError
from missiondesk.services.progress import Cancelled
from missiondesk.ui.changes import ChangeSet, Freshness
from missiondesk.ui.details import DetailPane, detail_for
from missiondesk.ui.filter_bar import FilterBar
from missiondesk.ui.labels import entity_label
from missiondesk.ui.record_model import ID_ROLE, RecordTableModel
from missiondesk.ui.record_table import RecordTable
from missiondesk.ui.ui_context import UiContext

# A filtered list's count starts once the changes have paused this long: the first page is painted
# before the count competes with it for the cores (and the GIL), and a burst of changes (typing
# after the search box's own delay, stepping through a filter's values) starts no count at all
# until it ends. The row count meanwhile says "100+ shown, counting…".
COUNT_DELAY_MS = 150


class ListPage(QWidget):
    """Follows ``ui.changes``: in sight, an edit updates its row in place; hidden, the page reads again
    when it is next shown."""

    def __init__(self, ui: UiContext, entity_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.spec = entity(entity_name)
        self.setObjectName(f"page_{entity_name}")
        self.filter_bar = FilterBar(ui.lookups, entity_name, self, me=ui.app.device.officer_id)
        self.filter_bar.changed.connect(self.apply_query)
        self._stop_counting: Callable[[], None] = lambda: None
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._start_count)
        self._count_due: tuple[ListQuery, Callable[[int], None]] | None = None
        spec = self.spec
        self.model = RecordTableModel(
            ui.records,
            ui.formatter,
            ListQuery(entity_name, sort=spec.default_sort, descending=True),
            counter=self._count,
        )
        self.table = RecordTable(self.model, self)
        self.table.setObjectName(f"{entity_name}_table")
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._model_reset)
        self.model.counted.connect(self._show_count)
        self.freshness = Freshness(
            self, ui.changes, lambda changes: changes.touches(entity_name), self._follow, self.refresh
        )
        self.count = QLabel(self)
        self.new_button = QPushButton(self.tr("New {0}").format(entity_label(spec).lower()), self)
        self.new_button.clicked.connect(self.new_record)
        # The detail pane is built when first needed: start-up shows the list only.
        self._detail: DetailPane | None = None
        self.detail_created: Callable[[QWidget], None] | None = None
        self.placeholder = QLabel(
            self.tr("Select a row to see it here, or press Ctrl+N to add a new one."), self
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.filter_bar, 1)
        top.addWidget(self.new_button)
        left = QWidget(self)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.table)
        box.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName(f"{entity_name}_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.placeholder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([800, 480])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self._show_count()

    @property
    def detail(self) -> DetailPane:
        if self._detail is None:
            sizes = self.splitter.sizes()
            detail = detail_for(self.ui, self.spec.name, self)
            self.splitter.replaceWidget(1, detail)
            self.placeholder.deleteLater()
            self.splitter.setSizes(sizes)
            self._detail = detail
            if self.detail_created is not None:
                self.detail_created(detail)
        return self._detail

    @property
    def has_detail(self) -> bool:
        return self._detail is not None

    @property
    def shown_record(self) -> Record | None:
        return self._detail.record if self._detail is not None else None

    def commit_pending(self) -> bool:
        """Save what the detail pane holds before leaving it; False when it cannot be saved yet."""
        return self._detail is None or self._detail.commit_pending()

    # --- the list ---------------------------------------------------------------------------

    def apply_query(self, query: ListQuery) -> None:
        """A filter or search change: keep the current sort, start from the top."""
        current = self.model.query
        query = dataclasses.replace(query, sort=current.sort, descending=current.descending)
        try:
            self.model.load(query)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)

    def refresh(self) -> None:
        self.model.refresh()
        self.lookups_changed()

    def _follow(self, changes: ChangeSet) -> None:
        if changes.everything:
            self.refresh()
        else:
            self.model.apply(changes)

    def lookups_changed(self) -> None:
        """Reference data or officers changed (a sync): nothing to do for most pages."""

    def _model_reset(self) -> None:
        # Lay the rows out now: the view's own layout is deferred to a zero timer, and the paint the reset
        # asked for would come first and be done again after it (two paints of the list for one change).
        self.table.doItemsLayout()
        self._show_count()
        shown = self.shown_record
        if shown is not None:
            row = self.model.row_of(shown.id)
            if row is not None:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)

    def _count(self, query: ListQuery, done: Callable[[int], None]) -> None:
        self._stop_counting()  # the person has moved on: the count under way would only be thrown away
        self._stop_counting = lambda: None
        self._count_due = (query, done)  # a count still waiting for its turn is replaced, never started
        self._count_timer.start()

    def _start_count(self) -> None:
        if self._count_due is None:
            return
        query, done = self._count_due
        self._count_due = None
        task = self.ui.tasks.run(
            self.tr("Counting"),
            lambda context: self.ui.records.count(query, context),
            done,
            self._count_failed,
            show_progress=False,
        )
        self._stop_counting = task.context.cancel_requested.set  # outlives the task's Qt object

    def _count_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            self.ui.errors.show(exc)

    def _show_count(self) -> None:
        if self.model.counting:
            self.count.setText(self.tr("{0}+ shown, counting…").format(f"{self.model.total:,}"))
        else:
            self.count.setText(self.tr("{0} shown").format(f"{self.model.total:,}"))

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        record_id = indexes[0].data(ID_ROLE)
        shown = self.shown_record
        if shown is not None and shown.id == record_id:
            return
        if not self.commit_pending():
            # What was typed cannot be saved yet: stay on it, its problems are shown at the fields.
            self.table.selectionModel().blockSignals(True)
            self.table.clearSelection()
            self.table.selectionModel().blockSignals(False)
            return
        self.open_record(record_id)

    def open_record(self, record_id: str) -> Record | None:
        try:
            record = self.ui.records.get(self.spec.name, record_id)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        self.detail.show_record(record)
        return record

    def select_row(self, row: int) -> Record | None:
        self.table.selectRow(row)
        return self.detail.record

    def row_index(self, row: int, column: int = 0) -> QModelIndex:
        return self.model.index(row, column)

    def new_record(self) -> None:
        if not self.commit_pending():
            return
        self.table.clearSelection()
        self.detail.start_new()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def delete_selected(self) -> Change | None:
        return self.detail.editor.delete()
