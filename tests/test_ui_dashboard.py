"""The Reports page driven as an analyst would: figures, the sentence, a click on a figure and on a bar."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from missiondesk.reports import drill
from missiondesk.reports.rules import RULES
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.services.records import RecordService
from missiondesk.ui.dashboard import Dashboard
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow


@pytest.fixture
def window(open_window: Callable[..., MainWindow], mission: AppContext) -> MainWindow:
    generate_demo(mission, cases=150)
    return open_window(mission)


def open_dashboard(qtbot: QtBot, window: MainWindow) -> Dashboard:
    with qtbot.waitSignal(window.page("reports").refreshed, timeout=10_000):  # type: ignore[attr-defined]
        window.go("reports")
    dash = window.pages["reports"]
    assert isinstance(dash, Dashboard)
    return dash


def test_the_dashboard_shows_the_figures_and_the_sentence(qtbot: QtBot, window: MainWindow) -> None:
    dash = open_dashboard(qtbot, window)
    report = dash.report
    assert report is not None
    t = report.tallies
    assert dash.headline_ko.text() == report.headline_ko and "기준" in report.headline_ko
    cutoff = dash.default_cutoff()  # today while the year runs, the year's cut-off after it
    assert dash.headline_en.text().startswith(f"As of {cutoff.day} {cutoff:%B}, the mission held")
    assert dash.tiles["cases_received"].text().startswith(f"{t['cases_received']:,}\n")
    assert t["cases_received"] > 0
    assert [b.value for b in dash.charts["cases_by_category"].bars] == list(
        t.breakdowns["cases_by_category"].values()
    )[:12]
    assert report.rules_version in dash.status.text()
    assert all(code in dash.status.toolTip() for code, _ in RULES)  # how each figure is counted, on hover
    assert "Support cases = cases received" in dash.status.toolTip()
    assert not dash.lock_button.isVisible()  # a mission laptop does not lock periods


def test_a_click_on_a_figure_opens_its_records_in_the_list(qtbot: QtBot, window: MainWindow) -> None:
    dash = open_dashboard(qtbot, window)
    assert dash.report is not None
    expected = drill.query_for(dash.report.tallies, "cases_pending")
    with qtbot.waitSignal(dash.open_records) as opened:
        qtbot.mouseClick(dash.tiles["cases_pending"], Qt.MouseButton.LeftButton)
    assert opened.args == [expected]
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage) and page.spec.name == "support_case"
    assert page.model.query.equals == expected.equals  # type: ignore[union-attr]
    assert page.model.total == dash.report.tallies["cases_pending"]
    assert all(page.model.record_at(i)["status"] == "pending" for i in range(page.model.rowCount()))


def test_a_click_on_a_bar_opens_the_cases_of_that_category(qtbot: QtBot, window: MainWindow) -> None:
    dash = open_dashboard(qtbot, window)
    assert dash.report is not None
    chart = dash.charts["cases_by_category"]
    qtbot.waitUntil(lambda: bool(chart.rects))  # painted once, so the bars have places
    key, count = next(iter(dash.report.tallies.breakdowns["cases_by_category"].items()))
    with qtbot.waitSignal(chart.clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_centre(key).toPoint())
    assert clicked.args == [key]
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage) and page.model.query.has_code == {"categories": key}
    assert page.model.total == count


def test_changing_the_year_counts_again_and_the_export_writes_the_three_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    dash = open_dashboard(qtbot, window)
    with qtbot.waitSignal(dash.refreshed, timeout=10_000) as done:
        dash.year.setCurrentIndex(1)
    assert done.args[0].tallies.period.start.year == dash.year.currentData()
    dash.choose_export_path = lambda: str(tmp_path / "report.xlsx")
    written = dash.export()
    assert written is not None
    xlsx, pdf, hwpx = written
    assert xlsx.exists() and pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(hwpx) as package:  # the ministry's document: an OWPML package, its text the report's
        assert package.namelist()[0] == "mimetype" and package.read("mimetype") == b"application/hwp+zip"
        assert "지원협의회" in package.read("Contents/section0.xml").decode("utf-8")
    assert hwpx.name in dash.status.text()


def test_todays_work_counts_without_touching_the_cut_off_and_a_chosen_cut_off_is_remembered(
    qtbot: QtBot, mission: AppContext
) -> None:
    """The ministry's cut-off for the year (30 November) is not the dashboard's default while the year
    runs: a case received today (or imported today) counts at once."""
    today = dt.date.today()
    RecordService(mission).create(
        "support_case", {"title": "오늘 접수된 사례", "received_date": today.isoformat()}
    )

    def dashboard() -> Dashboard:
        w = MainWindow(mission)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        return open_dashboard(qtbot, w)

    dash = dashboard()
    assert dash.cutoff.date().toPython() == today
    assert dash.report is not None and dash.report.tallies.figures["cases_received"] == 1
    # A cut-off the analyst chooses is kept for this data folder; an empty period says what it counted.
    with qtbot.waitSignal(dash.refreshed, timeout=10_000):
        dash.cutoff.setDate(QDate(today.year, 1, 1))
    assert dash.report is not None and dash.report.tallies.figures["cases_received"] == 0
    assert f"{today.year}-01-01" in dash.status.text() and "cut-off" in dash.status.text()
    dash.window().close()
    again = dashboard()
    assert again.cutoff.date().toPython() == dt.date(today.year, 1, 1)
    # Set back to today, it follows the days again (nothing is kept).
    with qtbot.waitSignal(again.refreshed, timeout=10_000):
        again.cutoff.setDate(QDate(today.year, today.month, today.day))
    assert again.state.value(f"dashboard/cutoff/{today.year}") == ""


def test_hqs_scopes_are_listed_by_name_in_the_windows_language(
    qtbot: QtBot, open_window: Callable[..., MainWindow], hq: AppContext
) -> None:
    window = open_window(hq)
    dash = open_dashboard(qtbot, window)
    keys = [str(dash.scope.itemData(i)) for i in range(dash.scope.count())]
    labels = [dash.scope.itemText(i) for i in range(dash.scope.count())]
    assert keys[0] == "all"
    for kind in ("region", "country", "mission"):
        group = [label for key, label in zip(keys, labels, strict=True) if key.startswith(f"{kind}:")]
        assert len(group) > 1 and group == sorted(group, key=str.casefold), kind


def test_a_figure_opened_from_the_dashboard_shows_every_condition_of_its_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    dash = open_dashboard(qtbot, window)
    assert dash.report is not None
    expected = drill.query_for(dash.report.tallies, "cases_pending")
    assert expected is not None
    with qtbot.waitSignal(dash.open_records):
        qtbot.mouseClick(dash.tiles["cases_pending"], Qt.MouseButton.LeftButton)
    page = window.stack.currentWidget()
    assert isinstance(page, ListPage)
    bar = page.filter_bar
    # What a control can show is in its control: the status, the period's received dates...
    assert bar.filters["status"].value() == "pending"
    assert bar.date_from is not None and bar.date_to is not None
    assert (bar.date_from.value(), bar.date_to.value()) == (expected.date_from, expected.date_to)
    # ...and what none can is said above the list.
    assert bar.hidden.isVisible() and "Duplicate of" in bar.hidden.text()
    assert page.model.total == dash.report.tallies["cases_pending"]
    # Clear shows every case again, and nothing stays hidden.
    bar.clear_button.click()
    assert not bar.hidden.isVisible()
    assert page.model.query.equals == {} and page.model.query.date_field is None


def test_after_an_import_at_hq_the_dashboard_counts_the_imported_records_without_touching_the_cut_off(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The analyst's first look after importing a mission's bundle: today's case is counted at once."""
    from missiondesk.services import bundle_export
    from tests.syncsim import World
    from tests.test_ui_bundles import trusted_laptop

    today = dt.date.today()
    world = World.make(tmp_path)
    try:
        fra = trusted_laptop(world, "fra", tmp_path)
        service = RecordService(fra)
        service.create("support_case", {"title": "오늘 접수된 사례", "received_date": today.isoformat()})
        service.create(
            "support_case", {"title": "오늘 접수된 두 번째 사례", "received_date": today.isoformat()}
        )
        bundle = tmp_path / "fra.xlsx"
        bundle_export.export_bundle(fra, bundle)
        window = MainWindow(world.hq)
        qtbot.addWidget(window)
        window.show()
        dash = open_dashboard(qtbot, window)
        assert dash.report is not None and dash.report.tallies.figures["cases_received"] == 0

        wizard = window.open_import([bundle])
        wizard.next()
        qtbot.waitUntil(lambda: wizard.plan is not None, timeout=30_000)
        wizard.next()
        with qtbot.waitSignal(wizard.imported, timeout=30_000):
            wizard.next()
        wizard.close()
        with qtbot.waitSignal(dash.refreshed, timeout=10_000):
            window.go("reports")

        assert dash.cutoff.date().toPython() == today  # nobody touched it
        assert dash.report is not None and dash.report.tallies.figures["cases_received"] == 2
        window.close()
    finally:
        world.close()
