"""The attachment contents a bundle carries in its side-cars, into this install's blob store.

The bundle's workbook signs the list (``bundles.sidecars``); ``inspect`` in ``bundle_import`` has
found the side-cars beside it and checked each against its signed hash. Here each content that is
not stored yet, and whose side-cars are all there, is streamed into the blob store, which checks its
SHA-256 against the signed one before the content takes its address (a temporary file until then: a
killed process leaves no half-written content). Contents whose side-cars are missing are *still to
come*: their records are imported all the same, and a later import of the bundle with them (or of
the side-cars alone, beside it) fills them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from missiondesk.bundles import sidecars
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.sidecars import FileEntry
from missiondesk.domain.messages import MessageCode, say
from missiondesk.services.attachment_text import index_text
from missiondesk.services.attachments import blob_store
from missiondesk.services.context import AppContext
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store.blobs import BlobMismatch
from missiondesk.store.errors import environment_errors


@dataclass(frozen=True)
class FilesStored:
    stored: int = 0  # contents stored by this import
    had: int = 0  # contents this install held already (stored once)
    waiting: int = 0  # contents whose side-cars are not here: still to come


def store_files(
    ctx: AppContext,
    files: tuple[FileEntry, ...],
    present: dict[int, Path],
    task: TaskContext | None = None,
    password: str | None = None,
) -> FilesStored:
    """Store each content of ``files`` whose side-cars are all ``present`` and that is not stored yet;
    sealed side-cars (a protected bundle's) are unsealed with ``password``, the one that opened it."""
    task = task or Silent()
    blobs = blob_store(ctx)
    stored = had = waiting = 0
    # Only the side-cars holding a content still to store are unsealed (each costs a pass over it).
    needed = {
        p.sidecar for e in files if sidecars.complete(e, present) and not blobs.has(e.sha256) for p in e.parts
    }
    with (
        environment_errors(),
        sidecars.unsealed({i: present[i] for i in needed}, password) as opened,
        sidecars.SidecarReader(opened) as reader,
    ):
        for done, entry in enumerate(files, start=1):
            task.check_cancelled()
            if blobs.has(entry.sha256):
                had += 1
            elif not sidecars.complete(entry, opened):
                waiting += 1
            else:
                with environment_errors(), reader.open_file(entry) as source:
                    try:
                        blobs.put(source, expected=entry.sha256)
                    except BlobMismatch:
                        name = reader.name(entry.parts[0].sidecar)
                        raise BundleRefused(say(MessageCode.SIDECAR_TAMPERED, file=name)) from None
                index_text(ctx, entry.sha256, blobs)  # its words, as a file attached here would have
                stored += 1
            task.progress(done, len(files), "Storing the attached files")
    return FilesStored(stored, had, waiting)
