"""A ``Document`` as DOCX (python-docx): for partners and readers who work in Word.

Same layout as the HWPX: A4, the ministry's margins, the title block centred, ㅁ/ㅇ/- bullets hanging
at their level, tables with a bold header row, the body in 함초롬바탕 and the headings in 맑은 고딕
(named for East Asian text, the slot Word reads for Hangul), the metadata in the core properties.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from missiondesk.reports.document import (
    BODY_FONT,
    HEADING_FONT,
    MARGINS_MM,
    PAGE_MM,
    Bullet,
    Document,
    Paragraph,
    Table,
)

MUTED = RGBColor(0x5B, 0x65, 0x73)
INDENT_MM = 4.0
HANG_MM = 5.0


def _font(run: Run, face: str, size: float, *, bold: bool = False, muted: bool = False) -> None:
    run.font.name = face
    run.font.size = Pt(size)
    run.font.bold = bold
    if muted:
        run.font.color.rgb = MUTED
    # python-docx names the Latin face only; Word takes Hangul's face from eastAsia.
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)


def write_docx(document: Document, path: Path) -> Path:
    """Write ``document`` to ``path`` (a ``.partial`` file renamed when complete)."""
    out = docx.Document()
    page = out.sections[0]
    page.page_width, page.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    page.top_margin, page.right_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["right"])
    page.bottom_margin, page.left_margin = Mm(MARGINS_MM["bottom"]), Mm(MARGINS_MM["left"])

    def para(
        text: str, face: str, size: float, *, bold: bool = False, muted: bool = False, centre: bool = False
    ) -> DocxParagraph:
        p = out.add_paragraph()
        _font(p.add_run(text), face, size, bold=bold, muted=muted)
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(3)
        return p

    para(document.title, HEADING_FONT, 18, bold=True, centre=True)
    if document.subtitle:
        para(document.subtitle, HEADING_FONT, 11, centre=True)
    para(f"{document.organisation}  {document.date_text()}".strip(), BODY_FONT, 10, muted=True, centre=True)
    for note in document.notes:
        para(note, BODY_FONT, 11)
    for section in document.sections:
        heading = para(section.heading, HEADING_FONT, 13, bold=True)
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True
        for block in section.blocks:
            if isinstance(block, Bullet):
                p = para(block.line, BODY_FONT, 11)
                p.paragraph_format.left_indent = Mm(INDENT_MM * (block.level - 1) + HANG_MM)
                p.paragraph_format.first_line_indent = Mm(-HANG_MM)
            elif isinstance(block, Paragraph):
                para(block.text, BODY_FONT, 9 if block.muted else 11, muted=block.muted)
            elif isinstance(block, Table):
                _table(out, block)
    if document.footer:
        para(document.footer, BODY_FONT, 8, muted=True)
    _metadata(out, document)
    partial = path.with_name(path.name + ".partial")
    try:
        out.save(str(partial))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _table(out: DocxDocument, block: Table) -> None:
    table = out.add_table(rows=0, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate((block.header, *block.rows)):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 9.5, bold=r == 0)
    out.add_paragraph()


def _metadata(out: DocxDocument, document: Document) -> None:
    m, props = document.metadata, out.core_properties
    props.title = m.title
    props.subject = m.subject
    props.keywords = ", ".join(m.keywords)
    props.author = m.author
    props.last_modified_by = m.author
    props.language = document.language
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
