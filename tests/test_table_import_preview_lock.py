"""A table import's preview reads only: others may write while it checks a long table."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from missiondesk.services import table_import as ti
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from tests.legacy_sheets import cases_workbook


class _Paused:
    """A task context that holds the preview at its first progress report until released."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        if done == 0:
            self.reached.set()
            self.release.wait(20)

    def check_cancelled(self) -> None:
        pass


def test_a_write_goes_through_while_a_preview_is_checking_rows(mission: AppContext, tmp_path: Path) -> None:
    request = ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES)
    task = _Paused()
    found: list[ti.TableReport] = []
    worker = threading.Thread(target=lambda: found.append(ti.preview(mission, request, task)))
    worker.start()
    try:
        assert task.reached.wait(30)  # the preview is inside its transaction, checking rows
        started = time.monotonic()
        made = RecordService(mission).create("support_case", {"title": "미리보기 중 접수"})
        waited = time.monotonic() - started
    finally:
        task.release.set()
        worker.join(60)
    assert waited < 5, f"the write waited {waited:.1f} s for the preview"
    assert RecordService(mission).get("support_case", made.record_id)["title"] == "미리보기 중 접수"
    (report,) = found
    assert not report.committed and report.rows  # the preview itself ran to its end
