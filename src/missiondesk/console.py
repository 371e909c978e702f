"""Standard streams that can carry Korean wherever they point.

Windows gives a redirected stream the ANSI code page (cp1252, or cp949 on Korean Windows): printing
Hangul to a pipe or a file then raises ``UnicodeEncodeError`` after the command already did its work.
MissionDesk writes UTF-8 to every stream instead, whatever the console's code page.

A windowed executable (the Start-menu app, built without a console) has no streams at all: a
subcommand typed in a console would fail on ``None.write``. There the parent console, if any, is
attached; with none (started from Explorer), output goes nowhere instead of failing.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO

ENCODING = "utf-8"


def use_utf8_streams() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` UTF-8 text streams that exist; call once at start."""
    if sys.stdout is None or sys.stderr is None:
        _attach_parent_console()
    sys.stdout = _utf8(sys.stdout)
    sys.stderr = _utf8(sys.stderr)


def _utf8(stream: TextIO | None) -> TextIO:
    if stream is None:
        return open(os.devnull, "w", encoding=ENCODING)
    if (stream.encoding or "").lower().replace("_", "-") in ("utf-8", "utf8"):
        return stream
    if isinstance(stream, io.TextIOWrapper):
        stream.flush()
        stream.reconfigure(encoding=ENCODING, errors="backslashreplace")
    return stream


def _attach_parent_console() -> None:
    """Windows only: write to the console this process was started from, when there is one."""
    if sys.platform != "win32":
        return
    import ctypes

    attach_parent_process = -1
    if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        return  # started from Explorer or a shortcut: no console to write to
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            try:
                stream = open("CONOUT$", "w", encoding=ENCODING, errors="backslashreplace")  # noqa: SIM115
            except OSError:
                continue
            setattr(sys, name, stream)
