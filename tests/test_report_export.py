"""The report workbook and PDF: charts that reference the right cells, LibreOffice opens them, the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from missiondesk import app
from missiondesk.reports.rules import RULES, RULES_KO
from missiondesk.reports.workbook import CHARTS
from missiondesk.services.reports import Report, ReportService
from missiondesk.ui.report_pdf import write_pdf
from tests.cli_process import run_missiondesk
from tests.pdf_text import page_words
from tests.reportdata import CUTOFF, TODAY, Year, build

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Year]:
    built = build(tmp_path_factory.mktemp("report-export"))
    yield built
    built.world.close()


@pytest.fixture(scope="module")
def report(year: Year) -> Report:
    service = ReportService(year.hq)
    return service.report(service.period("2024", CUTOFF), today=TODAY)


@pytest.fixture(scope="module")
def workbook(year: Year, report: Report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ReportService(year.hq).export(report, tmp_path_factory.mktemp("xlsx") / "report.xlsx")


def soffice_convert(source: Path, target: str, out_dir: Path) -> Path:
    """Convert with LibreOffice in its own profile (no clash with another soffice running)."""
    assert SOFFICE is not None
    profile = out_dir / "lo-profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = out_dir / f"{source.stem}.{target.split(':')[0]}"
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    return out


def test_the_summary_sheet_holds_the_sentence_the_rules_version_and_every_figure(
    workbook: Path, report: Report
) -> None:
    book = openpyxl.load_workbook(workbook)
    summary = book["Summary"]
    values = [c for row in summary.iter_rows(values_only=True) for c in row if c is not None]
    assert report.headline_ko in values and report.headline_en in values
    assert report.rules_version in values
    figures = {
        row[3]: row[2] for row in summary.iter_rows(values_only=True) if row[3] in report.tallies.figures
    }
    assert figures == dict(report.tallies.figures)
    assert "Rules" in book.sheetnames


def test_every_chart_references_the_cells_of_its_table(workbook: Path, report: Report) -> None:
    book = openpyxl.load_workbook(workbook)
    with zipfile.ZipFile(workbook) as z:
        charts = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        refs = [re.findall(r"<c:f>(.*?)</c:f>", z.read(n).decode()) for n in charts]
    expected = [(b, s) for b, s, kind in CHARTS if kind and report.tallies.breakdowns[b]]
    assert len(refs) == len(expected) >= 5
    by_sheet = {}
    for found in refs:
        name_ref, cat_ref, val_ref = found
        sheet = re.match(r"'?(.*?)'?!", cat_ref).group(1)  # type: ignore[union-attr]
        by_sheet[sheet] = (name_ref, cat_ref, val_ref)
    for breakdown, sheet in expected:
        n = len(report.tallies.breakdowns[breakdown])
        quoted = f"'{sheet}'" if " " in sheet else sheet
        assert by_sheet[sheet] == (f"{quoted}!$D$2", f"{quoted}!$B$3:$B${n + 2}", f"{quoted}!$D$3:$D${n + 2}")
        ws = book[sheet]
        table = {ws.cell(r, 1).value or "": ws.cell(r, 4).value for r in range(3, n + 3)}
        assert table == {k: v for k, v in report.tallies.breakdowns[breakdown].items()}


def test_text_that_looks_like_a_formula_stays_text(year: Year, report: Report, tmp_path: Path) -> None:
    import dataclasses

    from missiondesk.reports.names import Names

    names = Names({**report.names.reference, "category": {"permits": ("=HYPERLINK(1)", "+cmd")}})
    out = ReportService(year.hq).export(dataclasses.replace(report, names=names), tmp_path / "r.xlsx")
    with zipfile.ZipFile(out) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


@needs_soffice
def test_libreoffice_opens_the_workbook_without_repair(workbook: Path, tmp_path: Path) -> None:
    pdf = soffice_convert(workbook, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    again = soffice_convert(workbook, "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved")
    reread = openpyxl.load_workbook(again)
    assert reread["Summary"]["B3"].value == openpyxl.load_workbook(workbook)["Summary"]["B3"].value


def pdf_page_png(pdf: Path, out: Path, page: int = 0) -> Path:
    """Render one page with PDFium (pypdfium2, a dev dependency) and save it as PNG."""
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed: cannot render the PDF")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = doc[page].render(scale=2)
        image = QImage(
            bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_BGR888
        )
        assert image.copy().save(str(out))
    finally:
        doc.close()
    return out


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def test_the_pdf_draws_the_dashboard(qtbot: QtBot, report: Report, tmp_path: Path) -> None:
    pdf = write_pdf(report, tmp_path / "report.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) == 2
    assert b"/FontFile" in data  # fonts embedded: Korean renders on any machine
    png = pdf_page_png(pdf, tmp_path / "page1.png")
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 1000 and image.width() > image.height()  # A4 landscape
    dark = sum(
        1
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
        if image.pixelColor(x, y).lightness() < 128
    )
    blue = sum(
        1
        for x in range(0, image.width(), 5)
        for y in range(image.height() // 3, image.height(), 5)
        if image.pixelColor(x, y).name() == "#2f6db5"
    )
    assert dark > 200 and blue > 50  # text and the charts' bars, not a blank page


def pdf_page_text(pdf: Path, page: int) -> str:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 is not installed: cannot read the PDF")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return page_words(doc[page])
    finally:
        doc.close()


def test_the_pdf_rules_page_reads_in_korean_with_the_english_reference(
    qtbot: QtBot, report: Report, tmp_path: Path
) -> None:
    korean = pdf_page_text(write_pdf(report, tmp_path / "ko.pdf"), 1)
    english = pdf_page_text(write_pdf(report, tmp_path / "en.pdf", in_korean=False), 1)
    assert korean.startswith("집계 규칙 / Counting rules") and english.startswith("Counting rules")
    for code, text in RULES:  # each rule in Korean, then its English reference; on one page
        assert f"{code} {RULES_KO[code]} {text}" in korean
        assert f"{code} {text}" in english and RULES_KO[code] not in english


@pytest.mark.parametrize(
    ("lang", "title", "other"), [("ko", "월별 사례", "Cases by month"), ("en", "Cases by month", "월별 사례")]
)
def test_the_report_commands_pdf_names_its_charts_in_the_language_asked(
    year: Year, tmp_path: Path, lang: str, title: str, other: str
) -> None:
    """The command line has no window and no catalogue of its own: the chart titles came out in English."""
    period = ["--period", "2024", "--cutoff", "2024-11-30"]
    out = ["--out", str(tmp_path / "report"), "--lang", lang]
    run = run_missiondesk(year.hq.paths.root, "report", *period, *out, home=tmp_path)
    assert run.returncode == 0, run.stderr
    first_page = pdf_page_text(tmp_path / "report.pdf", 0)
    assert title in first_page and other not in first_page


def test_the_report_command_writes_the_workbook_and_the_pdf(
    qtbot: QtBot, year: Year, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report-2024"
    code = app.main(
        [
            "--data-dir",
            str(year.hq.paths.root),
            "report",
            "--period",
            "2024",
            "--cutoff",
            "2024-11-30",
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "지원협의회 5회 개최" in printed.out
    assert (tmp_path / "report-2024.xlsx").exists() and (tmp_path / "report-2024.pdf").exists()
    # Its Korean PDF left the running application in the language it had (the tests' English).
    assert QCoreApplication.translate("dashboard", "Cases by month") == "Cases by month"
    code = app.main(
        [
            "--data-dir",
            str(year.laptop("par").paths.root),
            "report",
            "--period",
            "2024",
            "--out",
            str(tmp_path / "paris"),
            "--lock",
        ]
    )
    assert code == 1 and "Only HQ" in capsys.readouterr().err
