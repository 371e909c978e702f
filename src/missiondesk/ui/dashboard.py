"""The Reports page: the period's headline figures, the sentence the ministry publishes, and charts.

Counting runs through the task runner (the service opens its own read transaction on the worker
thread); the page only shows the plain ``Report`` it gets back. A click on a figure or a bar emits
``open_records`` with the ``ListQuery`` of the records behind it (``reports.drill``); the main window
shows them in the list.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.permissions import Role
from missiondesk.domain.records import ListQuery
from missiondesk.errors import MissionDeskError
from missiondesk.reports import drill
from missiondesk.reports.period import Period, ReportScope, ScopeKind
from missiondesk.reports.report import Report
from missiondesk.reports.rules import RULES, RULES_KO
from missiondesk.services.reports import ReportService
from missiondesk.ui.changes import Freshness
from missiondesk.ui.charts import Bar, BarChart
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.labels import korean
from missiondesk.ui.ui_context import UiContext
from missiondesk.ui.window_state import WindowState

# The headline figures, in the order shown: (figure, name marked for translation).
TILES: tuple[tuple[str, str], ...] = (
    ("meetings_held", QT_TRANSLATE_NOOP("dashboard", "Council meetings held")),
    ("meeting_countries", QT_TRANSLATE_NOOP("dashboard", "Countries")),
    ("cases_received", QT_TRANSLATE_NOOP("dashboard", "Support cases")),
    ("deliveries", QT_TRANSLATE_NOOP("dashboard", "Market-information instances")),
    ("cases_open", QT_TRANSLATE_NOOP("dashboard", "Open")),
    ("cases_pending", QT_TRANSLATE_NOOP("dashboard", "Pending")),
    ("cases_resolved_full", QT_TRANSLATE_NOOP("dashboard", "Resolved in full")),
    ("cases_resolved_partial", QT_TRANSLATE_NOOP("dashboard", "Resolved in part")),
    ("cases_dormant", QT_TRANSLATE_NOOP("dashboard", "Dormant")),
    ("cases_joint", QT_TRANSLATE_NOOP("dashboard", "Joint cases")),
    ("investment_usd", QT_TRANSLATE_NOOP("dashboard", "Investment (USD)")),
    ("jobs_created", QT_TRANSLATE_NOOP("dashboard", "Jobs created")),
    ("permits_obtained", QT_TRANSLATE_NOOP("dashboard", "Permits obtained")),
    ("proposals", QT_TRANSLATE_NOOP("dashboard", "Proposals")),
)
# The charts: (breakdown, title marked for translation, horizontal bars).
CHARTS: tuple[tuple[str, str, bool], ...] = (
    ("cases_by_month", QT_TRANSLATE_NOOP("dashboard", "Cases by month"), False),
    ("cases_by_category", QT_TRANSLATE_NOOP("dashboard", "Cases by category"), True),
    ("cases_by_country", QT_TRANSLATE_NOOP("dashboard", "Cases by country"), True),
    ("cases_by_outcome", QT_TRANSLATE_NOOP("dashboard", "Outcomes of closed cases"), True),
    ("deliveries_by_topic", QT_TRANSLATE_NOOP("dashboard", "Market information by topic"), True),
    ("cases_by_partner", QT_TRANSLATE_NOOP("dashboard", "Cases by partner institution"), True),
)
TILES_PER_ROW = 7
# The headline counts: when all are zero the status line says which period and cut-off were counted.
COUNTED = ("meetings_held", "cases_received", "deliveries", "proposals")
MAX_BARS = 12


def tr_dashboard(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("dashboard", text)


def bars_for(report: Report, breakdown: str, *, in_korean: bool) -> list[Bar]:
    """The bars of one chart (the largest ``MAX_BARS``; months all), named in the UI's language."""
    data = report.tallies.breakdowns.get(breakdown, {})
    items = list(data.items())
    if breakdown != "cases_by_month":
        items = items[:MAX_BARS]
    out = []
    for key, n in items:
        ko, en = report.names.name(breakdown, key)
        label = ko if in_korean else en
        if breakdown == "cases_by_month":
            label = key[2:].replace("-", ".")  # 24.03: short enough for twelve columns
        out.append(Bar(key, label, int(n), f"{ko} / {en}: {n:,}"))
    return out


