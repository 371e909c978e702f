"""Guessing which field each column fills: from its header in Korean or English, then from its values.

A header that is a field's name, label or synonym (folded: case, spaces and punctuation ignored) is
sure; one that contains a name ("기업 사업자번호" contains "사업자번호") is a guess scored by how much
of the header the name covers. Each field takes one column, the best-scored first. A column no header
names may still be recognised by its values (dates, registration numbers, countries).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from missiondesk.domain.schema import Kind
from missiondesk.tables.dates import ColumnOrder, read_date
from missiondesk.tables.header import Column, Table
from missiondesk.tables.read import cell_text
from missiondesk.tables.targets import Helper, TableKind, Target, targets
from missiondesk.tables.text import fold

MIN_SCORE = 0.6
_BRN = re.compile(r"^\d{3}-?\d{2}-?\d{5}$")
_BY_VALUES_SHARE = 0.8


class GuessedBy(StrEnum):
    HEADER = "header"
    VALUES = "values"
    SAVED = "saved"  # a named mapping
    PERSON = "person"  # set by hand


@dataclass(frozen=True)
class ColumnMapping:
    column: Column
    target: str | None  # None: the column is left out
    confidence: float
    by: GuessedBy


def header_score(title: str, t: Target) -> float:
    folded = fold(title)
    if not folded:
        return 0.0
    best = 0.0
    for name in t.names:
        key = fold(name)
        if not key:
            continue
        if key == folded:
            return 1.0
        if len(key) >= 2 and key in folded:
            best = max(best, 0.5 + 0.5 * len(key) / len(folded))
    return best


def known_header(kind: TableKind) -> Callable[[str], bool]:
    all_targets = targets(kind)
    return lambda title: any(header_score(title, t) >= MIN_SCORE for t in all_targets)


def guess(
    kind: TableKind, table: Table, value_test: Callable[[str, Sequence[Any]], bool] | None = None
) -> list[ColumnMapping]:
    """One mapping per column: by header first, then by values for the columns still free."""
    all_targets = targets(kind)
    scored = sorted(
        ((header_score(c.title, t), -c.index, c, t) for c in table.columns for t in all_targets),
        key=lambda s: (s[0], s[1]),
        reverse=True,
    )
    chosen: dict[int, ColumnMapping] = {}
    taken: set[str] = set()
    for score, _, column, t in scored:
        if score < MIN_SCORE:
            break
        if column.index in chosen or t.key in taken:
            continue
        chosen[column.index] = ColumnMapping(column, t.key, round(score, 2), GuessedBy.HEADER)
        taken.add(t.key)
    for column in table.columns:
        if column.index in chosen:
            continue
        values = [r.cells[column.index] for r in table.rows[:200] if cell_text(r.cells[column.index])]
        found = _by_values(all_targets, taken, values, value_test) if values else None
        if found is not None:
            taken.add(found)
            chosen[column.index] = ColumnMapping(column, found, _BY_VALUES_SHARE, GuessedBy.VALUES)
        else:
            chosen[column.index] = ColumnMapping(column, None, 0.0, GuessedBy.HEADER)
    return [chosen[c.index] for c in table.columns]


def _by_values(
    all_targets: Sequence[Target],
    taken: set[str],
    values: Sequence[Any],
    value_test: Callable[[str, Sequence[Any]], bool] | None,
) -> str | None:
    def share(test: Callable[[Any], bool]) -> bool:
        return sum(1 for v in values if test(v)) >= _BY_VALUES_SHARE * len(values)

    free = [t for t in all_targets if t.key not in taken]
    for t in free:
        if t.key in ("brn", Helper.COMPANY_BRN) and share(lambda v: bool(_BRN.match(cell_text(v)))):
            return t.key
    for t in free:
        required_date = t.kind is Kind.DATE and t.spec is not None and t.spec.required
        if required_date and share(lambda v: read_date(v, ColumnOrder.DMY).value is not None):
            return t.key
    if value_test is not None:
        for t in free:
            if t.kind in (Kind.CODE, Kind.ENUM) and value_test(t.key, values):
                return t.key
    return None


def apply_saved(table: Table, saved: Mapping[str, str | None], kind: TableKind) -> list[ColumnMapping]:
    """A named mapping (header title -> field) on this table; titles it does not know are left out."""
    keys = {t.key for t in targets(kind)}
    by_title = {fold(title): key for title, key in saved.items()}
    out = []
    for column in table.columns:
        key = by_title.get(fold(column.title))
        key = key if key in keys else None
        out.append(ColumnMapping(column, key, 1.0 if key else 0.0, GuessedBy.SAVED))
    return out


def as_saved(mappings: Sequence[ColumnMapping]) -> dict[str, str | None]:
    return {m.column.title: m.target for m in mappings}
