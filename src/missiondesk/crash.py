"""Crash reports: what a bug looked like, saved where support can find it.

A report says where the bug happened (every frame: file, line, function, the line of code) and what
kind of exception it was, never the exception's message nor any variable: a message quotes values
(a database error its parameters, a KeyError its key, a validation error the text typed), and those
are companies' disputes and contacts. Reports are copied into emails to support and server logs are
shipped elsewhere; ``withheld`` is the one way both render an exception.
"""

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
        withheld(exc),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


WITHHELD = "(message withheld: it may quote record contents)"


def withheld(exc: BaseException) -> str:
    """The traceback of ``exc`` and of the exceptions that led to it, each message withheld."""
    return "".join(_withheld(exc, set()))


def _withheld(exc: BaseException, seen: set[int]) -> list[str]:
    seen.add(id(exc))
    lines: list[str] = []
    cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    if cause is not None and id(cause) not in seen:
        lines += _withheld(cause, seen)
        lines.append("\nThe above exception led to the following one:\n\n")
    if exc.__traceback__ is not None:
        lines.append("Traceback (most recent call last):\n")
        lines += traceback.format_list(traceback.extract_tb(exc.__traceback__))  # code, no locals
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    lines.append(f"{name}: {WITHHELD}\n")
    return lines


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
