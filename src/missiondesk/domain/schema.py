"""The entities of MissionDesk, declared once.

Each entity is an :class:`EntitySpec`: its fields with their kinds, who may
read and write it (its :class:`Scope`), and what search and lists use. The
store builds its tables from these declarations and the sync engine merges
field by field over them, so a new field is added here and in a migration,
nowhere else.

Every synced table also carries the sync columns listed in ``SYNC_COLUMNS``;
they are not fields: users never edit them and ops never carry them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from missiondesk.domain import enums as E

SCHEMA_VERSION = 1
"""Version of the field layout that ops and bundles carry (BRIEF invariant 8)."""

SYNC_COLUMNS = (
    "id",
    "owner_mission",
    "version",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "deleted_at",
    "deleted_by",
    "conflict_state",
    "extra",
)

GLOBAL_OWNER = "global"


class Kind(StrEnum):
    TEXT = "text"  # one line, bounded length
    LONGTEXT = "longtext"  # notes and summaries
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    ENUM = "enum"
    REF = "ref"  # UUID of another synced record
    CODE = "code"  # natural key of a reference-data row (country "DE", partner "KOTRA")
    CODES = "codes"  # a list of such codes
    REFS = "refs"  # a list of record UUIDs


class Scope(StrEnum):
    """Who reads and who writes an entity's records."""

    REFERENCE = "reference"  # owned by HQ, read everywhere, never deleted (disabled instead)
    SHARED = "shared"  # master data read and written by every mission, merged at HQ
    PUBLISHED = "published"  # read by every mission, written by its owner only
    MISSION = "mission"  # read and written by its owner mission; HQ reads and writes review fields
    REVIEW = "review"  # read by the owner mission and HQ, written by both (conflict review)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    required: bool = False
    max_length: int = 200
    enum: type[StrEnum] | None = None
    target: str | None = None  # entity for REF/REFS/CODE/CODES
    review: bool = False  # written by HQ reviewers, not by the owner mission
    # REF and REFS only, and always declared: whether the record referred to may belong to another
    # mission than the record that refers to it (a delivery of another mission's shared brief may; an
    # activity under another mission's case may not). The authority checks every reference against it.
    cross_mission: bool | None = None
    decision: bool = False  # of a record the authority makes: a field the review decision writes
    sensitive: bool = False  # may be left out of email bundles
    # The record's yes/no field that makes this one sensitive where it is true (a case's summary marked
    # sensitive): then it is left out of email bundles like a ``sensitive`` field.
    sensitive_when: str = ""
    label_en: str = ""
    label_ko: str = ""
    is_list: bool = field(init=False, default=False)  # CODES or REFS: hot in the merge loop, so computed once
    is_text: bool = field(init=False, default=False)  # a str on the wire is stored as it is (hot in pulls)
    enum_values: frozenset[str] = field(init=False, default=frozenset())  # ENUM: the values that are valid

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_list", self.kind in (Kind.CODES, Kind.REFS))
        object.__setattr__(self, "is_text", self.kind in (Kind.TEXT, Kind.LONGTEXT, Kind.REF, Kind.CODE))
        if self.enum is not None:
            object.__setattr__(self, "enum_values", frozenset(m.value for m in self.enum))
        if (self.cross_mission is None) == (self.kind in (Kind.REF, Kind.REFS)):
            raise ValueError(
                f"{self.name}: a reference field, and only one, says whether it may cross missions"
            )

    @property
    def is_reference(self) -> bool:
        """A REF or REFS field: it names other synced records by id."""
        return self.kind is Kind.REF or self.kind is Kind.REFS

    def empty(self) -> Any:
        return [] if self.is_list else None

    def to_wire(self, value: Any) -> Any:
        """The JSON value an op, a bundle or a digest carries."""
        if type(value) in (str, int, bool):  # the common case, first: an enum member is not of type str
            return value
        if value is None:
            return [] if self.is_list else None
        if self.kind is Kind.DATE:
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        if self.kind is Kind.ENUM:
            return value.value if isinstance(value, Enum) else str(value)
        if self.is_list:
            return list(value)
        return value

    def from_wire(self, value: Any) -> Any:
        """The Python value for a wire value; raises ValueError when it does not fit."""
        if self.is_text and type(value) is str and (value or self.kind in (Kind.TEXT, Kind.LONGTEXT)):
            return value  # the common case first ("" is no reference or code: it falls through to None)
        if type(value) is str and value in self.enum_values:
            return value
        if value is None or (value == "" and self.kind not in (Kind.TEXT, Kind.LONGTEXT)):
            return [] if self.is_list else None
        match self.kind:
            case Kind.TEXT | Kind.LONGTEXT | Kind.REF | Kind.CODE:
                if not isinstance(value, str):
                    raise ValueError(f"{self.name}: expected text")
                return value
            case Kind.INT:
                if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
                    raise ValueError(f"{self.name}: expected a whole number")
                return int(value)
            case Kind.BOOL:
                if not isinstance(value, bool):
                    raise ValueError(f"{self.name}: expected true or false")
                return value
            case Kind.DATE:
                if isinstance(value, dt.date):
                    return value
                return dt.date.fromisoformat(str(value))
            case Kind.ENUM:
                assert self.enum is not None
                return self.enum(value).value
            case Kind.CODES | Kind.REFS:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(f"{self.name}: expected a list of codes")
                return list(value)
        raise AssertionError(self.kind)


