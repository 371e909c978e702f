"""This device's signing key, its key card, and trusting the other side's key.

At a mission: ``missiondesk device-key --out FILE`` writes the laptop's key
card for HQ. At HQ: ``missiondesk trust-key FILE`` registers it for that
device (enrolling the device if HQ does not know it yet), so its bundles
verify. The other way round, a mission trusts HQ's key card so that HQ's
acknowledgement files verify.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from missiondesk.bundles import signing
from missiondesk.bundles.signing import KeyCard
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext
from missiondesk.store import keys
from missiondesk.store.errors import environment_errors
from missiondesk.sync.authority import Authority
from missiondesk.sync.devices import Refused


def key_path(ctx: AppContext) -> Path:
    return ctx.paths.root / "keys" / f"device-{ctx.device.device_id}.ed25519"


def private_key(ctx: AppContext) -> Ed25519PrivateKey:
    """This device's key, made (and its public half trusted locally) on first use."""
    path = key_path(ctx)
    if path.exists():
        return signing.load_private_key(path)
    key = signing.new_private_key()
    with environment_errors():
        signing.save_private_key(key, path)
    with ctx.store.write() as conn:
        keys.put(
            conn,
            device_id=ctx.device.device_id,
            mission=ctx.device.mission,
            role=ctx.device.role.value,
            public_key=signing.public_key_text(key),
            label="this device",
            by=ctx.device.officer_name,
        )
    return key


def key_card(ctx: AppContext) -> KeyCard:
    d = ctx.device
    return KeyCard(
        d.device_id,
        d.mission,
        d.role.value,
        d.slot,
        d.officer_name,
        signing.public_key_text(private_key(ctx)),
    )


def write_key_card(ctx: AppContext, out: Path) -> KeyCard:
    card = key_card(ctx)
    with environment_errors():
        out.write_text(card.to_json(), encoding="utf-8")
    return card


def trust_key(ctx: AppContext, path: Path, *, replace: bool = False, restore: bool = False) -> KeyCard:
    """Register another device's public key; at HQ, enrol a mission device HQ does not know yet.

    A device HQ revoked is taken back only with ``restore``: its bundles are then accepted again (its
    sequence continues, so the edits it kept arrive in order). Its network credential is dropped: to
    sync again it enrols with a new code.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(say(MessageCode.FILE_UNREADABLE, name=str(path), detail=str(exc))) from exc
    card = KeyCard.from_json(text, str(path))
    if card.device_id == ctx.device.device_id:
        raise UserError(say(MessageCode.KEY_CARD_OWN))
    if ctx.device.role is Role.MISSION and card.role != Role.HQ.value:
        raise UserError(say(MessageCode.KEY_CARD_MISSION_AT_LAPTOP))
    enrolled = None
    if ctx.device.role is Role.HQ and card.role == Role.MISSION.value:
        try:
            enrolled = Authority(ctx.store).device(card.device_id)
        except Refused:
            enrolled = None
        if enrolled is not None and enrolled.mission != card.mission:
            raise UserError(
                say(
                    MessageCode.KEY_CARD_OTHER_MISSION,
                    device=card.device_id,
                    owner=enrolled.mission,
                    mission=card.mission,
                )
            )
        if enrolled is not None and enrolled.revoked and not restore:
            raise UserError(
                say(
                    MessageCode.KEY_CARD_REVOKED,
                    device=card.device_id,
                    mission=card.mission,
                    officer=card.officer,
                )
            )
    with ctx.store.write() as conn:
        known = keys.get(conn, card.device_id)
        if known is not None and known != card.public_key and not replace:
            raise UserError(say(MessageCode.KEY_CARD_OTHER_KEY, device=card.device_id))
        hq_takes_mission = ctx.device.role is Role.HQ and card.role == Role.MISSION.value
        if hq_takes_mission and (enrolled is None or enrolled.revoked):
            Authority(ctx.store).enrol(
                conn, card.device_id, card.mission, Role.MISSION, card.slot, card.officer
            )
        keys.put(
            conn,
            device_id=card.device_id,
            mission=card.mission,
            role=card.role,
            public_key=card.public_key,
            label=card.officer,
            by=ctx.device.officer_name,
        )
    return card


def registered_key(ctx: AppContext, device_id: str) -> str | None:
    with ctx.store.read() as conn:
        return keys.get(conn, device_id)
