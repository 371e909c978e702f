"""Render the app icon (an SVG shipped in the package) to the PNG and ICO files installers need.

.venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "src" / "missiondesk" / "ui" / "assets" / "missiondesk.svg"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert app is not None
    (ROOT / "packaging" / "linux").mkdir(parents=True, exist_ok=True)
    (ROOT / "packaging" / "windows").mkdir(parents=True, exist_ok=True)
    render(256).save(str(ROOT / "packaging" / "linux" / "missiondesk.png"))
    if not render(256).save(str(ROOT / "packaging" / "windows" / "missiondesk.ico")):
        print("this Qt cannot write .ico; the Windows build uses the default icon", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
