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

from missiondesk.bundles.container import OLE_MAGIC, check_container
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits
from missiondesk.errors import UserError

SUFFIXES = (".xlsx", ".xls", ".csv")
_VBA_MARK = "_VBA_PROJECT".encode("utf-16-le")  # an .xls with macros names this stream in its directory


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
        raise TableRefused(
            f"{path.name}: MissionDesk reads .xlsx, .xls and .csv tables, not {suffix or 'this'}."
        )
    if suffix == ".csv":
        return read_csv(path, limits)
    _check(path, limits)
    book = _open(path)
    try:
        names = list(book.sheet_names)
        if not names:
            raise TableRefused(f"{path.name} has no sheet.")
        name = sheet if sheet is not None else names[0]
        if name not in names:
            raise TableRefused(f"{path.name} has no sheet {name!r}; it has {', '.join(names)}.")
        data = book.get_sheet_by_name(name)
        rows = [list(r) for r in data.iter_rows()]
        if len(rows) > limits.max_rows_per_sheet:
            raise TableRefused(f"{path.name}: more than {limits.max_rows_per_sheet} rows: refused.")
        # iter_rows pads the rows above the used range but starts at its first column.
        start = data.start or (0, 0)
        merges = [Merge(m[0][0], m[0][1], m[1][0], m[1][1]) for m in (data.merged_cell_ranges or [])]
        return RawSheet(name, rows, 0, int(start[1]), merges)
    except calamine.CalamineError as exc:
        raise TableRefused(f"{path.name} cannot be read as a workbook ({exc}).") from exc
    finally:
        book.close()


def _open(path: Path) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.CalamineError as exc:
        raise TableRefused(f"{path.name} cannot be read as a workbook ({exc}).") from exc


def _check(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise TableRefused(f"{path.name} cannot be read ({exc.strerror or exc}).") from exc
    if size > limits.max_file_bytes:
        raise TableRefused(
            f"{path.name} is larger than {limits.max_file_bytes // (1024 * 1024)} MB: refused."
        )
    if path.suffix.lower() == ".xls" or head == OLE_MAGIC:
        if head != OLE_MAGIC:
            raise TableRefused(f"{path.name} is not an Excel 97-2003 workbook.")
        if _VBA_MARK in path.read_bytes():
            raise TableRefused(f"{path.name} contains macros: refused.")
        return
    try:
        check_container(path, limits)
    except BundleRefused as exc:
        raise TableRefused(str(exc)) from exc


def decode(data: bytes) -> tuple[str, str]:
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
        raise TableRefused("The file is neither UTF-8 nor Korean (CP949/EUC-KR) text.") from exc


def read_csv(path: Path, limits: Limits = DEFAULT_LIMITS) -> RawSheet:
    try:
        if path.stat().st_size > limits.max_file_bytes:
            raise TableRefused(
                f"{path.name} is larger than {limits.max_file_bytes // (1024 * 1024)} MB: refused."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise TableRefused(f"{path.name} cannot be read ({exc.strerror or exc}).") from exc
    text, encoding = decode(data)
    rows = parse_csv(text)
    if len(rows) > limits.max_rows_per_sheet:
        raise TableRefused(f"{path.name}: more than {limits.max_rows_per_sheet} rows: refused.")
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
