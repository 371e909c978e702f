"""A small world for sync tests: one authority (HQ) and mission laptops, all real stores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from missiondesk.domain.ops import Op
from missiondesk.domain.permissions import Role, published_through
from missiondesk.domain.schema import ENTITIES, Scope
from missiondesk.services.context import AppContext
from missiondesk.services.setup import init_hq, init_mission
from missiondesk.store.tables import entity_table
from missiondesk.sync import replica
from missiondesk.sync.authority import Authority
from missiondesk.sync.protocol import PushResult


@dataclass
class World:
    root: Path
    hq: AppContext
    authority: Authority
    laptops: dict[str, AppContext] = field(default_factory=dict)

    @classmethod
    def make(cls, root: Path, hq_url: str | None = None) -> World:
        hq = init_hq(root / "hq", "본부 분석관", hq_url)
        return cls(root, hq, Authority(hq.store))

    def laptop(self, name: str, mission: str = "DE-FRA", slot: int = 1) -> AppContext:
        ctx = init_mission(self.root / name, mission, f"{name} 담당관", slot)
        self.authority.register_device(ctx.device.device_id, mission, Role.MISSION, slot)
        self.laptops[name] = ctx
        return ctx

    def close(self) -> None:
        for ctx in self.laptops.values():
            ctx.close()
        self.hq.close()

    # --- moving ops and pages ---------------------------------------------------------------

    def push(
        self, laptop: AppContext, ops: Sequence[Op] | None = None, via: str = "network"
    ) -> list[PushResult]:
        batch = list(replica.pending_ops(laptop) if ops is None else ops)
        results = self.authority.push(batch, laptop.device.device_id, via)
        replica.record_results(laptop, results)
        return results

    def pull(self, laptop: AppContext, page_size: int = 50) -> int:
        applied = 0
        while True:
            _, position = replica.cursor(laptop)
            page = self.authority.changes(laptop.device.device_id, position, page_size)
            if replica.needs_restart(laptop, page):
                replica.restart_after_new_epoch(laptop, page.epoch)
                continue
            result = replica.apply_page(laptop, page)
            applied += result.upserted + result.revoked
            if not page.more:
                return applied

    def sync(self, laptop: AppContext) -> None:
        self.push(laptop)
        self.pull(laptop)


def visible_state(ctx: AppContext, mission: str | None) -> dict[tuple[str, str], tuple[object, ...]]:
    """Every record a laptop of ``mission`` should hold (all of them for HQ), as comparable tuples."""
    out: dict[tuple[str, str], tuple[object, ...]] = {}
    with ctx.store.read() as conn:
        for spec in ENTITIES:
            if spec.scope is Scope.REFERENCE:
                continue
            table = entity_table(spec.name)
            stmt = sa.select(table)
            if mission is not None and spec.scope in (Scope.MISSION, Scope.REVIEW):
                shared = [table.c[name].is_not(None) for name in published_through(spec)]
                stmt = stmt.where(sa.or_(table.c.owner_mission == mission, *shared))
            for row in conn.execute(stmt).mappings():
                key = (spec.name, row["id"])
                out[key] = (
                    row["owner_mission"],
                    row["version"],
                    row["deleted_at"] is not None,
                    row["conflict_state"],
                    tuple((f.name, _norm(row[f.name])) for f in spec.fields),
                )
    return out


def _norm(value: object) -> object:
    return [] if value is None else value
