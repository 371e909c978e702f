"""The main window. For now a plain summary of the data folder; the desktop issue builds it out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from missiondesk import APP_NAME
from missiondesk.services import maintenance
from missiondesk.services.context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None, problem: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        title = APP_NAME
        if ctx is not None:
            title = f"{APP_NAME} — {ctx.device.mission} · {ctx.device.officer_name}"
        self.setWindowTitle(title)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.summary = QLabel(body)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        self.setCentralWidget(body)
        self.resize(900, 600)
        self.summary.setText(problem if ctx is None else self._summary_text(ctx))

    def _summary_text(self, ctx: AppContext) -> str:
        s = maintenance.stats(ctx)
        counts = {c.entity: c.live for c in s.counts}
        lines = [
            self.tr("Mission: {0}   Officer: {1}").format(ctx.device.mission, ctx.device.officer_name),
            "",
            self.tr("Support cases: {0}").format(counts["support_case"]),
            self.tr("Market-information briefs: {0}").format(counts["market_brief"]),
            self.tr("Council meetings: {0}").format(counts["council_meeting"]),
            self.tr("Companies: {0}").format(counts["company"]),
            "",
            self.tr("Unsent changes: {0}").format(s.outbox_pending),
        ]
        return "\n".join(lines)
