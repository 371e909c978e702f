"""My work: the signed-in officer's reminders (``services.reminders``), the side panel's counts and the
once-a-day desktop notification.

One ``ReminderWatch`` per window reads the list on the task runner's worker thread (a few SQL queries,
but on a mission's years of cases long enough to be felt) whenever ``ui.changes`` says a task, a case or
an activity changed, and when the day turns; the page, the side panel and the notification all show
what it last read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from missiondesk.reports.rules import DORMANT_DAYS
from missiondesk.services.reminders import DUE_SOON_DAYS, Reminder, ReminderKind, ReminderService
from missiondesk.ui.changes import ChangeSet
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.ui_context import UiContext
from missiondesk.ui.when_shown import WhenShown

REMINDED = ("task", "support_case", "case_activity")  # the records a reminder is read from
DAY_CHECK_MS = 10 * 60 * 1000  # how often the watch looks whether the day has turned
REMINDER_ROLE = Qt.ItemDataRole.UserRole

HEADINGS: dict[ReminderKind, str] = {
    ReminderKind.TASK_OVERDUE: QT_TRANSLATE_NOOP("my_work", "Overdue tasks"),
    ReminderKind.TASK_DUE: QT_TRANSLATE_NOOP("my_work", "Tasks due within {0} days"),
    ReminderKind.CASE_PAST_EXPECTED: QT_TRANSLATE_NOOP(
        "my_work", "Cases past their expected resolution date"
    ),
    ReminderKind.CASE_DORMANT: QT_TRANSLATE_NOOP("my_work", "Dormant cases: no activity for {0} days"),
}
DATE_NAMES: dict[ReminderKind, str] = {
    ReminderKind.TASK_OVERDUE: QT_TRANSLATE_NOOP("my_work", "Due on"),
    ReminderKind.TASK_DUE: QT_TRANSLATE_NOOP("my_work", "Due on"),
    ReminderKind.CASE_PAST_EXPECTED: QT_TRANSLATE_NOOP("my_work", "Expected on"),
    ReminderKind.CASE_DORMANT: QT_TRANSLATE_NOOP("my_work", "Last activity on"),
}
COUNTS: dict[ReminderKind, str] = {  # the side panel's lines
    ReminderKind.TASK_OVERDUE: QT_TRANSLATE_NOOP("my_work", "Tasks overdue: {0}"),
    ReminderKind.TASK_DUE: QT_TRANSLATE_NOOP("my_work", "Tasks due within a week: {0}"),
    ReminderKind.CASE_PAST_EXPECTED: QT_TRANSLATE_NOOP("my_work", "Cases past their expected date: {0}"),
    ReminderKind.CASE_DORMANT: QT_TRANSLATE_NOOP("my_work", "Dormant cases: {0}"),
}


def heading(kind: ReminderKind) -> str:
    days = DUE_SOON_DAYS if kind is ReminderKind.TASK_DUE else DORMANT_DAYS
    return QCoreApplication.translate("my_work", HEADINGS[kind]).format(days)


def count_lines(reminders: Sequence[Reminder]) -> list[str]:
    """One line per kind that has any ("Tasks overdue: 2"), in the page's order."""
    lines = []
    for kind in ReminderKind:
        n = sum(1 for r in reminders if r.kind is kind)
        if n:
            lines.append(QCoreApplication.translate("my_work", COUNTS[kind]).format(n))
    return lines


def reminded(changes: ChangeSet) -> bool:
    return any(changes.touches(name) for name in REMINDED)


