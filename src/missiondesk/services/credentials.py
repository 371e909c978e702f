"""Where the device credential lives: the OS keyring, or a private file where there is none.

The credential proves this laptop to HQ's server for as long as HQ does not revoke it, so it is
kept in the operating system's keyring (service "MissionDesk", user = the device id). Where no
keyring backend exists (a headless server, a minimal Linux desktop), it goes to a file in the data
folder that only this user may read (mode 0600; on Windows sealed with DPAPI for the user's account,
see ``store.private_file``), and ``notice`` says so in one sentence.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any, Protocol

from missiondesk.domain.messages import MessageCode, say
from missiondesk.errors import UserError
from missiondesk.paths import DataPaths
from missiondesk.store.private_file import PROTECTION, read_private, write_private

SERVICE = "MissionDesk"
FALLBACK_FILE = "sync-credential.json"


class KeyringLike(Protocol):
    def get_password(self, service_name: str, username: str) -> str | None: ...

    def set_password(self, service_name: str, username: str, password: str) -> None: ...

    def delete_password(self, service_name: str, username: str) -> None: ...


def _system_keyring() -> KeyringLike | None:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return None
    return backend


class CredentialStore:
    def __init__(
        self,
        paths: DataPaths,
        backend: KeyringLike | bool | None = True,
        *,
        file_name: str = FALLBACK_FILE,
        what: str = "the device credential",
        unreadable: MessageCode = MessageCode.CREDENTIAL_FILE_UNREADABLE,
    ) -> None:
        """``backend``: True for the system keyring, None/False for none, or a keyring-like object.

        ``file_name`` is the fallback file in the data folder, ``what`` names the secret in the notice,
        ``unreadable`` says what to do when that file cannot be read.
        """
        self.paths = paths
        self._asks_system = backend is True  # the system keyring is looked up when first needed:
        self._backend: KeyringLike | None = None if backend is True else (backend or None)  # ~0.1-1 s
        self.file = paths.root / file_name
        self.what = what
        self.unreadable = unreadable
        self.notice = ""

    @property
    def backend(self) -> KeyringLike | None:
        if self._asks_system:
            self._asks_system = False
            self._backend = _system_keyring()
        return self._backend

    @backend.setter
    def backend(self, value: KeyringLike | None) -> None:
        self._asks_system = False
        self._backend = value

    @property
    def where(self) -> str:
        return "the system keyring" if self.backend is not None else str(self.file)

    def save(self, device_id: str, secret: str) -> str:
        """Keep the credential; returns where it went."""
        if self.backend is not None:
            try:
                self.backend.set_password(SERVICE, device_id, secret)
            except Exception as exc:  # keyring backends raise their own errors (locked, dbus gone...)
                self.notice = f"The system keyring refused {self.what} ({exc}); "
                self.backend = None
            else:
                self.notice = ""
                with contextlib.suppress(OSError):
                    self._forget_in_file(device_id)  # an older fallback copy is no longer needed
                return self.where
        self._write_file({**self._read_file(), device_id: secret})
        sealed = " and encrypted for your Windows account" if PROTECTION == "DPAPI" else ""
        self.notice = (self.notice or "No system keyring is available on this computer; ") + (
            f"{self.what} was saved to {self.file}, readable only by your user account{sealed}."
        )
        return self.where

    def load(self, device_id: str) -> str | None:
        """The secret, from the fallback file when it holds it (only what no keyring took is kept there:
        ``save`` drops the file's copy once a keyring has it), else from the keyring. The keyring's
        backends are not even loaded for a secret the file holds (a database opened on every start)."""
        unreadable: UserError | None = None
        try:
            value = self._read_file().get(device_id)
        except UserError as exc:  # said only when the keyring does not hold the secret either
            value, unreadable = None, exc
        if value:
            return str(value)
        if self.backend is not None:
            try:
                found = self.backend.get_password(SERVICE, device_id)
            except Exception:
                found = None
            if found:
                return found
        if unreadable is not None:
            raise unreadable
        return None

    def delete(self, device_id: str) -> None:
        if self.backend is not None:
            with contextlib.suppress(Exception):
                self.backend.delete_password(SERVICE, device_id)
        self._forget_in_file(device_id)

    def _forget_in_file(self, device_id: str) -> None:
        data = self._read_file()
        if device_id in data:
            del data[device_id]
            self._write_file(data)

    def _read_file(self) -> dict[str, Any]:
        if not self.file.exists():
            return {}
        try:
            data = json.loads(read_private(self.file).decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(say(self.unreadable, file=str(self.file), detail=str(exc))) from exc
        return data if isinstance(data, dict) else {}

    def _write_file(self, data: dict[str, Any]) -> None:
        write_private(self.file, json.dumps(data).encode("utf-8"))
