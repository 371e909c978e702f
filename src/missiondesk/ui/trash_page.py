"""The trash: deleted records of every kind, each restorable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import Change, ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.errors import MissionDeskError
from missiondesk.ui.changes import ChangeSet, Freshness
from missiondesk.ui.labels import entity_label
from missiondesk.ui.record_model import RECORD_ROLE, RecordTableModel
from missiondesk.ui.record_table import RecordTable
from missiondesk.ui.ui_context import UiContext

TRASHED = (
    "support_case",
    "market_brief",
    "council_meeting",
    "company",
    "proposal",
    "task",
    "case_activity",
    "partner_referral",
    "brief_delivery",
    "attachment",
)


def fills_or_empties_the_trash(changes: ChangeSet) -> bool:
    return changes.everything or any(c.kind in ("delete", "restore") for c in changes.changes)


class TrashPage(QWidget):
    """Follows ``ui.changes``: a delete or a restore anywhere shows here (when next shown, if hidden)."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("page_trash")
        self.kind = QComboBox(self)
        self.kind.setObjectName("trash_kind")
        for name in TRASHED:
            self.kind.addItem(entity_label(entity(name)), name)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.model = RecordTableModel(ui.records, ui.formatter, self._query())
        self.table = RecordTable(self.model, self)
        self.table.setObjectName("trash_table")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.count = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Deleted:"), self))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.model.modelReset.connect(self._show_count)
        self._show_count()
        self.freshness = Freshness(
            self, ui.changes, fills_or_empties_the_trash, lambda _changes: self.refresh(), self.refresh
        )

    def _query(self) -> ListQuery:
        return ListQuery(
            self.kind.currentData() or TRASHED[0], trash=True, sort="deleted_at", descending=True
        )

    def refresh(self) -> None:
        self.model.load(self._query())

    def _show_count(self) -> None:
        self.count.setText(self.tr("{0} in the trash").format(f"{self.model.total:,}"))

    def show_kind(self, entity_name: str) -> None:
        self.kind.setCurrentIndex(TRASHED.index(entity_name))

    def selected(self) -> list[Record]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.index(r, 0).data(RECORD_ROLE) for r in rows]

    def restore_selected(self) -> list[Change]:
        changes = []
        for record in self.selected():
            try:
                changes.append(self.ui.records.restore(record.entity, record.id))
            except MissionDeskError as exc:
                self.ui.errors.show(exc)
                break
        self.ui.changes.announce(changes)  # the trash itself reads again on hearing it
        return changes
