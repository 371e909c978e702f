"""A small bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

``paint_chart`` draws into any painter (the widget, the PDF), so the screen and the printed report look
alike. The widget shows a tooltip over a bar and emits ``clicked(key)`` when a bar is clicked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BAR_COLOUR = QColor("#2F6DB5")
HOVER_COLOUR = QColor("#E08A1E")
ROW_HEIGHT = 22.0


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: int
    tooltip: str = ""


def paint_chart(
    p: QPainter,
    rect: QRectF,
    title: str,
    bars: Sequence[Bar],
    *,
    horizontal: bool,
    text: QColor,
    hover: int = -1,
    empty_text: str = "",
) -> list[QRectF]:
    """Draw the chart in ``rect``; returns each bar's rectangle (for hit tests)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fm = QFontMetricsF(p.font())
    line = fm.height()
    plain = QFont(p.font())
    bold = QFont(plain)
    bold.setBold(True)
    p.setFont(bold)
    p.setPen(text)
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), line + 4), Qt.AlignmentFlag.AlignLeft, title)
    p.setFont(plain)
    area = QRectF(rect.left(), rect.top() + line + 8, rect.width(), rect.height() - line - 8)
    rects: list[QRectF] = []
    top = max((b.value for b in bars), default=0)
    if not bars or top <= 0:
        p.setPen(QColor(text.red(), text.green(), text.blue(), 140))
        p.drawText(area, Qt.AlignmentFlag.AlignCenter, empty_text)
        p.restore()
        return rects
    if horizontal:
        label_w = min(area.width() * 0.42, max(fm.horizontalAdvance(b.label) for b in bars) + 8)
        value_w = fm.horizontalAdvance(f"{top:,}") + 8
        row = min(ROW_HEIGHT * 1.3, area.height() / len(bars))
        bar_room = max(1.0, area.width() - label_w - value_w)
        for i, b in enumerate(bars):
            y = area.top() + i * row
            label_rect = QRectF(area.left(), y, label_w - 6, row)
            p.setPen(text)
            p.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                fm.elidedText(b.label, Qt.TextElideMode.ElideRight, label_w - 6),
            )
            w = bar_room * b.value / top
            bar = QRectF(area.left() + label_w, y + row * 0.15, max(w, 1.0), row * 0.7)
            p.fillRect(bar, HOVER_COLOUR if i == hover else BAR_COLOUR)
            p.drawText(
                QRectF(bar.right() + 4, y, value_w, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{b.value:,}",
            )
            rects.append(QRectF(area.left(), y, area.width(), row))
    else:
        base = area.bottom() - line - 2
        height = max(1.0, base - area.top() - line)
        slot = area.width() / len(bars)
        every = max(1, int((fm.horizontalAdvance("0000-00") + 6) // max(slot, 1.0)) + 1)
        for i, b in enumerate(bars):
            x = area.left() + i * slot
            h = height * b.value / top
            bar = QRectF(x + slot * 0.15, base - h, slot * 0.7, max(h, 0.5))
            p.fillRect(bar, HOVER_COLOUR if i == hover else BAR_COLOUR)
            p.setPen(text)
            if b.value:
                p.drawText(
                    QRectF(x, base - h - line, slot, line), Qt.AlignmentFlag.AlignCenter, f"{b.value:,}"
                )
            if i % every == 0:
                p.drawText(
                    QRectF(x - slot, base + 2, slot * 3, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    b.label,
                )
            rects.append(QRectF(x, area.top(), slot, base - area.top()))
        p.setPen(QColor(text.red(), text.green(), text.blue(), 90))
        p.drawLine(QPointF(area.left(), base), QPointF(area.right(), base))
    p.restore()
    return rects


class BarChart(QWidget):
    """``clicked`` carries the key of the bar clicked."""

    clicked = Signal(str)

    def __init__(self, title: str, *, horizontal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.horizontal = horizontal
        self.bars: tuple[Bar, ...] = ()
        self.rects: list[QRectF] = []
        self.hover = -1
        self.clickable = True
        self.empty_text = self.tr("Nothing in this period")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 180)

    def set_bars(self, bars: Sequence[Bar], *, clickable: bool = True) -> None:
        self.bars = tuple(bars)
        self.clickable = clickable
        self.hover = -1
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        rows = len(self.bars) if self.horizontal else 8
        return QSize(420, int(max(200, rows * ROW_HEIGHT * 1.3 + 50)))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self.rects = paint_chart(
                p,
                QRectF(self.rect()).adjusted(6, 4, -6, -4),
                self.title,
                self.bars,
                horizontal=self.horizontal,
                text=self.palette().color(QPalette.ColorRole.WindowText),
                hover=self.hover,
                empty_text=self.empty_text,
            )
        finally:
            p.end()

    def bar_at(self, pos: QPointF) -> int:
        return next((i for i, r in enumerate(self.rects) if r.contains(pos)), -1)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if index != self.hover:
            self.hover = index
            self.update()
        if index >= 0:
            b = self.bars[index]
            QToolTip.showText(event.globalPosition().toPoint(), b.tooltip or f"{b.label}: {b.value:,}", self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event: object) -> None:
        self.hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position())
        if index >= 0 and self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.bars[index].key)

    def bar_centre(self, key: str) -> QPointF:
        """Where bar ``key`` is drawn (tests click there)."""
        index = next(i for i, b in enumerate(self.bars) if b.key == key)
        return self.rects[index].center()
