"""Benchmark the Reports page on a mission laptop with 100,000 demo cases: the dashboard refresh.

Prints figures next to their target; it never asserts timings (machines differ).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_reports.py [--cases 100000] [--runs 20] [--data-dir DIR]

- Tallies: ``ReportService.report(period, scope)``, every figure counted by SQL (the part that runs on
  the task runner's worker thread).
- Refresh: the tallies plus ``Dashboard.show_report`` and a synchronous repaint of the page (what the
  user waits for after changing the year, the cut-off or the scope). Target: p95 under 300 ms.
- Limit of both: the tallies' SQL replayed bare through the store's driver in the same run (recorded
  by calling ``ReportService.report`` directly on this thread; see bench/bare.py), and the ratio
  p95 / limit p95: the service's overhead for the tallies, the service's and the widgets' for the refresh.
- Export: the report workbook (``.xlsx`` with charts) and the PDF, once each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bare import bare_samples, beside, machine_load, p95, recorded

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REFRESH_TARGET_MS = 300.0


def line(name: str, values: list[float], limit_ms: float, target: float | None = None) -> None:
    ms = [v * 1000 for v in values]
    verdict = ""
    if target is not None:
        verdict = "  ok" if p95(ms) < target else "  OVER TARGET"
        verdict = f"  (target p95 < {target:.0f} ms){verdict}"
    print(
        f"{name:<46} p50 {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms  "
        f"{beside(p95(ms), limit_ms)}{verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--data-dir", help="a folder not set up yet (kept afterwards)")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from missiondesk.reports.period import ReportScope
    from missiondesk.services.demo import generate_demo
    from missiondesk.services.reports import ReportService
    from missiondesk.services.setup import init_mission
    from missiondesk.ui.dashboard import Dashboard
    from missiondesk.ui.ui_context import UiContext

    app = QApplication(sys.argv[:1])
    tmp = None if args.data_dir else tempfile.TemporaryDirectory(prefix="md-bench-reports-")
    root = Path(args.data_dir or tmp.name)  # type: ignore[union-attr]
    print(f"data folder: {root}; {machine_load()}")
    ctx = init_mission(root / "data", "DE-FRA", "벤치 담당관")
    started = time.perf_counter()
    demo = generate_demo(ctx, cases=args.cases)
    print(
        f"demo data: {demo.cases:,} cases, {demo.activities:,} activities, {demo.referrals:,} referrals, "
        f"{demo.deliveries:,} deliveries in {time.perf_counter() - started:.1f} s"
    )

    service = ReportService(ctx)
    ui = UiContext.create(ctx, None)
    dash = Dashboard(ui)
    dash.resize(1440, 900)
    dash.show()
    app.processEvents()
    this_year = service.period(str(time.gmtime().tm_year))
    scopes = {"own mission": service.default_scope(), "all missions": ReportScope()}

    for label, scope in scopes.items():
        service.report(this_year, scope)  # warm-up, not counted
        tallies: list[float] = []
        refresh: list[float] = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            report = service.report(this_year, scope)
            t1 = time.perf_counter()
            dash.show_report(report)
            dash.repaint()
            app.processEvents()
            t2 = time.perf_counter()
            tallies.append(t1 - t0)
            refresh.append(t2 - t0)
        # The limit: the tallies' statements, recorded on this thread (the dashboard counts them on a
        # worker thread, so they are recorded by calling the service here), replayed bare.
        with recorded(ctx.store.engine) as statements:
            service.report(this_year, scope)
        limit = p95(bare_samples(ctx.store.engine, statements, args.runs))
        print(
            f"-- {label}: {report.tallies['cases_received']:,} cases counted in {this_year.label()} "
            f"({len(statements)} statements; limit: them replayed bare through the driver, p95)"
        )
        line("tallies (SQL, worker thread)", tallies, limit)
        line("dashboard refresh (tallies + widgets + paint)", refresh, limit, REFRESH_TARGET_MS)

    out = root / "bench-report"
    t0 = time.perf_counter()
    service.export(report, out.with_suffix(".xlsx"))
    t1 = time.perf_counter()
    from missiondesk.ui.report_pdf import write_pdf

    write_pdf(report, out.with_suffix(".pdf"))
    t2 = time.perf_counter()
    print(f"export: workbook {1000 * (t1 - t0):.0f} ms, PDF {1000 * (t2 - t1):.0f} ms")
    print(f"at the end: {machine_load()}")

    dash.close()
    dash.deleteLater()
    app.processEvents()
    ctx.close()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
