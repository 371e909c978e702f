"""One case on one A4 page, as a PDF to print or to send: QPdfWriter and QPainter, like the report's PDF.

The text is drawn in the window's language (``labels``: field names and closed-list values through the
catalogue; codes by the summary's Korean or English names). Hangul is drawn in a Korean face named after
the default one (``fonts.KOREAN_FAMILIES``: Malgun Gothic first on Windows), so a system whose default
face lacks Hangul still prints it. What does not fit the page is counted, not cut mid-line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from missiondesk.domain.schema import Kind, entity
from missiondesk.services.case_documents import FACTS  # the case's fields, in pairs of columns
from missiondesk.services.case_summary import CaseSummary
from missiondesk.ui import i18n
from missiondesk.ui.fonts import print_font
from missiondesk.ui.labels import amount_label, field_label, korean, number_text, value_label
from missiondesk.ui.pdf_writer import a4_pdf, headless_app

INK = QColor("#1d2733")
MUTED = QColor("#5b6573")
RULE = QColor("#c9d1dc")
CASE = entity("support_case")
WRAP = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)


def _font(size: float, bold: bool = False) -> QFont:
    return print_font(size, bold=bold)


class _Page:
    """A cursor down the page: each block is drawn below the last while there is room."""

    def __init__(self, painter: QPainter, rect: QRectF) -> None:
        self.p = painter
        self.rect = rect
        self.y = rect.top()
        self.left_out = 0

    def room(self) -> float:
        return self.rect.bottom() - self.y

    def text(
        self, text: str, size: float = 9, *, bold: bool = False, color: QColor = INK, indent: float = 0
    ) -> bool:
        self.p.setFont(_font(size, bold))
        self.p.setPen(color)
        box = QRectF(self.rect.left() + indent, self.y, self.rect.width() - indent, self.room())
        bounds = self.p.boundingRect(box, WRAP, text)
        if bounds.height() > self.room():
            self.left_out += 1
            return False
        self.p.drawText(box, WRAP, text)
        self.y += bounds.height() + 2
        return True

    def heading(self, text: str) -> bool:
        if self.room() < 40:
            return False
        self.y += 6
        self.p.setPen(RULE)
        self.p.drawLine(QLineF(self.rect.left(), self.y, self.rect.right(), self.y))
        self.y += 4
        return self.text(text, 10.5, bold=True)

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        """Label and value pairs, two to a row."""
        half = self.rect.width() / 2
        label_w = half * 0.36
        for i in range(0, len(pairs), 2):
            row_h = 0.0
            for j, (label, value) in enumerate(pairs[i : i + 2]):
                x = self.rect.left() + j * half
                self.p.setFont(_font(8))
                self.p.setPen(MUTED)
                lb = self.p.boundingRect(QRectF(x, self.y, label_w - 4, 200), WRAP, label)
                self.p.drawText(QRectF(x, self.y, label_w - 4, lb.height()), WRAP, label)
                self.p.setFont(_font(9))
                self.p.setPen(INK)
                box = QRectF(x + label_w, self.y, half - label_w - 8, 200)
                vb = self.p.boundingRect(box, WRAP, value or "—")
                self.p.drawText(QRectF(box.left(), self.y, box.width(), vb.height()), WRAP, value or "—")
                row_h = max(row_h, lb.height(), vb.height())
            self.y += row_h + 3


def write_case_summary(summary: CaseSummary, path: Path, *, printed_by: str = "") -> Path:
    """Write the page to ``path``; a ``.partial`` file is renamed when complete."""
    title = f"{summary.case.get('reference')} {summary.case.get('title')}"
    with a4_pdf(path, title=title, margins_mm=(15, 14, 15, 14)) as (writer, painter):
        _draw(painter, QRectF(0, 0, writer.width(), writer.height()), summary, printed_by)
    return path


def page_text(summary: CaseSummary, printed_by: str = "") -> list[str]:
    """The page's lines as drawn, in order (what a test or a screen reader reads)."""
    lines: list[str] = []
    for kind, text in _blocks(summary, printed_by):
        if kind == "facts":
            lines += [f"{label}: {value}" for label, value in text]
        else:
            lines.append(text)
    return lines


def _draw(painter: QPainter, rect: QRectF, summary: CaseSummary, printed_by: str) -> None:
    footer_h = 18.0
    page = _Page(painter, rect.adjusted(0, 0, 0, -footer_h))
    for kind, content in _blocks(summary, printed_by):
        if kind == "footer":
            painter.setFont(_font(7))
            painter.setPen(MUTED)
            footer = QRectF(rect.left(), rect.bottom() - footer_h + 4, rect.width(), footer_h)
            text = content
            if page.left_out:
                text = (
                    QCoreApplication.translate(
                        "case_summary", "{0} more lines did not fit this page."
                    ).format(page.left_out)
                    + "  "
                    + text
                )
            painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft), text)
        elif kind == "head":
            page.text(content, 8, color=MUTED)
        elif kind == "title":
            page.text(content, 15, bold=True)
        elif kind == "heading":
            if not page.heading(content):
                page.left_out += 1
        elif kind == "facts":
            page.facts(content)
        elif kind == "muted":
            page.text(content, 8, color=MUTED)
        elif kind == "item":
            page.text(content, 8.5, indent=8)
        else:
            page.text(content, 9)


