"""a contact person's consent to share is recorded with its date

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 13:10:00.000000

A company's contact persons are kept on the company (name, position, email, phone, consent to
share with partner institutions). When the contact agreed is now a field of its own, so the
company's Contacts tab and the case summary can say since when their details may be shared.
Ops and bundles of apps without the field still merge: a field an app does not know is kept in
``extra`` untouched (the authority's rule for unknown fields).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consent_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("consent_date")
