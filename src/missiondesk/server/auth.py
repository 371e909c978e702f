"""Who is calling: one-time enrolment codes, device credentials and short-lived access tokens.

- An HQ administrator issues a **one-time code** for a mission (``missiondesk-server enroll-code``).
  Only its SHA-256 is stored; it expires and is spent by the first enrolment.
- Enrolment returns a **device credential**: 32 random bytes the laptop keeps in its keyring. HQ
  stores only its SHA-256, so a copy of the database cannot impersonate a device.
- The credential buys **access tokens** that expire after minutes: the device id, signed with
  HMAC-SHA256 under a server secret kept in the database (so every server process shares it).
  The token carries no scope: the mission and role are read from ``auth_device`` on every request,
  which is also where a revocation takes effect at once.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import HQ_MISSION, Role
from missiondesk.domain.references import MAX_SLOT
from missiondesk.errors import NotFound, UserError
from missiondesk.store import settings
from missiondesk.store.engine import Store
from missiondesk.store.records import utcnow
from missiondesk.store.tables import auth_device, enrol_code
from missiondesk.sync.authority import Authority

SECRET_SETTING = "server_token_secret"
TOKEN_TTL = dt.timedelta(minutes=15)
CODE_TTL = dt.timedelta(hours=72)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


class Unauthorised(UserError):
    """The caller is not who it says, or may no longer call (HTTP 401)."""


class Forbidden(UserError):
    """The caller is known but may not do this (HTTP 403)."""


@dataclass(frozen=True)
class Caller:
    """The device behind a request, as HQ's database knows it now."""

    device_id: str
    mission: str
    role: Role
    slot: int


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    mission: str
    role: Role
    slot: int
    credential: str


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def issue_code(store: Store, mission: str, ttl: dt.timedelta = CODE_TTL) -> str:
    """A new one-time code for enrolling a device of ``mission`` (``HQ`` for an HQ device)."""
    role = Role.HQ if mission == HQ_MISSION else Role.MISSION
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    now = utcnow()
    with store.write() as conn:
        conn.execute(
            sa.insert(enrol_code).values(
                code_hash=sha256(raw),
                mission_code=mission,
                role=role.value,
                created_at=now,
                expires_at=now + ttl,
            )
        )
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def enrol(
    store: Store, code: str, device_id: str, mission: str, slot: int, slot_fixed: bool, label: str
) -> Enrolled:
    """Spend a one-time code: enrol the device for the code's mission and hand out its credential.

    The laptop proposes its slot; when another device holds it, a laptop that has made no case
    reference yet (they carry the slot; its officer record does not) gets the lowest free slot, one
    that has is refused.
    """
    now = utcnow()
    with store.write() as conn:
        row = (
            conn.execute(sa.select(enrol_code).where(enrol_code.c.code_hash == sha256(normalise_code(code))))
            .mappings()
            .first()
        )
        if row is None or row["used_at"] is not None or row["expires_at"] < now:
            raise Unauthorised(say(MessageCode.ENROL_CODE_UNKNOWN))
        if row["mission_code"] != mission:
            raise Forbidden(
                f"This code is for {row['mission_code']}, but this laptop is set up for {mission}."
            )
        role = Role(row["role"])
        if role is Role.MISSION:
            slot = _free_slot(conn, mission, slot, slot_fixed)
        credential = secrets.token_urlsafe(32)
        Authority(store).enrol(conn, device_id, mission, role, slot, label[:120])
        conn.execute(
            sa.update(auth_device)
            .where(auth_device.c.device_id == device_id)
            .values(credential_hash=sha256(credential), last_seen_at=now)
        )
        conn.execute(
            sa.update(enrol_code)
            .where(enrol_code.c.code_hash == row["code_hash"])
            .values(used_at=now, used_by=device_id)
        )
    return Enrolled(device_id, mission, role, slot, credential)


def _free_slot(conn: Connection, mission: str, wanted: int, fixed: bool) -> int:
    taken = set(
        conn.execute(
            sa.select(auth_device.c.slot).where(
                auth_device.c.mission_code == mission, auth_device.c.revoked_at.is_(None)
            )
        ).scalars()
    )
    if wanted not in taken:
        return wanted
    if fixed:
        raise UserError(
            f"Slot {wanted} of {mission} is taken by another enrolled device, and this laptop has already "
            "made case references with it (they carry the slot). Ask HQ to revoke the other device, or set "
            "this laptop up again."
        )
    for slot in range(1, MAX_SLOT + 1):
        if slot not in taken:
            return slot
    raise UserError(f"All {MAX_SLOT} device slots of {mission} are taken; ask HQ to revoke an old device.")


def revoke(store: Store, device_id: str) -> None:
    """Revoke a device: every later request with its credential or tokens is refused."""
    Authority(store).revoke_device(device_id)


# --- tokens ---------------------------------------------------------------------------------


