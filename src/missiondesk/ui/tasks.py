"""The one task runner: long work off the GUI thread, with delayed progress and cancel.

A service takes a Qt-free ``TaskContext`` (``progress``, ``check_cancelled``).
The work runs on a plain Python worker thread and touches no Qt object: it
only records its latest progress and its outcome under a lock. The GUI thread
samples that on a timer and emits the signals itself. (Emitting Qt signals
from worker threads at a high rate crashed PySide6 6.12 at interpreter exit;
sampling also keeps a chatty service from flooding the event queue.)

The progress dialog appears only when the work takes longer than
``PROGRESS_DELAY_MS`` (Anki waits 600 ms; quick work should not flash a dialog).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from missiondesk.services.progress import Cancelled

PROGRESS_DELAY_MS = 500
POLL_MS = 30


class _Progress:
    """What the service sees: progress is recorded, cancel is read; both thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latest: tuple[int, int, str] | None = None
        self.cancel_requested = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        with self.lock:
            self.latest = (done, total, text)

    def check_cancelled(self) -> None:
        if self.cancel_requested.is_set():
            raise Cancelled("Cancelled: nothing was changed.")

    def take(self) -> tuple[int, int, str] | None:
        with self.lock:
            latest, self.latest = self.latest, None
        return latest


class Task(QObject):
    """A running piece of work. ``finished`` carries the result, ``failed`` the exception."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(
        self, title: str, future: Future[Any], context: _Progress, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.future = future
        self.context = context
        self.done = False
        self.elapsed = QElapsedTimer()
        self.elapsed.start()

    def cancel(self) -> None:
        self.context.cancel_requested.set()

    @property
    def cancelled(self) -> bool:
        return self.context.cancel_requested.is_set()

    def poll(self) -> bool:
        """On the GUI thread: pass on progress and the outcome. True once the task is over."""
        latest = self.context.take()
        if latest is not None:
            self.progressed.emit(*latest)
        if self.done or not self.future.done():
            return self.done
        self.done = True
        exc = self.future.exception()
        if exc is not None:
            self.failed.emit(exc)
        else:
            self.finished.emit(self.future.result())
        return True


class TaskRunner(QObject):
    """Starts tasks on worker threads and shows their progress over ``window`` when they take a while."""

    busy_changed = Signal(bool)

    def __init__(self, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="missiondesk-task")
        self.running: list[Task] = []
        self.dialog: QProgressDialog | None = None
        self._shown_for: Task | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.destroyed.connect(lambda: self.executor.shutdown(wait=False, cancel_futures=True))

    def run(
        self,
        title: str,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        show_progress: bool = True,
    ) -> Task:
        context = _Progress()
        task = Task(title, self.executor.submit(fn, context), context, self)
        task.setProperty("show_progress", show_progress)
        if on_done is not None:
            task.finished.connect(on_done)
        if on_error is not None:
            task.failed.connect(on_error)
        self.running.append(task)
        if len(self.running) == 1:
            self.busy_changed.emit(True)
        self.timer.start()
        return task

    def _poll(self) -> None:
        for task in list(self.running):
            if task.poll():
                self._forget(task)
            elif (
                task.property("show_progress")
                and self.dialog is None
                and task.elapsed.elapsed() >= PROGRESS_DELAY_MS
            ):
                self._show_progress(task)
        if not self.running:
            self.timer.stop()

    def _show_progress(self, task: Task) -> None:
        dialog = QProgressDialog(task.title, self.tr("Cancel"), 0, 0, self.window)
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(task.cancel)
        task.progressed.connect(self._update)
        self.dialog = dialog
        self._shown_for = task
        dialog.show()

    def _update(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _forget(self, task: Task) -> None:
        self.running.remove(task)
        if task is self._shown_for and self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
            self._shown_for = None
        if not self.running:
            self.busy_changed.emit(False)
        task.deleteLater()

    def cancel_all(self) -> None:
        for task in self.running:
            task.cancel()

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until running work ends (for shutdown: no write may be cut off by exit)."""
        for task in list(self.running):
            try:
                task.future.exception(timeout=timeout)
            except TimeoutError:
                return False
        return True
