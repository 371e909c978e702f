"""Attachment contents through a bundle's side-cars: export and import, small files against large.

    .venv/bin/python bench/attachments_bundle.py [MB]      (default 200 MB of attachments per run)

Two runs, each in its own process (so each peak RSS is its own): MB of attachments as many small
files (100 KB) and as a few large ones (20 MB, each split over two side-cars of 18 MB). A laptop
attaches them (the encrypted blob store), exports a bundle with its side-cars; HQ plans and imports
it, verifying every content and storing it in its own encrypted blob store. Beside each figure, the
raw limit measured in the same run: ``zipfile`` writing the same bytes, read from plain files, into
the same number of stored archives, and reading them back into plain files. Peak memory is Python's
allocations (tracemalloc, reset per phase) and the process's peak RSS; both should be flat in the
files' size.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

from bare import machine_load
from missiondesk.services import bundle_export, bundle_import, device_keys
from missiondesk.services.attachments import MAX_BYTES_SETTING, AttachmentService
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_hq, init_mission
from missiondesk.store import settings
from missiondesk.sync.authority import Authority

KB = 1024
MB = 1024 * 1024


def _files(folder: Path, total: int, size: int) -> list[Path]:
    """``total`` bytes as files of ``size`` that do not compress (as PDFs and scans), PDF-headed."""
    folder.mkdir(parents=True)
    out = []
    for i in range(max(1, total // size)):
        path = folder / f"file-{i:05d}.pdf"
        with path.open("wb") as fh:
            fh.write(b"%PDF-1.7\n")
            left = size - 9
            while left:
                block = os.urandom(min(MB, left))
                fh.write(block)
                left -= len(block)
        out.append(path)
    return out


def _peak(label: str, seconds: float, nbytes: int, limit_s: float, peak: int) -> str:
    rate, limit_rate = nbytes / MB / seconds, nbytes / MB / limit_s
    return (
        f"  {label:<8} {seconds:6.1f} s  {rate:6.1f} MB/s   raw zipfile {limit_s:5.1f} s {limit_rate:6.1f} MB/s"
        f"   ratio {seconds / limit_s:4.1f}x   Python peak {peak / MB:5.1f} MiB"
    )


def _raw_write(files: list[Path], out: Path, archives: int) -> float:
    """The same bytes into ``archives`` stored zip files with plain ``zipfile``: the limit."""
    t = time.perf_counter()
    per = -(-len(files) // archives)
    for n in range(archives):
        with zipfile.ZipFile(out / f"raw-{n}.zip", "w", compression=zipfile.ZIP_STORED) as zf:
            for f in files[n * per : (n + 1) * per]:
                zf.write(f, f.name)
    return time.perf_counter() - t


def _raw_read(out: Path, into: Path, durable: bool = False) -> float:
    """Every entry of the raw archives read, hashed and written to a plain file: the import's limit;
    ``durable``: each file flushed to disk (``fsync``) before the next, as the blob store does."""
    into.mkdir()
    t = time.perf_counter()
    for archive in sorted(out.glob("raw-*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                h = hashlib.sha256()
                with zf.open(info) as src, (into / info.filename).open("wb") as dst:
                    for block in iter(lambda: src.read(MB), b""):
                        h.update(block)
                        dst.write(block)
                    if durable:
                        dst.flush()
                        os.fsync(dst.fileno())
    return time.perf_counter() - t


def _run(root: Path, total: int, size: int, label: str) -> None:
    files = _files(root / "source", total, size)
    fra = init_mission(root / "fra", "DE-FRA", "김영희")
    hq = init_hq(root / "hq", "본부")
    with fra.store.write() as conn:
        settings.put(conn, MAX_BYTES_SETTING, 32 * MB)
    Authority(hq.store).register_device(fra.device.device_id, "DE-FRA", fra.device.role, 1)
    device_keys.write_key_card(fra, root / "fra.key")
    device_keys.trust_key(hq, root / "fra.key")
    case = RecordService(fra).create("support_case", {"title": "부지", "received_date": "2026-03-02"})
    service = AttachmentService(fra)
    t = time.perf_counter()
    for f in files:
        service.attach("support_case", case.record_id, f)
    attach_s = time.perf_counter() - t
    nbytes = sum(f.stat().st_size for f in files)
    print(
        f"{label}: {len(files):,} files of {size / MB:.2f} MiB, {nbytes / MB:.0f} MiB; attached in {attach_s:.1f} s"
    )

    mail = root / "mail"
    mail.mkdir()
    tracemalloc.start()
    t = time.perf_counter()
    result = bundle_export.export_bundle(fra, mail / "fra.xlsx")
    export_s = time.perf_counter() - t
    export_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()  # the limit runs untraced, as plain code would
    raw = root / "raw"
    raw.mkdir()
    raw_write = _raw_write(files, raw, len(result.sidecars))
    print(_peak("export", export_s, nbytes, raw_write, export_peak) + f"   {len(result.sidecars)} side-cars")

    tracemalloc.start()
    t = time.perf_counter()
    plan = bundle_import.plan(hq, [mail / "fra.xlsx"])
    plan_s = time.perf_counter() - t
    report = bundle_import.apply(hq, plan)
    import_s = time.perf_counter() - t
    import_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    raw_read = _raw_read(raw, root / "raw-read")
    durable = _raw_read(raw, root / "raw-read-fsync", durable=True)
    print(
        _peak("import", import_s, nbytes, raw_read, import_peak)
        + f"   {report.bundles[0].files.stored} contents stored; of it the plan (records, side-car hashes)"
        f" {plan_s:.1f} s"
    )
    print(
        f"           raw zipfile with an fsync per file (the blob store flushes each content): {durable:.1f} s"
        f" -> ratio {import_s / durable:.1f}x"
    )
    assert report.bundles[0].files.stored == len(files)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS of this run's process: {rss:.0f} MiB; {machine_load()}")
    fra.close()
    hq.close()


def main() -> None:
    total = int(float(sys.argv[1]) * MB) if len(sys.argv) > 1 else 200 * MB
    print(f"start: {machine_load()}")
    for size, label in ((100 * KB, "small"), (20 * MB, "large")):
        root = Path(tempfile.mkdtemp(prefix="bench-attachments-"))
        try:
            child = multiprocessing.get_context("fork").Process(target=_run, args=(root, total, size, label))
            child.start()
            child.join()
            if child.exitcode != 0:
                raise SystemExit(f"the {label} run failed")
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"end: {machine_load()}")


if __name__ == "__main__":
    main()
