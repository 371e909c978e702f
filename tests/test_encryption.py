"""The laptop's database encrypted at rest (SQLCipher): new folders, old plaintext ones, backups, keys."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from missiondesk.domain.records import ListQuery
from missiondesk.errors import DamagedDatabase
from missiondesk.paths import resolve
from missiondesk.services import maintenance
from missiondesk.services.attachments import AttachmentService, blob_store
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.database_key import KEY_FILE, PassphraseNeeded, WrongPassphrase
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.store import cipher
from missiondesk.store.blobs import CHUNK, FolderBlobStore, content_key
from missiondesk.store.encrypt_existing import PARTIAL_SUFFIX, SEALED_MARK, STEPS, STOP_AT_ENV
from missiondesk.ui import launch, prompts
from missiondesk.ui.main_window import MainWindow

SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE = "correct horse battery staple"
SECRET = "기밀 전문: 임대 조건 협상안".encode()  # words no case has: a search for a case finds only it
ATTACHED = SECRET * (CHUNK // len(SECRET) + 100)  # more than one encrypted chunk
BACKUP = "missiondesk-manual-20250101T000000000000Z.sqlite3"


def _assert_encrypted(path: Path) -> None:
    assert not path.read_bytes().startswith(SQLITE_HEADER)
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _with_cases(ctx: AppContext) -> dict[str, str]:
    svc = RecordService(ctx)
    ids = {}
    for title in ("배터리 재제조 공장 부지 확보", "비자 발급 지연", "통관 보류 해소"):
        ids[title] = svc.create("support_case", {"title": title}).record_id
    return ids


def _found(ctx: AppContext, text: str) -> list[str]:
    return [r.id for r in RecordService(ctx).list(ListQuery("support_case", text=text)).rows]


def _files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_new_database_is_encrypted_and_searchable_in_korean(tmp_path: Path) -> None:
    ctx = init_mission(tmp_path / "data", "DE-FRA", "김영희")
    try:
        ids = _with_cases(ctx)
        assert _found(ctx, "재제조") == [ids["배터리 재제조 공장 부지 확보"]]  # trigram: three characters
        assert _found(ctx, "비자") == [ids["비자 발급 지연"]]  # bigram: two characters
        assert _found(ctx, "통관 보류") == [ids["통관 보류 해소"]]
        ctx.store.checkpoint()  # everything in the main file, none of it readable
        _assert_encrypted(ctx.paths.database)
        assert b"\xeb\xb9\x84\xec\x9e\x90" not in ctx.paths.database.read_bytes()  # "비자" in UTF-8
    finally:
        ctx.close()


def test_the_key_goes_to_the_keyring_and_opens_the_folder_again(tmp_path: Path) -> None:
    class FakeKeyring:
        def __init__(self) -> None:
            self.saved: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, user: str) -> str | None:
            return self.saved.get((service, user))

        def set_password(self, service: str, user: str, password: str) -> None:
            self.saved[(service, user)] = password

        def delete_password(self, service: str, user: str) -> None:
            self.saved.pop((service, user), None)

    from missiondesk import paths as paths_mod
    from missiondesk.services import database_key

    folder = tmp_path / "data"
    paths = paths_mod.DataPaths(folder)
    ring = FakeKeyring()
    found = database_key.folder_key(paths, paths.default_database_url(), {}, keyring=ring)
    assert found.key is not None and found.notice == "" and found.settings is not None
    ((service, user), secret) = next(iter(ring.saved.items()))
    assert service == "MissionDesk" and user == f"database-key-{found.settings['database_key_id']}"
    assert bytes.fromhex(secret) == found.key.raw and len(found.key.raw) == 32
    assert not (folder / KEY_FILE).exists()
    again = database_key.folder_key(paths, paths.default_database_url(), found.settings, keyring=ring)
    assert again.key == found.key


def test_without_a_keyring_the_key_goes_to_a_private_file_with_a_notice(tmp_path: Path) -> None:
    ctx = init_mission(tmp_path / "data", "DE-FRA", "김영희")  # the tests run without a keyring
    try:
        assert "No system keyring is available" in ctx.notice
        assert "the database key was saved to" in ctx.notice
        key_file = ctx.paths.root / KEY_FILE
        assert key_file.exists()
        if os.name == "posix":
            assert key_file.stat().st_mode & 0o077 == 0
    finally:
        ctx.close()
    reopened = open_context(tmp_path / "data")
    reopened.close()


def test_backups_are_encrypted_with_the_same_key_and_say_how_to_restore(tmp_path: Path) -> None:
    ctx = init_mission(tmp_path / "data", "DE-FRA", "김영희")
    try:
        ids = _with_cases(ctx)
        copy = maintenance.backup(ctx, tmp_path / "copy.sqlite3")
        _assert_encrypted(copy)
        conn = cipher.connect(copy, ctx.store.key)
        try:
            assert cipher.integrity_ok(conn)
            assert conn.execute("SELECT count(*) FROM support_case").fetchone() == (len(ids),)
        finally:
            conn.close()
        hint = maintenance.restore_hint(ctx, copy)
        assert (
            str(ctx.paths.database) in hint and str(copy) in hint and KEY_FILE in hint
        )  # no keyring in the tests
    finally:
        ctx.close()


# --- a plaintext folder from the version before encryption -------------------------------------


def _plaintext_folder(tmp_path: Path) -> tuple[Path, dict[str, str], tuple[object, ...]]:
    """A data folder as the previous MissionDesk left it: a plaintext database and a plaintext backup,
    and an attachment whose content is plaintext in the folder and beside the backup."""
    folder = tmp_path / "old"
    ctx = init_mission(folder, "DE-FRA", "김영희")
    ids = _with_cases(ctx)
    source = tmp_path / "전문.txt"
    source.write_bytes(ATTACHED)
    AttachmentService(ctx).attach("support_case", ids["비자 발급 지연"], source)
    blobs = blob_store(ctx)
    assert isinstance(blobs, FolderBlobStore)
    for address in blobs.addresses():
        with blobs.open(address) as fh:
            plain = fh.read()
        blobs.path(address).write_bytes(plain)
    digest = maintenance.digest(ctx)
    key = ctx.store.key
    ctx.close()
    encrypted = folder / "missiondesk.sqlite3"
    plain = folder / "plain.sqlite3"
    conn = cipher.connect(encrypted, key)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    os.replace(plain, encrypted)
    cipher.remove_side_files(encrypted)
    (folder / KEY_FILE).unlink()
    (folder / "config.json").unlink(missing_ok=True)
    (folder / "backups").mkdir(exist_ok=True)
    (folder / "backups" / BACKUP).write_bytes(encrypted.read_bytes())
    shutil.copytree(folder / "attachments", folder / "backups" / BACKUP.replace(".sqlite3", ".attachments"))
    assert encrypted.read_bytes().startswith(SQLITE_HEADER)
    assert any(SECRET in p.read_bytes() for p in (folder / "attachments").rglob("*") if p.is_file())
    return folder, ids, digest


def _assert_all_encrypted_and_whole(folder: Path, ids: dict[str, str], digest: tuple[object, ...]) -> None:
    ctx = open_context(folder)
    try:
        assert maintenance.digest(ctx) == digest
        assert maintenance.check(ctx).ok
        assert _found(ctx, "재제조") == [ids["배터리 재제조 공장 부지 확보"]]
        assert _found(ctx, "비자") == [ids["비자 발급 지연"]]
        assert _found(ctx, "임대 조건") == [ids["비자 발급 지연"]]  # the attached file's words, kept
        service = AttachmentService(ctx)
        (attached,) = service.list("support_case", ids["비자 발급 지연"])
        assert service.save_as(attached.id, folder.parent / "saved.txt").read_bytes() == ATTACHED
        assert ctx.store.key is not None
        beside = folder / "backups" / BACKUP.replace(".sqlite3", ".attachments")
        in_backup = FolderBlobStore(beside, content_key(ctx.store.key.raw))
        with in_backup.open(str(attached["sha256"])) as fh:
            assert fh.read() == ATTACHED
        ctx.store.checkpoint()
    finally:
        ctx.close()
    for db in [folder / "missiondesk.sqlite3", *sorted((folder / "backups").glob("*.sqlite3"))]:
        _assert_encrypted(db)
    assert not list(folder.rglob("*.encrypting"))
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) > 4 and not [p for p in files if SECRET in p.read_bytes()]


def test_a_plaintext_folder_is_encrypted_on_its_first_open(tmp_path: Path) -> None:
    folder, ids, digest = _plaintext_folder(tmp_path)
    _assert_all_encrypted_and_whole(folder, ids, digest)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["database_key"] == "keyring" and config["database_key_id"]


@pytest.mark.parametrize("step", STEPS)
def test_a_conversion_killed_at_any_step_leaves_a_database_that_opens_with_nothing_lost(
    tmp_path: Path, step: str
) -> None:
    folder, ids, digest = _plaintext_folder(tmp_path)
    env = {**os.environ, STOP_AT_ENV: step}
    code = (
        "import sys; from missiondesk.services.context import open_context; open_context(sys.argv[1]).close()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)], env=env, capture_output=True, timeout=120
    )
    # Killed at that step: SIGKILL on POSIX; on Windows TerminateProcess, whose exit code is the signal number.
    killed = signal.SIGTERM if sys.platform == "win32" else -signal.SIGKILL
    assert done.returncode == killed, done.stderr.decode("utf-8", "replace")
    _assert_all_encrypted_and_whole(folder, ids, digest)


def test_attachments_an_older_conversion_left_plain_are_encrypted_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An encrypted database whose attachments an older MissionDesk left in plaintext: on the next open
    each is encrypted in place (hash-checked, then one replace), and read back whole; once marked, later
    opens no longer look at every content."""
    folder = tmp_path / "data"
    ctx = init_mission(folder, "DE-FRA", "김영희")
    case = _with_cases(ctx)["비자 발급 지연"]
    source = tmp_path / "전문.txt"
    source.write_bytes(ATTACHED)
    AttachmentService(ctx).attach("support_case", case, source)
    blobs = blob_store(ctx)
    assert isinstance(blobs, FolderBlobStore)
    (address,) = blobs.addresses()
    ctx.close()
    blobs.path(address).write_bytes(ATTACHED)  # as the older conversion left it
    (folder / "attachments" / SEALED_MARK).unlink(missing_ok=True)  # it wrote no mark

    ctx = open_context(folder)
    try:
        assert SECRET not in blobs.path(address).read_bytes()
        assert (folder / "attachments" / SEALED_MARK).is_file()
        assert not list((folder / "attachments").rglob("*" + PARTIAL_SUFFIX))
        service = AttachmentService(ctx)
        (attached,) = service.list("support_case", case)
        assert service.save_as(attached.id, tmp_path / "saved.txt").read_bytes() == ATTACHED
    finally:
        ctx.close()

    looked: list[str] = []
    monkeypatch.setattr(FolderBlobStore, "is_sealed", lambda self, sha256: looked.append(sha256) or True)
    open_context(folder).close()
    assert looked == []  # marked: the next open does not read every content again


