"""The headless commands: exit status, one clear line on failure, nothing half-written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from missiondesk.app import main as app_main
from missiondesk.cli import main
from missiondesk.services.records import RecordService
from missiondesk.sync import replica
from tests.syncsim import World


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    data = str(tmp_path / "laptop")
    code, out, _ = run(capsys, "init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data)
    assert code == 0
    assert "Set up DE-FRA for 김영희" in out
    return data


def test_init_demo_stats_search_check_on_a_mission_laptop(
    laptop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", laptop, "demo", "--cases", "300")
    assert code == 0
    assert out.startswith("Added 300 cases")
    code, out, _ = run(capsys, "stats", "--data-dir", laptop)
    assert code == 0
    assert re.search(r"^support_case\s+300\s+0$", out, re.M)
    assert "outbox: 1 unsent of 1 ops" in out  # the officer record; demo data never leaves the laptop
    code, out, _ = run(capsys, "search", "건축허가", "--data-dir", laptop, "--limit", "5")
    assert code == 0
    assert out.count("support_case") == 5
    assert "건축허가" in out
    code, out, _ = run(capsys, "check", "--data-dir", laptop)
    assert code == 0
    assert out.strip().endswith("ok")


def test_digest_is_equal_for_equal_content_and_differs_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    for d in (a, b):
        assert run(capsys, "init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", d)[0] == 0
    _, digest_a, _ = run(capsys, "digest", "--data-dir", a)
    _, digest_b, _ = run(capsys, "digest", "--data-dir", b)
    ref_a = [line for line in digest_a.splitlines() if not line.startswith("officer")]
    ref_b = [line for line in digest_b.splitlines() if not line.startswith("officer")]
    assert ref_a == ref_b  # the same shipped reference data, hashed the same way
    assert re.search(r"^country\s+\d{3}\s+[0-9a-f]{64}$", digest_a, re.M)
    officer_a = next(line for line in digest_a.splitlines() if line.startswith("officer"))
    officer_b = next(line for line in digest_b.splitlines() if line.startswith("officer"))
    assert officer_a != officer_b  # two laptops made two different officer records
    _, only_frankfurt, _ = run(capsys, "digest", "--mission", "DE-FRA", "--data-dir", a)
    assert re.search(r"^country\s+0\s", only_frankfurt, re.M)


def test_backup_writes_a_consistent_copy(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "demo", "--cases", "50", "--data-dir", laptop)
    target = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "backup", "--out", str(target), "--data-dir", laptop)
    assert code == 0
    assert str(target) in out
    assert "To restore it: close MissionDesk" in out and "encrypted with this data folder's key" in out
    code, out, _ = run(capsys, "stats", "--data-dir", str(tmp_path / "restored-view"))
    assert code == 1  # not initialised: an empty folder is not silently created as a database
    # Encrypted with the laptop's key: another folder cannot open it, and it is left as it was.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(target, elsewhere / "missiondesk.sqlite3")
    code, _, err = run(capsys, "stats", "--data-dir", str(elsewhere))
    assert code == 1 and "left untouched" in err
    # Restored as the hint says: the laptop's own file replaced by the copy, later work gone.
    run(capsys, "demo", "--cases", "5", "--seed", "7", "--data-dir", laptop)
    database = Path(laptop) / "missiondesk.sqlite3"
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    shutil.copyfile(target, database)
    code, out, _ = run(capsys, "stats", "--data-dir", laptop)
    assert code == 0
    assert re.search(r"^support_case\s+50\s", out, re.M)
    code, _, err = run(capsys, "backup", "--out", str(target), "--data-dir", laptop)
    assert code == 1
    assert "already exists" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["init", "--mission", "DE-FRZ", "--officer", "김영희"],
            "Unknown mission code 'DE-FRZ'. Did you mean DE-FRA",
        ),
        (["init", "--officer", "김영희"], "Name the mission (--mission CODE)"),
        (["init", "--mission", "DE-FRA", "--officer", "  "], "Give the officer's name"),
        (["init", "--mission", "DE-FRA", "--officer", "x", "--slot", "12"], "slot must be between 1 and 9"),
        (["stats"], "No MissionDesk database in"),
    ],
)
def test_bad_input_gets_one_clear_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    data = tmp_path / "data"
    code, _out, err = run(capsys, *args, "--data-dir", str(data))
    assert code == 1
    assert err.startswith("missiondesk: ")
    assert message in err
    assert err.count("\n") == 1
    assert not (data / "missiondesk.sqlite3").exists()


def test_stats_on_an_empty_folder_says_to_run_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "stats", "--data-dir", str(tmp_path / "empty"))
    assert code == 1
    assert "missiondesk init" in err


def test_a_second_init_of_the_same_folder_is_refused(laptop: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "init", "--mission", "DE-BER", "--officer", "박지훈", "--data-dir", laptop)
    assert code == 1
    assert "already set up for DE-FRA" in err


def test_a_non_database_file_is_named_in_the_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "missiondesk.sqlite3").write_text("not a database", encoding="utf-8")
    code, _, err = run(capsys, "stats", "--data-dir", str(data))
    assert code == 1
    assert "is not a MissionDesk database" in err
    assert (data / "missiondesk.sqlite3").read_text(encoding="utf-8") == "not a database"


def test_demo_is_refused_at_hq(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hq = str(tmp_path / "hq")
    assert run(capsys, "init", "--hq", "--officer", "본부", "--data-dir", hq)[0] == 0
    code, _, err = run(capsys, "demo", "--data-dir", hq)
    assert code == 1
    assert "mission laptop" in err


def test_missions_lists_codes_with_both_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "missions", "--country", "de")
    assert code == 0
    assert re.search(r"^DE-FRA\s+consulate_general\s+.*Frankfurt.*프랑크푸르트", out, re.M)


def test_the_entry_point_runs_commands_headless_and_prints_the_version(
    laptop: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_main(["--data-dir", laptop, "stats"]) == 0
    assert "support_case" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        app_main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("MissionDesk ")


def test_hq_on_postgresql_keeps_its_url_in_the_data_folder(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    hq = str(tmp_path / "hq")
    code, out, _ = run(
        capsys, "init", "--hq", "--officer", "본부 분석관", "--database", pg_url, "--data-dir", hq
    )
    assert code == 0 and "Set up HQ" in out
    assert "missiondesk:***@" in out  # the password is never printed
    code, out, _ = run(capsys, "stats", "--data-dir", hq)
    assert code == 0 and re.search(r"^mission\s+\d+\s+0$", out, re.M)
    code, out, _ = run(capsys, "check", "--data-dir", hq)
    assert code == 0 and out.strip().endswith("ok")
    code, _, err = run(capsys, "backup", "--data-dir", hq)
    assert code == 1 and "pg_dump" in err


def test_hq_lists_and_forces_held_changes_and_announces_a_restore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    world = World.make(tmp_path / "world")
    try:
        laptop = world.laptop("a")
        RecordService(laptop).create("support_case", {"title": "늦게 도착한 사례"})
        _officer, case = replica.pending_ops(laptop)
        world.authority.push([case], laptop.device.device_id)  # its predecessor never arrives
        hq = str(world.hq.paths.root)
        code, out, _ = run(capsys, "held", "--data-dir", hq)
        assert code == 0 and "1 change(s) held" in out and "support_case" in out
        code, _, err = run(capsys, "held", "--force", "--data-dir", hq)
        assert code == 1 and "--device" in err
        code, out, _ = run(
            capsys,
            "held",
            "--force",
            "--device",
            laptop.device.device_id,
            "--older-than",
            "0",
            "--data-dir",
            hq,
        )
        assert code == 0 and "applied" in out and "forced 1" in out
        code, out, _ = run(capsys, "restored", "--data-dir", hq)
        assert code == 0 and "New feed epoch" in out
        code, _, err = run(capsys, "restored", "--data-dir", str(laptop.paths.root))
        assert code == 1 and "HQ install" in err
        code, out, _ = run(capsys, "conflicts", "--data-dir", hq)
        assert code == 0 and "0 open conflict(s)" in out
    finally:
        world.close()


def test_optimize_keeps_search_working(laptop: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo", "--cases", "40", "--data-dir", laptop)
    code, out, _ = run(capsys, "optimize", "--data-dir", laptop)
    assert code == 0 and "compacted" in out
    code, out, _ = run(capsys, "search", "비자", "--data-dir", laptop)
    assert code == 0 and "비자" in out


def test_hangul_reaches_a_pipe_whatever_the_code_page(tmp_path: Path) -> None:
    """Windows gives a redirected stream its ANSI code page (cp1252 here, as on an English Windows):
    the output must still be UTF-8 and the command must not fail after doing its work."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    data = str(tmp_path / "laptop")

    def md(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "missiondesk", *args, "--data-dir", data],
            env=env,
            capture_output=True,
            timeout=120,
            check=False,
        )

    init = md("init", "--mission", "DE-FRA", "--officer", "스모크 검사")
    assert init.returncode == 0, init.stderr.decode("utf-8", "replace")
    assert "Set up DE-FRA for 스모크 검사" in init.stdout.decode("utf-8")
    assert md("demo", "--cases", "30").returncode == 0
    found = md("search", "기업")
    assert found.returncode == 0, found.stderr.decode("utf-8", "replace")
    assert "기업" in found.stdout.decode("utf-8")
    refused = md("init", "--mission", "DE-FRA", "--officer", "두번째")
    assert refused.returncode == 1
    assert refused.stderr.decode("utf-8").startswith("missiondesk: ")


