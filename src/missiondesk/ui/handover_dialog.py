"""File > Hand over cases: an officer who leaves passes their open cases, tasks and proposals on.

A thin page over ``services.handover``: choose who leaves and who takes over, see what will move
(the service's preview, read on the task runner again at each choice: a large portfolio's read
does not freeze the window, and can be cancelled), write one note per case (a "same note for all" helper fills the empty
ones, but a note there must be), confirm. The handover runs on the task runner and its changes are
announced on the window's one change signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.schema import entity
from missiondesk.errors import MissionDeskError
from missiondesk.services.handover import HandoverPlan, HandoverResult, HandoverService
from missiondesk.services.handover_document import build_handover_document, write_document
from missiondesk.services.lookups import Choice
from missiondesk.services.progress import Cancelled
from missiondesk.ui import labels, prompts
from missiondesk.ui.dialog_parts import message_line, ok_cancel
from missiondesk.ui.fields import ChoiceEditor
from missiondesk.ui.labels import entity_label, error_text, value_label
from missiondesk.ui.tasks import Task
from missiondesk.ui.ui_context import UiContext

# The handover document: Hangul (HWPX) first, the format the ministry opens every day.
DOCUMENT_FILTER = "Hangul (*.hwpx);;Word (*.docx);;PDF (*.pdf)"

KIND, REFERENCE, TITLE, STATUS, NOTE = range(5)


class HandoverDialog(QDialog):
    """``handed_over`` carries the ``HandoverResult`` once the records have moved."""

    handed_over = Signal(object)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = HandoverService(ui.app, ui.records)
        self.plan: HandoverPlan | None = None
        self.previewing = 0  # the latest preview asked for; an older one's answer is dropped
        self.preview_task: Task | None = None
        self.setWindowTitle(self.tr("Hand over cases"))
        intro = QLabel(
            self.tr(
                "The open cases, tasks and proposals of the officer who leaves go to the successor. "
                "Each case needs a handover note: it is added to the case's timeline."
            ),
            self,
        )
        intro.setWordWrap(True)
        officers = [Choice(r.id, r.title) for r in self.service.officers()]
        self.source = ChoiceEditor(officers, self)
        self.source.setObjectName("handover_from")
        self.target = ChoiceEditor(officers, self)
        self.target.setObjectName("handover_to")
        for combo in (self.source, self.target):
            combo.changed.connect(self.show_preview)
        who = QFormLayout()
        who.addRow(self.tr("From:"), self.source)
        who.addRow(self.tr("To:"), self.target)
        self.summary = QLabel(self)
        self.summary.setObjectName("handover_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("handover_items")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Reference"),
                self.tr("Title"),
                self.tr("Status"),
                self.tr("Handover note"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.common_note = QLineEdit(self)
        self.common_note.setObjectName("handover_common_note")
        self.common_note.setPlaceholderText(self.tr("A note for every case that has none yet"))
        self.use_for_all = QPushButton(self.tr("Use for the empty notes"), self)
        self.use_for_all.setObjectName("handover_use_for_all")
        self.use_for_all.setEnabled(False)
        self.common_note.textChanged.connect(lambda text: self.use_for_all.setEnabled(bool(text.strip())))
        self.use_for_all.clicked.connect(self.fill_empty_notes)
        same = QHBoxLayout()
        same.addWidget(self.common_note, 1)
        same.addWidget(self.use_for_all)
        self.message = message_line(self)
        self.buttons = ok_cancel(self, self.tr("Hand over"), self.start)
        # Written before the move: afterwards the officer who leaves has no open case left to describe.
        self.save_document = QPushButton(self.tr("Save handover document…"), self)
        self.save_document.setObjectName("handover_save_document")
        self.save_document.setToolTip(
            self.tr(
                "Each open case of the officer who leaves: company, status, last activities, next steps, tasks"
            )
        )
        self.save_document.clicked.connect(lambda: self.write_document())
        self.buttons.addButton(self.save_document, self.buttons.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(who)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(same)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
        self.show_preview()

    # --- the preview ---------------------------------------------------------------------

    def show_preview(self) -> None:
        """What will move from the chosen officer to the chosen successor (read again on each choice,
        off the GUI thread; a read still running for an earlier choice is cancelled)."""
        self._drop_preview()
        self.plan = None
        self.table.setRowCount(0)
        self.message.clear()
        source, target = self.source.value(), self.target.value()
        if not source or not target:
            self.summary.setText(self.tr("Choose the officer who leaves and the successor."))
            self._set_ready()
            return
        if source == target:
            self.summary.setText(self.tr("Choose a successor other than the officer who leaves."))
            self._set_ready()
            return
        self.summary.setText(self.tr("Reading what will move…"))
        self._set_ready()
        service, run = self.service, self.previewing
        self.preview_task = self.ui.tasks.run(
            self.tr("Reading what will move"),
            lambda task: service.preview(str(source), str(target), task=task),
            lambda plan: self._previewed(run, plan),
            lambda exc: self._preview_failed(run, exc),
        )

    def _drop_preview(self) -> None:
        self.previewing += 1
        if self.preview_task is not None:
            self.preview_task.cancel()
            self.preview_task = None

    def _preview_failed(self, run: int, exc: BaseException) -> None:
        if run != self.previewing:
            return  # a later choice (or closing the dialog) replaced it
        self.preview_task = None
        if isinstance(exc, Cancelled):
            self.summary.setText(
                self.tr("Not read: cancelled. Choose the officers again to see what will move.")
            )
            return
        self.summary.clear()
        self._failed(exc)

    def _previewed(self, run: int, plan: HandoverPlan) -> None:
        if run != self.previewing:
            return
        self.preview_task = None
        self.plan = plan
        counts = self.plan.counts()
        self.summary.setText(
            self.tr("{0} case(s), {1} task(s) and {2} proposal(s) will move from {3} to {4}.").format(
                counts["support_case"],
                counts["task"],
                counts["proposal"],
                self.plan.from_officer.title,
                self.plan.to_officer.title,
            )
        )
        self.table.setRowCount(len(self.plan.items))
        for row, item in enumerate(self.plan.items):
            cells = (entity_label(entity(item.entity)), item.reference, item.title, value_label(item.status))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, cell)
            note = QTableWidgetItem("")
            if item.entity != "support_case":  # tasks and proposals move without a note
                note.setFlags(note.flags() & ~Qt.ItemFlag.ItemIsEditable & ~Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, NOTE, note)
        self.table.resizeColumnToContents(KIND)
        self.table.resizeColumnToContents(REFERENCE)
        self.table.resizeColumnToContents(STATUS)
        self._set_ready()

    def done(self, result: int) -> None:
        self._drop_preview()  # its answer would reach a closed dialog
        super().done(result)

    def _set_ready(self) -> None:
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(self.plan is not None and bool(self.plan.items))
        self.save_document.setEnabled(self.plan is not None)

    def _case_rows(self) -> list[int]:
        assert self.plan is not None
        return [row for row, item in enumerate(self.plan.items) if item.entity == "support_case"]

    def note_cell(self, row: int) -> QTableWidgetItem:
        cell = self.table.item(row, NOTE)
        assert cell is not None  # every row has its note cell (show_preview)
        return cell

    def fill_empty_notes(self) -> None:
        """The same note for every case still without one; notes already written stay."""
        text = self.common_note.text().strip()
        if not text or self.plan is None:
            return
        for row in self._case_rows():
            cell = self.note_cell(row)
            if not cell.text().strip():
                cell.setText(text)

    def notes(self) -> dict[str, str]:
        """Case id -> the note typed for it (blank ones left out)."""
        assert self.plan is not None
        out = {}
        for row in self._case_rows():
            note = self.note_cell(row).text().strip()
            if note:
                out[self.plan.items[row].record_id] = note
        return out

    # --- the handover document ------------------------------------------------------------

    def write_document(self, path: Path | None = None) -> None:
        """The leaving officer's handover document, where the officer says (.hwpx, .docx or .pdf)."""
        if self.plan is None:
            return
        officer = self.plan.from_officer.title
        if path is None:
            folder = Path.home() if Path.home().exists() else self.ui.app.paths.root
            suggested = folder / self.tr("Handover {0}.hwpx").format(officer)
            path = prompts.save_file(self, self.tr("Save handover document"), suggested, DOCUMENT_FILTER)
            if path is None:
                return
        if path.suffix.lower() not in (".hwpx", ".docx", ".pdf"):
            path = path.with_name(path.name + ".hwpx")
        ctx, language, target = self.ui.app, "ko" if labels.korean() else "en", path
        self.save_document.setEnabled(False)
        self.message.setText(self.tr("Writing the handover document…"))
        self.document_task = self.ui.tasks.run(
            self.tr("Writing the handover document"),
            lambda task: write_document(build_handover_document(ctx, officer, language=language), target),
            self._document_written,
            self._document_failed,
        )

    def _document_written(self, written: Path) -> None:
        self.save_document.setEnabled(True)
        self.message.setText(self.tr("Handover document saved: {0}").format(written))
        prompts.show_file(written)

    def _document_failed(self, exc: BaseException) -> None:
        self.save_document.setEnabled(True)
        if isinstance(exc, OSError):  # a folder that cannot be written: say so, nothing was kept
            self.message.setText(self.tr("The document could not be saved: {0}").format(exc.strerror or exc))
            return
        self._failed(exc)

    # --- the handover --------------------------------------------------------------------

    def start(self) -> None:
        plan = self.plan
        if plan is None or not plan.items:
            return
        notes = self.notes()
        missing = [row for row in self._case_rows() if plan.items[row].record_id not in notes]
        if missing:
            self.message.setText(
                self.tr("Write a handover note for every case: {0} still without one.").format(len(missing))
            )
            self.table.setCurrentCell(missing[0], NOTE)
            self.table.editItem(self.note_cell(missing[0]))
            return
        service = self.service
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Handing over…"))
        self.task = self.ui.tasks.run(
            self.tr("Handing over"),
            lambda task: service.run(plan, notes, task=task),
            self._done,
            self._failed,
        )

    def _done(self, result: HandoverResult) -> None:
        self.buttons.setEnabled(True)
        self.ui.changes.announce(result.changes)
        self.handed_over.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, MissionDeskError):
            self.ui.errors.show(exc)
            return
        self.message.setText(error_text(exc))
