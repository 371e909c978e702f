"""Alembic environment: always handed a live connection by missiondesk.store.migrate."""

from __future__ import annotations

from alembic import context

from missiondesk.store.migrate import include_object
from missiondesk.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("MissionDesk migrations run through missiondesk.store.migrate, not the alembic CLI.")


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
