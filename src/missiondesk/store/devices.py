"""The local device row: who this database belongs to and its op counter."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.device import Device
from missiondesk.domain.permissions import Role
from missiondesk.store.records import utcnow
from missiondesk.store.tables import device


def current(conn: Connection) -> Device | None:
    row = conn.execute(sa.select(device).where(device.c.current.is_(True))).mappings().first()
    if row is None:
        return None
    return Device(
        device_id=row["device_id"],
        mission=row["mission_code"],
        role=Role(row["role"]),
        officer_name=row["officer_name"],
        officer_id=row["officer_id"],
        slot=row["slot"],
    )


def create(conn: Connection, *, mission: str, role: Role, officer_name: str, slot: int) -> Device:
    """A new device identity; an earlier one stays for its outbox history but is no longer current."""
    conn.execute(sa.update(device).values(current=False))
    device_id = str(uuid.uuid4())
    conn.execute(
        sa.insert(device).values(
            device_id=device_id,
            mission_code=mission,
            role=role.value,
            officer_name=officer_name,
            officer_id=None,
            slot=slot,
            last_seq=0,
            created_at=utcnow(),
            current=True,
        )
    )
    found = current(conn)
    assert found is not None
    return found


def set_officer(conn: Connection, device_id: str, officer_id: str) -> None:
    conn.execute(sa.update(device).where(device.c.device_id == device_id).values(officer_id=officer_id))


def set_slot(conn: Connection, device_id: str, slot: int) -> None:
    conn.execute(sa.update(device).where(device.c.device_id == device_id).values(slot=slot))
