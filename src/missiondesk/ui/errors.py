"""Environment errors are messages, bugs are crash reports (qutebrowser's split).

A ``MissionDeskError`` (disk full, locked database, a refused edit) is a
sentence for the user. Anything else is a bug: its report is saved to the log
folder and shown in a non-modal dialog whose details can be copied.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk import crash
from missiondesk.errors import MissionDeskError


class CrashDialog(QDialog):
    def __init__(self, report: str, saved_to: Path | str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("MissionDesk ran into a problem"))
        self.setModal(False)
        self.resize(640, 420)
        intro = QLabel(
            self.tr(
                "Something went wrong that should not have. Your saved work is safe. "
                "Please send the details below to support.\nThe report was saved to: {0}"
            ).format(saved_to),
            self,
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(report, self)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class ErrorPresenter:
    """Shows an error over ``parent``; keeps the dialogs so tests (and the user) can look at them."""

    def __init__(self, parent: QWidget | None, crash_folder: Path) -> None:
        self.parent = parent
        self.crash_folder = crash_folder
        self.last_message: QMessageBox | None = None
        self.last_crash: CrashDialog | None = None

    def show(self, exc: BaseException) -> None:
        if isinstance(exc, MissionDeskError):
            from missiondesk.ui.labels import error_text  # the catalogue of words: when one is shown

            self.message(error_text(exc))
        else:
            self.crash(exc)

    def message(self, text: str, title: str = "") -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, title or "MissionDesk", text, parent=self.parent)
        box.setModal(False)
        box.open()
        self.last_message = box
        return box

    def crash(self, exc: BaseException) -> CrashDialog:
        saved_to = crash.write_report(self.crash_folder, exc)
        dialog = CrashDialog(crash.format_report(exc), saved_to, self.parent)
        dialog.show()
        self.last_crash = dialog
        return dialog

    def install_hook(self) -> None:
        """Route uncaught exceptions (from slots and event handlers) here instead of killing the app."""

        def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
            if issubclass(kind, KeyboardInterrupt):
                sys.__excepthook__(kind, exc, tb)
                return
            if sys.stderr is not None:  # for whoever started us; no record text
                sys.stderr.write(crash.withheld(exc.with_traceback(tb)))
            self.show(exc.with_traceback(tb))

        sys.excepthook = hook
