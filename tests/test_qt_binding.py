"""The Qt binding keeps Python's reference counts straight (a broken release aborts the app mid-session).

PySide6 6.12.0 dropped a reference to None on every Qt call that returns nothing. On Python 3.11, where
None is an ordinary object, a few hundred selections in a list then aborted the app with "Fatal Python
error: deallocating None". ``pyproject.toml`` keeps that release out; this test keeps any such release out.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow


@contextmanager
def _no_collection() -> Iterator[None]:
    """Earlier tests' garbage freed mid-count would release its references to None too (a suite run under
    wine lost 32,000 that way): collect it first, and let no collection run while counting."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_qt_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    with _no_collection():
        before = sys.getrefcount(None)
        for i in range(5000):
            label.setText(str(i))
            label.setToolTip("x")
            label.update()
            QCoreApplication.processEvents()
        after = sys.getrefcount(None)
    assert after - before > -500  # a broken binding loses 20,000


def test_browsing_a_list_for_a_while_does_not_wear_anything_out(qtbot: QtBot, mission: AppContext) -> None:
    for i in range(5):
        RecordService(mission).create("support_case", {"title": f"사례 {i}", "received_date": "2026-03-02"})
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.show()
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)
    loop = QEventLoop()
    with _no_collection():
        before = sys.getrefcount(None)
        for i in range(300):
            page.table.selectRow(i % 5)
            loop.processEvents()
        after = sys.getrefcount(None)
    assert after - before > -1000  # 6.12.0 lost about 165 per selection: 50,000
