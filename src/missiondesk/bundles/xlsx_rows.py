"""XlsxWriter's worksheet, writing each finished row's cells with less work per cell (constant_memory).

In ``constant_memory`` mode XlsxWriter keeps one row and writes it out as XML when the next row
starts (``Worksheet._write_single_row``), one call chain per cell: a format lookup, attribute escaping
(which raises and catches a TypeError for the style number), control-character, whitespace and XML
checks by three regular expressions each. For a bundle's hundreds of thousands of cells that is most
of the export's time.

``RowSheet`` writes the same bytes: a text or number cell with a format whose text needs none of those
escapes (one regular expression says so) is written directly, a row's cells joined in one write;
every other cell (blank, boolean, text that needs escaping, no format) goes through XlsxWriter's own
``_write_cell``. ``tests/test_xlsx_rows.py`` holds the two equal, byte for byte, for awkward text.

It leans on XlsxWriter's private row writer, so it is used only with the XlsxWriter releases it was
compared with (``TESTED_RELEASES``); with any other, ``sheet_class`` gives ``PlainSheet``, whose rows
XlsxWriter writes itself (slower, the same workbook).
"""

from __future__ import annotations

import re
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]").search
_ESCAPE_LIKE = re.compile(r"_x[0-9a-fA-F]{4}_").search


def _plain(text: str) -> bool:
    """Whether XlsxWriter writes ``text`` into a cell as it is: no character to escape or mark
    (``_escape_control_characters``, ``_escape_data``; a rich string starts with ``<``), no
    whitespace at either end (``_preserve_whitespace``). One character class first: it scans fast."""
    return (
        _SPECIAL(text) is None
        and not text[:1].isspace()
        and not text[-1:].isspace()
        and ("_x" not in text or _ESCAPE_LIKE(text) is None)
    )


_STRING = "String"
_NUMBERS = frozenset(("Number", "Datetime"))


# The XlsxWriter releases (major.minor) whose row writer RowSheet was compared with, byte for byte.
TESTED_RELEASES = frozenset(("3.3",))


class PlainSheet(Worksheet):
    """XlsxWriter's worksheet with the cell writers the export calls (what RowSheet falls back to)."""

    # XlsxWriter's writers without the decorator that reads "A1" notation in every call: for loops
    # that give row and column numbers. They return 0, or -1 for a cell beyond the sheet's bounds.
    put_string = Worksheet._write_string
    put_number = Worksheet._write_number
    put_datetime = Worksheet._write_datetime
    put_boolean = Worksheet._write_boolean


def sheet_class() -> type[PlainSheet]:
    """RowSheet with a tested XlsxWriter release; else PlainSheet (a newer XlsxWriter may have changed
    the private row writer RowSheet replaces)."""
    release = ".".join(str(xlsxwriter.__version__).split(".")[:2])
    return RowSheet if release in TESTED_RELEASES else PlainSheet


class RowSheet(PlainSheet):
    """A worksheet for ``add_worksheet(name, worksheet_class=RowSheet)`` in a ``constant_memory`` workbook."""

    def __init__(self) -> None:
        super().__init__()
        self._col_names: dict[int, str] = {}
        self._styles: dict[int, str] = {}  # id of a format -> its ' s="N"' attribute

    def _style(self, cell_format: Any) -> str:
        style = self._styles.get(id(cell_format))
        if style is None:
            style = f' s="{cell_format._get_xf_index()}"'
            self._styles[id(cell_format)] = style
        return style

    def _write_single_row(self, current_row_num: int = 0) -> None:
        row_num: int = self.previous_row  # type: ignore[has-type]  # set in XlsxWriter, untyped
        cells = self.table.get(row_num) if self.constant_memory else None
        if not cells:  # formatting or comments only, or nothing: XlsxWriter's way
            super()._write_single_row(current_row_num)
            return
        self.previous_row = current_row_num
        if row_num not in self.row_info:
            self._write_row(row_num, None)
        else:
            self._write_row(row_num, None, self.row_info[row_num])
        number = str(row_num + 1)
        names = self._col_names
        styles = self._styles
        plain = _plain
        parts: list[str] = []
        for col in sorted(cells):
            cell = cells[col]
            kind = type(cell).__name__
            if kind == _STRING or kind in _NUMBERS:
                value, cell_format = cell[0], cell[1]  # (string or number, format)
                if cell_format is not None and (kind != _STRING or plain(value)):
                    name = names.get(col)
                    if name is None:
                        name = names[col] = xl_col_to_name(col)
                    style = styles.get(id(cell_format)) or self._style(cell_format)
                    if kind == _STRING:
                        parts.append(
                            f'<c r="{name}{number}"{style} t="inlineStr"><is><t>{value}</t></is></c>'
                        )
                    else:
                        parts.append(f'<c r="{name}{number}"{style}><v>{value:.16G}</v></c>')
                    continue
            self._flush(parts)
            self._write_cell(row_num, col, cell)
        self._flush(parts)
        self._xml_end_tag("row")
        self.table.clear()

    def _flush(self, parts: list[str]) -> None:
        if parts:
            self.fh.write("".join(parts))
            parts.clear()
