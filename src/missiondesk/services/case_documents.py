"""A case as a ``Document`` in the ministry's format: the case summary, and the pieces the handover reuses.

The words are the domain's own Korean and English names (field labels from ``domain.schema``, closed
lists from ``domain.value_names``, codes from the summary's reference names), so the document is built
without Qt and reads the same from the window and the CLI. The one-page PDF the window prints
(``ui/case_summary_pdf.py``) stays as it is; this is the HWPX and DOCX (and a paginated PDF) of the same
content, with the ministry's ㅁ/ㅇ/- bullets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from missiondesk.domain.records import Record
from missiondesk.domain.schema import Kind, entity
from missiondesk.domain.value_names import value_names
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
from missiondesk.services.case_summary import CaseSummary

CASE = entity("support_case")
LAST_ACTIVITIES = 3  # a handover lists the newest few; the summary lists them all

# The case's facts, in the summary's table (as the printed page shows them).
FACTS = (
    "company_id",
    "contact_id",
    "country",
    "area",
    "categories",
    "sector",
    "request_source",
    "received_date",
    "status",
    "pending_on",
    "priority",
    "officer_id",
    "estimated_resolution_date",
)


@dataclass(frozen=True)
class Words:
    """The fixed words of a document in its language."""

    language: str = "ko"

    @property
    def korean(self) -> bool:
        return self.language == "ko"

    def pick(self, ko: str, en: str) -> str:
        return ko if self.korean else en

    def value(self, value: object) -> str:
        if value is None or value == "":
            return ""
        ko, en = value_names(str(value))
        return self.pick(ko, en)

    def label(self, entity_name: str, field_name: str) -> str:
        f = entity(entity_name).field(field_name)
        return self.pick(f.label_ko or f.label_en, f.label_en)


def company_text(company: Record | None) -> str:
    if company is None:
        return ""
    names = [str(company.get("name_ko") or ""), str(company.get("name_en") or "")]
    text = " / ".join(n for n in names if n)
    return f"{text} ({company.get('brn')})" if company.get("brn") else text


def contact_text(contact: Record | None, words: Words) -> str:
    """The person; email and phone only when they agreed to their sharing."""
    if contact is None:
        return ""
    head = " · ".join(str(contact.get(n)) for n in ("name", "position") if contact.get(n))
    if not contact.get("consent_to_share"):
        return head + words.pick(" (연락처 공유 미동의)", " (no consent to share contact details)")
    reach = " · ".join(str(contact.get(n)) for n in ("email", "phone") if contact.get(n))
    return f"{head} · {reach}" if reach else head


def fact(summary: CaseSummary, name: str, words: Words) -> str:
    """One field of the case as text in the document's language."""
    if name == "company_id":
        return company_text(summary.company)
    if name == "contact_id":
        return contact_text(summary.contact, words)
    if name == "officer_id":
        return summary.officer
    value = summary.case.get(name)
    if value is None or value == [] or value == "":
        return ""
    f = CASE.field(name)
    match f.kind:
        case Kind.ENUM:
            return words.value(value)
        case Kind.CODE:
            assert f.target is not None
            return summary.name(f.target, value, korean=words.korean)
        case Kind.CODES:
            assert f.target is not None
            return ", ".join(summary.name(f.target, v, korean=words.korean) for v in value)
        case Kind.DATE:
            return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value)


def activity_bullets(activity: Record, words: Words) -> list[Bullet]:
    """An activity at level 2 (date, action, channel, notes) with its next steps at level 3."""
    bits = [str(activity.get("date") or ""), words.value(activity.get("action_type"))]
    if activity.get("channel"):
        bits.append(words.value(activity.get("channel")))
    notes = " ".join(str(activity.get("notes") or "").split())
    out = [Bullet(" · ".join(b for b in bits if b) + (f": {notes}" if notes else ""), 2)]
    steps = " ".join(str(activity.get("next_steps") or "").split())
    if steps:
        out.append(Bullet(words.pick("다음 조치: ", "Next steps: ") + steps, 3))
    return out


def next_steps(summary: CaseSummary) -> str:
    """The newest activity's promised next steps, if it promised any."""
    for activity in summary.activities:
        steps = " ".join(str(activity.get("next_steps") or "").split())
        if steps:
            return steps
    return ""


