"""A report as the screens, the CLI and the workbook see it: figures, names, sentence, lock, amendments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from missiondesk.reports.lock import Amendment, Lock
from missiondesk.reports.names import REGIONS, Names
from missiondesk.reports.period import ReportScope, ScopeKind
from missiondesk.reports.tallies import Tallies


@dataclass(frozen=True)
class Report:
    """What a report shows: the figures (frozen ones for a locked period), the sentence, the amendments."""

    tallies: Tallies
    names: Names
    headline_ko: str
    headline_en: str
    lock: Lock | None
    amendments: tuple[Amendment, ...]
    made_at: dt.datetime
    made_by: str
    seconds: float

    @property
    def rules_version(self) -> str:
        return self.tallies.rules_version

    def scope_label(self) -> tuple[str, str]:
        return scope_name(self.names, self.tallies.scope)


@dataclass(frozen=True)
class ScopeChoice:
    scope: ReportScope
    label_ko: str
    label_en: str


def scope_name(names: Names, scope: ReportScope) -> tuple[str, str]:
    match scope.kind:
        case ScopeKind.ALL:
            return "전체 공관", "All missions"
        case ScopeKind.MISSION:
            return names.mission(scope.code)
        case ScopeKind.COUNTRY:
            ko, en = names.country(scope.code)
            return f"{ko} 소재 공관", f"Missions in {en}"
        case ScopeKind.REGION:
            ko, en = REGIONS.get(scope.code, (scope.code, scope.code))
            return f"{ko} 지역 공관", f"Missions in {en}"
    raise AssertionError(scope)
