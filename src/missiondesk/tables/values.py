"""Reading one cell as the value of the field its column fills.

Each problem carries a code (``CellCode``) and its parameters, no sentence: ``tables.reasons`` words
it for the CLI and the errors workbook (Korean or English), the window through its catalogue. A suggested match (a country spelled almost right)
is a problem of its own, ``confirm_value``: it is never taken without the person saying so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from missiondesk.domain.schema import Kind
from missiondesk.tables.dates import ColumnOrder, DateError, DateOrder, read_date
from missiondesk.tables.read import cell_text
from missiondesk.tables.targets import Target
from missiondesk.tables.vocabulary import Match, Vocabulary

_LIST_SPLIT = re.compile(r"\s*[,;/·\n]\s*")
_TRUE = {"o", "○", "y", "yes", "true", "1", "예", "네", "있음", "유", "v", "✓", "✔"}
_FALSE = {"x", "×", "n", "no", "false", "0", "아니오", "아니요", "없음", "무", "-"}


class CellCode(StrEnum):
    NOT_A_DATE = "not_a_date"
    AMBIGUOUS_DATE = "ambiguous_date"  # params: column; choose day-month or month-day
    INCONSISTENT_DATES = "inconsistent_dates"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NOT_TRUE_OR_FALSE = "not_true_or_false"
    UNKNOWN_VALUE = "unknown_value"  # params: value
    CONFIRM_VALUE = "confirm_value"  # params: value, suggestion, confidence
    CONFIRM_COMPANY = "confirm_company"  # params: value, suggestion, confidence
    INVALID = "invalid"  # the record's own validation: params carry its problem code
    UNKNOWN_MISSION = "unknown_mission"  # params: mission
    OTHER_MISSION = "other_mission"  # params: row_mission, device_mission
    NO_MISSION = "no_mission"  # HQ: the row names no mission and none was chosen for the table
    REFUSED = "refused"  # the service refused the record (permissions, workflow): params: message (English)


@dataclass(frozen=True)
class CellProblem:
    target: str
    code: CellCode
    params: Mapping[str, Any] = field(default_factory=dict)
    column: str = ""  # letter, filled in by the caller
    title: str = ""

    @property
    def needs_confirmation(self) -> bool:
        return self.code in (CellCode.CONFIRM_VALUE, CellCode.CONFIRM_COMPANY)


@dataclass(frozen=True)
class Suggestion:
    """A low-confidence match the person accepted (target, the text as typed) -> value."""

    target: str
    text: str


@dataclass
class Reader:
    """How the cells of one table are read: vocabularies per target, the dates' column orders."""

    vocabularies: Mapping[str, Vocabulary]
    date_orders: Mapping[str, ColumnOrder] = field(default_factory=dict)  # target -> its column's order
    chosen_order: DateOrder | None = None
    accepted: frozenset[Suggestion] = frozenset()
    accept_all: bool = False  # the person confirmed every suggestion at once

    def read(self, t: Target, cell: Any) -> tuple[Any, CellProblem | None]:
        text = cell_text(cell)
        if text == "":
            return (None if t.kind is not Kind.CODES else []), None
        match t.kind:
            case Kind.TEXT | Kind.LONGTEXT:
                return _as_text(cell), None
            case Kind.DATE:
                got = read_date(cell, self.date_orders.get(t.key, ColumnOrder.NONE), self.chosen_order)
                if got.error is None:
                    return got.value, None
                return None, _date_problem(t, text, got.error)
            case Kind.INT:
                return _as_int(t, cell, text)
            case Kind.BOOL:
                folded = text.casefold()
                if folded in _TRUE:
                    return True, None
                if folded in _FALSE:
                    return False, None
                return None, CellProblem(t.key, CellCode.NOT_TRUE_OR_FALSE, {"value": text})
            case Kind.ENUM | Kind.CODE:
                return self._one(t, text)
            case Kind.CODES:
                values = []
                for part in filter(None, _LIST_SPLIT.split(text)):
                    value, problem = self._one(t, part)
                    if problem is not None:
                        return None, problem
                    values.append(value)
                return values, None
        return text, None

    def _one(self, t: Target, text: str) -> tuple[Any, CellProblem | None]:
        vocab = self.vocabularies[t.key]
        match: Match | None = vocab.match(text)
        if match is None:
            return None, CellProblem(
                t.key,
                CellCode.UNKNOWN_VALUE,
                {"value": text, "label_ko": t.label_ko or t.key, "label_en": t.label_en or t.key},
            )
        if match.sure or self.accept_all or Suggestion(t.key, text) in self.accepted:
            return match.value, None
        return None, CellProblem(
            t.key,
            CellCode.CONFIRM_VALUE,
            {
                "value": text,
                "suggestion": match.value,
                "known_as": match.known_as,
                "confidence": match.confidence,
            },
        )


def _as_text(cell: Any) -> str:
    if isinstance(cell, dt.datetime | dt.date):
        return (
            cell.isoformat()[:10]
            if not isinstance(cell, dt.datetime) or not cell.time()
            else cell.isoformat()
        )
    return cell_text(cell)


def _as_int(t: Target, cell: Any, text: str) -> tuple[Any, CellProblem | None]:
    if isinstance(cell, float) and cell.is_integer():
        return int(cell), None
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell, None
    cleaned = re.sub(r"[,\s]|원$|USD$|\$", "", text)
    if re.fullmatch(r"-?\d+", cleaned):
        return int(cleaned), None
    return None, CellProblem(t.key, CellCode.NOT_A_WHOLE_NUMBER, {"value": text})


def _date_problem(t: Target, text: str, error: DateError) -> CellProblem:
    if error is DateError.AMBIGUOUS:
        return CellProblem(t.key, CellCode.AMBIGUOUS_DATE, {"value": text})
    if error is DateError.INCONSISTENT:
        return CellProblem(t.key, CellCode.INCONSISTENT_DATES, {"value": text})
    return CellProblem(t.key, CellCode.NOT_A_DATE, {"value": text})
