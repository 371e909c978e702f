"""A document as the ministry writes one, independent of its file format (no Qt, no file library).

A title block (title, organisation, date), then sections: a heading and blocks under it, each block a
bullet at one of the ministry's three levels (ㅁ, ㅇ, -), a plain paragraph or a simple table. The
metadata (title, subject, keywords, author) travel into the file's own properties, where the ministry's
document management reads them.

The case summary, the handover document and the period report are built as a ``Document`` by the
services; ``reports.document_files.write_document`` writes one as HWPX, DOCX or PDF by the path's
extension, so the three formats always hold the same text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The ministry's bullet marks, by level: ㅁ a point, ㅇ its detail, - a detail of that.
BULLETS = {1: "ㅁ", 2: "ㅇ", 3: "-"}

# Faces named in the files: Hancom's 함초롬바탕 for the body (every Hangul install has it), Malgun Gothic
# (맑은 고딕, every Windows) for the title and headings. A reader without a face substitutes its own.
BODY_FONT = "함초롬바탕"
HEADING_FONT = "맑은 고딕"

# A4 with the margins of the ministry's documents, in millimetres: 20 at the top and the binding (left)
# side, 15 on the right and at the bottom.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "right": 15, "bottom": 15, "left": 20}


@dataclass(frozen=True)
class Bullet:
    """One point; ``level`` 1, 2 or 3 is drawn ㅁ, ㅇ or -, indented by level."""

    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if self.level not in BULLETS:
            raise ValueError(f"bullet level {self.level} is not 1, 2 or 3")

    @property
    def mark(self) -> str:
        return BULLETS[self.level]

    @property
    def line(self) -> str:
        return f"{self.mark} {self.text}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    muted: bool = False  # a note in smaller grey type (e.g. "marked sensitive: not printed")


@dataclass(frozen=True)
class Table:
    """A simple grid: a header row and rows of text, every row as wide as the header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError(f"a row of {len(row)} cells under a header of {len(self.header)}")


Block = Bullet | Paragraph | Table


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...] = ()


def numbered(sections: list[Section] | tuple[Section, ...]) -> tuple[Section, ...]:
    """The sections with their headings numbered 1., 2., … in order (the ministry's section headings)."""
    return tuple(Section(f"{i}. {s.heading}", s.blocks) for i, s in enumerate(sections, start=1))


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str = ""  # the summary, one sentence
    keywords: tuple[str, ...] = ()
    author: str = ""


@dataclass(frozen=True)
class Document:
    title: str
    organisation: str
    date: dt.date
    sections: tuple[Section, ...]
    metadata: Metadata
    language: str = "ko"  # "ko" or "en": the language of the fixed words
    footer: str = ""
    subtitle: str = ""  # one line under the title (a case's reference, a period)
    notes: tuple[str, ...] = field(default=())  # lines under the title block, before the first section

    def date_text(self) -> str:
        d = self.date
        return f"{d.year}. {d.month}. {d.day}." if self.language == "ko" else d.isoformat()

    def lines(self) -> list[str]:
        """The document's text in reading order, one string per paragraph or table row (tests, previews)."""
        out = [self.title]
        if self.subtitle:
            out.append(self.subtitle)
        out += [f"{self.organisation} · {self.date_text()}".strip(" ·"), *self.notes]
        for section in self.sections:
            out.append(section.heading)
            for block in section.blocks:
                if isinstance(block, Bullet):
                    out.append(block.line)
                elif isinstance(block, Paragraph):
                    out.append(block.text)
                else:
                    out += [" | ".join(row) for row in (block.header, *block.rows)]
        if self.footer:
            out.append(self.footer)
        return out
