"""The Attachments tab: files dropped or picked are checked and listed (name, size, type, who, when),
opened, saved and moved to the trash; refusals are said in the window's language."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from missiondesk.domain.records import Record
from missiondesk.services.attachments import PARENT_FIELDS, AttachmentService
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui import i18n, prompts
from missiondesk.ui.attachments_view import AttachmentsView
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.trash_page import TrashPage
from tests.samplefiles import REFUSED, SAMPLES, write


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    return open_window(mission)


def _case_view(qtbot: QtBot, window: MainWindow, mission: AppContext) -> tuple[Record, AttachmentsView]:
    created = RecordService(mission).create("support_case", {"title": "배터리 공장 부지"})
    assert created.record is not None
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    page.detail.show_record(created.record)
    view = page.detail.attachments
    assert view is not None
    page.detail.tabs.setCurrentWidget(view)
    qtbot.waitUntil(view.isVisible)
    return created.record, view


def _drop(view: AttachmentsView, paths: list[Path]) -> QDropEvent:
    """A drop of files from the file manager, as Qt delivers it: drag enter, then drop."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(10, 10), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view, drop)
    return drop


def _rows(view: AttachmentsView) -> list[list[str]]:
    tree = view.tree
    return [[tree.topLevelItem(i).text(c) for c in range(5)] for i in range(tree.topLevelItemCount())]


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_dropped_files_are_listed_with_name_size_type_who_and_when(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path
) -> None:
    _case, view = _case_view(qtbot, window, mission)
    assert _rows(view) == []
    pdf = write(tmp_path, "주정부 허가서.pdf", SAMPLES["pdf"])
    png = write(tmp_path, "현장 사진.png", SAMPLES["png"])
    with qtbot.waitSignal(window.ui.changes.changed) as announced:
        drop = _drop(view, [pdf, png])
    assert drop.isAccepted()
    assert {c.entity for c in announced.args[0].changes} == {"attachment"}
    qtbot.waitUntil(lambda: len(_rows(view)) == 2)
    rows = _rows(view)
    assert [r[0] for r in rows] == ["주정부 허가서.pdf", "현장 사진.png"]
    assert rows[0][1].endswith("bytes") and rows[0][2] == "PDF" and rows[1][2] == "PNG image"
    assert rows[0][3] == "김영희" and rows[0][4][:2] == "20"
    assert view.message.isHidden()


def test_a_refused_drop_is_said_in_korean_and_the_other_files_are_attached(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path
) -> None:
    _case, view = _case_view(qtbot, window, mission)
    assert i18n.install("ko") == "ko"
    try:
        exe = write(tmp_path, "setup.pdf", REFUSED["exe"][0])
        docm = write(tmp_path, "서식.docx", REFUSED["docm"][0])
        text = write(tmp_path, "메모.txt", SAMPLES["cp949"])
        with qtbot.waitSignal(window.ui.changes.changed):
            _drop(view, [exe, docm, text])
        qtbot.waitUntil(lambda: view.message.isVisible())
        said = view.message.text().splitlines()
        assert said == [
            "setup.pdf은(는) 프로그램 또는 스크립트입니다. 프로그램은 첨부할 수 없습니다.",
            "서식.docx에 매크로가 들어 있습니다. 매크로 없이(.docx, .xlsx, .pptx로) 저장한 뒤 첨부하십시오.",
        ]
        qtbot.waitUntil(lambda: [r[0] for r in _rows(view)] == ["메모.txt"])
        assert _rows(view)[0][2] == "텍스트"
    finally:
        i18n.install("en")


def test_a_drop_of_no_files_is_not_taken(qtbot: QtBot, window: MainWindow, mission: AppContext) -> None:
    _case, view = _case_view(qtbot, window, mission)
    data = QMimeData()
    data.setText("just text")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()


def test_picked_files_open_save_and_go_to_the_trash_and_back(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _case, view = _case_view(qtbot, window, mission)
    hwpx = write(tmp_path, "공문.hwpx", SAMPLES["hwpx"])
    monkeypatch.setattr(prompts, "open_files", lambda *_a: [hwpx])
    with qtbot.waitSignal(window.ui.changes.changed):
        _click(qtbot, view.add_button)
    qtbot.waitUntil(lambda: len(_rows(view)) == 1)
    view.tree.topLevelItem(0).setSelected(True)

    shown: list[Path] = []
    monkeypatch.setattr(prompts, "show_file", lambda p: shown.append(p) or True)
    _click(qtbot, view.open_button)
    assert shown[0].name == "공문.hwpx" and shown[0].read_bytes() == SAMPLES["hwpx"]

    target = tmp_path / "saved.hwpx"
    monkeypatch.setattr(prompts, "save_file", lambda *_a: target)
    _click(qtbot, view.save_button)
    assert target.read_bytes() == SAMPLES["hwpx"]

    with qtbot.waitSignal(window.ui.changes.changed) as announced:
        _click(qtbot, view.remove_button)
    [change] = announced.args[0].changes
    assert change.kind == "delete"
    qtbot.waitUntil(lambda: _rows(view) == [])
    trash = window.go("trash")
    assert isinstance(trash, TrashPage)
    trash.kind.setCurrentIndex(trash.kind.findData("attachment"))
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1)
    trash.table.selectRow(0)
    with qtbot.waitSignal(window.ui.changes.changed):
        _click(qtbot, trash.restore_button)
    window.go("support_case")
    qtbot.waitUntil(lambda: len(_rows(view)) == 1)


