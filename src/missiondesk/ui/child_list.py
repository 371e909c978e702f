"""The records that belong to one parent (a case's referrals, a brief's deliveries, a meeting's attendance)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import Change, ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.services.attachments import PARENT_FIELDS
from missiondesk.ui.attachments_view import AttachmentsView
from missiondesk.ui.changes import ChangeSet
from missiondesk.ui.dialog_parts import save_shortcut
from missiondesk.ui.labels import entity_label
from missiondesk.ui.record_editor import RecordEditor
from missiondesk.ui.record_model import RECORD_ROLE, RecordTableModel
from missiondesk.ui.record_table import RecordTable
from missiondesk.ui.ui_context import UiContext


class ChildDialog(QDialog):
    """Add or edit one child record; its workflow steps (a referral's status) are here too."""

    def __init__(
        self,
        ui: UiContext,
        entity_name: str,
        parent_values: dict[str, Any],
        record: Record | None,
        parent: QWidget,
        draft: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(entity_label(entity(entity_name)))
        self.setMinimumWidth(480)  # an email address or a service's name is read whole, not scrolled
        self.editor = RecordEditor(ui, entity_name, self)
        self.editor.parent_values = parent_values
        self.editor.saved.connect(self._saved)
        self.editor.deleted.connect(self._deleted)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        # An activity's own files (the letter sent, the permit received); only once it exists.
        self.attachments: AttachmentsView | None = None
        if record is not None and entity_name in PARENT_FIELDS:
            self.attachments = AttachmentsView(ui, entity_name, self)
            self.attachments.set_record(record.id)
            layout.addWidget(QLabel(f"<b>{self.tr('Attachments')}</b>", self))
            layout.addWidget(self.attachments)
        layout.addWidget(close)
        save_shortcut(self, self.editor.save)
        self._new = record is None
        if record is None:
            self.editor.start_new({**self.editor.new_defaults(), **(draft or {})})
        else:
            self.editor.show_record(record)

    def _saved(self, _change: Change) -> None:
        if self._new:
            self.accept()

    def _deleted(self, _change: Change) -> None:
        self.accept()


class ChildList(QWidget):
    """The children of one parent; it follows ``ui.changes`` for the changes among them."""

    def __init__(self, ui: UiContext, entity_name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.spec = entity(entity_name)
        assert self.spec.parent is not None
        self.parent_id: str | None = None
        self.title = QLabel(f"<b>{title}</b>", self)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.clicked.connect(self.add)
        self.model = RecordTableModel(ui.records, ui.formatter, self._query(), empty=True)
        self.view = RecordTable(self.model, self)
        self.view.setObjectName(f"{entity_name}_children")
        self.view.setSortingEnabled(False)  # a timeline reads in date order
        self.view.doubleClicked.connect(self._open)
        self.model.reloaded.connect(self.view.fit_columns)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view)
        self.dialog: ChildDialog | None = None
        # What was already typed for a new child elsewhere (the quick-add line): "Add…" starts from it.
        self.draft: Callable[[], dict[str, Any]] | None = None
        self.set_parent(None)
        ui.changes.changed.connect(self._follow)

    def _query(self) -> ListQuery:
        assert self.spec.parent is not None
        return ListQuery(self.spec.name, equals={self.spec.parent.field: self.parent_id or ""}, limit=100)

    def set_parent(self, parent_id: str | None) -> None:
        self.parent_id = parent_id
        if parent_id is None:
            self.model.clear(self._query())
        else:
            self.model.load(self._query())
        self.add_button.setEnabled(parent_id is not None)

    def rows(self) -> list[Record]:
        return [r for r in (self.model.record_at(i) for i in range(self.model.rowCount())) if r is not None]

    def add(self) -> ChildDialog | None:
        if self.parent_id is None:
            return None
        return self._dialog(None)

    def _open(self, index: QModelIndex) -> None:
        record = self.model.data(index, RECORD_ROLE)
        if record is not None:
            self._dialog(record)

    def edit(self, record: Record) -> ChildDialog:
        return self._dialog(record)

    def _dialog(self, record: Record | None) -> ChildDialog:
        assert self.spec.parent is not None and self.parent_id is not None
        draft = self.draft() if record is None and self.draft is not None else None
        dialog = ChildDialog(
            self.ui, self.spec.name, {self.spec.parent.field: self.parent_id}, record, self, draft
        )
        dialog.open()
        self.dialog = dialog
        return dialog

    def _follow(self, changes: ChangeSet) -> None:
        if self.parent_id is None or not changes.touches(self.spec.name):
            return
        if changes.everything or any(self._mine(changes, i) for i in changes.touched(self.spec.name)):
            self.model.apply(changes)

    def _mine(self, changes: ChangeSet, record_id: str) -> bool:
        """A change to one of these children, or one that makes a record a child of this parent."""
        assert self.spec.parent is not None
        change = changes.change_for(self.spec.name, record_id)
        record = change.record if change is not None else None
        parent_id = record.get(self.spec.parent.field) if record is not None else None
        return parent_id == self.parent_id or self.model.row_of(record_id) is not None
