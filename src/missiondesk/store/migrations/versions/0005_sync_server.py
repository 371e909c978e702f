"""sync server: device credentials and one-time enrolment codes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_device", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credential_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
    op.create_table(
        "enrol_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("mission_code", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrol_code")),
    )


def downgrade() -> None:
    op.drop_table("enrol_code")
    with op.batch_alter_table("auth_device", schema=None) as batch_op:
        batch_op.drop_column("last_seen_at")
        batch_op.drop_column("credential_hash")
