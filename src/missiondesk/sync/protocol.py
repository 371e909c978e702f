"""What client and server agree on: paths, headers, limits, the app-version rule, and the wire types.

The wire types are the answers of the authority that leave it: a push's results (over the network, in
an acknowledgement file, in a laptop's outbox), feed pages and their changes. Each converts itself to
and from its JSON form here, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NotRequired, TypedDict

from missiondesk.domain.file_types import SHIPPED_SETTINGS
from missiondesk.domain.messages import as_reason, heard
from missiondesk.domain.ops import Op

API = "/v1"
VERSION_HEADER = "X-MissionDesk-Version"
MAX_BATCH = 1000  # ops in one push
MAX_PAGE = 2000  # feed entries in one pull page
MAX_IDS = 500  # records in one targeted re-pull
MAX_BODY = 16 * 1024 * 1024  # bytes of one request body


def version_tuple(text: str) -> tuple[int, ...]:
    """``"1.2.10"`` -> ``(1, 2, 10)``; anything after the numbers (``rc1``, ``.dev0``) is ignored."""
    out: list[int] = []
    for part in text.strip().split("."):
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        out.append(int(digits))
    return tuple(out)


def too_old(app_version: str, minimum: str) -> bool:
    return version_tuple(app_version) < version_tuple(minimum)


class Status(StrEnum):
    APPLIED = "applied"  # every change applied; nobody else had touched the record
    MERGED = "merged"  # applied alongside other changes, or already there
    CONFLICT = "conflict"  # at least one field conflicted; the rest applied
    HELD = "held"  # waiting for an earlier op of its device (or for its record)
    DUPLICATE = "duplicate"  # seen before: ``original`` says what happened then
    REJECTED = "rejected"  # refused: ``reason`` says why; nothing changed


class PushResultWire(TypedDict):
    op_id: str
    seq: int
    status: str
    reason: str
    version: int | None
    original: str | None
    code: NotRequired[str]  # the reason's code and parameters, so a laptop words it in its language
    params: NotRequired[dict[str, Any]]


class ReceiptRow(TypedDict):
    """A row of ``op_receipt``: an op's result, kept with its effect so a retry gets it again."""

    op_id: str
    device_id: str
    seq: int
    content_hash: str
    status: str
    reason: str | None
    version: int | None
    via: str
    received_at: dt.datetime


@dataclass(frozen=True)
class PushResult:
    op_id: str
    seq: int
    status: Status
    reason: str = ""
    version: int | None = None
    original: Status | None = None  # for duplicates: the first result

    @property
    def settled(self) -> bool:
        """Received for good: applied, merged, in conflict, or rejected (not waiting)."""
        final = self.original if self.status is Status.DUPLICATE else self.status
        return final is not None and final is not Status.HELD

    def to_wire(self) -> PushResultWire:
        wire: PushResultWire = {
            "op_id": self.op_id,
            "seq": self.seq,
            "status": self.status.value,
            "reason": self.reason,
            "version": self.version,
            "original": None if self.original is None else self.original.value,
        }
        code = getattr(self.reason, "code", "")
        if code:  # an older laptop reads the reason's text and ignores these
            wire["code"] = str(code)
            wire["params"] = dict(getattr(self.reason, "params", {}))
        return wire

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> PushResult:
        """The result a wire form holds; ValueError naming the misfit when it holds none."""
        try:
            original = data.get("original")
            version = data.get("version")
            return cls(
                str(data["op_id"]),
                int(data["seq"]),
                Status(data["status"]),
                heard(data.get("code"), data.get("params"), str(data.get("reason") or "")),
                None if version is None else int(version),
                None if original is None else Status(original),
            )
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a push result: {exc!r}") from exc

    def receipt(self, op: Op, content_hash: str, via: str, at: dt.datetime) -> ReceiptRow:
        """The receipt HQ keeps of this result of ``op`` (received by ``via``: network, bundle, local)."""
        return {
            "op_id": op.op_id,
            "device_id": op.device_id,
            "seq": op.seq,
            "content_hash": content_hash,
            "status": self.status.value,
            "reason": as_reason(self.reason) or None,
            "version": self.version,
            "via": via,
            "received_at": at,
        }


class FeedChangeWire(TypedDict):
    seq: int
    entity: str
    record_id: str
    kind: str
    version: int
    state: dict[str, Any] | None


