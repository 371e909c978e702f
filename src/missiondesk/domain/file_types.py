"""What a file is, by its content (never its name), and whether it may be attached.

Allowed: PDF; PNG, JPEG, GIF, WebP and TIFF images; Office documents (OOXML docx/xlsx/pptx and the
legacy OLE doc/xls/ppt); Hangul documents (HWP, an OLE file, and HWPX, a ZIP package naming its own
mimetype); plain text in UTF-8 or CP949. Refused: executables and scripts, documents that carry
macros (a ``vbaProject.bin`` in an OOXML package, a ``Macros``/``_VBA_PROJECT_CUR`` storage in an OLE
file, a VBA project record in a PowerPoint 97 file's main stream), archives (a ZIP that is not an Office or HWPX package, 7z, RAR, gzip, bzip2, xz, CAB),
password-protected documents (their content cannot be checked) and anything else.

The signatures are written here by hand: the allow-list is a dozen magic numbers, and what decides
most cases lies inside the ZIP or OLE container (which Office kind, macros or not), which a generic
sniffer (``filetype``, ``puremagic``) reads only the first bytes of. OLE directories are read with
``olefile`` (already shipped under msoffcrypto-tool). No part of a ZIP is decompressed but the small
``mimetype`` and ``[Content_Types].xml`` entries, each read up to a bound, so an archive bomb costs
nothing.

A refusal is a ``FileRefused`` with a code and its parameters beside its English sentence: the
window says it in its language (``ui/labels``), the CLI prints the sentence.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import olefile

from missiondesk.errors import UserError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 25 * MB
MAX_BYTES_SETTING = "attachments.max_bytes"
"""HQ's limit on one attached file (bytes), kept in the setting table and shipped to laptops."""
SHIPPED_SETTINGS = (MAX_BYTES_SETTING,)
"""HQ's settings a laptop takes from every feed page: policy HQ decides, whole numbers only."""
"""A file's size limit when HQ has set none (``services/attachments.limits`` reads HQ's setting)."""

_HEAD = 1024
_SMALL_ENTRY = 1024 * 1024  # at most this much of a package's mimetype or content-types entry is read


class FileProblem(StrEnum):
    EMPTY = "file_empty"
    TOO_LARGE = "file_too_large"  # params: size, limit (bytes)
    EXECUTABLE = "file_executable"
    MACROS = "file_macros"
    ARCHIVE = "file_archive"
    ENCRYPTED = "file_encrypted"
    UNKNOWN = "file_unknown"


_SENTENCES = {
    FileProblem.EMPTY: "{name} is empty.",
    FileProblem.TOO_LARGE: "{name} is {size_mb} MB; files of at most {limit_mb} MB can be attached.",
    FileProblem.EXECUTABLE: "{name} is a program or a script; programs cannot be attached.",
    FileProblem.MACROS: "{name} contains macros; save it without macros (as .docx, .xlsx or .pptx) first.",
    FileProblem.ARCHIVE: "{name} is an archive; attach the files inside it instead.",
    FileProblem.ENCRYPTED: "{name} is protected by a password, so it cannot be checked; attach it without.",
    FileProblem.UNKNOWN: (
        "{name} is not a kind of file that can be attached (PDF, images, Office and Hangul documents, text)."
    ),
}


