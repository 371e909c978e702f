"""The main window: navigation on the left, one page per kind of work, the status bar below.

Pages are built the first time they are shown, so start-up pays for the case
list only. The window hears every change on ``ui.changes`` like any screen: it
updates the status bar counts, offers undo after a delete and schedules a sync.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from missiondesk import APP_NAME, __version__
from missiondesk.errors import MissionDeskError
from missiondesk.paths import DataPaths
from missiondesk.ui import i18n, prompts, theme
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.prompts import dropped_files
from missiondesk.ui.shortcuts import SHORTCUTS, shortcut
from missiondesk.ui.status_bar import StatusBar
from missiondesk.ui.window_state import WindowState

# The pages, the services and the database layer are imported when a context is attached: the
# window's frame can then be shown before SQLAlchemy is loaded (see ``launch``).
if TYPE_CHECKING:
    from missiondesk.domain.records import Change, ListQuery
    from missiondesk.reports.period import Period
    from missiondesk.services.context import AppContext
    from missiondesk.services.reminders import Reminder
    from missiondesk.services.search import SearchResult
    from missiondesk.services.sync import SyncReport, SyncService
    from missiondesk.ui.changes import ChangeSet
    from missiondesk.ui.conflict_dialog import ConflictDialog
    from missiondesk.ui.export_dialog import ExportDialog
    from missiondesk.ui.handover_dialog import HandoverDialog
    from missiondesk.ui.import_wizard import ImportWizard
    from missiondesk.ui.list_page import ListPage
    from missiondesk.ui.my_work import DailyNotice, ReminderWatch
    from missiondesk.ui.search_dialog import SearchDialog
    from missiondesk.ui.sync_ui import EnrolDialog, SyncController

# The navigation, in order: (key, name marked for translation).
PAGES: tuple[tuple[str, str], ...] = (
    ("my_work", QT_TRANSLATE_NOOP("nav", "My work")),  # the officer's reminders (ui/my_work.py)
    ("support_case", QT_TRANSLATE_NOOP("nav", "Cases")),
    ("market_brief", QT_TRANSLATE_NOOP("nav", "Market briefs")),
    ("council_meeting", QT_TRANSLATE_NOOP("nav", "Council meetings")),
    ("company", QT_TRANSLATE_NOOP("nav", "Companies")),
    ("proposal", QT_TRANSLATE_NOOP("nav", "Proposals")),
    ("task", QT_TRANSLATE_NOOP("nav", "Tasks")),
    ("trash", QT_TRANSLATE_NOOP("nav", "Trash")),
    ("sync", QT_TRANSLATE_NOOP("nav", "Sync")),
    ("reports", QT_TRANSLATE_NOOP("nav", "Reports")),
    ("hq_views", QT_TRANSLATE_NOOP("nav", "Missions and data")),  # HQ only: hidden at a mission
)
GO_SHORTCUTS = {
    "support_case": "go_cases",
    "market_brief": "go_briefs",
    "council_meeting": "go_meetings",
    "company": "go_companies",
    "proposal": "go_proposals",
    "task": "go_tasks",
    "trash": "go_trash",
}
START_PAGE = "view/start_page"  # "my_work" when the officer chose to start on My work
SYNC_START_DELAY_MS = 1500
SETTLE_DELAY_MS = 100  # after the first page: the counts, reminders and clean-up that can wait for it
_DROPPABLE = (".xlsx", ".xls", ".csv", ".zip")  # bundles and side-cars, or a person's spreadsheet
OPEN_WINDOWS: list[MainWindow] = []  # a window that replaced another (a language switch) is kept here


def plain(label: str) -> str:
    """A menu label without its mnemonic: "새로 만들기(&N)" -> "새로 만들기", "&New" -> "New"."""
    return re.sub(r"\(&\w\)", "", label).replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


class MainWindow(QMainWindow):
    """``MainWindow(ctx)`` is ready at once. ``MainWindow(None, opening=paths)`` is the frame of the
    window, shown while the database opens elsewhere; ``attach(ctx)`` then fills it in.
    ``MainWindow(None, problem)`` only says why nothing could be opened."""

    def __init__(
        self, ctx: AppContext | None, problem: str = "", *, opening: DataPaths | None = None
    ) -> None:
        super().__init__()
        self.ctx: AppContext | None = None
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.conflict_dialog: ConflictDialog | None = None
        if ctx is None and opening is None:
            self.show_problem(problem)
            return
        self._build_frame()
        if ctx is not None:
            self.attach(ctx)
        else:
            assert opening is not None
            WindowState(opening.root).restore(self)  # where it was last time, before it is shown

    def show_problem(self, problem: str) -> None:
        self.problem = QLabel(problem, self)
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.problem)

    def _build_frame(self) -> None:
        """Navigation, the page stack (saying the database is opening) and the status bar."""
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        for key, name in PAGES:
            item = QListWidgetItem(QCoreApplication.translate("nav", name))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.nav.setFont(font)
        self.nav.setSpacing(3)
        self.nav.setCurrentRow(0)
        self.due_soon = QPushButton(self)
        self.due_soon.setObjectName("due_soon")
        self.due_soon.setFlat(True)
        self.due_soon.setStyleSheet("text-align: left; font-weight: bold; color: #c25e00; padding: 6px;")
        self.due_soon.hide()
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.nav)
        side_box.addWidget(self.due_soon)
        self.stack = QStackedWidget(self)
        self.opening = QLabel(self.tr("Opening the database…"), self.stack)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.opening)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1090])
        self.setCentralWidget(self.splitter)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.actions_: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._set_actions_enabled(False)  # the menus are in place, usable once the database is open

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.menuBar().setEnabled(enabled)
        for name, action in self.actions_.items():
            action.setEnabled(enabled or name == "quit")

    def attach(self, ctx: AppContext) -> None:
        """Fill the frame in for an open context: actions, menus, the case list, the counts."""
        from missiondesk.domain.permissions import Role
        from missiondesk.ui.ui_context import UiContext

        self.ctx = ctx
        self.setWindowTitle(f"{APP_NAME} — {ctx.device.mission} · {ctx.device.officer_name}")
        self.setAcceptDrops(True)  # bundles dropped on the window open the import wizard
        self.ui = UiContext.create(ctx, self)
        self.window_state = WindowState(ctx.paths.root)
        self.last_delete: Change | None = None
        self._reminders: ReminderWatch | None = None  # made with the first reading, after the first page
        self._notice: DailyNotice | None = None
        self.due_soon.clicked.connect(lambda: self.go("my_work"))
        self.status.undo_requested.connect(self.undo_delete)
        self._sync: SyncController | None = None
        self.closing = False
        self._set_actions_enabled(True)
        self.actions_["undo_delete"].setEnabled(False)  # until something is deleted
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.ui.changes.changed.connect(self._changes_heard)
        # HQ's comparison of the missions and its data-quality list: a laptop holds one mission's data.
        self.nav.item([k for k, _ in PAGES].index("hq_views")).setHidden(ctx.device.role is not Role.HQ)
        self.go("my_work" if self.window_state.value(START_PAGE) == "my_work" else "support_case")
        self.stack.removeWidget(self.opening)
        self.opening.deleteLater()
        self.window_state.restore(self)
        self.theme_name = self.window_state.value("view/theme", "system")
        for actions, current in (
            (self.theme_actions, self.theme_name),
            (self.language_actions, self.window_state.value("view/language", "system")),
        ):
            if current in actions:
                actions[current].setChecked(True)
        # What the first page does not need waits until it is shown (start-up's "ready" does not wait).
        self.settled = False
        QTimer.singleShot(SETTLE_DELAY_MS, self, self._settle)
        # Background sync starts a moment after the window is up (its HTTP stack is not needed to show it).
        QTimer.singleShot(SYNC_START_DELAY_MS, self, self.start_sync)
        QTimer.singleShot(SYNC_START_DELAY_MS, self, self._read_attachment_words)
        self.search_dialog: SearchDialog | None = None

    @property
    def reminders(self) -> ReminderWatch:
        """My work's reminders and the tray's daily notice, made on first use (My work as the start page,
        else a moment after the first page: their module and the tallies it uses are not loaded before)."""
        if self._reminders is None:
            from missiondesk.ui.my_work import DailyNotice, ReminderWatch

            self._reminders = ReminderWatch(self.ui, self)
            self._reminders.updated.connect(self._show_reminder_counts)
            self._notice = DailyNotice(self._reminders, self._bring_my_work, self)
        return self._reminders

    @property
    def notice(self) -> DailyNotice:
        self.reminders  # noqa: B018 - made with the reminders it watches
        assert self._notice is not None
        return self._notice

    def _settle(self) -> None:
        """A moment after the first page is shown: the status bar's counts, My work's reminders (and with
        them the tray's daily notice), and the plain copies of opened files an earlier run left (a
        viewer held them, or it was stopped)."""
        if self.closing or self.ctx is None:
            return
        _remove_viewer_copies(self.ctx)
        self.refresh_counts()
        self.reminders.refresh()
        self.settled = True

    def start_sync(self) -> None:
        """Make the sync service (its HTTP stack and the OS keyring take 150 ms to load) on a worker
        thread, so the window does not stall under the officer's hands; then start syncing."""
        ctx = self.ctx
        assert ctx is not None

        def prepare(_task: object) -> SyncService:
            from missiondesk.services.sync import SyncService

            return SyncService(ctx)

        self.ui.tasks.run(
            self.tr("Preparing sync"),
            prepare,
            lambda service: None if self.closing else self._make_sync(service).start(),
            self.ui.errors.show,
            show_progress=False,
        )

    @property
    def sync(self) -> SyncController:
        """The background sync, made on first use."""
        return self._make_sync(None)

    def _make_sync(self, service: SyncService | None) -> SyncController:
        if self._sync is None:
            from missiondesk.ui.sync_ui import SyncController

            self._sync = SyncController(self.ui, self.status.sync, service)
            self._sync.synced.connect(self._after_sync)
            self._sync.failed.connect(lambda _message: self.refresh_counts())
        return self._sync

    # --- pages -----------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page for a navigation key, built on first use."""
        from missiondesk.ui.list_page import ListPage
        from missiondesk.ui.trash_page import TrashPage

        if key not in self.pages:
            widget: QWidget
            if key == "trash":
                widget = TrashPage(self.ui, self)
            elif key == "sync":
                widget = self._sync_page()
            elif key == "reports":
                widget = self._reports_page()
            elif key == "hq_views":
                widget = self._hq_views_page()
            elif key == "my_work":
                widget = self._my_work_page()
            else:
                list_page = ListPage(self.ui, key, self)
                list_page.detail_created = self.window_state.restore_children
                widget = list_page
            self.pages[key] = widget
            self.stack.addWidget(widget)
            self.window_state.restore_children(widget)
        return self.pages[key]

    def go(self, key: str) -> QWidget:
        from missiondesk.ui.changes import Freshness
        from missiondesk.ui.list_page import ListPage

        widget = self.page(key)
        current = self.stack.currentWidget()
        if isinstance(current, ListPage) and current is not widget and not current.commit_pending():
            return current
        self.stack.setCurrentWidget(widget)
        row = [k for k, _ in PAGES].index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        freshness = widget.findChild(Freshness, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if freshness is not None:
            freshness.shown()  # a page that heard of changes while hidden reads again now
        if key == "hq_views":
            widget.refresh()  # type: ignore[attr-defined]  # the dashboard's period may have changed
        return widget

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            shown = self.go(PAGES[row][0])
            if shown is not self.pages[PAGES[row][0]]:  # the edit could not be saved: stay
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(list(self.pages.values()).index(shown))
                self.nav.blockSignals(False)

    def current_list(self) -> ListPage | None:
        from missiondesk.ui.list_page import ListPage

        widget = self.stack.currentWidget()
        return widget if isinstance(widget, ListPage) else None

    def _sync_page(self) -> QWidget:
        from missiondesk.ui.sync_ui import SyncPage

        page = SyncPage(self.ui, self.sync, self)
        page.review_button.clicked.connect(self.open_conflicts)
        return page

    def _after_sync(self, report: SyncReport) -> None:
        from missiondesk.ui.sync_ui import changed_records

        if not changed_records(report):  # one that changed records was heard on ui.changes
            self.refresh_counts()

    def _reports_page(self) -> QWidget:
        from missiondesk.ui.dashboard import Dashboard  # built on first visit: start-up does not pay for it

        page = Dashboard(self.ui, self)
        page.setObjectName("page_reports")
        page.open_records.connect(self.open_records)
        self.dashboard = page
        return page

    def _hq_views_page(self) -> QWidget:
        from missiondesk.ui.dashboard import Dashboard
        from missiondesk.ui.hq_views import HqViews

        def period() -> Period:  # the dashboard's, so the two count the same period
            dashboard = self.page("reports")
            assert isinstance(dashboard, Dashboard)
            return dashboard.period()

        page = HqViews(self.ui, period, self)
        page.open_records.connect(self.open_records)
        page.open_record.connect(self.open_record)
        return page

    def _my_work_page(self) -> QWidget:
        from missiondesk.ui.my_work import MyWorkPage

        page = MyWorkPage(self.ui, self.reminders, self)
        page.open_record.connect(self.open_record)
        page.start_page.setChecked(self.window_state.value(START_PAGE) == "my_work")
        page.start_page_chosen.connect(
            lambda chosen: self.window_state.set_value(START_PAGE, "my_work" if chosen else "support_case")
        )
        return page

    def _bring_my_work(self) -> None:
        """The desktop notification was clicked."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.go("my_work")

    def _show_reminder_counts(self, reminders: Sequence[Reminder]) -> None:
        from missiondesk.ui.my_work import count_lines

        lines = count_lines(reminders)
        self.due_soon.setText("\n".join(lines))
        self.due_soon.setVisible(bool(lines))
        row = self.nav.item([k for k, _ in PAGES].index("my_work"))
        name = QCoreApplication.translate("nav", PAGES[0][1])
        row.setText(f"{name} ({len(reminders)})" if reminders else name)

    def open_record(self, entity_name: str, record_id: str) -> None:
        """A row of HQ's data-quality list or of My work was opened: the record in its list's detail pane."""
        from missiondesk.ui.list_page import ListPage

        page = self.go(entity_name)
        if isinstance(page, ListPage) and page.spec.name == entity_name:
            page.open_record(record_id)

    def open_search(self) -> SearchDialog:
        """Search everything, attached files' words included (``ui/search_dialog.py``)."""
        from missiondesk.ui.search_dialog import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.ui, self.open_search_result, self)
        self.search_dialog.show()
        self.search_dialog.activateWindow()  # in front when it was open behind the window
        self.search_dialog.query.setFocus()
        return self.search_dialog

    def open_search_result(self, result: SearchResult) -> None:
        """A hit opened: its record in its list; an attachment's record on its Attachments tab."""
        from missiondesk.ui.list_page import ListPage

        entity_name, record_id = result.opens
        self.open_record(entity_name, record_id)
        page = self.current_list()
        if result.opens_attachments and isinstance(page, ListPage) and page.spec.name == entity_name:
            page.detail.show_attachment(result.record.id)

    def _read_attachment_words(self) -> None:
        """Files attached before this device read their words, or whose content came without being
        read: read in the background after the window opens (``services/attachment_text``)."""
        from missiondesk.services.attachment_text import index_pending

        ctx = self.ctx
        if ctx is not None and not self.closing:
            title = self.tr("Reading attached files")
            self.ui.tasks.run(title, lambda task: index_pending(ctx, task), show_progress=False)

    def open_records(self, query: ListQuery) -> None:
        """A figure or a bar of the dashboard was clicked: show the records behind it in their list."""
        from missiondesk.ui.list_page import ListPage

        page = self.go(query.entity)
        if isinstance(page, ListPage) and page.spec.name == query.entity:
            page.apply_query(page.filter_bar.show_query(query))  # every condition in sight

    # --- actions and menus -----------------------------------------------------------------

    def _action(self, name: str, slot: Callable[[], object]) -> QAction:
        sc = shortcut(name)
        action = QAction(sc.label(), self)
        action.setShortcut(sc.keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)
        self.actions_[name] = action
        return action

    def _build_actions(self) -> None:
        self._action("new", self.new_record)
        self._action("save", self.save_current)
        self._action("find", self.focus_search)
        self._action("search_all", self.open_search)
        self._action("delete", self.delete_current)
        self._action("undo_delete", self.undo_delete)
        self._action("refresh", self.refresh_current)
        self._action("add_activity", self.add_activity)
        self._action("conflicts", self.open_conflicts)
        self._action("sync_now", lambda: self.sync.sync_now())
        self._action("case_summary", self.save_case_summary)
        self._action("export_bundle", self.open_export)
        self._action("import_bundles", self.open_import)
        self._action("shortcuts", self.show_shortcuts)
        self._action("quit", self.close)
        for key, name in GO_SHORTCUTS.items():
            self._action(name, functools.partial(self.go, key))
        self.review_action = self.actions_["conflicts"]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        a = self.actions_
        file_menu = bar.addMenu(self.tr("&File"))
        for name in ("new", "save"):
            file_menu.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(a["case_summary"])
        file_menu.addAction(self.tr("&Hand over cases…"), self.open_handover)
        file_menu.addSeparator()
        file_menu.addAction(a["export_bundle"])
        file_menu.addAction(a["import_bundles"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit = bar.addMenu(self.tr("&Edit"))
        for name in ("find", "search_all", "delete", "undo_delete", "add_activity"):
            edit.addAction(a[name])
        view = bar.addMenu(self.tr("&View"))
        for name in GO_SHORTCUTS.values():
            view.addAction(a[name])
        view.addSeparator()
        view.addAction(a["refresh"])
        # Each menu ticks the current choice (once the data folder's settings are read, in attach).
        # The pseudo-language is a developer's layout check, offered only with MISSIONDESK_PSEUDO=1.
        self.theme_actions = self._choice_menu(
            view,
            self.tr("&Theme"),
            (
                ("system", self.tr("Follow the system")),
                ("light", self.tr("Light")),
                ("dark", self.tr("Dark")),
            ),
            self.set_theme,
        )
        offered = [("system", self.tr("Follow the system")), ("ko", "한국어"), ("en", "English")]
        if os.environ.get("MISSIONDESK_PSEUDO") == "1":
            offered.append(("pseudo", self.tr("Pseudo (layout check)")))
        self.language_actions = self._choice_menu(view, self.tr("&Language"), offered, self.set_language)
        sync = bar.addMenu(self.tr("&Sync"))
        sync.addAction(a["sync_now"])
        sync.addAction(self.tr("Connect to &HQ…"), self.open_enrolment)
        sync.addAction(a["conflicts"])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(self.tr("&About MissionDesk"), self.about)

    def _choice_menu(
        self,
        parent: QMenu,
        title: str,
        choices: Sequence[tuple[str, str]],
        choose: Callable[[str], object],
    ) -> dict[str, QAction]:
        """A submenu of exclusive choices with the current one ticked."""
        menu = QMenu(title, parent)
        group = QActionGroup(menu)
        actions = {}
        for key, label in choices:
            action = menu.addAction(label, functools.partial(choose, key))
            action.setCheckable(True)
            group.addAction(action)
            actions[key] = action
        parent.addMenu(menu)
        return actions

    def shortcut_lines(self) -> list[str]:
        return [
            f"{s.keys.toString(s.keys.SequenceFormat.NativeText):<14} {plain(s.label())}" for s in SHORTCUTS
        ]

    def show_shortcuts(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Keyboard shortcuts"), "", parent=self)
        box.setText("<pre>" + "\n".join(self.shortcut_lines()) + "</pre>")
        box.open()
        self.shortcuts_box = box
        return box

    def about(self) -> None:
        QMessageBox.about(self, APP_NAME, f"{APP_NAME} {__version__}")

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, name)
        self.theme_name = name
        self.window_state.set_value("view/theme", name)
        if name in getattr(self, "theme_actions", {}):
            self.theme_actions[name].setChecked(True)

    def set_language(self, language: str) -> MainWindow | None:
        """Switch the language: what was typed is saved, and a new window opens where this one was."""
        from missiondesk.ui.list_page import ListPage

        page = self.current_list()
        if page is not None and not page.commit_pending():
            return None
        assert self.ctx is not None
        self.window_state.set_value("view/language", language)
        self.window_state.save(self)
        i18n.install(language)
        successor = MainWindow(self.ctx)
        key = next((k for k, w in self.pages.items() if w is self.stack.currentWidget()), "support_case")
        successor.go(key)
        shown = page.shown_record if page is not None else None
        target = successor.pages.get(key)
        if page is not None and isinstance(target, ListPage):
            # The list keeps what it was searching and filtering for, then the record it showed.
            target.apply_query(target.filter_bar.show_query(page.filter_bar.query()))
        if shown is not None and isinstance(target, ListPage):
            target.open_record(shown.id)
        successor.show()
        OPEN_WINDOWS.append(successor)
        self.close()
        if self in OPEN_WINDOWS:
            OPEN_WINDOWS.remove(self)
        return successor

    # --- what the actions do ----------------------------------------------------------------

    def new_record(self) -> None:
        page = self.current_list()
        if page is not None:
            page.new_record()

    def save_current(self) -> None:
        page = self.current_list()
        if page is not None and page.has_detail:
            page.detail.editor.save()

    def focus_search(self) -> None:
        from missiondesk.ui.list_page import ListPage

        page = self.current_list()
        if page is None:
            page = self.go("support_case")  # type: ignore[assignment]
        assert isinstance(page, ListPage)
        page.focus_search()

    def delete_current(self) -> None:
        page = self.current_list()
        if page is not None and page.shown_record is not None:
            page.delete_selected()

    def refresh_current(self) -> None:
        from missiondesk.ui.list_page import ListPage
        from missiondesk.ui.trash_page import TrashPage

        page = self.stack.currentWidget()
        if isinstance(page, ListPage | TrashPage):
            page.refresh()
        self.refresh_counts()
        self.reminders.refresh()

    def add_activity(self) -> None:
        from missiondesk.ui.details import CaseDetail
        from missiondesk.ui.list_page import ListPage

        page = self.go("support_case")
        assert isinstance(page, ListPage)
        if page.shown_record is not None and isinstance(page.detail, CaseDetail):
            page.detail.focus_quick_add()

    def undo_delete(self) -> Change | None:
        from missiondesk.ui.list_page import ListPage

        change = self.last_delete
        if change is None:
            return None
        try:
            restored = self.ui.records.restore(change.entity, change.record_id)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        self.ui.changes.announce([restored])
        self.status.clear_undo(self.tr("Restored."))
        page = self.pages.get(change.entity)
        if isinstance(page, ListPage):
            page.open_record(change.record_id)
        return restored

    def _changes_heard(self, changes: ChangeSet) -> None:
        """Any change, made anywhere: the window's own part (the screens follow by themselves)."""
        from missiondesk.services.lookups import display_title

        if changes.local:
            self.sync.edited()  # a sync follows a burst of edits, a conflict's decision among them
        for change in changes.changes:
            if change.kind == "delete":
                self.last_delete = change
                self.actions_["undo_delete"].setEnabled(True)
                record = change.record
                title = display_title(change.entity, record.values) if record is not None else ""
                self.status.offer_undo(self.tr("Moved to the trash: {0}").format(title))
            elif (
                change.kind == "restore"
                and self.last_delete is not None
                and change.record_id == self.last_delete.record_id
            ):
                self.last_delete = None
                self.actions_["undo_delete"].setEnabled(False)
                self.status.clear_undo()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        try:
            unsent = self.ui.lookups.unsent_changes()
            conflicts = len(self.ui.conflicts.open_conflicts())
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return
        self.status.set_counts(unsent, conflicts)

    def save_case_summary(self) -> Path | None:
        """The open case on one page as a PDF (Ctrl+P), saved where the officer says and opened to print;
        named .hwpx or .docx, the same case as a document in the ministry's format."""
        from missiondesk.services.case_documents import case_summary_document
        from missiondesk.services.case_summary import CaseSummaryService
        from missiondesk.services.handover_document import write_document
        from missiondesk.ui import labels
        from missiondesk.ui.case_summary_pdf import write_case_summary
        from missiondesk.ui.list_page import ListPage

        page = self.current_list()
        if page is None or page.spec.name != "support_case" or page.shown_record is None:
            page = self.go("support_case")  # type: ignore[assignment]
            if not isinstance(page, ListPage) or page.shown_record is None:
                self.status.say(self.tr("Open a case first: its summary is printed from its detail pane."))
                return None
        if not page.commit_pending():
            return None  # what was typed cannot be saved: the summary would not show it
        assert self.ctx is not None and page.shown_record is not None
        case = page.shown_record
        folder = Path.home() if Path.home().exists() else self.ctx.paths.root
        suggested = folder / f"{case.get('reference')}.pdf"
        path = prompts.save_file(
            self, self.tr("Save the case summary"), suggested, prompts.CASE_SUMMARY_FILTER
        )
        if path is None:
            return None
        as_document = path.suffix.lower() in (".hwpx", ".docx")
        if not as_document and path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            service = CaseSummaryService(self.ctx, self.ui.lookups)
            summary = service.summary(service.find(case.id))
            officer = self.ctx.device.officer_name
            if as_document:
                language = "ko" if labels.korean() else "en"
                document = case_summary_document(summary, language=language, printed_by=officer)
                written = write_document(document, path)
            else:
                written = write_case_summary(summary, path, printed_by=officer)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        except OSError as exc:  # a folder that cannot be written: say so, nothing was kept
            self.ui.errors.message(
                self.tr("The summary could not be saved to {0}: {1}").format(path, exc.strerror)
            )
            return None
        self.status.say(self.tr("Case summary saved: {0}").format(written), 8000)
        prompts.show_file(written)
        return written

    def open_export(self) -> ExportDialog:
        from missiondesk.ui.export_dialog import (
            ExportDialog,  # loaded when used: start-up does not pay for it
        )

        self.export_dialog = ExportDialog(self.ui, self)
        self.export_dialog.exported.connect(
            lambda result: self.status.say(self.tr("Bundle saved: {0}").format(result.path), 8000)
        )
        self.export_dialog.open()
        return self.export_dialog

    def open_handover(self) -> HandoverDialog:
        from missiondesk.ui.handover_dialog import HandoverDialog

        self.handover_dialog = HandoverDialog(self.ui, self)
        self.handover_dialog.handed_over.connect(
            lambda result: self.status.say(
                self.tr("Handed over to {0}: {1} record(s)").format(
                    result.plan.to_officer.title, len(result.plan.items)
                ),
                8000,
            )
        )
        self.handover_dialog.open()
        return self.handover_dialog

    def open_import(self, paths: Sequence[Path] = (), table: Path | None = None) -> ImportWizard:
        from missiondesk.ui.import_wizard import ImportWizard

        self.import_wizard = ImportWizard(self.ui, paths, self, table=table)
        self.import_wizard.open()
        return self.import_wizard

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.ctx is not None and dropped_files(event.mimeData().urls(), _DROPPABLE):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Bundles (and side-cars) open the wizard on the bundle pages; a person's spreadsheet (an
        .xlsx that is no bundle, an .xls, a .csv) on the spreadsheet pages with the file filled in."""
        from missiondesk.services.bundle_import import is_bundle_file

        paths = dropped_files(event.mimeData().urls(), _DROPPABLE)
        bundles = [p for p in paths if is_bundle_file(p)]
        tables = [p for p in paths if p not in bundles and p.suffix.lower() != ".zip"]
        if bundles:
            event.acceptProposedAction()
            self.open_import(bundles)
        elif tables:
            event.acceptProposedAction()
            self.open_import(table=tables[0])

    def open_enrolment(self) -> EnrolDialog:
        from missiondesk.ui.sync_ui import SyncPage

        page = self.go("sync")
        assert isinstance(page, SyncPage)
        return page.open_enrolment()

    def open_conflicts(self) -> ConflictDialog:
        from missiondesk.ui.conflict_dialog import ConflictDialog

        self.conflict_dialog = ConflictDialog(self.ui, self)
        self.conflict_dialog.open()
        return self.conflict_dialog

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ctx is not None:
            page = self.current_list()
            if page is not None and not page.commit_pending():
                event.ignore()  # unsaved input with problems: shown at the fields, the window stays
                return
            self.window_state.save(self)
            self.closing = True  # a sync still being prepared never starts
            if self._sync is not None:
                self._sync.stop()
            self.ui.tasks.cancel_all()
            self.ui.tasks.wait()
            if self._notice is not None:
                self._notice.close()
            _remove_viewer_copies(self.ctx)
        super().closeEvent(event)


def _remove_viewer_copies(ctx: AppContext) -> None:
    """The plain copies opened files left in the temp folder: a few small deletions, not worth a task."""
    from missiondesk.services.attachments import AttachmentService

    AttachmentService(ctx).remove_temp_copies()


def when_idle(callback: Callable[[], None]) -> None:
    """Run after the event loop has handled what is pending (the window painted)."""
    QTimer.singleShot(0, callback)
