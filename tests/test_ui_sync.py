"""Sync from the window: enrolment (a wrong code, an unreachable server), the status-bar states."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.server import auth
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.sync_ui import SyncPage
from tests.syncserver import ServerProcess, free_port

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("ui-sync-server")
    proc = ServerProcess(f"sqlite:///{root / 'hq.sqlite3'}", root)
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def window(qtbot: QtBot, mission: AppContext) -> Iterator[MainWindow]:
    w = MainWindow(mission)
    w.sync.service = SyncService(mission, keyring=False)  # this machine has no keyring
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def enrol(qtbot: QtBot, window: MainWindow, url: str, code: str) -> str:
    """Try to enrol; the dialog stays open with the reason when it fails."""
    dialog = window.open_enrolment()
    dialog.server.setText(url)
    dialog.code.setText(code)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20_000)
    assert dialog.isVisible()
    return dialog.message.text()


def test_enrolment_refuses_a_wrong_code_and_an_unreachable_server(
    qtbot: QtBot, window: MainWindow, server: ServerProcess
) -> None:
    assert window.status.sync.text().endswith("Offline")
    dialog = window.open_enrolment()
    dialog.server.setText("sync.example")
    dialog.buttons.accepted.emit()
    assert "address" in dialog.message.text()
    wrong = enrol(qtbot, window, server.url, "NOPE-NOPE-NOPE")
    assert "code" in wrong.lower()
    dead = enrol(qtbot, window, f"http://127.0.0.1:{free_port()}", server.code("DE-FRA"))
    assert "reach" in dead.lower() or "offline" in dead.lower() or "connect" in dead.lower()
    assert not window.sync.status().enrolled
    assert window.status.sync.text().endswith("Offline")


def test_an_enrolled_laptop_syncs_and_the_status_bar_follows(
    qtbot: QtBot, window: MainWindow, mission: AppContext, server: ServerProcess
) -> None:
    dialog = window.open_enrolment()
    dialog.server.setText(server.url)
    dialog.code.setText(server.code("DE-FRA"))
    with qtbot.waitSignal(window.sync.synced, timeout=30_000):
        dialog.buttons.accepted.emit()  # enrolled, then a first sync at once
    assert window.sync.status().enrolled
    assert "Synced at" in window.status.sync.text()
    assert window.status.unsent.text() == "All changes sent"

    RecordService(mission).create("support_case", {"title": "동기화 확인"})
    window.refresh_counts()
    assert window.status.unsent.text() == "Unsent changes: 1"
    with qtbot.waitSignal(window.sync.synced, timeout=30_000) as blocker:
        window.actions_["sync_now"].trigger()
    assert blocker.args[0].sent == 1
    assert window.status.unsent.text() == "All changes sent"
    page = window.go("sync")
    assert isinstance(page, SyncPage)
    assert "sent 1" in page.log.toPlainText()

    # The server goes away: the next sync fails, the indicator says so and the edit stays unsent.
    server.stop()
    try:
        RecordService(mission).create("support_case", {"title": "서버 없음"})
        with qtbot.waitSignal(window.sync.failed, timeout=60_000):
            window.sync.sync_now()
        assert "failed" in window.status.sync.text().lower()
        assert window.sync.status().unsent == 1
    finally:
        server.start()


def test_a_revoked_laptop_is_offered_to_enrol_again_and_then_sends_what_it_kept(
    qtbot: QtBot, server: ServerProcess, tmp_path: Path
) -> None:
    laptop = init_mission(tmp_path / "hamburg", "DE-HAM", "박서준")  # a mission of its own on this server
    window = MainWindow(laptop)
    window.sync.service = SyncService(laptop, keyring=False)
    qtbot.addWidget(window)
    window.show()
    try:
        dialog = window.open_enrolment()
        dialog.server.setText(server.url)
        dialog.code.setText(server.code("DE-HAM"))
        with qtbot.waitSignal(window.sync.synced, timeout=30_000):
            dialog.buttons.accepted.emit()
        page = window.go("sync")
        assert isinstance(page, SyncPage)
        assert not page.enrol_button.isVisible() and window.sync.status().unsent == 0
        with server.store() as store:
            auth.revoke(store, laptop.device.device_id)
        RecordService(laptop).create("support_case", {"title": "회수 중에 만든 사례"})
        with qtbot.waitSignal(window.sync.failed, timeout=30_000):
            window.sync.sync_now()
        qtbot.waitUntil(lambda: page.enrol_button.isVisible(), timeout=10_000)
        assert page.enrol_button.text() == "Enrol again with a new code…"
        assert "HQ no longer accepts this laptop" in page.facts.text() and "revoked" in page.facts.text()
        assert window.status.sync.text() == "! HQ does not accept this laptop"

        again = page.open_enrolment()
        assert again.server.text() == server.url  # only the new code is typed
        again.code.setText(server.code("DE-HAM"))
        with qtbot.waitSignal(window.sync.synced, timeout=30_000) as blocker:
            again.buttons.accepted.emit()
        assert blocker.args[0].sent == 1 and window.sync.status().unsent == 0
        qtbot.waitUntil(lambda: not page.enrol_button.isVisible(), timeout=10_000)
    finally:
        window.close()
        laptop.close()


def test_the_sync_page_offers_enrolment_until_the_laptop_is_enrolled(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = window.go("sync")
    assert isinstance(page, SyncPage)
    assert page.enrol_button.isVisible() and not page.sync_button.isEnabled()
    assert "not connected" in page.facts.text()


def test_the_background_sync_is_prepared_off_the_window_and_starts_a_moment_after_it(
    qtbot: QtBot, mission: AppContext
) -> None:
    w = MainWindow(mission)
    qtbot.addWidget(w)
    w.show()
    assert w._sync is None  # nothing of the HTTP stack at start-up
    qtbot.waitUntil(lambda: w._sync is not None and w._sync.timer.isActive(), timeout=10_000)
    assert w.status.sync.text().endswith("Offline")
    w.close()
    assert not w._sync.timer.isActive()


def test_a_window_closed_before_its_sync_is_prepared_never_starts_one(
    qtbot: QtBot, mission: AppContext
) -> None:
    w = MainWindow(mission)
    qtbot.addWidget(w)
    w.show()
    w.close()
    w.start_sync()  # what the start-up timer would do now
    qtbot.waitUntil(lambda: not w.ui.tasks.running, timeout=10_000)
    assert w._sync is None or not w._sync.timer.isActive()
