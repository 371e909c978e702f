"""HQ's own views in its window: the missions side by side for the dashboard's period, the data-quality
list, and each row opening what stands behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.reports.tallies import count
from missiondesk.services.records import RecordService
from missiondesk.ui.dashboard import Dashboard
from missiondesk.ui.hq_views import RECORD_ROLE, HqViews
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import PAGES, MainWindow
from tests.reportdata import CUTOFF, Year, build
from tests.test_hq_views import add_quality_traps


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Year]:
    built = build(tmp_path_factory.mktemp("hq-window"))
    built.ids.update(add_quality_traps(built))
    yield built
    built.world.close()


def hq_views(qtbot: QtBot, window: MainWindow) -> HqViews:
    """The HQ views after the dashboard was set to 2024 with the ministry's cut-off."""
    with qtbot.waitSignal(window.page("reports").refreshed, timeout=20_000):  # type: ignore[attr-defined]
        window.go("reports")
    dash = window.pages["reports"]
    assert isinstance(dash, Dashboard)
    with qtbot.waitSignal(dash.refreshed, timeout=20_000):
        dash.year.setCurrentIndex(dash.year.findData(2024))
    assert dash.period().last == CUTOFF  # a past year counts to its cut-off
    views = window.page("hq_views")
    assert isinstance(views, HqViews)
    with qtbot.waitSignal(views.refreshed, timeout=20_000):
        window.nav.setCurrentRow([k for k, _ in PAGES].index("hq_views"))
    return views


@pytest.fixture
def window(open_window: Callable[..., MainWindow], year: Year) -> MainWindow:
    return open_window(year.hq, size=(1280, 800))


def test_the_missions_side_by_side_count_the_dashboards_period(
    qtbot: QtBot, window: MainWindow, year: Year
) -> None:
    views = hq_views(qtbot, window)
    assert not window.nav.item([k for k, _ in PAGES].index("hq_views")).isHidden()
    assert "2024-01-01" in views.caption.text() and "2024-11-30" in views.caption.text()
    table = views.missions
    rows = {
        table.item(r, 0).data(RECORD_ROLE): [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    }
    period = views.counted
    assert period is not None
    with year.hq.store.read() as conn:
        from missiondesk.reports.period import ReportScope, ScopeKind

        fra = count(conn, period, ReportScope(ScopeKind.MISSION, "DE-FRA"))
    assert rows["DE-FRA"] == [
        str(fra[n]) for n in ("cases_received", "meetings_held", "deliveries", "cases_open", "cases_dormant")
    ]
    assert rows["US-NYC"] == ["0"] * 5  # a silent mission is listed too
    assert table.item(0, 0).data(RECORD_ROLE) == "DE-FRA"  # the busiest first
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "Mission",
        "Support cases",
        "Council meetings held",
        "Market-information instances",
        "Open cases",
        "Dormant cases",
    ]
    # A mission's row opens its cases of the period in the case list.
    table.itemActivated.emit(table.item(0, 1))
    cases = window.stack.currentWidget()
    assert isinstance(cases, ListPage) and cases.spec.name == "support_case"
    qtbot.waitUntil(lambda: cases.model.total == fra["cases_received"], timeout=10_000)


def test_each_data_quality_row_opens_its_record(qtbot: QtBot, window: MainWindow, year: Year) -> None:
    views = hq_views(qtbot, window)
    table = views.quality
    shown = {
        table.item(r, 0).data(RECORD_ROLE)[1]: (table.item(r, 0).text(), table.item(r, 3).text())
        for r in range(table.rowCount())
    }
    ids = year.ids
    assert shown[ids["bare_case"]][0] == "Closed as resolved without results"
    assert shown[ids["twin_b"]] == ("Company that looks like a duplicate", "same name “배터리리텍”")
    assert shown[ids["brn_b"]][1] == "same business number 1234567890"
    assert shown[ids["m_fra_jun"]][0] == "Held meeting without attendance"
    assert ids["m_fra_mar"] not in shown and ids["withdrawn_case"] not in shown
    assert views.tabs.tabText(1) == f"Data quality ({table.rowCount()})"
    for key, entity_name in (
        ("bare_case", "support_case"),
        ("twin_b", "company"),
        ("m_fra_jun", "council_meeting"),
    ):
        row = next(r for r in range(table.rowCount()) if table.item(r, 0).data(RECORD_ROLE)[1] == ids[key])
        table.itemActivated.emit(table.item(row, 2))
        page = window.stack.currentWidget()
        assert isinstance(page, ListPage) and page.spec.name == entity_name
        assert page.detail.record is not None and page.detail.record.id == ids[key]
        window.go("hq_views")
        qtbot.waitUntil(lambda: not window.ui.tasks.running, timeout=20_000)


def test_a_mission_laptop_does_not_offer_hqs_views(qtbot: QtBot, tmp_path: Path) -> None:
    from missiondesk.services.setup import init_mission

    laptop = init_mission(tmp_path / "laptop", "DE-FRA", "김영희")
    RecordService(laptop).create("support_case", {"title": "하나", "received_date": "2026-03-02"})
    w = MainWindow(laptop)
    qtbot.addWidget(w)
    assert w.nav.item([k for k, _ in PAGES].index("hq_views")).isHidden()
    assert not w.nav.item([k for k, _ in PAGES].index("reports")).isHidden()
    w.close()
    laptop.close()


def test_hqs_case_list_fits_its_columns_when_the_first_import_fills_it(qtbot: QtBot, tmp_path: Path) -> None:
    """HQ's window opens on an empty case list; the rows an import brings get columns as wide as their
    contents (they kept their headers' widths, 60 pixels, and showed 'DE-FRA-…', '바이에…')."""
    from tests.syncsim import World

    world = World.make(tmp_path)
    fra = world.laptop("fra")
    service = RecordService(fra)
    company = service.create("company", {"name_ko": "해오름반도체", "name_en": "Haeoreum Semicon"}).record_id
    for i in range(3):
        service.create(
            "support_case",
            {
                "title": f"바이에른주 생산부지 확보 및 임대 협의 {i}",
                "received_date": "2026-03-02",
                "company_id": company,
            },
        )
    w = MainWindow(world.hq)
    qtbot.addWidget(w)
    w.show()
    cases = w.current_list()
    assert cases is not None and cases.model.rowCount() == 0
    world.push(fra)
    with qtbot.waitSignal(cases.model.reloaded, timeout=10_000):
        w.ui.changes.announce_everything()  # what an import or a sync that pulled announces
    table = cases.table
    header = table.horizontalHeader()
    for name in ("reference", "title", "company_id"):
        col = [c.key for c in cases.model.columns].index(name)
        wanted = min(table.sizeHintForColumn(col), 280)
        assert header.sectionSize(col) >= wanted > 60, name
    w.close()
    world.close()
