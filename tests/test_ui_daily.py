"""What daily work was missing (issue 17, item 8, and its leftovers): a record's history, a company's
contact persons with their consent to share, and a case on one page as a PDF."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from missiondesk.services.case_summary import CaseSummaryService
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui import i18n, prompts
from missiondesk.ui.case_summary_pdf import page_text
from missiondesk.ui.child_list import ChildDialog
from missiondesk.ui.details import CaseDetail, CompanyDetail
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from tests.cli_process import run_missiondesk
from tests.syncsim import World


@pytest.fixture
def case(mission: AppContext) -> dict[str, str]:
    """The seed's case: 포엔 in Baden-Württemberg, a contact who agreed to sharing, closed with results."""
    svc = RecordService(mission)
    company = svc.create("company", {"name_ko": "포엔", "name_en": "POEN Co., Ltd.", "brn": "214-87-00412"})
    contact = svc.create(
        "contact",
        {
            "company_id": company.record_id,
            "name": "박지훈",
            "position": "해외사업팀장",
            "email": "jh.park@poen.example",
            "phone": "+82 31 555 0102",
            "consent_to_share": True,
            "consent_date": dt.date.today(),
        },
    )
    created = svc.create(
        "support_case",
        {
            "title": "배터리 재제조 공장 부지와 인허가",
            "company_id": company.record_id,
            "contact_id": contact.record_id,
            "country": "DE",
            "area": "DE-BW",
            "categories": ["permits", "site"],
            "received_date": dt.date.today() - dt.timedelta(days=40),
            "status": "open",
            "priority": "normal",
            "summary": "하일브론 인근 공장 부지 확보와 주 정부 인허가 협조 요청",
        },
    )
    case_id = created.record_id
    svc.create(
        "case_activity",
        {
            "case_id": case_id,
            "date": dt.date.today() - dt.timedelta(days=30),
            "action_type": "consultation",
            "channel": "meeting",
            "notes": "주 경제부와 부지 후보 협의",
        },
    )
    svc.create(
        "partner_referral",
        {"case_id": case_id, "partner": "KOTRA", "service": "부지 임대 협상 주선", "status": "requested"},
    )
    svc.update("support_case", case_id, {"priority": "high"})
    return {"case": case_id, "company": company.record_id, "contact": contact.record_id}


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    return open_window(mission, size=(1440, 900))


def page_of(window: MainWindow, key: str) -> ListPage:
    page = window.go(key)
    assert isinstance(page, ListPage)
    return page


def open_history(qtbot: QtBot, page: ListPage, record_id: str) -> list[list[str]]:
    assert page.open_record(record_id) is not None
    detail = page.detail
    detail.tabs.setCurrentWidget(detail.history)
    qtbot.waitUntil(lambda: detail.history.tree.topLevelItemCount() > 0)
    return detail.history.rows()


# --- History ---------------------------------------------------------------------------------------


def test_a_cases_history_names_fields_and_values_as_the_form_does_newest_first(
    qtbot: QtBot, window: MainWindow, mission: AppContext, case: dict[str, str]
) -> None:
    rows = open_history(qtbot, page_of(window, "support_case"), case["case"])
    when, by, device, field, before, after = rows[0]
    assert (field, before, after) == ("Priority", "Normal", "High")  # labels, not "priority" / "normal"
    assert by == mission.device.officer_name and device == "This device"
    assert dt.datetime.strptime(when, "%Y-%m-%d %H:%M")
    created = next(i for i, r in enumerate(rows) if r[3] == "Created")
    assert created > 0  # the creation comes after the later change
    made = {r[3]: r[5] for r in rows[created + 1 :] if not r[0]}
    assert made["Company"] == "포엔 (POEN Co., Ltd.)"  # the company's name, not its id
    assert made["Area"] == "Baden-Württemberg"  # a code's name
    assert made["Status"] == "Open"


