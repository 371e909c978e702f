"""Small files of every kind the attachment checks meet, made here (no binary fixtures in the repo)."""

from __future__ import annotations

import gzip
import io
import itertools
import struct
import zipfile
from pathlib import Path

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512
_STREAM_MIN = 4096  # streams this long or longer live in ordinary sectors: no mini stream to write


def ole_file(paths: list[str], contents: dict[str, bytes] | None = None) -> bytes:
    """A compound file (OLE2, version 3) holding a stream at each ``a/b/c`` path (storages made on the
    way), each 4 KiB: its ``contents`` (at most 4 KiB) then zeros. Enough for a reader to list its
    directory as Office or Hangul writes it, and to read a stream's first records."""
    entries: list[dict[str, object]] = [{"name": "Root Entry", "type": 5, "kids": [], "path": ""}]
    by_path = {"": 0}
    for full in paths:
        parts = full.split("/")
        for depth in range(1, len(parts) + 1):
            p = "/".join(parts[:depth])
            if p in by_path:
                continue
            by_path[p] = len(entries)
            entries.append({"name": parts[depth - 1], "type": 2 if depth == len(parts) else 1, "kids": []})
            parent = entries[by_path["/".join(parts[: depth - 1])]]
            kids = parent["kids"]
            assert isinstance(kids, list)
            kids.append(by_path[p])
    streams = [i for i, e in enumerate(entries) if e["type"] == 2]
    per_stream = _STREAM_MIN // SECTOR
    dir_sectors = -(-len(entries) * 128 // SECTOR)
    data_sectors = len(streams) * per_stream
    fat_sectors = 1
    while (data_sectors + dir_sectors + fat_sectors) > fat_sectors * (SECTOR // 4):
        fat_sectors += 1
    fat: list[int] = []
    starts: dict[int, int] = {}
    for i in streams:
        starts[i] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + per_stream))
        fat.append(ENDOFCHAIN)
    first_dir = len(fat)
    fat.extend(range(first_dir + 1, first_dir + dir_sectors))
    fat.append(ENDOFCHAIN)
    first_fat = len(fat)
    fat.extend([FATSECT] * fat_sectors)
    fat.extend([FREESECT] * (fat_sectors * SECTOR // 4 - len(fat)))
    directory = b""
    for entry in entries:
        kids = entry["kids"]
        assert isinstance(kids, list)
        for a, b in itertools.pairwise(kids):
            entries[a]["right"] = b
    for i, entry in enumerate(entries):
        name = str(entry["name"]).encode("utf-16-le") + b"\x00\x00"
        kids = entry["kids"]
        assert isinstance(kids, list)
        start = starts.get(i, ENDOFCHAIN if entry["type"] == 5 else 0)
        size = _STREAM_MIN if i in starts else 0
        directory += (
            name.ljust(64, b"\x00")
            + struct.pack("<HBB", len(name), int(str(entry["type"])), 1)
            + struct.pack(
                "<III", NOSTREAM, int(str(entry.get("right", NOSTREAM))), kids[0] if kids else NOSTREAM
            )
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )
    directory = directory.ljust(dir_sectors * SECTOR, b"\x00")
    difat = list(range(first_fat, first_fat + fat_sectors)) + [FREESECT] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, first_dir, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<109I", *difat)
    )
    assert len(header) == SECTOR
    paths_of = {i: p for p, i in by_path.items()}
    data = b"".join((contents or {}).get(paths_of[i], b"").ljust(_STREAM_MIN, b"\x00") for i in streams)
    assert len(data) == data_sectors * SECTOR, "a stream's contents are longer than 4 KiB"
    body = data + directory + struct.pack(f"<{len(fat)}I", *fat)
    return header + body


def _record(ver_instance: int, kind: int, body: bytes) -> bytes:
    """A PowerPoint 97 record: version and instance, type, length, then its body ([MS-PPT] 2.3.1)."""
    return struct.pack("<HHI", ver_instance, kind, len(body)) + body


def ppt_document(macros: bool = False) -> bytes:
    """A PowerPoint 97 main stream: a DocumentContainer with its DocumentAtom, and with ``macros``
    the VBAInfoContainer and VBAInfoAtom that name a VBA project storage."""
    children = _record(0x0001, 0x03E9, b"\x00" * 40)
    if macros:  # persistIdRef of the project's storage, hasMacros, version
        children += _record(0x000F, 0x03FF, _record(0x0002, 0x0400, struct.pack("<III", 3, 1, 2)))
    return b"\x00" * 64 + _record(0x000F, 0x03E8, children) + b"\x00" * 32


def package(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def ooxml(folder: str, macros: bool = False) -> bytes:
    entries = {"[Content_Types].xml": _TYPES, f"{folder}/document.xml": b"<doc/>"}
    if macros:
        entries[f"{folder}/vbaProject.bin"] = ole_file(["VBA/dir"])
    return package(entries)


SAMPLES: dict[str, bytes] = {
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40,
    "gif": b"GIF89a" + b"\x00" * 40,
    "webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40,
    "tiff": b"II*\x00" + b"\x00" * 40,
    "docx": ooxml("word"),
    "xlsx": ooxml("xl"),
    "pptx": ooxml("ppt"),
    "doc": ole_file(["WordDocument", "1Table"]),
    "xls": ole_file(["Workbook"]),
    "ppt": ole_file(["PowerPoint Document", "Current User"], {"PowerPoint Document": ppt_document()}),
    "hwp": ole_file(["FileHeader", "DocInfo", "BodyText/Section0", "Scripts/DefaultJScript"]),
    "hwpx": package({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<hs:sec/>"}),
    "utf8": "공장 부지 인허가 진행 상황\nPermit status\n".encode(),
    "cp949": "공장 부지 인허가 진행 상황\n".encode("cp949"),
}

REFUSED: dict[str, tuple[bytes, str]] = {
    "exe": (b"MZ\x90\x00" + b"\x00" * 60, "file_executable"),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "file_executable"),
    "script": (b"#!/bin/sh\nrm -rf ~\n", "file_executable"),
    "docm": (ooxml("word", macros=True), "file_macros"),
    "xlsm": (ooxml("xl", macros=True), "file_macros"),
    "doc-macros": (ole_file(["WordDocument", "Macros/VBA/dir"]), "file_macros"),
    "xls-macros": (ole_file(["Workbook", "_VBA_PROJECT_CUR/VBA/dir"]), "file_macros"),
    "ppt-macros": (
        ole_file(["PowerPoint Document", "Current User"], {"PowerPoint Document": ppt_document(macros=True)}),
        "file_macros",
    ),
    "zip": (package({"report.pdf": b"%PDF-1.7"}), "file_archive"),
    "7z": (b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 40, "file_archive"),
    "rar": (b"Rar!\x1a\x07\x01\x00" + b"\x00" * 40, "file_archive"),
    "gz": (gzip.compress(b"hello"), "file_archive"),
    "encrypted": (ole_file(["EncryptedPackage", "EncryptionInfo"]), "file_encrypted"),
    "binary": (bytes(range(256)) * 4, "file_unknown"),
    "empty": (b"", "file_empty"),
}


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path
