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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.device import Device
from missiondesk.domain.ops import Op, OpKind
from missiondesk.domain.schema import Scope, entity
from missiondesk.errors import UserError
from missiondesk.store import outbox, search, settings
from missiondesk.store import records as rows
from missiondesk.store.engine import Store
from missiondesk.store.records import utcnow
from missiondesk.store.tables import entity_table
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync.authority import FeedPage, PushResult, Status
from missiondesk.sync.wire import row_from_wire

CURSOR = "feed_cursor"
EPOCH = "feed_epoch_seen"
RETENTION = dt.timedelta(days=30)
MASS_CHANGE_SHARE = 0.5
MASS_CHANGE_MIN = 20


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


def _pending_by_record(conn: Connection, device_id: str) -> dict[str, list[Op]]:
    out: dict[str, list[Op]] = {}
    for op in outbox.pending_ops(conn, device_id, limit=1_000_000):
        out.setdefault(op.record_id, []).append(op)
    return out


def apply_page(ctx: Laptop, page: FeedPage, *, confirm_mass_change: bool = False) -> ApplyResult:
    """Apply one feed page and move the cursor, in one transaction."""
    with ctx.store.write() as conn:
        seen_epoch = settings.get(conn, EPOCH)
        if seen_epoch is not None and seen_epoch != page.epoch:
            raise UserError(
                "HQ's database was restored from a backup: restart the pull (restart_after_new_epoch)."
            )
        pending = _pending_by_record(conn, ctx.device.device_id)
        _guard_mass_change(conn, page, confirm_mass_change)
        upserted = revoked = rebased = clashes = 0
        for change in page.changes:
            spec = entity(change.entity)
            table = entity_table(spec.name)
            if change.kind == "revoke":
                conn.execute(sa.delete(table).where(table.c.id == change.record_id))
                search.unindex_record(conn, change.record_id)
                revoked += 1
                continue
            assert change.state is not None
            incoming = row_from_wire(spec.name, change.state)
            local = rows.load(conn, spec, change.record_id)
            ops = pending.get(change.record_id, [])
            if ops and local is not None:
                clash = _rebase(incoming, local.values, local.deleted_at, local.deleted_by, ops)
                rebased += 1
                clashes += clash
                if clash:
                    incoming["conflict_state"] = (
                        "soft" if incoming["conflict_state"] == "none" else incoming["conflict_state"]
                    )
            if local is None:
                conn.execute(sa.insert(table).values(incoming))
            else:
                conn.execute(sa.update(table).where(table.c.id == change.record_id).values(incoming))
            if incoming["deleted_at"] is None:
                search.index_record(conn, spec, change.record_id, incoming["owner_mission"], incoming)
            else:
                search.unindex_record(conn, change.record_id)
            upserted += 1
        settings.put(conn, CURSOR, page.cursor)
        settings.put(conn, EPOCH, page.epoch)
    return ApplyResult(upserted, revoked, rebased, clashes)


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
    if confirmed:
        return
    removing = 0
    for change in page.changes:
        spec = entity(change.entity)
        if spec.scope is Scope.REFERENCE:
            continue
        gone = change.kind == "revoke" or (
            change.state is not None and change.state.get("deleted_at") is not None
        )
        if gone:
            table = entity_table(spec.name)
            live = conn.execute(
                sa.select(table.c.id).where(table.c.id == change.record_id, table.c.deleted_at.is_(None))
            ).first()
            removing += live is not None
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
