"""Password-protected bundles: Excel's encryption around the signed workbook, hostile encrypted files refused."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import msoffcrypto
import olefile
import openpyxl
import pytest
import python_calamine as calamine
import sqlalchemy as sa
from msoffcrypto.method.ecma376_agile import ECMA376Agile

from missiondesk.bundles.container import OLE_MAGIC
from missiondesk.bundles.errors import BundleRefused
from missiondesk.bundles.limits import Limits
from missiondesk.bundles.password import (
    ENV_PASSWORD,
    MAX_SPIN_COUNT,
    check_new_password,
    file_sha256,
    read_password_file,
)
from missiondesk.cli import main
from missiondesk.services import bundle_ack, bundle_export, bundle_import
from missiondesk.services.bundle_import import PasswordNeed
from missiondesk.services.maintenance import digest
from missiondesk.services.records import RecordService
from missiondesk.store.tables import audit_event
from tests.syncsim import World
from tests.test_bundles import trust_each_other

PASSWORD = "봄비-2026-secret"


@pytest.fixture
def world(tmp_path: Path, backend: str) -> Iterator[World]:
    w = World.make(tmp_path, None if backend == "sqlite" else backend)
    yield w
    w.close()


@pytest.fixture
def sqlite_world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def _sealed_bundle(world: World, tmp_path: Path, password: str = PASSWORD) -> Path:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    RecordService(fra).create(
        "support_case", {"title": "부지 인허가 — 비밀", "received_date": "2026-03-02", "summary": "기밀 요약"}
    )
    bundle = tmp_path / "fra.xlsx"
    result = bundle_export.export_bundle(fra, bundle, password=password)
    assert result.encrypted and result.sha256 == file_sha256(bundle)
    return bundle


def _audit(ctx: object, entity: str, action: str) -> list[dict[str, object]]:
    with ctx.store.read() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(
            sa.select(audit_event.c.changes, audit_event.c.actor, audit_event.c.at).where(
                audit_event.c.entity == entity, audit_event.c.action == action
            )
        ).all()
    return [{**r.changes, "actor": r.actor, "at": r.at} for r in rows]


def test_an_encrypted_bundle_is_unreadable_without_the_password_and_imports_at_hq_with_it(
    world: World, tmp_path: Path
) -> None:
    bundle = _sealed_bundle(world, tmp_path)
    raw = bundle.read_bytes()
    assert raw.startswith(OLE_MAGIC) and "부지".encode() not in raw and b"support_case" not in raw
    with pytest.raises(calamine.CalamineError):
        calamine.CalamineWorkbook.from_path(str(bundle))
    with pytest.raises((zipfile.BadZipFile, openpyxl.utils.exceptions.InvalidFileException)):
        openpyxl.load_workbook(bundle)
    assert not list(bundle.parent.glob("*.partial")) and not list(bundle.parent.glob("*.encrypting"))

    # As for a large bundle: the readable sheets read by a second process, from the decrypted copy.
    two = bundle_import.inspect(world.hq, bundle, Limits(second_process_from_bytes=0), passwords=[PASSWORD])
    assert two.ok and two.readable is not None and not two.readable.differences, two.refusal
    leftovers = list(Path(tempfile.gettempdir()).glob("missiondesk-bundle-*"))
    assert leftovers == [], leftovers  # the decrypted copy is removed once checked
    plan = bundle_import.plan(world.hq, [bundle], passwords=["not-this-one", PASSWORD])
    assert not plan.refused, [b.refusal for b in plan.refused]
    assert plan.bundles[0].inspection.encrypted
    report = bundle_import.apply(world.hq, plan)
    assert report.bundles[0].status == "imported"
    [imported] = _audit(world.hq, "bundle", "import")
    assert imported["sha256"] == file_sha256(bundle) and imported["encrypted"] is True
    assert imported["actor"] == "본부 분석관" and imported["at"] is not None
    [exported] = _audit(world.laptops["fra"], "bundle", "export")
    assert exported["sha256"] == file_sha256(bundle) and exported["encrypted"] is True

    # HQ's answer is protected with the password that opened the mission's bundle, by default.
    ack = tmp_path / "ack.xlsx"
    [written] = bundle_ack.write_acks(world.hq, report, ack)
    assert written.encrypted and ack.read_bytes().startswith(OLE_MAGIC)
    [ack_audit] = _audit(world.hq, "ack", "export")
    assert ack_audit["sha256"] == file_sha256(ack) and ack_audit["encrypted"] is True
    fra = world.laptops["fra"]
    assert bundle_import.plan(fra, [ack]).bundles[0].inspection.password_needed is PasswordNeed.NEEDED
    ack_report = bundle_import.apply(fra, bundle_import.plan(fra, [ack], passwords=[PASSWORD]))
    assert ack_report.bundles[0].status == "imported"
    assert _audit(fra, "ack", "import")[0]["encrypted"] is True


def test_no_password_or_a_wrong_one_is_a_clear_refusal_and_nothing_is_written(
    sqlite_world: World, tmp_path: Path
) -> None:
    bundle = _sealed_bundle(sqlite_world, tmp_path)
    before = digest(sqlite_world.hq)
    for passwords, need in (((), PasswordNeed.NEEDED), (["wrong password!"], PasswordNeed.WRONG)):
        plan = bundle_import.plan(sqlite_world.hq, [bundle], passwords=passwords)
        [b] = plan.refused
        assert b.inspection.password_needed is need and plan.locked == [b]
        assert "protected with a password" in (b.refusal or "")
        assert not b.inspection.entries and b.inspection.manifest is None
        report = bundle_import.apply(sqlite_world.hq, plan)
        assert [r.status for r in report.bundles] == ["refused"]
    assert digest(sqlite_world.hq) == before
    assert _audit(sqlite_world.hq, "bundle", "import") == []


def _refusal(world: World, path: Path, limits: Limits | None = None) -> str:
    found = bundle_import.inspect(
        world.hq, path, *(() if limits is None else (limits,)), passwords=[PASSWORD]
    )
    assert not found.ok and found.password_needed is None
    assert found.checks == [bundle_import.Check(bundle_import.Step.FILE, False, found.refusal or "")]
    return found.refusal or ""


def test_hostile_encrypted_files_are_refused_before_any_workbook_parser_sees_them(
    sqlite_world: World, tmp_path: Path
) -> None:
    bundle = _sealed_bundle(sqlite_world, tmp_path)
    raw = bundle.read_bytes()

    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(raw[:1500])
    assert "damaged" in _refusal(sqlite_world, damaged)
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(OLE_MAGIC + b"\x00" * 4000)
    assert "damaged" in _refusal(sqlite_world, garbage)

    assert "MB" in _refusal(sqlite_world, bundle, Limits(max_file_bytes=len(raw) - 1))

    # A key derivation far beyond what office programs use: refused before a password is tried.
    plain = tmp_path / "plain.xlsx"
    with bundle.open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=PASSWORD)
        with plain.open("wb") as out:
            office.decrypt(out)
    slow = tmp_path / "slow.xlsx"
    slow.write_bytes(
        ECMA376Agile.encrypt(PASSWORD, io.BytesIO(plain.read_bytes()), spin_count=MAX_SPIN_COUNT + 1)
    )
    assert "key derivation" in _refusal(sqlite_world, slow)

    # The package changed after encryption (same password): its HMAC does not match.
    altered = tmp_path / "altered.xlsx"
    shutil.copy(bundle, altered)
    with olefile.OleFileIO(str(altered), write_mode=True) as ole:
        data = bytearray(ole.openstream("EncryptedPackage").read())
        data[len(data) // 2] ^= 0xFF
        ole.write_stream("EncryptedPackage", bytes(data))
    assert "altered" in _refusal(sqlite_world, altered)

    # An encrypted zip bomb is refused by the same container checks as a plain one.
    assert "rows" in _refusal(sqlite_world, bundle, Limits(max_rows_per_sheet=1))


def test_password_rules_and_password_files(tmp_path: Path) -> None:
    with pytest.raises(BundleRefused, match="at least 8"):
        check_new_password("short")
    check_new_password("long enough")
    written_by_notepad = tmp_path / "pw.txt"
    written_by_notepad.write_bytes("\ufeff비밀번호 with spaces \r\n".encode())
    assert read_password_file(written_by_notepad) == "비밀번호 with spaces "
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    with pytest.raises(BundleRefused, match="empty"):
        read_password_file(tmp_path / "empty.txt")


def test_cli_exports_and_imports_with_password_files_and_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hq, fra = str(tmp_path / "hq"), str(tmp_path / "fra")
    assert main(["init", "--hq", "--officer", "본부", "--data-dir", hq]) == 0
    assert main(["init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", fra]) == 0
    key, hq_key = str(tmp_path / "fra.key"), str(tmp_path / "hq.key")
    assert main(["device-key", "--out", key, "--data-dir", fra]) == 0
    assert main(["trust-key", key, "--data-dir", hq]) == 0
    assert main(["device-key", "--out", hq_key, "--data-dir", hq]) == 0
    assert main(["trust-key", hq_key, "--data-dir", fra]) == 0
    pw, short = tmp_path / "pw.txt", tmp_path / "short.txt"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    short.write_text("1234\n", encoding="utf-8")
    out = str(tmp_path / "b.xlsx")
    capsys.readouterr()
    assert main(["export", "--out", out, "--password-file", str(short), "--data-dir", fra]) == 1
    assert "at least 8" in capsys.readouterr().err and not Path(out).exists()
    assert main(["export", "--out", out, "--password-file", str(pw), "--data-dir", fra]) == 0
    assert "protected with a password" in capsys.readouterr().out
    assert Path(out).read_bytes().startswith(OLE_MAGIC)

    assert main(["import", out, "--data-dir", hq]) == 1
    assert "protected with a password" in capsys.readouterr().err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the password\n", encoding="utf-8")
    assert main(["import", out, "--password-file", str(wrong), "--data-dir", hq]) == 1
    assert "does not open it" in capsys.readouterr().err
    ack, ack_pw = str(tmp_path / "ack.xlsx"), tmp_path / "ack-pw.txt"
    ack_pw.write_text("another password", encoding="utf-8")
    args = ["import", out, "--password-file", str(wrong), "--password-file", str(pw)]
    assert main([*args, "--ack-out", ack, "--ack-password-file", str(ack_pw), "--data-dir", hq]) == 0
    assert "protected with a password" in capsys.readouterr().out
    monkeypatch.setenv(ENV_PASSWORD, "another password")
    assert main(["import", ack, "--data-dir", fra]) == 0
    capsys.readouterr()
    assert main(["stats", "--data-dir", fra]) == 0
    assert "outbox: 0 unsent" in capsys.readouterr().out


_UNO_SCRIPT = r"""
import sys, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

