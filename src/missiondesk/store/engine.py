"""Opening a database: checks before touching it, engine set-up, units of work.

SQLite is opened in WAL mode with foreign keys on, a busy timeout and full
synchronous writes (a pulled plug must not lose a committed edit). Writes
start with ``BEGIN IMMEDIATE`` so two writers queue instead of dead-locking
when a reader upgrades. PostgreSQL (the HQ database) uses the same tables.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Connection, Engine

from missiondesk.errors import DamagedDatabase, NotInitialised, ReadOnlyLocation
from missiondesk.store import cipher, tables
from missiondesk.store.cipher import SQLITE_HEADER, DriverError, Key
from missiondesk.store.errors import environment_errors

BUSY_TIMEOUT_MS = 5000
WAL_AUTOCHECKPOINT = 1000  # pages: SQLite's default, set again after a relaxed write
STOP_CHECK_STEPS = (
    5_000  # SQLite VM steps between two looks at a stoppable statement's condition (a few µs each)
)


class Store:
    """A handle on one database. Each ``write()``/``read()`` is one unit of work."""

    def __init__(self, engine: Engine, path: Path | None, key: Key | None = None) -> None:
        self.engine = engine
        self.path = path  # the SQLite file, None for a server database
        self.key = key  # the file's SQLCipher key; None for a plaintext file or a server database

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Connection]:
        """One transaction that commits on success and rolls back on any error.

        ``durable=False`` is for what can be fetched again (a pulled page and its cursor): on SQLite
        its commit skips the disk flush, so a power cut may undo it, never corrupt the file, and the
        next durable commit flushes it with its own (the write-ahead log is written in order). It
        does not fold the log back into the file either: a large pull does that once, at its end
        (``checkpoint``), instead of after every page.
        """
        with environment_errors(), self.engine.connect() as conn:
            raw = conn.connection.driver_connection if not durable and self.is_sqlite else None
            if raw is not None:  # on the driver: no transaction begins for these
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute("PRAGMA wal_autocheckpoint=0")
            try:
                with conn.begin():
                    yield conn
            finally:
                if raw is not None:
                    try:
                        raw.execute("PRAGMA synchronous=FULL")
                        raw.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
                    except DriverError:
                        conn.invalidate()  # never hand a relaxed connection back to the pool

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with environment_errors(), self.engine.connect() as conn:
            conn = conn.execution_options(missiondesk_read=True)
            with conn.begin():
                yield conn

    def checkpoint(self) -> None:
        """Fold the write-ahead log back into the file (after a bulk write left it large)."""
        if not self.is_sqlite:
            return
        raw = self.engine.raw_connection()
        try:
            with contextlib.suppress(DriverError):
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()

    def dispose(self) -> None:
        if self.is_sqlite:
            # Keep the planner's statistics fresh (cheap: it only analyses what changed a lot).
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


class Interrupted(Exception):
    """A statement stopped by its ``stoppable`` condition; nothing it read was used."""


@contextlib.contextmanager
def stoppable(conn: Connection, should_stop: Callable[[], bool]) -> Iterator[None]:
    """Let a long read on SQLite stop itself once ``should_stop()`` is true (asked every few
    thousand VM steps), raising Interrupted: a list's count the person has moved on from frees
    the CPU for the one they are waiting for. Elsewhere the statement just runs to its end."""
    raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
    if raw is None:
        yield
        return
    raw.set_progress_handler(lambda: 1 if should_stop() else 0, STOP_CHECK_STEPS)
    try:
        yield
    except sa.exc.OperationalError as exc:
        if "interrupted" in str(exc.orig).lower():
            raise Interrupted() from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


def sqlite_path(url: str | sa.URL) -> Path | None:
    u = sa.make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def preflight_sqlite(path: Path, *, create: bool, key: Key | None = None) -> None:
    """Refuse what is not ours before SQLite writes a byte to it.

    With a ``key``, a file that is not plaintext SQLite must open with that key (read only).
    """
    if path.exists():
        if path.is_dir():
            raise DamagedDatabase(f"{path} is a folder, not a MissionDesk database.")
        with environment_errors(), path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
        if head and head != SQLITE_HEADER:
            if key is None:
                raise DamagedDatabase(
                    f"{path} is not a MissionDesk database (it is not an SQLite file). It was left untouched."
                )
            cipher.check_key(path, key)
        if not head and not create:
            raise NotInitialised(f"{path} is empty. Run 'missiondesk init' to set this laptop up.")
    elif not create:
        raise NotInitialised(
            f"No MissionDesk database in {path.parent}. Run 'missiondesk init --mission CODE --officer NAME'."
        )
    ensure_writable_folder(path.parent)


def ensure_writable_folder(folder: Path) -> None:
    """Create the folder and prove it takes a file (os.access lies for root and for read-only mounts)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        if exc.errno == 28:
            raise  # environment_errors at the caller explains a full disk
        raise ReadOnlyLocation(
            f"Cannot write to {folder} ({exc.strerror}). Choose a writable data folder with --data-dir."
        ) from exc