def server_secret(store: Store) -> bytes:
    """The token-signing secret, made once and shared by every server process through the database."""
    with store.read() as conn:
        value = settings.get(conn, SECRET_SETTING)
    if value is None:
        try:
            with store.write() as conn:
                value = settings.get(conn, SECRET_SETTING)
                if value is None:
                    value = secrets.token_hex(32)
                    settings.put(conn, SECRET_SETTING, value)
        except sa.exc.IntegrityError:  # another process made it at the same moment
            with store.read() as conn:
                value = settings.get(conn, SECRET_SETTING)
    return bytes.fromhex(str(value))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_token(
    store: Store, secret: bytes, device_id: str, credential: str, ttl: dt.timedelta = TOKEN_TTL
) -> tuple[str, int]:
    """An access token for a device that proves its credential; (token, seconds it lasts)."""
    with store.read() as conn:
        row = conn.execute(
            sa.select(auth_device.c.credential_hash, auth_device.c.revoked_at).where(
                auth_device.c.device_id == device_id
            )
        ).first()
    if row is None or row.credential_hash is None:
        raise Unauthorised(say(MessageCode.THIS_DEVICE_UNKNOWN))
    if not hmac.compare_digest(row.credential_hash, sha256(credential)):
        raise Unauthorised(say(MessageCode.CREDENTIAL_WRONG))
    if row.revoked_at is not None:
        raise Unauthorised(say(MessageCode.THIS_DEVICE_REVOKED))
    seconds = int(ttl.total_seconds())
    claim = {"d": device_id, "e": _enrolment(row.credential_hash), "exp": int(time.time()) + seconds}
    payload = _b64(json.dumps(claim).encode("utf-8"))
    mac = _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())
    return f"{payload}.{mac}", seconds


@dataclass(frozen=True)
class Claim:
    """Who a valid token speaks for, and for which enrolment of that device."""

    device_id: str
    enrolment: str


def _enrolment(credential_hash: str) -> str:
    """A token names the enrolment it was issued under, so that none outlives a revocation: a device
    enrolled again has a new credential, and its earlier tokens are refused."""
    return credential_hash[:16]


def claim_of_token(secret: bytes, token: str, now: float | None = None) -> Claim:
    """The device (and enrolment) a token names, once its signature and expiry check out."""
    try:
        payload, mac = token.split(".")
        expected = _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())
        if not hmac.compare_digest(mac, expected):
            raise ValueError("bad signature")
        data = json.loads(_unb64(payload))
        claim, expires = Claim(str(data["d"]), str(data["e"])), float(data["exp"])
    except (ValueError, KeyError, TypeError, UnicodeError) as exc:
        raise Unauthorised("The access token is not valid; ask for a new one.") from exc
    if (time.time() if now is None else now) >= expires:
        raise Unauthorised("The access token has expired; ask for a new one.")
    return claim


def caller(store: Store, claim: Claim) -> Caller:
    """The device as the database knows it now: revoked or unknown devices are refused here, and so
    are tokens of an earlier enrolment."""
    with store.read() as conn:
        row = (
            conn.execute(
                sa.select(
                    auth_device.c.mission_code,
                    auth_device.c.role,
                    auth_device.c.slot,
                    auth_device.c.revoked_at,
                    auth_device.c.credential_hash,
                ).where(auth_device.c.device_id == claim.device_id)
            )
            .mappings()
            .first()
        )
    if row is None or row["credential_hash"] is None:
        raise Unauthorised("This device is not enrolled with this server.")
    if row["revoked_at"] is not None:
        raise Unauthorised(say(MessageCode.THIS_DEVICE_REVOKED))
    if not hmac.compare_digest(_enrolment(row["credential_hash"]), claim.enrolment):
        raise Unauthorised("The access token is from an earlier enrolment of this device; ask for a new one.")
    return Caller(claim.device_id, row["mission_code"], Role(row["role"]), row["slot"])


def devices(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        rows = conn.execute(sa.select(auth_device).order_by(auth_device.c.mission_code, auth_device.c.slot))
        return [
            {
                "device_id": r["device_id"],
                "mission": r["mission_code"],
                "role": r["role"],
                "slot": r["slot"],
                "label": r["label"],
                "next_seq": r["next_seq"],
                "enrolled_at": r["enrolled_at"].isoformat(),
                "revoked": r["revoked_at"] is not None,
                "blocked_reason": r["blocked_reason"],
                "last_seen_at": None if r["last_seen_at"] is None else r["last_seen_at"].isoformat(),
            }
            for r in rows.mappings()
        ]


def require_device(store: Store, device_id: str) -> None:
    with store.read() as conn:
        found = conn.execute(sa.select(auth_device.c.device_id).where(auth_device.c.device_id == device_id))
        if found.first() is None:
            raise NotFound(f"No enrolled device {device_id}.")
