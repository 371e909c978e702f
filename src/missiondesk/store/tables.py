"""The database tables, built from the domain's entity declarations.

Synced tables get the sync columns and one column per field. There are no
foreign keys between synced tables on purpose: ops from different devices may
reach HQ in any order (or an administrator may force held ops), and a case
must not be refused because the company it names arrives in the next bundle.
Dangling references are reported by ``check`` instead. Local tables (device,
outbox, audit) are never synced.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from missiondesk.domain.schema import ENTITIES, EntitySpec, FieldSpec, Kind

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

UUID_LEN = 36


def _column_type(f: FieldSpec) -> sa.types.TypeEngine[Any]:
    match f.kind:
        case Kind.TEXT | Kind.ENUM | Kind.CODE:
            return sa.String(f.max_length)
        case Kind.REF:
            return sa.String(UUID_LEN)
        case Kind.LONGTEXT:
            return sa.Text()
        case Kind.INT:
            return sa.BigInteger()
        case Kind.BOOL:
            return sa.Boolean()
        case Kind.DATE:
            return sa.Date()
        case Kind.CODES | Kind.REFS:
            return sa.JSON()
    raise AssertionError(f.kind)


def _sync_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(UUID_LEN), primary_key=True),
        sa.Column("owner_mission", sa.String(16), nullable=False, index=True),
        sa.Column("version", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False, server_default=""),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
        sa.Column("deleted_by", sa.String(120), nullable=True),
        sa.Column("conflict_state", sa.String(8), nullable=False, server_default="none"),
        sa.Column("extra", sa.JSON, nullable=False, default=dict),
    ]


# Columns a list can be sorted by fast (an index each); the rest sort in memory-sized pages.
SORT_INDEXES: dict[str, tuple[str, ...]] = {
    "support_case": (
        "received_date",
        "reference",
        "title",
        "status",
        "priority",
        "country",
        "estimated_resolution_date",
        "pending_on",  # filters of the case list: counting a filter's matches reads only the index
        "area",
    ),
    "market_brief": ("published_date", "title", "topic"),
    "company": ("name_ko", "name_en"),
    "council_meeting": ("date",),
    "proposal": ("fiscal_year", "status"),
    "task": ("due_date", "status"),
    "case_activity": ("date",),
    "brief_delivery": ("date",),
}


def _entity_table(spec: EntitySpec) -> sa.Table:
    columns: list[sa.Column[Any]] = _sync_columns()
    for f in spec.fields:
        columns.append(
            sa.Column(f.name, _column_type(f), nullable=not (f.required and f.kind is not Kind.BOOL))
        )
    table = sa.Table(spec.table, metadata, *columns)
    if spec.natural_key is not None:
        sa.Index(f"uq_{spec.table}_{spec.natural_key}", table.c[spec.natural_key], unique=True)
    for f in spec.fields:
        if f.kind is Kind.REF:
            sa.Index(f"ix_{spec.table}_{f.name}", table.c[f.name])
    # Lists show live rows sorted by a column, a page at a time: a partial index on
    # (column, id) over live rows serves both the order and the offset without a sort.
    live = table.c.deleted_at.is_(None)
    for name in dict.fromkeys(("updated_at", spec.default_sort, *SORT_INDEXES.get(spec.name, ()))):
        _partial_index(f"ix_{spec.table}_live_{name}", table.c[name], table.c.id, where=live)
    _partial_index(f"ix_{spec.table}_trash", table.c.deleted_at, where=table.c.deleted_at.is_not(None))
    return table


_PARTIAL: list[tuple[sa.Index, sa.ColumnElement[bool]]] = []


def _partial_index(name: str, *columns: sa.Column[Any], where: sa.ColumnElement[bool]) -> None:
    """An index over the rows ``where`` holds; PostgreSQL's condition is added by ``for_postgresql``."""
    _PARTIAL.append((sa.Index(name, *columns, sqlite_where=where), where))


def for_postgresql() -> None:
    """Give the partial indexes their condition on PostgreSQL (HQ's server, before any DDL or compare).

    Naming a ``postgresql_`` option at import would load that dialect on every laptop: 50 ms of start-up.
    """
    for index, where in _PARTIAL:
        if "postgresql_where" not in index.dialect_kwargs:
            index.dialect_kwargs["postgresql_where"] = where


ENTITY_TABLES: dict[str, sa.Table] = {spec.name: _entity_table(spec) for spec in ENTITIES}

