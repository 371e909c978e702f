"""The preview of a legacy table decides every row as the import does (generated messy sheets)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from missiondesk.services import table_import as ti
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission

_TITLES = ["비자 발급 지연", "공장 부지 인허가", "", "통관 애로"]
_COUNTRIES = ["독일", "DE", "Germany", "Deutschland", "Germny", "Atlantis", ""]
_DATES = ["2024. 3. 5.", "2024.13.01", "5/3/2024", "13/3/2024", "", "2024-02-30", "20240611"]
_STATUSES = ["접수", "진행 중", "종결", "대기", "", "open", "끝남"]
_OUTCOMES = ["", "완전 해결", "일부 해결"]
_RESOLVED = ["", "2024.06.30", "2023.01.01"]
_COMPANIES = ["(주)한빛배터리", "한빛배터리", "새싹로보틱스", "새싹로보틱", "", "Blue Ocean Foods"]
_BRNS = ["", "123-45-67890", "1234567890", "999-99-99999"]
_ACTIVITY = ["", "2024.03.06", "어제"]

_row = st.tuples(*(st.sampled_from(pool) for pool in (
    _TITLES, _COUNTRIES, _DATES, _STATUSES, _OUTCOMES, _RESOLVED, _COMPANIES, _BRNS, _ACTIVITY
)))  # fmt: skip


@settings(max_examples=12)
@given(
    rows=st.lists(_row, min_size=1, max_size=12),
    existing=st.booleans(),
    order=st.sampled_from([None, ti.DateOrder.DMY, ti.DateOrder.MDY]),
    accept=st.booleans(),
)
def test_the_preview_decides_each_row_as_the_import_does(
    rows: list[tuple[str, ...]], existing: bool, order: ti.DateOrder | None, accept: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = init_mission(Path(folder) / "laptop", "DE-FRA", "김영희")
        try:
            if existing:
                RecordService(ctx).create("company", {"name_ko": "(주)한빛배터리", "brn": "123-45-67890"})
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(["지원 실적"])
            ws.append(
                [
                    "제목",
                    "국가",
                    "접수일",
                    "상태",
                    "결과",
                    "해결일",
                    "해결 내용",
                    "기업명",
                    "사업자번호",
                    "활동 일자",
                ]
            )
            for title, country, date, status, outcome, resolved, company, brn, activity in rows:
                summary = "해결" if outcome else ""
                ws.append([title, country, date, status, outcome, resolved, summary, company, brn, activity])
            path = Path(folder) / "sheet.xlsx"
            wb.save(path)
            request = ti.ImportRequest(path, ti.TableKind.CASES, date_order=order, accept_suggestions=accept)

            preview = ti.preview(ctx, request)
            report = ti.import_table(ctx, request)

            assert [(r.number, r.outcome, r.made, r.reason) for r in preview.rows] == [
                (r.number, r.outcome, r.made, r.reason) for r in report.rows
            ]
            again = ti.preview(ctx, request)
            assert ti.Outcome.NEW not in {r.outcome for r in again.rows}
        finally:
            ctx.close()
