"""The conflict review dialog, driven as a reviewer would."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from missiondesk.services.conflicts import ConflictService
from missiondesk.services.records import RecordService
from missiondesk.sync.loop import SyncLoop, Trigger
from missiondesk.ui.conflict_dialog import ConflictDialog
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.ui_context import UiContext
from tests.syncsim import World

LONG = "현지 주정부와 협의한 내용. " * 80


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def _two_conflicts(world: World) -> str:
    a, b = world.laptop("a", slot=1), world.laptop("b", slot=2)
    case_id = (
        RecordService(a).create("support_case", {"title": "원래 제목", "summary": "원래 요약"}).record_id
    )
    world.sync(a)
    world.pull(b)
    RecordService(a).update("support_case", case_id, {"title": "A의 제목", "summary": LONG})
    RecordService(b).update("support_case", case_id, {"title": "B의 제목", "summary": "B의 짧은 요약"})
    world.push(a)
    world.push(b)
    world.pull(a)
    return case_id


def test_the_dialog_shows_both_sides_in_full_and_takes_a_decision(qtbot: QtBot, world: World) -> None:
    case_id = _two_conflicts(world)
    a = world.laptops["a"]
    dialog = ConflictDialog(UiContext.create(a, None))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.list.count() == 2
    summary_row = next(i for i in range(dialog.list.count()) if "Summary" in dialog.list.item(i).text())
    dialog.list.setCurrentRow(summary_row)
    assert dialog.theirs.toPlainText() == LONG.strip()  # long text in full
    assert dialog.ours.toPlainText() == "B의 짧은 요약"
    assert dialog.base.toPlainText() == "원래 요약"
    with qtbot.waitSignal(dialog.ui.changes.changed):
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    assert RecordService(a).get("support_case", case_id)["summary"] == "B의 짧은 요약"
    dialog.merged.setPlainText("A와 B가 합의한 제목")
    with qtbot.waitSignal(dialog.ui.changes.changed):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 0)
    assert RecordService(a).get("support_case", case_id)["title"] == "A와 B가 합의한 제목"
    assert not dialog.keep_button.isEnabled()


def test_a_refused_decision_is_explained_in_the_dialog(qtbot: QtBot, world: World) -> None:
    _two_conflicts(world)
    dialog = ConflictDialog(UiContext.create(world.hq, None))  # HQ cannot rewrite a mission's case
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert "review fields" in dialog.message.text()
    assert dialog.list.count() == 2
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    assert len(ConflictService(world.hq).open_conflicts()) == 1


def test_the_main_window_opens_the_review_and_counts_conflicts(qtbot: QtBot, world: World) -> None:
    _two_conflicts(world)
    window = MainWindow(world.laptops["a"])
    qtbot.addWidget(window)
    # The status bar counts a moment after the first page (start-up defers them past ``ready``).
    qtbot.waitUntil(lambda: window.status.conflicts.text() == "Conflicts to review: 2", timeout=30_000)
    window.review_action.trigger()
    assert window.conflict_dialog is not None
    qtbot.waitExposed(window.conflict_dialog)
    qtbot.mouseClick(window.conflict_dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.status.conflicts.text() == "Conflicts to review: 1")


def test_a_decision_in_the_dialog_updates_the_open_list_and_detail_and_starts_a_sync(
    qtbot: QtBot, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _two_conflicts(world)
    a = world.laptops["a"]
    window = MainWindow(a)
    qtbot.addWidget(window)
    window.show()
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    page.select_row(0)
    editor = page.detail.editor
    assert editor.heading.text().endswith("A의 제목") and "has a conflict to review" in editor.status.text()
    title = next(i for i, c in enumerate(page.model.columns) if c.key == "title")
    # The laptop synced a moment ago: by the clock alone, the next sync is five minutes away.
    now = [1000.0]
    loop = window.sync.loop = SyncLoop(clock=lambda: now[0])
    loop.started()
    loop.finished(True)
    resets: list[object] = []
    page.model.modelReset.connect(lambda: resets.append(1))

    dialog = window.open_conflicts()
    qtbot.waitExposed(dialog)
    rows = {dialog.list.item(i).text(): i for i in range(dialog.list.count())}
    dialog.list.setCurrentRow(next(i for text, i in rows.items() if "Title" in text))
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)  # B's title
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    # The open list and the detail pane show the decision at once, the list without a reset.
    assert page.model.index(0, title).data() == "B의 제목"
    assert editor.heading.text().endswith("B의 제목") and "has a conflict to review" in editor.status.text()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)  # HQ's summary: the record stays
    qtbot.waitUntil(lambda: dialog.list.count() == 0)
    assert "has a conflict to review" not in editor.status.text()  # decided here, before HQ hears of it
    assert RecordService(a).get("support_case", case_id).conflict_state != "none"  # HQ's word, not yet back
    assert resets == [] and page.shown_record is not None and page.shown_record.id == case_id
    assert not window.status.conflicts.isVisible()  # nothing left to review

    # The decision is an edit like any other: a sync starts after the edit delay, not the timer.
    started: list[Trigger] = []
    enrolled = dataclasses.replace(window.sync.status(), enrolled=True)
    monkeypatch.setattr(window.sync.service, "status", lambda: enrolled)
    monkeypatch.setattr(window.sync, "run", lambda reason, **_kw: started.append(reason))
    now[0] += loop.edit_delay
    window.sync.tick()
    assert started == [Trigger.EDIT]


def test_the_dialog_names_the_record_and_field_in_korean_and_says_a_refusal_in_korean(
    qtbot: QtBot, world: World
) -> None:
    from missiondesk.ui import i18n

    _two_conflicts(world)
    assert i18n.install("ko") == "ko"
    try:
        dialog = ConflictDialog(UiContext.create(world.hq, None))
        qtbot.addWidget(dialog)
        dialog.open()
        rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert all("현장 지원 사례" in row for row in rows), rows
        assert any("· 개요 ·" in row for row in rows) and any("· 제목 ·" in row for row in rows), rows
        assert not any("Support case" in row or "Summary" in row or "Title" in row for row in rows)
        assert dialog.heading.text().startswith("현장 지원 사례")
        qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)  # HQ: not a review field
        assert "본부는" in dialog.message.text() and "review fields" not in dialog.message.text()
    finally:
        i18n.install("en")