sa.Index("uq_support_case_reference", ENTITY_TABLES["support_case"].c.reference, unique=True)
# A typed reference prefix ("DE-FRA-25") matches a third of the cases; listing them newest first
# then finds the page's ids from this index alone (deleted_at included, so no case is read to check
# it) and reads only the cases on the page (store.queries; 70-90 -> 13 ms at 100,000 cases).
_partial_index(
    "ix_support_case_live_reference_received",
    *(ENTITY_TABLES["support_case"].c[name] for name in ("reference", "received_date", "id", "deleted_at")),
    where=ENTITY_TABLES["support_case"].c.deleted_at.is_(None),
)
# The tallies credit partners from each counted case's live referrals: (case_id, partner) order with
# everything the pass checks, so it reads no referral row and groups by case without a sort (0015).
_partial_index(
    "ix_partner_referral_live_case_partner",
    *(ENTITY_TABLES["partner_referral"].c[name] for name in ("case_id", "partner", "status", "deleted_at")),
    where=ENTITY_TABLES["partner_referral"].c.deleted_at.is_(None),
)
sa.Index("ix_company_brn", ENTITY_TABLES["company"].c.brn)
sa.Index("ix_conflict_record_id", ENTITY_TABLES["conflict"].c.record_id)
# Whether another record still names a content (the same file attached twice is stored once).
sa.Index("ix_attachment_sha256", ENTITY_TABLES["attachment"].c.sha256)

device = sa.Table(
    "device",
    metadata,
    sa.Column("device_id", sa.String(UUID_LEN), primary_key=True),
    sa.Column("mission_code", sa.String(16), nullable=False),
    sa.Column("role", sa.String(8), nullable=False),  # mission | hq
    sa.Column("officer_name", sa.String(120), nullable=False),
    sa.Column("officer_id", sa.String(UUID_LEN), nullable=True),
    sa.Column("slot", sa.Integer, nullable=False, server_default="1"),
    sa.Column("last_seq", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("current", sa.Boolean, nullable=False, server_default=sa.true()),
)

setting = sa.Table(
    "setting",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.JSON, nullable=True),
)

reference_counter = sa.Table(
    "reference_counter",
    metadata,
    sa.Column("mission_code", sa.String(16), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("slot", sa.Integer, primary_key=True),
    sa.Column("last", sa.Integer, nullable=False),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("device_id", sa.String(UUID_LEN), sa.ForeignKey("device.device_id"), primary_key=True),
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("op_id", sa.String(UUID_LEN), nullable=False, unique=True),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(UUID_LEN), nullable=False, index=True),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),  # the op's canonical JSON, exactly as sent
    sa.Column("status", sa.String(10), nullable=False, server_default="pending", index=True),
    sa.Column("result", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("acked_at", sa.DateTime, nullable=True),
)

audit_event = sa.Table(
    "audit_event",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("device_id", sa.String(UUID_LEN), nullable=False),
    sa.Column("actor", sa.String(120), nullable=False),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(UUID_LEN), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("changes", sa.JSON, nullable=False),
    sa.Column("op_id", sa.String(UUID_LEN), nullable=True),
)


def entity_table(name: str) -> sa.Table:
    return ENTITY_TABLES[name]


# The text search documents: one per searchable record, lower-cased (casefold) NFC text.
# On SQLite an FTS5 table with the trigram tokenizer (created by the migration, not here)
# shares its rowids, so Korean finds by any substring of three or more characters.
search_doc = sa.Table(
    "search_doc",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(UUID_LEN), nullable=False, unique=True),
    sa.Column("owner_mission", sa.String(16), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)
FTS_TABLE = "search_fts"  # trigram: terms of 3+ characters, any substring
BIGRAM_TABLE = "search_bigram"  # each word's overlapping character pairs: two-syllable Korean terms