def _value(summary: CaseSummary, name: str, in_korean: bool) -> str:
    case = summary.case
    value = case.get(name)
    if name == "company_id":
        c = summary.company
        if c is None:
            return ""
        names = [str(c.get("name_ko") or ""), str(c.get("name_en") or "")]
        text = " / ".join(n for n in names if n)
        return f"{text} ({c.get('brn')})" if c.get("brn") else text
    if name == "contact_id":
        return _contact(summary)
    if name == "officer_id":
        return summary.officer
    if value is None or value == [] or value == "":
        return ""
    f = CASE.field(name)
    match f.kind:
        case Kind.ENUM:
            return value_label(value)
        case Kind.CODE:
            assert f.target is not None
            return summary.name(f.target, value, korean=in_korean)
        case Kind.CODES:
            assert f.target is not None
            return ", ".join(summary.name(f.target, v, korean=in_korean) for v in value)
        case Kind.DATE:
            return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value)


def _contact(summary: CaseSummary) -> str:
    """The contact person; email and phone only when they agreed to their sharing."""
    c = summary.contact
    if c is None:
        return ""
    head = " · ".join(str(c.get(n)) for n in ("name", "position") if c.get(n))
    if not c.get("consent_to_share"):
        return (
            head + "\n" + QCoreApplication.translate("case_summary", "(no consent to share contact details)")
        )
    reach = " · ".join(str(c.get(n)) for n in ("email", "phone") if c.get(n))
    return head + ("\n" + reach if reach else "")


def _blocks(summary: CaseSummary, printed_by: str) -> list[tuple[str, Any]]:
    case = summary.case
    ko = korean()
    mission = summary.mission["ko" if ko else "en"] or case.owner_mission
    out: list[tuple[str, Any]] = [
        (
            "head",
            QCoreApplication.translate("case_summary", "Case summary")
            + f" · {mission} · {case.get('reference')}",
        ),
        ("title", str(case.get("title") or "")),
        ("facts", [(field_label(CASE, n), _value(summary, n, ko) or "—") for n in FACTS]),
        ("heading", field_label(CASE, "summary")),
    ]
    if case.get("summary_sensitive"):
        out.append(("muted", QCoreApplication.translate("case_summary", "Marked sensitive: not printed.")))
    else:
        out.append(("text", str(case.get("summary") or "—")))
    if case.get("outcome"):
        out.append(("heading", QCoreApplication.translate("case_summary", "Outcome")))
        out.append(
            (
                "text",
                QCoreApplication.translate("case_summary", "{0} on {1}").format(
                    value_label(case.get("outcome")), case.get("resolution_date") or "—"
                ),
            )
        )
        if case.get("resolution_summary"):
            out.append(("text", str(case.get("resolution_summary"))))
        results = [field_label(CASE, n) for n in ("permit_obtained", "site_secured") if case.get(n)]
        results += [
            f"{amount_label(CASE, n)} {number_text(n, int(case.get(n)))}"
            for n in ("investment_usd", "jobs_created")
            if case.get(n)
        ]
        if results:
            out.append(
                (
                    "text",
                    QCoreApplication.translate("case_summary", "Results: {0}").format(" · ".join(results)),
                )
            )
    if summary.referrals:
        out.append(("heading", QCoreApplication.translate("case_summary", "Partner referrals")))
        for r in summary.referrals:
            partner = summary.name("partner", r.get("partner"), korean=ko)
            out.append(("item", f"{partner} — {r.get('service')} ({value_label(r.get('status'))})"))
    out.append(
        (
            "heading",
            QCoreApplication.translate("case_summary", "Timeline ({0} activities, newest first)").format(
                summary.activity_count
            ),
        )
    )
    if not summary.activities:
        out.append(("muted", "—"))
    for a in summary.activities:
        bits = [str(a.get("date")), value_label(a.get("action_type"))]
        if a.get("channel"):
            bits.append(value_label(a.get("channel")))
        notes = " ".join(str(a.get("notes") or "").split())
        out.append(("item", " · ".join(bits) + (f" — {notes}" if notes else "")))
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    who = f" · {printed_by}" if printed_by else ""
    printed = QCoreApplication.translate("case_summary", "Printed {0}").format(stamp)
    out.append(("footer", f"MissionDesk · {printed}{who}"))
    return out


def render_headless(summary: CaseSummary, path: Path, *, language: str = "ko", printed_by: str = "") -> Path:
    """For the CLI: a Qt application without a window if none runs, the language's catalogue, the page."""
    headless_app()
    with i18n.speaking(language):
        return write_case_summary(summary, path, printed_by=printed_by)
