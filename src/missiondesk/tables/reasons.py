"""Why a row was not imported, in words: the one renderer of ``CellProblem`` codes.

A problem is a code with parameters (``values.CellCode``; ``invalid`` carries the record's own
``ProblemCode``, ``refused`` the record service's sentence with its code). Each code has one English
template here; its Korean is in the translation catalogue. The CLI prints English, the errors workbook
is written in the language asked (``ko`` or ``en``, as the bundle's readable sheets, through
``domain.catalogue``), and the window says the same templates through Qt's translator
(``ui.labels.cell_problem_text`` passes its own ``Speaker``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from missiondesk.domain.messages import PROBLEMS, QT_TRANSLATE_NOOP, Said, Speaker
from missiondesk.domain.schema import entity, is_entity
from missiondesk.tables.values import CellCode, CellProblem

__all__ = ["CELL_PROBLEMS", "cell_text", "located_text", "problem_text", "reason_text"]

# code -> English template (the catalogue's context "cell"); {value}, {known_as}, {confidence}, {field}…
# come from the parameters. ``invalid`` is said as its ProblemCode (``domain.messages.PROBLEMS``).
CELL_PROBLEMS: dict[str, str] = {
    CellCode.NOT_A_DATE: QT_TRANSLATE_NOOP("cell", "“{value}” is not a date."),
    CellCode.AMBIGUOUS_DATE: QT_TRANSLATE_NOOP(
        "cell", "“{value}” may be day-month or month-day: choose the column's order."
    ),
    CellCode.INCONSISTENT_DATES: QT_TRANSLATE_NOOP(
        "cell", "“{value}”: this column mixes day-month and month-day dates."
    ),
    CellCode.NOT_A_WHOLE_NUMBER: QT_TRANSLATE_NOOP("cell", "“{value}” is not a whole number."),
    CellCode.NOT_TRUE_OR_FALSE: QT_TRANSLATE_NOOP("cell", "“{value}” is not yes or no."),
    CellCode.UNKNOWN_VALUE: QT_TRANSLATE_NOOP("cell", "“{value}” matches no {field}."),
    CellCode.CONFIRM_VALUE: QT_TRANSLATE_NOOP(
        "cell", "“{value}” looks like “{known_as}” ({confidence:.0%}): confirm it."
    ),
    CellCode.CONFIRM_COMPANY: QT_TRANSLATE_NOOP(
        "cell", "“{value}” looks like the existing company “{known_as}” ({confidence:.0%}): confirm it."
    ),
    CellCode.UNKNOWN_MISSION: QT_TRANSLATE_NOOP("cell", "There is no mission {mission}."),
    CellCode.OTHER_MISSION: QT_TRANSLATE_NOOP(
        "cell", "This row is {row_mission}'s; this laptop keeps {device_mission}'s records."
    ),
    CellCode.NO_MISSION: QT_TRANSLATE_NOOP(
        "cell",
        "This row names no mission: give the sheet a mission column (공관), or choose the mission in the "
        "import wizard.",
    ),
    CellCode.REFUSED: QT_TRANSLATE_NOOP("cell", "The record cannot be made: {message}"),
}


def cell_text(problem: CellProblem, speaker: Speaker) -> str:
    """One cell's problem as ``speaker`` says it, without where it is."""
    params = dict(problem.params)
    if problem.code is CellCode.INVALID:
        template = PROBLEMS.get(str(params.get("problem", "")))
        if template is None:  # a rule only a sentence describes: its English words
            return str(params.get("message", ""))
        params["field"] = _field_label(params, speaker.korean)
        return speaker.look_up("problem", template).format_map(_Params(params))
    if problem.code is CellCode.REFUSED:
        params["message"] = _refusal(params, speaker)
    else:
        params.setdefault("field", params.get("label_ko" if speaker.korean else "label_en") or problem.target)
    return speaker.look_up("cell", CELL_PROBLEMS[problem.code]).format_map(_Params(params))


def problem_text(problem: CellProblem, language: str = "en") -> str:
    """One cell's problem in ``language`` ("ko" or "en"), without where it is."""
    return cell_text(problem, Speaker(language))


def located_text(problem: CellProblem, language: str = "en") -> str:
    where = f"{problem.column} ({problem.title})" if problem.column else problem.target
    return f"{where}: {problem_text(problem, language)}" if where else problem_text(problem, language)


def reason_text(problems: Iterable[CellProblem], language: str = "en") -> str:
    """A row's reasons, one after another."""
    return "; ".join(located_text(p, language) for p in problems)


def refused(said: str) -> CellProblem:
    """A row the record service refused: its sentence, with the code and parameters it carries, so the
    errors workbook and the window can say it in their language."""
    code = str(getattr(said, "code", ""))
    params: dict[str, Any] = {"message": str(said)}
    if code:
        params.update(said_code=code, said_params=dict(getattr(said, "params", {})))
    return CellProblem("", CellCode.REFUSED, params)


def _refusal(params: Mapping[str, Any], speaker: Speaker) -> str:
    message, code = str(params.get("message", "")), str(params.get("said_code", ""))
    if code:
        return speaker.said(Said(code, params.get("said_params") or {}, message))
    return message


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
