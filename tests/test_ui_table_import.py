"""The import wizard's spreadsheet pages, walked as a person does on a messy two-sheet workbook."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from missiondesk.domain.records import ListQuery
from missiondesk.services import maintenance
from missiondesk.services import table_import as ti
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui import prompts
from missiondesk.ui.import_wizard import ImportWizard
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.table_import_pages import _CONFIRM, _STATUS, _VALUE
from tests.legacy_sheets import CASE_ROWS, cases_workbook

WAIT = 30_000

# The cases sheet of tests.legacy_sheets with row 9's date written day first, so that it reads both ways
# (9 April or September 4), and one row more before its totals: a country spelled almost right that
# nobody confirms.
CASES = [
    *CASE_ROWS[:4],
    [*CASE_ROWS[4][:5], "9/4/2024", *CASE_ROWS[4][6:]],
    *CASE_ROWS[5:-1],
    [6, "한빛배터리", "", "박람회 참가", "Deutchland", "2024.06.03", "접수", "", None, None],
    CASE_ROWS[-1],
]


def messy_workbook(path: Path) -> Path:
    """Two sheets: the companies (a title row, Korean headers, a blank row and totals), then the cases
    (a title, a merged two-line header, text dates, a totals row, a company spelled almost right)."""
    cases_workbook(path, CASES)
    book = openpyxl.load_workbook(path)
    sheet = book.create_sheet("기업 목록", 0)
    sheet["A1"] = "관할 진출기업 현황 (2023년 12월 기준)"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["기업명(한글)", "영문명", "사업자등록번호", "소재지"])
    sheet.append(["(주)한빛배터리", "Hanbit Battery", "123-45-67890", "Frankfurt"])  # 4: by its number
    sheet.append(["새싹로보틱", "", "", "Berlin"])  # 5: almost 새싹로보틱스: to confirm
    sheet.append([])
    sheet.append(["블루오션푸드", "Blue Ocean Foods", "234-56-78901", "Hamburg"])  # 7: new
    sheet.append(["합계", "3개사", None, None])
    book.save(path)
    return path


def _state(ctx: AppContext) -> tuple[tuple[str, int], ...]:
    return tuple((c.entity, c.live) for c in maintenance.stats(ctx).counts)


def _cases(ctx: AppContext) -> dict[str, Any]:
    rows = RecordService(ctx).list(ListQuery("support_case", limit=50)).rows
    return {str(r.get("title")): r for r in rows}


def _wizard(qtbot: QtBot, ctx: AppContext, book: Path, sheet: str, kind: ti.TableKind) -> ImportWizard:
    """The wizard at its mapping page for one sheet, once the table is read."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    wizard = window.open_import()
    wizard.source_page.spreadsheet.setChecked(True)
    wizard.next()
    page = wizard.table_file_page
    assert wizard.currentPage() is page and not page.isComplete()
    page.set_path(book)
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["기업 목록", "2023 실적"]
    page.sheet.setCurrentText(sheet)
    page.path.editingFinished.emit()  # Tab out of the file's field: the sheet chosen stays chosen
    assert page.sheet.currentText() == sheet
    page.kind.setCurrentIndex(page.kind.findData(kind))
    assert page.isComplete() and page.mission.isHidden()  # a mission laptop's rows are its own
    wizard.next()
    qtbot.waitUntil(
        lambda: wizard.table.layout is not None or "…" not in wizard.mapping_page.status.text(), timeout=WAIT
    )
    assert wizard.table.layout is not None, (wizard.currentId(), wizard.mapping_page.status.text())
    return wizard


def _preview(qtbot: QtBot, wizard: ImportWizard) -> ti.TableReport:
    page = wizard.table_preview_page
    qtbot.waitUntil(lambda: page.isComplete(), timeout=WAIT)
    assert wizard.table.report is not None, page.status.text()
    return wizard.table.report


