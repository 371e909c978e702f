"""Bundles from the window: the export dialog at the mission, the import wizard at HQ, page by page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from missiondesk.bundles.limits import Limits
from missiondesk.services import bundle_ack, bundle_export, bundle_import, device_keys
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.ui import prompts
from missiondesk.ui.import_wizard import ImportWizard
from missiondesk.ui.main_window import MainWindow
from tests.syncsim import World


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def trusted_laptop(world: World, name: str, tmp: Path, slot: int = 1) -> AppContext:
    laptop = world.laptop(name, slot=slot)
    card = tmp / f"{name}.key"
    device_keys.write_key_card(laptop, card)
    device_keys.trust_key(world.hq, card)
    return laptop


def checked_wizard(qtbot: QtBot, world: World, bundle: Path) -> ImportWizard:
    """The import wizard in HQ's window with ``bundle`` chosen, once its checks are done."""
    window = MainWindow(world.hq)
    qtbot.addWidget(window)
    wizard = window.open_import([bundle])
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=30_000)
    return wizard


def test_export_dialog_writes_the_bundle_and_an_email_draft(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    fra = trusted_laptop(world, "fra", tmp_path)
    RecordService(fra).create("support_case", {"title": "통관 보류 문제"})
    window = MainWindow(fra)
    qtbot.addWidget(window)
    dialog = window.open_export()
    out = tmp_path / "out" / "bundle.xlsx"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    dialog.email.setChecked(True)
    dialog.buttons.accepted.emit()
    assert "email address" in dialog.message.text()
    dialog.hq_address.setText("sme-desk@mofa.example")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=20_000)
    assert dialog.result_ is not None, dialog.message.text()
    result = dialog.result_
    assert result.op_count == 2 and out.exists()
    assert out.with_suffix(".eml").exists()
    assert "bundle.xlsx" in window.status.message.text()
    assert "To: sme-desk@mofa.example" in out.with_suffix(".eml").read_text()
    assert window.open_export().hq_address.text() == "sme-desk@mofa.example"  # remembered


