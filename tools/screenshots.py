"""Screenshots of the main screens with Korean practice data, taken offscreen: docs/screenshots/*.png.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from missiondesk.services.demo import generate_demo
from missiondesk.services.setup import init_mission
from missiondesk.ui import theme
from missiondesk.ui.main_window import MainWindow

SHOTS = (
    ("cases", "support_case"),
    ("briefs", "market_brief"),
    ("meetings", "council_meeting"),
    ("companies", "company"),
    ("proposals", "proposal"),
    ("tasks", "task"),
    ("trash", "trash"),
)


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = init_mission(Path(tmp) / "laptop", "DE-FRA", "김영희")
        generate_demo(ctx, cases=400)
        window = MainWindow(ctx)
        theme.apply(app, "light")
        window.resize(1440, 900)
        window.show()
        for name, key in SHOTS:
            page = window.go(key)
            table = getattr(page, "table", None)
            if table is not None and table.model().rowCount() > 0 and key != "trash":
                table.selectRow(0)
            app.processEvents()
            path = out / f"{name}.png"
            window.grab().save(str(path))
            print(path)
        theme.apply(app, "dark")
        window.go("support_case")
        app.processEvents()
        window.grab().save(str(out / "cases-dark.png"))
        print(out / "cases-dark.png")
        window.close()
        window.deleteLater()
        app.processEvents()
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(
        main(
            Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "docs" / "screenshots"
        )
    )
