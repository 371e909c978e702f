"""Search across cases, briefs and companies: Korean by any substring, Latin without regard to case."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from missiondesk.domain.records import ListQuery
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.services.search import search_all
from missiondesk.store import search


@pytest.fixture
def seeded(mission_on: AppContext) -> AppContext:
    svc = RecordService(mission_on)
    company = svc.create(
        "company", {"name_ko": "한빛배터리", "name_en": "Hanbit Battery Co., Ltd.", "brn": "123-45-67890"}
    )
    svc.create(
        "support_case",
        {
            "title": "바이에른주 공장 건축허가 지연",
            "summary": "Factory permit in Bavaria",
            "company_id": company.record_id,
        },
    )
    svc.create("support_case", {"title": "주재원 취업비자 발급 지연"})
    svc.create(
        "market_brief", {"title": "독일 이차전지 시장 동향", "topic": "market_trends", "country": "DE"}
    )
    return mission_on


def _labels(ctx: AppContext, query: str) -> set[str]:
    return {r.label for r in search_all(ctx, query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("바이에른", {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연"}),
        ("건축허가", {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연"}),
        ("허가 지연", {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연"}),  # every word, in any place
        ("에른주", {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연"}),  # from the middle of a word
        ("비자", {"DE-FRA-26-1002  주재원 취업비자 발급 지연"}),  # two syllables: shorter than a trigram
        ("빛배터", {"한빛배터리 (Hanbit Battery Co., Ltd.)"}),
        ("이차전지", {"독일 이차전지 시장 동향"}),
        ("BAVARIA", {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연"}),
        ("hanbit", {"한빛배터리 (Hanbit Battery Co., Ltd.)"}),
        ("battery co", {"한빛배터리 (Hanbit Battery Co., Ltd.)"}),
        ("123-45", {"한빛배터리 (Hanbit Battery Co., Ltd.)"}),
        ("DE-FRA-26-1002", {"DE-FRA-26-1002  주재원 취업비자 발급 지연"}),
        (
            "지연",
            {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연", "DE-FRA-26-1002  주재원 취업비자 발급 지연"},
        ),
        ("건축허가 지연", {"DE-FRA-26-1001  바이에른주 공장 건축허가 지연"}),  # a trigram and a pair together
        ("취업비자 발급", {"DE-FRA-26-1002  주재원 취업비자 발급 지연"}),
        ("빛", {"한빛배터리 (Hanbit Battery Co., Ltd.)"}),  # one character: a plain scan
        ("없는말", set()),
        ("100%", set()),
        ('"', set()),
    ],
)
def test_search_finds_korean_and_latin_text(seeded: AppContext, query: str, expected: set[str]) -> None:
    assert _labels(seeded, query) == expected


def test_search_matches_decomposed_korean_input(seeded: AppContext) -> None:
    # macOS input methods can hand us NFD jamo; they must find the NFC text.
    assert _labels(seeded, unicodedata.normalize("NFD", "바이에른")) == {
        "DE-FRA-26-1001  바이에른주 공장 건축허가 지연"
    }


def test_deleted_records_leave_the_search_and_return_on_restore(seeded: AppContext) -> None:
    svc = RecordService(seeded)
    case = search_all(seeded, "취업비자")[0].record
    svc.delete("support_case", case.id)
    assert search_all(seeded, "취업비자") == []
    svc.restore("support_case", case.id)
    assert [r.record.id for r in search_all(seeded, "취업비자")] == [case.id]


def test_an_edit_is_found_by_its_new_text_only(seeded: AppContext) -> None:
    svc = RecordService(seeded)
    case = search_all(seeded, "취업비자")[0].record
    svc.update("support_case", case.id, {"title": "체류허가 갱신 문의"})
    assert search_all(seeded, "취업비자") == []
    assert [r.record.id for r in search_all(seeded, "체류허가")] == [case.id]


def test_the_case_list_filters_by_text_too(seeded: AppContext) -> None:
    page = RecordService(seeded).list(ListQuery("support_case", text="바이에른"))
    assert [r["reference"] for r in page.rows] == ["DE-FRA-26-1001"]


@given(st.text(alphabet=st.sampled_from("가나다ab1_ -│.é"), max_size=40))
def test_bigrams_are_the_overlapping_pairs_of_each_word(text: str) -> None:
    words = re.findall(r"\w+", text)
    assert search.bigrams(text) == " ".join(w[i : i + 2] for w in words for i in range(len(w) - 1))


def _case_with_a_note(ctx: AppContext) -> str:
    svc = RecordService(ctx)
    case = svc.create("support_case", {"title": "배터리 재제조 공장 부지 확보"})
    svc.create(
        "case_activity",
        {
            "case_id": case.record_id,
            "date": "2026-11-02",
            "action_type": "consultation",
            "notes": "Site visit with the Heilbronn economic development office",
        },
    )
    return case.record_id


def test_the_case_list_finds_a_case_by_its_activity_notes(seeded: AppContext) -> None:
    case_id = _case_with_a_note(seeded)
    svc = RecordService(seeded)
    for text in ("Heilbronn", "heilbronn economic"):
        assert [r.id for r in svc.list(ListQuery("support_case", text=text)).rows] == [case_id]
    # A deleted note no longer finds the case.
    [note] = svc.children("case_activity", case_id)
    svc.delete("case_activity", note.id)
    assert svc.list(ListQuery("support_case", text="Heilbronn")).rows == ()


def test_the_case_list_finds_a_closed_case_by_its_resolution_summary(seeded: AppContext) -> None:
    svc = RecordService(seeded)
    case = svc.create("support_case", {"title": "공장 인허가"})
    svc.transition("support_case", case.record_id, "open")
    svc.transition(
        "support_case",
        case.record_id,
        "closed",
        {
            "outcome": "resolved_full",
            "resolution_date": dt.date.today(),
            "resolution_summary": "Baugenehmigung erteilt",
        },
    )
    found = svc.list(ListQuery("support_case", text="baugenehmigung")).rows
    assert [r.id for r in found] == [case.record_id]
    assert [r.record.id for r in search_all(seeded, "Baugenehmigung")] == [case.record_id]


def test_fold_many_folds_each_text_as_fold_does() -> None:
    """Folded joined, the texts come back as one by one: combining marks after a text's start,
    Korean jamo, final sigma, expanding folds, and a text holding the separator itself."""
    texts = ["\u0301abc", "e", "\u1100\u1161", "ΟΔΟΣ", "Straße", "", "x\x1ey", "ﬃ\u0327"]
    assert search.fold_many(texts) == [search.fold(t) for t in texts]
    assert search.fold_many(texts[:-2]) == [search.fold(t) for t in texts[:-2]]
    assert search.fold_many([]) == []
