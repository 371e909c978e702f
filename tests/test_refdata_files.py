"""Consistency checks for the shipped reference data JSON files.

Reads the files directly with ``json`` (no project imports) so the data can be
validated independently of the loader.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REFDATA = Path(__file__).parents[1] / "src/missiondesk/refdata"

FILES = (
    "countries.json",
    "areas.json",
    "missions.json",
    "partners.json",
    "authorities.json",
    "categories.json",
    "sectors.json",
    "programmes.json",
)

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CODE_MAX = 32
NAME_MAX = 200
NAME_LOCAL_MAX = 300

REGIONS = {
    "east_asia",
    "southeast_asia",
    "south_asia",
    "central_asia",
    "middle_east",
    "europe",
    "north_america",
    "latin_america",
    "africa",
    "oceania",
}
AREA_KINDS = {
    "state",
    "province",
    "prefecture",
    "municipality",
    "region",
    "territory",
    "district",
    "autonomous_region",
    "special_administrative_region",
    "county",
    "voivodeship",
}
MISSION_TYPES = {"embassy", "consulate_general", "consulate", "permanent_mission"}
PARTNER_KINDS = {"home_ministry", "home_agency", "trade_office", "chamber", "financial", "other"}
AUTHORITY_LEVELS = {"national", "state", "municipal", "regulator"}

LEVEL1_CATEGORIES = [
    "permits",
    "site",
    "visas",
    "incorporation",
    "customs",
    "certification",
    "ip",
    "tax",
    "finance",
    "procurement",
    "labour",
    "digital",
    "competition",
    "partners",
    "market_info",
    "safety",
    "other",
]

# Countries whose sub-national areas must be shipped completely, with the expected counts.
COMPLETE_AREA_SETS = {
    "DE": 16,
    "US": 51,
    "JP": 47,
    "PL": 16,
    "HU": 20,
    "CZ": 14,
    "MX": 32,
    "CA": 13,
    "AU": 8,
}

REQUIRED_KEYS: dict[str, set[str]] = {
    "countries.json": {"code", "name_en", "name_ko", "region"},
    "areas.json": {"code", "country", "name_en", "name_ko", "kind"},
    "missions.json": {
        "code",
        "type",
        "country",
        "city_en",
        "city_ko",
        "name_en",
        "name_ko",
        "jurisdiction",
    },
    "partners.json": {"code", "name_en", "name_ko", "kind"},
    "authorities.json": {"code", "country", "area", "name_en", "name_local", "level"},
    "categories.json": {"code", "parent", "name_en", "name_ko", "sort"},
    "sectors.json": {"code", "name_en", "name_ko", "sort"},
    "programmes.json": {"code", "name_en", "name_ko", "owner", "start", "end"},
}

HANGUL_NAME_FILES = (
    "countries.json",
    "areas.json",
    "missions.json",
    "partners.json",
    "categories.json",
    "sectors.json",
    "programmes.json",
)


@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    data = json.loads((REFDATA / name).read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{name} must hold a JSON array"
    assert all(isinstance(row, dict) for row in data), f"{name} must hold objects only"
    return tuple(data)


def _codes(name: str) -> set[str]:
    return {row["code"] for row in _load(name)}


def _by_code(name: str) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in _load(name)}


def _nonempty_str(value: object) -> bool:
    return isinstance(value, str) and value.strip() != "" and value == value.strip()


# --- generic checks ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_file_is_nonempty_array(name: str) -> None:
    assert len(_load(name)) > 0


@pytest.mark.parametrize("name", FILES)
def test_codes_unique_and_well_formed(name: str) -> None:
    raw = [row.get("code") for row in _load(name)]
    assert all(_nonempty_str(c) for c in raw), f"{name}: empty or non-string code"
    codes = [str(c) for c in raw]
    dupes = sorted(c for c, n in Counter(codes).items() if n > 1)
    assert not dupes, f"{name}: duplicate codes {dupes}"
    too_long = [c for c in codes if len(c) > CODE_MAX]
    assert not too_long, f"{name}: codes longer than {CODE_MAX}: {too_long}"
    assert not any(" " in c for c in codes), f"{name}: codes must not contain spaces"


@pytest.mark.parametrize("name", FILES)
def test_required_keys_present(name: str) -> None:
    required = REQUIRED_KEYS[name]
    for row in _load(name):
        missing = required - row.keys()
        assert not missing, f"{name}: {row.get('code')} lacks {sorted(missing)}"


@pytest.mark.parametrize("name", FILES)
def test_names_are_nonempty_strings(name: str) -> None:
    for row in _load(name):
        for key in ("name_en", "name_ko", "name_local", "city_en", "city_ko"):
            if key in REQUIRED_KEYS[name]:
                value = row[key]
                assert _nonempty_str(value), f"{name}: {row['code']} has bad {key}: {value!r}"
                limit = NAME_LOCAL_MAX if key == "name_local" else NAME_MAX
                assert len(value) <= limit, f"{name}: {row['code']} {key} longer than {limit}"


@pytest.mark.parametrize("name", HANGUL_NAME_FILES)
def test_korean_names_contain_hangul(name: str) -> None:
    bad = [row["code"] for row in _load(name) if not HANGUL.search(row["name_ko"])]
    assert not bad, f"{name}: name_ko without Hangul for {bad}"


def test_english_names_have_no_hangul() -> None:
    for name in FILES:
        for row in _load(name):
            assert not HANGUL.search(row["name_en"]), f"{name}: {row['code']} name_en contains Hangul"


# --- countries ------------------------------------------------------------------------------------


def test_countries() -> None:
    rows = _load("countries.json")
    assert len(rows) >= 240, "expected all ISO 3166-1 countries"
    for row in rows:
        assert re.fullmatch(r"[A-Z]{2}", row["code"]), row["code"]
        assert row["region"] in REGIONS, f"{row['code']}: bad region {row['region']!r}"
    by_code = _by_code("countries.json")
    for code in ("KR", "DE", "US", "CN", "JP", "VN", "IN", "GB", "TR"):
        assert code in by_code, f"missing country {code}"
    assert by_code["DE"]["name_ko"] == "독일"
    assert by_code["KR"]["name_en"] == "South Korea"
    assert by_code["VN"]["name_en"] == "Vietnam"
    assert by_code["DE"]["region"] == "europe"
    assert by_code["CN"]["region"] == "east_asia"
    assert by_code["US"]["region"] == "north_america"
    assert all(region in {r["region"] for r in rows} for region in REGIONS)


# --- areas ------------------------------------------------------------------------------------------


def test_areas_reference_countries_and_kinds() -> None:
    countries = _codes("countries.json")
    for row in _load("areas.json"):
        assert row["country"] in countries, f"{row['code']}: unknown country {row['country']}"
        assert row["code"].startswith(row["country"] + "-"), f"{row['code']}: code/country mismatch"
        assert row["kind"] in AREA_KINDS, f"{row['code']}: bad kind {row['kind']!r}"


@pytest.mark.parametrize(("country", "expected"), sorted(COMPLETE_AREA_SETS.items()))
def test_complete_area_sets(country: str, expected: int) -> None:
    count = sum(1 for row in _load("areas.json") if row["country"] == country)
    assert count == expected, f"{country}: {count} areas, expected {expected}"


def test_area_coverage_of_other_countries() -> None:
    counts = Counter(row["country"] for row in _load("areas.json"))
    assert counts["CN"] >= 33, "China: all provincial-level divisions incl. HK and MO"
    assert counts["IN"] >= 36, "India: states and union territories"
    assert counts["VN"] >= 34, "Vietnam: provinces and municipalities"
    assert counts["ID"] >= 38, "Indonesia: provinces"
    assert counts["FR"] >= 13, "France: regions"
    assert {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"} <= _codes("areas.json")
    assert {"CN-HK", "CN-MO", "DE-BY", "US-DC"} <= _codes("areas.json")
    by_code = _by_code("areas.json")
    assert by_code["DE-BY"]["name_ko"] == "바이에른주"
    assert by_code["US-CA"]["name_ko"] == "캘리포니아주"
    assert by_code["CN-GD"]["name_ko"] == "광둥성"


# --- missions --------------------------------------------------------------------------------------


def test_missions_reference_existing_countries_and_areas() -> None:
    countries = _codes("countries.json")
    areas = _by_code("areas.json")
    for row in _load("missions.json"):
        code = row["code"]
        assert re.fullmatch(r"[A-Z]{2}-[A-Z]{3}", code), f"bad mission code {code}"
        assert row["country"] in countries, f"{code}: unknown country {row['country']}"
        assert code.startswith(row["country"] + "-"), f"{code}: code/country mismatch"
        assert row["type"] in MISSION_TYPES, f"{code}: bad type {row['type']!r}"
        jurisdiction = row["jurisdiction"]
        assert isinstance(jurisdiction, list), f"{code}: jurisdiction must be a list"
        assert len(jurisdiction) == len(set(jurisdiction)), f"{code}: duplicate jurisdiction codes"
        for area in jurisdiction:
            assert area in areas, f"{code}: unknown area {area}"
            assert areas[area]["country"] == row["country"], f"{code}: area {area} in another country"


def test_mission_coverage() -> None:
    rows = _load("missions.json")
    types = Counter(row["type"] for row in rows)
    assert types["embassy"] >= 1
    assert types["consulate_general"] >= 1
    assert len({row["country"] for row in rows}) >= 17
    assert 40 <= len(rows) <= 80
    assert "KR" not in {row["country"] for row in rows}, "no HQ entry"
    embassy_countries = Counter(row["country"] for row in rows if row["type"] == "embassy")
    dupes = [c for c, n in embassy_countries.items() if n > 1]
    assert not dupes, f"more than one embassy in {dupes}"


def test_consulates_have_jurisdiction_where_areas_exist() -> None:
    countries_with_areas = {row["country"] for row in _load("areas.json")}
    for row in _load("missions.json"):
        if row["type"] == "consulate_general" and row["country"] in countries_with_areas:
            assert row["jurisdiction"], f"{row['code']}: consulate general without jurisdiction"


def test_embassy_korean_name_pattern() -> None:
    for row in _load("missions.json"):
        if row["type"] == "embassy":
            assert row["name_ko"].startswith("주"), row["code"]
            assert row["name_ko"].endswith("대한민국 대사관"), row["code"]
        if row["type"] == "consulate_general":
            assert row["name_ko"] == f"주{row['city_ko']} 대한민국 총영사관", row["code"]


# --- partners --------------------------------------------------------------------------------------


def test_partners() -> None:
    rows = _load("partners.json")
    for row in rows:
        assert row["kind"] in PARTNER_KINDS, f"{row['code']}: bad kind {row['kind']!r}"
    codes = _codes("partners.json")
    for code in ("MOFA", "MSS", "MOTIE", "KOICA", "KOSME", "KISED", "KOTRA", "KITA", "KCCI", "KIPO"):
        assert code in codes, f"missing partner {code}"
    trade_centres = [r for r in rows if r["code"].startswith("KOTRA-")]
    assert len(trade_centres) >= 10
    assert all(r["kind"] == "trade_office" for r in trade_centres)
    assert _by_code("partners.json")["KOTRA"]["kind"] == "trade_office"


# --- authorities -----------------------------------------------------------------------------------


def test_authorities_reference_countries_and_areas() -> None:
    countries = _codes("countries.json")
    areas = _by_code("areas.json")
    for row in _load("authorities.json"):
        code = row["code"]
        assert row["country"] in countries, f"{code}: unknown country {row['country']}"
        assert code.startswith(row["country"] + "-"), f"{code}: code/country mismatch"
        assert row["level"] in AUTHORITY_LEVELS, f"{code}: bad level {row['level']!r}"
        area = row["area"]
        if area is None:
            assert row["level"] in {"national", "regulator"}, f"{code}: sub-national body without area"
        else:
            assert area in areas, f"{code}: unknown area {area}"
            assert areas[area]["country"] == row["country"], f"{code}: area {area} in another country"
            assert row["level"] in {"state", "municipal"}, f"{code}: area given for a national body"


def test_authority_coverage() -> None:
    rows = _load("authorities.json")
    assert len(rows) >= 40
    countries = {row["country"] for row in rows}
    assert {"DE", "US", "CN", "JP", "VN", "PL", "HU", "IN", "MX", "ID"} <= countries


# --- categories ------------------------------------------------------------------------------------


def test_category_level1_exact_and_ordered() -> None:
    level1 = [row for row in _load("categories.json") if row["parent"] is None]
    assert [row["code"] for row in level1] == LEVEL1_CATEGORIES
    assert [row["sort"] for row in level1] == list(range(1, len(LEVEL1_CATEGORIES) + 1))


def test_category_children() -> None:
    rows = _load("categories.json")
    by_code = _by_code("categories.json")
    children = [row for row in rows if row["parent"] is not None]
    assert 30 <= len(children) <= 70
    for row in children:
        parent = row["parent"]
        assert parent in by_code, f"{row['code']}: unknown parent {parent}"
        assert by_code[parent]["parent"] is None, f"{row['code']}: parent must be a level-1 category"
        assert row["code"].startswith(parent + "."), f"{row['code']}: code must start with parent"
    per_parent = Counter(row["parent"] for row in children)
    for code in LEVEL1_CATEGORIES:
        assert 2 <= per_parent[code] <= 4, f"{code}: {per_parent[code]} children"
    for row in rows:
        assert isinstance(row["sort"], int), row["code"]
        assert row["sort"] >= 1, row["code"]
    sorts = Counter((row["parent"], row["sort"]) for row in rows)
    assert all(n == 1 for n in sorts.values()), "sort values must be unique among siblings"


# --- sectors ---------------------------------------------------------------------------------------


def test_sectors() -> None:
    rows = _load("sectors.json")
    assert 18 <= len(rows) <= 30
    sorts = [row["sort"] for row in rows]
    assert all(isinstance(s, int) for s in sorts)
    assert len(set(sorts)) == len(sorts)
    codes = _codes("sectors.json")
    assert {"battery", "semiconductors", "cosmetics", "ai", "other"} <= codes


# --- programmes ------------------------------------------------------------------------------------


def test_programmes() -> None:
    partners = _codes("partners.json")
    rows = _load("programmes.json")
    assert len(rows) >= 3
    for row in rows:
        assert row["owner"] in partners, f"{row['code']}: unknown owner {row['owner']}"
        start = dt.date.fromisoformat(row["start"])
        end = dt.date.fromisoformat(row["end"])
        assert start <= end, f"{row['code']}: start after end"
    assert "TSM-2026" in _codes("programmes.json")
