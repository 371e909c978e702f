"""Case references ``{MISSION}-{YY}-{NNNN}``, made offline without clashes.

Two laptops of one mission never coordinate before they create a case, so the
number carries the laptop's *device slot* (1-9, unique within the mission and
given at enrolment or set up) as its first digit and the laptop's own counter
for the year after it: slot 2, 41st case of 2026 at DE-FRA is ``DE-FRA-26-2041``.
Past 999 cases the counter simply grows (``DE-FRA-26-21000``); the first digit
is always the slot, so two slots can never produce the same text.

Slot 0 is no device's: it numbers the cases HQ makes for a mission (a consolidated legacy workbook),
so those never take a number the mission's own laptops count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from missiondesk.errors import UserError

MAX_SLOT = 9
HQ_SLOT = 0  # the references HQ gives the cases it makes for a mission
_PATTERN = re.compile(
    r"^(?P<mission>[A-Z]{2}-[A-Z0-9]{2,4})-(?P<yy>\d{2})-(?P<slot>[0-9])(?P<counter>\d{3,})$"
)


# The start of a reference as someone types it: "DE-FRA-25", "DE-FRA-25-1", "de-fra-25-10".
_PREFIX = re.compile(r"^[A-Z]{2}-[A-Z0-9]{2,4}-\d{1,2}(-\d*)?$")


def looks_like_prefix(text: str) -> bool:
    """Whether searched text is the beginning of a case reference (found by the reference alone)."""
    return bool(_PREFIX.match(text.strip().upper()))


@dataclass(frozen=True)
class CaseReference:
    mission: str
    year: int  # full year
    slot: int
    counter: int

    def __str__(self) -> str:
        return f"{self.mission}-{self.year % 100:02d}-{self.slot}{self.counter:03d}"


def make(mission: str, year: int, slot: int, counter: int) -> str:
    if not HQ_SLOT <= slot <= MAX_SLOT:
        raise UserError(f"The device slot must be between 1 and {MAX_SLOT}, not {slot}.")
    if counter < 1:
        raise UserError("Case counters start at 1.")
    return str(CaseReference(mission, year, slot, counter))


def parse(text: str, century: int = 2000) -> CaseReference | None:
    m = _PATTERN.match(text)
    if m is None:
        return None
    return CaseReference(m["mission"], century + int(m["yy"]), int(m["slot"]), int(m["counter"]))
