"""The case summary, the handover document and the period report, built from records and written."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pypdfium2
import pytest
from defusedxml import ElementTree
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from missiondesk import app
from missiondesk.errors import NotFound
from missiondesk.reports import document_files
from missiondesk.reports.period import Period
from missiondesk.reports.report_document import report_document
from missiondesk.reports.rules import RULES_KO
from missiondesk.services.case_documents import case_summary_document
from missiondesk.services.case_summary import CaseSummaryService
from missiondesk.services.context import AppContext
from missiondesk.services.handover_document import build_handover_document, write_document
from missiondesk.services.records import RecordService
from missiondesk.services.reports import ReportService
from missiondesk.ui import i18n, prompts
from missiondesk.ui.document_pdf import write_document_pdf
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.report_pdf import write_pdf
from tests.pdf_text import page_words

TODAY = dt.date(2026, 12, 7)


def hwpx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("Contents/section0.xml"))
    return "\n".join(
        "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
        for p in root.iter()
        if p.tag.endswith("}p")
    )


def hwpx_metadata(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        hpf = ElementTree.fromstring(z.read("Contents/content.hpf"))
    return {e.get("name") or e.tag.split("}")[1]: e.text or "" for e in hpf.iter() if "opf" in e.tag}


@pytest.fixture
def desk(mission: AppContext) -> dict[str, str]:
    return seed_desk(mission)


def seed_desk(ctx: AppContext) -> dict[str, str]:
    """김영희's desk: two open cases and a closed one; a colleague's case; tasks, activities, contacts."""
    rs = RecordService(ctx)
    company = rs.create("company", {"name_ko": "포엔", "name_en": "POEN Co., Ltd.", "brn": "214-87-00412"})
    agreed = rs.create(
        "contact",
        {
            "company_id": company.record_id,
            "name": "박지훈",
            "position": "해외사업팀장",
            "email": "jh.park@poen.example",
            "consent_to_share": True,
            "consent_date": TODAY,
        },
    )
    rs.create(
        "contact",
        {"company_id": company.record_id, "name": "최수민", "email": "private@poen.example"},
    )
    open_case = rs.create(
        "support_case",
        {
            "title": "배터리 재제조 공장 부지와 인허가",
            "company_id": company.record_id,
            "contact_id": agreed.record_id,
            "country": "DE",
            "categories": ["permits", "site"],
            "received_date": TODAY - dt.timedelta(days=40),
            "status": "open",
            "summary": "하일브론 인근 공장 부지 확보와 주 정부 인허가 협조 요청",
        },
    ).record_id
    rs.transition("support_case", open_case, "pending", {"pending_on": "host_government"})
    rs.create(
        "case_activity",
        {
            "case_id": open_case,
            "date": TODAY - dt.timedelta(days=10),
            "action_type": "consultation",
            "channel": "meeting",
            "notes": "주 경제부와 부지 후보 협의",
            "next_steps": "허가 신청서 보완 제출 확인",
        },
    )
    rs.create(
        "task",
        {"title": "주 경제부 회신 확인", "due_date": TODAY + dt.timedelta(days=5), "case_id": open_case},
    )
    second = rs.create(
        "support_case",
        {
            "title": "통관 지연",
            "received_date": TODAY,
            "status": "open",
            "summary": "민감",
            "summary_sensitive": True,
        },
    ).record_id
    closed = rs.create(
        "support_case", {"title": "종결된 사례", "received_date": TODAY, "status": "open"}
    ).record_id
    rs.transition(
        "support_case",
        closed,
        "closed",
        {"outcome": "resolved_full", "resolution_date": TODAY, "resolution_summary": "해결"},
    )
    colleague = rs.create("officer", {"name": "이철수", "mission": "DE-FRA"}).record_id
    theirs = rs.create(
        "support_case",
        {"title": "다른 담당관 사례", "received_date": TODAY, "status": "open", "officer_id": colleague},
    ).record_id
    ref = {
        k: rs.get("support_case", v)["reference"]
        for k, v in (("open", open_case), ("second", second), ("closed", closed), ("theirs", theirs))
    }
    return ref


def test_the_handover_lists_the_officers_open_cases_in_every_format(
    qapp: QApplication, mission: AppContext, desk: dict[str, str], tmp_path: Path
) -> None:
    document = build_handover_document(mission, "김영희", today=TODAY)
    text = "\n".join(document.lines())
    assert desk["open"] in text and desk["second"] in text
    assert desk["closed"] not in text and desk["theirs"] not in text
    for expected in (
        "포엔 / POEN Co., Ltd. (214-87-00412)",
        "대기 주체: 주재국 정부",
        "주 경제부와 부지 후보 협의",
        "다음 조치: 허가 신청서 보완 제출 확인",
        "박지훈 · 해외사업팀장 · jh.park@poen.example",
        "최수민 (연락처 공유 미동의)",
        "주 경제부 회신 확인",
    ):
        assert expected in text, expected
    assert "private@poen.example" not in text  # no consent, no address

    hwpx = write_document(document, tmp_path / "인계서.hwpx")
    written = hwpx_text(hwpx)
    assert desk["open"] in written and "ㅁ 최근 활동" in written and "ㅇ 박지훈" in written
    meta = hwpx_metadata(hwpx)
    assert desk["open"] in meta["keyword"] and "김영희" in meta["title"]

    read = docx.Document(str(write_document(document, tmp_path / "인계서.docx")))
    assert any(desk["second"] in p.text for p in read.paragraphs)
    assert read.core_properties.subject == "김영희 담당 진행 중 사례 2건 인계"

    document_files.use_pdf_writer(write_document_pdf)
    try:
        pdf = pypdfium2.PdfDocument(write_document(document, tmp_path / "인계서.pdf"))
        try:
            pdf_text = "".join(page.get_textpage().get_text_range() for page in pdf)
        finally:
            pdf.close()
    finally:
        document_files.use_pdf_writer(None)
    assert desk["open"] in pdf_text and "업무 인계서" in pdf_text


def test_the_handover_reads_alike_on_either_store(mission_on: AppContext) -> None:
    refs = seed_desk(mission_on)
    lines = build_handover_document(mission_on, "김영희", today=TODAY).lines()
    table = [line for line in lines if line.startswith(refs["open"][:-4])]
    assert table[:2] == [
        f"{refs['open']} | 포엔 / POEN Co., Ltd. (214-87-00412) | 대기 | 주재국 정부",
        f"{refs['second']} | — | 접수 | —",
    ]


def test_a_handover_in_english_and_for_an_unknown_officer(mission: AppContext, desk: dict[str, str]) -> None:
    english = "\n".join(build_handover_document(mission, "이철수", language="en", today=TODAY).lines())
    assert desk["theirs"] in english and "1 open cases" in english and desk["open"] not in english
    with pytest.raises(NotFound, match="No officer named 박영수"):
        build_handover_document(mission, "박영수")


def test_a_handover_with_no_open_case_is_still_a_document(mission: AppContext, tmp_path: Path) -> None:
    RecordService(mission).create("officer", {"name": "정민호", "mission": "DE-FRA"})
    document = build_handover_document(mission, "정민호", today=TODAY)
    assert "ㅁ 진행 중인 사례 0건" in document.lines()
    for suffix in (".hwpx", ".docx"):
        assert write_document(document, tmp_path / f"빈 인계서{suffix}").stat().st_size > 0
    assert "진행 중인 사례 0건" in hwpx_text(tmp_path / "빈 인계서.hwpx")


def test_the_case_summary_document_holds_the_case(
    mission: AppContext, desk: dict[str, str], tmp_path: Path
) -> None:
    service = CaseSummaryService(mission)
    summary = service.summary(service.find(desk["open"]))
    document = case_summary_document(summary, printed_by="김영희", today=TODAY)
    path = write_document(document, tmp_path / "요약.hwpx")
    text = hwpx_text(path)
    for expected in (
        desk["open"],
        "현장 지원 사례 요약",
        "ㅁ 하일브론 인근 공장 부지",
        "허가 신청서 보완 제출 확인",
        "KOTRA"[:0],
    ):
        assert expected in text
    meta = hwpx_metadata(path)
    assert meta["title"].startswith(desk["open"]) and "인허가" in meta["keyword"]
    sensitive = case_summary_document(
        service.summary(service.find(desk["second"])), language="en", today=TODAY
    )
    lines = "\n".join(sensitive.lines())
    assert "Marked sensitive: not printed." in lines and "민감" not in lines and "Case summary" in lines


def test_the_period_report_document_states_the_ministrys_sentence(
    mission: AppContext, desk: dict[str, str], tmp_path: Path
) -> None:
    service = ReportService(mission)
    report = service.report(Period.year(2026, dt.date(2026, 11, 30)), today=TODAY)
    document = report_document(report, today=TODAY)
    path = write_document(document, tmp_path / "보고.hwpx")
    text = hwpx_text(path)
    assert report.headline_ko in text and report.headline_ko.startswith("11월 30일 기준")
    assert "현장 지원 접수" in text  # the figures' table
    assert hwpx_metadata(path)["subject"] == report.headline_ko


# --- The command line --------------------------------------------------------------------------------


def test_the_report_command_also_writes_the_hwpx(
    qapp: QApplication,
    mission: AppContext,
    desk: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "실적-2026.xlsx"
    args = ["--data-dir", str(mission.paths.root), "report", "--period", "2026", "--cutoff", "2026-11-30"]
    assert app.main([*args, "--out", str(out)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    hwpx = tmp_path / "실적-2026.hwpx"
    assert f"Hangul document (HWPX) written to {hwpx}" in printed
    assert (tmp_path / "실적-2026.pdf").exists() and out.exists()
    headline = printed.splitlines()[0]
    assert headline.startswith("11월 30일 기준") and headline in hwpx_text(hwpx)


def test_case_summary_and_handover_commands_pick_the_format_from_the_extension(
    qapp: QApplication,
    mission: AppContext,
    desk: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = ["--data-dir", str(mission.paths.root)]
    for name in ("요약.hwpx", "요약.docx"):
        assert app.main([*root, "case-summary", desk["open"], "--out", str(tmp_path / name)]) == 0
    assert desk["open"] in hwpx_text(tmp_path / "요약.hwpx")
    assert docx.Document(str(tmp_path / "요약.docx")).paragraphs[0].text == "현장 지원 사례 요약"
    assert app.main([*root, "case-summary", desk["open"], "--out", str(tmp_path / "요약")]) == 0
    assert (tmp_path / "요약.pdf").read_bytes().startswith(b"%PDF")  # no extension: the one-page PDF
    capsys.readouterr()

    for name in ("인계.hwpx", "인계.docx", "인계.pdf"):
        code = app.main([*root, "handover-document", "--officer", "김영희", "--out", str(tmp_path / name)])
        assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    assert "김영희 담당 진행 중 사례 2건 인계" in printed and f"written to {tmp_path / '인계.pdf'}" in printed
    assert desk["second"] in hwpx_text(tmp_path / "인계.hwpx")
    pdf = pypdfium2.PdfDocument(tmp_path / "인계.pdf")
    try:
        assert desk["open"] in pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    code = app.main([*root, "handover-document", "--officer", "김영희", "--out", str(tmp_path / "인계.txt")])
    assert code == 1 and ".hwpx, .docx or .pdf" in capsys.readouterr().err
    code = app.main([*root, "handover-document", "--officer", "없는사람", "--out", str(tmp_path / "x.hwpx")])
    assert code == 1 and "No officer named 없는사람" in capsys.readouterr().err


def test_the_report_pdfs_text_holds_with_the_window_in_korean(
    qapp: QApplication, mission: AppContext, desk: dict[str, str], tmp_path: Path
) -> None:
    """The window in Korean sets Korean as the default locale; the dashboard's PDF (drawn in the bare
    default face before) then extracted "(" as "+" and "," as "q" (it ran before this suite's report test)."""
    report = ReportService(mission).report(Period.year(2026, dt.date(2026, 11, 30)), today=TODAY)
    i18n.install("ko")
    try:
        pdf = pypdfium2.PdfDocument(write_pdf(report, tmp_path / "대시보드.pdf"))
        try:
            rules = page_words(pdf[1])
        finally:
            pdf.close()
    finally:
        i18n.install("en")
    assert RULES_KO["P1"] in rules  # its parentheses and commas read back as written


def test_the_window_saves_the_case_summary_as_hwpx_when_named_so(
    qtbot: QtBot,
    mission: AppContext,
    desk: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(mission)
    qtbot.addWidget(window)
    shown: list[Path] = []
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "요약.hwpx")
    monkeypatch.setattr(prompts, "show_file", shown.append)
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    page.refresh()
    case_id = CaseSummaryService(mission).find(desk["open"]).id
    page.open_record(case_id)
    assert window.save_case_summary() == tmp_path / "요약.hwpx"
    assert shown == [tmp_path / "요약.hwpx"]
    text = hwpx_text(tmp_path / "요약.hwpx")
    assert desk["open"] in text and "ㅁ 하일브론 인근 공장 부지" in text
    window.close()
