"""authority and conflicts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:11:47.933308
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auth_device",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("mission_code", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=120), server_default="", nullable=False),
        sa.Column("next_seq", sa.BigInteger(), server_default="1", nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("blocked_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_auth_device")),
    )
    with op.batch_alter_table("auth_device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auth_device_mission_code"), ["mission_code"], unique=False)

    op.create_table(
        "change_feed",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.Column("actor", sa.String(length=120), server_default="", nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_feed")),
    )
    with op.batch_alter_table("change_feed", schema=None) as batch_op:
        batch_op.create_index("ix_change_feed_audience_seq", ["audience", "seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_feed_record_id"), ["record_id"], unique=False)

    op.create_table(
        "conflict",
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
        sa.Column("entity_name", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("ours", sa.Text(), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("made_by", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("resolution", sa.String(length=32), nullable=True),
        sa.Column("resolved_by", sa.String(length=120), nullable=True),
        sa.Column("resolved_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index("ix_conflict_record_id", ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "feed_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_counter")),
    )
    op.create_table(
        "held_op",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_held_op")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_held_op_device_id_seq")),
    )
    with op.batch_alter_table("held_op", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_held_op_record_id"), ["record_id"], unique=False)

    op.create_table(
        "op_receipt",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=True),
        sa.Column("via", sa.String(length=10), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_op_receipt")),
        sa.UniqueConstraint("device_id", "seq", name=op.f("uq_op_receipt_device_id_seq")),
    )
    feed_counter = sa.table("feed_counter", sa.column("id", sa.Integer), sa.column("last_seq", sa.BigInteger))
    op.bulk_insert(feed_counter, [{"id": 1, "last_seq": 0}])


def downgrade() -> None:
    op.drop_table("op_receipt")
    with op.batch_alter_table("held_op", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_op_record_id"))

    op.drop_table("held_op")
    op.drop_table("feed_counter")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_updated_at"))
        batch_op.drop_index("ix_conflict_record_id")
        batch_op.drop_index(batch_op.f("ix_conflict_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_conflict_deleted_at"))

    op.drop_table("conflict")
    with op.batch_alter_table("change_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_feed_record_id"))
        batch_op.drop_index("ix_change_feed_audience_seq")

    op.drop_table("change_feed")
    with op.batch_alter_table("auth_device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_auth_device_mission_code"))

    op.drop_table("auth_device")
