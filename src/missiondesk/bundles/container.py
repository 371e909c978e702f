"""Checks on the file itself, before any spreadsheet parser reads it.

A workbook from outside is hostile until checked (BRIEF section 4). This
module looks at the bytes and the zip directory only: the file's size, that
it is a zip and not an encrypted or old-format (OLE) file, the number of
entries, their declared and real uncompressed sizes and compression ratios
(a zip bomb is refused), macro and external content (refused), and then
streams every XML part once: a document type declaration (the door to
entity expansion) is refused, and worksheet rows and cells are counted as
they stream, stopping at the limit. The ``<dimension>`` a sheet declares is
never trusted. The few small parts this module parses itself are read with
defusedxml.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits
from missiondesk.domain.messages import MessageCode, say

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and old .xls files are OLE compound files
ZIP_MAGIC = b"PK\x03\x04"
READ_CHUNK = 1024 * 1024

_FORBIDDEN_PARTS = ("vbaproject", "activex", "externallink", "connections.xml", "embeddings/", "vbadata")
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]")  # a row or a cell: one pass counts both
_TAIL = 32  # bytes kept between chunks so a tag split across two chunks is still seen


@dataclass(frozen=True)
class ContainerFacts:
    entries: int
    compressed_bytes: int
    uncompressed_bytes: int
    rows_per_part: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.rows_per_part.values())

    def merged(self, other: ContainerFacts) -> ContainerFacts:
        """The facts of one file whose parts two checks streamed between them."""
        return ContainerFacts(
            self.entries,
            self.compressed_bytes,
            self.uncompressed_bytes + other.uncompressed_bytes,
            {**self.rows_per_part, **other.rows_per_part},
        )


PartFilter = Callable[[str], bool]
"""Which parts (by name in the zip) a check streams; the zip directory is always checked whole."""


def check_container(
    path: Path, limits: Limits = DEFAULT_LIMITS, streamed: PartFilter | None = None
) -> ContainerFacts:
    """Refuse (BundleRefused) anything that is not a plain, bounded .xlsx zip; facts otherwise.

    ``streamed`` limits the part-by-part checks to some parts (the rest are another check's, which
    must pass before a parser reads them); the cell limit then counts those parts' cells only.
    """
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise BundleRefused(
            say(MessageCode.FILE_UNREADABLE, name=name, detail=str(exc.strerror or exc))
        ) from exc
    if size > limits.max_file_bytes:
        raise BundleRefused(
            say(
                MessageCode.BUNDLE_TOO_LARGE,
                name=name,
                size=f"{size / 1e6:.0f}",
                limit=f"{limits.max_file_bytes / 1e6:.0f}",
            )
        )
    if head.startswith(OLE_MAGIC):
        raise BundleRefused(say(MessageCode.BUNDLE_ENCRYPTED_FILE, name=name))
    if not head.startswith(ZIP_MAGIC):
        raise BundleRefused(say(MessageCode.BUNDLE_NOT_XLSX_CONTENT, name=name))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_directory(name, infos, limits)
            _check_content_types(name, zf)
            chosen = infos if streamed is None else [i for i in infos if streamed(i.filename)]
            rows, real_total = _stream_parts(name, zf, chosen, limits)
    except zipfile.BadZipFile as exc:
        raise BundleRefused(say(MessageCode.BUNDLE_DAMAGED, name=name, detail=str(exc))) from exc
    except (EOFError, zlib.error, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError) as exc:
        raise BundleRefused(say(MessageCode.BUNDLE_ZIP_FEATURE, name=name, detail=str(exc))) from exc
    return ContainerFacts(len(infos), size, real_total, rows)


def _check_directory(name: str, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise BundleRefused(say(MessageCode.BUNDLE_TOO_MANY_PARTS, name=name, count=len(infos)))
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise BundleRefused(say(MessageCode.BUNDLE_ZIP_NOT_EXCEL, name=name))
    total = 0
    for info in infos:
        lower = info.filename.lower()
        if info.flag_bits & 0x1:
            raise BundleRefused(say(MessageCode.BUNDLE_ENCRYPTED_PARTS, name=name))
        if lower.startswith("/") or ".." in lower.split("/"):
            raise BundleRefused(say(MessageCode.BUNDLE_UNSAFE_NAME, name=name, part=info.filename))
        if any(bad in lower for bad in _FORBIDDEN_PARTS) or lower.endswith(".bin"):
            raise BundleRefused(say(MessageCode.BUNDLE_ACTIVE_CONTENT, name=name, part=info.filename))
        total += info.file_size
        if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise BundleRefused(
                say(
                    MessageCode.BUNDLE_ZIP_BOMB_RATIO,
                    name=name,
                    ratio=info.file_size // max(info.compress_size, 1),
                    part=info.filename,
                )
            )
    if total > limits.max_uncompressed_bytes:
        raise BundleRefused(
            say(
                MessageCode.BUNDLE_ZIP_BOMB_TOTAL,
                name=name,
                size=f"{total / 1e6:.0f}",
                limit=f"{limits.max_uncompressed_bytes / 1e6:.0f}",
            )
        )


def sheet_parts(path: Path, sheets: Collection[str] | None = None) -> dict[str, str] | None:
    """The zip part of each of ``sheets`` (all when None) that the workbook has, as a reader finds it;
    None if unclear.

    For a file ``check_container`` passed. The workbook lists its sheets with relationship ids, and
    its relationships give each id's part, relative to ``xl/`` or absolute.
    """
    with zipfile.ZipFile(path) as zf:
        book = _small_xml(path.name, zf, "xl/workbook.xml")
        rels = _small_xml(path.name, zf, "xl/_rels/workbook.xml.rels")
        names = set(zf.namelist())
    targets = {el.get("Id"): el.get("Target") or "" for el in rels if el.tag.endswith("}Relationship")}
    found: dict[str, str] = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") and (sheets is None or el.get("name") in sheets):
            rel = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rel)
            if not target:
                return None
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            if part not in names:
                return None
            found[str(el.get("name"))] = part
    return found


def _small_xml(name: str, zf: zipfile.ZipFile, part: str) -> Element:
    """A small part, parsed with defusedxml (a document type declaration refused)."""
    try:
        info = zf.getinfo(part)
    except KeyError:
        raise BundleRefused(say(MessageCode.BUNDLE_ZIP_NOT_EXCEL, name=name)) from None
    if info.file_size > 1024 * 1024:
        raise BundleRefused(say(MessageCode.BUNDLE_OVERSIZED_PART, name=name, part=part))
    data = zf.read(info)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise BundleRefused(say(MessageCode.BUNDLE_XML_ENTITIES, name=name, part=part))
    try:
        return ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise BundleRefused(
            say(MessageCode.BUNDLE_UNREADABLE_PART, name=name, part=part, detail=str(exc))
        ) from exc


def _check_content_types(name: str, zf: zipfile.ZipFile) -> None:
    root = _small_xml(name, zf, "[Content_Types].xml")
    for el in root:
        kind = (el.get("ContentType") or "").lower()
        if "macroenabled" in kind or "vba" in kind or "activex" in kind:
            raise BundleRefused(say(MessageCode.BUNDLE_MACRO_WORKBOOK, name=name))


def _stream_parts(
    name: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits
) -> tuple[dict[str, int], int]:
    """Decompress every part once: refuse DTDs, count worksheet rows and cells up to the limits."""
    rows_per_part: dict[str, int] = {}
    cells = 0
    real_total = 0
    for info in infos:
        lower = info.filename.lower()
        if not (lower.endswith(".xml") or lower.endswith(".rels")):
            continue
        is_sheet = lower.startswith("xl/worksheets/")
        rows = 0
        over = False  # past the row limit: count on to the sheet's end, to say how many rows it has
        tail = b""
        with zf.open(info) as fh:
            while chunk := fh.read(READ_CHUNK):
                real_total += len(chunk)
                if real_total > limits.max_uncompressed_bytes:
                    raise BundleRefused(say(MessageCode.BUNDLE_ZIP_BOMB, name=name))
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise BundleRefused(say(MessageCode.BUNDLE_XML_ENTITIES, name=name, part=info.filename))
                if is_sheet:
                    # Tags wholly inside the carried-over tail were counted with the previous chunk.
                    found = _TAG.findall(window)
                    if tail:
                        del found[: len(_TAG.findall(tail))]
                    in_cells = found.count(b"c")
                    rows += len(found) - in_cells
                    cells += in_cells
                    over = over or rows > limits.max_rows_per_sheet
                    if cells > limits.max_cells and not over:
                        raise BundleRefused(
                            say(MessageCode.BUNDLE_TOO_MANY_CELLS, name=name, max=f"{limits.max_cells:,}")
                        )
                tail = window[-_TAIL:]
        if over:
            raise BundleRefused(
                say(
                    MessageCode.BUNDLE_TOO_MANY_ROWS,
                    name=name,
                    part=info.filename,
                    rows=f"{rows:,}",
                    max=f"{limits.max_rows_per_sheet:,}",
                )
            )
        if is_sheet:
            rows_per_part[info.filename] = rows
    return rows_per_part, real_total
