"""HTTP routes for attachment contents: resumable chunked upload, and ranged download by hash.

    POST /v1/blobs/missing                 which of these hashes HQ lacks (BlobQuery -> BlobMissing)
    GET  /v1/blobs/{sha256}/upload         how many bytes HQ has of an upload (UploadState)
    PUT  /v1/blobs/{sha256}/upload?offset  one chunk of raw bytes at ``offset`` (UploadState)
    POST /v1/blobs/{sha256}/finish         check the hash and keep the content (BlobStored)
    GET  /v1/blobs/{sha256}                the content; ``Range: bytes=N-`` continues a download (206)

Scope and staging are ``sync/blob_hub``'s; refusals carry a ``code`` (``blob_out_of_scope``: 403).
"""

# No ``from __future__ import annotations``: FastAPI reads the route signatures at run time.
from collections.abc import Callable, Iterator
from typing import Annotated, Any, BinaryIO

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from missiondesk.errors import Malformed
from missiondesk.server import auth
from missiondesk.sync import protocol
from missiondesk.sync.blob_hub import BlobHub
from missiondesk.sync.protocol import BlobMissing, BlobQuery, BlobStored

SHA256 = r"^[0-9a-f]{64}$"
_RANGE_PREFIX = "bytes="


def add_blob_routes(
    app: FastAPI, hub: BlobHub, current: Callable[..., auth.Caller], versioned: list[Any]
) -> None:
    as_device = Annotated[auth.Caller, Depends(current)]
    address = Annotated[str, Path(pattern=SHA256)]
    api = f"{protocol.API}/blobs"

    @app.post(f"{api}/missing", tags=["attachments"], dependencies=versioned)
    def missing(body: dict[str, Any], who: as_device) -> dict[str, Any]:
        try:
            query = BlobQuery.from_wire(body)
        except ValueError as exc:
            raise Malformed(f"The question cannot be read ({exc}).") from exc
        if len(query.hashes) > protocol.MAX_HASHES:
            raise Malformed(f"Ask about at most {protocol.MAX_HASHES} files at a time.")
        return dict(BlobMissing(tuple(hub.missing(list(query.hashes), who.role, who.mission))).to_wire())

    @app.get(f"{api}/{{sha256}}/upload", tags=["attachments"], dependencies=versioned)
    def upload_state(sha256: address, who: as_device) -> dict[str, Any]:
        return dict(hub.state(who.device_id, sha256, who.role, who.mission).to_wire())

    @app.put(f"{api}/{{sha256}}/upload", tags=["attachments"], dependencies=versioned)
    async def upload_chunk(
        sha256: address,
        request: Request,
        who: as_device,
        offset: Annotated[int, Query(ge=0, le=2**53)] = 0,
    ) -> dict[str, Any]:
        data = await request.body()  # at most the server's body limit; laptops send BLOB_CHUNK
        state = await run_in_threadpool(
            hub.append, who.device_id, sha256, offset, data, who.role, who.mission
        )
        return dict(state.to_wire())

    @app.post(f"{api}/{{sha256}}/finish", tags=["attachments"], dependencies=versioned)
    def finish(sha256: address, who: as_device) -> dict[str, Any]:
        stored = hub.finish(who.device_id, sha256, who.role, who.mission)
        return dict(BlobStored(stored.sha256, stored.size, stored.new).to_wire())

    @app.get(f"{api}/{{sha256}}", tags=["attachments"], dependencies=versioned)
    def download(
        sha256: address,
        who: as_device,
        range_: Annotated[str | None, Header(alias="Range", max_length=64)] = None,
    ) -> Response:
        hub.check_readable(sha256, who.role, who.mission)  # before anything about the file is said
        start = _range_start(range_)
        fh, size = hub.open_from(sha256, start)
        if start and start >= size:  # nothing past what the device has (its partial file is whole)
            fh.close()
            return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
        headers = {"Content-Length": str(size - start), "Accept-Ranges": "bytes"}
        if range_ is not None:
            headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
        return StreamingResponse(
            _chunks(fh),
            status_code=206 if range_ is not None else 200,
            media_type="application/octet-stream",
            headers=headers,
        )


def _range_start(value: str | None) -> int:
    """``bytes=N-`` (the one form a resuming laptop sends) -> N; no header -> 0."""
    if value is None:
        return 0
    first, dash, rest = value.removeprefix(_RANGE_PREFIX).partition("-")
    if not value.startswith(_RANGE_PREFIX) or not dash or rest or not first.isdigit():
        raise Malformed("Only a range of the form 'bytes=N-' is served.")
    return int(first)


def _chunks(fh: BinaryIO) -> Iterator[bytes]:
    try:
        while block := fh.read(protocol.BLOB_CHUNK):
            yield block
    finally:
        fh.close()
