"""Validation of a whole record: field kinds first, then the entity's own rules.

Problems are collected, not raised one by one, so a form can mark every field
at once. ``ValidationFailed`` carries them for the CLI and the services.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from missiondesk.domain.enums import CaseStatus, MeetingStatus, TaskStatus
from missiondesk.domain.schema import EntitySpec, FieldSpec, Kind
from missiondesk.errors import UserError


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

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
_NON_NEGATIVE = {"investment_usd", "jobs_created", "budget_krw", "attendees", "position", "sort"}


def clean_text(value: str) -> str:
    """Text as stored: NFC (macOS can hand us NFD Hangul), no control characters, trimmed."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", value)).strip()


def normalise(spec: EntitySpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """Coerce wire or form values to the field kinds; raises ValidationFailed on misfits."""
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in values.items():
        if not spec.has_field(name):
            problems.append(Problem(name, f"{spec.label_en} has no field '{name}'"))
            continue
        f = spec.field(name)
        try:
            coerced = f.from_wire(value)
        except (ValueError, TypeError) as exc:
            problems.append(Problem(name, _kind_message(f.kind, exc)))
            continue
        if isinstance(coerced, str):
            coerced = clean_text(coerced)
            if coerced == "" and f.kind is not Kind.TEXT and f.kind is not Kind.LONGTEXT:
                coerced = None
        problem = _out_of_bounds(f, coerced)
        if problem:
            problems.append(Problem(name, problem))
            continue
        out[name] = coerced
    if problems:
        raise ValidationFailed(spec.name, problems)
    return out


MAX_WHOLE = 2**63 - 1  # what a 64-bit column holds (``domain.ops.MAX_NUMBER``)
MAX_LIST = 1_000  # codes or record ids in one list field
MAX_LIST_ITEM = 64


def _out_of_bounds(f: FieldSpec, value: Any) -> str | None:
    """Why a coerced value cannot be stored in its column (too long, too large), or None."""
    if isinstance(value, str) and len(value) > f.max_length:
        return f"{f.label_en} is longer than {f.max_length} characters"
    if type(value) is int and not -MAX_WHOLE <= value <= MAX_WHOLE:
        return f"{f.label_en} is too large"
    if isinstance(value, list) and (
        len(value) > MAX_LIST or any(len(v) > MAX_LIST_ITEM or _CONTROL.search(v) for v in value)
    ):
        return f"{f.label_en} holds too many values, or one that is too long or not plain text"
    return None


def _kind_message(kind: Kind, exc: Exception) -> str:
    if kind is Kind.DATE:
        return "expected a date as YYYY-MM-DD"
    if kind is Kind.ENUM:
        return f"not an allowed value ({exc})"
    return str(exc).split(": ", 1)[-1]


def problems_for(spec: EntitySpec, record: Mapping[str, Any]) -> list[Problem]:
    """Every problem with a complete record (all fields present or absent = empty)."""
    problems: list[Problem] = []
    for f in spec.fields:
        value = record.get(f.name)
        if f.required and value in (None, "", []):
            problems.append(Problem(f.name, f"{f.label_en} is required"))
            continue
        if isinstance(value, str) and len(value) > f.max_length:
            problems.append(Problem(f.name, f"{f.label_en} is longer than {f.max_length} characters"))
        if f.name in _NON_NEGATIVE and isinstance(value, int) and value < 0:
            problems.append(Problem(f.name, f"{f.label_en} cannot be negative"))
    rule = _RULES.get(spec.name)
    if rule is not None:
        problems.extend(rule(record))
    return problems


def validate(spec: EntitySpec, record: Mapping[str, Any]) -> None:
    problems = problems_for(spec, record)
    if problems:
        raise ValidationFailed(spec.name, problems)


def _not_before(record: Mapping[str, Any], later: str, earlier: str, message: str) -> list[Problem]:
    a, b = record.get(later), record.get(earlier)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and a < b:
        return [Problem(later, message)]
    return []


def _case_rules(r: Mapping[str, Any]) -> list[Problem]:
    out = _not_before(
        r, "resolution_date", "received_date", "the resolution date is before the case was received"
    )
    status = r.get("status")
    if status == CaseStatus.CLOSED:
        for name, label in (
            ("outcome", "an outcome"),
            ("resolution_date", "a resolution date"),
            ("resolution_summary", "a resolution summary"),
        ):
            if not r.get(name):
                out.append(Problem(name, f"a closed case needs {label}"))
    if status == CaseStatus.PENDING and not r.get("pending_on"):
        out.append(Problem("pending_on", "say whom the case is pending on"))
    if r.get("duplicate_of") and r.get("duplicate_of") == r.get("id"):
        out.append(Problem("duplicate_of", "a case cannot duplicate itself"))
    return out


def _meeting_rules(r: Mapping[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    date, year, number = r.get("date"), r.get("year"), r.get("number")
    if r.get("status") == MeetingStatus.HELD and date is None:
        out.append(Problem("date", "a held meeting needs its date"))
    if isinstance(year, int) and not 2000 <= year <= 2100:
        out.append(Problem("year", "the year must be between 2000 and 2100"))
    if isinstance(date, dt.date) and isinstance(year, int) and date.year != year:
        out.append(Problem("date", f"the date is not in {year}"))
    if isinstance(number, int) and number < 1:
        out.append(Problem("number", "meetings are numbered from 1"))
    return out


def _brief_rules(r: Mapping[str, Any]) -> list[Problem]:
    return _not_before(r, "valid_until", "published_date", "valid until is before the brief was written")


def _referral_rules(r: Mapping[str, Any]) -> list[Problem]:
    return _not_before(r, "completed_date", "requested_date", "completed before it was requested")


def _proposal_rules(r: Mapping[str, Any]) -> list[Problem]:
    year = r.get("fiscal_year")
    if isinstance(year, int) and not 2000 <= year <= 2100:
        return [Problem("fiscal_year", "the fiscal year must be between 2000 and 2100")]
    return []


def _task_rules(r: Mapping[str, Any]) -> list[Problem]:
    if r.get("status") == TaskStatus.DONE and r.get("done_date") is None:
        return [Problem("done_date", "a done task needs the date it was done")]
    return []


def _company_rules(r: Mapping[str, Any]) -> list[Problem]:
    brn = r.get("brn")
    if brn and not _BRN.match(str(brn)):
        return [Problem("brn", "a business registration number has 10 digits (123-45-67890)")]
    return []


def _contact_rules(r: Mapping[str, Any]) -> list[Problem]:
    email = r.get("email")
    if email and not _EMAIL.match(str(email)):
        return [Problem("email", "this is not an email address")]
    return []


def _attendance_rules(r: Mapping[str, Any]) -> list[Problem]:
    if not r.get("partner") and not r.get("authority"):
        return [Problem("partner", "name the partner institution or the foreign authority that attended")]
    return []


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
}