def _again(qtbot: QtBot, wizard: ImportWizard) -> ti.TableReport:
    wizard.table_preview_page.again.click()
    return _preview(qtbot, wizard)


def _counts(report: ti.TableReport) -> dict[str, int]:
    return {o.value: report.count(o) for o in ti.Outcome if report.count(o)}


def _tick(wizard: ImportWizard, number: int, column: str) -> None:
    page = wizard.table_preview_page
    item = page.table.item(page.line_of(number, column), _CONFIRM)
    assert item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    item.setCheckState(Qt.CheckState.Checked)


@pytest.fixture
def known(mission: AppContext) -> AppContext:
    """A mission that already has two companies, one with its registration number."""
    service = RecordService(mission)
    service.create("company", {"name_ko": "(주)한빛배터리", "brn": "123-45-67890"})
    service.create("company", {"name_ko": "새싹로보틱스"})
    return mission


def test_a_companies_sheet_matches_by_number_and_asks_before_a_similar_name(
    qtbot: QtBot, known: AppContext, tmp_path: Path
) -> None:
    book = messy_workbook(tmp_path / "legacy.xlsx")
    wizard = _wizard(qtbot, known, book, "기업 목록", ti.TableKind.COMPANIES)
    mapping = wizard.mapping_page
    assert [mapping.field_of(r) for r in range(4)] == ["name_ko", "name_en", "brn", "home_city"]
    assert mapping.table.item(0, 3).text() == "(주)한빛배터리 · 새싹로보틱 · 블루오션푸드"
    assert mapping.isComplete()
    wizard.next()

    report = _preview(qtbot, wizard)
    assert _counts(report) == {"new": 1, "matched": 1, "confirm": 1}
    assert [(s.number, s.reason.value) for s in report.skipped] == [(6, "blank"), (8, "total")]
    counts = wizard.table_preview_page.counts.text()
    assert "New: 1   Matched: 1" in counts and "Skipped: 2 (blank rows 1, totals 1" in counts
    confirm = wizard.table_preview_page.table.item(wizard.table_preview_page.line_of(5, "A"), _CONFIRM)
    assert confirm is not None and confirm.text() == "새싹로보틱스"

    _tick(wizard, 5, "A")  # the person agrees: it is 새싹로보틱스
    assert _counts(_again(qtbot, wizard)) == {"new": 1, "matched": 2}
    before = _state(known)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.table_result_page.isComplete(), timeout=WAIT)
    assert dict(_state(known))["company"] == dict(before)["company"] + 1  # no duplicate of a known one


