"""A table model over a list query: the database sorts, filters and pages; the model fetches pages lazily.

The view asks for rows as they scroll into sight; the model loads the page of
``PAGE_SIZE`` rows that holds them and keeps the most recent pages (Anki's
browse table does the same with ids). The total is counted once per query.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from missiondesk.domain.records import ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.errors import MissionDeskError
from missiondesk.services.records import RecordService
from missiondesk.ui.changes import ChangeSet
from missiondesk.ui.columns import CellFormatter, Column, columns_for

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id: survives sorting and proxies
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # the native value (dates as dates, numbers as numbers)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE_SIZE = 100
KEPT_PAGES = 30

_Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass
class _Page:
    rows: tuple[Record, ...]
    titles: dict[str, str]
    # Shown text by (offset, column): a repaint asks for every visible cell again, and formatting
    # it (codes to names, dates) was half of a list update's Python time. A page is replaced, never
    # edited, so the texts cannot go stale.
    texts: dict[tuple[int, int], str] = dataclasses.field(default_factory=dict)


# The roles data() answers; Qt's delegate asks for about ten per cell and most are answered None.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ID_ROLE,
        SORT_ROLE,
        RECORD_ROLE,
    }
)


# Counts a query's matches somewhere else (a worker thread) and calls back with the number.
Counter = Callable[[ListQuery, Callable[[int], None]], None]


class RecordTableModel(QAbstractTableModel):
    """Rows of one entity matching ``query``.

    ``reloaded`` fires once the first page of a new query or refresh is shown. With a
    ``counter``, counting every match (the slow part of a filtered list of 100,000) happens
    off the GUI thread: the list shows its first page at once and grows to the full row
    count when ``counted`` fires. Without one, the count is made with the first page.
    """

    reloaded = Signal()
    counted = Signal(int)

    def __init__(
        self,
        records: RecordService,
        formatter: CellFormatter,
        query: ListQuery,
        counter: Counter | None = None,
        *,
        empty: bool = False,
    ) -> None:
        super().__init__()
        self.records = records
        self.formatter = formatter
        self.counter = counter
        self.query = query
        self.columns: tuple[Column, ...] = columns_for(query.entity, trash=query.trash)
        self.total = 0
        self.counting = False
        self._generation = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        if empty:
            self.clear(query)
        else:
            self.load(query)

    # --- queries ---------------------------------------------------------------------

    def load(self, query: ListQuery) -> None:
        """Show the rows for a new query (a filter, search or sort change)."""
        query = dataclasses.replace(query, offset=0, limit=PAGE_SIZE)
        first = self.records.list(query, with_total=self.counter is None)
        self._generation += 1
        self.beginResetModel()
        self.query = query
        self.columns = columns_for(query.entity, trash=query.trash)
        self._pages.clear()
        self._pages[0] = self._page(first.rows)
        if first.total is not None:
            self.total, self.counting = first.total, False
        else:  # a short first page is the whole list; a full one is counted elsewhere
            self.total, self.counting = len(first.rows), len(first.rows) == PAGE_SIZE
        self.endResetModel()
        self.reloaded.emit()
        if self.counting and self.counter is not None:
            generation = self._generation
            self.counter(query, lambda n: self._counted(generation, n))
        else:
            self.counted.emit(self.total)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return  # the count of a query the person has already moved on from
        self.counting = False
        if total > self.total:
            self.beginInsertRows(QModelIndex(), self.total, total - 1)
            self.total = total
            self.endInsertRows()
        elif total < self.total:  # rows went away between the page and the count
            self.beginRemoveRows(QModelIndex(), total, self.total - 1)
            self.total = total
            self.endRemoveRows()
        self.counted.emit(total)

    def clear(self, query: ListQuery) -> None:
        """No rows, without asking the database (a detail pane with no record open)."""
        self._generation += 1
        self.beginResetModel()
        self.query = dataclasses.replace(query, offset=0, limit=PAGE_SIZE)
        self.columns = columns_for(query.entity, trash=query.trash)
        self._pages.clear()
        self._pages[0] = _Page((), {})
        self.total, self.counting = 0, False
        self.endResetModel()
        self.reloaded.emit()
        self.counted.emit(0)

    def refresh(self) -> None:
        """Read the same query again (after a create, a delete or a sync)."""
        self.load(self.query)

    def apply(self, changes: ChangeSet) -> None:
        """Follow a change: edits of rows already loaded are updated in place (the view keeps its scroll
        position and selection, nothing is counted again); anything else reads the query again.

        An edited row stays where it is until the next query, even if the edit moved it in the sort
        order or out of the filter (Anki's browser does the same): rows do not jump under the cursor."""
        if changes.everything:
            self.refresh()
            return
        touched = changes.touched(self.query.entity)
        if not touched:
            return
        rows = {record_id: self.row_of(record_id) for record_id in touched}
        if any(kind != "update" for kind in touched.values()) or None in rows.values():
            self.refresh()
            return
        for record_id, row in rows.items():
            assert row is not None
            change = changes.change_for(self.query.entity, record_id)
            record = change.record if change is not None else None
            if record is None:  # touched through a conflict's decision: read it again
                try:
                    record = self.records.get(self.query.entity, record_id)
                except MissionDeskError:
                    record = None
            if record is None or record.is_deleted != self.query.trash:
                self.refresh()
                return
            self._replace(row, record)

    def _replace(self, row: int, record: Record) -> None:
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages[number]
        rows = (*page.rows[:offset], record, *page.rows[offset + 1 :])
        titles = {**page.titles, **self.formatter.ref_titles(self.columns, (record,))}
        self._pages[number] = _Page(rows, titles)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _page(self, rows: tuple[Record, ...]) -> _Page:
        return _Page(rows, self.formatter.ref_titles(self.columns, rows))

    def _page_at(self, number: int) -> _Page:
        page = self._pages.get(number)
        if page is None:
            query = dataclasses.replace(self.query, offset=number * PAGE_SIZE, limit=PAGE_SIZE)
            page = self._page(self.records.list(query, with_total=False).rows)
            self._pages[number] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def record_at(self, row: int) -> Record | None:
        if not 0 <= row < self.total:
            return None
        page = self._page_at(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page.rows[offset] if offset < len(page.rows) else None

    def row_of(self, record_id: str) -> int | None:
        """The row of a record among the pages loaded so far (None when it is not in sight)."""
        for number, page in self._pages.items():
            for i, r in enumerate(page.rows):
                if r.id == record_id:
                    return number * PAGE_SIZE + i
        return None

    # --- Qt model --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < self.total:
            return None
        page = self._page_at(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        if offset >= len(page.rows):
            return None  # the list shrank since it was counted; a refresh is on its way
        record = page.rows[offset]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(page, offset, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and col.key in ("title", "notes", "service"):
            return self._text(page, offset, index.column()) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return record.id
        if role == SORT_ROLE:
            return self._value(record, col)
        if role == RECORD_ROLE:
            return record
        return None

    def _text(self, page: _Page, offset: int, column: int) -> str:
        key = (offset, column)
        text = page.texts.get(key)
        if text is None:
            col = self.columns[column]
            text = page.texts[key] = self.formatter.text(
                col, self._value(page.rows[offset], col), page.titles
            )
        return text

    @staticmethod
    def _value(record: Record, col: Column) -> Any:
        return getattr(record, col.key) if col.is_meta else record.get(col.key)

    # flags() is QAbstractTableModel's own (enabled, selectable, no children; none for an invalid
    # index): a Python override is called for every visible cell on every repaint.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        key = self.columns[column].key
        if key == self.query.sort and descending == self.query.descending:
            return
        self.load(dataclasses.replace(self.query, sort=key, descending=descending))

    def sort_column(self) -> int:
        sort = self.query.sort or entity(self.query.entity).default_sort
        for i, col in enumerate(self.columns):
            if col.key == sort:
                return i
        return -1
