"""Every change reaches every screen through ``ui.changes``: rows update in place, hidden pages read
again when shown, undo and the trash reach the lists, the timeline, the trash and the dashboard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui.dashboard import Dashboard
from missiondesk.ui.details import CaseDetail
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.record_model import ID_ROLE, PAGE_SIZE
from missiondesk.ui.trash_page import TrashPage

CASES = PAGE_SIZE * 2 + 50


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    return open_window(mission)


def cases_page(window: MainWindow) -> ListPage:
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    return page


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_edit_updates_its_row_in_place_keeping_scroll_and_selection(
    qtbot: QtBot, mission: AppContext
) -> None:
    records = RecordService(mission)
    for n in range(CASES):
        records.create("support_case", {"title": f"사례 {n:03d}"})
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.show()
    page = cases_page(window)
    model, table = page.model, page.table
    qtbot.waitUntil(lambda: model.total == CASES)  # counted off the GUI thread
    row = PAGE_SIZE + 30  # on the second page, so a reset would lose it
    table.scrollTo(model.index(row, 0))
    shown = page.select_row(row)  # may scroll a little more to show the whole row
    assert shown is not None
    scrolled = table.verticalScrollBar().value()  # where the officer is when the edit is saved
    assert scrolled > 0
    resets: list[int] = []
    counts: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.counted.connect(counts.append)

    editor = page.detail.editor
    editor.form.set("title", "제목을 고친 사례")
    click(qtbot, editor.save_button)

    title = next(i for i, c in enumerate(model.columns) if c.key == "title")
    assert model.index(row, title).data() == "제목을 고친 사례"
    assert resets == [] and counts == []  # no reset, no count run again
    assert table.verticalScrollBar().value() == scrolled
    [selected] = table.selectionModel().selectedRows()
    assert selected.row() == row and selected.data(ID_ROLE) == shown.id
    window.close()


def test_a_hidden_page_reads_again_when_shown_after_a_change_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    companies = window.go("company")
    assert isinstance(companies, ListPage) and companies.model.total == 0
    page = cases_page(window)
    click(qtbot, page.new_button)
    dialog = page.detail.editor.add_linked_record("company_id", "한빛배터리")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.editor.save_button)
    # The company list did not hear it out of sight: it reads when it is shown.
    assert companies.model.total == 0
    window.go("company")
    assert companies.model.total == 1
    assert companies.model.record_at(0).get("name_ko") == "한빛배터리"


def test_the_dashboard_counts_again_only_after_a_change(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.page("reports").refreshed, timeout=10_000):  # type: ignore[attr-defined]
        window.go("reports")
    dashboard = window.page("reports")
    assert isinstance(dashboard, Dashboard)
    assert dashboard.report is not None
    before = dashboard.report.tallies["cases_received"]
    counted: list[object] = []
    dashboard.refreshed.connect(counted.append)
    cases_page(window)
    # The case list's own work (its count, start-up's settle step) finishes first: not the dashboard's.
    qtbot.waitUntil(lambda: not window.ui.tasks.running, timeout=30_000)
    window.go("reports")
    assert counted == [] and not window.ui.tasks.running  # nothing changed: nothing counted

    page = cases_page(window)
    click(qtbot, page.new_button)
    page.detail.editor.form.editors["title"].setText("오늘 접수한 사례")
    click(qtbot, page.detail.editor.save_button)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        window.go("reports")
    assert dashboard.report.tallies["cases_received"] == before + 1


def test_undo_and_the_trash_reach_the_timeline_the_trash_and_the_counts(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = cases_page(window)
    click(qtbot, page.new_button)
    detail = page.detail
    assert isinstance(detail, CaseDetail)
    detail.editor.form.editors["title"].setText("공장 부지 확보")
    click(qtbot, detail.editor.save_button)
    trash = window.go("trash")
    assert isinstance(trash, TrashPage)
    page = cases_page(window)
    detail.quick_add.notes.setText("주정부 면담")
    detail.quick_add.add()
    [activity] = detail.activities.rows()
    unsent = window.status.unsent.text()

    # An activity deleted from its dialog leaves the timeline; Undo (Ctrl+Z) brings it back there.
    dialog = detail.activities.edit(activity)
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.editor.delete_button)
    assert detail.activities.rows() == [] and window.status.unsent.text() != unsent
    assert window.status.undo_button.isVisible()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: [r.id for r in detail.activities.rows()] == [activity.id])
    assert not window.status.undo_button.isVisible()

    # Deleted again, then restored from the trash: the timeline has it when the case list is shown.
    dialog = detail.activities.edit(detail.activities.rows()[0])
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.editor.delete_button)
    window.go("trash")
    trash.show_kind("case_activity")
    assert trash.model.total == 1
    trash.table.selectRow(0)
    [restored] = trash.restore_selected()
    assert restored.record_id == activity.id and trash.model.total == 0
    assert not window.status.undo_button.isVisible()  # what Undo offered is back already
    cases_page(window)
    assert [r.id for r in detail.activities.rows()] == [activity.id]
