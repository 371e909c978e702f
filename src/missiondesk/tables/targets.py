"""What a column of each kind of table can fill: a record's field, or a helper such as the company's name.

Fields come from the schema (their Korean and English labels are known headers); the synonyms add the
headers legacy sheets use. A key with a dot fills a child record made from the same row
(``activity.date``: the case's activity; ``referral.partner``: its referral to a partner).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from missiondesk.domain.schema import EntitySpec, FieldSpec, Kind, entity


class TableKind(StrEnum):
    COMPANIES = "companies"
    CASES = "cases"
    BRIEFS = "briefs"  # a row: a brief, and its delivery to a company where the row names one
    MEETINGS = "meetings"  # a row: a council meeting, and one institution's attendance where it names one


class Helper(StrEnum):
    """Columns that fill no field themselves."""

    COMPANY_NAME = "company_name"  # a case's company, by name in either script
    COMPANY_BRN = "company_brn"  # a case's company, by its registration number
    LEGACY_REF = "legacy_ref"  # the sheet's own number for the row: the key a re-import matches on
    MISSION = "mission"  # which mission a row belongs to (HQ's consolidated workbook)


@dataclass(frozen=True)
class Target:
    key: str
    kind: Kind  # how its cells are read
    label_ko: str
    label_en: str
    synonyms: tuple[str, ...] = ()
    entity: str | None = None  # the record it fills (None: a helper)
    field: str | None = None
    spec: FieldSpec | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.key, self.label_ko, self.label_en, *self.synonyms)


_SYNONYMS: dict[str, tuple[str, ...]] = {
    Helper.LEGACY_REF: ("번호", "연번", "순번", "No", "No.", "#", "관리번호", "사례번호", "ref", "case no"),
    Helper.COMPANY_NAME: ("기업명", "기업", "업체명", "회사명", "업체", "company", "company name", "firm"),
    Helper.COMPANY_BRN: (
        "사업자등록번호",
        "사업자번호",
        "사업자 번호",
        "BRN",
        "business registration number",
    ),
    Helper.MISSION: ("공관", "재외공관", "공관명", "mission", "embassy", "post"),
    "name_ko": ("기업명 국문", "기업 국문", "국문명", "한글명", "기업명(한글)", "korean name", "name ko"),
    "name_en": ("기업명 영문", "기업 영문", "영문명", "영문 기업명", "english name", "latin name", "name en"),
    "brn": ("사업자등록번호", "사업자번호", "사업자 번호", "등록번호", "BRN", "business registration number"),
    "size": ("기업 규모", "규모", "company size"),
    "website": ("홈페이지", "웹사이트", "url", "web"),
    "home_city": ("소재지", "본사 소재지", "주소", "city", "location"),
    "notes": ("비고", "메모", "remarks", "note"),
    "export_experience": ("수출경험", "수출 실적", "export"),
    "title": ("제목", "건명", "사례명", "지원 건명", "애로 건명", "case title", "subject", "title"),
    "summary": ("개요", "내용", "애로사항", "애로 내용", "세부 내용", "description", "details", "issue"),
    "country": ("국가", "국가명", "나라", "country", "nation"),
    "area": ("지역", "주", "주/성", "state", "region", "province", "area"),
    "categories": ("분야", "지원분야", "애로분야", "애로 유형", "category", "categories", "type of support"),
    "sector": ("업종", "산업", "sector", "industry"),
    "received_date": (
        "접수일",
        "접수일자",
        "접수 일자",
        "요청일",
        "신청일",
        "일자",
        "날짜",
        "date received",
        "date",
    ),
    "status": ("상태", "진행상황", "진행 상황", "진행 상태", "처리상태", "status"),
    "outcome": ("결과", "처리결과", "처리 결과", "해결여부", "해결 여부", "outcome", "result"),
    "resolution_date": (
        "해결일",
        "종결일",
        "완료일",
        "해결 일자",
        "resolved",
        "closed on",
        "resolution date",
    ),
    "resolution_summary": (
        "해결 내용",
        "조치결과",
        "조치 결과",
        "처리내용",
        "처리 내용",
        "resolution",
        "action taken",
    ),
    "priority": ("우선순위", "중요도", "priority"),
    "request_source": ("요청 경로", "접수경로", "접수 경로", "source"),
    "investment_usd": ("투자액", "투자금액", "투자 금액", "investment"),
    "jobs_created": ("고용창출", "고용 창출", "고용", "jobs"),
    "estimated_resolution_date": ("해결 예정일", "예정일", "expected resolution"),
    "topic": ("주제", "정보 유형", "정보 분야", "topic"),
    "format": ("형식", "자료 형식", "format"),
    "sources": ("출처", "sources", "source"),
    "published_date": ("작성일", "발간일", "게시일", "작성 일자", "published", "date published"),
    "valid_until": ("유효기간", "유효 기간", "valid until", "expires"),
    "delivery.date": (
        "제공일",
        "제공 일자",
        "제공일자",
        "전달일",
        "일자",
        "날짜",
        "delivery date",
        "date delivered",
        "date",
    ),
    "delivery.channel": ("제공 방식", "전달 방식", "방식", "채널", "channel"),
    "delivery.notes": ("제공 내용", "전달 내용", "delivery notes"),
    "year": ("연도", "년도", "year"),
    "number": ("회차", "차수", "number in year", "meeting no"),
    "date": ("개최일", "개최 일자", "회의일", "일자", "날짜", "date"),
    "location": ("장소", "개최 장소", "개최장소", "location", "venue"),
    "attendance.partner": ("참석 기관", "참석기관", "협력기관", "기관", "partner", "institution"),
    "attendance.authority": ("주재국 기관", "현지 기관", "authority"),
    "attendance.attendee_names": ("참석자", "참석자명", "attendee names"),
    "attendance.attendees": ("참석 인원", "참석인원", "인원", "number of attendees"),
    "activity.date": ("활동 일자", "활동일", "활동 일", "조치일", "조치 일자", "activity date"),
    "activity.action_type": ("활동 유형", "조치 유형", "action", "action type"),
    "activity.channel": ("방식", "채널", "활동 방식", "channel"),
    "activity.notes": ("활동 내용", "조치사항", "조치 사항", "activity", "activity notes"),
    "activity.next_steps": ("후속 조치", "후속조치", "향후 계획", "next steps"),
    "referral.partner": ("연계 기관", "연계기관", "협력기관", "referred to", "referral partner"),
    "referral.service": ("연계 내용", "연계 서비스", "연계 지원", "referral", "referral service"),
    "referral.status": ("연계 상태", "연계 진행", "referral status"),
    "referral.requested_date": ("연계 요청일", "연계일", "referral date"),
    "referral.completed_date": ("연계 완료일", "referral completed"),
}

# Fields a person never fills from a sheet: links made by the import, the review's, the workflow's own.
_NOT_FROM_SHEETS = {
    "reference",
    "company_id",
    "contact_id",
    "officer_id",
    "duplicate_of",
    "hq_note",
    "case_id",
}


def _field_target(spec: EntitySpec, f: FieldSpec, prefix: str = "") -> Target:
    key = prefix + f.name
    return Target(key, f.kind, f.label_ko, f.label_en, _SYNONYMS.get(key, ()), spec.name, f.name, f)


def _fields(name: str, prefix: str = "") -> list[Target]:
    spec = entity(name)
    return [
        _field_target(spec, f, prefix)
        for f in spec.fields
        if f.name not in _NOT_FROM_SHEETS and not f.review and not f.is_reference
    ]


def _helper(helper: Helper, label_ko: str, label_en: str) -> Target:
    return Target(helper.value, Kind.TEXT, label_ko, label_en, _SYNONYMS[helper])


@cache  # read for every cell of a large table
def targets(kind: TableKind) -> tuple[Target, ...]:
    mission = _helper(Helper.MISSION, "공관", "Mission")
    if kind is TableKind.COMPANIES:
        return (*_fields("company"), _helper(Helper.COMPANY_NAME, "기업명", "Company name"), mission)
    if kind is TableKind.MEETINGS:
        attendance = [
            Target(t.key, t.kind, "", "", t.synonyms, t.entity, t.field, t.spec)
            for t in _fields("meeting_attendance", "attendance.")
        ]
        return (_helper(Helper.LEGACY_REF, "번호", "No."), *_fields("council_meeting"), mission, *attendance)
    if kind is TableKind.BRIEFS:
        delivery = [
            Target(t.key, t.kind, "", "", t.synonyms, t.entity, t.field, t.spec)
            for t in _fields("brief_delivery", "delivery.")
            if t.key in ("delivery.date", "delivery.channel", "delivery.notes")
        ]
        return (
            _helper(Helper.LEGACY_REF, "번호", "No."),
            *_fields("market_brief"),
            _helper(Helper.COMPANY_NAME, "기업명", "Company"),
            _helper(Helper.COMPANY_BRN, "사업자등록번호", "Business registration no."),
            mission,
            *delivery,
        )
    activity = [
        t
        for t in _fields("case_activity", "activity.")
        if t.key
        in (
            "activity.date",
            "activity.action_type",
            "activity.channel",
            "activity.notes",
            "activity.next_steps",
        )
    ]
    referral = [t for t in _fields("partner_referral", "referral.") if t.key in _SYNONYMS]
    # A child's labels ("Date", "Status") would take the case's columns: only its synonyms name it.
    activity = [
        Target(t.key, t.kind, "", "", t.synonyms, t.entity, t.field, t.spec) for t in (*activity, *referral)
    ]
    return (
        _helper(Helper.LEGACY_REF, "번호", "No."),
        *_fields("support_case"),
        _helper(Helper.COMPANY_NAME, "기업명", "Company"),
        _helper(Helper.COMPANY_BRN, "사업자등록번호", "Business registration no."),
        mission,
        *activity,
    )


def target(kind: TableKind, key: str) -> Target:
    try:
        return _by_key(kind)[key]
    except KeyError:
        raise KeyError(f"a {kind.value} table has no column {key!r}") from None


@cache
def _by_key(kind: TableKind) -> dict[str, Target]:
    return {t.key: t for t in targets(kind)}
