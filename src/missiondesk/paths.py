"""Every folder MissionDesk reads or writes, decided in one place.

Order of precedence: an explicit ``--data-dir``, then ``MISSIONDESK_DATA_DIR``,
then the platform's per-user data folder (platformdirs). Logs, backups, crash
reports and the config file all live below the data folder, so a portable
copy or a test only has to name one directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from missiondesk import APP_NAME

ENV_DATA_DIR = "MISSIONDESK_DATA_DIR"
DATABASE_FILE = "missiondesk.sqlite3"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def config(self) -> Path:
        return self.root / "config.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def crash_reports(self) -> Path:
        return self.logs / "crashes"

    def default_database_url(self) -> str:
        return f"sqlite:///{self.database}"


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data folder to use; nothing is created here."""
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve())
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))