@dataclass(frozen=True)
class FeedChange:
    seq: int
    entity: str
    record_id: str
    kind: str  # upsert | revoke
    version: int
    state: dict[str, Any] | None  # the record now, for upserts still in the device's scope

    def to_wire(self) -> FeedChangeWire:
        return {
            "seq": self.seq,
            "entity": self.entity,
            "record_id": self.record_id,
            "kind": self.kind,
            "version": self.version,
            "state": self.state,
        }

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> FeedChange:
        """The change a wire form holds; ValueError naming the misfit when it holds none."""
        try:
            state = data.get("state")
            if state is not None and not isinstance(state, dict):
                raise TypeError("state: expected an object")
            return cls(
                int(data["seq"]),
                str(data["entity"]),
                str(data["record_id"]),
                str(data["kind"]),
                int(data["version"]),
                state,
            )
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a feed change: {exc!r}") from exc


class FeedPageWire(TypedDict):
    epoch: str
    cursor: int
    head: int
    more: bool
    changes: list[FeedChangeWire]
    policy: NotRequired[dict[str, int]]  # HQ's settings laptops follow (``file_types.SHIPPED_SETTINGS``)


@dataclass(frozen=True)
class FeedPage:
    epoch: str
    cursor: int  # the cursor to ask from next time
    head: int  # the newest feed number when the page was read
    changes: tuple[FeedChange, ...] = field(default_factory=tuple)
    policy: Mapping[str, int] = field(default_factory=dict)  # HQ's settings this laptop follows

    @property
    def more(self) -> bool:
        return self.cursor < self.head

    def to_wire(self) -> FeedPageWire:
        wire: FeedPageWire = {
            "epoch": self.epoch,
            "cursor": self.cursor,
            "head": self.head,
            "more": self.more,
            "changes": [c.to_wire() for c in self.changes],
        }
        if self.policy:
            wire["policy"] = dict(self.policy)
        return wire

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> FeedPage:
        """The page a wire form holds (``more`` follows from cursor and head); ValueError when none."""
        try:
            changes = tuple(FeedChange.from_wire(c) for c in data["changes"])
            sent = data.get("policy") or {}
            # Only the settings HQ may decide, as whole numbers: anything else is not HQ's to set here.
            policy = {k: v for k, v in sent.items() if k in SHIPPED_SETTINGS and type(v) is int and v > 0}
            return cls(str(data["epoch"]), int(data["cursor"]), int(data["head"]), changes, policy)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a feed page: {exc!r}") from exc


# --- attachment contents (sync/blob_hub.py at HQ, sync/blob_client.py on a laptop) -------------------

BLOB_CHUNK = 1024 * 1024  # bytes of one upload request; a dropped connection loses at most this much
MAX_HASHES = 500  # content addresses in one ``missing`` question


class BlobQueryWire(TypedDict):
    hashes: list[str]


@dataclass(frozen=True)
class BlobQuery:
    """A laptop asks which of its contents HQ lacks (``POST /blobs/missing``)."""

    hashes: tuple[str, ...]

    def to_wire(self) -> BlobQueryWire:
        return {"hashes": list(self.hashes)}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> BlobQuery:
        try:
            hashes = data["hashes"]
            if not isinstance(hashes, list):
                raise TypeError("hashes: expected a list")
            return cls(tuple(str(h) for h in hashes))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a blob query: {exc!r}") from exc


class BlobMissingWire(TypedDict):
    missing: list[str]


@dataclass(frozen=True)
class BlobMissing:
    """HQ's answer: the contents to send; any other was held already (stored once) or is not the
    laptop's to send."""

    missing: tuple[str, ...]

    def to_wire(self) -> BlobMissingWire:
        return {"missing": list(self.missing)}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> BlobMissing:
        try:
            missing = data["missing"]
            if not isinstance(missing, list):
                raise TypeError("missing: expected a list")
            return cls(tuple(str(h) for h in missing))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a missing-contents answer: {exc!r}") from exc


class UploadStateWire(TypedDict):
    sha256: str
    offset: int
    complete: bool


@dataclass(frozen=True)
class UploadState:
    """How far an upload has come at HQ: the bytes staged (where the next chunk starts), or complete."""

    sha256: str
    offset: int
    complete: bool

    def to_wire(self) -> UploadStateWire:
        return {"sha256": self.sha256, "offset": self.offset, "complete": self.complete}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> UploadState:
        try:
            return cls(str(data["sha256"]), int(data["offset"]), bool(data["complete"]))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"not an upload state: {exc!r}") from exc


class BlobStoredWire(TypedDict):
    sha256: str
    size: int
    new: bool


@dataclass(frozen=True)
class BlobStored:
    """An upload checked against its hash and kept (``new`` False: HQ had it already)."""

    sha256: str
    size: int
    new: bool

    def to_wire(self) -> BlobStoredWire:
        return {"sha256": self.sha256, "size": self.size, "new": self.new}

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> BlobStored:
        try:
            return cls(str(data["sha256"]), int(data["size"]), bool(data["new"]))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a stored-content answer: {exc!r}") from exc
