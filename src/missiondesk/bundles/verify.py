"""Trusting a workbook: format, schema, payload hash, signature, and the ops it carries.

Every check refuses with one sentence (``BundleRefused``) and nothing is
applied. The signature is checked against the key this database registered
for the signing device (``missiondesk trust-key``); a device whose key was
never registered gives an *unverified* bundle, which needs an explicit yes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from missiondesk.bundles import readable, signing
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.manifest import FORMAT, FORMAT_VERSION, SIGNATURE, Manifest, PayloadDigest
from missiondesk.bundles.op_entries import OpEntry, parse_entry
from missiondesk.bundles.reader import WorkbookContent
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.ops import bounds_problem
from missiondesk.domain.schema import SCHEMA_VERSION, FieldSpec
from missiondesk.domain.upgrades import MIN_SUPPORTED_SCHEMA


class Trust(StrEnum):
    VERIFIED = "verified"  # signed by the key registered for its device
    UNVERIFIED = "unverified"  # consistent, but its device's key is not registered here


KeyLookup = Callable[[str], str | None]
"""Device id -> the public key this database registered for it, if any."""


def check_format(manifest: Manifest, kind: str | None = None) -> None:
    if manifest.get("format") != FORMAT:
        raise BundleRefused(say(MessageCode.BUNDLE_NOT_MANIFEST))
    if manifest.number("format_version") > FORMAT_VERSION:
        raise BundleRefused(
            say(
                MessageCode.BUNDLE_FORMAT_NEWER,
                format=str(manifest.get("format_version")),
                ours=FORMAT_VERSION,
            )
        )
    if kind is not None and manifest.get("kind") != kind:
        raise BundleRefused(say(MessageCode.BUNDLE_WRONG_KIND, kind=kind, found=str(manifest.get("kind"))))
    created = manifest.require("created_at")
    try:
        dt.datetime.fromisoformat(created.removesuffix("Z"))
    except ValueError:
        raise BundleRefused(say(MessageCode.BUNDLE_CREATED_NOT_TIME, text=str(created))) from None


def check_schema(manifest: Manifest, schema_version: int = SCHEMA_VERSION) -> int:
    version = manifest.number("schema_version")
    if version > schema_version:
        raise BundleRefused(say(MessageCode.BUNDLE_SCHEMA_NEWER, schema=version, ours=schema_version))
    if version < MIN_SUPPORTED_SCHEMA:
        raise BundleRefused(say(MessageCode.BUNDLE_SCHEMA_OLD, schema=version, oldest=MIN_SUPPORTED_SCHEMA))
    return version


def check_payload(content: WorkbookContent) -> None:
    digest = PayloadDigest()
    for name, lines in content.payload.items():
        digest.sheet(name)
        for line in lines:
            digest.line(line)
    if digest.hexdigest() != content.manifest.require("payload_sha256"):
        raise BundleRefused(say(MessageCode.BUNDLE_TAMPERED))


def check_signature(manifest: Manifest, lookup: KeyLookup) -> Trust:
    signed = manifest.signed_text()
    signature = manifest.require(SIGNATURE)
    registered = lookup(manifest.require("device_id"))
    if registered is not None:
        if signing.verify(registered, signed, signature):
            return Trust.VERIFIED
        raise BundleRefused(say(MessageCode.BUNDLE_SIGNATURE_MISMATCH, device=str(manifest.get("device_id"))))
    if not signing.verify(manifest.require("public_key"), signed, signature):
        raise BundleRefused(say(MessageCode.BUNDLE_SIGNATURE_INVALID))
    return Trust.UNVERIFIED


def parse_ops(content: WorkbookContent, sheet: str = "ops") -> list[OpEntry]:
    """The op entries, checked against each other and against the manifest."""
    manifest = content.manifest
    device_id = manifest.require("device_id")
    schema = manifest.number("schema_version")
    entries: list[OpEntry] = []
    by_id: dict[str, OpEntry] = {}
    seqs: set[int] = set()
    for number, line in enumerate(content.payload.get(sheet, []), start=2):
        try:
            entry = parse_entry(line)
        except ValueError as exc:
            raise BundleRefused(say(MessageCode.BUNDLE_OP_INVALID, row=number, detail=str(exc))) from None
        op = entry.op
        problem = bounds_problem(op)
        if problem:
            raise BundleRefused(say(MessageCode.BUNDLE_OP_INVALID, row=number, detail=str(problem)))
        if op.op_id in by_id:
            same = by_id[op.op_id].line() == entry.line()
            raise BundleRefused(
                f"Op {op.op_id} appears twice"
                + ("" if same else " with different content")
                + " in this bundle: refused; nothing was applied."
            )
        if op.seq in seqs:
            raise BundleRefused(say(MessageCode.BUNDLE_SEQ_TWICE, seq=op.seq))
        if op.device_id != device_id:
            raise BundleRefused(say(MessageCode.BUNDLE_OP_OTHER_DEVICE, row=number))
        if op.schema_version > schema:
            raise BundleRefused(say(MessageCode.BUNDLE_OP_SCHEMA_NEWER, row=number))
        by_id[op.op_id] = entry
        seqs.add(op.seq)
        entries.append(entry)
    if len(entries) != manifest.number("op_count"):
        raise BundleRefused(
            say(MessageCode.BUNDLE_OP_COUNT, count=len(entries), expected=str(manifest.get("op_count")))
        )
    if entries and (min(seqs) != manifest.number("seq_first") or max(seqs) != manifest.number("seq_last")):
        raise BundleRefused(say(MessageCode.BUNDLE_SEQ_RANGE))
    return entries


def parse_lines(content: WorkbookContent, sheet: str) -> list[dict[str, Any]]:
    out = []
    for number, line in enumerate(content.payload.get(sheet, []), start=2):
        try:
            value = json.loads(line)
        except ValueError:
            raise BundleRefused(say(MessageCode.BUNDLE_ROW_NOT_JSON, row=number, sheet=sheet)) from None
        if not isinstance(value, dict):
            raise BundleRefused(say(MessageCode.BUNDLE_ROW_NOT_RECORD, row=number, sheet=sheet))
        out.append(value)
    return out


@dataclass(frozen=True)
class CellDifference:
    sheet: str
    row: int  # as a spreadsheet numbers it (the header is row 1)
    record_id: str
    column: str
    in_sheet: Any
    in_ops: Any


@dataclass(frozen=True)
class ReadableCheck:
    differences: tuple[CellDifference, ...]
    edited_sheets: tuple[
        str, ...
    ]  # sheets whose content is not what was signed (some cells may be outside the ops)


def parse_labels(content: WorkbookContent) -> readable.ValueLabels:
    """The labels the readable sheets show for coded values (none in a bundle made before them)."""
    return readable.ValueLabels.from_lines(parse_lines(content, readable.LABELS_SHEET))


def check_readable(
    content: WorkbookContent, entries: list[OpEntry], labels: readable.ValueLabels | None = None
) -> ReadableCheck:
    """Cells of the readable sheets someone changed in a spreadsheet: listed, never imported.

    Text where a date belongs is refused outright. A sheet whose rows hash to what
    the manifest signed is as exported, and nothing in it is listed. Any other sheet
    is edited (listed as such when it was signed), and each of its cells that the
    ops carry is compared with the ops' value as the sheet shows it (a coded value
    by its signed label, ``labels``). Only the sheets in ``readable_rows`` are
    looked at: a caller may have found the others as signed already.
    """
    shown_as = labels or readable.ValueLabels()
    include_sensitive = includes_sensitive(content.manifest)
    signed = signed_hashes(content.manifest)
    latest: dict[str, dict[str, Any]] | None = None
    differences: list[CellDifference] = []
    edited: list[str] = []
    for name, rows in content.readable_rows.items():
        cols, shown = shown_sheet(name, rows, include_sensitive)
        if name in signed:
            if sheet_digest(shown) == signed[name]:
                continue
            edited.append(name)
        if latest is None:
            latest = _latest_values(entries)
        differences.extend(_differences(name, shown, cols, latest, shown_as))
    return ReadableCheck(tuple(differences), tuple(edited))


def includes_sensitive(manifest: Manifest) -> bool:
    return manifest.get("sensitive") != "left out"


def shown_sheet(
    name: str, rows: Sequence[Sequence[Any]], include_sensitive: bool
) -> tuple[list[FieldSpec], list[tuple[Any, ...]]]:
    """A readable sheet's columns and its rows as shown (``readable.shown_rows``); text in a date column
    is refused, naming the first such cell."""
    cols = readable.columns(readable.BY_NAME[name].spec, include_sensitive)
    try:
        return cols, readable.shown_rows(rows, cols)
    except ValueError:
        _refuse_first_cell(name, rows, cols)
        raise


def sheet_digest(shown: Sequence[Sequence[Any]]) -> str:
    digest = readable.SheetDigest()
    digest.rows(shown)
    return digest.hexdigest()


def _latest_values(entries: list[OpEntry]) -> dict[str, dict[str, Any]]:
    """record id -> field -> the last value the ops give it."""
    latest: dict[str, dict[str, Any]] = {}
    for entry in entries:
        values = latest.setdefault(entry.op.record_id, {})
        for name, change in entry.op.changes.items():
            values[name] = change.new
    return latest


def _differences(
    name: str,
    shown: list[tuple[Any, ...]],
    cols: list[FieldSpec],
    latest: dict[str, dict[str, Any]],
    labels: readable.ValueLabels,
) -> list[CellDifference]:
    """The cells of ``shown`` that differ from the ops' values, row by row and left to right."""
    where = {f.name: (i, f) for i, f in enumerate(cols, start=1)}
    out: list[CellDifference] = []
    for number, row in enumerate(shown, start=2):
        carried = latest.get(str(row[0]))
        if carried is None:
            # No op is about this row's record: its id cell was edited (or the row added by hand).
            out.append(
                CellDifference(name, number, str(row[0]), readable.header(readable.ID_FIELD), row[0], None)
            )
            continue
        found = []
        for field_name, wire in carried.items():
            slot = where.get(field_name)
            if slot is None:
                continue
            i, f = slot
            expected = labels.shown(f, wire)
            if row[i] != expected:
                found.append(
                    (i, CellDifference(name, number, str(row[0]), readable.header(f), row[i], expected))
                )
        out.extend(d for _, d in sorted(found, key=lambda x: x[0]))
    return out


def _refuse_first_cell(name: str, rows: Sequence[Sequence[Any]], cols: list[FieldSpec]) -> None:
    """Refuse for the first cell, row by row, that is not what its column holds (text in a date column)."""
    for number, row in enumerate(rows, start=2):
        cells = list(row) + [""] * (len(cols) + 1 - len(row))
        for f, value in zip(cols, cells[1:], strict=False):
            try:
                readable.read_value(f, value)
            except ValueError as exc:
                raise BundleRefused(
                    say(
                        MessageCode.BUNDLE_CELL_EDITED,
                        sheet=name,
                        row=number,
                        column=readable.header(f),
                        detail=str(exc),
                    )
                ) from None


def signed_hashes(manifest: Manifest) -> dict[str, str]:
    """Readable sheet -> the hash of its rows that the manifest signed."""
    try:
        value = json.loads(manifest.get("readable_sha256") or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
