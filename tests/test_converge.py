"""Property tests: replicas that edit offline converge, whatever the order ops arrive in.

Three laptops of two missions edit, delete and restore the same records while
offline; their ops reach the authority in random orders, split into random
batches, some twice, some by "bundle" and some by "network"; laptops pull at
random moments. At the end every op has exactly one result, every laptop holds
exactly what HQ holds for its scope, and no officer's new value is lost: it is
either the current value, or kept in a conflict, or a later change was made
knowingly on top of it.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from missiondesk.domain.canonical import canonical_json
from missiondesk.domain.ops import Op
from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import ENTITIES, Scope
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.store.tables import change_feed, entity_table, held_op, op_receipt
from missiondesk.store.tables import outbox as outbox_table
from missiondesk.sync import replica
from missiondesk.sync.authority import Authority
from missiondesk.sync.protocol import PushResult, Status
from tests.conftest import reset_postgres
from tests.syncsim import World, visible_state

LAPTOPS = ("fra1", "fra2", "ber1")
MISSION = {"fra1": "DE-FRA", "fra2": "DE-FRA", "ber1": "DE-BER"}


def _build(root: Path, hq_url: str | None = None) -> World:
    """HQ and three laptops that share a starting point: two cases, a company and a brief."""
    world = World.make(root, hq_url)
    fra1 = world.laptop("fra1", "DE-FRA", 1)
    world.laptop("fra2", "DE-FRA", 2)
    ber1 = world.laptop("ber1", "DE-BER", 1)
    svc = RecordService(fra1)
    for title in ("부지 인허가 지연", "취업비자 발급"):
        svc.create("support_case", {"title": title, "received_date": "2026-02-01", "status": "open"})
    svc.create("company", {"name_ko": "한빛배터리", "name_en": "Hanbit Battery"})
    RecordService(ber1).create(
        "market_brief", {"title": "독일 시장 동향", "topic": "market_trends", "country": "DE"}
    )
    for ctx in world.laptops.values():
        world.sync(ctx)
    for ctx in world.laptops.values():
        world.pull(ctx)
    return world


@pytest.fixture(scope="module")
def template() -> Iterator[Path]:
    """The starting world on SQLite, built once and copied for each example."""
    root = Path(tempfile.mkdtemp(prefix="md-converge-"))
    _build(root).close()
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _open(template: Path) -> tuple[Path, World]:
    root = Path(tempfile.mkdtemp(prefix="md-converge-run-"))
    for name in ("hq", *LAPTOPS):
        shutil.copytree(template / name, root / name)
    hq = open_context(root / "hq")
    world = World(root, hq, Authority(hq.store))
    for name in LAPTOPS:
        world.laptops[name] = open_context(root / name)
    return root, world


FIELDS = {
    "support_case": {
        "title": st.sampled_from(["부지 확보", "허가 지연", "Permit delayed"]),
        "priority": st.sampled_from(["low", "normal", "high", "urgent"]),
        "summary": st.sampled_from(["현지 회신 대기", "기업 자료 보완", None]),
    },
    "company": {"name_en": st.sampled_from(["Hanbit Battery", "Hanbit Battery GmbH", "HB"])},
    "market_brief": {"summary": st.sampled_from(["요약 1", "요약 2"])},
    "case_activity": {
        "notes": st.sampled_from(["회신 받음", "서류 보완 요청"]),
        "channel": st.sampled_from(["call", "email"]),
    },
    "partner_referral": {
        "status": st.sampled_from(["requested", "in_progress", "done"]),
        "notes": st.sampled_from(["연계 1", None]),
    },
}
FIELDS.update(
    {
        "council_meeting": {"location": st.sampled_from(["총영사관", "주정부 청사"])},
        "agenda_item": {"decision": st.sampled_from(["후속 협의", "종결", None])},
        "meeting_attendance": {"attendees": st.integers(1, 5)},
        "brief_delivery": {"notes": st.sampled_from(["이메일 발송", "면담 시 전달"])},
        "task": {"notes": st.sampled_from(["자료 요청", "회신 확인"])},
        "proposal": {"kpis": st.sampled_from(["기업 10개사", "기업 20개사"])},
        "contact": {"position": st.sampled_from(["대표", "팀장"])},
        "attachment": {"file_name": st.sampled_from(["허가서.pdf", "permit.pdf"])},
    }
)


def _new_values(ctx: AppContext, kind: str, n: int) -> dict[str, Any] | None:
    """A new record of ``kind`` as an officer makes it, under records the laptop holds (None: no parent)."""
    case, meeting = _pick(ctx, "support_case", n), _pick(ctx, "council_meeting", n)
    brief, company = _pick(ctx, "market_brief", n), _pick(ctx, "company", n)
    made: dict[str, dict[str, Any] | None] = {
        "council_meeting": {"year": 2026, "number": 1 + n % 9, "status": "planned"},
        "agenda_item": meeting and {"meeting_id": meeting, "title": f"안건 {n}", "case_id": case},
        "meeting_attendance": meeting and {"meeting_id": meeting, "partner": "KOTRA", "attendees": 2},
        # Another mission's brief may be delivered: the one brief is Berlin's.
        "brief_delivery": brief
        and company
        and {"brief_id": brief, "company_id": company, "date": "2026-03-03"},
        "task": {"title": f"할 일 {n}", "status": "open", "case_id": case, "meeting_id": meeting},
        "proposal": {"programme": "TSM-2026", "fiscal_year": 2026, "title": f"제안 {n}", "status": "draft"},
        "contact": company and {"company_id": company, "name": f"담당자 {n}"},
        "attachment": case
        and {
            "case_id": case,
            "file_name": f"서류 {n}.pdf",
            "sha256": f"{n:064x}",
            "size": 10,
            "media_type": "application/pdf",
        },
    }
    return made[kind]


# Deleted and restored, parents and children alike: a merge that ignored deletes of one kind would fail.
DELETABLE = sorted(FIELDS)

_MAKE = (
    "council_meeting",
    "agenda_item",
    "meeting_attendance",
    "brief_delivery",
    "task",
    "proposal",
    "contact",
    "attachment",
)

action = st.one_of(
    st.tuples(
        st.just("edit"),
        st.sampled_from(LAPTOPS),
        st.sampled_from(sorted(FIELDS)),
        st.integers(0, 3),
        st.data(),
    ),
    st.tuples(st.just("delete"), st.sampled_from(LAPTOPS), st.sampled_from(DELETABLE), st.integers(0, 3)),
    st.tuples(st.just("restore"), st.sampled_from(LAPTOPS), st.sampled_from(DELETABLE), st.integers(0, 3)),
    st.tuples(st.just("note"), st.sampled_from(LAPTOPS), st.integers(0, 3)),
    st.tuples(st.just("refer"), st.sampled_from(LAPTOPS), st.integers(0, 3)),
    st.tuples(st.just("make"), st.sampled_from(LAPTOPS), st.sampled_from(sorted(_MAKE)), st.integers(0, 3)),
    st.tuples(st.just("new_case"), st.sampled_from(LAPTOPS)),
    st.tuples(st.just("deliver"), st.sampled_from(LAPTOPS), st.integers(0, 2**32 - 1)),
    st.tuples(st.just("pull"), st.sampled_from(LAPTOPS)),
)


def _pick(ctx: AppContext, entity_name: str, index: int, trash: bool = False) -> str | None:
    rows = RecordService(ctx).list(ListQuery(entity_name, trash=trash, sort="created_at", limit=50)).rows
    return rows[index % len(rows)].id if rows else None


class Post:
    """Ops in flight: what each laptop has handed over, delivered in any order, some twice."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.results: dict[str, list[PushResult]] = {}

    def deliver(self, name: str, seed: int) -> None:
        rng = random.Random(seed)
        ctx = self.world.laptops[name]
        ops = replica.pending_ops(ctx)
        if not ops:
            return
        chosen = rng.sample(ops, rng.randint(1, len(ops)))
        chosen += rng.sample(chosen, rng.randint(0, len(chosen)))  # duplicates
        rng.shuffle(chosen)
        while chosen:
            batch, chosen = chosen[: rng.randint(1, 4)], chosen[4:]
            results = self.world.authority.push(
                batch, ctx.device.device_id, rng.choice(["bundle", "network"])
            )
            replica.record_results(ctx, results)

    def flush(self, seed: int) -> None:
        """Everything still unsent reaches HQ, in a random order across laptops."""
        rng = random.Random(seed)
        for _ in range(20):
            names = [n for n in LAPTOPS if replica.pending_ops(self.world.laptops[n])]
            if not names:
                return
            self.deliver(rng.choice(names), rng.getrandbits(32))
        for name in LAPTOPS:  # whatever is left, in order
            self.world.push(self.world.laptops[name])


