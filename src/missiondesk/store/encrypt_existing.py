"""Encrypting a plaintext data folder (written by a MissionDesk before SQLCipher) on its first open.

The steps, each one safe to be cut off (a killed process, a pulled plug):

0. ``attachments``: each attachment content still in plaintext (``attachments/ab/abcdef…``,
   ``store/blobs.py``) is written encrypted to ``attachments/tmp/<address>.encrypting``, flushed, read
   back whole (every tag, and the SHA-256 of the plain bytes), then renamed over the plain file. A
   content is either its plain or its encrypted file at every moment, and one already encrypted is
   skipped, so a stopped pass resumes at the next open (the database is still plaintext until step 3).
1. ``copy``: under a write lock on the original, ``sqlcipher_export`` writes every table (the search
   indexes' included) to ``missiondesk.sqlite3.encrypting``, and the original's per-table row counts
   and content hashes are taken in that same transaction; the copy is flushed to disk.
2. ``check``: the copy is opened with the key; ``PRAGMA integrity_check`` must say ok and its counts
   and hashes must equal the original's. Anything else: the copy is deleted and the original is kept.
3. ``replace``: the original's log is folded in and its side files removed, then the copy replaces it
   in one rename (``os.replace``, atomic on POSIX and on NTFS).
4. ``backups``: each plaintext backup in the backups folder goes through the same steps, its
   ``<name>.attachments/`` contents first, so no earlier copy of the data stays readable.

Until step 3 the original is untouched and opens as before (the next start converts again, deleting a
half-made copy first); after it the encrypted file opens, and step 4 resumes at every open.
The old file's blocks are not overwritten: on SSDs nothing can promise that, which is why full-disk
encryption stays the operating system's job (docs/data-protection.md).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from missiondesk.errors import DamagedDatabase, DatabaseLocked
from missiondesk.store import cipher
from missiondesk.store.backup import attachments_beside
from missiondesk.store.blobs import FolderBlobStore, content_key
from missiondesk.store.cipher import Key
from missiondesk.store.engine import fsync_dir, fsync_file

PARTIAL_SUFFIX = ".encrypting"
SEALED_MARK = ".sealed"  # in an attachments folder: a pass found (or made) every content there encrypted
# Tests stop the conversion at a named step (the process kills itself there) to prove each is safe.
STOP_AT_ENV = "MISSIONDESK_TEST_STOP_AT"
STEPS = (
    "attachment-copied",
    "attachment-replaced",
    "copied",
    "checked",
    "side-files-removed",
    "replaced",
    "backup-replaced",
)


def encrypt_database(path: Path, key: Key, backups: Path | None, attachments: Path | None = None) -> None:
    """Encrypt the plaintext database at ``path`` with ``key``, its ``attachments`` folder's contents
    first, then its plaintext backups with theirs."""
    encrypt_attachments(attachments, key)
    _encrypt_file(path, key, live=True)
    encrypt_backups(backups, key)


def encrypt_attachments(folder: Path | None, key: Key) -> None:
    """Encrypt, one at a time, every content in ``folder`` still in plaintext (step 0); then mark the
    folder as wholly sealed (``SEALED_MARK``)."""
    if folder is None or not folder.is_dir():
        return
    store = FolderBlobStore(folder, content_key(key.raw))
    work = folder / "tmp"
    for address in store.addresses():
        if store.is_sealed(address):
            continue
        work.mkdir(exist_ok=True)
        partial = work / (address + PARTIAL_SUFFIX)
        # Overwrites a copy a stopped pass left. A plain file that no longer hashes to its address is
        # damaged: left as it is for 'missiondesk check' to report, rather than sealed as if whole.
        if store.seal_copy(store.path(address), partial) != address:
            partial.unlink(missing_ok=True)
            continue
        _stop_if_asked("attachment-copied")
        os.replace(partial, store.path(address))
        fsync_dir(store.path(address).parent)
        _stop_if_asked("attachment-replaced")
    if work.is_dir():
        for left in work.glob("*" + PARTIAL_SUFFIX):  # a copy a stopped pass left, its content done since
            left.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not written (a read-only folder): the next open passes again
        (folder / SEALED_MARK).write_bytes(b"")


def encrypt_left_attachments(folder: Path | None, key: Key) -> None:
    """On opening an encrypted database: contents left in plaintext are encrypted (step 0), once.

    A MissionDesk before this one encrypted the database but not always the attachments beside it, and
    a plain content in an encrypted folder reads as damaged. Until a pass has marked the folder
    (``SEALED_MARK``; every content since is written sealed), each open checks every content.
    """
    if folder is None or not folder.is_dir() or (folder / SEALED_MARK).is_file():
        return
    encrypt_attachments(folder, key)


def encrypt_backups(backups: Path | None, key: Key) -> None:
    """Encrypt any backup still in plaintext (left by an interrupted conversion, or a copy put back)."""
    for backup in _plaintext_backups(backups):
        encrypt_attachments(attachments_beside(backup), key)
        _encrypt_file(backup, key, live=False)
        _stop_if_asked("backup-replaced")


def _plaintext_backups(backups: Path | None) -> Iterator[Path]:
    if backups is None or not backups.is_dir():
        return
    for candidate in sorted(backups.glob("*.sqlite3")):
        if candidate.is_file() and cipher.is_plaintext(candidate):
            yield candidate


def _encrypt_file(path: Path, key: Key, *, live: bool) -> None:
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)  # a copy an earlier, interrupted start left half made
    source = cipher.connect(path, None)
    try:
        try:
            expected = _copy(source, partial, key)
            fsync_file(partial)
            _stop_if_asked("copied")
            _check(partial, key, expected, path)
            _stop_if_asked("checked")
            if live:
                _fold_log(source, path)
        finally:
            cipher.close_quietly(source)
        cipher.remove_side_files(path)
        _stop_if_asked("side-files-removed")
        os.replace(partial, path)
        fsync_dir(path.parent)
        _stop_if_asked("replaced")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _copy(conn: Any, partial: Path, key: Key) -> dict[str, tuple[int, str]]:
    """Export under a write lock; returns the original's counts and hashes from the same snapshot."""
    conn.execute(f"ATTACH DATABASE ? AS encrypted KEY {key.pragma_value()}", (str(partial),))
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("SELECT sqlcipher_export('encrypted')")
            expected = cipher.content_digest(conn)
        finally:
            conn.execute("COMMIT")
    finally:
        conn.execute("DETACH DATABASE encrypted")
    return expected


def _check(partial: Path, key: Key, expected: dict[str, tuple[int, str]], original: Path) -> None:
    copy = cipher.connect(partial, key)
    try:
        ok = cipher.integrity_ok(copy) and cipher.content_digest(copy) == expected
    finally:
        cipher.close_quietly(copy)
    if not ok:
        raise DamagedDatabase(
            f"The encrypted copy of {original} did not match the original; the original was kept "
            "unencrypted and unchanged. Run 'missiondesk check', then start MissionDesk again."
        )


def _fold_log(source: Any, path: Path) -> None:
    """Fold the write-ahead log into the original, so that removing it loses nothing."""
    busy, _log, _done = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise DatabaseLocked(
            f"{path} is open in another MissionDesk window or program; close it and start again "
            "(the database is encrypted on its first open by this version)."
        )


def _stop_if_asked(step: str) -> None:
    if os.environ.get(STOP_AT_ENV) == step:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))  # SIGTERM terminates on Windows
