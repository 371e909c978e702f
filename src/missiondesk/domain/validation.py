"""Validation of a whole record: field kinds first, then the entity's own rules.

Problems are collected, not raised one by one, so a form can mark every field
at once. ``ValidationFailed`` carries them for the CLI and the services. Each
problem has a code and its parameters (the window says it in its language,
``ui/labels.problem_text``) and an English message (the CLI, logs, the server).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from missiondesk.domain.enums import CaseStatus, MeetingStatus, TaskStatus
from missiondesk.domain.schema import ATTACHMENT_PARENTS, EntitySpec, FieldSpec, Kind
from missiondesk.errors import UserError


class ProblemCode(StrEnum):
    """What is wrong, as a stable code; a problem's ``params`` fill in the rest."""

    UNKNOWN_FIELD = "unknown_field"
    NOT_A_DATE = "not_a_date"
    NOT_ALLOWED = "not_allowed"  # params: value
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NOT_TRUE_OR_FALSE = "not_true_or_false"
    NOT_A_LIST = "not_a_list"
    NOT_TEXT = "not_text"
    TOO_LONG = "too_long"  # params: max
    TOO_LARGE = "too_large"
    BAD_LIST = "bad_list"
    REQUIRED = "required"
    NEGATIVE = "negative"
    RESOLVED_BEFORE_RECEIVED = "resolved_before_received"
    CLOSED_NEEDS = "closed_needs"  # the field a closed case lacks
    PENDING_NEEDS_WHOM = "pending_needs_whom"
    SELF_DUPLICATE = "self_duplicate"
    HELD_NEEDS_DATE = "held_needs_date"
    YEAR_RANGE = "year_range"  # params: low, high
    DATE_NOT_IN_YEAR = "date_not_in_year"  # params: year
    NUMBER_FROM_ONE = "number_from_one"
    VALID_BEFORE_WRITTEN = "valid_before_written"
    COMPLETED_BEFORE_REQUESTED = "completed_before_requested"
    DONE_NEEDS_DATE = "done_needs_date"
    BRN_FORMAT = "brn_format"
    EMAIL_FORMAT = "email_format"
    ATTENDANCE_NEEDS_WHO = "attendance_needs_who"
    ONE_PARENT = "one_parent"  # an attachment belongs to exactly one record
    NOT_A_HASH = "not_a_hash"  # an attachment's SHA-256 is 64 lower-case hex digits
    NUMBER_TAKEN = "number_taken"  # params: year, number (a mission's meeting numbers, per year)


