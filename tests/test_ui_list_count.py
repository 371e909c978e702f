"""A filtered list counts its matches off the GUI thread, once the changes have paused: the first page
is shown first, and a count overtaken by the next change is never started."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from missiondesk.domain.records import ListQuery
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.record_model import PAGE_SIZE


@pytest.fixture
def page(open_window: Callable[..., MainWindow], mission: AppContext, qtbot: QtBot) -> ListPage:
    generate_demo(mission, cases=PAGE_SIZE * 4)
    window = open_window(mission)
    shown = window.go("support_case")
    assert isinstance(shown, ListPage)
    # The first page, then its count once the changes pause (400 demo cases: slow under wine).
    qtbot.waitUntil(lambda: shown._count_due is None and not window.ui.tasks.running, timeout=30_000)
    qtbot.waitUntil(lambda: not shown.model.counting, timeout=30_000)
    return shown


def search(page: ListPage, text: str) -> None:
    """Type ``text`` and send the query at once (what the search box's timer calls)."""
    page.filter_bar.search.blockSignals(True)
    page.filter_bar.search.setText(text)
    page.filter_bar.search.blockSignals(False)
    page.filter_bar._emit()


def _counted_queries(page: ListPage, monkeypatch: pytest.MonkeyPatch) -> list[ListQuery]:
    """The queries the page asks the service to count (on a worker thread), in order."""
    asked: list[ListQuery] = []
    count = page.ui.records.count

    def counting(query: ListQuery, task: Any = None) -> int:
        asked.append(query)
        return count(query, task)

    monkeypatch.setattr(page.ui.records, "count", counting)
    return asked


def test_a_burst_of_changes_counts_only_the_last_query(
    page: ListPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = page.ui.records.count(ListQuery("support_case", text="DE-FRA"))
    asked = _counted_queries(page, monkeypatch)
    for text in ("DE", "DE-", "DE-FRA"):  # each a full first page: each would need a count
        search(page, text)
        assert page.model.total == PAGE_SIZE and page.model.counting
        assert page.count.text().startswith(f"{PAGE_SIZE}+")  # the first page is shown, counting
    qtbot.waitUntil(lambda: not page.model.counting, timeout=30_000)
    # Only the last query was counted: the two before it were overtaken before their count started.
    assert [q.text for q in asked] == ["DE-FRA"]
    assert page.model.total == everything == page.model.rowCount()
    assert page.count.text() == f"{everything:,} shown"


def test_a_change_while_counting_stops_that_count_and_counts_the_new_query(
    page: ListPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = page.ui.records.count(ListQuery("support_case", equals={"status": "closed"}, text="DE"))
    asked = _counted_queries(page, monkeypatch)
    search(page, "DE")
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=30_000)  # the first count has started
    page.filter_bar.set_filter("status", "closed")  # a combo box sends its change at once
    qtbot.waitUntil(lambda: not page.model.counting, timeout=30_000)
    assert [q.equals for q in asked] == [{}, {"status": "closed"}]
    assert page.model.total == closed  # the first count's answer, if it came, was not shown


class _Paints(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_filter_change_paints_the_list_once(page: ListPage, qtbot: QtBot) -> None:
    """The rows are laid out with the reset, so the paint the reset asks for is the only one (the view's
    own layout, deferred to a zero timer, used to follow it and paint the list a second time)."""
    paints = _Paints(page.table.viewport())
    page.filter_bar.set_filter("status", "closed")
    qtbot.waitUntil(lambda: paints.count >= 1)
    for _ in range(5):  # the zero timers and posted events a change leaves, short of the count's pause
        QApplication.processEvents()
    assert page.model.counting  # the count (and the rows it may add) has not come in yet
    assert paints.count == 1