class Tile(QPushButton):
    """One headline figure: the number large, its name below; a click opens the records behind it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{name}")
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_value(self, value: int, caption: str, clickable: bool) -> None:
        self.setText(f"{value:,}\n{caption}")
        self.setEnabled(True)
        self.setFlat(not clickable)
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.setProperty("clickable", clickable)


class Dashboard(QWidget):
    """``open_records`` carries a ``ListQuery``; ``refreshed`` fires once a report is shown."""

    open_records = Signal(object)
    refreshed = Signal(object)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = ReportService(ui.app)
        self.report: Report | None = None
        self.setObjectName("dashboard")
        self.choose_export_path: Callable[[], str] = self._ask_export_path  # tests replace it
        self.state = WindowState(ui.app.paths.root)  # a cut-off the analyst chose, per data folder
        today = dt.date.today()

        self.year = QComboBox(self)
        self.year.setObjectName("report_year")
        for y in range(today.year, today.year - 6, -1):
            self.year.addItem(str(y), y)
        self.cutoff = QDateEdit(self)
        self.cutoff.setObjectName("report_cutoff")
        self.cutoff.setCalendarPopup(True)
        self.cutoff.setDisplayFormat("yyyy-MM-dd")
        self.scope = QComboBox(self)
        self.scope.setObjectName("report_scope")
        self.scope.setMinimumContentsLength(18)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for choice in self._scopes():
            self.scope.addItem(choice.label_ko if korean() else choice.label_en, choice.scope.key)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.export_button = QPushButton(self.tr("Export report…"), self)
        self.lock_button = QPushButton(self.tr("Lock period…"), self)
        self.lock_button.setVisible(ui.app.device.role is Role.HQ)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button.clicked.connect(self.export)
        self.lock_button.clicked.connect(self.lock_period)
        self._set_default_cutoff()
        self.year.currentIndexChanged.connect(self._year_changed)
        self.cutoff.dateChanged.connect(self._cutoff_changed)
        self.scope.currentIndexChanged.connect(self.refresh)

        pickers = QHBoxLayout()
        pickers.addWidget(QLabel(self.tr("Year"), self))
        pickers.addWidget(self.year)
        pickers.addWidget(QLabel(self.tr("Cut-off"), self))
        pickers.addWidget(self.cutoff)
        pickers.addWidget(QLabel(self.tr("Scope"), self))
        pickers.addWidget(self.scope, 1)
        pickers.addWidget(self.refresh_button)
        pickers.addWidget(self.export_button)
        pickers.addWidget(self.lock_button)

        self.headline_ko = QLabel(self)
        self.headline_en = QLabel(self)
        for label, size in ((self.headline_ko, 1.35), (self.headline_en, 1.0)):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * size)
            font.setBold(size > 1)
            label.setFont(font)
        self.headline_ko.setObjectName("headline_ko")
        self.headline_en.setObjectName("headline_en")
        self.status = QLabel(self)
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)

        self.tiles: dict[str, Tile] = {}
        tiles = QGridLayout()
        tiles.setSpacing(6)
        for i, (name, _caption) in enumerate(TILES):
            tile = Tile(name, self)
            tile.clicked.connect(lambda _=False, n=name: self._open(n, None))
            tiles.addWidget(tile, i // TILES_PER_ROW, i % TILES_PER_ROW)
            self.tiles[name] = tile

        self.charts: dict[str, BarChart] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (name, title, horizontal) in enumerate(CHARTS):
            chart = BarChart(tr_dashboard(title), horizontal=horizontal, parent=self)
            chart.setObjectName(f"chart_{name}")
            chart.clicked.connect(lambda key, n=name: self._open(n, key))
            grid.addWidget(chart, i // 2, i % 2)
            self.charts[name] = chart

        body = QWidget(self)
        box = QVBoxLayout(body)
        box.addWidget(self.headline_ko)
        box.addWidget(self.headline_en)
        line = QFrame(body)
        line.setFrameShape(QFrame.Shape.HLine)
        box.addWidget(line)
        box.addLayout(tiles)
        box.addLayout(grid, 1)
        box.addWidget(self.status)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.addLayout(pickers)
        outer.addWidget(scroll, 1)
        # Counted when first shown, then again only after a change: a visit alone does not recount.
        self.freshness = Freshness(
            self, ui.changes, lambda _changes: True, lambda _changes: self.refresh(), self.refresh, stale=True
        )

    # --- choices ---------------------------------------------------------------------------

    def _scopes(self) -> list[Any]:
        choices = self.service.scopes()
        if self.ui.app.device.role is Role.HQ:
            # All, then regions, countries and missions, each group by its name in the window's language
            # (sorted by code, the list followed no order a reader can see).
            rank = {ScopeKind.ALL: 0, ScopeKind.REGION: 1, ScopeKind.COUNTRY: 2, ScopeKind.MISSION: 3}
            in_korean = korean()
            return sorted(
                choices,
                key=lambda c: (rank[c.scope.kind], c.label_ko if in_korean else c.label_en.casefold()),
            )
        own = self.service.default_scope()
        return [c for c in choices if c.scope == own]

    def _cutoff_key(self) -> str:
        return f"dashboard/cutoff/{self.year.currentData()}"

    def default_cutoff(self) -> dt.date:
        """Today while the period runs (so today's import and today's work count), else its cut-off."""
        period = self.service.period(str(self.year.currentData()))
        today = dt.date.today()
        return today if period.start <= today <= period.end else period.last

    def _set_default_cutoff(self) -> None:
        period = self.service.period(str(self.year.currentData()))
        chosen = self.default_cutoff()
        with contextlib.suppress(ValueError):  # a hand-edited settings file: the default instead
            saved = self.state.value(self._cutoff_key())
            if saved:
                chosen = min(max(dt.date.fromisoformat(saved), period.start), period.end)
        self.cutoff.blockSignals(True)
        self.cutoff.setDateRange(_qdate(period.start), _qdate(period.end))
        self.cutoff.setDate(_qdate(chosen))
        self.cutoff.blockSignals(False)

    def _cutoff_changed(self) -> None:
        """Remember a cut-off the analyst chose; one set back to the default follows the default again."""
        chosen = self.cutoff.date().toPython()
        assert isinstance(chosen, dt.date)
        self.state.set_value(
            self._cutoff_key(), "" if chosen == self.default_cutoff() else chosen.isoformat()
        )
        self.refresh()

    def _year_changed(self) -> None:
        self._set_default_cutoff()
        self.refresh()

    def period(self) -> Period:
        cutoff = self.cutoff.date().toPython()
        assert isinstance(cutoff, dt.date)
        return self.service.period(str(self.year.currentData()), cutoff)

    def scope_value(self) -> ReportScope:
        return ReportScope.parse(str(self.scope.currentData() or "all"))

    def set_scope(self, scope: ReportScope) -> None:
        index = self.scope.findData(scope.key)
        if index >= 0:
            self.scope.setCurrentIndex(index)

    # --- counting and showing --------------------------------------------------------------

    def refresh(self) -> None:
        period, scope = self.period(), self.scope_value()
        self.refresh_button.setEnabled(False)
        self.ui.tasks.run(
            self.tr("Counting the report"),
            lambda _task: self.service.report(period, scope),
            self.show_report,
            self._failed,
            show_progress=False,
        )

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.ui.errors.show(exc)

    def show_report(self, report: Report) -> None:
        self.report = report
        self.refresh_button.setEnabled(True)
        in_korean = korean()
        self.headline_ko.setText(report.headline_ko)
        self.headline_en.setText(report.headline_en)
        t = report.tallies
        for name, caption in TILES:
            clickable = drill.query_for(t, name) is not None
            self.tiles[name].show_value(int(t.figures.get(name, 0)), tr_dashboard(caption), clickable)
        for name, chart in self.charts.items():
            keys = list(t.breakdowns.get(name, {}))
            clickable = bool(keys) and drill.query_for(t, name, keys[0]) is not None
            chart.set_bars(bars_for(report, name, in_korean=in_korean), clickable=clickable)
        parts = [self.tr("Counting rules {0}").format(report.rules_version)]
        if not any(t.figures.get(name) for name in COUNTED):
            period = t.period
            parts.insert(
                0,
                self.tr("Nothing was counted from {0} to the cut-off {1}").format(
                    period.start.isoformat(), period.last.isoformat()
                ),
            )
        if report.lock is not None:
            parts.append(
                self.tr("Locked on {0} by {1}: these are the published figures").format(
                    report.lock.locked_at.date().isoformat(), report.lock.locked_by
                )
            )
        if report.amendments:
            parts.append(self.tr("{0} amendment(s) to locked figures since").format(len(report.amendments)))
        if t.figures.get("duplicates_excluded"):
            parts.append(
                self.tr("{0} duplicate case(s) not counted").format(t.figures["duplicates_excluded"])
            )
        parts.append(self.tr("counted in {0} ms").format(round(report.seconds * 1000)))
        self.status.setText(" · ".join(parts))
        # How each figure is counted, on hover: the rules in the window's language.
        rules = "".join(
            f"<p><b>{code}</b> {html.escape(RULES_KO[code] if in_korean else text)}</p>"
            for code, text in RULES
        )
        self.status.setToolTip(f"<qt>{rules}</qt>")
        self.refreshed.emit(report)

    def _open(self, name: str, key: str | None) -> None:
        if self.report is None:
            return
        query = drill.query_for(self.report.tallies, name, key)
        if query is not None:
            self.open_records.emit(query)

    def query_for(self, name: str, key: str | None = None) -> ListQuery | None:
        return None if self.report is None else drill.query_for(self.report.tallies, name, key)

    # --- export and lock -------------------------------------------------------------------

    def _ask_export_path(self) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the report"), f"report-{self.year.currentData()}.xlsx", "Excel (*.xlsx)"
        )
        return path

    def export(self) -> tuple[Path, Path, Path] | None:
        """Write the shown report as FILE.xlsx, FILE.pdf and FILE.hwpx (the ministry's document), as
        ``missiondesk report`` does."""
        if self.report is None:
            return None
        chosen = self.choose_export_path()
        if not chosen:
            return None
        from missiondesk.ui.report_pdf import write_pdf

        base = Path(chosen)
        base = base.with_suffix("") if base.suffix.lower() in (".xlsx", ".pdf", ".hwpx") else base
        try:
            xlsx = self.service.export(self.report, base.with_name(base.name + ".xlsx"))
            pdf = write_pdf(self.report, base.with_name(base.name + ".pdf"), in_korean=korean())
            hwpx = self.service.write_document(self.report, base.with_name(base.name + ".hwpx"))
        except (MissionDeskError, OSError) as exc:
            self.ui.errors.show(exc)
            return None
        self.status.setText(self.tr("Report written to {0}, {1} and {2}").format(xlsx, pdf.name, hwpx.name))
        return xlsx, pdf, hwpx

    def lock_period(self) -> None:
        period, scope = self.period(), self.scope_value()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Lock the period"),
            self.tr(
                "Freeze the figures of {0} for this scope? Later edits will be listed as amendments."
            ).format(period.label()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.accepted.connect(lambda: self._lock(period, scope))
        box.open()
        self.lock_box = box

    def _lock(self, period: Period, scope: ReportScope) -> None:
        try:
            self.service.lock(period, scope)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return
        self.refresh()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