port, path, password, out = sys.argv[1:5]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
import time
for _ in range(300):
    try:
        ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.2)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(
    uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True), prop("Password", password))
)
if doc is None:
    print("NOT OPENED"); sys.exit(3)
sheets = doc.Sheets
names = list(sheets.ElementNames)
cell = sheets.getByName("cases").getCellByPosition(1, 1).String if "cases" in names else ""
with open(out, "w", encoding="utf-8") as fh:
    fh.write(",".join(names) + "\n" + cell + "\n")
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
"""


@pytest.mark.skipif(
    sys.platform == "win32", reason="LibreOffice's UNO bridge is driven through Debian's python3"
)
def test_an_encrypted_bundle_opens_in_libreoffice_with_its_password(
    sqlite_world: World, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    system_python = Path("/usr/bin/python3")
    if soffice is None:
        pytest.skip("soffice (LibreOffice) is not installed: apt-get install libreoffice-calc-nogui")
    if subprocess.run([str(system_python), "-c", "import uno"], capture_output=True).returncode != 0:
        pytest.skip("LibreOffice's Python bridge is not installed: apt-get install python3-uno")
    bundle = _sealed_bundle(sqlite_world, tmp_path)
    script, out = tmp_path / "open.py", tmp_path / "opened.txt"
    script.write_text(_UNO_SCRIPT, encoding="utf-8")
    with socket.socket() as probe:  # a free port for LibreOffice's bridge
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--norestore",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        done = subprocess.run(
            [str(system_python), str(script), port, str(bundle), PASSWORD, str(out)],
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        office.terminate()
        office.wait(timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    names, cell = out.read_text(encoding="utf-8").splitlines()[:2]
    assert names.split(",")[:3] == ["manifest", "summary", "ops"] and "cases" in names
    assert cell.startswith("DE-FRA-")  # the case's reference, read from the decrypted cases sheet