# The words of an attachment's content, read once per SHA-256 (services/attachment_text.py): local to
# the device, never synced (each device reads the contents it holds); ``reader`` is the version of the
# readers that read it, so a better reader reads the older texts again.
attachment_text = sa.Table(
    "attachment_text",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("reader", sa.Integer, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)

# --- the authority: what HQ's database keeps about the ops it received -----------------

auth_device = sa.Table(
    "auth_device",
    metadata,
    sa.Column("device_id", sa.String(UUID_LEN), primary_key=True),
    sa.Column("mission_code", sa.String(16), nullable=False, index=True),
    sa.Column("role", sa.String(8), nullable=False),
    sa.Column("slot", sa.Integer, nullable=False),
    sa.Column("label", sa.String(120), nullable=False, server_default=""),
    sa.Column("next_seq", sa.BigInteger, nullable=False, server_default="1"),  # the op it expects next
    sa.Column("enrolled_at", sa.DateTime, nullable=False),
    sa.Column("revoked_at", sa.DateTime, nullable=True),
    sa.Column("blocked_reason", sa.Text, nullable=True),  # e.g. a reused sequence number: enrol again
    # The sync server: SHA-256 of the device's long-lived credential (the secret itself is never stored).
    sa.Column("credential_hash", sa.String(64), nullable=True),
    sa.Column("last_seen_at", sa.DateTime, nullable=True),
)

# One-time enrolment codes an HQ administrator issues for a mission (only their SHA-256 is kept).
enrol_code = sa.Table(
    "enrol_code",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("mission_code", sa.String(16), nullable=False),
    sa.Column("role", sa.String(8), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("expires_at", sa.DateTime, nullable=False),
    sa.Column("used_at", sa.DateTime, nullable=True),
    sa.Column("used_by", sa.String(UUID_LEN), nullable=True),
)

# Ed25519 public keys this database trusts, by device: at HQ the mission laptops' keys (bundles they
# sign), at a mission HQ's key (acknowledgement files it signs). Added by 'missiondesk trust-key'.
device_key = sa.Table(
    "device_key",
    metadata,
    sa.Column("device_id", sa.String(UUID_LEN), primary_key=True),
    sa.Column("mission_code", sa.String(16), nullable=False),
    sa.Column("role", sa.String(8), nullable=False),
    sa.Column("public_key", sa.String(64), nullable=False),  # raw 32 bytes, base64
    sa.Column("label", sa.String(120), nullable=False, server_default=""),
    sa.Column("trusted_at", sa.DateTime, nullable=False),
    sa.Column("trusted_by", sa.String(120), nullable=False),
)
op_receipt = sa.Table(
    "op_receipt",
    metadata,
    sa.Column("op_id", sa.String(UUID_LEN), primary_key=True),
    sa.Column("device_id", sa.String(UUID_LEN), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("version", sa.BigInteger, nullable=True),
    sa.Column("via", sa.String(10), nullable=False),
    sa.Column("received_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("device_id", "seq"),
)

held_op = sa.Table(
    "held_op",
    metadata,
    sa.Column("op_id", sa.String(UUID_LEN), primary_key=True),
    sa.Column("device_id", sa.String(UUID_LEN), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("record_id", sa.String(UUID_LEN), nullable=False, index=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("reason", sa.String(10), nullable=False),  # gap | record | schema
    sa.Column("via", sa.String(10), nullable=False),
    sa.Column("received_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("device_id", "seq"),
)

# One row: the change feed's counter. Incrementing it inside the push transaction
# locks the row until commit, so feed sequence numbers become visible in commit order.
feed_counter = sa.Table(
    "feed_counter",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last_seq", sa.BigInteger, nullable=False),
)

# At HQ the change feed is also the audit trail of merged changes: who (device and officer), when,
# which fields from what to what. Local edits on every device go to audit_event instead.
change_feed = sa.Table(
    "change_feed",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(UUID_LEN), nullable=False, index=True),
    sa.Column("audience", sa.String(16), nullable=False),  # owner mission, or * for everyone
    sa.Column("kind", sa.String(8), nullable=False),  # upsert | revoke
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("device_id", sa.String(UUID_LEN), nullable=True),  # whose op made it (None: HQ itself)
    sa.Column("op_id", sa.String(UUID_LEN), nullable=True),
    sa.Column("actor", sa.String(120), nullable=False, server_default=""),  # the officer who made the op
    sa.Column("fields", sa.JSON, nullable=False),  # the fields this change set, with base and new
    sa.Column("at", sa.DateTime, nullable=False),
    # A pull reads one audience's entries in feed order: (audience, seq) serves it without a sort.
    sa.Index("ix_change_feed_audience_seq", "audience", "seq"),
)

# Legacy tables imported on this device (``services/table_import.py``), never synced. A link ties a row
# of a person-made sheet (its source: the kind and header shape; its key: the sheet's own number or
# the row's values) to the record it made, written in the record's transaction, so importing the sheet
# again changes nothing. A mapping is a named column mapping (header title -> field), offered again for
# a sheet of the same header shape; a synonym is a text the person taught the import for a target.
import_link = sa.Table(
    "import_link",
    metadata,
    sa.Column("source", sa.String(64), primary_key=True),
    sa.Column("row_key", sa.String(64), primary_key=True),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("record_id", sa.String(UUID_LEN), nullable=False),
    sa.Column("file_name", sa.String(255), nullable=False, server_default=""),
    sa.Column("row_number", sa.Integer, nullable=False),
    sa.Column("imported_at", sa.DateTime, nullable=False),
)

import_mapping = sa.Table(
    "import_mapping",
    metadata,
    sa.Column("name", sa.String(120), primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("shape", sa.String(64), nullable=False, index=True),
    sa.Column("columns", sa.JSON, nullable=False),
    sa.Column("saved_at", sa.DateTime, nullable=False),
)

import_synonym = sa.Table(
    "import_synonym",
    metadata,
    sa.Column("target", sa.String(64), primary_key=True),
    sa.Column("text", sa.String(200), primary_key=True),  # folded
    sa.Column("value", sa.String(64), nullable=False),
)
