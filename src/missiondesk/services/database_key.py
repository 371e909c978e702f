"""The key of a data folder's database: from the OS keyring, or from a passphrase in portable mode.

Installed (the usual case): 32 random bytes made when the folder is set up (or when a plaintext folder
from an earlier version is first opened), kept in the OS keyring (Windows Credential Manager; service
"MissionDesk", user ``database-key-<id>``, the id in ``config.json``). Where there is no keyring it goes
to ``database-key.json`` in the data folder, readable by this user only and sealed with DPAPI on
Windows, with the same notice as the sync credential (``credentials.CredentialStore``).

Portable (the data beside the executable, on a USB stick): a key in the keyring of one computer would
not travel with the stick, and a key file beside the data would protect nothing, so the person types a
passphrase at start; the key is derived from it with scrypt and the salt at the start of the database
file (``cipher.Key.from_passphrase``). A wrong passphrase is found by reading the file, never writing it.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from missiondesk import paths as paths_mod
from missiondesk.domain.messages import MessageCode, say
from missiondesk.errors import DamagedDatabase, UserError
from missiondesk.paths import DataPaths
from missiondesk.services.credentials import CredentialStore, KeyringLike
from missiondesk.store import cipher
from missiondesk.store.cipher import Key, WrongKey
from missiondesk.store.engine import sqlite_path

ENV_PASSPHRASE = "MISSIONDESK_PASSPHRASE"
KEY_FILE = "database-key.json"
MODE_SETTING = "database_key"  # in config.json: "keyring" or "passphrase"
ID_SETTING = "database_key_id"
MIN_PASSPHRASE = 10


class PassphraseNeeded(UserError):
    """This data folder's database opens with a passphrase, and none was given."""


class WrongPassphrase(UserError):
    """The passphrase does not open the database; the file was not touched."""


@dataclass(frozen=True)
class FolderKey:
    key: Key | None  # None: the database is not a SQLite file (a PostgreSQL URL)
    notice: str = ""  # a sentence to show when the key went to the fallback file
    settings: dict[str, str] | None = None  # to add to config.json before the database is opened


def is_protected(paths: DataPaths) -> bool:
    """True when the folder's database exists and is encrypted (a passphrase typed now must open it)."""
    db = paths.database
    return db.exists() and db.stat().st_size > 0 and not cipher.is_plaintext(db)


def uses_passphrase(paths: DataPaths, config: dict[str, object]) -> bool:
    """Portable mode: said so in the folder's config, or a new set-up of the portable folder."""
    mode = config.get(MODE_SETTING)
    if mode is not None:
        return mode == "passphrase"
    return paths_mod.portable_root() == paths.root


def folder_key(
    paths: DataPaths,
    url: str,
    config: dict[str, object],
    *,
    passphrase: str | None = None,
    new_passphrase: bool = False,
    keyring: KeyringLike | bool | None = True,
) -> FolderKey:
    """The key that opens (or will encrypt) the database at ``url``.

    ``new_passphrase``: set the folder up with ``passphrase`` (portable mode) instead of the keyring.
    """
    db = sqlite_path(url)
    if db is None:
        return FolderKey(None)
    encrypted = db.exists() and db.stat().st_size > 0 and not cipher.is_plaintext(db)
    passphrase = passphrase if passphrase is not None else os.environ.get(ENV_PASSPHRASE)
    if new_passphrase or uses_passphrase(paths, config):
        if not passphrase:
            raise PassphraseNeeded(
                f"The data in {paths.root} is protected by a passphrase: type it when asked, "
                f"or set {ENV_PASSPHRASE} for a script."
            )
        return _from_passphrase(db, passphrase, encrypted=encrypted)
    return _from_keyring(paths, config, encrypted=encrypted, keyring=keyring)


def _from_passphrase(path: Path, passphrase: str, *, encrypted: bool) -> FolderKey:
    if encrypted:
        key = Key.from_passphrase(passphrase, cipher.file_salt(path))
        try:
            cipher.check_key(path, key)
        except WrongKey as exc:
            raise WrongPassphrase(
                "That passphrase does not open this data folder; nothing was changed. Try again."
            ) from exc
        return FolderKey(key)
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(say(MessageCode.PASSPHRASE_TOO_SHORT, min=MIN_PASSPHRASE))
    key = Key.from_passphrase(passphrase, os.urandom(cipher.SALT_BYTES))
    return FolderKey(key, settings={MODE_SETTING: "passphrase"})


def _from_keyring(
    paths: DataPaths, config: dict[str, object], *, encrypted: bool, keyring: KeyringLike | bool | None
) -> FolderKey:
    store = CredentialStore(
        paths,
        keyring,
        file_name=KEY_FILE,
        what="the database key",
        unreadable=MessageCode.KEY_FILE_UNREADABLE,
    )
    key_id = config.get(ID_SETTING)
    if isinstance(key_id, str):
        secret = store.load(_user(key_id))
        if secret:
            return FolderKey(Key(bytes.fromhex(secret)))
    if encrypted:
        raise DamagedDatabase(
            f"{paths.database} is not a MissionDesk database this computer can open: it is not an "
            f"SQLite file, or it is encrypted and its key is neither in this computer's keyring nor in "
            f"{store.file}. It was left untouched."
        )
    # A new folder, or a plaintext one from an earlier version: a new key, kept (and named in the
    # config, by the caller) before any file is encrypted with it.
    key_id = str(uuid.uuid4())
    key = Key.random()
    store.save(_user(key_id), key.raw.hex())
    return FolderKey(key, store.notice, {MODE_SETTING: "keyring", ID_SETTING: key_id})


def _user(key_id: str) -> str:
    return f"database-key-{key_id}"
