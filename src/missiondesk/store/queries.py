"""List pages: filtering, sorting and paging done by the database."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain import references
from missiondesk.domain.records import ListQuery, Page
from missiondesk.domain.schema import Kind, dependants_of, entity
from missiondesk.errors import UserError
from missiondesk.store import search
from missiondesk.store.records import to_record
from missiondesk.store.tables import entity_table

SORTABLE_META = ("updated_at", "created_at", "deleted_at")
MAX_PAGE = 1000


def _where(conn: Connection, q: ListQuery, columns: Any = None) -> list[sa.ColumnElement[bool]]:
    """The query's conditions on the entity's table, or on ``columns`` (a subquery's) of the same names."""
    spec = entity(q.entity)
    table = entity_table(q.entity)
    c = table.c if columns is None else columns
    clauses: list[sa.ColumnElement[bool]] = [c.deleted_at.is_not(None) if q.trash else c.deleted_at.is_(None)]
    for name, value in q.equals.items():
        f = spec.field(name)
        if isinstance(value, list | tuple | set | frozenset):
            clauses.append(c[name].in_([f.to_wire(v) for v in value]))
        elif value is None:
            clauses.append(c[name].is_(None))
        else:
            clauses.append(c[name] == value)
    for name, code in q.has_code.items():
        if spec.field(name).kind not in (Kind.CODES, Kind.REFS):
            raise UserError(f"{name} is not a list field")
        # The JSON text of a list holds each code in quotes; codes never contain quotes.
        clauses.append(sa.cast(c[name], sa.Text).like(f'%"{code}"%'))
    if q.date_field:
        col = c[q.date_field]
        if q.date_from is not None:
            clauses.append(col >= q.date_from)
        if q.date_to is not None:
            clauses.append(col <= q.date_to)
    for name, day in q.on_or_after.items():
        clauses.append(c[spec.field(name).name] >= day)
    if q.owner_missions:
        clauses.append(c.owner_mission.in_(list(q.owner_missions)))
    if _by_reference_prefix(q):
        # A typed reference is looked up on its unique index, not in the full-text index
        # (where "DE-FRA-25" matches tens of thousands of documents).
        prefix = q.text.strip().upper()
        clauses += [c.reference >= prefix, c.reference < prefix + "\uffff"]
    elif q.text.strip():
        hits = search.matching(conn, q.text, (q.entity,))
        if hits is not None:
            found: sa.ColumnElement[bool] = c.id.in_(sa.select(hits.subquery().c.record_id))
            for child, parent_field in _searched_children(q.entity):
                child_hits = search.matching(conn, q.text, (child,))
                assert child_hits is not None
                child_table = entity_table(child)
                parents = sa.select(child_table.c[parent_field]).where(
                    child_table.c.id.in_(sa.select(child_hits.subquery().c.record_id)),
                    child_table.c.deleted_at.is_(None),
                )
                found = sa.or_(found, c.id.in_(parents))
            clauses.append(found)
    return clauses


# Covers the whole id query of a typed reference prefix listed newest first (tables.py). SQLite's
# planner, once ANALYZE has run, may still take the unique reference index and read every matching case
# (SQLCipher's SQLite 3.53 does): the query names the index.
REFERENCE_RECEIVED_INDEX = "ix_support_case_live_reference_received"


def _by_reference_prefix(q: ListQuery) -> bool:
    return q.entity == "support_case" and references.looks_like_prefix(q.text)


def _searched_children(name: str) -> list[tuple[str, str]]:
    """(child kind, its field naming the parent) with text of its own that a search of the parent's list
    looks through: a case is found by what its activities' notes say and by the names of its files."""
    return [(spec.name, field) for spec, field in dependants_of(name) if spec.search_fields]


def page(conn: Connection, q: ListQuery, *, with_total: bool = True) -> Page:
    """One page of rows; ``with_total`` also counts every match (a list needs it once per filter change)."""
    spec = entity(q.entity)
    table = entity_table(q.entity)
    sort = q.sort or spec.default_sort
    if sort not in SORTABLE_META and not spec.has_field(sort):
        raise UserError(f"{spec.label_en} lists cannot be sorted by {sort!r}")
    where = _where(conn, q)
    limit = max(1, min(q.limit, MAX_PAGE))
    order = _order(table.c, sort, q.descending)
    rows = _from_sort_index(conn, q, table, sort, limit)
    if rows is None:
        rows = conn.execute(_page_statement(q, table, sort, where, order, limit)).mappings().all()
    records = tuple(to_record(spec, r) for r in rows)
    total = _count(conn, table, where) if with_total else None
    return Page(rows=records, total=total, offset=q.offset, limit=limit)


def _page_statement(
    q: ListQuery,
    table: sa.Table,
    sort: str,
    where: list[sa.ColumnElement[bool]],
    order: list[Any],
    limit: int,
) -> sa.Select[Any]:
    if sort == "received_date" and _by_reference_prefix(q):
        # The page's ids come from the covering reference index alone, then only those cases are read:
        # the planner would otherwise read every matching case to sort it.
        ids = (
            sa.select(table.c.id)
            .with_hint(table, f"INDEXED BY {REFERENCE_RECEIVED_INDEX}", "sqlite")
            .where(*where)
            .order_by(*order)
            .offset(max(0, q.offset))
            .limit(limit)
        )
        return sa.select(table).where(table.c.id.in_(ids.scalar_subquery())).order_by(*order)
    stmt = sa.select(table)
    index = _live_index(table, sort)
    if index is not None and _unfiltered(q):
        # The whole list, a page deep in it: along the live index, the rows skipped are never read. By a
        # unique column (the reference) the planner would take its unique index and read every row
        # before the offset to check it is live (21 ms against 3 at offset 50,000 of 100,000).
        stmt = stmt.with_hint(table, f"INDEXED BY {index}", "sqlite")
    return stmt.where(*where).order_by(*order).offset(max(0, q.offset)).limit(limit)


def _live_index(table: sa.Table, sort: str) -> str | None:
    """The partial index on (sort column, id) over live rows, if the table has one."""
    name = f"ix_{table.name}_live_{sort}"
    return name if name in {i.name for i in table.indexes} else None


def _unfiltered(q: ListQuery) -> bool:
    return not (
        q.trash
        or q.equals
        or q.has_code
        or q.date_field
        or q.on_or_after
        or q.owner_missions
        or q.text.strip()
    )


def _order(columns: Any, sort: str, descending: bool) -> list[Any]:
    col, tie = columns[sort], columns.id
    return [col.desc(), tie.desc()] if descending else [col.asc(), tie.asc()]


# How many live rows, in the list's order, a filtered page looks through on the sort column's index
# before it leaves the choice of index to SQLite; and how much wider the second look is, taken when
# the first found some matches but not a page of them.
SORT_WINDOW = 1000
WIDER_WINDOW = 10


def _from_sort_index(
    conn: Connection,
    q: ListQuery,
    table: sa.Table,
    sort: str,
    limit: int,
) -> Sequence[sa.RowMapping] | None:
    """A page filtered by equal values, read along the sort column's live index; None to ask SQLite.

    With statistics, SQLite answers "status = closed, newest first" from the status index: it reads
    every closed case (40,000 of 100,000) and sorts them for a page of 100 (90-200 ms), where walking
    the received-date index and keeping the closed ones stops after about 250 rows (1 ms). A value that
    is rare in the first ``SORT_WINDOW`` rows gives a short page here (a few ms); then a window
    ``WIDER_WINDOW`` times wider if the first held any match, then the planner's query.
    The window is a prefix of the list's order, so a full page from it is the page.
    """
    index = _live_index(table, sort)
    if conn.dialect.name != "sqlite" or q.trash or not q.equals or q.text.strip() or index is None:
        return None
    rows = _in_window(conn, q, table, sort, index, SORT_WINDOW, limit)
    if rows is None or len(rows) == limit:
        return rows
    # A short page. Two filters together ("in progress" and "permits": 2,500 of 100,000) would send
    # SQLite to one filter's index, reading and sorting 30,000 cases (35-45 ms), where a window ten times
    # wider fills the page (4-12 ms). If the first window held no match the values are rare (or far down
    # the order), and SQLite's own plan is quick.
    if rows:
        rows = _in_window(conn, q, table, sort, index, SORT_WINDOW * WIDER_WINDOW, limit)
        if rows is not None and len(rows) == limit:
            return rows
    return None


def _in_window(
    conn: Connection, q: ListQuery, table: sa.Table, sort: str, index: str, size: int, limit: int
) -> Sequence[sa.RowMapping] | None:
    """The page among the first ``size`` live rows in the list's order (None if the index is away)."""
    window = _sort_window(table, sort, q.descending, index, size)
    # The conditions are made on the window's columns directly: adapting the table's conditions to
    # the subquery (ClauseAdapter) cost more Python than the page's SQL takes.
    stmt = (
        sa.select(window)
        .where(*_where(conn, q, window.c))
        .order_by(*_order(window.c, sort, q.descending))
        .offset(max(0, q.offset))
        .limit(limit)
    )
    try:
        return conn.execute(stmt).mappings().all()
    except sa.exc.OperationalError:  # the index set aside during a large pull (deferred_indexes)
        return None


@functools.cache
def _sort_window(table: sa.Table, sort: str, descending: bool, index: str, size: int) -> sa.Subquery:
    """The first ``size`` live rows in the list's order, read along ``index``: made once per list, order
    and size (setting up a subquery's columns for a table this wide costs more than the page's SQL)."""
    return (
        sa.select(table)
        .with_hint(table, f"INDEXED BY {index}", "sqlite")
        .where(table.c.deleted_at.is_(None))
        .order_by(*_order(table.c, sort, descending))
        .limit(size)
        .subquery()
    )


def count(conn: Connection, q: ListQuery) -> int:
    """How many records match the query's filters (its sort and page do not matter)."""
    return _count(conn, entity_table(q.entity), _where(conn, q))


def _count(conn: Connection, table: sa.Table, where: list[sa.ColumnElement[bool]]) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one())


def count_live(conn: Connection, name: str) -> int:
    table = entity_table(name)
    return int(
        conn.execute(
            sa.select(sa.func.count()).select_from(table).where(table.c.deleted_at.is_(None))
        ).scalar_one()
    )


def count_deleted(conn: Connection, name: str) -> int:
    table = entity_table(name)
    stmt = sa.select(sa.func.count()).select_from(table).where(table.c.deleted_at.is_not(None))
    return int(conn.execute(stmt).scalar_one())