def _apply(world: World, post: Post, step: tuple[Any, ...]) -> None:
    kind, name = step[0], step[1]
    ctx = world.laptops[name]
    svc = RecordService(ctx)
    try:
        if kind == "edit":
            _, _, entity_name, index, data = step
            record_id = _pick(ctx, entity_name, index)
            if record_id is None:
                return
            field = data.draw(st.sampled_from(sorted(FIELDS[entity_name])))
            svc.update(entity_name, record_id, {field: data.draw(FIELDS[entity_name][field])})
        elif kind == "delete":
            record_id = _pick(ctx, step[2], step[3])
            if record_id:
                svc.delete(step[2], record_id)
        elif kind == "restore":
            record_id = _pick(ctx, step[2], step[3], trash=True)
            if record_id:
                svc.restore(step[2], record_id)
        elif kind == "note":
            case_id = _pick(ctx, "support_case", step[2])
            if case_id:
                svc.create(
                    "case_activity",
                    {
                        "case_id": case_id,
                        "date": "2026-03-01",
                        "action_type": "note",
                        "notes": f"{name} 메모",
                    },
                )
        elif kind == "refer":
            case_id = _pick(ctx, "support_case", step[2])
            if case_id:
                svc.create(
                    "partner_referral",
                    {
                        "case_id": case_id,
                        "partner": "KOTRA",
                        "service": f"{name} 연계",
                        "status": "requested",
                    },
                )
        elif kind == "make":
            values = _new_values(ctx, step[2], step[3])
            if values is not None:
                svc.create(step[2], values)
        elif kind == "new_case":
            svc.create("support_case", {"title": f"{name}의 새 사례", "received_date": "2026-03-02"})
        elif kind == "deliver":
            post.deliver(name, step[2])
        elif kind == "pull":
            world.pull(ctx, page_size=7)
    except UserError:
        pass  # e.g. editing a case this laptop just deleted: the UI would refuse it too


