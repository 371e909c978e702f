"""Attachment contents beside a bundle: side-car zip archives of at most a set size each.

A bundle workbook carries records; the files its attachment records name travel beside it as
``NAME.files-1-of-3.zip`` … ``NAME.files-3-of-3.zip``, each at most ``SIDECAR_MAX_BYTES`` (an email can
carry one). The workbook signs what they hold: its payload sheet ``files`` lists each content (SHA-256,
size, and where its bytes are), and the manifest field ``sidecars`` names every side-car with its own
SHA-256 and size. So a side-car is as trusted as the workbook that names it, and a changed one fails
its hash before anything of it is read.

Entries are stored, not deflated: the sizes are then known before a byte is written, so side-cars
are packed to the limit exactly, and the contents people attach (PDF, JPEG, Office and Hangul
documents, themselves compressed) would gain little. An entry is named by the content's SHA-256; a
content larger than the room left in a side-car is split into parts (``SHA.part1``, ``SHA.part2``, …)
that fill the side-car and go on in the next, so no side-car is ever over the limit, whatever the
files' sizes. A split content is stored when all its side-cars are there together.

Every content is streamed a block at a time, in and out: memory stays flat in the files' size.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from missiondesk.bundles import sealed
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import SIDECAR_MAX_BYTES
from missiondesk.bundles.password import file_sha256
from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.messages import MessageCode, say

FILES_SHEET = "files"
SIDECARS_FIELD = "sidecars"
BLOCK = 1024 * 1024
# Bytes a stored entry costs besides its content: its local header (30) and central directory entry
# (46), each with the name (at most 64 + ".part999"), with room to spare; and the archive's end (22).
_ENTRY_COST = 30 + 46 + 2 * 80 + 64
_ARCHIVE_COST = 22 + 64
_MIN_PART = 64 * 1024  # a side-car with less room left than this is closed rather than given a sliver
_NAME = re.compile(
    r"^(?P<stem>.+)\.files-(?P<index>\d+)-of-(?P<count>\d+)\.(?P<kind>zip|sealed)$", re.IGNORECASE
)
_ADDRESS = re.compile(r"^[0-9a-f]{64}$")

Opener = Callable[[str], BinaryIO]
"""A content's SHA-256 -> its plain bytes to read (the device's blob store)."""


@dataclass(frozen=True)
class Part:
    sidecar: int  # 1-based, as in the side-car's name
    size: int


@dataclass(frozen=True)
class FileEntry:
    """One content the bundle's attachment records name, and the parts its bytes travel in."""

    sha256: str
    size: int
    parts: tuple[Part, ...]

    def entry_name(self, index: int) -> str:
        return self.sha256 if len(self.parts) == 1 else f"{self.sha256}.part{index + 1}"

    def line(self) -> str:
        return canonical_json(
            {"sha256": self.sha256, "size": self.size, "parts": [[p.sidecar, p.size] for p in self.parts]}
        )

    @classmethod
    def from_line(cls, line: str) -> FileEntry:
        try:
            data = json.loads(line)
            entry = cls(
                str(data["sha256"]),
                int(data["size"]),
                tuple(Part(int(s), int(n)) for s, n in data["parts"]),
            )
        except (ValueError, KeyError, TypeError):
            raise BundleRefused(say(MessageCode.SIDECAR_FILE_LINE_INVALID)) from None
        if (
            not _ADDRESS.match(entry.sha256)
            or not entry.parts
            or sum(p.size for p in entry.parts) != entry.size
        ):
            raise BundleRefused(say(MessageCode.SIDECAR_FILE_LINE_INVALID))
        return entry


@dataclass(frozen=True)
class Sidecar:
    name: str
    sha256: str
    size: int

    def wire(self) -> dict[str, object]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True)
