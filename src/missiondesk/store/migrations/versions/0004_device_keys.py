"""device keys for signed bundles

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 17:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_key",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("mission_code", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), server_default="", nullable=False),
        sa.Column("trusted_at", sa.DateTime(), nullable=False),
        sa.Column("trusted_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_key")),
    )


def downgrade() -> None:
    op.drop_table("device_key")
