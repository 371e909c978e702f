"""Attachment contents over HTTP: the real server in a subprocess, on the test PostgreSQL.

One server for the module; each test uses missions of its own (a mission has nine device slots).

Uploads and downloads that lose their connection half-way and continue where they stopped, a content
HQ has already (stored once, not sent again), a content that does not match its hash (refused, nothing
kept), another mission's device asking by hash (refused), a shared brief's file listed and fetched by
another mission, one bad file among good ones (counted, the others arrive), staged uploads nobody
continued (pruned), and a side-car file imported at an HQ install served to the mission's laptops.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.records import ListQuery
from missiondesk.errors import MissionDeskError
from missiondesk.server.main import main as server_main
from missiondesk.services import bundle_export, bundle_import, device_keys
from missiondesk.services.attachments import AttachmentService, blob_store
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.progress import Cancelled
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_hq, init_mission
from missiondesk.services.sync import SyncService
from missiondesk.sync.client import Offline
from missiondesk.sync.protocol import BLOB_CHUNK
from missiondesk.ui import i18n, prompts
from missiondesk.ui.labels import said_text
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.sync_ui import SyncPage
from tests.syncserver import ServerProcess, serve_on

pytestmark = pytest.mark.slow

SIZE = 3 * BLOB_CHUNK + BLOB_CHUNK // 2  # four chunks, the last one half


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    yield from serve_on("postgres", tmp_path_factory.mktemp("server-blobs"))


class Counting(httpx.BaseTransport):
    """Passes requests on and remembers them; after ``dead_after`` chunk uploads, or once a download
    has delivered ``cut_download_at`` bytes, the network is gone: every request fails from then on."""

    def __init__(self, dead_after: int | None = None, cut_download_at: int | None = None) -> None:
        self.inner = httpx.HTTPTransport()
        self.seen: list[tuple[str, str, str]] = []  # method, path, Range
        self.dead_after = dead_after
        self.cut_download_at = cut_download_at
        self.dead = False

    def puts(self) -> int:
        return sum(1 for method, path, _r in self.seen if method == "PUT" and path.endswith("/upload"))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.dead:
            raise httpx.ConnectError("the network is gone", request=request)
        path = request.url.path
        self.seen.append((request.method, path, request.headers.get("Range", "")))
        if self.dead_after is not None and self.puts() > self.dead_after and request.method == "PUT":
            self.dead = True
            raise httpx.ConnectError("the network is gone", request=request)
        response = self.inner.handle_request(request)
        is_download = request.method == "GET" and "/blobs/" in path and not path.endswith("/upload")
        if is_download and self.cut_download_at is not None and response.status_code < 300:
            return httpx.Response(response.status_code, headers=response.headers, stream=_Cut(self, response))
        return response

    def close(self) -> None:
        self.inner.close()


class _Cut(httpx.SyncByteStream):
    """A download's bytes up to the cut, then the connection drops (and stays down)."""

    def __init__(self, owner: Counting, response: httpx.Response) -> None:
        self.owner = owner
        self.response = response

    def __iter__(self) -> Iterator[bytes]:
        left = self.owner.cut_download_at or 0
        for block in self.response.stream:  # type: ignore[union-attr]
            if len(block) >= left:
                yield block[:left]
                self.owner.dead = True
                raise httpx.ReadError("connection dropped mid-download")
            left -= len(block)
            yield block

    def close(self) -> None:
        self.response.close()


def _laptop(tmp_path: Path, server: ServerProcess, name: str, mission: str, slot: int = 1) -> AppContext:
    ctx = init_mission(tmp_path / name, mission, f"{name} 담당관", slot)
    SyncService(ctx, keyring=False).enroll(server.url, server.code(mission))
    return ctx


def _sync(ctx: AppContext, transport: httpx.BaseTransport | None = None) -> Any:
    return SyncService(ctx, keyring=False, sleep=lambda _s: None, transport=transport).sync_once()


