"""attachment text: the words of attached PDF, DOCX, HWPX and text files, for search

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 18:50:00.000000

Local to the device, never synced: one row per content (SHA-256) this device has read. The files
attached before this revision are read by a maintenance step after the window opens
(``services/attachment_text.index_pending``, in batches), not here: reading a PDF is seconds of work,
not a schema change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_text",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("reader", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_attachment_text")),
    )


def downgrade() -> None:
    op.drop_table("attachment_text")
