"""Ed25519 device keys: the private key file, the public key card, signatures.

Each device (mission laptop or HQ install) has one key pair, made at first use
and kept in its data folder (``keys/device-<id>.ed25519``, readable by the
owner only). The OS keyring would be a better home for the private key; it is
a later improvement. The public half travels as a *key card* (a small JSON
file: device, mission, role, slot and the key) that the other side trusts
with ``missiondesk trust-key``.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from missiondesk.domain.messages import MessageCode, say
from missiondesk.errors import UserError
from missiondesk.store.private_file import read_private, write_private

KEY_CARD_FORMAT = "missiondesk-device-key"


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def save_private_key(key: Ed25519PrivateKey, path: Path) -> None:
    """Write the key readable by its owner only (see ``store.private_file``), never over an existing one."""
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    raw = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    write_private(path, raw)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(read_private(path), password=None)
    except (OSError, ValueError) as exc:
        raise UserError(say(MessageCode.DEVICE_KEY_UNREADABLE, path=str(path), detail=str(exc))) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UserError(say(MessageCode.DEVICE_KEY_NOT_ED25519, path=str(path)))
    return key


def public_key_text(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(key: Ed25519PrivateKey, text: str) -> str:
    return base64.b64encode(key.sign(text.encode("utf-8"))).decode("ascii")


def verify(public_key: str, text: str, signature: str) -> bool:
    """Whether ``signature`` is ``public_key``'s signature of ``text`` (False for any malformed input)."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(base64.b64decode(signature, validate=True), text.encode("utf-8"))
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


@dataclass(frozen=True)
class KeyCard:
    """The public half of a device key, as a file one side hands the other."""

    device_id: str
    mission: str
    role: str
    slot: int
    officer: str
    public_key: str

    def to_json(self) -> str:
        return json.dumps({"format": KEY_CARD_FORMAT, **self.__dict__}, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "the key file") -> KeyCard:
        try:
            data: Any = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != KEY_CARD_FORMAT:
                raise ValueError("not a MissionDesk device key")
            card = cls(
                device_id=str(data["device_id"]),
                mission=str(data["mission"]),
                role=str(data["role"]),
                slot=int(data["slot"]),
                officer=str(data.get("officer", "")),
                public_key=str(data["public_key"]),
            )
            Ed25519PublicKey.from_public_bytes(base64.b64decode(card.public_key, validate=True))
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise UserError(say(MessageCode.DEVICE_KEY_NOT_OURS, path=str(source), detail=str(exc))) from exc
        return card