class Written:
    """Side-cars written under temporary names; ``publish`` gives them their names."""

    files: tuple[FileEntry, ...]
    sidecars: tuple[Sidecar, ...]
    temporary: tuple[Path, ...]
    folder: Path

    def manifest_value(self) -> str:
        return canonical_json([s.wire() for s in self.sidecars]) if self.sidecars else ""

    def lines(self) -> Iterator[str]:
        return (f.line() for f in self.files)

    def publish(self) -> None:
        """Each side-car under its own name (each write closed before it is replaced)."""
        for tmp, sidecar in zip(self.temporary, self.sidecars, strict=True):
            os.replace(tmp, self.folder / sidecar.name)

    def discard(self) -> None:
        for tmp in self.temporary:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def sidecar_name(bundle: Path, index: int, count: int, protected: bool = False) -> str:
    return f"{bundle.stem}.files-{index}-of-{count}.{'sealed' if protected else 'zip'}"


def is_sealed(name: str) -> bool:
    """Whether a side-car's name says it is sealed with its bundle's password (``bundles.sealed``)."""
    found = _NAME.match(name)
    return found is not None and found["kind"].lower() == "sealed"


def bundle_of(path: Path) -> Path | None:
    """The bundle a side-car belongs to (``NAME.files-2-of-3.zip`` -> ``NAME.xlsx``); None for any other file."""
    found = _NAME.match(path.name)
    return path.with_name(found["stem"] + ".xlsx") if found else None


def stale_sidecars(bundle: Path, keep: Iterable[str]) -> list[Path]:
    """Side-cars of an earlier bundle of the same name beside ``bundle`` that are not among ``keep``."""
    kept = set(keep)
    if not bundle.parent.is_dir():
        return []
    return [
        p
        for p in bundle.parent.iterdir()
        if (m := _NAME.match(p.name)) and m["stem"] == bundle.stem and p.name not in kept
    ]


def write_sidecars(
    bundle: Path,
    contents: Iterable[tuple[str, int]],
    open_content: Opener,
    limit: int = SIDECAR_MAX_BYTES,
    when: dt.datetime | None = None,
    password: str | None = None,
) -> Written:
    """Pack ``contents`` (SHA-256, size; each once) into side-cars of at most ``limit`` bytes beside
    ``bundle``, under temporary names. A content whose bytes do not hash to its address is refused.

    With ``password`` each side-car is sealed with it (``bundles.sealed``): the plain zips are packed
    in a private temporary folder, removed afterwards, and only the sealed ones are written beside."""
    if password is not None:
        limit -= sealed.overhead(limit)
    if limit < _ARCHIVE_COST + _ENTRY_COST + _MIN_PART:
        raise ValueError(f"a side-car limit of {limit} bytes leaves no room for content")
    stamp = (when or dt.datetime.now(dt.UTC)).timetuple()[:6]
    scratch = Path(tempfile.mkdtemp(prefix="missiondesk-sidecars-")) if password is not None else None
    packer = _Packer(bundle, limit, stamp, scratch or bundle.parent)
    try:
        files = tuple(packer.add(sha256, size, open_content) for sha256, size in contents)
        temporary = packer.close()
        if password is not None:
            temporary = _sealed(bundle, temporary, password)
    except BaseException:
        packer.abandon()
        raise
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    count = len(temporary)
    sidecars = tuple(
        Sidecar(sidecar_name(bundle, i, count, password is not None), file_sha256(tmp), tmp.stat().st_size)
        for i, tmp in enumerate(temporary, start=1)
    )
    return Written(files, sidecars, temporary, bundle.parent)


def _sealed(bundle: Path, plain: tuple[Path, ...], password: str) -> tuple[Path, ...]:
    """Each of the ``plain`` zips sealed beside ``bundle`` under a temporary name (removed on failure)."""
    out: list[Path] = []
    try:
        for i, path in enumerate(plain, start=1):
            out.append(bundle.with_name(f"{bundle.name}.files-{i}.sealed.partial"))
            sealed.seal(path, out[-1], password)
    except BaseException:
        for p in out:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise
    return tuple(out)


