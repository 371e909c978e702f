"""Load test of the HQ sync server: many mission devices syncing at once over loopback.

Starts ``--servers`` server processes against one PostgreSQL database (its public schema is
DROPPED first: give it an empty database of its own), enrols ``--devices`` simulated devices
spread over the missions, and lets each one loop for ``--seconds``: make a few create ops, push
them, pull its feed. Then prints:
- zero lost or duplicated ops: every device's outbox compared with the server's receipts, and
  each created record merged exactly once;
- p50/p95 latency of push and of pull requests;
- an incremental sync with nothing to do, by a real laptop (``SyncService.sync_once``; target < 50 ms);
- the load's throughput against one device pushing alone (the same batches, no pause) just before it;
- the initial pull of ``--records`` records by a fresh laptop, beside its limit: the same rows (records,
  search documents, FTS5 tables) written into a second fresh laptop by one ``executemany`` per table in
  one transaction (bench/raw.py); target >= 40 % of that limit; with ``--compare-plaintext``, by fresh
  laptops with an encrypted and with a plaintext database in turn (two of each, best of two; target:
  encrypted within 1.25x of plaintext).

    .venv/bin/python bench/bench_sync.py --database postgresql+psycopg://.../missiondesk_bench
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import reset_postgres
from tests.syncserver import ServerProcess

from bare import machine_load
from missiondesk import refdata
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.permissions import Role
from missiondesk.server import auth
from missiondesk.server.app import open_server_store
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.store.tables import auth_device, change_feed, op_receipt
from missiondesk.sync.authority import Authority
from plaintext_store import plaintext_store
from raw import raw_write_seconds, row_count, rows_of, written_tables

NOTHING_TARGET_MS = 50.0
PULL_TARGET = 0.40  # of the raw limit
PULL_MISSION = "KZ-ALA"  # the initial-pull mission; no load device uses it


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def create_op(device: str, mission: str, slot: int, seq: int, n: int) -> Op:
    return Op(
        op_id=str(uuid.uuid4()),
        device_id=device,
        seq=seq,
        entity="support_case",
        record_id=str(uuid.uuid4()),
        kind=OpKind.CREATE,
        owner_mission=mission,
        base_version=0,
        changes={
            "reference": FieldChange(None, f"{mission}-26-{slot}{n:05d}"),
            "title": FieldChange(None, f"부하 시험 사례 {n}"),
            "country": FieldChange(None, mission[:2]),
            "categories": FieldChange([], ["permits"]),
            "received_date": FieldChange(None, "2026-03-02"),
            "status": FieldChange(None, "open"),
            "priority": FieldChange(None, "normal"),
        },
        made_at="2026-03-02T09:00:00Z",
        made_by="벤치",
    )


@dataclass
class SimDevice:
    device_id: str
    mission: str
    slot: int
    credential: str
    server: str
    seq: int = 0
    cursor: int = 0
    outbox: list[str] = field(default_factory=list)
    push_ms: list[float] = field(default_factory=list)
    pull_ms: list[float] = field(default_factory=list)
    retries: int = 0
    errors: list[str] = field(default_factory=list)


async def _post(client: httpx.AsyncClient, dev: SimDevice, path: str, **kw: object) -> httpx.Response:
    for attempt in range(5):
        try:
            r = await client.post(path, **kw)  # type: ignore[arg-type]
            if r.status_code in (502, 503, 504):
                raise httpx.ReadError("busy")
            return r
        except httpx.TransportError:
            dev.retries += 1
            await asyncio.sleep(0.2 * 2**attempt)
    raise RuntimeError("gave up")


async def run_device(dev: SimDevice, deadline: float, batch: int, think: float, rng: random.Random) -> None:
    async with httpx.AsyncClient(base_url=dev.server + "/v1", timeout=60.0) as client:
        r = await _post(
            client, dev, "/token", json={"device_id": dev.device_id, "credential": dev.credential}
        )
        client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        while time.monotonic() < deadline:
            ops = []
            for _ in range(batch):
                dev.seq += 1
                ops.append(create_op(dev.device_id, dev.mission, dev.slot, dev.seq, dev.seq))
            dev.outbox.extend(op.op_id for op in ops)
            t = time.perf_counter()
            r = await _post(client, dev, "/push", json={"ops": [op.to_wire() for op in ops]})
            dev.push_ms.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                dev.errors.append(f"push {r.status_code} {r.text[:100]}")
                return
            statuses = {x["status"] for x in r.json()["results"]}
            if not statuses <= {"applied", "duplicate"}:
                dev.errors.append(f"push results {statuses}")
            while True:
                t = time.perf_counter()
                g = await client.get("/changes", params={"cursor": dev.cursor, "limit": 500})
                dev.pull_ms.append((time.perf_counter() - t) * 1000)
                if g.status_code != 200:
                    dev.errors.append(f"pull {g.status_code}")
                    return
                page = g.json()
                dev.cursor = page["cursor"]
                if not page["more"]:
                    break
            await asyncio.sleep(rng.uniform(0, 2 * think))


def enrol_devices(db: str, servers: list[ServerProcess], count: int) -> list[SimDevice]:
    missions = [m["code"] for m in refdata.rows("mission") if m["code"] != PULL_MISSION]
    store = open_server_store(db)
    devices = []
    try:
        with httpx.Client(timeout=30) as http:
            for i in range(count):
                mission, slot = missions[i % len(missions)], 1 + i // len(missions)
                code = auth.issue_code(store, mission)
                device_id = str(uuid.uuid4())
                server = servers[i % len(servers)].url
                r = http.post(
                    f"{server}/v1/enrol",
                    json={"code": code, "device_id": device_id, "mission": mission, "slot": slot},
                )
                r.raise_for_status()
                devices.append(SimDevice(device_id, mission, slot, r.json()["credential"], server))
    finally:
        store.dispose()
    return devices


def check_receipts(db: str, devices: list[SimDevice]) -> tuple[int, int, int]:
    """(lost, unknown, merged more than once) over every device's outbox."""
    store = open_server_store(db)
    try:
        with store.read() as conn:
            got: dict[str, set[str]] = {}
            for device_id, op_id in conn.execute(sa.select(op_receipt.c.device_id, op_receipt.c.op_id)):
                got.setdefault(device_id, set()).add(op_id)
            twice = conn.execute(
                sa.select(sa.func.count()).select_from(
                    sa.select(change_feed.c.op_id)
                    .where(change_feed.c.op_id.is_not(None), change_feed.c.entity == "support_case")
                    .group_by(change_feed.c.op_id)
                    .having(sa.func.count() > 1)
                    .subquery()
                )
            ).scalar_one()
    finally:
        store.dispose()
    lost = unknown = 0
    for dev in devices:
        mine = set(dev.outbox)
        theirs = got.get(dev.device_id, set())
        lost += len(mine - theirs)
        unknown += len(theirs - mine)
        assert len(mine) == len(dev.outbox)
    return lost, unknown, int(twice)


