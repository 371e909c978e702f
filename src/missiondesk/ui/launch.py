"""Start the desktop app: one QApplication, the main window, the context.

The window's frame (navigation, status bar, "Opening the database…") is shown first, before
SQLAlchemy and the services are even imported: a worker thread imports them and opens the
database, and the frame is filled in when it is done. Only a first run (no data folder yet) asks
its questions before any window.

``--exit-when-ready`` opens the window, waits until it is shown with the case list and the event
loop is idle, prints how long that took and exits 0 (non-zero with the reason when start-up
failed): the smoke check and the start-up benchmark use it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from missiondesk import APP_NAME, __version__, paths
from missiondesk.errors import MissionDeskError, NotInitialised
from missiondesk.ui import i18n, theme
from missiondesk.ui.errors import ErrorPresenter
from missiondesk.ui.fonts import use_korean_fallback
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.window_state import WindowState

if TYPE_CHECKING:
    from missiondesk.services.context import AppContext

ICON = Path(__file__).parent / "assets" / "missiondesk.svg"
STARTED = time.perf_counter()  # as early as this module is imported: close to process start
OPEN_POLL_MS = 10


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="missiondesk")
    parser.add_argument("--data-dir", metavar="DIR")
    parser.add_argument(
        "--exit-when-ready", action="store_true", help="open the window, then exit (smoke check)"
    )
    args, qt_args = parser.parse_known_args(list(argv))
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    use_korean_fallback(app)
    app.setWindowIcon(QIcon(str(ICON)))
    app.setDesktopFileName("missiondesk")  # Linux: the launcher entry the windows belong to
    where = paths.resolve(args.data_dir)
    state = WindowState(where.root)
    i18n.install(state.value("view/language", "system"))
    theme.apply(app, state.value("view/theme", "system"))
    presenter = ErrorPresenter(None, where.crash_reports)
    presenter.install_hook()
    openings: list[Opening] = []
    if where.database.exists() or where.config.exists():
        window = MainWindow(None, opening=where)
        presenter.parent = window
        window.show()

        def open_when_idle(passphrase: str | None = None) -> None:  # the frame is painted, the loop idle
            shown = time.perf_counter()
            openings.append(
                Opening(
                    args.data_dir,
                    lambda got: finish_opening(app, window, got, args, shown, open_when_idle),
                    passphrase,
                )
            )

        QTimer.singleShot(0, open_when_idle)
    else:
        first = _first_run(args)
        if first is None:
            return 1 if args.exit_when_ready else 0  # a problem its message explains, as the CLI's 1
        window = MainWindow(first)
        presenter.parent = window
        window.show()
        if first.notice:  # the database key went to the fallback file: say so, as for the sync credential
            window.ui.errors.message(first.notice)
        if args.exit_when_ready:
            QTimer.singleShot(0, lambda: _report_ready(app, window, None))
    code = app.exec()
    sys.excepthook = sys.__excepthook__
    ctx = window.ctx
    for opening in openings:  # the window may have closed before the database was open
        ctx = opening.wait() if ctx is None else ctx
    window.deleteLater()  # Qt objects go before the interpreter tears down (else shutdown can crash)
    app.processEvents()
    if ctx is not None:
        ctx.close()
    return int(code)


def _first_run(args: argparse.Namespace) -> AppContext | None:
    """No data folder yet: choose the mission and officer (and demo data) before any main window."""
    if args.exit_when_ready:
        print(f"{APP_NAME}: the data folder is not set up yet", file=sys.stderr)
        return None
    from missiondesk.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(args.data_dir)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.context is None:
        return None
    return dialog.context


class Opening:
    """The database layer imported and the context opened on a worker thread, while the GUI thread
    paints the frame. ``done`` gets the context or the exception, on the GUI thread."""

    def __init__(
        self, data_dir: str | None, done: Callable[[Any], None], passphrase: str | None = None
    ) -> None:
        self.outcome: list[Any] = []
        self.worker = threading.Thread(
            target=self._work, args=(data_dir, passphrase), name="missiondesk-open", daemon=True
        )
        self.timer = QTimer()
        self.timer.setInterval(OPEN_POLL_MS)
        self.timer.timeout.connect(lambda: self._poll(done))
        self.worker.start()
        self.timer.start()

    def _work(self, data_dir: str | None, passphrase: str | None) -> None:
        try:
            from missiondesk.services.context import open_context

            self.outcome.append(open_context(data_dir, passphrase=passphrase))
        except BaseException as exc:  # handed to the GUI thread, which shows it
            self.outcome.append(exc)

    def _poll(self, done: Callable[[Any], None]) -> None:
        if self.worker.is_alive():
            return
        self.timer.stop()
        done(self.outcome[0])

    def wait(self) -> AppContext | None:
        """After the window closed: let an open (or a migration) under way finish; its context, if any."""
        self.worker.join()
        opened = self.outcome[0] if self.outcome else None
        return None if isinstance(opened, BaseException) else opened


def finish_opening(
    app: QApplication,
    window: MainWindow,
    result: Any,
    args: argparse.Namespace,
    shown: float,
    retry: Callable[[str], None] | None = None,
) -> None:
    """Fill the frame in with the opened context, or say in it why the database could not be opened.

    Portable data asks for its passphrase and ``retry`` opens again with it (a wrong one changed nothing).
    """
    if retry is not None and not args.exit_when_ready and _asks_passphrase(window, result, args, retry):
        return
    if isinstance(result, NotInitialised) and not args.exit_when_ready:
        window.hide()
        first = _first_run(args)
        if first is None:
            app.exit(0)
            return
        result = first
        window.show()
    if isinstance(result, BaseException):
        problem = (
            str(result) if isinstance(result, MissionDeskError) else f"{type(result).__name__}: {result}"
        )
        if args.exit_when_ready:
            print(f"{APP_NAME}: {problem}", file=sys.stderr)
            app.exit(1)  # not set up, or a database that cannot be opened: the line above says which
            return
        window.show_problem(problem)
        if not isinstance(result, MissionDeskError):
            raise result  # a bug, not the environment: the exception hook writes the crash report
        return
    window.attach(result)
    window.ui.errors.install_hook()
    if result.notice and not args.exit_when_ready:  # a key made now (a folder encrypted on this open)
        window.ui.errors.message(result.notice)
    if args.exit_when_ready:
        QTimer.singleShot(0, lambda: _report_ready(app, window, shown))


def _asks_passphrase(
    window: MainWindow, result: Any, args: argparse.Namespace, retry: Callable[[str], None]
) -> bool:
    """True when ``result`` is a missing or wrong passphrase and the question was asked (or declined)."""
    if not isinstance(result, MissionDeskError):
        return False
    from missiondesk.services.database_key import PassphraseNeeded, WrongPassphrase, is_protected
    from missiondesk.ui import prompts

    if not isinstance(result, PassphraseNeeded | WrongPassphrase):
        return False
    typed = prompts.passphrase(
        window, new=not is_protected(paths.resolve(args.data_dir)), wrong=isinstance(result, WrongPassphrase)
    )
    if typed is None:
        window.close()
    else:
        retry(typed)
    return True


def resident_mb() -> float:
    """Resident memory now: the working set on Windows, /proc on Linux, else the peak so far."""
    if sys.platform == "win32":
        return _windows_working_set() / 2**20
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource  # POSIX only: macOS and the BSDs land here

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _windows_working_set() -> int:
    """Bytes in this process's working set (GetProcessMemoryInfo), 0 if Windows will not say."""
    if sys.platform != "win32":
        return 0
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    kernel32 = ctypes.WinDLL("kernel32")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    get_info = kernel32.K32GetProcessMemoryInfo
    get_info.argtypes = [wintypes.HANDLE, ctypes.POINTER(Counters), wintypes.DWORD]
    get_info.restype = wintypes.BOOL
    if not get_info(kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb):
        return 0
    return int(counters.WorkingSetSize)


def _report_ready(app: QApplication, window: MainWindow, shown: float | None) -> None:
    if not window.isVisible() or window.ctx is None:
        print(f"{APP_NAME}: the main window did not open", file=sys.stderr)
        app.exit(3)
        return
    frame = f", window shown at {(shown - STARTED) * 1000:.0f} ms" if shown is not None else ""
    code = 0
    try:
        print(
            f"ready in {(time.perf_counter() - STARTED) * 1000:.0f} ms{frame}, "
            f"resident memory {resident_mb():.0f} MB"
        )
    except Exception as exc:  # a smoke check that cannot report must still end, and say why
        print(f"{APP_NAME}: the window opened but its figures failed: {exc!r}", file=sys.stderr)
        code = 70
    finally:
        window.close()
        app.exit(code)
