"""Person-made legacy tables built the way missions made them: titles, merged headers, totals, text dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl


def cases_workbook(path: Path, rows: list[list[Any]] | None = None) -> Path:
    """A Korean case sheet: a title above, a two-line header with merged cells, a blank row and totals."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023 실적"
    ws["A1"] = "2023년 현장지원 실적 (주프랑크푸르트 총영사관)"
    ws.merge_cells("A1:J1")
    ws["A2"] = "작성: 경제과"
    ws["A3"] = "번호"
    ws.merge_cells("A3:A4")
    ws["B3"] = "기업"
    ws.merge_cells("B3:C3")
    ws["B4"] = "기업명"
    ws["C4"] = "사업자번호"
    for col, title in zip("DEFGH", ("제목", "국가", "접수일", "상태", "지원분야"), strict=True):
        ws[f"{col}3"] = title
        ws.merge_cells(f"{col}3:{col}4")
    ws["I3"] = "활동"
    ws.merge_cells("I3:J3")
    ws["I4"] = "일자"
    ws["J4"] = "내용"
    for row in rows if rows is not None else CASE_ROWS:
        ws.append(row)
    wb.save(path)
    return path


CASE_ROWS: list[list[Any]] = [
    [
        1,
        "(주)한빛배터리",
        "123-45-67890",
        "공장 부지 인허가",
        "독일",
        "2024. 3. 5.",
        "진행 중",
        "인허가",
        "2024.03.06",
        "주정부 면담",
    ],
    [2, "새싹로보틱스", "", "비자 발급 지연", "Deutschland", "2024.03.15", "접수", "비자", None, None],
    [None] * 10,
    [3, "한빛배터리", "", "통관 애로", "DE", dt.date(2024, 4, 2), "Open", "", None, None],
    [4, "새싹로보틱", "", "인증 문의", "Germny", "2024/4/9", "open", "", None, None],
    [5, "Blue Ocean Foods", "", "", "독일", "2024.05.01", "접수", "", None, None],
    ["합계", None, None, "5건", None, None, None, None, None, None],
]
"""Row 5: new (and its company and activity); 6: new; 7 blank; 8: the same company as row 5, by name without
the legal form; 9: 'Germny' and a company name that is almost 새싹로보틱스, both to confirm; 10: no title,
refused; 11: the totals row."""
