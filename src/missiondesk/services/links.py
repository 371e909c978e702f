"""What a record is linked to, named for people: a case's company, briefs, meetings and tasks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from missiondesk.domain.records import ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.services.context import AppContext
from missiondesk.services.lookups import display_title
from missiondesk.store import queries
from missiondesk.store import records as rows


@dataclass(frozen=True)
class CaseLinks:
    company: tuple[str, ...]
    contact: tuple[str, ...]
    briefs: tuple[str, ...]
    meetings: tuple[str, ...]
    tasks: tuple[str, ...]


@dataclass(frozen=True)
class CompanyLinks:
    cases: tuple[str, ...]
    briefs: tuple[str, ...]


class LinkService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _list(self, conn: Connection, entity_name: str, **equals: object) -> tuple[Record, ...]:
        query = ListQuery(entity_name, equals=equals, limit=200)
        return queries.page(conn, query, with_total=False).rows

    def _titles(self, conn: Connection, entity_name: str, ids: list[str]) -> tuple[str, ...]:
        loaded = rows.load_many(conn, entity(entity_name), ids)
        return tuple(
            display_title(entity_name, loaded[i].values)
            for i in ids
            if i in loaded and not loaded[i].is_deleted
        )

    def case_links(self, case_id: str) -> CaseLinks:
        with self.ctx.store.read() as conn:
            case = rows.load(conn, entity("support_case"), case_id)
            company_id = case.get("company_id") if case is not None else None
            contact_id = case.get("contact_id") if case is not None else None
            company = self._titles(conn, "company", [company_id]) if company_id else ()
            contact = self._titles(conn, "contact", [contact_id]) if contact_id else ()
            briefs: tuple[str, ...] = ()
            if company_id:
                deliveries = self._list(conn, "brief_delivery", company_id=company_id)
                brief_ids = list(dict.fromkeys(d["brief_id"] for d in deliveries))
                briefs = self._titles(conn, "market_brief", brief_ids)
            items = self._list(conn, "agenda_item", case_id=case_id)
            meeting_ids = list(dict.fromkeys(i["meeting_id"] for i in items))
            meetings = self._titles(conn, "council_meeting", meeting_ids)
            tasks = tuple(display_title("task", t.values) for t in self._list(conn, "task", case_id=case_id))
        return CaseLinks(company, contact, briefs, meetings, tasks)

    def company_links(self, company_id: str) -> CompanyLinks:
        with self.ctx.store.read() as conn:
            cases = tuple(
                display_title("support_case", c.values)
                for c in self._list(conn, "support_case", company_id=company_id)
            )
            deliveries = self._list(conn, "brief_delivery", company_id=company_id)
            brief_ids = list(dict.fromkeys(d["brief_id"] for d in deliveries))
            briefs = self._titles(conn, "market_brief", brief_ids)
        return CompanyLinks(cases, briefs)