@pytest.mark.parametrize("entity_name", ["support_case", "market_brief", "council_meeting", "proposal"])
def test_every_detail_pane_that_takes_files_has_an_attachments_tab_before_history(
    qtbot: QtBot, window: MainWindow, entity_name: str
) -> None:
    page = window.go(entity_name)
    assert isinstance(page, ListPage)
    tabs = page.detail.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[-2:] == ["Attachments", "History"]
    assert (
        page.detail.attachments is not None
        and page.detail.attachments.parent_field == PARENT_FIELDS[entity_name]
    )


def test_an_activity_dialog_lists_and_takes_its_own_files(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path
) -> None:
    svc = RecordService(mission)
    case = svc.create("support_case", {"title": "허가 지연"}).record
    assert case is not None
    activity = svc.create(
        "case_activity", {"case_id": case.id, "date": "2026-03-03", "action_type": "intake"}
    )
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    page.detail.show_record(case)
    detail = page.detail
    [row] = detail.activities.rows()  # type: ignore[attr-defined]
    dialog = detail.activities.edit(row)  # type: ignore[attr-defined]
    view = dialog.attachments
    assert view is not None and view.record_id == activity.record_id
    with qtbot.waitSignal(window.ui.changes.changed):
        _drop(view, [write(tmp_path, "회신 공문.pdf", SAMPLES["pdf"])])
    qtbot.waitUntil(lambda: [r[0] for r in _rows(view)] == ["회신 공문.pdf"])
    dialog.reject()


def test_a_file_over_the_limit_is_said_with_its_size_and_the_limit(qtbot: QtBot) -> None:
    from missiondesk.domain.file_types import MB, FileProblem, FileRefused
    from missiondesk.ui.labels import error_text

    refused = FileRefused(FileProblem.TOO_LARGE, "스캔본.pdf", size=int(31.5 * MB), limit=25 * MB)
    assert error_text(refused) == "스캔본.pdf is 31.5 MB; files of at most 25 MB can be attached."
    assert i18n.install("ko") == "ko"
    try:
        assert error_text(refused) == "스캔본.pdf은(는) 31.5MB입니다. 25MB 이하의 파일만 첨부할 수 있습니다."
    finally:
        i18n.install("en")


def test_copies_opened_in_the_viewer_are_removed_when_the_window_closes_and_opens(
    qtbot: QtBot, mission: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the system's temp folder, for this test
    service = AttachmentService(mission)
    case = RecordService(mission).create("support_case", {"title": "배터리 공장 부지"}).record_id
    record = service.attach("support_case", case, write(tmp_path, "a.pdf", SAMPLES["pdf"])).change.record
    assert record is not None
    left = service.open_to_temp(record.id)  # by an earlier run that was stopped
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not left.parent.exists())  # removed once the window has shown its first page
    _record, view = _case_view(qtbot, window, mission)
    monkeypatch.setattr(prompts, "open_files", lambda *_a: [write(tmp_path, "b.pdf", SAMPLES["pdf"])])
    with qtbot.waitSignal(window.ui.changes.changed):
        _click(qtbot, view.add_button)
    qtbot.waitUntil(lambda: len(_rows(view)) == 1)
    view.tree.topLevelItem(0).setSelected(True)
    shown: list[Path] = []
    monkeypatch.setattr(prompts, "show_file", lambda p: shown.append(p) or True)
    _click(qtbot, view.open_button)
    assert shown[0].read_bytes() == SAMPLES["pdf"]
    window.close()
    assert not shown[0].parent.exists()


def test_a_file_still_to_come_is_shown_so_and_cannot_be_opened_until_it_arrives(
    qtbot: QtBot, window: MainWindow, mission: AppContext, tmp_path: Path
) -> None:
    case, view = _case_view(qtbot, window, mission)
    service = AttachmentService(mission)
    here = service.attach("support_case", case.id, write(tmp_path, "공문.pdf", SAMPLES["pdf"]))
    coming = service.attach("support_case", case.id, write(tmp_path, "사진.png", SAMPLES["png"]))
    assert coming.change.record is not None and here.change.record is not None
    # Its record came (in a bundle whose side-car is missing, or by sync) and its content did not.
    coming_sha = str(coming.change.record["sha256"])
    saved = tmp_path / "content"
    with service.blobs.open(coming_sha) as fh:
        saved.write_bytes(fh.read())
    service.blobs.delete(coming_sha)
    assert i18n.install("ko") == "ko"
    try:
        view.set_record(case.id)
        qtbot.waitUntil(lambda: len(_rows(view)) == 2)
        assert [r[:2] for r in _rows(view)][1] == ["사진.png", "도착 예정"]
        assert _rows(view)[0][1] != "도착 예정"
        view.tree.setCurrentItem(view.tree.topLevelItem(1))
        assert not view.open_button.isEnabled() and not view.save_button.isEnabled()
        assert view.remove_button.isEnabled()
        view.tree.setCurrentItem(view.tree.topLevelItem(0))
        assert view.open_button.isEnabled() and view.save_button.isEnabled()
        # The content arrives (a later import of the side-car): the row shows its size again.
        with saved.open("rb") as fh:
            service.blobs.put(fh, expected=coming_sha)
        view.set_record(case.id)
        qtbot.waitUntil(lambda: "도착 예정" not in [r[1] for r in _rows(view)])
    finally:
        i18n.install("en")


def test_a_tampered_side_car_is_said_in_korean(qtbot: QtBot) -> None:
    from missiondesk.domain.messages import MessageCode, say
    from missiondesk.ui.labels import said_text

    assert i18n.install("ko") == "ko"
    try:
        text = said_text(say(MessageCode.SIDECAR_TAMPERED, file="fra.files-2-of-3.zip"))
        assert text.startswith("첨부 파일 묶음 fra.files-2-of-3.zip이(가) 변경 사항 파일에 서명된 SHA-256")
    finally:
        i18n.install("en")
