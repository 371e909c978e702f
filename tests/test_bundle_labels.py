"""A bundle's readable sheets speak in words: names, references and labels, signed, and still checked cell by cell."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import python_calamine as calamine

from missiondesk.bundles import readable
from missiondesk.bundles.limits import Limits
from missiondesk.domain.schema import Kind
from missiondesk.domain.value_names import VALUE_NAMES, value_names
from missiondesk.services import bundle_export, bundle_import
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from tests.syncsim import World
from tests.test_bundles import trust_each_other

PROGRAMME = "TSM-2026"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def _real_records(ctx: AppContext) -> dict[str, str]:
    """One of each record a mission keeps, each pointing at the others as officers' records do."""
    svc = RecordService(ctx)

    def make(name: str, values: dict[str, Any]) -> str:
        return svc.create(name, values).record_id

    ids: dict[str, str] = {}
    ids["company"] = make("company", {"name_ko": "배터리리텍", "name_en": "BatteryReTech", "size": "small"})
    ids["officer"] = make("officer", {"name": "김담당", "mission": "DE-FRA", "role": "officer"})
    ids["case"] = make(
        "support_case",
        {
            "title": "공장 부지 인허가",
            "received_date": "2026-03-02",
            "company_id": ids["company"],
            "officer_id": ids["officer"],
            "country": "DE",
            "area": "DE-BW",
            "categories": ["permits", "site"],
            "request_source": "council",
            "priority": "high",
        },
    )
    make(
        "case_activity",
        {
            "case_id": ids["case"],
            "date": "2026-03-05",
            "action_type": "request_to_authority",
            "channel": "official_letter",
            "officers": [ids["officer"]],
            "partners": ["KOTRA-FRA"],
            "authorities": ["DE-BW-ECON"],
            "notes": "주 정부에 협조 요청",
        },
    )
    make(
        "partner_referral",
        {"case_id": ids["case"], "partner": "KOTRA-FRA", "service": "부지 임차 협의", "status": "requested"},
    )
    ids["meeting"] = make(
        "council_meeting",
        {"year": 2026, "number": 1, "date": "2026-03-10", "format": "in_person", "status": "planned"},
    )
    make("meeting_attendance", {"meeting_id": ids["meeting"], "partner": "KOTRA-FRA", "attendees": 2})
    make(
        "agenda_item",
        {"meeting_id": ids["meeting"], "position": 1, "title": "부지 확보", "case_id": ids["case"]},
    )
    ids["brief"] = make(
        "market_brief", {"title": "바덴뷔르템베르크 인허가 안내", "topic": "regulation", "country": "DE"}
    )
    make("brief_delivery", {"brief_id": ids["brief"], "company_id": ids["company"], "date": "2026-03-12"})
    make(
        "proposal",
        {
            "programme": PROGRAMME,
            "fiscal_year": 2026,
            "title": "배터리 재제조 지원",
            "partners": ["KOTRA-FRA"],
            "status": "draft",
        },
    )
    return ids


def _export(world: World, tmp_path: Path, language: str = "ko") -> tuple[AppContext, Path, dict[str, str]]:
    fra = world.laptop("fra")
    trust_each_other(world, fra, tmp_path)
    ids = _real_records(fra)
    bundle = tmp_path / "b.xlsx"
    bundle_export.export_bundle(fra, bundle, language=language)
    return fra, bundle, ids


