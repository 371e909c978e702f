"""Schema migrations with Alembic, run when a database is opened.

A file behind the newest revision is copied to ``backups/`` before the first
migration step; a file whose revision this app does not know was written by a
newer MissionDesk and is refused untouched.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from missiondesk.errors import NewerSchema

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """What Alembic compares: everything but the FTS5 virtual tables, which migrations manage by hand."""
    return not (type_ == "table" and name is not None and name.startswith(("search_fts", "search_bigram")))


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in script_directory().walk_revisions()}


def refuse_if_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise NewerSchema(
            f"{where} was written by a newer version of MissionDesk (schema {revision}). "
            "Update MissionDesk to open it; the database was left untouched."
        )


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
