"""Attachment contents synced up and down through the real HQ server, beside a bare HTTP limit.

``--total-mb`` of files (200 by default) are attached on one laptop, in rounds of one file size each
(``--sizes``, MB): each round is sent by ``SyncService.sync_once`` (records, then contents in 1 MiB
chunks, hashed and checked at HQ) and received by a second laptop of the same mission (ranged download,
hashed, encrypted into its store). For each round it prints:

- throughput up and down (MB/s of file bytes), beside the **limit measured in the same run**: the same
  files PUT in the same 1 MiB chunks to, and streamed back by GET from, a bare HTTP server in another
  process (``http.server``: no auth, no database, no hashing, no encryption), written to and read from
  plain files; the ratio product / limit;
- the laptop's peak Python memory during the upload and the download (``tracemalloc``): flat in the
  file size means a 24 MB file costs no more than a 2 MB one;
- the machine's load at the start and the end (a shared machine's figures move with it).

    .venv/bin/python bench/attachments_sync.py                   # 200 MB, files of 2, 8 and 24 MB
    .venv/bin/python bench/attachments_sync.py --total-mb 30     # a quick run
    .venv/bin/python bench/attachments_sync.py --database postgresql+psycopg://.../md_bench
"""

from __future__ import annotations

import argparse
import gc
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.syncserver import ServerProcess, free_port

from bare import machine_load
from missiondesk.server import auth
from missiondesk.server.app import open_server_store
from missiondesk.services.attachments import AttachmentService
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.sync.protocol import BLOB_CHUNK

MB = 1024 * 1024


# --- the bare limit: a plain HTTP server in its own process ---------------------------------------