@dataclass(frozen=True)
class Problem:
    field: str
    message: str  # in English
    code: str = ""  # a ProblemCode; "" for a problem only a sentence describes
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationFailed(UserError):
    def __init__(self, entity: str, problems: list[Problem]) -> None:
        self.entity = entity
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BRN = re.compile(r"^\d{3}-?\d{2}-?\d{5}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_NON_NEGATIVE = {"investment_usd", "jobs_created", "budget_krw", "attendees", "position", "sort", "size"}


def clean_text(value: str) -> str:
    """Text as stored: NFC (macOS can hand us NFD Hangul), no control characters, trimmed."""
    text = unicodedata.normalize("NFC", value)
    # Printable text holds no control character: the search is skipped for most values (a C loop).
    return (text if text.isprintable() else _CONTROL.sub("", text)).strip()


def normalise(spec: EntitySpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce wire or form values to the field kinds; raises ValidationFailed on misfits."""
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    fields = spec.fields_by_name
    for name, value in values.items():
        f = fields.get(name)
        if f is None:
            problems.append(
                Problem(name, f"{spec.label_en} has no field '{name}'", ProblemCode.UNKNOWN_FIELD)
            )
            continue
        # The common cases inline, as the general path below decides them (an import normalises every
        # field of 100,000 created records): text of a text field, a whole number of a number field.
        if value is None:
            out[name] = [] if f.is_list else None  # a create names every field, most of them empty
            continue
        if type(value) is bool and f.kind is Kind.BOOL:
            out[name] = value
            continue
        if type(value) is str and f.is_text:
            text = clean_text(value)
            if len(text) > f.max_length:
                problems.append(_too_long(f))
            elif text or f.kind is Kind.TEXT or f.kind is Kind.LONGTEXT:
                out[name] = text
            else:
                out[name] = None  # no reference or code
            continue
        if type(value) is int and f.kind is Kind.INT and -MAX_WHOLE <= value <= MAX_WHOLE:
            out[name] = value
            continue
        if type(value) is str and value in f.enum_values:
            out[name] = value  # a member's value is clean text within bounds (tests/test_validation.py)
            continue
        if (
            type(value) is list
            and f.is_list
            and len(value) <= MAX_LIST
            and all(type(v) is str and len(v) <= MAX_LIST_ITEM for v in value)
        ):
            # A list of codes or ids (a case's categories), decided as ``from_wire`` then ``_out_of_bounds``.
            joined = "".join(value)
            if joined.isprintable() or not _CONTROL.search(joined):
                out[name] = list(value)
                continue
        if type(value) is str and f.kind is Kind.DATE and value:
            try:
                out[name] = dt.date.fromisoformat(value)
                continue
            except ValueError:
                pass  # the general path says why
        try:
            coerced = f.from_wire(value)
        except (ValueError, TypeError) as exc:
            problems.append(_kind_problem(name, f.kind, value, exc))
            continue
        if isinstance(coerced, str):
            coerced = clean_text(coerced)
            if coerced == "" and f.kind is not Kind.TEXT and f.kind is not Kind.LONGTEXT:
                coerced = None
            elif len(coerced) <= f.max_length:  # the common case: the bounds of text are its length
                out[name] = coerced
                continue
        problem = _out_of_bounds(f, coerced)
        if problem:
            problems.append(problem)
            continue
        out[name] = coerced
    if problems:
        raise ValidationFailed(spec.name, problems)
    return out


MAX_WHOLE = 2**63 - 1  # what a 64-bit column holds (``domain.ops.MAX_NUMBER``)
MAX_LIST = 1_000  # codes or record ids in one list field
MAX_LIST_ITEM = 64


def _out_of_bounds(f: FieldSpec, value: Any) -> Problem | None:
    """Why a coerced value cannot be stored in its column (too long, too large), or None."""
    if isinstance(value, str) and len(value) > f.max_length:
        return _too_long(f)
    if type(value) is int and not -MAX_WHOLE <= value <= MAX_WHOLE:
        return Problem(f.name, f"{f.label_en} is too large", ProblemCode.TOO_LARGE)
    if isinstance(value, list) and (
        len(value) > MAX_LIST or any(len(v) > MAX_LIST_ITEM or _CONTROL.search(v) for v in value)
    ):
        return Problem(
            f.name,
            f"{f.label_en} holds too many values, or one that is too long or not plain text",
            ProblemCode.BAD_LIST,
        )
    return None


def _too_long(f: FieldSpec) -> Problem:
    return Problem(
        f.name,
        f"{f.label_en} is longer than {f.max_length} characters",
        ProblemCode.TOO_LONG,
        {"max": f.max_length},
    )


def _kind_problem(name: str, kind: Kind, value: Any, exc: Exception) -> Problem:
    if kind is Kind.DATE:
        return Problem(name, "expected a date as YYYY-MM-DD", ProblemCode.NOT_A_DATE)
    if kind is Kind.ENUM:
        return Problem(name, f"not an allowed value ({exc})", ProblemCode.NOT_ALLOWED, {"value": str(value)})
    code = _KIND_CODES.get(kind, ProblemCode.NOT_TEXT)
    return Problem(name, str(exc).split(": ", 1)[-1], code)


_KIND_CODES = {
    Kind.INT: ProblemCode.NOT_A_WHOLE_NUMBER,
    Kind.BOOL: ProblemCode.NOT_TRUE_OR_FALSE,
    Kind.CODES: ProblemCode.NOT_A_LIST,
    Kind.REFS: ProblemCode.NOT_A_LIST,
}


def problems_for(spec: EntitySpec, record: Mapping[str, Any]) -> list[Problem]:
    """Every problem with a complete record (all fields present or absent = empty)."""
    problems: list[Problem] = []
    for f in spec.fields:
        value = record.get(f.name)
        if f.required and value in (None, "", []):
            problems.append(Problem(f.name, f"{f.label_en} is required", ProblemCode.REQUIRED))
            continue
        if isinstance(value, str) and len(value) > f.max_length:
            problems.append(_too_long(f))
        if f.name in _NON_NEGATIVE and isinstance(value, int) and value < 0:
            problems.append(Problem(f.name, f"{f.label_en} cannot be negative", ProblemCode.NEGATIVE))
    rule = _RULES.get(spec.name)
    if rule is not None:
        problems.extend(rule(record))
    return problems


def validate(spec: EntitySpec, record: Mapping[str, Any]) -> None:
    problems = problems_for(spec, record)
    if problems:
        raise ValidationFailed(spec.name, problems)


def _not_before(
    record: Mapping[str, Any], later: str, earlier: str, message: str, code: ProblemCode
) -> list[Problem]:
    a, b = record.get(later), record.get(earlier)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and a < b:
        return [Problem(later, message, code)]
    return []


def _case_rules(r: Mapping[str, Any]) -> list[Problem]:
    out = _not_before(
        r,
        "resolution_date",
        "received_date",
        "the resolution date is before the case was received",
        ProblemCode.RESOLVED_BEFORE_RECEIVED,
    )
    status = r.get("status")
    if status == CaseStatus.CLOSED:
        for name, label in (
            ("outcome", "an outcome"),
            ("resolution_date", "a resolution date"),
            ("resolution_summary", "a resolution summary"),
        ):
            if not r.get(name):
                out.append(Problem(name, f"a closed case needs {label}", ProblemCode.CLOSED_NEEDS))
    if status == CaseStatus.PENDING and not r.get("pending_on"):
        out.append(Problem("pending_on", "say whom the case is pending on", ProblemCode.PENDING_NEEDS_WHOM))
    if r.get("duplicate_of") and r.get("duplicate_of") == r.get("id"):
        out.append(Problem("duplicate_of", "a case cannot duplicate itself", ProblemCode.SELF_DUPLICATE))
    return out


def _year_range(name: str, what: str) -> Problem:
    low, high = 2000, 2100
    return Problem(
        name, f"{what} must be between {low} and {high}", ProblemCode.YEAR_RANGE, {"low": low, "high": high}
    )


def _meeting_rules(r: Mapping[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    date, year, number = r.get("date"), r.get("year"), r.get("number")
    if r.get("status") == MeetingStatus.HELD and date is None:
        out.append(Problem("date", "a held meeting needs its date", ProblemCode.HELD_NEEDS_DATE))
    if isinstance(year, int) and not 2000 <= year <= 2100:
        out.append(_year_range("year", "the year"))
    if isinstance(date, dt.date) and isinstance(year, int) and date.year != year:
        out.append(
            Problem("date", f"the date is not in {year}", ProblemCode.DATE_NOT_IN_YEAR, {"year": year})
        )
    if isinstance(number, int) and number < 1:
        out.append(Problem("number", "meetings are numbered from 1", ProblemCode.NUMBER_FROM_ONE))
    return out


def _brief_rules(r: Mapping[str, Any]) -> list[Problem]:
    return _not_before(
        r,
        "valid_until",
        "published_date",
        "valid until is before the brief was written",
        ProblemCode.VALID_BEFORE_WRITTEN,
    )


def _referral_rules(r: Mapping[str, Any]) -> list[Problem]:
    return _not_before(
        r,
        "completed_date",
        "requested_date",
        "completed before it was requested",
        ProblemCode.COMPLETED_BEFORE_REQUESTED,
    )


def _proposal_rules(r: Mapping[str, Any]) -> list[Problem]:
    year = r.get("fiscal_year")
    if isinstance(year, int) and not 2000 <= year <= 2100:
        return [_year_range("fiscal_year", "the fiscal year")]
    return []


def _task_rules(r: Mapping[str, Any]) -> list[Problem]:
    if r.get("status") == TaskStatus.DONE and r.get("done_date") is None:
        return [Problem("done_date", "a done task needs the date it was done", ProblemCode.DONE_NEEDS_DATE)]
    return []


def _company_rules(r: Mapping[str, Any]) -> list[Problem]:
    brn = r.get("brn")
    if brn and not _BRN.match(str(brn)):
        return [
            Problem(
                "brn", "a business registration number has 10 digits (123-45-67890)", ProblemCode.BRN_FORMAT
            )
        ]
    return []


def _contact_rules(r: Mapping[str, Any]) -> list[Problem]:
    email = r.get("email")
    if email and not _EMAIL.match(str(email)):
        return [Problem("email", "this is not an email address", ProblemCode.EMAIL_FORMAT)]
    return []


def _attendance_rules(r: Mapping[str, Any]) -> list[Problem]:
    if not r.get("partner") and not r.get("authority"):
        return [
            Problem(
                "partner",
                "name the partner institution or the foreign authority that attended",
                ProblemCode.ATTENDANCE_NEEDS_WHO,
            )
        ]
    return []


def _attachment_rules(r: Mapping[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    parents = [name for name, *_ in ATTACHMENT_PARENTS if r.get(name)]
    if len(parents) != 1:
        out.append(
            Problem(
                parents[1] if len(parents) > 1 else ATTACHMENT_PARENTS[0][0],
                "an attachment belongs to exactly one case, activity, brief, meeting or proposal",
                ProblemCode.ONE_PARENT,
            )
        )
    digest = r.get("sha256")
    if digest and not _SHA256.match(str(digest)):
        out.append(Problem("sha256", "a SHA-256 is 64 lower-case hexadecimal digits", ProblemCode.NOT_A_HASH))
    return out


_RULES: dict[str, Callable[[Mapping[str, Any]], list[Problem]]] = {
    "support_case": _case_rules,
    "council_meeting": _meeting_rules,
    "market_brief": _brief_rules,
    "partner_referral": _referral_rules,
    "proposal": _proposal_rules,
    "task": _task_rules,
    "company": _company_rules,
    "contact": _contact_rules,
    "meeting_attendance": _attendance_rules,
    "attachment": _attachment_rules,
}
