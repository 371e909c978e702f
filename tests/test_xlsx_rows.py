"""``RowSheet`` writes the very bytes XlsxWriter's own worksheet writes, whatever the cells hold; with an
XlsxWriter release it was not compared with, the export writes through XlsxWriter's own rows."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from missiondesk.bundles.reader import read_workbook
from missiondesk.bundles.xlsx_rows import PlainSheet, RowSheet, sheet_class
from missiondesk.services import bundle_export
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo

AWKWARD = [
    "",
    "plain",
    "한국어 텍스트 — dash",
    " leading space",
    "trailing space ",
    "\ttab first",
    "line\nbreak",
    "ends with newline\n",
    "\u3000ideographic space first",
    "no-break space last\u00a0",
    "control \x01 char",
    "bell \x07 and \x1f",
    "_x0041_ looks escaped",
    "_x12 not quite",
    "<r>rich-looking</r>",
    "a & b < c > d",
    'quotes "inside"',
    "non-character \ufffe and \uffff",
    "=SUM(A1:A2)",
    '{"json":"line","n":1}',
]


def _sheet_xml(path: Path, sheet_class: type | None) -> bytes:
    book = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    if sheet_class is not None:
        book.worksheet_class = sheet_class
    text = book.add_format({"num_format": "@"})
    number = book.add_format({"num_format": "#,##0"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    ws = book.add_worksheet("s")
    ws.set_row(0, 32)
    ws.write_string(0, 0, "header", text)
    for row, value in enumerate(AWKWARD, start=1):
        # Out of column order, with and without a format, and other cell types beside.
        ws.write_string(row, 3, value, text)
        ws.write_string(row, 1, value)
        ws.write_number(row, 2, row * 1_000_003, number)
        ws.write_number(row, 5, row / 7, number)
        ws.write_datetime(row, 4, dt.date(2026, 1, row), date)
        ws.write_boolean(row, 6, row % 2 == 0)
        ws.write_blank(row, 7, None, text)
    ws.set_row(len(AWKWARD) + 2, 20, number)  # a row with a format and no cells
    ws.write_number(len(AWKWARD) + 3, 0, 2**53 + 1, number)
    ws.write_string(len(AWKWARD) + 5, 2, "after a gap", text)
    ws.autofilter(0, 0, len(AWKWARD), 7)
    book.close()
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_row_sheet_writes_the_bytes_of_xlsxwriters_worksheet(tmp_path: Path) -> None:
    theirs = _sheet_xml(tmp_path / "theirs.xlsx", None)
    ours = _sheet_xml(tmp_path / "ours.xlsx", RowSheet)
    assert b"_x0001_" in theirs and b'xml:space="preserve"' in theirs  # the awkward texts were escaped
    assert ours == theirs


def test_an_untested_xlsxwriter_release_exports_through_xlsxwriters_own_rows(
    mission: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_demo(mission, cases=5)
    assert sheet_class() is RowSheet  # the release installed here is one RowSheet was compared with
    fast = tmp_path / "fast.xlsx"
    bundle_export.export_bundle(mission, fast)

    monkeypatch.setattr(xlsxwriter, "__version__", "3.4.0")  # a release with a changed row writer
    assert sheet_class() is PlainSheet
    plain = tmp_path / "plain.xlsx"
    bundle_export.export_bundle(mission, plain)
    assert _sheet_xml(tmp_path / "plain-sheet.xlsx", PlainSheet) == _sheet_xml(
        tmp_path / "row.xlsx", RowSheet
    )
    # Both bundles hold the same ops (the second export sends the unsent changes again).
    assert read_workbook(plain).payload == read_workbook(fast).payload
