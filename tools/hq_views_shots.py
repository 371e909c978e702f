"""HQ's own views (missions side by side, data quality) in a real X window, Korean and English.

    eval "$(/work/shared/scripts/real-window --export)"     # any X display of 1440x900 with a window manager
    .venv/bin/python tools/hq_views_shots.py [OUT_DIR]       # default docs/screenshots

Builds the test suite's known reporting year (three missions pushed to HQ, with data-quality traps),
opens HQ's window on the X display, sets the dashboard to 2024 and shows each tab; the screen is taken
with ImageMagick's ``import`` (what the display shows, window manager and all).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.reportdata builds the data
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtWidgets import QApplication
from tests.reportdata import build
from tests.test_hq_views import add_quality_traps

from missiondesk.ui import i18n
from missiondesk.ui.dashboard import Dashboard
from missiondesk.ui.fonts import use_korean_fallback
from missiondesk.ui.hq_views import HqViews
from missiondesk.ui.main_window import PAGES, MainWindow


def settle(app: QApplication, seconds: float, until: object = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if callable(until) and until():
            return
        time.sleep(0.02)


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    use_korean_fallback(app)
    with tempfile.TemporaryDirectory() as tmp:
        year = build(Path(tmp))
        year.ids.update(add_quality_traps(year))
        for language, suffix in (("ko", ""), ("en", "-en")):
            i18n.install(language)
            window = MainWindow(year.hq)
            window.showMaximized()
            settle(app, 1.5)
            window.go("reports")
            dash = window.pages["reports"]
            assert isinstance(dash, Dashboard)
            settle(app, 10, lambda d=dash: d.report is not None)
            dash.year.setCurrentIndex(dash.year.findData(2024))
            settle(app, 2)
            window.nav.setCurrentRow([k for k, _ in PAGES].index("hq_views"))
            views = window.pages["hq_views"]
            assert isinstance(views, HqViews)
            settle(app, 10, lambda v=views, w=window: v.counted is not None and not w.ui.tasks.running)
            for tab, name in ((0, "hq-missions"), (1, "hq-data-quality")):
                views.tabs.setCurrentIndex(tab)
                settle(app, 1.0)
                path = out / f"{name}{suffix}.png"
                subprocess.run(["import", "-window", "root", str(path)], check=True)
                print(path)
            window.close()
            settle(app, 0.5)
        year.world.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")))
