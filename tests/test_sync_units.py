"""The sync client's parts that need no server: backoff, the loop policy, the lock, credentials, tokens."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from missiondesk import paths as paths_mod
from missiondesk.server import auth
from missiondesk.services import credentials
from missiondesk.services.credentials import SERVICE, CredentialStore
from missiondesk.sync.backoff import Backoff
from missiondesk.sync.lock import SyncBusy, SyncLock
from missiondesk.sync.loop import SyncLoop, Trigger
from missiondesk.sync.protocol import too_old, version_tuple


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_backoff_grows_exponentially_up_to_its_cap_and_resets() -> None:
    b = Backoff(base=5, factor=2, cap=60, jitter=0, rng=random.Random(1))
    assert [b.failed() for _ in range(6)] == [5, 10, 20, 40, 60, 60]
    b.reset()
    assert b.delay() == 0 and b.failed() == 5
    jittered = Backoff(base=10, jitter=0.2, rng=random.Random(7))
    assert 8 <= jittered.failed() <= 12


def test_the_loop_syncs_after_edits_on_a_timer_and_now_and_backs_off() -> None:
    clock = Clock()
    loop = SyncLoop(clock=clock, interval=300, edit_delay=10, backoff=Backoff(base=30, jitter=0))
    assert loop.due() is Trigger.TIMER  # the first sync right after start
    loop.started()
    assert loop.due() is None and loop.seconds_until_due() is None  # never two at once
    loop.edited()  # an edit while it runs: the next sync comes after it
    loop.finished(ok=True)
    assert loop.seconds_until_due() == 10
    clock.now += 10
    assert loop.due() is Trigger.EDIT
    loop.started()
    loop.finished(ok=True)
    assert loop.seconds_until_due() == 300
    clock.now += 300
    assert loop.due() is Trigger.TIMER
    loop.started()
    loop.finished(ok=False, error="offline")
    assert loop.due() is None and loop.seconds_until_due() == 30 and loop.last_error == "offline"
    loop.edited()  # an edit does not shorten the backoff
    assert loop.seconds_until_due() == 30
    clock.now += 30
    assert loop.due() is Trigger.RETRY
    loop.started()
    loop.finished(ok=False)
    assert loop.seconds_until_due() == 60  # doubled
    loop.sync_now()  # the button skips the wait
    assert loop.due() is Trigger.NOW
    loop.started()
    loop.finished(ok=False)
    assert loop.seconds_until_due() == 120
    loop.online()  # connectivity returned: at once, backoff forgotten
    assert loop.due() is Trigger.ONLINE
    loop.started()
    loop.finished(ok=False)
    assert loop.seconds_until_due() == 30


def test_a_refused_device_syncs_only_when_asked_until_a_good_sync() -> None:
    clock = Clock()
    loop = SyncLoop(clock=clock, interval=300, edit_delay=10, backoff=Backoff(base=30, jitter=0))
    loop.started()
    loop.finished(ok=False, error="revoked")
    loop.refused()
    loop.edited()
    clock.now += 3600
    assert loop.due() is None  # neither the retry nor the edit: HQ would refuse it again
    loop.sync_now()  # the button still tries
    assert loop.due() is Trigger.NOW
    loop.started()
    loop.finished(ok=False)
    loop.refused()
    clock.now += 3600
    assert loop.due() is None
    loop.sync_now()  # after enrolling again
    loop.started()
    loop.finished(ok=True)
    clock.now += 300
    assert loop.due() is Trigger.TIMER and not loop.held


def test_the_lock_refuses_a_second_sync_in_this_process_and_in_another(tmp_path: Path) -> None:
    path = tmp_path / "sync.lock"
    with SyncLock(path):
        with pytest.raises(SyncBusy):
            SyncLock(path).acquire()
        code = "import sys; from missiondesk.sync.lock import SyncLock, SyncBusy\n"
        code += "try:\n    SyncLock(__import__('pathlib').Path(sys.argv[1])).acquire()\nexcept SyncBusy:\n    sys.exit(3)\n"
        assert subprocess.run([sys.executable, "-c", code, str(path)], check=False).returncode == 3
    with SyncLock(path):  # released: free again
        pass
    assert subprocess.run([sys.executable, "-c", code, str(path)], check=False).returncode == 0


class FakeKeyring:
    def __init__(self, broken: bool = False) -> None:
        self.items: dict[tuple[str, str], str] = {}
        self.broken = broken

    def get_password(self, service_name: str, username: str) -> str | None:
        return self.items.get((service_name, username))

    def set_password(self, service_name: str, username: str, password: str) -> None:
        if self.broken:
            raise RuntimeError("the keyring is locked")
        self.items[(service_name, username)] = password

    def delete_password(self, service_name: str, username: str) -> None:
        self.items.pop((service_name, username), None)


def assert_private(path: Path, secret: bytes) -> None:
    """Only this account reads it: mode 0600 on POSIX; on Windows (no mode bits) sealed with DPAPI."""
    if sys.platform == "win32":
        assert secret not in path.read_bytes()
    else:
        assert path.stat().st_mode & 0o777 == 0o600


def test_the_credential_goes_to_the_keyring_or_to_a_private_file(tmp_path: Path) -> None:
    paths = paths_mod.resolve(tmp_path / "data")
    ring = FakeKeyring()
    store = CredentialStore(paths, ring)
    assert store.save("dev-1", "secret-1") == "the system keyring" and store.notice == ""
    assert ring.items[(SERVICE, "dev-1")] == "secret-1" and not store.file.exists()
    assert store.load("dev-1") == "secret-1"
    # No keyring at all (this headless machine): a private file and a sentence that says so.
    bare = CredentialStore(paths, None)
    bare.save("dev-2", "secret-2")
    assert "No system keyring" in bare.notice
    assert_private(bare.file, b"secret-2")
    assert bare.load("dev-2") == "secret-2"
    if sys.platform != "win32":
        bare.file.chmod(0o644)  # widened by someone: tightened again before it is read
        assert CredentialStore(paths, None).load("dev-2") == "secret-2"
        assert bare.file.stat().st_mode & 0o777 == 0o600
    # A keyring that refuses: the file, and the reason.
    broken = CredentialStore(paths, FakeKeyring(broken=True))
    broken.save("dev-3", "secret-3")
    assert "refused" in broken.notice and broken.load("dev-3") == "secret-3"
    broken.delete("dev-3")
    assert broken.load("dev-3") is None
    # The default on this machine: keyring finds no backend and the file is used.
    assert CredentialStore(paths).where == str(bare.file)


def test_a_secret_in_the_fallback_file_is_read_without_loading_the_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database key is read on every start: where it is in the file (no keyring took it), the
    keyring's backends (0.1-1 s to discover) are not loaded; a secret not in the file still asks them."""
    paths = paths_mod.resolve(tmp_path / "data")
    CredentialStore(paths, None).save("db", "key-1")
    asked: list[str] = []
    ring = FakeKeyring()
    ring.items[(SERVICE, "dev-1")] = "secret-1"

    def system() -> FakeKeyring:
        asked.append("keyring")
        return ring

    monkeypatch.setattr(credentials, "_system_keyring", system)
    store = CredentialStore(paths)
    assert store.load("db") == "key-1" and asked == []
    assert store.load("dev-1") == "secret-1" and asked == ["keyring"]


