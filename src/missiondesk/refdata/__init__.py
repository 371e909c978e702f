"""Reference data shipped with the app: countries, areas, missions, partners, taxonomy.

Plain JSON package data, read here and loaded into the database by
``missiondesk.store.refload``. Reporting periods are generated (calendar
years with the ministry's 30 November cut-off).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

FILES = {
    "country": "countries.json",
    "area": "areas.json",
    "mission": "missions.json",
    "sector": "sectors.json",
    "partner": "partners.json",
    "authority": "authorities.json",
    "category": "categories.json",
    "programme": "programmes.json",
}

FIRST_PERIOD_YEAR = 2020
LAST_PERIOD_YEAR = 2035


@cache
def _raw(name: str) -> tuple[dict[str, Any], ...]:
    text = resources.files(__package__).joinpath(FILES[name]).read_text(encoding="utf-8")
    return tuple(json.loads(text))


def reporting_periods() -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "code": str(year),
            "name_en": f"Year {year}",
            "name_ko": f"{year}년",
            "start": dt.date(year, 1, 1).isoformat(),
            "end": dt.date(year, 12, 31).isoformat(),
            "cutoff": dt.date(year, 11, 30).isoformat(),
        }
        for year in range(FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR + 1)
    )


def rows(entity: str) -> tuple[dict[str, Any], ...]:
    """The shipped rows of one reference entity, as wire values."""
    if entity == "reporting_period":
        return reporting_periods()
    return _raw(entity)


def entities() -> tuple[str, ...]:
    return (*FILES, "reporting_period")
