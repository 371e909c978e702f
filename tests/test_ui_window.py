"""The desktop window (a plain summary until the desktop-app issue builds it out)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.ui.main_window import MainWindow


def test_the_window_shows_the_mission_and_its_counts(qtbot: QtBot, mission: AppContext) -> None:
    generate_demo(mission, cases=25)
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "DE-FRA" in window.windowTitle()
    assert "김영희" in window.windowTitle()
    text = window.summary.text()
    assert "Support cases: 25" in text
    assert "Unsent changes: 1" in text


def test_the_window_explains_an_uninitialised_folder(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(None, "No MissionDesk database in /somewhere. Run 'missiondesk init'.")
    qtbot.addWidget(window)
    assert "missiondesk init" in window.summary.text()
    assert window.windowTitle() == "MissionDesk"
