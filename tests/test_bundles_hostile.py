"""Hostile workbooks: each refused with one clear sentence, and HQ's database unchanged."""

from __future__ import annotations

import io
import multiprocessing
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missiondesk.bundles import verify
from missiondesk.bundles.container import sheet_parts
from missiondesk.bundles.limits import DEFAULT_LIMITS, Limits, second_process_from_bytes
from missiondesk.bundles.manifest import SIGNATURE
from missiondesk.bundles.op_entries import entry_for, parse_entry
from missiondesk.bundles.readable_job import ReadableJob
from missiondesk.bundles.reader import read_workbook
from missiondesk.bundles.writer import write_bundle
from missiondesk.domain.messages import MessageCode, said_in
from missiondesk.domain.ops import FieldChange
from missiondesk.services import bundle_export, bundle_import, device_keys
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from tests.syncsim import World, visible_state


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, AppContext, Path]]:
    root = tmp_path_factory.mktemp("hostile")
    world = World.make(root)
    fra = world.laptop("fra")
    card = root / "fra.key"
    device_keys.write_key_card(fra, card)
    device_keys.trust_key(world.hq, card)
    RecordService(fra).create(
        "support_case", {"title": "부지 인허가", "received_date": "2026-03-02", "summary": "원본 개요"}
    )
    bundle = root / "good.xlsx"
    bundle_export.export_bundle(fra, bundle)
    yield world, fra, bundle
    world.close()


