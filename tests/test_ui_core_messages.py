"""The core speaks in codes, the window in words: validation problems and permission refusals carry a
code and parameters, and the window says them in its language (English for the CLI and the server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.domain.permissions import Refusal, RefusalCode, Role, write_refusal
from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import entity
from missiondesk.domain.validation import ProblemCode, ValidationFailed, problems_for
from missiondesk.services.context import AppContext
from missiondesk.services.records import PermissionDenied, RecordService
from missiondesk.ui import i18n
from missiondesk.ui.labels import _PROBLEMS, _REFUSED_HERE, error_text, problem_text
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow


@pytest.fixture
def korean(qtbot: QtBot) -> Iterator[None]:
    assert i18n.install("ko") == "ko"
    yield
    i18n.install("en")


def test_every_code_has_words(korean: None) -> None:
    assert set(_PROBLEMS) == set(ProblemCode)
    refused = {
        c for c in RefusalCode if c not in (RefusalCode.REFERENCE_FOREIGN, RefusalCode.REFERENCE_OUT_OF_SCOPE)
    }
    assert refused <= set(_REFUSED_HERE)


def test_a_validation_problem_is_said_in_korean_and_the_cli_keeps_english(
    mission: AppContext, korean: None
) -> None:
    spec = entity("support_case")
    with pytest.raises(ValidationFailed) as info:
        RecordService(mission).create("support_case", {"received_date": "2026-03-02"})
    problems = {p.field: p for p in info.value.problems}
    assert problems["title"].code == ProblemCode.REQUIRED
    assert problem_text(spec, problems["title"]) == "제목은(는) 필수 항목입니다."
    closed = {p.field: p for p in problems_for(spec, {"status": "closed"})}
    assert problem_text(spec, closed["outcome"]) == "종결된 사례에는 결과이(가) 필요합니다."
    assert "Title is required" in str(info.value)  # the CLI's and the log's words
    with pytest.raises(ValidationFailed) as info:
        RecordService(mission).create("council_meeting", {"year": 2026, "number": 1, "date": "2025-05-05"})
    [wrong_year] = info.value.problems
    assert wrong_year.params == {"year": 2026}
    assert problem_text(entity("council_meeting"), wrong_year) == "날짜가 2026년이 아닙니다."


def test_a_refusal_made_here_is_said_in_korean_with_its_names(mission: AppContext, korean: None) -> None:
    svc = RecordService(mission)
    germany = svc.list(ListQuery("country", equals={"code": "DE"})).rows[0]
    with pytest.raises(PermissionDenied) as info:
        svc.update("country", germany.id, {"name_en": "Deutschland"})  # reference data
    assert isinstance(info.value.args[0], Refusal) and info.value.args[0].code is RefusalCode.REFERENCE_DATA
    assert error_text(info.value) == "국가은(는) 본부가 관리하는 기준 정보이므로 공관에서 변경할 수 없습니다."
    assert str(info.value).startswith("reference_data: Country is reference data kept by HQ")
    owned = write_refusal(entity("support_case"), "DE-BER", Role.MISSION, "DE-FRA", ["title"])
    assert owned is not None
    assert error_text(PermissionDenied(owned)) == (
        "이 현장 지원 사례은(는) DE-BER의 자료이므로 DE-FRA에서 변경할 수 없습니다."
    )
    reviewed = write_refusal(entity("support_case"), "DE-FRA", Role.MISSION, "DE-FRA", ["hq_note"])
    assert reviewed is not None and error_text(PermissionDenied(reviewed)) == (
        "현장 지원 사례의 본부 검토 의견은(는) 본부만 입력합니다."
    )


def test_the_case_form_shows_its_problems_in_korean(qtbot: QtBot, mission: AppContext, korean: None) -> None:
    case_id = (
        RecordService(mission)
        .create("support_case", {"title": "부지", "received_date": "2026-03-02"})
        .record_id
    )
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.show()
    page = window.current_list()
    assert isinstance(page, ListPage)
    page.open_record(case_id)
    form = page.detail.editor.form  # type: ignore[attr-defined]
    form.editors["title"].setText("")
    assert page.detail.editor.save() is None  # type: ignore[attr-defined]
    assert form.errors["title"].text() == "제목은(는) 필수 항목입니다."
    window.close()
