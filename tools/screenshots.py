"""Screenshots of the main screens with Korean practice data, taken offscreen: docs/screenshots/*.png.

QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from missiondesk.reports import drill
from missiondesk.services import bundle_export, device_keys
from missiondesk.services.demo import generate_demo
from missiondesk.services.records import RecordService
from missiondesk.services.setup import init_hq, init_mission
from missiondesk.ui import i18n, theme
from missiondesk.ui.fonts import use_korean_fallback
from missiondesk.ui.labels import korean
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow

PAGES = (
    ("cases", "support_case"),
    ("briefs", "market_brief"),
    ("meetings", "council_meeting"),
    ("companies", "company"),
    ("proposals", "proposal"),
    ("tasks", "task"),
    ("trash", "trash"),
    ("dashboard", "reports"),
    ("sync", "sync"),
)


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    app.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    use_korean_fallback(app)
    for language, folder in (("ko", out), ("en", out / "en")):
        i18n.install(language)
        shoot(app, folder)
    return 0


def shoot(app: QApplication, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = init_mission(Path(tmp) / "laptop", "DE-FRA", "김영희")
        generate_demo(ctx, cases=400)
        theme.apply(app, "light")
        # Start-up: the frame first, while the database opens; then it is filled in.
        window = MainWindow(None, opening=ctx.paths)
        window.resize(1440, 900)
        window.show()
        save(app, window, out / "opening.png")
        window.attach(ctx)
        for name, key in PAGES:
            page = window.go(key)
            if key == "reports":
                done: list[object] = []
                window.dashboard.refreshed.connect(done.append)  # go() counts on the first visit
                while not done:
                    app.processEvents()
            table = getattr(page, "table", None)
            if table is not None and table.model().rowCount() > 0 and key != "trash":
                table.selectRow(0)
            save(app, window, out / f"{name}.png")
            if key == "reports" and window.dashboard.report is not None:
                # A figure clicked: its list, every condition in sight.
                query = drill.query_for(window.dashboard.report.tallies, "cases_pending")
                if query is not None:
                    window.open_records(query)
                    save(app, window, out / "dashboard-drill.png")
                    drilled = window.go("support_case")
                    assert isinstance(drilled, ListPage)
                    drilled.filter_bar.clear()

        cases = window.go("support_case")
        assert isinstance(cases, ListPage)
        for row in range(cases.model.rowCount()):
            record = cases.model.record_at(row)
            if record is not None and record["status"] in ("open", "in_progress"):
                cases.table.selectRow(row)
                break
        closing = cases.detail.editor.workflow_buttons["closed"]
        closing.click()
        dialog = cases.detail.editor.transition_dialog
        dialog.buttons.accepted.emit()  # nothing chosen yet: the problems show at the fields
        save(app, dialog, out / "close-case-dialog.png")
        # Filled in and closed: the pane shows how the case ended, on top.
        dialog.form.set("outcome", "resolved_full")
        dialog.form.editors["resolution_summary"].setPlainText(
            "주정부·시 협조로 건축허가 발급, 부지 임대 계약 체결"
        )
        dialog.form.editors["investment_usd"].setText("20000000")
        dialog.form.editors["jobs_created"].setText("40")
        dialog.form.set("permit_obtained", True)
        dialog.form.set("site_secured", True)
        dialog.apply()
        save(app, window, out / "case-closed.png")

        # A new case naming a company nobody has recorded: added from the case form.
        cases.new_button.click()
        form = cases.detail.editor.form
        form.editors["title"].setText("배터리 재제조 공장 부지 및 인허가")
        form.editors["company_id"].setText("포엔")
        form.set("country", "DE")
        form.set("area", "DE-BW")
        adding = cases.detail.editor.add_linked_record("company_id", "포엔")
        adding.editor.form.editors["name_en"].setText("POEN Co., Ltd.")
        save(app, adding, out / "new-company-from-case.png")
        adding.editor.save()
        # Categories: searched and ticked in a list that stays open.
        categories = form.editors["categories"]
        categories.menu_.popup(categories.mapToGlobal(categories.rect().bottomLeft()))
        categories.search.setText("인허가" if korean() else "permit")
        categories.toggle_item(categories.list_.currentItem())
        save(app, categories.menu_, out / "categories-search.png")
        categories.menu_.close()
        save(app, window, out / "case-form.png")
        cases.detail.editor.revert()

        export = window.open_export()
        save(app, export, out / "export-dialog.png")
        export.reject()
        records = RecordService(ctx)  # a few changes made on the laptop, for the bundle to carry
        for title in ("통관 보류 — 배터리 부품", "취업비자 발급 지연", "공장 부지 인허가"):
            records.create("support_case", {"title": title, "received_date": "2026-11-02"})
        bundle = Path(tmp) / "bundle.xlsx"
        bundle_export.export_bundle(ctx, bundle)
        # The wizard at HQ, which knows the laptop's key: its checks pass and its preview fills.
        hq = init_hq(Path(tmp) / "hq", "이준호")
        device_keys.write_key_card(ctx, Path(tmp) / "laptop.key")
        device_keys.trust_key(hq, Path(tmp) / "laptop.key")
        at_hq = MainWindow(hq)
        wizard = at_hq.open_import([bundle])
        save(app, wizard, out / "import-wizard-files.png")
        wizard.next()
        while wizard.plan is None:
            app.processEvents()
        wizard.checks_page.tree.expandAll()
        save(app, wizard, out / "import-wizard-checks.png")
        wizard.next()
        # Open the cases and one case, as someone would (rows are filled as they open).
        tree = wizard.preview_page.tree
        bundle_row = tree.topLevelItem(0)
        assert bundle_row is not None
        cases_row = bundle_row.child(bundle_row.childCount() - 1)
        cases_row.setExpanded(True)
        cases_row.child(0).setExpanded(True)
        save(app, wizard, out / "import-wizard-preview.png")
        wizard.reject()
        at_hq.close()
        at_hq.deleteLater()
        hq.close()

        theme.apply(app, "dark")
        window.go("support_case")
        save(app, window, out / "cases-dark.png")
        window.close()
        window.deleteLater()
        app.processEvents()
        ctx.close()


if __name__ == "__main__":
    sys.exit(
        main(
            Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "docs" / "screenshots"
        )
    )
