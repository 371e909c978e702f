"""Files attached to cases, activities, briefs, meetings and proposals.

An attachment is two things kept apart: its record (file name, SHA-256, size, media type, the one
record it belongs to), a synced record like any other that travels as ops and goes to the trash; and
its content, stored once per SHA-256 in the data folder (``store/blobs.py``), encrypted where the
database is. Sync and bundles will carry contents by hash beside the ops; nothing here sends them.

A file is checked by its content before anything is stored (``domain/file_types``): the size first,
against the limit HQ sets (one setting, ``MAX_BYTES_SETTING``; 25 MB when none is set). The words
of a PDF, DOCX, HWPX or text file are read into the search index as it is attached
(``services/attachment_text``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from missiondesk.domain.file_types import DEFAULT_MAX_BYTES, MAX_BYTES_SETTING, check_file
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role, write_refusal
from missiondesk.domain.records import Change, ListQuery, Record
from missiondesk.domain.schema import ATTACHMENT_PARENTS, entity
from missiondesk.errors import NotFound, UserError
from missiondesk.services import attachment_text
from missiondesk.services.context import AppContext
from missiondesk.services.records import PermissionDenied, RecordService
from missiondesk.store import settings
from missiondesk.store.blobs import BlobStore, FolderBlobStore, content_key
from missiondesk.store.engine import fsync_file
from missiondesk.store.errors import environment_errors

ENTITY = "attachment"
PARENT_FIELDS: dict[str, str] = {target: name for name, target, *_ in ATTACHMENT_PARENTS}
"""The entity a file is attached to -> the attachment's field that names it."""

"""The one place a file's size limit is kept: HQ's figure (shipped to laptops), else DEFAULT_MAX_BYTES."""

_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')  # what Windows refuses in a file name
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MAX_NAME = 255


def blob_store(ctx: AppContext) -> FolderBlobStore:
    """The data folder's content store, encrypted under a key derived from the database's own."""
    key = ctx.store.key
    return FolderBlobStore(ctx.paths.attachments, content_key(key.raw) if key is not None else None)


def safe_file_name(name: str) -> str:
    """A file name that is valid on Windows and names no folder: the attachment's and the saved copy's."""
    base = _NOT_IN_NAMES.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if not base:
        base = "attachment"
    if _RESERVED.match(base):
        base = "_" + base
    if len(base) > _MAX_NAME:
        stem, dot, suffix = base.rpartition(".")
        keep = f".{suffix}" if dot and len(suffix) <= 16 else ""
        base = (stem if keep else base)[: _MAX_NAME - len(keep)] + keep
    return base


@dataclass(frozen=True)
class Attached:
    change: Change
    stored_new: bool  # False: the same content was already in the store (kept once)


