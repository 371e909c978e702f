"""The core speaks in codes, the window in words: validation problems and permission refusals carry a
code and parameters, and the window says them in its language (English for the CLI and the server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from missiondesk.domain.messages import ENGLISH as _ENGLISH
from missiondesk.domain.messages import PROBLEMS as _PROBLEMS
from missiondesk.domain.permissions import Refusal, RefusalCode, Role, write_refusal
from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import entity
from missiondesk.domain.validation import ProblemCode, ValidationFailed, problems_for
from missiondesk.services.context import AppContext
from missiondesk.services.records import PermissionDenied, RecordService
from missiondesk.ui import i18n
from missiondesk.ui.labels import error_text, problem_text
from missiondesk.ui.list_page import ListPage
from missiondesk.ui.main_window import MainWindow


@pytest.fixture
def korean(qtbot: QtBot) -> Iterator[None]:
    assert i18n.install("ko") == "ko"
    yield
    i18n.install("en")


def test_every_code_has_words(korean: None) -> None:
    assert set(_PROBLEMS) == set(ProblemCode)
    assert {c.value for c in RefusalCode} <= set(_ENGLISH)  # one template each, in domain/messages.py


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
    assert str(info.value).startswith("reference_data: A country is reference data kept by HQ")
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


def test_a_held_reason_from_hq_is_said_in_korean_and_an_older_text_stays(korean: None) -> None:
    from missiondesk.domain.messages import MessageCode, say
    from missiondesk.sync.protocol import PushResult, Status
    from missiondesk.ui.labels import said_text

    held = PushResult("op-1", 8, Status.HELD, say(MessageCode.WAITING_FOR_OP, seq=7))
    received = PushResult.from_wire(held.to_wire())  # as the laptop reads HQ's answer
    assert (
        said_text(received.reason) == "아직 도착하지 않은 이 기기의 변경 7을(를) 본부에서 기다리고 있습니다."
    )
    older = {k: v for k, v in held.to_wire().items() if k not in ("code", "params")}
    assert said_text(PushResult.from_wire(older).reason) == held.reason  # HQ's English, as before
    stored = PushResult.from_wire({**older, "reason": "waiting_for_op: Waiting at HQ for change 7."})
    assert said_text(stored.reason) == "Waiting at HQ for change 7."  # parameters lost: HQ's sentence
    assert said_text(
        PushResult.from_wire({**older, "reason": "still_waiting: Still waiting at HQ."}).reason
    ) == ("본부에서 아직 기다리고 있습니다.")


def test_a_service_refusal_is_said_in_korean_and_in_english_for_the_cli(
    mission: AppContext, korean: None
) -> None:
    from missiondesk.errors import UserError

    svc = RecordService(mission)
    case_id = svc.create("support_case", {"title": "부지", "received_date": "2026-03-02"}).record_id
    svc.delete("support_case", case_id)
    with pytest.raises(UserError) as info:
        svc.delete("support_case", case_id)
    assert str(info.value) == "This support case is in the trash already."  # the CLI's words
    assert error_text(info.value) == "이 현장 지원 사례은(는) 이미 휴지통에 있습니다."
    with pytest.raises(UserError) as info:
        svc.transition("support_case", case_id, "open")
    assert error_text(info.value) == "이 현장 지원 사례은(는) 휴지통에 있습니다. 먼저 복원하십시오."


def test_the_sync_page_says_hqs_coded_refusal_in_korean(
    qtbot: QtBot, mission: AppContext, korean: None
) -> None:
    from missiondesk.domain.messages import MessageCode, heard, say
    from missiondesk.services.sync import SyncService
    from missiondesk.ui.sync_ui import SyncPage

    said = say(MessageCode.THIS_DEVICE_REVOKED)
    from_hq = heard(said.code, said.params, str(said))  # as sync/client reads the server's JSON
    from missiondesk.services.sync import ENROLLED_DEVICE, SERVER_URL
    from missiondesk.store import settings

    with mission.store.write() as conn:  # enrolled, as far as this laptop knows
        settings.put(conn, SERVER_URL, "https://hq.example.org")
        settings.put(conn, ENROLLED_DEVICE, mission.device.device_id)
    service = SyncService(mission, keyring=False)
    service._note(error=from_hq, refused=True)
    assert service.status().last_error == str(said)  # read back with its code (English for the CLI)
    window = MainWindow(mission)
    qtbot.addWidget(window)
    window.sync.service = service
    window.show()
    page = window.go("sync")
    assert isinstance(page, SyncPage)
    page.refresh()
    assert "본부가 이 기기의 등록을 취소했습니다. 다시 등록해야 합니다." in page.facts.text()
    assert "revoked" not in page.facts.text()
    window.close()


def test_an_invalid_value_hq_refused_is_said_in_korean_with_each_problem(
    tmp_path: Path, korean: None
) -> None:
    import uuid

    from missiondesk.domain.ops import FieldChange, Op, OpKind
    from missiondesk.sync import replica
    from missiondesk.sync.protocol import PushResult, Status
    from missiondesk.ui.labels import said_text
    from tests.syncsim import World

    world = World.make(tmp_path)
    try:
        a = world.laptop("a")
        RecordService(a).create("support_case", {"title": "부지", "received_date": "2026-03-02"})
        ops = replica.pending_ops(a)
        world.authority.push(ops, a.device.device_id)
        bad = Op(
            str(uuid.uuid4()),
            a.device.device_id,
            ops[-1].seq + 1,
            "support_case",
            ops[-1].record_id,
            OpKind.UPDATE,
            "DE-FRA",
            1,
            {"received_date": FieldChange("2026-03-02", "soon")},
        )
        [result] = world.authority.push([bad], a.device.device_id)
    finally:
        world.close()
    assert result.status is Status.REJECTED
    assert (
        result.reason == "The support case has invalid values: received_date: expected a date as YYYY-MM-DD"
    )
    received = PushResult.from_wire(result.to_wire())  # as the laptop or HQ's wizard reads it
    assert said_text(received.reason) == (
        "현장 지원 사례에 올바르지 않은 값이 있습니다: 접수일: 날짜를 YYYY-MM-DD 형식으로 입력하십시오."
    )


def test_the_english_window_says_a_service_refusal_with_its_labels_inside_the_sentence(
    mission: AppContext,
) -> None:
    from missiondesk.errors import UserError

    svc = RecordService(mission)
    case_id = svc.create("support_case", {"title": "부지", "received_date": "2026-03-02"}).record_id
    with pytest.raises(UserError) as info:
        svc.transition("support_case", case_id, "closed")
    assert (
        error_text(info.value) == "A support case cannot go from draft to closed (allowed from draft: open)."
    )


def test_every_coded_sentence_and_refusal_the_window_can_show_is_korean(korean: None) -> None:
    """Each MessageCode (refusals included: each RefusalCode is one) rendered by the window's renderer
    with parameters of its template gives Korean, not the English template."""
    import re

    from missiondesk.domain.messages import Said, Words, render
    from missiondesk.ui.labels import said_text

    sample: dict[str, object] = {
        "entity": "support_case",
        "target": "company",
        "field": "title",
        "fields": ["title", "outcome"],
        "value": "open",
        "values": ["open", "closed"],
        "source": "draft",
        "step": "close the case",
    }
    hangul = re.compile(r"[\uac00-\ud7a3]")
    for code, template in _ENGLISH.items():
        names = set(re.findall(r"{(\w+)", template))
        params = {n: sample.get(n, "DE-FRA" if n in ("owner", "mission") else "7") for n in names}
        english = render(template, params, Words())
        text = said_text(Said(code.value, params, english))
        assert hangul.search(text) and text != english, (code, text)
    from missiondesk.domain.messages import MessageCode
    from missiondesk.domain.permissions import coded

    for refusal in RefusalCode:  # a refusal as the authority makes it: its text led by its code
        names = set(re.findall(r"{(\w+)", _ENGLISH[MessageCode(refusal.value)]))
        made = coded(refusal, **{n: sample.get(n, "DE-FRA") for n in names})
        assert str(made).startswith(f"{refusal.value}: ")
        text = error_text(PermissionDenied(made))
        assert hangul.search(text) and refusal.value not in text and "{" not in text, (refusal, text)
