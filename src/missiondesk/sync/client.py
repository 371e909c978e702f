"""The laptop's sync client: one cycle of hello, push, pull against the HQ server (no Qt).

Each step is committed locally before the next: a batch's results are recorded as soon as they
arrive, and each pulled page is applied together with its cursor (``replica.apply_page``). So a
connection that drops anywhere loses nothing: a retried push is answered from HQ's receipts, a
retried page is applied again to the same effect. A failed upload is never counted as sent: an op
leaves the queue only when HQ's answer for it has been recorded.

Transient failures (no connection, a dropped reply, 502/503/504) are retried inside the cycle with
a short exponential backoff; the window's ``SyncLoop`` backs off between cycles.
"""

from __future__ import annotations

import functools
import ssl
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import orjson
import sqlalchemy as sa

from missiondesk import __version__
from missiondesk.domain.messages import heard
from missiondesk.errors import EnvironmentProblem, UserError
from missiondesk.store import outbox
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.store.tables import reference_counter
from missiondesk.sync import protocol, replica, verify
from missiondesk.sync.backoff import Backoff
from missiondesk.sync.protocol import FeedChange, FeedPage, PushResult, Status

RETRYABLE_STATUS = frozenset({502, 503, 504})


class Offline(EnvironmentProblem):
    """HQ's server cannot be reached (no network, DNS, refused, dropped)."""


class ServerProblem(EnvironmentProblem):
    """HQ's server answered with an error of its own; try again later."""


class DeviceRefused(UserError):
    """HQ does not accept this device (not enrolled, wrong credential, revoked)."""


class AppTooOld(UserError):
    """HQ needs a newer MissionDesk; the outbox is kept until the app is updated."""


class SyncRefused(UserError):
    """HQ refused a request for a reason it explains."""


class Progress(Protocol):
    """What the client reports progress through (``services.progress.TaskContext`` fits)."""

    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def check_cancelled(self) -> None: ...


class _Quiet:
    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check_cancelled(self) -> None:
        pass


@dataclass(frozen=True)
class HelloInfo:
    version: str
    epoch: str
    schema_min: int
    schema_max: int
    min_app_version: str
    message: str


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    mission: str
    role: str
    slot: int
    credential: str


@dataclass
class SyncReport:
    """What one cycle did. ``complete``: nothing left unsent and nothing refused."""

    sent: int = 0  # ops HQ has settled this cycle (applied, merged, conflict, duplicate or rejected)
    rejected: int = 0  # of those, refused by HQ (kept in the outbox with the reason)
    held: int = 0  # ops HQ keeps waiting (for an earlier op or record); sent again next time
    pulled: int = 0  # records received from HQ
    revoked: int = 0  # records that left this laptop's scope
    clashes: int = 0  # fields where HQ's value met an unsent local value (soft conflicts)
    unsent: int = 0  # ops still pending after the cycle
    restarted: bool = False  # HQ's database was restored: acknowledged ops re-sent, pull from zero
    requeued: int = 0
    repaired: int = 0  # records fetched again after a verify mismatch
    files_sent: int = 0  # attachment contents uploaded (HQ lacked them)
    files_received: int = 0  # attachment contents downloaded and checked
    files_waiting: int = 0  # contents HQ does not have yet (their laptop has not sent them)
    files_failed: int = 0  # contents that met a problem of their own (a bad hash, HQ refused): next time
    file_problems: list[str] = field(default_factory=list)  # one sentence each, its code kept
    message: str = ""  # HQ's message of the day
    seconds: float = 0.0
    rejections: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.unsent == 0 and self.rejected == 0


def failure(response: httpx.Response) -> Exception:
    """The exception an error answer of HQ's stands for (its sentence keeps HQ's code)."""
    code = response.status_code
    detail = _detail(response)
    if code == 401:
        return DeviceRefused(detail)
    if code == 426:
        return AppTooOld(detail)
    if code >= 500:
        return ServerProblem(f"HQ's server had a problem ({detail}); try again later.")
    return SyncRefused(detail)


