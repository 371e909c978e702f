"""The status bar: the last action (with Undo for a delete), unsent changes, conflicts, sync state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget


class SyncIndicator(QLabel):
    """Offline, syncing, or synced at HH:MM. The sync client drives it; until then it says offline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_state")
        self.set_offline()

    def set_offline(self) -> None:
        self.setText("● " + self.tr("Offline"))
        self.setToolTip(self.tr("Not connected to HQ. Your work is saved on this computer."))

    def set_syncing(self) -> None:
        self.setText("◌ " + self.tr("Syncing…"))

    def set_failed(self, error: str) -> None:
        self.setText("! " + self.tr("Sync failed, will retry"))
        self.setToolTip(error)

    def set_refused(self, error: str) -> None:
        """HQ refuses this laptop itself: retrying cannot help, a new enrolment code can."""
        self.setText("! " + self.tr("HQ does not accept this laptop"))
        self.setToolTip(error)

    def set_synced(self, when: dt.datetime) -> None:
        self.setText("✓ " + self.tr("Synced at {0}").format(when.astimezone().strftime("%H:%M")))
        self.setToolTip(
            self.tr("Everything was sent and received at {0}.").format(when.astimezone().strftime("%H:%M"))
        )


class StatusBar(QStatusBar):
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The last action's words in a label of their own: a status-bar message would paint over Undo.
        self.message = QLabel(self)
        self.message.setObjectName("last_action")
        self.addWidget(self.message)
        self._fade = QTimer(self, singleShot=True, interval=5000)
        self._fade.timeout.connect(self.message.clear)
        self.undo_button = QPushButton(self.tr("Undo (Ctrl+Z)"), self)
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_requested)
        self.addWidget(self.undo_button)
        self.unsent = QLabel(self)
        self.unsent.setObjectName("unsent")
        self.conflicts = QLabel(self)
        self.conflicts.setObjectName("conflicts")
        self.sync = SyncIndicator(self)
        for widget in (self.conflicts, self.unsent, self.sync):
            self.addPermanentWidget(widget)

    def set_counts(self, unsent: int, conflicts: int) -> None:
        self.unsent.setText(
            self.tr("Unsent changes: {0}").format(unsent) if unsent else self.tr("All changes sent")
        )
        self.unsent.setToolTip(self.tr("Changes saved here and not yet acknowledged by HQ"))
        self.conflicts.setText(self.tr("Conflicts to review: {0}").format(conflicts) if conflicts else "")
        self.conflicts.setVisible(bool(conflicts))

    def say(self, text: str, timeout_ms: int = 5000) -> None:
        """Words about the last action, beside the other widgets (never over them), fading after a while."""
        self.message.setText(text)
        self._fade.start(timeout_ms)

    def offer_undo(self, text: str) -> None:
        self._fade.stop()
        self.message.setText(text)
        self.undo_button.show()

    def clear_undo(self, text: str = "") -> None:
        self.undo_button.hide()
        self.message.setText(text)
        if text:
            self._fade.start(5000)
