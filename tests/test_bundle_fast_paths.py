"""The bundle code's fast paths give exactly what the plain ways they replace give."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from missiondesk.bundles import readable
from missiondesk.bundles.op_entries import entry_for, entry_line, parse_entry
from missiondesk.domain.canonical import canonical_json, sha256_hex
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.services import bundle_export, bundle_import
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.store.tables import outbox

CASES = readable.BY_NAME["cases"]


def _op(**changes: Any) -> Op:
    return Op(
        "6d2c1f2e-0000-4000-8000-000000000001",
        "6d2c1f2e-0000-4000-8000-0000000000aa",
        7,
        "support_case",
        "6d2c1f2e-0000-4000-8000-0000000000bb",
        OpKind.UPDATE,
        "DE-FRA",
        3,
        {k: FieldChange(None, v) for k, v in changes.items()},
        made_at="2026-11-26T09:00:00Z",
        made_by="김영희",
    )


def test_a_parsed_line_is_the_op_its_plain_round_trip_gives() -> None:
    op = _op(title="부지 인허가", investment_usd=5, categories=["permits"], permit_obtained=True)
    entry = entry_for(op, True)
    parsed = parse_entry(entry.line())
    assert parsed.op == op and parsed.full_hash == op.content_hash() and parsed.left_out == ()
    assert parsed.op.canonical() == op.canonical()


def test_an_op_made_from_its_wire_form_is_the_op_from_wire_gives() -> None:
    """``Op.of_checked_wire`` (the quick reading's constructor) makes the same frozen op as ``from_wire``."""
    op = _op(title="제목", investment_usd=5, categories=["permits"])
    parsed = parse_entry(entry_for(op, True).line()).op
    reference = Op.from_wire(op.to_wire())
    assert parsed == reference and type(parsed.kind) is OpKind and parsed.kind is reference.kind
    assert {f.name: getattr(parsed, f.name) for f in dataclasses.fields(Op)} == {
        f.name: getattr(reference, f.name) for f in dataclasses.fields(Op)
    }
    assert parsed.changes["title"] == FieldChange(None, "제목") and parsed.to_wire() == op.to_wire()
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.seq = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    "edit",
    [
        lambda w: w.pop("made_by"),  # from_wire would fill it in: not what was hashed
        lambda w: w.update(seq=True),  # a bool where a number belongs
        lambda w: w.update(seq=7.0),
        lambda w: w.update(extra="x"),  # a key the op does not have
        lambda w: w["changes"].update(title=[None, "a", "b"]),
    ],
)
def test_an_op_in_another_shape_is_not_in_canonical_form(edit: Any) -> None:
    wire = _op(title="제목").to_wire()
    edit(wire)
    text = json.dumps(wire, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    line = entry_line(text, sha256_hex(text), ())
    # Refused either way: as not canonical, or (a bool or float for a number, three values for a pair)
    # already as an op the protocol does not allow.
    with pytest.raises(ValueError, match=r"not in canonical form|not a valid op"):
        parse_entry(line)


def test_entry_line_is_the_canonical_json_of_the_entry() -> None:
    op_text = _op(title="e\u0301").canonical()
    for full_hash, left_out in [(sha256_hex(op_text), ()), ("not hex \u00e9", ("email", "phone"))]:
        expected = canonical_json(
            {"full_hash": full_hash, "left_out": list(left_out), "op": json.loads(op_text)}
        )
        assert entry_line(op_text, full_hash, left_out) == expected


def test_the_sheet_digest_is_the_hash_of_each_rows_canonical_json() -> None:
    rows: list[list[Any]] = [
        [f"id-{i}", "한국어" if i % 2 else unicodedata.normalize("NFD", "한국어"), i, i % 3 == 0, "", "a\nb"]
        for i in range(readable.SheetDigest.BATCH * 2 + 7)
    ]
    rows[5][4] = "text with ],[ inside"  # the batch's row separator, inside a text
    rows[readable.SheetDigest.BATCH * 2 + 1][2] = 2**70  # beyond orjson's integers
    reference = hashlib.sha256()
    one_by_one, at_once = readable.SheetDigest(), readable.SheetDigest()
    for row in rows:
        reference.update(canonical_json(row).encode("utf-8") + b"\n")
        one_by_one.row(row)
    at_once.rows([tuple(r) for r in rows])
    assert one_by_one.hexdigest() == reference.hexdigest() == at_once.hexdigest()


_CELLS = st.one_of(
    st.text(max_size=8),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)


@given(st.lists(st.lists(_CELLS, max_size=30), min_size=1, max_size=6))
def test_shown_rows_read_each_cell_as_read_value_does(rows: list[list[Any]]) -> None:
    cols = readable.columns(CASES.spec, True)
    fields = [readable.ID_FIELD, *cols]

    def one(f: Any, v: Any) -> Any:
        try:
            return readable.read_value(f, v)
        except ValueError:
            return ValueError

    expected = [
        [one(f, v) for f, v in zip(fields, [*row, *[""] * len(fields)], strict=False)] for row in rows
    ]
    if any(ValueError in row for row in expected):
        with pytest.raises(ValueError, match="where a date belongs"):
            readable.shown_rows(rows, cols)
    else:
        assert [list(r) for r in readable.shown_rows(rows, cols)] == expected


def test_shown_rows_take_whole_text_columns_and_read_the_rest() -> None:
    cols = readable.columns(CASES.spec, True)
    by_kind = {
        "received_date": dt.datetime(2026, 3, 2),
        "estimated_resolution_date": dt.date(2026, 4, 1),
        "investment_usd": 1000.0,
        "jobs_created": 1.5,
        "permit_obtained": True,
        "title": 12.0,
        "summary": "=text",
    }
    row: list[Any] = [5.0, *[by_kind.get(f.name, "") for f in cols]]
    expected = [readable.read_value(readable.ID_FIELD, row[0])]
    expected += [readable.read_value(f, v) for f, v in zip(cols, row[1:], strict=True)]
    assert [list(r) for r in readable.shown_rows([row, row[:3]], cols)] == [
        expected,
        expected[:3] + [""] * (len(cols) - 2),
    ]
    dated = next(i for i, f in enumerate(cols, start=1) if f.name == "received_date")
    with pytest.raises(ValueError, match="where a date belongs"):
        readable.shown_rows([row, [*row[:dated], "next Tuesday", *row[dated + 1 :]]], cols)


def test_export_lines_are_the_entries_of_the_stored_ops(mission: AppContext, tmp_path: Path) -> None:
    service = RecordService(mission)
    case_id = service.create("support_case", {"title": "부지", "received_date": "2026-03-02"}).record_id
    service.update("support_case", case_id, {"summary": "e\u0301 ㅎ", "investment_usd": 10})
    company = service.create("company", {"name_ko": "한빛", "name_en": "Hanbit", "size": "startup"}).record_id
    contact = {"company_id": company, "name": "이서연", "email": "a@example.org", "phone": "+49 1"}
    service.create("contact", contact)
    with mission.store.read() as conn:
        ops = [
            Op.from_wire(json.loads(p))
            for p in conn.execute(sa.select(outbox.c.payload).order_by(outbox.c.seq)).scalars()
        ]
    for include_sensitive in (True, False):
        path = tmp_path / f"b{include_sensitive}.xlsx"
        result = bundle_export.export_bundle(mission, path, include_sensitive=include_sensitive)
        assert result.ops_without_sensitive == (0 if include_sensitive else 1)
        assert result.records["cases"] == 1
        found = bundle_import.inspect(mission, path)
        assert found.ok, found.refusal
        assert [e.line() for e in found.entries] == [entry_for(op, include_sensitive).line() for op in ops]


def test_a_new_records_field_changes_are_made_when_asked() -> None:
    op = replace(_op(title="제목", priority="high"), kind=OpKind.CREATE)
    preview = bundle_import.RecordPreview("support_case", op.record_id, bundle_import.Outcome.NEW, "", [op])
    shown = bundle_import.FieldPreview("deleted", False, True)
    preview.parts.append([shown])
    assert preview.changes == [
        bundle_import.FieldPreview("priority", None, "high"),
        bundle_import.FieldPreview("title", None, "제목"),
        shown,
    ]


def _reference_parse(line: str) -> tuple[str, Any]:
    """parse_entry's answer by the standard library alone: ("ok", (op, hash, left_out)) or ("refused", None)."""
    try:
        data = json.loads(line)
        op = Op.from_wire(data["op"])
        if (
            canonical_json({"full_hash": data["full_hash"], "left_out": data["left_out"], "op": op.to_wire()})
            != line
        ):
            return ("refused", None)
        if not data["left_out"] and data["full_hash"] != sha256_hex(op.canonical()):
            return ("refused", None)
        return ("ok", (op, data["full_hash"], tuple(data["left_out"])))
    except (ValueError, KeyError, TypeError, AttributeError):
        return ("refused", None)


_ODD_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [1e-07, 3.906433370361607e-05, -9.557082183643651e-08]
    ),  # the two libraries write these apart
    st.text(max_size=8),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(st.text(max_size=4), st.integers(), st.floats(allow_nan=False)), max_size=3),
)


def _dumps(value: Any, by_orjson: bool) -> str:
    if by_orjson:
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
        except TypeError:
            pass  # an integer orjson cannot write
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@given(
    value=_ODD_VALUES,
    base_version=st.one_of(st.integers(min_value=0, max_value=2**70), st.floats(0, 1e20)),
    by_orjson=st.booleans(),
)
def test_the_quick_reading_of_a_line_agrees_with_the_standard_library(
    value: Any, base_version: Any, by_orjson: bool
) -> None:
    """Floats, integers beyond 64 bits and any text, in lines written by either library (they write
    floats differently): each line is accepted or refused, and read, as the standard library would."""
    wire = _op(title="제목").to_wire()
    wire["changes"]["summary"] = [None, value]
    wire["base_version"] = base_version
    text = _dumps(wire, by_orjson)
    line = _dumps({"full_hash": sha256_hex(text), "left_out": [], "op": wire}, by_orjson)
    expected = _reference_parse(line)
    try:
        entry = parse_entry(line)
        got: tuple[str, Any] = ("ok", (entry.op, entry.full_hash, entry.left_out))
    except ValueError:
        got = ("refused", None)
    assert got == expected
