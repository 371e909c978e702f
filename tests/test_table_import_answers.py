"""The window's answers to a table import: a cell corrected, a date column's order, a suggestion confirmed,
and the table's layout before any row is read."""

from __future__ import annotations

from pathlib import Path

from missiondesk.services import table_import as ti
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.tables.targets import Helper
from missiondesk.tables.values import CellCode
from tests.legacy_sheets import CASE_ROWS, cases_workbook


def _outcomes(report: ti.TableReport) -> dict[int, ti.Outcome]:
    return {r.number: r.outcome for r in report.rows}


def test_the_layout_shows_the_guessed_columns_with_samples_before_any_row_is_read(
    mission: AppContext, tmp_path: Path
) -> None:
    rows = [[1, "", "", "", "독일", "", "접수", "", None, None]]  # no title: a preview would refuse the row
    book = cases_workbook(tmp_path / "cases.xlsx", rows)
    found = ti.layout(mission, ti.ImportRequest(book, ti.TableKind.CASES, columns={"제목": None}))

    assert found.sheets == ["2023 실적"] and found.header_rows == (3, 4) and found.rows == 1
    by_title = {m.column.title: m for m in found.columns}
    assert by_title["제목"].target is None  # the person's correction, even of the required column
    assert by_title["국가"].target == "country" and found.samples[4] == ["독일"]
    assert ti.required_fields(ti.TableKind.CASES) == ("title",)


def test_a_corrected_cell_and_a_confirmed_suggestion_are_what_the_import_reads(
    mission: AppContext, tmp_path: Path
) -> None:
    book = cases_workbook(tmp_path / "cases.xlsx")
    first = ti.preview(mission, ti.ImportRequest(book, ti.TableKind.CASES))
    germny = next(r for r in first.rows if r.number == 9).problems[0]
    assert ti.suggestion_for(germny) == ti.Suggestion("country", "Germny")

    request = ti.ImportRequest(
        book,
        ti.TableKind.CASES,
        accepted=frozenset({ti.Suggestion("country", "Germny")}),
        cells={(10, "D"): "수출 상담"},
    )
    second = ti.preview(mission, request)
    row9 = next(r for r in second.rows if r.number == 9)
    assert [p.code for p in row9.problems] == [
        CellCode.CONFIRM_COMPANY
    ]  # the country taken, the company asked
    assert ti.suggestion_for(row9.problems[0]) == ti.Suggestion(Helper.COMPANY_NAME.value, "새싹로보틱")
    assert _outcomes(second)[10] is ti.Outcome.NEW
    assert next(r for r in second.rows if r.number == 10).label == "수출 상담"


def test_a_date_column_that_reads_both_ways_takes_the_answer_given_for_it(
    mission: AppContext, tmp_path: Path
) -> None:
    rows = [[*CASE_ROWS[0][:5], "5/3/2024", *CASE_ROWS[0][6:]]]
    book = cases_workbook(tmp_path / "cases.xlsx", rows)
    asked = ti.preview(mission, ti.ImportRequest(book, ti.TableKind.CASES))
    assert asked.date_questions == ["received_date"]
    assert [p.code for p in asked.rows[0].problems] == [CellCode.AMBIGUOUS_DATE]
    found = ti.layout(mission, ti.ImportRequest(book, ti.TableKind.CASES))
    assert found.ambiguous_dates == frozenset({5})

    request = ti.ImportRequest(book, ti.TableKind.CASES, date_orders={"received_date": ti.DateOrder.MDY})
    answered = ti.import_table(mission, request)
    assert answered.date_questions == [] and _outcomes(answered) == {5: ti.Outcome.NEW}
    case = RecordService(mission).get("support_case", str(answered.rows[0].record_id))
    assert str(case.get("received_date")) == "2024-05-03"  # month first, as answered
