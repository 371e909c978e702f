"""Documents in the ministry's formats: one ``Document`` written as HWPX, DOCX and PDF, each read back."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pypdfium2
import pytest
from defusedxml import ElementTree
from hwpx import HwpxDocument
from hwpx.tools.package_validator import validate_editor_open_safety
from PySide6.QtWidgets import QApplication

from missiondesk.errors import UserError
from missiondesk.reports import document_files
from missiondesk.reports.document import Bullet, Document, Metadata, Paragraph, Section, Table
from missiondesk.reports.document_files import write_document
from missiondesk.ui.document_pdf import write_document_pdf
from tests.pdf_text import page_words

SENTENCE = "11월 30일 기준 17개국에서 지원협의회 46회 개최, 현장 지원 241건, 시장정보 401건 제공"
OPF = "{http://www.idpf.org/2007/opf/}"


def sample() -> Document:
    return Document(
        title="현장 지원 실적 보고",
        subtitle="2026년",
        organisation="주프랑크푸르트 총영사관",
        date=dt.date(2026, 12, 7),
        sections=(
            Section(
                "1. 개요",
                (
                    Bullet(SENTENCE),
                    Bullet("DE-FRA-26-1001 배터리 재제조 공장 부지 확보", 2),
                    Bullet("주 정부 허가 12월 15일 예정", 3),
                    Paragraph("민감 정보는 인쇄하지 않음", muted=True),
                ),
            ),
            Section("2. 실적", (Table(("항목", "건수"), (("지원협의회 개최", "46"), ("현장 지원", "241"))),)),
        ),
        metadata=Metadata("현장 지원 실적 보고", SENTENCE, ("재외공관", "현장 지원"), "김영희"),
        footer="MissionDesk",
    )


def section_text(root: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in root.iter() if t.tag.endswith("}t"))


def test_the_hwpx_is_a_valid_package_a_second_reader_opens(tmp_path: Path) -> None:
    path = write_document(sample(), tmp_path / "보고.hwpx")
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/hwp+zip"
        container = ElementTree.fromstring(z.read("META-INF/container.xml"))
        assert any(e.get("full-path") == "Contents/content.hpf" for e in container.iter())
        hpf = ElementTree.fromstring(z.read("Contents/content.hpf"))
        listed = {e.get("href") for e in hpf.iter(f"{OPF}item")}
        assert {"Contents/header.xml", "Contents/section0.xml"} <= listed
        metadata = {e.get("name") or e.tag: e.text for e in hpf.iter() if e.tag.startswith(OPF)}
        assert metadata[f"{OPF}title"] == "현장 지원 실적 보고"
        assert metadata["subject"] == SENTENCE and metadata["keyword"] == "재외공관, 현장 지원"
        assert metadata["creator"] == "김영희"
        header = z.read("Contents/header.xml").decode("utf-8")
        assert 'face="함초롬바탕"' in header and 'face="맑은 고딕"' in header
        section = ElementTree.fromstring(z.read("Contents/section0.xml"))
        assert z.read("Preview/PrvText.txt").decode("utf-8").startswith("현장 지원 실적 보고\r\n2026년")
    text = section_text(section)
    for expected in (SENTENCE, "ㅁ ", "ㅇ DE-FRA-26-1001", "- 주 정부", "지원협의회 개최", "241"):
        assert expected in text
    margins = next(e for e in section.iter() if e.tag.endswith("}margin") and e.get("left"))
    assert int(margins.get("left")) == round(20 * 7200 / 25.4)  # 20 mm
    assert int(margins.get("right")) == round(15 * 7200 / 25.4)  # 15 mm
    # The second reader: python-hwpx opens what it did not write byte by byte, and validates it; its
    # editor-open check (what it measured Hancom Office refusing) finds nothing blocking.
    safety = validate_editor_open_safety(path)
    assert safety.reopen_ok and safety.blocking_package_errors == ()
    reopened = HwpxDocument.open(path)
    try:
        assert reopened.validate().issues == ()
        assert SENTENCE in reopened.text.plain()
    finally:
        reopened.close()


def test_the_docx_opens_with_python_docx_and_holds_the_text(tmp_path: Path) -> None:
    path = write_document(sample(), tmp_path / "보고.docx")
    read = docx.Document(str(path))
    paragraphs = [p.text for p in read.paragraphs]
    assert paragraphs[0] == "현장 지원 실적 보고"
    assert f"ㅁ {SENTENCE}" in paragraphs and "- 주 정부 허가 12월 15일 예정" in paragraphs
    cells = [[c.text for c in row.cells] for row in read.tables[0].rows]
    assert cells == [["항목", "건수"], ["지원협의회 개최", "46"], ["현장 지원", "241"]]
    props = read.core_properties
    assert (props.title, props.subject, props.keywords, props.author) == (
        "현장 지원 실적 보고",
        SENTENCE,
        "재외공관, 현장 지원",
        "김영희",
    )
    run = read.paragraphs[0].runs[0]._element
    assert run.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "맑은 고딕"
    )
    section = read.sections[0]
    assert round(section.left_margin.mm) == 20 and round(section.right_margin.mm) == 15


def test_the_pdf_holds_the_korean_text(qapp: QApplication, tmp_path: Path) -> None:
    path = write_document_pdf(sample(), tmp_path / "보고.pdf")
    pdf = pypdfium2.PdfDocument(path)
    try:
        text = " ".join(page_words(page) for page in pdf)
    finally:
        pdf.close()
    assert SENTENCE in text and "DE-FRA-26-1001" in text and "지원협의회 개최 46" in text


def test_a_long_document_runs_onto_more_pages(qapp: QApplication, tmp_path: Path) -> None:
    long = Document(
        title="인계서",
        organisation="",
        date=dt.date(2026, 12, 7),
        sections=tuple(Section(f"{i}. 사례", (Bullet("다음 조치 " * 30),) * 3) for i in range(1, 30)),
        metadata=Metadata("인계서"),
    )
    pdf = pypdfium2.PdfDocument(write_document_pdf(long, tmp_path / "long.pdf"))
    try:
        assert len(pdf) > 2
        assert "29. 사례" in pdf[len(pdf) - 1].get_textpage().get_text_range()
    finally:
        pdf.close()


def test_the_format_follows_the_extension(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.hwpx, \.docx or \.pdf"):
        write_document(sample(), tmp_path / "보고.txt")
    document_files.use_pdf_writer(None)
    with pytest.raises(UserError, match="No PDF writer"):
        write_document(sample(), tmp_path / "보고.pdf")
    assert not list(tmp_path.iterdir())  # nothing half-written is left
    document_files.use_pdf_writer(write_document_pdf)
    try:
        assert write_document(sample(), tmp_path / "보고.PDF").read_bytes().startswith(b"%PDF")
    finally:
        document_files.use_pdf_writer(None)


def test_a_bullet_has_three_levels_and_a_table_rows_as_wide_as_its_header() -> None:
    assert [Bullet("x", n).line for n in (1, 2, 3)] == ["ㅁ x", "ㅇ x", "- x"]
    with pytest.raises(ValueError, match="level 4"):
        Bullet("x", 4)
    with pytest.raises(ValueError, match="a row of 1 cells"):
        Table(("a", "b"), (("only",),))
