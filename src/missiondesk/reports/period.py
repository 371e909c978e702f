"""What a report covers: a period (dates and cut-off) and a scope (one mission, a country, a region, all)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from missiondesk.errors import UserError


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    cutoff: dt.date | None = None
    code: str = ""  # the reporting period's code ("2024") when it is one

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserError(f"The period ends ({self.end}) before it starts ({self.start}).")
        if self.cutoff is not None and not self.start <= self.cutoff:
            raise UserError(f"The cut-off {self.cutoff} is before the period starts ({self.start}).")

    @classmethod
    def year(cls, year: int, cutoff: dt.date | None = None) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), cutoff, str(year))

    @property
    def last(self) -> dt.date:
        """The last day counted: the cut-off, or the end when there is none (or it is later)."""
        return min(self.end, self.cutoff) if self.cutoff is not None else self.end

    @property
    def is_year(self) -> bool:
        return self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(self.start.year, 12, 31)

    @property
    def key(self) -> str:
        """Identifies the period in a lock: its dates, so two names for the same dates are one period."""
        return f"{self.start.isoformat()}/{self.last.isoformat()}"

    def label(self) -> str:
        if self.is_year:
            return f"{self.start.year} (to {self.last.isoformat()})"
        return f"{self.start.isoformat()} – {self.last.isoformat()}"

    def months(self) -> list[str]:
        """``YYYY-MM`` of every month the period touches, in order."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.last.year, self.last.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def to_json(self) -> dict[str, str | None]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "cutoff": self.cutoff.isoformat() if self.cutoff else None,
            "code": self.code,
        }


class ScopeKind(StrEnum):
    ALL = "all"
    MISSION = "mission"
    COUNTRY = "country"
    REGION = "region"


@dataclass(frozen=True)
class ReportScope:
    kind: ScopeKind = ScopeKind.ALL
    code: str = ""  # the mission, country or region code

    def __post_init__(self) -> None:
        if (self.kind is ScopeKind.ALL) != (self.code == ""):
            raise UserError("Name the mission, country or region of the report (and nothing for all).")

    @property
    def key(self) -> str:
        return "all" if self.kind is ScopeKind.ALL else f"{self.kind.value}:{self.code}"

    @classmethod
    def parse(cls, key: str) -> ReportScope:
        if key == "all":
            return cls()
        kind, _, code = key.partition(":")
        return cls(ScopeKind(kind), code)