def seed(db: str, records: int) -> None:
    store = open_server_store(db)
    try:
        device = str(uuid.uuid4())
        Authority(store).register_device(device, PULL_MISSION, Role.MISSION, 9)
        authority = Authority(store)
        start = time.perf_counter()
        for first in range(0, records, 1000):
            ops = [
                create_op(device, PULL_MISSION, 9, n + 1, n + 1)
                for n in range(first, min(records, first + 1000))
            ]
            authority.push(ops, device)
        print(
            f"  seeded {records:,} records in {time.perf_counter() - start:.1f} s (Authority.push, batches of 1,000)"
        )
        # What autovacuum does on a server that has been running: the pull should not meet the
        # seeding's dead tuples and missing planner statistics of a moment ago.
        with store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    finally:
        store.dispose()


def laptop(root: Path, name: str, mission: str, slot: int, db: str, server: ServerProcess) -> SyncService:
    ctx = init_mission(root / name, mission, f"{name} 담당관", slot)
    store = open_server_store(db)
    try:
        code = auth.issue_code(store, mission)
    finally:
        store.dispose()
    svc = SyncService(ctx, keyring=False)
    svc.enroll(server.url, code)
    return svc


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--database", required=True, help="PostgreSQL URL of an empty database (its schema is dropped)"
    )
    p.add_argument("--servers", type=int, default=2)
    p.add_argument("--devices", type=int, default=200)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--batch", type=int, default=5, help="ops per push")
    p.add_argument("--think", type=float, default=0.5, help="mean pause between a device's syncs (s)")
    p.add_argument("--records", type=int, default=100_000, help="records for the initial pull")
    p.add_argument(
        "--compare-plaintext",
        action="store_true",
        help="pull: also into laptops with a plaintext database, side by side",
    )
    p.add_argument(
        "--parts",
        default="load,idle,pull",
        help="comma-separated sections to run: load (the devices), idle (nothing to do), pull (initial pull)",
    )
    args = p.parse_args(argv)
    parts = {x.strip() for x in args.parts.split(",") if x.strip()}
    if not parts <= {"load", "idle", "pull"}:
        p.error(f"--parts: unknown {sorted(parts - {'load', 'idle', 'pull'})}")

    root = Path(tempfile.mkdtemp(prefix="md-bench-sync-"))
    print(machine_load())
    reset_postgres(args.database)
    servers = [ServerProcess(args.database, root / f"server{i}") for i in range(args.servers)]
    try:
        for s in servers:
            s.start()
        ok = True
        if "load" in parts:
            print(f"{args.servers} server processes on one PostgreSQL database; {args.devices} devices")
            devices = enrol_devices(args.database, servers, args.devices)

            rng = random.Random(2026)

            # The single-device push rate: the first device alone, the same batches without a pause.
            async def alone() -> None:
                await run_device(devices[0], time.monotonic() + 5.0, args.batch, 0.0, rng)

            asyncio.run(alone())
            # Per second of its pushes and pulls: its token request before them is not the push rate.
            busy = sum(devices[0].push_ms) + sum(devices[0].pull_ms)
            single = len(devices[0].outbox) / busy * 1000
            before = len(devices[0].outbox)

            async def load() -> None:
                deadline = time.monotonic() + args.seconds
                await asyncio.gather(*(run_device(d, deadline, args.batch, args.think, rng) for d in devices))

            start = time.perf_counter()
            asyncio.run(load())
            wall = time.perf_counter() - start
            ops = sum(len(d.outbox) for d in devices) - before
            push = [x for d in devices for x in d.push_ms]
            pull = [x for d in devices for x in d.pull_ms]
            errors = [e for d in devices for e in d.errors]
            lost, unknown, twice = check_receipts(args.database, devices)
            print(
                f"Load: {wall:.1f} s, {ops:,} ops in {len(push):,} pushes ({ops / wall:,.0f} ops/s), {len(pull):,} pulls"
            )
            print(
                f"  throughput {ops / wall:,.0f} ops/s = {ops / wall / single:.2f}x one device pushing alone "
                f"({single:,.0f} ops/s, batches of {args.batch}, no pause, just before)"
            )
            print(f"  push latency p50 {statistics.median(push):.1f} ms, p95 {pct(push, 0.95):.1f} ms")
            print(f"  pull latency p50 {statistics.median(pull):.1f} ms, p95 {pct(pull, 0.95):.1f} ms")
            print(
                f"  lost {lost}, unknown receipts {unknown}, merged twice {twice}, retries {sum(d.retries for d in devices)}"
            )
            print(f"  errors: {len(errors)} {errors[:3]}")
            ok = lost == 0 and twice == 0 and not errors

        if "idle" in parts:
            svc = laptop(root, "idle", "KZ-AST", 8, args.database, servers[0])  # slots 1-4 hold load devices
            svc.sync_once()
            times = []
            for _ in range(20):
                t = time.perf_counter()
                svc.sync_once()
                times.append((time.perf_counter() - t) * 1000)
            svc.ctx.close()
            print(
                f"Incremental sync, nothing to do: p50 {statistics.median(times):.1f} ms, p95 {pct(times, 0.95):.1f} ms "
                f"(target < {NOTHING_TARGET_MS:.0f} ms)"
            )

        if "pull" in parts:
            seed(args.database, args.records)
            modes = (
                ["encrypted", "plaintext", "plaintext", "encrypted"]
                if args.compare_plaintext
                else ["encrypted"]
            )
            best: dict[str, float] = {}
            for slot, mode in enumerate(modes, start=1):
                server = servers[slot % len(servers)]
                with plaintext_store() if mode == "plaintext" else contextlib.nullcontext():
                    fresh = laptop(root, f"fresh{slot}", PULL_MISSION, slot, args.database, server)
                    # The limit: the rows the pull wrote, written raw into a second fresh laptop of the
                    # same kind (encrypted or not), on the same engine.
                    raw = init_mission(root / f"raw{slot}", PULL_MISSION, "raw 담당관", 2)
                t = time.perf_counter()
                report = fresh.sync_once()
                seconds = time.perf_counter() - t
                rate = report.pulled / seconds
                pulled = fresh.ctx.store.engine
                rows = {name: rows_of(pulled, name) for name in written_tables(pulled, raw.store.engine)}
                limit = report.pulled / raw_write_seconds(raw.store.engine, rows)
                raw.close()
                fresh.ctx.close()
                best[mode] = min(best.get(mode, math.inf), seconds)
                verdict = "ok" if rate >= PULL_TARGET * limit else "MISS"
                print(
                    f"Initial pull ({mode}): {report.pulled:,} records in {seconds:.1f} s = {rate:,.0f} records/s  "
                    f"limit {limit:,.0f} records/s  {rate / limit:.0%} of it (target >= {PULL_TARGET:.0%}: {verdict})"
                )
                print(
                    f"  (limit: the same {row_count(rows):,} rows in {', '.join(rows)}, one executemany per table "
                    "in one transaction into a fresh laptop)"
                )
            if args.compare_plaintext:
                ratio = best["encrypted"] / best["plaintext"]
                print(
                    f"  best of two: plaintext {best['plaintext']:.1f} s, encrypted {best['encrypted']:.1f} s, "
                    f"ratio {ratio:.2f} (target <= 1.25)"
                )
        with open_server_store(args.database).engine.connect() as conn:
            n = conn.execute(sa.select(sa.func.count()).select_from(auth_device)).scalar_one()
        print(f"  ({n} devices enrolled in all); at the end: {machine_load()}")
        return 0 if ok else 1
    finally:
        for s in servers:
            s.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
