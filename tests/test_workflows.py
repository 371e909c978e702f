"""Every workflow transition, allowed and refused, with what each step requires."""

from __future__ import annotations

import itertools

import pytest

from missiondesk.domain.workflows import WORKFLOWS, Actor, Transition, TransitionRefused, Workflow

ALL = [
    (wf, source, target)
    for wf in WORKFLOWS.values()
    for source, target in itertools.permutations(
        sorted({t.source for t in wf.transitions} | {t.target for t in wf.transitions}), 2
    )
]


def _complete(wf: Workflow) -> dict[str, object]:
    """A record in which every field any step requires is filled."""
    return {name: "x" for t in wf.transitions for name in t.requires}


@pytest.mark.parametrize(("wf", "source", "target"), ALL, ids=lambda v: getattr(v, "entity", v))
def test_every_pair_of_states_is_allowed_or_refused_as_declared(
    wf: Workflow, source: str, target: str
) -> None:
    declared = wf.find(source, target)
    if declared is None:
        with pytest.raises(TransitionRefused, match=f"from {source} to {target}"):
            wf.check(source, target, _complete(wf), Actor.MISSION)
        with pytest.raises(TransitionRefused):
            wf.check(source, target, _complete(wf), Actor.HQ)
    else:
        assert wf.check(source, target, _complete(wf), declared.actor) is declared
        other = Actor.MISSION if declared.actor is Actor.HQ else Actor.HQ
        with pytest.raises(TransitionRefused, match="Only"):
            wf.check(source, target, _complete(wf), other)


@pytest.mark.parametrize(
    ("wf", "transition"),
    [(wf, t) for wf in WORKFLOWS.values() for t in wf.transitions if t.requires],
    ids=lambda v: getattr(v, "entity", None) or f"{v.source}->{v.target}",
)
def test_a_step_names_each_missing_field(wf: Workflow, transition: Transition) -> None:
    t = transition
    for missing in t.requires:
        record = {name: "x" for name in t.requires if name != missing}
        with pytest.raises(TransitionRefused, match=missing.replace("_", " ")):
            wf.check(t.source, t.target, record, t.actor)


def test_closing_a_case_needs_outcome_date_and_summary() -> None:
    case = WORKFLOWS["support_case"]
    with pytest.raises(TransitionRefused) as info:
        case.check("in_progress", "closed", {}, Actor.MISSION)
    assert "outcome, resolution date, resolution summary" in str(info.value)


def test_the_case_workflow_has_reopen_and_the_pending_loop() -> None:
    case = WORKFLOWS["support_case"]
    assert case.find("closed", "in_progress") is not None
    assert case.find("in_progress", "pending") is not None
    assert case.find("pending", "in_progress") is not None
    assert case.find("draft", "closed") is None


def test_only_hq_reviews_proposals() -> None:
    proposal = WORKFLOWS["proposal"]
    hq_steps = {(t.source, t.target) for t in proposal.transitions if t.actor is Actor.HQ}
    assert hq_steps == {
        ("submitted", "under_review"),
        ("under_review", "approved"),
        ("under_review", "returned"),
        ("under_review", "rejected"),
    }
