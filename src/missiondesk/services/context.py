"""The application context: which data folder, which database, which device.

Passed explicitly to every service (git-cola's pattern) instead of globals,
so the GUI, the CLI, the server and tests can hold several side by side.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from missiondesk import paths as paths_mod
from missiondesk.domain.device import Device
from missiondesk.domain.messages import MessageCode, say
from missiondesk.errors import NotInitialised, UserError
from missiondesk.paths import DataPaths
from missiondesk.services import database_key
from missiondesk.store import cipher, devices, refload
from missiondesk.store.database import open_store
from missiondesk.store.engine import (
    Store,
    ensure_writable_folder,
    preflight_sqlite,
    sqlite_path,
    stored_revision_readonly,
)
from missiondesk.store.errors import environment_errors
from missiondesk.store.migrate import refuse_if_newer


@dataclass
class AppContext:
    paths: DataPaths
    store: Store
    device: Device
    notice: str = ""  # a sentence for the person (the database key went to the fallback file)

    def close(self) -> None:
        self.store.dispose()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_config(paths: DataPaths) -> dict[str, Any]:
    if not paths.config.exists():
        return {}
    try:
        data = json.loads(paths.config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(
            say(MessageCode.SETTINGS_UNREADABLE, file=str(paths.config), detail=str(exc))
        ) from exc
    return data if isinstance(data, dict) else {}


ATTACHMENTS_DIR = "attachments_dir"
"""Config key: where an HQ install keeps attachment contents (the sync server's ``--blobs`` folder)."""


def configured(paths: DataPaths) -> DataPaths:
    """The folder's paths with what its config moves elsewhere (an HQ install's contents folder)."""
    where = read_config(paths).get(ATTACHMENTS_DIR)
    return dataclasses.replace(paths, attachments_dir=Path(where)) if where else paths


def write_config(paths: DataPaths, data: dict[str, Any]) -> None:
    tmp = paths.config.with_name(paths.config.name + ".partial")
    ensure_writable_folder(paths.root)
    with environment_errors():
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(paths.config)


def database_url(paths: DataPaths, override: str | None = None) -> str:
    return override or read_config(paths).get("database_url") or paths.default_database_url()


def open_context(data_dir: str | Path | None = None, *, passphrase: str | None = None) -> AppContext:
    """Open an initialised data folder; NotInitialised when it has no device yet.

    ``passphrase`` (or ``MISSIONDESK_PASSPHRASE``) opens a portable folder; PassphraseNeeded without it.
    """
    paths = configured(paths_mod.resolve(data_dir))
    store, notice = open_keyed_store(paths, database_url(paths), passphrase=passphrase)
    try:
        with store.write() as conn:
            device = devices.current(conn)
            if device is None:
                raise NotInitialised(say(MessageCode.FOLDER_NOT_SET_UP, folder=str(paths.root)))
            refload.ensure_loaded(conn)
    except BaseException:
        store.dispose()
        raise
    return AppContext(paths, store, device, notice)


def open_keyed_store(
    paths: DataPaths,
    url: str,
    *,
    create: bool = False,
    passphrase: str | None = None,
    new_passphrase: bool = False,
) -> tuple[Store, str]:
    """Open the folder's database with its key (made, and named in the config, first when new).

    What can be refused without a key is refused before one is made: no database (and no ``create``),
    a plaintext file that is damaged or from a newer MissionDesk.
    """
    db = sqlite_path(url)
    if db is not None and (not db.exists() or cipher.is_plaintext(db)):
        preflight_sqlite(db, create=create)
        refuse_if_newer(stored_revision_readonly(db), str(db))
    config = read_config(paths)
    found = database_key.folder_key(paths, url, config, passphrase=passphrase, new_passphrase=new_passphrase)
    if found.settings:
        write_config(paths, {**config, **found.settings})
    store = open_store(url, paths.backups, create=create, key=found.key, attachments=paths.attachments)
    return store, found.notice


def is_initialised(data_dir: str | Path | None = None) -> bool:
    paths = paths_mod.resolve(data_dir)
    url = database_url(paths)
    return url != paths.default_database_url() or paths.database.exists()
