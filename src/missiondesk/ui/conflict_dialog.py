"""Conflict review: each conflicting field side by side, long text in full, and the decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.enums import ConflictKind, Resolution
from missiondesk.domain.records import Change
from missiondesk.domain.schema import entity
from missiondesk.errors import MissionDeskError
from missiondesk.services.conflicts import ConflictView
from missiondesk.ui.changes import ChangeSet
from missiondesk.ui.labels import entity_label, error_text, field_label, value_label
from missiondesk.ui.ui_context import UiContext

ID_ROLE = Qt.ItemDataRole.UserRole


def show_value(value: Any) -> str:
    """A wire value as a person reads it."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {show_value(v)}" for k, v in value.items())
    return str(value)


def names(view: ConflictView) -> tuple[str, str]:
    """The kind of record and the field in conflict (or "delete against edit") in the window's language."""
    spec = entity(str(view.conflict["entity_name"]))
    if view.field is None or not spec.has_field(view.field):
        return entity_label(spec), value_label(ConflictKind.DELETE_EDIT.value)
    return entity_label(spec), field_label(spec, view.field)


class ConflictDialog(QDialog):
    """Opened from the main window by a mission officer or an HQ analyst. A decision goes out on
    ``ui.changes``: the open list and detail pane show it, the counts follow, a sync is scheduled."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = ui.conflicts
        self.setWindowTitle(self.tr("Review conflicts"))
        self.resize(1000, 620)

        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._show_current)

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.base = self._viewer()
        self.theirs = self._viewer()
        self.ours = self._viewer()
        self.merged = QPlainTextEdit(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(highlight);")

        self.keep_button = QPushButton(self.tr("Keep HQ value"), self)
        self.take_button = QPushButton(self.tr("Take conflicting value"), self)
        self.merge_button = QPushButton(self.tr("Save merged value"), self)
        self.keep_button.clicked.connect(lambda: self._resolve(Resolution.THEIRS))
        self.take_button.clicked.connect(lambda: self._resolve(Resolution.OURS))
        self.merge_button.clicked.connect(lambda: self._resolve(Resolution.MERGED))

        grid = QGridLayout()
        for column, title in enumerate(
            (self.tr("Before both edits"), self.tr("At HQ now"), self.tr("Conflicting"))
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, column)
        grid.addWidget(self.base, 1, 0)
        grid.addWidget(self.theirs, 1, 1)
        grid.addWidget(self.ours, 1, 2)
        self.merged_label = QLabel(self.tr("Merged value (edit, then save):"), self)
        buttons = QHBoxLayout()
        for b in (self.keep_button, self.take_button, self.merge_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        detail = QWidget(self)
        right = QVBoxLayout(detail)
        right.addWidget(self.heading)
        right.addLayout(grid, 3)
        right.addWidget(self.merged_label)
        right.addWidget(self.merged, 1)
        right.addLayout(buttons)
        right.addWidget(self.message)

        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(close)
        self.reload()
        ui.changes.changed.connect(self._heard)

    def _heard(self, changes: ChangeSet) -> None:
        """A sync or an import while the dialog is open may bring conflicts or settle them."""
        if changes.everything:
            self.reload()

    def _viewer(self) -> QPlainTextEdit:
        viewer = QPlainTextEdit(self)
        viewer.setReadOnly(True)  # long text is shown in full and can be copied
        return viewer

    def reload(self) -> None:
        current = self.list.currentItem()
        keep = current.data(ID_ROLE) if current is not None else None
        self.list.clear()
        for view in self.service.open_conflicts():
            kind, what = names(view)
            item = QListWidgetItem(f"{view.record_title}\n{kind} · {what} · {view.conflict['made_by']}")
            item.setData(ID_ROLE, view.id)
            self.list.addItem(item)
            if view.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._show_current()

    def current_view(self) -> ConflictView | None:
        item = self.list.currentItem()
        return None if item is None else self.service.get(str(item.data(ID_ROLE)))

    def _show_current(self, *_: object) -> None:
        view = self.current_view()
        has = view is not None
        for w in (self.keep_button, self.take_button, self.merge_button, self.merged):
            w.setEnabled(has)
        if view is None:
            self.heading.setText(self.tr("No open conflicts."))
            for w in (self.base, self.theirs, self.ours, self.merged):
                w.setPlainText("")
            return
        kind, what = names(view)
        self.heading.setText(
            self.tr("{0}: {1} — {2}, changed by {3}").format(
                kind, view.record_title, what, view.conflict["made_by"]
            )
        )
        deleting = view.kind is ConflictKind.DELETE_EDIT
        self.base.setPlainText(show_value(view.base))
        self.theirs.setPlainText(
            self.tr("(deleted)") if view.theirs == "deleted" else show_value(view.theirs)
        )
        self.ours.setPlainText(self.tr("(deleted)") if view.ours == "deleted" else show_value(view.ours))
        self.keep_button.setText(self.tr("Keep it deleted") if deleting else self.tr("Keep HQ value"))
        self.take_button.setText(
            self.tr("Restore it with the edit") if deleting else self.tr("Take conflicting value")
        )
        self.merge_button.setVisible(not deleting)
        self.merged.setVisible(not deleting)
        self.merged_label.setVisible(not deleting)
        self.merged.setPlainText("" if deleting else show_value(view.theirs).replace("—", ""))
        self.message.setText("")

    def _resolve(self, choice: Resolution) -> None:
        view = self.current_view()
        if view is None:
            return
        merged: Any = self.merged.toPlainText() if choice is Resolution.MERGED else None
        if isinstance(view.theirs, list) and merged is not None:
            merged = [part.strip() for part in merged.split(",") if part.strip()]
        try:
            changes: list[Change] = self.service.resolve(view.id, choice, merged)
        except MissionDeskError as exc:
            self.message.setText(error_text(exc))
            return
        self.reload()
        self.ui.changes.announce(changes)
        self.message.setText(self.tr("Resolved. The decision is sent with the next sync."))
