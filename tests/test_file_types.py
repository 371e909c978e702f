"""Attachments are allowed or refused by their content, whatever their name says."""

from __future__ import annotations

from pathlib import Path

import pytest

from missiondesk.domain.file_types import DEFAULT_MAX_BYTES, MB, FileProblem, FileRefused, check_file
from tests.samplefiles import REFUSED, SAMPLES, write

EXPECTED = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "tiff": "image/tiff",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "hwp": "application/x-hwp",
    "hwpx": "application/hwp+zip",
    "utf8": "text/plain",
    "cp949": "text/plain",
}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_allowed_kinds_are_known_by_content_under_any_name(tmp_path: Path, kind: str) -> None:
    assert check_file(write(tmp_path, f"{kind}.{kind}", SAMPLES[kind])).media_type == EXPECTED[kind]
    # A misleading name changes nothing: the content decides.
    assert check_file(write(tmp_path, "renamed.exe", SAMPLES[kind])).media_type == EXPECTED[kind]


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_programs_macros_archives_and_unknown_files_are_refused(tmp_path: Path, kind: str) -> None:
    data, code = REFUSED[kind]
    with pytest.raises(FileRefused) as info:
        check_file(write(tmp_path, "letter.pdf", data))  # named like an allowed file
    assert info.value.code == code
    assert "letter.pdf" in str(info.value)


def test_an_xlsx_written_by_a_spreadsheet_library_is_allowed(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "figures.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet().write(0, 0, "투자액")
    book.close()
    assert check_file(path).media_type.endswith("spreadsheetml.sheet")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        fh.write(b"MZ")  # an executable's start: the size is what refuses it
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    with pytest.raises(FileRefused) as info:
        check_file(path)
    assert info.value.code is FileProblem.TOO_LARGE
    assert info.value.params["limit"] == 25 * MB and "25 MB" in str(info.value)
    assert (
        check_file(write(tmp_path, "small.pdf", SAMPLES["pdf"]), max_bytes=100).media_type
        == "application/pdf"
    )
    with pytest.raises(FileRefused):
        check_file(write(tmp_path, "small.pdf", SAMPLES["pdf"]), max_bytes=10)


def test_text_that_is_neither_utf8_nor_cp949_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefused) as info:
        check_file(write(tmp_path, "notes.txt", b"\xff\xfe\xfd\xfc abc \x80\x80"))
    assert info.value.code is FileProblem.UNKNOWN
