"""search finds a case by its activities' notes and by its resolution summary

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 04:30:00.000000

A case's search document now holds its resolution summary, and each case activity has a
document of its own (notes, next steps) through which a list search finds the case. The
documents of existing cases are rewritten and those of existing activities added, in the
same form the app writes them (NFC, case-folded, fields joined by a separator no query holds).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# A migration must not change when the app's code does: its own copy of the document rules.
_CASE_FIELDS = ("reference", "title", "summary", "resolution_summary")
_ACTIVITY_FIELDS = ("notes", "next_steps")
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _body(row: sa.RowMapping, fields: Sequence[str]) -> str:
    return _fold(" \u2502 ".join(str(row[f]) for f in fields if row[f]))


def _bigrams(body: str) -> str:
    return " ".join(w[i : i + 2] for w in _WORD.findall(body) for i in range(len(w) - 1))


def _index(bind: sa.Connection, entity: str, fields: Sequence[str]) -> None:
    sqlite = bind.dialect.name == "sqlite"
    columns = ", ".join(("id", "owner_mission", *fields))
    live = bind.execute(sa.text(f"SELECT {columns} FROM {entity} WHERE deleted_at IS NULL")).mappings()
    for row in live:
        body = _body(row, fields)
        doc_id = bind.execute(
            sa.text("SELECT id FROM search_doc WHERE record_id = :rid"), {"rid": row["id"]}
        ).scalar()
        if doc_id is None:
            bind.execute(
                sa.text(
                    "INSERT INTO search_doc (entity, record_id, owner_mission, body) "
                    "VALUES (:entity, :rid, :owner, :body)"
                ),
                {"entity": entity, "rid": row["id"], "owner": row["owner_mission"], "body": body},
            )
            doc_id = bind.execute(
                sa.text("SELECT id FROM search_doc WHERE record_id = :rid"), {"rid": row["id"]}
            ).scalar_one()
        else:
            bind.execute(
                sa.text("UPDATE search_doc SET body = :body WHERE id = :id"), {"body": body, "id": doc_id}
            )
            if sqlite:
                bind.execute(sa.text("DELETE FROM search_fts WHERE rowid = :id"), {"id": doc_id})
                bind.execute(sa.text("DELETE FROM search_bigram WHERE rowid = :id"), {"id": doc_id})
        if sqlite:
            bind.execute(
                sa.text("INSERT INTO search_fts (rowid, body) VALUES (:id, :body)"),
                {"id": doc_id, "body": body},
            )
            bind.execute(
                sa.text("INSERT INTO search_bigram (rowid, body) VALUES (:id, :body)"),
                {"id": doc_id, "body": _bigrams(body)},
            )


def upgrade() -> None:
    bind = op.get_bind()
    _index(bind, "support_case", _CASE_FIELDS)
    _index(bind, "case_activity", _ACTIVITY_FIELDS)


def downgrade() -> None:
    bind = op.get_bind()
    docs = [i for (i,) in bind.execute(sa.text("SELECT id FROM search_doc WHERE entity = 'case_activity'"))]
    if bind.dialect.name == "sqlite":
        for table in ("search_fts", "search_bigram"):
            for doc_id in docs:
                bind.execute(sa.text(f"DELETE FROM {table} WHERE rowid = :id"), {"id": doc_id})
    bind.execute(sa.text("DELETE FROM search_doc WHERE entity = 'case_activity'"))
