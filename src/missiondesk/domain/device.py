"""The device this database belongs to: a mission laptop or the HQ install."""

from __future__ import annotations

from dataclasses import dataclass

from missiondesk.domain.permissions import Role


@dataclass(frozen=True)
class Device:
    device_id: str
    mission: str  # the mission code, or HQ for the headquarters install
    role: Role
    officer_name: str
    officer_id: str | None
    slot: int  # device slot within the mission, the first digit of its case numbers
