"""The main window driven as an officer would: pages, lists, search, filters, the status bar, shortcuts."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from missiondesk.domain.records import ListQuery
from missiondesk.paths import resolve
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.services.records import RecordService
from missiondesk.ui import launch, main_window
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import PAGES, MainWindow
from missiondesk.ui.record_model import ID_ROLE, RECORD_ROLE, RecordTableModel
from missiondesk.ui.shortcuts import SHORTCUTS


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    generate_demo(mission, cases=120)
    return open_window(mission)


def cases_page(window: MainWindow) -> ListPage:
    page = window.go("support_case")
    assert isinstance(page, ListPage)
    return page


def counted(qtbot: QtBot, page: ListPage) -> int:
    """The list's row count once its background count has arrived."""
    qtbot.waitUntil(lambda: not page.model.counting)
    return page.model.total


def shown_records(qtbot: QtBot, page: ListPage) -> list:
    counted(qtbot, page)
    return [page.model.record_at(i) for i in range(page.model.rowCount())]


def test_the_window_names_the_mission_and_counts_unsent_changes(qtbot: QtBot, window: MainWindow) -> None:
    assert "DE-FRA" in window.windowTitle() and "김영희" in window.windowTitle()
    qtbot.waitUntil(lambda: window.status.unsent.text() == "Unsent changes: 1")  # the officer's own record
    assert window.status.sync.text().endswith("Offline")
    assert window.nav.count() == len(PAGES)
    assert counted(qtbot, cases_page(window)) == 120


def test_the_window_explains_an_uninitialised_folder(qtbot: QtBot) -> None:
    window = MainWindow(None, "No MissionDesk database in /somewhere. Run 'missiondesk init'.")
    qtbot.addWidget(window)
    assert "missiondesk init" in window.problem.text()
    assert window.windowTitle() == "MissionDesk"


def test_every_page_opens_from_the_navigation(qtbot: QtBot, window: MainWindow) -> None:
    for row, (key, _name) in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[key]


def test_searching_in_korean_and_in_english_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    page = cases_page(window)
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.search.setText("공장")  # Korean arrives from the input method, not as key presses
    korean = shown_records(qtbot, page)
    assert 0 < len(korean) < 120
    assert all("공장" in f"{r['title']} {r.get('summary') or ''}" for r in korean)
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.search.clear()
    assert counted(qtbot, page) == 120
    with qtbot.waitSignal(page.model.reloaded):
        qtbot.keyClicks(page.filter_bar.search, "permit")
    english = shown_records(qtbot, page)
    assert english and all("permit" in f"{r['title']} {r.get('summary') or ''}".lower() for r in english)


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.go("market_brief")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.filter_bar.search.hasFocus())


def test_filters_and_sorting_are_done_by_the_database(qtbot: QtBot, window: MainWindow) -> None:
    page = cases_page(window)
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.set_filter("status", "closed")
    closed = shown_records(qtbot, page)
    assert closed and all(r["status"] == "closed" for r in closed)
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.set_filter("categories", "customs")
    both = shown_records(qtbot, page)
    assert all(r["status"] == "closed" and "customs" in r["categories"] for r in both)
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.clear()
    column = [c.key for c in page.model.columns].index("received_date")
    header = page.table.horizontalHeader()
    with qtbot.waitSignal(page.model.reloaded):
        header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
    dates = [r["received_date"] for r in shown_records(qtbot, page)]
    assert dates == sorted(dates)
    with qtbot.waitSignal(page.model.reloaded):
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    dates = [r["received_date"] for r in shown_records(qtbot, page)]
    assert dates == sorted(dates, reverse=True)
    # A filter change keeps the sort the person chose.
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.set_filter("status", "open")
    dates = [r["received_date"] for r in shown_records(qtbot, page)]
    assert dates == sorted(dates, reverse=True) and page.model.query.sort == "received_date"


def test_the_date_range_and_officer_filters(qtbot: QtBot, window: MainWindow, mission: AppContext) -> None:
    import datetime as dt

    page = cases_page(window)
    start = dt.date.today() - dt.timedelta(days=90)
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.date_from.set_value(start)  # type: ignore[union-attr]
    assert all(r["received_date"] >= start for r in shown_records(qtbot, page))
    officer = mission.device.officer_id
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.set_filter("officer_id", officer)
    assert all(r["officer_id"] == officer for r in shown_records(qtbot, page))


