"""Start the desktop app: one QApplication, the context, the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from missiondesk import APP_NAME, __version__
from missiondesk.errors import MissionDeskError, NotInitialised
from missiondesk.services.context import AppContext, open_context
from missiondesk.ui.main_window import MainWindow


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="missiondesk")
    parser.add_argument("--data-dir", metavar="DIR")
    args, qt_args = parser.parse_known_args(list(argv))
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    ctx: AppContext | None = None
    problem = ""
    try:
        ctx = open_context(args.data_dir)
    except NotInitialised as exc:
        problem = str(exc)
    except MissionDeskError as exc:
        problem = str(exc)
    window = MainWindow(ctx, problem)
    window.show()
    code = app.exec()
    if ctx is not None:
        ctx.close()
    return int(code)
