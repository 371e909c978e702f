"""The bulk page apply (``replica.apply_page``) against applying the same page one change at a time.

The one-by-one reference below is the apply path the laptop used before pages were written in bulk.
Hypothesis draws pages that mix new records, updates, deletions, restores, revokes, records with
unsent local edits (rebased, sometimes clashing) and records named twice in one page; both paths
must leave the same records, the same search documents and FTS rows, and report the same counts.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from missiondesk.domain.schema import entity
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.store import outbox, search
from missiondesk.store import records as rows
from missiondesk.store import settings as store_settings
from missiondesk.store.tables import BIGRAM_TABLE, FTS_TABLE, entity_table, search_doc
from missiondesk.sync import replica
from missiondesk.sync.protocol import FeedChange, FeedPage
from missiondesk.sync.wire import row_from_wire, row_to_wire

EPOCH = "epoch-1"
AT = dt.datetime(2026, 3, 2, 9, 0, 0)
TITLES = ["부지 인허가 지연", "취업비자 발급", "Permit delayed", "통관 보류"]
SUMMARIES = ["현지 회신 대기", "기업 자료 보완", None]


def apply_one_by_one(ctx: AppContext, page: FeedPage) -> replica.ApplyResult:
    """The reference: each change loaded, rebased, written and indexed on its own (no mass-change guard)."""
    with ctx.store.write() as conn:
        seen_epoch = store_settings.get(conn, replica.EPOCH)
        if seen_epoch is not None and seen_epoch != page.epoch:
            raise UserError("restart the pull")
        pending: dict[str, list[Any]] = {}
        for op in outbox.pending_ops(conn, ctx.device.device_id, limit=1_000_000):
            pending.setdefault(op.record_id, []).append(op)
        upserted = revoked = rebased = clashes = 0
        for change in page.changes:
            spec = entity(change.entity)
            table = entity_table(spec.name)
            if change.kind == "revoke":
                conn.execute(sa.delete(table).where(table.c.id == change.record_id))
                search.unindex_record(conn, change.record_id)
                revoked += 1
                continue
            assert change.state is not None
            incoming = row_from_wire(spec.name, change.state)
            local = rows.load(conn, spec, change.record_id)
            ops = pending.get(change.record_id, [])
            if ops and local is not None:
                clash = replica._rebase(incoming, local.values, local.deleted_at, local.deleted_by, ops)
                rebased += 1
                clashes += clash
                if clash:
                    incoming["conflict_state"] = (
                        "soft" if incoming["conflict_state"] == "none" else incoming["conflict_state"]
                    )
            if local is None:
                conn.execute(sa.insert(table).values(incoming))
            else:
                conn.execute(sa.update(table).where(table.c.id == change.record_id).values(incoming))
            if incoming["deleted_at"] is None:
                search.index_record(conn, spec, change.record_id, incoming["owner_mission"], incoming)
            else:
                search.unindex_record(conn, change.record_id)
            upserted += 1
        store_settings.put(conn, replica.CURSOR, page.cursor)
        store_settings.put(conn, replica.EPOCH, page.epoch)
    return replica.ApplyResult(upserted, revoked, rebased, clashes)


# --- a laptop to start from ---------------------------------------------------------------


def _case_state(
    record_id: str, reference: str, title: str, summary: str | None, version: int
) -> dict[str, Any]:
    spec = entity("support_case")
    values = {"reference": reference, "title": title, "summary": summary, "country": "DE"}
    values.update(received_date=dt.date(2026, 2, 1), status="open", priority="normal")
    row = rows.new_row(spec, values, record_id=record_id, owner="DE-FRA", by="본부", at=AT, version=version)
    return row_to_wire(spec, row)


def _company_state(record_id: str, name: str, version: int) -> dict[str, Any]:
    spec = entity("company")
    row = rows.new_row(
        spec, {"name_ko": name}, record_id=record_id, owner="HQ", by="본부", at=AT, version=version
    )
    return row_to_wire(spec, row)


@pytest.fixture(scope="module")
def template() -> Iterator[tuple[Path, dict[str, str]]]:
    """A laptop with records from HQ (some edited or deleted here, unsent) and its own unsent cases.

    Returns the folder and each pooled record's reference (id -> reference).
    """
    root = Path(tempfile.mkdtemp(prefix="md-bulk-"))
    ctx = init_mission(root / "lap", "DE-FRA", "담당관", 1)
    refs = {f"00000000-0000-4000-8000-00000000000{i}": f"DE-FRA-26-90{i}" for i in range(4)}
    first = tuple(
        FeedChange(i + 1, "support_case", rid, "upsert", 1, _case_state(rid, ref, TITLES[i], None, 1))
        for i, (rid, ref) in enumerate(refs.items())
    )
    replica.apply_page(ctx, FeedPage(EPOCH, len(first), len(first), first))
    svc = RecordService(ctx)
    hq_ids = list(refs)
    svc.update("support_case", hq_ids[0], {"title": "통관 보류", "summary": "현지 회신 대기"})
    svc.delete("support_case", hq_ids[1])
    for i in range(3):
        change = svc.create(
            "support_case", {"title": TITLES[i], "received_date": "2026-02-03", "status": "open"}
        )
        refs[change.record.id] = change.record.values["reference"]
        if i == 0:
            svc.update(
                "support_case", change.record.id, {"title": "부지 인허가 지연", "summary": "기업 자료 보완"}
            )
        if i == 1:
            svc.delete("support_case", change.record.id)
    ctx.close()
    yield root, refs
    shutil.rmtree(root, ignore_errors=True)


def _copy(template: Path, name: str) -> AppContext:
    root = Path(tempfile.mkdtemp(prefix=f"md-bulk-{name}-"))
    shutil.copytree(template / "lap", root / "lap")
    return open_context(root / "lap")


def _snapshot(ctx: AppContext) -> dict[str, Any]:
    """Every record, every search document and FTS row, by record id; the order of documents."""
    out: dict[str, Any] = {}
    with ctx.store.read() as conn:
        for name in ("support_case", "company"):
            table = entity_table(name)
            out[name] = {r["id"]: dict(r) for r in conn.execute(sa.select(table)).mappings()}
        docs = conn.execute(sa.select(search_doc).order_by(search_doc.c.id)).mappings().all()
        by_doc = {d["id"]: d["record_id"] for d in docs}
        out["docs"] = [(d["entity"], d["record_id"], d["owner_mission"], d["body"]) for d in docs]
        for table in (FTS_TABLE, BIGRAM_TABLE):
            fts = conn.execute(sa.text(f"SELECT rowid, body FROM {table}")).all()
            out[table] = sorted(((by_doc.get(rowid), body) for rowid, body in fts), key=str)
        out["cursor"] = (store_settings.get(conn, replica.CURSOR), store_settings.get(conn, replica.EPOCH))
    return out


# --- pages --------------------------------------------------------------------------------

NEW_IDS = [f"00000000-0000-4000-9000-00000000000{i}" for i in range(4)]

change_spec = st.tuples(
    st.sampled_from(["upsert", "upsert", "upsert", "revoke"]),
    st.integers(0, 6 + len(NEW_IDS) - 1),  # a pooled case (existing or new)
    st.sampled_from(TITLES),
    st.sampled_from(SUMMARIES),
    st.booleans(),  # deleted at HQ
    st.sampled_from(["none", "none", "hard"]),
)
company_spec = st.tuples(st.sampled_from(["upsert", "revoke"]), st.integers(0, 2), st.sampled_from(TITLES))


def _page(
    refs: dict[str, str], cases: list[tuple[Any, ...]], companies: list[tuple[Any, ...]], start: int
) -> FeedPage:
    pool = [*refs, *NEW_IDS]
    changes: list[FeedChange] = []
    for kind, index, title, summary, deleted, conflict in cases:
        rid = pool[index]
        state = None
        if kind == "upsert":
            state = _case_state(
                rid, refs.get(rid, f"DE-FRA-26-99{index}"), title, summary, start + len(changes)
            )
            if deleted:
                state["deleted_at"], state["deleted_by"] = AT.isoformat(timespec="microseconds"), "본부"
            state["conflict_state"] = conflict
        changes.append(FeedChange(start + len(changes) + 1, "support_case", rid, kind, 2, state))
    for kind, index, name in companies:
        rid = f"00000000-0000-4000-a000-00000000000{index}"
        state = _company_state(rid, name, 2) if kind == "upsert" else None
        changes.append(FeedChange(start + len(changes) + 1, "company", rid, kind, 2, state))
    end = start + len(changes)
    return FeedPage(EPOCH, end, end, tuple(changes))


@settings(max_examples=40, deadline=None)
@given(
    pages=st.lists(
        st.tuples(st.lists(change_spec, max_size=12), st.lists(company_spec, max_size=3)),
        min_size=1,
        max_size=3,
    )
)
def test_a_bulk_page_ends_where_one_by_one_application_ends(
    template: tuple[Path, dict[str, str]], pages: list[tuple[list[Any], list[Any]]]
) -> None:
    folder, refs = template
    bulk, single = _copy(folder, "bulk"), _copy(folder, "single")
    try:
        position = len(refs)
        for cases, companies in pages:
            page = _page(refs, cases, companies, position)
            position = page.cursor
            assert replica.apply_page(bulk, page) == apply_one_by_one(single, page)
            assert _snapshot(bulk) == _snapshot(single)
        for term in ("인허가", "비자", "permit", "통관 보류", "DE-FRA-26"):
            with bulk.store.read() as a, single.store.read() as b:
                assert search.find(a, term) == search.find(b, term)
    finally:
        for ctx in (bulk, single):
            root = ctx.paths.root
            ctx.close()
            shutil.rmtree(root.parent, ignore_errors=True)


def test_a_page_with_unsent_edits_rebases_and_marks_the_clash(template: tuple[Path, dict[str, str]]) -> None:
    folder, refs = template
    ctx = _copy(folder, "clash")
    try:
        edited = next(iter(refs))  # edited here to "통관 보류" / "현지 회신 대기", unsent
        page = FeedPage(
            EPOCH,
            len(refs) + 2,
            len(refs) + 2,
            (
                FeedChange(
                    len(refs) + 1,
                    "support_case",
                    edited,
                    "upsert",
                    2,
                    _case_state(edited, refs[edited], "허가", None, 2),
                ),
                FeedChange(
                    len(refs) + 2,
                    "support_case",
                    NEW_IDS[0],
                    "upsert",
                    1,
                    _case_state(NEW_IDS[0], "DE-FRA-26-998", "새 사례", None, 1),
                ),
            ),
        )
        assert replica.apply_page(ctx, page) == replica.ApplyResult(
            upserted=2, revoked=0, rebased=1, clashes=1
        )
        case = RecordService(ctx).get("support_case", edited)
        assert (case.values["title"], case.conflict_state) == ("통관 보류", "soft")
        with ctx.store.read() as conn:
            assert [h.record_id for h in search.find(conn, "새 사례")] == [NEW_IDS[0]]
            assert json.loads(json.dumps(store_settings.get(conn, replica.CURSOR))) == len(refs) + 2
    finally:
        root = ctx.paths.root
        ctx.close()
        shutil.rmtree(root.parent, ignore_errors=True)


def test_a_new_record_may_take_a_reference_another_record_of_the_page_gives_up(
    template: tuple[Path, dict[str, str]],
) -> None:
    folder, refs = template
    ctx = _copy(folder, "reference")
    try:
        moved = list(refs)[2]  # from HQ, no unsent edits
        start = len(refs)
        renamed = _case_state(moved, "DE-FRA-26-950", TITLES[2], None, 2)
        taken = _case_state(NEW_IDS[1], refs[moved], "새 사례", None, 1)
        changes = (
            FeedChange(start + 1, "support_case", moved, "upsert", 2, renamed),
            FeedChange(start + 2, "support_case", NEW_IDS[1], "upsert", 1, taken),
        )
        replica.apply_page(ctx, FeedPage(EPOCH, start + 2, start + 2, changes))
        svc = RecordService(ctx)
        assert svc.get("support_case", NEW_IDS[1]).values["reference"] == refs[moved]
        assert svc.get("support_case", moved).values["reference"] == "DE-FRA-26-950"
    finally:
        root = ctx.paths.root
        ctx.close()
        shutil.rmtree(root.parent, ignore_errors=True)
