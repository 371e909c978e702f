"""Attachment contents beside a bundle: side-cars split at the limit, in any order, checked against the
signed manifest, missing ones arriving later, and nothing half-written."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from missiondesk.bundles import sealed, sidecars
from missiondesk.bundles.errors import BundleRefused
from missiondesk.cli import main
from missiondesk.domain.messages import said_by
from missiondesk.domain.records import ListQuery
from missiondesk.services import bundle_export, bundle_import, device_keys
from missiondesk.services.attachments import AttachmentService, blob_store
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.store.blobs import DamagedBlob, FolderBlobStore
from missiondesk.store.tables import audit_event, op_receipt
from tests.syncsim import World

LIMIT = 512 * 1024  # the side-car limit these tests set (the app's is 18 MB)


@pytest.fixture
def world(tmp_path: Path, backend: str) -> Iterator[World]:
    w = World.make(tmp_path, None if backend == "sqlite" else backend)
    yield w
    w.close()


def _trusted(world: World, laptop: AppContext, tmp: Path) -> None:
    card = tmp / f"{laptop.device.device_id}.key"
    device_keys.write_key_card(laptop, card)
    device_keys.trust_key(world.hq, card)


def _pdf(seed: str, size: int) -> bytes:
    """A PDF-headed file of ``size`` bytes whose body does not compress (as real scans and PDFs)."""
    body = b"".join(hashlib.sha256(f"{seed}-{i}".encode()).digest() for i in range(size // 32 + 1))
    head = b"%PDF-1.7\n"
    return (head + body)[:size]


def _attach(ctx: AppContext, tmp: Path, files: dict[str, bytes]) -> dict[str, str]:
    """One case per call with ``files`` attached; file name -> SHA-256."""
    case = RecordService(ctx).create("support_case", {"title": "부지 인허가", "received_date": "2026-03-02"})
    service = AttachmentService(ctx)
    out = {}
    for name, data in files.items():
        path = tmp / name
        path.write_bytes(data)
        out[name] = str(service.attach("support_case", case.record_id, path).change.record["sha256"])  # type: ignore[index]
    return out


def _hq_has(world: World, data: bytes) -> bool:
    blobs = blob_store(world.hq)
    sha = hashlib.sha256(data).hexdigest()
    if not blobs.has(sha):
        return False
    with blobs.open(sha) as fh:
        return fh.read() == data


def _attachments(ctx: AppContext) -> list[object]:
    return list(RecordService(ctx).list(ListQuery("attachment", limit=100)).rows)


SMALL = _pdf("small", 300 * 1024)
MEDIUM = _pdf("medium", 700 * 1024)
LARGE = _pdf("large", 1_500 * 1024)  # three times the limit: split over side-cars


def test_side_cars_split_at_the_limit_arrive_in_reverse_order_and_store_each_content_once(
    world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    _trusted(world, fra, tmp_path)
    _attach(fra, tmp_path, {"a.pdf": SMALL, "b.pdf": MEDIUM, "c.pdf": LARGE})
    _attach(fra, tmp_path, {"a-again.pdf": SMALL})  # the same file on a second case
    out = tmp_path / "mail" / "fra.xlsx"
    out.parent.mkdir()
    result = bundle_export.export_bundle(fra, out, sidecar_limit=LIMIT)

    assert result.files == 3  # SMALL once
    count = len(result.sidecars)
    assert count >= 5  # 2.5 MB of contents in side-cars of 0.5 MB
    assert [p.name for p in result.sidecars] == [f"fra.files-{i}-of-{count}.zip" for i in range(1, count + 1)]
    assert all(p.stat().st_size <= LIMIT for p in result.sidecars)
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(
        [out.name, *(p.name for p in result.sidecars)]
    )
    large = hashlib.sha256(LARGE).hexdigest()
    holding = [p for p in result.sidecars if any(n.startswith(large) for n in zipfile.ZipFile(p).namelist())]
    assert len(holding) >= 3  # the large file is split across side-cars, none over the limit

    # HQ is given the side-cars alone, last first: they stand for the bundle beside them.
    plan = bundle_import.plan(world.hq, list(reversed(result.sidecars)))
    assert not plan.refused and len(plan.bundles) == 1
    assert plan.bundles[0].inspection.files_to_come == 0
    report = bundle_import.apply(world.hq, plan)
    assert report.bundles[0].status == "imported"
    assert report.bundles[0].files == bundle_import.FilesStored(stored=3, had=0, waiting=0)
    assert all(_hq_has(world, data) for data in (SMALL, MEDIUM, LARGE))
    assert len(_attachments(world.hq)) == 4
    store = blob_store(world.hq)
    assert isinstance(store, FolderBlobStore) and len(list(store.addresses())) == 3


def test_a_tampered_side_car_is_refused_and_nothing_is_applied(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    _trusted(world, fra, tmp_path)
    _attach(fra, tmp_path, {"a.pdf": SMALL, "c.pdf": LARGE})
    out = tmp_path / "fra.xlsx"
    result = bundle_export.export_bundle(fra, out, sidecar_limit=LIMIT)
    victim = result.sidecars[1]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte inside a stored content
    victim.write_bytes(bytes(data))

    plan = bundle_import.plan(world.hq, [out])
    [refused] = plan.refused
    assert getattr(refused.refusal, "code", "") == "sidecar_tampered"
    assert victim.name in str(refused.refusal)
    last = refused.inspection.checks[-1]
    assert (last.name, last.ok) == (bundle_import.Step.FILES, False)  # the signature passed before it
    report = bundle_import.apply(world.hq, plan)
    assert report.bundles[0].status == "refused"
    assert _attachments(world.hq) == [] and not _hq_has(world, SMALL)


def test_missing_side_cars_leave_files_still_to_come_and_a_later_import_fills_them_in(
    world: World, tmp_path: Path
) -> None:
    fra = world.laptop("fra")
    _trusted(world, fra, tmp_path)
    _attach(fra, tmp_path, {"a.pdf": SMALL, "c.pdf": LARGE})
    out = tmp_path / "mail" / "fra.xlsx"
    out.parent.mkdir()
    result = bundle_export.export_bundle(fra, out, sidecar_limit=LIMIT)
    later = tmp_path / "later"
    later.mkdir()
    for p in result.sidecars[1:]:  # only the first side-car came with the bundle
        p.rename(later / p.name)

    report = bundle_import.apply(world.hq, bundle_import.plan(world.hq, [out]))
    assert report.bundles[0].status == "imported"
    assert report.bundles[0].files.waiting >= 1
    service = AttachmentService(world.hq)
    records = service.records.list(ListQuery("attachment")).rows
    assert len(records) == 2
    waiting = service.still_to_come(records)
    large_record = next(r for r in records if r["file_name"] == "c.pdf")
    assert large_record.id in waiting  # its parts are in the side-cars that have not come

    # The rest arrive by a later mail: imported alone, beside the bundle.
    for p in later.iterdir():
        p.rename(out.parent / p.name)
    again = bundle_import.apply(world.hq, bundle_import.plan(world.hq, [result.sidecars[-1]]))
    assert again.bundles[0].status == "already imported"
    assert again.bundles[0].files.waiting == 0 and again.bundles[0].files.stored == len(waiting)
    assert service.still_to_come(records) == frozenset()
    assert _hq_has(world, LARGE) and _hq_has(world, SMALL)


def test_a_side_car_without_its_bundle_is_refused_with_the_reason(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    _trusted(world, fra, tmp_path)
    _attach(fra, tmp_path, {"a.pdf": SMALL})
    out = tmp_path / "fra.xlsx"
    result = bundle_export.export_bundle(fra, out)
    assert len(result.sidecars) == 1  # 300 KB: one side-car at the app's 18 MB
    # Given with its bundle, in any order: one bundle to import.
    assert len(bundle_import.plan(world.hq, [*result.sidecars, out, *result.sidecars]).bundles) == 1
    out.unlink()
    plan = bundle_import.plan(world.hq, result.sidecars)
    [refused] = plan.refused
    assert getattr(refused.refusal, "code", "") == "sidecar_without_bundle"


def test_a_failed_export_leaves_no_side_car_and_no_workbook(world: World, tmp_path: Path) -> None:
    fra = world.laptop("fra")
    shas = _attach(fra, tmp_path, {"a.pdf": SMALL, "c.pdf": LARGE})
    store = blob_store(fra)
    assert isinstance(store, FolderBlobStore)
    damaged = store.path(shas["c.pdf"])
    data = bytearray(damaged.read_bytes())
    data[-100] ^= 0xFF
    damaged.write_bytes(bytes(data))
    out = tmp_path / "mail" / "fra.xlsx"
    out.parent.mkdir()
    with pytest.raises(DamagedBlob):
        bundle_export.export_bundle(fra, out, sidecar_limit=LIMIT)
    assert list(out.parent.iterdir()) == []


PASSWORD = "a long enough passphrase 1"


def _protected(world: World, tmp_path: Path) -> tuple[Path, bundle_export.ExportResult]:
    fra = world.laptop("fra")
    _trusted(world, fra, tmp_path)
    _attach(fra, tmp_path, {"a.pdf": SMALL, "c.pdf": LARGE})
    out = tmp_path / "mail" / "fra.xlsx"
    out.parent.mkdir()
    return out, bundle_export.export_bundle(fra, out, password=PASSWORD, sidecar_limit=LIMIT)


def test_a_protected_bundle_carries_its_files_sealed_and_they_arrive_at_hq(
    world: World, tmp_path: Path
) -> None:
    out, result = _protected(world, tmp_path)
    count = len(result.sidecars)
    assert result.files == 2 and result.files_left_out == 0 and count >= 3
    assert [p.name for p in result.sidecars] == [
        f"fra.files-{i}-of-{count}.sealed" for i in range(1, count + 1)
    ]
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(
        [out.name, *(p.name for p in result.sidecars)]
    )
    for p in result.sidecars:
        assert p.stat().st_size <= LIMIT
        data = p.read_bytes()
        assert not zipfile.is_zipfile(p)
        assert b"%PDF" not in data and SMALL[1000:1064] not in data  # no content readable sealed

    plan = bundle_import.plan(world.hq, [out], passwords=[PASSWORD])
    assert not plan.refused and plan.bundles[0].inspection.files_to_come == 0
    report = bundle_import.apply(world.hq, plan)
    assert report.bundles[0].status == "imported"
    assert report.bundles[0].files == bundle_import.FilesStored(stored=2, had=0, waiting=0)
    assert _hq_has(world, SMALL) and _hq_has(world, LARGE)


def test_a_tampered_sealed_side_car_is_refused(world: World, tmp_path: Path) -> None:
    out, result = _protected(world, tmp_path)
    victim = result.sidecars[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    plan = bundle_import.plan(world.hq, [out], passwords=[PASSWORD])
    [refused] = plan.refused
    assert getattr(refused.refusal, "code", "") == "sidecar_tampered" and victim.name in str(refused.refusal)
    assert bundle_import.apply(world.hq, plan).bundles[0].status == "refused"
    assert _attachments(world.hq) == [] and not _hq_has(world, SMALL)


def test_a_sealed_side_car_is_not_opened_without_its_password(world: World, tmp_path: Path) -> None:
    _, result = _protected(world, tmp_path)
    # Given alone and without a password: its bundle stays locked, nothing of it read.
    plan = bundle_import.plan(world.hq, [result.sidecars[0]])
    assert [b.inspection.password_needed for b in plan.locked] == [bundle_import.PasswordNeed.NEEDED]
    # A side-car sealed with another password than its bundle's: refused, coded.
    sealed.unseal(result.sidecars[0], tmp_path / "plain.zip", PASSWORD)
    with pytest.raises(BundleRefused) as wrong:
        sealed.unseal(result.sidecars[0], tmp_path / "other.zip", "another long passphrase")
    assert getattr(said_by(wrong.value), "code", "") == "sidecar_sealed_wrong_password"
    other = tmp_path / "resealed"
    sealed.seal(tmp_path / "plain.zip", other, "another long passphrase")
    with pytest.raises(BundleRefused) as refused:
        sidecars.check_sealed({1: other.replace(result.sidecars[0])}, PASSWORD)
    assert getattr(said_by(refused.value), "code", "") == "sidecar_sealed_wrong_password"


def test_a_missing_sealed_side_car_leaves_files_to_come_and_is_filled_in_later(
    world: World, tmp_path: Path
) -> None:
    out, result = _protected(world, tmp_path)
    later = tmp_path / "later"
    later.mkdir()
    for p in result.sidecars[1:]:
        p.rename(later / p.name)
    report = bundle_import.apply(world.hq, bundle_import.plan(world.hq, [out], passwords=[PASSWORD]))
    assert report.bundles[0].status == "imported" and report.bundles[0].files.waiting == 1
    assert _hq_has(world, SMALL) and not _hq_has(world, LARGE)
    for p in later.iterdir():
        p.rename(out.parent / p.name)
    plan = bundle_import.plan(world.hq, [result.sidecars[-1]], passwords=[PASSWORD])
    again = bundle_import.apply(world.hq, plan)
    assert again.bundles[0].status == "already imported"
    assert again.bundles[0].files == bundle_import.FilesStored(stored=1, had=1, waiting=0)
    assert _hq_has(world, LARGE)


def test_cli_export_and_import_with_side_cars(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hq, fra = str(tmp_path / "hq"), str(tmp_path / "fra")
    assert main(["init", "--hq", "--officer", "본부", "--data-dir", hq]) == 0
    assert main(["init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", fra]) == 0
    key = str(tmp_path / "fra.key")
    assert main(["device-key", "--out", key, "--data-dir", fra]) == 0
    assert main(["trust-key", key, "--data-dir", hq]) == 0
    with open_context(fra) as ctx:
        case = RecordService(ctx).create(
            "support_case", {"title": "부지 인허가", "received_date": "2026-03-02"}
        )
        reference = str(case.record["reference"])  # type: ignore[index]
    permit = tmp_path / "허가서.pdf"
    permit.write_bytes(LARGE)
    assert main(["attach", reference, str(permit), "--data-dir", fra]) == 0
    out = tmp_path / "mail" / "b.xlsx"
    out.parent.mkdir()
    capsys.readouterr()
    assert main(["export", "--out", str(out), "--data-dir", fra]) == 0
    said = capsys.readouterr().out
    assert "1 attached file(s) beside it in 1 side-car(s)" in said and "b.files-1-of-1.zip" in said
    assert main(["import", str(out), "--data-dir", hq]) == 0
    said = capsys.readouterr().out
    assert "attached files: 1 stored, 0 already here, 0 still to come" in said
    assert main(["attachments", reference, "--save", str(tmp_path / "saved"), "--data-dir", hq]) == 0
    assert (tmp_path / "saved" / "허가서.pdf").read_bytes() == LARGE
    assert "still to come" not in capsys.readouterr().out


def test_a_sealed_stream_refuses_chunks_dropped_or_reordered(tmp_path: Path) -> None:
    plain = tmp_path / "plain.zip"
    plain.write_bytes(LARGE)  # a chunk of 1 MiB and a part of one
    box = tmp_path / "fra.files-1-of-1.sealed"
    sealed.seal(plain, box, PASSWORD)
    sealed.unseal(box, tmp_path / "back", PASSWORD)
    assert (tmp_path / "back").read_bytes() == LARGE
    data = box.read_bytes()
    head, size = sealed.HEADER, sealed.CHUNK + 16
    chunks = [data[i : i + size] for i in range(head, len(data), size)]
    assert len(chunks) == 2
    for changed in (
        data[:head] + chunks[0],  # cut after a whole chunk
        data[:head] + chunks[1] + chunks[0],  # reordered
    ):
        box.write_bytes(changed)
        with pytest.raises(BundleRefused) as refused:
            sealed.unseal(box, tmp_path / "out", PASSWORD)
        assert getattr(said_by(refused.value), "code", "") == "sidecar_tampered"


# --- side-cars changed between the preview and the import ------------------------------------------


def _hq_state(world: World) -> tuple[int, int, int, int, int]:
    """Records, attachments, receipts, audit rows and stored contents at HQ."""
    with world.hq.store.read() as conn:
        receipts = conn.execute(sa.select(sa.func.count()).select_from(op_receipt)).scalar_one()
        audit = conn.execute(sa.select(sa.func.count()).select_from(audit_event)).scalar_one()
    cases = len(RecordService(world.hq).list(ListQuery("support_case", limit=100)).rows)
    store = blob_store(world.hq)
    assert isinstance(store, FolderBlobStore)
    return cases, len(_attachments(world.hq)), receipts, audit, len(list(store.addresses()))


def _previewed(world: World, tmp_path: Path, protected: bool) -> tuple[bundle_import.ImportPlan, list[Path]]:
    if protected:
        out, result = _protected(world, tmp_path)
        plan = bundle_import.plan(world.hq, [out], passwords=[PASSWORD])
    else:
        fra = world.laptop("fra")
        _trusted(world, fra, tmp_path)
        _attach(fra, tmp_path, {"a.pdf": SMALL, "c.pdf": LARGE})
        out = tmp_path / "fra.xlsx"
        result = bundle_export.export_bundle(fra, out, sidecar_limit=LIMIT)
        plan = bundle_import.plan(world.hq, [out])
    assert not plan.refused and plan.bundles[0].inspection.files_to_come == 0
    return plan, list(result.sidecars)


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "sealed"])
@pytest.mark.parametrize("how", ["one byte", "shortened"])
def test_a_side_car_altered_after_the_preview_refuses_the_bundle_whole_and_writes_nothing(
    world: World, tmp_path: Path, protected: bool, how: str
) -> None:
    plan, cars = _previewed(world, tmp_path, protected)
    before = _hq_state(world)
    victim = cars[1]
    if how == "one byte":  # same size: only its hash tells
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0xFF
        victim.write_bytes(bytes(data))
    else:  # its size tells, before any hashing
        victim.write_bytes(victim.read_bytes()[:-100])

    report = bundle_import.apply(world.hq, plan)
    [out] = report.bundles
    assert out.status == "refused"
    assert getattr(out.message, "code", "") == "sidecar_changed_since_preview"
    assert victim.name in out.message and "Preview the bundle again" in out.message
    assert report.backup is None  # nothing to import: no backup taken either
    assert _hq_state(world) == before
    assert not _hq_has(world, SMALL) and not _hq_has(world, LARGE)


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "sealed"])
def test_side_cars_unaltered_after_the_preview_import_as_before(
    world: World, tmp_path: Path, protected: bool
) -> None:
    plan, _ = _previewed(world, tmp_path, protected)
    report = bundle_import.apply(world.hq, plan)
    assert report.bundles[0].status == "imported"
    assert report.bundles[0].files == bundle_import.FilesStored(stored=2, had=0, waiting=0)
    assert _hq_has(world, SMALL) and _hq_has(world, LARGE) and len(_attachments(world.hq)) == 2


@pytest.mark.parametrize("protected", [False, True], ids=["plain", "sealed"])
def test_a_side_car_gone_after_the_preview_leaves_its_files_still_to_come_as_the_preview_would(
    world: World, tmp_path: Path, protected: bool
) -> None:
    plan, cars = _previewed(world, tmp_path, protected)
    for p in cars[1:]:
        p.unlink()
    report = bundle_import.apply(world.hq, plan)
    assert report.bundles[0].status == "imported"
    assert report.bundles[0].files == bundle_import.FilesStored(stored=1, had=0, waiting=1)
    assert _hq_has(world, SMALL) and not _hq_has(world, LARGE) and len(_attachments(world.hq)) == 2