def test_the_device_key_is_private_and_never_overwritten(tmp_path: Path) -> None:
    from missiondesk.bundles import signing

    path = tmp_path / "keys" / "device.ed25519"
    key = signing.new_private_key()
    signing.save_private_key(key, path)
    assert_private(path, b"PRIVATE KEY")
    assert signing.public_key_text(signing.load_private_key(path)) == signing.public_key_text(key)
    with pytest.raises(FileExistsError):
        signing.save_private_key(signing.new_private_key(), path)
    assert signing.public_key_text(signing.load_private_key(path)) == signing.public_key_text(key)
    assert not list(path.parent.glob("*.partial"))


def test_a_private_file_sealed_elsewhere_is_refused_with_a_reason(tmp_path: Path) -> None:
    """A file sealed for another Windows account (or copied from Windows to here) does not open."""
    from missiondesk.bundles import signing
    from missiondesk.errors import UserError
    from missiondesk.store.private_file import SEALED_MAGIC

    path = tmp_path / "device.ed25519"
    path.write_bytes(SEALED_MAGIC + b"\x01\x02 not a blob this account can open")
    with pytest.raises(UserError, match="cannot be read"):
        signing.load_private_key(path)


def test_app_versions_compare_by_number() -> None:
    assert version_tuple("1.10.2rc1") == (1, 10, 2)
    assert too_old("0.9.9", "0.10.0") and not too_old("0.10.0", "0.10.0") and not too_old("1.0", "0.10.0")


def test_tokens_carry_a_signature_and_an_expiry() -> None:
    secret = b"k" * 32
    token = auth._b64(b'{"d": "dev", "e": "0123456789abcdef", "exp": 2000}')
    mac = auth._b64(__import__("hmac").new(secret, token.encode(), "sha256").digest())
    assert auth.claim_of_token(secret, f"{token}.{mac}", now=1999) == auth.Claim("dev", "0123456789abcdef")
    with pytest.raises(auth.Unauthorised, match="expired"):
        auth.claim_of_token(secret, f"{token}.{mac}", now=2000)
    with pytest.raises(auth.Unauthorised, match="not valid"):
        auth.claim_of_token(b"x" * 32, f"{token}.{mac}", now=1999)
    unbound = auth._b64(b'{"d": "dev", "exp": 2000}')  # names no enrolment
    mac = auth._b64(__import__("hmac").new(secret, unbound.encode(), "sha256").digest())
    with pytest.raises(auth.Unauthorised, match="not valid"):
        auth.claim_of_token(secret, f"{unbound}.{mac}", now=1999)
    assert auth.normalise_code(" abcd-efgh jkmn ") == "ABCDEFGHJKMN"
    assert time.time() > 0