def _all_ops(world: World) -> list[Op]:
    ops = []
    for ctx in world.laptops.values():
        with ctx.store.read() as conn:
            ops += [
                Op.from_wire(json.loads(p)) for p in conn.execute(sa.select(outbox_table.c.payload)).scalars()
            ]
    return ops


def _check_invariants(world: World) -> None:
    ops = _all_ops(world)
    with world.hq.store.read() as conn:
        receipts = {
            r.op_id: r.status for r in conn.execute(sa.select(op_receipt.c.op_id, op_receipt.c.status))
        }
        assert conn.execute(sa.select(sa.func.count()).select_from(held_op)).scalar() == 0
        feed_bases = {
            (rid, field, canonical_json(bn[0]))
            for rid, fields in conn.execute(sa.select(change_feed.c.record_id, change_feed.c.fields))
            for field, bn in (fields or {}).items()
        }
        conflicts = conn.execute(sa.select(entity_table("conflict"))).mappings().all()
    # Every op has exactly one result (the receipts table keys by op id), and none was refused.
    missing = [op.op_id for op in ops if op.op_id not in receipts]
    assert missing == []
    assert {s for s in receipts.values()} <= {Status.APPLIED, Status.MERGED, Status.CONFLICT}
    # No officer's new value is lost.
    kept = {(c["record_id"], c["field"], c["ours"]) for c in conflicts}
    kept_whole = [(c["record_id"], c["ours"]) for c in conflicts if c["kind"] == "delete_edit"]
    for op in ops:
        if not op.changes:
            continue
        current = RecordService(world.hq).get(op.entity, op.record_id)
        for field, change in op.changes.items():
            new = canonical_json(change.new)
            now = canonical_json(current.spec.field(field).to_wire(current.get(field)))
            assert (
                now == new
                or (op.record_id, field, new) in kept
                or any(rid == op.record_id and f'"{field}"' in ours for rid, ours in kept_whole)
                or (op.record_id, field, new) in feed_bases  # someone changed it later, having seen it
            ), f"{op.entity}.{field} = {change.new!r} from {op.made_by} was lost (now {now})"
    # Every laptop holds exactly what HQ holds for its scope.
    for name, ctx in world.laptops.items():
        assert visible_state(ctx, MISSION[name]) == visible_state(world.hq, MISSION[name]), name


