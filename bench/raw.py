"""The raw limit of a write: the same rows written by one ``executemany`` per table in one transaction.

A first pull or a push batch writes records with their indexes and their text-search rows. Its limit,
measured in the same run on the same kind of engine, is the time the database alone takes to write
those same rows into a fresh copy of the schema (a second data folder made by the product's own init):
no ops, no merge, no Python objects per field, one ``executemany`` per table and one commit.

    rows = {table: rows_of(source, table) for table in written_tables(source, fresh)}
    seconds = raw_write_seconds(fresh, rows)

SQLite only: the full-text tables are SQLite's FTS5 (their rowids are copied with them).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from missiondesk.store.tables import BIGRAM_TABLE, FTS_TABLE

_FTS = (FTS_TABLE, BIGRAM_TABLE)
Rows = list[dict[str, Any]]


def _tables(engine: sa.Engine) -> list[str]:
    """The tables one writes to: FTS5's own shadow tables are written through their virtual table."""
    with engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).scalars()
        return [n for n in names if not any(n.startswith(f"{fts}_") for fts in _FTS)]


def _count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one())


def written_tables(source: sa.Engine, fresh: sa.Engine) -> list[str]:
    """The tables that hold rows in ``source`` and none in ``fresh`` (what a first pull filled)."""
    return [t for t in _tables(source) if _count(fresh, t) == 0 and _count(source, t) > 0]


def rows_of(engine: sa.Engine, table: str, where: str = "", params: Mapping[str, Any] | None = None) -> Rows:
    """Every row of ``table`` (matching ``where``) as a dict; an FTS5 table's rows with their rowid."""
    columns = "rowid AS rowid, body" if table in _FTS else "*"
    with engine.connect() as conn:
        result = conn.execute(sa.text(f'SELECT {columns} FROM "{table}" {where}'), dict(params or {}))
        return [dict(r) for r in result.mappings()]


def raw_write_seconds(engine: sa.Engine, rows: Mapping[str, Rows]) -> float:
    """Seconds to insert ``rows`` (table -> row dicts) through the engine's own driver: one
    ``executemany`` per table, all in one transaction, committed."""
    batches = [
        (_insert_sql(table, r[0]), [tuple(row.values()) for row in r]) for table, r in rows.items() if r
    ]
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        started = time.perf_counter()
        driver.execute("BEGIN")
        for sql, values in batches:
            driver.executemany(sql, values)
        driver.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        raw.close()


def _insert_sql(table: str, row: Mapping[str, Any]) -> str:
    columns = ", ".join(f'"{c}"' for c in row)
    return f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" for _ in row)})'


def rowid_marks(engine: sa.Engine) -> dict[str, int]:
    """Each table's highest rowid now, to find the rows a call adds (``rows_added``)."""
    with engine.connect() as conn:
        return {
            t: int(conn.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{t}"').scalar_one())
            for t in _tables(engine)
        }


def rows_added(engine: sa.Engine, marks: Mapping[str, int], skip: Iterable[str] = ()) -> dict[str, Rows]:
    """The rows added to each table since ``marks`` (tables in ``skip`` left out)."""
    left_out = set(skip)
    added = {
        t: rows_of(engine, t, "WHERE rowid > :mark", {"mark": mark})
        for t, mark in marks.items()
        if t not in left_out
    }
    return {t: r for t, r in added.items() if r}


def row_count(rows: Mapping[str, Rows]) -> int:
    return sum(len(r) for r in rows.values())


def in_list(name: str, values: Sequence[Any] | Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """A ``WHERE name IN (...)`` clause and its parameters, for ``rows_of``."""
    values = list(values)
    params = {f"v{i}": v for i, v in enumerate(values)}
    return f"WHERE {name} IN ({', '.join(':' + p for p in params)})", params
