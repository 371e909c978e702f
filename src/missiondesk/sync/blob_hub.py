"""HQ's side of attachment contents: who may send or fetch a file, and resumable uploads into its store.

Contents live in a ``BlobStore`` (``store/blobs.py``): a folder under the server's data folder by default.
The hub needs only the protocol's five methods plus reading from an offset, so an S3-compatible store
fits behind the same interface (``has`` = HEAD, ``put`` = a multipart upload checked against the hash,
``open`` = a streaming GET); the staging of partial uploads stays on the server's disk either way.

Scope, decided from HQ's own records, never from the request:

- a device may *send* a content only when an attachment record of its own mission names its hash, and
  no more bytes than that record's size (HQ is not a place to park arbitrary files);
- a device may *fetch* a content when an attachment record it may read names the hash: its own
  mission's, or one attached to a market brief (briefs are published to every mission); an HQ device
  reads everything. Outside that the answer is a refusal, whether or not HQ holds the file, so a hash
  tells another mission nothing.

An upload is staged per device and hash (``staging/<device>/<sha256>.part``): a dropped connection
leaves what arrived, the device asks how many bytes HQ has and continues from there. On ``finish`` the
staged bytes are hashed; a wrong hash is refused and the staged file removed, nothing kept. An upload
nobody continues (the laptop was wiped, the file removed before it was sent) is pruned once untouched
for ``STAGING_KEPT_DAYS``: at server start, at most once a day after a finished upload, and by
``missiondesk-server prune-staging``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role
from missiondesk.errors import NotFound, UserError
from missiondesk.store.blobs import BlobMismatch, BlobStore, Stored, check_address
from missiondesk.store.engine import Store
from missiondesk.store.errors import environment_errors
from missiondesk.store.tables import entity_table
from missiondesk.sync.protocol import UploadState

STAGING_KEPT_DAYS = 7  # a partial upload untouched this long is given up (the laptop sends it anew)
_PRUNE_EVERY = 24 * 3600.0  # seconds between prunes while the server runs


def prune_staging(staging: Path, older_than: dt.timedelta, now: float | None = None) -> int:
    """Remove the partial uploads under ``staging`` untouched for ``older_than`` (and device folders
    left empty); how many were removed. A laptop whose upload was pruned starts it again from 0."""
    cutoff = (time.time() if now is None else now) - older_than.total_seconds()
    removed = 0
    if not staging.is_dir():
        return 0
    with environment_errors():
        for folder in [p for p in staging.iterdir() if p.is_dir()]:
            for part in folder.glob("*.part"):
                with contextlib.suppress(FileNotFoundError):  # finished meanwhile by another process
                    if part.stat().st_mtime < cutoff:
                        os.remove(part)
                        removed += 1
            with contextlib.suppress(OSError):  # not empty, or in use again: kept
                folder.rmdir()
    return removed


class OutOfScope(UserError):
    """The device may not send or fetch this content (HTTP 403)."""


class OffsetAhead(UserError):
    """A chunk starts past what HQ has staged; the device asks again and continues from HQ's count."""


