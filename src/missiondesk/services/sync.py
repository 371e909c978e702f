"""Sync with HQ's server, for the window, the CLI and tests: enrol once, then sync cycles.

The UI calls three things, each from its task runner (they block on the network):
- ``SyncService(ctx).enroll(server_url, code)`` once per laptop;
- ``SyncService(ctx).sync_once(task)`` for one cycle (hello, push, pull), returning a ``SyncReport``;
- ``SyncService(ctx).status()`` for the indicator (local only, fast: no network).
After the records, a cycle moves attachment contents (``sync/blob_client``): it sends the contents of this
mission's attachments that HQ lacks, then fetches those of attachments it holds records of but not
contents. ``fetch_content(sha256)`` fetches one when it is opened (another mission's shared-brief file).
``sync.loop.SyncLoop`` says when to call ``sync_once``. Two cycles never run at once on a laptop
(``SyncBusy``), whether they come from one process or two.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import sqlalchemy as sa

from missiondesk.domain.enums import ConflictStatus
from missiondesk.domain.messages import MessageCode, heard, said_by, say
from missiondesk.domain.permissions import Role
from missiondesk.errors import MissionDeskError, UserError
from missiondesk.services.attachment_text import index_pending, index_text
from missiondesk.services.attachments import blob_store
from missiondesk.services.context import AppContext
from missiondesk.services.credentials import CredentialStore, KeyringLike
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store import devices, outbox, settings
from missiondesk.store.records import utcnow
from missiondesk.store.tables import entity_table
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync.blob_client import BlobTransfer
from missiondesk.sync.client import (
    AppTooOld,
    DeviceRefused,
    Enrolment,
    Offline,
    ServerProblem,
    SyncClient,
    SyncRefused,
    SyncReport,
    normalise_url,
)
from missiondesk.sync.lock import SyncBusy, SyncLock
from missiondesk.sync.replica import MassChangeRefused

SERVER_URL = "sync_server_url"
ENROLLED_DEVICE = "sync_enrolled_device"
LAST_SYNC_AT = "sync_last_at"
LAST_ERROR = "sync_last_error"
DEVICE_REFUSED = "sync_device_refused"  # HQ refused this device itself (revoked, credential lost)
LAST_REPORT = "sync_last_report"
LOCK_FILE = "sync.lock"

__all__ = [
    "AppTooOld",
    "DeviceRefused",
    "EnrolResult",
    "MassChangeRefused",
    "Offline",
    "ServerProblem",
    "SyncBusy",
    "SyncRefused",
    "SyncReport",
    "SyncService",
    "SyncStatus",
]


@dataclass(frozen=True)
class EnrolResult:
    device_id: str
    mission: str
    slot: int
    server_url: str
    credential_where: str  # "the system keyring" or the fallback file
    notice: str  # a sentence to show when the keyring was not available, else ""


@dataclass(frozen=True)
class SyncStatus:
    server_url: str | None
    enrolled: bool
    last_sync_at: dt.datetime | None  # UTC, of the last cycle that finished without an error
    last_error: str | None  # the last cycle's error, None after a good one
    unsent: int  # ops waiting to go to HQ
    rejected: int  # ops HQ refused (kept with their reason)
    conflicts: int  # open conflicts on this laptop
    credential_where: str
    device_refused: bool = False  # the last cycle was refused for this device: it needs a new code
    files_failed: int = 0  # attachment contents the last cycle could not move (tried again next time)

    @property
    def needs_code(self) -> bool:
        """Whether the laptop needs HQ's enrolment code (first connection, or enrolling again)."""
        return not self.enrolled or self.device_refused