def _rewrite_zip(
    src: Path, dest: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dest


def _resigned(
    world_fra: AppContext,
    src: Path,
    dest: Path,
    fields: dict[str, str] | None = None,
    lines: Callable[[list[str]], list[str]] | None = None,
) -> Path:
    """The bundle rewritten and signed again with the laptop's real key (a buggy or malicious laptop)."""
    content = read_workbook(src)
    manifest = {
        k: v
        for k, v in content.manifest.fields.items()
        if k not in (SIGNATURE, "payload_sheets", "payload_sha256", "readable_sha256", "public_key")
    }
    manifest.update(fields or {})
    ops = content.payload["ops"]
    write_bundle(dest, manifest, [("ops", lines(ops) if lines else ops)], device_keys.private_key(world_fra))
    return dest


SECOND_PROCESS = Limits(second_process_from_bytes=0)
"""The readable sheets checked and hashed by a second process, as for a large bundle."""


def _refused(world: World, path: Path, *words: str) -> None:
    """Refused, with the same sentence whether one process reads the file or two."""
    before = visible_state(world.hq, None)
    refusals = []
    for limits in (DEFAULT_LIMITS, SECOND_PROCESS):
        plan = bundle_import.plan(world.hq, [path], limits)
        [bundle] = plan.bundles
        assert bundle.refusal is not None, "expected a refusal"
        assert "\n" not in bundle.refusal
        for w in words:
            assert w in bundle.refusal, bundle.refusal
        refusals.append(bundle.refusal)
        report = bundle_import.apply(world.hq, plan)
        assert report.bundles[0].status == "refused"
        assert visible_state(world.hq, None) == before
    assert refusals[0] == refusals[1]
    assert getattr(refusals[0], "code", "") == getattr(refusals[1], "code", "")  # both processes keep it


def test_the_good_bundle_passes_every_check(setup: tuple[World, AppContext, Path]) -> None:
    world, _, good = setup
    found = bundle_import.inspect(world.hq, good)
    assert found.ok and all(c.ok for c in found.checks), found.checks
    two = bundle_import.inspect(world.hq, good, SECOND_PROCESS)
    assert two.checks == found.checks and two.readable == found.readable == verify.ReadableCheck((), ())
    assert [e.line() for e in two.entries] == [e.line() for e in found.entries]


def test_a_readable_sheet_the_second_process_refuses_is_refused_before_anything_else(
    setup: tuple[World, AppContext, Path], tmp_path: Path
) -> None:
    world, _, good = setup
    parts = sheet_parts(good, ["cases"])
    assert parts is not None

    def change(name: str, data: bytes) -> bytes:
        if name == parts["cases"]:  # an entity declaration in the part only the second process reads
            return b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + data.split(b"?>", 1)[1]
        if name == "xl/worksheets/sheet1.xml":  # and a manifest that fails a later check
            return data.replace(b"missiondesk-bundle", b"missiondisk-bundle")
        return data

    path = _rewrite_zip(good, tmp_path / "late.xlsx", change)
    found = bundle_import.inspect(world.hq, path, SECOND_PROCESS)
    assert found.refusal is not None and "entity" in found.refusal
    assert [c.ok for c in found.checks] == [False] and found.manifest is None and not found.entries
    # The refusal keeps its code and parameters across the process boundary: the window and the CLI's
    # --lang ko say it in Korean, not only the English text the second process wrote.
    assert getattr(found.refusal, "code", "") == MessageCode.BUNDLE_XML_ENTITIES
    assert said_in(found.refusal, "ko") == (
        f"late.xlsx의 {parts['cases']}에 XML 엔터티 선언이 있습니다 (엔터티 확장 공격). 거부되었습니다."
    )
    _refused(world, path, "entity")


def test_the_second_process_threshold_setting_never_stops_the_app() -> None:
    default = Limits().second_process_from_bytes
    assert second_process_from_bytes({}) == default
    assert second_process_from_bytes({"MISSIONDESK_BUNDLE_SECOND_PROCESS_MB": "0"}) == 0
    assert second_process_from_bytes({"MISSIONDESK_BUNDLE_SECOND_PROCESS_MB": "2.5"}) == 2.5 * 1024 * 1024
    for bad in ("", "lots", "-1", "nan", "inf"):
        assert second_process_from_bytes({"MISSIONDESK_BUNDLE_SECOND_PROCESS_MB": bad}) == default


def test_without_a_second_process_the_file_is_read_in_this_one(
    setup: tuple[World, AppContext, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    world, _, good = setup

    def no_process(self: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", no_process)
    assert ReadableJob.start(good, SECOND_PROCESS) is None
    found = bundle_import.inspect(world.hq, good, SECOND_PROCESS)
    assert found.ok and found.readable == verify.ReadableCheck((), ())


def test_a_second_process_that_stops_without_answering_refuses_the_file(
    setup: tuple[World, AppContext, Path],
) -> None:
    _, _, good = setup
    context = multiprocessing.get_context("spawn")
    answers, send = context.Pipe(duplex=False)
    process = context.Process(target=os._exit, args=(3,), daemon=True)
    process.start()
    send.close()
    job = ReadableJob(good, process, answers, frozenset())
    with pytest.raises(bundle_import.BundleRefused, match="readable sheets could not be read"):
        job.digested()
    assert not process.is_alive()


def test_a_tampered_op_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, good = setup

    def change(name: str, data: bytes) -> bytes:
        return (
            data.replace("원본 개요".encode(), "바꾼 개요".encode())
            if name == "xl/worksheets/sheet3.xml"
            else data
        )

    _refused(world, _rewrite_zip(good, tmp_path / "t.xlsx", change), "altered", "SHA-256")


def test_a_forged_signature_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, good = setup
    other_key = device_keys.signing.new_private_key()
    content = read_workbook(good)
    forged = device_keys.signing.sign(other_key, content.manifest.signed_text())
    old = content.manifest.fields[SIGNATURE]

    def change(name: str, data: bytes) -> bytes:
        return data.replace(old.encode(), forged.encode()) if name == "xl/worksheets/sheet1.xml" else data

    _refused(world, _rewrite_zip(good, tmp_path / "f.xlsx", change), "signature does not match")


def test_a_truncated_file_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, good = setup
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(world, path, "damaged or truncated")


def test_a_file_renamed_to_xlsx_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, _ = setup
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    _refused(world, path, "not an Excel .xlsx workbook")


def test_an_encrypted_workbook_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, _ = setup
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    _refused(world, path, "encrypted")


def test_a_zip_bomb_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, good = setup
    bomb = b"<sheetData>" + b" " * (30 * 1024 * 1024) + b"</sheetData>"
    path = _rewrite_zip(good, tmp_path / "bomb.xlsx", lambda n, d: d, {"xl/worksheets/sheet99.xml": bomb})
    _refused(world, path, "zip bomb")


def test_xml_entity_expansion_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, good = setup
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
            for i in range(1, 10)
        )
        + b']><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )

    def change(name: str, data: bytes) -> bytes:
        return laughs if name == "xl/worksheets/sheet2.xml" else data

    _refused(world, _rewrite_zip(good, tmp_path / "laughs.xlsx", change), "entity")


def test_a_macro_enabled_workbook_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, _, good = setup

    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            )
        return data

    _refused(world, _rewrite_zip(good, tmp_path / "macro.xlsx", change), "macro")
    with_vba = _rewrite_zip(good, tmp_path / "vba.xlsx", lambda n, d: d, {"xl/vbaProject.bin": b"\x00" * 64})
    _refused(world, with_vba, "macros")


def test_a_sheet_with_a_million_rows_is_refused_whatever_its_dimension_claims(
    setup: tuple[World, AppContext, Path], tmp_path: Path
) -> None:
    world, _, good = setup
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i % 977) for i in range(1, 1_000_001)
    )
    sheet = b'<worksheet><dimension ref="A1"/><sheetData>' + rows + b"</sheetData></worksheet>"

    def change(name: str, data: bytes) -> bytes:
        return sheet if name == "xl/worksheets/sheet2.xml" else data

    _refused(world, _rewrite_zip(good, tmp_path / "million.xlsx", change), "refused")
    # Rows are counted as the XML streams, never taken from <dimension>:
    small = Limits(max_rows_per_sheet=1)
    with pytest.raises(bundle_import.BundleRefused, match="more than 1 rows"):
        read_workbook(good, small)