class BlobHub:
    def __init__(
        self,
        store: Store,
        blobs: BlobStore,
        staging: Path,
        kept: dt.timedelta = dt.timedelta(days=STAGING_KEPT_DAYS),
    ) -> None:
        self.store = store
        self.blobs = blobs
        self.staging = staging
        self.kept = kept
        self._pruned_at: float | None = None

    def prune(self) -> int:
        """Give up the partial uploads untouched for ``kept`` (at start, then at most once a day)."""
        self._pruned_at = time.monotonic()
        return prune_staging(self.staging, self.kept)

    def _prune_if_due(self) -> None:
        if self._pruned_at is None or time.monotonic() - self._pruned_at >= _PRUNE_EVERY:
            self.prune()

    # --- scope ------------------------------------------------------------------------------

    def check_readable(self, sha256: str, role: Role, mission: str) -> None:
        check_address(sha256)
        if role is Role.HQ:
            return
        with self.store.read() as conn:
            if not _named(conn, sha256, mission, shared_briefs=True):
                raise OutOfScope(say(MessageCode.BLOB_OUT_OF_SCOPE))

    def writable_size(self, sha256: str, role: Role, mission: str) -> int:
        """The most bytes this device may send for ``sha256`` (the largest size its records name)."""
        check_address(sha256)
        with self.store.read() as conn:
            table = entity_table("attachment")
            stmt = sa.select(sa.func.max(table.c.size)).where(table.c.sha256 == sha256)
            if role is not Role.HQ:
                stmt = stmt.where(table.c.owner_mission == mission)
            size = conn.execute(stmt).scalar_one_or_none()
        if size is None:
            raise OutOfScope(say(MessageCode.BLOB_OUT_OF_SCOPE))
        return int(size)

    def missing(self, hashes: list[str], role: Role, mission: str) -> list[str]:
        """Of ``hashes`` this device may send, those HQ does not hold yet (the rest need no upload)."""
        out = []
        for h in hashes:
            try:
                self.writable_size(h, role, mission)
            except OutOfScope:
                continue  # not the device's to send (its record has not arrived, or another mission's)
            if not self.blobs.has(h):
                out.append(h)
        return out

    # --- uploads ------------------------------------------------------------------------------

    def _part(self, device_id: str, sha256: str) -> Path:
        return self.staging / device_id / f"{sha256}.part"  # the id comes from HQ's device table

    def state(self, device_id: str, sha256: str, role: Role, mission: str) -> UploadState:
        self.writable_size(sha256, role, mission)
        if self.blobs.has(sha256):
            return UploadState(sha256, self.blobs.size(sha256), True)
        part = self._part(device_id, sha256)
        return UploadState(sha256, part.stat().st_size if part.is_file() else 0, False)

    def append(
        self, device_id: str, sha256: str, offset: int, data: bytes, role: Role, mission: str
    ) -> UploadState:
        """Write ``data`` at ``offset`` of the staged upload. A chunk sent again (its answer was lost)
        overwrites what it sent before; one that starts past the staged bytes is refused."""
        limit = self.writable_size(sha256, role, mission)
        if self.blobs.has(sha256):
            return UploadState(sha256, self.blobs.size(sha256), True)
        if offset + len(data) > limit:
            raise UserError(say(MessageCode.BLOB_LARGER_THAN_RECORD, size=limit))
        part = self._part(device_id, sha256)
        with environment_errors():
            part.parent.mkdir(parents=True, exist_ok=True)
            have = part.stat().st_size if part.is_file() else 0
            if offset > have:
                raise OffsetAhead(say(MessageCode.BLOB_OFFSET_AHEAD, have=have, offset=offset))
            with part.open("r+b" if part.exists() else "wb") as fh:
                fh.seek(offset)
                fh.write(data)
                fh.truncate()
            return UploadState(sha256, offset + len(data), False)

    def finish(self, device_id: str, sha256: str, role: Role, mission: str) -> Stored:
        """Check the staged bytes against their hash and keep them; a mismatch keeps nothing."""
        self.writable_size(sha256, role, mission)
        part = self._part(device_id, sha256)
        if self.blobs.has(sha256):
            _remove(part)
            return Stored(sha256, self.blobs.size(sha256), new=False)
        if not part.is_file():
            raise NotFound(say(MessageCode.BLOB_NOT_AT_HQ))
        try:
            with environment_errors(), part.open("rb") as fh:
                return self.blobs.put(fh, expected=sha256)
        except BlobMismatch:
            raise BlobMismatch(say(MessageCode.BLOB_HASH_MISMATCH, sha256=sha256)) from None
        finally:
            _remove(part)
            self._prune_if_due()

    # --- downloads ----------------------------------------------------------------------------

    def open_from(self, sha256: str, offset: int) -> tuple[BinaryIO, int]:
        """The content from ``offset`` on, and its whole size (NotFound when HQ does not hold it)."""
        if not self.blobs.has(sha256):
            raise NotFound(say(MessageCode.BLOB_NOT_AT_HQ))
        size = self.blobs.size(sha256)
        fh = self.blobs.open(sha256)
        if offset and fh.seekable():
            fh.seek(offset)
        elif offset:  # an encrypted or streamed store: read past what the device has
            left = offset
            while left and (block := fh.read(min(left, 1024 * 1024))):
                left -= len(block)
        return fh, size


def _named(conn: Connection, sha256: str, mission: str, *, shared_briefs: bool) -> bool:
    """Whether an attachment record of ``mission`` (or, with ``shared_briefs``, on a brief) names it."""
    table = entity_table("attachment")
    scope = table.c.owner_mission == mission
    if shared_briefs:
        scope = sa.or_(scope, table.c.brief_id.is_not(None))
    found = conn.execute(sa.select(table.c.id).where(table.c.sha256 == sha256, scope).limit(1)).first()
    return found is not None


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
