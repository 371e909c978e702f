"""Where the tests run: the Windows stage runs them under wine, which is Windows in all but a few tools."""

from __future__ import annotations

import sys


def _under_wine() -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")  # only wine's ntdll exports it


UNDER_WINE = _under_wine()