# --- portable mode: a passphrase ----------------------------------------------------------------


def test_a_portable_folder_opens_with_its_passphrase_and_a_wrong_one_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "usb" / "data"
    ctx = init_mission(folder, "DE-FRA", "김영희", passphrase=PASSPHRASE)
    ids = _with_cases(ctx)
    ctx.close()
    assert not (folder / KEY_FILE).exists()  # nothing beside the data gives the key away
    _assert_encrypted(folder / "missiondesk.sqlite3")
    before = _files(folder)
    with pytest.raises(WrongPassphrase, match="nothing was changed"):
        open_context(folder, passphrase="not the passphrase")
    with pytest.raises(PassphraseNeeded, match="MISSIONDESK_PASSPHRASE"):
        open_context(folder)
    assert _files(folder) == before
    ctx = open_context(folder, passphrase=PASSPHRASE)
    try:
        assert _found(ctx, "재제조") == [ids["배터리 재제조 공장 부지 확보"]]
        copy = maintenance.backup(ctx)
        assert "passphrase" in maintenance.restore_hint(ctx, copy)
    finally:
        ctx.close()
    # The backup carries the database's salt: the same passphrase opens it.
    assert cipher.file_salt(copy) == cipher.file_salt(folder / "missiondesk.sqlite3")
    cipher.check_key(copy, cipher.Key.from_passphrase(PASSPHRASE, cipher.file_salt(copy)))


