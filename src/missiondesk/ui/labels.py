"""Names shown for the stored values of every closed list (statuses, channels, topics…).

Marked for translation here so the Korean UI names them too; the values themselves never change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale

from missiondesk.domain.file_types import MB, FileProblem, FileRefused
from missiondesk.domain.messages import CONTEXT, ENGLISH, PROBLEMS, MessageCode, Speaker, Words, render
from missiondesk.domain.permissions import RefusalCode, refusal_code
from missiondesk.domain.schema import EntitySpec, entity, is_entity
from missiondesk.domain.validation import Problem
from missiondesk.domain.value_names import VALUE_NAMES
from missiondesk.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from missiondesk.tables.values import CellProblem


def value_label(value: object) -> str:
    """The translated name of a stored value; the value itself when it has none."""
    if value is None or value == "":
        return ""
    text = str(value)
    name = VALUE_NAMES.get(text)
    return QCoreApplication.translate("value", name) if name else text


def korean() -> bool:
    """Whether names with two spellings (fields, reference data) are shown in Korean."""
    return QLocale().language() == QLocale.Language.Korean


def field_label(spec: EntitySpec, name: str) -> str:
    f = spec.field(name)
    return f.label_ko if korean() and f.label_ko else f.label_en


def amount_label(spec: EntitySpec, name: str) -> str:
    """A money field's label beside its amount: the amount names its currency ("US$20,000,000"), so the
    label's own "(USD)" would say it twice ("투자액(USD) US$20,000,000")."""
    label = field_label(spec, name)
    if any(name.endswith(suffix) for suffix in _CURRENCY):
        label = _UNIT.sub("", label)
    return label


def entity_label(spec: EntitySpec) -> str:
    return spec.label_ko if korean() else spec.label_en


# Numbers that name something (a year, a meeting's number) read without thousands separators.
_PLAIN_NUMBERS = frozenset({"year", "fiscal_year", "number", "position", "sort"})


_CURRENCY = {"_krw": "₩", "_usd": "US$"}
_UNIT = re.compile(r"\s*\((?:USD|KRW|원)\)$")  # the unit a money field's label ends with


def number_text(field_name: str, value: int) -> str:
    """A number as the chosen language writes it; money with its currency (budget_krw, investment_usd)."""
    if field_name in _PLAIN_NUMBERS:
        return str(value)
    locale = QLocale()
    for suffix, symbol in _CURRENCY.items():
        if field_name.endswith(suffix):
            return locale.toCurrencyString(int(value), symbol)
    return locale.toString(int(value))


# Workflow steps as buttons name them (the domain names them in lower case for its messages).
_STEPS: dict[str, str] = {
    "open the case": QT_TRANSLATE_NOOP("workflow", "Open the case"),
    "start work": QT_TRANSLATE_NOOP("workflow", "Start work"),
    "mark it pending": QT_TRANSLATE_NOOP("workflow", "Mark it pending"),
    "resume work": QT_TRANSLATE_NOOP("workflow", "Resume work"),
    "close the case": QT_TRANSLATE_NOOP("workflow", "Close the case"),
    "reopen the case": QT_TRANSLATE_NOOP("workflow", "Reopen the case"),
    "record the meeting as held": QT_TRANSLATE_NOOP("workflow", "Record the meeting as held"),
    "cancel the meeting": QT_TRANSLATE_NOOP("workflow", "Cancel the meeting"),
    "plan the meeting again": QT_TRANSLATE_NOOP("workflow", "Plan the meeting again"),
    "undo 'held'": QT_TRANSLATE_NOOP("workflow", "Undo 'held'"),
    "submit the proposal": QT_TRANSLATE_NOOP("workflow", "Submit the proposal"),
    "withdraw the submission": QT_TRANSLATE_NOOP("workflow", "Withdraw the submission"),
    "start the review": QT_TRANSLATE_NOOP("workflow", "Start the review"),
    "approve": QT_TRANSLATE_NOOP("workflow", "Approve"),
    "return for changes": QT_TRANSLATE_NOOP("workflow", "Return for changes"),
    "reject": QT_TRANSLATE_NOOP("workflow", "Reject"),
    "rework the proposal": QT_TRANSLATE_NOOP("workflow", "Rework the proposal"),
    "resubmit": QT_TRANSLATE_NOOP("workflow", "Resubmit"),
    "start execution": QT_TRANSLATE_NOOP("workflow", "Start execution"),
    "complete": QT_TRANSLATE_NOOP("workflow", "Complete"),
    "start": QT_TRANSLATE_NOOP("workflow", "Start"),
    "decline": QT_TRANSLATE_NOOP("workflow", "Decline"),
    "cancel the referral": QT_TRANSLATE_NOOP("workflow", "Cancel the referral"),  # not the dialog's Cancel
    "reopen": QT_TRANSLATE_NOOP("workflow", "Reopen"),
    "complete the task": QT_TRANSLATE_NOOP("workflow", "Complete the task"),
    "cancel the task": QT_TRANSLATE_NOOP("workflow", "Cancel the task"),
    "reopen the task": QT_TRANSLATE_NOOP("workflow", "Reopen the task"),
}


