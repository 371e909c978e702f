"""A password-protected bundle's side-cars: each zip sealed whole with the bundle's password.

Excel's encryption protects the workbook only; its side-cars are plain zips, so a protected bundle's
side-car is written as usual and then sealed as one stream: AES-256-GCM in chunks of ``CHUNK`` bytes,
the key derived from the password by scrypt with a random salt kept in the sealed file's header.

Layout: ``MAGIC`` (8 bytes), salt (16), nonce prefix (8), a password check (the 16-byte tag of nothing
under a nonce no chunk uses), then the chunks, each its ciphertext and 16-byte tag. A chunk's nonce is
the prefix and its index; its associated data is the header, its index and whether it is the last:
chunks moved, dropped or cut off after a whole chunk fail their tag. The check tells a wrong password
from an altered file. The signed manifest names the sealed file's SHA-256, so a changed one is refused
before it is opened.

Both ways are streamed a chunk at a time (memory flat); the plain zip is unsealed into a private
temporary folder for reading, as ``password.plain_package`` does for the workbook.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from missiondesk.bundles.errors import BundleRefused
from missiondesk.domain.messages import MessageCode, say

MAGIC = b"MDSEAL1\n"
CHUNK = 1024 * 1024
_SALT = 16
_PREFIX = 8
_TAG = 16
_START = len(MAGIC) + _SALT + _PREFIX
HEADER = _START + _TAG
_CHECK_INDEX = 0xFFFFFFFF  # the password check's nonce; a side-car has far fewer chunks
# scrypt at 2**15 x 8: 32 MiB and about 0.1 s per side-car; a guess costs an attacker the same.
_N, _R, _P = 2**15, 8, 1


def overhead(size: int) -> int:
    """Bytes sealing adds to a zip of at most ``size`` bytes (its header and a tag per chunk)."""
    return HEADER + _TAG * (size // CHUNK + 1)


def _key(password: str, salt: bytes) -> AESGCM:
    return AESGCM(Scrypt(salt=salt, length=32, n=_N, r=_R, p=_P).derive(password.encode("utf-8")))


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">QB", index, last)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def seal(src: Path, dst: Path, password: str) -> None:
    """Write ``src`` sealed with ``password`` to ``dst`` (closed and flushed before it returns)."""
    salt, prefix = os.urandom(_SALT), os.urandom(_PREFIX)
    aead = _key(password, salt)
    start = MAGIC + salt + prefix
    header = start + aead.encrypt(_nonce(prefix, _CHECK_INDEX), b"", start)
    with src.open("rb") as plain, dst.open("wb") as out:
        out.write(header)
        block = plain.read(CHUNK)
        index = 0
        while True:
            after = plain.read(CHUNK)  # read ahead: the last chunk is marked as last
            last = not after
            out.write(aead.encrypt(_nonce(prefix, index), block, _aad(header, index, last)))
            if last:
                break
            block, index = after, index + 1
        out.flush()
        os.fsync(out.fileno())


def _opened(fh: BinaryIO, name: str, password: str) -> tuple[bytes, AESGCM]:
    """The header and the key, once the password check passed (``SIDECAR_SEALED_WRONG_PASSWORD``)."""
    header = fh.read(HEADER)
    if len(header) != HEADER or not header.startswith(MAGIC):
        raise BundleRefused(say(MessageCode.SIDECAR_TAMPERED, file=name))
    aead = _key(password, header[len(MAGIC) : len(MAGIC) + _SALT])
    prefix = header[len(MAGIC) + _SALT : _START]
    try:
        aead.decrypt(_nonce(prefix, _CHECK_INDEX), header[_START:], header[:_START])
    except InvalidTag:
        raise BundleRefused(say(MessageCode.SIDECAR_SEALED_WRONG_PASSWORD, file=name)) from None
    return header, aead


def check_password(path: Path, password: str) -> None:
    """Refuse (``SIDECAR_SEALED_WRONG_PASSWORD``) when ``password`` is not the one ``path`` was sealed with."""
    with path.open("rb") as fh:
        _opened(fh, path.name, password)


def unseal(src: Path, dst: Path, password: str) -> None:
    """Write the zip sealed in ``src`` to ``dst``; a wrong password, or a chunk that fails its tag
    (altered, moved, cut off), refuses the side-car."""
    name = src.name
    with src.open("rb") as fh, dst.open("wb") as out:
        header, aead = _opened(fh, name, password)
        prefix = header[len(MAGIC) + _SALT : _START]
        chunk = fh.read(CHUNK + _TAG)
        index = 0
        while True:
            after = fh.read(CHUNK + _TAG)
            last = not after
            try:
                out.write(aead.decrypt(_nonce(prefix, index), chunk, _aad(header, index, last)))
            except InvalidTag:
                raise BundleRefused(say(MessageCode.SIDECAR_TAMPERED, file=name)) from None
            if last:
                break
            chunk, index = after, index + 1
