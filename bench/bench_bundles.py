"""Bundle export and import preview against the fastest raw writer and reader (prints figures).

    .venv/bin/python bench/bench_bundles.py [RECORDS]      (default 100,000)

Export: a laptop with RECORDS cases and their create ops in its outbox, written as a bundle (ops sheet, readable cases sheet,
manifest, summary) against XlsxWriter writing the same cells raw. Preview: ``inspect`` + ``plan`` at HQ
against python-calamine reading every sheet raw. Then the first import and a re-import.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import python_calamine as calamine
import sqlalchemy as sa
import xlsxwriter

from bare import machine_load
from missiondesk.domain.ops import Op, OpKind
from missiondesk.domain.schema import entity
from missiondesk.services import bundle_export, bundle_import, device_keys
from missiondesk.services.context import open_context
from missiondesk.services.setup import init_hq, init_mission
from missiondesk.store.records import new_row, utcnow, wire_changes
from missiondesk.store.tables import entity_table, outbox
from missiondesk.sync.authority import Authority


def _fill_laptop(ctx, n: int) -> None:  # type: ignore[no-untyped-def]
    """RECORDS cases and their create ops, as the laptop's ``store.records.insert`` leaves them, in bulk.

    Each case row is made with ``new_row`` and its op from ``wire_changes`` of that row, so the
    readable cases sheet of the bundle holds RECORDS rows that match the ops.
    """
    dev = ctx.device
    spec = entity("support_case")
    now = utcnow()
    made_at = now.isoformat(timespec="seconds") + "Z"
    cases = []
    rows = []
    for i in range(n):
        values = {
            "reference": f"{dev.mission}-26-{i:06d}",
            "title": f"부지 인허가 지연 {i} — permit delay",
            "summary": "주 정부 및 지방 정부에 협조 요청, 인허가 절차 진행 중. " * 3,
            "country": "DE",
            "received_date": dt.date(2026, 1 + i % 12, 1 + i % 28),
            "status": "open",
            "priority": "normal",
            "investment_usd": 1000 * i,
            "categories": ["permits", "site"],
        }
        row = new_row(
            spec, values, record_id=str(uuid.uuid4()), owner=dev.mission, by=dev.officer_name, at=now
        )
        cases.append(row)
        op = Op(
            str(uuid.uuid4()),
            dev.device_id,
            i + 2,
            spec.name,
            row["id"],
            OpKind.CREATE,
            dev.mission,
            0,
            wire_changes(spec, {}, row),
            made_at=made_at,
            made_by=dev.officer_name,
        )
        rows.append(
            dict(
                device_id=dev.device_id,
                seq=op.seq,
                op_id=op.op_id,
                entity=op.entity,
                record_id=op.record_id,
                kind="create",
                payload=op.canonical(),
                status="pending",
                created_at=now,
            )
        )
    with ctx.store.write() as conn:
        conn.execute(
            sa.text("UPDATE device SET last_seq = :n WHERE device_id = :d"), {"n": n + 1, "d": dev.device_id}
        )
        for start in range(0, n, 5000):
            conn.execute(sa.insert(entity_table(spec.name)), cases[start : start + 5000])
            conn.execute(sa.insert(outbox), rows[start : start + 5000])


def _make_laptop(data_dir: Path, n: int) -> None:
    ctx = init_mission(data_dir, "DE-FRA", "김영희")
    _fill_laptop(ctx, n)
    ctx.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    root = Path(tempfile.mkdtemp(prefix="bench-bundles-"))
    print(f"start: {machine_load()}")
    try:
        _run(root, n)
    finally:
        shutil.rmtree(root, ignore_errors=True)  # about 0.7 GB at 100,000 records
    print(f"end: {machine_load()}")


def _run(root: Path, n: int) -> None:
    # The laptop is filled by a child process, so that building its rows does not count in this
    # process's peak memory, which then measures the export.
    child = multiprocessing.get_context("fork").Process(target=_make_laptop, args=(root / "fra", n))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit("filling the laptop failed")
    hq = init_hq(root / "hq", "본부")
    fra = open_context(root / "fra")
    Authority(hq.store).register_device(fra.device.device_id, "DE-FRA", fra.device.role, 1)
    bundle = root / "bundle.xlsx"
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    result = bundle_export.export_bundle(fra, bundle)
    export_s = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"export: {result.op_count:,} ops in {export_s:.1f} s, file {bundle.stat().st_size / 1e6:.1f} MB, "
        f"peak RSS growth {(rss1 - rss0) / 1024:.0f} MiB"
    )

    # The same cells written raw with XlsxWriter (the fastest writer measured).
    content = calamine.CalamineWorkbook.from_path(str(bundle))
    sheets = {name: content.get_sheet_by_name(name).to_python() for name in content.sheet_names}
    raw = root / "raw.xlsx"
    t = time.perf_counter()
    book = xlsxwriter.Workbook(str(raw), {"constant_memory": True, "strings_to_formulas": False})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value != "":
                    ws.write(r, c, value)
    book.close()
    raw_write = time.perf_counter() - t
    print(
        f"raw XlsxWriter write of the same cells: {raw_write:.1f} s -> export is {export_s / raw_write:.2f}x (target 1.5x)"
    )

    t = time.perf_counter()
    book2 = calamine.CalamineWorkbook.from_path(str(bundle))
    for name in book2.sheet_names:
        book2.get_sheet_by_name(name).to_python()
    raw_read = time.perf_counter() - t
    device_keys.write_key_card(fra, root / "fra.key")
    device_keys.trust_key(hq, root / "fra.key")
    cpu, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    plan = bundle_import.plan(hq, [bundle])
    preview = time.perf_counter() - t
    cpu = time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    second = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    print(
        f"raw calamine read: {raw_read:.1f} s; import preview: {preview:.1f} s -> {preview / raw_read:.2f}x (target 2x)"
    )
    print(
        f"  preview CPU: {cpu:.1f} s here, {second:.1f} s in the second process (readable sheets); {machine_load()}"
    )
    t = time.perf_counter()
    bundle_import.apply(hq, plan)
    first = time.perf_counter() - t
    t = time.perf_counter()
    bundle_import.apply(hq, bundle_import.plan(hq, [bundle]))
    again = time.perf_counter() - t
    print(f"first import: {first:.1f} s; re-import (plan + apply, all duplicates): {again:.1f} s")
    hq.close()
    fra.close()


if __name__ == "__main__":
    main()
