"""Every keyboard shortcut of the app, in one place (git-cola's hotkeys module).

Menus and toolbars build their actions from these, so the same key never
means two things and the Help > Keyboard shortcuts list is always true.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

from missiondesk.ui.i18n import QT_TRANSLATE_NOOP

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class Shortcut:
    name: str
    text: str  # marked for translation; shown in menus
    key: str | QKeySequence.StandardKey  # a QKeySequence is made only once a QApplication exists

    @property
    def keys(self) -> QKeySequence:
        return QKeySequence(self.key)

    def label(self) -> str:
        return QCoreApplication.translate("shortcut", self.text)


def _s(name: str, text: str, keys: str | QKeySequence.StandardKey) -> Shortcut:
    return Shortcut(name, text, keys)


SHORTCUTS: tuple[Shortcut, ...] = (
    _s("new", QT_TRANSLATE_NOOP("shortcut", "&New"), Key.New),
    _s("save", QT_TRANSLATE_NOOP("shortcut", "&Save"), Key.Save),
    _s("find", QT_TRANSLATE_NOOP("shortcut", "&Find"), Key.Find),
    _s("search_all", QT_TRANSLATE_NOOP("shortcut", "Search &everything…"), "Ctrl+Shift+F"),
    _s("delete", QT_TRANSLATE_NOOP("shortcut", "Move to &trash"), Key.Delete),
    _s("undo_delete", QT_TRANSLATE_NOOP("shortcut", "&Undo delete"), Key.Undo),
    _s("refresh", QT_TRANSLATE_NOOP("shortcut", "&Refresh"), Key.Refresh),
    _s("add_activity", QT_TRANSLATE_NOOP("shortcut", "Add &activity"), "Ctrl+Shift+A"),
    _s("go_cases", QT_TRANSLATE_NOOP("shortcut", "&Cases"), "Ctrl+1"),
    _s("go_briefs", QT_TRANSLATE_NOOP("shortcut", "Market &briefs"), "Ctrl+2"),
    _s("go_meetings", QT_TRANSLATE_NOOP("shortcut", "Council &meetings"), "Ctrl+3"),
    _s("go_companies", QT_TRANSLATE_NOOP("shortcut", "C&ompanies"), "Ctrl+4"),
    _s("go_proposals", QT_TRANSLATE_NOOP("shortcut", "&Proposals"), "Ctrl+5"),
    _s("go_tasks", QT_TRANSLATE_NOOP("shortcut", "&Tasks"), "Ctrl+6"),
    _s("go_trash", QT_TRANSLATE_NOOP("shortcut", "T&rash"), "Ctrl+7"),
    _s("case_summary", QT_TRANSLATE_NOOP("shortcut", "Case &summary…"), Key.Print),
    _s("export_bundle", QT_TRANSLATE_NOOP("shortcut", "&Export bundle…"), "Ctrl+E"),
    _s("import_bundles", QT_TRANSLATE_NOOP("shortcut", "&Import…"), "Ctrl+I"),
    _s("sync_now", QT_TRANSLATE_NOOP("shortcut", "Sync &now"), "F9"),
    _s("conflicts", QT_TRANSLATE_NOOP("shortcut", "Review &conflicts…"), "Ctrl+Shift+C"),
    _s("shortcuts", QT_TRANSLATE_NOOP("shortcut", "&Keyboard shortcuts"), "F1"),
    _s("quit", QT_TRANSLATE_NOOP("shortcut", "&Quit"), "Ctrl+Q"),
)

_BY_NAME = {s.name: s for s in SHORTCUTS}


def shortcut(name: str) -> Shortcut:
    return _BY_NAME[name]
