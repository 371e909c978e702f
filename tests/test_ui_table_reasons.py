"""The import wizard's reasons: a legacy table's cell problems are codes the window says in Korean."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.services import table_import as ti
from missiondesk.services.context import AppContext
from missiondesk.tables.reasons import CELL_PROBLEMS as _CELL_PROBLEMS
from missiondesk.tables.values import CellCode
from missiondesk.ui import i18n
from missiondesk.ui.labels import cell_problem_text
from tests.legacy_sheets import cases_workbook


@pytest.fixture
def korean(qtbot: QtBot) -> Iterator[None]:
    assert i18n.install("ko") == "ko"
    yield
    i18n.install("en")


def test_every_cell_code_has_words() -> None:
    assert set(_CELL_PROBLEMS) == set(CellCode) - {CellCode.INVALID}  # invalid: the record's own code


def test_a_rows_reasons_are_said_in_korean(mission: AppContext, tmp_path: Path, korean: None) -> None:
    report = ti.preview(
        mission, ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES)
    )
    by_number = {r.number: r for r in report.rows}

    assert (
        cell_problem_text(by_number[9].problems[0])
        == "“Germny”은(는) “Germany”(으)로 보입니다 (92%). 확인하십시오."
    )
    assert cell_problem_text(by_number[10].problems[0]) == "제목은(는) 필수 항목입니다."
    assert "Title is required" in by_number[10].reason  # the CLI's words stay English


def test_at_hq_a_row_refused_by_permission_is_said_in_korean_in_the_wizard(
    qtbot: QtBot, hq: AppContext, tmp_path: Path, korean: None
) -> None:
    import openpyxl

    from missiondesk.ui.main_window import MainWindow
    from missiondesk.ui.table_import_pages import _REASON

    book = tmp_path / "cases.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["제목", "공관", "국가", "접수일"])
    wb.active.append(["비자", "HQ", "독일", "2024-03-05"])  # HQ may make a case for a mission, not for itself
    wb.save(book)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    wizard = window.open_import()
    wizard.source_page.spreadsheet.setChecked(True)
    wizard.next()
    page = wizard.table_file_page
    page.set_path(book)
    page.kind.setCurrentIndex(page.kind.findData(ti.TableKind.CASES))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.table.layout is not None, timeout=30_000)
    wizard.next()
    preview = wizard.table_preview_page
    qtbot.waitUntil(preview.isComplete, timeout=30_000)
    reasons = [preview.table.item(i, _REASON).text() for i in range(preview.table.rowCount())]

    assert reasons == [
        "자료를 만들 수 없습니다: 현장 지원 사례은(는) 공관의 자료이므로 본부에서 만들거나 삭제하거나 복원할 수 없습니다."
    ]


def test_the_case_kind_says_its_rows_may_carry_referrals_as_well_as_activities(qtbot: QtBot) -> None:
    from missiondesk.tables.targets import targets
    from missiondesk.ui.table_import_pages import kind_label

    children = {t.key.partition(".")[0] for t in targets(ti.TableKind.CASES) if "." in t.key}
    assert children == {"activity", "referral"}  # the child columns a case row may carry
    assert kind_label(ti.TableKind.CASES) == "Support cases (with activities and partner referrals)"
    assert i18n.install("ko") == "ko"
    try:
        assert "연계" in kind_label(ti.TableKind.CASES) and "활동" in kind_label(ti.TableKind.CASES)
    finally:
        i18n.install("en")