def step_label(name: str) -> str:
    """The translated button text of a workflow step."""
    text = _STEPS.get(name, name[:1].upper() + name[1:])
    return QCoreApplication.translate("workflow", text)


# Why HQ refused a change, when its reason came with its code but not its parameters (a receipt read
# back, an older HQ): the refusal's own sentence (``domain.messages``) needs them, so the window says
# the kind of refusal and shows HQ's words beside it.
_REFUSALS: dict[RefusalCode, str] = {
    RefusalCode.REFERENCE_FOREIGN: QT_TRANSLATE_NOOP(
        "refusal", "It refers to a record of another mission, which this kind of record may not do."
    ),
    RefusalCode.REFERENCE_OUT_OF_SCOPE: QT_TRANSLATE_NOOP(
        "refusal", "It refers to a record this mission cannot see."
    ),
    RefusalCode.AUTHORITY_MADE: QT_TRANSLATE_NOOP(
        "refusal", "Conflicts are made by HQ's merge only: no device creates, deletes or restores one."
    ),
    RefusalCode.DECISION_ONLY: QT_TRANSLATE_NOOP(
        "refusal", "Only the review decision of a conflict can be changed."
    ),
    RefusalCode.OWNED_ELSEWHERE: QT_TRANSLATE_NOOP("refusal", "It belongs to another mission."),
    RefusalCode.MISSION_RECORD: QT_TRANSLATE_NOOP(
        "refusal", "HQ cannot create, delete or restore a mission's record."
    ),
    RefusalCode.REVIEW_FIELDS_ONLY: QT_TRANSLATE_NOOP(
        "refusal", "HQ can only write the review fields of a mission's record."
    ),
    RefusalCode.REFERENCE_DATA: QT_TRANSLATE_NOOP(
        "refusal", "Reference data is kept by HQ; missions cannot change it."
    ),
    RefusalCode.HQ_REVIEW_FIELDS: QT_TRANSLATE_NOOP("refusal", "Only HQ writes the review fields."),
}

# Why a file cannot be attached; {name} the file's name, {size} and {limit} in MB.
_FILE_REFUSALS: dict[FileProblem, str] = {
    FileProblem.EMPTY: QT_TRANSLATE_NOOP("attachment", "{name} is empty."),
    FileProblem.TOO_LARGE: QT_TRANSLATE_NOOP(
        "attachment", "{name} is {size} MB; files of at most {limit} MB can be attached."
    ),
    FileProblem.EXECUTABLE: QT_TRANSLATE_NOOP(
        "attachment", "{name} is a program or a script; programs cannot be attached."
    ),
    FileProblem.MACROS: QT_TRANSLATE_NOOP(
        "attachment", "{name} contains macros; save it without macros (as .docx, .xlsx or .pptx) first."
    ),
    FileProblem.ARCHIVE: QT_TRANSLATE_NOOP(
        "attachment", "{name} is an archive; attach the files inside it instead."
    ),
    FileProblem.ENCRYPTED: QT_TRANSLATE_NOOP(
        "attachment", "{name} is protected by a password, so it cannot be checked; attach it without."
    ),
    FileProblem.UNKNOWN: QT_TRANSLATE_NOOP(
        "attachment",
        "{name} is not a kind of file that can be attached (PDF, images, Office and Hangul documents, text).",
    ),
}


