"""The import preview is the import: every op's previewed result is the result its import gives.

Hypothesis makes batches of one laptop's ops against an HQ that already holds records of its own
mission and of another: creates, edits on fresh and stale bases, invalid values, deletes and
restores, edits of records HQ never received, activities referring to foreign or missing cases,
ops of an older or a newer schema, ops of another device, repeated ops (same id, same or other
content) and gaps in the sequence.

Each batch is checked twice, on SQLite and on PostgreSQL:

- whole, at the authority: ``preview_in`` and then ``push_in`` in one transaction that is rolled
  back (another device's op and a newer schema cannot travel in a bundle file: its checks refuse
  the file), and
- as a signed bundle file of the ops a bundle may carry, through ``bundle_import.plan`` and
  ``bundle_import.apply``, committed, so the next batch meets the state this one left.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from missiondesk.bundles.manifest import SIGNATURE
from missiondesk.bundles.op_entries import entry_for
from missiondesk.bundles.reader import read_workbook
from missiondesk.bundles.writer import write_bundle
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.permissions import Role
from missiondesk.domain.schema import SCHEMA_VERSION, entity
from missiondesk.errors import NotFound
from missiondesk.services import bundle_export, bundle_import, device_keys
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.sync.protocol import PushResult
from tests.syncsim import World

PRIORITIES = ["low", "normal", "high", "urgent"]
STEP_KINDS = ["create", "edit", "stale", "invalid", "delete", "restore", "unknown", "activity", "foreign"]


@dataclass
class Scene:
    world: World
    fra: AppContext
    template: Path  # a real bundle of the laptop: its manifest is the model of the ones made here
    own_cases: list[str]
    foreign_cases: list[str]
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(5000))
    slots: Iterator[int] = field(default_factory=lambda: itertools.count(10))

    def new_device(self) -> str:
        """A laptop of DE-FRA enrolled for one batch: every batch starts at its device's first number,
        so a batch replayed by hypothesis meets the same device state."""
        device_id = str(uuid.uuid4())
        self.world.authority.register_device(device_id, "DE-FRA", Role.MISSION, next(self.slots))
        return device_id


@pytest.fixture
def scene(tmp_path: Path, backend: str) -> Iterator[Scene]:
    world = World.make(tmp_path, None if backend == "sqlite" else backend)
    fra = world.laptop("fra")
    nyc = world.laptop("nyc", "US-NYC")
    card = tmp_path / "fra.key"
    device_keys.write_key_card(fra, card)
    device_keys.trust_key(world.hq, card)
    own = [_case(fra, f"사례 {n}") for n in range(3)]
    foreign = [_case(nyc, "뉴욕 사례", country="US")]
    world.sync(fra)
    world.sync(nyc)
    template = tmp_path / "template.xlsx"
    bundle_export.export_bundle(fra, template, all_ops=True)
    yield Scene(world, fra, template, own, foreign)
    world.close()


def _case(ctx: AppContext, title: str, **values: object) -> str:
    service = RecordService(ctx)
    return service.create("support_case", {"title": title, "received_date": "2026-03-02", **values}).record_id


steps = st.lists(
    st.tuples(
        st.sampled_from(STEP_KINDS),
        st.integers(min_value=0, max_value=20),  # which record
        st.sampled_from(PRIORITIES),
        # what happens to the op on its way: nothing mostly; else an older or newer schema, another
        # device, a repeat (same content or other content) or a gap before it
        st.sampled_from(
            ["plain"] * 6 + ["old schema", "new schema", "other device", "repeat", "clash", "gap"]
        ),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=12)
@given(batch=steps)
def _check(scene: Scene, batch: list[tuple[str, int, str, str]]) -> None:
    device, other_device = scene.new_device(), scene.new_device()
    ops = _ops(scene, batch, device, other_device)
    _check_authority(scene, ops, device)
    _check_bundle(scene, list(_bundle_legal(ops, device)), device)


def test_each_ops_previewed_result_is_its_imported_result(scene: Scene) -> None:
    _check(scene)  # type: ignore[call-arg]  # hypothesis supplies the batch


def _ops(scene: Scene, batch: list[tuple[str, int, str, str]], device: str, other_device: str) -> list[Op]:
    hq_cases = RecordService(scene.world.hq)
    seq = other_seq = 1
    made: list[str] = []  # cases this batch creates
    ops: list[Op] = []
    for kind, pick, priority, twist in batch:
        cases = scene.own_cases + made
        record = cases[pick % len(cases)]
        op = _op(scene, kind, record, priority, scene.foreign_cases[0], hq_cases, device, seq)
        if op.kind is OpKind.CREATE and op.entity == "support_case":
            made.append(op.record_id)
        if twist == "old schema":
            op = replace(op, schema_version=SCHEMA_VERSION - 1)
        elif twist == "new schema":
            op = replace(op, schema_version=SCHEMA_VERSION + 1)
        elif twist == "other device":
            op = replace(op, device_id=other_device, seq=other_seq)
            other_seq += 1
        elif twist in ("repeat", "clash") and ops:
            earlier = ops[pick % len(ops)]
            op = (
                earlier
                if twist == "repeat"
                else replace(earlier, changes={"priority": FieldChange(None, priority)})
            )
        elif twist == "gap":
            op = replace(op, seq=seq + 1)
            seq += 1
        if op.device_id == device and op.seq == seq:
            seq += 1
        ops.append(op)
    return ops


def _op(
    scene: Scene,
    kind: str,
    record: str,
    priority: str,
    foreign_case: str,
    hq_cases: RecordService,
    device: str,
    seq: int,
) -> Op:
    def make(entity: str, record_id: str, op_kind: OpKind, changes: dict[str, Any], base: int = 0) -> Op:
        return Op(
            str(uuid.uuid4()),
            device,
            seq,
            entity,
            record_id,
            op_kind,
            "DE-FRA",
            base,
            {k: FieldChange(b, n) for k, (b, n) in changes.items()},
            made_at="2026-12-01T10:00:00Z",
            made_by="fra 담당관",
        )

    def now(field_name: str) -> tuple[Any, int]:
        try:
            found = hq_cases.get("support_case", record)
        except NotFound:  # made earlier in this batch: a base as the laptop knows it
            return "normal", 0
        return entity("support_case").field(field_name).to_wire(found[field_name]), found.version

    if kind == "create":
        number = next(scene.numbers)
        values = {
            "reference": f"DE-FRA-26-{number}",
            "title": f"새 사례 {number}",
            "country": "DE",
            "received_date": "2026-04-01",
            "status": "draft",
            "priority": priority,
        }
        return make(
            "support_case", str(uuid.uuid4()), OpKind.CREATE, {k: (None, v) for k, v in values.items()}
        )
    if kind in ("edit", "stale"):
        value, version = now("priority")
        base = value if kind == "edit" else next(p for p in PRIORITIES if p not in (value, priority))
        return make("support_case", record, OpKind.UPDATE, {"priority": (base, priority)}, version)
    if kind == "invalid":
        value, version = now("received_date")
        return make("support_case", record, OpKind.UPDATE, {"received_date": (value, "not a date")}, version)
    if kind in ("delete", "restore"):
        _, version = now("title")
        return make("support_case", record, OpKind(kind), {}, version)
    if kind == "unknown":  # an edit of a case HQ never received
        return make("support_case", str(uuid.uuid4()), OpKind.UPDATE, {"priority": ("normal", priority)})
    case = foreign_case if kind == "foreign" else record
    values = {"case_id": case, "date": "2026-04-02", "action_type": "consultation"}
    return make("case_activity", str(uuid.uuid4()), OpKind.CREATE, {k: (None, v) for k, v in values.items()})


def _check_authority(scene: Scene, ops: list[Op], device: str) -> None:
    """The whole batch: previewed, then pushed, in a transaction nobody keeps."""
    authority = scene.world.authority
    with scene.world.hq.store.write() as conn:
        trial = conn.begin_nested()
        try:
            previewed, _ = authority.preview_in(conn, ops, device)
            applied = authority.push_in(conn, ops, device, "bundle")
        finally:
            trial.rollback()
    assert _outcomes(previewed) == _outcomes(applied)


def _bundle_legal(ops: list[Op], device: str) -> Iterator[Op]:
    """The ops a bundle file may carry: its device's, each id and number once, no newer schema."""
    ids: set[str] = set()
    seqs: set[int] = set()
    for op in ops:
        if op.device_id != device or op.schema_version > SCHEMA_VERSION:
            continue
        if op.op_id in ids or op.seq in seqs:
            continue
        ids.add(op.op_id)
        seqs.add(op.seq)
        yield op


