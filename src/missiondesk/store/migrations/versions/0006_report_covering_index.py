"""covering indexes for the yearly tallies (SQLite); list-filter indexes for cases

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 18:20:00.000000

The dashboard counts every case of a period, grouped by status, outcome, area, country and
categories, summing the outcome figures. With 100,000 cases that read 30,000 rows one by one
(about 400 ms); an index holding every column those queries touch answers them from the index
alone (about 70 ms). Deciding which open cases are dormant reads the last 90 days of activities:
(date, case_id) answers that from an index too. SQLite only: on PostgreSQL ``categories`` is JSON, which a B-tree cannot
hold, and HQ's server sizes its own cache. Managed here, not in the table declarations, so the
schema comparison (``missiondesk.store.migrate.include_object``) leaves it alone.

Also, on both databases: the case list's pending-on and area filters get the same (column, id)
index over live rows as its sort columns, so counting a filter's matches reads only the index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_support_case_report": (
        "support_case",
        "owner_mission, received_date, duplicate_of, status, pending_on, outcome, area, country, "
        "investment_usd, jobs_created, permit_obtained, site_secured, categories, deleted_at, id",
    ),
    "ix_case_activity_report": ("case_activity", "date, case_id, deleted_at"),
}


LIST_FILTERS = ("pending_on", "area")


def upgrade() -> None:
    live = sa.text("deleted_at IS NULL")
    for column in LIST_FILTERS:
        op.create_index(
            f"ix_support_case_live_{column}",
            "support_case",
            [column, "id"],
            sqlite_where=live,
            postgresql_where=live,
        )
    if op.get_bind().dialect.name == "sqlite":
        for name, (table, columns) in INDEXES.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}) WHERE deleted_at IS NULL")


def downgrade() -> None:
    for column in LIST_FILTERS:
        op.drop_index(f"ix_support_case_live_{column}", table_name="support_case")
    if op.get_bind().dialect.name == "sqlite":
        for name in INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