def test_export_refuses_a_name_without_xlsx_and_says_why(qtbot: QtBot, world: World, tmp_path: Path) -> None:
    fra = trusted_laptop(world, "fra", tmp_path)
    window = MainWindow(fra)
    qtbot.addWidget(window)
    dialog = window.open_export()
    dialog.path.setText(str(tmp_path / "bundle.txt"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: ".xlsx" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible() and not (tmp_path / "bundle.txt").exists()


def test_the_import_wizard_through_every_page(
    qtbot: QtBot, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fra = trusted_laptop(world, "fra", tmp_path)
    fra2 = trusted_laptop(world, "fra2", tmp_path, slot=2)
    service = RecordService(fra)
    case_id = service.create("support_case", {"title": "부지 인허가 지연"}).record_id
    first = tmp_path / "first.xlsx"
    bundle_export.export_bundle(fra, first)
    world.push(fra)  # HQ has the case; the second laptop pulls it
    world.pull(fra2)
    RecordService(fra2).update("support_case", case_id, {"title": "HQ가 먼저 받은 제목"})
    world.push(fra2)
    service.update("support_case", case_id, {"title": "다른 노트북의 제목"})  # the same field, offline
    second = tmp_path / "second.xlsx"
    bundle_export.export_bundle(fra, second)
    broken = tmp_path / "broken.xlsx"
    broken.write_text("this is not a workbook")

    window = MainWindow(world.hq)
    qtbot.addWidget(window)
    wizard = window.open_import()
    assert (
        wizard.source_page.bundle.isChecked()
    )  # the first page asks: bundles (the default) or a spreadsheet
    wizard.next()
    monkeypatch.setattr(prompts, "open_files", lambda *a, **k: [second, broken])
    wizard.files_page._browse()
    assert wizard.files_page.paths() == [second, broken]
    assert wizard.files_page.isComplete()

    # Checks: the broken file is refused with its reason, the bundle passes.
    wizard.next()
    page = wizard.checks_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=20_000)
    verdicts = {page.tree.topLevelItem(i).text(0): page.tree.topLevelItem(i).text(1) for i in range(2)}
    assert verdicts["second.xlsx"] == "Verified"
    assert verdicts["broken.xlsx"].startswith("Refused")
    assert "1 of 2 files" in page.status.text()
    assert page.isComplete()

    # Preview: the case edit clashes with what HQ holds.
    wizard.next()
    rows = wizard.preview_page.rows()
    assert rows["Support case"] == {"conflict": "1"}
    # Records and their field changes are made when their row is opened.
    tree = wizard.preview_page.tree
    bundle_row = tree.topLevelItem(0)
    case_row = next(
        bundle_row.child(i)
        for i in range(bundle_row.childCount())
        if bundle_row.child(i).text(0) == "Support case"
    )
    assert case_row.childCount() == 0
    case_row.setExpanded(True)
    [record] = [case_row.child(i) for i in range(case_row.childCount())]
    assert record.text(0) == "다른 노트북의 제목  (conflict)" and record.childCount() == 0  # by its title
    assert record.toolTip(0).startswith(case_id)
    record.setExpanded(True)
    changes = [record.child(i).text(0) for i in range(record.childCount())]
    assert changes == ["Title: HQ가 먼저 받은 제목 → 다른 노트북의 제목  (conflict: HQ's value stays)"]
    assert wizard.button(QWizard.WizardButton.CommitButton).isVisible()

    # Import: a backup first, then the merge engine; the report and the acknowledgement can be saved.
    with qtbot.waitSignal(wizard.imported, timeout=20_000) as blocker:
        wizard.next()
    report = blocker.args[0]
    assert report.backup is not None and report.backup.exists()
    assert [b.status for b in report.bundles if b.path == second] == ["imported"]
    assert "conflict" in wizard.apply_page.summary.text().lower()
    assert RecordService(world.hq).get("support_case", case_id)["title"] == "HQ가 먼저 받은 제목"
    assert window.status.conflicts.text() == "Conflicts to review: 1"
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "acks" / "ack.xlsx")
    (tmp_path / "acks").mkdir()
    wizard.apply_page._save_acks()
    assert wizard.acks and wizard.acks[0].path.exists()
    monkeypatch.setattr(prompts, "save_file", lambda *a, **k: tmp_path / "report.xlsx")
    wizard.apply_page._save_report()
    assert (tmp_path / "report.xlsx").exists()

    # The earlier bundle arrives late: its ops came by the network already, so it changes nothing.
    again = window.open_import([first])
    again.next()
    qtbot.waitUntil(lambda: again.plan is not None, timeout=20_000)
    again.next()
    assert set(again.preview_page.rows()["Support case"]) == {"unchanged"}


def test_an_unverified_bundle_needs_an_explicit_confirmation(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    stranger = world.laptop("stranger")  # its key never reached HQ
    RecordService(stranger).create("support_case", {"title": "서명 미확인"})
    bundle = tmp_path / "stranger.xlsx"
    bundle_export.export_bundle(stranger, bundle)
    wizard = checked_wizard(qtbot, world, bundle)
    page = wizard.checks_page
    assert page.tree.topLevelItem(0).text(1).startswith("Unverified")
    assert page.confirm_unverified.isVisible() and not page.isComplete()
    page.confirm_unverified.setChecked(True)
    assert page.isComplete()


def test_the_wizard_lists_cells_edited_in_a_sheet_that_a_second_process_read(
    qtbot: QtBot, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    fra = trusted_laptop(world, "fra", tmp_path)
    RecordService(fra).create("support_case", {"title": "원래 제목"})
    bundle = tmp_path / "fra.xlsx"
    bundle_export.export_bundle(fra, bundle)
    book = openpyxl.load_workbook(bundle)
    headers = [c.value for c in book["cases"][1]]
    book["cases"].cell(row=2, column=headers.index("제목 / Title") + 1, value="엑셀에서 고친 제목")
    book.save(bundle)
    # As for a large bundle: the readable sheets go to a second process, whatever their size.
    plan = bundle_import.plan
    monkeypatch.setattr(
        bundle_import,
        "plan",
        lambda ctx, paths, **kw: plan(ctx, paths, Limits(second_process_from_bytes=0), **kw),
    )
    wizard = checked_wizard(qtbot, world, bundle)
    assert wizard.checks_page.tree.topLevelItem(0).text(1) == "Verified"
    wizard.next()
    warning = wizard.preview_page.warning
    assert warning.isVisible() and "NOT imported" in warning.text()
    assert "“엑셀에서 고친 제목” in the sheet, “원래 제목” in the changes" in warning.text()
    assert "sheet cases was edited" in warning.text()


def test_a_kind_of_record_lists_a_few_hundred_records_and_counts_the_rest(
    qtbot: QtBot, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from missiondesk.ui import import_wizard

    monkeypatch.setattr(import_wizard, "PREVIEW_RECORDS", 2)
    fra = trusted_laptop(world, "fra", tmp_path)
    for title in ("첫째", "둘째", "셋째"):
        RecordService(fra).create("support_case", {"title": title})
    bundle = tmp_path / "fra.xlsx"
    bundle_export.export_bundle(fra, bundle)
    wizard = checked_wizard(qtbot, world, bundle)
    wizard.next()
    top = wizard.preview_page.tree.topLevelItem(0)
    cases = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == "Support case")
    cases.setExpanded(True)
    shown = [cases.child(i).text(0) for i in range(cases.childCount())]
    assert len(shown) == 3 and shown[-1] == "… and 1 more"
    assert all(text.endswith("(new)") for text in shown[:2])


def test_dropped_files_are_taken_only_when_they_are_workbooks(tmp_path: Path) -> None:
    from PySide6.QtCore import QUrl

    from missiondesk.ui.prompts import xlsx_paths

    urls = [
        QUrl.fromLocalFile(str(tmp_path / "a.xlsx")),
        QUrl.fromLocalFile(str(tmp_path / "notes.txt")),
        QUrl("https://x/b.xlsx"),
    ]
    assert xlsx_paths(urls) == [tmp_path / "a.xlsx"]


def test_a_laptop_imports_hqs_acknowledgement_in_its_own_words(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    fra = trusted_laptop(world, "fra", tmp_path)
    RecordService(fra).create("support_case", {"title": "공장 부지 인허가"})
    bundle = tmp_path / "fra.xlsx"
    bundle_export.export_bundle(fra, bundle)
    report = bundle_import.apply(world.hq, bundle_import.plan(world.hq, [bundle]))
    [ack] = bundle_ack.write_acks(world.hq, report, tmp_path / "ack.xlsx")

    window = MainWindow(fra)
    qtbot.addWidget(window)
    wizard = window.open_import([ack.path])
    assert "HQ sent back" in wizard.files_page.subTitle()  # not "bundles missions sent"
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=30_000)
    page = wizard.checks_page
    row = page.tree.topLevelItem(0)
    checks = [row.child(i).text(1) for i in range(row.childCount())]
    # whose acknowledgement: the mission by its name, not only its code
    frankfurt = (
        "✓ acknowledgement from HQ for Consulate General of the Republic of Korea in Frankfurt (DE-FRA)"
    )
    assert frankfurt in checks and "✗ HQ's key not trusted here" in checks
    # HQ's key was never trusted on this laptop: the verdict says whose key, and how to trust it.
    assert row.text(1) == "Unverified: HQ's key is not trusted on this laptop"
    assert "missiondesk trust-key FILE" in page.status.text()
    assert "HQ's key" in page.confirm_unverified.text() and page.confirm_unverified.isVisible()


def test_the_preview_names_records_and_coded_values(qtbot: QtBot, world: World, tmp_path: Path) -> None:
    from tests.test_bundle_labels import _real_records

    fra = trusted_laptop(world, "fra", tmp_path)
    ids = _real_records(fra)
    case_ref = RecordService(fra).get("support_case", ids["case"])["reference"]
    bundle = tmp_path / "fra.xlsx"
    bundle_export.export_bundle(fra, bundle)
    wizard = checked_wizard(qtbot, world, bundle)
    wizard.next()
    top = wizard.preview_page.tree.topLevelItem(0)

    def changes(kind: str) -> list[str]:
        row = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == kind)
        row.setExpanded(True)
        [record] = [row.child(i) for i in range(row.childCount())]
        record.setExpanded(True)
        return [record.child(i).text(0) for i in range(record.childCount())]

    case = changes("Support case")
    assert "Company: — → 배터리리텍 (BatteryReTech)" in case  # a company that arrives in the same bundle
    assert "Officer: — → 김담당" in case
    assert "Area: — → Baden-Württemberg" in case  # reference data in the window's language
    assert "Categories: — → Permits and licensing, Site and real estate" in case
    assert "Priority: — → High" in case
    activity = changes("Case activity")
    assert f"Case: — → {case_ref}" in activity
    assert "Action: — → Request to an authority" in activity
    assert "Partner institutions: — → KOTRA Frankfurt Trade Center" in activity
    shown = "\n".join(case + activity + changes("Agenda item") + changes("Attendance"))
    assert ids["company"] not in shown and ids["case"] not in shown and ids["meeting"] not in shown


def test_the_export_refusal_is_said_in_korean_in_the_korean_window(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    from missiondesk.ui import i18n

    fra = trusted_laptop(world, "fra", tmp_path)
    assert i18n.install("ko") == "ko"
    try:
        window = MainWindow(fra)
        qtbot.addWidget(window)
        dialog = window.open_export()
        dialog.path.setText(str(tmp_path / "bundle.txt"))
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: ".xlsx" in dialog.message.text(), timeout=10_000)
        assert dialog.message.text() == "번들은 Excel 통합 문서입니다. 파일 이름을 .xlsx로 끝내십시오."
    finally:
        i18n.install("en")


def test_the_wizard_says_why_a_revoked_laptops_bundle_is_refused_in_korean(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    from missiondesk.ui import i18n

    fra = trusted_laptop(world, "fra", tmp_path)
    RecordService(fra).create("support_case", {"title": "회수 전 사례"})
    bundle = tmp_path / "revoked.xlsx"
    bundle_export.export_bundle(fra, bundle)
    world.authority.revoke_device(fra.device.device_id)
    assert i18n.install("ko") == "ko"
    try:
        wizard = checked_wizard(qtbot, world, bundle)
        verdict = wizard.checks_page.tree.topLevelItem(0).text(1)
        assert verdict.startswith(f"거부됨: 본부가 기기 {fra.device.device_id}의 등록을 취소했으므로"), (
            verdict
        )
    finally:
        i18n.install("en")


def test_the_wizard_says_which_attached_files_are_still_to_come_in_korean(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    from missiondesk.services.attachments import AttachmentService
    from missiondesk.ui import i18n

    fra = trusted_laptop(world, "fra", tmp_path)
    case_id = RecordService(fra).create("support_case", {"title": "부지 인허가"}).record_id
    for i in range(3):
        path = tmp_path / f"문서{i}.pdf"
        path.write_bytes(b"%PDF-1.7\n" + bytes([i]) * 200_000)
        AttachmentService(fra).attach("support_case", case_id, path)
    mail = tmp_path / "mail"
    mail.mkdir()
    result = bundle_export.export_bundle(fra, mail / "fra.xlsx", sidecar_limit=300_000)
    assert len(result.sidecars) >= 2
    result.sidecars[-1].unlink()  # one side-car did not come with the mail
    assert i18n.install("ko") == "ko"
    try:
        wizard = checked_wizard(qtbot, world, mail / "fra.xlsx")
        tree = wizard.checks_page.tree
        rows = [tree.topLevelItem(0).child(i) for i in range(tree.topLevelItem(0).childCount())]
        [files] = [r for r in rows if r.text(0) == "첨부 파일"]
        assert f"묶음 {len(result.sidecars)}개 중 {len(result.sidecars) - 1}개 있음" in files.text(1)
        assert "도착 예정" in files.text(1)
    finally:
        i18n.install("en")


def test_the_export_dialog_says_the_attached_files_travel_beside_the_bundle(
    qtbot: QtBot, world: World, tmp_path: Path
) -> None:
    from missiondesk.services.attachments import AttachmentService

    fra = trusted_laptop(world, "fra", tmp_path)
    case_id = RecordService(fra).create("support_case", {"title": "통관 보류 문제"}).record_id
    permit = tmp_path / "허가서.pdf"
    permit.write_bytes(b"%PDF-1.7\n" + b"x" * 1000)
    AttachmentService(fra).attach("support_case", case_id, permit)
    window = MainWindow(fra)
    qtbot.addWidget(window)
    dialog = window.open_export()
    out = tmp_path / "out" / "bundle.xlsx"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=20_000)
    assert dialog.result_ is not None, dialog.message.text()
    assert "1 attached files are beside it in 1 archives" in dialog.message.text()
    assert (out.parent / "bundle.files-1-of-1.zip").is_file()


@pytest.mark.parametrize(
    ("damage", "korean"),
    [
        ("truncated", "거부됨: cut.xlsx이(가) 손상되었거나 잘렸습니다"),
        ("macros", "거부됨: cut.xlsx에 매크로, 컨트롤 또는 외부 링크가 있습니다 (xl/vbaProject.bin)."),
    ],
)
def test_a_damaged_or_tampered_file_is_refused_in_korean_in_the_korean_window(
    qtbot: QtBot, world: World, tmp_path: Path, damage: str, korean: str
) -> None:
    import zipfile

    from missiondesk.ui import i18n

    fra = trusted_laptop(world, "fra", tmp_path)
    RecordService(fra).create("support_case", {"title": "변조될 사례"})
    good = tmp_path / "good.xlsx"
    bundle_export.export_bundle(fra, good)
    bundle = tmp_path / "cut.xlsx"
    if damage == "truncated":  # cut off in the mail: the zip's directory is gone
        bundle.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])
    else:  # a macro project slipped into the workbook
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bundle, "w") as out:
            for info in src.infolist():
                out.writestr(info, src.read(info))
            out.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert i18n.install("ko") == "ko"
    try:
        wizard = checked_wizard(qtbot, world, bundle)
        verdict = wizard.checks_page.tree.topLevelItem(0).text(1)
        assert verdict.startswith(korean), verdict
    finally:
        i18n.install("en")
    english = bundle_import.inspect(world.hq, bundle).refusal
    assert english is not None and "refused" in english  # the CLI and the log keep the English sentence
