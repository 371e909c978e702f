"""File > Export bundle: the unsent changes as a signed Excel workbook, optionally with an email draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk.bundles.password import MIN_PASSWORD_LENGTH
from missiondesk.errors import MissionDeskError
from missiondesk.services import bundle_export
from missiondesk.services.context import AppContext, read_config, write_config
from missiondesk.ui import prompts
from missiondesk.ui.dialog_parts import message_line, ok_cancel
from missiondesk.ui.labels import error_text, korean
from missiondesk.ui.ui_context import UiContext


def remember_hq_address(ctx: AppContext, address: str) -> None:
    config = read_config(ctx.paths)
    if config.get("hq_email") != address:
        write_config(ctx.paths, {**config, "hq_email": address})


class ExportDialog(QDialog):
    """``exported`` carries the ``ExportResult`` once the workbook (and the email draft) are written."""

    exported = Signal(object)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWindowTitle(self.tr("Export bundle"))
        unsent = ui.lookups.unsent_changes()
        intro = QLabel(
            self.tr(
                "The bundle holds your changes that HQ has not acknowledged yet ({0} now). "
                "They stay here until HQ's acknowledgement arrives, by sync or by file."
            ).format(unsent),
            self,
        )
        intro.setWordWrap(True)
        self.intro = intro
        self.since_ack = QRadioButton(self.tr("Changes not yet acknowledged by HQ"), self)
        self.all_ops = QRadioButton(self.tr("Every change still kept on this computer"), self)
        self.since_ack.setChecked(True)
        self.sensitive = QCheckBox(
            self.tr("Include sensitive fields (contact emails and phone numbers)"), self
        )
        self.protect = QCheckBox(self.tr("Protect the file with a password"), self)
        self.password = QLineEdit(self)
        self.password.setObjectName("bundle_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("Password (at least {0} characters)").format(MIN_PASSWORD_LENGTH)
        )
        self.password_again = QLineEdit(self)
        self.password_again.setObjectName("bundle_password_again")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again.setPlaceholderText(self.tr("The same password again"))
        for field in (self.password, self.password_again):
            field.setEnabled(False)
            self.protect.toggled.connect(field.setEnabled)
        self.email = QCheckBox(self.tr("Prepare an email draft to HQ with the bundle attached"), self)
        self.hq_address = QLineEdit(str(read_config(ui.app.paths).get("hq_email", "")), self)
        self.hq_address.setObjectName("hq_address")
        self.hq_address.setPlaceholderText(self.tr("HQ's email address"))
        self.hq_address.setEnabled(False)
        self.email.toggled.connect(self.hq_address.setEnabled)
        self.path = QLineEdit(self)
        self.path.setObjectName("bundle_path")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        folder = Path.home() if Path.home().exists() else ui.app.paths.root
        self.path.setText(str(folder / f"missiondesk-{ui.app.device.mission}-{stamp}.xlsx"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.message = message_line(self)
        self.buttons = ok_cancel(self, self.tr("Export"), self.start)
        layout = QVBoxLayout(self)
        for widget in (
            intro,
            self.since_ack,
            self.all_ops,
            self.sensitive,
            self.protect,
            self.password,
            self.password_again,
            self.email,
            self.hq_address,
        ):
            layout.addWidget(widget)
        layout.addLayout(where)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Tall enough for the explanation wrapped at this width (a plain height cuts it off).
        self.resize(560, max(self.heightForWidth(560), self.sizeHint().height()))
        self.result_: Any = None

    def _browse(self) -> None:
        chosen = prompts.save_file(self, self.tr("Save the bundle as"), Path(self.path.text()))
        if chosen is not None:
            self.path.setText(str(chosen))

    def start(self) -> None:
        out = Path(self.path.text().strip())
        all_ops, sensitive, email = (
            self.all_ops.isChecked(),
            self.sensitive.isChecked(),
            self.email.isChecked(),
        )
        to = self.hq_address.text().strip()
        if email and "@" not in to:
            self.message.setText(self.tr("Enter HQ's email address for the draft."))
            self.hq_address.setFocus()
            return
        password = self.password.text() if self.protect.isChecked() else None
        if password is not None:
            if len(password) < MIN_PASSWORD_LENGTH:
                self.message.setText(
                    self.tr("The password needs at least {0} characters.").format(MIN_PASSWORD_LENGTH)
                )
                self.password.setFocus()
                return
            if password != self.password_again.text():
                self.message.setText(self.tr("The two passwords differ: type the same password twice."))
                self.password_again.setFocus()
                return
        ctx = self.ui.app
        language = "ko" if korean() else "en"  # the readable sheets speak the window's language first
        if email:
            remember_hq_address(ctx, to)

        def work(task: Any) -> tuple[Any, Path | None]:
            result = bundle_export.export_bundle(
                ctx,
                out,
                all_ops=all_ops,
                include_sensitive=sensitive,
                task=task,
                password=password,
                language=language,
            )
            eml = bundle_export.prepare_email(ctx, out, out.with_suffix(".eml"), to) if email else None
            return result, eml

        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Exporting…"))
        self.task = self.ui.tasks.run(self.tr("Exporting the bundle"), work, self._done, self._failed)

    def _done(self, outcome: tuple[Any, Path | None]) -> None:
        result, eml = outcome
        self.result_ = result
        text = self.tr("{0} changes written to {1}.").format(result.op_count, result.path)
        if result.encrypted:
            text += " " + self.tr(
                "The file is protected with the password: give it to HQ by another way than the email."
            )
        if eml is not None:
            text += " " + self.tr("Email draft: {0} (open it in your mail program).").format(eml)
        if result.sidecars:
            text += " " + self.tr(
                "{0} attached files are beside it in {1} archives (at most 18 MB each): send each to HQ too, "
                "one per email if need be."
            ).format(result.files, len(result.sidecars))
        self.message.setText(text)
        self.buttons.setEnabled(True)
        self.exported.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))
        if not isinstance(exc, MissionDeskError):
            self.ui.errors.show(exc)
