"""Before Qt aborts on a Linux machine without the X11 libraries: a sentence that names the packages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from missiondesk import display_check
from missiondesk.app import main


def test_missing_x11_libraries_are_named_with_their_packages() -> None:
    present = {"libxcb-cursor.so.0", "libxcb-image.so.0"}
    text = display_check.problem(lambda library: library in present)
    assert text is not None
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "libxcb-cursor0" not in text
    assert display_check.problem(lambda _library: True) is None


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"DISPLAY": ":0"}, True),
        ("linux", {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, False),
        ("linux", {"QT_QPA_PLATFORM": "xcb"}, True),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, False),
        ("win32", {"DISPLAY": ":0"}, False),
    ],
)
def test_only_an_x11_window_is_checked(platform: str, env: dict[str, str], expected: bool) -> None:
    assert display_check.uses_xcb(platform, env) is expected


def test_the_app_says_what_is_missing_and_exits_1_instead_of_aborting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(display_check, "uses_xcb", lambda: True)
    monkeypatch.setattr(display_check, "_loads", lambda library: library != "libxcb-icccm.so.4")
    assert main([]) == 1
    assert "sudo apt-get install libxcb-icccm4" in capsys.readouterr().err


def test_help_lists_the_desktop_app_options() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "missiondesk", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "--exit-when-ready" in out
