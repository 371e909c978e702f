"""Every number and string from the wire is bounded before it reaches HQ's database (issue 15).

The real server on SQLite and PostgreSQL: out-of-range numbers and overlong strings in a push, a pull
cursor or a field value answer 4xx with a reason (or refuse the one op, with its receipt), never 500,
and leave HQ's data as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missiondesk.domain.ops import MAX_NUMBER
from missiondesk.services.context import AppContext
from missiondesk.services.setup import init_mission
from missiondesk.services.sync import SyncService
from missiondesk.store.tables import op_receipt
from missiondesk.sync.authority import Authority
from tests.syncserver import ServerProcess, serve_on

pytestmark = pytest.mark.slow

HUGE = 2**70


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    yield from serve_on(request.param, tmp_path_factory.mktemp(f"bounds-{request.param}"))


class Caller:
    def __init__(self, server: ServerProcess, ctx: AppContext) -> None:
        self.server = server
        self.device_id = ctx.device.device_id
        credential = SyncService(ctx, keyring=False).credentials.load(self.device_id)
        answer = httpx.post(
            f"{server.url}/v1/token", json={"device_id": self.device_id, "credential": credential}
        )
        assert answer.status_code == 200, answer.text
        self.headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def next_seq(self) -> int:
        with self.server.store() as store:
            return Authority(store).device(self.device_id).next_seq

    def op(self, **over: Any) -> dict[str, Any]:
        """A valid create of a case, as the wire carries it, with ``over`` put in."""
        wire: dict[str, Any] = {
            "op_id": str(uuid.uuid4()),
            "device_id": self.device_id,
            "seq": self.next_seq(),
            "entity": "support_case",
            "record_id": str(uuid.uuid4()),
            "kind": "create",
            "owner_mission": "GB-LON",
            "base_version": 0,
            "changes": {
                "reference": [None, f"GB-LON-26-{uuid.uuid4().hex[:16]}"],
                "title": [None, "런던 사례"],
                "country": [None, "GB"],
                "received_date": [None, "2026-03-02"],
                "status": [None, "open"],
            },
            "schema_version": 1,
            "made_at": "2026-03-02T10:00:00Z",
            "made_by": "런던 담당관",
        }
        wire.update(over)
        return wire

    def push(self, *ops: dict[str, Any]) -> httpx.Response:
        return httpx.post(
            f"{self.server.url}/v1/push", json={"ops": list(ops)}, headers=self.headers, timeout=60
        )

    def get(self, path: str, **params: Any) -> httpx.Response:
        return httpx.get(f"{self.server.url}{path}", params=params, headers=self.headers, timeout=60)


@pytest.fixture(scope="module")
def caller(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    ctx = init_mission(tmp_path_factory.mktemp("lon") / "lon", "GB-LON", "런던 담당관")
    try:
        SyncService(ctx, keyring=False).enroll(server.url, server.code("GB-LON"))
        assert SyncService(ctx, keyring=False, sleep=lambda _s: None).sync_once().complete
        yield Caller(server, ctx)
    finally:
        ctx.close()


def _receipts(server: ServerProcess) -> int:
    with server.store() as store, store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(op_receipt)).scalar_one())


def _refused(answer: httpx.Response, *words: str) -> None:
    assert 400 <= answer.status_code < 500, answer.text
    detail = str(answer.json()["detail"])
    for word in words:
        assert word in detail, detail


@pytest.mark.parametrize(
    ("key", "value", "word"),
    [
        ("seq", HUGE, "seq"),
        ("seq", 0, "seq"),
        ("seq", -1, "seq"),
        ("base_version", HUGE, "base_version"),
        ("base_version", -5, "base_version"),
        ("schema_version", HUGE, "schema_version"),
        ("seq", 1.5, "seq"),
        ("seq", "7", "seq"),
        ("op_id", "x" * 10_000, "op_id"),
        ("record_id", "r" * 37, "record_id"),
        ("device_id", ["a list"], "device_id"),
        ("entity", "e" * 1_000, "entity"),
        ("owner_mission", "M" * 100, "owner_mission"),
        ("made_by", "누" * 1_000, "made_by"),
        ("made_at", "t" * 1_000, "made_at"),
        ("changes", {"f" * 1_000: [None, 1]}, "changes"),
    ],
)
def test_an_op_with_a_field_out_of_bounds_is_refused_with_a_reason(
    caller: Caller, key: str, value: Any, word: str
) -> None:
    before = _receipts(caller.server)
    _refused(caller.push(caller.op(**{key: value})), word)
    assert _receipts(caller.server) == before  # nothing of the batch was applied
    assert caller.push(caller.op()).json()["results"][0]["status"] == "applied"  # and HQ works on


@pytest.mark.parametrize("cursor", [HUGE, MAX_NUMBER + 1, -1, "abc"])
def test_a_pull_cursor_out_of_bounds_is_refused(caller: Caller, cursor: Any) -> None:
    _refused(caller.get("/v1/changes", cursor=cursor), "cursor")


def test_the_largest_cursor_is_answered(caller: Caller) -> None:
    answer = caller.get("/v1/changes", cursor=MAX_NUMBER)
    assert answer.status_code == 200 and answer.json()["changes"] == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("investment_usd", HUGE),
        ("investment_usd", -(2**64)),
        ("title", "가" * 5_000),
        ("company_id", "c" * 500),
        ("categories", ["x" * 500]),
        ("summary", "요" * 30_000),
    ],
)
def test_a_field_value_out_of_bounds_refuses_its_op_only(caller: Caller, field: str, value: Any) -> None:
    bad = caller.op()
    bad["changes"] = {**bad["changes"], field: [None, value]}
    answer = caller.push(bad)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()["results"]
    assert result["status"] == "rejected" and field in result["reason"], result
    assert caller.push(caller.op()).json()["results"][0]["status"] == "applied"


def test_other_routes_bound_what_they_read(caller: Caller) -> None:
    url = caller.server.url
    records = httpx.post(
        f"{url}/v1/records", json={"entity": "e" * 10_000, "ids": []}, headers=caller.headers
    )
    _refused(records, "entity")
    records = httpx.post(
        f"{url}/v1/records", json={"entity": "support_case", "ids": ["i" * 10_000]}, headers=caller.headers
    )
    _refused(records, "ids")
    _refused(caller.get("/v1/verify", entity="e" * 10_000), "entity")
    enrol = httpx.post(
        f"{url}/v1/enrol",
        json={"code": "AAAA-BBBB-CCCC", "device_id": str(uuid.uuid4()), "mission": "GB-LON", "slot": HUGE},
    )
    _refused(enrol, "slot")


@pytest.fixture(scope="module")
def fuzzer(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Caller]:
    """A device of its own: random numbers may hold its ops or block it, and no other test minds."""
    ctx = init_mission(tmp_path_factory.mktemp("fuzz") / "fuzz", "GB-LON", "퍼즈 담당관", 2)
    try:
        SyncService(ctx, keyring=False).enroll(server.url, server.code("GB-LON"))
        yield Caller(server, ctx)
    finally:
        ctx.close()


@given(
    seq=st.integers(),
    base=st.integers(),
    schema=st.integers(),
    text=st.text(max_size=300),
    number=st.integers(),
)
def test_no_op_the_wire_can_carry_makes_the_server_fail(
    fuzzer: Caller, seq: int, base: int, schema: int, text: str, number: int
) -> None:
    ops = [
        fuzzer.op(seq=seq, base_version=base, schema_version=schema, made_by=text),
        fuzzer.op(record_id=text, owner_mission=text[:20]),
    ]
    ops[1]["changes"] = {**ops[1]["changes"], "jobs_created": [None, number], "title": [None, text]}
    for op in ops:
        answer = fuzzer.push(op)
        assert answer.status_code < 500, answer.text


def test_the_server_is_still_well(caller: Caller, fuzzer: Caller, server: ServerProcess) -> None:
    assert httpx.get(f"{server.url}/health").status_code == 200
    assert "Traceback" not in server.log()


@pytest.mark.parametrize("signed_in", [False, True], ids=["no-token", "token"])
def test_schemathesis_finds_no_server_error_on_any_route(
    server: ServerProcess, caller: Caller, signed_in: bool
) -> None:
    """Every operation of /openapi.json, with generated (valid and invalid) inputs: never a 5xx."""
    import schemathesis  # a dev dependency: missing, the test fails rather than skips

    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    headers = caller.headers if signed_in else {}
    failures: list[str] = []
    statuses: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12  # the whole API, the HQ routes included
    for operation in operations:

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case: Any) -> None:
            response = case.call(headers={**(case.headers or {}), **headers}, timeout=30)
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"
                )

        call()
    assert failures == []
    assert len(statuses) >= 5 * len(operations)  # it did call every route, many times
    if signed_in:  # and, signed in, got past the token check to the routes' own answers
        assert any(s == 200 for s in statuses) and any(s == 422 for s in statuses)
    assert "Traceback" not in server.log()
