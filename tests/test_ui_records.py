"""An officer's day driven through the window: a case from intake to closing, briefs, meetings, the trash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from missiondesk.domain.records import ListQuery
from missiondesk.services.context import AppContext
from missiondesk.services.lookups import Choice
from missiondesk.services.records import RecordService
from missiondesk.store import outbox
from missiondesk.ui.child_list import ChildDialog, ChildList
from missiondesk.ui.details import BriefDetail, CaseDetail, CompanyDetail, MeetingDetail
from missiondesk.ui.fields import RecordPicker
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.record_editor import TransitionDialog


@pytest.fixture
def company(mission: AppContext) -> str:
    change = RecordService(mission).create(
        "company", {"name_ko": "한빛배터리", "name_en": "Hanbit Battery Co., Ltd.", "brn": "123-45-67890"}
    )
    return change.record_id


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext, company: str) -> MainWindow:
    return open_window(mission)


def page_of(window: MainWindow, key: str) -> ListPage:
    page = window.go(key)
    assert isinstance(page, ListPage)
    return page


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def unsent(mission: AppContext) -> int:
    with mission.store.read() as conn:
        return outbox.pending_count(conn)


def count(mission: AppContext, entity_name: str) -> int:
    page = RecordService(mission).list(ListQuery(entity_name))
    return page.total or 0


def new_case(qtbot: QtBot, window: MainWindow, title: str = "바이에른주 공장 건축허가 지연") -> CaseDetail:
    page = page_of(window, "support_case")
    click(qtbot, page.new_button)
    detail = page.detail
    assert isinstance(detail, CaseDetail)
    form = detail.editor.form
    form.editors["title"].setText(title)
    picker = form.editors["company_id"]
    assert isinstance(picker, RecordPicker)
    [found] = window.ui.lookups.find("company", "한빛")
    picker.choose(found)
    form.set("categories", ["permits"])
    with qtbot.waitSignal(page.model.reloaded):
        click(qtbot, detail.editor.save_button)
    return detail


def test_a_case_from_intake_to_closing(qtbot: QtBot, window: MainWindow, mission: AppContext) -> None:
    detail = new_case(qtbot, window)
    page = page_of(window, "support_case")
    case = detail.record
    assert case is not None and case["status"] == "draft" and case["reference"].startswith("DE-FRA-")
    assert page.model.total == 1 and page.model.record_at(0).id == case.id
    assert window.status.unsent.text() == "Unsent changes: 3"  # officer at set-up, the company, the case

    # Two activities in a few keystrokes each: type, Enter.
    quick = detail.quick_add
    for note in ("기업 대표와 통화: 허가 지연 경위 확인", "Called the Landratsamt building office"):
        quick.notes.setFocus()
        quick.notes.setText(note)
        with qtbot.waitSignal(quick.added):
            qtbot.keyClick(quick.notes, Qt.Key.Key_Return)
    assert sorted(r["notes"] for r in detail.activities.rows()) == [
        "Called the Landratsamt building office",
        "기업 대표와 통화: 허가 지연 경위 확인",
    ]
    assert quick.notes.text() == ""

    # A referral to a partner institution, then its own workflow.
    dialog = detail.referrals.add()
    assert isinstance(dialog, ChildDialog)
    dialog.editor.form.set("partner", "KOTRA")
    dialog.editor.form.editors["service"].setText("현지 인허가 컨설팅 연계")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.editor.save_button)
    [referral] = detail.referrals.rows()
    assert referral["partner"] == "KOTRA" and referral["status"] == "requested"
    edit = detail.referrals.edit(referral)
    click(qtbot, edit.editor.workflow_buttons["in_progress"])
    assert detail.referrals.rows()[0]["status"] == "in_progress"
    edit.reject()

    # Through the workflow: only the allowed steps are offered.
    assert set(detail.editor.workflow_buttons) == {"open"}
    click(qtbot, detail.editor.workflow_buttons["open"])
    assert set(detail.editor.workflow_buttons) == {"in_progress", "pending", "closed"}
    click(qtbot, detail.editor.workflow_buttons["pending"])
    pending = detail.editor.transition_dialog
    ok = pending.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert pending.isVisible() and "Needed" in pending.form.problem_at("pending_on")
    pending.form.set("pending_on", "host_government")
    with qtbot.waitSignal(pending.accepted):
        click(qtbot, ok)
    assert detail.record["status"] == "pending" and detail.record["pending_on"] == "host_government"

    # Closing asks for outcome, date and summary: refused without an outcome, accepted with one.
    click(qtbot, detail.editor.workflow_buttons["closed"])
    closing = detail.editor.transition_dialog
    assert isinstance(closing, TransitionDialog)
    # ...and offers the measurable results, kept from the case.
    assert closing.form.fields == (
        "outcome",
        "resolution_date",
        "resolution_summary",
        "investment_usd",
        "jobs_created",
        "permit_obtained",
        "site_secured",
    )
    closing.form.editors["resolution_summary"].setPlainText("건축허가 발급 완료")
    ok = closing.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert closing.isVisible()
    assert closing.form.problem_at("outcome")
    assert RecordService(mission).get("support_case", case.id)["status"] == "pending"
    closing.form.set("outcome", "resolved_full")
    closing.form.editors["permit_obtained"].click()
    closing.form.editors["jobs_created"].setText("40")
    with qtbot.waitSignal(closing.accepted):
        click(qtbot, ok)
    closed = RecordService(mission).get("support_case", case.id)
    assert closed["status"] == "closed" and closed["outcome"] == "resolved_full"
    assert closed["resolution_date"] == dt.date.today()
    assert closed["permit_obtained"] is True and closed["jobs_created"] == 40
    assert closed["pending_on"] is None  # a closed case waits on no one
    assert set(detail.editor.workflow_buttons) == {"in_progress"}  # reopen is all that is left
    # The detail pane says how it ended, on top, not under a tab.
    outcome = detail.editor.outcome
    assert outcome.isVisible()
    for words in (
        "Resolved in full",
        str(dt.date.today()),
        "건축허가 발급 완료",
        "Permit obtained",
        "Jobs created 40",
    ):
        assert words in outcome.text()


def test_delete_restore_from_the_trash_and_undo(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    detail = new_case(qtbot, window, "Trash me")
    case_id = detail.record.id
    page = page_of(window, "support_case")
    with qtbot.waitSignal(page.model.reloaded):
        click(qtbot, detail.editor.delete_button)
    assert page.model.total == 0
    assert "Trash me" in window.status.message.text() and window.status.undo_button.isVisible()

    # Undo (Ctrl+Z) brings it back.
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert not window.status.undo_button.isVisible()
    assert not window.actions_["undo_delete"].isEnabled()

    # Delete again, then restore from the trash page.
    page.open_record(case_id)
    window.delete_current()
    trash = window.go("trash")
    trash.show_kind("support_case")
    assert trash.model.total == 1
    trash.table.selectRow(0)
    [change] = trash.restore_selected()
    assert change.kind == "restore" and trash.model.total == 0
    assert page.model.total == 0  # hidden: it reads again when shown, not on every change made elsewhere
    window.go("support_case")
    assert page.model.total == 1
    assert RecordService(mission).get("support_case", case_id).deleted_at is None


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    page = page_of(window, "support_case")
    before = (count(mission, "support_case"), unsent(mission))
    click(qtbot, page.new_button)
    form = page.detail.editor.form
    click(qtbot, page.detail.editor.save_button)
    assert "required" in form.problem_at("title")

    form.editors["title"].setText("Unknown company")
    form.editors["company_id"].setText("없는 회사")
    click(qtbot, page.detail.editor.save_button)
    assert "없는 회사" in form.problem_at("company_id")
    assert form.problem_at("title") == ""

    form.editors["company_id"].setText("")
    form.editors["investment_usd"].setText("lots")
    click(qtbot, page.detail.editor.save_button)
    assert "whole number" in form.problem_at("investment_usd")
    assert (count(mission, "support_case"), unsent(mission)) == before

    # A resolution date before the case was received, on a closed case.
    form.set("investment_usd", None)
    click(qtbot, page.detail.editor.save_button)
    case = page.detail.record
    assert case is not None
    service = RecordService(mission)
    service.transition("support_case", case.id, "open")
    page.open_record(case.id)
    click(qtbot, page.detail.editor.workflow_buttons["closed"])
    closing = page.detail.editor.transition_dialog
    closing.form.set("outcome", "resolved_partial")
    closing.form.set("resolution_date", case["received_date"] - dt.timedelta(days=3))
    closing.form.editors["resolution_summary"].setPlainText("일부 해결")
    click(qtbot, closing.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert "before the case was received" in closing.form.problem_at("resolution_date")
    assert service.get("support_case", case.id)["status"] == "open"


def test_leaving_a_record_with_unsaveable_input_stays_on_it(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    service = RecordService(mission)
    for title in ("첫째 사례", "둘째 사례"):
        service.create("support_case", {"title": title})
    page = page_of(window, "support_case")
    page.refresh()
    first = page.select_row(0)
    page.detail.editor.form.editors["title"].setText("")
    page.table.selectRow(1)
    assert page.detail.record.id == first.id
    assert "required" in page.detail.editor.form.problem_at("title")
    page.detail.editor.form.editors["title"].setText("고친 제목")
    page.table.selectRow(1)
    assert page.detail.record.id != first.id
    assert service.get("support_case", first.id)["title"] == "고친 제목"  # saved on the way out


def test_a_brief_with_deliveries_to_several_companies(
    qtbot: QtBot, window: MainWindow, mission: AppContext, company: str
) -> None:
    other = RecordService(mission).create("company", {"name_ko": "세진모빌리티"}).record_id
    page = page_of(window, "market_brief")
    click(qtbot, page.new_button)
    detail = page.detail
    assert isinstance(detail, BriefDetail)
    form = detail.editor.form
    form.editors["title"].setText("독일 배터리 규제 동향 2026")
    form.set("topic", "regulation")
    assert form.values()["country"] == "DE"  # the mission's country by default
    with qtbot.waitSignal(page.model.reloaded):
        click(qtbot, detail.editor.save_button)
    for company_id, name in ((company, "한빛배터리"), (other, "세진모빌리티")):
        dialog = detail.deliveries.add()
        assert dialog is not None
        dialog.editor.form.editors["company_id"].choose(Choice(company_id, name))
        dialog.editor.form.set("channel", "email")
        with qtbot.waitSignal(dialog.accepted):
            click(qtbot, dialog.editor.save_button)
    rows = detail.deliveries.rows()
    assert sorted(r["company_id"] for r in rows) == sorted([company, other])
    assert all(r["date"] == dt.date.today() for r in rows)
    texts = [detail.deliveries.model.index(i, 1).data() for i in range(2)]
    assert sorted(texts) == sorted(["한빛배터리 (Hanbit Battery Co., Ltd.)", "세진모빌리티"])


def test_a_held_meeting_with_attendance(qtbot: QtBot, window: MainWindow, mission: AppContext) -> None:
    page = page_of(window, "council_meeting")
    click(qtbot, page.new_button)
    detail = page.detail
    assert isinstance(detail, MeetingDetail)
    form = detail.editor.form
    form.set("number", 3)
    form.set("date", dt.date.today())
    form.editors["location"].setText("주프랑크푸르트 총영사관 회의실")
    with qtbot.waitSignal(page.model.reloaded):
        click(qtbot, detail.editor.save_button)
    for partner, people in (("KOTRA", 2), ("KOSME", 1)):
        dialog = detail.attendance.add()
        assert dialog is not None
        dialog.editor.form.set("partner", partner)
        dialog.editor.form.set("attendees", people)
        with qtbot.waitSignal(dialog.accepted):
            click(qtbot, dialog.editor.save_button)
    assert sorted(r["partner"] for r in detail.attendance.rows()) == ["KOSME", "KOTRA"]
    click(qtbot, detail.editor.workflow_buttons["held"])
    dialog = detail.editor.transition_dialog
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert detail.record["status"] == "held" and detail.record["date"] == dt.date.today()


def test_a_company_with_a_known_registration_number_is_flagged(
    qtbot: QtBot, window: MainWindow, company: str
) -> None:
    page = page_of(window, "company")
    click(qtbot, page.new_button)
    detail = page.detail
    assert isinstance(detail, CompanyDetail)
    brn = detail.editor.form.editors["brn"]
    brn.setText("1234567890")  # the same number written without dashes
    brn.textEdited.emit(brn.text())
    assert detail.duplicate_warning.isVisibleTo(detail)
    assert "한빛배터리" in detail.duplicate_warning.text()
    brn.setText("999-99-99999")
    brn.textEdited.emit(brn.text())
    assert not detail.duplicate_warning.isVisibleTo(detail)


def test_a_proposal_moves_through_its_workflow(qtbot: QtBot, window: MainWindow, mission: AppContext) -> None:
    page = page_of(window, "proposal")
    click(qtbot, page.new_button)
    form = page.detail.editor.form
    form.set("programme", form.editors["programme"].itemData(1))
    form.editors["title"].setText("독일 진출 배터리 스타트업 맞춤형 지원")
    with qtbot.waitSignal(page.model.reloaded):
        click(qtbot, page.detail.editor.save_button)
    click(qtbot, page.detail.editor.workflow_buttons["submitted"])
    dialog = page.detail.editor.transition_dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    click(qtbot, ok)
    assert dialog.form.problem_at("budget_krw") and dialog.form.problem_at("activities")
    dialog.form.set("budget_krw", 150_000_000)
    dialog.form.editors["activities"].setPlainText("현지 실증, 파트너 매칭")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, ok)
    assert page.detail.record["status"] == "submitted"
    # Review steps belong to HQ: the mission is offered only the withdrawal.
    assert set(page.detail.editor.workflow_buttons) == {"draft"}


def test_child_lists_start_empty_without_a_parent(qtbot: QtBot, window: MainWindow) -> None:
    page = page_of(window, "support_case")
    detail = page.detail
    assert isinstance(detail, CaseDetail)
    assert isinstance(detail.activities, ChildList)
    assert detail.activities.rows() == [] and not detail.activities.add_button.isEnabled()
    assert detail.activities.add() is None


def test_a_full_disk_while_saving_is_a_message_and_the_typing_stays(
    qtbot: QtBot, window: MainWindow, mission: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from missiondesk.errors import DiskFull

    case_id = RecordService(mission).create("support_case", {"title": "디스크 테스트"}).record_id
    page = page_of(window, "support_case")
    page.refresh()
    page.open_record(case_id)
    form = page.detail.editor.form
    form.editors["title"].setText("저장되지 않을 제목")

    def full(*args: object, **kwargs: object) -> None:
        raise DiskFull("The disk is full: nothing was saved. Free some space and save again.")

    monkeypatch.setattr(window.ui.records, "update", full)
    assert page.detail.editor.save() is None
    box = window.ui.errors.last_message
    assert box is not None and "disk is full" in box.text()
    assert form.editors["title"].text() == "저장되지 않을 제목" and form.dirty
    monkeypatch.undo()
    assert page.detail.editor.save() is not None
    assert RecordService(mission).get("support_case", case_id)["title"] == "저장되지 않을 제목"
