"""A ``Document`` as HWPX (KS X 6101, OWPML): the Hangul format the ministry's staff open every day.

Written with python-hwpx (Apache-2.0, pure Python over lxml) rather than our own zip of XML: the package
it starts from (its ``Skeleton.hwpx``: header with fonts, paragraph and character shapes, styles,
borders) is one Hancom Office opens, and it keeps the ids between ``header.xml`` and ``section0.xml``
consistent as we add shapes, which a hand-written header would have to get right by itself. What it
writes is an ordinary package: ``mimetype`` first and stored, ``META-INF/container.xml``,
``Contents/content.hpf`` (the manifest and the metadata), ``Contents/header.xml``,
``Contents/section0.xml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hwpx import HwpxDocument

from missiondesk.reports.document import (
    BODY_FONT,
    HEADING_FONT,
    MARGINS_MM,
    Bullet,
    Document,
    Paragraph,
    Table,
)

HWPUNIT_PER_MM = 7200 / 25.4  # HWPUNIT: 1/7200 inch
INDENT_MM = 4.0  # each bullet level further in
CONTENT_WIDTH_MM = 210 - MARGINS_MM["left"] - MARGINS_MM["right"]
PREVIEW_CHARS = 1024  # Hancom keeps about this much text as a file's preview


def _hu(mm: float) -> int:
    return round(mm * HWPUNIT_PER_MM)


class _Shapes:
    """The character and paragraph shapes the document uses, declared once each in ``header.xml``."""

    def __init__(self, doc: HwpxDocument) -> None:
        for face in (BODY_FONT, HEADING_FONT):
            doc.styles.ensure_font(face)
        run = doc.styles.ensure_run
        self.title = run(bold=True, size=18, font=HEADING_FONT)
        self.subtitle = run(size=11, font=HEADING_FONT)
        self.head = run(size=10, font=BODY_FONT, color="#5B6573")
        self.heading = run(bold=True, size=13, font=HEADING_FONT)
        self.body = run(size=11, font=BODY_FONT)
        self.muted = run(size=9, font=BODY_FONT, color="#5B6573")
        self.cell = run(size=9.5, font=BODY_FONT)
        self.cell_bold = run(bold=True, size=9.5, font=BODY_FONT)
        fmt = doc.oxml.headers[0].ensure_paragraph_format
        self.centre = fmt(alignment="CENTER", margins={"next": _hu(2)})
        self.left = fmt(alignment="JUSTIFY", line_spacing_percent=160, margins={"next": _hu(1)})
        self.section = fmt(alignment="LEFT", margins={"prev": _hu(4), "next": _hu(2)})
        # A bullet hangs: its mark stands out by the mark's width, its wrapped lines align with the text.
        self.levels = {
            level: fmt(
                alignment="JUSTIFY",
                line_spacing_percent=160,
                margins={"left": _hu(INDENT_MM * (level - 1) + 5), "intent": -_hu(5), "next": _hu(1)},
            )
            for level in (1, 2, 3)
        }


def write_hwpx(document: Document, path: Path) -> Path:
    """Write ``document`` to ``path`` (complete or not at all)."""
    doc = HwpxDocument.new()
    try:
        doc.page.set_margins(**{side: _hu(mm) for side, mm in MARGINS_MM.items()})
        s = _Shapes(doc)

        def para(text: str, char: str, shape: str) -> None:
            doc.add_paragraph(text, char_pr_id_ref=char, para_pr_id_ref=shape, inherit_style=False)

        # The skeleton starts with one empty paragraph (it carries the page settings): the title goes in it.
        first = doc.paragraphs[0]
        first.para_pr_id_ref = s.centre
        first.add_run(document.title, char_pr_id_ref=s.title)
        if document.subtitle:
            para(document.subtitle, s.subtitle, s.centre)
        para(f"{document.organisation}  {document.date_text()}".strip(), s.head, s.centre)
        for note in document.notes:
            para(note, s.body, s.left)
        for section in document.sections:
            para(section.heading, s.heading, s.section)
            for block in section.blocks:
                if isinstance(block, Bullet):
                    para(block.line, s.body, s.levels[block.level])
                elif isinstance(block, Paragraph):
                    para(block.text, s.muted if block.muted else s.body, s.left)
                elif isinstance(block, Table):
                    _table(doc, block, s)
        if document.footer:
            para(document.footer, s.muted, s.left)
        _metadata(doc, document)
        # Hancom's file dialogs and desktop search show this part: the document's first lines, not the
        # skeleton's empty text.
        preview = "\r\n".join(document.lines())[:PREVIEW_CHARS]
        doc.package.set_part("Preview/PrvText.txt", preview.encode("utf-8"))
        # python-hwpx writes a temporary file beside the target, closes and checks it, then replaces.
        doc.save_to_path(path)
    finally:
        doc.close()
    return path


def _table(doc: HwpxDocument, block: Table, s: _Shapes) -> None:
    rows = (block.header, *block.rows)
    table = doc.add_table(len(rows), len(block.header), width=_hu(CONTENT_WIDTH_MM))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            for p in cell.paragraphs:
                for run in p.runs:
                    run.char_pr_id_ref = s.cell_bold if r == 0 else s.cell


def _metadata(doc: HwpxDocument, document: Document) -> None:
    m = document.metadata
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Clear what the skeleton carries (its author and dates), then ours.
    doc.parts.clear_document_metadata(keep=("language",), timestamp=stamp)
    doc.parts.set_document_metadata(
        title=m.title,
        creator=m.author,
        subject=m.subject,
        keyword=", ".join(m.keywords),
        created_date=stamp,
        modified_date=stamp,
    )
