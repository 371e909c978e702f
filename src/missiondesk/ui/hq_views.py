"""HQ's own views: the missions side by side for the dashboard's period, and the records to look at.

Thin over ``ReportService.by_mission`` and ``ReportService.data_quality`` (counted off the GUI thread);
a row opens what stands behind it: a mission's cases of the period in the case list, a record of the
data-quality list in its own list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.schema import GLOBAL_OWNER
from missiondesk.reports import drill
from missiondesk.reports.hq_views import COMPARED, MissionRow, Problem, QualityIssue
from missiondesk.reports.names import Names
from missiondesk.reports.period import Period
from missiondesk.services.reports import ReportService
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.labels import korean
from missiondesk.ui.ui_context import UiContext

FIGURE_HEADERS: dict[str, str] = {
    "cases_received": QT_TRANSLATE_NOOP("hq_views", "Support cases"),
    "meetings_held": QT_TRANSLATE_NOOP("hq_views", "Council meetings held"),
    "deliveries": QT_TRANSLATE_NOOP("hq_views", "Market-information instances"),
    "cases_open": QT_TRANSLATE_NOOP("hq_views", "Open cases"),
    "cases_dormant": QT_TRANSLATE_NOOP("hq_views", "Dormant cases"),
}
PROBLEMS: dict[Problem, str] = {
    Problem.CLOSED_WITHOUT_RESULTS: QT_TRANSLATE_NOOP("hq_views", "Closed as resolved without results"),
    Problem.LIKELY_DUPLICATE_COMPANY: QT_TRANSLATE_NOOP("hq_views", "Company that looks like a duplicate"),
    Problem.MEETING_WITHOUT_ATTENDANCE: QT_TRANSLATE_NOOP("hq_views", "Held meeting without attendance"),
}
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # (entity, record id) of a data-quality row; a mission's code


def _tr(text: str) -> str:
    return QCoreApplication.translate("hq_views", text)


class _Number(QTableWidgetItem):
    """A count that sorts as a number."""

    def __init__(self, value: int) -> None:
        super().__init__(f"{value:,}")
        self.setData(Qt.ItemDataRole.UserRole, value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return int(self.data(Qt.ItemDataRole.UserRole)) < int(other.data(Qt.ItemDataRole.UserRole) or 0)


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


class HqViews(QWidget):
    """``open_records`` carries a ``ListQuery`` (a mission's cases); ``open_record`` (entity, id);
    ``refreshed`` fires once both lists are shown."""

    open_records = Signal(object)
    open_record = Signal(str, str)
    refreshed = Signal()

    def __init__(self, ui: UiContext, period: Callable[[], Period], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.period = period  # the dashboard's period: these views count what it counts
        self.service = ReportService(ui.app)
        self.setObjectName("hq_views")
        self.counted: Period | None = None

        self.caption = QLabel(self)
        self.caption.setObjectName("hq_views_period")
        self.caption.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.refresh_button)

        self.missions = _table(
            self, "missions_table", [self.tr("Mission"), *[_tr(FIGURE_HEADERS[n]) for n in COMPARED]]
        )
        header = self.missions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COMPARED) + 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.missions.setToolTip(self.tr("Open a mission to see its cases of the period."))
        self.missions.itemActivated.connect(self._mission_opened)

        self.quality = _table(
            self,
            "quality_table",
            [self.tr("Problem"), self.tr("Mission"), self.tr("Record"), self.tr("Detail")],
        )
        header = self.quality.horizontalHeader()
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.quality.setToolTip(self.tr("Open a row to see the record."))
        self.quality.itemActivated.connect(self._record_opened)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.missions, self.tr("By mission"))
        self.tabs.addTab(self.quality, self.tr("Data quality"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        period = self.period()
        self.refresh_button.setEnabled(False)

        def work(_task: object) -> tuple[Any, Any]:
            return self.service.by_mission(period), self.service.data_quality()

        self.ui.tasks.run(
            self.tr("Comparing the missions"),
            work,
            lambda found: self._show(period, *found),
            self._failed,
            show_progress=False,
        )

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.ui.errors.show(exc)

    def _show(
        self,
        period: Period,
        missions: tuple[Names, list[MissionRow]],
        issues: tuple[Names, list[QualityIssue]],
    ) -> None:
        self.refresh_button.setEnabled(True)
        self.counted = period
        names, rows = missions
        self.caption.setText(
            self.tr(
                "Missions compared from {0} to the cut-off {1}, as on the dashboard; the data-quality "
                "list looks at every record. Open a row to see its records."
            ).format(period.start.isoformat(), period.last.isoformat())
        )
        in_korean = korean()
        self._fill_missions(names, rows, in_korean)
        self._fill_quality(issues[0], issues[1], in_korean)
        self.tabs.setTabText(1, self.tr("Data quality ({0})").format(len(issues[1])))
        self.refreshed.emit()

    def _mission_name(self, names: Names, code: str, in_korean: bool) -> str:
        if code == GLOBAL_OWNER:
            return self.tr("Shared")
        ko, en = names.mission(code)
        return f"{ko if in_korean else en} ({code})" if (ko if in_korean else en) != code else code

    def _fill_missions(self, names: Names, rows: list[MissionRow], in_korean: bool) -> None:
        table = self.missions
        table.setSortingEnabled(False)
        table.setRowCount(len(rows))
        shown = [(self._mission_name(names, row.mission, in_korean), row) for row in rows]
        # The busiest missions first (cases, meetings and deliveries together), then by name; a click
        # on a header sorts by that column.
        shown.sort(key=lambda pair: (-sum(pair[1].figures[n] for n in COMPARED[:3]), pair[0]))
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for r, (name, row) in enumerate(shown):
            item = QTableWidgetItem(name)
            item.setData(RECORD_ROLE, row.mission)
            table.setItem(r, 0, item)
            for c, name in enumerate(COMPARED, start=1):
                table.setItem(r, c, _Number(row.figures[name]))
        table.setSortingEnabled(True)

    def _fill_quality(self, names: Names, issues: list[QualityIssue], in_korean: bool) -> None:
        table = self.quality
        table.setSortingEnabled(False)
        table.setRowCount(len(issues))
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # problem by problem
        for r, issue in enumerate(issues):
            problem = QTableWidgetItem(_tr(PROBLEMS[issue.problem]))
            problem.setData(RECORD_ROLE, (issue.entity, issue.record_id))
            table.setItem(r, 0, problem)
            table.setItem(r, 1, QTableWidgetItem(self._mission_name(names, issue.mission, in_korean)))
            title = QTableWidgetItem(issue.title)
            title.setToolTip(issue.title)
            table.setItem(r, 2, title)
            table.setItem(r, 3, QTableWidgetItem(self._detail(issue)))
        table.setSortingEnabled(True)

    def _detail(self, issue: QualityIssue) -> str:
        if issue.problem is Problem.LIKELY_DUPLICATE_COMPANY:
            if issue.detail.isdigit():
                return self.tr("same business number {0}").format(issue.detail)
            return self.tr("same name “{0}”").format(issue.detail)
        if issue.problem is Problem.MEETING_WITHOUT_ATTENDANCE and issue.detail:
            return self.tr("held on {0}").format(issue.detail)
        return ""

    def _mission_opened(self, item: QTableWidgetItem) -> None:
        first = self.missions.item(item.row(), 0)
        period = self.counted
        if first is None or period is None:
            return
        code = first.data(RECORD_ROLE)
        self.open_records.emit(drill.received_cases(period, (str(code),)))

    def _record_opened(self, item: QTableWidgetItem) -> None:
        first = self.quality.item(item.row(), 0)
        if first is not None:
            entity_name, record_id = first.data(RECORD_ROLE)
            self.open_record.emit(entity_name, record_id)