class ReminderWatch(QObject):
    """Reads the officer's reminders off the GUI thread and says so with ``updated`` (a list)."""

    updated = Signal(object)

    def __init__(self, ui: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.service = ReminderService(ui.app)
        self.reminders: list[Reminder] = []
        self.read_on: dt.date | None = None  # the day of the list shown
        self._asked = 0  # a later reading replaces an earlier one that finishes after it
        ui.changes.changed.connect(lambda changes: self.refresh() if reminded(changes) else None)
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self._day_check)
        self.day_timer.start()

    def refresh(self) -> None:
        self._asked += 1
        asked, service = self._asked, self.service
        today = service.clock()

        def read(_task: object) -> list[Reminder]:
            return service.reminders()

        def done(found: list[Reminder]) -> None:
            if asked == self._asked:
                self.reminders, self.read_on = found, today
                self.updated.emit(found)

        self.ui.tasks.run(
            QCoreApplication.translate("my_work", "Reading reminders"),
            read,
            done,
            self.ui.errors.show,
            show_progress=False,
        )

    def _day_check(self) -> None:
        if self.read_on is not None and self.service.clock() != self.read_on:
            self.refresh()

    def hide(self, reminders: Sequence[Reminder], until: dt.date | None) -> None:
        """Dismiss (``until`` None) or snooze, then read again."""
        service = self.service

        def write(_task: object) -> None:
            if until is None:
                service.dismiss(*reminders)
            else:
                service.snooze(*reminders, until=until)

        self.ui.tasks.run(
            QCoreApplication.translate("my_work", "Putting reminders aside"),
            write,
            lambda _none: self.refresh(),
            self.ui.errors.show,
            show_progress=False,
        )


class MyWorkPage(QWidget):
    """The reminders grouped by kind; Open, Dismiss and Snooze act on the selected ones."""

    open_record = Signal(str, str)  # entity, record id
    start_page_chosen = Signal(bool)

    def __init__(self, ui: UiContext, watch: ReminderWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.watch = watch
        self.setObjectName("page_my_work")
        self.title = QLabel(self)
        self.title.setObjectName("my_work_title")
        self.start_page = QCheckBox(self.tr("Open MissionDesk on this page"), self)
        self.start_page.setObjectName("my_work_start_page")
        self.start_page.toggled.connect(self.start_page_chosen)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("my_work_tree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Date"), self.tr("What"), self.tr("Case")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)  # the title takes the room, the date and the case fit
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # The date column fits a date (the kinds' headings span the row and would widen it to theirs).
        date_width = self.tree.indentation() + self.tree.fontMetrics().horizontalAdvance("0000-00-00") + 40
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, date_width)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._open_item(item))
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self.tr("Nothing needs your attention today."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        self.dismiss_button.setToolTip(self.tr("Not listed again, unless its date changes"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.snooze_button = QPushButton(self.tr("Snooze until"), self)
        self.snooze_button.clicked.connect(self.snooze_selected)
        self.snooze_date = QDateEdit(self)
        self.snooze_date.setObjectName("my_work_snooze_date")
        self.snooze_date.setCalendarPopup(True)
        self.snooze_date.setDisplayFormat("yyyy-MM-dd")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.start_page)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.dismiss_button)
        actions.addWidget(self.snooze_button)
        actions.addWidget(self.snooze_date)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        # A hidden page draws its thousands of rows only when shown.
        self.when_shown = WhenShown(self, lambda: self._show(self.watch.reminders))
        watch.updated.connect(lambda _reminders: self.when_shown.request())
        self._show(watch.reminders)

    # --- showing ---------------------------------------------------------------------------

    def _show(self, reminders: Sequence[Reminder]) -> None:
        today = self.watch.read_on or self.watch.service.clock()
        officer = self.ui.app.device.officer_name
        self.title.setText("<b>" + self.tr("My work: {0}, {1}").format(officer, today.isoformat()) + "</b>")
        self.snooze_date.setMinimumDate(_qdate(today + dt.timedelta(days=1)))
        if self.snooze_date.date() <= _qdate(today):
            self.snooze_date.setDate(_qdate(today + dt.timedelta(days=1)))
        kept = {r.key for r in self.selected()}
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        for kind in ReminderKind:
            group = [r for r in reminders if r.kind is kind]
            if not group:
                continue
            head = QTreeWidgetItem([f"{heading(kind)} ({len(group)})"])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            date_name = QCoreApplication.translate("my_work", DATE_NAMES[kind])
            for r in group:
                item = QTreeWidgetItem(head, [r.date.isoformat(), r.title, r.case_reference])
                item.setData(0, REMINDER_ROLE, r)
                item.setToolTip(0, date_name)
                if r.key in kept:
                    item.setSelected(True)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)  # only once in the tree: it is the tree that keeps it
            head.setExpanded(True)
        self.tree.setUpdatesEnabled(True)
        self.tree.setVisible(bool(reminders))
        self.empty.setVisible(not reminders)
        self._selection_changed()

    def _items(self) -> list[QTreeWidgetItem]:
        """The reminders' rows (not the kinds' headings), in order."""
        items = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            assert head is not None
            items += [child for j in range(head.childCount()) if (child := head.child(j)) is not None]
        return items

    def rows(self) -> list[Reminder]:
        """Every reminder listed, in order."""
        return [item.data(0, REMINDER_ROLE) for item in self._items()]

    def selected(self) -> list[Reminder]:
        return [r for r in (i.data(0, REMINDER_ROLE) for i in self.tree.selectedItems()) if r is not None]

    def select(self, reminders: Sequence[Reminder]) -> None:
        keys = {r.key for r in reminders}
        self.tree.clearSelection()
        for item in self._items():
            item.setSelected(item.data(0, REMINDER_ROLE).key in keys)

    def _selection_changed(self) -> None:
        chosen = bool(self.selected())
        for button in (self.open_button, self.dismiss_button, self.snooze_button):
            button.setEnabled(chosen)
        self.open_button.setEnabled(len(self.selected()) == 1)

    # --- acting ----------------------------------------------------------------------------

    def _open_item(self, item: QTreeWidgetItem) -> None:
        reminder = item.data(0, REMINDER_ROLE)
        if reminder is not None:
            self.open_record.emit(reminder.entity, reminder.record_id)

    def open_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.open_record.emit(chosen[0].entity, chosen[0].record_id)

    def dismiss_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self.watch.hide(chosen, None)

    def snooze_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            until = self.snooze_date.date().toPython()
            assert isinstance(until, dt.date)
            self.watch.hide(chosen, until)


