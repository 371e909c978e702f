"""A record's Attachments tab: its files (name, size, type, who added them and when), added by a file
picker or by dropping files on it, opened in the system's viewer, saved elsewhere, moved to the trash.

Files are checked and stored on the task runner's worker thread (hashing and encrypting 25 MB takes a
moment); a refused file is said in the window's language and the others are attached. Every change is
announced on ``ui.changes``, and the list follows the changes among its own record's attachments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import Change, Record
from missiondesk.errors import MissionDeskError
from missiondesk.services.attachments import PARENT_FIELDS, AttachmentService
from missiondesk.ui import prompts
from missiondesk.ui.changes import ChangeSet
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.labels import error_text
from missiondesk.ui.ui_context import UiContext
from missiondesk.ui.when_shown import WhenShown

ID_ROLE = Qt.ItemDataRole.UserRole
WAITING_ROLE = Qt.ItemDataRole.UserRole + 1

# Kinds of file by media type, as the list names them.
_KINDS = {
    "application/pdf": "PDF",
    "image/png": QT_TRANSLATE_NOOP("attachment", "PNG image"),
    "image/jpeg": QT_TRANSLATE_NOOP("attachment", "JPEG image"),
    "image/gif": QT_TRANSLATE_NOOP("attachment", "GIF image"),
    "image/webp": QT_TRANSLATE_NOOP("attachment", "WebP image"),
    "image/tiff": QT_TRANSLATE_NOOP("attachment", "TIFF image"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/msword": "Word 97-2003",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.ms-excel": "Excel 97-2003",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.ms-powerpoint": "PowerPoint 97-2003",
    "application/x-hwp": QT_TRANSLATE_NOOP("attachment", "Hangul (HWP)"),
    "application/hwp+zip": QT_TRANSLATE_NOOP("attachment", "Hangul (HWPX)"),
    "text/plain": QT_TRANSLATE_NOOP("attachment", "Text"),
}


def kind_text(media_type: str) -> str:
    name = _KINDS.get(media_type)
    return QCoreApplication.translate("attachment", name) if name else media_type


def size_text(size: int) -> str:
    """A size as people read it, in the window's language (1,2 MB in German, 1.2 MB here)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


@dataclass
class AttachOutcome:
    changes: list[Change] = field(default_factory=list)
    refusals: list[MissionDeskError] = field(default_factory=list)