def test_the_history_is_in_korean_when_the_window_is(
    qtbot: QtBot, mission: AppContext, case: dict[str, str]
) -> None:
    i18n.install("ko")
    try:
        w = MainWindow(mission)
        qtbot.addWidget(w)
        w.show()
        rows = open_history(qtbot, page_of(w, "support_case"), case["case"])
        assert rows[0][3:] == ["우선순위", "보통", "높음"]
        assert rows[0][2] == "이 기기"
        detail = page_of(w, "support_case").detail
        assert detail.tabs.tabText(detail.tabs.indexOf(detail.history)) == "변경 이력"
        w.close()
    finally:
        i18n.install("en")


def test_every_kind_of_record_has_its_history_tab(
    qtbot: QtBot, window: MainWindow, mission: AppContext, case: dict[str, str]
) -> None:
    svc = RecordService(mission)
    task = svc.create(
        "task", {"title": "보고서 제출", "status": "open", "due_date": dt.date.today()}
    ).record_id
    svc.update("task", task, {"title": "주 정부 회신 확인"})
    for key in ("support_case", "market_brief", "council_meeting", "company", "proposal", "task"):
        detail = page_of(window, key).detail
        assert detail.tabs.tabText(detail.tabs.count() - 1) == "History", key
    rows = open_history(qtbot, page_of(window, "task"), task)
    assert rows[0][3:] == ["Title", "보고서 제출", "주 정부 회신 확인"]
    rows = open_history(qtbot, page_of(window, "company"), case["company"])
    assert rows[0][3] == "Created"


def test_saving_in_the_form_adds_the_change_to_the_open_history(
    qtbot: QtBot, window: MainWindow, case: dict[str, str]
) -> None:
    page = page_of(window, "support_case")
    open_history(qtbot, page, case["case"])
    detail = page.detail
    detail.editor.form.editors["title"].setText("공장 부지와 인허가 (하일브론)")
    detail.editor.save()
    qtbot.waitUntil(lambda: detail.history.rows()[0][3] == "Title")
    assert detail.history.rows()[0][5] == "공장 부지와 인허가 (하일브론)"


# --- Contacts --------------------------------------------------------------------------------------