@dataclass(frozen=True)
class Parent:
    """A child entity lives and dies with its parent and shares its owner mission."""

    entity: str
    field: str


@dataclass(frozen=True)
class EntitySpec:
    name: str
    table: str
    scope: Scope
    fields: tuple[FieldSpec, ...]
    label_en: str
    label_ko: str
    natural_key: str | None = None  # reference data: its code
    parent: Parent | None = None
    search_fields: tuple[str, ...] = ()
    title_field: str = "title"
    status_field: str | None = None
    default_sort: str = "updated_at"
    # Records only the authority's merge engine makes (conflicts): no device creates, deletes or restores
    # one, and devices write only its ``decision`` fields (the documented resolution ops).
    authority_made: bool = False
    _by_name: Mapping[str, FieldSpec] = field(default_factory=dict, compare=False, repr=False)
    list_fields: tuple[str, ...] = field(default=(), compare=False, repr=False)
    _names: tuple[str, ...] = field(default=(), compare=False, repr=False)
    _review: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    _reference_fields: tuple[FieldSpec, ...] = field(default=(), compare=False, repr=False)
    _references: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "_review", frozenset(f.name for f in self.fields if f.review))
        object.__setattr__(self, "list_fields", tuple(f.name for f in self.fields if f.is_list))
        object.__setattr__(self, "_names", tuple(f.name for f in self.fields))
        object.__setattr__(self, "_reference_fields", tuple(f for f in self.fields if f.is_reference))
        object.__setattr__(self, "_references", frozenset(f.name for f in self._reference_fields))

    def field(self, name: str) -> FieldSpec:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"{self.name} has no field {name!r}") from None

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    @property
    def fields_by_name(self) -> Mapping[str, FieldSpec]:
        """Field name -> its spec (one lookup where a loop over values would call ``has_field`` and ``field``)."""
        return self._by_name

    @property
    def field_names(self) -> tuple[str, ...]:
        return self._names

    @property
    def review_fields(self) -> frozenset[str]:
        return self._review  # computed once: every op the authority merges asks

    @property
    def sensitive_fields(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.sensitive)

    @property
    def sensitive_when(self) -> dict[str, frozenset[str]]:
        """Flag field -> the fields that are sensitive in a record whose flag is true."""
        out: dict[str, set[str]] = {}
        for f in self.fields:
            if f.sensitive_when:
                out.setdefault(f.sensitive_when, set()).add(f.name)
        return {flag: frozenset(names) for flag, names in out.items()}

    @property
    def reference_fields(self) -> tuple[FieldSpec, ...]:
        """The REF and REFS fields: each names records the authority checks the writer may point to."""
        return self._reference_fields

    @property
    def reference_names(self) -> frozenset[str]:
        return self._references

    @property
    def decision_fields(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.decision)


