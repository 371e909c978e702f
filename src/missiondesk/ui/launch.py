"""Start the desktop app: one QApplication, the context, the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QDialog

from missiondesk import APP_NAME, __version__
from missiondesk.errors import MissionDeskError, NotInitialised
from missiondesk.services.context import AppContext, open_context
from missiondesk.ui.first_run import FirstRunDialog
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
    except NotInitialised:
        first_run = FirstRunDialog(args.data_dir)
        if first_run.exec() != QDialog.DialogCode.Accepted or first_run.context is None:
            return 0
        ctx = first_run.context
    except MissionDeskError as exc:
        problem = str(exc)
    window = MainWindow(ctx, problem)
    window.show()
    code = app.exec()
    if ctx is not None:
        ctx.close()
    return int(code)
