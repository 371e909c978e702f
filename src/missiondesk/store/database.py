"""Open a MissionDesk database: refuse what is not ours, back up, migrate."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from missiondesk.errors import UserError
from missiondesk.store import cipher, deferred_indexes, encrypt_existing
from missiondesk.store.backup import backup_name, backup_sqlite
from missiondesk.store.cipher import Key
from missiondesk.store.engine import (
    Store,
    make_engine,
    preflight_sqlite,
    sqlite_path,
    stored_revision_readonly,
)
from missiondesk.store.errors import environment_errors
from missiondesk.store.migrate import current_revision, head_revision, refuse_if_newer, upgrade


def open_store(
    url: str | sa.URL,
    backups: Path | None = None,
    *,
    create: bool = False,
    key: Key | None = None,
    attachments: Path | None = None,
) -> Store:
    """Open (and with ``create``, make) the database at ``url`` at the newest schema.

    A SQLite file is checked before anything writes to it: not SQLite, encrypted with another key, or
    written by a newer MissionDesk, and it is refused untouched. With a ``key`` a plaintext file (from
    a MissionDesk before encryption) is encrypted first, the ``attachments`` folder's contents and its
    plaintext backups with it (``encrypt_existing``). An older schema is copied to ``backups`` (with the ``attachments``
    folder's contents) before it is migrated.
    """
    path = sqlite_path(url)
    backups = backups or (path.parent / "backups" if path is not None else None)
    if path is not None:
        preflight_sqlite(path, create=create, key=key)
        refuse_if_newer(stored_revision_readonly(path, key), str(path))
        if key is not None:
            with environment_errors():
                if path.exists() and path.stat().st_size > 0 and cipher.is_plaintext(path):
                    encrypt_existing.encrypt_database(path, key, backups, attachments)
                else:
                    encrypt_existing.encrypt_left_attachments(attachments, key)
                    encrypt_existing.encrypt_backups(backups, key)
    engine = make_engine(url, key)
    try:
        with environment_errors():
            current = current_revision(engine)
            refuse_if_newer(current, engine.url.render_as_string(hide_password=True))
            if current is not None:
                _put_back_indexes(engine)  # a large pull was stopped before it rebuilt them
            if current != head_revision():
                if path is not None and current is not None:
                    backup_sqlite(
                        path, (backups or path.parent) / backup_name(f"before-{current}"), key, attachments
                    )
                upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, path, key)


def _put_back_indexes(engine: sa.Engine) -> None:
    with engine.connect() as conn, conn.execution_options(missiondesk_read=True).begin():
        if not deferred_indexes.pending(conn):
            return
    with engine.begin() as conn:
        deferred_indexes.put_back(conn)


def backup(store: Store, dest: Path, attachments: Path | None = None) -> Path:
    """The database copied to ``dest``, with the ``attachments`` folder's contents beside it."""
    if store.path is None:
        raise UserError("This is a server database: back it up with the server's tools (pg_dump).")
    return backup_sqlite(store.path, dest, store.key, attachments)
