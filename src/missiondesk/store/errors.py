"""Turn database driver errors into messages a person can act on.

"The environment" (disk full, read-only, locked, damaged) becomes an
EnvironmentProblem with one clear sentence; anything else is left to
propagate as a bug.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy.exc

from missiondesk.errors import DamagedDatabase, DatabaseLocked, DiskFull, EnvironmentProblem, ReadOnlyLocation

_PATTERNS: tuple[tuple[str, type[EnvironmentProblem], str], ...] = (
    (
        "database or disk is full",
        DiskFull,
        "The disk is full: nothing was saved. Free some space and try again.",
    ),
    ("disk i/o error", DiskFull, "The disk could not be written (full or failing): nothing was saved."),
    ("no space left", DiskFull, "The disk is full: nothing was saved. Free some space and try again."),
    (
        "readonly database",
        ReadOnlyLocation,
        "The database is read-only (a read-only folder or file): nothing was saved. "
        "Choose a writable data folder with --data-dir.",
    ),
    (
        "unable to open database",
        ReadOnlyLocation,
        "The database file cannot be opened: check that the data folder exists and is writable.",
    ),
    (
        "database is locked",
        DatabaseLocked,
        "The database is busy in another MissionDesk window or program: nothing was saved. Try again.",
    ),
    (
        "file is not a database",
        DamagedDatabase,
        "The file is not a MissionDesk database (not SQLite, or damaged). Restore a backup.",
    ),
    (
        "database disk image is malformed",
        DamagedDatabase,
        "The database file is damaged. Restore a backup ('missiondesk backup' makes them).",
    ),
)


def explain(exc: BaseException) -> EnvironmentProblem | None:
    """The environment problem behind a driver error, or None when it looks like a bug."""
    text = str(getattr(exc, "orig", exc) or exc).lower()
    if isinstance(exc, OSError) and exc.errno == 28:
        return DiskFull("The disk is full: nothing was saved. Free some space and try again.")
    for needle, cls, message in _PATTERNS:
        if needle in text:
            return cls(message)
    return None


@contextmanager
def environment_errors() -> Iterator[None]:
    try:
        yield
    except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.DatabaseError, OSError) as exc:
        problem = explain(exc)
        if problem is None:
            raise
        raise problem from exc
