"""Names of the values a report shows, in Korean and English, without Qt (the CLI writes reports too).

Reference codes (countries, areas, categories, partners, sectors, missions) are named from the
reference tables of the database the report is counted in; closed lists (statuses, outcomes, topics)
by the names the whole app uses for them (``domain/value_names.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain.value_names import value_names
from missiondesk.store.tables import entity_table

UNSPECIFIED = ("미지정", "Not specified")

REFERENCE_OF: Mapping[str, str] = {
    "cases_by_category": "category",
    "cases_by_area": "area",
    "cases_by_country": "country",
    "cases_by_partner": "partner",
    "meetings_by_country": "country",
    "deliveries_by_sector": "sector",
}


class Names:
    """Korean and English names for the keys of every breakdown."""

    def __init__(self, reference: Mapping[str, Mapping[str, tuple[str, str]]]) -> None:
        self.reference = reference

    @classmethod
    def load(cls, conn: Connection) -> Names:
        ref: dict[str, dict[str, tuple[str, str]]] = {}
        for name in ("category", "area", "country", "partner", "sector", "mission"):
            t = entity_table(name)
            ref[name] = {
                str(code): (str(ko or en or code), str(en or code))
                for code, ko, en in conn.execute(sa.select(t.c.code, t.c.name_ko, t.c.name_en))
            }
        return cls(ref)

    def name(self, breakdown: str, key: str) -> tuple[str, str]:
        """(Korean, English) for one key of a breakdown."""
        if key == "":
            return UNSPECIFIED
        if breakdown == "cases_by_month":
            year, month = key.split("-")
            return f"{int(year)}년 {int(month)}월", f"{_MONTHS[int(month) - 1]} {year}"
        table = REFERENCE_OF.get(breakdown)
        if table is not None:
            return self.reference.get(table, {}).get(key, (key, key))
        return value_names(key)

    def mission(self, code: str) -> tuple[str, str]:
        return self.reference.get("mission", {}).get(code, (code, code))

    def country(self, code: str) -> tuple[str, str]:
        return self.reference.get("country", {}).get(code, (code, code))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

REGIONS: Mapping[str, tuple[str, str]] = {
    "africa": ("아프리카", "Africa"),
    "central_asia": ("중앙아시아", "Central Asia"),
    "east_asia": ("동아시아", "East Asia"),
    "europe": ("유럽", "Europe"),
    "latin_america": ("중남미", "Latin America"),
    "middle_east": ("중동", "Middle East"),
    "north_america": ("북미", "North America"),
    "oceania": ("오세아니아", "Oceania"),
    "south_asia": ("남아시아", "South Asia"),
    "southeast_asia": ("동남아시아", "Southeast Asia"),
}

FIGURE_NAMES: Mapping[str, tuple[str, str]] = {
    "meetings_held": ("지원협의회 개최", "Council meetings held"),
    "meeting_countries": ("개최 국가", "Countries"),
    "meetings_planned": ("예정 회의", "Meetings planned"),
    "meetings_cancelled": ("취소 회의", "Meetings cancelled"),
    "cases_received": ("현장 지원 접수", "Support cases received"),
    "cases_open": ("진행 중 사례", "Open cases"),
    "cases_pending": ("대기 사례", "Pending cases"),
    "cases_closed": ("종결 사례", "Closed cases"),
    "cases_resolved_full": ("완전 해결", "Resolved in full"),
    "cases_resolved_partial": ("일부 해결", "Resolved in part"),
    "cases_dormant": ("장기 미조치 사례", "Dormant cases"),
    "cases_referred": ("협력기관 연계 사례", "Cases referred to partners"),
    "cases_joint": ("공동 지원 사례", "Joint cases (2+ partners)"),
    "duplicates_excluded": ("중복 제외", "Duplicates excluded"),
    "deliveries": ("시장정보 제공", "Market-information instances"),
    "briefs_delivered": ("제공된 시장정보 자료", "Briefs delivered"),
    "firms_reached": ("정보 제공 기업", "Firms reached"),
    "proposals": ("맞춤형 지원모델 제안", "Proposals"),
    "investment_usd": ("투자 유치(USD)", "Investment (USD)"),
    "jobs_created": ("고용 창출", "Jobs created"),
    "permits_obtained": ("인허가 취득", "Permits obtained"),
    "sites_secured": ("부지 확보", "Sites secured"),
}

BREAKDOWN_NAMES: Mapping[str, tuple[str, str]] = {
    "cases_by_month": ("월별 현장 지원", "Cases by month"),
    "cases_by_status": ("상태별 사례", "Cases by status"),
    "cases_pending_on": ("대기 주체별 사례", "Pending cases by whom"),
    "cases_by_outcome": ("결과별 종결 사례", "Closed cases by outcome"),
    "cases_by_category": ("분야별 현장 지원", "Cases by category"),
    "cases_by_area": ("지역별 현장 지원", "Cases by area"),
    "cases_by_country": ("국가별 현장 지원", "Cases by country"),
    "cases_by_partner": ("협력기관별 사례", "Cases by partner"),
    "meetings_by_country": ("국가별 지원협의회", "Meetings by country"),
    "deliveries_by_topic": ("주제별 시장정보 제공", "Deliveries by topic"),
    "deliveries_by_sector": ("업종별 시장정보 제공", "Deliveries by sector"),
    "proposals_by_status": ("상태별 제안", "Proposals by status"),
}
