"""The words read from attachments' contents, one row per SHA-256, and the attachments still unread.

The text lives in the database (encrypted where the database is), never beside the contents: an
attachment's search document is its file name followed by its content's text (``store/search``).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.store.tables import attachment_text, entity_table


def texts(conn: Connection, shas: Iterable[str]) -> dict[str, str]:
    """The text read from each of these contents (those read and holding words)."""
    wanted = sorted(set(shas))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        stmt = sa.select(attachment_text.c.sha256, attachment_text.c.body).where(
            attachment_text.c.sha256.in_(wanted[start : start + 500]), attachment_text.c.body != ""
        )
        found.update((sha, body) for sha, body in conn.execute(stmt))
    return found


def is_read(conn: Connection, sha256: str, reader: int) -> bool:
    stmt = sa.select(attachment_text.c.reader).where(attachment_text.c.sha256 == sha256)
    found = conn.execute(stmt).scalar()
    return found is not None and found >= reader


def save(conn: Connection, sha256: str, reader: int, body: str) -> None:
    conn.execute(sa.delete(attachment_text).where(attachment_text.c.sha256 == sha256))
    conn.execute(sa.insert(attachment_text).values(sha256=sha256, reader=reader, body=body))


def media_type(conn: Connection, sha256: str) -> str | None:
    """The media type an attachment of this content was recorded with (any one: the content decides)."""
    table = entity_table("attachment")
    stmt = sa.select(table.c.media_type).where(table.c.sha256 == sha256).limit(1)
    return conn.execute(stmt).scalar()


def unread(
    conn: Connection, reader: int, media_types: Iterable[str], limit: int, after: str = ""
) -> list[str]:
    """Contents of live attachments of a readable kind not yet read by this reader version, in hash
    order from ``after`` (a content not on this device yet is passed over, not asked for again)."""
    table = entity_table("attachment")
    read = sa.select(attachment_text.c.sha256).where(attachment_text.c.reader >= reader)
    stmt = (
        sa.select(table.c.sha256)
        .where(
            table.c.deleted_at.is_(None),
            table.c.media_type.in_(sorted(media_types)),
            table.c.sha256.not_in(read),
            table.c.sha256 > after,
        )
        .group_by(table.c.sha256)
        .order_by(table.c.sha256)
        .limit(limit)
    )
    return list(conn.execute(stmt).scalars())


def live_attachments(conn: Connection, sha256: str) -> list[dict[str, object]]:
    """The live attachments of one content, as rows a search document is made from."""
    table = entity_table("attachment")
    stmt = sa.select(table).where(table.c.sha256 == sha256, table.c.deleted_at.is_(None))
    return [dict(row) for row in conn.execute(stmt).mappings()]
