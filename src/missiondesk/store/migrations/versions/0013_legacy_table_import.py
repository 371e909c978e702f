"""legacy tables: links from imported rows to their records, named mappings, synonyms

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:40:00.000000

Local to the device, never synced (``services/table_import.py``): ``import_link`` ties a row of a
person-made sheet to the record it made, written in the record's own transaction, so importing the same
sheet again changes nothing; ``import_mapping`` keeps named column mappings, offered again for a sheet
of the same header shape; ``import_synonym`` keeps the texts a person taught the import.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_link",
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("row_key", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(length=255), server_default="", nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", "row_key", name=op.f("pk_import_link")),
    )
    op.create_table(
        "import_mapping",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("shape", sa.String(length=64), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_import_mapping")),
    )
    op.create_index(op.f("ix_import_mapping_shape"), "import_mapping", ["shape"], unique=False)
    op.create_table(
        "import_synonym",
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("target", "text", name=op.f("pk_import_synonym")),
    )


def downgrade() -> None:
    op.drop_table("import_synonym")
    op.drop_index(op.f("ix_import_mapping_shape"), table_name="import_mapping")
    op.drop_table("import_mapping")
    op.drop_table("import_link")
