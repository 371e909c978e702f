"""Benchmark of the authority's merge engine and change feed.

Builds an HQ authority (SQLite by default, or --database URL for PostgreSQL)
holding N records pushed by a mission laptop's device, then prints:
- the initial load rate (create ops merged per second, in batches),
- ops merged per second for one batch of 10,000 update ops (a mix of clean
  applies, merges and conflicts), beside its limit (SQLite): the rows the batch wrote (the records
  with their search documents and FTS5 rows, the feed entries, receipts and the rest it added)
  written into a fresh HQ by one ``executemany`` per table in one transaction (bench/raw.py);
  target >= 35 % of that limit,
- the time to read a change-feed page of 500 for a mission device, at the
  start, middle and end of the feed (target: under 50 ms).

    .venv/bin/python bench/bench_authority.py [--records 100000] [--batch 10000] [--database URL]
"""

from __future__ import annotations

import argparse
import gc
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from bare import machine_load
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.permissions import Role
from missiondesk.services.setup import init_hq
from missiondesk.store.tables import BIGRAM_TABLE, FTS_TABLE
from missiondesk.sync.authority import Authority
from missiondesk.sync.protocol import Status
from raw import in_list, raw_write_seconds, row_count, rowid_marks, rows_added, rows_of

OPS_TARGET = 0.35  # of the raw limit
PAGE_TARGET_MS = 50.0


def create_op(device: str, seq: int, i: int) -> Op:
    return Op(
        op_id=str(uuid.uuid4()),
        device_id=device,
        seq=seq,
        entity="support_case",
        record_id=str(uuid.uuid4()),
        kind=OpKind.CREATE,
        owner_mission="DE-FRA",
        base_version=0,
        changes={
            "reference": FieldChange(None, f"DE-FRA-26-1{i:05d}"),
            "title": FieldChange(None, f"바이에른주 공장 부지 인허가 지연 {i}"),
            "summary": FieldChange(None, "현지 주정부와 협의 중. Factory permit pending."),
            "country": FieldChange(None, "DE"),
            "area": FieldChange(None, "DE-BY"),
            "categories": FieldChange([], ["permits", "site"]),
            "received_date": FieldChange(None, "2026-03-02"),
            "status": FieldChange(None, "open"),
            "priority": FieldChange(None, "normal"),
        },
        made_at="2026-03-02T09:00:00Z",
        made_by="벤치 담당관",
    )


