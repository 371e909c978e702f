"""SQLCipher: the laptop's database encrypted at rest, and copies made with the same key.

A data folder's database is one SQLCipher 4 file (AES-256 pages with an HMAC each). The key is 32
random bytes handed to SQLCipher raw (``x'…'``), so opening a connection runs no key derivation; the
16 bytes at the start of the file are SQLCipher's salt, stored in the clear. A key derived from a
passphrase (portable mode) carries the salt it was derived with, and every file made with that key
(a backup, the copy of a conversion) gets the same salt, so the passphrase opens each of them.

Where the key comes from (the OS keyring, a passphrase) is the services' business, not this module's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as driver

from missiondesk.errors import DamagedDatabase, UserError

KEY_BYTES = 32
SALT_BYTES = 16
SQLITE_HEADER = b"SQLite format 3\x00"

# The driver's exceptions (not the standard library's sqlite3 ones: a different module).
DriverError = driver.Error

# Portable mode: scrypt with 128 MiB of memory (RFC 7914's interactive-login figure doubled), about
# half a second on a laptop, once per start; an attacker pays that for every guess.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 256 * 1024 * 1024


class WrongKey(UserError):
    """The file is encrypted with another key (or is not a database); nothing was written to it."""


@dataclass(frozen=True)
class Key:
    """A database key: 32 raw bytes, and the salt new files get (None: SQLCipher picks one)."""

    raw: bytes = field(repr=False)
    salt: bytes | None = None

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES or (self.salt is not None and len(self.salt) != SALT_BYTES):
            raise ValueError("a database key is 32 bytes, its salt 16")

    @classmethod
    def random(cls) -> Key:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_passphrase(cls, passphrase: str, salt: bytes) -> Key:
        raw = hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=salt,
            n=SCRYPT_N,
            r=SCRYPT_R,
            p=SCRYPT_P,
            maxmem=SCRYPT_MAXMEM,
            dklen=KEY_BYTES,
        )
        return cls(raw, salt)

    def pragma_value(self) -> str:
        """The ``PRAGMA key`` / ``ATTACH … KEY`` literal (with the salt a new file gets, if any)."""
        salt = self.salt.hex() if self.salt is not None else ""
        return f"\"x'{self.raw.hex()}{salt}'\""


def file_salt(path: Path) -> bytes:
    """SQLCipher's salt: the first 16 bytes of an encrypted file."""
    with path.open("rb") as fh:
        return fh.read(SALT_BYTES)


def is_plaintext(path: Path) -> bool:
    """True for an unencrypted SQLite file (the format every earlier MissionDesk wrote)."""
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def connect(target: str | Path, key: Key | None, *, uri: bool = False) -> Any:
    """A driver connection with ``key`` applied (None: a plaintext file), in autocommit mode."""
    conn = driver.connect(str(target), uri=uri, check_same_thread=False)
    try:
        conn.isolation_level = None
        # A wrong key is our own message; SQLCipher would also print its HMAC failure on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key.pragma_value()}")
    except BaseException:
        conn.close()
        raise
    return conn


def readonly_uri(path: Path) -> str:
    """A URI that reads ``path`` without creating side files (a leftover log needs a real read)."""
    has_wal = Path(f"{path}-wal").exists()
    return f"{path.resolve().as_uri()}?{'mode=ro' if has_wal else 'immutable=1'}"


def check_key(path: Path, key: Key | None) -> None:
    """Raise WrongKey unless ``key`` opens ``path``; reads only, writes nothing."""
    try:
        conn = connect(readonly_uri(path), key, uri=True)
    except DriverError as exc:
        raise DamagedDatabase(f"{path} cannot be read: {exc}.") from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        raise WrongKey(
            f"{path} cannot be opened with this data folder's key: it was encrypted with another key, "
            "or it is not a MissionDesk database. It was left untouched."
        ) from exc
    finally:
        conn.close()


def content_digest(conn: Any) -> dict[str, tuple[int, str]]:
    """Per stored table (the search indexes' own tables included), its row count and a hash of its rows.

    Two files holding the same rows give the same figures whatever their encryption: the check made
    before an encrypted copy replaces its plaintext original.
    """
    out: dict[str, tuple[int, str]] = {}
    tables = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='table' AND rootpage > 0 ORDER BY name"
    ).fetchall()
    for name, sql in tables:
        quoted = '"' + name.replace('"', '""') + '"'
        order = "" if "WITHOUT ROWID" in (sql or "").upper() else " ORDER BY rowid"
        h = hashlib.sha256()
        count = 0
        for row in conn.execute(f"SELECT * FROM {quoted}{order}"):  # names from the schema
            h.update(repr(row).encode("utf-8"))
            count += 1
        out[name] = (count, h.hexdigest())
    return out


def integrity_ok(conn: Any) -> bool:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return rows == [("ok",)]


def close_quietly(conn: Any) -> None:
    with contextlib.suppress(DriverError):
        conn.close()


def remove_side_files(path: Path) -> None:
    """Delete a closed database's empty write-ahead log and its index (they belong to the old file)."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
