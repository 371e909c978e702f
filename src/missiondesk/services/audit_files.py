"""The audit log's entry for a file that left or entered this database: an export, an import, an
acknowledgement written back. Who, when, which file by its SHA-256 (as it travelled: encrypted or
not), and whether a password protected it, so a leaked file can be traced to the moment it was made."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.services.context import AppContext
from missiondesk.store.records import utcnow
from missiondesk.store.tables import audit_event


def file_event_row(
    ctx: AppContext,
    entity: str,
    record_id: str,
    action: str,
    changes: dict[str, Any],
    sha256: str,
    *,
    encrypted: bool,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    return {
        "at": at or utcnow(),
        "device_id": ctx.device.device_id,
        "actor": ctx.device.officer_name,
        "entity": entity,
        "record_id": record_id,
        "action": action,
        "changes": {**changes, "sha256": sha256, "encrypted": encrypted},
        "op_id": None,
    }


def record_file_event(
    ctx: AppContext,
    entity: str,
    record_id: str,
    action: str,
    changes: dict[str, Any],
    sha256: str,
    *,
    encrypted: bool,
    at: dt.datetime | None = None,
    conn: Connection | None = None,
) -> None:
    """Writes the entry (in ``conn``'s transaction when given, in its own otherwise)."""
    row = file_event_row(ctx, entity, record_id, action, changes, sha256, encrypted=encrypted, at=at)
    if conn is not None:
        conn.execute(sa.insert(audit_event).values(**row))
        return
    with ctx.store.write() as own:
        own.execute(sa.insert(audit_event).values(**row))
