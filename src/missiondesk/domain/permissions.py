"""Who may write what: one rule, used by the local services and by the authority.

A mission writes its own records (but not the HQ review fields) and the shared
master data; HQ writes reference data, shared data and the review fields of
mission records. Nobody writes another mission's records.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from missiondesk.domain.schema import GLOBAL_OWNER, EntitySpec, Scope

HQ_MISSION = "HQ"


class Role(StrEnum):
    MISSION = "mission"
    HQ = "hq"


def write_refusal(
    spec: EntitySpec,
    owner_mission: str,
    role: Role,
    mission: str,
    fields: Iterable[str] = (),
    *,
    whole_record: bool = False,
) -> str | None:
    """Why this writer may not make this change, or None when it may.

    ``whole_record`` is for creating, deleting and restoring: acts on the
    record itself rather than on some of its fields.
    """
    fields = set(fields)
    label = spec.label_en.lower()
    if spec.scope is Scope.REVIEW:
        if role is Role.HQ or owner_mission == mission:
            return None
        return f"This {label} belongs to {owner_mission}; {mission} cannot change it."
    if role is Role.HQ:
        if spec.scope is Scope.MISSION or spec.scope is Scope.PUBLISHED:
            if whole_record:
                return f"A {label} belongs to its mission; HQ cannot create, delete or restore one."
            outside = sorted(fields - spec.review_fields)
            if outside:
                return f"HQ can only write the review fields of a {label}, not {', '.join(outside)}."
        return None
    if spec.scope is Scope.REFERENCE:
        return f"{spec.label_en} is reference data kept by HQ; missions cannot change it."
    if spec.scope is Scope.SHARED:
        return None
    if owner_mission != mission:
        return f"This {label} belongs to {owner_mission}; {mission} cannot change it."
    reviewed = sorted(fields & spec.review_fields)
    if reviewed:
        return f"Only HQ writes {', '.join(reviewed)} of a {label}."
    return None


def visible_to(spec: EntitySpec, owner_mission: str, role: Role, mission: str) -> bool:
    """Whether a device of ``mission`` (or HQ) holds records of this entity and owner."""
    if role is Role.HQ or spec.scope in (Scope.REFERENCE, Scope.SHARED, Scope.PUBLISHED):
        return True
    return owner_mission == mission


def owner_for_new(spec: EntitySpec, role: Role, mission: str) -> str:
    """The owner mission a new record gets."""
    if spec.scope is Scope.REFERENCE:
        return GLOBAL_OWNER
    return HQ_MISSION if role is Role.HQ else mission
