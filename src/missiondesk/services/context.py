"""The application context: which data folder, which database, which device.

Passed explicitly to every service (git-cola's pattern) instead of globals,
so the GUI, the CLI, the server and tests can hold several side by side.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from missiondesk import paths as paths_mod
from missiondesk.domain.device import Device
from missiondesk.errors import NotInitialised, UserError
from missiondesk.paths import DataPaths
from missiondesk.store import devices, refload
from missiondesk.store.database import open_store
from missiondesk.store.engine import Store, ensure_writable_folder
from missiondesk.store.errors import environment_errors


@dataclass
class AppContext:
    paths: DataPaths
    store: Store
    device: Device

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
        raise UserError(f"{paths.config} cannot be read ({exc}); fix or remove it.") from exc
    return data if isinstance(data, dict) else {}


def write_config(paths: DataPaths, data: dict[str, Any]) -> None:
    tmp = paths.config.with_name(paths.config.name + ".partial")
    ensure_writable_folder(paths.root)
    with environment_errors():
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(paths.config)


def database_url(paths: DataPaths, override: str | None = None) -> str:
    return override or read_config(paths).get("database_url") or paths.default_database_url()


def open_context(data_dir: str | Path | None = None) -> AppContext:
    """Open an initialised data folder; NotInitialised when it has no device yet."""
    paths = paths_mod.resolve(data_dir)
    store = open_store(database_url(paths), paths.backups)
    try:
        with store.write() as conn:
            device = devices.current(conn)
            if device is None:
                raise NotInitialised(
                    f"{paths.root} is not set up yet. Run 'missiondesk init --mission CODE --officer NAME'."
                )
            refload.ensure_loaded(conn)
    except BaseException:
        store.dispose()
        raise
    return AppContext(paths, store, device)


def is_initialised(data_dir: str | Path | None = None) -> bool:
    paths = paths_mod.resolve(data_dir)
    url = database_url(paths)
    return url != paths.default_database_url() or paths.database.exists()
