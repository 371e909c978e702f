"""A laptop's side of attachment contents: send what HQ lacks, fetch what this laptop lacks (no Qt).

Uploads go in chunks of ``protocol.BLOB_CHUNK``; before the first chunk the laptop asks HQ how many
bytes it has (``UploadState``) and continues from there, so a connection that dropped mid-file costs
at most one chunk. HQ checks the whole content's SHA-256 at ``finish``.

Downloads go into ``<partial_dir>/<sha256>.download`` (``store.blobs.Partial``: sealed a 1 MiB chunk at a
time where the store is encrypted, so no plain bytes wait on disk); a dropped or cancelled download keeps
what arrived (less the chunk in progress, when sealed), and the next attempt asks for the rest
(``Range: bytes=N-``). Only a complete content that
hashes to its address enters the store (``BlobStore.put(expected=…)``, itself written to a temporary
file and moved into place): the store never holds half a file. A content that does not match is
removed, partial file and all, and refused.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import httpx

from missiondesk.domain.messages import MessageCode, said_by, say
from missiondesk.errors import MissionDeskError, NotFound
from missiondesk.store.blobs import BlobMismatch, BlobStore, DamagedBlob, Partial
from missiondesk.store.errors import environment_errors
from missiondesk.sync import protocol
from missiondesk.sync.backoff import Backoff
from missiondesk.sync.client import (
    Offline,
    Progress,
    ServerProblem,
    SyncClient,
    SyncRefused,
    failure,
)
from missiondesk.sync.protocol import BlobMissing, BlobQuery, BlobStored, UploadState

_MB = 1024 * 1024

# One file's problems: HQ's copy (or this laptop's) does not match its hash, HQ refuses or fails on that
# file. Counted and said, and the other files go on. Everything else ends the cycle as before: the
# network gone (``Offline``: the next cycle continues), this device or app refused, the person
# cancelling, this laptop's disk full.
_FILE_PROBLEMS: tuple[type[MissionDeskError], ...] = (BlobMismatch, DamagedBlob, SyncRefused, ServerProblem)


class BlobTransfer:
    def __init__(
        self,
        client: SyncClient,
        blobs: BlobStore,
        partial_dir: Path,
        partial: Callable[[Path], Partial] | None = None,
    ) -> None:
        """``partial`` keeps a download in progress (``FolderBlobStore.partial``: sealed like the
        store's contents); by default the bytes are kept as they come."""
        self.client = client
        self.blobs = blobs
        self.partial_dir = partial_dir
        self.partial = partial or (lambda path: Partial(path, None))
        self.problems: list[str] = []  # one sentence (its code kept) per file that failed this time

    # --- up -------------------------------------------------------------------------------------

    def missing_at_hq(self, hashes: Sequence[str]) -> list[str]:
        """Of ``hashes``, those HQ lacks and accepts from this laptop (the rest: stored once already)."""
        out: list[str] = []
        for start in range(0, len(hashes), protocol.MAX_HASHES):
            query = BlobQuery(tuple(hashes[start : start + protocol.MAX_HASHES]))
            answer = self.client.send("POST", "/blobs/missing", json=query.to_wire())
            out += BlobMissing.from_wire(answer).missing
        return out

    def upload_all(self, hashes: Sequence[str], task: Progress) -> int:
        """Send every content of ``hashes`` HQ lacks; how many were sent."""
        wanted = self.missing_at_hq(hashes)
        sizes = {h: self.blobs.size(h) for h in wanted}
        meter = _Meter(task, sum(sizes.values()), MessageCode.BLOB_SENDING)
        sent = 0
        for h in wanted:
            try:
                self.upload(h, task, meter)
                sent += 1
            except _FILE_PROBLEMS as exc:
                self.problems.append(said_by(exc))
        return sent

    def upload(self, sha256: str, task: Progress, meter: _Meter | None = None) -> BlobStored | None:
        """Send one content from where HQ's upload stands; None when HQ had it already."""
        meter = meter or _Meter(task, self.blobs.size(sha256), MessageCode.BLOB_SENDING)
        path = f"/blobs/{sha256}/upload"
        state = UploadState.from_wire(self.client.send("GET", path))
        if state.complete:
            meter.add(self.blobs.size(sha256))
            return None
        with self.blobs.open(sha256) as fh:
            _skip(fh, state.offset)
            meter.add(state.offset)
            offset = state.offset
            while block := fh.read(protocol.BLOB_CHUNK):
                task.check_cancelled()
                answer = self.client.send("PUT", path, params={"offset": offset}, content=block)
                offset = UploadState.from_wire(answer).offset
                meter.add(len(block))
                # httpx leaves each request (and its 1 MiB body) in a reference cycle with its response;
                # freed at once here, memory stays flat instead of holding dozens of sent chunks.
                gc.collect(1)
        return BlobStored.from_wire(self.client.send("POST", f"/blobs/{sha256}/finish"))

    # --- down -----------------------------------------------------------------------------------

    def download_all(self, wanted: Iterable[tuple[str, int]], task: Progress) -> tuple[int, int]:
        """Fetch each (hash, size) this laptop lacks: (fetched, still at their laptop, not yet at HQ)."""
        todo = [(h, size) for h, size in dict(wanted).items() if not self.blobs.has(h)]
        meter = _Meter(task, sum(size for _h, size in todo), MessageCode.BLOB_RECEIVING)
        fetched = waiting = 0
        for h, _size in todo:
            try:
                self.download(h, task, meter)
                fetched += 1
            except NotFound:
                waiting += 1  # the laptop that attached it has not sent it yet: next time
            except _FILE_PROBLEMS as exc:
                self.problems.append(said_by(exc))
        return fetched, waiting

    def download(self, sha256: str, task: Progress, meter: _Meter | None = None) -> bool:
        """Fetch one content into the store, continuing a partial download; False when it was there."""
        if self.blobs.has(sha256):
            return False
        meter = meter or _Meter(task, 0, MessageCode.BLOB_RECEIVING)
        path = self.partial_dir / f"{sha256}.download"
        c = self.client
        backoff = Backoff(c.backoff.base, c.backoff.factor, c.backoff.cap, c.backoff.jitter, c.backoff.rng)
        renew = False
        while True:
            part = self.partial(path)  # what the disk holds: a tail lost with a drop is asked for again
            headers = c.auth_headers(renew=renew)
            if part.size:
                headers["Range"] = f"bytes={part.size}-"
            try:
                if self._receive(sha256, part, headers, task, meter, renew):
                    break
                renew = True  # 401 once: a fresh token
            except httpx.TransportError as exc:
                if backoff.failures < c.retries:
                    c.sleep(backoff.failed())
                    continue
                raise Offline(f"HQ's server at {c.server_url} cannot be reached ({exc}).") from exc
        try:
            with environment_errors(), part.reader() as fh:
                self.blobs.put(fh, expected=sha256)
        except (BlobMismatch, DamagedBlob):
            raise BlobMismatch(say(MessageCode.BLOB_HASH_MISMATCH, sha256=sha256)) from None
        finally:
            part.remove()  # kept only while incomplete: a complete one is in the store or refused
        return True

    def _receive(
        self,
        sha256: str,
        part: Partial,
        headers: dict[str, str],
        task: Progress,
        meter: _Meter,
        renewed: bool,
    ) -> bool:
        """One request for the rest of the content, appended to ``part``; False to retry with a new token."""
        with self.client.http.stream("GET", f"/blobs/{sha256}", headers=headers) as response:
            status = response.status_code
            if status == 416:
                return True  # HQ has no byte past ours: the partial file is complete (put checks it)
            if status == 401 and not renewed:
                response.read()
                return False
            if status >= 300:
                response.read()
                error = failure(response)
                if status == 404:
                    raise NotFound(error.args[0]) from None  # HQ's sentence, its code kept
                raise error
            if status == 200 and part.size:
                part.restart()  # HQ sent the whole content: begin the partial file again
            if not meter.total:
                meter.total = part.size + int(response.headers.get("Content-Length", "0"))
            meter.add(part.size)
            for block in response.iter_bytes():  # as it arrives
                part.append(block)
                meter.add(len(block))
                task.check_cancelled()
        return True


class _Meter:
    """Bytes done of bytes to do, reported in whole MB."""

    def __init__(self, task: Progress, total: int, code: MessageCode) -> None:
        self.task = task
        self.total = total
        self.done = 0
        self.code = code

    def add(self, n: int) -> None:
        self.done += n
        if n:
            text = say(self.code, done=self.done // _MB, total=max(self.total, self.done) // _MB)
            self.task.progress(self.done, max(self.total, self.done), text)


def _skip(fh: BinaryIO, n: int) -> None:
    """Move past the first ``n`` bytes (read through them when the stream cannot seek: decrypting)."""
    if not n:
        return
    if fh.seekable():
        fh.seek(n)
        return
    left = n
    while left:
        block = fh.read(min(left, protocol.BLOB_CHUNK))
        if not block:
            break
        left -= len(block)
