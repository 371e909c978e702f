"""No device writes outside its mission, whatever it sends (issue 15), through the real HTTP server.

A US-NYC laptop, enrolled with a real code and signed in with a real token, hand-makes ops that point
at DE-FRA's records. The cases are generated from the schema: every reference field of every entity,
created and updated. A reference that may not cross missions is refused with its code, HQ's data stays
as it was, and the device's other ops in the same batch still apply; one that may cross missions (a
delivery of another mission's shared brief) applies. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.permissions import RefusalCode, Role, reference_refusal, refusal_code
from missiondesk.domain.schema import ATTACHMENT_PARENTS, ENTITIES, EntitySpec, FieldSpec, Kind, Scope, entity
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.store.tables import change_feed, entity_table
from missiondesk.sync.authority import Authority
from tests.syncserver import ServerProcess, serve_on

pytestmark = pytest.mark.slow

REFERENCES = [(spec.name, f.name) for spec in ENTITIES for f in spec.reference_fields]
LOCAL = [pair for pair in REFERENCES if not entity(pair[0]).field(pair[1]).cross_mission]
CROSSING = [pair for pair in REFERENCES if entity(pair[0]).field(pair[1]).cross_mission]
# Every kind of record some reference names: each mission makes one of each before the tests.
TARGETS = sorted({str(f.target) for spec in ENTITIES for f in spec.reference_fields})


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    yield from serve_on(request.param, tmp_path_factory.mktemp(f"authz-{request.param}"))


def _laptop(root: Path, server: ServerProcess, name: str, mission: str) -> AppContext:
    ctx = init_mission(root / name, mission, f"{name} 담당관", 1)
    SyncService(ctx, keyring=False).enroll(server.url, server.code(mission))
    return ctx


def _sync(ctx: AppContext) -> None:
    assert SyncService(ctx, keyring=False, sleep=lambda _s: None).sync_once().complete


def _make_targets(ctx: AppContext, label: str) -> dict[str, str]:
    """One record of every kind a reference can name, made at the laptop as an officer would."""
    svc = RecordService(ctx)
    company = svc.create("company", {"name_ko": f"{label} 기업"}).record_id
    made = {
        "company": company,
        "contact": svc.create("contact", {"company_id": company, "name": f"{label} 담당자"}).record_id,
        "support_case": svc.create(
            "support_case", {"title": f"{label} 사례", "received_date": "2026-03-02"}
        ).record_id,
        "market_brief": svc.create(
            "market_brief", {"title": f"{label} 시장정보", "topic": "regulation", "country": "DE"}
        ).record_id,
        "council_meeting": svc.create(
            "council_meeting", {"year": 2026, "number": 1, "status": "planned"}
        ).record_id,
    }
    made["agenda_item"] = svc.create(
        "agenda_item", {"meeting_id": made["council_meeting"], "title": f"{label} 안건"}
    ).record_id
    made["case_activity"] = svc.create(
        "case_activity", {"case_id": made["support_case"], "date": "2026-03-03", "action_type": "intake"}
    ).record_id
    made["proposal"] = svc.create(
        "proposal",
        {"programme": "TSM-2026", "fiscal_year": 2026, "title": f"{label} 제안", "status": "draft"},
    ).record_id
    assert ctx.device.officer_id is not None
    made["officer"] = ctx.device.officer_id
    assert set(made) == set(TARGETS)
    return made


@dataclass
class Device:
    """A laptop's identity at HQ: its token and its next sequence number, for hand-made ops."""

    server: ServerProcess
    device_id: str
    mission: str
    token: str
    seq: int
    numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def op(
        self, spec: EntitySpec, record_id: str, kind: OpKind, changes: dict[str, Any], base_version: int = 0
    ) -> Op:
        self.seq += 1
        return Op(
            op_id=str(uuid.uuid4()),
            device_id=self.device_id,
            seq=self.seq,
            entity=spec.name,
            record_id=record_id,
            kind=kind,
            owner_mission=self.mission,
            base_version=base_version,
            changes={k: FieldChange(*pair) for k, pair in changes.items()},
            made_by="test",
        )

    def create(self, spec: EntitySpec, values: dict[str, Any]) -> Op:
        return self.op(spec, str(uuid.uuid4()), OpKind.CREATE, {k: [None, v] for k, v in values.items()})

    def push(self, ops: list[Op]) -> list[dict[str, Any]]:
        answer = httpx.post(
            f"{self.server.url}/v1/push",
            json={"ops": [op.to_wire() for op in ops]},
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        return results

    def sample(self, spec: EntitySpec, refs: dict[str, str], parent: str = "") -> dict[str, Any]:
        """Values for a whole record: every required field, and every reference (from ``refs``); an
        attachment names one parent only (``parent``, or its first)."""
        n = next(self.numbers)
        values: dict[str, Any] = {}
        one_parent = {name for name, *_ in ATTACHMENT_PARENTS} if spec.name == "attachment" else set()
        for f in spec.fields:
            if f.name in one_parent and f.name != (parent or ATTACHMENT_PARENTS[0][0]):
                continue
            if f.is_reference:
                target = refs[str(f.target)]
                values[f.name] = [target] if f.kind is Kind.REFS else target
            elif f.required:
                values[f.name] = _sample_value(f, self.mission, n)
        return values


def _sample_value(f: FieldSpec, mission: str, n: int) -> Any:
    if f.name == "reference":
        return f"{mission}-26-8{n:03d}"
    if f.name == "sha256":
        return f"{n:064x}"
    match f.kind:
        case Kind.TEXT | Kind.LONGTEXT:
            return f"{f.name} {n}"[: f.max_length]
        case Kind.INT:
            return 2026 if "year" in f.name else 1
        case Kind.DATE:
            return "2026-03-02"
        case Kind.ENUM:
            assert f.enum is not None
            return next(iter(f.enum)).value
        case Kind.CODE:
            return "DE"
        case Kind.BOOL:
            return False
        case Kind.CODES:
            return []
    raise AssertionError(f.kind)


@dataclass
class Arena:
    server: ServerProcess
    nyc: Device
    fra_targets: dict[str, str]
    nyc_targets: dict[str, str]


@pytest.fixture(scope="module")
def arena(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Arena]:
    root = tmp_path_factory.mktemp("laptops")
    fra = _laptop(root, server, "fra", "DE-FRA")
    nyc = _laptop(root, server, "nyc", "US-NYC")
    try:
        fra_targets = _make_targets(fra, "프랑크푸르트")
        nyc_targets = _make_targets(nyc, "뉴욕")
        _sync(fra)
        _sync(nyc)
        yield Arena(server, _device(server, nyc), fra_targets, nyc_targets)
    finally:
        fra.close()
        nyc.close()


def _device(server: ServerProcess, ctx: AppContext) -> Device:
    """The laptop's real credential swapped for a real token; its next number as HQ knows it."""
    credential = SyncService(ctx, keyring=False).credentials.load(ctx.device.device_id)
    answer = httpx.post(
        f"{server.url}/v1/token", json={"device_id": ctx.device.device_id, "credential": credential}
    )
    assert answer.status_code == 200, answer.text
    with server.store() as store:
        sent = Authority(store).device(ctx.device.device_id).next_seq - 1
    return Device(server, ctx.device.device_id, ctx.device.mission, answer.json()["access_token"], sent)


def hq_data(server: ServerProcess) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Every record HQ holds, every column, and every change-feed entry: what the refusals must not move."""
    out: dict[tuple[str, str], tuple[Any, ...]] = {}
    with server.store() as store, store.read() as conn:
        for spec in ENTITIES:
            for row in conn.execute(sa.select(entity_table(spec.name))).mappings():
                out[(spec.name, str(row["id"]))] = tuple(sorted((k, repr(v)) for k, v in row.items()))
        for row in conn.execute(sa.select(change_feed)).mappings():
            out[("feed", str(row["seq"]))] = (row["entity"], row["record_id"], row["kind"], row["version"])
    return out


def _without(data: dict[tuple[str, str], tuple[Any, ...]], record_ids: set[str]) -> dict[Any, Any]:
    """``data`` less the records made or changed by ``record_ids``, and their feed entries."""
    return {
        k: v for k, v in data.items() if not (k[1] in record_ids or (k[0] == "feed" and v[1] in record_ids))
    }


@pytest.mark.parametrize(("entity_name", "field_name"), LOCAL, ids=[f"{e}.{f}" for e, f in LOCAL])
def test_a_reference_into_another_missions_records_is_refused(
    arena: Arena, entity_name: str, field_name: str
) -> None:
    spec = entity(entity_name)
    nyc = arena.nyc
    # NYC's own record of this kind, every reference pointing at NYC's records: applied.
    own = nyc.create(spec, nyc.sample(spec, arena.nyc_targets, field_name))
    assert [r["status"] for r in nyc.push([own])] == ["applied"]
    before = hq_data(arena.server)
    foreign = arena.fra_targets[str(spec.field(field_name).target)]
    wire_foreign: Any = [foreign] if spec.field(field_name).kind is Kind.REFS else foreign
    create = nyc.create(spec, {**nyc.sample(spec, arena.nyc_targets, field_name), field_name: wire_foreign})
    own_value = own.changes[field_name].new
    update = nyc.op(spec, own.record_id, OpKind.UPDATE, {field_name: [own_value, wire_foreign]}, 1)
    fine = nyc.create(entity("support_case"), nyc.sample(entity("support_case"), arena.nyc_targets))
    results = nyc.push([create, update, fine])
    assert [r["status"] for r in results] == ["rejected", "rejected", "applied"], results
    for r in results[:2]:
        assert refusal_code(r["reason"]) is RefusalCode.REFERENCE_FOREIGN, r["reason"]
        assert field_name.replace("_", " ") in r["reason"] and "DE-FRA" in r["reason"]
        # the JSON keeps the code and its parameters, so a laptop can say it in its language
        assert r["code"] == "reference_foreign" and r["params"]["fields"] == [field_name], r
    after = hq_data(arena.server)
    assert (entity_name, create.record_id) not in after
    assert _without(after, {fine.record_id}) == before  # HQ's data as it was, but for the fine op
    assert ("support_case", fine.record_id) in after


@pytest.mark.parametrize(("entity_name", "field_name"), CROSSING, ids=[f"{e}.{f}" for e, f in CROSSING])
def test_a_reference_that_may_cross_missions_applies(arena: Arena, entity_name: str, field_name: str) -> None:
    spec = entity(entity_name)
    target = entity(str(spec.field(field_name).target))
    assert target.scope in (Scope.SHARED, Scope.PUBLISHED)  # every mission reads what it points to
    nyc = arena.nyc
    foreign = arena.fra_targets[target.name]
    wire_foreign: Any = [foreign] if spec.field(field_name).kind is Kind.REFS else foreign
    create = nyc.create(spec, {**nyc.sample(spec, arena.nyc_targets), field_name: wire_foreign})
    own = nyc.create(spec, nyc.sample(spec, arena.nyc_targets))
    update = nyc.op(
        spec, own.record_id, OpKind.UPDATE, {field_name: [own.changes[field_name].new, wire_foreign]}, 1
    )
    results = nyc.push([create, own, update])
    assert [r["status"] for r in results] == ["applied", "applied", "applied"], results
    with arena.server.store() as store, store.read() as conn:
        table = entity_table(spec.name)
        stored = conn.execute(
            sa.select(table.c[field_name]).where(table.c.id == create.record_id)
        ).scalar_one()
    assert stored == wire_foreign


def test_every_reference_field_is_covered() -> None:
    assert len(LOCAL) + len(CROSSING) == len(REFERENCES) >= 15
    assert ("brief_delivery", "brief_id") in CROSSING
    for pair in [
        ("case_activity", "case_id"),
        ("partner_referral", "case_id"),
        ("agenda_item", "meeting_id"),
        ("agenda_item", "case_id"),
        ("meeting_attendance", "meeting_id"),
    ]:
        assert pair in LOCAL


def test_conflicts_are_made_by_hq_only_and_devices_change_only_the_decision(
    arena: Arena, tmp_path: Path
) -> None:
    one = _laptop(tmp_path, arena.server, "osa1", "JP-OSA")
    two = _laptop(tmp_path, arena.server, "osa2", "JP-OSA")
    try:
        case_id = (
            RecordService(one)
            .create("support_case", {"title": "오사카 사례", "received_date": "2026-03-02"})
            .record_id
        )
        _sync(one)
        _sync(two)
        RecordService(one).update("support_case", case_id, {"title": "첫째 노트북의 제목"})
        RecordService(two).update("support_case", case_id, {"title": "둘째 노트북의 제목"})
        _sync(one)
        _sync(two)
        _sync(two)
        (real,) = ConflictService(two).open_conflicts()
        conflict = entity("conflict")
        nyc, osa = arena.nyc, _device(arena.server, two)
        before = hq_data(arena.server)
        forged_values = {
            "entity_name": "support_case",
            "record_id": case_id,
            "field": "title",
            "kind": "field",
            "base": "null",
            "theirs": '"x"',
            "ours": '"y"',
            "status": "open",
        }
        forged = nyc.create(conflict, forged_values)  # another mission's case, a conflict of its own making
        closing = nyc.op(conflict, real.id, OpKind.UPDATE, {"status": ["open", "resolved"]}, 1)
        fine = nyc.create(entity("support_case"), nyc.sample(entity("support_case"), arena.nyc_targets))
        results = nyc.push([forged, closing, fine])
        assert [r["status"] for r in results] == ["rejected", "rejected", "applied"], results
        assert refusal_code(results[0]["reason"]) is RefusalCode.AUTHORITY_MADE
        assert "belongs to JP-OSA" in results[1]["reason"]
        version = int(real.conflict.version)
        from_osa = [
            osa.create(conflict, {**forged_values, "status": "resolved"}),  # even for its own case
            osa.op(conflict, real.id, OpKind.UPDATE, {"theirs": [real.conflict["theirs"], '"x"']}, version),
            osa.op(conflict, real.id, OpKind.DELETE, {}, version),
        ]
        results = osa.push(from_osa)
        assert [r["status"] for r in results] == ["rejected"] * 3, results
        assert [refusal_code(r["reason"]) for r in results] == [
            RefusalCode.AUTHORITY_MADE,
            RefusalCode.DECISION_ONLY,
            RefusalCode.AUTHORITY_MADE,
        ]
        assert _without(hq_data(arena.server), {fine.record_id}) == before
        with arena.server.store() as store, store.read() as conn:
            table = entity_table("support_case")
            state = conn.execute(sa.select(table.c.conflict_state).where(table.c.id == case_id)).scalar_one()
        assert state == "hard"
        # The documented resolution (keep HQ's value: the conflict's decision fields only) applies.
        decision = {
            "status": ["open", "resolved"],
            "resolution": [None, "theirs"],
            "resolved_by": [None, "오사카 담당관"],
            "resolved_date": [None, "2026-03-04"],
        }
        results = osa.push([osa.op(conflict, real.id, OpKind.UPDATE, decision, version)])
        assert [r["status"] for r in results] == ["applied"], results
        with arena.server.store() as store, store.read() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == case_id)).mappings().one()
        assert row["conflict_state"] == "none" and row["title"] == "첫째 노트북의 제목"
    finally:
        one.close()
        two.close()


def test_the_protocol_document_states_the_rule_of_every_reference() -> None:
    text = (Path(__file__).parent.parent / "docs" / "sync-protocol.md").read_text(encoding="utf-8")
    rows = {
        (cells[1].strip(" `"), cells[2].strip(" `")): cells[4].strip()
        for line in text.splitlines()
        if line.startswith("| `") and len(cells := line.split("|")) == 6
    }
    for entity_name, field_name in REFERENCES:
        said = rows[(entity_name, field_name)]
        crossing = bool(entity(entity_name).field(field_name).cross_mission)
        assert said.startswith("yes" if crossing else "no"), (entity_name, field_name, said)


def test_a_reference_field_must_say_whether_it_crosses_missions() -> None:
    with pytest.raises(ValueError, match="cross missions"):
        FieldSpec(name="case_id", kind=Kind.REF, target="support_case")
    with pytest.raises(ValueError, match="cross missions"):
        FieldSpec(name="title", kind=Kind.TEXT, cross_mission=False)


def test_the_reference_rule_itself() -> None:
    """domain.permissions.reference_refusal, which the authority and the bundle preview both use."""
    activity, case = entity("case_activity"), entity("support_case")
    case_id = activity.field("case_id")
    assert reference_refusal(activity, case_id, case, "US-NYC", "US-NYC", Role.MISSION, "US-NYC") is None
    foreign = reference_refusal(activity, case_id, case, "DE-FRA", "US-NYC", Role.MISSION, "US-NYC")
    assert refusal_code(foreign) is RefusalCode.REFERENCE_FOREIGN
    delivery, brief = entity("brief_delivery"), entity("market_brief")
    brief_id = delivery.field("brief_id")
    assert reference_refusal(delivery, brief_id, brief, "DE-FRA", "US-NYC", Role.MISSION, "US-NYC") is None
    # A reference allowed to cross must still name a record the writer reads (the schema keeps such
    # references to kinds every mission reads; a field declared otherwise is caught here as well).
    loose = FieldSpec(name="case_id", kind=Kind.REF, target="support_case", cross_mission=True)
    hidden = reference_refusal(activity, loose, case, "DE-FRA", "US-NYC", Role.MISSION, "US-NYC")
    assert refusal_code(hidden) is RefusalCode.REFERENCE_OUT_OF_SCOPE
    assert reference_refusal(activity, loose, case, "DE-FRA", "HQ", Role.HQ, "HQ") is None
