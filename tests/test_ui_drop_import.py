"""Files dropped on the main window open the import wizard where they belong: MissionDesk's bundles (and
their side-cars) on the bundle pages, a person's spreadsheet (.xlsx, .xls, .csv) on the spreadsheet pages
with the file filled in; the bundle pages' picker offers side-cars too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from missiondesk.services import bundle_export
from missiondesk.services.bundle_import import is_bundle_file
from missiondesk.services.records import RecordService
from missiondesk.ui import prompts
from missiondesk.ui.import_wizard import ImportWizard
from missiondesk.ui.main_window import MainWindow
from tests.legacy_sheets import cases_workbook
from tests.syncsim import World


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path / "world")
    yield w
    w.close()


def _drop(window: MainWindow, paths: list[Path]) -> bool:
    """Files dropped from the file manager, as Qt delivers them: drag enter, then drop. Whether taken."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), actions, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(10, 10), actions, data, buttons, keys)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def _window(qtbot: QtBot, world: World) -> MainWindow:
    window = MainWindow(world.hq)
    qtbot.addWidget(window)
    return window


def _csv(path: Path) -> Path:
    path.write_text("공관,제목,국가,접수일\nDE-FRA,공장 부지 인허가,독일,2023.03.05\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["2023 실적.xlsx", "2023 실적.csv"])
def test_a_dropped_spreadsheet_opens_the_spreadsheet_pages_with_the_file(
    qtbot: QtBot, world: World, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    cases_workbook(path) if path.suffix == ".xlsx" else _csv(path)
    assert not is_bundle_file(path)
    window = _window(qtbot, world)

    assert _drop(window, [path])

    wizard = window.import_wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    page = wizard.table_file_page
    assert wizard.currentPage() is page and wizard.source_page.spreadsheet.isChecked()
    assert page.path.text() == str(path) and page.sheet.count() == 1 and page.isComplete()
    wizard.next()  # on to the columns: the spreadsheet path, not the bundles'
    assert wizard.currentPage() is wizard.mapping_page


def test_a_dropped_bundle_and_a_side_car_open_the_bundle_pages(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    RecordService(fra).create("support_case", {"title": "공장 부지 인허가"})
    bundle = tmp_path / "fra.xlsx"
    bundle_export.export_bundle(fra, bundle)
    sidecar = tmp_path / "fra.files-1-of-2.zip"
    sidecar.write_bytes(b"PK\x05\x06" + bytes(18))  # named as a side-car: the plan checks its content
    window = _window(qtbot, world)

    assert _drop(window, [bundle])
    wizard = window.import_wizard
    assert wizard.currentPage() is wizard.files_page and wizard.files_page.paths() == [bundle]
    wizard.close()

    assert _drop(window, [sidecar])
    wizard = window.import_wizard
    assert wizard.currentPage() is wizard.files_page and wizard.files_page.paths() == [sidecar]


def test_other_dropped_files_are_not_taken(qtbot: QtBot, world: World, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("메모", encoding="utf-8")
    archive = tmp_path / "photos.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    window = _window(qtbot, world)

    assert not _drop(window, [notes])
    assert not _drop(window, [archive])  # a zip that is no bundle's side-car
    assert getattr(window, "import_wizard", None) is None


def test_the_bundle_picker_offers_side_cars(
    qtbot: QtBot, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sidecar = tmp_path / "fra.files-2-of-2.zip"
    asked: list[Any] = []

    def pick(parent: Any, title: str, name_filter: str = prompts.BUNDLE_FILTER) -> list[Path]:
        asked.append(name_filter)
        return [sidecar]

    monkeypatch.setattr(prompts, "open_files", pick)
    window = _window(qtbot, world)
    wizard = window.open_import()
    wizard.next()
    page = wizard.files_page
    add = next(b for b in page.findChildren(QPushButton) if b.text() == page.tr("Add files…"))
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)

    assert "*.zip" in asked[0] and "*.xlsx" in asked[0]
    assert page.paths() == [sidecar]


def test_back_from_a_dropped_files_first_page_returns_to_the_choice_of_what_to_import(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    path = _csv(tmp_path / "2023 실적.csv")
    window = _window(qtbot, world)

    assert _drop(window, [path])
    wizard = window.import_wizard
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert wizard.currentPage() is wizard.table_file_page
    assert back.isVisible() and back.isEnabled()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.source_page and wizard.source_page.spreadsheet.isChecked()
    wizard.next()  # the same spreadsheet, still filled in
    assert wizard.currentPage() is wizard.table_file_page and wizard.table_file_page.path.text() == str(path)
    wizard.back()
    wizard.source_page.bundle.setChecked(True)  # changed its mind: the bundle pages instead
    wizard.next()
    assert wizard.currentPage() is wizard.files_page
    wizard.close()

    fra = world.laptop("fra")
    RecordService(fra).create("support_case", {"title": "공장 부지 인허가"})
    bundle = bundle_export.export_bundle(fra, tmp_path / "fra.xlsx").path
    assert _drop(window, [bundle])
    wizard = window.import_wizard
    assert wizard.currentPage() is wizard.files_page
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    wizard.back()
    assert wizard.currentPage() is wizard.source_page and wizard.source_page.bundle.isChecked()
