"""Portable mode: the passphrase that opens the data beside the app (asked before the database opens)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from missiondesk.ui.dialog_parts import message_line, ok_cancel


class PassphraseDialog(QDialog):
    """One field to open the data; two (typed twice) when the passphrase is being chosen."""

    def __init__(self, parent: QWidget | None, *, new: bool, wrong: bool = False) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("MissionDesk passphrase"))
        intro = QLabel(
            self.tr(
                "The data of this portable MissionDesk is encrypted. Choose the passphrase that will "
                "open it (at least 10 characters); without it the data cannot be read, by anyone."
            )
            if new
            else self.tr("The data of this portable MissionDesk is encrypted. Type its passphrase.")
        )
        intro.setWordWrap(True)
        self.first = self._field()
        self.second = self._field()
        self.message = message_line(self)
        if wrong:  # the file was only read: say so, so that trying again feels safe
            self.message.setText(
                self.tr("That passphrase does not open this data; nothing was changed. Try again.")
            )
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.first)
        if new:
            form.addRow(self.tr("Again:"), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self, self.tr("Open") if not new else self.tr("Encrypt"), self.accept))

    def _field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    @property
    def passphrase(self) -> str:
        return self.first.text()

    def accept(self) -> None:
        if not self.first.text():
            self.message.setText(self.tr("Type the passphrase."))
            return
        if self.new and self.second.text() != self.first.text():
            self.message.setText(self.tr("The two passphrases differ."))
            return
        super().accept()
