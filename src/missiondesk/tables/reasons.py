"""Why a row was not imported, as text: the one renderer of ``CellProblem`` codes outside the window.

A problem is a code with parameters (``values.CellCode``; ``invalid`` carries the record's own
``ProblemCode``). The CLI prints English; the errors workbook is written in the language asked
(``ko`` or ``en``, as the bundle's readable sheets); the window words the same codes through its
translation catalogue (``ui.labels``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from missiondesk.domain.schema import entity, is_entity
from missiondesk.domain.validation import ProblemCode
from missiondesk.tables.values import CellCode, CellProblem

LANGUAGES = ("ko", "en")

# code -> (Korean, English); {value}, {known_as}, {confidence}, {field}... come from the parameters.
_CELL: dict[str, tuple[str, str]] = {
    CellCode.NOT_A_DATE: ("‘{value}’은(는) 날짜가 아닙니다", "{value!r} is not a date"),
    CellCode.AMBIGUOUS_DATE: (
        "‘{value}’은(는) 일-월로도 월-일로도 읽힙니다: 열의 순서를 정하십시오 (--date-order dmy|mdy)",
        "{value!r} may be day-month or month-day: choose the column's order (--date-order dmy|mdy)",
    ),
    CellCode.INCONSISTENT_DATES: (
        "‘{value}’: 이 열에 일-월과 월-일 날짜가 섞여 있습니다",
        "{value!r}: this column mixes day-month and month-day dates",
    ),
    CellCode.NOT_A_WHOLE_NUMBER: ("‘{value}’은(는) 정수가 아닙니다", "{value!r} is not a whole number"),
    CellCode.NOT_TRUE_OR_FALSE: ("‘{value}’은(는) 예 또는 아니요가 아닙니다", "{value!r} is not yes or no"),
    CellCode.UNKNOWN_VALUE: ("‘{value}’에 맞는 {field}이(가) 없습니다", "{value!r} matches no {field}"),
    CellCode.CONFIRM_VALUE: (
        "‘{value}’은(는) ‘{known_as}’로 보입니다 ({confidence:.0%}): 확인하십시오",
        "{value!r} looks like {known_as!r} ({confidence:.0%}): confirm it",
    ),
    CellCode.CONFIRM_COMPANY: (
        "‘{value}’은(는) 기존 기업 ‘{known_as}’로 보입니다 ({confidence:.0%}): 확인하십시오",
        "{value!r} looks like the existing company {known_as!r} ({confidence:.0%}): confirm it",
    ),
    CellCode.UNKNOWN_MISSION: ("{mission} 공관은 없습니다", "There is no mission {mission}."),
    CellCode.OTHER_MISSION: (
        "이 행은 {row_mission}의 자료입니다. 이 노트북은 {device_mission}의 자료를 관리합니다",
        "This row is {row_mission}'s; this laptop keeps {device_mission}'s records.",
    ),
    CellCode.REFUSED: ("자료를 만들 수 없습니다: {message}", "{message}"),
}

# The record's own validation (``CellCode.INVALID``): ProblemCode -> (Korean, English).
_INVALID: dict[str, tuple[str, str]] = {
    ProblemCode.UNKNOWN_FIELD: (
        "이 자료에는 {field} 항목이 없습니다",
        "This kind of record has no field {field}",
    ),
    ProblemCode.NOT_A_DATE: (
        "{field}: 날짜를 YYYY-MM-DD 형식으로 입력하십시오",
        "{field}: enter a date as YYYY-MM-DD",
    ),
    ProblemCode.NOT_ALLOWED: (
        "{field}: ‘{value}’은(는) 선택할 수 있는 값이 아닙니다",
        "{field}: {value!r} is not allowed",
    ),
    ProblemCode.NOT_A_WHOLE_NUMBER: ("{field}: 정수를 입력하십시오", "{field}: enter a whole number"),
    ProblemCode.NOT_TRUE_OR_FALSE: ("{field}: 예 또는 아니요여야 합니다", "{field}: expected yes or no"),
    ProblemCode.NOT_A_LIST: ("{field}: 코드 목록이어야 합니다", "{field}: expected a list of codes"),
    ProblemCode.NOT_TEXT: ("{field}: 텍스트여야 합니다", "{field}: expected text"),
    ProblemCode.TOO_LONG: ("{field}이(가) {max}자보다 깁니다", "{field} is longer than {max} characters"),
    ProblemCode.TOO_LARGE: ("{field} 값이 너무 큽니다", "{field} is too large"),
    ProblemCode.BAD_LIST: (
        "{field}에 값이 너무 많거나, 너무 길거나 일반 텍스트가 아닌 값이 있습니다",
        "{field} holds too many values, or one that is too long or not plain text",
    ),
    ProblemCode.REQUIRED: ("{field}은(는) 필수 항목입니다", "{field} is required"),
    ProblemCode.NEGATIVE: ("{field}은(는) 음수일 수 없습니다", "{field} cannot be negative"),
    ProblemCode.RESOLVED_BEFORE_RECEIVED: (
        "해결일이 접수일보다 이릅니다",
        "the resolution date is before the case was received",
    ),
    ProblemCode.CLOSED_NEEDS: ("종결된 사례에는 {field}이(가) 필요합니다", "a closed case needs {field}"),
    ProblemCode.PENDING_NEEDS_WHOM: (
        "대기 주체를 입력하십시오",
        "say whom the case is pending on",
    ),
    ProblemCode.SELF_DUPLICATE: ("사례는 자기 자신의 중복일 수 없습니다", "a case cannot duplicate itself"),
    ProblemCode.HELD_NEEDS_DATE: ("개최된 회의에는 개최일이 필요합니다", "a held meeting needs its date"),
    ProblemCode.YEAR_RANGE: (
        "{field}은(는) {low}에서 {high} 사이여야 합니다",
        "{field} must be between {low} and {high}",
    ),
    ProblemCode.DATE_NOT_IN_YEAR: ("날짜가 {year}년이 아닙니다", "the date is not in {year}"),
    ProblemCode.NUMBER_FROM_ONE: ("회차는 1부터 시작합니다", "meetings are numbered from 1"),
    ProblemCode.VALID_BEFORE_WRITTEN: (
        "유효기간이 작성일보다 이릅니다",
        "valid until is before the brief was written",
    ),
    ProblemCode.COMPLETED_BEFORE_REQUESTED: (
        "완료일이 요청일보다 이릅니다",
        "completed before it was requested",
    ),
    ProblemCode.DONE_NEEDS_DATE: (
        "완료된 할 일에는 완료일이 필요합니다",
        "a done task needs the date it was done",
    ),
    ProblemCode.BRN_FORMAT: (
        "사업자등록번호는 10자리입니다 (123-45-67890)",
        "a business registration number has 10 digits (123-45-67890)",
    ),
    ProblemCode.EMAIL_FORMAT: ("이메일 주소가 아닙니다", "this is not an email address"),
    ProblemCode.ATTENDANCE_NEEDS_WHO: ("참석한 협력기관 또는 주재국 기관을 입력하십시오", "say who attended"),
}


def problem_text(problem: CellProblem, language: str = "en") -> str:
    """One cell's problem in ``language``, without where it is."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    korean = language == "ko"
    params = dict(problem.params)
    if problem.code is CellCode.INVALID:
        templates = _INVALID.get(str(params.get("problem", "")))
        params["field"] = _field_label(params, korean)
        if templates is None:  # a rule only a sentence describes: its English words
            return str(params.get("message", ""))
    else:
        templates = _CELL[problem.code]
        params.setdefault("field", params.get("label_ko" if korean else "label_en") or problem.target)
    return (templates[0] if korean else templates[1]).format_map(_Params(params))


def located_text(problem: CellProblem, language: str = "en") -> str:
    where = f"{problem.column} ({problem.title})" if problem.column else problem.target
    return f"{where}: {problem_text(problem, language)}" if where else problem_text(problem, language)


def reason_text(problems: Iterable[CellProblem], language: str = "en") -> str:
    """A row's reasons, one after another."""
    return "; ".join(located_text(p, language) for p in problems)


def _field_label(params: Mapping[str, Any], korean: bool) -> str:
    name, field = str(params.get("entity", "")), str(params.get("field", ""))
    if is_entity(name) and entity(name).has_field(field):
        f = entity(name).field(field)
        return (f.label_ko or f.label_en) if korean else f.label_en
    return field


class _Params(dict[str, Any]):
    """A missing parameter shows as its name rather than failing the whole report."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