def test_a_companys_contacts_are_added_edited_and_removed_with_their_consent(
    qtbot: QtBot, window: MainWindow, mission: AppContext, case: dict[str, str]
) -> None:
    page = page_of(window, "company")
    page.open_record(case["company"])
    detail = page.detail
    assert isinstance(detail, CompanyDetail)
    assert [r["name"] for r in detail.contacts.rows()] == ["박지훈"]
    dialog = detail.contacts.add()
    assert isinstance(dialog, ChildDialog)
    form = dialog.editor.form
    form.editors["name"].setText("Anna Schmidt")
    form.editors["position"].setText("Standortberaterin")
    form.editors["email"].setText("anna.schmidt@example.de")
    assert form.editors["consent_date"].value() is None
    consent = form.editors["consent_to_share"]
    qtbot.mouseClick(consent, Qt.MouseButton.LeftButton, pos=QPoint(8, consent.height() // 2))
    assert consent.isChecked()
    assert form.editors["consent_date"].value() == dt.date.today()  # ticking records since when
    with qtbot.waitSignal(detail.ui.changes.changed):
        dialog.editor.save()
    names = sorted(r["name"] for r in detail.contacts.rows())
    assert names == ["Anna Schmidt", "박지훈"]
    anna = next(r for r in detail.contacts.rows() if r["name"] == "Anna Schmidt")
    assert anna["consent_to_share"] is True and anna["consent_date"] == dt.date.today()
    assert anna["company_id"] == case["company"]
    # edit: a phone number; the consent stays as recorded
    edit = detail.contacts.edit(anna)
    edit.editor.form.editors["phone"].setText("+49 711 123 4567")
    with qtbot.waitSignal(detail.ui.changes.changed):
        edit.editor.save()
    stored = RecordService(mission).get("contact", anna.id)
    assert stored["phone"] == "+49 711 123 4567" and stored["consent_date"] == dt.date.today()
    edit.close()
    # remove
    remove = detail.contacts.edit(stored)
    with qtbot.waitSignal(detail.ui.changes.changed):
        qtbot.mouseClick(remove.editor.delete_button, Qt.MouseButton.LeftButton)
    assert [r["name"] for r in detail.contacts.rows()] == ["박지훈"]


def test_the_consent_columns_headers_are_not_cut_off(
    qtbot: QtBot, window: MainWindow, case: dict[str, str]
) -> None:
    page = page_of(window, "company")
    page.open_record(case["company"])
    detail = page.detail
    assert isinstance(detail, CompanyDetail)
    detail.tabs.setCurrentWidget(detail.contacts)
    view = detail.contacts.view
    header: QHeaderView = view.horizontalHeader()
    model = view.model()
    for i in range(header.count() - 1):  # the last section stretches
        text = str(model.headerData(i, Qt.Orientation.Horizontal))
        needed = header.fontMetrics().horizontalAdvance(text)
        assert header.sectionSize(i) > needed, text


# --- Case summary ----------------------------------------------------------------------------------


def close_case(mission: AppContext, case_id: str) -> None:
    RecordService(mission).transition(
        "support_case",
        case_id,
        "closed",
        {
            "outcome": "resolved_full",
            "resolution_date": dt.date.today(),
            "resolution_summary": "주 정부 인허가 완료, 부지 임대 계약 체결",
            "investment_usd": 20_000_000,
            "jobs_created": 85,
            "permit_obtained": True,
            "site_secured": True,
        },
    )


def test_ctrl_p_saves_the_open_case_on_one_page(
    qtbot: QtBot,
    window: MainWindow,
    mission: AppContext,
    case: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    close_case(mission, case["case"])
    shown: list[Path] = []
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "summary")
    monkeypatch.setattr(prompts, "show_file", shown.append)
    page = page_of(window, "support_case")
    page.refresh()
    page.open_record(case["case"])
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pdf = tmp_path / "summary.pdf"
    assert shown == [pdf]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "summary.pdf" in window.status.message.text()


def test_the_summary_says_what_the_case_is_and_how_it_ended(
    qtbot: QtBot, mission: AppContext, case: dict[str, str]
) -> None:
    i18n.install("en")  # the page is in the window's language
    close_case(mission, case["case"])
    service = CaseSummaryService(mission)
    reference = RecordService(mission).get("support_case", case["case"])["reference"]
    summary = service.summary(service.find(reference.lower()))
    text = "\n".join(page_text(summary))
    assert "배터리 재제조 공장 부지와 인허가" in text
    assert "Company: 포엔 / POEN Co., Ltd. (214-87-00412)" in text
    assert "Area: Baden-Württemberg" in text
    assert "jh.park@poen.example" in text  # the contact agreed to sharing
    assert "Resolved in full" in text and "Investment US$20,000,000" in text
    assert "(USD) US$" not in text  # the currency is named once
    assert "KOTRA" in text or "Korea Trade" in text
    assert "주 경제부와 부지 후보 협의" in text
    # no consent: the contact's email and phone stay off the page; a sensitive summary too
    RecordService(mission).update("contact", case["contact"], {"consent_to_share": False})
    RecordService(mission).update("support_case", case["case"], {"summary_sensitive": True})
    text = "\n".join(page_text(service.summary(service.find(reference))))
    assert "jh.park@poen.example" not in text and "no consent" in text
    assert "하일브론 인근" not in text


def test_a_closed_cases_outcome_names_the_currency_once(
    qtbot: QtBot, window: MainWindow, mission: AppContext, case: dict[str, str]
) -> None:
    close_case(mission, case["case"])
    page = page_of(window, "support_case")
    page.refresh()
    page.open_record(case["case"])
    text = page.detail.editor.outcome.text()
    assert "Investment US$20,000,000" in text and "(USD)" not in text


def test_case_summary_on_the_command_line_writes_a_korean_pdf(
    mission: AppContext, case: dict[str, str], tmp_path: Path
) -> None:
    reference = RecordService(mission).get("support_case", case["case"])["reference"]
    out = tmp_path / "요약.pdf"
    run = run_missiondesk(mission.paths.root, "case-summary", reference, "--out", str(out), home=tmp_path)
    assert run.returncode == 0, run.stderr
    assert str(out) in run.stdout and "배터리 재제조" in run.stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile" in data  # fonts embedded: Korean renders anywhere
    if sys.platform != "win32":  # wine names the host's faces after Windows' own
        assert b"CJK" in data or b"Nanum" in data or b"Malgun" in data  # a Korean face is embedded
    missing = run_missiondesk(
        mission.paths.root, "case-summary", "DE-FRA-26-9999", "--out", str(tmp_path / "x.pdf"), home=tmp_path
    )
    assert missing.returncode == 1 and "No case DE-FRA-26-9999" in missing.stderr


# --- Leftovers -------------------------------------------------------------------------------------


def test_the_lists_search_survives_a_language_switch(
    qtbot: QtBot, window: MainWindow, case: dict[str, str]
) -> None:
    page = page_of(window, "support_case")
    page.filter_bar.search.setText("부지")
    page.apply_query(page.filter_bar.query())
    try:
        successor = window.set_language("ko")
        assert successor is not None
        qtbot.addWidget(successor)
        again = successor.pages["support_case"]
        assert isinstance(again, ListPage)
        assert again.filter_bar.search.text() == "부지"
        assert again.model.query.text == "부지"
        successor.close()
    finally:
        i18n.install("en")


def test_the_case_form_offers_the_companys_contact_persons(
    qtbot: QtBot, window: MainWindow, mission: AppContext, case: dict[str, str]
) -> None:
    page = page_of(window, "support_case")
    page.open_record(case["case"])
    detail = page.detail
    assert isinstance(detail, CaseDetail)
    contact = detail.editor.form.editors["contact_id"]
    assert contact.value() == case["contact"] and contact.currentText() == "박지훈 · 해외사업팀장"
    other = RecordService(mission).create("company", {"name_ko": "한빛배터리"}).record_id
    RecordService(mission).create("contact", {"company_id": other, "name": "이수진"})
    window.ui.lookups.forget("company")
    [found] = window.ui.lookups.find("company", "한빛")
    detail.editor.form.editors["company_id"].choose(found)
    assert [contact.itemText(i) for i in range(contact.count())] == ["", "이수진"]
    contact.setCurrentIndex(1)
    detail.editor.save()
    stored = RecordService(mission).get("support_case", case["case"])
    assert stored["company_id"] == other and stored["contact_id"] != case["contact"]


def test_hqs_history_names_the_laptop_that_made_a_change(tmp_path: Path, backend: str) -> None:
    """At HQ a laptop's change arrives through the merge (the change feed), HQ's own edits are audited
    there too: each is listed once, newest first, with the device that made it."""
    world = World.make(tmp_path, None if backend == "sqlite" else backend)
    try:
        laptop = world.laptop("frankfurt", slot=2)
        case_id = (
            RecordService(laptop)
            .create("support_case", {"title": "부지 인허가 지연", "received_date": "2026-03-02"})
            .record_id
        )
        RecordService(laptop).update("support_case", case_id, {"priority": "urgent"})
        world.push(laptop)
        RecordService(world.hq).update("support_case", case_id, {"hq_note": "본부 확인"})
        history = RecordService(world.hq).history("support_case", case_id)
        assert [(h.action, sorted(h.changes)) for h in history[:2]] == [
            ("update", ["hq_note"]),
            ("update", ["priority"]),
        ]
        assert history[0].device.this_device and history[0].actor == "본부 분석관"
        laptop_change = history[1]
        assert (laptop_change.device.mission, laptop_change.device.slot) == ("DE-FRA", 2)
        assert laptop_change.actor == "frankfurt 담당관" and not laptop_change.device.this_device
        assert laptop_change.changes["priority"] == ("normal", "urgent")
        assert [h.at for h in history] == sorted((h.at for h in history), reverse=True)
    finally:
        world.close()
