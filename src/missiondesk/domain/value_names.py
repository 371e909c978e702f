"""Korean and English names of every stored value of a closed list (statuses, channels, topics…), without Qt.

For what the core writes for people to read outside the window: a bundle's readable sheets, documents,
the legacy-table vocabularies. Each value's English name is here once; its Korean is the translation
catalogue's (``domain.catalogue``), which the window reads through Qt for the same names
(``ui/labels.value_label``).
"""

from __future__ import annotations

from collections.abc import Mapping

from missiondesk.domain.catalogue import QT_TRANSLATE_NOOP, translate

# value -> English name (the catalogue's context "value"); the Korean is the catalogue's translation.
VALUE_NAMES: Mapping[str, str] = {
    "admin": QT_TRANSLATE_NOOP("value", "Admin"),
    "analyst": QT_TRANSLATE_NOOP("value", "Analyst"),
    "approved": QT_TRANSLATE_NOOP("value", "Approved"),
    "briefing": QT_TRANSLATE_NOOP("value", "Briefing"),
    "buyers": QT_TRANSLATE_NOOP("value", "Buyers"),
    "call": QT_TRANSLATE_NOOP("value", "Call"),
    "cancelled": QT_TRANSLATE_NOOP("value", "Cancelled"),
    "chamber": QT_TRANSLATE_NOOP("value", "Chamber"),
    "closed": QT_TRANSLATE_NOOP("value", "Closed"),
    "company": QT_TRANSLATE_NOOP("value", "Company"),
    "completed": QT_TRANSLATE_NOOP("value", "Completed"),
    "consulate": QT_TRANSLATE_NOOP("value", "Consulate"),
    "consulate_general": QT_TRANSLATE_NOOP("value", "Consulate general"),
    "consultation": QT_TRANSLATE_NOOP("value", "Consultation"),
    "council": QT_TRANSLATE_NOOP("value", "Council"),
    "dataset": QT_TRANSLATE_NOOP("value", "Dataset"),
    "declined": QT_TRANSLATE_NOOP("value", "Declined"),
    "delete_edit": QT_TRANSLATE_NOOP("value", "Delete against edit"),
    "done": QT_TRANSLATE_NOOP("value", "Done"),
    "draft": QT_TRANSLATE_NOOP("value", "Draft"),
    "email": QT_TRANSLATE_NOOP("value", "Email"),
    "embassy": QT_TRANSLATE_NOOP("value", "Embassy"),
    "field": QT_TRANSLATE_NOOP("value", "Field"),
    "financial": QT_TRANSLATE_NOOP("value", "Financial"),
    "follow_up": QT_TRANSLATE_NOOP("value", "Follow-up"),
    "hard": QT_TRANSLATE_NOOP("value", "Hard"),
    "head": QT_TRANSLATE_NOOP("value", "Head"),
    "held": QT_TRANSLATE_NOOP("value", "Held"),
    "high": QT_TRANSLATE_NOOP("value", "High"),
    "home_agency": QT_TRANSLATE_NOOP("value", "Home agency"),
    "home_ministry": QT_TRANSLATE_NOOP("value", "Home ministry"),
    "host_government": QT_TRANSLATE_NOOP("value", "Host government"),
    "hq": QT_TRANSLATE_NOOP("value", "HQ"),
    "hybrid": QT_TRANSLATE_NOOP("value", "Hybrid"),
    "in_execution": QT_TRANSLATE_NOOP("value", "In execution"),
    "in_person": QT_TRANSLATE_NOOP("value", "In person"),
    "in_progress": QT_TRANSLATE_NOOP("value", "In progress"),
    "incentives": QT_TRANSLATE_NOOP("value", "Incentives"),
    "intake": QT_TRANSLATE_NOOP("value", "Intake"),
    "labour": QT_TRANSLATE_NOOP("value", "Labour"),
    "legal": QT_TRANSLATE_NOOP("value", "Legal"),
    "logistics": QT_TRANSLATE_NOOP("value", "Logistics"),
    "low": QT_TRANSLATE_NOOP("value", "Low"),
    "market_trends": QT_TRANSLATE_NOOP("value", "Market trends"),
    "medium": QT_TRANSLATE_NOOP("value", "Medium"),
    "meeting": QT_TRANSLATE_NOOP("value", "Meeting"),
    "memo": QT_TRANSLATE_NOOP("value", "Memo"),
    "merged": QT_TRANSLATE_NOOP("value", "Merged"),
    "municipal": QT_TRANSLATE_NOOP("value", "Municipal"),
    "national": QT_TRANSLATE_NOOP("value", "National"),
    "none": QT_TRANSLATE_NOOP("value", "None"),
    "normal": QT_TRANSLATE_NOOP("value", "Normal"),
    "not_resolved": QT_TRANSLATE_NOOP("value", "Not resolved"),
    "note": QT_TRANSLATE_NOOP("value", "Note"),
    "occasional": QT_TRANSLATE_NOOP("value", "Occasional"),
    "officer": QT_TRANSLATE_NOOP("value", "Officer"),
    "official_letter": QT_TRANSLATE_NOOP("value", "Official letter"),
    "online": QT_TRANSLATE_NOOP("value", "Online"),
    "open": QT_TRANSLATE_NOOP("value", "Open"),
    "other": QT_TRANSLATE_NOOP("value", "Other"),
    "ours": QT_TRANSLATE_NOOP("value", "Take the other value"),
    "outreach": QT_TRANSLATE_NOOP("value", "Outreach"),
    "partner": QT_TRANSLATE_NOOP("value", "Partner"),
    "pending": QT_TRANSLATE_NOOP("value", "Pending"),
    "permanent_mission": QT_TRANSLATE_NOOP("value", "Permanent mission"),
    "planned": QT_TRANSLATE_NOOP("value", "Planned"),
    "post": QT_TRANSLATE_NOOP("value", "Post"),
    "referral": QT_TRANSLATE_NOOP("value", "Referral"),
    "regular": QT_TRANSLATE_NOOP("value", "Regular"),
    "regulation": QT_TRANSLATE_NOOP("value", "Regulation"),
    "regulator": QT_TRANSLATE_NOOP("value", "Regulator"),
    "rejected": QT_TRANSLATE_NOOP("value", "Rejected"),
    "report": QT_TRANSLATE_NOOP("value", "Report"),
    "request_to_authority": QT_TRANSLATE_NOOP("value", "Request to an authority"),
    "requested": QT_TRANSLATE_NOOP("value", "Requested"),
    "resolved": QT_TRANSLATE_NOOP("value", "Resolved"),
    "resolved_full": QT_TRANSLATE_NOOP("value", "Resolved in full"),
    "resolved_partial": QT_TRANSLATE_NOOP("value", "Resolved in part"),
    "returned": QT_TRANSLATE_NOOP("value", "Returned"),
    "seminar": QT_TRANSLATE_NOOP("value", "Seminar"),
    "site_visit": QT_TRANSLATE_NOOP("value", "Site visit"),
    "sites": QT_TRANSLATE_NOOP("value", "Sites"),
    "small": QT_TRANSLATE_NOOP("value", "Small"),
    "soft": QT_TRANSLATE_NOOP("value", "Soft"),
    "startup": QT_TRANSLATE_NOOP("value", "Startup"),
    "state": QT_TRANSLATE_NOOP("value", "State"),
    "submitted": QT_TRANSLATE_NOOP("value", "Submitted"),
    "tax": QT_TRANSLATE_NOOP("value", "Tax"),
    "tenders": QT_TRANSLATE_NOOP("value", "Tenders"),
    "theirs": QT_TRANSLATE_NOOP("value", "Keep HQ value"),
    "trade_office": QT_TRANSLATE_NOOP("value", "Trade office"),
    "transferred": QT_TRANSLATE_NOOP("value", "Transferred"),
    "under_review": QT_TRANSLATE_NOOP("value", "Under review"),
    "urgent": QT_TRANSLATE_NOOP("value", "Urgent"),
    "video": QT_TRANSLATE_NOOP("value", "Video"),
    "withdrawn": QT_TRANSLATE_NOOP("value", "Withdrawn"),
}


def value_names(value: str) -> tuple[str, str]:
    """(Korean, English) for a stored value; the value itself twice when it has no name."""
    english = VALUE_NAMES.get(value)
    if english is None:
        return value, value
    return translate("value", english, "ko"), english


def bilingual(korean: str, english: str, *, korean_first: bool) -> str:
    """One name in the reader's language with the other beside it: ``진행 중 (In progress)``."""
    first, second = (korean, english) if korean_first else (english, korean)
    if not first:
        return second
    if not second or second == first:
        return first
    return f"{first} ({second})"
