"""``missiondesk import-table``: the preview, the import, the errors workbook and the exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from missiondesk.cli import main
from tests.legacy_sheets import cases_workbook


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    data = str(tmp_path / "laptop")
    assert run(capsys, "init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data)[0] == 0
    return data


def _stats(capsys: pytest.CaptureFixture[str], data: str) -> str:
    code, out, _ = run(capsys, "stats", "--data-dir", data)
    assert code == 0
    return out


def test_a_dry_run_previews_changes_nothing_and_writes_the_rows_not_imported(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = str(cases_workbook(tmp_path / "cases.xlsx"))
    errors = tmp_path / "errors.xlsx"
    before = _stats(capsys, laptop)

    code, out, err = run(
        capsys,
        "import-table",
        sheet,
        "--kind",
        "cases",
        "--dry-run",
        "--errors-out",
        str(errors),
        "--data-dir",
        laptop,
    )

    assert code == 1 and "2 row(s) not imported" in err
    assert "header on row 3-4" in out
    assert "skipped 1 blank row(s): 7" in out and "skipped 1 total row(s): 11" in out
    assert "row 9: confirm: 인증 문의 - E (국가): “Germny” looks like “Germany”" in out
    assert "row 10: refused:" in out and "D (제목)" in out
    assert "5 row(s): 3 new, 0 matched, 1 confirm, 0 imported before, 1 refused" in out
    assert "dry run: nothing was changed" in out
    assert _stats(capsys, laptop) == before
    reasons = [row[-1].value for row in openpyxl.load_workbook(errors).active.iter_rows(min_row=2)]
    # The printed reasons are English; the workbook is Korean unless --language en, like export's sheets.
    assert (
        len(reasons) == 2 and "Germany" in str(reasons[0]) and "제목은(는) 필수 항목입니다" in str(reasons[1])
    )


def test_the_errors_workbook_is_written_in_the_language_asked(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = str(cases_workbook(tmp_path / "cases.xlsx"))
    errors = tmp_path / "errors.xlsx"
    args = ("import-table", sheet, "--kind", "cases", "--dry-run", "--errors-out", str(errors))

    assert run(capsys, *args, "--language", "en", "--data-dir", laptop)[0] == 1

    rows = [[c.value for c in r] for r in openpyxl.load_workbook(errors).active.iter_rows()]
    assert rows[0][0] == "Row" and rows[0][-1] == "Reason" and rows[2][-1] == "D (제목): Title is required."


def test_import_then_import_again_changes_nothing(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = str(cases_workbook(tmp_path / "cases.xlsx"))
    args = ("import-table", sheet, "--kind", "cases", "--accept", "country=Germny", "--accept-suggested")

    code, out, _ = run(capsys, *args, "--data-dir", laptop)
    assert code == 1  # row 10 has no title
    assert "4 new, 0 matched, 0 confirm, 0 imported before, 1 refused" in out
    assert "Backup written to" in out
    after = _stats(capsys, laptop)

    code, out, _ = run(capsys, *args, "--data-dir", laptop)
    assert "0 new, 0 matched, 0 confirm, 4 imported before, 1 refused" in out
    assert _stats(capsys, laptop) == after


def test_ambiguous_dates_ask_for_the_order_and_a_clean_import_exits_0(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "en.csv"
    path.write_text(
        "Title,Country,Date received\nVisa delay,Germany,5/3/2024\nCustoms,DE,6/4/2024\n", encoding="utf-8"
    )

    code, _, err = run(capsys, "import-table", str(path), "--kind", "cases", "--data-dir", laptop)
    assert code == 1 and "--date-order" in err

    code, out, err = run(
        capsys, "import-table", str(path), "--kind", "cases", "--date-order", "dmy", "--data-dir", laptop
    )
    assert (code, err) == (0, "")
    assert "2 new" in out


def test_wrong_options_are_one_clear_line(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = str(cases_workbook(tmp_path / "cases.xlsx"))
    code, _, err = run(
        capsys, "import-table", sheet, "--kind", "cases", "--column", "제목", "--data-dir", laptop
    )
    assert code == 1 and "--column takes HEADER=FIELD" in err
    code, _, err = run(
        capsys, "import-table", sheet, "--kind", "cases", "--mapping", "nope", "--data-dir", laptop
    )
    assert code == 1 and "no saved cases mapping named “nope”" in err
    code, _, err = run(
        capsys, "import-table", str(tmp_path / "missing.xlsx"), "--kind", "cases", "--data-dir", laptop
    )
    assert code == 1 and "missing.xlsx" in err
    with pytest.raises(SystemExit) as exc:
        main(["import-table", sheet, "--kind", "proposals", "--data-dir", laptop])
    assert exc.value.code == 2


def test_a_taught_synonym_is_kept_for_later_imports(
    laptop: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("제목,국가,접수일,상태\n비자,독일,2024.03.05,착수\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "import-table", str(path), "--kind", "cases", "--dry-run", "--data-dir", laptop
    )
    assert code == 1 and "“착수” matches no Status" in out

    code, out, _ = run(
        capsys,
        "import-table",
        str(path),
        "--kind",
        "cases",
        "--teach",
        "status:착수=in_progress",
        "--data-dir",
        laptop,
    )
    assert code == 0 and "From now on '착수' in a status column means 'in_progress'." in out
    code, out, _ = run(capsys, "import-table", str(path), "--kind", "cases", "--data-dir", laptop)
    assert code == 0 and "1 imported before" in out

    code, _, err = run(
        capsys, "import-table", str(path), "--kind", "cases", "--teach", "status=x", "--data-dir", laptop
    )
    assert code == 1 and "--teach takes FIELD:TEXT=VALUE" in err
    code, _, err = run(
        capsys,
        "import-table",
        str(path),
        "--kind",
        "cases",
        "--teach",
        "status:x=finished",
        "--data-dir",
        laptop,
    )
    assert code == 1 and "“finished” is not a value of Status" in err


def test_a_permission_refusal_prints_in_english_and_is_korean_in_the_errors_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hq = str(tmp_path / "hq")
    assert run(capsys, "init", "--hq", "--officer", "본부", "--data-dir", hq)[0] == 0
    wb = openpyxl.Workbook()
    wb.active.append(["제목", "공관", "국가", "접수일"])
    wb.active.append(["비자", "HQ", "독일", "2024-03-05"])  # HQ makes cases for missions only
    wb.save(tmp_path / "s.xlsx")
    errors = tmp_path / "errors.xlsx"

    code, out, _ = run(
        capsys, "import-table", str(tmp_path / "s.xlsx"), "--kind", "cases", "--dry-run",
        "--errors-out", str(errors), "--data-dir", hq,
    )  # fmt: skip

    assert code == 1
    assert "A support case belongs to its mission; HQ cannot create, delete or restore one." in out
    sheet = openpyxl.load_workbook(errors).active
    assert str(sheet.cell(2, sheet.max_column).value).endswith(
        "현장 지원 사례은(는) 공관의 자료이므로 본부에서 만들거나 삭제하거나 복원할 수 없습니다."
    )