class _Bare(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx uses against the real server
    folder = Path()

    def do_PUT(self) -> None:
        length = int(self.headers["Content-Length"])
        with (self.folder / self.path.strip("/")).open("ab") as out:
            out.write(self.rfile.read(length))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.folder / self.path.strip("/")
        self.send_response(200)
        self.send_header("Content-Length", str(path.stat().st_size))
        self.end_headers()
        with path.open("rb") as fh:
            while block := fh.read(BLOB_CHUNK):
                self.wfile.write(block)

    def log_message(self, format: str, *args: object) -> None:  # quiet: no line per request
        pass


def serve_bare(port: int, folder: Path) -> None:
    _Bare.folder = folder
    http.server.ThreadingHTTPServer(("127.0.0.1", port), _Bare).serve_forever()


def bare_round(url: str, files: list[Path], scratch: Path) -> tuple[float, float]:
    """Seconds to PUT ``files`` in 1 MiB chunks and to GET them back into plain files."""
    with httpx.Client(base_url=url, timeout=60) as client:
        start = time.perf_counter()
        for f in files:
            with f.open("rb") as fh:
                while block := fh.read(BLOB_CHUNK):
                    client.put(f"/{f.name}", content=block).raise_for_status()
        up = time.perf_counter() - start
        start = time.perf_counter()
        for f in files:
            with client.stream("GET", f"/{f.name}") as r, (scratch / f.name).open("wb") as out:
                for block in r.iter_bytes():
                    out.write(block)
        down = time.perf_counter() - start
    return up, down


# --- the product ---------------------------------------------------------------------------------


def laptop(root: Path, name: str, slot: int, server: ServerProcess) -> SyncService:
    ctx = init_mission(root / name, "DE-FRA", f"{name} 담당관", slot)
    store = open_server_store(server.database_url)
    try:
        code = auth.issue_code(store, "DE-FRA")
    finally:
        store.dispose()
    svc = SyncService(ctx, keyring=False, timeout=120)
    svc.enroll(server.url, code)
    return svc


def measured(fn: Callable[[], object]) -> tuple[float, float]:
    """Seconds, and the peak traced memory (MB) ``fn`` added to what was held before it."""
    gc.collect()  # what earlier rounds left for the collector is not this round's
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    return seconds, (tracemalloc.get_traced_memory()[1] - before) / MB


def make_files(folder: Path, size_mb: int, count: int, tag: str) -> list[Path]:
    """Plain-text files (an allowed type), every one different."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"{tag}-{size_mb}mb-{i}.txt"
        with path.open("wb") as fh:
            left = size_mb * MB
            while left:
                n = min(left, MB)
                fh.write(os.urandom(n // 2 + 1).hex().encode("ascii")[:n])
                left -= n
        out.append(path)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--total-mb", type=int, default=200, help="file bytes synced in all (default 200)")
    p.add_argument("--sizes", default="2,8,24", help="file sizes in MB, one round each (default 2,8,24)")
    p.add_argument("--database", help="the server's database (default: an SQLite file in a temp folder)")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    per_round = args.total_mb // len(sizes)

    print(f"attachments sync: {args.total_mb} MB in files of {', '.join(map(str, sizes))} MB")
    print(f"at the start: {machine_load()}")
    root = Path(tempfile.mkdtemp(prefix="md-bench-blobs-"))
    bare_port = free_port()
    bare_dir = root / "bare"
    bare_dir.mkdir()
    bare = subprocess.Popen(
        [sys.executable, __file__, "--bare-server", str(bare_port), str(bare_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = ServerProcess(args.database or f"sqlite:///{root / 'hq.sqlite3'}", root / "server")
    server.start()
    try:
        _wait_for(f"http://127.0.0.1:{bare_port}")
        sender = laptop(root, "sender", 1, server)
        receiver = laptop(root, "receiver", 2, server)
        tracemalloc.start()
        header = (
            f"{'file':>6} {'files':>5} | {'up MB/s':>8} {'limit':>7} {'ratio':>5} {'peak MB':>7}"
            f" | {'down MB/s':>9} {'limit':>7} {'ratio':>5} {'peak MB':>7}"
        )
        print(header)
        print("-" * len(header))
        for size in sizes:
            count = max(1, per_round // size)
            files = make_files(root / "files", size, count, f"r{size}")
            total = size * count
            case = RecordService(sender.ctx).create(
                "support_case", {"title": f"{size} MB", "received_date": "2026-03-02"}
            )
            attach = AttachmentService(sender.ctx)
            for f in files:
                attach.attach("support_case", case.record_id, f)
            up_s, up_peak = measured(sender.sync_once)
            down_s, down_peak = measured(receiver.sync_once)
            scratch = root / "scratch"
            scratch.mkdir(exist_ok=True)
            raw_up, raw_down = bare_round(f"http://127.0.0.1:{bare_port}", files, scratch)
            shutil.rmtree(scratch)
            for f in files:
                f.unlink()
            up, down, lup, ldown = total / up_s, total / down_s, total / raw_up, total / raw_down
            print(
                f"{size:>4}MB {count:>5} | {up:>8.1f} {lup:>7.1f} {up / lup:>5.2f} {up_peak:>7.1f}"
                f" | {down:>9.1f} {ldown:>7.1f} {down / ldown:>5.2f} {down_peak:>7.1f}"
            )
        tracemalloc.stop()
        print(f"server peak RSS: {_peak_rss(server)}")
        print(f"at the end: {machine_load()}")
        sender.ctx.close()
        receiver.ctx.close()
    finally:
        server.stop()
        bare.terminate()
        bare.wait(10)
        shutil.rmtree(root, ignore_errors=True)
    return 0


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(url + "/none", timeout=1)
            return
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
        except httpx.TransportError:  # it answered (badly: no such file), so it is up
            return


def _peak_rss(server: ServerProcess) -> str:
    """The server process's peak resident memory (Linux only: /proc)."""
    status = Path(f"/proc/{server.proc.pid if server.proc else 0}/status")
    if not status.is_file():
        return "not known on this system"
    for line in status.read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return line.split(":", 1)[1].strip()
    return "not known"


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--bare-server":
        serve_bare(int(sys.argv[2]), Path(sys.argv[3]))
    else:
        sys.exit(main())
