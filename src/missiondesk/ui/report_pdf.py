"""The dashboard as a PDF: QPdfWriter and the same QPainter charts as the screen.

Chosen over LibreOffice converting the workbook: it needs nothing beyond the Qt the app ships with (a
mission laptop has no LibreOffice), it is fast (no office process to start), and the PDF looks like the
dashboard people saw. Headless use (``missiondesk report``) runs on Qt's offscreen platform.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from missiondesk.reports.names import FIGURE_NAMES
from missiondesk.reports.report import Report
from missiondesk.reports.rules import RULES, RULES_KO
from missiondesk.ui import i18n
from missiondesk.ui.charts import paint_chart
from missiondesk.ui.dashboard import CHARTS, TILES, bars_for
from missiondesk.ui.fonts import print_font
from missiondesk.ui.pdf_writer import a4_pdf, headless_app

INK = QColor("#1d2733")
MUTED = QColor("#5b6573")


def write_pdf(report: Report, path: Path, *, in_korean: bool = True) -> Path:
    """Write the report's dashboard to ``path``; a ``.partial`` file is renamed when complete."""
    title = f"MissionDesk report {report.tallies.period.key}"
    with a4_pdf(path, title=title, margins_mm=(12, 12, 12, 12), landscape=True) as (writer, p):
        page = QRectF(0, 0, writer.width(), writer.height())
        _first_page(p, page, report, in_korean)
        writer.newPage()
        _rules_page(p, page, report, in_korean)
    return path


def _font(size: float, bold: bool = False) -> QFont:
    # Named faces, not the bare default: with a Korean default locale (the window in Korean) Qt's own
    # fallback drew punctuation from a face whose PDF text came out wrong ("(" extracted as "+").
    return print_font(size, bold=bold)


def _first_page(p: QPainter, page: QRectF, report: Report, in_korean: bool) -> None:
    t = report.tallies
    scope_ko, scope_en = report.scope_label()
    p.setPen(INK)
    p.setFont(_font(9))
    p.drawText(
        QRectF(page.left(), page.top(), page.width(), 16),
        Qt.AlignmentFlag.AlignRight,
        f"{scope_ko} / {scope_en} · {t.period.start.isoformat()} – {t.period.last.isoformat()} · "
        f"rules {t.rules_version}" + (" · locked" if report.lock else ""),
    )
    p.setFont(_font(15, bold=True))
    head = QRectF(page.left(), page.top() + 18, page.width(), 30)
    p.drawText(head, int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap), report.headline_ko)
    p.setFont(_font(10))
    p.drawText(
        QRectF(page.left(), head.bottom() + 2, page.width(), 38),
        int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap),
        report.headline_en,
    )
    # the figures, in a row of tiles
    top = head.bottom() + 46
    per_row = 7
    w = page.width() / per_row
    for i, (name, _caption) in enumerate(TILES):
        r = QRectF(page.left() + (i % per_row) * w, top + (i // per_row) * 46, w - 6, 40)
        p.fillRect(r, QColor("#EEF2F8"))
        p.setFont(_font(13, bold=True))
        p.drawText(r.adjusted(6, 2, -6, -18), Qt.AlignmentFlag.AlignLeft, f"{int(t.figures.get(name, 0)):,}")
        ko, en = FIGURE_NAMES.get(name, (name, name))
        p.setFont(_font(7))
        p.drawText(r.adjusted(6, 22, -6, -2), Qt.AlignmentFlag.AlignLeft, ko if in_korean else en)
    # the charts, three by two
    top += 2 * 46 + 8
    cols, rows = 3, 2
    cw, ch = page.width() / cols, (page.bottom() - top) / rows
    p.setFont(_font(7.5))
    for i, (name, title, horizontal) in enumerate(CHARTS):
        rect = QRectF(page.left() + (i % cols) * cw, top + (i // cols) * ch, cw - 12, ch - 10)
        paint_chart(
            p,
            rect,
            QCoreApplication.translate("dashboard", title),
            bars_for(report, name, in_korean=in_korean),
            horizontal=horizontal,
            text=INK,
            empty_text="—",
        )


def _rules_page(p: QPainter, page: QRectF, report: Report, in_korean: bool) -> None:
    p.setPen(INK)
    p.setFont(_font(12, bold=True))
    title = f"Counting rules, version {report.rules_version}"
    p.drawText(
        QRectF(page.left(), page.top(), page.width(), 22),
        Qt.AlignmentFlag.AlignLeft,
        f"집계 규칙 / {title}" if in_korean else title,
    )
    y = page.top() + 28
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    column = QRectF(page.left() + 30, y, page.width() - 30, 200)
    for code, english in RULES:
        # In Korean, each rule's Korean text with the English (the reference) under it, smaller.
        texts = [(RULES_KO[code], 8.0, INK), (english, 6.5, MUTED)] if in_korean else [(english, 8.0, INK)]
        p.setFont(_font(8, bold=True))
        p.setPen(INK)
        p.drawText(QRectF(page.left(), y, 30, 14), Qt.AlignmentFlag.AlignLeft, code)
        for text, size, color in texts:
            p.setFont(_font(size))
            p.setPen(color)
            bounds = p.boundingRect(column.translated(0, y - column.top()), flags, text)
            p.drawText(QRectF(page.left() + 30, y, page.width() - 30, bounds.height()), flags, text)
            y += bounds.height() + 1
        y += 3
    p.setPen(INK)
    if report.amendments:
        y += 8
        p.setFont(_font(10, bold=True))
        p.drawText(
            QRectF(page.left(), y, page.width(), 18),
            Qt.AlignmentFlag.AlignLeft,
            "Amendments to locked figures (published → now)",
        )
        y += 20
        p.setFont(_font(8))
        for a in report.amendments[:40]:
            p.drawText(
                QRectF(page.left(), y, page.width(), 14),
                Qt.AlignmentFlag.AlignLeft,
                f"{a.period.key}  {a.figure}: {a.published:,} → {a.now:,} ({a.difference:+,})",
            )
            y += 14


def render_headless(report: Report, path: Path, *, language: str = "ko") -> Path:
    """For the CLI: a Qt application without a window if none runs, the language's catalogue (the
    charts' titles are translated as on the screen), then ``write_pdf``."""
    headless_app()
    with i18n.speaking(language) as chosen:
        return write_pdf(report, path, in_korean=chosen == "ko")
