"""The Korean catalogue covers every user-visible string in the code, and the shipped .qm is built from it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.runs_on import UNDER_WINE

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "missiondesk_ko.ts"
QM = ROOT / "src" / "missiondesk" / "ui" / "translations" / "missiondesk_ko.qm"
BIN = Path(sysconfig.get_path("scripts"))  # .venv/bin on Linux, Scripts beside python.exe on Windows


def tool(name: str) -> str:
    if UNDER_WINE:
        pytest.skip(f"pyside6-{name} exits 1 without a word under wine; the Linux stage runs this test")
    found = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    if found is None:
        pytest.skip(f"pyside6-{name} is not installed (it comes with PySide6)")
    return found


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            assert translation is not None
            out[(name, m.findtext("source") or "")] = translation
    return out


def test_every_string_in_the_code_has_a_finished_korean_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "src" / "missiondesk" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "src" / "missiondesk" / "domain" / "messages.py"))  # the core's sentences
    sources.append(str(ROOT / "src" / "missiondesk" / "tables" / "reasons.py"))  # legacy-table cell problems
    subprocess.run(
        [tool("lupdate"), "-locations", "none", *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    in_code = messages(fresh)
    catalogue = messages(TS)
    assert len(in_code) > 200  # lupdate found the strings at all
    missing = sorted(k for k in in_code if k not in catalogue)
    unfinished = sorted(
        k for k, t in catalogue.items() if k in in_code and (t.get("type") or not (t.text or "").strip())
    )
    assert not missing, f"not in {TS.name} (run tools/translations.sh): {missing[:20]}"
    assert not unfinished, f"unfinished in {TS.name}: {unfinished[:20]}"


def test_the_shipped_catalogue_is_compiled_from_the_source(tmp_path: Path) -> None:
    built = tmp_path / "ko.qm"
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == QM.read_bytes(), "run tools/translations.sh and commit the .qm"


def test_the_korean_ui_speaks_korean(qtbot: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from missiondesk.ui import i18n
    from missiondesk.ui.labels import step_label, value_label

    try:
        assert i18n.install("ko") == "ko"
        assert QCoreApplication.translate("MainWindow", "&File") == "파일(&F)"
        assert value_label("resolved_full") == "완전 해결"
        assert step_label("close the case") == "사례 종결"
    finally:
        i18n.install("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_a_coded_refusal_from_hq_is_worded_in_the_window_language(qtbot: object) -> None:
    from missiondesk.domain.messages import heard, stored_reason
    from missiondesk.domain.permissions import RefusalCode, coded
    from missiondesk.ui import i18n
    from missiondesk.ui.labels import said_text

    reason = coded(
        RefusalCode.REFERENCE_FOREIGN,
        entity="case_activity",
        fields=["case_id"],
        target="support_case",
        owner="DE-FRA",
    )
    # HQ's JSON keeps the code and parameters beside the text: a laptop says the whole sentence
    answer = heard(reason.code.value, dict(reason.params), str(reason))
    # a receipt keeps the text only, code at its head: an older one has no parameters to fill in
    receipt = "owned_elsewhere: This support case belongs to DE-BER; DE-FRA cannot change it."
    try:
        assert i18n.install("ko") == "ko"
        assert said_text(answer).startswith("사례 항목이 DE-FRA의 현장 지원 사례을(를) 가리킵니다."), (
            said_text(answer)
        )
        for code in RefusalCode:  # a reason read back without parameters: its kind, HQ's words beside
            stored = stored_reason(f"{code.value}: HQ's sentence")
            text = said_text(stored)
            assert text.endswith(f"본부 원문: {code.value}: HQ's sentence") and text.count("\n") == 1
            assert not text.startswith(code.value)
        assert said_text(stored_reason(receipt)).startswith("다른 공관의 자료입니다.")
    finally:
        i18n.install("en")
    assert said_text(answer) == (  # the window's English: its labels, without the code
        "The case field names a support case of DE-FRA; this case activity may only refer to its own mission's records."
    )
    assert str(reason) == (
        "reference_foreign: The case id field names a support case of DE-FRA; this case activity may only refer "
        "to its own mission's records."
    )
    assert said_text("A sentence without a code.") == "A sentence without a code."


def test_every_code_of_the_core_has_a_finished_korean_sentence() -> None:
    """Each code the core can give (a validation problem, a refusal, a service's or the authority's
    sentence) has its template in the catalogue, translated: a new code without Korean fails here."""
    from missiondesk.domain.messages import CONTEXT, ENGLISH, PROBLEMS, MessageCode
    from missiondesk.domain.permissions import RefusalCode
    from missiondesk.domain.validation import ProblemCode
    from missiondesk.tables.reasons import CELL_PROBLEMS
    from missiondesk.tables.values import CellCode
    from missiondesk.ui import labels

    catalogue = messages(TS)
    templates: list[tuple[str, str]] = []
    for code in MessageCode:
        assert code in ENGLISH, f"{code} has no English sentence in domain/messages.py"
        templates.append((CONTEXT, ENGLISH[code]))
    for problem in ProblemCode:
        assert problem in PROBLEMS, f"{problem} has no sentence in domain/messages.py"
        templates.append(("problem", PROBLEMS[problem]))
    for cell in CellCode:
        if cell is not CellCode.INVALID:  # said as its ProblemCode
            assert cell in CELL_PROBLEMS, f"{cell} has no sentence in tables/reasons.py"
            templates.append(("cell", CELL_PROBLEMS[cell]))
    for refusal in RefusalCode:  # its sentence is a MessageCode's (above); its kind for older reasons
        assert refusal.value in ENGLISH and refusal in labels._REFUSALS, f"{refusal} has no sentence"
        templates.append(("refusal", labels._REFUSALS[refusal]))
    unfinished = [
        key
        for key in templates
        if key not in catalogue or catalogue[key].get("type") or not (catalogue[key].text or "").strip()
    ]
    assert not unfinished, f"no Korean in {TS.name} for: {unfinished[:20]}"
    korean = {key: catalogue[key].text or "" for key in templates}
    for (_, source), text in korean.items():  # the same placeholders, or .format fails in Korean only
        assert sorted(re.findall(r"{\w+[^}]*}", source)) == sorted(re.findall(r"{\w+[^}]*}", text)), (
            source,
            text,
        )


def test_the_catalogue_read_without_qt_is_the_one_the_window_loads() -> None:
    """The CLI and the workbooks (no Qt below the UI) read the shipped .qm themselves: every finished
    Korean entry of the source catalogue comes back, so they and the window say the same words."""
    from missiondesk.domain import catalogue

    read = catalogue.korean()
    finished = {
        key: t.text or ""
        for key, t in messages(TS).items()
        if not t.get("type") and t.find("numerusform") is None and (t.text or "").strip()
    }
    assert len(finished) > 600
    assert {key: read.get(key) for key in finished} == finished
    assert catalogue.translate("cell", "“{value}” is not a date.", "ko") == "“{value}”은(는) 날짜가 아닙니다."
    assert catalogue.translate("cell", "“{value}” is not a date.", "en") == "“{value}” is not a date."
    with pytest.raises(ValueError, match="unknown language"):
        catalogue.translate("cell", "x", "fr")


SPOKEN_BY_CODE = [
    *sorted((ROOT / "src" / "missiondesk" / "bundles").glob("*.py")),
    *(
        ROOT / "src" / "missiondesk" / "services" / f"{name}.py"
        for name in ("device_keys", "demo", "credentials", "context", "records", "table_import")
    ),
    ROOT / "src" / "missiondesk" / "errors.py",
]


def _error_names() -> set[str]:
    """The names of every error a person reads (``MissionDeskError`` and its subclasses)."""
    import importlib

    from missiondesk.errors import MissionDeskError

    for path in SPOKEN_BY_CODE:
        importlib.import_module(
            "missiondesk." + ".".join(path.relative_to(ROOT / "src" / "missiondesk").with_suffix("").parts)
        )
    names, todo = set(), [MissionDeskError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo += cls.__subclasses__()
    return names


def test_an_error_a_person_reads_is_raised_with_a_code_not_a_bare_sentence() -> None:
    """In the bundles and the services that read files, a ``UserError`` (``BundleRefused``…) carries
    ``say(MessageCode…)``, whose template has Korean (the test above): a bare English sentence or
    f-string would reach the Korean window in English, so it fails here."""
    import ast

    errors = _error_names()
    bare = []
    for path in SPOKEN_BY_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            if not isinstance(call, ast.Call) or not call.args:
                continue
            name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            if name in errors and isinstance(call.args[0], ast.JoinedStr | ast.Constant):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno} raises {name} with a bare sentence")
    assert not bare, "\n".join(bare)


def test_a_wrong_password_is_said_in_korean_in_the_korean_window(qtbot: object) -> None:
    from missiondesk.bundles.password import PasswordNeeded
    from missiondesk.ui import i18n
    from missiondesk.ui.labels import error_text

    wrong = PasswordNeeded("fra.xlsx", wrong=True)
    try:
        assert i18n.install("ko") == "ko"
        assert (
            error_text(wrong)
            == "fra.xlsx은(는) 암호로 보호되어 있습니다. 입력한 암호로 열리지 않아 아무것도 읽지 않았습니다."
        )
    finally:
        i18n.install("en")
    assert (
        error_text(wrong)
        == str(wrong)
        == ("fra.xlsx is protected with a password: the password given does not open it; nothing was read.")
    )


def test_the_core_says_its_sentences_in_korean_without_qt() -> None:
    """The CLI and the workbooks (no Qt) word a coded sentence with Korean labels for its kinds of
    record, fields and stored values, from the same catalogue the window reads."""
    from missiondesk.domain.messages import MessageCode, Speaker, said_in, say

    said = say(
        MessageCode.TRANSITION_NOT_ALLOWED,
        entity="support_case",
        source="closed",
        value="draft",
        values=["open"],
    )
    assert said == "A support case cannot go from closed to draft (allowed from closed: open)."
    assert said_in(said, "en") == said
    assert (
        said_in(said, "ko")
        == "현장 지원 사례은(는) 종결에서 작성 중(으)로 바꿀 수 없습니다(종결에서 가능: 접수)."
    )
    assert Speaker("ko").said(said) == said_in(said, "ko")
    assert said_in("A sentence without a code.", "ko") == "A sentence without a code."


def test_the_languages_are_listed_once_in_the_core() -> None:
    """Korean and English: one list (domain.catalogue) that the workbooks, the legacy import and the
    window's settings read, so adding a language cannot leave one of them behind."""
    from missiondesk.domain import catalogue
    from missiondesk.services import bundle_labels, table_import
    from missiondesk.ui import i18n

    for module in (bundle_labels, table_import):
        assert module.LANGUAGES is catalogue.LANGUAGES, module.__name__
    assert ("system", *catalogue.LANGUAGES, "pseudo") == i18n.CHOICES
    assert [i18n.resolve(language) for language in catalogue.LANGUAGES] == list(catalogue.LANGUAGES)