def _f(name: str, kind: Kind, en: str, ko: str, **kw: Any) -> FieldSpec:
    return FieldSpec(name=name, kind=kind, label_en=en, label_ko=ko, **kw)


def _text(name: str, en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.TEXT, en, ko, **kw)


def _long(name: str, en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.LONGTEXT, en, ko, max_length=20_000, **kw)


def _enum(name: str, enum: type[StrEnum], en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.ENUM, en, ko, enum=enum, max_length=32, **kw)


def _code(name: str, target: str, en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.CODE, en, ko, target=target, max_length=32, **kw)


def _ref(name: str, target: str, en: str, ko: str, *, cross_mission: bool, **kw: Any) -> FieldSpec:
    return _f(name, Kind.REF, en, ko, target=target, max_length=36, cross_mission=cross_mission, **kw)


def _date(name: str, en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.DATE, en, ko, **kw)


def _int(name: str, en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.INT, en, ko, **kw)


def _bool(name: str, en: str, ko: str, **kw: Any) -> FieldSpec:
    return _f(name, Kind.BOOL, en, ko, **kw)


_CODE = _text("code", "Code", "코드", required=True, max_length=32)
_NAME_EN = _text("name_en", "Name (English)", "이름(영문)", required=True)
_NAME_KO = _text("name_ko", "Name (Korean)", "이름(국문)", required=True)
_ENABLED = _bool("enabled", "Enabled", "사용")


# The records a file can be attached to: (field, entity, English and Korean label of the field).
ATTACHMENT_PARENTS: tuple[tuple[str, str, str, str], ...] = (
    ("case_id", "support_case", "Case", "사례"),
    ("activity_id", "case_activity", "Activity", "지원 활동"),
    ("brief_id", "market_brief", "Brief", "시장정보"),
    ("meeting_id", "council_meeting", "Meeting", "회의"),
    ("proposal_id", "proposal", "Proposal", "제안"),
)


def _reference(name: str, en: str, ko: str, *extra: FieldSpec, title: str = "name_en") -> EntitySpec:
    return EntitySpec(
        name=name,
        table=name,
        scope=Scope.REFERENCE,
        fields=(_CODE, *extra, _ENABLED),
        label_en=en,
        label_ko=ko,
        natural_key="code",
        title_field=title,
        default_sort="code",
    )


