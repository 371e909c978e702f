"""A ``reports.document.Document`` as a PDF: QPdfWriter and QPainter, page after page.

The same layout as its HWPX and DOCX (A4, the ministry's margins, the title block centred, ㅁ/ㅇ/-
bullets hanging at their level, tables with a header row), so a document reads alike in every format.
Hangul is drawn in the document's named face where the system has it, else in the Korean faces of
``fonts.print_font``; Qt embeds the glyphs, so the text extracts from the PDF.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter

from missiondesk.reports.document import (
    BODY_FONT,
    HEADING_FONT,
    MARGINS_MM,
    Bullet,
    Document,
    Paragraph,
    Table,
)
from missiondesk.ui.fonts import print_font
from missiondesk.ui.pdf_writer import DPI, a4_pdf, headless_app

MM = DPI / 25.4
INK = QColor("#1d2733")
MUTED = QColor("#5b6573")
RULE = QColor("#9aa5b4")
HEADER_FILL = QColor("#e8edf4")
WRAP = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
CENTRE = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)


def _font(face: str, size: float, bold: bool = False) -> QFont:
    return print_font(size, bold=bold, face=face)


class _Pages:
    """A cursor down the page that starts a new page when a block does not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer = writer
        self.p = painter
        self.rect = QRectF(0, 0, writer.width(), writer.height())
        self.y = 0.0

    def need(self, height: float) -> None:
        if self.y + height > self.rect.bottom() and self.y > 0:
            self.writer.newPage()
            self.y = 0.0

    def text(
        self,
        text: str,
        font: QFont,
        *,
        color: QColor = INK,
        indent: float = 0,
        hang: float = 0,
        flags: int = WRAP,
        after: float = 3,
    ) -> None:
        """A paragraph; with ``hang`` its first line (the bullet's mark) stands out by that much."""
        self.p.setFont(font)
        self.p.setPen(color)
        box = QRectF(self.rect.left() + indent, 0, self.rect.width() - indent, 10_000)
        height = self.p.boundingRect(box, flags, text).height()
        self.need(height)
        if hang:
            mark, _, rest = text.partition(" ")
            self.p.drawText(QRectF(box.left() - hang, self.y, hang, height), WRAP, mark)
            text = rest
        self.p.drawText(QRectF(box.left(), self.y, box.width(), height), flags, text)
        self.y += height + after

    def table(self, block: Table) -> None:
        cols = len(block.header)
        width = self.rect.width() / cols
        pad = 1.5 * MM
        for r, row in enumerate((block.header, *block.rows)):
            font = _font(BODY_FONT, 9, bold=r == 0)
            self.p.setFont(font)
            heights = [
                self.p.boundingRect(QRectF(0, 0, width - 2 * pad, 10_000), WRAP, text).height()
                for text in row
            ]
            row_h = max(heights) + 2 * pad
            self.need(row_h)
            for c, text in enumerate(row):
                cell = QRectF(self.rect.left() + c * width, self.y, width, row_h)
                if r == 0:
                    self.p.fillRect(cell, HEADER_FILL)
                self.p.setPen(RULE)
                self.p.drawRect(cell)
                self.p.setPen(INK)
                self.p.drawText(cell.adjusted(pad, pad, -pad, -pad), WRAP, text)
            self.y += row_h
        self.y += 3 * MM


def write_document_pdf(document: Document, path: Path) -> Path:
    """Write ``document`` to ``path``; a ``.partial`` file is renamed when complete."""
    margins = (MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"], MARGINS_MM["bottom"])
    with a4_pdf(path, title=document.metadata.title, margins_mm=margins) as (writer, painter):
        _draw(_Pages(writer, painter), document)
    return path


def _draw(page: _Pages, document: Document) -> None:
    page.text(document.title, _font(HEADING_FONT, 18, bold=True), flags=CENTRE, after=2 * MM)
    if document.subtitle:
        page.text(document.subtitle, _font(HEADING_FONT, 11), flags=CENTRE)
    head = f"{document.organisation}  {document.date_text()}".strip()
    page.text(head, _font(BODY_FONT, 10), color=MUTED, flags=CENTRE, after=4 * MM)
    for note in document.notes:
        page.text(note, _font(BODY_FONT, 11))
    for section in document.sections:
        page.y += 3 * MM
        page.need(20 * MM)  # a heading is not left alone at the foot of a page
        page.text(section.heading, _font(HEADING_FONT, 13, bold=True), after=2 * MM)
        for block in section.blocks:
            if isinstance(block, Bullet):
                indent = (4 * (block.level - 1) + 5) * MM
                page.text(block.line, _font(BODY_FONT, 11), indent=indent, hang=5 * MM)
            elif isinstance(block, Paragraph):
                size = 9 if block.muted else 11
                page.text(block.text, _font(BODY_FONT, size), color=MUTED if block.muted else INK)
            elif isinstance(block, Table):
                page.table(block)
    if document.footer:
        page.y += 3 * MM
        page.text(document.footer, _font(BODY_FONT, 8), color=MUTED)


def render_headless(document: Document, path: Path) -> Path:
    """For the CLI: a Qt application without a window if none runs, then the PDF."""
    headless_app()
    return write_document_pdf(document, path)
