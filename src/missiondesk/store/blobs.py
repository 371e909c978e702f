"""Attachment contents, kept once per SHA-256 of their bytes.

A content's address is the SHA-256 of its plain bytes (what a record names, what sync and bundles will
ask for), so the same file attached twice is stored once and every copy can be checked on arrival.
``BlobStore`` is the interface the services use; ``FolderBlobStore`` keeps contents under the data
folder as ``attachments/ab/abcdef…``. HQ's folder, or an S3-compatible object store, fits the same five
methods later.

Protected like the database: where the database is SQLCipher, each content is encrypted at rest with
AES-256-GCM under a key derived (HKDF-SHA256) from the database key, so the files are no easier to
read than the records that name them. Encryption goes a chunk at a time (1 MiB), each chunk with its
own nonce, and its index and whether it is the last one as associated data: a chunk cannot be
reordered or cut off without failing its tag, the whole content's SHA-256 is checked when it has been
read to the end, and memory stays flat in the file's size. A plaintext folder (tests, an unencrypted HQ folder) keeps contents plain.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from missiondesk.errors import DamagedDatabase, NotFound, UserError
from missiondesk.store.engine import fsync_dir, fsync_file
from missiondesk.store.errors import environment_errors

_ADDRESS = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024  # plain bytes per encrypted chunk, and per read while hashing
_MAGIC = b"MDA1"  # MissionDesk attachment, format 1
_PREFIX = 8  # random bytes of every chunk's nonce; the chunk's index makes the other 4
_TAG = 16
_HEADER = len(_MAGIC) + _PREFIX


class BlobMismatch(UserError):
    """The bytes do not hash to the address they were announced with; nothing was stored."""


class DamagedBlob(DamagedDatabase):
    """A stored content fails its check (its tag, or its hash): the file was changed or damaged."""


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    new: bool  # False: the content was there already (stored once)


class BlobStore(Protocol):
    """Contents by the SHA-256 of their bytes."""

    def has(self, sha256: str) -> bool: ...

    def put(self, source: BinaryIO, expected: str | None = None) -> Stored:
        """Store what ``source`` reads; refused (BlobMismatch) when it does not hash to ``expected``."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """The plain bytes, to read (NotFound when absent)."""
        ...

    def size(self, sha256: str) -> int: ...

    def delete(self, sha256: str) -> None: ...


def check_address(sha256: str) -> str:
    """A content address as stored: 64 lower-case hex digits (never a path of its own)."""
    if not _ADDRESS.match(sha256):
        raise UserError(f"{sha256!r} is not a SHA-256 content address.")
    return sha256


def content_key(database_key: bytes) -> bytes:
    """The attachments' AES-256 key: derived from the database key, never the same bytes."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"missiondesk attachments v1")
    return hkdf.derive(database_key)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


