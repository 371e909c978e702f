"""Every folder MissionDesk reads or writes, decided in one place.

Order of precedence: an explicit ``--data-dir``, then ``MISSIONDESK_DATA_DIR``,
then portable mode (a file named ``missiondesk-portable`` next to the built
executable keeps everything in ``data/`` beside it, for a USB stick), then the
platform's per-user data folder (platformdirs). Logs, backups, crash
reports and the config file all live below the data folder, so a portable
copy or a test only has to name one directory.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from missiondesk import APP_NAME

ENV_DATA_DIR = "MISSIONDESK_DATA_DIR"
DATABASE_FILE = "missiondesk.sqlite3"
PORTABLE_MARKER = "missiondesk-portable"


@dataclass(frozen=True)
class DataPaths:
    root: Path
    # An HQ install's contents folder when it is shared with the sync server (``--blobs DIR`` there;
    # config ``attachments_dir``); None: ``attachments`` in the data folder.
    attachments_dir: Path | None = None

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
    def attachments(self) -> Path:
        """Attachment contents by SHA-256 (``store/blobs.py``)."""
        return self.attachments_dir or self.root / "attachments"

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
    portable = portable_root()
    if portable is not None:
        return DataPaths(portable)
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def portable_root() -> Path | None:
    """``data/`` beside the built app when the portable marker is there (only for a built app)."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    return folder / "data" if (folder / PORTABLE_MARKER).exists() else None
