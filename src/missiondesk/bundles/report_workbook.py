"""Plain tables as a workbook (the import report an analyst saves), every text cell kept as text."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import xlsxwriter

from missiondesk.bundles.cells import clean_cell_text, looks_like_formula

Table = tuple[str, Sequence[str], Iterable[Sequence[object]]]  # sheet name, headers, rows


@contextmanager
def safe_workbook(path: Path) -> Iterator[Any]:
    """An XlsxWriter workbook that never turns text into formulas, links or numbers, written to a
    ``.partial`` file renamed to ``path`` only when complete (a failure leaves no half-written file)."""
    partial = path.with_name(path.name + ".partial")
    try:
        book = xlsxwriter.Workbook(
            str(partial),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        try:
            yield book
        finally:
            book.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_tables(path: Path, tables: Iterable[Table]) -> Path:
    with safe_workbook(path) as book:
        header = book.add_format({"bold": True, "bg_color": "#DDE5F0"})
        text = book.add_format({"num_format": "@"})
        quoted = book.add_format({"num_format": "@", "quote_prefix": True})
        for name, headers, rows in tables:
            ws = book.add_worksheet(name[:31])
            for col, title in enumerate(headers):
                ws.write_string(0, col, title, header)
                ws.set_column(col, col, 24)
            n = 0
            for n, row in enumerate(rows, start=1):
                for col, value in enumerate(row):
                    if isinstance(value, bool) or value is None:
                        ws.write_string(n, col, "" if value is None else str(value).lower(), text)
                    elif isinstance(value, int | float):
                        ws.write_number(n, col, value)
                    else:
                        s = clean_cell_text(str(value))[:32_000]
                        ws.write_string(n, col, s, quoted if looks_like_formula(s) else text)
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, max(n, 1), max(len(headers) - 1, 0))
    return path
