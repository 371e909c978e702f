"""The limit beside a figure: the SQL the product ran, replayed bare through the driver in the same run.

A figure taken on this shared 2-core machine moves with whatever else runs on it. The same statements
run through the database driver alone (no service, no SQLAlchemy, no record objects, no widget), in the
same process a moment later, move with it; so the ratio of the two shows the product's own overhead
whatever the load, and a regression in the product shows as a ratio that grows.

    with recorded(ctx.store.engine) as statements:
        service.list(query)                    # what the product does, recorded once
    limit = bare_samples(ctx.store.engine, statements, repeat=20)

The replay uses the engine's own driver connection (sqlite3, or the driver of an encrypted or
PostgreSQL store), so it reads the same file with the same keys and settings.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END"}


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any


@contextlib.contextmanager
def recorded(engine: sa.Engine) -> Iterator[list[Statement]]:
    """Every statement this thread runs on ``engine`` inside the block, with its parameters.

    Only this thread's: a widget may count on a worker thread what the figure does not wait for."""
    statements: list[Statement] = []
    me = threading.get_ident()

    def seen(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        # The store's own BEGIN and the like are left out: the replay reads in the driver's transaction.
        control = statement.lstrip().split(None, 1)[0].upper() in _TRANSACTION_CONTROL
        if threading.get_ident() == me and not executemany and not control:
            statements.append(Statement(statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", seen)


def bare_samples(engine: sa.Engine, statements: Sequence[Statement], repeat: int) -> list[float]:
    """Milliseconds per replay of all ``statements`` through the raw driver, every row fetched;
    one warm-up replay first, as the figure had its own."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None

        def replay() -> None:
            for s in statements:
                cursor = driver.execute(s.sql, s.parameters)
                cursor.fetchall()

        replay()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            replay()
            samples.append((time.perf_counter() - started) * 1000.0)
        return samples
    finally:
        raw.rollback()
        raw.close()


def p95(samples: Sequence[float]) -> float:
    """Nearest-rank 95th percentile, as every bench here reports it."""
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(0.95 * len(ordered))) - 1]


def beside(figure_ms: float, limit_ms: float) -> str:
    """'limit 4.1 ms, 1.7x' (the figure over its bare limit)."""
    ratio = figure_ms / limit_ms if limit_ms > 0 else float("inf")
    return f"limit {limit_ms:6.2f} ms  {ratio:5.2f}x"


def machine_load() -> str:
    """'load 3.2 / 2.9 / 2.1 on 2 cores' (1, 5 and 15 minutes), printed with every run's figures."""
    import os

    if not hasattr(os, "getloadavg"):
        return f"load not known on this system, {os.cpu_count()} cores"
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


def wide(text: str) -> int:
    """How many extra terminal columns East Asian wide characters take, to keep columns aligned."""
    return sum(1 for ch in text if "\u1100" <= ch <= "\uffdc")
