"""The laptop's side of sync: send the outbox, take in feed pages, note what HQ answered.

A page of changes is applied in one transaction together with the cursor
move, so a page is either all in (and the cursor past it) or not at all; a
page applied twice changes nothing. A record that still has unsent ops is
*rebased*: the incoming state becomes the new base and the pending field
values stay on top; where HQ's value differs from both the op's base and
its new value, the record is marked as a (soft) local conflict. The op itself
is never rewritten: the authority merges it against its original base.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from missiondesk.domain.device import Device
from missiondesk.domain.ops import Op, OpKind
from missiondesk.domain.schema import EntitySpec, Scope, entity
from missiondesk.errors import UserError
from missiondesk.store import bulk, deferred_indexes, outbox, search, settings
from missiondesk.store import records as rows
from missiondesk.store.engine import Store
from missiondesk.store.records import utcnow
from missiondesk.store.tables import ENTITY_TABLES, entity_table
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync.protocol import FeedChange, FeedPage, PushResult, Status
from missiondesk.sync.unit import collector_paused
from missiondesk.sync.wire import row_from_wire

CURSOR = "feed_cursor"
EPOCH = "feed_epoch_seen"
RETENTION = dt.timedelta(days=30)
MASS_CHANGE_SHARE = 0.5
MASS_CHANGE_MIN = 20
CHUNK = 2000  # ids per IN list and rows per executemany: few statements, far below SQLite's variable limit
BULK_PULL = 10_000  # feed entries behind: from here on, list indexes are built after the pull (see below)

_T = TypeVar("_T")


class Laptop(Protocol):
    """What the replica side needs of the app context: the local store and this device."""

    @property
    def store(self) -> Store: ...

    @property
    def device(self) -> Device: ...


class MassChangeRefused(UserError):
    """A pull would delete or revoke a large share of this laptop's records: ask before applying."""

    def __init__(self, count: int, live: int) -> None:
        self.count = count
        self.live = live
        super().__init__(
            f"HQ's answer would remove {count} of the {live} records on this laptop. Nothing was changed; "
            "check with HQ before you accept it."
        )


@dataclass(frozen=True)
class ApplyResult:
    upserted: int
    revoked: int
    rebased: int
    clashes: int


def cursor(ctx: Laptop) -> tuple[str | None, int]:
    with ctx.store.read() as conn:
        return settings.get(conn, EPOCH), int(settings.get(conn, CURSOR, 0))


def pending_ops(ctx: Laptop, limit: int = 500) -> list[Op]:
    with ctx.store.read() as conn:
        return outbox.pending_ops(conn, ctx.device.device_id, limit=limit)


def record_results(ctx: Laptop, results: Sequence[PushResult]) -> None:
    """Mark what HQ settled: applied, merged, in conflict, duplicate of those, or rejected."""
    now = utcnow()
    with ctx.store.write() as conn:
        for r in results:
            final = r.original if r.status is Status.DUPLICATE else r.status
            if final is None or final is Status.HELD:
                continue  # still waiting at HQ: it is sent again until HQ settles it
            status = outbox.REJECTED if final is Status.REJECTED else outbox.ACKED
            conn.execute(
                sa.update(outbox_table)
                .where(outbox_table.c.op_id == r.op_id)
                .values(status=status, result=json.dumps(r.to_wire(), ensure_ascii=False), acked_at=now)
            )


def prune_acked(ctx: Laptop, retention: dt.timedelta = RETENTION) -> int:
    """Forget acknowledged ops older than the retention period (kept that long to re-send after an HQ restore)."""
    with ctx.store.write() as conn:
        return int(
            conn.execute(
                sa.delete(outbox_table).where(
                    outbox_table.c.status == outbox.ACKED, outbox_table.c.acked_at < utcnow() - retention
                )
            ).rowcount
        )


def _pending_by_record(conn: Connection, device_id: str, record_ids: Iterable[str]) -> dict[str, list[Op]]:
    out: dict[str, list[Op]] = {}
    for op in outbox.pending_ops_for(conn, device_id, record_ids):
        out.setdefault(op.record_id, []).append(op)
    return out


def begin_large_pull(ctx: Laptop, behind: int) -> bool:
    """Before taking in ``behind`` feed entries: when there are many, set the list indexes aside.

    A fresh laptop's first pull writes every record once; building each index afterwards in one
    sorted pass is far cheaper than keeping it up to date page by page. ``end_large_pull`` builds
    them again (and opening the database does, should the pull be killed first).
    """
    if behind < BULK_PULL:
        return False
    with ctx.store.write() as conn:
        return deferred_indexes.set_aside(conn, [t.name for t in ENTITY_TABLES.values()]) > 0


