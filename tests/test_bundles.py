"""Excel bundles end to end: two mission laptops, one HQ, bundles and acknowledgement files by "email"."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import python_calamine as calamine
import sqlalchemy as sa

from missiondesk.bundles import verify
from missiondesk.bundles.container import sheet_parts
from missiondesk.bundles.limits import Limits
from missiondesk.cli import main
from missiondesk.domain.ops import FieldChange, OpKind
from missiondesk.domain.permissions import RefusalCode, refusal_code
from missiondesk.errors import UserError
from missiondesk.services import bundle_ack, bundle_export, bundle_import, device_keys
from missiondesk.services.context import AppContext
from missiondesk.services.maintenance import digest
from missiondesk.services.progress import Cancelled
from missiondesk.services.records import RecordService
from missiondesk.store import outbox
from missiondesk.store.tables import audit_event, auth_device, entity_table, op_receipt
from missiondesk.sync import replica
from missiondesk.sync.authority import Authority
from missiondesk.sync.protocol import PushResult, Status
from tests.syncsim import World, visible_state


@pytest.fixture
def world(tmp_path: Path, backend: str) -> Iterator[World]:
    w = World.make(tmp_path, None if backend == "sqlite" else backend)
    yield w
    w.close()


def trust_each_other(world: World, laptop: AppContext, tmp: Path) -> None:
    card = tmp / f"{laptop.device.device_id}.key"
    device_keys.write_key_card(laptop, card)
    device_keys.trust_key(world.hq, card)
    device_keys.write_key_card(world.hq, tmp / "hq.key")
    device_keys.trust_key(laptop, tmp / "hq.key")


def _case(ctx: AppContext, title: str, **values: object) -> str:
    return (
        RecordService(ctx)
        .create("support_case", {"title": title, "received_date": "2026-03-02", **values})
        .record_id
    )


def _import(world: World, *paths: Path, **kw: object) -> bundle_import.ImportReport:
    plan = bundle_import.plan(world.hq, list(paths))
    assert not plan.refused, [b.refusal for b in plan.refused]
    return bundle_import.apply(world.hq, plan, **kw)  # type: ignore[arg-type]


def _statuses(report: bundle_import.ImportReport) -> list[str]:
    return [r.status.value for b in report.bundles for r in b.results]


def test_export_import_reimport_and_ack_clear_the_outbox(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    case_id = _case(fra, '=HYPERLINK("http://x") 부지 인허가', summary="@SUM(1)")
    RecordService(fra).update("support_case", case_id, {"priority": "high"})
    bundle = tmp_path / "fra.xlsx"
    result = bundle_export.export_bundle(fra, bundle)
    assert result.op_count == 3  # the officer record, the case, the edit

    found = bundle_import.inspect(world.hq, bundle)
    assert found.ok and found.trust is not None and found.trust.value == "verified"
    assert found.readable == verify.ReadableCheck((), ())  # its readable sheets hash as signed
    plan = bundle_import.plan(world.hq, [bundle])
    counts = plan.bundles[0].counts()
    assert counts["support_case"]["new"] == 1
    before = digest(world.hq)
    report = bundle_import.apply(world.hq, plan)
    assert _statuses(report) == ["applied"] * 3
    assert report.bundles[0].status == "imported"
    assert digest(world.hq) != before
    assert RecordService(world.hq).get("support_case", case_id)["title"].startswith("=HYPERLINK")

    # Imported again: says so and changes nothing.
    state = visible_state(world.hq, None)
    again = _import(world, bundle)
    assert again.bundles[0].status == "already imported"
    assert {r.status for r in again.bundles[0].results} == {Status.DUPLICATE}
    assert visible_state(world.hq, None) == state

    # The acknowledgement clears the laptop's outbox and brings HQ's changes.
    ack = tmp_path / "ack.xlsx"
    [written] = bundle_ack.write_acks(world.hq, report, ack)
    assert written.results == 3 and written.changes > 0
    assert replica.pending_ops(fra) != []
    ack_plan = bundle_import.plan(fra, [ack])
    assert not ack_plan.refused
    ack_report = bundle_import.apply(fra, ack_plan)
    assert ack_report.bundles[0].status == "imported"
    assert replica.pending_ops(fra) == []
    assert visible_state(fra, "DE-FRA") == visible_state(world.hq, "DE-FRA")
    # A second export now holds nothing; the laptop's view of HQ has its versions.
    assert bundle_export.export_bundle(fra, tmp_path / "empty.xlsx").op_count == 0


def test_every_cell_is_text_and_formula_like_text_stays_text(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    _case(fra, "=1+2", summary="-3")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    import zipfile

    with zipfile.ZipFile(bundle) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name)
    book = calamine.CalamineWorkbook.from_path(str(bundle))
    rows = book.get_sheet_by_name("cases").to_python()
    assert rows[1][2] == "=1+2"


def _acked_locally(laptop: AppContext) -> None:
    """As if HQ's acknowledgement had arrived: the next bundle holds only newer ops."""
    ops = replica.pending_ops(laptop)
    replica.record_results(laptop, [PushResult(op.op_id, op.seq, Status.APPLIED) for op in ops])