class FolderBlobStore:
    """Contents as files under ``root``: ``ab/abcdef…``, encrypted when given a key."""

    def __init__(self, root: Path, key: bytes | None = None) -> None:
        self.root = root
        self._aead = AESGCM(key) if key is not None else None

    @property
    def encrypted(self) -> bool:
        return self._aead is not None

    def path(self, sha256: str) -> Path:
        check_address(sha256)
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, source: BinaryIO, expected: str | None = None) -> Stored:
        if expected is not None:
            check_address(expected)
        with environment_errors():
            tmp_dir = self.root / "tmp"
            tmp_dir.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=tmp_dir, suffix=".partial")
            tmp = Path(name)
            try:
                with os.fdopen(fd, "wb") as out:
                    digest, size = self._write(source, out)
                if expected is not None and digest != expected:
                    raise BlobMismatch(f"The content does not match its SHA-256 ({expected}); not stored.")
                target = self.path(digest)
                if target.is_file():
                    return Stored(digest, size, new=False)
                target.parent.mkdir(parents=True, exist_ok=True)
                fsync_file(tmp)  # closed above: Windows replaces only a closed file
                os.replace(tmp, target)
                fsync_dir(target.parent)
                return Stored(digest, size, new=True)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()

    def _write(self, source: BinaryIO, out: BinaryIO) -> tuple[str, int]:
        """Copy ``source`` to ``out`` (encrypted a chunk at a time), hashing the plain bytes."""
        h = hashlib.sha256()
        size = 0
        if self._aead is None:
            for block in iter(lambda: source.read(CHUNK), b""):
                h.update(block)
                size += len(block)
                out.write(block)
            return h.hexdigest(), size
        # The address is known only at the end, so it is not in the chunks' associated data: a content
        # moved to another address fails the hash checked when it is read to the end.
        prefix = secrets.token_bytes(_PREFIX)
        out.write(_MAGIC + prefix)
        block = source.read(CHUNK)
        index = 0
        while True:
            following = source.read(CHUNK) if len(block) == CHUNK else b""
            last = not following
            h.update(block)
            size += len(block)
            out.write(self._aead.encrypt(_nonce(prefix, index), block, _aad(index, last)))
            if last:
                return h.hexdigest(), size
            block, index = following, index + 1

    def is_sealed(self, sha256: str) -> bool:
        """Whether the stored file is encrypted, not the plain bytes a folder from before encryption has.

        A sealed file starts with the format's mark and, its nonces being random, never hashes to its
        address; a plain one hashes to it (the mark alone could begin a plain file).
        """
        path = self.path(sha256)
        with path.open("rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC:
                return False
        return file_sha256(path) != sha256

    def seal_copy(self, plain: Path, target: Path) -> str:
        """Write ``plain``'s bytes encrypted to ``target``, flushed, then read it back whole to check it;
        the SHA-256 of the plain bytes.

        Raises DamagedBlob (and removes ``target``) when the copy does not decrypt to the same bytes.
        """
        if self._aead is None:
            raise ValueError("sealing needs a store with a key")
        try:
            with plain.open("rb") as source, target.open("wb") as out:
                digest, _size = self._write(source, out)
            fsync_file(target)
            with io.BufferedReader(_Decrypting(target.open("rb"), self._aead, digest), CHUNK) as check:
                for _block in iter(lambda: check.read(CHUNK), b""):
                    pass  # the tags and the whole hash are checked as it is read
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        return digest

    def open(self, sha256: str) -> BinaryIO:
        path = self.path(sha256)
        with environment_errors():
            try:
                fh = path.open("rb")
            except FileNotFoundError:
                raise NotFound(f"The attachment's content {sha256[:12]}… is not on this device.") from None
        if self._aead is None:
            return fh
        return io.BufferedReader(_Decrypting(fh, self._aead, sha256), buffer_size=CHUNK)

    def size(self, sha256: str) -> int:
        path = self.path(sha256)
        try:
            stored = path.stat().st_size
        except FileNotFoundError:
            raise NotFound(f"The attachment's content {sha256[:12]}… is not on this device.") from None
        if self._aead is None:
            return stored
        chunks = max(1, -(-(stored - _HEADER) // (CHUNK + _TAG)))
        return stored - _HEADER - chunks * _TAG

    def delete(self, sha256: str) -> None:
        with environment_errors(), contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()

    def partial(self, path: Path) -> Partial:
        """A content arriving in pieces (a download), kept at ``path`` as this store keeps contents."""
        return Partial(path, self._aead)

    def addresses(self) -> Iterator[str]:
        """Every content stored (for checks and, later, collecting contents no record names)."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for f in sorted(folder.iterdir()):
                    if _ADDRESS.match(f.name):
                        yield f.name


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + index.to_bytes(4, "big")


def _aad(index: int, last: bool) -> bytes:
    return index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


class _Chunks(io.RawIOBase):
    """A readable stream made of the chunks ``_next_chunk`` returns, until ``_done``."""

    _pending = b""
    _done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._done:
            self._pending = self._next_chunk()
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _next_chunk(self) -> bytes:
        raise NotImplementedError


class _Decrypting(_Chunks):
    """Reads an encrypted content a chunk at a time, checks each tag, and the whole hash at the end."""

    def __init__(self, fh: BinaryIO, aead: AESGCM, sha256: str) -> None:
        self._fh = fh
        self._aead = aead
        self._sha256 = sha256
        self._hash = hashlib.sha256()
        self._index = 0
        self._pending = b""
        self._done = False
        header = fh.read(_HEADER)
        if len(header) != _HEADER or not header.startswith(_MAGIC):
            fh.close()
            raise DamagedBlob(f"The attachment's content {sha256[:12]}… is damaged.")
        self._prefix = header[len(_MAGIC) :]
        self._next = fh.read(CHUNK + _TAG)

    def _next_chunk(self) -> bytes:
        sealed, self._next = self._next, self._fh.read(CHUNK + _TAG)
        last = not self._next
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, self._index), sealed, _aad(self._index, last))
        except InvalidTag:
            raise DamagedBlob(f"The attachment's content {self._sha256[:12]}… is damaged.") from None
        self._index += 1
        self._hash.update(plain)
        if last:
            self._done = True
            if self._hash.hexdigest() != self._sha256:
                raise DamagedBlob(f"The attachment's content {self._sha256[:12]}… is not what it should be.")
        return plain

    def close(self) -> None:
        self._fh.close()
        super().close()


_NONCE = 12
_RECORD = _NONCE + CHUNK + _TAG  # one sealed chunk of a partial file


class Partial:
    """A content that arrives in pieces and may stop at any point (a dropped or cancelled download).

    Kept as the store keeps contents: with a key, each whole 1 MiB chunk is sealed (AES-256-GCM, a random
    nonce, its index as associated data) and appended as it completes, and the incomplete tail stays in
    memory, so a partial file holds no plain bytes and a drop loses less than one chunk; without a key the
    bytes are appended as they come. ``size`` is where the next piece starts (a record torn by a crash is
    cut off); ``reader`` gives the plain bytes kept plus the tail, for ``BlobStore.put`` to check.
    """

    def __init__(self, path: Path, aead: AESGCM | None) -> None:
        self.path = path
        self._aead = aead
        self._tail = b""
        with environment_errors():
            path.parent.mkdir(parents=True, exist_ok=True)
            kept = path.stat().st_size if path.is_file() else 0
            whole = kept - kept % _RECORD if aead is not None else kept
            if whole != kept:
                with path.open("r+b") as fh:
                    fh.truncate(whole)
        self._records = whole // _RECORD if aead is not None else 0
        self._kept = self._records * CHUNK if aead is not None else whole

    @property
    def size(self) -> int:
        """Plain bytes kept on disk (the tail in memory is lost with a drop, and sent again)."""
        return self._kept

    def restart(self) -> None:
        """Begin again from nothing (the server sent the whole content instead of the rest)."""
        with environment_errors(), self.path.open("wb"):
            pass
        self._tail, self._records, self._kept = b"", 0, 0

    def append(self, data: bytes) -> None:
        with environment_errors(), self.path.open("ab") as out:
            if self._aead is None:
                out.write(data)
                self._kept += len(data)
                return
            self._tail += data
            while len(self._tail) >= CHUNK:
                block, self._tail = self._tail[:CHUNK], self._tail[CHUNK:]
                nonce = secrets.token_bytes(_NONCE)
                out.write(nonce + self._aead.encrypt(nonce, block, self._records.to_bytes(8, "big")))
                self._records += 1
                self._kept += CHUNK

    def reader(self) -> BinaryIO:
        """The plain bytes: what is on disk, then the tail (a sealed record that fails its tag: damaged)."""
        return io.BufferedReader(_PartialReader(self.path, self._aead, self._tail), buffer_size=CHUNK)

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path)


class _PartialReader(_Chunks):
    def __init__(self, path: Path, aead: AESGCM | None, tail: bytes) -> None:
        self._fh = path.open("rb")
        self._aead = aead
        self._tail = tail
        self._index = 0
        self._pending = b""
        self._done = False

    def _next_chunk(self) -> bytes:
        if self._aead is None:
            block = self._fh.read(CHUNK)
        else:
            record = self._fh.read(_RECORD)
            block = b""
            if record:
                try:
                    aad = self._index.to_bytes(8, "big")
                    block = self._aead.decrypt(record[:_NONCE], record[_NONCE:], aad)
                except InvalidTag:
                    raise DamagedBlob("A partly downloaded attachment is damaged.") from None
                self._index += 1
        if block:
            return block
        self._done = True
        tail, self._tail = self._tail, b""
        return tail

    def close(self) -> None:
        self._fh.close()
        super().close()