def end_large_pull(ctx: Laptop) -> None:
    with ctx.store.write() as conn:
        deferred_indexes.put_back(conn)
    ctx.store.checkpoint()  # the pages' log, kept unfolded while they came in (see Store.write)


Row = dict[str, Any]


def wire_rows(page: FeedPage) -> list[Row | None]:
    """Each change's incoming database row (None for a revoke). Pure work with no database, so a pull
    does it on the thread that fetched the page, while the previous page is written (SQLite lets go of
    Python's lock while it writes, so the two really overlap)."""
    return [None if c.state is None else row_from_wire(c.entity, c.state) for c in page.changes]


def apply_page(
    ctx: Laptop,
    page: FeedPage,
    *,
    confirm_mass_change: bool = False,
    rows: Sequence[Row | None] | None = None,
) -> ApplyResult:
    """Apply one feed page and move the cursor, in one transaction.

    The page is written in bulk (a few queries and one ``executemany`` per table instead of
    several statements per record): the same end state as applying its changes one by one.
    Its commit is not flushed to disk on its own: a page lost to a power cut is fetched again,
    since the cursor is lost with it. ``rows`` are the page's ``wire_rows``, when already made.
    """
    incoming_rows = wire_rows(page) if rows is None else rows
    with collector_paused(), ctx.store.write(durable=False) as conn:
        seen_epoch = settings.get(conn, EPOCH)
        if seen_epoch is not None and seen_epoch != page.epoch:
            raise UserError(
                "HQ's database was restored from a backup: restart the pull (restart_after_new_epoch)."
            )
        _guard_mass_change(conn, page, confirm_mass_change)
        pending = _pending_by_record(conn, ctx.device.device_id, {c.record_id for c in page.changes})
        results = [_apply_run(conn, run, pending) for run in _runs(page.changes, incoming_rows)]
        settings.put(conn, CURSOR, page.cursor)
        settings.put(conn, EPOCH, page.epoch)
        for key, value in page.policy.items():  # HQ's limits, as of this page (from_wire checked them)
            settings.put(conn, key, value)
    return ApplyResult(
        upserted=sum(r.upserted for r in results),
        revoked=sum(r.revoked for r in results),
        rebased=sum(r.rebased for r in results),
        clashes=sum(r.clashes for r in results),
    )


def _runs(
    changes: Sequence[FeedChange], rows: Sequence[Row | None]
) -> Iterator[list[tuple[FeedChange, Row | None]]]:
    """The changes (with their rows) cut into runs that name each record at most once, in page order.

    HQ's pages hold one entry per record, but where a record comes twice its second change
    must see the first one applied, exactly as one-by-one application would.
    """
    run: list[tuple[FeedChange, Row | None]] = []
    seen: set[str] = set()
    for change, row in zip(changes, rows, strict=True):
        if change.record_id in seen:
            yield run
            run, seen = [], set()
        run.append((change, row))
        seen.add(change.record_id)
    if run:
        yield run


def _apply_run(
    conn: Connection, pairs: Sequence[tuple[FeedChange, Row | None]], pending: dict[str, list[Op]]
) -> ApplyResult:
    """Apply changes to distinct records with a few queries and one ``executemany`` per table."""
    revokes = [c for c, _ in pairs if c.kind == "revoke"]
    upserts = [(c, row) for c, row in pairs if c.kind != "revoke"]
    _revoke(conn, revokes)
    local = _load_rows(conn, [c for c, _ in upserts])
    inserts: dict[str, list[dict[str, Any]]] = {}
    updates: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
    indexed: list[tuple[EntitySpec, dict[str, Any]]] = []
    rebased = clashes = 0
    for change, incoming in upserts:
        spec = entity(change.entity)
        assert incoming is not None, "an upsert carries the record's state"
        before = local.get((spec.name, change.record_id))
        ops = pending.get(change.record_id)
        if ops and before is not None:
            current = rows.to_record(spec, before)
            clash = _rebase(incoming, current.values, current.deleted_at, current.deleted_by, ops)
            rebased += 1
            clashes += clash
            if clash:
                incoming["conflict_state"] = (
                    "soft" if incoming["conflict_state"] == "none" else incoming["conflict_state"]
                )
        if before is None:
            inserts.setdefault(spec.name, []).append(incoming)
        else:
            # SQLite rewrites every index over a column an UPDATE names, so name only what changed.
            changed = tuple(sorted(c for c in incoming if c != "id" and incoming[c] != before[c]))
            if changed:
                updates.setdefault((spec.name, changed), []).append(incoming)
        if spec.search_fields:
            indexed.append((spec, incoming))
    # Updates before inserts: a unique value (a case reference) an update gives up can be taken by a
    # new record of the same page, never the other way round.
    for (name, changed), params_list in updates.items():
        bulk.update(conn, entity_table(name), changed, params_list)
    for name, new_rows in inserts.items():
        bulk.insert(conn, entity_table(name), new_rows)
    search.reindex_many(conn, indexed)  # in page order: new documents are numbered as one by one
    return ApplyResult(len(upserts), len(revokes), rebased, clashes)


