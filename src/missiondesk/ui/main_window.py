"""The main window: navigation on the left, one page per kind of work, the status bar below.

Pages are built the first time they are shown, so start-up pays for the case
list only. Every change a page reports updates the status bar counts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
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
from missiondesk.domain.records import Change, ListQuery
from missiondesk.errors import MissionDeskError
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext
from missiondesk.services.lookups import display_title
from missiondesk.ui import theme
from missiondesk.ui.conflict_dialog import ConflictDialog
from missiondesk.ui.details import CaseDetail
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.shortcuts import SHORTCUTS, shortcut
from missiondesk.ui.status_bar import StatusBar
from missiondesk.ui.trash_page import TrashPage
from missiondesk.ui.ui_context import UiContext
from missiondesk.ui.window_state import WindowState

# The navigation, in order: (key, name marked for translation).
PAGES: tuple[tuple[str, str], ...] = (
    ("support_case", QT_TRANSLATE_NOOP("nav", "Cases")),
    ("market_brief", QT_TRANSLATE_NOOP("nav", "Market briefs")),
    ("council_meeting", QT_TRANSLATE_NOOP("nav", "Council meetings")),
    ("company", QT_TRANSLATE_NOOP("nav", "Companies")),
    ("proposal", QT_TRANSLATE_NOOP("nav", "Proposals")),
    ("task", QT_TRANSLATE_NOOP("nav", "Tasks")),
    ("trash", QT_TRANSLATE_NOOP("nav", "Trash")),
    ("sync", QT_TRANSLATE_NOOP("nav", "Sync")),
    ("reports", QT_TRANSLATE_NOOP("nav", "Reports")),
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
DUE_SOON_DAYS = 7


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None, problem: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 800)
        self.conflict_dialog: ConflictDialog | None = None
        if ctx is None:
            self.problem = QLabel(problem, self)
            self.problem.setWordWrap(True)
            self.problem.setTextFormat(Qt.TextFormat.PlainText)
            self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(self.problem)
            return
        self.setWindowTitle(f"{APP_NAME} — {ctx.device.mission} · {ctx.device.officer_name}")
        self.ui = UiContext.create(ctx, self)
        self.window_state = WindowState(ctx.paths.root)
        self.last_delete: Change | None = None
        self.actions_: dict[str, QAction] = {}
        self.pages: dict[str, QWidget] = {}

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        for key, name in PAGES:
            item = QListWidgetItem(QCoreApplication.translate("nav", name))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setMaximumWidth(220)
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.nav.setFont(font)
        self.nav.setSpacing(3)
        self.due_soon = QPushButton(self)
        self.due_soon.setObjectName("due_soon")
        self.due_soon.setFlat(True)
        self.due_soon.setStyleSheet("text-align: left; font-weight: bold; color: #c25e00; padding: 6px;")
        self.due_soon.clicked.connect(lambda: self.go("task"))
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.nav)
        side_box.addWidget(self.due_soon)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1090])
        self.setCentralWidget(self.splitter)
        self.status = StatusBar(self)
        self.status.undo_requested.connect(self.undo_delete)
        self.setStatusBar(self.status)
        self._build_actions()
        self._build_menus()
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.go("support_case")
        self.window_state.restore(self)
        self.theme_name = self.window_state.value("view/theme", "system")
        self.refresh_counts()

    # --- pages -----------------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page for a navigation key, built on first use."""
        if key not in self.pages:
            widget: QWidget
            if key == "trash":
                trash = TrashPage(self.ui, self)
                trash.changed.connect(self._changed)
                widget = trash
            elif key == "sync":
                widget = self._sync_page()
            elif key == "reports":
                widget = self._reports_page()
            else:
                list_page = ListPage(self.ui, key, self)
                list_page.changed.connect(self._changed)
                widget = list_page
            self.pages[key] = widget
            self.stack.addWidget(widget)
            self.window_state.restore_children(widget)
        return self.pages[key]

    def go(self, key: str) -> QWidget:
        widget = self.page(key)
        current = self.stack.currentWidget()
        if isinstance(current, ListPage) and current is not widget and not current.detail.commit_pending():
            return current
        self.stack.setCurrentWidget(widget)
        row = [k for k, _ in PAGES].index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        if isinstance(widget, TrashPage):
            widget.refresh()
        elif key == "reports":
            self._refresh_reports()
        return widget

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            shown = self.go(PAGES[row][0])
            if shown is not self.pages[PAGES[row][0]]:  # the edit could not be saved: stay
                self.nav.blockSignals(True)
                self.nav.setCurrentRow(list(self.pages.values()).index(shown))
                self.nav.blockSignals(False)

    def current_list(self) -> ListPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, ListPage) else None

    def _sync_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("page_sync")
        text = QLabel(
            self.tr(
                "Changes are saved on this computer and wait in the outbox until HQ acknowledges them.\n"
                "Conflicts found by HQ's merge engine are reviewed here."
            ),
            page,
        )
        text.setWordWrap(True)
        review = QPushButton(self.tr("Review conflicts…"), page)
        review.clicked.connect(self.open_conflicts)
        box = QVBoxLayout(page)
        box.addWidget(text)
        box.addWidget(review, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)
        return page

    def _reports_page(self) -> QWidget:
        from missiondesk.ui.dashboard import Dashboard  # built on first visit: start-up does not pay for it

        page = Dashboard(self.ui, self)
        page.setObjectName("page_reports")
        page.open_records.connect(self.open_records)
        self.dashboard = page
        return page

    def _refresh_reports(self) -> None:
        self.dashboard.refresh()

    def open_records(self, query: ListQuery) -> None:
        """A figure or a bar of the dashboard was clicked: show the records behind it in their list."""
        page = self.go(query.entity)
        if isinstance(page, ListPage) and page.spec.name == query.entity:
            page.apply_query(query)

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
        self._action("delete", self.delete_current)
        self._action("undo_delete", self.undo_delete)
        self._action("refresh", self.refresh_current)
        self._action("add_activity", self.add_activity)
        self._action("conflicts", self.open_conflicts)
        self._action("shortcuts", self.show_shortcuts)
        self._action("quit", self.close)
        for key, name in GO_SHORTCUTS.items():
            self._action(name, functools.partial(self.go, key))
        self.review_action = self.actions_["conflicts"]
        self.actions_["undo_delete"].setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        a = self.actions_
        file_menu = bar.addMenu(self.tr("&File"))
        for name in ("new", "save"):
            file_menu.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit = bar.addMenu(self.tr("&Edit"))
        for name in ("find", "delete", "undo_delete", "add_activity"):
            edit.addAction(a[name])
        view = bar.addMenu(self.tr("&View"))
        for name in GO_SHORTCUTS.values():
            view.addAction(a[name])
        view.addSeparator()
        view.addAction(a["refresh"])
        themes = QMenu(self.tr("&Theme"), view)
        for key, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            themes.addAction(label, functools.partial(self.set_theme, key))
        view.addMenu(themes)
        sync = bar.addMenu(self.tr("&Sync"))
        sync.addAction(a["conflicts"])
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(self.tr("&About MissionDesk"), self.about)

    def shortcut_lines(self) -> list[str]:
        return [
            f"{s.keys.toString(s.keys.SequenceFormat.NativeText):<14} {s.label().replace('&', '')}"
            for s in SHORTCUTS
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

    # --- what the actions do ----------------------------------------------------------------

    def new_record(self) -> None:
        page = self.current_list()
        if page is not None:
            page.new_record()

    def save_current(self) -> None:
        page = self.current_list()
        if page is not None:
            page.detail.editor.save()

    def focus_search(self) -> None:
        page = self.current_list()
        if page is None:
            page = self.go("support_case")  # type: ignore[assignment]
        assert isinstance(page, ListPage)
        page.focus_search()

    def delete_current(self) -> None:
        page = self.current_list()
        if page is not None and page.detail.record is not None:
            page.delete_selected()

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, ListPage | TrashPage):
            page.refresh()
        self.refresh_counts()

    def add_activity(self) -> None:
        page = self.go("support_case")
        assert isinstance(page, ListPage)
        if isinstance(page.detail, CaseDetail) and page.detail.record is not None:
            page.detail.focus_quick_add()

    def undo_delete(self) -> Change | None:
        change = self.last_delete
        if change is None:
            return None
        try:
            restored = self.ui.records.restore(change.entity, change.record_id)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        self.last_delete = None
        self.actions_["undo_delete"].setEnabled(False)
        self.status.clear_undo(self.tr("Restored."))
        self._changed(restored)
        page = self.pages.get(change.entity)
        if isinstance(page, ListPage):
            page.refresh()
            page.open_record(change.record_id)
        return restored

    def _changed(self, change: Change) -> None:
        if change.kind == "delete":
            self.last_delete = change
            self.actions_["undo_delete"].setEnabled(True)
            title = display_title(change.entity, change.record.values) if change.record is not None else ""
            self.status.offer_undo(self.tr("Moved to the trash: {0}").format(title))
        elif (
            change.kind == "restore"
            and self.last_delete is not None
            and change.record_id == self.last_delete.record_id
        ):
            self.last_delete = None
            self.actions_["undo_delete"].setEnabled(False)
            self.status.clear_undo()
        for key, page in self.pages.items():
            if key == change.entity and isinstance(page, ListPage) and page is not self.sender():
                page.model.refresh()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        assert self.ctx is not None
        try:
            unsent = self.ui.lookups.unsent_changes()
            conflicts = len(ConflictService(self.ctx).open_conflicts())
            due = self.ui.links.due_tasks(DUE_SOON_DAYS)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return
        self.status.set_counts(unsent, conflicts)
        if due:
            self.due_soon.setText(
                self.tr("{0} tasks due within a week").format(len(due)) + "\n" + "\n".join(due[:3])
            )
            self.due_soon.show()
        else:
            self.due_soon.hide()

    def open_conflicts(self) -> ConflictDialog:
        assert self.ctx is not None
        self.conflict_dialog = ConflictDialog(self.ctx, self)
        self.conflict_dialog.resolved.connect(lambda _changes: self.refresh_counts())
        self.conflict_dialog.open()
        return self.conflict_dialog

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ctx is not None:
            page = self.current_list()
            if page is not None and not page.detail.commit_pending():
                event.ignore()  # unsaved input with problems: shown at the fields, the window stays
                return
            self.window_state.save(self)
            self.ui.tasks.cancel_all()
            self.ui.tasks.wait()
        super().closeEvent(event)


def when_idle(callback: Callable[[], None]) -> None:
    """Run after the event loop has handled what is pending (the window painted)."""
    QTimer.singleShot(0, callback)
