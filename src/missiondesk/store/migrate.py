"""Schema migrations with Alembic, run when a database is opened.

A file behind the newest revision is copied to ``backups/`` before the first
migration step; a file whose revision this app does not know was written by a
newer MissionDesk and is refused untouched.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from missiondesk.errors import NewerSchema

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*(?:\"([^\"]*)\"|None)", re.MULTILINE)


# Made by migrations alone: the FTS5 virtual tables and the SQLite-only report index (0006).
_BY_HAND = {
    "table": ("search_fts", "search_bigram"),
    "index": ("ix_support_case_report", "ix_case_activity_report"),
}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """What Alembic compares with the table declarations: everything but what migrations manage by hand."""
    return not (name is not None and name.startswith(_BY_HAND.get(type_, ())))


def alembic_config() -> Config:
    from alembic.config import Config  # Alembic loads only when a migration runs: it costs start-up time

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@functools.cache
def _revision_graph() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files without importing Alembic.

    Opening a database only needs to know whether it is at the head; a test checks this
    agrees with Alembic's own reading of the same files.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if found.get("revision"):
            graph[str(found["revision"])] = found.get("down_revision") or None
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    [head] = set(graph) - {d for d in graph.values() if d}
    return head


def known_revisions() -> set[str]:
    return set(_revision_graph())


def refuse_if_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise NewerSchema(
            f"{where} was written by a newer version of MissionDesk (schema {revision}). "
            "Update MissionDesk to open it; the database was left untouched."
        )


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
