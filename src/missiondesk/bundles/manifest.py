"""The manifest sheet: what a workbook is, who made it, and the signature over its payload.

Every value is text. The signature is the device's Ed25519 signature of the
manifest's canonical JSON (every field except ``signature``, sorted keys, no
spaces, NFC), and the manifest holds ``payload_sha256``, the SHA-256 of the
payload sheets' canonical lines, so the signature covers the payload too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from missiondesk.bundles.errors import BundleRefused
from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.messages import MessageCode, say

FORMAT = "missiondesk-bundle"
FORMAT_VERSION = 1
KIND_OPS = "ops"
KIND_ACK = "ack"
MANIFEST_SHEET = "manifest"
SIGNATURE = "signature"

LABELS: dict[str, tuple[str, str]] = {
    "format": ("형식", "Format"),
    "format_version": ("형식 버전", "Format version"),
    "kind": ("종류", "Kind"),
    "bundle_id": ("파일 번호", "Bundle id"),
    "device_id": ("기기", "Device"),
    "mission": ("공관", "Mission"),
    "officer": ("작성자", "Made by"),
    "app_version": ("앱 버전", "App version"),
    "schema_version": ("스키마 버전", "Schema version"),
    "seq_first": ("첫 변경 번호", "First sequence number"),
    "seq_last": ("마지막 변경 번호", "Last sequence number"),
    "op_count": ("변경 수", "Op count"),
    "created_at": ("작성 시각 (UTC)", "Created at (UTC)"),
    "times": ("시각 기준", "Times shown in"),
    "sensitive": ("민감 정보", "Sensitive fields"),
    "feed_epoch": ("수신 기준", "Feed epoch"),
    "feed_cursor": ("수신 위치", "Feed cursor"),
    "language": ("읽기용 시트 언어", "Language of the readable sheets"),
    "payload_sheets": ("원본 시트", "Payload sheets"),
    "payload_sha256": ("SHA-256", "SHA-256 of the canonical payload"),
    "readable_sha256": ("읽기용 시트 SHA-256", "SHA-256 of the readable sheets"),
    "sidecars": ("첨부 파일 묶음 (이름, SHA-256, 크기)", "Attached-file archives (name, SHA-256, size)"),
    "public_key": ("공개키", "Signer's public key"),
    SIGNATURE: ("서명 (Ed25519)", "Signature (Ed25519)"),
}


@dataclass
class Manifest:
    fields: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        return self.fields.get(key, default)

    def require(self, key: str) -> str:
        value = self.fields.get(key, "")
        if not value:
            raise BundleRefused(
                say(MessageCode.MANIFEST_ITEM_MISSING, item=LABELS.get(key, (key, key))[1].lower())
            )
        return value

    def number(self, key: str) -> int:
        text = self.require(key)
        try:
            return int(text)
        except ValueError:
            raise BundleRefused(say(MessageCode.MANIFEST_NOT_NUMBER, item=key, text=text)) from None

    def signed_text(self) -> str:
        return canonical_json({k: v for k, v in sorted(self.fields.items()) if k != SIGNATURE})

    @classmethod
    def of(cls, values: Mapping[str, object]) -> Manifest:
        return cls({k: "" if v is None else str(v) for k, v in values.items()})


class PayloadDigest:
    """SHA-256 over the payload: per sheet its name, then each canonical line, each ended by a newline."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()

    def sheet(self, name: str) -> None:
        self._h.update(f"#{name}\n".encode())

    def line(self, text: str) -> None:
        self._h.update(text.encode("utf-8"))
        self._h.update(b"\n")

    def hexdigest(self) -> str:
        return self._h.hexdigest()