WINDOWED = """
import sys
sys.stdout = sys.stderr = None  # what a windowed (console=False) Windows program gets
from missiondesk.app import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_windowed_program_without_streams_still_runs_commands(tmp_path: Path) -> None:
    """The Start-menu missiondesk.exe has no standard streams: a command given to it must still run
    (its output goes to the console it was started from, or nowhere) instead of failing on None."""
    data = tmp_path / "laptop"
    init = subprocess.run(
        [
            sys.executable,
            "-c",
            WINDOWED,
            "init",
            "--mission",
            "DE-FRA",
            "--officer",
            "김영희",
            "--data-dir",
            str(data),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert init.returncode == 0, init.stderr.decode("utf-8", "replace")
    assert (data / "missiondesk.sqlite3").is_file()
    assert main(["stats", "--data-dir", str(data)]) == 0


@pytest.mark.skipif(sys.platform == "win32", reason="Windows reports a pipe closed by its reader as EINVAL")
def test_a_reader_that_stops_early_is_not_a_crash(tmp_path: Path) -> None:
    """``missiondesk search 기업 | head -1``: the reader closes the pipe before the command has written;
    that is the reader's choice, reported as a shell does (141), with no crash report."""
    data = str(tmp_path / "laptop")
    assert main(["init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data]) == 0
    assert main(["demo", "--cases", "30", "--data-dir", data]) == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "missiondesk", "search", "기업", "--data-dir", data],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # closed before the process has started writing
    with proc.stderr:
        err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 141, err
    assert "unexpected error" not in err and "Exception ignored" not in err
    assert not list((tmp_path / "laptop").rglob("crash-*"))