class _Packer:
    def __init__(self, bundle: Path, limit: int, stamp: tuple[int, ...], folder: Path) -> None:
        self.bundle = bundle
        self.folder = folder  # where the zips are written under temporary names
        self.limit = limit
        self.stamp = stamp
        self.paths: list[Path] = []
        self.zip: zipfile.ZipFile | None = None
        self.used = 0

    def _room(self) -> int:
        return self.limit - _ARCHIVE_COST - self.used - _ENTRY_COST

    def _next(self) -> None:
        if self.zip is not None:
            self.zip.close()
        tmp = self.folder / f"{self.bundle.name}.files-{len(self.paths) + 1}.partial"
        self.paths.append(tmp)
        self.zip = zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=False)
        self.used = 0

    def add(self, sha256: str, size: int, open_content: Opener) -> FileEntry:
        if self.zip is None:
            self._next()
        parts: list[Part] = []
        whole = hashlib.sha256()
        left = size
        with open_content(sha256) as source:
            while True:
                if self._room() < min(max(left, 1), _MIN_PART):
                    self._next()
                take = min(left, self._room())
                split = take < size
                name = f"{sha256}.part{len(parts) + 1}" if split or parts else sha256
                self._entry(name, source, take, whole)
                parts.append(Part(len(self.paths), take))
                left -= take
                if left <= 0:
                    break
            if source.read(1):
                raise BundleRefused(say(MessageCode.SIDECAR_CONTENT_LONGER, sha256=sha256[:12]))
        if whole.hexdigest() != sha256:
            raise BundleRefused(say(MessageCode.SIDECAR_CONTENT_NOT_NAMED, sha256=sha256[:12]))
        return FileEntry(sha256, size, tuple(parts))

    def _entry(self, name: str, source: BinaryIO, size: int, whole: hashlib._Hash) -> None:
        assert self.zip is not None
        info = zipfile.ZipInfo(name, date_time=self.stamp)  # type: ignore[arg-type]
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        with self.zip.open(info, "w") as out:
            left = size
            while left:
                block = source.read(min(BLOCK, left))
                if not block:
                    raise BundleRefused(say(MessageCode.SIDECAR_CONTENT_SHORTER))
                whole.update(block)
                out.write(block)
                left -= len(block)
        self.used += _ENTRY_COST + size

    def close(self) -> tuple[Path, ...]:
        if self.zip is not None:
            self.zip.close()
        return tuple(self.paths)

    def abandon(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
        for p in self.paths:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


# --- reading ---------------------------------------------------------------------------------------


def parse_sidecars(value: str) -> tuple[Sidecar, ...]:
    """The manifest's ``sidecars`` field (empty: a bundle without files)."""
    if not value:
        return ()
    try:
        data = json.loads(value)
        found = tuple(Sidecar(str(d["name"]), str(d["sha256"]), int(d["size"])) for d in data)
    except (ValueError, KeyError, TypeError):
        raise BundleRefused(say(MessageCode.SIDECAR_LIST_INVALID)) from None
    for i, s in enumerate(found, start=1):
        if not _ADDRESS.match(s.sha256) or (m := _NAME.match(s.name)) is None or int(m["index"]) != i:
            raise BundleRefused(say(MessageCode.SIDECAR_LIST_INVALID))
    return found


def present_sidecars(bundle: Path, sidecars: Iterable[Sidecar]) -> dict[int, Path]:
    """The side-cars found beside ``bundle``, each checked against the hash the manifest signed; one
    that differs is refused (``SIDECAR_TAMPERED``) before anything of it is read."""
    found: dict[int, Path] = {}
    for index, sidecar in enumerate(sidecars, start=1):
        path = bundle.parent / sidecar.name
        if not path.is_file():
            continue
        if path.stat().st_size != sidecar.size or file_sha256(path) != sidecar.sha256:
            raise BundleRefused(say(MessageCode.SIDECAR_TAMPERED, file=sidecar.name))
        found[index] = path
    return found


def recheck_present(bundle_sidecars: tuple[Sidecar, ...], present: dict[int, Path]) -> dict[int, Path]:
    """The ``present`` side-cars checked again against the signed list just before an import writes
    anything: one changed since the preview refuses the whole bundle (``SIDECAR_CHANGED_SINCE_PREVIEW``);
    one gone since is left out, its contents still to come, as a missing side-car at the preview.
    Every size is compared before any content is hashed (the cheap check first)."""
    kept: dict[int, Path] = {}
    for index, path in present.items():
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        if size != bundle_sidecars[index - 1].size:
            raise BundleRefused(say(MessageCode.SIDECAR_CHANGED_SINCE_PREVIEW, file=path.name))
        kept[index] = path
    for index, path in kept.items():
        try:
            digest = file_sha256(path)
        except FileNotFoundError:
            digest = ""
        if digest != bundle_sidecars[index - 1].sha256:
            raise BundleRefused(say(MessageCode.SIDECAR_CHANGED_SINCE_PREVIEW, file=path.name))
    return kept


def check_sealed(present: dict[int, Path], password: str | None) -> None:
    """Refuse sealed side-cars the bundle's password does not open (each one's password check in its
    header: cheap), or that came with a bundle that was not protected (no password to open them)."""
    for path in present.values():
        if not is_sealed(path.name):
            continue
        if password is None:
            raise BundleRefused(say(MessageCode.SIDECAR_SEALED_NO_PASSWORD, file=path.name))
        sealed.check_password(path, password)


@contextlib.contextmanager
def unsealed(present: dict[int, Path], password: str | None) -> Iterator[dict[int, Path]]:
    """``present`` with each sealed side-car unsealed (every chunk checked) into a private temporary
    folder, removed on exit; plain ones as they are."""
    if not any(is_sealed(p.name) for p in present.values()):
        yield present
        return
    if password is None:
        name = next(p.name for p in present.values() if is_sealed(p.name))
        raise BundleRefused(say(MessageCode.SIDECAR_SEALED_NO_PASSWORD, file=name))
    folder = Path(tempfile.mkdtemp(prefix="missiondesk-sidecars-"))  # mode 0700: only this user reads it
    try:
        out: dict[int, Path] = {}
        for index, path in present.items():
            if is_sealed(path.name):
                out[index] = folder / (path.stem + ".zip")
                sealed.unseal(path, out[index], password)
            else:
                out[index] = path
        yield out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def complete(entry: FileEntry, present: dict[int, Path]) -> bool:
    return all(p.sidecar in present for p in entry.parts)


class SidecarReader:
    """The ``present`` side-cars, each opened once (its directory read once, however many contents
    it holds), for reading contents out of them; a context manager that closes them."""

    def __init__(self, present: dict[int, Path]) -> None:
        self._present = present
        self._open: dict[int, zipfile.ZipFile] = {}

    def __enter__(self) -> SidecarReader:
        return self

    def __exit__(self, *exc: object) -> None:
        for archive in self._open.values():
            archive.close()
        self._open.clear()

    def name(self, sidecar: int) -> str:
        return self._present[sidecar].name

    def _archive(self, sidecar: int) -> zipfile.ZipFile:
        found = self._open.get(sidecar)
        if found is None:
            try:
                found = self._open[sidecar] = zipfile.ZipFile(self._present[sidecar])
            except zipfile.BadZipFile:
                raise BundleRefused(say(MessageCode.SIDECAR_TAMPERED, file=self.name(sidecar))) from None
        return found

    @contextlib.contextmanager
    def open_file(self, entry: FileEntry) -> Iterator[BinaryIO]:
        """The content's bytes, read part after part from the side-cars holding them (all present)."""
        with contextlib.ExitStack() as stack:
            streams: list[BinaryIO] = []
            for index, part in enumerate(entry.parts):
                try:
                    info = self._archive(part.sidecar).getinfo(entry.entry_name(index))
                except KeyError:
                    info = None
                if info is None or info.file_size != part.size or info.compress_type != zipfile.ZIP_STORED:
                    raise BundleRefused(say(MessageCode.SIDECAR_TAMPERED, file=self.name(part.sidecar)))
                streams.append(stack.enter_context(self._archive(part.sidecar).open(info)))  # type: ignore[arg-type]
            yield io.BufferedReader(_Chained(streams), buffer_size=BLOCK)


class _Chained(io.RawIOBase):
    """Streams read one after the other, as one."""

    def __init__(self, streams: list[BinaryIO]) -> None:
        self._streams = streams

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._streams:
            data = self._streams[0].read(len(buffer))
            if data:
                buffer[: len(data)] = data
                return len(data)
            self._streams.pop(0)
        return 0
