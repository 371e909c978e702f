"""The device registry: the laptops HQ knows, for which mission, role and slot, and which are revoked."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role
from missiondesk.errors import UserError
from missiondesk.store.records import utcnow
from missiondesk.store.tables import auth_device


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    mission: str
    role: Role
    slot: int
    next_seq: int
    revoked: bool
    blocked_reason: str | None


class Refused(UserError):
    """The whole request is refused (unknown or revoked device)."""


def enrol(conn: Connection, device_id: str, mission: str, role: Role, slot: int, label: str) -> None:
    """Enrol a device; a revoked one enrolled again (a new code, or its key card restored at HQ) comes
    back as it was, without its old credential.

    It keeps its next sequence number, so the changes it made and could not send since its
    revocation are still received, in order: a revoked laptop never has to drop an edit.
    """
    known = (
        conn.execute(
            sa.select(auth_device.c.revoked_at, auth_device.c.mission_code).where(
                auth_device.c.device_id == device_id
            )
        )
        .mappings()
        .first()
    )
    if known is not None and known["revoked_at"] is None:
        raise UserError(say(MessageCode.DEVICE_ENROLLED_ALREADY, device=device_id))
    if known is not None and known["mission_code"] != mission:
        raise UserError(
            say(
                MessageCode.DEVICE_OTHER_MISSION,
                device=device_id,
                owner=known["mission_code"],
                mission=mission,
            )
        )
    if role is Role.MISSION:
        clash = conn.execute(
            sa.select(auth_device.c.device_id).where(
                auth_device.c.mission_code == mission,
                auth_device.c.slot == slot,
                auth_device.c.revoked_at.is_(None),
            )
        ).first()
        if clash is not None:
            raise UserError(say(MessageCode.SLOT_TAKEN, slot=slot, mission=mission, device=clash[0]))
    values = {"role": role.value, "slot": slot, "label": label, "enrolled_at": utcnow()}
    if known is not None:
        conn.execute(
            sa.update(auth_device)
            .where(auth_device.c.device_id == device_id)
            .values(revoked_at=None, credential_hash=None, **values)
        )
        return
    conn.execute(
        sa.insert(auth_device).values(device_id=device_id, mission_code=mission, next_seq=1, **values)
    )


def revoke(conn: Connection, device_id: str) -> bool:
    """Revoke a device; False when HQ knows no such device."""
    done = conn.execute(
        sa.update(auth_device).where(auth_device.c.device_id == device_id).values(revoked_at=utcnow())
    ).rowcount
    return bool(done)


def read(conn: Connection, device_id: str) -> DeviceInfo:
    """The device as HQ knows it; Refused when it is not enrolled."""
    row = conn.execute(sa.select(auth_device).where(auth_device.c.device_id == device_id)).mappings().first()
    if row is None:
        raise Refused(say(MessageCode.DEVICE_NOT_ENROLLED, device=device_id))
    return DeviceInfo(
        device_id=row["device_id"],
        mission=row["mission_code"],
        role=Role(row["role"]),
        slot=row["slot"],
        next_seq=row["next_seq"],
        revoked=row["revoked_at"] is not None,
        blocked_reason=row["blocked_reason"],
    )