def _check_bundle(scene: Scene, ops: list[Op], device: str) -> None:
    if not ops:
        return
    path = scene.world.root / f"{uuid.uuid4()}.xlsx"
    content = read_workbook(scene.template)
    manifest = {
        k: v
        for k, v in content.manifest.fields.items()
        if k not in (SIGNATURE, "payload_sheets", "payload_sha256", "readable_sha256", "public_key")
    }
    seqs = [op.seq for op in ops]
    manifest.update(
        bundle_id=str(uuid.uuid4()),
        device_id=device,
        op_count=str(len(ops)),
        seq_first=str(min(seqs)),
        seq_last=str(max(seqs)),
    )
    lines = [entry_for(op, include_sensitive=True).line() for op in ops]
    # Signed by a key HQ does not know (the batch's device is made up): an unverified bundle.
    write_bundle(path, manifest, [("ops", lines)], Ed25519PrivateKey.generate())
    plan = bundle_import.plan(scene.world.hq, [path])
    [bundle] = plan.bundles
    assert bundle.refusal is None, bundle.refusal
    report = bundle_import.apply(scene.world.hq, plan, accept_unverified=True)
    assert _outcomes(bundle.predicted) == _outcomes(report.bundles[0].results)
    # The records' previews are read from the same results: a rejected op is never shown as a change.
    rejected = {r.op_id for r in report.bundles[0].results if r.status.value == "rejected"}
    for op in ops:
        if op.op_id in rejected:
            [preview] = [r for r in bundle.records if r.record_id == op.record_id]
            assert preview.outcome is bundle_import.Outcome.REJECTED


def _outcomes(results: list[PushResult]) -> list[tuple[str, int, str, str, int | None, str | None]]:
    return [
        (r.op_id, r.seq, r.status.value, r.reason, r.version, r.original.value if r.original else None)
        for r in results
    ]
