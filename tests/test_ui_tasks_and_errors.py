"""The task runner (off the GUI thread, delayed progress, cancel) and how errors reach the user."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from missiondesk.errors import DiskFull
from missiondesk.services.progress import Cancelled, TaskContext
from missiondesk.ui.errors import CrashDialog, ErrorPresenter
from missiondesk.ui.tasks import PROGRESS_DELAY_MS, TaskRunner


def test_quick_work_runs_off_the_gui_thread_without_a_progress_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    gui_thread = threading.get_ident()
    task = runner.run("Counting", lambda ctx: threading.get_ident())
    with qtbot.waitSignal(task.finished) as blocker:
        pass
    assert blocker.args[0] != gui_thread
    qtbot.wait(PROGRESS_DELAY_MS + 100)  # past the delay: no dialog ever appeared for quick work
    assert runner.dialog is None and not parent.findChildren(QProgressDialog)


def test_slow_work_shows_progress_and_can_be_cancelled(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent)
    started = threading.Event()

    def slow(ctx: TaskContext) -> int:
        started.set()
        for i in range(10_000):
            ctx.progress(i, 10_000, "Importing…")
            ctx.check_cancelled()
            threading.Event().wait(0.005)  # the work itself takes time; this is not waiting for Qt
        return 1

    task = runner.run("Importing", slow)
    qtbot.waitUntil(lambda: runner.dialog is not None and runner.dialog.isVisible(), timeout=5000)
    assert runner.dialog is not None
    qtbot.waitUntil(lambda: runner.dialog is not None and runner.dialog.value() > 0)
    cancel = runner.dialog.findChild(QPushButton)
    with qtbot.waitSignal(task.failed) as blocker:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], Cancelled)
    assert runner.dialog is None and runner.running == []


def test_a_failing_task_reports_its_exception(qtbot: QtBot) -> None:
    runner = TaskRunner(None)

    def broken(ctx: TaskContext) -> None:
        raise DiskFull("The disk is full: nothing was saved.")

    task = runner.run("Saving", broken)
    with qtbot.waitSignal(task.failed) as blocker:
        pass
    assert isinstance(blocker.args[0], DiskFull)


def test_environment_errors_are_messages_and_bugs_are_crash_reports(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    presenter = ErrorPresenter(parent, tmp_path / "crashes")
    presenter.show(DiskFull("The disk is full: nothing was saved."))
    box = presenter.last_message
    assert isinstance(box, QMessageBox) and "disk is full" in box.text()
    assert not (tmp_path / "crashes").exists()
    try:
        {}["missing"]
    except KeyError as exc:
        presenter.show(exc)
    dialog = presenter.last_crash
    assert isinstance(dialog, CrashDialog) and not dialog.isModal() and dialog.isVisible()
    [report] = (tmp_path / "crashes").iterdir()
    assert "KeyError" in report.read_text() and "KeyError" in dialog.details.toPlainText()
    dialog.copy_details()
    assert "KeyError" in QApplication.clipboard().text()