def _revoke(conn: Connection, revokes: Sequence[FeedChange]) -> None:
    """Records that left this laptop's scope: gone, with their search documents."""
    by_entity: dict[str, list[str]] = {}
    for change in revokes:
        by_entity.setdefault(change.entity, []).append(change.record_id)
    for name, ids in by_entity.items():
        table = entity_table(entity(name).name)
        for chunk in _chunks(ids):
            conn.execute(sa.delete(table).where(table.c.id.in_(chunk)))
    search.unindex_many(conn, [c.record_id for c in revokes])


def _load_rows(conn: Connection, changes: Sequence[FeedChange]) -> dict[tuple[str, str], RowMapping]:
    """The local rows the changes name, by (entity, id); a fresh laptop's first pull finds none."""
    by_entity: dict[str, list[str]] = {}
    for change in changes:
        by_entity.setdefault(change.entity, []).append(change.record_id)
    out: dict[tuple[str, str], RowMapping] = {}
    for name, ids in by_entity.items():
        table = entity_table(entity(name).name)
        # The ids as one parameter: a list of thousands costs more to compile than SQLite's lookups.
        for row in conn.execute(sa.select(table).where(bulk.among(conn, table.c.id, ids))).mappings():
            out[(name, row["id"])] = row
    return out


def _chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _rebase(incoming: dict[str, Any], local: Any, deleted_at: Any, deleted_by: Any, ops: list[Op]) -> int:
    """Put this laptop's unsent values back on top of HQ's state; count fields that clash."""
    spec = entity(ops[0].entity)
    clashes = 0
    first_base: dict[str, Any] = {}
    for op in ops:
        for name, change in op.changes.items():
            first_base.setdefault(name, change.base)
    for name, base in first_base.items():
        f = spec.field(name)
        mine = local.get(name)
        theirs_wire = f.to_wire(incoming.get(name))
        if theirs_wire not in (base, f.to_wire(mine)):
            clashes += 1
        incoming[name] = mine
    last_delete = next((op for op in reversed(ops) if op.kind in (OpKind.DELETE, OpKind.RESTORE)), None)
    if last_delete is not None:
        incoming["deleted_at"] = deleted_at
        incoming["deleted_by"] = deleted_by
    return clashes


def _guard_mass_change(conn: Connection, page: FeedPage, confirmed: bool) -> None:
    """Refuse a page that would delete or revoke a large share of the live records, unless confirmed."""
    if confirmed:
        return
    gone = [
        c
        for c in page.changes
        if entity(c.entity).scope is not Scope.REFERENCE
        and (c.kind == "revoke" or (c.state is not None and c.state.get("deleted_at") is not None))
    ]
    if len(gone) < MASS_CHANGE_MIN:
        return  # too few to reach the threshold whatever is live here: no query at all
    live: set[tuple[str, str]] = set()
    for (name, _), row in _load_rows(conn, gone).items():
        if row["deleted_at"] is None:
            live.add((name, row["id"]))
    removing = sum((c.entity, c.record_id) in live for c in gone)
    if removing < MASS_CHANGE_MIN:
        return
    live_total = 0
    for spec_name in {c.entity for c in page.changes}:
        spec = entity(spec_name)
        if spec.scope is Scope.REFERENCE:
            continue
        table = entity_table(spec.name)
        live_total += int(
            conn.execute(
                sa.select(sa.func.count()).select_from(table).where(table.c.deleted_at.is_(None))
            ).scalar_one()
        )
    if live_total and removing / live_total >= MASS_CHANGE_SHARE:
        raise MassChangeRefused(removing, live_total)


def restart_after_new_epoch(ctx: Laptop, epoch: str) -> int:
    """HQ's database was restored from a backup: re-send what it may lack and pull everything again.

    Returns how many acknowledged ops were put back in the queue. HQ dedupes
    what it still has and applies what it lost, so those days reappear.
    """
    with ctx.store.write() as conn:
        requeued = conn.execute(
            sa.update(outbox_table)
            .where(outbox_table.c.status == outbox.ACKED, outbox_table.c.device_id == ctx.device.device_id)
            .values(status=outbox.PENDING, acked_at=None)
        ).rowcount
        settings.put(conn, CURSOR, 0)
        settings.put(conn, EPOCH, epoch)
    return int(requeued)


def needs_restart(ctx: Laptop, page: FeedPage) -> bool:
    """Whether HQ's feed is not the one this laptop followed (a new epoch, or a feed behind our cursor)."""
    epoch, position = cursor(ctx)
    return (epoch is not None and epoch != page.epoch) or position > page.head
