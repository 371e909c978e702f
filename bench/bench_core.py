"""Benchmark the core services on a realistic mission laptop: demo data, search, list pages.

Prints figures next to their targets; it never asserts timings (machines differ).

    .venv/bin/python bench/bench_core.py [--cases 100000] [--data-dir DIR] [--repeat 20] [--keep]
                                         [--compare-plaintext]

The database is encrypted (SQLCipher), as on every laptop. ``--compare-plaintext`` runs every section
a second time on an unencrypted folder in the same run and ends with the two side by side (the
ratio's target: encrypted within 1.25x of plaintext).

Without --data-dir a fresh temporary folder is used and removed afterwards (unless --keep).
With --data-dir the folder is left in place for inspection: ``DIR/encrypted`` (and ``DIR/plaintext``,
which ``sqlite3 DIR/plaintext/missiondesk.sqlite3 'EXPLAIN QUERY PLAN ...'`` can read).
"""

from __future__ import annotations

import argparse
import math
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bare import bare_samples, machine_load, recorded, wide
from missiondesk.domain.records import ListQuery
from missiondesk.services import maintenance
from missiondesk.services.context import AppContext
from missiondesk.services.demo import generate_demo
from missiondesk.services.records import RecordService
from missiondesk.services.search import search_all
from missiondesk.services.setup import init_mission
from missiondesk.store.cipher import driver
from plaintext_store import plaintext_store

MISSION = "DE-FRA"
OFFICER = "벤치 담당관"
SEARCH_TARGET_MS = 30.0
PAGE_TARGET_MS = 20.0
PAGE_SIZE = 100
DEEP_OFFSET = 50_000
TRIGRAM = 3  # the store's FTS5 trigram index answers terms of 3+ characters; shorter ones use LIKE

# (query, class). Classes: Korean with every term >= 3 characters (FTS path), Korean with a
# term < 3 characters (LIKE path), Latin script (either path, shown per query).
KO_LONG = "ko>=3"
KO_SHORT = "ko<3"
LATIN = "latin"
QUERIES: tuple[tuple[str, str], ...] = (
    ("바이에른", KO_LONG),
    ("건축허가", KO_LONG),
    ("배터리", KO_LONG),
    ("취업비자", KO_LONG),
    ("생산부지", KO_LONG),
    ("한빛배터리", KO_LONG),
    ("바이에른 건축허가", KO_LONG),
    ("통관", KO_SHORT),
    ("비자", KO_SHORT),
    ("부지", KO_SHORT),
    ("인증", KO_SHORT),
    ("상표", KO_SHORT),
    ("바이에른 비자", KO_SHORT),
    ("뮌헨", KO_SHORT),  # no hits: the LIKE path has to read every document
    ("permit", LATIN),
    ("Bavaria", LATIN),
    ("Battery", LATIN),
    ("hanbit", LATIN),
    ("CUSTOMS", LATIN),
    ("DE-FRA-25", LATIN),
    ("Tech Co", LATIN),
    ("CE", LATIN),
    ("KG", LATIN),  # no hits either
)

SORT_COLUMNS = ("received_date", "title", "status", "priority", "updated_at", "reference")


