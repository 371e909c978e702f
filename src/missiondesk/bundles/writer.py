"""Writing a bundle workbook with XlsxWriter, in constant memory, whole or not at all.

XlsxWriter because it measured fastest (``../shared/NOTES-EXCEL.md``: 100,000
rows in 22 s and 23 MiB against openpyxl's 36 s) and its ``constant_memory``
mode keeps memory flat as bundles grow; it keeps frozen panes, filters and
column widths (only Excel tables and auto-fit are lost, which bundles do not
use). Every text goes through ``write_string`` with formula, URL and number
conversion off, so no cell ever becomes a formula; text that starts like a
formula also gets Excel's quote prefix, so it stays text when a person edits
the cell.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from xlsxwriter.worksheet import Worksheet

from missiondesk.bundles import readable, signing
from missiondesk.bundles.cells import CHUNK, FORMULA_START, clean_cell_text, looks_like_formula, split_text
from missiondesk.bundles.manifest import LABELS, MANIFEST_SHEET, SIGNATURE, Manifest, PayloadDigest
from missiondesk.bundles.password import encrypt_file
from missiondesk.bundles.xlsx_rows import sheet_class
from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.schema import Kind

Progress = Callable[[int], None]
"""Called with the number of payload lines written so far (it may raise Cancelled)."""


@dataclass(frozen=True)
class ReadableRows:
    sheet: readable.ReadableSheet
    rows: Iterable[tuple[str, Mapping[str, Any]]]  # record id, wire values


@dataclass(frozen=True)
class SummaryLine:
    label_ko: str
    label_en: str
    value: str | int


_TEXT_LIKE = frozenset({Kind.TEXT, Kind.LONGTEXT})


class _Sheets:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.text = book.add_format({"num_format": "@"})
        self.quoted = book.add_format({"num_format": "@", "quote_prefix": True})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DDE5F0", "text_wrap": True, "valign": "top"}
        )
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.number = book.add_format({"num_format": "#,##0"})

    def put_text(self, ws: Worksheet, row: int, col: int, text: str) -> None:
        ws.write_string(row, col, text, self.quoted if looks_like_formula(text) else self.text)


def write_bundle(
    path: Path,
    manifest_fields: Mapping[str, object],
    payload: Iterable[tuple[str, Iterable[str]]],
    key: Ed25519PrivateKey,
    *,
    readable_rows: Iterable[ReadableRows] = (),
    include_sensitive: bool = True,
    summary: Iterable[SummaryLine] = (),
    progress: Progress | None = None,
    password: str | None = None,
    labels: readable.ValueLabels | None = None,
) -> Manifest:
    """Write the workbook to ``path`` (via a temporary file) and return its signed manifest.

    With ``labels`` (filled while ``readable_rows`` are read), coded values are shown by their labels
    and the labels used follow as the hidden payload sheet ``labels``, so the signature covers them.
    With ``password`` the file is Excel's encrypted workbook around the same signed package: the
    plain package exists only as the temporary file, removed once encrypted.
    """
    partial = path.with_name(path.name + ".partial")
    sealed = path.with_name(path.name + ".encrypting")
    try:
        manifest = _write(
            partial,
            manifest_fields,
            payload,
            key,
            readable_rows,
            include_sensitive,
            summary,
            progress,
            readable.ValueLabels() if labels is None else labels,
            labels is not None,
        )
        if password is not None:
            encrypt_file(partial, sealed, password)
            os.replace(sealed, path)
        else:
            os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
        sealed.unlink(missing_ok=True)
    return manifest


def _write(
    path: Path,
    manifest_fields: Mapping[str, object],
    payload: Iterable[tuple[str, Iterable[str]]],
    key: Ed25519PrivateKey,
    readable_rows: Iterable[ReadableRows],
    include_sensitive: bool,
    summary: Iterable[SummaryLine],
    progress: Progress | None,
    labels: readable.ValueLabels,
    with_labels: bool,
) -> Manifest:
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    book.worksheet_class = sheet_class()  # the same cells, written with less work each
    try:
        fmt = _Sheets(book)
        manifest_ws = book.add_worksheet(MANIFEST_SHEET)
        summary_ws = book.add_worksheet("summary")
        digest = PayloadDigest()
        names: list[str] = []
        written = 0

        def write_payload(name: str, lines: Iterable[str]) -> None:
            nonlocal written
            names.append(name)
            digest.sheet(name)
            ws = book.add_worksheet(name)
            ws.write_string(0, 0, "#", fmt.header)
            ws.write_string(0, 1, "JSON", fmt.header)
            ws.set_column(0, 0, 8)
            ws.set_column(1, 1, 80)
            ws.freeze_panes(1, 0)
            put, text, quoted = ws.put_string, fmt.text, fmt.quoted
            for row, line in enumerate(lines, start=1):
                digest.line(line)
                put(row, 0, str(row), text)
                if len(line) <= CHUNK:  # the common line: one cell
                    put(row, 1, line, quoted if line.startswith(FORMULA_START) else text)
                else:
                    for col, part in enumerate(split_text(line), start=1):
                        fmt.put_text(ws, row, col, part)
                written += 1
                if progress is not None and written % 1000 == 0:
                    progress(written)
            if name == readable.LABELS_SHEET:
                ws.hide()  # for the check, not for people: the readable sheets show the labels

        for name, lines in payload:
            write_payload(name, lines)
        readable_hashes = {}
        for table in readable_rows:
            readable_hashes[table.sheet.name] = _write_readable(book, fmt, table, include_sensitive, labels)
        if with_labels:
            # After the readable sheets, which filled it; the payload hash takes the sheets in this order.
            write_payload(readable.LABELS_SHEET, labels.lines())
        fields = {str(k): "" if v is None else str(v) for k, v in manifest_fields.items()}
        fields["payload_sheets"] = ",".join(names)
        fields["payload_sha256"] = digest.hexdigest()
        fields["readable_sha256"] = canonical_json(readable_hashes)
        fields["public_key"] = signing.public_key_text(key)
        manifest = Manifest(fields)
        manifest.fields[SIGNATURE] = signing.sign(key, manifest.signed_text())
        _write_manifest(manifest_ws, fmt, manifest)
        _write_summary(summary_ws, fmt, summary)
    finally:
        book.close()
    return manifest


def _write_manifest(ws: Worksheet, fmt: _Sheets, manifest: Manifest) -> None:
    for col, title in enumerate(("key", "value", "설명", "Description")):
        ws.write_string(0, col, title, fmt.header)
    for row, (k, v) in enumerate(manifest.fields.items(), start=1):
        ws.write_string(row, 0, k, fmt.text)
        fmt.put_text(ws, row, 1, v)
        ko, en = LABELS.get(k, ("", ""))
        ws.write_string(row, 2, ko, fmt.text)
        ws.write_string(row, 3, en, fmt.text)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 70)
    ws.set_column(2, 3, 28)
    ws.freeze_panes(1, 0)


def _write_summary(ws: Worksheet, fmt: _Sheets, summary: Iterable[SummaryLine]) -> None:
    ws.write_string(0, 0, "항목", fmt.header)
    ws.write_string(0, 1, "Item", fmt.header)
    ws.write_string(0, 2, "값 / Value", fmt.header)
    for row, line in enumerate(summary, start=1):
        ws.write_string(row, 0, line.label_ko, fmt.text)
        ws.write_string(row, 1, line.label_en, fmt.text)
        if isinstance(line.value, int):
            ws.write_number(row, 2, line.value, fmt.number)
        else:
            fmt.put_text(ws, row, 2, line.value)
    ws.set_column(0, 1, 34)
    ws.set_column(2, 2, 24)
    ws.freeze_panes(1, 0)


def _write_readable(
    book: xlsxwriter.Workbook,
    fmt: _Sheets,
    table: ReadableRows,
    include_sensitive: bool,
    labels: readable.ValueLabels,
) -> str:
    """One readable sheet; returns the SHA-256 of its cells as a reader gives them back."""
    spec = table.sheet.spec
    cols = readable.columns(spec, include_sensitive)
    ws = book.add_worksheet(table.sheet.name)
    ws.write_string(0, 0, readable.ID_HEADER, fmt.header)
    # The record's id ties the row to its ops (and moves with it when the sheet is sorted); people
    # read the other columns, so it is hidden.
    ws.set_column(0, 0, 38, None, {"hidden": True})
    for col, f in enumerate(cols, start=1):
        ws.write_string(0, col, readable.header(f), fmt.header)
        ws.set_column(col, col, readable.width(f))
    ws.set_row(0, 32)
    ws.freeze_panes(1, 2)
    digest = readable.SheetDigest()
    # Per column: a free-text field whose wire value is text shows that text (what ``comparable``
    # gives), so the common cell takes no call; every other cell takes the general way (a coded
    # value shows its label).
    plan = [
        (col, f, f.name, f.kind in _TEXT_LIKE, f.kind is Kind.DATE) for col, f in enumerate(cols, start=1)
    ]
    comparable = labels.shown
    write_string, write_number, write_boolean = ws.put_string, ws.put_number, ws.put_boolean
    write_datetime, to_date, date_format, number_format = (
        ws.put_datetime,
        dt.date.fromisoformat,
        fmt.date,
        fmt.number,
    )
    text_format, quoted_format = fmt.text, fmt.quoted
    row = 0
    for record_id, values in table.rows:
        row += 1
        write_string(row, 0, record_id, text_format)
        shown: list[Any] = [record_id]
        for col, f, name, text_like, is_date in plan:
            wire = values.get(name)
            if text_like and type(wire) is str:
                if wire:
                    wire = clean_cell_text(wire)[:32_000]
                    write_string(
                        row, col, wire, quoted_format if wire.startswith(FORMULA_START) else text_format
                    )
                shown.append(wire)
                continue
            value = comparable(f, wire)
            if value == "":
                shown.append(value)
                continue
            if is_date:
                try:
                    write_datetime(row, col, to_date(str(value)), date_format)
                    shown.append(value)
                    continue
                except ValueError:
                    pass
            if isinstance(value, bool):
                write_boolean(row, col, value)
            elif isinstance(value, int):
                write_number(row, col, value, number_format)
            else:
                value = clean_cell_text(str(value))[:32_000]
                write_string(
                    row, col, value, quoted_format if value.startswith(FORMULA_START) else text_format
                )
            shown.append(value)
        digest.row(shown)
    ws.autofilter(0, 0, max(row, 1), len(cols))
    return digest.hexdigest()