def summary_block(summary: CaseSummary, words: Words) -> Block:
    if summary.case.get("summary_sensitive"):
        return Paragraph(
            words.pick("민감 정보로 표시되어 싣지 않음.", "Marked sensitive: not printed."), muted=True
        )
    return Bullet(str(summary.case.get("summary") or "—"))


def case_keywords(summary: CaseSummary, words: Words) -> tuple[str, ...]:
    case = summary.case
    found = [str(case.get("reference") or ""), case.owner_mission]
    found.append(summary.name("country", case.get("country"), korean=words.korean))
    found += [summary.name("category", c, korean=words.korean) for c in case.get("categories") or []]
    if summary.company is not None:
        found.append(str(summary.company.get("name_ko") or summary.company.get("name_en") or ""))
    return tuple(dict.fromkeys(k for k in found if k))


def case_summary_document(
    summary: CaseSummary, *, language: str = "ko", printed_by: str = "", today: dt.date | None = None
) -> Document:
    """The case summary in the ministry's format: the facts as a table, then summary, outcome, partners,
    timeline."""
    w = Words(language)
    case = summary.case
    reference, title = str(case.get("reference") or ""), str(case.get("title") or "")
    mission = summary.mission["ko" if w.korean else "en"] or case.owner_mission
    sections = [
        Section(
            w.pick("사례 개요", "The case"),
            (Table((w.pick("항목", "Field"), w.pick("내용", "Value")), tuple(_facts(summary, w))),),
        ),
        Section(w.label("support_case", "summary"), (summary_block(summary, w),)),
    ]
    if case.get("outcome"):
        sections.append(Section(w.pick("결과", "Outcome"), _outcome(summary, w)))
    if summary.referrals:
        lines = tuple(
            Bullet(
                f"{summary.name('partner', r.get('partner'), korean=w.korean)}: {r.get('service') or ''}"
                f" ({w.value(r.get('status'))})"
            )
            for r in summary.referrals
        )
        sections.append(Section(w.pick("협력기관 연계", "Partner referrals"), lines))
    timeline: list[Block] = [
        Bullet(
            w.pick(
                f"활동 {summary.activity_count}건, 최근 순",
                f"{summary.activity_count} activities, newest first",
            )
        )
    ]
    for a in summary.activities:
        timeline += activity_bullets(a, w)
    sections.append(Section(w.pick("지원 경과", "Timeline"), tuple(timeline)))
    status = fact(summary, "status", w)
    company = company_text(summary.company)
    return Document(
        title=w.pick("현장 지원 사례 요약", "Case summary"),
        subtitle=f"{reference} {title}".strip(),
        organisation=mission,
        date=today or dt.date.today(),
        sections=numbered(sections),
        metadata=Metadata(
            title=f"{reference} {title}".strip(),
            subject=" · ".join(s for s in (title, company, status) if s),
            keywords=case_keywords(summary, w),
            author=printed_by,
        ),
        language=language,
        footer=" · ".join(s for s in ("MissionDesk", printed_by) if s),
    )


def _facts(summary: CaseSummary, w: Words) -> list[tuple[str, str]]:
    return [(w.label("support_case", name), fact(summary, name, w) or "—") for name in FACTS]


def _outcome(summary: CaseSummary, w: Words) -> tuple[Block, ...]:
    case = summary.case
    when = case.get("resolution_date") or "—"
    out: list[Block] = [
        Bullet(
            w.pick(f"{w.value(case.get('outcome'))} ({when})", f"{w.value(case.get('outcome'))} on {when}")
        )
    ]
    if case.get("resolution_summary"):
        out.append(Bullet(str(case.get("resolution_summary")), 2))
    results = [w.label("support_case", n) for n in ("permit_obtained", "site_secured") if case.get(n)]
    results += [
        f"{w.label('support_case', n)} {int(case.get(n)):,}"
        for n in ("investment_usd", "jobs_created")
        if case.get(n)
    ]
    if results:
        out.append(Bullet(w.pick("성과: ", "Results: ") + ", ".join(results), 2))
    return tuple(out)