ENTITIES: tuple[EntitySpec, ...] = (
    # --- reference data, owned by HQ -------------------------------------------------
    _reference(
        "country", "Country", "국가", _NAME_EN, _NAME_KO, _text("region", "Region", "권역", max_length=32)
    ),
    _reference(
        "area",
        "Sub-national area",
        "지역(주·성)",
        _code("country", "country", "Country", "국가", required=True),
        _NAME_EN,
        _NAME_KO,
        _text("kind", "Kind", "구분", max_length=40),
    ),
    _reference(
        "mission",
        "Mission",
        "재외공관",
        _enum("type", E.MissionType, "Type", "유형", required=True),
        _code("country", "country", "Country", "국가", required=True),
        _text("city_en", "City (English)", "도시(영문)"),
        _text("city_ko", "City (Korean)", "도시(국문)"),
        _NAME_EN,
        _NAME_KO,
        _f("jurisdiction", Kind.CODES, "Jurisdiction", "관할 지역", target="area"),
    ),
    _reference("sector", "Sector", "업종", _NAME_EN, _NAME_KO, _int("sort", "Order", "순서")),
    _reference(
        "partner",
        "Partner institution",
        "협력기관",
        _NAME_EN,
        _NAME_KO,
        _enum("kind", E.PartnerKind, "Kind", "구분", required=True),
    ),
    _reference(
        "authority",
        "Foreign authority",
        "주재국 기관",
        _code("country", "country", "Country", "국가", required=True),
        _code("area", "area", "Area", "지역"),
        _NAME_EN,
        _text("name_local", "Name (local)", "이름(현지어)", max_length=300),
        _enum("level", E.AuthorityLevel, "Level", "수준", required=True),
    ),
    _reference(
        "category",
        "Support category",
        "지원 분야",
        _code("parent", "category", "Parent", "상위 분야"),
        _NAME_EN,
        _NAME_KO,
        _int("sort", "Order", "순서"),
    ),
    _reference(
        "programme",
        "Programme",
        "사업",
        _NAME_EN,
        _NAME_KO,
        _code("owner", "partner", "Run by", "주관기관"),
        _date("start", "Start", "시작일"),
        _date("end", "End", "종료일"),
    ),
    _reference(
        "reporting_period",
        "Reporting period",
        "보고 기간",
        _NAME_EN,
        _NAME_KO,
        _date("start", "Start", "시작일", required=True),
        _date("end", "End", "종료일", required=True),
        _date("cutoff", "Cut-off", "집계 기준일"),
    ),
    # --- shared master data ------------------------------------------------------------
    EntitySpec(
        name="company",
        table="company",
        scope=Scope.SHARED,
        label_en="Company",
        label_ko="기업",
        title_field="name_ko",
        default_sort="name_ko",
        search_fields=("name_ko", "name_en", "brn"),
        fields=(
            _text("name_ko", "Name (Korean)", "기업명(국문)", required=True),
            _text("name_en", "Name (Latin script)", "기업명(영문)"),
            _text("brn", "Business registration no.", "사업자등록번호", max_length=20),
            _enum("size", E.CompanySize, "Size", "규모"),
            _code("sector", "sector", "Sector", "업종"),
            _enum("export_experience", E.ExportExperience, "Export experience", "수출 경험"),
            _text("website", "Website", "웹사이트"),
            _text("home_city", "Home city", "소재지"),
            _long("notes", "Notes", "메모"),
        ),
    ),
    EntitySpec(
        name="contact",
        table="contact",
        scope=Scope.SHARED,
        label_en="Contact",
        label_ko="담당자",
        title_field="name",
        default_sort="name",
        parent=Parent("company", "company_id"),
        fields=(
            _ref("company_id", "company", "Company", "기업", required=True, cross_mission=True),
            _text("name", "Name", "이름", required=True),
            _text("position", "Position", "직위"),
            _text("email", "Email", "이메일", sensitive=True),
            _text("phone", "Phone", "전화", max_length=40, sensitive=True),
            _bool("consent_to_share", "Consents to sharing with partners", "협력기관 공유 동의"),
            _date("consent_date", "Consent recorded on", "동의 확인일"),
        ),
    ),
    EntitySpec(
        name="officer",
        table="officer",
        scope=Scope.SHARED,
        label_en="Officer",
        label_ko="담당관",
        title_field="name",
        default_sort="name",
        fields=(
            _text("name", "Name", "이름", required=True),
            _code("mission", "mission", "Mission", "공관"),
            _text("email", "Email", "이메일"),
            _enum("role", E.OfficerRole, "Role", "역할"),
            _bool("active", "Active", "재직"),
        ),
    ),
    # --- owned by one mission ---------------------------------------------------------
    EntitySpec(
        name="support_case",
        table="support_case",
        scope=Scope.MISSION,
        label_en="Support case",
        label_ko="현장 지원 사례",
        status_field="status",
        default_sort="received_date",
        search_fields=("reference", "title", "summary", "resolution_summary"),
        fields=(
            _text("reference", "Reference", "관리번호", required=True, max_length=40),
            _text("title", "Title", "제목", required=True),
            _long("summary", "Summary", "개요", sensitive_when="summary_sensitive"),
            _bool("summary_sensitive", "Summary is sensitive", "민감 정보 포함"),
            _ref("company_id", "company", "Company", "기업", cross_mission=True),
            _ref("contact_id", "contact", "Contact", "담당자", cross_mission=True),
            _code("country", "country", "Country", "국가", required=True),
            _code("area", "area", "Area", "지역"),
            _f("categories", Kind.CODES, "Categories", "지원 분야", target="category"),
            _code("sector", "sector", "Sector", "업종"),
            _enum("request_source", E.RequestSource, "Request source", "요청 경로"),
            _date("received_date", "Received", "접수일", required=True),
            _enum("status", E.CaseStatus, "Status", "상태", required=True),
            _enum("pending_on", E.PendingOn, "Pending on", "대기 주체"),
            _enum("priority", E.Priority, "Priority", "우선순위"),
            _ref("officer_id", "officer", "Officer", "담당관", cross_mission=True),
            # The day officer_id was last set (services.records): "recently assigned to me" reads it.
            _date("assigned_on", "Assigned on", "배정일"),
            _date("estimated_resolution_date", "Expected resolution", "해결 예정일"),
            _enum("outcome", E.CaseOutcome, "Outcome", "결과"),
            _date("resolution_date", "Resolved on", "해결일"),
            _long("resolution_summary", "Resolution summary", "해결 내용"),
            _int("investment_usd", "Investment (USD)", "투자액(USD)"),
            _int("jobs_created", "Jobs created", "고용 창출"),
            _bool("permit_obtained", "Permit obtained", "인허가 취득"),
            _bool("site_secured", "Site secured", "부지 확보"),
            _ref("duplicate_of", "support_case", "Duplicate of", "중복 사례", cross_mission=False),
            _long("hq_note", "HQ review note", "본부 검토 의견", review=True),
        ),
    ),
    EntitySpec(
        name="case_activity",
        table="case_activity",
        scope=Scope.MISSION,
        label_en="Case activity",
        label_ko="지원 활동",
        title_field="notes",
        default_sort="date",
        parent=Parent("support_case", "case_id"),
        search_fields=("notes", "next_steps"),  # a case list's search finds the case by these
        fields=(
            _ref("case_id", "support_case", "Case", "사례", required=True, cross_mission=False),
            _date("date", "Date", "일자", required=True),
            _enum("action_type", E.ActionType, "Action", "활동 유형", required=True),
            _enum("channel", E.Channel, "Channel", "방식"),
            _f("officers", Kind.REFS, "Officers", "담당관", target="officer", cross_mission=True),
            _f("partners", Kind.CODES, "Partner institutions", "협력기관", target="partner"),
            _f("authorities", Kind.CODES, "Foreign authorities", "주재국 기관", target="authority"),
            _long("notes", "Notes", "내용"),
            _long("next_steps", "Next steps", "후속 조치"),
        ),
    ),
    EntitySpec(
        name="partner_referral",
        table="partner_referral",
        scope=Scope.MISSION,
        label_en="Partner referral",
        label_ko="협력기관 연계",
        title_field="service",
        default_sort="requested_date",
        status_field="status",
        parent=Parent("support_case", "case_id"),
        fields=(
            _ref("case_id", "support_case", "Case", "사례", required=True, cross_mission=False),
            _code("partner", "partner", "Partner institution", "협력기관", required=True),
            _text("service", "Service", "지원 내용", required=True),
            _enum("status", E.ReferralStatus, "Status", "상태", required=True),
            _date("requested_date", "Requested", "요청일"),
            _date("completed_date", "Completed", "완료일"),
            _long("notes", "Notes", "메모"),
        ),
    ),
    EntitySpec(
        name="market_brief",
        table="market_brief",
        scope=Scope.PUBLISHED,
        label_en="Market-information brief",
        label_ko="시장정보",
        default_sort="published_date",
        search_fields=("title", "summary", "sources"),
        fields=(
            _text("title", "Title", "제목", required=True),
            _enum("topic", E.BriefTopic, "Topic", "주제", required=True),
            _code("country", "country", "Country", "국가", required=True),
            _code("sector", "sector", "Sector", "업종"),
            _enum("format", E.BriefFormat, "Format", "형식"),
            _long("summary", "Summary", "요약"),
            _long("sources", "Sources", "출처"),
            _date("published_date", "Published", "작성일"),
            _date("valid_until", "Valid until", "유효기간"),
        ),
    ),
    EntitySpec(
        name="brief_delivery",
        table="brief_delivery",
        scope=Scope.MISSION,
        label_en="Brief delivery",
        label_ko="시장정보 제공",
        title_field="date",
        default_sort="date",
        parent=Parent("market_brief", "brief_id"),
        fields=(
            _ref("brief_id", "market_brief", "Brief", "시장정보", required=True, cross_mission=True),
            _ref("company_id", "company", "Company", "기업", required=True, cross_mission=True),
            _date("date", "Date", "제공일", required=True),
            _enum("channel", E.DeliveryChannel, "Channel", "방식"),
            _long("notes", "Notes", "메모"),
        ),
    ),
    EntitySpec(
        name="council_meeting",
        table="council_meeting",
        scope=Scope.MISSION,
        label_en="Council meeting",
        label_ko="지원협의회",
        title_field="location",
        status_field="status",
        default_sort="date",
        fields=(
            _int("year", "Year", "연도", required=True),
            _int("number", "Number in year", "회차", required=True),
            _date("date", "Date", "개최일"),
            _enum("format", E.MeetingFormat, "Format", "형식"),
            _text("location", "Location", "장소"),
            _enum("status", E.MeetingStatus, "Status", "상태", required=True),
            _long("notes", "Minutes", "회의록"),
        ),
    ),
    EntitySpec(
        name="meeting_attendance",
        table="meeting_attendance",
        scope=Scope.MISSION,
        label_en="Attendance",
        label_ko="참석 기관",
        title_field="partner",
        default_sort="partner",
        parent=Parent("council_meeting", "meeting_id"),
        fields=(
            _ref("meeting_id", "council_meeting", "Meeting", "회의", required=True, cross_mission=False),
            _code("partner", "partner", "Partner institution", "협력기관"),
            _code("authority", "authority", "Foreign authority", "주재국 기관"),
            _text("attendee_names", "Attendees", "참석자", max_length=500),
            _int("attendees", "Number of attendees", "참석 인원"),
        ),
    ),
    EntitySpec(
        name="agenda_item",
        table="agenda_item",
        scope=Scope.MISSION,
        label_en="Agenda item",
        label_ko="안건",
        default_sort="position",
        parent=Parent("council_meeting", "meeting_id"),
        fields=(
            _ref("meeting_id", "council_meeting", "Meeting", "회의", required=True, cross_mission=False),
            _int("position", "Position", "순번"),
            _text("title", "Title", "안건", required=True),
            _ref("case_id", "support_case", "Case", "사례", cross_mission=False),
            _long("decision", "Decision", "결정 사항"),
        ),
    ),
    EntitySpec(
        name="proposal",
        table="proposal",
        scope=Scope.MISSION,
        label_en="Tailored support model proposal",
        label_ko="맞춤형 지원모델 제안",
        status_field="status",
        default_sort="fiscal_year",
        search_fields=("title", "target_segment"),
        fields=(
            _code("programme", "programme", "Programme", "사업", required=True),
            _int("fiscal_year", "Fiscal year", "회계연도", required=True),
            _text("title", "Title", "제목", required=True),
            _text("target_segment", "Target segment", "지원 대상"),
            _long("activities", "Activities", "주요 활동"),
            _f("partners", Kind.CODES, "Partners", "협력기관", target="partner"),
            _int("budget_krw", "Budget (KRW)", "예산(원)"),
            _long("kpis", "KPIs", "성과지표"),
            _enum("status", E.ProposalStatus, "Status", "상태", required=True),
            _date("submitted_date", "Submitted", "제출일"),
            _ref("officer_id", "officer", "Officer", "담당관", cross_mission=True),
            _long("review_comment", "Review comment", "검토 의견", review=True),
            _text("reviewed_by", "Reviewed by", "검토자", review=True),
            _date("reviewed_date", "Reviewed on", "검토일", review=True),
        ),
    ),
    # A file attached to one record: its content is kept apart, by SHA-256 (``store/blobs.py``), and only
    # this record travels as ops. Exactly one of the parent references is set (``domain/validation``).
    EntitySpec(
        name="attachment",
        table="attachment",
        scope=Scope.MISSION,
        label_en="Attachment",
        label_ko="첨부 파일",
        title_field="file_name",
        default_sort="created_at",
        search_fields=("file_name",),
        fields=(
            _text("file_name", "File name", "파일 이름", required=True, max_length=255),
            _text("sha256", "SHA-256", "SHA-256", required=True, max_length=64),
            _int("size", "Size (bytes)", "크기(바이트)", required=True),
            _text("media_type", "Type", "형식", required=True, max_length=100),
            *(_ref(name, target, en, ko, cross_mission=False) for name, target, en, ko in ATTACHMENT_PARENTS),
        ),
    ),
    EntitySpec(
        name="task",
        table="task",
        scope=Scope.MISSION,
        label_en="Task",
        label_ko="할 일",
        status_field="status",
        default_sort="due_date",
        fields=(
            _text("title", "Title", "제목", required=True),
            _date("due_date", "Due", "기한"),
            _ref("officer_id", "officer", "Owner", "담당관", cross_mission=True),
            _enum("status", E.TaskStatus, "Status", "상태", required=True),
            _ref("case_id", "support_case", "Case", "사례", cross_mission=False),
            _ref("meeting_id", "council_meeting", "Meeting", "회의", cross_mission=False),
            _ref("agenda_item_id", "agenda_item", "Decision", "결정 안건", cross_mission=False),
            _date("done_date", "Done on", "완료일"),
            _long("notes", "Notes", "메모"),
        ),
    ),
    # --- made by the authority's merge engine, reviewed at the mission and at HQ ----------
    EntitySpec(
        name="conflict",
        table="conflict",
        scope=Scope.REVIEW,
        authority_made=True,
        label_en="Conflict",
        label_ko="충돌",
        title_field="field",
        status_field="status",
        default_sort="created_at",
        fields=(
            _text("entity_name", "Record type", "자료 유형", required=True, max_length=32),
            _text("record_id", "Record", "자료", required=True, max_length=36),
            _text("field", "Field", "항목", max_length=64),
            _enum("kind", E.ConflictKind, "Kind", "유형", required=True),
            _long("base", "Base value", "기준 값"),  # canonical JSON of wire values
            _long("theirs", "Value at HQ", "본부 값"),
            _long("ours", "Conflicting value", "충돌 값"),
            _text("op_id", "Op", "변경 번호", max_length=36),
            _text("device_id", "Device", "기기", max_length=36),
            _text("made_by", "Changed by", "변경자", max_length=120),
            _enum("status", E.ConflictStatus, "Status", "상태", required=True, decision=True),
            _enum("resolution", E.Resolution, "Resolution", "해결 방법", decision=True),
            _text("resolved_by", "Resolved by", "해결자", max_length=120, decision=True),
            _date("resolved_date", "Resolved on", "해결일", decision=True),
        ),
    ),
)