def test_a_newer_schema_version_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    world, fra, good = setup
    path = _resigned(fra, good, tmp_path / "new.xlsx", {"schema_version": "99"})
    _refused(world, path, "newer MissionDesk (schema 99)")


def test_text_in_a_date_column_is_refused(setup: tuple[World, AppContext, Path], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    world, _, good = setup
    book = openpyxl.load_workbook(good)
    sheet = book["cases"]
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("접수일 / Received") + 1, value="next Tuesday")
    path = tmp_path / "date.xlsx"
    book.save(path)
    _refused(world, path, "where a date belongs")
    created = _resigned(setup[1], good, tmp_path / "created.xlsx", {"created_at": "yesterday"})
    _refused(world, created, "not a date and time")


def test_duplicate_op_ids_with_different_content_are_refused(
    setup: tuple[World, AppContext, Path], tmp_path: Path
) -> None:
    world, fra, good = setup

    def twice(lines: list[str]) -> list[str]:
        op = parse_entry(lines[-1]).op
        changed = {**op.changes, "summary": FieldChange(None, "다른 개요")}
        return [*lines, entry_for(replace(op, seq=op.seq + 1, changes=changed), True).line()]

    path = _resigned(fra, good, tmp_path / "dup.xlsx", {"op_count": "3", "seq_last": "3"}, twice)
    _refused(world, path, "appears twice with different content")


@given(data=st.data())
def test_fuzzed_workbooks_never_crash_the_importer_and_never_import_anything_else(
    setup: tuple[World, AppContext, Path], tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    world, _, good = setup
    raw = bytearray(good.read_bytes())
    original = [e.line() for e in bundle_import.inspect(world.hq, good).entries]
    mode = data.draw(st.sampled_from(["flip", "cut", "entry"]))
    if mode == "flip":
        for pos in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=8)):
            raw[pos] ^= data.draw(st.integers(1, 255))
        blob = bytes(raw)
    elif mode == "cut":
        blob = bytes(raw[: data.draw(st.integers(0, len(raw) - 1))])
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zin, zipfile.ZipFile(out, "w") as zout:
            names = zin.namelist()
            victim = data.draw(st.sampled_from(names))
            for n in names:
                body = zin.read(n)
                if n == victim:
                    body = (
                        data.draw(st.binary(max_size=200))
                        if data.draw(st.booleans())
                        else body[: len(body) // 2]
                    )
                zout.writestr(n, body)
        blob = out.getvalue()
    path = tmp_path_factory.mktemp("fuzz") / "f.xlsx"
    path.write_bytes(blob)
    found = bundle_import.inspect(world.hq, path)
    if found.ok:  # whatever survives every check carries exactly the signed ops
        assert [e.line() for e in found.entries] == original


@pytest.mark.parametrize(("field", "value"), [("seq", 2**70), ("record_id", "r" * 37), ("made_by", "\x00")])
def test_a_signed_op_beyond_the_protocols_bounds_is_refused(
    setup: tuple[World, AppContext, Path], tmp_path: Path, field: str, value: object
) -> None:
    """A laptop's own key signs it (a buggy or malicious laptop): the bound is checked all the same."""
    world, fra, good = setup

    def out_of_bounds(lines: list[str]) -> list[str]:
        op = parse_entry(lines[-1]).op
        return [*lines[:-1], entry_for(replace(op, **{field: value}), True).line()]

    fields = {"seq_last": str(value)} if field == "seq" else {}
    path = _resigned(fra, good, tmp_path / f"{field}.xlsx", fields, out_of_bounds)
    _refused(world, path, "Row 3 of the ops sheet is not a valid op", field)