def stored_revision_readonly(path: Path, key: Key | None = None) -> str | None:
    """The schema revision of an existing file, read without writing anything."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    # immutable=1 creates no -wal/-shm files beside it; a leftover WAL (a crash) needs a real read.
    plaintext = cipher.is_plaintext(path)
    try:
        conn = cipher.connect(cipher.readonly_uri(path), None if plaintext else key, uri=True)
    except DriverError as exc:
        raise DamagedDatabase(f"{path} cannot be read: {exc}.") from exc
    try:
        row = conn.execute(
            "select name from sqlite_master where type='table' and name='alembic_version'"
        ).fetchone()
        if row is None:
            return None
        found = conn.execute("select version_num from alembic_version").fetchone()
        return None if found is None else str(found[0])
    except cipher.driver.DatabaseError as exc:
        raise DamagedDatabase(f"{path} is damaged or not a MissionDesk database ({exc}).") from exc
    finally:
        conn.close()


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB: lists and searches over 100,000 cases stay in memory
    cur.close()


def _on_begin(conn: Connection) -> None:
    read_only = conn.get_execution_options().get("missiondesk_read", False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class _SQLiteCompiler(SQLiteCompiler):
    """SQLite's compiler with its one table hint, ``INDEXED BY``, rendered (SQLAlchemy drops hints for
    SQLite): a query that must use one index whatever the planner's statistics say asks with
    ``select(...).with_hint(table, "INDEXED BY name", "sqlite")`` (store/queries.py)."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def _json_loads(value: Any) -> Any:
    """A JSON cell's value. Lists and feeds read thousands of them (codes, references): orjson parses
    text several times faster than the standard library. Anything else goes to the standard library: a
    bare number stored in a JSON column (SQLAlchemy's SQLite type expects its TypeError, where orjson
    raises a decode error), and text orjson refuses but the standard library reads (NaN), so that nothing
    the store could read before becomes unreadable. (orjson reads an integer beyond 64 bits as a float;
    the store holds none: a value's whole numbers are held within 64 bits, ``domain.ops``.)"""
    if type(value) is str:
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            pass
    return json.loads(value)


def make_engine(url: str | sa.URL, key: Key | None = None, **kw: Any) -> Engine:
    """An engine for ``url``; a SQLite file goes through SQLCipher's driver, with ``key`` if it has one."""
    u = sa.make_url(url)
    # A failed statement's error names its SQL, never its values: record contents stay out of crash
    # reports and logs (issue 19; the server's lock engine does the same).
    kw.setdefault("hide_parameters", True)
    kw.setdefault("json_deserializer", _json_loads)
    if u.get_backend_name() == "sqlite":
        target = u.database or ":memory:"
        engine = sa.create_engine(u, module=cipher.driver, creator=lambda: cipher.connect(target, key), **kw)
        engine.dialect.statement_compiler = _SQLiteCompiler
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_begin)
        return engine
    tables.for_postgresql()
    return sa.create_engine(u, pool_pre_ping=True, **kw)


def fsync_file(path: Path) -> None:
    """Flush a closed file's data to disk before it replaces another.

    Opened for writing: Windows flushes (FlushFileBuffers) only through a handle with write access,
    and refuses a read-only one with PermissionError.
    """
    with path.open("r+b") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where directories cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
