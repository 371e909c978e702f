"""Status workflows: which transitions exist, who may make them, what they need.

A transition is refused with a sentence that says why, so the UI can show it
next to the button and the CLI can print it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from missiondesk.domain.enums import CaseStatus, MeetingStatus, ProposalStatus, ReferralStatus, TaskStatus
from missiondesk.domain.messages import MessageCode, say
from missiondesk.errors import UserError


class Actor(StrEnum):
    """Who asks for a transition: the owner mission or an HQ reviewer."""

    MISSION = "mission"
    HQ = "hq"


class TransitionRefused(UserError):
    pass


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    name: str
    actor: Actor = Actor.MISSION
    requires: tuple[str, ...] = ()  # fields that must be filled after the transition
    asks: tuple[str, ...] = ()  # fields the step offers to fill, not required (a closed case's results)
    clears: tuple[str, ...] = ()  # fields that no longer apply after the step (a closed case waits on no one)


@dataclass(frozen=True)
class Workflow:
    entity: str
    field: str
    initial: str
    transitions: tuple[Transition, ...]

    def allowed(self, source: str, actor: Actor | None = None) -> tuple[Transition, ...]:
        return tuple(
            t for t in self.transitions if t.source == source and (actor is None or t.actor is actor)
        )

    def cleared_by(self, target: str) -> tuple[str, ...]:
        """Fields that every step into ``target`` empties."""
        return tuple(dict.fromkeys(f for t in self.transitions if t.target == target for f in t.clears))

    def path(self, target: str, actor: Actor) -> tuple[Transition, ...] | None:
        """The shortest run of ``actor``'s steps from the initial status to ``target`` (none when it is
        the initial one), or None when no run reaches it."""
        runs: dict[str, tuple[Transition, ...]] = {self.initial: ()}
        todo = [self.initial]
        while todo:
            source = todo.pop(0)
            for t in self.allowed(source, actor):
                if t.target not in runs:
                    runs[t.target] = (*runs[source], t)
                    todo.append(t.target)
        return runs.get(target)

    def find(self, source: str, target: str) -> Transition | None:
        return next((t for t in self.transitions if t.source == source and t.target == target), None)

    def check(self, source: str | None, target: str, after: Mapping[str, Any], actor: Actor) -> Transition:
        """The transition from ``source`` to ``target``, or TransitionRefused.

        ``after`` is the record as it would be after the step: the fields the
        step requires must be filled there.
        """
        source = source or self.initial
        transition = self.find(source, target)
        if transition is None:
            allowed = [t.target for t in self.allowed(source)] or ["none"]
            raise TransitionRefused(
                say(
                    MessageCode.TRANSITION_NOT_ALLOWED,
                    entity=self.entity,
                    source=source,
                    value=target,
                    values=allowed,
                )
            )
        if transition.actor is not actor:
            code = (
                MessageCode.TRANSITION_HQ_ONLY
                if transition.actor is Actor.HQ
                else MessageCode.TRANSITION_MISSION_ONLY
            )
            raise TransitionRefused(say(code, entity=self.entity, source=source, value=target))
        missing = [f for f in transition.requires if after.get(f) in (None, "", [])]
        if missing:
            raise TransitionRefused(
                say(MessageCode.TRANSITION_NEEDS, entity=self.entity, step=transition.name, fields=missing)
            )
        return transition


def _t(source: StrEnum, target: StrEnum, name: str, **kw: Any) -> Transition:
    return Transition(source.value, target.value, name, **kw)


_C = CaseStatus
CASE = Workflow(
    "support_case",
    "status",
    _C.DRAFT.value,
    (
        _t(_C.DRAFT, _C.OPEN, "open the case"),
        _t(_C.OPEN, _C.IN_PROGRESS, "start work"),
        _t(_C.OPEN, _C.PENDING, "mark it pending", requires=("pending_on",)),
        _t(_C.IN_PROGRESS, _C.PENDING, "mark it pending", requires=("pending_on",)),
        _t(_C.PENDING, _C.IN_PROGRESS, "resume work"),
        *(
            _t(
                s,
                _C.CLOSED,
                "close the case",
                requires=("outcome", "resolution_date", "resolution_summary"),
                asks=("investment_usd", "jobs_created", "permit_obtained", "site_secured"),
                clears=("pending_on",),
            )
            for s in (_C.OPEN, _C.IN_PROGRESS, _C.PENDING)
        ),
        _t(_C.CLOSED, _C.IN_PROGRESS, "reopen the case"),
    ),
)

_M = MeetingStatus
MEETING = Workflow(
    "council_meeting",
    "status",
    _M.PLANNED.value,
    (
        _t(_M.PLANNED, _M.HELD, "record the meeting as held", requires=("date",)),
        _t(_M.PLANNED, _M.CANCELLED, "cancel the meeting"),
        _t(_M.CANCELLED, _M.PLANNED, "plan the meeting again"),
        _t(_M.HELD, _M.PLANNED, "undo 'held'"),
    ),
)

_P = ProposalStatus
_HQ = Actor.HQ
PROPOSAL = Workflow(
    "proposal",
    "status",
    _P.DRAFT.value,
    (
        _t(_P.DRAFT, _P.SUBMITTED, "submit the proposal", requires=("title", "budget_krw", "activities")),
        _t(_P.SUBMITTED, _P.DRAFT, "withdraw the submission"),
        _t(_P.SUBMITTED, _P.UNDER_REVIEW, "start the review", actor=_HQ),
        _t(_P.UNDER_REVIEW, _P.APPROVED, "approve", actor=_HQ, requires=("review_comment",)),
        _t(_P.UNDER_REVIEW, _P.RETURNED, "return for changes", actor=_HQ, requires=("review_comment",)),
        _t(_P.UNDER_REVIEW, _P.REJECTED, "reject", actor=_HQ, requires=("review_comment",)),
        _t(_P.RETURNED, _P.DRAFT, "rework the proposal"),
        _t(_P.RETURNED, _P.SUBMITTED, "resubmit", requires=("title", "budget_krw", "activities")),
        _t(_P.APPROVED, _P.IN_EXECUTION, "start execution"),
        _t(_P.IN_EXECUTION, _P.COMPLETED, "complete"),
    ),
)

_R = ReferralStatus
REFERRAL = Workflow(
    "partner_referral",
    "status",
    _R.REQUESTED.value,
    (
        _t(_R.REQUESTED, _R.IN_PROGRESS, "start"),
        _t(_R.REQUESTED, _R.DECLINED, "decline"),
        _t(_R.REQUESTED, _R.CANCELLED, "cancel the referral"),
        _t(_R.IN_PROGRESS, _R.DONE, "complete", requires=("completed_date",)),
        _t(_R.IN_PROGRESS, _R.CANCELLED, "cancel the referral"),
        _t(_R.DONE, _R.IN_PROGRESS, "reopen"),
    ),
)

_T = TaskStatus
TASK = Workflow(
    "task",
    "status",
    _T.OPEN.value,
    (
        _t(_T.OPEN, _T.DONE, "complete the task", requires=("done_date",)),
        _t(_T.OPEN, _T.CANCELLED, "cancel the task"),
        _t(_T.DONE, _T.OPEN, "reopen the task"),
        _t(_T.CANCELLED, _T.OPEN, "reopen the task"),
    ),
)

WORKFLOWS: dict[str, Workflow] = {w.entity: w for w in (CASE, MEETING, PROPOSAL, REFERRAL, TASK)}


def workflow_for(entity: str) -> Workflow | None:
    return WORKFLOWS.get(entity)
