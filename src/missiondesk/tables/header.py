"""Finding the table in a person-made sheet: its header row (or two), its data rows, what was skipped.

People put titles and notes above the header, split a header over two lines ("활동" merged over "일자" and
"내용"), and leave blank rows, totals and notes among the data. The header is the row (or pair of rows)
whose cells name the most known fields; every row after it is data, a blank, a total or a note, and each
skipped row is counted with its reason. Row numbers and column letters are the ones Excel shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from missiondesk.tables.read import RawSheet, cell_text, is_blank
from missiondesk.tables.text import fold

SCAN_ROWS = 30  # a header further down than this is not looked for
_TOTALS = {"합계", "총계", "소계", "계", "누계", "total", "totals", "sum", "subtotal", "grandtotal"}
_NOTE_MARKS = ("※", "*", "주:", "note:", "비고:")


class SkipReason(StrEnum):
    BLANK = "blank"
    TOTAL = "total"
    NOTE = "note"
    REPEATED_HEADER = "repeated_header"


@dataclass(frozen=True)
class Column:
    index: int  # position in a row's cells
    letter: str  # as Excel shows it
    title: str  # the header's words (two lines joined by a space)


@dataclass(frozen=True)
class DataRow:
    number: int  # as Excel shows it
    cells: tuple[Any, ...]


@dataclass(frozen=True)
class SkippedRow:
    number: int
    reason: SkipReason


@dataclass
class Table:
    sheet: str
    columns: list[Column]
    header_rows: tuple[int, ...]
    rows: list[DataRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)

    @property
    def shape(self) -> str:
        """The header's shape (folded titles in order): a saved mapping is offered for the same shape."""
        joined = "\x1f".join(fold(c.title) for c in self.columns)
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]

    def skipped_count(self, reason: SkipReason) -> int:
        return sum(1 for s in self.skipped if s.reason is reason)


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def find_table(raw: RawSheet, known: Callable[[str], bool]) -> Table:
    """The header (one row or two) naming the most ``known`` fields, then the data under it."""
    rows = raw.rows
    width = max((len(r) for r in rows[: SCAN_ROWS + 2]), default=0)
    best: tuple[int, int, int] = (0, -1, 1)  # score, first row index, number of header lines
    for i in range(min(SCAN_ROWS, len(rows))):
        if is_blank(rows[i]):
            continue
        for lines in (1, 2):
            if lines == 2 and not _could_be_second_line(rows, i + 1):
                continue
            titles = _titles(raw, i, lines, width)
            # Distinct titles: a merged title filled over its columns names one field, not several.
            score = len({fold(t) for t in titles if t and known(t)})
            if score > best[0]:
                best = (score, i, lines)
    score, top, lines = best
    if top < 0:
        top = next((i for i, r in enumerate(rows) if not is_blank(r)), 0)
        lines = 1
    titles = _titles(raw, top, lines, width) if rows else []
    columns = [Column(i, column_letter(raw.first_col + i), t) for i, t in enumerate(titles) if t]
    header_numbers = tuple(raw.first_row + top + k + 1 for k in range(lines))
    table = Table(raw.name, columns, header_numbers)
    folded_titles = [fold(c.title) for c in columns]
    for i in range(top + lines, len(rows)):
        number = raw.first_row + i + 1
        cells = tuple(rows[i]) + ("",) * max(0, width - len(rows[i]))
        reason = _skip_reason(cells, columns, folded_titles)
        if reason is not None:
            table.skipped.append(SkippedRow(number, reason))
        else:
            table.rows.append(DataRow(number, cells))
    # A column with data but no header still may be read (by its values): it is named by its letter.
    named = {c.index for c in columns}
    for i in range(width):
        if i not in named and any(cell_text(r.cells[i]) for r in table.rows[:200]):
            columns.append(
                Column(i, column_letter(raw.first_col + i), f"({column_letter(raw.first_col + i)})")
            )
    columns.sort(key=lambda c: c.index)
    # Blank rows at the very end are the sheet's formatting, not the person's: not worth a mention.
    while (
        table.skipped
        and table.skipped[-1].reason is SkipReason.BLANK
        and (not table.rows or table.skipped[-1].number > table.rows[-1].number)
    ):
        table.skipped.pop()
    return table


def _could_be_second_line(rows: Sequence[Sequence[Any]], i: int) -> bool:
    """A header's second line holds only text (no number or date a data row would have)."""
    if i >= len(rows) or is_blank(rows[i]):
        return False
    return all(isinstance(c, str) for c in rows[i] if cell_text(c))


def _titles(raw: RawSheet, top: int, lines: int, width: int) -> list[str]:
    upper = _filled_line(raw, top, width)
    if lines == 1:
        return upper
    lower = _line(raw.rows[top + 1], width)
    out = []
    for up, low in zip(upper, lower, strict=True):
        out.append(f"{up} {low}" if up and low and up != low else (up or low))
    return out


def _line(row: Sequence[Any], width: int) -> list[str]:
    cells = [cell_text(c).replace("\n", " ") for c in row]
    return [" ".join(c.split()) for c in cells] + [""] * (width - len(cells))


def _filled_line(raw: RawSheet, top: int, width: int) -> list[str]:
    """A header line where a merged cell's title covers every column of its range."""
    line = _line(raw.rows[top], width)
    row = raw.first_row + top
    for m in raw.merges:
        if m.first_row <= row <= m.last_row and m.last_col > m.first_col:
            title_row = m.first_row - raw.first_row
            title = _line(raw.rows[title_row], width)[m.first_col - raw.first_col] if title_row >= 0 else ""
            for col in range(m.first_col, m.last_col + 1):
                i = col - raw.first_col
                if 0 <= i < width and not line[i]:
                    line[i] = title
    return line


def _skip_reason(cells: Sequence[Any], columns: list[Column], folded_titles: list[str]) -> SkipReason | None:
    texts = [cell_text(c) for c in cells]
    filled = [t for t in texts if t]
    if not filled:
        return SkipReason.BLANK
    if any(fold(t) in _TOTALS for t in filled if isinstance(t, str)):
        return SkipReason.TOTAL
    if len(filled) == 1 and filled[0].casefold().startswith(_NOTE_MARKS):
        return SkipReason.NOTE
    if columns and [fold(texts[c.index]) if c.index < len(texts) else "" for c in columns] == folded_titles:
        return SkipReason.REPEATED_HEADER
    return None
