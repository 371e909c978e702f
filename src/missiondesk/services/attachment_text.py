"""Reading the words of attached files into the search index, and the snippet a search shows.

When it runs:
- ``AttachmentService.attach`` reads the file it has just stored (the window attaches on a worker
  thread, the CLI waits; every reader is bounded, ``domain/file_text``), so a file is found by its
  words as soon as it is listed.
- A content that arrives later, by sync or in a bundle's side-car, is read by ``index_text(ctx,
  sha256)``: whatever stores a content for an existing attachment record calls it once the content is
  in the store (it costs nothing when no live attachment names the content, or its kind has no text).
- Files attached before this device could read them, and contents that arrived without the call, are
  read by ``index_pending``: the window runs it in the background after it opens, in batches, and
  ``missiondesk optimize`` runs it too.

The text is kept in the database (encrypted where the database is), one row per content, never in a
file beside it.
"""

from __future__ import annotations

import re

from missiondesk.domain.file_text import READER_VERSION, SEARCHABLE_TYPES, TextLimits, extract_text
from missiondesk.errors import NotFound
from missiondesk.services.context import AppContext
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store import attachment_text, search
from missiondesk.store.blobs import BlobStore

MAX_READ_BYTES = 64 * 1024 * 1024
"""A content larger than this is not read for words (the attachment limit is 25 MB unless HQ raises it)."""

BATCH = 20


def index_text(ctx: AppContext, sha256: str, blobs: BlobStore | None = None) -> bool:
    """Read one content's words into the search documents of its live attachments.

    False when there is nothing to read: no attachment names the content, its kind has no text, or
    the content is not on this device (yet). A damaged or hostile file is read as no words. A content
    read before is not read again: a record written later takes its words when it is indexed.
    """
    with ctx.store.read() as conn:
        kind = attachment_text.media_type(conn, sha256)
        if kind in SEARCHABLE_TYPES and attachment_text.is_read(conn, sha256, READER_VERSION):
            return True
    if kind not in SEARCHABLE_TYPES:
        return False
    store = blobs or _blob_store(ctx)
    if not store.has(sha256) or store.size(sha256) > MAX_READ_BYTES:
        return False
    try:
        with store.open(sha256) as fh:
            data = fh.read(MAX_READ_BYTES + 1)
    except NotFound:
        return False
    text = extract_text(data, kind, TextLimits())
    with ctx.store.write() as conn:
        search.index_content(conn, sha256, READER_VERSION, text)
    return True


def index_pending(
    ctx: AppContext, task: TaskContext | None = None, blobs: BlobStore | None = None, batch: int = BATCH
) -> int:
    """Read every live attachment's content not read yet (or read by an older reader); how many were read.

    In batches of ``batch`` contents, each read and written on its own: a cancel or a closed window
    loses one file's work at most, and the next run carries on.
    """
    task = task or Silent()
    store = blobs or _blob_store(ctx)
    done = 0
    after = ""
    while True:
        with ctx.store.read() as conn:
            shas = attachment_text.unread(conn, READER_VERSION, SEARCHABLE_TYPES, batch, after)
        if not shas:
            return done
        for sha in shas:
            task.check_cancelled()
            done += index_text(ctx, sha, store)
            after = sha
        task.progress(done, done + len(shas), "")


def _blob_store(ctx: AppContext) -> BlobStore:
    from missiondesk.services.attachments import blob_store  # attachments calls index_text: imported late

    return blob_store(ctx)


_BEFORE = 24  # a little of what leads up to the term: a list's column cuts the line's end, not its start
_AFTER = 96


def snippet(text: str, terms: list[str]) -> str:
    """A line of ``text`` around the first of ``terms`` it holds (case ignored), '…' where it was cut."""
    flat = " ".join(text.split())
    found = None
    for term in terms:
        found = re.search(re.escape(term), flat, re.IGNORECASE)
        if found:
            break
    if found is None:
        return flat[: _BEFORE + _AFTER] + ("…" if len(flat) > _BEFORE + _AFTER else "")
    start = max(0, found.start() - _BEFORE)
    end = min(len(flat), found.end() + _AFTER)
    if start:  # whole words at the cuts where a space allows
        space = flat.find(" ", start, found.start())
        start = space + 1 if space != -1 else start
    if end < len(flat):
        space = flat.rfind(" ", found.end(), end)
        end = space if space != -1 else end
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
