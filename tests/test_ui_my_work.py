"""My work in the window: grouped reminders, open / dismiss / snooze, the side panel's counts, the start
page option, the daily notification, and an activity's next steps made a task in one click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.services.reminders import NEXT_STEP_DAYS, ReminderKind
from missiondesk.ui.details import CaseDetail
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import PAGES, MainWindow
from missiondesk.ui.my_work import DailyNotice, MyWorkPage


@pytest.fixture
def work(mission: AppContext) -> AppContext:
    """Two overdue tasks, one due this week, a case past its expected date."""
    svc = RecordService(mission)
    svc.create("task", {"title": "주정부 회신 확인", "due_date": dt.date.today() - dt.timedelta(days=3)})
    svc.create("task", {"title": "허가 서류 보완", "due_date": dt.date.today() - dt.timedelta(days=1)})
    svc.create("task", {"title": "기업 방문", "due_date": dt.date.today() + dt.timedelta(days=2)})
    svc.create(
        "support_case",
        {
            "title": "배터리 공장 부지",
            "received_date": dt.date.today() - dt.timedelta(days=30),
            "status": "open",
            "estimated_resolution_date": dt.date.today() - dt.timedelta(days=1),
        },
    )
    return mission


@pytest.fixture
def window(open_window: Callable[..., MainWindow], work: AppContext) -> MainWindow:
    return open_window(work)


def my_work(qtbot: QtBot, window: MainWindow) -> MyWorkPage:
    page = window.go("my_work")
    assert isinstance(page, MyWorkPage)
    qtbot.waitUntil(
        lambda: window.reminders.read_on is not None and not window.ui.tasks.running, timeout=20_000
    )
    return page


def titles(page: MyWorkPage) -> list[str]:
    return [r.title for r in page.rows()]


def test_the_page_groups_the_reminders_by_kind(qtbot: QtBot, window: MainWindow) -> None:
    page = my_work(qtbot, window)
    assert [(r.kind, r.title) for r in page.rows()][:3] == [
        (ReminderKind.TASK_OVERDUE, "주정부 회신 확인"),
        (ReminderKind.TASK_OVERDUE, "허가 서류 보완"),
        (ReminderKind.TASK_DUE, "기업 방문"),
    ]
    assert page.rows()[3].kind is ReminderKind.CASE_PAST_EXPECTED
    headings = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert headings == [
        "Overdue tasks (2)",
        "Tasks due within 7 days (1)",
        "Cases past their expected resolution date (1)",
    ]
    assert "김영희" in page.title.text()


def test_the_side_panel_counts_and_leads_to_my_work(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.due_soon.isVisible)
    assert window.due_soon.text().splitlines() == [
        "Tasks overdue: 2",
        "Tasks due within a week: 1",
        "Cases past their expected date: 1",
    ]
    assert window.nav.item([k for k, _ in PAGES].index("my_work")).text() == "My work (4)"
    window.go("support_case")
    window.due_soon.click()
    assert isinstance(window.stack.currentWidget(), MyWorkPage)


def test_dismiss_and_snooze_hold_in_a_new_window(
    qtbot: QtBot, open_window: Callable[..., MainWindow], work: AppContext
) -> None:
    window = open_window(work)
    page = my_work(qtbot, window)
    first, second = page.rows()[:2]
    page.select([first])
    with qtbot.waitSignal(window.reminders.updated):
        page.dismiss_button.click()
    assert first.title not in titles(page)
    page.select([second])
    page.snooze_date.setDate(page.snooze_date.date().addDays(2))
    with qtbot.waitSignal(window.reminders.updated):
        page.snooze_button.click()
    left = titles(page)
    assert len(left) == 2 and left[0] == "기업 방문" and left[1].endswith("배터리 공장 부지")
    qtbot.waitUntil(lambda: window.due_soon.text().splitlines()[0] == "Tasks due within a week: 1")
    window.close()

    again = open_window(work)  # the state is in the data folder, not in the window
    assert [r.title for r in my_work(qtbot, again).rows()] == titles(page)
    again.close()


def test_open_shows_the_record_in_its_list(qtbot: QtBot, window: MainWindow) -> None:
    page = my_work(qtbot, window)
    case = page.rows()[3]
    page.select([case])
    page.open_button.click()
    cases = window.stack.currentWidget()
    assert isinstance(cases, ListPage) and cases.spec.name == "support_case"
    qtbot.waitUntil(lambda: cases.shown_record is not None and cases.shown_record.id == case.record_id)


def test_a_change_elsewhere_refreshes_the_list(qtbot: QtBot, window: MainWindow) -> None:
    page = my_work(qtbot, window)
    change = window.ui.records.create("task", {"title": "새 할 일", "due_date": dt.date.today()})
    with qtbot.waitSignal(window.reminders.updated):
        window.ui.changes.announce([change])
    assert "새 할 일" in titles(page)


def test_my_work_can_be_the_start_page(
    qtbot: QtBot, open_window: Callable[..., MainWindow], work: AppContext
) -> None:
    window = open_window(work)
    assert window.stack.currentWidget() is window.pages["support_case"]
    page = my_work(qtbot, window)
    page.start_page.setChecked(True)
    window.close()
    again = open_window(work)
    assert isinstance(again.stack.currentWidget(), MyWorkPage)
    assert again.pages["my_work"].start_page.isChecked()  # type: ignore[attr-defined]
    again.close()


def test_the_notification_comes_once_a_day(
    qtbot: QtBot, open_window: Callable[..., MainWindow], work: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(DailyNotice, "available", lambda self: True)
    monkeypatch.setattr(DailyNotice, "notify", lambda self, title, text: shown.append((title, text)))
    window = open_window(work)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [
        (
            "MissionDesk reminders today: 4",
            "Tasks overdue: 2\nTasks due within a week: 1\nCases past their expected date: 1",
        )
    ]
    window.close()
    again = open_window(work)  # a restart the same day stays quiet
    my_work(qtbot, again)
    assert len(shown) == 1
    # The window left open overnight: the day turns, the list is read again and notified again.
    again.reminders.service.clock = lambda: dt.date.today() + dt.timedelta(days=1)
    again.reminders.day_timer.timeout.emit()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[1][0] == "MissionDesk reminders today: 4"
    assert again.reminders.read_on == dt.date.today() + dt.timedelta(days=1)
    again.close()


def test_without_a_tray_nothing_is_notified_nor_remembered(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(DailyNotice, "available", lambda self: False)
    my_work(qtbot, window)
    assert not window.notice.check(window.reminders.reminders)
    assert window.notice.tray is None and window.notice.shown == []
    assert window.reminders.service.notify_today()  # the day was not used up by a notice nobody saw


def test_next_steps_become_a_task_in_one_click(qtbot: QtBot, window: MainWindow) -> None:
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    detail = page.detail
    assert isinstance(detail, CaseDetail)
    window.ui.changes.announce(
        [
            window.ui.records.create(
                "case_activity",
                {
                    "case_id": page.shown_record.id,  # type: ignore[union-attr]
                    "date": dt.date.today(),
                    "action_type": "request_to_authority",
                    "next_steps": "주정부 담당관 재면담",
                },
            )
        ]
    )
    qtbot.waitUntil(lambda: len(detail.activities.rows()) == 1)
    assert not detail.next_step_task.isEnabled()  # nothing selected
    detail.activities.view.selectRow(0)
    assert detail.next_step_task.isEnabled()
    with qtbot.waitSignal(window.reminders.updated):
        detail.next_step_task.click()
    due = dt.date.today() + dt.timedelta(days=NEXT_STEP_DAYS)
    assert detail.next_step_note.text() == f"Task added, due {due.isoformat()}: 주정부 담당관 재면담"
    [task] = [r for r in window.reminders.reminders if r.title == "주정부 담당관 재면담"]
    assert task.kind is ReminderKind.TASK_DUE and task.case_reference


# The offscreen platform has no tray to dock into, and says so when one is shown.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_the_tray_notice_has_the_app_icon(window: MainWindow) -> None:
    """Qt shows no tray entry without an icon ("No Icon set"): the app's own when none is set."""
    window.notice.notify("MissionDesk reminders today: 1", "Tasks overdue: 1")
    tray = window.notice.tray
    assert tray is not None and not tray.icon().isNull()
    window.notice.close()
