"""Search everything: an attached file found by its words, with its case and a line of the words;
opening the hit opens the case on its Attachments tab with the file selected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from missiondesk.services.attachments import AttachmentService
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from tests import textfiles
from tests.samplefiles import write


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    return open_window(mission)


def test_a_file_found_by_its_words_opens_its_case_on_the_attachments_tab(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path
) -> None:
    case = RecordService(mission).create("support_case", {"title": "Heilbronn site"}).record
    other = RecordService(mission).create("support_case", {"title": "다른 사례"}).record
    assert case is not None and other is not None
    letter = textfiles.hwpx("Official letter", "주정부 협조 요청 공문")
    attached = AttachmentService(mission).attach(
        "support_case", case.id, write(tmp_path, "공문.hwpx", letter)
    )
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    page.open_record(other.id)  # another case in the pane: opening the hit must change it

    dialog = window.open_search()
    qtbot.waitExposed(dialog)
    dialog.query.setText("협조")  # as an input method commits it (QTest types Latin keys only)
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1)
    item = dialog.tree.topLevelItem(0)
    assert item is not None
    assert "공문.hwpx" in item.text(0)
    assert str(case["reference"]) in item.text(1) and "Heilbronn site" in item.text(1)
    assert "주정부 협조 요청" in item.text(2)

    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # the first hit is current: Enter opens it
    assert not dialog.isVisible()  # steps aside; its results come back with it
    assert window.current_list() is page
    assert page.detail.record is not None and page.detail.record.id == case.id
    view = page.detail.attachments
    assert view is not None and page.detail.tabs.currentWidget() is view
    assert view.selected_ids() == [attached.change.record_id]
    assert window.open_search() is dialog and dialog.tree.topLevelItemCount() == 1


def test_a_query_with_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_search()
    qtbot.keyClicks(dialog.query, "nowhere")
    qtbot.waitUntil(lambda: dialog.summary.text() != "")
    assert dialog.tree.topLevelItemCount() == 0
