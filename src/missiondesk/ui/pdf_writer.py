"""The one way MissionDesk writes a PDF: QPdfWriter on A4 at screen resolution, whole or not at all.

The report, the case summary and the documents each draw their own pages; this module owns what they
share: a ``.partial`` file renamed over the target only when the painter has finished (a failed or
stopped write leaves no half PDF under the real name), the page layout, and, for the CLI, a Qt
application without a window.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

DPI = 96  # drawing units are screen pixels, so a page's sizes read as the dashboard's
Orientation = QPageLayout.Orientation


@contextmanager
def a4_pdf(
    path: Path, *, title: str, margins_mm: tuple[float, float, float, float], landscape: bool = False
) -> Iterator[tuple[QPdfWriter, QPainter]]:
    """A writer and its painter on A4 (``margins_mm``: left, top, right, bottom); ``path`` is written
    when the block ends without an error."""
    partial = path.with_name(path.name + ".partial")
    try:
        writer = QPdfWriter(str(partial))
        writer.setResolution(DPI)
        writer.setTitle(title)
        writer.setCreator("MissionDesk")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                Orientation.Landscape if landscape else Orientation.Portrait,
                QMarginsF(*margins_mm),
                QPageLayout.Unit.Millimeter,
            )
        )
        painter = QPainter(writer)
        try:
            yield writer, painter
        finally:
            painter.end()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def headless_app() -> QGuiApplication:
    """For the CLI: the running Qt application, or one without a window."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    # No display needed on Linux; on Windows the offscreen plugin finds no fonts, and Qt's own
    # platform works without showing a window.
    os.environ.setdefault("QT_QPA_PLATFORM", "windows" if sys.platform == "win32" else "offscreen")
    return QGuiApplication(["missiondesk"])