def test_a_long_list_is_fetched_page_by_page(qtbot: QtBot, mission: AppContext) -> None:
    from missiondesk.services.lookups import Lookups
    from missiondesk.ui.columns import CellFormatter

    generate_demo(mission, cases=450)
    model = RecordTableModel(
        RecordService(mission), CellFormatter(Lookups(mission)), ListQuery("support_case")
    )
    assert model.rowCount() == 450
    assert len(model._pages) == 1  # only the first page until rows further down are asked for
    last = model.index(449, 0)
    assert str(model.data(last)).startswith("DE-FRA-")
    assert model.data(last, ID_ROLE) == model.data(last, RECORD_ROLE).id
    assert len(model._pages) == 2


@pytest.mark.parametrize(
    ("entity_name", "trash"),
    [
        *(
            (name, False)
            for name in ("support_case", "market_brief", "council_meeting", "company", "proposal", "task")
        ),
        ("case_activity", False),  # the child lists (timeline, referrals, deliveries…) use the same model
        ("support_case", True),  # the trash
    ],
)
def test_every_table_model_passes_the_model_tester(
    qtmodeltester, mission: AppContext, entity_name: str, trash: bool
) -> None:  # type: ignore[no-untyped-def]
    """Qt's own QAbstractItemModelTester (pytest-qt's Python tester trips a PySide6 refcount bug at exit)."""
    from missiondesk.services.lookups import Lookups
    from missiondesk.ui.columns import CellFormatter

    generate_demo(mission, cases=30)
    service = RecordService(mission)
    if trash:
        for record in service.list(ListQuery("support_case", limit=5)).rows:
            service.delete("support_case", record.id)
    model = RecordTableModel(service, CellFormatter(Lookups(mission)), ListQuery(entity_name, trash=trash))
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_shortcuts_are_unique_and_every_one_is_in_a_menu(window: MainWindow) -> None:
    keys = [s.keys.toString() for s in SHORTCUTS]
    assert len(keys) == len(set(keys)) and all(keys)
    in_menus = {
        a
        for menu in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))
        for a in menu.actions()
    }
    for name, action in window.actions_.items():
        assert action in in_menus, f"{name} is in no menu"
    lines = window.show_shortcuts().text()
    assert "Ctrl+F" in lines and "Ctrl+Z" in lines


def test_window_geometry_splitters_and_columns_are_remembered(qtbot: QtBot, mission: AppContext) -> None:
    first = MainWindow(mission)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 600)
    size = first.size()  # Qt may hold it at the window's minimum width
    page = cases_page(first)
    page.table.horizontalHeader().resizeSection(1, 333)
    page.splitter.setSizes([300, 300])
    first.close()
    second = MainWindow(mission)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size and size.height() == 600
    again = cases_page(second)
    assert again.table.horizontalHeader().sectionSize(1) == 333
    assert again.splitter.sizes() == page.splitter.sizes()
    second.close()


