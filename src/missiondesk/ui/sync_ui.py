"""Sync in the window: the background loop, the enrolment dialog and the Sync page.

``SyncController`` asks the Qt-free ``SyncLoop`` policy every second whether a sync is due (a
while after edits, on a timer, on "Sync now", when the network returns, with backoff after a
failure) and runs ``SyncService.sync_once`` on the task runner, never two at once. The status
bar shows offline / syncing / synced at HH:MM / the last error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.messages import MessageCode, say
from missiondesk.errors import MissionDeskError
from missiondesk.services.sync import (
    DeviceRefused,
    MassChangeRefused,
    SyncBusy,
    SyncReport,
    SyncService,
    SyncStatus,
)
from missiondesk.sync.loop import SyncLoop, Trigger
from missiondesk.ui import prompts
from missiondesk.ui.changes import Freshness
from missiondesk.ui.dialog_parts import message_line, ok_cancel
from missiondesk.ui.labels import error_text, said_text
from missiondesk.ui.status_bar import SyncIndicator
from missiondesk.ui.ui_context import UiContext

TICK_MS = 1000


def changed_records(report: SyncReport) -> bool:
    """Whether a sync changed records here (it pulled, revoked, restarted or repaired): the screens
    read again. One that only sent changes leaves every record as it was."""
    return bool(report.pulled or report.revoked or report.restarted or report.repaired)


class SyncController(QObject):
    """Runs syncs when the policy says so; ``synced`` carries each report, ``failed`` each error."""

    synced = Signal(object)
    failed = Signal(str)
    state_changed = Signal()

    def __init__(self, ui: UiContext, indicator: SyncIndicator, service: SyncService | None = None) -> None:
        super().__init__(indicator)
        self.ui = ui
        self.indicator = indicator
        self.service = service or SyncService(ui.app)
        self.loop = SyncLoop()
        self.running = False
        self.log: list[str] = []
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.show_status()

    def start(self) -> None:
        """Begin syncing in the background (only once the laptop is enrolled, and HQ accepts it)."""
        if self.service.status().device_refused:
            self.loop.refused()
        self.timer.start()

    def stop(self) -> None:
        """No more syncs from this window (it is closing); a running one finishes on its own."""
        self.timer.stop()

    def status(self) -> SyncStatus:
        return self.service.status()

    def edited(self) -> None:
        self.loop.edited()

    def sync_now(self) -> None:
        self.loop.sync_now()
        self.tick()

    def tick(self) -> None:
        if self.running or not self.service.status().enrolled:
            return
        reason = self.loop.due()
        if reason is not None:
            self.run(reason)

    def run(self, reason: Trigger, *, confirm_mass_change: bool = False) -> None:
        self.running = True
        self.loop.started()
        self.indicator.set_syncing()
        self.state_changed.emit()
        self.ui.tasks.run(
            self.tr("Syncing with HQ"),
            lambda task: self.service.sync_once(task, confirm_mass_change=confirm_mass_change),
            self._done,
            lambda exc: self._failed(exc, reason),
            show_progress=reason is Trigger.NOW,
        )

    def _done(self, report: SyncReport) -> None:
        self.running = False
        self.loop.finished(True)
        line = self.tr("{0}: sent {1}, received {2}, still unsent {3}").format(
            dt.datetime.now().strftime("%H:%M"), report.sent, report.pulled, report.unsent
        )
        if report.rejected:
            line += " " + self.tr("({0} refused by HQ)").format(report.rejected)
        if report.message:
            line += f" — {report.message}"
        self.log.append(line)
        if report.files_failed:
            self.log.append(said_text(say(MessageCode.SYNC_FILES_FAILED, count=report.files_failed)))
            for problem in report.file_problems:
                self.log.append("  " + said_text(problem))
        self.show_status()
        if changed_records(report):
            self.ui.changes.announce_everything()
        self.synced.emit(report)
        self.state_changed.emit()

    def _failed(self, exc: BaseException, reason: Trigger) -> None:
        self.running = False
        if isinstance(exc, MassChangeRefused):
            self.loop.finished(True)
            if prompts.confirm(
                self.indicator.window(),
                self.tr("Large change from HQ"),
                str(exc) + "\n\n" + self.tr("Apply it anyway?"),
            ):
                self.run(reason, confirm_mass_change=True)
                return
        elif isinstance(exc, SyncBusy):
            self.loop.finished(True)
        else:
            message = error_text(exc) if isinstance(exc, MissionDeskError) else repr(exc)
            self.loop.finished(False, message)
            if isinstance(exc, DeviceRefused):
                self.loop.refused()
            self.log.append(f"{dt.datetime.now():%H:%M}: {message}")
            self.failed.emit(message)
            if not isinstance(exc, MissionDeskError):
                self.ui.errors.show(exc)
        self.show_status()
        self.state_changed.emit()

    def show_status(self) -> None:
        status = self.service.status()
        if self.running:
            self.indicator.set_syncing()
        elif not status.enrolled:
            self.indicator.set_offline()
        elif status.device_refused:
            self.indicator.set_refused(said_text(status.last_error or ""))
        elif status.last_error:
            self.indicator.set_failed(said_text(status.last_error))
        elif status.last_sync_at is not None:
            self.indicator.set_synced(status.last_sync_at)
        else:
            self.indicator.set_offline()


class EnrolDialog(QDialog):
    """The server address and HQ's one-time code, typed once; the credential goes to the keyring."""

    enrolled = Signal(object)

    def __init__(self, ui: UiContext, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = service
        self.setWindowTitle(self.tr("Connect this laptop to HQ"))
        intro = QLabel(
            self.tr(
                "Ask HQ for an enrolment code for your mission. You type it once: the laptop keeps its own "
                "credential and syncs by itself whenever a connection is there."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.server = QLineEdit(service.status().server_url or "https://", self)
        self.server.setObjectName("server_url")
        self.code = QLineEdit(self)
        self.code.setObjectName("enrol_code")
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        form = QFormLayout()
        form.addRow(self.tr("HQ server"), self.server)
        form.addRow(self.tr("Enrolment code"), self.code)
        self.message = message_line(self)
        self.buttons = ok_cancel(self, self.tr("Connect"), self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.task: Any = None

    def start(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        if not server.startswith(("http://", "https://")) or len(server) < 10:
            self.message.setText(
                self.tr("Enter the server's address, for example https://sync.example.go.kr")
            )
            return
        if not code:
            self.message.setText(self.tr("Enter the code HQ gave you."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Connecting…"))
        self.task = self.ui.tasks.run(
            self.tr("Connecting to HQ"),
            lambda _t: self.service.enroll(server, code),
            self._done,
            self._failed,
        )

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.enrolled.emit(result)
        if result.notice:
            self.ui.errors.message(result.notice)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))
        if not isinstance(exc, MissionDeskError):
            self.ui.errors.show(exc)


class SyncPage(QWidget):
    """Where this laptop stands with HQ, "Sync now", enrolment, the conflicts and the sync log."""

    def __init__(self, ui: UiContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.controller = controller
        self.setObjectName("page_sync")
        self.facts = QLabel(self)
        self.facts.setObjectName("sync_facts")
        self.facts.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.clicked.connect(controller.sync_now)
        self.enrol_button = QPushButton(self.tr("Connect to HQ…"), self)
        self.enrol_button.clicked.connect(self.open_enrolment)
        self.review_button = QPushButton(self.tr("Review conflicts…"), self)
        self.log = QPlainTextEdit(self)
        self.log.setReadOnly(True)
        self.log.setObjectName("sync_log")
        buttons = QHBoxLayout()
        for b in (self.sync_button, self.enrol_button, self.review_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Sync log"), self))
        layout.addWidget(self.log)
        controller.state_changed.connect(self.refresh)
        self.dialog: EnrolDialog | None = None
        self.refresh()
        # Its counts (unsent, conflicts) follow every change; out of sight, when next shown.
        self.freshness = Freshness(
            self, ui.changes, lambda _changes: True, lambda _c: self.refresh(), self.refresh
        )

    def refresh(self) -> None:
        s = self.controller.status()
        if not s.enrolled:
            lines = [
                self.tr("This laptop is not connected to HQ yet: your work stays here and can go by bundle.")
            ]
        else:
            when = (
                s.last_sync_at.astimezone().strftime("%Y-%m-%d %H:%M") if s.last_sync_at else self.tr("never")
            )
            lines = [
                self.tr("HQ server: {0}").format(s.server_url),
                self.tr("Last good sync: {0}").format(when),
            ]
            if s.device_refused:
                lines.append(
                    self.tr(
                        "HQ no longer accepts this laptop (revoked by HQ, or its credential is lost). Your "
                        "changes are kept here: enrol again with a new code from HQ, and they are sent."
                    )
                )
                lines.append(self.tr("HQ said: {0}").format(said_text(s.last_error or "")))
            elif s.last_error:
                lines.append(self.tr("Last attempt failed: {0}").format(said_text(s.last_error)))
        lines.append(
            self.tr("Unsent changes: {0}   Refused by HQ: {1}   Conflicts: {2}").format(
                s.unsent, s.rejected, s.conflicts
            )
        )
        self.facts.setText("\n".join(lines))
        self.sync_button.setEnabled(s.enrolled and not self.controller.running)
        # A laptop HQ refused (revoked, credential lost) enrols again with a new code; it keeps its edits.
        self.enrol_button.setText(
            self.tr("Enrol again with a new code…") if s.enrolled else self.tr("Connect to HQ…")
        )
        self.enrol_button.setVisible(s.needs_code)
        self.log.setPlainText("\n".join(self.controller.log))

    def _enrolled(self, _result: object) -> None:
        self.refresh()
        self.controller.sync_now()

    def open_enrolment(self) -> EnrolDialog:
        self.dialog = EnrolDialog(self.ui, self.controller.service, self)
        self.dialog.enrolled.connect(self._enrolled)
        self.dialog.open()
        return self.dialog