class SyncService:
    def __init__(
        self,
        ctx: AppContext,
        *,
        transport: httpx.BaseTransport | None = None,
        keyring: KeyringLike | bool | None = True,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
    ) -> None:
        self.ctx = ctx
        self.transport = transport
        self.credentials = CredentialStore(ctx.paths, keyring)
        self.sleep = sleep
        self.timeout = timeout
        self._token: tuple[str, float] | None = None  # reused across cycles while it is valid

    def _client(self, url: str, credential: str | None) -> SyncClient:
        return SyncClient(
            self.ctx,
            url,
            credential,
            transport=self.transport,
            sleep=self.sleep,
            timeout=self.timeout,
            token=self._token,
        )

    def _lock(self) -> SyncLock:
        return SyncLock(self.ctx.paths.root / LOCK_FILE)

    def enroll(self, server_url: str, code: str, label: str = "") -> EnrolResult:
        """Spend HQ's one-time code: this laptop becomes a device of its mission on that server.

        Blocks for one or two round trips (seconds at most; ``Offline`` after the timeout).
        """
        url = normalise_url(server_url)
        with self._lock(), self._client(url, None) as client:
            client.hello()
            enrolment: Enrolment = client.enrol(code.strip(), label)
            where = self.credentials.save(enrolment.device_id, enrolment.credential)
            with self.ctx.store.write() as conn:
                settings.put(conn, SERVER_URL, url)
                settings.put(conn, ENROLLED_DEVICE, enrolment.device_id)
                settings.put(conn, LAST_ERROR, None)
                settings.put(conn, DEVICE_REFUSED, None)
                if enrolment.slot != self.ctx.device.slot:
                    devices.set_slot(conn, self.ctx.device.device_id, enrolment.slot)
            if enrolment.slot != self.ctx.device.slot:
                self.ctx.device = dataclasses.replace(self.ctx.device, slot=enrolment.slot)
        return EnrolResult(
            enrolment.device_id, enrolment.mission, enrolment.slot, url, where, self.credentials.notice
        )

    def sync_once(
        self, task: TaskContext | None = None, *, confirm_mass_change: bool = False, verify: bool = False
    ) -> SyncReport:
        """One cycle: hello, push the outbox, pull every page (and with ``verify``, compare and repair).

        Blocks for the whole cycle: a few hundred milliseconds when there is little to do, longer for a
        large backlog (progress goes to ``task``; ``task.check_cancelled`` stops between batches and
        pages, keeping what was committed). Raises ``SyncBusy`` when another sync runs,
        ``MassChangeRefused`` when a page would remove many records (ask, then call again with
        ``confirm_mass_change=True``), ``AppTooOld``, ``DeviceRefused``, ``Offline``/``ServerProblem``.
        """
        url, device = self._enrolment()
        credential = self.credentials.load(device)
        if credential is None:
            missing = DeviceRefused(
                "This laptop's device credential is missing; enrol it again with a code from HQ."
            )
            self._note(error=str(missing), refused=True)
            raise missing
        with self._lock():
            try:
                with self._client(url, credential) as client:
                    report = client.run(task or Silent(), confirm_mass_change=confirm_mass_change)
                    self._move_files(client, task or Silent(), report)
                    if verify:
                        client.verify(report)
                    self._token = client.token
            except MissionDeskError as exc:
                self._token = None
                self._note(error=said_by(exc), refused=isinstance(exc, DeviceRefused))
                raise
            self._note(error=None, report=report)
        return report

    def _transfer(self, client: SyncClient) -> BlobTransfer:
        store = blob_store(self.ctx)
        return BlobTransfer(client, store, self.ctx.paths.attachments / "tmp", store.partial)

    def _move_files(self, client: SyncClient, task: TaskContext, report: SyncReport) -> None:
        """Send this mission's contents HQ lacks (their records went up just before), then fetch the
        contents of its own mission's records this laptop holds without them. A dropped connection raises ``Offline``
        like any step; what was sent or received so far is kept and the next cycle continues it. A
        problem of one file (HQ's copy does not match its hash, HQ refuses it) is counted in the report
        (``files_failed``, ``file_problems``) and the other files go on."""
        transfer = self._transfer(client)
        table = entity_table("attachment")
        device = self.ctx.device
        with self.ctx.store.read() as conn:
            ours = sa.select(table.c.sha256).distinct()
            if device.role is not Role.HQ:
                ours = ours.where(table.c.owner_mission == device.mission)
            mine = [h for h in conn.execute(ours).scalars() if transfer.blobs.has(h)]
            # A mission laptop keeps its own mission's files for offline work; an HQ device, which
            # reads every mission's, fetches a file when it is opened instead of all of them.
            live = conn.execute(
                sa.select(table.c.sha256, table.c.size).where(
                    table.c.deleted_at.is_(None), table.c.owner_mission == device.mission
                )
            ).all()
        try:
            report.files_sent += transfer.upload_all(mine, task)
            fetched, waiting = transfer.download_all(((h, int(size)) for h, size in live), task)
            if fetched:
                index_pending(self.ctx, task, transfer.blobs)  # the fetched files' words, for search
            report.files_received += fetched
            report.files_waiting += waiting
        finally:
            report.files_failed += len(transfer.problems)
            report.file_problems += transfer.problems

    def fetch_content(self, sha256: str, task: TaskContext | None = None) -> bool:
        """Fetch one attachment's content from HQ when it is opened and not here (another mission's
        shared-brief file, or one a sync has not fetched yet); False when it was here already.

        Blocks on the network (run it from the task runner); ``SyncRefused`` with ``blob_out_of_scope``
        when HQ does not send this file to this device, ``NotFound`` when HQ does not have it yet."""
        if blob_store(self.ctx).has(sha256):
            return False
        url, device = self._enrolment()
        credential = self.credentials.load(device)
        with self._lock(), self._client(url, credential) as client:
            transfer = self._transfer(client)
            done = transfer.download(sha256, task or Silent())
            self._token = client.token
        if done:
            index_text(self.ctx, sha256, transfer.blobs)
        return done

    def status(self) -> SyncStatus:
        """The indicator's facts, from the local database only (fast, no network)."""
        conflict = entity_table("conflict")
        with self.ctx.store.read() as conn:
            url = settings.get(conn, SERVER_URL)
            enrolled = settings.get(conn, ENROLLED_DEVICE) == self.ctx.device.device_id
            last = settings.get(conn, LAST_SYNC_AT)
            error = _stored_error(settings.get(conn, LAST_ERROR))
            refused = bool(settings.get(conn, DEVICE_REFUSED))
            last_report = settings.get(conn, LAST_REPORT)
            unsent = outbox.pending_count(conn)
            rejected = int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(outbox_table)
                    .where(outbox_table.c.status == outbox.REJECTED)
                ).scalar_one()
            )
            conflicts = int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(conflict)
                    .where(conflict.c.status == ConflictStatus.OPEN.value, conflict.c.deleted_at.is_(None))
                ).scalar_one()
            )
        return SyncStatus(
            server_url=url,
            enrolled=enrolled,
            last_sync_at=None if last is None else dt.datetime.fromisoformat(last),
            last_error=error,
            unsent=unsent,
            rejected=rejected,
            conflicts=conflicts,
            credential_where=self.credentials.where,
            device_refused=refused,
            files_failed=int(last_report.get("files_failed", 0)) if isinstance(last_report, dict) else 0,
        )

    def _enrolment(self) -> tuple[str, str]:
        with self.ctx.store.read() as conn:
            url = settings.get(conn, SERVER_URL)
            device = settings.get(conn, ENROLLED_DEVICE)
        if not url or device != self.ctx.device.device_id:
            raise UserError(say(MessageCode.NOT_ENROLLED_YET))
        return str(url), str(device)

    def _note(self, *, error: str | None, report: SyncReport | None = None, refused: bool = False) -> None:
        with self.ctx.store.write() as conn:
            settings.put(conn, LAST_ERROR, _storable_error(error))
            settings.put(conn, DEVICE_REFUSED, refused or None)
            if report is not None:
                settings.put(conn, LAST_SYNC_AT, utcnow().isoformat(timespec="seconds"))
                settings.put(
                    conn,
                    LAST_REPORT,
                    {
                        "sent": report.sent,
                        "rejected": report.rejected,
                        "held": report.held,
                        "pulled": report.pulled,
                        "unsent": report.unsent,
                        "files_failed": report.files_failed,
                        "seconds": round(report.seconds, 3),
                    },
                )


def _storable_error(error: str | None) -> str | dict[str, Any] | None:
    """The last error as the settings keep it: with its code and parameters when it has them."""
    code = getattr(error, "code", "")
    if error is None or not code:
        return error
    return {"detail": str(error), "code": str(code), "params": dict(getattr(error, "params", {}))}


def _stored_error(value: object) -> str | None:
    if isinstance(value, dict):  # a coded error (an older version stored the text alone)
        return heard(value.get("code"), value.get("params"), str(value.get("detail") or ""))
    return None if value is None else str(value)