def test_the_wizard_imports_a_messy_sheet_confirmed_and_corrected(
    qtbot: QtBot, known: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = messy_workbook(tmp_path / "legacy.xlsx")
    wizard = _wizard(qtbot, known, book, "2023 실적", ti.TableKind.CASES)
    mapping = wizard.mapping_page
    assert mapping.table.item(1, 0).text() == "B: 기업 기업명"  # the merged two-line header
    assert mapping.field_of(1) == "company_name" and mapping.table.item(1, 2).text() == "80% (header)"
    # "9/4/2024" reads both ways: the column's question is asked before the preview.
    assert list(mapping.date_boxes) == ["received_date"] and not mapping.isComplete()
    assert mapping.hint.text() == "Say how the dates above read."  # why Next is disabled
    box = mapping.date_boxes["received_date"]
    box.setCurrentIndex(box.findData(ti.DateOrder.DMY))
    assert mapping.isComplete() and mapping.hint.text() == ""
    # Saved under a name, the mapping is offered for a file with these columns.
    mapping.mapping_name.setText("프랑크푸르트 실적")
    mapping.save.click()
    assert [m.name for m in ti.mappings(known, ti.TableKind.CASES)] == ["프랑크푸르트 실적"]
    wizard.next()

    # Rows 5, 6, 8 new; 9 'Germny' and 11 'Deutchland' to confirm; 10 has no title; 7 blank, 12 totals.
    report = _preview(qtbot, wizard)
    assert _counts(report) == {"new": 3, "confirm": 2, "refused": 1}
    assert [(s.number, s.reason.value) for s in report.skipped] == [(7, "blank"), (12, "total")]
    page = wizard.table_preview_page
    assert [page.table.item(i, 0).data(Qt.ItemDataRole.DisplayRole) for i in range(3)] == [9, 10, 11]
    refused = page.table.item(page.line_of(10, "D"), _VALUE)
    assert refused is not None and refused.flags() & Qt.ItemFlag.ItemIsEditable
    assert page.table.item(page.line_of(10, "D"), 6).text() == "Title is required."

    _tick(wizard, 9, "E")  # Germny is Germany; Deutchland (row 11) is left unconfirmed
    refused.setText("수출 상담")  # the missing title, typed in the preview
    report = _again(qtbot, wizard)
    # Row 9's country is taken; its company, almost 새싹로보틱스, is asked next.
    assert _counts(report) == {"new": 4, "confirm": 2}
    assert page.table.item(page.line_of(9, "B"), _STATUS).text() == "to confirm"
    _tick(wizard, 9, "B")
    assert _counts(_again(qtbot, wizard)) == {"new": 5, "confirm": 1}

    wizard.next()  # the commit page: the import runs
    result_page = wizard.table_result_page
    qtbot.waitUntil(lambda: result_page.isComplete(), timeout=WAIT)
    result = wizard.table.result
    assert result is not None and result.committed
    assert _counts(result) == {"new": 5, "confirm": 1}
    assert "To confirm: 1   Refused: 0" in result_page.summary.text()
    cases = _cases(known)
    assert sorted(cases) == ["공장 부지 인허가", "비자 발급 지연", "수출 상담", "인증 문의", "통관 애로"]
    assert cases["인증 문의"]["country"] == "DE"  # the confirmed low-confidence value
    assert "박람회 참가" not in cases  # the unconfirmed one
    saessak = RecordService(known).list(ListQuery("company", limit=50)).rows
    assert sorted(str(c.get("name_ko")) for c in saessak) == [
        "(주)한빛배터리",
        "Blue Ocean Foods",
        "새싹로보틱스",
    ]

    # The rows not imported, with their reasons in the window's language.
    errors = tmp_path / "not-imported.xlsx"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: errors)
    assert result_page.save_errors.isEnabled()
    result_page.save_errors.click()
    sheet = openpyxl.load_workbook(errors).active
    assert sheet is not None
    lines = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert lines[0][0] == "Row" and lines[0][-1] == "Reason"
    assert [(line[0], line[5]) for line in lines[1:]] == [(11, "Deutchland")]
    assert "Deutchland" in str(lines[1][-1]) and "Deutschland" in str(lines[1][-1])

    # The same file again changes nothing: every imported row is known by what it made.
    before = _state(known)
    again = _wizard(qtbot, known, book, "2023 실적", ti.TableKind.CASES)
    assert again.mapping_page.saved.currentData() == "프랑크푸르트 실적"  # offered for these columns
    box = again.mapping_page.date_boxes["received_date"]
    box.setCurrentIndex(box.findData(ti.DateOrder.DMY))
    again.next()
    report = _preview(qtbot, again)
    assert report.count(ti.Outcome.IMPORTED_BEFORE) == 4 and report.count(ti.Outcome.NEW) == 0
    again.next()
    qtbot.waitUntil(lambda: again.table_result_page.isComplete(), timeout=WAIT)
    assert again.table.result is not None and again.table.result.count(ti.Outcome.NEW) == 0
    assert _state(known) == before