def _run(world: World, steps: list[tuple[Any, ...]], seed: int) -> None:
    post = Post(world)
    for step in steps:
        _apply(world, post, step)
    post.flush(seed)
    for ctx in world.laptops.values():
        world.pull(ctx)
    for ctx in world.laptops.values():  # rebased edits made while pulling go out too
        world.sync(ctx)
    for ctx in world.laptops.values():
        world.pull(ctx)
    _check_invariants(world)


STEPS = st.lists(action, min_size=3, max_size=25)
SEEDS = st.integers(0, 2**32 - 1)


@given(steps=STEPS, seed=SEEDS)
def test_replicas_converge_whatever_the_order_of_delivery(
    template: Path, steps: list[tuple[Any, ...]], seed: int
) -> None:
    root, world = _open(template)
    try:
        _run(world, steps, seed)
    finally:
        world.close()
        shutil.rmtree(root, ignore_errors=True)


@settings(max_examples=6)  # each example builds its world on PostgreSQL afresh
@given(steps=STEPS, seed=SEEDS)
def test_replicas_converge_with_hq_on_postgresql(
    pg_url: str, steps: list[tuple[Any, ...]], seed: int
) -> None:
    reset_postgres(pg_url)
    root = Path(tempfile.mkdtemp(prefix="md-converge-pg-"))
    world = _build(root, pg_url)
    try:
        _run(world, steps, seed)
    finally:
        world.close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("child", ["case_activity", "partner_referral"])
def test_a_child_deleted_on_one_laptop_and_edited_on_another_converges(template: Path, child: str) -> None:
    """The examples above delete children at random; this one does it on purpose, both ways round."""
    root, world = _open(template)
    try:
        fra1, fra2 = world.laptops["fra1"], world.laptops["fra2"]
        _apply(world, Post(world), ("note" if child == "case_activity" else "refer", "fra1", 0))
        world.sync(fra1)
        world.pull(fra2)
        record_id = _pick(fra2, child, 0)
        assert record_id is not None
        RecordService(fra2).delete(child, record_id)
        RecordService(fra1).update(child, record_id, {"notes": "삭제된 줄 모르고 고침"})
        world.sync(fra2)  # the delete reaches HQ first
        world.sync(fra1)  # then the edit: kept for review, never applied to a tombstone silently
        for ctx in world.laptops.values():
            world.pull(ctx)
        record = RecordService(world.hq).get(child, record_id)
        assert record.is_deleted
        with world.hq.store.read() as conn:
            table = entity_table("conflict")
            kinds = (
                conn.execute(sa.select(table.c.kind).where(table.c.record_id == record_id)).scalars().all()
            )
        assert kinds == ["delete_edit"]
        _check_invariants(world)
    finally:
        world.close()
        shutil.rmtree(root, ignore_errors=True)


def test_every_kind_of_record_a_mission_keeps_can_be_made_edited_and_deleted_in_the_steps(
    template: Path,
) -> None:
    """The random steps reach every synced kind but reference data and conflicts (which HQ makes)."""
    made = {"support_case", "company", "market_brief", "officer", "case_activity", "partner_referral", *_MAKE}
    kinds = {spec.name for spec in ENTITIES if spec.scope is not Scope.REFERENCE and not spec.authority_made}
    assert made == kinds
    assert set(DELETABLE) >= kinds - {"officer"} and set(FIELDS) >= kinds - {"officer"}
    root, world = _open(template)
    try:
        fra1 = world.laptops["fra1"]
        post = Post(world)
        for kind in ("council_meeting", *_MAKE):
            _apply(world, post, ("make", "fra1", kind, 0))
        for kind in _MAKE:
            assert _pick(fra1, kind, 0) is not None, kind  # every make step makes its record
        _run(world, [("delete", "fra1", kind, 0) for kind in DELETABLE], 7)
    finally:
        world.close()
        shutil.rmtree(root, ignore_errors=True)
