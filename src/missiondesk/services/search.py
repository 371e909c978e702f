"""Search across cases, briefs, companies and attachments (by file name and by the words of the file),
as one result list. An attachment's result names the record it belongs to and, when the file's words
matched, a line of them around the first term found."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Connection

from missiondesk.domain.records import Record
from missiondesk.domain.schema import entity
from missiondesk.errors import NotFound
from missiondesk.services.attachment_text import snippet
from missiondesk.services.attachments import parent_of
from missiondesk.services.context import AppContext
from missiondesk.services.lookups import display_title
from missiondesk.store import attachment_text, search
from missiondesk.store import records as rows

SEARCHED = ("support_case", "market_brief", "company", "attachment")


@dataclass(frozen=True)
class SearchResult:
    record: Record
    parent: Record | None = None  # an attachment's record (a case, an activity, a brief…)
    snippet: str = ""  # an attachment's words around the first term found in them

    @property
    def entity(self) -> str:
        return self.record.entity

    @property
    def label(self) -> str:
        return display_title(self.record.entity, self.record.values)

    @property
    def parent_label(self) -> str:
        return "" if self.parent is None else display_title(self.parent.entity, self.parent.values)

    @property
    def opens(self) -> tuple[str, str]:
        """The record to open for this result: an attachment's own record (an activity's case, where
        the activity is shown), anything else itself."""
        if self.parent is None:
            return self.record.entity, self.record.id
        owner = entity(self.parent.entity).parent
        if owner is not None and self.parent.get(owner.field):
            return owner.entity, str(self.parent[owner.field])
        return self.parent.entity, self.parent.id

    @property
    def opens_attachments(self) -> bool:
        """Whether the record opened lists this attachment on its Attachments tab."""
        return self.parent is not None and self.opens == (self.parent.entity, self.parent.id)


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
        found = [loaded[h.record_id] for h in hits if h.record_id in loaded]
        attached = [r for r in found if r.entity == "attachment"]
        parents = _parents(conn, attached)
        texts = attachment_text.texts(conn, [str(r["sha256"]) for r in attached])
    words = search.terms(query)
    results = []
    for record in found:
        if record.entity != "attachment":
            results.append(SearchResult(record))
            continue
        text = texts.get(str(record["sha256"]), "")
        in_text = any(w in search.fold(text) for w in words)
        results.append(SearchResult(record, parents.get(record.id), snippet(text, words) if in_text else ""))
    return results


def _parents(conn: Connection, attachments: list[Record]) -> dict[str, Record]:
    """Each attachment's own record, by the attachment's id (one that is gone is left out)."""
    wanted: dict[str, list[tuple[str, str]]] = {}
    for record in attachments:
        try:
            parent_entity, parent_id = parent_of(record)
        except NotFound:
            continue
        wanted.setdefault(parent_entity, []).append((record.id, parent_id))
    found: dict[str, Record] = {}
    for name, pairs in wanted.items():
        records = rows.load_many(conn, entity(name), [p for _, p in pairs])
        found.update((a, records[p]) for a, p in pairs if p in records)
    return found
