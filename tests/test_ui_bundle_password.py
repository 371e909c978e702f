"""Password-protected bundles from the window: the export dialog's password, the wizard asking for one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.bundles.container import OLE_MAGIC
from missiondesk.services import bundle_export
from missiondesk.services.records import RecordService
from missiondesk.ui import i18n
from missiondesk.ui.main_window import MainWindow
from tests.syncsim import World
from tests.test_ui_bundles import trusted_laptop

PASSWORD = "봄비-2026-secret"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def test_the_export_dialog_protects_the_file_with_a_password_typed_twice(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    fra = trusted_laptop(world, "fra", tmp_path)
    RecordService(fra).create("support_case", {"title": "통관 보류 문제"})
    window = MainWindow(fra)
    qtbot.addWidget(window)
    dialog = window.open_export()
    out = tmp_path / "bundle.xlsx"
    dialog.path.setText(str(out))
    assert not dialog.password.isEnabled()
    dialog.protect.setChecked(True)
    assert dialog.password.isEnabled() and dialog.password_again.isEnabled()
    dialog.password.setText("short")
    dialog.password_again.setText("short")
    dialog.buttons.accepted.emit()
    assert "at least 8" in dialog.message.text() and not out.exists()
    dialog.password.setText(PASSWORD)
    dialog.password_again.setText(PASSWORD + "x")
    dialog.buttons.accepted.emit()
    assert "differ" in dialog.message.text() and not out.exists()
    dialog.password_again.setText(PASSWORD)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=20_000)
    assert dialog.result_ is not None and dialog.result_.encrypted, dialog.message.text()
    assert out.read_bytes().startswith(OLE_MAGIC)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_wizard_asks_for_the_password_again_when_wrong_then_imports(
    qtbot: QtBot, world: World, tmp_path: Path, language: str
) -> None:
    fra = trusted_laptop(world, "fra", tmp_path)
    case_id = RecordService(fra).create("support_case", {"title": "공장 부지 인허가"}).record_id
    bundle = tmp_path / "fra.xlsx"
    bundle_export.export_bundle(fra, bundle, password=PASSWORD)
    i18n.install(language)
    try:
        window = MainWindow(world.hq)
        qtbot.addWidget(window)
        wizard = window.open_import([bundle])
        wizard.next()
        page = wizard.checks_page
        qtbot.waitUntil(lambda: wizard.plan is not None, timeout=30_000)
        row = page.tree.topLevelItem(0)
        needs = {"en": "needs a password", "ko": "암호가 필요"}[language]
        assert needs in row.text(1) and page.password.isVisible() and not page.isComplete()
        assert "fra.xlsx" in page.password_prompt.text()

        page.password.setText("not the password")
        page.open_locked.click()
        qtbot.waitUntil(lambda: wizard.plan is not None and page.open_locked.isEnabled(), timeout=30_000)
        wrong = {"en": "wrong password", "ko": "암호가 틀"}[language]
        assert wrong in page.tree.topLevelItem(0).text(1) and page.password.isVisible()
        again = {"en": "does not open", "ko": "열리지 않"}[language]
        assert again in page.password_prompt.text()

        page.password.setText(PASSWORD)
        page.password.returnPressed.emit()
        qtbot.waitUntil(lambda: wizard.plan is not None and page.open_locked.isEnabled(), timeout=30_000)
        assert not wizard.plan.refused and not page.password.isVisible() and page.isComplete()
        assert page.password.text() == ""  # not left in the field
        wizard.next()  # the preview
        wizard.next()  # import
        qtbot.waitUntil(lambda: wizard.report is not None, timeout=30_000)
        assert wizard.report.bundles[0].status == "imported"
        assert RecordService(world.hq).get("support_case", case_id)["title"] == "공장 부지 인허가"
    finally:
        i18n.install("en")
