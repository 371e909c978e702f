"""The public keys this database trusts, by device (the ``device_key`` table)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.store.records import utcnow
from missiondesk.store.tables import device_key


def get(conn: Connection, device_id: str) -> str | None:
    value = conn.execute(
        sa.select(device_key.c.public_key).where(device_key.c.device_id == device_id)
    ).first()
    return None if value is None else str(value[0])


def put(
    conn: Connection, *, device_id: str, mission: str, role: str, public_key: str, label: str, by: str
) -> None:
    conn.execute(sa.delete(device_key).where(device_key.c.device_id == device_id))
    conn.execute(
        sa.insert(device_key).values(
            device_id=device_id,
            mission_code=mission,
            role=role,
            public_key=public_key,
            label=label[:120],
            trusted_at=utcnow(),
            trusted_by=by[:120],
        )
    )
