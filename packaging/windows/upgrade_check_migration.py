"""the Windows stage's upgrade check: one more migration than the build it is installed over

Revision ID: 9999
Revises: HEAD_REVISION

Not shipped: packaging/windows/stage.sh copies this file, with the build's head revision filled in,
into a copy of the built app, makes a second installer of it and installs that over the first, so
that the first start after the upgrade migrates (and takes its backup first) as a real upgrade would.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "HEAD_REVISION"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("upgrade_check", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("upgrade_check")