_BY_NAME: dict[str, EntitySpec] = {e.name: e for e in ENTITIES}


def _check_references() -> None:
    """A reference may cross missions only into records every mission reads: one into a mission's own
    records (cases, meetings, agenda items) must stay inside it. A wrong declaration stops the import."""
    for spec in ENTITIES:
        for f in spec.reference_fields:
            target = _BY_NAME[str(f.target)]
            readable_by_all = target.scope in (Scope.REFERENCE, Scope.SHARED, Scope.PUBLISHED)
            if f.cross_mission and not readable_by_all:
                raise AssertionError(
                    f"{spec.name}.{f.name} cannot point into another mission's {target.name}"
                )


_check_references()


def entity(name: str) -> EntitySpec:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown entity {name!r}") from None


def is_entity(name: str) -> bool:
    return name in _BY_NAME


def reference_entities() -> Iterable[EntitySpec]:
    return (e for e in ENTITIES if e.scope is Scope.REFERENCE)


def children_of(name: str) -> tuple[EntitySpec, ...]:
    return tuple(e for e in ENTITIES if e.parent is not None and e.parent.entity == name)


def dependants_of(name: str) -> tuple[tuple[EntitySpec, str], ...]:
    """The kinds of record that go with a record of ``name``, each with its field naming that record:
    its children (a case's activities) and its attachments (which name one of several kinds)."""
    found = [(e, e.parent.field) for e in children_of(name) if e.parent is not None]
    found += [(_BY_NAME["attachment"], field) for field, target, *_ in ATTACHMENT_PARENTS if target == name]
    return tuple(found)
