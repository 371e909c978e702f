"""Handover in the window: the "recently assigned to me" filter and the handover dialog."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.store.tables import entity_table
from missiondesk.ui.filter_bar import RECENT_DAYS
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    return open_window(mission)


def _set_assigned_on(ctx: AppContext, case_id: str, day: dt.date) -> None:
    table = entity_table("support_case")
    with ctx.store.write() as conn:
        conn.execute(sa.update(table).where(table.c.id == case_id).values(assigned_on=day))


def test_recently_assigned_to_me_shows_my_cases_assigned_in_the_last_days(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    svc = RecordService(mission)
    me = mission.device.officer_id
    other = svc.create("officer", {"name": "Anna Weber", "mission": "DE-FRA"}).record_id

    def case(title: str, officer: str) -> str:
        return svc.create("support_case", {"title": title, "officer_id": officer}).record_id

    handed_to_me = case("인계받은 사례", other)
    svc.update("support_case", handed_to_me, {"officer_id": me})  # assigned to me today
    long_mine = case("오래된 내 사례", me)
    _set_assigned_on(mission, long_mine, dt.date.today() - dt.timedelta(days=RECENT_DAYS + 1))
    edge_mine = case("경계의 내 사례", me)
    _set_assigned_on(mission, edge_mine, dt.date.today() - dt.timedelta(days=RECENT_DAYS))
    case("남의 사례", other)

    page = window.go("support_case")
    assert isinstance(page, ListPage)
    bar = page.filter_bar
    assert bar.recent is not None
    with qtbot.waitSignal(page.model.reloaded):
        bar.recent.setChecked(True)
    qtbot.waitUntil(lambda: not page.model.counting)
    shown = {page.model.record_at(i).id for i in range(page.model.rowCount())}
    assert shown == {handed_to_me, edge_mine}
    with qtbot.waitSignal(page.model.reloaded):
        bar.clear()
    assert not bar.recent.isChecked()
    qtbot.waitUntil(lambda: not page.model.counting)
    assert page.model.rowCount() == 4


def test_the_filter_is_offered_on_the_case_list_only(window: MainWindow) -> None:
    tasks = window.go("task")
    assert isinstance(tasks, ListPage) and tasks.filter_bar.recent is None


def test_the_handover_dialog_previews_requires_a_note_per_case_and_announces_the_changes(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    from missiondesk.ui.handover_dialog import NOTE, HandoverDialog
    from tests.test_handover import activities_of, build_portfolio, officer_of

    portfolio = build_portfolio(mission)
    dialog = window.open_handover()
    assert isinstance(dialog, HandoverDialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nobody chosen yet
    dialog.source.set_value(portfolio.leaving)
    dialog.target.set_value(portfolio.successor)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.plan is not None and dialog.plan.counts() == {"support_case": 3, "task": 2, "proposal": 1}
    assert dialog.table.rowCount() == 6 and ok.isEnabled()
    assert "3" in dialog.summary.text() and "이서연" in dialog.summary.text()

    case_rows = [r for r, item in enumerate(dialog.plan.items) if item.entity == "support_case"]
    dialog.note_cell(case_rows[0]).setText("부지 후보 3곳")
    ok.click()  # two cases still without a note: refused, nothing moved
    assert "2" in dialog.message.text()
    assert dialog.table.currentRow() == case_rows[1] and dialog.table.currentColumn() == NOTE
    assert officer_of(mission, "support_case", portfolio.open_cases[0]) == portfolio.leaving

    assert not dialog.use_for_all.isEnabled()  # the helper needs a note too
    dialog.common_note.setText("진행 상황은 타임라인 참조")
    dialog.use_for_all.click()
    assert [dialog.note_cell(r).text() for r in case_rows] == [
        "부지 후보 3곳",
        "진행 상황은 타임라인 참조",
        "진행 상황은 타임라인 참조",
    ]
    with qtbot.waitSignal(window.ui.changes.changed, timeout=10_000) as announced:
        ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    change_set = announced.args[0]
    assert set(change_set.touched("support_case")) == set(portfolio.open_cases)
    assert len(change_set.touched("case_activity")) == 3
    for case_id in portfolio.open_cases:
        assert officer_of(mission, "support_case", case_id) == portfolio.successor
        assert len(activities_of(mission, case_id)) == 1
    assert officer_of(mission, "proposal", portfolio.open_proposal) == portfolio.successor


def test_the_dialog_saves_the_handover_document_before_the_move(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    from missiondesk.ui import prompts
    from missiondesk.ui.handover_dialog import HandoverDialog
    from tests.test_handover import build_portfolio

    portfolio = build_portfolio(mission)
    dialog = window.open_handover()
    assert isinstance(dialog, HandoverDialog)
    assert not dialog.save_document.isEnabled()  # nobody chosen yet
    dialog.source.set_value(portfolio.leaving)
    dialog.target.set_value(portfolio.successor)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.save_document.isEnabled()
    shown: list[Path] = []
    monkeypatch.setattr(prompts, "show_file", lambda path: shown.append(path) or True)
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "인계서")  # no extension typed
    dialog.save_document.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown == [tmp_path / "인계서.hwpx"] and shown[0].exists()
    assert str(shown[0]) in dialog.message.text()

    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "인계서.docx")
    dialog.save_document.click()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
    document = docx.Document(str(shown[1]))
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for case_id in portfolio.open_cases:  # every open case of the officer who leaves is described
        assert str(RecordService(mission).get("support_case", case_id)["reference"]) in text


def test_the_preview_is_read_off_the_gui_thread_with_progress_and_cancel(
    qtbot: QtBot, window: MainWindow, mission: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from missiondesk.services.handover import HandoverService
    from missiondesk.ui.handover_dialog import HandoverDialog
    from tests.test_handover import build_portfolio

    portfolio = build_portfolio(mission)
    real_preview = HandoverService.preview
    release = threading.Event()
    threads: list[threading.Thread] = []

    def slow_preview(self: HandoverService, *args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        assert release.wait(30)  # a large portfolio, read slowly
        return real_preview(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(HandoverService, "preview", slow_preview)
    dialog = window.open_handover()
    assert isinstance(dialog, HandoverDialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.source.set_value(portfolio.leaving)
    dialog.target.set_value(portfolio.successor)
    # The window goes on while it reads: the progress dialog appears, and its Cancel stops the read.
    qtbot.waitUntil(lambda: window.ui.tasks.dialog is not None, timeout=5_000)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.plan is None and not ok.isEnabled() and not dialog.save_document.isEnabled()
    progress = window.ui.tasks.dialog
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: window.ui.tasks.dialog is None)
    assert dialog.plan is None and not ok.isEnabled()
    assert dialog.table.rowCount() == 0

    dialog.source.set_value(None)  # choosing again reads again
    dialog.source.set_value(portfolio.leaving)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.table.rowCount() == 6 and ok.isEnabled()
