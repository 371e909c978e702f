"""Reminders on a fake clock: each appears on its day and not before; dismiss and snooze survive a restart."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from missiondesk.errors import UserError
from missiondesk.reports.rules import DORMANT_DAYS
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.services.reminders import (
    DUE_SOON_DAYS,
    NEXT_STEP_DAYS,
    Reminder,
    ReminderKind,
    ReminderService,
    next_step_due,
)

START = dt.date(2026, 3, 2)


class FakeClock:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def kinds_on(service: ReminderService, clock: FakeClock, day: dt.date) -> list[tuple[ReminderKind, str]]:
    clock.day = day
    return [(r.kind, r.title) for r in service.reminders()]


def test_a_task_is_due_a_week_before_and_overdue_the_day_after(mission: AppContext) -> None:
    due = dt.date(2026, 3, 20)
    RecordService(mission).create("task", {"title": "주정부 회신 확인", "due_date": due})
    clock = FakeClock(START)
    service = ReminderService(mission, clock=clock)
    assert kinds_on(service, clock, due - dt.timedelta(days=DUE_SOON_DAYS + 1)) == []
    assert kinds_on(service, clock, due - dt.timedelta(days=DUE_SOON_DAYS)) == [
        (ReminderKind.TASK_DUE, "주정부 회신 확인")
    ]
    assert kinds_on(service, clock, due) == [(ReminderKind.TASK_DUE, "주정부 회신 확인")]
    assert kinds_on(service, clock, due + dt.timedelta(days=1)) == [
        (ReminderKind.TASK_OVERDUE, "주정부 회신 확인")
    ]


def test_a_done_task_or_another_officers_task_is_not_listed(mission: AppContext) -> None:
    svc = RecordService(mission)
    other = svc.create("officer", {"name": "박철수", "mission": "DE-FRA"}).record_id
    done = svc.create("task", {"title": "끝난 일", "due_date": START}).record_id
    svc.transition("task", done, "done", {"done_date": START})
    svc.create("task", {"title": "박철수의 일", "due_date": START, "officer_id": other})
    svc.create("task", {"title": "내 일", "due_date": START, "officer_id": mission.device.officer_id})
    svc.create("task", {"title": "담당 없음", "due_date": START})
    clock = FakeClock(START)
    service = ReminderService(mission, clock=clock)
    assert sorted(title for _, title in kinds_on(service, clock, START)) == ["내 일", "담당 없음"]
    theirs = service.reminders(service.officer(" 박철수 "))
    assert sorted(r.title for r in theirs) == ["담당 없음", "박철수의 일"]


def test_a_case_past_its_expected_resolution_appears_the_day_after(mission: AppContext) -> None:
    expected = dt.date(2026, 6, 30)
    RecordService(mission).create(
        "support_case",
        {
            "title": "배터리 공장 부지",
            "received_date": START,
            "status": "open",
            "estimated_resolution_date": expected,
        },
    )
    clock = FakeClock(START)
    service = ReminderService(mission, clock=clock)
    past = [k for k, _ in kinds_on(service, clock, expected) if k is ReminderKind.CASE_PAST_EXPECTED]
    assert past == []
    after = kinds_on(service, clock, expected + dt.timedelta(days=1))
    [title] = [t for k, t in after if k is ReminderKind.CASE_PAST_EXPECTED]
    assert title.endswith("배터리 공장 부지")


def test_a_case_is_dormant_after_the_reports_quiet_span_since_its_last_activity(mission: AppContext) -> None:
    svc = RecordService(mission)
    case = svc.create("support_case", {"title": "인허가 지연", "received_date": START, "status": "open"})
    last = START + dt.timedelta(days=10)
    svc.create(
        "case_activity",
        {"case_id": case.record_id, "date": last, "action_type": "request_to_authority"},
    )
    clock = FakeClock(START)
    service = ReminderService(mission, clock=clock)
    dormant_day = last + dt.timedelta(days=DORMANT_DAYS)
    assert kinds_on(service, clock, dormant_day - dt.timedelta(days=1)) == []
    clock.day = dormant_day
    [reminder] = service.reminders()
    assert reminder.kind is ReminderKind.CASE_DORMANT
    assert reminder.date == last and reminder.appears_on == dormant_day
    # A new activity starts the quiet span again.
    svc.create(
        "case_activity",
        {"case_id": case.record_id, "date": dormant_day, "action_type": "request_to_authority"},
    )
    assert service.reminders() == []


def test_dismiss_and_snooze_hold_across_a_restart(mission: AppContext) -> None:
    due = START + dt.timedelta(days=DUE_SOON_DAYS)
    svc = RecordService(mission)
    svc.create("task", {"title": "보고서 제출", "due_date": due})
    svc.create("task", {"title": "기업 방문", "due_date": due})
    clock = FakeClock(START)
    service = ReminderService(mission, clock=clock)
    visit, report = sorted(service.reminders(), key=lambda r: r.title)
    service.dismiss(report)
    service.snooze(visit, until=START + dt.timedelta(days=3))
    with pytest.raises(UserError):
        service.snooze(visit, until=START)
    folder = mission.paths.root
    mission.close()

    with open_context(folder) as again:  # a restart: a new service on the same data folder
        later = ReminderService(again, clock=clock)
        assert later.reminders() == []
        clock.day = START + dt.timedelta(days=2)
        assert later.reminders() == []
        assert len(later.reminders(include_hidden=True)) == 2
        clock.day = START + dt.timedelta(days=3)  # the snooze is over; the dismissal holds
        assert [r.title for r in later.reminders()] == ["기업 방문"]
        clock.day = due + dt.timedelta(days=1)  # the dismissed "due" comes back as "overdue"
        assert {(r.kind, r.title) for r in later.reminders()} == {
            (ReminderKind.TASK_OVERDUE, "기업 방문"),
            (ReminderKind.TASK_OVERDUE, "보고서 제출"),
        }


def test_a_dismissed_task_comes_back_when_its_due_date_moves(mission: AppContext) -> None:
    svc = RecordService(mission)
    task = svc.create("task", {"title": "회의 준비", "due_date": START}).record_id
    clock = FakeClock(START)
    service = ReminderService(mission, clock=clock)
    [reminder] = service.reminders()
    service.dismiss(reminder)
    assert service.reminders() == []
    svc.update("task", task, {"due_date": START + dt.timedelta(days=1)})
    assert [r.title for r in service.reminders()] == ["회의 준비"]


def test_counts_by_kind(mission: AppContext) -> None:
    svc = RecordService(mission)
    svc.create("task", {"title": "a", "due_date": START - dt.timedelta(days=1)})
    svc.create("task", {"title": "b", "due_date": START + dt.timedelta(days=1)})
    svc.create("task", {"title": "c", "due_date": START + dt.timedelta(days=2)})
    counts = ReminderService(mission, clock=FakeClock(START)).counts()
    assert counts[ReminderKind.TASK_OVERDUE] == 1 and counts[ReminderKind.TASK_DUE] == 2
    assert counts[ReminderKind.CASE_DORMANT] == 0


def test_the_notification_is_once_a_day_across_restarts(mission: AppContext) -> None:
    clock = FakeClock(START)
    assert ReminderService(mission, clock=clock).notify_today()
    assert not ReminderService(mission, clock=clock).notify_today()
    clock.day = START + dt.timedelta(days=1)
    assert ReminderService(mission, clock=clock).notify_today()


def test_next_steps_become_a_task_on_the_case(mission: AppContext) -> None:
    svc = RecordService(mission)
    case = svc.create("support_case", {"title": "비자 지연", "received_date": START, "status": "open"})
    activity = svc.create(
        "case_activity",
        {
            "case_id": case.record_id,
            "date": START,
            "action_type": "request_to_authority",
            "next_steps": "이민청 회신 확인\n담당자 재통화",
        },
    )
    clock = FakeClock(START + dt.timedelta(days=1))
    change = ReminderService(mission, clock=clock).task_from_next_steps(activity.record_id)
    task = svc.get("task", change.record_id)
    assert task["title"] == "이민청 회신 확인"
    assert task["case_id"] == case.record_id
    assert task["officer_id"] == mission.device.officer_id
    assert task["due_date"] == clock.day + dt.timedelta(days=NEXT_STEP_DAYS)
    assert task["status"] == "open"
    empty = svc.create(
        "case_activity", {"case_id": case.record_id, "date": START, "action_type": "request_to_authority"}
    )
    with pytest.raises(UserError):
        ReminderService(mission, clock=clock).task_from_next_steps(empty.record_id)


def test_a_date_in_the_next_steps_is_the_due_date() -> None:
    assert next_step_due("2026-04-15까지 서류 제출", START, START) == dt.date(2026, 4, 15)
    assert next_step_due("2026-02-30 무효, 2026-05-01 제출", START, START) == dt.date(2026, 5, 1)
    assert next_step_due("후속 확인", START - dt.timedelta(days=30), START) == START + dt.timedelta(days=7)


def test_the_reminder_key_names_the_record_and_its_date() -> None:
    r = Reminder(ReminderKind.TASK_DUE, "task", "abc", "t", START)
    assert r.key == "task_due:abc:2026-03-02"


def test_the_cli_prints_the_list_by_kind_in_utf8(mission: AppContext) -> None:
    svc = RecordService(mission)
    case = svc.create("support_case", {"title": "부지 확보", "received_date": START, "status": "open"})
    svc.create("task", {"title": "주정부 회신 확인", "due_date": START - dt.timedelta(days=2)})
    svc.create(
        "task",
        {
            "title": "현장 방문",
            "due_date": START + dt.timedelta(days=3),
            "case_id": case.record_id,
            "officer_id": mission.device.officer_id,
        },
    )
    other = svc.create("officer", {"name": "박철수", "mission": "DE-FRA"}).record_id
    svc.create("task", {"title": "박철수의 일", "due_date": START, "officer_id": other})
    reference = svc.get("support_case", case.record_id)["reference"]
    folder = str(mission.paths.root)
    mission.close()
    # A Windows pipe gets the ANSI code page: the output must still be UTF-8.
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}

    def reminders(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "missiondesk", "reminders", "--data-dir", folder, *args],
            env=env,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        return done.stdout.decode("utf-8")

    out = reminders("--today", START.isoformat())
    assert out.splitlines() == [
        "Reminders for 김영희 on 2026-03-02: 2",
        "",
        "Overdue tasks (1)",
        "  2026-02-28  주정부 회신 확인",
        "",
        f"Tasks due within {DUE_SOON_DAYS} days (1)",
        f"  2026-03-05  현장 방문  [{reference}]",
    ]
    theirs = reminders("--today", START.isoformat(), "--officer", "박철수")
    assert "박철수의 일" in theirs and "현장 방문" not in theirs
    assert "주정부 회신 확인" in theirs  # assigned to nobody: on every officer's list
    later = reminders("--today", (START + dt.timedelta(days=DORMANT_DAYS)).isoformat())
    assert f"Dormant cases (no activity for {DORMANT_DAYS} days) (1)" in later
    assert f"  {START.isoformat()}  {reference}  부지 확보" in later


def test_the_cli_refuses_an_unknown_officer_or_date(
    mission: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    from missiondesk.cli import main

    folder = str(mission.paths.root)
    assert main(["reminders", "--data-dir", folder, "--officer", "없는 사람"]) == 1
    assert "No officer named" in capsys.readouterr().err
    assert main(["reminders", "--data-dir", folder, "--today", "3월 2일"]) == 1
    assert "is not a date" in capsys.readouterr().err


def test_the_same_reminders_on_sqlite_and_postgresql(mission_on: AppContext) -> None:
    """The queries (the reports' dormant rule among them) run on either store."""
    svc = RecordService(mission_on)
    case = svc.create(
        "support_case",
        {
            "title": "통관 보류",
            "received_date": START,
            "status": "open",
            "estimated_resolution_date": START + dt.timedelta(days=20),
        },
    )
    svc.create(
        "case_activity", {"case_id": case.record_id, "date": START, "action_type": "request_to_authority"}
    )
    svc.create(
        "task", {"title": "세관 회신", "due_date": START + dt.timedelta(days=3), "case_id": case.record_id}
    )
    clock = FakeClock(START)
    service = ReminderService(mission_on, clock=clock)
    assert [r.kind for r in service.reminders()] == [ReminderKind.TASK_DUE]
    clock.day = START + dt.timedelta(days=DORMANT_DAYS)
    assert [r.kind for r in service.reminders()] == [
        ReminderKind.TASK_OVERDUE,
        ReminderKind.CASE_PAST_EXPECTED,
        ReminderKind.CASE_DORMANT,
    ]
    service.dismiss(*service.reminders()[:2])
    assert [r.kind for r in ReminderService(mission_on, clock=clock).reminders()] == [
        ReminderKind.CASE_DORMANT
    ]
