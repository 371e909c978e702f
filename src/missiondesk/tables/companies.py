"""Finding a company that exists already: by registration number first, then by name in either script.

A name is compared without legal forms, spaces and punctuation ("(주)한빛배터리" is "한빛 배터리"); the
same key is a sure match. Otherwise the closest name by similarity (difflib, over the few companies that
share most of its character pairs, so 10,000 rows do not compare with every company) is a suggestion the
person confirms. difflib rather than rapidfuzz: the standard library suffices at these sizes once the
candidates are narrowed, and it adds no dependency to the Windows build.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import StrEnum

from missiondesk.tables.text import brn_key, company_key

SUGGEST_FROM = 0.8
_CANDIDATES = 8


class FoundBy(StrEnum):
    BRN = "brn"
    NAME = "name"
    SIMILAR_NAME = "similar_name"  # to be confirmed


@dataclass(frozen=True)
class CompanyMatch:
    company_id: str
    by: FoundBy
    confidence: float
    known_as: str

    @property
    def sure(self) -> bool:
        return self.by is not FoundBy.SIMILAR_NAME


class CompanyIndex:
    def __init__(self) -> None:
        self._by_brn: dict[str, str] = {}
        self._by_key: dict[str, str] = {}
        self._names: dict[str, str] = {}  # key -> a name as written
        self._pairs: defaultdict[str, set[str]] = defaultdict(set)
        self._with_brn: set[str] = set()

    def add(self, company_id: str, name_ko: str | None, name_en: str | None, brn: str | None) -> None:
        if brn and brn_key(brn):
            self._by_brn.setdefault(brn_key(brn), company_id)
            self._with_brn.add(company_id)
        for name in (name_ko, name_en):
            key = company_key(name or "")
            if key and key not in self._by_key:
                self._by_key[key] = company_id
                self._names[key] = str(name)
                for pair in _pairs(key):
                    self._pairs[pair].add(key)

    def find(self, name: str | None, brn: str | None) -> CompanyMatch | None:
        if brn and brn_key(brn) in self._by_brn:
            return CompanyMatch(self._by_brn[brn_key(brn)], FoundBy.BRN, 1.0, brn)
        found = self._by_name(name)
        # Another registration number is another company, whatever its name: only a company whose number
        # is not known may be the one named.
        if found is not None and brn and brn_key(brn) and found.company_id in self._with_brn:
            return None
        return found

    def _by_name(self, name: str | None) -> CompanyMatch | None:
        key = company_key(name or "")
        if not key:
            return None
        if key in self._by_key:
            return CompanyMatch(self._by_key[key], FoundBy.NAME, 1.0, self._names[key])
        shared: Counter[str] = Counter()
        for pair in _pairs(key):
            shared.update(self._pairs.get(pair, ()))
        best: tuple[float, str] | None = None
        for candidate, _ in shared.most_common(_CANDIDATES):
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            if ratio >= SUGGEST_FROM and (best is None or ratio > best[0]):
                best = (ratio, candidate)
        if best is None:
            return None
        return CompanyMatch(
            self._by_key[best[1]], FoundBy.SIMILAR_NAME, round(best[0], 2), self._names[best[1]]
        )


def _pairs(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}
