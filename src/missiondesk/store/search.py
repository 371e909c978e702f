"""Text search over cases, briefs and companies, in Korean and Latin script.

Each searchable record has one search document: its searchable fields, NFC
and case-folded. On SQLite an FTS5 trigram index answers terms of three or
more characters by any substring (Korean has no spaces to split on reliably);
shorter terms and PostgreSQL use a LIKE over the same folded text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.schema import EntitySpec
from missiondesk.store.tables import FTS_TABLE, search_doc

TRIGRAM = 3


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def document_body(spec: EntitySpec, values: Mapping[str, Any]) -> str:
    parts = [str(values[name]) for name in spec.search_fields if values.get(name)]
    return fold(" \u2502 ".join(parts))  # a separator no query contains, so terms never span fields


def index_record(
    conn: Connection, spec: EntitySpec, record_id: str, owner: str, values: Mapping[str, Any]
) -> None:
    if not spec.search_fields:
        return
    body = document_body(spec, values)
    doc_id = conn.execute(sa.select(search_doc.c.id).where(search_doc.c.record_id == record_id)).scalar()
    if doc_id is None:
        doc_id = conn.execute(
            sa.insert(search_doc)
            .values(entity=spec.name, record_id=record_id, owner_mission=owner, body=body)
            .returning(search_doc.c.id)
        ).scalar_one()
    else:
        conn.execute(
            sa.update(search_doc).where(search_doc.c.id == doc_id).values(body=body, owner_mission=owner)
        )
        if conn.dialect.name == "sqlite":
            conn.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": doc_id})
    if conn.dialect.name == "sqlite":
        conn.execute(
            sa.text(f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (:id, :body)"), {"id": doc_id, "body": body}
        )


def unindex_record(conn: Connection, record_id: str) -> None:
    doc_id = conn.execute(sa.select(search_doc.c.id).where(search_doc.c.record_id == record_id)).scalar()
    if doc_id is None:
        return
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": doc_id})
    conn.execute(sa.delete(search_doc).where(search_doc.c.id == doc_id))


def rebuild_fts(conn: Connection) -> None:
    """Refill the FTS index from the documents (after a bulk load)."""
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text(f"DELETE FROM {FTS_TABLE}"))
        conn.execute(sa.text(f"INSERT INTO {FTS_TABLE}(rowid, body) SELECT id, body FROM search_doc"))


@dataclass(frozen=True)
class Hit:
    entity: str
    record_id: str


def terms(query: str) -> list[str]:
    return [t for t in re.split(r"\s+", fold(query).strip()) if t]


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching(conn: Connection, query: str, entities: Sequence[str] = ()) -> sa.Select[Any] | None:
    """A select of (entity, record_id, doc id) for documents holding every term; None for an empty query."""
    words = terms(query)
    if not words:
        return None
    stmt = sa.select(search_doc.c.entity, search_doc.c.record_id, search_doc.c.id)
    long_words = [w for w in words if len(w) >= TRIGRAM]
    like_words = words
    if conn.dialect.name == "sqlite" and long_words:
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
        fts = sa.table(FTS_TABLE, sa.column("rowid"))
        stmt = stmt.join(fts, fts.c.rowid == search_doc.c.id).where(
            sa.text(f"{FTS_TABLE} MATCH :match").bindparams(match=match)
        )
        like_words = [w for w in words if len(w) < TRIGRAM]
    for w in like_words:
        stmt = stmt.where(search_doc.c.body.like(f"%{_like_escape(w)}%", escape="\\"))
    if entities:
        stmt = stmt.where(search_doc.c.entity.in_(list(entities)))
    return stmt


def find(
    conn: Connection, query: str, *, entities: Sequence[str] = (), limit: int = 50, owners: Sequence[str] = ()
) -> list[Hit]:
    """Records whose text holds every term of the query, most recently indexed first."""
    stmt = matching(conn, query, entities)
    if stmt is None:
        return []
    if owners:
        stmt = stmt.where(search_doc.c.owner_mission.in_(list(owners)))
    stmt = stmt.order_by(search_doc.c.id.desc()).limit(limit)
    return [Hit(e, r) for e, r, _ in conn.execute(stmt)]
