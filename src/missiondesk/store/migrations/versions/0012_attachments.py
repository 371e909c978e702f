"""attachments: files attached to cases, activities, briefs, meetings and proposals

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:40:00.000000

A synced table like the others (the sync columns, one column per field): the attachment's record
names its file (name, SHA-256, size, media type) and the one record it belongs to. The file's
content is not in the database: it is kept once per SHA-256 under the data folder's
``attachments/`` (``store/blobs.py``). The table is new, so no search document needs rewriting.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_PARENTS = ("activity_id", "brief_id", "case_id", "meeting_id", "proposal_id")


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("owner_mission", sa.String(length=16), nullable=False),
        sa.Column("version", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), server_default="", nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), server_default="", nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.Column("conflict_state", sa.String(length=8), server_default="none", nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("activity_id", sa.String(length=36), nullable=True),
        sa.Column("brief_id", sa.String(length=36), nullable=True),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("proposal_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_owner_mission"), ["owner_mission"], unique=False)
        for name in _PARENTS:
            batch_op.create_index(f"ix_attachment_{name}", [name], unique=False)
        batch_op.create_index("ix_attachment_sha256", ["sha256"], unique=False)
        for name in ("created_at", "updated_at"):
            batch_op.create_index(
                f"ix_attachment_live_{name}",
                [name, "id"],
                unique=False,
                sqlite_where=sa.text("deleted_at IS NULL"),
                postgresql_where=sa.text("deleted_at IS NULL"),
            )
        batch_op.create_index(
            "ix_attachment_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )


def downgrade() -> None:
    op.drop_table("attachment")
