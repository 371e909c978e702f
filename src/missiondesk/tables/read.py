"""Reading the cells of a person-made table: .xlsx and .xls with python-calamine, .csv by hand.

The file is checked before any parser sees it, as a bundle is (``bundles.container``): size, zip
bombs, macros, entity expansion for .xlsx; size and a VBA project for .xls (an OLE file the zip checks
cannot look into). calamine never evaluates a formula: a formula cell gives its cached value.
A CSV's encoding is sniffed: UTF-8 with or without a byte-order mark, else CP949 (the superset of
EUC-KR that Korean Excel writes as "CSV"), and its delimiter from its first lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from missiondesk.bundles.container import OLE_MAGIC, check_container, sheet_parts
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits
from missiondesk.domain.messages import MessageCode, said_by, say
from missiondesk.errors import UserError

SUFFIXES = (".xlsx", ".xls", ".csv")
_VBA_MARK = "_VBA_PROJECT".encode("utf-16-le")  # an .xls with macros names this stream in its directory


MIB = 1024 * 1024


class TableRefused(UserError):
    """The file is not a table MissionDesk reads, or it is hostile: nothing was read."""


@dataclass(frozen=True)
class Merge:
    """A merged range, as 0-based row and column indexes of the sheet (inclusive)."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class RawSheet:
    """A sheet's cells as read: ``rows[i]`` is the sheet's row ``first_row + i`` (0-based)."""

    name: str
    rows: list[list[Any]]
    first_row: int = 0
    first_col: int = 0
    merges: list[Merge] = field(default_factory=list)
    encoding: str = ""  # a CSV's encoding, for the messages


def sheet_names(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """The sheets a workbook offers (a CSV has one, named after the file)."""
    if path.suffix.lower() == ".csv":
        return [path.stem]
    _check(path, limits)
    book = _open(path)
    try:
        return list(book.sheet_names)
    finally:
        book.close()


def read_sheet(path: Path, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> RawSheet:
    """The cells of one sheet (the first when ``sheet`` is None), after the file's checks."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise TableRefused(say(MessageCode.TABLE_KIND_UNREAD, name=path.name))
    if suffix == ".csv":
        return read_csv(path, limits)
    _check(path, limits)
    book = _open(path)
    try:
        names = list(book.sheet_names)
        if not names:
            raise TableRefused(say(MessageCode.TABLE_NO_SHEET, name=path.name))
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise TableRefused(
                say(MessageCode.TABLE_SHEET_MISSING, name=path.name, sheet=name, sheets=", ".join(names))
            )
        data = book.get_sheet_by_name(name)
        rows = [list(r) for r in data.iter_rows()]
        if len(rows) > limits.max_rows_per_sheet:
            raise TableRefused(_too_many_rows(path, name, len(rows), limits.max_rows_per_sheet))
        # iter_rows pads the rows above the used range but starts at its first column.
        start = data.start or (0, 0)
        merges = [Merge(m[0][0], m[0][1], m[1][0], m[1][1]) for m in (data.merged_cell_ranges or [])]
        return RawSheet(name, rows, 0, int(start[1]), merges)
    except calamine.CalamineError as exc:
        raise TableRefused(
            say(MessageCode.BUNDLE_NOT_READABLE_WORKBOOK, name=path.name, detail=str(exc))
        ) from exc
    finally:
        book.close()


def _open(path: Path) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.CalamineError as exc:
        raise TableRefused(
            say(MessageCode.BUNDLE_NOT_READABLE_WORKBOOK, name=path.name, detail=str(exc))
        ) from exc


def _check(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise TableRefused(
            say(MessageCode.FILE_UNREADABLE, name=path.name, detail=exc.strerror or str(exc))
        ) from exc
    if size > limits.max_file_bytes:
        raise TableRefused(
            say(MessageCode.TABLE_TOO_LARGE, name=path.name, limit=limits.max_file_bytes // MIB)
        )
    if path.suffix.lower() == ".xls" or head == OLE_MAGIC:
        if head != OLE_MAGIC:
            raise TableRefused(say(MessageCode.TABLE_NOT_XLS, name=path.name))
        if _VBA_MARK in path.read_bytes():
            raise TableRefused(say(MessageCode.TABLE_MACROS, name=path.name))
        return
    try:
        check_container(path, limits)
    except BundleRefused as exc:
        said = said_by(exc)
        params = getattr(said, "params", {})
        if getattr(said, "code", "") == MessageCode.BUNDLE_TOO_MANY_ROWS:
            # The table's own sentence: which sheet, how many rows, the limit (not a bundle's).
            raise TableRefused(
                _too_many_rows(path, _sheet_of(path, str(params["part"])), params["rows"], params["max"])
            ) from exc
        raise TableRefused(said) from exc  # the bundle checks' sentence, code kept


def _sheet_of(path: Path, part: str) -> str:
    """The name of the sheet kept in ``part`` of a workbook the container check read; the part if unclear."""
    try:
        parts = sheet_parts(path) or {}
    except (BundleRefused, OSError, ValueError):
        parts = {}
    return next((sheet for sheet, p in parts.items() if p == part), part)


def _too_many_rows(path: Path, sheet: str, rows: int | str, limit: int | str) -> str:
    def number(n: int | str) -> str:
        return f"{n:,}" if isinstance(n, int) else n

    return say(
        MessageCode.TABLE_TOO_MANY_ROWS, name=path.name, sheet=sheet, rows=number(rows), max=number(limit)
    )


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in: UTF-8 (BOM or not), else CP949."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"  # Excel's "Unicode text"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError as exc:
        raise TableRefused(say(MessageCode.TABLE_NOT_TEXT, name=name or "CSV")) from exc


def read_csv(path: Path, limits: Limits = DEFAULT_LIMITS) -> RawSheet:
    try:
        if path.stat().st_size > limits.max_file_bytes:
            raise TableRefused(
                say(MessageCode.TABLE_TOO_LARGE, name=path.name, limit=limits.max_file_bytes // MIB)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise TableRefused(
            say(MessageCode.FILE_UNREADABLE, name=path.name, detail=exc.strerror or str(exc))
        ) from exc
    text, encoding = decode(data, path.name)
    rows = parse_csv(text)
    if len(rows) > limits.max_rows_per_sheet:
        raise TableRefused(_too_many_rows(path, path.stem, len(rows), limits.max_rows_per_sheet))
    return RawSheet(path.stem, rows, encoding=encoding)


def parse_csv(text: str) -> list[list[Any]]:
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]


def cell_text(value: Any) -> str:
    """A header or key cell as text (a number typed as a header stays readable)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(row: Sequence[Any]) -> bool:
    return all(cell_text(c) == "" for c in row)
