"""Texts people write for a closed list's values (statuses, channels) or reference codes (countries, areas).

A vocabulary maps folded texts to values: the value itself, its names in both languages, names in the
local language and the synonyms a person added. An exact text is sure (confidence 1); otherwise the
closest known text above ``SUGGEST_FROM`` is offered with its similarity as the confidence, and a
suggestion is never taken without the person's confirmation.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from missiondesk.domain.value_names import value_names
from missiondesk.tables.text import fold

SUGGEST_FROM = 0.75  # below this a text matches nothing
_KO_PARTS = re.compile(r"\s*·\s*")
_EN_PARTS = re.compile(r",\s*|\s+and\s+")


@dataclass(frozen=True)
class Match:
    value: str
    confidence: float  # 1.0: an exact name, code or synonym; less: a suggestion to confirm
    known_as: str  # the text it was matched to (for the message)

    @property
    def sure(self) -> bool:
        return self.confidence >= 1.0


class Vocabulary:
    def __init__(self, target: str) -> None:
        self.target = target
        self._texts: dict[str, str] = {}
        self._shown: dict[str, str] = {}
        self._folded: list[str] = []

    def add(self, text: str, value: str) -> None:
        key = fold(text)
        if key and key not in self._texts:  # the first name wins: codes and official names come first
            self._texts[key] = value
            self._shown[key] = text
            self._folded.append(key)

    def __contains__(self, value: str) -> bool:
        return value in self._texts.values()

    def match(self, text: str) -> Match | None:
        key = fold(text)
        if not key:
            return None
        value = self._texts.get(key)
        if value is not None:
            return Match(value, 1.0, self._shown[key])
        close = difflib.get_close_matches(key, self._folded, n=1, cutoff=SUGGEST_FROM)
        if not close:
            return None
        ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
        return Match(self._texts[close[0]], min(round(ratio, 2), 0.99), self._shown[close[0]])


@cache
def builtin_synonyms() -> Mapping[str, Mapping[str, str]]:
    """Target -> text -> value: local-language country names and the words legacy sheets use."""
    text = resources.files(__package__).joinpath("synonyms.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def enum_vocabulary(target: str, enum: type[StrEnum], extra: Mapping[str, str] = {}) -> Vocabulary:
    vocab = Vocabulary(target)
    for member in enum:
        vocab.add(member.value, member.value)
    for member in enum:
        korean, english = value_names(member.value)
        vocab.add(korean, member.value)
        vocab.add(english, member.value)
    for text, value in {**builtin_synonyms().get(enum.__name__, {}), **extra}.items():
        if value in enum._value2member_map_:
            vocab.add(text, value)
    return vocab


def code_vocabulary(
    target: str, rows: Iterable[Mapping[str, Any]], extra: Mapping[str, str] = {}
) -> Vocabulary:
    """Reference rows (code, name_en, name_ko, name_local) plus synonyms."""
    vocab = Vocabulary(target)
    rows = list(rows)
    for row in rows:
        vocab.add(str(row["code"]), str(row["code"]))
    for row in rows:
        for key in ("name_ko", "name_en", "name_local"):
            name = row.get(key)
            if name:
                vocab.add(str(name), str(row["code"]))
                if key == "name_ko" and str(name).endswith("주") and len(str(name)) > 2:
                    vocab.add(str(name)[:-1], str(row["code"]))  # 바이에른주 -> 바이에른
    for (
        row
    ) in rows:  # each part of a compound name: "비자·출입국" is also "비자", "Visas and immigration" "Visas"
        for key, split in (("name_ko", _KO_PARTS), ("name_en", _EN_PARTS)):
            parts = split.split(str(row.get(key) or ""))
            if len(parts) > 1:
                for part in parts:
                    vocab.add(part, str(row["code"]))
    codes = {str(r["code"]) for r in rows}
    for text, value in {**builtin_synonyms().get(target, {}), **extra}.items():
        if value in codes:
            vocab.add(text, value)
    return vocab