def _detail(response: httpx.Response) -> str:
    """HQ's sentence, keeping the code and parameters a newer server sends beside it."""
    try:
        body = response.json()
    except ValueError:
        body = None
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return heard(body.get("code"), body.get("params"), detail)
    return f"HTTP {response.status_code}: {response.text[:200]}"


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context for the process, shared by every client.

    Building one reads the whole CA bundle (10-40 ms); a client is made per sync cycle, and
    that was half of a sync with nothing to do. Contexts are safe to share between threads.
    """
    return httpx.create_ssl_context()


def normalise_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise UserError(f"{url!r} is not a server address; it starts with https:// (or http:// for a test).")
    return url


class SyncClient:
    def __init__(
        self,
        ctx: replica.Laptop,
        server_url: str,
        credential: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        app_version: str = __version__,
        batch: int = 500,
        page: int = protocol.MAX_PAGE,
        retries: int = 3,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        token: tuple[str, float] | None = None,
    ) -> None:
        """``token``: an access token and its ``time.monotonic()`` deadline kept from an earlier client."""
        self.ctx = ctx
        self.server_url = normalise_url(server_url)
        self.credential = credential
        self.app_version = app_version
        self.batch = min(batch, protocol.MAX_BATCH)
        self.page = min(page, protocol.MAX_PAGE)
        self.retries = retries
        self.backoff = backoff or Backoff(base=0.5, cap=5.0)
        self.sleep = sleep
        self._token: str | None = token[0] if token else None
        self._token_until = token[1] if token else 0.0
        self.http = httpx.Client(
            base_url=self.server_url + protocol.API,
            transport=transport,
            verify=_tls_context(),
            timeout=timeout,
            headers={protocol.VERSION_HEADER: app_version, "User-Agent": f"MissionDesk/{app_version}"},
        )

    @property
    def token(self) -> tuple[str, float] | None:
        """The current access token and its deadline, to hand to the next client (saves a round trip)."""
        return None if self._token is None else (self._token, self._token_until)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- requests ------------------------------------------------------------------------

    def send(self, method: str, path: str, **kw: Any) -> Any:
        """An authenticated request with ``_send``'s retries (attachment contents, ``sync/blob_client``)."""
        return self._send(method, path, **kw)

    def _send(self, method: str, path: str, *, authed: bool = True, **kw: Any) -> Any:
        """One request with retries for transient failures; the JSON answer, or a clear exception."""
        b = self.backoff
        backoff = Backoff(b.base, b.factor, b.cap, b.jitter, b.rng)  # its own count: token requests nest
        renewed = False
        while True:
            headers = {"Authorization": f"Bearer {self._access_token()}"} if authed else {}
            try:
                response = self.http.request(method, path, headers=headers, **kw)
            except httpx.TransportError as exc:
                if backoff.failures < self.retries:
                    self.sleep(backoff.failed())
                    continue
                raise Offline(f"HQ's server at {self.server_url} cannot be reached ({exc}).") from exc
            code = response.status_code
            if code < 300:
                return orjson.loads(response.content)  # feed pages are large: several times faster
            if code in RETRYABLE_STATUS and backoff.failures < self.retries:
                self.sleep(backoff.failed())
                continue
            if code == 401 and authed and not renewed:
                self._token = None  # expired or the server's secret changed: one fresh token
                renewed = True
                continue
            raise failure(response)

    def auth_headers(self, *, renew: bool = False) -> dict[str, str]:
        """The bearer header for a request made outside ``_send`` (a streamed download)."""
        if renew:
            self._token = None
        return {"Authorization": f"Bearer {self._access_token()}"}

    def _access_token(self) -> str:
        if self._token is None or time.monotonic() >= self._token_until:
            if not self.credential:
                raise DeviceRefused("This laptop is not enrolled with HQ's server yet.")
            answer = self._send(
                "POST",
                "/token",
                authed=False,
                json={"device_id": self.ctx.device.device_id, "credential": self.credential},
            )
            self._token = str(answer["access_token"])
            self._token_until = time.monotonic() + max(0.0, float(answer["expires_in"]) - 30.0)
        return self._token

    # --- the steps -------------------------------------------------------------------------

    def hello(self) -> HelloInfo:
        data = self._send("GET", "/hello", authed=False)
        info = HelloInfo(
            version=str(data["version"]),
            epoch=str(data["epoch"]),
            schema_min=int(data["schema_min"]),
            schema_max=int(data["schema_max"]),
            min_app_version=str(data["min_app_version"]),
            message=str(data.get("message") or ""),
        )
        if protocol.too_old(self.app_version, info.min_app_version):
            raise AppTooOld(
                f"HQ needs MissionDesk {info.min_app_version} or newer to sync; this is {self.app_version}. "
                "Update the app; your unsent changes are kept."
            )
        return info

    def enrol(self, code: str, label: str = "") -> Enrolment:
        device = self.ctx.device
        with self.ctx.store.read() as conn:
            slot_used = _slot_used(conn, device.device_id, device.mission, device.slot)
        data = self._send(
            "POST",
            "/enrol",
            authed=False,
            json={
                "code": code,
                "device_id": device.device_id,
                "mission": device.mission,
                "slot": device.slot,
                "slot_fixed": slot_used,
                "label": label or f"{device.officer_name} ({device.mission} slot {device.slot})",
            },
        )
        self.credential = str(data["credential"])
        return Enrolment(
            device_id=str(data["device_id"]),
            mission=str(data["mission"]),
            role=str(data["role"]),
            slot=int(data["slot"]),
            credential=self.credential,
        )

    def run(self, task: Progress | None = None, *, confirm_mass_change: bool = False) -> SyncReport:
        """One cycle: hello, push the outbox in batches, pull every page. Raises on what stops it."""
        task = task or _Quiet()
        start = time.perf_counter()
        report = SyncReport()
        info = self.hello()
        report.message = info.message
        seen_epoch, _ = replica.cursor(self.ctx)
        if seen_epoch is not None and seen_epoch != info.epoch:
            self._restart(report, info.epoch)
        self.push(task, report)
        self.pull(task, report, confirm_mass_change=confirm_mass_change)
        with self.ctx.store.read() as conn:
            report.unsent = outbox.pending_count(conn)
        report.seconds = time.perf_counter() - start
        return report

    def _restart(self, report: SyncReport, epoch: str) -> None:
        report.restarted = True
        report.requeued += replica.restart_after_new_epoch(self.ctx, epoch)

    def push(self, task: Progress, report: SyncReport) -> None:
        """Send the outbox in batches until it is empty or HQ holds everything that is left."""
        with self.ctx.store.read() as conn:
            total = outbox.pending_count(conn)
        held: set[str] = set()
        while True:
            task.check_cancelled()
            ops = replica.pending_ops(self.ctx, limit=self.batch)
            if not ops:
                break
            data = self._send("POST", "/push", json={"ops": [op.to_wire() for op in ops]})
            results = [PushResult.from_wire(r) for r in data["results"]]
            if [r.op_id for r in results] != [op.op_id for op in ops]:
                raise ServerProblem(
                    "HQ's answer does not match the changes sent; nothing was marked as sent."
                )
            replica.record_results(self.ctx, results)
            settled = [r for r in results if r.settled]
            for r in results:
                final = r.original if r.status is Status.DUPLICATE else r.status
                if r.settled:
                    held.discard(r.op_id)
                else:
                    held.add(r.op_id)
                if final is Status.REJECTED:
                    report.rejected += 1
                    report.rejections.append(f"change {r.seq}: {r.reason}")
            report.sent += len(settled)
            task.progress(report.sent, total, f"Sent {report.sent} of {total} changes")
            if not settled:
                break  # HQ holds all of them, waiting for something else: try again next time
        report.held = len(held)

    def pull(self, task: Progress, report: SyncReport, *, confirm_mass_change: bool = False) -> None:
        """Take in feed pages until HQ has nothing newer; each page commits with its cursor.

        While one page is applied the next is already being fetched (one request ahead, on a
        worker thread), so HQ's reading and the laptop's writing overlap instead of taking turns.
        Pages are still applied strictly in order; a fetched page whose predecessor failed to
        apply is dropped, and at most two pages are held in memory. A long way behind (a fresh
        laptop), the list indexes are built once at the end instead of page by page.
        """
        large = False
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="missiondesk-pull") as ahead:
                upcoming: Future[tuple[FeedPage, list[replica.Row | None]]] | None = None
                while True:
                    task.check_cancelled()
                    seen_epoch, position = replica.cursor(self.ctx)
                    page, rows = upcoming.result() if upcoming is not None else self._page_and_rows(position)
                    upcoming = None
                    if replica.needs_restart(self.ctx, page):
                        if report.restarted and position == 0:
                            raise ServerProblem("HQ's change feed keeps moving backwards; try again later.")
                        self._restart(report, page.epoch)
                        self.push(task, report)
                        continue
                    if not page.changes and page.cursor == position and page.epoch == seen_epoch:
                        return  # nothing new: no local write at all (the common case of a timer sync)
                    if page.more:  # asked for from the cursor this page leaves, and made into rows, meanwhile
                        upcoming = ahead.submit(self._page_and_rows, page.cursor)
                    if not large:
                        large = replica.begin_large_pull(self.ctx, page.head - position)
                    applied = replica.apply_page(
                        self.ctx, page, confirm_mass_change=confirm_mass_change, rows=rows
                    )
                    report.pulled += applied.upserted
                    report.revoked += applied.revoked
                    report.clashes += applied.clashes
                    task.progress(page.cursor, page.head, f"Received {report.pulled} changes")
                    if not page.more:
                        return
        finally:
            if large:
                task.progress(report.pulled, report.pulled, "Building the list indexes")
                replica.end_large_pull(self.ctx)

    def _page_and_rows(self, position: int) -> tuple[FeedPage, list[replica.Row | None]]:
        page = FeedPage.from_wire(
            self._send("GET", "/changes", params={"cursor": position, "limit": self.page})
        )
        return page, replica.wire_rows(page)

    # --- verify ----------------------------------------------------------------------------

    def verify(self, report: SyncReport | None = None) -> SyncReport:
        """Compare counts and hashes with HQ; fetch again only the records that differ."""
        report = report or SyncReport()
        device = self.ctx.device
        remote = self._send("GET", "/verify")
        epoch = str(remote["epoch"])
        with self.ctx.store.read() as conn:
            local = verify.digest(conn, device.role, device.mission)
            pending = set(
                conn.execute(
                    sa.select(outbox_table.c.record_id).where(outbox_table.c.status == outbox.PENDING)
                ).scalars()
            )
        for name, summary in remote["entities"].items():
            if local.get(name) == summary:
                continue
            remote_buckets = self._send("GET", "/verify", params={"entity": name})["buckets"]
            with self.ctx.store.read() as conn:
                local_buckets = verify.buckets(conn, device.role, device.mission, name)
            for bucket, b_summary in remote_buckets.items():
                if local_buckets.get(bucket) == b_summary:
                    continue
                rows = self._send("GET", "/verify", params={"entity": name, "bucket": bucket})["rows"]
                theirs = {r[0]: (int(r[1]), bool(r[2])) for r in rows}
                with self.ctx.store.read() as conn:
                    ours = {
                        r[0]: (r[1], r[2])
                        for r in verify.bucket_rows(conn, device.role, device.mission, name, bucket)
                    }
                wanted = [i for i, v in theirs.items() if ours.get(i) != v and i not in pending]
                report.repaired += self._refetch(name, wanted, epoch)
        return report

    def _refetch(self, entity_name: str, ids: Sequence[str], epoch: str) -> int:
        done = 0
        for start in range(0, len(ids), protocol.MAX_IDS):
            chunk = list(ids[start : start + protocol.MAX_IDS])
            data = self._send("POST", "/records", json={"entity": entity_name, "ids": chunk})
            _, position = replica.cursor(self.ctx)
            changes = tuple(
                FeedChange(0, entity_name, str(s["id"]), "upsert", int(s["version"]), s)
                for s in data["records"]
            )
            page = FeedPage(str(data["epoch"]), position, position, changes)
            done += replica.apply_page(self.ctx, page).upserted
        return done


def _slot_used(conn: sa.Connection, device_id: str, mission: str, slot: int) -> bool:
    """Whether this laptop has made something that carries its slot: a case reference
    (``{MISSION}-{YY}-{slot}{NNN}``). Its officer record, which ``init`` writes, and other edits do not,
    so a fresh laptop still takes whichever slot HQ finds free."""
    counted = conn.execute(
        sa.select(sa.func.count())
        .select_from(reference_counter)
        .where(
            reference_counter.c.mission_code == mission,
            reference_counter.c.slot == slot,
            reference_counter.c.last > 0,
        )
    ).scalar_one()
    if counted:
        return True
    case_made = conn.execute(
        sa.select(outbox_table.c.op_id)
        .where(
            outbox_table.c.device_id == device_id,
            outbox_table.c.entity == "support_case",
            outbox_table.c.kind == "create",
        )
        .limit(1)
    ).first()
    return case_made is not None