def _text_file(folder: Path, name: str, size: int = SIZE) -> Path:
    """A plain-text file (an allowed type) of ``size`` bytes that no other test's file equals."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(os.urandom(size // 2 + 1).hex().encode("ascii")[:size])
    return path


def _case(ctx: AppContext, title: str) -> str:
    return (
        RecordService(ctx).create("support_case", {"title": title, "received_date": "2026-03-02"}).record_id
    )


def _attach(ctx: AppContext, path: Path, parent: str = "support_case", parent_id: str = "") -> str:
    parent_id = parent_id or _case(ctx, path.stem)
    change = AttachmentService(ctx).attach(parent, parent_id, path).change
    return str(AttachmentService(ctx).get(change.record_id)["sha256"])


def _hq_has(server: ServerProcess, sha256: str) -> bytes | None:
    path = server.root / "data" / "hq-blobs" / sha256[:2] / sha256
    return path.read_bytes() if path.is_file() else None


def _token(server: ServerProcess, ctx: AppContext) -> dict[str, str]:
    credential = SyncService(ctx, keyring=False).credentials.load(ctx.device.device_id)
    answer = httpx.post(
        f"{server.url}/v1/token", json={"device_id": ctx.device.device_id, "credential": credential}
    )
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_an_upload_cut_off_mid_file_continues_where_hq_stopped(server: ServerProcess, tmp_path: Path) -> None:
    fra = _laptop(tmp_path, server, "fra", "DE-FRA")
    try:
        source = _text_file(tmp_path / "in", "permit.txt")
        sha = _attach(fra, source)
        cut = Counting(dead_after=2)
        with pytest.raises(Offline):
            _sync(fra, cut)
        assert cut.puts() == 3  # two chunks arrived, the third never left
        assert _hq_has(server, sha) is None  # HQ keeps no half file
        state = httpx.get(f"{server.url}/v1/blobs/{sha}/upload", headers=_token(server, fra)).json()
        assert state == {"sha256": sha, "offset": 2 * BLOB_CHUNK, "complete": False}

        again = Counting()
        report = _sync(fra, again)
        assert report.files_sent == 1
        offsets = [r for r in again.seen if r[0] == "PUT"]
        assert len(offsets) == 2  # only the two chunks HQ lacked
        assert _hq_has(server, sha) == source.read_bytes()
    finally:
        fra.close()


def test_a_download_cut_off_mid_file_continues_and_only_a_whole_file_is_kept(
    server: ServerProcess, tmp_path: Path
) -> None:
    fra = _laptop(tmp_path, server, "fra", "DE-HAM", 1)
    fra2 = _laptop(tmp_path, server, "fra2", "DE-HAM", 2)
    try:
        source = _text_file(tmp_path / "in", "letter.txt")
        sha = _attach(fra, source)
        _sync(fra)
        cut = Counting(cut_download_at=BLOB_CHUNK + 1000)
        with pytest.raises(Offline):
            _sync(fra2, cut)
        store = blob_store(fra2)
        (partial,) = (fra2.paths.attachments / "tmp").glob("*.download")
        cut_sha = partial.name.removesuffix(".download")
        assert cut_sha == sha and not store.has(sha)  # never half a file in the store
        # Sealed a whole 1 MiB chunk at a time, like the store's contents: the 1000 bytes past it are
        # asked for again, and no plain byte of the file waits on disk.
        assert store.encrypted
        assert partial.stat().st_size > BLOB_CHUNK
        assert source.read_bytes()[:64] not in partial.read_bytes()

        again = Counting()
        report = _sync(fra2, again)
        assert report.files_received >= 1
        ranged = [r[2] for r in again.seen if r[0] == "GET" and r[1].endswith(cut_sha)]
        assert ranged == [f"bytes={BLOB_CHUNK}-"]  # asked for the rest only
        for h in (sha, cut_sha):
            with store.open(h) as fh:
                assert hashlib.sha256(fh.read()).hexdigest() == h
        assert not partial.exists()
    finally:
        fra.close()
        fra2.close()


def test_a_content_hq_holds_already_is_not_sent_again(server: ServerProcess, tmp_path: Path) -> None:
    fra = _laptop(tmp_path, server, "fra", "US-WAS", 1)
    fra2 = _laptop(tmp_path, server, "fra2", "US-WAS", 2)
    try:
        source = _text_file(tmp_path / "in", "lease.txt", 200_000)
        sha = _attach(fra, source)
        assert _sync(fra).files_sent == 1
        assert _attach(fra2, source) == sha  # the same file, attached on another laptop
        seen = Counting()
        report = _sync(fra2, seen)
        assert report.files_sent == 0
        assert seen.puts() == 0
    finally:
        fra.close()
        fra2.close()


def test_a_content_that_does_not_match_its_hash_is_refused_and_nothing_kept(
    server: ServerProcess, tmp_path: Path
) -> None:
    fra = _laptop(tmp_path, server, "fra", "US-NYC")
    try:
        source = _text_file(tmp_path / "in", "offer.txt", 5000)
        sha = _attach(fra, source)
        blob_store(fra).delete(sha)  # the record goes up, its content does not
        report = _sync(fra)
        assert report.files_sent == 0 and report.files_waiting == 1
        auth = _token(server, fra)
        forged = b"x" * 5000
        put = httpx.put(
            f"{server.url}/v1/blobs/{sha}/upload", params={"offset": 0}, content=forged, headers=auth
        )
        assert put.status_code == 200, put.text
        done = httpx.post(f"{server.url}/v1/blobs/{sha}/finish", headers=auth)
        assert done.status_code == 409
        assert done.json()["code"] == "blob_hash_mismatch"
        assert _hq_has(server, sha) is None
        state = httpx.get(f"{server.url}/v1/blobs/{sha}/upload", headers=auth).json()
        assert state["offset"] == 0  # the staged bytes went too
        too_long = httpx.put(
            f"{server.url}/v1/blobs/{sha}/upload", params={"offset": 0}, content=b"y" * 5001, headers=auth
        )
        assert too_long.json()["code"] == "blob_larger_than_record"
    finally:
        fra.close()


def test_another_missions_device_asking_by_hash_is_refused(server: ServerProcess, tmp_path: Path) -> None:
    fra = _laptop(tmp_path, server, "fra", "DE-BON")
    ber = _laptop(tmp_path, server, "ber", "DE-BER")
    try:
        sha = _attach(fra, _text_file(tmp_path / "in", "visa.txt", 10_000))
        _sync(fra)
        assert _hq_has(server, sha) is not None
        auth = _token(server, ber)
        for answer in (
            httpx.get(f"{server.url}/v1/blobs/{sha}", headers=auth),
            httpx.get(f"{server.url}/v1/blobs/{'0' * 64}", headers=auth),  # unknown: the same answer
            httpx.get(f"{server.url}/v1/blobs/{sha}/upload", headers=auth),
        ):
            assert answer.status_code == 403
            assert answer.json()["code"] == "blob_out_of_scope"
        with pytest.raises(MissionDeskError) as refused:
            SyncService(ber, keyring=False).fetch_content(sha)
        assert getattr(refused.value.args[0], "code", "") == "blob_out_of_scope"
        assert not blob_store(ber).has(sha)
    finally:
        fra.close()
        ber.close()


def test_a_shared_briefs_file_is_fetched_by_another_mission_when_opened(
    server: ServerProcess, tmp_path: Path
) -> None:
    fra = _laptop(tmp_path, server, "fra", "US-BOS")
    ber = _laptop(tmp_path, server, "ber", "US-ATL")
    try:
        brief = RecordService(fra).create(
            "market_brief", {"title": "시장 동향", "topic": "market_trends", "country": "DE"}
        )
        source = _text_file(tmp_path / "in", "brief.txt", 300_000)
        sha = _attach(fra, source, "market_brief", brief.record_id)
        _sync(fra)
        _sync(ber)
        # Berlin lists the brief's file (its record came with the brief), owned by Boston.
        [listed] = AttachmentService(ber).list("market_brief", brief.record_id)
        assert listed["sha256"] == sha and listed.owner_mission == "US-BOS"
        assert not blob_store(ber).has(sha)  # fetched when opened, not with every sync
        assert SyncService(ber, keyring=False).fetch_content(sha) is True
        with blob_store(ber).open(sha) as fh:
            assert fh.read() == source.read_bytes()
    finally:
        fra.close()
        ber.close()


class _CancelAfter:
    """A task context that records progress and asks to stop once ``bytes_`` of a file have arrived."""

    def __init__(self, bytes_: int) -> None:
        self.bytes = bytes_
        self.texts: list[str] = []
        self.done = 0

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.texts.append(text)
        if getattr(text, "code", "") == "blob_receiving":
            self.done = done

    def check_cancelled(self) -> None:
        if self.done >= self.bytes:
            raise Cancelled("stopped by the person")


def test_a_cancelled_download_keeps_its_part_and_the_next_sync_finishes_it(
    server: ServerProcess, tmp_path: Path
) -> None:
    fra = _laptop(tmp_path, server, "fra", "US-CHI", 1)
    fra2 = _laptop(tmp_path, server, "fra2", "US-CHI", 2)
    try:
        sha = _attach(fra, _text_file(tmp_path / "in", "minutes.txt"))
        _sync(fra)
        task = _CancelAfter(BLOB_CHUNK)
        with pytest.raises(Cancelled):
            SyncService(fra2, keyring=False).sync_once(task)
        assert any(getattr(t, "code", "") == "blob_receiving" for t in task.texts)
        store = blob_store(fra2)
        partials = list((fra2.paths.attachments / "tmp").glob("*.download"))
        assert len(partials) == 1 and partials[0].stat().st_size > BLOB_CHUNK  # one sealed chunk
        assert not store.has(partials[0].name.removesuffix(".download"))

        report = _sync(fra2)
        assert report.files_received >= 1
        assert store.has(sha)
        assert not list((fra2.paths.attachments / "tmp").glob("*.download"))
    finally:
        fra.close()
        fra2.close()


def test_opening_a_file_this_laptop_lacks_fetches_it_from_hq_first(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainWindow, "start_sync", lambda _self: None)  # no background cycle fetches it first
    fra = _laptop(tmp_path, server, "fra", "US-SEA", 1)
    fra2 = _laptop(tmp_path, server, "fra2", "US-SEA", 2)
    window = MainWindow(fra2)
    try:
        source = _text_file(tmp_path / "in", "memo.txt", 100_000)
        sha = _attach(fra, source)
        _sync(fra)
        _sync(fra2)
        blob_store(fra2).delete(sha)  # as when the record arrived before its file
        qtbot.addWidget(window)
        window.show()
        [case] = RecordService(fra2).list(ListQuery("support_case", limit=10)).rows
        page = window.go("support_case")
        assert isinstance(page, ListPage)
        page.detail.show_record(case)
        view = page.detail.attachments
        assert view is not None
        page.detail.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 1)
        view.tree.topLevelItem(0).setSelected(True)
        shown: list[Path] = []
        monkeypatch.setattr(prompts, "show_file", lambda p: shown.append(p) or True)
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
        assert shown[0].read_bytes() == source.read_bytes()
        assert blob_store(fra2).has(sha)
    finally:
        window.close()
        fra.close()
        fra2.close()


def test_one_file_hq_holds_wrongly_is_reported_and_the_others_still_arrive(
    server: ServerProcess, tmp_path: Path
) -> None:
    fra = _laptop(tmp_path, server, "fra", "US-HOU", 1)
    fra2 = _laptop(tmp_path, server, "fra2", "US-HOU", 2)
    try:
        bad = _attach(fra, _text_file(tmp_path / "in", "bad.txt", 40_000))
        good = _attach(fra, _text_file(tmp_path / "in", "good.txt", 40_000))
        _sync(fra)
        held = server.root / "data" / "hq-blobs" / bad[:2] / bad
        held.write_bytes(b"z" * 40_000)  # HQ's copy went bad on its disk
        report = _sync(fra2)  # no error: the records and the good file are in
        assert report.files_failed == 1 and report.files_received == 1
        assert [getattr(p, "code", "") for p in report.file_problems] == ["blob_hash_mismatch"]
        store = blob_store(fra2)
        assert store.has(good) and not store.has(bad)
        status = SyncService(fra2, keyring=False).status()
        assert status.last_error is None and status.files_failed == 1
    finally:
        fra.close()
        fra2.close()


def test_uploads_nobody_continued_are_pruned_at_start_and_by_the_admin_command(
    server: ServerProcess, tmp_path: Path
) -> None:
    blobs = tmp_path / "blobs"
    old, fresh = (
        blobs / "staging" / "dev-1" / f"{'a' * 64}.part",
        blobs / "staging" / "dev-2" / f"{'b' * 64}.part",
    )
    for part in (old, fresh):
        part.parent.mkdir(parents=True)
        part.write_bytes(b"half a file")
    eight_days_ago = time.time() - 8 * 24 * 3600
    os.utime(old, (eight_days_ago, eight_days_ago))
    started = ServerProcess(server.database_url, tmp_path / "second", "--blobs", str(blobs))
    started.start()
    try:
        assert not old.exists() and not old.parent.exists()  # its device folder went with it
        assert fresh.read_bytes() == b"half a file"  # a laptop may still continue this one
    finally:
        started.stop()
    os.utime(fresh, (eight_days_ago, eight_days_ago))
    assert server_main(["prune-staging", "--blobs", str(blobs), "--days", "7"]) == 0
    assert not fresh.exists()


def test_a_file_that_reached_an_hq_install_by_side_car_is_served_to_the_missions_laptops(
    server: ServerProcess, tmp_path: Path
) -> None:
    served = server.root / "data" / "hq-blobs"  # the server's contents folder (its default --blobs)
    hq = init_hq(tmp_path / "hq", "본부 분석관", server.database_url, attachments_dir=served)
    fra = init_mission(tmp_path / "fra", "US-LAX", "fra 담당관", 1)  # sends by bundle, never syncs
    fra2 = _laptop(tmp_path, server, "fra2", "US-LAX", 2)
    try:
        card = tmp_path / "fra.key"
        device_keys.write_key_card(fra, card)
        device_keys.trust_key(hq, card)
        source = _text_file(tmp_path / "in", "permit.txt", 200_000)
        sha = _attach(fra, source)
        out = tmp_path / "mail" / "fra.xlsx"
        out.parent.mkdir()
        exported = bundle_export.export_bundle(fra, out)
        assert exported.sidecars
        report = bundle_import.apply(hq, bundle_import.plan(hq, [out, *exported.sidecars]))
        assert report.bundles[0].files.stored == 1
        assert _hq_has(server, sha) == source.read_bytes()  # stored where the server serves from

        received = _sync(fra2)
        assert received.files_received == 1 and received.files_failed == 0
        with blob_store(fra2).open(sha) as fh:
            assert fh.read() == source.read_bytes()
        # The install keeps that folder: opened again, its store is the server's.
        hq.close()
        hq = open_context(tmp_path / "hq")
        assert blob_store(hq).root == served
    finally:
        hq.close()
        fra.close()
        fra2.close()


def test_the_window_says_in_korean_which_files_did_not_move(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MainWindow, "start_sync", lambda _self: None)  # the test says when to sync
    fra = _laptop(tmp_path, server, "fra", "US-LAX", 3)
    fra2 = _laptop(tmp_path, server, "fra2", "US-LAX", 4)
    bad = _attach(fra, _text_file(tmp_path / "in", "broken.txt", 20_000))
    _sync(fra)
    (server.root / "data" / "hq-blobs" / bad[:2] / bad).write_bytes(b"q" * 20_000)
    assert i18n.install("ko") == "ko"
    window = MainWindow(fra2)
    try:
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.sync.synced, timeout=30_000) as done:
            window.actions_["sync_now"].trigger()
        assert done.args[0].files_failed == 1
        page = window.go("sync")
        assert isinstance(page, SyncPage)
        log = page.log.toPlainText()
        assert "첨부 파일 1개를 보내거나 받지 못했습니다" in log
        assert said_text(say(MessageCode.BLOB_HASH_MISMATCH, sha256=bad)) in log  # the file's own reason
        assert "SHA-256" in log and "does not match" not in log
    finally:
        window.close()
        i18n.install("en")
        fra.close()
        fra2.close()


def test_hqs_limit_on_an_attached_file_reaches_the_laptop_with_its_next_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    from missiondesk.domain.file_types import DEFAULT_MAX_BYTES, MAX_BYTES_SETTING
    from missiondesk.store import settings

    ber = _laptop(tmp_path, server, "ber-limit", "DE-BER", 8)
    try:
        service = AttachmentService(ber)
        assert service.max_bytes() == DEFAULT_MAX_BYTES
        with pytest.raises(MissionDeskError, match="Only HQ sets the limit"):
            service.set_max_bytes(2 * 1024 * 1024)  # a laptop follows HQ's figure, it does not set one
        with server.store() as store, store.write() as conn:  # as HQ's `attachment-limit 2` writes it
            settings.put(conn, MAX_BYTES_SETTING, 2 * 1024 * 1024)
        _sync(ber)

        assert service.max_bytes() == 2 * 1024 * 1024
        big = _text_file(tmp_path / "in", "big.txt", 3 * 1024 * 1024)
        with pytest.raises(MissionDeskError, match="MB"):
            AttachmentService(ber).attach("support_case", _case(ber, "큰 파일"), big)
    finally:
        with server.store() as store, store.write() as conn:
            settings.put(conn, MAX_BYTES_SETTING, None)  # the module's other tests keep the default
        ber.close()
