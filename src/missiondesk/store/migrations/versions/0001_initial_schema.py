"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 14:59:51.608558
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agenda_item",
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
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index("ix_agenda_item_case_id", ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_agenda_item_meeting_id", ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "area",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area")),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_area_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_area_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_area_code", ["code"], unique=True)

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_record_id"), ["record_id"], unique=False)

    op.create_table(
        "authority",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=32), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_local", sa.String(length=300), nullable=True),
        sa.Column("level", sa.String(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authority")),
    )
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_authority_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_authority_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_authority_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_authority_code", ["code"], unique=True)

    op.create_table(
        "brief_delivery",
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
        sa.Column("brief_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brief_delivery")),
    )
    with op.batch_alter_table("brief_delivery", schema=None) as batch_op:
        batch_op.create_index("ix_brief_delivery_brief_id", ["brief_id"], unique=False)
        batch_op.create_index("ix_brief_delivery_company_id", ["company_id"], unique=False)
        batch_op.create_index("ix_brief_delivery_date", ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_brief_delivery_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_brief_delivery_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_brief_delivery_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "case_activity",
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
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("action_type", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("officers", sa.JSON(), nullable=True),
        sa.Column("partners", sa.JSON(), nullable=True),
        sa.Column("authorities", sa.JSON(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("next_steps", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_activity")),
    )
    with op.batch_alter_table("case_activity", schema=None) as batch_op:
        batch_op.create_index("ix_case_activity_case_id", ["case_id"], unique=False)
        batch_op.create_index("ix_case_activity_date", ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_activity_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_activity_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_activity_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "category",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("parent", sa.String(length=32), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("sort", sa.BigInteger(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category")),
    )
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_category_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_category_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_category_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_category_code", ["code"], unique=True)

    op.create_table(
        "company",
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
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("brn", sa.String(length=20), nullable=True),
        sa.Column("size", sa.String(length=32), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.Column("export_experience", sa.String(length=32), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("home_city", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company")),
    )
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.create_index("ix_company_brn", ["brn"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_company_name_en", ["name_en"], unique=False)
        batch_op.create_index("ix_company_name_ko", ["name_ko"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "contact",
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
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("consent_to_share", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index("ix_contact_company_id", ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "council_meeting",
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
        sa.Column("year", sa.BigInteger(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_meeting")),
    )
    with op.batch_alter_table("council_meeting", schema=None) as batch_op:
        batch_op.create_index("ix_council_meeting_date", ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_council_meeting_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_council_meeting_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_council_meeting_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "country",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=32), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country")),
    )
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_country_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_country_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_country_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_country_code", ["code"], unique=True)

    op.create_table(
        "device",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("mission_code", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("officer_name", sa.String(length=120), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("slot", sa.Integer(), server_default="1", nullable=False),
        sa.Column("last_seq", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("current", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device")),
    )
    op.create_table(
        "market_brief",
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
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=32), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("sources", sa.Text(), nullable=True),
        sa.Column("published_date", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_market_brief")),
    )
    with op.batch_alter_table("market_brief", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_market_brief_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_brief_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index("ix_market_brief_published_date", ["published_date"], unique=False)
        batch_op.create_index("ix_market_brief_title", ["title"], unique=False)
        batch_op.create_index("ix_market_brief_topic", ["topic"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_brief_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "meeting_attendance",
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
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("partner", sa.String(length=32), nullable=True),
        sa.Column("authority", sa.String(length=32), nullable=True),
        sa.Column("attendee_names", sa.String(length=500), nullable=True),
        sa.Column("attendees", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
    )
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_attendance_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_meeting_attendance_meeting_id", ["meeting_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meeting_attendance_owner_mission"), ["owner_mission"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_attendance_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "mission",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=32), nullable=False),
        sa.Column("city_en", sa.String(length=200), nullable=True),
        sa.Column("city_ko", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("jurisdiction", sa.JSON(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mission")),
    )
    with op.batch_alter_table("mission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mission_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_mission_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_mission_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_mission_code", ["code"], unique=True)

    op.create_table(
        "officer",
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
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mission", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer")),
    )
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officer_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_officer_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_officer_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "partner",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_partner_code", ["code"], unique=True)

    op.create_table(
        "partner_referral",
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
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("partner", sa.String(length=32), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("requested_date", sa.Date(), nullable=True),
        sa.Column("completed_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_referral")),
    )
    with op.batch_alter_table("partner_referral", schema=None) as batch_op:
        batch_op.create_index("ix_partner_referral_case_id", ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_referral_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_partner_referral_owner_mission"), ["owner_mission"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_partner_referral_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "programme",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=True),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
    )
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_programme_code", ["code"], unique=True)

    op.create_table(
        "proposal",
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
        sa.Column("programme", sa.String(length=32), nullable=False),
        sa.Column("fiscal_year", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("target_segment", sa.String(length=200), nullable=True),
        sa.Column("activities", sa.Text(), nullable=True),
        sa.Column("partners", sa.JSON(), nullable=True),
        sa.Column("budget_krw", sa.BigInteger(), nullable=True),
        sa.Column("kpis", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("submitted_date", sa.Date(), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=200), nullable=True),
        sa.Column("reviewed_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal")),
    )
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_proposal_fiscal_year", ["fiscal_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index("ix_proposal_status", ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "reference_counter",
        sa.Column("mission_code", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("mission_code", "year", "slot", name=op.f("pk_reference_counter")),
    )
    op.create_table(
        "reporting_period",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("cutoff", sa.Date(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_period")),
    )
    with op.batch_alter_table("reporting_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reporting_period_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reporting_period_owner_mission"), ["owner_mission"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reporting_period_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_reporting_period_code", ["code"], unique=True)

    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("owner_mission", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("record_id", name=op.f("uq_search_doc_record_id")),
    )
    op.create_table(
        "sector",
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
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_ko", sa.String(length=200), nullable=False),
        sa.Column("sort", sa.BigInteger(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sector")),
    )
    with op.batch_alter_table("sector", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sector_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sector_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index(batch_op.f("ix_sector_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_sector_code", ["code"], unique=True)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "support_case",
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
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("summary_sensitive", sa.Boolean(), nullable=True),
        sa.Column("company_id", sa.String(length=36), nullable=True),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("country", sa.String(length=32), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=True),
        sa.Column("categories", sa.JSON(), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.Column("request_source", sa.String(length=32), nullable=True),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("pending_on", sa.String(length=32), nullable=True),
        sa.Column("priority", sa.String(length=32), nullable=True),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("estimated_resolution_date", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("resolution_date", sa.Date(), nullable=True),
        sa.Column("resolution_summary", sa.Text(), nullable=True),
        sa.Column("investment_usd", sa.BigInteger(), nullable=True),
        sa.Column("jobs_created", sa.BigInteger(), nullable=True),
        sa.Column("permit_obtained", sa.Boolean(), nullable=True),
        sa.Column("site_secured", sa.Boolean(), nullable=True),
        sa.Column("duplicate_of", sa.String(length=36), nullable=True),
        sa.Column("hq_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_case")),
    )
    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.create_index("ix_support_case_company_id", ["company_id"], unique=False)
        batch_op.create_index("ix_support_case_contact_id", ["contact_id"], unique=False)
        batch_op.create_index("ix_support_case_country", ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_support_case_duplicate_of", ["duplicate_of"], unique=False)
        batch_op.create_index(
            "ix_support_case_estimated_resolution_date", ["estimated_resolution_date"], unique=False
        )
        batch_op.create_index("ix_support_case_officer_id", ["officer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index("ix_support_case_priority", ["priority"], unique=False)
        batch_op.create_index("ix_support_case_received_date", ["received_date"], unique=False)
        batch_op.create_index("ix_support_case_status", ["status"], unique=False)
        batch_op.create_index("ix_support_case_title", ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index("uq_support_case_reference", ["reference"], unique=True)

    op.create_table(
        "task",
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
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("officer_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("agenda_item_id", sa.String(length=36), nullable=True),
        sa.Column("done_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.create_index("ix_task_agenda_item_id", ["agenda_item_id"], unique=False)
        batch_op.create_index("ix_task_case_id", ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index("ix_task_due_date", ["due_date"], unique=False)
        batch_op.create_index("ix_task_meeting_id", ["meeting_id"], unique=False)
        batch_op.create_index("ix_task_officer_id", ["officer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_owner_mission"), ["owner_mission"], unique=False)
        batch_op.create_index("ix_task_status", ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="pending", nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["device.device_id"], name=op.f("fk_outbox_device_id_device")),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("op_id", name=op.f("uq_outbox_op_id")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_record_id"), ["record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_status"), ["status"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        # Trigram FTS5 finds Korean by any 3+ character substring; rowid = search_doc.id.
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize='trigram')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_status"))
        batch_op.drop_index(batch_op.f("ix_outbox_record_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_updated_at"))
        batch_op.drop_index("ix_task_status")
        batch_op.drop_index(batch_op.f("ix_task_owner_mission"))
        batch_op.drop_index("ix_task_officer_id")
        batch_op.drop_index("ix_task_meeting_id")
        batch_op.drop_index("ix_task_due_date")
        batch_op.drop_index(batch_op.f("ix_task_deleted_at"))
        batch_op.drop_index("ix_task_case_id")
        batch_op.drop_index("ix_task_agenda_item_id")

    op.drop_table("task")
    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.drop_index("uq_support_case_reference")
        batch_op.drop_index(batch_op.f("ix_support_case_updated_at"))
        batch_op.drop_index("ix_support_case_title")
        batch_op.drop_index("ix_support_case_status")
        batch_op.drop_index("ix_support_case_received_date")
        batch_op.drop_index("ix_support_case_priority")
        batch_op.drop_index(batch_op.f("ix_support_case_owner_mission"))
        batch_op.drop_index("ix_support_case_officer_id")
        batch_op.drop_index("ix_support_case_estimated_resolution_date")
        batch_op.drop_index("ix_support_case_duplicate_of")
        batch_op.drop_index(batch_op.f("ix_support_case_deleted_at"))
        batch_op.drop_index("ix_support_case_country")
        batch_op.drop_index("ix_support_case_contact_id")
        batch_op.drop_index("ix_support_case_company_id")

    op.drop_table("support_case")
    op.drop_table("setting")
    with op.batch_alter_table("sector", schema=None) as batch_op:
        batch_op.drop_index("uq_sector_code")
        batch_op.drop_index(batch_op.f("ix_sector_updated_at"))
        batch_op.drop_index(batch_op.f("ix_sector_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_sector_deleted_at"))

    op.drop_table("sector")
    op.drop_table("search_doc")
    with op.batch_alter_table("reporting_period", schema=None) as batch_op:
        batch_op.drop_index("uq_reporting_period_code")
        batch_op.drop_index(batch_op.f("ix_reporting_period_updated_at"))
        batch_op.drop_index(batch_op.f("ix_reporting_period_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_reporting_period_deleted_at"))

    op.drop_table("reporting_period")
    op.drop_table("reference_counter")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_updated_at"))
        batch_op.drop_index("ix_proposal_status")
        batch_op.drop_index(batch_op.f("ix_proposal_owner_mission"))
        batch_op.drop_index("ix_proposal_fiscal_year")
        batch_op.drop_index(batch_op.f("ix_proposal_deleted_at"))

    op.drop_table("proposal")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_index("uq_programme_code")
        batch_op.drop_index(batch_op.f("ix_programme_updated_at"))
        batch_op.drop_index(batch_op.f("ix_programme_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_programme_deleted_at"))

    op.drop_table("programme")
    with op.batch_alter_table("partner_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_referral_updated_at"))
        batch_op.drop_index(batch_op.f("ix_partner_referral_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_partner_referral_deleted_at"))
        batch_op.drop_index("ix_partner_referral_case_id")

    op.drop_table("partner_referral")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index("uq_partner_code")
        batch_op.drop_index(batch_op.f("ix_partner_updated_at"))
        batch_op.drop_index(batch_op.f("ix_partner_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_partner_deleted_at"))

    op.drop_table("partner")
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officer_updated_at"))
        batch_op.drop_index(batch_op.f("ix_officer_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_officer_deleted_at"))

    op.drop_table("officer")
    with op.batch_alter_table("mission", schema=None) as batch_op:
        batch_op.drop_index("uq_mission_code")
        batch_op.drop_index(batch_op.f("ix_mission_updated_at"))
        batch_op.drop_index(batch_op.f("ix_mission_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_mission_deleted_at"))

    op.drop_table("mission")
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_updated_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_owner_mission"))
        batch_op.drop_index("ix_meeting_attendance_meeting_id")
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_deleted_at"))

    op.drop_table("meeting_attendance")
    with op.batch_alter_table("market_brief", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_market_brief_updated_at"))
        batch_op.drop_index("ix_market_brief_topic")
        batch_op.drop_index("ix_market_brief_title")
        batch_op.drop_index("ix_market_brief_published_date")
        batch_op.drop_index(batch_op.f("ix_market_brief_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_market_brief_deleted_at"))

    op.drop_table("market_brief")
    op.drop_table("device")
    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.drop_index("uq_country_code")
        batch_op.drop_index(batch_op.f("ix_country_updated_at"))
        batch_op.drop_index(batch_op.f("ix_country_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_country_deleted_at"))

    op.drop_table("country")
    with op.batch_alter_table("council_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_meeting_updated_at"))
        batch_op.drop_index(batch_op.f("ix_council_meeting_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_council_meeting_deleted_at"))
        batch_op.drop_index("ix_council_meeting_date")

    op.drop_table("council_meeting")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_updated_at"))
        batch_op.drop_index(batch_op.f("ix_contact_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_contact_deleted_at"))
        batch_op.drop_index("ix_contact_company_id")

    op.drop_table("contact")
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_updated_at"))
        batch_op.drop_index(batch_op.f("ix_company_owner_mission"))
        batch_op.drop_index("ix_company_name_ko")
        batch_op.drop_index("ix_company_name_en")
        batch_op.drop_index(batch_op.f("ix_company_deleted_at"))
        batch_op.drop_index("ix_company_brn")

    op.drop_table("company")
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_index("uq_category_code")
        batch_op.drop_index(batch_op.f("ix_category_updated_at"))
        batch_op.drop_index(batch_op.f("ix_category_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_category_deleted_at"))

    op.drop_table("category")
    with op.batch_alter_table("case_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_activity_updated_at"))
        batch_op.drop_index(batch_op.f("ix_case_activity_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_case_activity_deleted_at"))
        batch_op.drop_index("ix_case_activity_date")
        batch_op.drop_index("ix_case_activity_case_id")

    op.drop_table("case_activity")
    with op.batch_alter_table("brief_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_brief_delivery_updated_at"))
        batch_op.drop_index(batch_op.f("ix_brief_delivery_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_brief_delivery_deleted_at"))
        batch_op.drop_index("ix_brief_delivery_date")
        batch_op.drop_index("ix_brief_delivery_company_id")
        batch_op.drop_index("ix_brief_delivery_brief_id")

    op.drop_table("brief_delivery")
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.drop_index("uq_authority_code")
        batch_op.drop_index(batch_op.f("ix_authority_updated_at"))
        batch_op.drop_index(batch_op.f("ix_authority_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_authority_deleted_at"))

    op.drop_table("authority")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_record_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index("uq_area_code")
        batch_op.drop_index(batch_op.f("ix_area_updated_at"))
        batch_op.drop_index(batch_op.f("ix_area_owner_mission"))
        batch_op.drop_index(batch_op.f("ix_area_deleted_at"))

    op.drop_table("area")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_updated_at"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_owner_mission"))
        batch_op.drop_index("ix_agenda_item_meeting_id")
        batch_op.drop_index(batch_op.f("ix_agenda_item_deleted_at"))
        batch_op.drop_index("ix_agenda_item_case_id")

    op.drop_table("agenda_item")
