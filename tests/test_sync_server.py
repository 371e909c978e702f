"""Sync over HTTP: the real server in a subprocess on loopback, on SQLite and on PostgreSQL.

The scenarios of ../shared/SCENARIOS.md that need a network: laptops of two missions converge, a
connection lost mid-push or mid-pull, a server restarted mid-sync, revoked devices, bad tokens,
cross-mission reads and writes, an app below the minimum version, and HQ restored from a backup.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from missiondesk import cli
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.records import ListQuery
from missiondesk.server import auth
from missiondesk.server import main as server_main
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.store.backup import backup_sqlite
from missiondesk.store.private_file import read_private
from missiondesk.store.tables import auth_device, change_feed, op_receipt
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync import replica
from missiondesk.sync.authority import Authority
from missiondesk.sync.client import AppTooOld, DeviceRefused, Offline, SyncClient, SyncRefused
from missiondesk.sync.lock import SyncBusy, SyncLock
from missiondesk.sync.replica import MassChangeRefused
from tests.syncserver import Faulty, ServerProcess, serve_on
from tests.syncsim import visible_state

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    yield from serve_on(request.param, tmp_path_factory.mktemp(f"server-{request.param}"))


class _Hq:
    def __init__(self, store: Any) -> None:
        self.store = store


def _laptop(
    tmp_path: Path, server: ServerProcess, name: str, mission: str = "DE-FRA", slot: int = 1
) -> AppContext:
    ctx = init_mission(tmp_path / name, mission, f"{name} 담당관", slot)
    SyncService(ctx, keyring=False).enroll(server.url, server.code(mission))
    return ctx


def _sync(ctx: AppContext, **kw: Any) -> Any:
    return SyncService(ctx, keyring=False, sleep=lambda _s: None, **kw).sync_once()


def _case(ctx: AppContext, title: str) -> str:
    return (
        RecordService(ctx).create("support_case", {"title": title, "received_date": "2026-03-02"}).record_id
    )


def _client(
    ctx: AppContext, server: ServerProcess, transport: httpx.BaseTransport | None = None, **kw: Any
) -> SyncClient:
    svc = SyncService(ctx, keyring=False)
    credential = svc.credentials.load(ctx.device.device_id)
    return SyncClient(ctx, server.url, credential, transport=transport, sleep=lambda _s: None, **kw)


def _token(server: ServerProcess, ctx: AppContext) -> str:
    credential = SyncService(ctx, keyring=False).credentials.load(ctx.device.device_id)
    answer = httpx.post(
        f"{server.url}/v1/token", json={"device_id": ctx.device.device_id, "credential": credential}
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def _receipts(server: ServerProcess, device_id: str) -> list[str]:
    with server.store() as store, store.read() as conn:
        return list(
            conn.execute(sa.select(op_receipt.c.op_id).where(op_receipt.c.device_id == device_id)).scalars()
        )


def _outbox_ids(ctx: AppContext) -> list[str]:
    with ctx.store.read() as conn:
        return list(conn.execute(sa.select(outbox_table.c.op_id)).scalars())


def _titles(ctx: AppContext) -> list[str]:
    return sorted(str(r["title"]) for r in RecordService(ctx).list(ListQuery("support_case", limit=500)).rows)


def test_two_laptops_of_one_mission_and_one_of_another_converge(
    server: ServerProcess, tmp_path: Path
) -> None:
    fra1 = _laptop(tmp_path, server, "fra1", "DE-FRA", 1)
    fra2 = _laptop(tmp_path, server, "fra2", "DE-FRA", 2)
    ber = _laptop(tmp_path, server, "ber", "DE-BER", 1)
    try:
        shared = _case(fra1, "공장 부지 인허가")
        _case(fra2, "비자 발급 지연")
        _case(ber, "베를린 통관 문제")
        for ctx in (fra1, fra2, ber, fra1):
            assert _sync(ctx).complete
        # offline edits of different fields of one case on the two Frankfurt laptops
        RecordService(fra1).update("support_case", shared, {"priority": "high"})
        RecordService(fra2).update("support_case", shared, {"summary": "주정부 협의 중"})
        for ctx in (fra1, fra2, ber, fra1, fra2):
            report = _sync(ctx)
            assert report.complete and report.unsent == 0
        with server.store() as store:
            hq = _Hq(store)
            assert visible_state(fra1, "DE-FRA") == visible_state(hq, "DE-FRA")  # type: ignore[arg-type]
            assert visible_state(fra2, "DE-FRA") == visible_state(hq, "DE-FRA")  # type: ignore[arg-type]
            assert visible_state(ber, "DE-BER") == visible_state(hq, "DE-BER")  # type: ignore[arg-type]
        record = RecordService(fra2).get("support_case", shared)
        assert record["priority"] == "high" and record["summary"] == "주정부 협의 중"
        assert _titles(ber) == ["베를린 통관 문제"]  # Frankfurt's cases never reach Berlin
        for ctx in (fra1, fra2, ber):
            assert sorted(_receipts(server, ctx.device.device_id)) == sorted(_outbox_ids(ctx))
    finally:
        for ctx in (fra1, fra2, ber):
            ctx.close()


def test_a_connection_dropped_mid_push_and_mid_pull_loses_and_doubles_nothing(
    server: ServerProcess, tmp_path: Path
) -> None:
    a = _laptop(tmp_path, server, "a", "DE-BON", 1)
    b = _laptop(tmp_path, server, "b", "DE-BON", 2)
    try:
        for i in range(7):
            _case(a, f"사례 {i}")
        # The reply to a push is lost after HQ committed, with no retries left: nothing counts as sent.
        faulty = Faulty()
        faulty.fail("/push", "response")
        with _client(a, server, faulty, retries=0, batch=3) as client, pytest.raises(Offline):
            client.run()
        assert len(replica.pending_ops(a)) == 8  # the officer record and seven cases: still unsent
        assert len(_receipts(server, a.device.device_id)) == 3  # HQ did commit the first batch
        # The retry inside a cycle completes: the lost batch comes back as duplicates.
        faulty = Faulty()
        faulty.fail("/push", "request")
        faulty.fail("/push", "response")
        with _client(a, server, faulty, retries=3, batch=3) as client:
            report = client.run()
        assert report.complete and report.sent == 8
        assert sorted(_receipts(server, a.device.device_id)) == sorted(_outbox_ids(a))
        # A pull page lost on the way: the cursor stays before it; the next cycle takes it again.
        faulty = Faulty()
        faulty.fail("/changes", "request")
        faulty.fail("/changes", "response", times=2)
        with _client(b, server, faulty, retries=0, page=3) as client:
            with pytest.raises(Offline):
                client.run()
            _, position = replica.cursor(b)
            assert position == 0
            with pytest.raises(Offline):
                client.run()
            with pytest.raises(Offline):
                client.run()
            client.run()
        assert _titles(b) == _titles(a) and len(_titles(b)) == 7
        with server.store() as store, store.read() as conn:
            creates = conn.execute(
                sa.select(sa.func.count())
                .select_from(change_feed)
                .where(change_feed.c.device_id == a.device.device_id, change_feed.c.entity == "support_case")
            ).scalar_one()
        assert creates == 7  # each case merged once
    finally:
        a.close()
        b.close()


def test_a_page_that_fails_to_apply_drops_the_page_fetched_ahead(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _laptop(tmp_path, server, "a", "CN-WUH", 1)
    b = _laptop(tmp_path, server, "b", "CN-WUH", 2)
    try:
        for i in range(8):
            _case(a, f"우한 사례 {i}")
        assert _sync(a).complete
        real_apply = replica.apply_page
        applied: list[int] = []

        def second_page_fails(ctx: Any, page: Any, **kw: Any) -> Any:
            if len(applied) == 1:
                raise OSError("disk full")
            applied.append(page.cursor)
            return real_apply(ctx, page, **kw)

        faulty = Faulty()
        monkeypatch.setattr(replica, "apply_page", second_page_fails)
        with _client(b, server, faulty, page=3) as client, pytest.raises(OSError, match="disk full"):
            client.run()
        # The third page was already asked for while the second one was being applied.
        assert faulty.seen.count("/v1/changes") == 3
        assert replica.cursor(b)[1] == applied[0]  # only the first page is in
        monkeypatch.setattr(replica, "apply_page", real_apply)
        with _client(b, server, page=3) as client:
            report = client.run()
        assert report.complete and _titles(b) == _titles(a) and len(_titles(b)) == 8
    finally:
        a.close()
        b.close()


def _indexes(ctx: AppContext) -> list[tuple[str, str]]:
    with ctx.store.read() as conn:
        return list(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())


def test_a_laptop_far_behind_builds_its_list_indexes_once_after_the_pull(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = _laptop(tmp_path, server, "a", "JP-OSA", 1)
    near = _laptop(tmp_path, server, "near", "JP-OSA", 2)
    far = _laptop(tmp_path, server, "far", "JP-OSA", 3)
    try:
        for i in range(9):
            _case(a, f"오사카 사례 {i}")
        assert _sync(a).complete
        assert _sync(near).complete  # page by page, indexes kept up to date: the reference
        before = _indexes(far)
        monkeypatch.setattr(replica, "BULK_PULL", 5)
        dropped: list[int] = []
        real_apply = replica.apply_page

        def second_page_fails_once(ctx: Any, page: Any, **kw: Any) -> Any:
            dropped.append(len(before) - len(_indexes(ctx)))
            if len(dropped) == 2:
                raise OSError("disk full")
            return real_apply(ctx, page, **kw)

        monkeypatch.setattr(replica, "apply_page", second_page_fails_once)
        with _client(far, server, page=4) as client, pytest.raises(OSError, match="disk full"):
            client.run()
        assert dropped == [dropped[0]] * 2 and dropped[0] > 10  # the list indexes were set aside
        assert sorted(_indexes(far)) == sorted(before)  # and built again although the pull failed
        with _client(far, server, page=4) as client:
            report = client.run()
        assert report.complete and sorted(_indexes(far)) == sorted(before)
        assert len(dropped) >= 3 and set(dropped) == {dropped[0]}  # set aside again for the rest
        assert _titles(far) == _titles(near) and len(_titles(far)) == 9
        found = RecordService(far).list(ListQuery("support_case", text="오사카", limit=50))
        assert len(found.rows) == 9
    finally:
        for ctx in (a, near, far):
            ctx.close()


def test_a_large_pull_killed_half_way_builds_its_indexes_when_reopened(tmp_path: Path) -> None:
    ctx = init_mission(tmp_path / "l", "JP-OSA", "담당관", 1)
    before = _indexes(ctx)
    assert replica.begin_large_pull(ctx, replica.BULK_PULL)
    assert len(_indexes(ctx)) < len(before) - 10
    ctx.close()  # the process dies here: end_large_pull never runs
    again = open_context(tmp_path / "l")
    try:
        assert sorted(_indexes(again)) == sorted(before)
        assert not replica.begin_large_pull(again, replica.BULK_PULL - 1)  # a short way behind: kept
        assert sorted(_indexes(again)) == sorted(before)
    finally:
        again.close()


def test_the_server_restarted_mid_sync(server: ServerProcess, tmp_path: Path) -> None:
    a = _laptop(tmp_path, server, "a", "DE-HAM", 1)
    try:
        _case(a, "재시작 중 사례")
        faulty = Faulty()
        faulty.before("/changes", server.restart)  # pushed, then the server goes down and comes back
        with _client(a, server, faulty) as client:
            report = client.run()
        assert report.complete and report.pulled >= 2
        server.stop()
        with pytest.raises(Offline, match="cannot be reached"):
            _sync(a)
        assert SyncService(a, keyring=False).status().last_error is not None
        _case(a, "서버가 꺼진 동안")
        server.start()
        assert _sync(a).complete
        assert SyncService(a, keyring=False).status().last_error is None
        assert sorted(_receipts(server, a.device.device_id)) == sorted(_outbox_ids(a))
    finally:
        a.close()
        if server.proc is None:
            server.start()


def test_a_revoked_device_is_refused_at_once(server: ServerProcess, tmp_path: Path) -> None:
    a = _laptop(tmp_path, server, "a", "US-BOS", 1)
    try:
        token = _token(server, a)
        with server.store() as store:
            auth.revoke(store, a.device.device_id)
        answer = httpx.get(f"{server.url}/v1/changes", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401 and "revoked" in answer.json()["detail"]
        assert answer.json()["code"] == "this_device_revoked" and answer.json()["params"] == {}
        _case(a, "회수된 노트북")
        with pytest.raises(DeviceRefused, match="revoked"):
            _sync(a)
        assert len(replica.pending_ops(a)) == 2  # kept, never counted as sent
        # HQ gives it a new code: enrolled again, it sends what it kept, in order, and the old
        # credential stays refused.
        SyncService(a, keyring=False).enroll(server.url, server.code("US-BOS"))
        assert _sync(a).complete and replica.pending_ops(a) == []
        assert sorted(_receipts(server, a.device.device_id)) == sorted(_outbox_ids(a))
        assert "회수된 노트북" in _titles(a)
        answer = httpx.get(f"{server.url}/v1/changes", headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 401 and "earlier enrolment" in answer.json()["detail"]
        fresh = _token(server, a)
        answer = httpx.get(f"{server.url}/v1/changes", headers={"Authorization": f"Bearer {fresh}"})
        assert answer.status_code == 200
    finally:
        a.close()


def _sign(secret: bytes, payload: dict[str, Any]) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    mac = (
        base64.urlsafe_b64encode(hmac.new(secret, body.encode(), hashlib.sha256).digest())
        .rstrip(b"=")
        .decode()
    )
    return f"{body}.{mac}"


def test_wrong_and_expired_tokens_and_credentials_are_refused(server: ServerProcess, tmp_path: Path) -> None:
    a = _laptop(tmp_path, server, "a", "US-ATL", 1)
    try:
        device = a.device.device_id
        with server.store() as store, store.read() as conn:
            secret = auth.server_secret(store)
            credential_hash = conn.execute(
                sa.select(auth_device.c.credential_hash).where(auth_device.c.device_id == device)
            ).scalar_one()
        enrolment = credential_hash[:16]
        url = f"{server.url}/v1/changes"
        expired = _sign(secret, {"d": device, "e": enrolment, "exp": int(time.time()) - 5})
        forged = _sign(
            b"not the server's secret", {"d": device, "e": enrolment, "exp": int(time.time()) + 600}
        )
        for headers, why in [
            ({}, "needs an access token"),
            ({"Authorization": "Bearer nonsense"}, "not valid"),
            ({"Authorization": f"Bearer {forged}"}, "not valid"),
            ({"Authorization": f"Bearer {expired}"}, "expired"),
        ]:
            answer = httpx.get(url, headers=headers)
            assert answer.status_code == 401 and why in answer.json()["detail"], answer.text
        wrong = httpx.post(f"{server.url}/v1/token", json={"device_id": device, "credential": "x" * 43})
        assert wrong.status_code == 401 and "credential is wrong" in wrong.json()["detail"]
        good = _sign(secret, {"d": device, "e": enrolment, "exp": int(time.time()) + 600})
        assert httpx.get(url, headers={"Authorization": f"Bearer {good}"}).status_code == 200
        again = httpx.post(
            f"{server.url}/v1/enrol",
            json={"code": "AAAA-BBBB-CCCC", "device_id": device, "mission": "US-ATL"},
        )
        assert again.status_code == 401 and "unknown, used or expired" in again.json()["detail"]
    finally:
        a.close()


def test_a_mission_cannot_read_or_write_another_missions_cases(server: ServerProcess, tmp_path: Path) -> None:
    fra = _laptop(tmp_path, server, "fra", "US-CHI", 1)
    ber = _laptop(tmp_path, server, "ber", "FR-PAR", 1)
    try:
        case_id = _case(fra, "뒤셀도르프 사례")
        assert _sync(fra).complete
        assert _sync(ber).complete
        assert case_id not in {
            r.id for r in RecordService(ber).list(ListQuery("support_case", limit=500)).rows
        }
        headers = {"Authorization": f"Bearer {_token(server, ber)}"}
        records = httpx.post(
            f"{server.url}/v1/records", json={"entity": "support_case", "ids": [case_id]}, headers=headers
        )
        assert records.status_code == 200 and records.json()["records"] == []
        verify = httpx.get(f"{server.url}/v1/verify", headers=headers).json()
        with server.store() as store, store.read() as conn:
            total = conn.execute(sa.text("select count(*) from support_case")).scalar_one()
        assert verify["entities"]["support_case"]["count"] < total
        next_seq = len(_outbox_ids(ber)) + 1  # Berlin's next number: only ownership stands in the way
        forged = Op(
            op_id="8c1d3f0e-0000-4000-8000-00000000aa01",
            device_id=ber.device.device_id,
            seq=next_seq,
            entity="support_case",
            record_id=case_id,
            kind=OpKind.UPDATE,
            owner_mission="FR-PAR",  # a lie: the server reads the owner from its own record
            base_version=1,
            changes={"title": FieldChange("뒤셀도르프 사례", "파리가 바꾼 제목")},
        )
        as_other = Op(
            **{
                **forged.__dict__,
                "op_id": "8c1d3f0e-0000-4000-8000-00000000aa02",
                "device_id": fra.device.device_id,
            }
        )
        body = {
            "ops": [forged.to_wire(), as_other.to_wire()],
            "device_id": fra.device.device_id,
            "mission": "US-CHI",
        }
        answer = httpx.post(f"{server.url}/v1/push", json=body, headers=headers)
        assert answer.status_code == 200, answer.text
        first, second = answer.json()["results"]
        assert first["status"] == "rejected" and "belongs to US-CHI" in first["reason"]
        assert second["status"] == "rejected" and "another device" in second["reason"]
        assert RecordService(fra).get("support_case", case_id)["title"] == "뒤셀도르프 사례"
        _case(fra, "시카고의 다음 사례")  # the forged op did not block the device it named
        assert _sync(fra).complete
        assert httpx.get(f"{server.url}/v1/hq/devices", headers=headers).status_code == 403
        assert httpx.get(f"{server.url}/v1/hq/conflicts", headers=headers).status_code == 403
    finally:
        fra.close()
        ber.close()


def test_an_app_below_the_minimum_version_is_told_to_update_and_keeps_its_outbox(
    server: ServerProcess, tmp_path: Path
) -> None:
    a = _laptop(tmp_path, server, "a", "DE-BER", 3)
    try:
        _case(a, "오래된 앱")
        with (
            _client(a, server, app_version="0.0.9") as client,
            pytest.raises(AppTooOld, match="Update the app"),
        ):
            client.run()
        assert len(replica.pending_ops(a)) == 2
        headers = {"Authorization": f"Bearer {_token(server, a)}", "X-MissionDesk-Version": "0.0.9"}
        ops = [op.to_wire() for op in replica.pending_ops(a)]
        answer = httpx.post(f"{server.url}/v1/push", json={"ops": ops}, headers=headers)
        assert answer.status_code == 426 and "too old" in answer.json()["detail"]
        assert _receipts(server, a.device.device_id) == []
    finally:
        a.close()


def test_a_pull_that_would_remove_most_records_stops_and_asks(server: ServerProcess, tmp_path: Path) -> None:
    a = _laptop(tmp_path, server, "a", "JP-TYO", 1)
    try:
        ids = [_case(a, f"도쿄 사례 {i}") for i in range(24)]
        assert _sync(a).complete
        with server.store() as store:
            for record_id in ids:
                Authority(store).move_record("support_case", record_id, "JP-OSA", "본부")
        with pytest.raises(MassChangeRefused):
            _sync(a)
        assert len(_titles(a)) == 24  # nothing removed
        report = SyncService(a, keyring=False).sync_once(confirm_mass_change=True)
        assert report.revoked == 24 and _titles(a) == []
    finally:
        a.close()


def test_verify_repairs_only_the_records_that_differ(server: ServerProcess, tmp_path: Path) -> None:
    a = _laptop(tmp_path, server, "a", "US-NYC", 1)
    try:
        ids = [_case(a, f"뉴욕 사례 {i}") for i in range(5)]
        assert _sync(a).complete
        with a.store.write() as conn:  # a row lost on this side (a bug, a bad disk sector...)
            conn.execute(sa.text("delete from support_case where id = :id"), {"id": ids[2]})
        report = SyncService(a, keyring=False).sync_once(verify=True)
        assert report.repaired == 1
        assert len(_titles(a)) == 5
        assert SyncService(a, keyring=False).sync_once(verify=True).repaired == 0
    finally:
        a.close()


def test_two_syncs_never_run_at_once(server: ServerProcess, tmp_path: Path) -> None:
    if server.database_url.startswith("postgresql"):
        pytest.skip("the lock is the laptop's; once is enough")
    a = _laptop(tmp_path, server, "a", "DE-FRA", 5)
    try:
        with SyncLock(a.paths.root / "sync.lock"), pytest.raises(SyncBusy):
            _sync(a)
        assert _sync(a).complete
    finally:
        a.close()


def test_headless_enroll_and_sync_commands(
    server: ServerProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if server.database_url.startswith("postgresql"):
        pytest.skip("the commands are the same on both databases")
    data = tmp_path / "cli"
    assert cli.main(["init", "--mission", "GB-LON", "--officer", "런던 담당관", "--data-dir", str(data)]) == 0
    assert cli.main(["sync", "--data-dir", str(data)]) == 1  # not enrolled yet
    assert "not enrolled" in capsys.readouterr().err
    assert server_main.main(["enroll-code", "--mission", "GB-LON", "--database", server.database_url]) == 0
    code = capsys.readouterr().out.split(": ")[1].split()[0]
    assert cli.main(["enroll", "--server", server.url, "--code", code, "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "No system keyring" in out  # this machine has none: the private file is used
    credential_file = data / "sync-credential.json"
    assert sys.platform == "win32" or credential_file.stat().st_mode & 0o777 == 0o600
    assert cli.main(["enroll", "--server", server.url, "--code", code, "--data-dir", str(data)]) == 1
    assert "unknown, used or expired" in capsys.readouterr().err
    assert cli.main(["sync", "--data-dir", str(data)]) == 0
    assert "Sent 1 change(s)" in capsys.readouterr().out
    device = json.loads(read_private(credential_file))  # sealed with DPAPI on Windows
    (device_id,) = device
    assert server_main.main(["revoke", device_id, "--database", server.database_url]) == 0
    assert cli.main(["sync", "--data-dir", str(data)]) == 1
    assert "revoked" in capsys.readouterr().err
    assert cli.main(["sync", "--data-dir", str(tmp_path / "elsewhere")]) == 1


def test_hq_restored_from_a_backup_gets_back_what_it_lost(tmp_path: Path) -> None:
    db = tmp_path / "hq.sqlite3"
    server = ServerProcess(f"sqlite:///{db}", tmp_path / "srv")
    server.start()
    a = _laptop(tmp_path, server, "a", "DE-FRA", 1)
    try:
        first = _case(a, "백업 이전 사례")
        assert _sync(a).complete
        backup = backup_sqlite(db, tmp_path / "backup.sqlite3")
        later = _case(a, "백업 이후 사례")  # work HQ will lose
        RecordService(a).update("support_case", first, {"priority": "urgent"})
        assert _sync(a).complete
        server.stop()
        backup.replace(db)
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        assert server_main.main(["restored", "--database", server.database_url]) == 0
        server.start()
        report = _sync(a)
        assert report.restarted and report.requeued >= 2 and report.complete
        with server.store() as store:
            hq = _Hq(store)
            assert visible_state(a, "DE-FRA") == visible_state(hq, "DE-FRA")  # type: ignore[arg-type]
        assert RecordService(a).get("support_case", later)["title"] == "백업 이후 사례"
        assert RecordService(a).get("support_case", first)["priority"] == "urgent"
    finally:
        a.close()
        server.stop()


def test_request_size_limit_and_openapi(server: ServerProcess) -> None:
    if server.database_url.startswith("postgresql"):
        pytest.skip("transport limits do not depend on the database")
    big = b"x" * (17 * 1024 * 1024)
    answer = httpx.post(f"{server.url}/v1/push", content=big, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/v1/hello", "/v1/enrol", "/v1/token", "/v1/push", "/v1/changes", "/v1/verify"} <= set(
        spec["paths"]
    )
    lines = [json.loads(line) for line in server.log().splitlines() if line.strip()]
    assert any(line["msg"] == "request" and line.get("status") == 413 for line in lines)


def test_hq_devices_administer_over_http(server: ServerProcess, tmp_path: Path) -> None:
    if server.database_url.startswith("postgresql"):
        pytest.skip("the routes are the same on both databases")
    a = _laptop(tmp_path, server, "a", "US-HOU", 1)
    try:
        hq_device = "00000000-0000-4000-8000-0000000000a1"
        enrolled = httpx.post(
            f"{server.url}/v1/enrol",
            json={"code": server.code("HQ"), "device_id": hq_device, "mission": "HQ"},
        )
        assert enrolled.status_code == 200 and enrolled.json()["role"] == "hq"
        token = httpx.post(
            f"{server.url}/v1/token",
            json={"device_id": hq_device, "credential": enrolled.json()["credential"]},
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        listed = httpx.get(f"{server.url}/v1/hq/devices", headers=headers).json()
        assert a.device.device_id in {d["device_id"] for d in listed}
        code = httpx.post(f"{server.url}/v1/hq/enrol-codes", json={"mission": "us-hou"}, headers=headers)
        assert code.status_code == 200 and code.json()["mission"] == "US-HOU"
        assert httpx.get(f"{server.url}/v1/hq/conflicts", headers=headers).status_code == 200
        assert httpx.get(f"{server.url}/v1/hq/held", headers=headers).json() == []
        revoked = httpx.post(f"{server.url}/v1/hq/devices/{a.device.device_id}/revoke", headers=headers)
        assert revoked.status_code == 200
        with pytest.raises(DeviceRefused, match="revoked"):
            _sync(a)
        missing = httpx.post(f"{server.url}/v1/hq/held/{uuid.uuid4()}/force", headers=headers)
        assert missing.status_code == 404
    finally:
        a.close()


def test_a_fresh_second_laptop_takes_the_lowest_free_slot_and_one_with_cases_is_refused(
    server: ServerProcess, tmp_path: Path
) -> None:
    first = _laptop(tmp_path, server, "first", "VN-HAN", 1)
    fresh = init_mission(tmp_path / "fresh", "VN-HAN", "둘째 담당관")  # slot 1, as init sets every laptop up
    used = init_mission(tmp_path / "used", "VN-HAN", "셋째 담당관")
    try:
        assert [op.entity for op in replica.pending_ops(fresh)] == ["officer"]  # init made its officer record
        enrolled = SyncService(fresh, keyring=False).enroll(server.url, server.code("VN-HAN"))
        assert enrolled.slot == 2 and fresh.device.slot == 2
        case_id = _case(fresh, "하노이 사례")
        assert RecordService(fresh).get("support_case", case_id)["reference"].startswith("VN-HAN-26-2")
        assert _sync(fresh).complete
        _case(used, "하노이 둘째 사례")  # a case reference that carries slot 1, taken by the first laptop
        with pytest.raises(SyncRefused, match=r"Slot 1 of VN-HAN is taken .* case references"):
            SyncService(used, keyring=False).enroll(server.url, server.code("VN-HAN"))
        assert used.device.slot == 1
    finally:
        for ctx in (first, fresh, used):
            ctx.close()