def test_the_passphrase_comes_from_the_environment_for_scripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "usb" / "data"
    init_mission(folder, "DE-FRA", "김영희", passphrase=PASSPHRASE).close()
    monkeypatch.setenv("MISSIONDESK_PASSPHRASE", PASSPHRASE)
    open_context(folder).close()


def test_a_database_encrypted_with_another_key_is_refused_untouched(tmp_path: Path) -> None:
    init_mission(tmp_path / "data", "DE-FRA", "김영희").close()
    (tmp_path / "data" / KEY_FILE).write_text("{}", encoding="utf-8")  # the key is lost
    before = _files(tmp_path / "data")
    with pytest.raises(DamagedDatabase, match="left untouched"):
        open_context(tmp_path / "data")
    assert _files(tmp_path / "data") == before


def test_the_window_asks_again_after_a_wrong_passphrase_which_changed_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "usb" / "data"
    init_mission(folder, "DE-FRA", "김영희", passphrase=PASSPHRASE).close()
    before = _files(folder)
    asked: list[tuple[bool, bool]] = []

    def answer(_parent: object, *, new: bool, wrong: bool = False) -> str:
        asked.append((new, wrong))
        assert _files(folder) == before  # the wrong one was only read
        return "a wrong passphrase" if len(asked) == 1 else PASSPHRASE

    monkeypatch.setattr(prompts, "passphrase", answer)
    window = MainWindow(None, opening=resolve(folder))
    qtbot.addWidget(window)
    window.show()
    args = launch.argparse.Namespace(data_dir=str(folder), exit_when_ready=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    openings: list[launch.Opening] = []

    def open_with(passphrase: str | None = None) -> None:
        openings.append(
            launch.Opening(
                str(folder),
                lambda got: launch.finish_opening(app, window, got, args, 0.0, open_with),
                passphrase,
            )
        )

    open_with()
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=60_000)
    assert asked == [(False, False), (False, True)]
    assert window.ctx is not None
    window.ctx.close()


def test_the_window_says_where_the_key_of_a_folder_it_encrypted_went(qtbot: QtBot, tmp_path: Path) -> None:
    folder, ids, _digest = _plaintext_folder(tmp_path)
    window = MainWindow(None, opening=resolve(folder))
    qtbot.addWidget(window)
    window.show()
    args = launch.argparse.Namespace(data_dir=str(folder), exit_when_ready=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opening = launch.Opening(str(folder), lambda got: launch.finish_opening(app, window, got, args, 0.0))
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=60_000)
    box = window.ui.errors.last_message
    assert box is not None and "the database key was saved to" in box.text() and KEY_FILE in box.text()
    box.close()
    assert opening.wait() is window.ctx and window.ctx is not None
    assert _found(window.ctx, "비자") == [ids["비자 발급 지연"]]
    window.ctx.close()