def test_an_old_xls_workbook_imports_through_the_same_pages(
    qtbot: QtBot, known: AppContext, tmp_path: Path
) -> None:
    import xlwt  # the Excel 97-2003 format older mission files are in

    path = tmp_path / "기업.xls"
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("기업 목록")
    lines = [
        ["2019년 진출기업"],
        [],
        ["기업명(한글)", "영문명", "사업자등록번호"],
        ["(주)한빛배터리", "Hanbit Battery", "123-45-67890"],
        ["블루오션푸드", "Blue Ocean Foods", "234-56-78901"],
        ["합계", "2개사"],
    ]
    for r, line in enumerate(lines):
        for c, value in enumerate(line):
            sheet.write(r, c, value)
    book.add_sheet("참고")
    book.save(str(path))

    window = MainWindow(known)
    qtbot.addWidget(window)
    wizard = window.open_import()
    wizard.source_page.spreadsheet.setChecked(True)
    wizard.next()
    page = wizard.table_file_page
    page.set_path(path)
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["기업 목록", "참고"]
    page.kind.setCurrentIndex(page.kind.findData(ti.TableKind.COMPANIES))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.table.layout is not None, timeout=WAIT)
    wizard.next()
    assert _counts(_preview(qtbot, wizard)) == {"new": 1, "matched": 1}
    wizard.next()
    qtbot.waitUntil(lambda: wizard.table_result_page.isComplete(), timeout=WAIT)
    names = sorted(
        str(c.get("name_ko")) for c in RecordService(known).list(ListQuery("company", limit=9)).rows
    )
    assert names == ["(주)한빛배터리", "블루오션푸드", "새싹로보틱스"]


def test_at_hq_the_rows_land_under_the_mission_chosen(qtbot: QtBot, hq: AppContext, tmp_path: Path) -> None:
    book = messy_workbook(tmp_path / "legacy.xlsx")
    window = MainWindow(hq)
    qtbot.addWidget(window)
    wizard = window.open_import()
    assert "missions" in wizard.source_page.bundle.text()
    wizard.source_page.spreadsheet.setChecked(True)
    wizard.next()
    page = wizard.table_file_page
    page.set_path(book)
    page.kind.setCurrentIndex(page.kind.findData(ti.TableKind.COMPANIES))
    assert not page.mission.isHidden() and page.mission.currentData() is None  # the sheet's column
    page.mission.setCurrentIndex(page.mission.findData("DE-FRA"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.table.layout is not None, timeout=WAIT)
    wizard.next()
    assert _counts(_preview(qtbot, wizard)) == {"new": 3}
    wizard.next()
    qtbot.waitUntil(lambda: wizard.table_result_page.isComplete(), timeout=WAIT)
    rows = RecordService(hq).list(ListQuery("company", limit=9)).rows
    assert sorted((r.owner_mission, str(r.get("name_ko"))) for r in rows) == [
        ("DE-FRA", "(주)한빛배터리"),
        ("DE-FRA", "블루오션푸드"),
        ("DE-FRA", "새싹로보틱"),
    ]


def test_a_cancelled_preview_says_so_and_the_import_waits(
    qtbot: QtBot, known: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    real = ti.preview

    def held(ctx: AppContext, request: ti.ImportRequest, task: Any = None) -> ti.TableReport:
        started.set()
        release.wait(WAIT / 1000)  # the person presses Cancel meanwhile
        task.check_cancelled()
        return real(ctx, request, task)

    monkeypatch.setattr(ti, "preview", held)
    wizard = _wizard(
        qtbot, known, messy_workbook(tmp_path / "legacy.xlsx"), "기업 목록", ti.TableKind.COMPANIES
    )
    wizard.next()
    page = wizard.table_preview_page
    qtbot.waitUntil(started.is_set, timeout=WAIT)
    assert page.task is not None
    page.task.cancel()  # what the progress dialog's Cancel does
    release.set()
    qtbot.waitUntil(lambda: page.task is not None and page.task.done, timeout=WAIT)
    assert page.status.text().startswith("Cancelled")
    assert wizard.table.report is None and not page.isComplete()  # no import without a preview
    assert page.again.isEnabled()
