"""Reading a bundle workbook with python-calamine, after the container checks passed.

calamine because it measured over ten times faster than openpyxl on the same
file (``../shared/NOTES-EXCEL.md``). It never evaluates formulas (it returns
cached values); the ops and the manifest are text cells, so no value is
converted on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from missiondesk.bundles import readable
from missiondesk.bundles.container import ContainerFacts, PartFilter, check_container
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits
from missiondesk.bundles.manifest import MANIFEST_SHEET, Manifest
from missiondesk.domain.messages import MessageCode, say


@dataclass
class WorkbookContent:
    manifest: Manifest
    payload: dict[str, list[str]]
    facts: ContainerFacts
    readable_rows: dict[str, list[list[Any]]] = field(default_factory=dict)  # without the header row
    readable_headers: dict[str, list[str]] = field(default_factory=dict)


def read_workbook(
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    *,
    with_readable: bool = True,
    streamed: PartFilter | None = None,
) -> WorkbookContent:
    """The manifest, the payload and (``with_readable``) the readable sheets' rows, after the container
    checks (of the parts ``streamed`` selects: the caller has the others checked before it reads them)."""
    facts = check_container(path, limits, streamed)
    name = path.name
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        try:
            names = list(book.sheet_names)
            if MANIFEST_SHEET not in names:
                raise BundleRefused(say(MessageCode.BUNDLE_NO_MANIFEST, name=name))
            manifest = read_manifest(book.get_sheet_by_name(MANIFEST_SHEET))
            payload = {}
            for sheet in filter(None, manifest.get("payload_sheets").split(",")):
                if sheet not in names:
                    raise BundleRefused(say(MessageCode.BUNDLE_SHEET_LOST, name=name, sheet=sheet))
                payload[sheet] = _payload(book.get_sheet_by_name(sheet), sheet)
            content = WorkbookContent(manifest, payload, facts)
            if with_readable:
                _add_readable(book, content, [s.name for s in readable.READABLE_SHEETS])
        finally:
            book.close()
    except calamine.CalamineError as exc:
        raise BundleRefused(
            say(MessageCode.BUNDLE_NOT_READABLE_WORKBOOK, name=name, detail=str(exc))
        ) from exc
    return content


def add_readable(path: Path, content: WorkbookContent, sheets: list[str]) -> None:
    """Reads the rows of some readable sheets into ``content`` (their parts were checked)."""
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        try:
            _add_readable(book, content, sheets)
        finally:
            book.close()
    except calamine.CalamineError as exc:
        raise BundleRefused(
            say(MessageCode.BUNDLE_NOT_READABLE_WORKBOOK, name=path.name, detail=str(exc))
        ) from exc


def _add_readable(book: calamine.CalamineWorkbook, content: WorkbookContent, sheets: list[str]) -> None:
    names = set(book.sheet_names)
    for sheet in sheets:
        if sheet in names:
            rows = list(book.get_sheet_by_name(sheet).iter_rows())
            content.readable_headers[sheet] = [str(c) for c in rows[0]] if rows else []
            content.readable_rows[sheet] = rows[1:]


def read_manifest(sheet: calamine.CalamineSheet) -> Manifest:
    fields: dict[str, str] = {}
    for row in list(sheet.iter_rows())[1:]:
        if len(row) < 2 or not isinstance(row[0], str) or not row[0]:
            continue
        value = row[1]
        fields[row[0]] = value if isinstance(value, str) else str(value)
    return Manifest(fields)


def _payload(sheet: calamine.CalamineSheet, sheet_name: str) -> list[str]:
    lines = []
    for number, row in enumerate(sheet.iter_rows()):
        if number == 0:
            continue
        if len(row) == 2 and type(row[1]) is str and row[1]:  # the common row: one part, text
            lines.append(row[1])
            continue
        parts = row[1:]
        while parts and parts[-1] == "":
            parts = parts[:-1]
        if not parts:
            raise BundleRefused(say(MessageCode.BUNDLE_ROW_EMPTY, row=number + 1, sheet=sheet_name))
        if not all(isinstance(p, str) for p in parts):
            raise BundleRefused(say(MessageCode.BUNDLE_ROW_NOT_TEXT, row=number + 1, sheet=sheet_name))
        lines.append("".join(str(p) for p in parts))
    return lines