class FileRefused(UserError):
    """The file may not be attached; ``code`` and ``params`` say why (the window words them)."""

    def __init__(self, code: FileProblem, name: str, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = {"name": name, **params}
        words = dict(self.params)
        if "size" in params:
            words["size_mb"] = f"{params['size'] / MB:.1f}"
            words["limit_mb"] = f"{params['limit'] / MB:g}"
        super().__init__(_SENTENCES[code].format(**words))


@dataclass(frozen=True)
class FileType:
    media_type: str


PDF = FileType("application/pdf")
TEXT = FileType("text/plain")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation")
DOC = FileType("application/msword")
XLS = FileType("application/vnd.ms-excel")
PPT = FileType("application/vnd.ms-powerpoint")
HWP = FileType("application/x-hwp")
HWPX = FileType("application/hwp+zip")

_IMAGES: tuple[tuple[bytes, FileType], ...] = (
    (b"\x89PNG\r\n\x1a\n", FileType("image/png")),
    (b"\xff\xd8\xff", FileType("image/jpeg")),
    (b"GIF87a", FileType("image/gif")),
    (b"GIF89a", FileType("image/gif")),
    (b"II*\x00", FileType("image/tiff")),
    (b"MM\x00*", FileType("image/tiff")),
)
_EXECUTABLES = (
    b"MZ",  # Windows programs and libraries (exe, dll, scr…)
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, both word sizes and byte orders, and universal binaries
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # a script for an interpreter
)
_ARCHIVES = (
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"MSCF",  # Windows cabinet
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None) -> FileType:
    """The file's type when it may be attached; FileRefused (with its code) otherwise.

    The size is checked before any byte is read, so a file over the limit costs nothing.
    """
    shown = name or path.name
    size = path.stat().st_size
    if size > max_bytes:
        raise FileRefused(FileProblem.TOO_LARGE, shown, size=size, limit=max_bytes)
    if size == 0:
        raise FileRefused(FileProblem.EMPTY, shown)
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if head.startswith(_EXECUTABLES):
        raise FileRefused(FileProblem.EXECUTABLE, shown)
    if head.startswith(_ARCHIVES):
        raise FileRefused(FileProblem.ARCHIVE, shown)
    if b"%PDF-" in head[:_HEAD]:  # readers accept a few bytes of junk before the header
        return PDF
    for magic, kind in _IMAGES:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileType("image/webp")
    if head.startswith(_ZIP):
        return _package(path, shown)
    if head.startswith(_OLE):
        return _ole(path, shown)
    if _is_text(path):
        return TEXT
    raise FileRefused(FileProblem.UNKNOWN, shown)


def _package(path: Path, shown: str) -> FileType:
    """An OOXML or HWPX package (macros refused); any other ZIP is an archive."""
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            lower = {n.lower() for n in names}
            if "mimetype" in names and _read_small(z, "mimetype").strip() == b"application/hwp+zip":
                return HWPX
            if "[content_types].xml" not in lower:
                raise FileRefused(FileProblem.ARCHIVE, shown)
            types = _read_small(z, next(n for n in names if n.lower() == "[content_types].xml"))
            if any(n.endswith("vbaproject.bin") for n in lower) or b"macroenabled" in types.lower():
                raise FileRefused(FileProblem.MACROS, shown)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise FileRefused(FileProblem.UNKNOWN, shown) from None
    for folder, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
        if any(n.startswith(folder) for n in lower):
            return kind
    raise FileRefused(FileProblem.ARCHIVE, shown)


def _read_small(z: zipfile.ZipFile, name: str) -> bytes:
    with z.open(name) as fh:
        return fh.read(_SMALL_ENTRY)


# A PowerPoint 97-2003 file keeps its VBA project as a zlib-compressed storage inside its "PowerPoint
# Document" stream ([MS-PPT] ExOleObjStg), so the storage's own signature cannot be seen there; what
# names it is a VBAInfoContainer record (type 0x03FF) whose one child is a VBAInfoAtom (type 0x0400,
# 12 bytes long). PowerPoint finds it by offset, not by walking the records in order, so every offset
# is searched: the two headers' types and the atom's length, 10 fixed bytes, whatever the version and
# instance bytes say (too rare by chance to refuse a file without macros).
_PPT_VBA_PROJECT = re.compile(rb"..\xff\x03.{4}..\x00\x04\x0c\x00\x00\x00", re.DOTALL)


def _ole(path: Path, shown: str) -> FileType:
    """A legacy Office or HWP document by the streams its OLE directory lists; macros refused.

    Word keeps macros under ``Macros``, Excel under ``_VBA_PROJECT_CUR``, a PowerPoint 97 file inside
    its ``PowerPoint Document`` stream (``_PPT_VBA_PROJECT``).
    """
    try:
        with olefile.OleFileIO(str(path)) as ole:
            entries = {"/".join(parts).lower() for parts in ole.listdir(streams=True, storages=True)}
            tops = {e.split("/", 1)[0] for e in entries}
            if "powerpoint document" in tops:
                with ole.openstream("PowerPoint Document") as stream:
                    if _PPT_VBA_PROJECT.search(stream.read()):
                        raise FileRefused(FileProblem.MACROS, shown)
    except (OSError, ValueError, IndexError):  # olefile's own errors for a damaged directory
        raise FileRefused(FileProblem.UNKNOWN, shown) from None
    if {"macros", "_vba_project_cur", "_vba_project", "vba"} & tops:
        raise FileRefused(FileProblem.MACROS, shown)
    if "encryptedpackage" in tops:
        raise FileRefused(FileProblem.ENCRYPTED, shown)
    if "fileheader" in tops and ({"bodytext", "viewtext"} & tops):  # ViewText: a distribution document
        return HWP
    for stream, kind in (
        ("worddocument", DOC),
        ("workbook", XLS),
        ("book", XLS),
        ("powerpoint document", PPT),
    ):
        if stream in tops:
            return kind
    raise FileRefused(FileProblem.UNKNOWN, shown)


def _is_text(path: Path) -> bool:
    """Plain text: no NUL or other binary control bytes, and the whole of it UTF-8 or else CP949."""
    for encoding in ("utf-8-sig", "cp949"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(MB), b""):
                    if any(b in block for b in _BINARY_CONTROLS):
                        return False
                    decoder.decode(block)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return True
    return False


_BINARY_CONTROLS = tuple(bytes([c]) for c in (*range(0, 8), 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23))
