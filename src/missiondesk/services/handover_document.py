"""The handover document: what an officer leaves to a successor, one block per open case.

Signatures other parts call (the reassignment action, ``missiondesk handover``,
``missiondesk handover-document``)::

    build_handover_document(ctx: AppContext, from_officer_name: str,
                            *, language: str = "ko", today: datetime.date | None = None) -> Document
    write_document(document: Document, path: pathlib.Path) -> pathlib.Path   # .hwpx, .docx or .pdf

``build_handover_document`` reads the officer's open cases (draft, open, in progress, pending; any case
not closed) in one read per case and lists, for each: the reference and title, the company, status and
pending-on, the newest activities, the promised next steps, the contacts (the company's people; email and
phone only for those who agreed to their sharing) and the open tasks. It raises ``NotFound`` when no
officer has that name and ``UserError`` when several officers of different missions share it.
``write_document`` picks the format from the extension (``reports.document_files``).

Build the document before reassigning the cases: afterwards they are the successor's, and the officer
handing over has none left to list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy.engine import Connection

from missiondesk.domain.records import ListQuery, Record
from missiondesk.errors import NotFound, UserError
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
from missiondesk.reports.document_files import write_document
from missiondesk.services.case_documents import (
    LAST_ACTIVITIES,
    Words,
    activity_bullets,
    company_text,
    contact_text,
    next_steps,
)
from missiondesk.services.case_summary import CaseSummary, CaseSummaryService
from missiondesk.services.context import AppContext
from missiondesk.store import queries

__all__ = ["OPEN_STATUSES", "build_handover_document", "write_document"]

OPEN_STATUSES = ("draft", "open", "in_progress", "pending")


def build_handover_document(
    ctx: AppContext, from_officer_name: str, *, language: str = "ko", today: dt.date | None = None
) -> Document:
    """The handover document of ``from_officer_name``'s open cases, in ``language`` ("ko" or "en")."""
    w = Words(language)
    officer = _officer(ctx, from_officer_name)
    service = CaseSummaryService(ctx)
    with ctx.store.read() as conn:
        cases = _all(
            conn,
            ListQuery(
                "support_case",
                equals={"officer_id": officer.id, "status": list(OPEN_STATUSES)},
                sort="reference",
            ),
        )
    summaries = [service.summary(c) for c in cases]
    with ctx.store.read() as conn:
        tasks = {
            c.id: _all(conn, ListQuery("task", equals={"case_id": c.id, "status": "open"}, sort="due_date"))
            for c in cases
        }
        people = {
            s.company.id: _all(conn, ListQuery("contact", equals={"company_id": s.company.id}, sort="name"))
            for s in summaries
            if s.company is not None
        }
    name = str(officer.get("name") or from_officer_name)
    mission = service.lookups.code_label("mission", officer.owner_mission, korean=w.korean)
    overview = Section(
        w.pick("인계 개요", "Overview"),
        (
            Bullet(w.pick(f"인계자: {name} ({mission})", f"Handed over by {name} ({mission})")),
            Bullet(w.pick(f"진행 중인 사례 {len(cases)}건", f"{len(cases)} open cases")),
            Table(
                (
                    w.pick("참조번호", "Reference"),
                    w.label("support_case", "company_id"),
                    w.label("support_case", "status"),
                    w.label("support_case", "pending_on"),
                ),
                tuple(
                    (
                        str(s.case.get("reference") or ""),
                        company_text(s.company) or "—",
                        w.value(s.case.get("status")) or "—",
                        w.value(s.case.get("pending_on")) or "—",
                    )
                    for s in summaries
                ),
            ),
        ),
    )
    sections = [overview]
    for s in summaries:
        contacts = people.get(s.company.id, []) if s.company is not None else []
        sections.append(_case_section(s, tasks[s.case.id], contacts, w))
    references = tuple(str(s.case.get("reference") or "") for s in summaries)
    title = w.pick("업무 인계서", "Handover")
    return Document(
        title=title,
        subtitle=name,
        organisation=mission,
        date=today or dt.date.today(),
        sections=numbered(sections),
        metadata=Metadata(
            title=f"{title}: {name}",
            subject=w.pick(
                f"{name} 담당 진행 중 사례 {len(cases)}건 인계", f"{len(cases)} open cases of {name}"
            ),
            keywords=(title, name, officer.owner_mission, *references),
            author=ctx.device.officer_name,
        ),
        language=language,
        footer=" · ".join(s for s in ("MissionDesk", ctx.device.officer_name) if s),
    )


def _case_section(s: CaseSummary, tasks: list[Record], contacts: list[Record], w: Words) -> Section:
    case = s.case
    blocks: list[Block] = [
        Bullet(
            " · ".join(
                bit
                for bit in (
                    company_text(s.company),
                    w.value(case.get("status")),
                    w.pick("대기 주체: ", "Pending on: ") + w.value(case.get("pending_on"))
                    if case.get("pending_on")
                    else "",
                    w.pick("처리 예정일: ", "Expected by: ") + str(case.get("estimated_resolution_date"))
                    if case.get("estimated_resolution_date")
                    else "",
                )
                if bit
            )
        )
    ]
    blocks.append(Bullet(w.pick("최근 활동", "Last activities")))
    if not s.activities:
        blocks.append(Bullet(w.pick("기록된 활동 없음", "No activity recorded"), 2))
    for a in s.activities[:LAST_ACTIVITIES]:
        blocks += activity_bullets(a, w)
    blocks.append(Bullet(w.pick("다음 조치: ", "Next steps: ") + (next_steps(s) or "—")))
    blocks.append(Bullet(w.pick("연락처", "Contacts")))
    people = contacts or ([s.contact] if s.contact is not None else [])
    if not people:
        blocks.append(Bullet("—", 2))
    blocks += [Bullet(contact_text(c, w), 2) for c in people]
    if tasks:
        blocks.append(
            Table(
                (w.label("task", "title"), w.label("task", "due_date")),
                tuple((str(t.get("title") or ""), str(t.get("due_date") or "—")) for t in tasks),
            )
        )
    else:
        blocks.append(Paragraph(w.pick("남은 할 일 없음", "No open tasks"), muted=True))
    return Section(f"{case.get('reference')} {case.get('title') or ''}".strip(), tuple(blocks))


def _officer(ctx: AppContext, name: str) -> Record:
    wanted = " ".join(name.split())
    with ctx.store.read() as conn:
        found = _all(conn, ListQuery("officer", equals={"name": wanted}))
    if not found:
        raise NotFound(f"No officer named {wanted} here.")
    missions = sorted({o.owner_mission for o in found})
    if len(found) > 1:
        mine = [o for o in found if o.owner_mission == ctx.device.mission]
        if len(mine) == 1:
            return mine[0]
        raise UserError(f"Several officers are named {wanted} ({', '.join(missions)}).")
    return found[0]


def _all(conn: Connection, q: ListQuery) -> list[Record]:
    """Every row of a query, page after page."""
    out: list[Record] = []
    while True:
        page = queries.page(conn, replace(q, offset=len(out), limit=queries.MAX_PAGE), with_total=False)
        out += page.rows
        if len(page.rows) < queries.MAX_PAGE:
            return out
