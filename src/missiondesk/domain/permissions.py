"""Who may write what: one rule, used by the local services and by the authority.

A mission writes its own records (but not the HQ review fields) and the shared
master data; HQ writes reference data, shared data and the review fields of
mission records. Nobody writes another mission's records.

One exception, for creating only (``create_refusal``): HQ may create a mission's record on behalf of
the mission it names as the owner (the ministry's consolidated legacy workbook lands under its
missions). The record is then the mission's like any other: HQ keeps only its review fields and
cannot delete or restore it; the op still says which HQ device and officer made it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from missiondesk.domain.messages import ENGLISH, MessageCode, Said, Words, render
from missiondesk.domain.schema import ATTACHMENT_PARENTS, GLOBAL_OWNER, EntitySpec, FieldSpec, Scope, entity

HQ_MISSION = "HQ"


class Role(StrEnum):
    MISSION = "mission"
    HQ = "hq"


class RefusalCode(StrEnum):
    """Why the authority refused an op, as a stable code: a refused op's reason starts with it
    (``code: sentence``), so a screen can say it in the window's language (``refusal_code``). Each is
    also a ``MessageCode`` of the same value, whose template (``domain.messages``) is its one sentence."""

    REFERENCE_FOREIGN = "reference_foreign"  # points into another mission's records where it may not
    REFERENCE_OUT_OF_SCOPE = "reference_out_of_scope"  # points to a record the writer cannot read
    AUTHORITY_MADE = "authority_made"  # creates, deletes or restores a record only the authority makes
    DECISION_ONLY = "decision_only"  # writes a field of a conflict other than its review decision
    OWNED_ELSEWHERE = "owned_elsewhere"  # another mission's record
    MISSION_RECORD = "mission_record"  # HQ creates, deletes or restores a mission's record
    REVIEW_FIELDS_ONLY = "review_fields_only"  # HQ writes other than the review fields of a mission record
    REFERENCE_DATA = "reference_data"  # a mission writes HQ's reference data
    HQ_REVIEW_FIELDS = "hq_review_fields"  # a mission writes the review fields HQ keeps


class Refusal(Said):
    """A refusal's reason as text (``code: sentence``, the sentence in English for logs, the CLI and
    HQ's own tools) that also keeps its code and parameters, so a window, the errors workbook or a
    laptop reading HQ's answer can say it in its language from the same template (``said_in``).
    The code leads the text, as receipts and older laptops have always read it."""

    code: RefusalCode

    def __new__(cls, code: RefusalCode, **params: Any) -> Refusal:
        sentence = render(ENGLISH[MessageCode(code.value)], params, Words())
        made = super().__new__(cls, code.value, params, f"{code.value}: {sentence}")
        made.code = code
        return made


def coded(code: RefusalCode, **params: Any) -> Refusal:
    """A refusal's reason: its code, then its sentence; ``params`` fill the template (``entity`` and
    ``target``: entity names, ``fields``: field names, ``owner``/``mission``: mission codes)."""
    return Refusal(code, **params)


def refusal_code(reason: str | None) -> RefusalCode | None:
    """The code a refusal's reason starts with, if any (older refusals are sentences only)."""
    head, sep, _ = (reason or "").partition(": ")
    if not sep:
        return None
    try:
        return RefusalCode(head)
    except ValueError:
        return None


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
    name = spec.name
    if spec.authority_made:
        if whole_record:
            return coded(
                RefusalCode.AUTHORITY_MADE,
                entity=name,
            )
        outside = sorted(fields - spec.decision_fields)
        if outside:
            return coded(
                RefusalCode.DECISION_ONLY,
                entity=name,
                fields=outside,
            )
    if spec.scope is Scope.REVIEW:
        if role is Role.HQ or owner_mission == mission:
            return None
        return _owned_elsewhere(spec, owner_mission, mission)
    if role is Role.HQ:
        if spec.scope is Scope.MISSION or spec.scope is Scope.PUBLISHED:
            if whole_record:
                return coded(
                    RefusalCode.MISSION_RECORD,
                    entity=name,
                )
            outside = sorted(fields - spec.review_fields)
            if outside:
                return coded(
                    RefusalCode.REVIEW_FIELDS_ONLY,
                    entity=name,
                    fields=outside,
                )
        return None
    if spec.scope is Scope.REFERENCE:
        return coded(
            RefusalCode.REFERENCE_DATA,
            entity=name,
        )
    if spec.scope is Scope.SHARED:
        return None
    if owner_mission != mission:
        return _owned_elsewhere(spec, owner_mission, mission)
    reviewed = sorted(fields & spec.review_fields)
    if reviewed:
        return coded(
            RefusalCode.HQ_REVIEW_FIELDS,
            entity=name,
            fields=reviewed,
        )
    return None


