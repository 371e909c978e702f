"""Crash reports and server logs say where a bug happened, never what a record held."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import python_calamine as calamine
import sqlalchemy as sa

from missiondesk import crash
from missiondesk.server.logs import JsonLines
from missiondesk.services import bundle_export, bundle_import
from missiondesk.services.records import RecordService
from tests.syncsim import World
from tests.test_bundles import trust_each_other

SECRET = "배터리 재제조 부지 분쟁 010-1234-5678"


def _nested_failure() -> None:
    try:
        {"known": 1}[SECRET]
    except KeyError as exc:
        raise ValueError(f"could not save {SECRET}") from exc


def _caught() -> BaseException:
    try:
        _nested_failure()
    except ValueError as exc:
        return exc
    raise AssertionError("no exception")


def test_crash_reports_name_the_place_and_kind_but_withhold_messages(tmp_path: Path) -> None:
    exc = _caught()
    report = crash.write_report(tmp_path, exc)
    assert isinstance(report, Path)
    text = report.read_text(encoding="utf-8")
    assert SECRET not in text and "010-1234" not in text
    assert "_nested_failure" in text and "KeyError: " + crash.WITHHELD in text
    assert "ValueError: " + crash.WITHHELD in text and "led to the following" in text


def test_a_database_error_in_a_crash_report_quotes_no_parameters(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        with pytest.raises(sa.exc.OperationalError) as caught, engine.connect() as conn:
            conn.execute(sa.text("SELECT * FROM no_such_table WHERE title = :t"), {"t": SECRET})
    finally:
        engine.dispose()
    assert SECRET in str(caught.value)  # what a plain traceback would have printed
    assert SECRET not in crash.format_report(caught.value)
    assert "OperationalError" in crash.format_report(caught.value)


def test_server_log_lines_carry_no_exception_message() -> None:
    exc = _caught()
    record = logging.LogRecord("missiondesk.server", logging.ERROR, __file__, 1, "internal error", (), None)
    record.exc_info = (type(exc), exc, exc.__traceback__)
    line = JsonLines().format(record)
    out = json.loads(line)
    assert SECRET not in line and "_nested_failure" in out["exc"] and out["msg"] == "internal error"


def test_the_clis_bug_message_names_the_kind_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from missiondesk import cli

    def broken(_args: object) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.setattr(cli, "cmd_stats", broken)
    data = str(tmp_path / "fra")
    assert cli.main(["init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data]) == 0
    code = cli.main(["stats", "--data-dir", data])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG
    assert SECRET not in err and "RuntimeError" in err
    [report] = (tmp_path / "fra").rglob("crash-*.txt")
    assert SECRET not in report.read_text(encoding="utf-8")


def _every_cell(path: Path) -> str:
    book = calamine.CalamineWorkbook.from_path(str(path))
    try:
        return "\n".join(
            str(cell)
            for name in book.sheet_names
            for row in book.get_sheet_by_name(name).iter_rows()
            for cell in row
        )
    finally:
        book.close()


def test_a_summary_marked_sensitive_stays_out_of_every_sheet_of_an_email_bundle(tmp_path: Path) -> None:
    world = World.make(tmp_path)
    try:
        fra = world.laptop("fra")
        trust_each_other(world, fra, tmp_path)
        records = RecordService(fra)
        hidden = records.create(
            "support_case", {"title": "부지 분쟁", "received_date": "2026-03-02", "summary": SECRET}
        ).record_id
        records.update("support_case", hidden, {"summary_sensitive": True})
        records.update("support_case", hidden, {"priority": "high"})
        shown = records.create(
            "support_case", {"title": "비자 지원", "received_date": "2026-03-03", "summary": "공개 개요"}
        ).record_id

        bundle = tmp_path / "b.xlsx"
        result = bundle_export.export_bundle(fra, bundle)
        cells = _every_cell(bundle)
        assert SECRET not in cells and "010-1234" not in cells  # neither the ops nor the cases sheet
        assert "공개 개요" in cells and "부지 분쟁" in cells
        assert result.ops_without_sensitive >= 1

        found = bundle_import.inspect(world.hq, bundle)
        assert found.ok and found.readable is not None and not found.readable.differences
        assert any("summary" in e.left_out for e in found.entries if e.op.record_id == hidden)
        bundle_import.apply(world.hq, bundle_import.plan(world.hq, [bundle]))
        assert RecordService(world.hq).get("support_case", hidden)["summary"] in (None, "")
        assert RecordService(world.hq).get("support_case", shown)["summary"] == "공개 개요"

        everything = tmp_path / "all.xlsx"
        bundle_export.export_bundle(fra, everything, all_ops=True, include_sensitive=True)
        assert SECRET in _every_cell(everything)
    finally:
        world.close()