def test_a_korean_bundle_of_real_records_speaks_in_words_to_a_second_reader(
    world: World, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _, bundle, ids = _export(world, tmp_path)
    book = openpyxl.load_workbook(bundle)  # the second reader: the app reads with calamine
    assert book["labels"].sheet_state == "hidden"
    seen_coded: dict[str, set[str]] = {}
    for sheet in readable.READABLE_SHEETS:
        assert sheet.name in book.sheetnames, sheet.name
        ws = book[sheet.name]
        # The record's id ties a row to its ops; it is there, and hidden from people.
        assert ws.column_dimensions["A"].hidden
        cols = readable.columns(sheet.spec, include_sensitive=False)
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert rows, f"{sheet.name} has no row"
        for row in rows:
            for f, value in zip(cols, row[1:], strict=False):
                assert not (isinstance(value, str) and UUID.search(value)), (sheet.name, f.name, value)
                if f.kind in readable.LABELLED and value not in (None, ""):
                    seen_coded.setdefault(f"{sheet.name}.{f.name}", set()).add(str(value))
    # Every coded column holds a label: no stored value (``in_progress``, ``DE-BW``) as it is kept.
    stored = set(VALUE_NAMES) | {"DE-BW", "DE", "KOTRA-FRA", "DE-BW-ECON", PROGRAMME}
    raw = {k: v & stored for k, v in seen_coded.items() if v & stored}
    assert not raw, raw
    words = {k: v.pop() if len(v) == 1 else v for k, v in seen_coded.items()}
    assert words["cases.company_id"] == "배터리리텍 (BatteryReTech)"
    assert words["cases.officer_id"] == "김담당"
    assert words["cases.area"] == "바덴뷔르템베르크주 (Baden-Württemberg)"
    assert words["cases.categories"] == "인허가 (Permits and licensing), 부지·부동산 (Site and real estate)"
    assert words["cases.status"] == "작성 중 (Draft)"
    assert words["cases.priority"] == "높음 (High)"
    case_ref = next(r[1] for r in book["cases"].iter_rows(min_row=2, values_only=True))
    assert case_ref.startswith("DE-FRA-26-")
    assert words["activities.case_id"] == case_ref
    assert words["activities.action_type"] == "기관 요청 (Request to an authority)"
    assert words["activities.channel"] == "공문 (Official letter)"
    assert words["activities.officers"] == "김담당"
    assert words["activities.partners"] == "KOTRA 프랑크푸르트 무역관 (KOTRA Frankfurt Trade Center)"
    # A foreign authority has no Korean name: its English one.
    assert (
        words["activities.authorities"]
        == "Ministry of Economic Affairs, Labour and Tourism Baden-Württemberg"
    )
    assert (
        words["proposals.programme"]
        == "재외공관 맞춤형 중소기업 지원모델 (2026) (Tailored support models for SMEs abroad (2026))"
    )
    assert words["referrals.partner"] == words["attendance.partner"] == words["activities.partners"]
    assert words["attendance.meeting_id"] == words["agenda.meeting_id"] == "2026년 제1차 (2026 meeting no. 1)"
    assert words["agenda.case_id"] == case_ref
    assert words["deliveries.brief_id"] == "바덴뷔르템베르크 인허가 안내"
    assert words["deliveries.company_id"] == "배터리리텍 (BatteryReTech)"
    assert words["meetings.status"] == "예정 (Planned)"
    # Dates are dates, for calamine too.
    cases = calamine.CalamineWorkbook.from_path(str(bundle)).get_sheet_by_name("cases").to_python()
    received = cases[0].index("접수일 / Received")
    assert str(cases[1][received]) == "2026-03-02"
    assert ids  # every record above went into the bundle


def test_an_english_bundle_puts_english_first(world: World, tmp_path: Path) -> None:
    _, bundle, _ = _export(world, tmp_path, language="en")
    rows = calamine.CalamineWorkbook.from_path(str(bundle)).get_sheet_by_name("cases").to_python()
    shown = dict(zip(rows[0], rows[1], strict=False))
    assert shown["기업 / Company"] == "BatteryReTech (배터리리텍)"
    assert shown["상태 / Status"] == "Draft (작성 중)"


def test_a_bundle_with_labels_imports_as_signed_and_an_edited_label_is_listed(
    world: World, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _, bundle, ids = _export(world, tmp_path)
    found = bundle_import.inspect(world.hq, bundle)
    assert found.ok, found.refusal
    assert found.readable is not None and not found.readable.differences and not found.readable.edited_sheets
    assert found.labels.label("company", ids["company"]) == "배터리리텍 (BatteryReTech)"
    # Someone picks another status and another area in Excel, as a person would: by its words.
    book = openpyxl.load_workbook(bundle)
    ws = book["cases"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("상태 / Status") + 1, value="종결 (Closed)")
    ws.cell(row=2, column=headers.index("지역 / Area") + 1, value="바이에른주 (Bavaria)")
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    for limits in (Limits(), Limits(second_process_from_bytes=0)):
        again = bundle_import.inspect(world.hq, edited, limits)
        assert again.ok, again.refusal
        assert again.readable is not None and again.readable.edited_sheets == ("cases",)
        listed = {(d.column, d.in_sheet, d.in_ops) for d in again.readable.differences}
        assert listed == {
            ("지역 / Area", "바이에른주 (Bavaria)", "바덴뷔르템베르크주 (Baden-Württemberg)"),
            ("상태 / Status", "종결 (Closed)", "작성 중 (Draft)"),
        }


def test_a_changed_label_in_the_hidden_sheet_refuses_the_file(world: World, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    _, bundle, _ = _export(world, tmp_path)
    book = openpyxl.load_workbook(bundle)
    ws = book["labels"]
    cell = ws.cell(row=2, column=2)
    cell.value = str(cell.value).replace('"label":"', '"label":"x')
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    found = bundle_import.inspect(world.hq, edited)
    assert not found.ok and "SHA-256" in str(found.refusal)


def test_every_closed_list_value_has_korean_and_english_names() -> None:
    from missiondesk.domain.schema import ENTITIES

    for spec in ENTITIES:
        for f in spec.fields:
            if f.kind is Kind.ENUM:
                assert f.enum is not None
                for member in f.enum:
                    assert member.value in VALUE_NAMES, (spec.name, f.name, member.value)
                    ko, en = value_names(member.value)
                    assert ko and en and ko != en, (spec.name, f.name, member.value)  # Korean found


def test_the_names_in_bundles_are_the_windows_words() -> None:
    """The Korean a bundle writes for a value is the Korean the window shows for it: the catalogue's
    entry for the one English name, read without Qt."""
    import xml.etree.ElementTree as ET

    catalogue = Path(__file__).parents[1] / "resources" / "translations" / "missiondesk_ko.ts"
    korean = {
        m.findtext("source"): m.findtext("translation")
        for context in ET.parse(catalogue).getroot()
        if context.findtext("name") == "value"
        for m in context.findall("message")
    }
    for value, english in VALUE_NAMES.items():
        assert value_names(value) == (korean[english], english), value
