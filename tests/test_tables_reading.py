"""Reading person-made tables: the header under titles, two-line merged headers, skipped rows, encodings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from missiondesk import refdata
from missiondesk.bundles.limits import DEFAULT_LIMITS
from missiondesk.domain.enums import CaseStatus
from missiondesk.domain.messages import said_by, said_in
from missiondesk.tables.companies import CompanyIndex, FoundBy
from missiondesk.tables.dates import ColumnOrder, DateError, DateOrder, column_order, read_date
from missiondesk.tables.header import SkipReason, find_table
from missiondesk.tables.mapping import guess, known_header
from missiondesk.tables.read import TableRefused, read_sheet
from missiondesk.tables.targets import TableKind
from missiondesk.tables.vocabulary import code_vocabulary, enum_vocabulary
from tests.legacy_sheets import cases_workbook


def test_the_header_is_found_under_titles_and_merged_over_two_lines(tmp_path: Path) -> None:
    raw = read_sheet(cases_workbook(tmp_path / "cases.xlsx"))
    table = find_table(raw, known_header(TableKind.CASES))

    assert table.header_rows == (3, 4)
    titles = [c.title for c in table.columns]
    assert titles == [
        "번호",
        "기업 기업명",
        "기업 사업자번호",
        "제목",
        "국가",
        "접수일",
        "상태",
        "지원분야",
        "활동 일자",
        "활동 내용",
    ]
    assert [r.number for r in table.rows] == [5, 6, 8, 9, 10]  # as Excel numbers them
    assert [(s.number, s.reason) for s in table.skipped] == [(7, SkipReason.BLANK), (11, SkipReason.TOTAL)]


def test_columns_are_guessed_from_korean_and_english_headers(tmp_path: Path) -> None:
    table = find_table(read_sheet(cases_workbook(tmp_path / "cases.xlsx")), known_header(TableKind.CASES))
    mapped = {m.column.letter: m.target for m in guess(TableKind.CASES, table)}
    assert mapped == {
        "A": "legacy_ref",
        "B": "company_name",
        "C": "company_brn",
        "D": "title",
        "E": "country",
        "F": "received_date",
        "G": "status",
        "H": "categories",
        "I": "activity.date",
        "J": "activity.notes",
    }
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Company name", "Business registration no.", "Size", "Notes"])
    ws.append(["Hanbit Battery", "123-45-67890", "Small", ""])
    wb.save(tmp_path / "en.xlsx")
    table = find_table(read_sheet(tmp_path / "en.xlsx"), known_header(TableKind.COMPANIES))
    assert [m.target for m in guess(TableKind.COMPANIES, table)] == ["company_name", "brn", "size", "notes"]


def test_a_column_without_a_known_header_is_recognised_by_its_values(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "기타1", "기타2"])
    ws.append(["비자", "2024.03.05", "123-45-67890"])
    ws.append(["통관", "2024.04.01", "234-56-78901"])
    wb.save(tmp_path / "t.xlsx")
    table = find_table(read_sheet(tmp_path / "t.xlsx"), known_header(TableKind.CASES))
    assert [m.target for m in guess(TableKind.CASES, table)] == ["title", "received_date", "company_brn"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_a_csv_is_read_in_the_encodings_korean_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "companies.csv"
    path.write_bytes("기업명,사업자등록번호\n(주)한빛배터리,123-45-67890\n".encode(encoding))
    raw = read_sheet(path)
    assert raw.rows[1] == ["(주)한빛배터리", "123-45-67890"]
    assert raw.encoding == encoding


def test_a_semicolon_csv_is_split_on_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Company;Country\nHanbit;DE\n", encoding="utf-8")
    assert read_sheet(path).rows == [["Company", "Country"], ["Hanbit", "DE"]]


def test_a_workbook_with_macros_is_refused_before_parsing(tmp_path: Path) -> None:
    path = cases_workbook(tmp_path / "cases.xlsx")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\0" * 100)
    with pytest.raises(TableRefused, match=r"(?i)macro"):
        read_sheet(path)


def _rewritten(path: Path, out: Path, part: str, data: bytes) -> Path:
    """``path`` with one part's bytes replaced (as a hostile sender would)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == part else src.read(info))
    return out


def test_a_zip_bomb_is_refused_before_any_parser_reads_it(tmp_path: Path) -> None:
    path = cases_workbook(tmp_path / "cases.xlsx")
    bomb = b"<x>" + b" " * 200_000_000 + b"</x>"  # deflates about a thousandfold
    with pytest.raises(TableRefused, match="zip bomb"):
        read_sheet(_rewritten(path, tmp_path / "bomb.xlsx", "docProps/app.xml", bomb))


def test_xml_entity_expansion_is_refused_before_any_parser_reads_it(tmp_path: Path) -> None:
    path = cases_workbook(tmp_path / "cases.xlsx")
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<Properties>&lol2;</Properties>"
    )
    with pytest.raises(TableRefused, match="entit") as refused:
        read_sheet(_rewritten(path, tmp_path / "laughs.xlsx", "docProps/app.xml", laughs))
    assert said_in(said_by(refused.value), "ko") != said_by(refused.value)  # the window says it in Korean


def test_a_sheet_longer_than_the_row_limit_is_refused_in_either_language(tmp_path: Path) -> None:
    path = cases_workbook(tmp_path / "cases.xlsx")
    small = dataclasses.replace(DEFAULT_LIMITS, max_rows_per_sheet=3)
    with pytest.raises(TableRefused) as refused:
        read_sheet(path, limits=small)
    said = said_by(refused.value)
    # The container's check, before calamine parses the sheet; in the table's words, not a bundle's.
    assert getattr(said, "code", "") == "table_too_many_rows"
    assert "bundle" not in said
    sheet = openpyxl.load_workbook(path, read_only=True).sheetnames[0]
    rows = len(read_sheet(path).rows)
    assert f"the sheet “{sheet}” has {rows} rows, more than the 3" in said
    korean = said_in(said, "ko")
    assert korean != said and sheet in korean and str(rows) in korean and "3" in korean and "거부" in korean


