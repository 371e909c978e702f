"""Secondary indexes set aside while a laptop takes in a large pull, and built again afterwards.

Keeping every list index of a table up to date row by row costs more than writing the rows:
a fresh laptop's first pull of 100,000 cases took 17 s with the 17 indexes of ``support_case``
and 9 s without them, plus 1.4 s to build them again in one sorted pass each. Only non-unique
indexes are set aside (unique ones keep enforcing their rule). Their statements are saved in
the same transaction that drops them, so a pull that is killed half-way leaves them to be
built when the database is next opened (``put_back`` in ``open_store``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection

from missiondesk.store import settings

KEY = "deferred_indexes"


def set_aside(conn: Connection, tables: Sequence[str]) -> int:
    """Drop the non-unique indexes of ``tables`` (SQLite only), remembering how to build them."""
    if conn.dialect.name != "sqlite" or not tables:
        return 0
    marks = ", ".join("?" * len(tables))
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name",
        tuple(tables),
    ).all()
    if not found:
        return 0
    saved = dict(settings.get(conn, KEY) or {})
    for name, sql in found:
        saved[name] = sql
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    settings.put(conn, KEY, saved)
    return len(found)


def put_back(conn: Connection) -> int:
    """Build every index that was set aside; returns how many."""
    if conn.dialect.name != "sqlite":
        return 0
    statements = settings.get(conn, KEY)
    if not statements:
        return 0
    for name, sql in statements.items():
        conn.exec_driver_sql(f'DROP INDEX IF EXISTS "{name}"')  # a newer migration may have made it
        conn.exec_driver_sql(sql)
    settings.put(conn, KEY, None)
    return len(statements)


def pending(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite" and bool(settings.get(conn, KEY))
