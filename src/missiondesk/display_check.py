"""Before Qt opens a window on Linux: are the X11 libraries its xcb plugin needs there?

Without them Qt aborts the process (exit 134) with a line about ``xcb-cursor0`` whatever is
actually missing. This looks first and says which libraries and which packages, in a sentence.
Nothing here imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

# The X11 libraries Qt 6's xcb plugin loads that a minimal Debian or Ubuntu does not have,
# with the package that brings each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def _loads(name: str) -> bool:
    # The built app may carry a library beside itself (PyInstaller's _internal folder), off the loader's path.
    bundled = getattr(sys, "_MEIPASS", None)
    for candidate in (name, os.path.join(bundled, name) if bundled else None):
        if candidate is None:
            continue
        try:
            ctypes.CDLL(candidate)
        except OSError:
            continue
        return True
    return False


def uses_xcb(platform: str = sys.platform, environ: dict[str, str] | None = None) -> bool:
    """Whether Qt will open its windows through X11 here."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.startswith("xcb")
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def missing_packages(load: Callable[[str], bool] | None = None) -> list[str]:
    """The packages of the X11 libraries that cannot be loaded (empty when all are there)."""
    loads = load or _loads
    return [package for library, package in XCB_LIBRARIES.items() if not loads(library)]


def problem(load: Callable[[str], bool] | None = None) -> str | None:
    """What to tell the person before Qt would abort, or None when a window can be opened."""
    missing = missing_packages(load)
    if not missing:
        return None
    return (
        "MissionDesk cannot open its window: X11 libraries that Qt needs are missing.\n"
        f"On Debian or Ubuntu: sudo apt-get install {' '.join(missing)}\n"
        "(The command-line tools work without them: missiondesk --help.)"
    )
