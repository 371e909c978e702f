"""Crash reports: what a bug looked like, saved where support can find it."""

from __future__ import annotations

import datetime as dt
import platform
import sys
import traceback
from pathlib import Path

from missiondesk import __version__


def format_report(exc: BaseException) -> str:
    lines = [
        f"MissionDesk {__version__} crash report",
        f"time (UTC): {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"python: {sys.version.split()[0]} on {platform.platform()}",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_report(folder: Path, exc: BaseException) -> Path | str:
    """Write the report and return its path; never raises (a crash while crashing helps nobody)."""
    text = format_report(exc)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%fZ')}.txt"
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        return "(the crash report could not be saved)"
