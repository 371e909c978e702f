"""A full disk, a read-only folder, a killed process: a clear message and nothing half-written.

The disk and folder cases mount a tiny tmpfs inside a private mount namespace
(``unshare -m``), so they need root; CI runs as root. The killed-process
cases need nothing special.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from missiondesk.domain.records import ListQuery
from missiondesk.services import maintenance
from missiondesk.services.context import open_context
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission

CLI = f"{sys.executable} -m missiondesk"
KILLED = 1 if sys.platform == "win32" else -signal.SIGKILL  # what Popen.kill() leaves as the exit status

needs_mounts = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="mounting a small tmpfs for disk-full and read-only tests needs Linux, root and unshare "
    "(CI's Linux stage has all three; Windows, and so wine, has none)",
)


def in_private_mount(script: str, mount_point: Path) -> subprocess.CompletedProcess[str]:
    mount_point.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MP": str(mount_point), "MD": CLI}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", f"set -u\n{script}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@needs_mounts
def test_a_full_disk_during_a_large_write_is_explained_and_rolled_back(tmp_path: Path) -> None:
    result = in_private_mount(
        """
        mount -t tmpfs -o size=6m tmpfs "$MP"
        $MD init --mission DE-FRA --officer 김영희 --data-dir "$MP/data" >/dev/null || exit 9
        $MD demo --cases 40000 --data-dir "$MP/data"; echo "demo_rc=$?"
        $MD stats --data-dir "$MP/data"; echo "stats_rc=$?"
        $MD check --data-dir "$MP/data"; echo "check_rc=$?"
        """,
        tmp_path / "mnt",
    )
    out = result.stdout + result.stderr
    assert "demo_rc=1" in out, out
    assert "The disk is full: nothing was saved" in result.stderr
    assert "Traceback" not in out
    assert "stats_rc=0" in out and "check_rc=0" in out, out
    support_case = next(line for line in result.stdout.splitlines() if line.startswith("support_case"))
    assert support_case.split()[1] == "0"  # the demo's transaction left nothing behind


@needs_mounts
def test_a_read_only_data_folder_is_explained(tmp_path: Path) -> None:
    result = in_private_mount(
        """
        mount -t tmpfs -o size=16m tmpfs "$MP"
        $MD init --mission DE-FRA --officer 김영희 --data-dir "$MP/data" >/dev/null || exit 9
        mkdir "$MP/empty"
        mount -o remount,ro "$MP"
        $MD demo --cases 10 --data-dir "$MP/data"; echo "demo_rc=$?"
        $MD init --mission DE-FRA --officer 김영희 --data-dir "$MP/empty"; echo "init_rc=$?"
        $MD init --mission DE-FRA --officer 김영희 --data-dir "$MP/new"; echo "new_rc=$?"
        """,
        tmp_path / "mnt",
    )
    out = result.stdout + result.stderr
    assert "demo_rc=1" in out and "init_rc=1" in out and "new_rc=1" in out, out
    assert "Traceback" not in out
    for line in result.stderr.strip().splitlines():
        assert line.startswith("missiondesk: ")
        assert "read-only" in line.lower() or "Read-only" in line, line


def test_a_process_killed_in_a_large_write_leaves_a_database_that_opens_and_checks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_mission(data, "DE-FRA", "김영희").close()
    wal = data / "missiondesk.sqlite3-wal"
    proc = subprocess.Popen(
        [sys.executable, "-m", "missiondesk", "demo", "--cases", "300000", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 20_000_000):
        assert proc.poll() is None, "the demo finished before it could be killed"
        time.sleep(0.05)
    assert wal.stat().st_size >= 20_000_000, "the write never got going"
    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs either way
    proc.wait(timeout=30)
    assert proc.returncode == KILLED
    with open_context(data) as ctx:
        report = maintenance.check(ctx)
        assert report.ok, report.errors
        counts = {c.entity: c.live for c in maintenance.stats(ctx).counts}
    assert counts["support_case"] == 0
    assert counts["case_activity"] == 0


KILLED_EDITOR = """
import sys
from missiondesk.services.context import open_context
from missiondesk.services.records import RecordService
ctx = open_context(sys.argv[1])
svc = RecordService(ctx)
print("ready", flush=True)
i = 0
while True:
    svc.create("support_case", {"title": f"사례 {i}", "summary": "x" * 2000})
    i += 1
"""


def test_a_process_killed_between_edits_keeps_each_edit_with_its_op(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_mission(data, "DE-FRA", "김영희").close()
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_EDITOR, str(data)], stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        wal = data / "missiondesk.sqlite3-wal"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and wal.stat().st_size < 2_000_000:
            time.sleep(0.02)
        proc.kill()
        proc.wait(timeout=30)
    with open_context(data) as ctx:
        assert maintenance.check(ctx).ok
        cases = RecordService(ctx).list(ListQuery("support_case", limit=1000))
        s = maintenance.stats(ctx)
    assert cases.total > 0
    # One op for the officer record, then exactly one create op per case that exists.
    assert s.outbox_total == cases.total + 1
