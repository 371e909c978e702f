"""Consistent copies of a SQLite database, written whole or not at all."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from missiondesk.errors import UserError
from missiondesk.store import cipher
from missiondesk.store.cipher import Key
from missiondesk.store.engine import ensure_writable_folder, fsync_dir, fsync_file
from missiondesk.store.errors import environment_errors


def backup_name(reason: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"missiondesk-{reason}-{stamp}.sqlite3"


def backup_sqlite(source: Path, dest: Path, key: Key | None = None) -> Path:
    """Copy ``source`` with SQLite's online backup (safe while others write) to ``dest``.

    With the database's ``key`` the copy is encrypted with it too (and opens with the same key or
    passphrase); without one both are plaintext (a server's SQLite file).
    """
    if dest.exists():
        raise UserError(f"{dest} already exists; choose another file name.")
    ensure_writable_folder(dest.parent)
    partial = dest.with_name(dest.name + ".partial")
    with environment_errors():
        src = cipher.connect(source, key)
        try:
            dst = cipher.connect(partial, key)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a self-contained single file
            finally:
                dst.close()
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            src.close()
        fsync_file(partial)
        os.replace(partial, dest)
        fsync_dir(dest.parent)
    return dest
