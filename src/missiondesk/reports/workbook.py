"""The report workbook: a summary sheet with the sentence and the rules version, the table behind every
chart, and native Excel charts that reference those cells (so the numbers and the bars cannot disagree).

Written with XlsxWriter in normal mode (charts need it; a report is a few hundred cells). Text from the
database goes through the bundles' cell helpers: never a formula, no control characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from missiondesk.bundles.cells import clean_cell_text, looks_like_formula
from missiondesk.bundles.report_workbook import safe_workbook
from missiondesk.reports.names import BREAKDOWN_NAMES, FIGURE_NAMES
from missiondesk.reports.report import Report
from missiondesk.reports.rules import RULES, RULES_KO
from missiondesk.reports.tallies import FIGURES

# (breakdown, sheet name, chart type): every chart of the dashboard, then the other tables.
CHARTS: tuple[tuple[str, str, str | None], ...] = (
    ("cases_by_month", "Cases by month", "column"),
    ("cases_by_category", "Cases by category", "bar"),
    ("cases_by_country", "Cases by country", "bar"),
    ("cases_by_outcome", "Outcomes", "column"),
    ("deliveries_by_topic", "Deliveries by topic", "bar"),
    ("meetings_by_country", "Meetings by country", "bar"),
    ("cases_by_area", "Cases by area", "bar"),
    ("cases_by_partner", "Cases by partner", "bar"),
    ("cases_by_status", "Cases by status", None),
    ("cases_pending_on", "Pending on", None),
    ("deliveries_by_sector", "Deliveries by sector", None),
    ("proposals_by_status", "Proposals by status", None),
)
SUMMARY = "Summary"
TABLE_HEADERS = ("Code", "구분", "Name", "Count")


def write_report(path: Path, report: Report) -> Path:
    """Write the workbook to ``path`` (a ``.partial`` file renamed when complete)."""
    with safe_workbook(path) as book:
        _Writer(book, report).write()
    return path


class _Writer:
    def __init__(self, book: Any, report: Report) -> None:
        self.book = book
        self.report = report
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.header = book.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
        self.text = book.add_format({"num_format": "@", "text_wrap": False})
        self.quoted = book.add_format({"num_format": "@", "quote_prefix": True})
        self.number = book.add_format({"num_format": "#,##0"})

    def cell(self, ws: Any, row: int, col: int, value: object, fmt: Any = None) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            ws.write_number(row, col, value, fmt or self.number)
            return
        s = clean_cell_text("" if value is None else str(value))[:32_000]
        ws.write_string(row, col, s, self.quoted if looks_like_formula(s) else (fmt or self.text))

    def write(self) -> None:
        self.summary()
        for name, sheet, chart in CHARTS:
            self.table(name, sheet, chart)
        if self.report.amendments:
            self.amendments()
        self.rules()

    def summary(self) -> None:
        r, t = self.report, self.report.tallies
        ws = self.book.add_worksheet(SUMMARY)
        ws.set_column(0, 0, 34)
        ws.set_column(1, 1, 30)
        ws.set_column(2, 2, 16)
        scope_ko, scope_en = r.scope_label()
        self.cell(ws, 0, 0, "재외공관 현장 지원 실적 / Mission support report", self.title)
        rows: list[tuple[str, object]] = [
            ("발표 문안 (국문)", r.headline_ko),
            ("Headline (English)", r.headline_en),
            ("기간 / Period", f"{t.period.start.isoformat()} – {t.period.last.isoformat()}"),
            ("집계 기준일 / Cut-off", t.period.last.isoformat()),
            ("상태 기준일 / Status as of", t.as_of.isoformat()),
            ("범위 / Scope", f"{scope_ko} / {scope_en}"),
            ("개최 국가 / Meeting countries", ", ".join(t.countries)),
            ("집계 기준 버전 / Rules version", t.rules_version),
            ("작성 / Made", f"{r.made_at.isoformat(timespec='seconds')} UTC, {r.made_by}"),
            (
                "확정 / Locked",
                f"{r.lock.locked_at.isoformat(timespec='seconds')} UTC, {r.lock.locked_by}"
                if r.lock
                else "—",
            ),
            ("정정 / Amendments", len(r.amendments)),
        ]
        for i, (label, value) in enumerate(rows, start=2):
            self.cell(ws, i, 0, label, self.bold)
            self.cell(ws, i, 1, value)
        top = len(rows) + 4
        for col, title in enumerate(("항목", "Figure", "Value", "Code")):
            self.cell(ws, top, col, title, self.header)
        for i, name in enumerate(FIGURES, start=top + 1):
            ko, en = FIGURE_NAMES.get(name, (name, name))
            self.cell(ws, i, 0, ko)
            self.cell(ws, i, 1, en)
            self.cell(ws, i, 2, int(t.figures.get(name, 0)))
            self.cell(ws, i, 3, name)
        ws.activate()

    def table(self, name: str, sheet: str, chart_type: str | None) -> None:
        t, names = self.report.tallies, self.report.names
        data: Mapping[str, int] = t.breakdowns.get(name, {})
        ws = self.book.add_worksheet(sheet)
        ko, en = BREAKDOWN_NAMES.get(name, (name, name))
        self.cell(ws, 0, 0, f"{ko} / {en}", self.bold)
        for col, title in enumerate(TABLE_HEADERS):
            self.cell(ws, 1, col, title, self.header)
        ws.set_column(0, 0, 16)
        ws.set_column(1, 2, 28)
        ws.set_column(3, 3, 10)
        first = 2
        for i, (key, n) in enumerate(data.items(), start=first):
            label_ko, label_en = names.name(name, key)
            self.cell(ws, i, 0, key)
            self.cell(ws, i, 1, label_ko)
            self.cell(ws, i, 2, label_en)
            self.cell(ws, i, 3, int(n))
        last = first + len(data) - 1
        if chart_type is None or not data:
            return
        chart = self.book.add_chart({"type": chart_type})
        chart.add_series(
            {
                "name": [sheet, 1, 3],
                "categories": [sheet, first, 1, last, 1],
                "values": [sheet, first, 3, last, 3],
                "data_labels": {"value": True},
                "fill": {"color": "#2F6DB5"},
            }
        )
        chart.set_title({"name": f"{ko} / {en}", "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        if chart_type == "bar":
            chart.set_y_axis({"reverse": True})  # largest first, as in the table
        chart.set_size({"width": 640, "height": max(300, 28 * len(data) + 90)})
        ws.insert_chart(1, 5, chart)

    def amendments(self) -> None:
        ws = self.book.add_worksheet("Amendments")
        ws.set_column(0, 1, 26)
        self.cell(ws, 0, 0, "확정 후 정정 / Amendments to locked periods", self.bold)
        for col, title in enumerate(("Period", "Figure", "Published", "Now", "Difference")):
            self.cell(ws, 1, col, title, self.header)
        for i, a in enumerate(self.report.amendments, start=2):
            self.cell(ws, i, 0, a.period.key)
            self.cell(ws, i, 1, a.figure)
            self.cell(ws, i, 2, a.published)
            self.cell(ws, i, 3, a.now)
            self.cell(ws, i, 4, a.difference)

    def rules(self) -> None:
        ws = self.book.add_worksheet("Rules")
        ws.set_column(0, 0, 8)
        ws.set_column(1, 2, 90)
        self.cell(ws, 0, 0, f"집계 규칙 / Counting rules, version {self.report.rules_version}", self.bold)
        self.cell(ws, 1, 1, "한국어", self.bold)
        self.cell(ws, 1, 2, "English (reference)", self.bold)
        for i, (code, text) in enumerate(RULES, start=2):
            self.cell(ws, i, 0, code, self.bold)
            self.cell(ws, i, 1, RULES_KO[code])
            self.cell(ws, i, 2, text)
