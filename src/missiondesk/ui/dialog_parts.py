"""Pieces every dialog of the app has: its message line and its OK / Cancel buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """OK, named for what it does, and Cancel, which closes the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def message_line(parent: QWidget) -> QLabel:
    """Where a dialog says what is wrong or what it is doing (wrapped, empty until then)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    return label


def save_shortcut(dialog: QDialog, on_save: Callable[[], object]) -> QShortcut:
    """Ctrl+S (the platform's Save) in a dialog does what it does in the main window: saves."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog)
    shortcut.activated.connect(on_save)
    return shortcut
