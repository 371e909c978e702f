"""handover: a proposal has an owner officer, a case remembers when its officer was assigned

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 15:40:00.000000

A handover moves an officer's open cases, tasks and proposals to a successor. Cases and tasks
name their officer already; a proposal now does too (``officer_id``). A case also carries the day
its officer was last set (``assigned_on``), written by the record service with the officer: the
"recently assigned to me" filter reads it on every laptop of the mission, whichever device made
the assignment (the audit trail holds only this device's edits). Ops and bundles of apps without
the fields still merge: a field an app does not know is kept in ``extra`` untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("officer_id", sa.String(length=36), nullable=True))
        batch_op.create_index("ix_proposal_officer_id", ["officer_id"], unique=False)
    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.drop_column("assigned_on")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index("ix_proposal_officer_id")
        batch_op.drop_column("officer_id")
