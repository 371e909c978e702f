"""The period report as a ``Document`` in the ministry's format (``missiondesk report`` writes it as HWPX).

In Korean, as the ministry publishes it: the sentence first (ㅁ), the period, scope and rules under it
(ㅇ), the figures as a table, the main breakdowns as tables, the counting rules, and the amendments to
locked figures when there are any. The English sentence follows the Korean one as a note, for the
missions' local staff.
"""

from __future__ import annotations

import datetime as dt

from missiondesk.reports.document import (
    Block,
    Bullet,
    Document,
    Metadata,
    Paragraph,
    Section,
    Table,
    numbered,
)
from missiondesk.reports.names import BREAKDOWN_NAMES, FIGURE_NAMES
from missiondesk.reports.report import Report
from missiondesk.reports.rules import RULES_KO
from missiondesk.reports.tallies import FIGURES

# The breakdowns the document shows (the dashboard's charts), each to its largest rows.
BREAKDOWNS = (
    "cases_by_category",
    "cases_by_country",
    "cases_by_outcome",
    "meetings_by_country",
    "deliveries_by_topic",
    "cases_by_partner",
)
TOP_ROWS = 15


def report_document(report: Report, *, today: dt.date | None = None) -> Document:
    t = report.tallies
    scope_ko, _scope_en = report.scope_label()
    period = f"{t.period.start.isoformat()} ~ {t.period.last.isoformat()}"
    overview: list[Block] = [
        Bullet(report.headline_ko),
        Paragraph(report.headline_en, muted=True),
        Bullet(f"기간: {period} (집계 기준일 {t.period.last.isoformat()})", 2),
        Bullet(f"범위: {scope_ko}", 2),
        Bullet(f"상태 기준일: {t.as_of.isoformat()}, 집계 기준 {t.rules_version}", 2),
    ]
    if report.lock is not None:
        overview.append(
            Bullet(
                f"확정: {report.lock.locked_at.date().isoformat()} {report.lock.locked_by} (확정 당시 수치)",
                2,
            )
        )
    figures = Table(
        ("항목", "수치"),
        tuple((FIGURE_NAMES.get(n, (n, n))[0], f"{int(t.figures.get(n, 0)):,}") for n in FIGURES),
    )
    details: list[Block] = []
    for name in BREAKDOWNS:
        data = t.breakdowns.get(name, {})
        if not data:
            continue
        details.append(Bullet(BREAKDOWN_NAMES.get(name, (name, name))[0]))
        rows = sorted(data.items(), key=lambda kv: -kv[1])[:TOP_ROWS]
        details.append(
            Table(("구분", "건수"), tuple((report.names.name(name, k)[0], f"{n:,}") for k, n in rows))
        )
    sections = [
        Section("개요", tuple(overview)),
        Section("주요 실적", (figures,)),
        Section("세부 현황", tuple(details) or (Paragraph("해당 기간 실적 없음", muted=True),)),
        Section(
            f"집계 기준 ({t.rules_version})",
            tuple(Bullet(f"{code}: {text}", 2) for code, text in RULES_KO.items()),
        ),
    ]
    if report.amendments:
        sections.append(
            Section(
                "확정 후 정정",
                (
                    Table(
                        ("기간", "항목", "확정", "현재", "차이"),
                        tuple(
                            (
                                a.period.key,
                                FIGURE_NAMES.get(a.figure, (a.figure, a.figure))[0],
                                f"{a.published:,}",
                                f"{a.now:,}",
                                f"{a.difference:+,}",
                            )
                            for a in report.amendments
                        ),
                    ),
                ),
            )
        )
    title = "재외공관 현장 지원 실적 보고"
    return Document(
        title=title,
        subtitle=period,
        organisation=scope_ko,
        date=today or dt.date.today(),
        sections=numbered(sections),
        metadata=Metadata(
            title=f"{title} ({period})",
            subject=report.headline_ko,
            keywords=("재외공관", "현장 지원", "지원협의회", "시장정보", scope_ko, t.period.code or period),
            author=report.made_by,
        ),
        footer=f"MissionDesk · {report.made_at.isoformat(timespec='minutes')} UTC · {report.made_by}",
    )
