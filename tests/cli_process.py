"""The command line as a person runs it: ``missiondesk --data-dir DIR …`` in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_missiondesk(
    data_dir: Path, *args: str, home: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Its exit code and its UTF-8 output; ``home`` stands for the person's home folder (no real
    settings read). The process keeps the test's Qt platform plugin (conftest: offscreen, or Windows'
    own, whose fonts Windows has)."""
    return subprocess.run(
        [sys.executable, "-m", "missiondesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "HOME": str(home)},
        timeout=timeout,
    )
