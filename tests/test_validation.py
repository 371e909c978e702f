"""Validation of whole records: kinds, required fields and each entity's own rules."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from missiondesk.domain import references
from missiondesk.domain.schema import ENTITIES, entity
from missiondesk.domain.validation import (
    ProblemCode,
    ValidationFailed,
    _out_of_bounds,
    clean_text,
    normalise,
    problems_for,
    validate,
)

D = dt.date


def _case(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "reference": "DE-FRA-26-1001",
        "title": "공장 부지 인허가",
        "country": "DE",
        "received_date": D(2026, 3, 2),
        "status": "open",
    }
    return base | over


def test_a_complete_case_is_valid() -> None:
    validate(entity("support_case"), _case())


def test_missing_required_fields_are_all_named_at_once() -> None:
    problems = problems_for(entity("support_case"), {"status": "open"})
    assert {p.field for p in problems} >= {"reference", "title", "country", "received_date"}
    assert any("Title is required" in str(p) for p in problems)


def test_a_closed_case_needs_outcome_date_and_summary() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate(entity("support_case"), _case(status="closed"))
    fields = {p.field for p in info.value.problems}
    assert fields == {"outcome", "resolution_date", "resolution_summary"}
    assert "a closed case needs an outcome" in str(info.value)


def test_a_pending_case_says_whom_it_waits_for() -> None:
    with pytest.raises(ValidationFailed, match="pending on"):
        validate(entity("support_case"), _case(status="pending"))
    validate(entity("support_case"), _case(status="pending", pending_on="host_government"))


def test_resolution_cannot_precede_receipt() -> None:
    record = _case(
        status="closed",
        outcome="resolved_full",
        resolution_summary="허가 취득",
        resolution_date=D(2026, 3, 1),
    )
    with pytest.raises(ValidationFailed, match="before the case was received"):
        validate(entity("support_case"), record)


def test_a_held_meeting_needs_its_date_in_its_year() -> None:
    spec = entity("council_meeting")
    with pytest.raises(ValidationFailed, match="a held meeting needs its date"):
        validate(spec, {"year": 2026, "number": 1, "status": "held"})
    with pytest.raises(ValidationFailed, match="not in 2026"):
        validate(spec, {"year": 2026, "number": 1, "status": "held", "date": D(2025, 12, 30)})
    validate(spec, {"year": 2026, "number": 1, "status": "planned"})


@pytest.mark.parametrize(
    ("entity_name", "record", "message"),
    [
        ("company", {"name_ko": "한빛배터리", "brn": "12-34"}, "10 digits"),
        ("contact", {"company_id": "x", "name": "Kim", "email": "not-an-address"}, "email address"),
        ("meeting_attendance", {"meeting_id": "m"}, "partner institution or the foreign authority"),
        (
            "market_brief",
            {
                "title": "t",
                "topic": "tax",
                "country": "DE",
                "published_date": D(2026, 5, 1),
                "valid_until": D(2026, 4, 1),
            },
            "valid until",
        ),
        (
            "partner_referral",
            {
                "case_id": "c",
                "partner": "KOTRA",
                "service": "s",
                "status": "done",
                "requested_date": D(2026, 5, 1),
                "completed_date": D(2026, 4, 1),
            },
            "completed before",
        ),
        ("proposal", {"programme": "P", "fiscal_year": 1999, "title": "t", "status": "draft"}, "fiscal year"),
        ("task", {"title": "t", "status": "done"}, "done task needs"),
        ("support_case", _case(jobs_created=-3), "cannot be negative"),
        ("support_case", _case(title="x" * 201), "longer than 200"),
    ],
)
def test_entity_rules_explain_themselves(entity_name: str, record: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        validate(entity(entity_name), record)


def test_normalise_coerces_wire_values_and_refuses_misfits() -> None:
    spec = entity("support_case")
    out = normalise(spec, {"received_date": "2026-03-02", "jobs_created": 12.0, "categories": ["site"]})
    assert out == {"received_date": D(2026, 3, 2), "jobs_created": 12, "categories": ["site"]}
    with pytest.raises(ValidationFailed) as info:
        normalise(
            spec,
            {"received_date": "02/03/2026", "status": "finished", "colour": "red", "jobs_created": "many"},
        )
    messages = {p.field: p.message for p in info.value.problems}
    assert messages["received_date"] == "expected a date as YYYY-MM-DD"
    assert "not an allowed value" in messages["status"]
    assert "has no field" in messages["colour"]
    assert "whole number" in messages["jobs_created"]


def test_every_enum_value_is_stored_as_it_is() -> None:
    # ``normalise`` keeps a member's value without cleaning it (its common case, inline): that holds
    # only while every value is clean text within its field's bounds.
    for spec in ENTITIES:
        for f in spec.fields:
            for value in f.enum_values:
                assert value and clean_text(value) == value and len(value) <= f.max_length, (
                    spec.name,
                    f.name,
                )


def test_normalise_decides_the_common_values_as_their_field_kinds_say() -> None:
    spec = entity("support_case")
    out = normalise(
        spec,
        {
            "reference": " DE-FRA-26-1 ",
            "hq_note": "",
            "country": "",
            "area": "  ",
            "company_id": "",
            "categories": None,
            "summary": None,
            "permit_obtained": False,
            "investment_usd": 2**63 - 1,
            "received_date": "2026-03-02",
            "estimated_resolution_date": "",
            "status": "open",
        },
    )
    assert out == {
        "reference": "DE-FRA-26-1",
        "hq_note": "",  # empty text stays text; an empty code or reference is none
        "country": None,
        "area": None,
        "company_id": None,
        "categories": [],
        "summary": None,
        "permit_obtained": False,
        "investment_usd": 2**63 - 1,
        "received_date": D(2026, 3, 2),
        "estimated_resolution_date": None,
        "status": "open",
    }
    with pytest.raises(ValidationFailed) as info:
        normalise(
            spec,
            {"title": "x" * 201, "investment_usd": 2**63, "permit_obtained": 1, "status": " open"},
        )
    codes = {p.field: p.code for p in info.value.problems}
    assert set(codes) == {"title", "investment_usd", "permit_obtained", "status"}
    assert codes["title"] is ProblemCode.TOO_LONG and codes["investment_usd"] is ProblemCode.TOO_LARGE


@pytest.mark.parametrize(
    "value",
    [
        [],
        ["site", "permits"],
        ["site", "permits"] * 500,  # as many as a list holds
        ["site"] * 1_001,  # one too many
        ["x" * 64],
        ["x" * 65],  # an item too long
        ["si\x07te"],  # a control character
        ["site", 3],  # not all text
        ["바이에른"],  # printable, not ASCII
        "site",  # not a list
    ],
)
def test_a_list_is_decided_as_its_kind_and_bounds_say(value: object) -> None:
    # ``normalise`` decides a plain list inline (a case's categories, in every create of an import):
    # as the general path does, ``FieldSpec.from_wire`` and then the bounds of a list.
    spec = entity("support_case")
    f = spec.field("categories")
    try:
        coerced = f.from_wire(value)
        problem = _out_of_bounds(f, coerced)
        expected: object = problem.code if problem else coerced
    except (ValueError, TypeError):
        expected = ProblemCode.NOT_A_LIST
    try:
        got: object = normalise(spec, {"categories": value})["categories"]
    except ValidationFailed as exc:
        got = exc.problems[0].code
    assert got == expected
    if isinstance(got, list):
        assert got is not value  # a list of its own, as ``from_wire`` makes


def test_text_is_stored_as_nfc_without_control_characters() -> None:
    nfd = unicodedata.normalize("NFD", "바이에른\x07 공장 ")
    out = normalise(entity("support_case"), {"title": nfd})
    assert out["title"] == "바이에른 공장"
    assert unicodedata.is_normalized("NFC", out["title"])


def test_every_entity_declares_labels_in_both_languages() -> None:
    for spec in ENTITIES:
        assert spec.label_en
        assert spec.label_ko
        for f in spec.fields:
            assert f.label_en and f.label_ko, f"{spec.name}.{f.name}"


def test_case_references_from_different_slots_never_collide() -> None:
    made = {
        references.make("DE-FRA", 2026, slot, counter) for slot in range(1, 10) for counter in range(1, 3000)
    }
    assert len(made) == 9 * 2999
    assert references.make("DE-FRA", 2026, 2, 41) == "DE-FRA-26-2041"
    assert references.make("DE-FRA", 2026, 1, 1000) == "DE-FRA-26-11000"
    parsed = references.parse("DE-FRA-26-11000")
    assert parsed is not None
    assert (parsed.slot, parsed.counter, parsed.year) == (1, 1000, 2026)


def _attachment(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "file_name": "허가서.pdf",
        "sha256": "ab" * 32,
        "size": 1234,
        "media_type": "application/pdf",
        "case_id": "00000000-0000-4000-8000-000000000001",
    }
    return base | over


def test_an_attachment_belongs_to_exactly_one_record() -> None:
    spec = entity("attachment")
    validate(spec, _attachment())
    validate(spec, _attachment(case_id=None, proposal_id="00000000-0000-4000-8000-000000000002"))
    none = problems_for(spec, _attachment(case_id=None))
    assert [p.code for p in none] == ["one_parent"]
    two = problems_for(spec, _attachment(meeting_id="00000000-0000-4000-8000-000000000003"))
    assert [(p.code, p.field) for p in two] == [("one_parent", "meeting_id")]


def test_an_attachment_names_its_content_by_a_sha256_and_a_size_of_zero_or_more() -> None:
    spec = entity("attachment")
    problems = problems_for(spec, _attachment(sha256="AB" * 32, size=-1))
    assert {(p.field, p.code) for p in problems} == {("sha256", "not_a_hash"), ("size", "negative")}