def raw_limit(engine: sa.Engine, marks: dict[str, int], records: set[str], root: Path) -> tuple[int, float]:
    """The batch's limit: the rows it wrote, written into a fresh HQ by one ``executemany`` per table
    in one transaction (rows, seconds). The touched records with their search documents and FTS5 rows
    are read whole; every other table gives the rows the batch added."""
    ids = sorted(records)
    rows = rows_added(engine, marks, skip=("support_case", "search_doc", FTS_TABLE, BIGRAM_TABLE))
    rows["support_case"] = rows_of(engine, "support_case", *in_list("id", ids))
    docs = rows_of(engine, "search_doc", *in_list("record_id", ids))
    rows["search_doc"] = docs
    for fts in (FTS_TABLE, BIGRAM_TABLE):
        rows[fts] = rows_of(engine, fts, *in_list("rowid", [d["id"] for d in docs]))
    fresh = init_hq(root / "raw", "raw 본부", None)
    try:
        return row_count(rows), raw_write_seconds(fresh.store.engine, rows)
    finally:
        fresh.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument(
        "--database", help="an authority database URL (default: SQLite in a temporary folder)"
    )
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="md-bench-authority-"))
    try:
        hq = init_hq(root / "hq", "벤치 본부", args.database)
        authority = Authority(hq.store)
        device = str(uuid.uuid4())
        authority.register_device(device, "DE-FRA", Role.MISSION, 1)
        reader = str(uuid.uuid4())
        authority.register_device(reader, "DE-FRA", Role.MISSION, 2)
        print(
            f"MissionDesk authority benchmark - Python {sys.version.split()[0]}, {hq.store.engine.dialect.name}; "
            f"{machine_load()}"
        )

        creates = [create_op(device, seq, seq) for seq in range(1, args.records + 1)]
        started = time.perf_counter()
        for start in range(0, len(creates), 1000):
            results = authority.push(creates[start : start + 1000], device)
            assert all(r.status is Status.APPLIED for r in results), results[:3]
        load = time.perf_counter() - started
        print(f"initial load: {args.records:,} create ops in {load:.1f} s = {args.records / load:,.0f} ops/s")
        # Only the record ids are needed from here on. 100,000 op objects kept alive would be walked by
        # every full pass of Python's cycle collector in the timed calls below: the bench's cost, not HQ's.
        record_ids = [op.record_id for op in creates]
        del creates
        if hq.store.engine.dialect.name == "postgresql":
            # A live HQ database has planner statistics: autovacuum gathers them within a minute or so of
            # a bulk load, which now ends sooner. Without them a feed page sorts the whole feed (40 ms more).
            with hq.store.write() as conn:
                conn.exec_driver_sql("ANALYZE")

        rng = random.Random(7)
        updates = []
        seq = args.records
        for i in range(args.batch):
            target = rng.choice(record_ids)
            seq += 1
            roll = rng.random()
            if roll < 0.7:  # a clean edit of a field nobody else touched
                changes = {
                    "summary": FieldChange("현지 주정부와 협의 중. Factory permit pending.", f"진행 {i}")
                }
            elif roll < 0.9:  # the same change again: merges as already there
                changes = {"priority": FieldChange("normal", "high")}
            else:  # a stale base: a conflict kept for review
                changes = {"title": FieldChange("오래된 제목", f"충돌 제목 {i}")}
            updates.append(
                Op(
                    str(uuid.uuid4()),
                    device,
                    seq,
                    "support_case",
                    target,
                    OpKind.UPDATE,
                    "DE-FRA",
                    1,
                    changes,
                    made_at="2026-03-03T09:00:00Z",
                    made_by="벤치 담당관",
                )
            )
        sqlite = hq.store.engine.dialect.name == "sqlite"
        marks = rowid_marks(hq.store.engine) if sqlite else {}
        started = time.perf_counter()
        results = authority.push(updates, device)
        merged = time.perf_counter() - started
        limit = raw_limit(hq.store.engine, marks, {op.record_id for op in updates}, root) if sqlite else None
        tally: dict[str, int] = {}
        for r in results:
            tally[r.status.value] = tally.get(r.status.value, 0) + 1
        rate = args.batch / merged
        print(f"one batch of {args.batch:,} update ops: {merged:.2f} s = {rate:,.0f} ops/s; results {tally}")
        if limit is not None:
            written, seconds = limit
            verdict = "ok" if rate >= OPS_TARGET * args.batch / seconds else "MISS"
            print(
                f"  limit {args.batch / seconds:,.0f} ops/s ({written:,} rows written raw in {seconds:.2f} s); "
                f"{rate * seconds / args.batch:.0%} of it (target >= {OPS_TARGET:.0%}: {verdict})"
            )
        else:
            print("  (the raw limit is measured on SQLite only)")

        again = time.perf_counter()
        authority.push(updates, device)
        print(f"the same batch again (all duplicates): {time.perf_counter() - again:.2f} s")

        # A push pauses Python's cycle collector and leaves it a full pass due; let it run now, so the feed
        # timings below measure reading the feed, not a pass over this process's heap.
        gc.collect()
        head = authority.changes(reader, 0, 1).head
        for label, cursor in (("start", 0), ("middle", head // 2), ("end", max(0, head - 500))):
            samples = []
            for _ in range(10):
                t = time.perf_counter()
                page = authority.changes(reader, cursor, 500)
                samples.append((time.perf_counter() - t) * 1000)
            samples.sort()
            p95 = samples[int(0.95 * (len(samples) - 1))]
            verdict = "ok" if p95 < PAGE_TARGET_MS else "MISS"
            print(
                f"feed page of 500 at the {label:<6} (cursor {cursor:>7,}): p50 {samples[len(samples) // 2]:.1f} ms, "
                f"p95 {p95:.1f} ms, {len(page.changes)} changes (target < {PAGE_TARGET_MS:g} ms: {verdict})"
            )
        hq.close()
        print(f"at the end: {machine_load()}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