def test_dark_mode_is_remembered_and_changes_the_palette(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    window.set_theme("dark")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.set_theme("light")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    window.set_theme("dark")
    again = MainWindow(mission)
    qtbot.addWidget(again)
    assert again.theme_name == "dark"
    window.set_theme("system")


def test_tasks_due_soon_are_counted_and_lead_to_my_work(qtbot: QtBot, mission: AppContext) -> None:
    import datetime as dt

    RecordService(mission).create("task", {"title": "대사관 보고서 제출", "due_date": dt.date.today()})
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.due_soon.isVisible)  # counted on the task runner
    assert window.due_soon.text() == "Tasks due within a week: 1"
    qtbot.mouseClick(window.due_soon, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pages["my_work"]


def test_exit_when_ready_opens_the_window_and_exits(tmp_path: Path, mission: AppContext) -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    ok = subprocess.run(
        [sys.executable, "-m", "missiondesk", "--data-dir", str(mission.paths.root), "--exit-when-ready"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ready in ")
    # Resident memory is read the platform's way (/proc on Linux, the working set on Windows).
    memory = re.search(r"resident memory (\d+) MB", ok.stdout)
    assert memory and int(memory.group(1)) > 20, ok.stdout
    empty = subprocess.run(
        [sys.executable, "-m", "missiondesk", "--data-dir", str(tmp_path / "nothing"), "--exit-when-ready"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert empty.returncode == 1  # a problem the message explains, as the README and the CLI say
    assert "not set up" in empty.stderr


def test_the_frame_is_shown_first_and_filled_in_when_the_database_is_open(
    qtbot: QtBot, mission: AppContext
) -> None:
    generate_demo(mission, cases=30)
    window = MainWindow(None, opening=mission.paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.opening and window.nav.count() == len(PAGES)
    assert not window.menuBar().isEnabled()  # nothing to act on until the database is open
    assert [n for n, a in window.actions_.items() if a.isEnabled()] == ["quit"]
    window.attach(mission)
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage) and page.model.total == 30
    assert window.stack.indexOf(window.opening) == -1
    assert mission.device.mission in window.windowTitle()
    assert window.menuBar().isEnabled() and window.actions_["new"].isEnabled()
    assert not window.actions_["undo_delete"].isEnabled()
    window.nav.setCurrentRow([k for k, _ in PAGES].index("company"))
    assert window.stack.currentWidget() is window.pages["company"]


def test_the_start_up_path_shows_its_frame_before_loading_the_database_layer() -> None:
    code = "import sys, missiondesk.ui.launch; print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_frame_loads_neither_the_schema_nor_the_file_readers_nor_the_ciphers() -> None:
    """What the frame's modules import: the words of errors, the bundles' side-cars (cryptography), the
    legacy table readers (calamine) and the schema load when they are used, not before the frame."""
    code = (
        "import sys, missiondesk.app, missiondesk.ui.launch; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cryptography', 'python_calamine', "
        "'msoffcrypto', 'orjson') or m.startswith(('missiondesk.domain.schema', 'missiondesk.tables', "
        "'missiondesk.bundles', 'missiondesk.ui.labels'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_what_the_first_page_does_not_need_follows_it(
    qtbot: QtBot, mission: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up shows the case list first; the status bar's counts, My work's reminders and the clean-up
    of viewer copies come a moment after it (``ready`` does not wait for them), and still come."""
    cleaned: list[AppContext] = []
    monkeypatch.setattr(main_window, "_remove_viewer_copies", cleaned.append)
    window = MainWindow(None, opening=mission.paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.attach(mission)
    assert isinstance(window.stack.currentWidget(), ListPage)  # the first page, at once
    assert window.status.unsent.text() == "" and window.reminders.read_on is None and cleaned == []
    qtbot.waitUntil(lambda: window.settled)
    assert cleaned == [mission]
    assert window.status.unsent.text() == "Unsent changes: 1"  # the officer's own record, made at set-up
    qtbot.waitUntil(lambda: window.reminders.read_on is not None)


def test_a_database_that_cannot_be_opened_is_explained_in_the_window_and_by_exit_when_ready(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "missiondesk.sqlite3").write_bytes(b"this is not a database" * 10)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "missiondesk", "--data-dir", str(folder), "--exit-when-ready"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 1
    assert "not a MissionDesk database" in run.stderr and "left untouched" in run.stderr
    assert (folder / "missiondesk.sqlite3").read_bytes() == b"this is not a database" * 10
    # In the window: the frame says why, instead of the lists.
    window = MainWindow(None, opening=resolve(folder))
    qtbot.addWidget(window)
    window.show()
    args = launch.argparse.Namespace(data_dir=str(folder), exit_when_ready=False)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opening = launch.Opening(str(folder), lambda got: launch.finish_opening(app, window, got, args, 0.0))
    qtbot.waitUntil(lambda: hasattr(window, "problem"))
    assert "not a MissionDesk database" in window.problem.text()
    assert opening.wait() is None and window.ctx is None


def test_a_window_closed_while_the_database_opens_waits_for_it_and_gets_its_context(
    qtbot: QtBot, mission: AppContext
) -> None:
    got: list[object] = []
    opening = launch.Opening(str(mission.paths.root), got.append)
    ctx = opening.wait()  # the window went away at once: the open still finishes, and is closed by the caller
    assert ctx is not None and ctx.device.device_id == mission.device.device_id
    ctx.close()
    qtbot.waitUntil(lambda: len(got) == 1)  # the GUI side still hears of it, harmlessly


def test_rows_are_selected_whole_and_read_only(window: MainWindow) -> None:
    table = cases_page(window).table
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_a_big_list_shows_its_first_page_then_its_count(qtbot: QtBot, mission: AppContext) -> None:
    generate_demo(mission, cases=350)
    window = MainWindow(mission)
    qtbot.addWidget(window)
    page = cases_page(window)
    with qtbot.waitSignal(page.model.counted) as blocker:
        with qtbot.waitSignal(page.model.reloaded):
            page.refresh()  # read the whole list again
        assert page.model.counting and page.model.total == 100  # the first page, shown before the count
        assert "counting" in page.count.text()
    assert blocker.args == [350] and page.model.rowCount() == 350
    assert page.count.text() == "350 shown"
    assert str(page.model.index(349, 0).data()).startswith("DE-FRA-")


def test_a_typed_reference_finds_cases_by_their_reference(qtbot: QtBot, window: MainWindow) -> None:
    page = cases_page(window)
    some = page.model.record_at(5)
    prefix = some["reference"][:-2].lower()  # "de-fra-26-10": typed in lower case, unfinished
    with qtbot.waitSignal(page.model.reloaded):
        page.filter_bar.search.setText(prefix)
    found = shown_records(qtbot, page)
    assert some.id in {r.id for r in found}
    assert all(r["reference"].startswith(prefix.upper()) for r in found)


def test_each_list_opens_in_its_default_order(qtbot: QtBot, window: MainWindow) -> None:
    page = window.go("council_meeting")
    assert isinstance(page, ListPage)
    assert page.model.query.sort == "date" and page.model.query.descending
    dates = [r["date"] for r in shown_records(qtbot, page) if r.get("date")]
    assert dates == sorted(dates, reverse=True)
    header = page.table.horizontalHeader()
    assert page.model.columns[header.sortIndicatorSection()].key == "date"


def test_korean_text_has_an_installed_korean_font(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from missiondesk.ui.fonts import KOREAN_FAMILIES, use_korean_fallback

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    try:
        use_korean_fallback(app)
        korean = set(QFontDatabase.families(QFontDatabase.WritingSystem.Korean))
        chosen = [f for f in app.font().families() if f in korean]
        assert chosen and chosen[0] in KOREAN_FAMILIES  # .ci/run installs fonts-noto-cjk
    finally:
        app.setFont(before)


def test_switching_the_language_keeps_what_was_typed_and_the_open_record(
    qtbot: QtBot, window: MainWindow, mission: AppContext
) -> None:
    from missiondesk.ui import i18n

    page = cases_page(window)
    record = page.select_row(0)
    assert record is not None
    page.detail.editor.form.editors["title"].setText("언어 전환 중에 입력한 제목")
    try:
        successor = window.set_language("ko")
        assert successor is not None
        qtbot.addWidget(successor)
        assert successor.menuBar().actions()[0].text() == "파일(&F)"
        again = successor.pages["support_case"]
        assert isinstance(again, ListPage)
        assert again.shown_record is not None and again.shown_record.id == record.id
        assert again.detail.editor.form.editors["title"].text() == "언어 전환 중에 입력한 제목"
        assert RecordService(mission).get("support_case", record.id)["title"] == "언어 전환 중에 입력한 제목"
        assert not window.isVisible()
        successor.close()
    finally:
        i18n.install("en")


def test_money_is_shown_with_its_currency_and_read_back(qtbot: QtBot, mission: AppContext) -> None:
    from missiondesk.domain.schema import entity
    from missiondesk.ui.fields import IntEditor

    editor = IntEditor(entity("proposal").field("budget_krw"))
    qtbot.addWidget(editor)
    editor.set_value(150_000_000)
    assert editor.text() == "₩150,000,000"
    assert editor.value() == 150_000_000
    editor.setText("2,500,000원")
    assert editor.value() == 2_500_000
    editor.setText("lots")
    assert editor.value() == "lots"  # left for validation to name


def test_a_count_overtaken_by_the_next_filter_is_dropped_without_a_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = cases_page(window)
    with qtbot.waitSignal(page.model.counted, check_params_cb=lambda n: n == 120, timeout=5000):
        for status in ("open", "in_progress", "closed"):  # one after the other, faster than they count
            page.apply_query(ListQuery("support_case", equals={"status": status}, limit=10))
        page.apply_query(ListQuery("support_case", limit=10))
    qtbot.waitUntil(lambda: not window.ui.tasks.running)
    assert page.model.total == 120 and page.count.text() == "120 shown"
    assert window.ui.errors.last_message is None and window.ui.errors.last_crash is None
