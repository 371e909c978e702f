"""Start the desktop app: one QApplication, the context, the main window.

``--exit-when-ready`` opens the window, waits until it is shown and the event
loop is idle, prints how long that took and exits 0 (non-zero with the reason
when start-up failed): the smoke check and the start-up benchmark use it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from missiondesk import APP_NAME, __version__, paths
from missiondesk.errors import MissionDeskError, NotInitialised
from missiondesk.services.context import AppContext, open_context
from missiondesk.ui import i18n, theme
from missiondesk.ui.errors import ErrorPresenter
from missiondesk.ui.first_run import FirstRunDialog
from missiondesk.ui.fonts import use_korean_fallback
from missiondesk.ui.main_window import MainWindow
from missiondesk.ui.window_state import WindowState

ICON = Path(__file__).parent / "assets" / "missiondesk.svg"
STARTED = time.perf_counter()  # as early as this module is imported: close to process start


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
    ctx: AppContext | None = None
    problem = ""
    i18n.install(WindowState(paths.resolve(args.data_dir).root).value("view/language", "system"))
    try:
        ctx = open_context(args.data_dir)
    except NotInitialised:
        if args.exit_when_ready:
            print(f"{APP_NAME}: the data folder is not set up yet", file=sys.stderr)
            return 2
        first_run = FirstRunDialog(args.data_dir)
        if first_run.exec() != QDialog.DialogCode.Accepted or first_run.context is None:
            return 0
        ctx = first_run.context
    except MissionDeskError as exc:
        problem = str(exc)
        if args.exit_when_ready:
            print(f"{APP_NAME}: {problem}", file=sys.stderr)
            return 1
    window = MainWindow(ctx, problem)
    theme.apply(app, getattr(window, "theme_name", "system"))
    crash_folder = ctx.paths.crash_reports if ctx is not None else paths.resolve(args.data_dir).crash_reports
    presenter = window.ui.errors if ctx is not None else ErrorPresenter(window, crash_folder)
    presenter.install_hook()
    window.show()
    if args.exit_when_ready:
        QTimer.singleShot(0, lambda: _report_ready(app, window))
    code = app.exec()
    sys.excepthook = sys.__excepthook__
    window.deleteLater()  # Qt objects go before the interpreter tears down (else shutdown can crash)
    app.processEvents()
    if ctx is not None:
        ctx.close()
    return int(code)


def resident_mb() -> float:
    """Resident memory now (Linux), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report_ready(app: QApplication, window: MainWindow) -> None:
    if not window.isVisible():
        print(f"{APP_NAME}: the main window did not open", file=sys.stderr)
        app.exit(3)
        return
    print(f"ready in {(time.perf_counter() - STARTED) * 1000:.0f} ms, resident memory {resident_mb():.0f} MB")
    window.close()
    app.exit(0)
