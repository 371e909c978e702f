"""``bulk.tuples`` converts column by column exactly as SQLAlchemy's bind processors do value by value."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from missiondesk.store import bulk

metadata = sa.MetaData()
sample = sa.Table(
    "sample",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("flag", sa.Boolean),
    sa.Column("day", sa.Date),
    sa.Column("at", sa.DateTime),
    sa.Column("tags", sa.JSON),
    sa.Column("extra", sa.JSON),
)


def test_tuples_match_the_value_by_value_bind_processors() -> None:
    engine = sa.create_engine("sqlite://")
    rows = [
        {
            "id": "a",
            "flag": True,
            "day": dt.date(2026, 1, 2),
            "at": dt.datetime(2026, 1, 2, 3, 4, 5),
            "tags": ["x"],
            "extra": {},
        },
        {"id": "b", "flag": 1, "day": None, "at": None, "tags": [1], "extra": {"k": "v"}},
        {
            "id": "c",
            "flag": False,
            "day": dt.date(2026, 1, 2),
            "at": dt.datetime(2026, 1, 2, 3, 4, 5),
            "tags": [True],
            "extra": {},
        },
        {
            "id": "d",
            "flag": None,
            "day": dt.date(2025, 5, 6),
            "at": dt.datetime(2026, 1, 2),
            "tags": ["x"],
            "extra": None,
        },
    ]
    columns = [c.name for c in sample.columns]
    with engine.connect() as conn:
        got = bulk.tuples(conn, sample, columns, rows)
        dialect = conn.dialect
        expected = []
        for row in rows:
            values = []
            for c in columns:
                process = sample.c[c].type.dialect_impl(dialect).bind_processor(dialect)
                values.append(row[c] if process is None else process(row[c]))
            expected.append(tuple(values))
        assert got == expected
        assert got[1][4] == "[1]" and got[2][4] == "[true]"  # 1 == True, yet never mixed up
        assert bulk.tuples(conn, sample, ["id"], rows) == [("a",), ("b",), ("c",), ("d",)]
