"""Bulk writes handed to the database driver as plain tuples.

SQLAlchemy builds and type-processes a parameter dictionary per row, which for
a batch of 10,000 rows costs more than the database's own work. Here each
column's bind processor (dates as text on SQLite, JSON serialised, ...) is
looked up once per statement and the rows go to the driver's ``executemany``
as tuples, so what is stored is exactly what SQLAlchemy would store. On
PostgreSQL appends use ``COPY``, the fastest way in.
"""

from __future__ import annotations

import contextlib
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

Processor = Callable[[Sequence[Any]], list[Any]] | None  # a column's values in, as the driver takes them

_processors: dict[tuple[str, str, tuple[str, ...]], tuple[Processor, ...]] = {}


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"


def marker(conn: Connection) -> str:
    """The driver's positional parameter marker."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def processors(conn: Connection, table: sa.Table, columns: Sequence[str]) -> tuple[Processor, ...]:
    key = (conn.dialect.name, table.name, tuple(columns))
    found = _processors.get(key)
    if found is None:
        dialect = conn.dialect
        found = tuple(_processor(table.c[c].type, dialect) for c in columns)
        _processors[key] = found
    return found


def _processor(kind: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Processor:
    """The column's bind processor, applied to a whole column of a batch at once."""
    process = kind.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    if isinstance(kind, sa.JSON):  # a batch repeats a few small values: {}, [], ["permits"]
        return _json_column(process)
    if isinstance(kind, sa.DateTime | sa.Date | sa.Boolean):  # a batch repeats the same few values
        return _distinct_column(process)
    return lambda column: list(map(process, column))


def _distinct_column(process: Callable[[Any], Any]) -> Processor:
    """``process`` called once per distinct value of the column (told apart by type and value)."""

    def convert(column: Sequence[Any]) -> list[Any]:
        keys = list(zip(map(type, column), column, strict=True))
        try:
            done = {key: process(key[1]) for key in set(keys)}
        except TypeError:  # a value that cannot be a key: each converted on its own
            return list(map(process, column))
        return list(map(done.__getitem__, keys))

    return convert


def _json_column(process: Callable[[Any], Any]) -> Processor:
    """``process`` with its answers kept for the values worth remembering (at most 10,000 of them):
    lists of text and the empty object. Only lists of text: as keys, 1 == True would mix [1] and [true]."""
    memo: dict[Any, Any] = {}

    def convert(column: Sequence[Any]) -> list[Any]:
        out: list[Any] = []
        append = out.append
        for value in column:
            kind = type(value)
            key: Any = None
            if kind is list:
                try:
                    "".join(value)  # raises on anything but text
                    key = tuple(value)
                except TypeError:
                    pass
            elif kind is dict and not value:
                key = "{}"
            if key is None:
                append(process(value))
                continue
            found = memo.get(key, memo)
            if found is memo:
                if len(memo) > 10_000:
                    memo.clear()
                memo[key] = found = process(value)
            append(found)
        return out

    return convert


def tuples(
    conn: Connection, table: sa.Table, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values for ``columns``, as the driver takes them (converted column by column)."""
    get = operator.itemgetter(*columns)
    values: list[tuple[Any, ...]] = (
        list(map(get, rows)) if len(columns) > 1 else [(get(row),) for row in rows]
    )
    convert = [(i, p) for i, p in enumerate(processors(conn, table, columns)) if p is not None]
    if not convert or not values:
        return values
    by_column: list[Sequence[Any]] = list(zip(*values, strict=True))
    for i, process in convert:
        by_column[i] = process(by_column[i])
    return list(zip(*by_column, strict=True))


@contextlib.contextmanager
def _as_sqlalchemy_errors(conn: Connection, statement: str) -> Iterator[None]:
    """Raise the driver's errors as SQLAlchemy's (an IntegrityError must stay one for the caller)."""
    dbapi = conn.dialect.loaded_dbapi
    try:
        yield
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(statement, None, exc, dbapi.Error, dialect=conn.dialect) from exc


def executemany(conn: Connection, sql: str, params: Sequence[Sequence[Any]]) -> None:
    """One driver-level ``executemany`` (``sql`` uses ``marker(conn)`` for its parameters)."""
    if params:
        conn.exec_driver_sql(sql, list(params))


def insert(conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows that each hold a value for every column the first one names."""
    if not rows:
        return
    columns = [c.name for c in table.columns if c.name in rows[0]]
    params = tuples(conn, table, columns, rows)
    names = ", ".join(_quote(conn, c) for c in columns)
    target = _quote(conn, table.name)
    if is_postgres(conn):
        statement = f"COPY {target} ({names}) FROM STDIN"
        raw = conn.connection.driver_connection
        assert raw is not None
        with _as_sqlalchemy_errors(conn, statement), raw.cursor() as cur, cur.copy(statement) as copy:
            for values in params:
                copy.write_row(values)
        return
    marks = ", ".join([marker(conn)] * len(columns))
    executemany(conn, f"INSERT INTO {target} ({names}) VALUES ({marks})", params)


def update(
    conn: Connection,
    table: sa.Table,
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    key: str = "id",
) -> set[Any]:
    """Set ``columns`` of the row each mapping names by ``key`` (the same columns for every row).

    On PostgreSQL, returns the keys of the rows found (elsewhere an empty set: not asked for there).
    """
    if not rows:
        return set()
    params = tuples(conn, table, [*columns, key], rows)
    target = _quote(conn, table.name)
    if is_postgres(conn):
        # One statement over arrays: the server plans and runs it once instead of once per row.
        names = [_quote(conn, c) for c in (*columns, key)]
        arrays = ", ".join(f"%s::{table.c[c].type.compile(dialect=conn.dialect)}[]" for c in (*columns, key))
        sets = ", ".join(f"{n} = v.{n}" for n in names[:-1])
        sql = (
            f"UPDATE {target} SET {sets} FROM unnest({arrays}) AS v({', '.join(names)}) "
            f"WHERE {target}.{names[-1]} = v.{names[-1]} RETURNING {target}.{names[-1]}"
        )
        found = conn.exec_driver_sql(sql, tuple(list(values) for values in zip(*params, strict=True)))
        return set(found.scalars())
    sets = ", ".join(f"{_quote(conn, c)} = ?" for c in columns)
    executemany(conn, f"UPDATE {target} SET {sets} WHERE {_quote(conn, key)} = ?", params)
    return set()


def among(conn: Connection, column: sa.ColumnElement[Any], values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """``column IN values`` with the values as one parameter: a list of thousands of parameters costs
    more to render and parse than the lookups it asks for."""
    if is_postgres(conn):
        from sqlalchemy.dialects import postgresql  # only HQ's server needs it: laptops start faster

        return column == sa.any_(sa.bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    if conn.dialect.name == "sqlite":
        listed: sa.Select[Any] = sa.select(sa.column("value")).select_from(
            sa.func.json_each(json.dumps(list(values)))
        )
        return column.in_(listed.scalar_subquery())
    return column.in_(list(values))
