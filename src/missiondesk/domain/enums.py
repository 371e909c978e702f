"""Every closed list of values in the domain.

Values are stable identifiers: they are stored, synced and written to bundles,
so rename a label freely but never a value.
"""

from __future__ import annotations

from enum import StrEnum


class ConflictState(StrEnum):
    NONE = "none"
    SOFT = "soft"
    HARD = "hard"


class MissionType(StrEnum):
    EMBASSY = "embassy"
    CONSULATE_GENERAL = "consulate_general"
    CONSULATE = "consulate"
    PERMANENT_MISSION = "permanent_mission"


class AuthorityLevel(StrEnum):
    NATIONAL = "national"
    STATE = "state"
    MUNICIPAL = "municipal"
    REGULATOR = "regulator"


class PartnerKind(StrEnum):
    HOME_MINISTRY = "home_ministry"
    HOME_AGENCY = "home_agency"
    TRADE_OFFICE = "trade_office"
    CHAMBER = "chamber"
    FINANCIAL = "financial"
    OTHER = "other"


class CompanySize(StrEnum):
    STARTUP = "startup"
    SMALL = "small"
    MEDIUM = "medium"


class ExportExperience(StrEnum):
    NONE = "none"
    OCCASIONAL = "occasional"
    REGULAR = "regular"


class OfficerRole(StrEnum):
    OFFICER = "officer"
    HEAD = "head"
    ANALYST = "analyst"
    ADMIN = "admin"


class CaseStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    CLOSED = "closed"


class PendingOn(StrEnum):
    HOST_GOVERNMENT = "host_government"
    COMPANY = "company"
    PARTNER = "partner"
    HQ = "hq"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CaseOutcome(StrEnum):
    RESOLVED_FULL = "resolved_full"
    RESOLVED_PARTIAL = "resolved_partial"
    NOT_RESOLVED = "not_resolved"
    WITHDRAWN = "withdrawn"
    TRANSFERRED = "transferred"


class RequestSource(StrEnum):
    COMPANY = "company"
    PARTNER = "partner"
    HQ = "hq"
    COUNCIL = "council"
    OUTREACH = "outreach"
    OTHER = "other"


class ActionType(StrEnum):
    INTAKE = "intake"
    CONSULTATION = "consultation"
    REQUEST_TO_AUTHORITY = "request_to_authority"
    REFERRAL = "referral"
    FOLLOW_UP = "follow_up"
    SITE_VISIT = "site_visit"
    NOTE = "note"


class Channel(StrEnum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    OFFICIAL_LETTER = "official_letter"
    SITE_VISIT = "site_visit"
    VIDEO = "video"


class ReferralStatus(StrEnum):
    REQUESTED = "requested"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class BriefTopic(StrEnum):
    REGULATION = "regulation"
    MARKET_TRENDS = "market_trends"
    BUYERS = "buyers"
    TENDERS = "tenders"
    INCENTIVES = "incentives"
    SITES = "sites"
    LABOUR = "labour"
    TAX = "tax"
    LOGISTICS = "logistics"
    LEGAL = "legal"


class BriefFormat(StrEnum):
    REPORT = "report"
    MEMO = "memo"
    BRIEFING = "briefing"
    SEMINAR = "seminar"
    DATASET = "dataset"


class DeliveryChannel(StrEnum):
    EMAIL = "email"
    MEETING = "meeting"
    CALL = "call"
    SEMINAR = "seminar"
    POST = "post"


class MeetingFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ProposalStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    RETURNED = "returned"
    REJECTED = "rejected"
    IN_EXECUTION = "in_execution"
    COMPLETED = "completed"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class ConflictKind(StrEnum):
    FIELD = "field"  # two different new values for one field
    DELETE_EDIT = "delete_edit"  # an edit and a delete of the same record


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Resolution(StrEnum):
    THEIRS = "theirs"  # keep the value HQ holds (the record stays deleted, for delete/edit)
    OURS = "ours"  # take the value from the conflicting op (restore it, for delete/edit)
    MERGED = "merged"  # a value the reviewer wrote
