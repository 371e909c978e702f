"""Korean and English names of every stored value of a closed list (statuses, channels, topics…), without Qt.

For what the core writes for people to read outside the window: a bundle's readable sheets. The window
names the same values through its translation catalogue (``ui/labels.py``); a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping

VALUE_NAMES: Mapping[str, tuple[str, str]] = {
    # ConflictState
    "none": ("없음", "None"),
    "soft": ("임시 충돌", "Soft"),
    "hard": ("확정 충돌", "Hard"),
    # MissionType
    "embassy": ("대사관", "Embassy"),
    "consulate_general": ("총영사관", "Consulate general"),
    "consulate": ("영사관", "Consulate"),
    "permanent_mission": ("대표부", "Permanent mission"),
    # AuthorityLevel
    "national": ("중앙정부", "National"),
    "state": ("주·성", "State"),
    "municipal": ("시·군", "Municipal"),
    "regulator": ("규제기관", "Regulator"),
    # PartnerKind
    "home_ministry": ("국내 부처", "Home ministry"),
    "home_agency": ("국내 지원기관", "Home agency"),
    "trade_office": ("무역관", "Trade office"),
    "chamber": ("상공회의소", "Chamber"),
    "financial": ("금융기관", "Financial"),
    "other": ("기타", "Other"),
    # CompanySize
    "startup": ("스타트업", "Startup"),
    "small": ("소기업", "Small"),
    "medium": ("중기업", "Medium"),
    # ExportExperience
    "occasional": ("간헐적", "Occasional"),
    "regular": ("정기적", "Regular"),
    # OfficerRole
    "officer": ("담당관", "Officer"),
    "head": ("공관장", "Head"),
    "analyst": ("분석관", "Analyst"),
    "admin": ("관리자", "Admin"),
    # CaseStatus
    "draft": ("작성 중", "Draft"),
    "open": ("접수", "Open"),
    "in_progress": ("진행 중", "In progress"),
    "pending": ("대기", "Pending"),
    "closed": ("종결", "Closed"),
    # PendingOn
    "host_government": ("주재국 정부", "Host government"),
    "company": ("기업", "Company"),
    "partner": ("협력기관", "Partner"),
    "hq": ("본부", "HQ"),
    # Priority
    "low": ("낮음", "Low"),
    "normal": ("보통", "Normal"),
    "high": ("높음", "High"),
    "urgent": ("긴급", "Urgent"),
    # CaseOutcome
    "resolved_full": ("완전 해결", "Resolved in full"),
    "resolved_partial": ("일부 해결", "Resolved in part"),
    "not_resolved": ("미해결", "Not resolved"),
    "withdrawn": ("철회", "Withdrawn"),
    "transferred": ("이관", "Transferred"),
    # RequestSource
    "council": ("협의회", "Council"),
    "outreach": ("발굴", "Outreach"),
    # ActionType
    "intake": ("접수", "Intake"),
    "consultation": ("상담", "Consultation"),
    "request_to_authority": ("기관 요청", "Request to an authority"),
    "referral": ("연계", "Referral"),
    "follow_up": ("후속 조치", "Follow-up"),
    "site_visit": ("현장 방문", "Site visit"),
    "note": ("메모", "Note"),
    # Channel
    "meeting": ("회의", "Meeting"),
    "call": ("전화", "Call"),
    "email": ("이메일", "Email"),
    "official_letter": ("공문", "Official letter"),
    "video": ("화상", "Video"),
    # ReferralStatus
    "requested": ("요청됨", "Requested"),
    "done": ("완료", "Done"),
    "declined": ("거절됨", "Declined"),
    "cancelled": ("취소됨", "Cancelled"),
    # BriefTopic
    "regulation": ("규제", "Regulation"),
    "market_trends": ("시장 동향", "Market trends"),
    "buyers": ("바이어", "Buyers"),
    "tenders": ("입찰", "Tenders"),
    "incentives": ("인센티브", "Incentives"),
    "sites": ("부지", "Sites"),
    "labour": ("노무", "Labour"),
    "tax": ("세무", "Tax"),
    "logistics": ("물류", "Logistics"),
    "legal": ("법률", "Legal"),
    # BriefFormat
    "report": ("보고서", "Report"),
    "memo": ("메모", "Memo"),
    "briefing": ("브리핑", "Briefing"),
    "seminar": ("세미나", "Seminar"),
    "dataset": ("데이터", "Dataset"),
    # DeliveryChannel
    "post": ("우편", "Post"),
    # MeetingFormat
    "in_person": ("대면", "In person"),
    "online": ("온라인", "Online"),
    "hybrid": ("혼합", "Hybrid"),
    # MeetingStatus
    "planned": ("예정", "Planned"),
    "held": ("개최", "Held"),
    # ProposalStatus
    "submitted": ("제출됨", "Submitted"),
    "under_review": ("검토 중", "Under review"),
    "approved": ("승인됨", "Approved"),
    "returned": ("보완 요청됨", "Returned"),
    "rejected": ("반려됨", "Rejected"),
    "in_execution": ("집행 중", "In execution"),
    "completed": ("완료됨", "Completed"),
    # ConflictKind
    "field": ("항목", "Field"),
    "delete_edit": ("삭제와 수정 충돌", "Delete against edit"),
    # ConflictStatus
    "resolved": ("해결됨", "Resolved"),
    # Resolution
    "theirs": ("본부 값 유지", "Keep HQ value"),
    "ours": ("다른 값 적용", "Take the other value"),
    "merged": ("병합", "Merged"),
}


def value_names(value: str) -> tuple[str, str]:
    """(Korean, English) for a stored value; the value itself twice when it has no name."""
    return VALUE_NAMES.get(value, (value, value))


def bilingual(korean: str, english: str, *, korean_first: bool) -> str:
    """One name in the reader's language with the other beside it: ``진행 중 (In progress)``."""
    first, second = (korean, english) if korean_first else (english, korean)
    if not first:
        return second
    if not second or second == first:
        return first
    return f"{first} ({second})"
