"""First run: mission, officer, practice data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot


def test_first_run_sets_the_mission_up_with_practice_data(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from missiondesk.services import maintenance
    from missiondesk.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(tmp_path / "laptop")
    qtbot.addWidget(dialog)
    dialog.open()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "Choose your mission" in dialog.message.text()
    dialog.filter.setText("프랑크푸르트")  # Korean arrives from the input method, not as key presses
    assert dialog.selected_mission() == "DE-FRA"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "officer" in dialog.message.text().lower()
    dialog.officer.setText("김영희")
    dialog.demo.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    ctx = dialog.context
    assert ctx is not None
    try:
        assert ctx.device.mission == "DE-FRA" and ctx.device.officer_name == "김영희"
        counts = {c.entity: c.live for c in maintenance.stats(ctx).counts}
        assert counts["support_case"] == 200
    finally:
        ctx.close()