@dataclass(frozen=True)
class Timing:
    label: str
    samples: tuple[float, ...]  # milliseconds

    @property
    def p50(self) -> float:
        return percentile(self.samples, 0.50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    @property
    def max(self) -> float:
        return max(self.samples)


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation), so p95 of 20 samples is the 19th smallest."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def measure(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """Call fn once to warm up, then `repeat` times; per-call milliseconds and the last result."""
    result = fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    return samples, result


def verdict(value: float, target: float) -> str:
    return "ok" if value < target else "MISS"


def heading(title: str) -> None:
    print()
    print(f"== {title} " + "=" * max(0, 76 - len(title)))


def search_path(query: str) -> str:
    """Which index answers the query (store/search.py): trigram, else bigram; the rest filter by LIKE."""
    words = query.split()
    if any(len(w) >= TRIGRAM for w in words):
        return "tri+like" if any(len(w) < TRIGRAM for w in words) else "trigram"
    if any(len(w) == 2 for w in words):
        return "bigram+like" if any(len(w) == 1 for w in words) else "bigram"
    return "like"


# --- sections -------------------------------------------------------------------------------------


def bench_generate(ctx: AppContext, cases: int) -> dict[str, float]:
    heading(f"Demo generation ({cases:,} cases)")
    result = generate_demo(ctx, cases=cases)
    parts = {
        "cases": result.cases,
        "activities": result.activities,
        "referrals": result.referrals,
        "companies": result.companies,
        "briefs": result.briefs,
        "deliveries": result.deliveries,
        "meetings": result.meetings,
    }
    total = sum(parts.values())
    print("  " + ", ".join(f"{k} {v:,}" for k, v in parts.items()))
    rate = total / result.seconds if result.seconds else float("inf")
    print(
        f"  {total:,} rows in {result.seconds:.1f} s = {rate:,.0f} rows/s ({cases / result.seconds:,.0f} cases/s)"
    )
    return {"demo generation, s": result.seconds}


def bench_search(ctx: AppContext, repeat: int) -> dict[str, float]:
    heading(f"Search: search_all(limit=50), {repeat} runs per query after 1 warm-up")
    print("  (limit: the same SQL replayed bare through the driver in this run; ratio = p95 / limit p95)")
    print(
        f"  {'query':<20} {'class':<6} {'path':<8} {'hits':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
        f" {'limit':>7} {'ratio':>6}"
    )
    by_class: dict[str, list[float]] = {KO_LONG: [], KO_SHORT: [], LATIN: []}
    everything: list[float] = []
    ratios: list[float] = []
    for query, cls in QUERIES:
        samples, hits = measure(lambda q=query: search_all(ctx, q, limit=50), repeat)
        t = Timing(query, tuple(samples))
        limit = _bare_p95(ctx, lambda q=query: search_all(ctx, q, limit=50), repeat)
        ratios.append(t.p95 / limit)
        by_class[cls].extend(samples)
        everything.extend(samples)
        flag = "" if t.p95 < SEARCH_TARGET_MS else "  <- MISS"
        print(
            f"  {query:<{20 - wide(query)}} {cls:<6} {search_path(query):<8} {len(hits):>5} "
            f"{t.p50:>8.2f} {t.p95:>8.2f} {t.max:>8.2f} {limit:>7.2f} {t.p95 / limit:>5.2f}x{flag}"
        )
    print(f"  {'-' * 70}")
    print(
        f"  {'class':<20} {'calls':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   target p95 < {SEARCH_TARGET_MS:g} ms"
    )
    summary = {}
    for label, samples in [*by_class.items(), ("all", everything)]:
        t = Timing(label, tuple(samples))
        print(
            f"  {label:<20} {len(samples):>6} {t.p50:>8.2f} {t.p95:>8.2f} {t.max:>8.2f}   "
            f"{verdict(t.p95, SEARCH_TARGET_MS)}"
        )
        summary[f"search {label}, p50 ms"] = t.p50
        summary[f"search {label}, p95 ms"] = t.p95
    print(f"  ratio to the bare SQL: median {percentile(ratios, 0.5):.2f}x, worst {max(ratios):.2f}x")
    summary["search, median ratio to the bare SQL"] = percentile(ratios, 0.5)
    return summary


def _bare_p95(ctx: AppContext, call: Callable[[], Any], repeat: int) -> float:
    """The limit beside a figure: p95 of the SQL that ``call`` runs, replayed bare through the driver."""
    with recorded(ctx.store.engine) as statements:
        call()
    return Timing("bare", tuple(bare_samples(ctx.store.engine, statements, repeat))).p95


def _wide(text: str) -> int:
    """How many extra terminal columns East Asian wide characters take, to keep columns aligned."""
    return sum(1 for ch in text if "\u1100" <= ch <= "\uffdc")


def bench_pages(ctx: AppContext, repeat: int) -> dict[str, float]:
    service = RecordService(ctx)
    total = service.list(ListQuery("support_case", limit=1)).total or 0
    deep = min(DEEP_OFFSET, max(0, total - PAGE_SIZE))
    heading(f"List pages: support_case, {PAGE_SIZE} rows, {repeat} runs each after 1 warm-up")
    print(f"  {total:,} live cases; deep page offset = {deep:,}")
    print(
        f"  {'sort / filter':<50} {'page':<10} {'rows':>5} {'total':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
        f" {'count p95':>10} {'limit':>7} {'ratio':>6}"
    )
    print("  (a page is fetched without counting; the count is taken once per filter change: its own column)")
    cases: list[tuple[str, str, ListQuery]] = []
    for col in SORT_COLUMNS:
        cases.append((f"sort {col}", "first", ListQuery("support_case", sort=col, limit=PAGE_SIZE)))
        cases.append(
            (
                f"sort {col} desc",
                "first",
                ListQuery("support_case", sort=col, descending=True, limit=PAGE_SIZE),
            )
        )
        cases.append(
            (f"sort {col}", f"@{deep:,}", ListQuery("support_case", sort=col, offset=deep, limit=PAGE_SIZE))
        )
    filters: list[tuple[str, dict[str, Any]]] = [
        ("status=in_progress", {"equals": {"status": "in_progress"}}),
        ("categories has permits", {"has_code": {"categories": "permits"}}),
        ('text "바이에른"', {"text": "바이에른"}),
        ('text "비자"', {"text": "비자"}),
        (
            "status=in_progress + permits",
            {"equals": {"status": "in_progress"}, "has_code": {"categories": "permits"}},
        ),
    ]
    for label, kw in filters:
        cases.append(
            (
                f"{label}, received_date desc",
                "first",
                ListQuery("support_case", descending=True, limit=PAGE_SIZE, **kw),
            )
        )
        cases.append(
            (f"{label}, title", "first", ListQuery("support_case", sort="title", limit=PAGE_SIZE, **kw))
        )
    misses = 0
    worst: list[float] = []
    ratios: list[float] = []
    for label, where, query in cases:
        samples, page = measure(lambda q=query: service.list(q, with_total=False), repeat)
        t = Timing(label, tuple(samples))
        limit = _bare_p95(ctx, lambda q=query: service.list(q, with_total=False), repeat)
        ratios.append(t.p95 / limit)
        count_samples, counted = measure(
            lambda q=query: service.list(replace(q, limit=1)), max(3, repeat // 4)
        )
        count_p95 = Timing(label, tuple(count_samples)).p95
        worst.append(t.p95)
        miss = t.p95 >= PAGE_TARGET_MS
        misses += miss
        flag = "  <- MISS" if miss else ""
        print(
            f"  {label:<{50 - wide(label)}} {where:<10} {len(page.rows):>5} {counted.total or 0:>7,} "
            f"{t.p50:>8.2f} {t.p95:>8.2f} {t.max:>8.2f} {count_p95:>10.2f} {limit:>7.2f} {t.p95 / limit:>5.2f}x{flag}"
        )
    print(f"  {'-' * 70}")
    print(
        f"  {len(cases)} page queries, {misses} with p95 >= {PAGE_TARGET_MS:g} ms (target < {PAGE_TARGET_MS:g} ms); "
        f"median of p95s {percentile(worst, 0.5):.2f} ms, worst {max(worst):.2f} ms"
    )
    print(
        f"  ratio to the bare SQL (limit: the same statements through the driver alone): "
        f"median {percentile(ratios, 0.5):.2f}x, worst {max(ratios):.2f}x"
    )
    return {"list pages, median p95 ms": percentile(worst, 0.5), "list pages, worst p95 ms": max(worst)}


def bench_misc(ctx: AppContext, repeat: int) -> dict[str, float]:
    heading("Store")
    db = ctx.paths.database
    size = db.stat().st_size
    wal = Path(str(db) + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    print(f"  SQLite file: {size / 1e6:,.1f} MB ({db.name}); WAL {wal_size / 1e6:,.1f} MB")
    samples, st = measure(lambda: maintenance.stats(ctx), max(3, repeat // 4))
    t = Timing("stats", tuple(samples))
    live = sum(c.live for c in st.counts)
    print(
        f"  maintenance.stats(): p50 {t.p50:.1f} ms, max {t.max:.1f} ms ({live:,} live records, {len(st.counts)} entities)"
    )
    return {"maintenance.stats, p50 ms": t.p50}


def run_all(data_dir: Path, cases: int, repeat: int) -> dict[str, float]:
    t0 = time.perf_counter()
    with init_mission(data_dir, MISSION, OFFICER) as ctx:
        figures = {"init_mission, ms": (time.perf_counter() - t0) * 1000}
        encrypted = "encrypted (SQLCipher)" if ctx.store.key is not None else "plaintext"
        print(f"init_mission({MISSION}): {figures['init_mission, ms']:.0f} ms; database {encrypted}")
        figures |= bench_generate(ctx, cases)
        figures |= bench_search(ctx, repeat)
        figures |= bench_pages(ctx, repeat)
        figures |= bench_misc(ctx, repeat)
    return figures


def print_comparison(plain: dict[str, float], encrypted: dict[str, float]) -> None:
    heading("Encrypted against plaintext, same run (target: ratio <= 1.25)")
    print(f"  {'figure':<34} {'plaintext':>10} {'encrypted':>10} {'ratio':>7}")
    for label, p in plain.items():
        e = encrypted[label]
        ratio = e / p if p else float("nan")
        print(f"  {label:<34} {p:>10.2f} {e:>10.2f} {ratio:>7.2f}{'' if ratio <= 1.25 else '  <- over'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=100_000, help="demo cases to generate (default 100000)")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="a fresh data folder (default: a temp dir)"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument(
        "--compare-plaintext",
        action="store_true",
        help="run it all again on an unencrypted database and show both side by side",
    )
    args = parser.parse_args(argv)

    temp = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="missiondesk-bench-")) if temp else args.data_dir
    print(
        f"MissionDesk core benchmark - Python {platform.python_version()}, SQLite {driver.sqlite_version} "
        f"(SQLCipher), {platform.system()} {platform.machine()}"
    )
    print(f"data folder: {data_dir}; {machine_load()}")
    try:
        init_mission(data_dir / "warm-up", MISSION, OFFICER).close()  # imports and first-run costs, untimed
        encrypted = run_all(data_dir / "encrypted", args.cases, args.repeat)
        if args.compare_plaintext:
            heading("The same again on a plaintext database")
            with plaintext_store():
                plain = run_all(data_dir / "plaintext", args.cases, args.repeat)
            print_comparison(plain, encrypted)
        print(f"\nat the end: {machine_load()}")
    finally:
        if temp and not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
        elif temp:
            print(f"kept {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