def test_a_csv_or_xls_longer_than_the_row_limit_names_its_rows_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("a,b\n" + "x,y\n" * 1500, encoding="utf-8")
    small = dataclasses.replace(DEFAULT_LIMITS, max_rows_per_sheet=1000)
    with pytest.raises(TableRefused) as refused:
        read_sheet(path, limits=small)
    said = said_by(refused.value)
    assert "the sheet “people” has 1,501 rows, more than the 1,000 a table may have" in said
    assert "1,501" in said_in(said, "ko")


def test_a_formula_is_read_as_its_cached_value_and_never_evaluated(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "건수"])
    ws.append(["비자", "=1+1"])  # openpyxl writes no cached value: a reader that evaluated would say 2
    wb.save(tmp_path / "f.xlsx")
    [_header, row] = read_sheet(tmp_path / "f.xlsx").rows
    assert row[0] == "비자" and row[1] in ("", None)


def test_an_unknown_sheet_or_file_type_is_refused(tmp_path: Path) -> None:
    path = cases_workbook(tmp_path / "cases.xlsx")
    with pytest.raises(TableRefused, match="no sheet “Sheet9”"):
        read_sheet(path, "Sheet9")
    (tmp_path / "x.ods").write_bytes(b"x")
    with pytest.raises(TableRefused, match=r"\.xlsx, \.xls and \.csv"):
        read_sheet(tmp_path / "x.ods")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024. 3. 5.", dt.date(2024, 3, 5)),
        ("2024.03.05", dt.date(2024, 3, 5)),
        ("2024-3-5", dt.date(2024, 3, 5)),
        ("2024년 3월 5일", dt.date(2024, 3, 5)),
        ("20240305", dt.date(2024, 3, 5)),
        (45356, dt.date(2024, 3, 5)),  # an Excel serial
        (dt.datetime(2024, 3, 5, 14, 30), dt.date(2024, 3, 5)),
    ],
)
def test_dates_in_the_forms_people_type(text: object, expected: dt.date) -> None:
    assert read_date(text, ColumnOrder.NONE).value == expected


def test_a_column_of_day_month_dates_asks_only_when_every_value_reads_both_ways() -> None:
    assert column_order(["5/3/2024", "13/3/2024"]) is ColumnOrder.DMY
    assert column_order(["5/3/2024", "3/13/2024"]) is ColumnOrder.MDY
    assert column_order(["5/3/2024", "6/4/2024"]) is ColumnOrder.AMBIGUOUS
    assert column_order(["13/3/2024", "3/13/2024"]) is ColumnOrder.INCONSISTENT
    assert read_date("5/3/2024", ColumnOrder.AMBIGUOUS).error is DateError.AMBIGUOUS
    assert read_date("5/3/2024", ColumnOrder.AMBIGUOUS, DateOrder.MDY).value == dt.date(2024, 5, 3)
    assert read_date("5/3/2024", ColumnOrder.DMY).value == dt.date(2024, 3, 5)
    assert read_date("13/3/2024", ColumnOrder.INCONSISTENT).error is DateError.INCONSISTENT
    assert read_date("31.02.2024", ColumnOrder.DMY).error is DateError.NOT_A_DATE


def test_countries_by_korean_english_local_name_and_code_and_a_near_miss_only_as_a_suggestion() -> None:
    vocab = code_vocabulary("country", refdata.rows("country"))
    for text in ("독일", "Germany", "Deutschland", "DE", "de", "GERMANY "):
        match = vocab.match(text)
        assert match is not None and match.value == "DE" and match.sure, text
    near = vocab.match("Germny")
    assert near is not None and near.value == "DE" and not near.sure and 0.75 <= near.confidence < 1
    assert vocab.match("Atlantis") is None


def test_enum_values_by_their_labels_in_both_languages_and_synonyms() -> None:
    vocab = enum_vocabulary("CaseStatus", CaseStatus, {"끝남": "closed"})
    assert {t: vocab.match(t).value for t in ("진행 중", "In progress", "in_progress", "종료", "끝남")} == {  # type: ignore[union-attr]
        "진행 중": "in_progress",
        "In progress": "in_progress",
        "in_progress": "in_progress",
        "종료": "closed",
        "끝남": "closed",
    }


def test_companies_are_found_by_registration_number_then_by_name_in_either_script() -> None:
    index = CompanyIndex()
    index.add("a", "(주)한빛배터리", "Hanbit Battery Co., Ltd.", "123-45-67890")
    index.add("b", "새싹로보틱스", None, None)
    assert index.find("전혀 다른 이름", "1234567890").company_id == "a"  # type: ignore[union-attr]
    assert index.find(None, "123-45-67890").by is FoundBy.BRN  # type: ignore[union-attr]
    assert index.find("한빛 배터리 주식회사", None).company_id == "a"  # type: ignore[union-attr]
    assert index.find("HANBIT BATTERY GmbH", None).by is FoundBy.NAME  # type: ignore[union-attr]
    similar = index.find("새싹로보틱", None)
    assert similar is not None and similar.company_id == "b" and similar.by is FoundBy.SIMILAR_NAME
    assert not similar.sure
    # Another registration number is another company, even under the same name.
    assert index.find("한빛배터리", "999-99-99999") is None
    assert index.find("새싹로보틱스", "999-99-99999").company_id == "b"  # type: ignore[union-attr]  # b's number is unknown
