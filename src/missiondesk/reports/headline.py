"""The sentence the ministry publishes, in Korean and in English.

"11월 30일 기준 17개국에서 지원협의회 46회 개최, 현장 지원 241건, 시장정보 401건 제공" is the form of the
ministry's yearly statement: the cut-off day without the year (the period names it), counts with
thousands separators, meetings in 회, cases and market information in 건.
"""

from __future__ import annotations

import datetime as dt

from missiondesk.reports.period import Period, ScopeKind
from missiondesk.reports.tallies import Tallies

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _ko_day(d: dt.date, with_year: bool) -> str:
    return f"{d.year}년 {d.month}월 {d.day}일" if with_year else f"{d.month}월 {d.day}일"


def _en_day(d: dt.date, with_year: bool) -> str:
    return f"{d.day} {_MONTHS_EN[d.month - 1]}" + (f" {d.year}" if with_year else "")


def _when_ko(p: Period) -> str:
    if p.is_year:
        return f"{_ko_day(p.last, False)} 기준"
    return f"{_ko_day(p.start, True)}부터 {_ko_day(p.last, p.last.year != p.start.year)}까지"


def _when_en(p: Period) -> str:
    if p.is_year:
        return f"As of {_en_day(p.last, False)}"
    return f"From {_en_day(p.start, p.start.year != p.last.year)} to {_en_day(p.last, True)}"


def _n(value: int, one: str, many: str) -> str:
    return f"{value:,} {one if value == 1 else many}"


def korean(t: Tallies) -> str:
    f = t.figures
    return (
        f"{_when_ko(t.period)} {f['meeting_countries']:,}개국에서 지원협의회 {f['meetings_held']:,}회 개최, "
        f"현장 지원 {f['cases_received']:,}건, 시장정보 {f['deliveries']:,}건 제공"
    )


def english(t: Tallies) -> str:
    f = t.figures
    who = "the mission" if t.scope.kind is ScopeKind.MISSION else "missions"
    return (
        f"{_when_en(t.period)}, {who} held "
        f"{_n(f['meetings_held'], 'support council meeting', 'support council meetings')} in "
        f"{_n(f['meeting_countries'], 'country', 'countries')}, handled "
        f"{_n(f['cases_received'], 'on-site support case', 'on-site support cases')} and provided "
        f"{_n(f['deliveries'], 'instance', 'instances')} of local market information."
    )
