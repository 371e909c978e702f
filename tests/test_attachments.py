"""Attaching files through the service and the CLI: checked by content, stored once, trashed, restored."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from missiondesk.cli import main
from missiondesk.domain.file_types import FileProblem, FileRefused
from missiondesk.domain.records import ListQuery
from missiondesk.domain.validation import ValidationFailed
from missiondesk.errors import NotFound, UserError
from missiondesk.services import database_key, maintenance
from missiondesk.services.attachments import (
    MAX_BYTES_SETTING,
    AttachmentService,
    blob_store,
    safe_file_name,
)
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_mission
from missiondesk.store import outbox, settings
from missiondesk.store.backup import attachments_beside
from tests.samplefiles import REFUSED, SAMPLES, write


def _case(ctx: AppContext) -> str:
    return (
        RecordService(ctx)
        .create("support_case", {"title": "배터리 공장 부지", "received_date": "2026-03-02"})
        .record_id
    )


def test_a_file_is_attached_listed_and_comes_back_byte_for_byte(mission: AppContext, tmp_path: Path) -> None:
    case_id = _case(mission)
    service = AttachmentService(mission)
    src = write(tmp_path, "주정부 허가서.pdf", SAMPLES["pdf"])
    done = service.attach("support_case", case_id, src)
    record = done.change.record
    assert record is not None and done.stored_new
    assert record["file_name"] == "주정부 허가서.pdf" and record["media_type"] == "application/pdf"
    assert record["sha256"] == hashlib.sha256(SAMPLES["pdf"]).hexdigest() and record["size"] == len(
        SAMPLES["pdf"]
    )
    assert record.owner_mission == "DE-FRA" and record.created_by == "김영희"
    listed = service.list("support_case", case_id)
    assert [r.id for r in listed] == [record.id]
    (tmp_path / "out").mkdir()
    saved = service.save_as(record.id, tmp_path / "out")
    assert saved == tmp_path / "out" / "주정부 허가서.pdf"  # into a folder: under the file's own name
    assert saved.read_bytes() == SAMPLES["pdf"]
    opened = service.open_to_temp(record.id)
    assert opened.name == "주정부 허가서.pdf" and opened.read_bytes() == SAMPLES["pdf"]
    # The record travels as an op like any other; the content does not.
    with mission.store.read() as conn:
        ops = [op for op in outbox.pending_ops(conn, mission.device.device_id) if op.entity == "attachment"]
    assert len(ops) == 1 and ops[0].changes["sha256"].new == record["sha256"]


def test_contents_are_encrypted_in_the_data_folder_when_the_database_is(
    mission: AppContext, tmp_path: Path
) -> None:
    assert mission.store.key is not None  # the laptop's database is SQLCipher
    case_id = _case(mission)
    text = "비밀 공문: 주정부 협조 요청\n".encode()
    AttachmentService(mission).attach("support_case", case_id, write(tmp_path, "공문.txt", text))
    stored = list((mission.paths.attachments).rglob("*"))
    files = [p for p in stored if p.is_file()]
    assert len(files) == 1 and files[0].name == hashlib.sha256(text).hexdigest()
    assert text not in files[0].read_bytes()


def test_the_same_file_attached_twice_is_stored_once(mission: AppContext, tmp_path: Path) -> None:
    case_id = _case(mission)
    service = AttachmentService(mission)
    first = service.attach("support_case", case_id, write(tmp_path, "a.pdf", SAMPLES["pdf"]))
    second = service.attach("support_case", case_id, write(tmp_path, "copy of a.pdf", SAMPLES["pdf"]))
    assert first.stored_new and not second.stored_new
    assert len(service.list("support_case", case_id)) == 2
    assert len(list(blob_store(mission).addresses())) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("parent", ["case_activity", "market_brief", "council_meeting", "proposal"])
def test_files_attach_to_activities_briefs_meetings_and_proposals(
    mission: AppContext, tmp_path: Path, parent: str
) -> None:
    svc = RecordService(mission)
    values = {
        "case_activity": {"case_id": _case(mission), "date": "2026-03-03", "action_type": "intake"},
        "market_brief": {"title": "독일 배터리 규제", "topic": "regulation", "country": "DE"},
        "council_meeting": {"year": 2026, "number": 1, "status": "planned"},
        "proposal": {"programme": "TSM-2026", "fiscal_year": 2026, "title": "맞춤형 지원", "status": "draft"},
    }[parent]
    parent_id = svc.create(parent, values).record_id
    service = AttachmentService(mission)
    service.attach(parent, parent_id, write(tmp_path, "사진.png", SAMPLES["png"]))
    assert [r["media_type"] for r in service.list(parent, parent_id)] == ["image/png"]


def test_a_refused_file_leaves_nothing_behind(mission: AppContext, tmp_path: Path) -> None:
    case_id = _case(mission)
    service = AttachmentService(mission)
    data, _ = REFUSED["docm"]
    with pytest.raises(FileRefused) as info:
        service.attach("support_case", case_id, write(tmp_path, "letter.docx", data))
    assert info.value.code is FileProblem.MACROS
    assert service.list("support_case", case_id) == ()
    assert list(blob_store(mission).addresses()) == []  # type: ignore[attr-defined]


def test_a_record_that_cannot_be_made_does_not_keep_its_content(mission: AppContext, tmp_path: Path) -> None:
    service = AttachmentService(mission)
    with pytest.raises((NotFound, ValidationFailed)):
        service.attach("support_case", "", write(tmp_path, "a.pdf", SAMPLES["pdf"]))
    assert list(blob_store(mission).addresses()) == []  # type: ignore[attr-defined]


def test_the_size_limit_is_hqs_setting_kept_in_one_place(mission: AppContext, tmp_path: Path) -> None:
    case_id = _case(mission)
    service = AttachmentService(mission)
    assert service.max_bytes() == 25 * 1024 * 1024
    with mission.store.write() as conn:
        settings.put(conn, MAX_BYTES_SETTING, 40)
    with pytest.raises(FileRefused) as info:
        service.attach("support_case", case_id, write(tmp_path, "scan.pdf", SAMPLES["pdf"]))
    assert info.value.code is FileProblem.TOO_LARGE and info.value.params["limit"] == 40


def test_removed_files_go_to_the_trash_and_come_back(mission: AppContext, tmp_path: Path) -> None:
    case_id = _case(mission)
    service = AttachmentService(mission)
    record = service.attach("support_case", case_id, write(tmp_path, "a.pdf", SAMPLES["pdf"])).change.record
    assert record is not None
    service.remove(record.id)
    assert service.list("support_case", case_id) == ()
    trash = RecordService(mission).list(ListQuery("attachment", trash=True)).rows
    assert [r.id for r in trash] == [record.id]
    assert service.has_content(record)  # the content stays while its record is in the trash
    service.restore(record.id)
    assert [r.id for r in service.list("support_case", case_id)] == [record.id]
    assert service.save_as(record.id, tmp_path / "back.pdf").read_bytes() == SAMPLES["pdf"]


def test_files_cannot_be_attached_to_other_kinds_of_record(mission: AppContext, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        AttachmentService(mission).attach("company", "x", write(tmp_path, "a.pdf", SAMPLES["pdf"]))


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\kim\\허가서.pdf", "허가서.pdf"),
        ('a<b>:"c".pdf', "a_b___c_.pdf"),
        ("CON.txt", "_CON.txt"),
        ("...", "attachment"),
        ("가" * 300 + ".pdf", "가" * 251 + ".pdf"),
    ],
)
def test_file_names_are_safe_on_windows(given: str, kept: str) -> None:
    assert safe_file_name(given) == kept


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_attaches_lists_and_saves(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "laptop")
    assert _run(capsys, "init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data)[0] == 0
    with open_context(data) as ctx:
        reference = str(RecordService(ctx).get("support_case", _case(ctx))["reference"])
    pdf = write(tmp_path, "허가서.pdf", SAMPLES["pdf"])
    hwpx = write(tmp_path, "공문.hwpx", SAMPLES["hwpx"])
    exe = write(tmp_path, "setup.pdf", REFUSED["exe"][0])
    code, out, err = _run(
        capsys, "attach", reference.lower(), str(pdf), str(exe), str(hwpx), "--data-dir", data
    )
    assert code == 1
    assert "Attached 허가서.pdf" in out and f"to {reference}" in out and "공문.hwpx" in out
    assert "setup.pdf is a program" in err and "1 file(s) not attached" in err
    code, out, _ = _run(
        capsys, "attachments", reference, "--save", str(tmp_path / "saved"), "--data-dir", data
    )
    assert code == 0
    lines = [line for line in out.splitlines() if not line.startswith("  ")]
    assert [line.split("\t")[0] for line in lines] == ["허가서.pdf", "공문.hwpx"]
    assert "application/pdf" in lines[0] and "김영희" in lines[0]
    assert (tmp_path / "saved" / "허가서.pdf").read_bytes() == SAMPLES["pdf"]
    assert (tmp_path / "saved" / "공문.hwpx").read_bytes() == SAMPLES["hwpx"]
    code, _, err = _run(capsys, "attach", "DE-FRA-26-9999", str(pdf), "--data-dir", data)
    assert code == 1 and "No case DE-FRA-26-9999" in err


def test_search_finds_attachments_and_their_records_by_file_name(mission: AppContext, tmp_path: Path) -> None:
    from missiondesk.services.search import search_all

    svc = RecordService(mission)
    case_id = _case(mission)
    other = _case(mission)
    brief = svc.create(
        "market_brief", {"title": "독일 배터리 규제", "topic": "regulation", "country": "DE"}
    ).record_id
    service = AttachmentService(mission)
    letter = service.attach(
        "support_case", case_id, write(tmp_path, "Baugenehmigung Heilbronn.pdf", SAMPLES["pdf"])
    )
    service.attach("market_brief", brief, write(tmp_path, "배터리법 요약.txt", SAMPLES["utf8"]))
    hits = search_all(mission, "baugenehmigung")
    assert [(h.entity, h.label) for h in hits] == [("attachment", "Baugenehmigung Heilbronn.pdf")]
    # The case list finds the case by its file's name (two Korean syllables too), the brief list the brief.
    assert [r.id for r in svc.list(ListQuery("support_case", text="Heilbronn")).rows] == [case_id]
    assert [r.id for r in svc.list(ListQuery("market_brief", text="요약")).rows] == [brief]
    assert other not in [r.id for r in svc.list(ListQuery("support_case", text="heilbronn")).rows]
    # A file in the trash no longer finds its case.
    service.remove(letter.change.record_id)
    assert svc.list(ListQuery("support_case", text="Heilbronn")).rows == ()
    assert search_all(mission, "baugenehmigung") == []


def test_the_cli_search_lists_attached_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "laptop")
    assert _run(capsys, "init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data)[0] == 0
    with open_context(data) as ctx:
        AttachmentService(ctx).attach(
            "support_case", _case(ctx), write(tmp_path, "임대차 제안서.pdf", SAMPLES["pdf"])
        )
    code, out, _ = _run(capsys, "search", "제안서", "--data-dir", data)
    assert code == 0 and "attachment" in out and "임대차 제안서.pdf" in out


def test_files_go_only_with_this_missions_own_live_records(mission: AppContext, tmp_path: Path) -> None:
    """Another mission's shared brief is read here, but its files are its owner's to add."""
    from missiondesk.domain.schema import entity
    from missiondesk.services.records import PermissionDenied
    from missiondesk.store import records as rows
    from missiondesk.store.records import Writer

    spec = entity("market_brief")
    values = {"title": "베를린 시장정보", "topic": "regulation", "country": "DE"}
    with mission.store.write() as conn:
        berlin, _ = rows.insert(conn, Writer(mission.device.device_id, "test"), spec, values, "DE-BER")
    service = AttachmentService(mission)
    pdf = write(tmp_path, "a.pdf", SAMPLES["pdf"])
    with pytest.raises(PermissionDenied) as info:
        service.attach("market_brief", berlin.id, pdf)
    assert "DE-BER" in str(info.value)
    case_id = _case(mission)
    RecordService(mission).delete("support_case", case_id)
    with pytest.raises(UserError, match="trash"):
        service.attach("support_case", case_id, pdf)
    assert list(blob_store(mission).addresses()) == []  # type: ignore[attr-defined]


def test_the_record_travels_in_a_bundle_and_to_the_missions_other_laptop_without_its_content(
    tmp_path: Path,
) -> None:
    """The record is an op like any other: HQ imports it from a bundle, the other laptop pulls it; the
    content stays on the laptop that attached it until contents travel (a later step)."""
    from missiondesk.services import bundle_export, bundle_import
    from tests.syncsim import World, visible_state
    from tests.test_bundles import trust_each_other

    world = World.make(tmp_path, None)
    try:
        fra, fra2 = world.laptop("fra"), world.laptop("fra2", slot=2)
        trust_each_other(world, fra, tmp_path)
        case_id = _case(fra)
        record = AttachmentService(fra).attach(
            "support_case", case_id, write(tmp_path, "허가서.pdf", SAMPLES["pdf"])
        )
        bundle = tmp_path / "fra.xlsx"
        bundle_export.export_bundle(fra, bundle)
        plan = bundle_import.plan(world.hq, [bundle])
        report = bundle_import.apply(world.hq, plan)
        assert {r.status.value for b in report.bundles for r in b.results} == {"applied"}
        at_hq = RecordService(world.hq).get("attachment", record.change.record_id)
        assert at_hq["sha256"] == hashlib.sha256(SAMPLES["pdf"]).hexdigest() and at_hq["case_id"] == case_id
        world.pull(fra2)
        there = AttachmentService(fra2)
        [pulled] = there.list("support_case", case_id)
        assert pulled["file_name"] == "허가서.pdf" and not there.has_content(pulled)
        assert visible_state(fra2, "DE-FRA")[("attachment", pulled.id)][0] == "DE-FRA"
    finally:
        world.close()


def test_a_backup_carries_the_contents_and_restores_into_a_fresh_folder(
    mission: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = _case(mission)
    service = AttachmentService(mission)
    attached = service.attach("support_case", case_id, write(tmp_path, "허가서.pdf", SAMPLES["pdf"]))
    record = attached.change.record
    assert record is not None
    data = mission.paths.root
    mission.close()
    copy = tmp_path / "backup" / "laptop.sqlite3"
    assert main(["backup", "--out", str(copy), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    contents = tmp_path / "backup" / "laptop.attachments"
    assert f"copy the files in {contents} into {data / 'attachments'}" in out
    stored = [p for p in contents.rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [record["sha256"]]
    assert SAMPLES["pdf"] not in stored[0].read_bytes()  # still encrypted, as in the data folder
    # The laptop is lost; a fresh folder gets its key, and the backup as the printed hint says.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for kept in ("config.json", database_key.KEY_FILE):
        shutil.copyfile(data / kept, fresh / kept)
    shutil.rmtree(data)
    shutil.copyfile(copy, fresh / "missiondesk.sqlite3")
    shutil.copytree(contents, fresh / "attachments")
    restored = open_context(fresh)
    try:
        saved = AttachmentService(restored).save_as(record.id, tmp_path / "opened.pdf")
    finally:
        restored.close()
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == record["sha256"]


def test_a_backup_without_attachments_writes_no_contents_folder(mission: AppContext, tmp_path: Path) -> None:
    copy = maintenance.backup(mission, tmp_path / "plain.sqlite3")
    assert copy.is_file() and not (tmp_path / "plain.attachments").exists()
    assert "copy the files" not in maintenance.restore_hint(mission, copy)


def test_a_backup_in_the_backups_folder_has_its_contents_beside_it(
    mission: AppContext, tmp_path: Path
) -> None:
    text = "공문\n".encode()
    AttachmentService(mission).attach("support_case", _case(mission), write(tmp_path, "공문.txt", text))
    copy = maintenance.backup(mission)  # named as the import and migration backups are
    assert copy.parent == mission.paths.backups
    contents = attachments_beside(copy)
    assert [p.name for p in contents.rglob("*") if p.is_file()] == [hashlib.sha256(text).hexdigest()]


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def test_temp_copies_for_the_viewer_are_removed_and_other_folders_copies_kept(
    mission: AppContext, tmp_path: Path, private_temp: Path
) -> None:
    service = AttachmentService(mission)
    record = service.attach(
        "support_case", _case(mission), write(tmp_path, "a.pdf", SAMPLES["pdf"])
    ).change.record
    assert record is not None
    opened = [service.open_to_temp(record.id), service.open_to_temp(record.id)]
    other = init_mission(tmp_path / "other", "DE-BER", "박민수")
    try:
        theirs_service = AttachmentService(other)
        theirs_record = theirs_service.attach(
            "support_case", _case(other), write(tmp_path, "b.pdf", SAMPLES["pdf"])
        ).change.record
        assert theirs_record is not None
        theirs = theirs_service.open_to_temp(theirs_record.id)
    finally:
        other.close()
    assert all(p.is_file() and p.parent.parent == private_temp for p in [*opened, theirs])
    assert service.remove_temp_copies() == 2
    assert not any(p.parent.exists() for p in opened)
    assert theirs.read_bytes() == SAMPLES["pdf"]  # another data folder's copy, perhaps still in a viewer
    assert service.remove_temp_copies() == 0


def test_a_copy_that_cannot_be_removed_is_left_and_removed_next_time(
    mission: AppContext, tmp_path: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = AttachmentService(mission)
    record = service.attach(
        "support_case", _case(mission), write(tmp_path, "a.pdf", SAMPLES["pdf"])
    ).change.record
    assert record is not None
    opened = service.open_to_temp(record.id)
    real_unlink = os.unlink

    def held_open(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if os.fspath(path) in (opened.name, str(opened)):  # as Windows refuses a file a viewer holds
            raise PermissionError(13, "The process cannot access the file", str(path))
        real_unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", held_open)
    assert service.remove_temp_copies() == 0
    assert opened.read_bytes() == SAMPLES["pdf"]
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert service.remove_temp_copies() == 1
    assert not opened.parent.exists()


def test_hq_sets_the_limit_on_an_attached_file_and_a_laptop_may_not(
    hq: AppContext, mission: AppContext
) -> None:
    AttachmentService(hq).set_max_bytes(10 * 1024 * 1024)
    assert AttachmentService(hq).max_bytes() == 10 * 1024 * 1024
    with pytest.raises(UserError, match="at least 1 MB"):
        AttachmentService(hq).set_max_bytes(1000)
    with pytest.raises(UserError, match="Only HQ"):
        AttachmentService(mission).set_max_bytes(10 * 1024 * 1024)


def test_the_cli_shows_the_limit_and_hq_sets_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hq_dir, laptop_dir = str(tmp_path / "hq"), str(tmp_path / "fra")
    assert _run(capsys, "init", "--hq", "--officer", "본부", "--data-dir", hq_dir)[0] == 0
    assert _run(capsys, "init", "--mission", "DE-FRA", "--officer", "김", "--data-dir", laptop_dir)[0] == 0

    assert _run(capsys, "attachment-limit", "40", "--data-dir", hq_dir)[1:] == (
        "An attached file may be up to 40 MB.\n",
        "",
    )
    code, out, err = _run(capsys, "attachment-limit", "40", "--data-dir", laptop_dir)
    assert code != 0 and "Only HQ sets the limit" in out + err
    assert "up to 25 MB" in _run(capsys, "attachment-limit", "--data-dir", laptop_dir)[1]