class AttachmentService:
    def __init__(
        self, ctx: AppContext, records: RecordService | None = None, blobs: BlobStore | None = None
    ) -> None:
        self.ctx = ctx
        self.records = records or RecordService(ctx)
        self.blobs = blobs or blob_store(ctx)

    def max_bytes(self) -> int:
        with self.ctx.store.read() as conn:
            value = settings.get(conn, MAX_BYTES_SETTING)
        return int(value) if isinstance(value, int) and value > 0 else DEFAULT_MAX_BYTES

    def set_max_bytes(self, limit: int) -> None:
        """HQ's limit on one file, for every laptop: each takes it from its next sync's feed page."""
        if self.ctx.device.role is not Role.HQ:
            raise UserError(say(MessageCode.ATTACHMENT_LIMIT_HQ_ONLY))
        if limit < 1024 * 1024:
            raise UserError(say(MessageCode.ATTACHMENT_LIMIT_TOO_SMALL))
        with self.ctx.store.write() as conn:
            settings.put(conn, MAX_BYTES_SETTING, int(limit))

    def attach(self, parent_entity: str, parent_id: str, path: Path, name: str | None = None) -> Attached:
        """Check ``path`` by its content, store it once by hash, and make its record under the parent."""
        field = _parent_field(parent_entity)
        file_name = safe_file_name(name or path.name)
        self._check_parent(parent_entity, parent_id)
        if not path.is_file():
            raise NotFound(f"{path} is not a file that can be read.")
        with environment_errors():
            limit = self.max_bytes()
            kind = check_file(path, limit, file_name)
            with path.open("rb") as fh:
                stored = self.blobs.put(fh)
        if stored.size > limit:  # the file grew between the check and the copy
            self._forget(stored.sha256, stored.new)
            check_file(path, limit, file_name)
        values = {
            field: parent_id,
            "file_name": file_name,
            "sha256": stored.sha256,
            "size": stored.size,
            "media_type": kind.media_type,
        }
        try:
            change = self.records.create(ENTITY, values)
        except BaseException:
            self._forget(stored.sha256, stored.new)
            raise
        attachment_text.index_text(self.ctx, stored.sha256, self.blobs)  # bounded; see its module
        return Attached(change, stored.new)

    def _check_parent(self, parent_entity: str, parent_id: str) -> None:
        """The record exists, is live, and is this mission's own: a file goes with its mission's record
        (another mission's shared brief is read here, but its files are its owner's to add)."""
        parent = self.records.get(parent_entity, parent_id)
        if parent.is_deleted:
            raise UserError("This record is in the trash; restore it before attaching files to it.")
        device = self.ctx.device
        reason = write_refusal(
            entity(ENTITY), parent.owner_mission, device.role, device.mission, whole_record=True
        )
        if reason is not None:
            raise PermissionDenied(reason)

    def _forget(self, sha256: str, new: bool) -> None:
        """Drop a content stored for a record that was not made (never one another record names)."""
        if new:
            with contextlib.suppress(OSError):
                self.blobs.delete(sha256)

    def list(self, parent_entity: str, parent_id: str) -> tuple[Record, ...]:
        """The live attachments of one record, oldest first."""
        query = ListQuery(
            ENTITY, equals={_parent_field(parent_entity): parent_id}, sort="created_at", limit=1000
        )
        return self.records.list(query).rows

    def get(self, attachment_id: str) -> Record:
        return self.records.get(ENTITY, attachment_id)

    def save_as(self, attachment_id: str, destination: Path) -> Path:
        """Write the file's content to ``destination`` (a folder: the file's own name inside it)."""
        record = self.get(attachment_id)
        target = (
            destination / safe_file_name(str(record["file_name"])) if destination.is_dir() else destination
        )
        with environment_errors():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=target.suffix)
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "wb") as out, self.blobs.open(str(record["sha256"])) as src:
                    for block in iter(lambda: src.read(1024 * 1024), b""):
                        out.write(block)
                fsync_file(tmp)
                os.replace(tmp, target)  # closed first: Windows replaces only a closed file
            finally:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
        return target

    def open_to_temp(self, attachment_id: str) -> Path:
        """A plain copy in a private temporary folder, for the system's viewer.

        The copy is readable only by this user (the folder is made 0700 on POSIX and under the user's
        own temp folder on Windows); it leaves the data folder's protection, as any opened file does,
        until ``remove_temp_copies`` takes it away at the next start or close.
        """
        folder = Path(tempfile.mkdtemp(prefix=self._temp_prefix()))
        return self.save_as(attachment_id, folder)

    def remove_temp_copies(self) -> int:
        """Remove the plain copies ``open_to_temp`` left for this data folder; how many folders went.

        Run when the window opens and closes. On Windows a copy a viewer still holds open cannot be
        deleted: it is left as it is (no error for the person) and removed next time.
        """
        removed = 0
        for folder in Path(tempfile.gettempdir()).glob(self._temp_prefix() + "*"):
            if folder.is_symlink() or not folder.is_dir() or not _ours(folder):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
        return removed

    def _temp_prefix(self) -> str:
        """Temp copies' folder names, this data folder's own: its clean-up leaves another folder's alone."""
        root = str(self.ctx.paths.root.resolve())
        return f"missiondesk-open-{hashlib.sha256(root.encode('utf-8')).hexdigest()[:16]}-"

    def remove(self, attachment_id: str) -> Change:
        """To the trash, like any record: the content stays, so a restore brings the file back."""
        return self.records.delete(ENTITY, attachment_id)

    def restore(self, attachment_id: str) -> Change:
        return self.records.restore(ENTITY, attachment_id)

    def has_content(self, record: Record) -> bool:
        """Whether this device holds the file (a record synced from another laptop may not, yet)."""
        return self.blobs.has(str(record["sha256"]))

    def still_to_come(self, records: Iterable[Record]) -> frozenset[str]:
        """The ids of ``records`` whose file is not on this device yet: its record came (by sync, or
        in a bundle whose side-car is missing) and the content is to follow."""
        return frozenset(r.id for r in records if not self.has_content(r))


def _ours(folder: Path) -> bool:
    """Made by this user (a shared POSIX temp folder holds other people's; Windows' is per user)."""
    getuid = getattr(os, "getuid", None)
    try:
        return getuid is None or folder.stat().st_uid == getuid()
    except OSError:  # gone meanwhile
        return False


def _parent_field(parent_entity: str) -> str:
    try:
        return PARENT_FIELDS[parent_entity]
    except KeyError:
        raise UserError(f"Files cannot be attached to a {parent_entity}.") from None


def parent_of(record: Record) -> tuple[str, str]:
    """The (entity, id) an attachment belongs to."""
    for name, target, *_ in ATTACHMENT_PARENTS:
        value = record.get(name)
        if value:
            return target, str(value)
    raise NotFound("This attachment belongs to no record.")