def test_bundles_in_reverse_order_are_held_then_converge_with_in_order(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    case_id = _case(fra, "순서")
    early = tmp_path / "early.xlsx"
    bundle_export.export_bundle(fra, early)
    _acked_locally(fra)
    RecordService(fra).update("support_case", case_id, {"priority": "low", "title": "순서 바뀜"})
    late = tmp_path / "late.xlsx"
    bundle_export.export_bundle(fra, late)

    _import(world, early)
    _import(world, late)
    other = World.make(tmp_path / "hq2", None)
    try:
        other.authority.register_device(fra.device.device_id, "DE-FRA", fra.device.role, 1)
        plan = bundle_import.plan(other.hq, [late])
        assert {r.outcome.value for r in plan.bundles[0].records} == {"held"}
        report = bundle_import.apply(other.hq, plan, accept_unverified=True)
        assert set(_statuses(report)) == {"held"}
        assert other.authority.held(fra.device.device_id)
        bundle_import.apply(other.hq, bundle_import.plan(other.hq, [early]), accept_unverified=True)
        assert other.authority.held(fra.device.device_id) == []
        assert digest(other.hq, "DE-FRA") == digest(world.hq, "DE-FRA")
        assert RecordService(other.hq).get("support_case", case_id)["priority"] == "low"
    finally:
        other.close()


def test_the_same_ops_by_bundle_and_by_network_apply_once(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    _case(fra, "두 경로")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    results = world.push(fra)
    assert {r.status for r in results} == {Status.APPLIED}
    report = _import(world, bundle)
    assert set(_statuses(report)) == {"duplicate"}


def test_a_bundle_whose_ops_all_came_by_network_reports_each_stored_result_and_changes_nothing(
    world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    first = _case(fra, "먼저 네트워크로")
    RecordService(fra).update("support_case", first, {"title": "고쳐 씀"})
    _case(fra, "두 번째")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    by_network = world.push(fra)
    assert {r.status for r in by_network} == {Status.APPLIED}
    state = visible_state(world.hq, None)
    with world.hq.store.read() as conn:
        receipts = conn.execute(sa.select(sa.func.count()).select_from(op_receipt)).scalar_one()
    plan = bundle_import.plan(world.hq, [bundle])
    assert {r.outcome for b in plan.bundles for r in b.records} == {bundle_import.Outcome.UNCHANGED}
    report = bundle_import.apply(world.hq, plan)
    # Each op answers with the result it got by network, as a full merge of the duplicates would.
    assert [b.status for b in report.bundles] == ["imported"]
    assert report.bundles[0].results == [
        PushResult(r.op_id, r.seq, Status.DUPLICATE, r.reason, r.version, r.status) for r in by_network
    ]
    ops = [e.op for e in plan.bundles[0].inspection.entries]
    merged = Authority(world.hq.store).push(ops, fra.device.device_id, "bundle")
    assert report.bundles[0].results == merged  # the merge engine's own answer to the same ops
    assert visible_state(world.hq, None) == state
    with world.hq.store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(op_receipt)).scalar_one() == receipts


def test_a_bundle_with_one_new_op_among_received_ones_is_merged(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    _case(fra, "네트워크로")
    world.push(fra)
    late = _case(fra, "메일로만")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle, all_ops=True)
    report = _import(world, bundle)
    assert _statuses(report)[-2:] == ["duplicate", "applied"]
    assert set(_statuses(report)[:-1]) == {"duplicate"}
    assert RecordService(world.hq).get("support_case", late)["title"] == "메일로만"


def test_sensitive_fields_are_left_out_and_the_whole_op_later_is_a_duplicate(
    world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    company = RecordService(fra).create("company", {"name_ko": "배터리 재제조"}).record_id
    contact = (
        RecordService(fra)
        .create(
            "contact",
            {"company_id": company, "name": "박민수", "email": "park@example.kr", "phone": "+49 69 1234"},
        )
        .record_id
    )
    bundle = tmp_path / "b.xlsx"
    result = bundle_export.export_bundle(fra, bundle)
    assert result.ops_without_sensitive == 1
    with zipfile_text(bundle) as text:
        assert "park@example.kr" not in text
    _import(world, bundle)
    assert RecordService(world.hq).get("contact", contact)["email"] is None
    results = world.push(fra)  # the whole op by network: a duplicate, not a clash
    assert {r.status for r in results} == {Status.DUPLICATE}


class zipfile_text:  # noqa: N801 - reads like a function in a with statement
    def __init__(self, path: Path) -> None:
        import zipfile

        with zipfile.ZipFile(path) as zf:
            self.text = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())

    def __enter__(self) -> str:
        return self.text

    def __exit__(self, *exc: object) -> None:
        pass


def test_unverified_bundles_need_an_explicit_yes(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")  # enrolled, but its key never reached HQ
    _case(fra, "미확인")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    plan = bundle_import.plan(world.hq, [bundle])
    assert plan.unverified
    state = visible_state(world.hq, None)
    with pytest.raises(Exception, match="unverified"):
        bundle_import.apply(world.hq, plan)
    assert visible_state(world.hq, None) == state
    bundle_import.apply(world.hq, plan, accept_unverified=True)
    assert visible_state(world.hq, None) != state


def test_a_revoked_laptop_taken_back_by_its_key_card_sends_what_it_kept(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    _case(fra, "회수 전 사례")
    first = tmp_path / "first.xlsx"
    bundle_export.export_bundle(fra, first)
    _import(world, first)
    with world.hq.store.write() as conn:  # as if it had also enrolled over the network
        conn.execute(
            sa.update(auth_device)
            .where(auth_device.c.device_id == fra.device.device_id)
            .values(credential_hash="h")
        )
    world.authority.revoke_device(fra.device.device_id)
    kept = _case(fra, "회수 중에 만든 사례")
    second = tmp_path / "second.xlsx"
    bundle_export.export_bundle(fra, second)
    [refused] = bundle_import.plan(world.hq, [second]).bundles
    assert refused.refusal is not None and "--restore" in refused.refusal
    card = tmp_path / f"{fra.device.device_id}.key"
    with pytest.raises(UserError, match=r"revoked by HQ.*--restore"):
        device_keys.trust_key(world.hq, card)  # HQ says so before taking it back
    device_keys.trust_key(world.hq, card, restore=True)
    report = _import(world, second)
    assert set(_statuses(report)) <= {"applied", "duplicate"} and "applied" in _statuses(report)
    assert RecordService(world.hq).get("support_case", kept)["title"] == "회수 중에 만든 사례"
    assert not world.authority.device(fra.device.device_id).revoked
    with world.hq.store.read() as conn:  # its old network credential is not taken back with it
        assert (
            conn.execute(
                sa.select(auth_device.c.credential_hash).where(
                    auth_device.c.device_id == fra.device.device_id
                )
            ).scalar_one()
            is None
        )


def test_a_cancelled_import_leaves_the_database_as_it_was(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    _case(fra, "취소")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    plan = bundle_import.plan(world.hq, [bundle])
    state = visible_state(world.hq, None)

    class CancelAfterWork:
        calls = 0

        def progress(self, done: int, total: int, text: str = "") -> None:
            pass

        def check_cancelled(self) -> None:
            self.calls += 1
            if self.calls > 1:
                raise Cancelled("cancelled")

    with pytest.raises(Cancelled):
        bundle_import.apply(world.hq, plan, CancelAfterWork())
    assert visible_state(world.hq, None) == state
    with world.hq.store.read() as conn:
        assert conn.execute(sa.select(audit_event).where(audit_event.c.entity == "bundle")).first() is None


def test_an_edited_readable_cell_is_listed_and_not_imported(world: World, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    case_id = _case(fra, "원래 제목")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    book = openpyxl.load_workbook(bundle)
    sheet = book["cases"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("제목 / Title") + 1, value="엑셀에서 고친 제목")
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    found = bundle_import.inspect(world.hq, edited)
    assert found.ok and found.readable is not None
    [diff] = found.readable.differences
    assert diff.in_sheet == "엑셀에서 고친 제목" and diff.in_ops == "원래 제목"
    # A large bundle's readable sheets are hashed by a second process; an edited one is then read here.
    two = bundle_import.inspect(world.hq, edited, Limits(second_process_from_bytes=0))
    assert two.readable == found.readable and two.readable.edited_sheets == ("cases",)
    _import(world, edited)
    assert RecordService(world.hq).get("support_case", case_id)["title"] == "원래 제목"


def test_the_preview_predicts_while_the_second_process_reads_and_plans_as_one_process_does(
    world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    known = _case(fra, "이미 본부에 있는 사례")
    world.sync(fra)
    RecordService(fra).update("support_case", known, {"title": "고친 제목"})
    _case(fra, "새 사례")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    two_processes = Limits(second_process_from_bytes=0)
    seen: list[tuple[list[str], bool]] = []

    def meanwhile(found: bundle_import.Inspection) -> None:
        seen.append(([c.name.name for c in found.checks], found.readable is None))

    inspected = bundle_import.inspect(world.hq, bundle, two_processes, meanwhile=meanwhile)
    assert inspected.ok
    # Called once, with the ops checked and the readable sheets not yet.
    assert seen == [(["FILE", "MANIFEST", "SCHEMA", "PAYLOAD", "SIGNATURE", "OPS"], True)]
    one = bundle_import.plan(world.hq, [bundle])
    two = bundle_import.plan(world.hq, [bundle], two_processes)
    assert [b.refusal for b in two.bundles] == [None]
    assert two.bundles[0].predicted == one.bundles[0].predicted
    assert [(r.record_id, r.outcome) for r in two.bundles[0].records] == [
        (r.record_id, r.outcome) for r in one.bundles[0].records
    ]
    assert {r.outcome for r in two.bundles[0].records} == {
        bundle_import.Outcome.NEW,
        bundle_import.Outcome.UPDATED,
    }
    # A refusal while predicting (the device revoked) is the plan's, not the file checks'.
    Authority(world.hq.store).revoke_device(fra.device.device_id)
    [refused] = bundle_import.plan(world.hq, [bundle], two_processes).bundles
    assert refused.refusal is not None and "revoked" in refused.refusal
    assert all(c.ok for c in refused.inspection.checks if c.name is not bundle_import.Step.SIGNATURE)


def test_an_edited_id_cell_is_listed_as_an_edit(world: World, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    case_id = _case(fra, "아이디를 고친 사례")
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle)
    book = openpyxl.load_workbook(bundle)
    sheet = book["cases"]
    assert sheet.cell(row=2, column=1).value == case_id
    other = "00000000-0000-4000-8000-00000000beef"
    sheet.cell(row=2, column=1, value=other)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    found = bundle_import.inspect(world.hq, edited)
    assert found.ok and found.readable is not None
    [diff] = found.readable.differences
    assert (diff.sheet, diff.row, diff.record_id, diff.in_sheet, diff.in_ops) == (
        "cases",
        2,
        other,
        other,
        None,
    )
    assert diff.column == "ID / ID"
    _import(world, edited)  # the ops are imported, not the edited cell
    assert RecordService(world.hq).get("support_case", case_id)["title"] == "아이디를 고친 사례"


def _owned_by(world: World, mission: str) -> dict[tuple[str, str], tuple[object, ...]]:
    return {k: v for k, v in visible_state(world.hq, mission).items() if v[0] == mission}


def test_a_bundle_that_refers_to_another_missions_case_is_refused_like_a_push(
    world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    nyc = world.laptop("nyc", "US-NYC")
    fra_case = _case(fra, "프랑크푸르트 사례")
    world.sync(fra)
    trust_each_other(world, nyc, tmp_path)
    nyc_case = _case(nyc, "뉴욕 사례")
    referral = {"partner": "KOTRA", "service": "입지 상담", "status": "requested"}
    # The app refuses a referral under a case it does not hold; a tampered laptop writes the op itself.
    with nyc.store.write() as conn:
        foreign = outbox.append(
            conn,
            device_id=nyc.device.device_id,
            entity="partner_referral",
            record_id=str(uuid.uuid4()),
            kind=OpKind.CREATE,
            owner_mission="US-NYC",
            base_version=0,
            changes={k: FieldChange(None, v) for k, v in {**referral, "case_id": fra_case}.items()},
            made_at=dt.datetime(2026, 3, 2),
            made_by="뉴욕 담당관",
        ).record_id
    own = RecordService(nyc).create("partner_referral", {**referral, "case_id": nyc_case}).record_id
    bundle = tmp_path / "nyc.xlsx"
    bundle_export.export_bundle(nyc, bundle)
    before = _owned_by(world, "DE-FRA")
    plan = bundle_import.plan(world.hq, [bundle])
    predicted = {r.record_id: r for b in plan.bundles for r in b.records}
    assert predicted[foreign].outcome is bundle_import.Outcome.REJECTED
    assert refusal_code(predicted[foreign].reason) is RefusalCode.REFERENCE_FOREIGN
    assert predicted[own].outcome is bundle_import.Outcome.NEW
    report = bundle_import.apply(world.hq, plan)
    by_record = {
        op.record_id: r for op, r in zip(replica.pending_ops(nyc), report.bundles[0].results, strict=True)
    }
    assert by_record[foreign].status is Status.REJECTED  # the preview was the import's own decision
    assert refusal_code(by_record[foreign].reason) is RefusalCode.REFERENCE_FOREIGN
    assert by_record[own].status is Status.APPLIED
    assert _owned_by(world, "DE-FRA") == before
    with world.hq.store.read() as conn:
        table = entity_table("partner_referral")
        assert conn.execute(sa.select(table.c.id).where(table.c.id == foreign)).first() is None
    assert RecordService(world.hq).get("partner_referral", own)["case_id"] == nyc_case


def test_cli_export_trust_import_and_ack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hq, fra = str(tmp_path / "hq"), str(tmp_path / "fra")
    assert main(["init", "--hq", "--officer", "본부", "--data-dir", hq]) == 0
    assert main(["init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", fra]) == 0
    key, hq_key = str(tmp_path / "fra.key"), str(tmp_path / "hq.key")
    assert main(["device-key", "--out", key, "--data-dir", fra]) == 0
    assert main(["trust-key", key, "--data-dir", hq]) == 0
    assert main(["device-key", "--out", hq_key, "--data-dir", hq]) == 0
    assert main(["trust-key", hq_key, "--data-dir", fra]) == 0
    out, eml = str(tmp_path / "b.xlsx"), str(tmp_path / "b.eml")
    code = main(["export", "--out", out, "--eml", eml, "--to", "hq@mofa.example", "--data-dir", fra])
    assert code == 0
    assert "To: hq@mofa.example" in Path(eml).read_text(encoding="utf-8", errors="replace")
    capsys.readouterr()
    assert main(["import", out, "--dry-run", "--data-dir", hq]) == 0
    assert "dry run" in capsys.readouterr().out
    ack, rep = str(tmp_path / "ack.xlsx"), str(tmp_path / "report.xlsx")
    assert main(["import", out, "--ack-out", ack, "--report", rep, "--data-dir", hq]) == 0
    assert Path(rep).exists()
    assert main(["import", ack, "--data-dir", fra]) == 0
    capsys.readouterr()
    assert main(["stats", "--data-dir", fra]) == 0
    assert "outbox: 0 unsent" in capsys.readouterr().out
    Path(tmp_path / "junk.xlsx").write_bytes(b"not a workbook at all")
    assert main(["import", str(tmp_path / "junk.xlsx"), "--data-dir", hq]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an Excel .xlsx workbook" in err


def test_a_bundle_resaved_by_libreoffice_still_imports_as_the_original(world: World, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(
            "soffice (LibreOffice) is not installed: apt-get install libreoffice-calc-nogui (CI has it)"
        )
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    _case(fra, "리브레오피스 — 0012345678901234567", summary="+82 10 1234")
    bundle = tmp_path / "orig" / "b.xlsx"
    bundle.parent.mkdir()
    bundle_export.export_bundle(fra, bundle)
    out = tmp_path / "resaved"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(bundle),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    resaved = out / "b.xlsx"
    found = bundle_import.inspect(world.hq, resaved)
    assert found.ok, found.refusal
    original = bundle_import.inspect(world.hq, bundle)
    assert [e.line() for e in found.entries] == [e.line() for e in original.entries]
    assert found.readable is not None and not found.readable.differences
    # LibreOffice names and links its parts its own way: the second process still finds its sheets.
    parts = sheet_parts(resaved, ["cases"])
    assert parts is not None and parts["cases"].startswith("xl/worksheets/")
    two = bundle_import.inspect(world.hq, resaved, Limits(second_process_from_bytes=0))
    assert two.ok and two.readable == found.readable and two.checks == found.checks
    report = _import(world, resaved)
    assert set(_statuses(report)) == {"applied"}
