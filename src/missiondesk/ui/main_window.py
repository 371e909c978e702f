"""The main window. For now a plain summary of the data folder; the desktop issue builds it out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from missiondesk import APP_NAME
from missiondesk.services import maintenance
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext
from missiondesk.ui.conflict_dialog import ConflictDialog


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
        if ctx is not None:
            review = self.menuBar().addMenu(self.tr("&Sync")).addAction(self.tr("Review &conflicts…"))
            review.triggered.connect(self.open_conflicts)
            self.review_action = review
        self.conflict_dialog: ConflictDialog | None = None

    def open_conflicts(self) -> ConflictDialog:
        assert self.ctx is not None
        self.conflict_dialog = ConflictDialog(self.ctx, self)
        self.conflict_dialog.resolved.connect(lambda _changes: self._refresh())
        self.conflict_dialog.open()
        return self.conflict_dialog

    def _refresh(self) -> None:
        if self.ctx is not None:
            self.summary.setText(self._summary_text(self.ctx))

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
            self.tr("Open conflicts: {0}").format(len(ConflictService(ctx).open_conflicts())),
        ]
        return "\n".join(lines)
