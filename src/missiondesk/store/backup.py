"""Consistent copies of a SQLite database and its attachments, written whole or not at all.

A backup is the database copy (one SQLite file, as before) and, beside it, ``<name>.attachments/``:
the attachment contents exactly as the data folder keeps them (``ab/abcdef…``, still encrypted under
the key derived from the database's, which the copy carries). Beside, not inside a zip or a folder,
so the database copy stays a file that opens and restores as it always did, and restoring the
contents is copying that folder's files into the data folder's ``attachments/``: their names are
their SHA-256, so a file already there is the same content and nothing needs a manifest. Contents are
never changed in place (a new one is written beside and renamed in), so the copy hard-links them
where the disk allows: a backup costs no second copy of the files.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from missiondesk.errors import UserError
from missiondesk.store import cipher
from missiondesk.store.blobs import FolderBlobStore
from missiondesk.store.cipher import Key
from missiondesk.store.engine import ensure_writable_folder, fsync_dir, fsync_file
from missiondesk.store.errors import environment_errors


def backup_name(reason: str) -> str:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"missiondesk-{reason}-{stamp}.sqlite3"


def attachments_beside(backup: Path) -> Path:
    """Where a backup's attachment contents are: ``<backup name without suffix>.attachments``."""
    return backup.with_name(backup.stem + ".attachments")


def backup_sqlite(source: Path, dest: Path, key: Key | None = None, attachments: Path | None = None) -> Path:
    """Copy ``source`` with SQLite's online backup (safe while others write) to ``dest``.

    With the database's ``key`` the copy is encrypted with it too (and opens with the same key or
    passphrase); without one both are plaintext (a server's SQLite file). With the data folder's
    ``attachments`` folder its contents go to ``attachments_beside(dest)``, copied after the
    database: a content is stored before any record names it, so every one the copy names is there.
    """
    contents = attachments_beside(dest)
    if dest.exists() or contents.exists():
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
        if attachments is not None and attachments.is_dir():
            try:
                _copy_contents(attachments, contents)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
        os.replace(partial, dest)  # last: a backup whose database is there is whole
        fsync_dir(dest.parent)
    return dest


def _copy_contents(attachments: Path, target: Path) -> None:
    """Every stored content, linked (or copied where links are refused) into ``target``, whole or not at all."""
    source = FolderBlobStore(attachments)
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)  # a copy an earlier, stopped backup left
    copy = FolderBlobStore(partial)
    try:
        partial.mkdir()
        for address in source.addresses():
            into = copy.path(address)
            into.parent.mkdir(exist_ok=True)
            try:
                os.link(source.path(address), into)
            except OSError:  # another disk, FAT, or a share without links
                shutil.copyfile(source.path(address), into)
                fsync_file(into)
        os.replace(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