def create_refusal(
    spec: EntitySpec, owner_mission: str, role: Role, mission: str, fields: Iterable[str] = ()
) -> str | None:
    """Why this writer may not create a record of ``spec`` owned by ``owner_mission``; None when it may.

    The record service asks it before a create and the authority before it applies one. A mission
    creates for itself only; HQ also creates for a mission it names (never for HQ itself, since a
    mission's record has a mission), the only write HQ makes to a mission's record besides review.
    """
    if role is Role.HQ and _on_behalf(spec, owner_mission):
        return None
    refusal = write_refusal(spec, owner_mission, role, mission, fields, whole_record=True)
    if (
        refusal is None
        and role is Role.MISSION
        and spec.scope is not Scope.REFERENCE
        and owner_mission != mission
    ):
        return _owned_elsewhere(spec, owner_mission, mission)  # shared data, made for another mission
    return refusal


def _on_behalf(spec: EntitySpec, owner_mission: str) -> bool:
    """HQ creating a mission-owned record for the mission it names."""
    mission_made = spec.scope in (Scope.MISSION, Scope.PUBLISHED, Scope.SHARED)
    named = owner_mission not in (HQ_MISSION, GLOBAL_OWNER)
    return mission_made and named and not spec.authority_made


def _owned_elsewhere(spec: EntitySpec, owner_mission: str, mission: str) -> Refusal:
    return coded(
        RefusalCode.OWNED_ELSEWHERE,
        entity=spec.name,
        owner=owner_mission,
        mission=mission,
    )


def reference_refusal(
    spec: EntitySpec,
    f: FieldSpec,
    target: EntitySpec,
    target_owner: str,
    owner: str,
    role: Role,
    mission: str,
) -> str | None:
    """Why a record of ``spec`` owned by ``owner`` may not name, in its field ``f``, a record of
    ``target`` owned by ``target_owner`` when ``mission`` (or HQ) writes it; None when it may.
    The authority decides with it, and a bundle's preview predicts with it."""
    if not f.cross_mission and target_owner != owner:
        return coded(
            RefusalCode.REFERENCE_FOREIGN,
            entity=spec.name,
            fields=[f.name],
            target=target.name,
            owner=target_owner,
        )
    if not visible_to(target, target_owner, role, mission):
        return coded(
            RefusalCode.REFERENCE_OUT_OF_SCOPE,
            entity=spec.name,
            fields=[f.name],
            target=target.name,
            owner=target_owner,
            mission=mission,
        )
    return None


def visible_to(spec: EntitySpec, owner_mission: str, role: Role, mission: str) -> bool:
    """Whether a device of ``mission`` (or HQ) holds records of this entity and owner."""
    if role is Role.HQ or spec.scope in (Scope.REFERENCE, Scope.SHARED, Scope.PUBLISHED):
        return True
    return owner_mission == mission


def published_through(spec: EntitySpec) -> tuple[str, ...]:
    """The fields of ``spec`` that, when set, make a record read by every mission although its own
    entity is mission-scoped: an attachment on a market brief travels wherever the brief does."""
    if spec.name != "attachment":
        return ()
    readable_by_all = (Scope.REFERENCE, Scope.SHARED, Scope.PUBLISHED)
    return tuple(name for name, target, *_ in ATTACHMENT_PARENTS if entity(target).scope in readable_by_all)


def shared_by_parent(spec: EntitySpec, row: Mapping[str, Any]) -> bool:
    """Whether this record is read by every mission because of the record it belongs to."""
    return any(row.get(name) for name in published_through(spec))


def record_visible_to(spec: EntitySpec, row: Mapping[str, Any], role: Role, mission: str) -> bool:
    """``visible_to`` for one record: its owner, and whether its parent is read by every mission."""
    return visible_to(spec, str(row["owner_mission"]), role, mission) or shared_by_parent(spec, row)


def owner_for_new(spec: EntitySpec, role: Role, mission: str) -> str:
    """The owner mission a new record gets."""
    if spec.scope is Scope.REFERENCE:
        return GLOBAL_OWNER
    return HQ_MISSION if role is Role.HQ else mission
