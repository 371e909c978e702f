"""Loading the shipped reference data into a database, first open and upgrades.

Reference rows get deterministic ids (UUID5 of entity and code), so every
laptop and HQ agree on them without syncing. A shipped row replaces a stored
one only while the stored one is still at version 0: once HQ has changed a row
through sync, HQ's version wins over what an app update ships.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk import refdata
from missiondesk.domain.canonical import canonical_json, sha256_hex
from missiondesk.domain.schema import GLOBAL_OWNER, entity
from missiondesk.domain.validation import normalise
from missiondesk.store import settings
from missiondesk.store.records import utcnow
from missiondesk.store.tables import entity_table

NAMESPACE = uuid.UUID("6b1f0b8e-3c55-4a52-9a54-5d2f1c0e7a11")
SETTING = "refdata_digest"
LOADER = "MissionDesk reference data"


def reference_id(entity_name: str, code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{entity_name}:{code}"))


def shipped_digest() -> str:
    return sha256_hex(canonical_json({name: list(refdata.rows(name)) for name in refdata.entities()}))


def ensure_loaded(conn: Connection) -> int:
    """Insert or refresh shipped reference rows; returns how many rows changed."""
    digest = shipped_digest()
    if settings.get(conn, SETTING) == digest:
        return 0
    changed = 0
    now = utcnow()
    for name in refdata.entities():
        spec = entity(name)
        table = entity_table(name)
        stored = {r.code: r for r in conn.execute(sa.select(table.c.id, table.c.code, table.c.version))}
        inserts: list[dict[str, Any]] = []
        for raw in refdata.rows(name):
            values = normalise(spec, {"enabled": True, **raw})
            row = {f.name: values.get(f.name, f.empty()) for f in spec.fields}
            existing = stored.get(row["code"])
            if existing is None:
                inserts.append(
                    {
                        **row,
                        "id": reference_id(name, row["code"]),
                        "owner_mission": GLOBAL_OWNER,
                        "version": 0,
                        "created_at": now,
                        "created_by": LOADER,
                        "updated_at": now,
                        "updated_by": LOADER,
                        "conflict_state": "none",
                        "extra": {},
                    }
                )
            elif existing.version == 0:
                changed += conn.execute(
                    sa.update(table).where(table.c.id == existing.id, table.c.version == 0).values(**row)
                ).rowcount
        if inserts:
            conn.execute(sa.insert(table), inserts)
            changed += len(inserts)
    settings.put(conn, SETTING, digest)
    return changed
