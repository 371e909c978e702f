"""A legacy spreadsheet previewed and imported (prints figures; never fails on timings).

    .venv/bin/python bench/bench_legacy.py [ROWS]      (default 10,000)

Builds a person-made Korean case sheet (a title above, a two-line header, text dates, three
spellings of the country, 800 companies, an activity per row), then times on a fresh mission laptop:
the preview (target: under 5 s for 10,000 rows), the import (one op per record through the record
service) and the preview of the same sheet once imported. The limit beside the preview is python-calamine
reading every cell of the same file raw.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine as calamine

from bare import machine_load
from missiondesk.services import table_import as ti
from missiondesk.services.setup import init_mission


def legacy_sheet(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("2023 실적")
    ws.append(["2023년 현장지원 실적 (주프랑크푸르트 총영사관)"])
    ws.append([])
    ws.append(["번호", "기업", None, "제목", "국가", "접수일", "상태", "지원분야", "활동", None])
    ws.append([None, "기업명", "사업자번호", None, None, None, None, None, "일자", "내용"])
    rnd = random.Random(2026)
    for i in range(rows):
        c = rnd.randrange(800)
        ws.append(
            [
                i + 1,
                f"(주)테스트기업{c}",
                f"{100 + c:03d}-45-{10000 + c:05d}",
                f"현지 애로 {i}",
                rnd.choice(["독일", "DE", "Germany", "Deutschland"]),
                f"2024. {rnd.randint(1, 12)}. {rnd.randint(1, 28)}.",
                rnd.choice(["접수", "진행 중"]),
                rnd.choice(["인허가", "비자", "통관"]),
                "2024.12.01",
                "주정부 면담",
            ]
        )
    ws.append(["합계", None, None, f"{rows}건"])
    wb.save(path)
    return path


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    folder = Path(tempfile.mkdtemp(prefix="md-legacy-"))
    try:
        print(f"{machine_load()} at the start")
        sheet = legacy_sheet(folder / "legacy.xlsx", rows)
        ctx = init_mission(folder / "laptop", "DE-FRA", "김영희")
        request = ti.ImportRequest(sheet, ti.TableKind.CASES)

        t = time.perf_counter()
        book = calamine.CalamineWorkbook.from_path(str(sheet))
        cells = sum(len(r) for r in book.get_sheet_by_index(0).iter_rows())
        book.close()
        raw = time.perf_counter() - t

        t = time.perf_counter()
        preview = ti.preview(ctx, request)
        took = time.perf_counter() - t
        print(
            f"preview   {rows:>7} rows {took:7.2f} s  (target < 5 s for 10,000; raw read of {cells} cells "
            f"{raw:.2f} s, {took / raw:.0f}x)  new {preview.count(ti.Outcome.NEW)}"
        )
        t = time.perf_counter()
        report = ti.import_table(ctx, request)
        took = time.perf_counter() - t
        made = sum(report.made(e) for e in ("support_case", "case_activity", "company"))
        print(f"import    {rows:>7} rows {took:7.2f} s  ({made} records, {made / took:.0f} records/s)")
        t = time.perf_counter()
        again = ti.preview(ctx, request)
        took = time.perf_counter() - t
        print(
            f"re-preview {rows:>6} rows {took:7.2f} s  (imported before {again.count(ti.Outcome.IMPORTED_BEFORE)})"
        )
        ctx.close()
        print(f"{machine_load()} at the end")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