class AttachmentsView(QWidget):
    def __init__(self, ui: UiContext, entity_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.entity_name = entity_name
        self.parent_field = PARENT_FIELDS[entity_name]
        self.service = AttachmentService(ui.app, ui.records)
        self.record_id: str | None = None
        self._syncs = False  # enrolled with HQ: a file still to come can be fetched when opened
        self.when_shown = WhenShown(self, self.reload)
        self.setAcceptDrops(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName(f"{entity_name}_attachments")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Size"), self.tr("Type"), self.tr("Added by"), self.tr("Added on")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        # The name takes what the other columns leave (elided, whole in its tooltip): a pane as narrow as
        # the list leaves it still shows size, type, who and when.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the file's extension in sight
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.tree.itemSelectionChanged.connect(self._enable)
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.add_button.clicked.connect(self.pick_files)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button = QPushButton(self.tr("Move to trash"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(self.tr("Drop files here, or add them with the button."), self)
        self.hint.setObjectName("attachments_hint")
        self.message = QLabel(self)
        self.message.setObjectName("attachments_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.hint.setWordWrap(True)
        # The buttons in a column beside the list: a pane as narrow as the list leaves it still fits them.
        buttons = QVBoxLayout()
        for button in (self.add_button, self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        ui.changes.changed.connect(self._follow)
        self._enable()

    # --- which record ---------------------------------------------------------------------

    def set_record(self, record_id: str | None) -> None:
        if record_id != self.record_id:
            self.message.hide()
        self.record_id = record_id
        self._enable()
        self.when_shown.request(now=record_id is None)  # no record: cleared at once, nothing to read

    def reload(self) -> None:
        self.tree.clear()
        found: tuple[Record, ...] = ()
        waiting: frozenset[str] = frozenset()
        if self.record_id is not None:
            try:
                found = self.service.list(self.entity_name, self.record_id)
                waiting = self.service.still_to_come(found)
                if waiting:
                    from missiondesk.services.sync import SyncService  # its HTTP stack only when needed

                    self._syncs = SyncService(self.ui.app).status().enrolled
            except MissionDeskError as exc:
                self.ui.errors.show(exc)
        locale = QLocale()
        for record in found:
            when = record.created_at.strftime("%Y-%m-%d %H:%M") if record.created_at else ""
            size = int(record["size"])
            item = QTreeWidgetItem(
                [
                    str(record["file_name"]),
                    size_text(size),
                    kind_text(str(record["media_type"])),
                    record.created_by or "",
                    when,
                ]
            )
            item.setData(0, ID_ROLE, record.id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(1, locale.toString(size))
            item.setToolTip(0, str(record["file_name"]))
            if record.id in waiting:
                # Its record came (by sync, or in a bundle whose side-car is missing); the file follows.
                item.setText(1, self.tr("Still to come"))
                item.setToolTip(
                    1,
                    self.tr("The file ({size}) has not reached this computer yet.").format(
                        size=size_text(size)
                    ),
                )
                item.setData(1, WAITING_ROLE, True)
                dimmed = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
                for column in range(self.tree.columnCount()):
                    item.setForeground(column, dimmed)
            self.tree.addTopLevelItem(item)
        self._enable()

    def _follow(self, changes: ChangeSet) -> None:
        if self.record_id is None:
            return
        if changes.everything or any(
            c.entity == "attachment"
            and (c.record is None or c.record.get(self.parent_field) == self.record_id)
            for c in changes.changes
        ):
            self.set_record(self.record_id)

    def _enable(self) -> None:
        has_record = self.record_id is not None
        chosen = bool(self.tree.selectedItems())
        self.add_button.setEnabled(has_record)
        here = chosen and not any(item.data(1, WAITING_ROLE) for item in self.tree.selectedItems())
        self.remove_button.setEnabled(chosen)
        self.save_button.setEnabled(here)  # a file still to come cannot be saved yet
        # ... but Open fetches it from HQ first on a laptop that syncs (``_fetch_then_open``).
        self.open_button.setEnabled(here or (chosen and self._syncs))

    def select(self, attachment_id: str) -> None:
        """Select one file of the list (a search hit opened on this tab)."""
        if self.when_shown.pending:
            self.when_shown.run()
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, ID_ROLE) == attachment_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)

    def selected_ids(self) -> list[str]:
        return [str(item.data(0, ID_ROLE)) for item in self.tree.selectedItems()]

    # --- adding ---------------------------------------------------------------------------

    def pick_files(self) -> None:
        paths = prompts.open_files(self, self.tr("Attach files"), self.tr("All files (*)"))
        if paths:
            self.add_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.record_id is not None and _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_files(event.mimeData().urls())
        if self.record_id is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    def add_files(self, paths: Sequence[Path]) -> None:
        """Check and store the files off the GUI thread; each refused one is said, the others attached."""
        record_id = self.record_id
        if record_id is None:
            return
        entity_name, service = self.entity_name, self.service

        def work(_task: Any) -> AttachOutcome:
            outcome = AttachOutcome()
            for path in paths:
                try:
                    outcome.changes.append(service.attach(entity_name, record_id, path).change)
                except MissionDeskError as exc:
                    outcome.refusals.append(exc)
            return outcome

        self.message.hide()
        self.add_button.setEnabled(False)
        self.ui.tasks.run(self.tr("Attaching files"), work, self._attached, self._failed)

    def _attached(self, outcome: AttachOutcome) -> None:
        self._enable()
        if outcome.refusals:
            self.message.setText("\n".join(error_text(exc) for exc in outcome.refusals))
            self.message.show()
        self.ui.changes.announce(outcome.changes)

    def _failed(self, exc: BaseException) -> None:
        self._enable()
        self.ui.errors.show(exc)

    # --- one file -------------------------------------------------------------------------

    def open_selected(self) -> None:
        for attachment_id in self.selected_ids()[:1]:
            try:
                record = self.service.get(attachment_id)
                if not self.service.has_content(record):
                    self._fetch_then_open(attachment_id, str(record["sha256"]))
                    continue
                prompts.show_file(self.service.open_to_temp(attachment_id))
            except MissionDeskError as exc:
                self.ui.errors.show(exc)

    def _fetch_then_open(self, attachment_id: str, sha256: str) -> None:
        """A file this laptop does not hold yet: fetched from HQ on the task runner, then opened."""
        ctx = self.service.ctx

        def work(task: Any) -> str:
            from missiondesk.services.sync import SyncService  # its HTTP stack only when needed

            SyncService(ctx).fetch_content(sha256, task)
            return attachment_id

        self.ui.tasks.run(self.tr("Fetching the file from HQ"), work, self._open_fetched, self._failed)

    def _open_fetched(self, attachment_id: str) -> None:
        try:
            prompts.show_file(self.service.open_to_temp(attachment_id))
        except MissionDeskError as exc:
            self.ui.errors.show(exc)

    def save_selected(self) -> None:
        for attachment_id in self.selected_ids()[:1]:
            try:
                record = self.service.get(attachment_id)
                target = prompts.save_file(
                    self,
                    self.tr("Save the attachment as"),
                    Path(str(record["file_name"])),
                    self.tr("All files (*)"),
                )
                if target is not None:
                    self.service.save_as(attachment_id, target)
            except MissionDeskError as exc:
                self.ui.errors.show(exc)

    def remove_selected(self) -> None:
        changes: list[Change] = []
        for attachment_id in self.selected_ids():
            try:
                changes.append(self.service.remove(attachment_id))
            except MissionDeskError as exc:
                self.ui.errors.show(exc)
                break
        self.ui.changes.announce(changes)


def _local_files(urls: Sequence[Any]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()]