def file_refusal_text(refused: FileRefused) -> str:
    """Why a file cannot be attached, in the window's language."""
    params = refused.params
    locale = QLocale()
    words = {
        "name": params["name"],
        "size": locale.toString(params.get("size", 0) / MB, "f", 1),
        "limit": locale.toString(params.get("limit", 0) / MB, "g", 6),
    }
    return QCoreApplication.translate("attachment", _FILE_REFUSALS[refused.code]).format(**words)


def problem_text(spec: EntitySpec, problem: Problem) -> str:
    """A validation problem in the window's language (its English message when it has no code)."""
    template = PROBLEMS.get(problem.code)
    if template is None:
        return problem.message
    name = field_label(spec, problem.field) if spec.has_field(problem.field) else problem.field
    return QCoreApplication.translate("problem", template).format(field=name, **problem.params)


def cell_problem_text(problem: CellProblem) -> str:
    """A legacy table's cell problem in the window's language (the import wizard's reasons): the same
    templates as the errors workbook (``tables.reasons``), through Qt's translator."""
    from missiondesk.tables.reasons import cell_text  # the legacy table reader: the wizard's

    return cell_text(problem, _WindowSpeaker())


class _WindowSpeaker(Speaker):
    """The window as a ``Speaker``: Qt's installed catalogue, the window's language and words."""

    @property
    def korean(self) -> bool:
        return korean()

    def look_up(self, context: str, text: str) -> str:
        return QCoreApplication.translate(context, text)

    def said(self, said: str) -> str:
        return said_text(said)


def error_text(exc: BaseException) -> str:
    """An error a person reads: a file refused by its content, or the core's coded sentence in the
    window's language, else its own text."""
    if isinstance(exc, FileRefused):
        return file_refusal_text(exc)
    first = exc.args[0] if len(exc.args) == 1 else None
    return said_text(first) if isinstance(first, str) else str(exc)


class _WindowWords(Words):
    """Parameters as the window names them: labels of kinds of record, fields, values and steps."""

    def entity(self, name: str) -> str:
        return _inside(entity_label(entity(name))) if is_entity(name) else name

    def field(self, entity_name: str, name: str) -> str:
        if is_entity(entity_name) and entity(entity_name).has_field(name):
            return _inside(field_label(entity(entity_name), name))
        return name

    def value(self, value: str) -> str:
        return _inside(value_label(value))

    def step(self, name: str) -> str:
        return step_label(name)


def _inside(label: str) -> str:
    """A label inside an English sentence starts in lower case ("This support case…"), an acronym not."""
    if korean() or label[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def said_text(said: str) -> str:
    """What the core, this device or HQ said, in the window's language when it carries a known code.

    The code and parameters come with the sentence (``domain.messages.Said``, ``Refusal``, or HQ's
    answer read back with its ``code`` and ``params``), or only the code at the head of a stored
    receipt's reason (``code: sentence``); a refusal whose parameters did not come is said by its kind
    with HQ's words beside it; a sentence without a code, an unknown code (a newer HQ) or another
    template whose parameters did not come stays as it was said."""
    params: Mapping[str, Any] = getattr(said, "params", {})
    code = str(getattr(said, "code", "")) or refusal_code(said) or ""
    if code == MessageCode.INVALID_VALUES and params.get("each") and is_entity(str(params.get("entity"))):
        params = {**params, "problems": _problems_text(entity(str(params["entity"])), params["each"])}
    if code in ENGLISH:
        try:
            return render(
                QCoreApplication.translate(CONTEXT, ENGLISH[MessageCode(code)]), params, _WindowWords()
            )
        except (KeyError, IndexError):
            pass  # its parameters did not come (an older receipt or HQ): a refusal's kind, or its text
    if code in _REFUSALS:
        words = QCoreApplication.translate("refusal", "HQ's words: {0}").format(said)
        return QCoreApplication.translate("refusal", _REFUSALS[RefusalCode(code)]) + "\n" + words
    return str(said)


def _problems_text(spec: EntitySpec, each: list[Mapping[str, Any]]) -> str:
    """The validation problems HQ found in a change, each with its field, in the window's language."""
    parts = []
    for item in each:
        name = str(item.get("field", ""))
        problem = Problem(
            name, str(item.get("message", "")), str(item.get("code", "")), dict(item.get("params") or {})
        )
        label = field_label(spec, name) if spec.has_field(name) else name
        parts.append(f"{label}: {problem_text(spec, problem)}")
    return "; ".join(parts)
