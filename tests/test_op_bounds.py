"""``bounds_problem`` finds every op beyond the protocol's bounds, however many good ops came before.

It checks most ops in a few steps (one test over all the texts, field names against those already
seen to pass); these tests hold it to the rule written out plainly, after it has seen many good ops.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missiondesk.domain.ops import MAX_CHANGES, MAX_NUMBER, FieldChange, Op, OpKind, bounds_problem

TEXT_LIMITS = {
    "op_id": 36,
    "device_id": 36,
    "record_id": 36,
    "entity": 32,
    "owner_mission": 16,
    "made_at": 40,
    "made_by": 120,
}
LOWEST = {"seq": 1, "base_version": 0, "schema_version": 0}
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


def _good(**overrides: Any) -> Op:
    values: dict[str, Any] = dict(
        op_id=str(uuid.uuid4()),
        device_id=str(uuid.uuid4()),
        seq=7,
        entity="support_case",
        record_id=str(uuid.uuid4()),
        kind=OpKind.UPDATE,
        owner_mission="DE-FRA",
        base_version=3,
        changes={"title": FieldChange("a", "b"), "summary": FieldChange(None, "요약")},
        schema_version=1,
        made_at="2026-12-07T10:00:00Z",
        made_by="김영희",
    )
    values.update(overrides)
    return Op(**values)


def _within(op: Op) -> bool:
    """The protocol's bounds, written out plainly."""
    for key, limit in TEXT_LIMITS.items():
        value = getattr(op, key)
        if type(value) is not str or len(value) > limit or any(ord(c) < 32 or ord(c) == 127 for c in value):
            return False
    for key, lowest in LOWEST.items():
        value = getattr(op, key)
        if type(value) is not int or not lowest <= value <= MAX_NUMBER:
            return False
    names = list(op.changes)
    return len(names) <= MAX_CHANGES and all(type(n) is str and NAME.fullmatch(n) for n in names)


@pytest.fixture(autouse=True, scope="module")
def _many_good_ops_seen() -> None:
    """As in a push or a bundle: many good ops, and their field names, were checked before."""
    for _ in range(200):
        assert bounds_problem(_good()) is None


@pytest.mark.parametrize(
    ("overrides", "word"),
    [
        ({"made_by": "김영희\x00"}, "made_by"),
        ({"made_at": "2026-12-07\x1b"}, "made_at"),
        ({"owner_mission": "DE\x7fFRA"}, "owner_mission"),
        ({"record_id": "r" * 37}, "record_id"),
        ({"entity": "e" * 33}, "entity"),
        ({"made_by": "누" * 121}, "made_by"),
        ({"device_id": ["a list"]}, "device_id"),
        ({"seq": 0}, "seq"),
        ({"seq": MAX_NUMBER + 1}, "seq"),
        ({"base_version": -1}, "base_version"),
        ({"schema_version": True}, "schema_version"),
        ({"changes": {"title": FieldChange("a", "b"), "tit le": FieldChange(1, 2)}}, "field name"),
        ({"changes": {"title": FieldChange("a", "b"), "f" * 65: FieldChange(1, 2)}}, "field name"),
        ({"changes": {f"f{i}": FieldChange(None, i) for i in range(MAX_CHANGES + 1)}}, "more than"),
    ],
)
def test_each_bound_broken_is_named(overrides: dict[str, Any], word: str) -> None:
    problem = bounds_problem(_good(**overrides))
    assert problem is not None and word in problem


def test_text_that_is_not_printable_but_holds_no_control_character_is_within_bounds() -> None:
    # A no-break space and a line separator are not printable, yet no control character.
    assert bounds_problem(_good(made_by="김\u00a0영희\u2028")) is None


_TEXT = st.text(st.characters(max_codepoint=0x1FFFF), max_size=45)
_NUMBER = st.integers(min_value=-2, max_value=MAX_NUMBER + 2)


@settings(max_examples=300, deadline=None)
@given(
    texts=st.fixed_dictionaries({key: _TEXT for key in TEXT_LIMITS}),
    numbers=st.fixed_dictionaries({key: _NUMBER for key in LOWEST}),
    names=st.lists(st.one_of(st.sampled_from(["title", "summary", "status"]), _TEXT), max_size=4),
)
def test_an_op_is_within_bounds_exactly_when_the_rule_says(
    texts: dict[str, str], numbers: dict[str, int], names: list[str]
) -> None:
    op = _good(**texts, **numbers, changes={n: FieldChange(None, 1) for n in names})
    assert (bounds_problem(op) is None) == _within(op)
