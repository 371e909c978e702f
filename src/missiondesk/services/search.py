"""Search across cases, briefs, companies and attachments (by file name), as one result list."""

from __future__ import annotations

from dataclasses import dataclass

from missiondesk.domain.records import Record
from missiondesk.domain.schema import entity
from missiondesk.services.context import AppContext
from missiondesk.services.lookups import display_title
from missiondesk.store import records as rows
from missiondesk.store import search

SEARCHED = ("support_case", "market_brief", "company", "attachment")


@dataclass(frozen=True)
class SearchResult:
    record: Record

    @property
    def entity(self) -> str:
        return self.record.entity

    @property
    def label(self) -> str:
        return display_title(self.record.entity, self.record.values)


def search_all(
    ctx: AppContext, query: str, limit: int = 50, entities: tuple[str, ...] = SEARCHED
) -> list[SearchResult]:
    """Live records whose searchable text holds every word of the query (any substring, any case)."""
    with ctx.store.read() as conn:
        hits = search.find(conn, query, entities=entities, limit=limit)
        by_entity: dict[str, list[str]] = {}
        for hit in hits:
            by_entity.setdefault(hit.entity, []).append(hit.record_id)
        loaded: dict[str, Record] = {}
        for name, ids in by_entity.items():
            loaded.update(rows.load_many(conn, entity(name), ids))
    return [SearchResult(loaded[h.record_id]) for h in hits if h.record_id in loaded]