class DailyNotice(QObject):
    """A desktop notification from the system tray, once a day, when there is something to do.

    The day it was shown is kept in the database (``ReminderService.notify_today``), so a restart the
    same day stays quiet. Without a system tray (some Linux desktops, a test) nothing happens."""

    def __init__(self, watch: ReminderWatch, on_clicked: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.watch = watch
        self.on_clicked = on_clicked
        self.tray: QSystemTrayIcon | None = None
        self.shown: list[tuple[str, str]] = []  # what was notified, for a test to read
        self.done_on: dt.date | None = None  # asked and answered today: the database is not asked again
        watch.updated.connect(self.check)

    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def check(self, reminders: Sequence[Reminder]) -> bool:
        today = self.watch.service.clock()
        if not reminders or self.done_on == today or not self.available():
            return False
        self.done_on = today
        if not self.watch.service.notify_today():
            return False
        title = QCoreApplication.translate("my_work", "MissionDesk reminders today: {0}").format(
            len(reminders)
        )
        text = "\n".join(count_lines(reminders))
        self.notify(title, text)
        return True

    def notify(self, title: str, text: str) -> None:
        if self.tray is None:
            from missiondesk.ui.launch import ICON  # at first use: launch imports the main window

            app = QApplication.instance()
            icon = app.windowIcon() if isinstance(app, QApplication) else QIcon()
            if icon.isNull():  # a tray entry without an icon is invisible, and Qt refuses to show it
                icon = QIcon(str(ICON))
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("MissionDesk")
            self.tray.messageClicked.connect(self.on_clicked)
            self.tray.activated.connect(lambda _reason: self.on_clicked())
        self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
        self.shown.append((title, text))

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
