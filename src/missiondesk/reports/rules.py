"""The counting rules, versioned. Every report records ``RULES_VERSION`` so a figure can be explained later.

Change a rule only together with a new version (and a line in ``docs/reports.md``): a locked period keeps
the version it was counted with, and a report made under other rules says so.
"""

from __future__ import annotations

RULES_VERSION = "2024.1"

DORMANT_DAYS = 90
"""A case still open with no activity (nor intake) for this many days before the as-of date is dormant."""

RULES: tuple[tuple[str, str], ...] = (
    (
        "P1",
        "The period runs from its start to its cut-off date (or its end when it has none), both included. "
        "Status figures (open, pending, resolved, dormant) are the state when the report is made, "
        "dormancy is measured at the as-of date (the cut-off, or today if earlier).",
    ),
    (
        "S1",
        "The scope selects owner missions: one mission, the missions located in a country, the missions "
        "of a region (the country's region), or all. Records in the trash are never counted.",
    ),
    (
        "M1",
        "Council meetings = meetings with status held and a date in the period. Planned and cancelled "
        "meetings, and meetings dated after the cut-off, are not counted.",
    ),
    ("M2", "Countries = distinct countries of the missions that held those meetings."),
    (
        "C1",
        "Support cases = cases received (received date) in the period, drafts included, except cases "
        "archived as duplicates (duplicate of another case set): those count under the case they duplicate.",
    ),
    (
        "C2",
        "Open = counted cases not closed (draft, open, in progress, pending); pending = status pending, by whom.",
    ),
    (
        "C3",
        "Resolved in full / in part = counted cases closed with that outcome; other outcomes are listed "
        "separately.",
    ),
    (
        "C4",
        "By category: a case with several categories counts once in each; the category figures add up "
        "to more than the total. By area and by country: the case's own area and country.",
    ),
    (
        "C5",
        "By partner institution: counted cases with a referral to the partner that was not declined or "
        "cancelled. A joint case (two partners or more) counts once in the totals and is credited to every "
        "partner, so the partner figures add up to more than the cases referred.",
    ),
    (
        "C6",
        f"Dormant = counted cases open, in progress or pending, received at least {DORMANT_DAYS} days before "
        f"the as-of date, with no case activity dated in the {DORMANT_DAYS} days up to it.",
    ),
    (
        "O1",
        "Outcomes = over counted cases: investment (USD) and jobs created summed, permits obtained and "
        "sites secured counted.",
    ),
    (
        "B1",
        "Market-information instances = deliveries (a brief given to one company) dated in the period, of "
        "briefs not in the trash: a brief delivered to five firms counts five. By topic and sector of the "
        "brief; the scope applies to the delivering mission.",
    ),
    ("R1", "Proposals = proposals whose fiscal year falls in the period's years, by status."),
    (
        "L1",
        "A locked period shows the figures frozen at its lock. Later edits that change a frozen figure are "
        "listed as amendments (published, now, difference) in the reports that follow; the published "
        "number itself never changes.",
    ),
)

RULES_KO: dict[str, str] = {
    "P1": "집계 기간은 시작일부터 마감일(마감일이 없으면 종료일)까지이며 양 끝을 포함한다. 상태 수치(접수, 대기, "
    "해결, 장기 미조치)는 보고서를 만든 시점의 상태이고, 장기 미조치는 기준일(마감일, 또는 그보다 이르면 오늘)에 "
    "판단한다.",
    "S1": "범위는 소관 공관을 고른다: 한 공관, 한 국가에 있는 공관들, 한 지역(그 국가가 속한 지역)의 공관들, 또는 "
    "전체. 휴지통의 기록은 집계하지 않는다.",
    "M1": "지원협의회 = 상태가 '개최'이고 날짜가 기간 안에 있는 회의. 예정·취소된 회의와 마감일 이후 날짜의 회의는 "
    "집계하지 않는다.",
    "M2": "개최 국가 = 그 회의를 개최한 공관들의 서로 다른 국가.",
    "C1": "현장 지원 사례 = 기간 안에 접수(접수일)된 사례로 작성 중인 사례를 포함한다. 다만 중복으로 정리된 사례(다른 "
    "사례의 중복으로 지정)는 빼고, 그 사례가 중복한 원 사례로 집계한다.",
    "C2": "진행 중 = 집계된 사례 중 종결되지 않은 사례(작성 중, 접수, 진행 중, 대기); 대기 = 상태가 대기인 사례, "
    "대기 주체별.",
    "C3": "완전 해결 / 일부 해결 = 집계된 사례 중 그 결과로 종결된 사례; 다른 결과는 따로 표시한다.",
    "C4": "분야별: 분야가 여럿인 사례는 각 분야에 한 번씩 집계하므로 분야별 수치의 합은 전체보다 클 수 있다. 지역별·"
    "국가별: 사례 자체의 지역과 국가.",
    "C5": "협력기관별: 그 기관으로의 연계가 거절·취소되지 않은 집계 사례. 공동 사례(기관 둘 이상)는 전체에서 한 번만 "
    "세고 관련 기관마다 반영하므로, 기관별 수치의 합은 연계 사례 수보다 클 수 있다.",
    "C6": "장기 미조치 = 집계된 사례 중 접수·진행 중·대기 상태이고, 기준일보다 90일 이상 전에 접수되었으며, 기준일까지 "
    "90일 동안 사례 활동이 없는 사례.",
    "O1": "성과 = 집계된 사례에 대해 투자액(USD)과 고용 창출은 합산하고, 인허가 취득과 부지 확보는 건수로 센다.",
    "B1": "시장정보 제공 = 기간 안에 날짜가 있는 제공(자료 하나를 기업 하나에 제공) 건수로, 휴지통에 있지 않은 자료의 "
    "것이다. 자료 하나를 다섯 기업에 제공하면 다섯 건이다. 주제별·업종별은 자료의 주제와 업종, 범위는 제공한 "
    "공관에 적용한다.",
    "R1": "지원모델 제안 = 회계연도가 기간의 연도에 드는 제안, 상태별.",
    "L1": "잠긴 기간은 잠글 때 고정된 수치를 보인다. 이후 수정으로 고정 수치가 바뀌면 다음 보고서들에 정정 내역(공표, "
    "현재, 차이)으로 표시하며, 공표된 수치 자체는 바뀌지 않는다.",
}
"""The same rules in Korean, for the reports people read at HQ (the English text stays the reference)."""
