"""Counts and hashes of what a device should hold, so both sides can find a difference cheaply.

Three levels, each narrowing the one above: per entity, then per id bucket (the first hex digit of
the record id) of one entity, then the ``(id, version, deleted)`` rows of one bucket. The laptop
computes the same digest over its own database and asks HQ again only for the records that differ:
a targeted re-pull, never a whole overwrite (SCENARIOS: a verify mismatch). Reference data is left
out: every install loads it from the package.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.permissions import Role, published_through
from missiondesk.domain.schema import ENTITIES, EntitySpec, Scope, entity
from missiondesk.store.tables import entity_table

BUCKETS = "0123456789abcdef"
Row = tuple[str, int, bool]


def verified_entities() -> list[EntitySpec]:
    return [spec for spec in ENTITIES if spec.scope is not Scope.REFERENCE]


def _rows(
    conn: Connection, spec: EntitySpec, role: Role, mission: str, bucket: str | None = None
) -> Iterable[Row]:
    table = entity_table(spec.name)
    stmt = sa.select(table.c.id, table.c.version, table.c.deleted_at.is_not(None)).order_by(table.c.id)
    if role is not Role.HQ and spec.scope in (Scope.MISSION, Scope.REVIEW):
        # A shared brief's attachments are held by every mission, like the brief (``feed.page``).
        shared = [table.c[name].is_not(None) for name in published_through(spec)]
        stmt = stmt.where(sa.or_(table.c.owner_mission == mission, *shared))
    if bucket is not None:
        stmt = stmt.where(table.c.id.like(bucket + "%"))
    for record_id, version, deleted in conn.execute(stmt.execution_options(yield_per=5000)):
        yield str(record_id), int(version), bool(deleted)


def _summary(rows: Iterable[Row]) -> dict[str, Any]:
    h = hashlib.sha256()
    count = 0
    for record_id, version, deleted in rows:
        h.update(f"{record_id}:{version}:{int(deleted)}\n".encode("ascii"))
        count += 1
    return {"count": count, "hash": h.hexdigest()}


def digest(conn: Connection, role: Role, mission: str) -> dict[str, dict[str, Any]]:
    """Per entity in the scope: how many records and a hash of their ids, versions and tombstones."""
    return {spec.name: _summary(_rows(conn, spec, role, mission)) for spec in verified_entities()}


def buckets(conn: Connection, role: Role, mission: str, entity_name: str) -> dict[str, dict[str, Any]]:
    spec = entity(entity_name)
    per: dict[str, list[Row]] = {b: [] for b in BUCKETS}
    for row in _rows(conn, spec, role, mission):
        per.setdefault(row[0][:1].lower(), []).append(row)
    return {b: _summary(rows) for b, rows in per.items()}


def bucket_rows(conn: Connection, role: Role, mission: str, entity_name: str, bucket: str) -> list[Row]:
    return list(_rows(conn, entity(entity_name), role, mission, bucket))
