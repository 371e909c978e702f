"""Password-protected bundles: Excel's own encryption (ECMA-376 agile) around the usual workbook.

A bundle or an acknowledgement crosses email and USB sticks; with a password it
is an encrypted OLE compound file that Excel and LibreOffice open with that
password and nothing else reads. Inside is the same signed workbook: the hash
and signature rules do not change, and the container checks run on the
decrypted package with the same limits.

An encrypted file from outside is as hostile as any other: its size is checked
before anything parses it, a key derivation that would spin longer than any
office program makes it (``MAX_SPIN_COUNT``) is refused before a password is
tried, the package's HMAC is checked before it is used, and it is decrypted
into a private temporary folder that is removed afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import msoffcrypto
import olefile
from msoffcrypto.exceptions import InvalidKeyError

from missiondesk.bundles.container import OLE_MAGIC
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits
from missiondesk.domain.messages import MessageCode, say

ENV_PASSWORD = "MISSIONDESK_BUNDLE_PASSWORD"
MIN_PASSWORD_LENGTH = 8
# Excel and LibreOffice derive the key with 100,000 rounds; ten times that still opens in about a
# second, while a hostile file asking for millions would hold the importer for minutes per password.
MAX_SPIN_COUNT = 1_000_000
_HASH_CHUNK = 1024 * 1024


class PasswordNeeded(BundleRefused):
    """The file is encrypted and no password given opens it (``wrong``: some were tried)."""

    def __init__(self, name: str, wrong: bool) -> None:
        self.wrong = wrong
        super().__init__(
            say(MessageCode.BUNDLE_PASSWORD_WRONG if wrong else MessageCode.BUNDLE_PASSWORD_NEEDED, name=name)
        )


@dataclass(frozen=True)
class Opened:
    """The plain workbook to check and read (``path``), and the password that opened it (None: plain)."""

    path: Path
    password: str | None

    @property
    def encrypted(self) -> bool:
        return self.password is not None


def check_new_password(password: str) -> None:
    """Refuse a password too short to protect a file sent by email (UserError)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BundleRefused(say(MessageCode.BUNDLE_PASSWORD_SHORT, min=MIN_PASSWORD_LENGTH))


def read_password_file(path: Path) -> str:
    """The password in a text file: UTF-8 (a BOM from Notepad dropped), the final newline not part of it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BundleRefused(
            say(MessageCode.PASSWORD_FILE_UNREADABLE, name=path.name, detail=str(exc))
        ) from exc
    password = text.rstrip("\r\n")
    if not password:
        raise BundleRefused(say(MessageCode.PASSWORD_FILE_EMPTY, name=path.name))
    return password


def encrypt_file(src: Path, dst: Path, password: str) -> None:
    """Write ``src`` encrypted with ``password`` to ``dst`` (agile encryption, as Excel writes it)."""
    with src.open("rb") as plain, dst.open("wb") as out:
        msoffcrypto.OfficeFile(plain).encrypt(password, out)
        out.flush()
        os.fsync(out.fileno())


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(OLE_MAGIC)) == OLE_MAGIC


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file as it travelled (encrypted or not): what the audit log records."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def plain_package(
    path: Path, passwords: Sequence[str] = (), limits: Limits = DEFAULT_LIMITS
) -> Iterator[Opened]:
    """The plain workbook of ``path``: itself, or its decryption in a private folder removed on exit.

    Refuses (BundleRefused) an OLE file that is not an encrypted workbook, one over the size limit, a
    damaged one, a key derivation over ``MAX_SPIN_COUNT`` and a package whose HMAC does not match;
    raises ``PasswordNeeded`` when no password of ``passwords`` opens it. The decrypted package is
    not checked here: the caller runs the container checks on it as on any workbook.
    """
    name = path.name
    try:
        size = path.stat().st_size
        encrypted = is_encrypted(path)
    except OSError as exc:
        raise BundleRefused(
            say(MessageCode.FILE_UNREADABLE, name=name, detail=str(exc.strerror or exc))
        ) from exc
    if not encrypted:
        yield Opened(path, None)
        return
    if size > limits.max_file_bytes:
        raise BundleRefused(
            say(
                MessageCode.BUNDLE_TOO_LARGE,
                name=name,
                size=f"{size / 1e6:.0f}",
                limit=f"{limits.max_file_bytes / 1e6:.0f}",
            )
        )
    folder = Path(tempfile.mkdtemp(prefix="missiondesk-bundle-"))  # mode 0700: only this user reads it
    try:
        plain = folder / name
        password = _decrypt(path, plain, passwords)
        yield Opened(plain, password)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _decrypt(path: Path, plain: Path, passwords: Sequence[str]) -> str:
    name = path.name
    with path.open("rb") as fh:
        office = _office_file(fh, name)
        for password in passwords:
            try:
                office.load_key(password=password, verify_password=True)
            except InvalidKeyError:
                continue
            with plain.open("wb") as out:
                try:
                    office.decrypt(out, verify_integrity=True)
                except InvalidKeyError as exc:
                    # The password was right (it passed the verifier): the package itself was changed.
                    raise BundleRefused(
                        say(MessageCode.BUNDLE_ALTERED_ENCRYPTED, name=name, detail=str(exc))
                    ) from exc
                except Exception as exc:  # a hostile stream breaks the parser in its own ways
                    raise BundleRefused(
                        say(MessageCode.BUNDLE_DAMAGED_ENCRYPTED, name=name, detail=str(exc))
                    ) from exc
            return password
    raise PasswordNeeded(name, wrong=bool(passwords))


def _office_file(fh: object, name: str) -> msoffcrypto.format.ooxml.OOXMLFile:
    """The encrypted workbook's parsed encryption header, refused when it is anything else."""
    if not olefile.isOleFile(fh):
        raise BundleRefused(say(MessageCode.BUNDLE_DAMAGED_OLE, name=name))
    try:
        office = msoffcrypto.OfficeFile(fh)
    except Exception as exc:  # untrusted bytes: olefile and msoffcrypto raise many kinds
        raise BundleRefused(say(MessageCode.BUNDLE_OLD_XLS, name=name, detail=str(exc))) from exc
    if getattr(office, "format", "") != "ooxml" or getattr(office, "type", "") != "agile":
        raise BundleRefused(say(MessageCode.BUNDLE_OLD_ENCRYPTION, name=name))
    if int(office.info.get("spinValue", 0)) > MAX_SPIN_COUNT:
        raise BundleRefused(
            say(MessageCode.BUNDLE_KEY_ROUNDS, name=name, rounds=f"{office.info['spinValue']:,}")
        )
    return office
