"""fast list pages and two-character search

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:29:22.881815
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

# A migration must not change when the app's code does: its own copy of the bigram rule.
_WORD = re.compile(r"\w+")


def bigrams(body: str) -> str:
    return " ".join(w[i : i + 2] for w in _WORD.findall(body) for i in range(len(w) - 1))


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_updated_at"))
        batch_op.create_index(
            "ix_agenda_item_live_position",
            ["position", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_agenda_item_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_agenda_item_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_area_updated_at"))
        batch_op.create_index(
            "ix_area_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_area_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_area_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_authority_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_authority_updated_at"))
        batch_op.create_index(
            "ix_authority_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_authority_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_authority_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("brief_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_brief_delivery_date"))
        batch_op.drop_index(batch_op.f("ix_brief_delivery_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_brief_delivery_updated_at"))
        batch_op.create_index(
            "ix_brief_delivery_live_date",
            ["date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_brief_delivery_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_brief_delivery_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("case_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_activity_date"))
        batch_op.drop_index(batch_op.f("ix_case_activity_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_case_activity_updated_at"))
        batch_op.create_index(
            "ix_case_activity_live_date",
            ["date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_case_activity_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_case_activity_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_category_updated_at"))
        batch_op.create_index(
            "ix_category_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_category_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_category_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_company_name_en"))
        batch_op.drop_index(batch_op.f("ix_company_name_ko"))
        batch_op.drop_index(batch_op.f("ix_company_updated_at"))
        batch_op.create_index(
            "ix_company_live_name_en",
            ["name_en", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_company_live_name_ko",
            ["name_ko", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_company_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_company_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_conflict_updated_at"))
        batch_op.create_index(
            "ix_conflict_live_created_at",
            ["created_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_conflict_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_conflict_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_contact_updated_at"))
        batch_op.create_index(
            "ix_contact_live_name",
            ["name", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_contact_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_contact_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("council_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_meeting_date"))
        batch_op.drop_index(batch_op.f("ix_council_meeting_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_council_meeting_updated_at"))
        batch_op.create_index(
            "ix_council_meeting_live_date",
            ["date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_council_meeting_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_council_meeting_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_country_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_country_updated_at"))
        batch_op.create_index(
            "ix_country_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_country_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_country_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("market_brief", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_market_brief_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_market_brief_published_date"))
        batch_op.drop_index(batch_op.f("ix_market_brief_title"))
        batch_op.drop_index(batch_op.f("ix_market_brief_topic"))
        batch_op.drop_index(batch_op.f("ix_market_brief_updated_at"))
        batch_op.create_index(
            "ix_market_brief_live_published_date",
            ["published_date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_market_brief_live_title",
            ["title", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_market_brief_live_topic",
            ["topic", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_market_brief_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_market_brief_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_updated_at"))
        batch_op.create_index(
            "ix_meeting_attendance_live_partner",
            ["partner", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_meeting_attendance_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_meeting_attendance_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("mission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mission_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_mission_updated_at"))
        batch_op.create_index(
            "ix_mission_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_mission_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_mission_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officer_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_officer_updated_at"))
        batch_op.create_index(
            "ix_officer_live_name",
            ["name", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_officer_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_officer_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_partner_updated_at"))
        batch_op.create_index(
            "ix_partner_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_partner_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_partner_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("partner_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_referral_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_partner_referral_updated_at"))
        batch_op.create_index(
            "ix_partner_referral_live_requested_date",
            ["requested_date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_partner_referral_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_partner_referral_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_programme_updated_at"))
        batch_op.create_index(
            "ix_programme_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_programme_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_programme_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_proposal_fiscal_year"))
        batch_op.drop_index(batch_op.f("ix_proposal_status"))
        batch_op.drop_index(batch_op.f("ix_proposal_updated_at"))
        batch_op.create_index(
            "ix_proposal_live_fiscal_year",
            ["fiscal_year", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_proposal_live_status",
            ["status", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_proposal_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_proposal_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("reporting_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_period_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_reporting_period_updated_at"))
        batch_op.create_index(
            "ix_reporting_period_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_reporting_period_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_reporting_period_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("sector", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sector_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_sector_updated_at"))
        batch_op.create_index(
            "ix_sector_live_code",
            ["code", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_sector_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_sector_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_case_country"))
        batch_op.drop_index(batch_op.f("ix_support_case_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_support_case_estimated_resolution_date"))
        batch_op.drop_index(batch_op.f("ix_support_case_priority"))
        batch_op.drop_index(batch_op.f("ix_support_case_received_date"))
        batch_op.drop_index(batch_op.f("ix_support_case_status"))
        batch_op.drop_index(batch_op.f("ix_support_case_title"))
        batch_op.drop_index(batch_op.f("ix_support_case_updated_at"))
        batch_op.create_index(
            "ix_support_case_live_country",
            ["country", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_estimated_resolution_date",
            ["estimated_resolution_date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_priority",
            ["priority", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_received_date",
            ["received_date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_reference",
            ["reference", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_status",
            ["status", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_title",
            ["title", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_support_case_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )

    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_task_deleted_at"))
        batch_op.drop_index(batch_op.f("ix_task_due_date"))
        batch_op.drop_index(batch_op.f("ix_task_status"))
        batch_op.drop_index(batch_op.f("ix_task_updated_at"))
        batch_op.create_index(
            "ix_task_live_due_date",
            ["due_date", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_task_live_status",
            ["status", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_task_live_updated_at",
            ["updated_at", "id"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(
            "ix_task_trash",
            ["deleted_at"],
            unique=False,
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
    if op.get_bind().dialect.name == "sqlite":
        # Two-character terms (비자, 통관) through an index of each word's character pairs.
        op.execute("CREATE VIRTUAL TABLE search_bigram USING fts5(body)")
        bind = op.get_bind()
        docs = bind.execute(sa.text("SELECT id, body FROM search_doc")).all()
        rows = [{"id": doc_id, "body": bigrams(body)} for doc_id, body in docs]
        if rows:
            bind.execute(sa.text("INSERT INTO search_bigram(rowid, body) VALUES (:id, :body)"), rows)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_bigram")
    with op.batch_alter_table("task", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_task_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_task_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_task_live_status",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_task_live_due_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_task_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("support_case", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_support_case_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_title",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_status",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_reference",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_received_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_priority",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_estimated_resolution_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_support_case_live_country",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_support_case_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_title"), ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_received_date"), ["received_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_priority"), ["priority"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_support_case_estimated_resolution_date"),
            ["estimated_resolution_date"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_support_case_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_support_case_country"), ["country"], unique=False)

    with op.batch_alter_table("sector", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_sector_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_sector_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_sector_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_sector_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sector_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("reporting_period", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_reporting_period_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_reporting_period_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_reporting_period_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_reporting_period_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reporting_period_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_proposal_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_proposal_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_proposal_live_status",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_proposal_live_fiscal_year",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_proposal_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_fiscal_year"), ["fiscal_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposal_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_programme_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_programme_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_programme_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_programme_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("partner_referral", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_partner_referral_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_partner_referral_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_partner_referral_live_requested_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_partner_referral_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_referral_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_partner_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_partner_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_partner_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_partner_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_officer_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_officer_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_officer_live_name",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_officer_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_officer_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("mission", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_mission_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_mission_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_mission_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_mission_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_mission_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_meeting_attendance_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_meeting_attendance_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_meeting_attendance_live_partner",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_meeting_attendance_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_attendance_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("market_brief", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_market_brief_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_market_brief_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_market_brief_live_topic",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_market_brief_live_title",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_market_brief_live_published_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_market_brief_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_brief_topic"), ["topic"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_brief_title"), ["title"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_brief_published_date"), ["published_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_brief_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("country", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_country_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_country_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_country_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_country_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_country_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("council_meeting", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_council_meeting_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_council_meeting_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_council_meeting_live_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_council_meeting_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_council_meeting_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_council_meeting_date"), ["date"], unique=False)

    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_contact_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_contact_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_contact_live_name",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_contact_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_conflict_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_conflict_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_conflict_live_created_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_conflict_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_company_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_company_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_company_live_name_ko",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_company_live_name_en",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_company_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_name_ko"), ["name_ko"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_name_en"), ["name_en"], unique=False)
        batch_op.create_index(batch_op.f("ix_company_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_category_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_category_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_category_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_category_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_category_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("case_activity", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_case_activity_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_case_activity_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_case_activity_live_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_case_activity_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_activity_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_activity_date"), ["date"], unique=False)

    with op.batch_alter_table("brief_delivery", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_brief_delivery_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_brief_delivery_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_brief_delivery_live_date",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_brief_delivery_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_brief_delivery_deleted_at"), ["deleted_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_brief_delivery_date"), ["date"], unique=False)

    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_authority_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_authority_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_authority_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_authority_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_authority_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_area_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_area_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_area_live_code",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_area_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_area_deleted_at"), ["deleted_at"], unique=False)

    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_agenda_item_trash",
            sqlite_where=sa.text("deleted_at IS NOT NULL"),
            postgresql_where=sa.text("deleted_at IS NOT NULL"),
        )
        batch_op.drop_index(
            "ix_agenda_item_live_updated_at",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(
            "ix_agenda_item_live_position",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.create_index(batch_op.f("ix_agenda_item_updated_at"), ["updated_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_deleted_at"), ["deleted_at"], unique=False)
