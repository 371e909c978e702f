"""Importing legacy tables as records: preview equals import, re-import changes nothing, no duplicate companies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from missiondesk.domain.records import ListQuery
from missiondesk.errors import UserError
from missiondesk.services import maintenance
from missiondesk.services import table_import as ti
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.store.tables import import_link, outbox
from missiondesk.tables.values import CellCode
from tests.legacy_sheets import cases_workbook


def _state(ctx: AppContext) -> tuple[object, ...]:
    stats = maintenance.stats(ctx)
    with ctx.store.read() as conn:
        links = conn.execute(sa.select(sa.func.count()).select_from(import_link)).scalar()
        ops = conn.execute(sa.select(sa.func.count()).select_from(outbox)).scalar()
    return (tuple((c.entity, c.live) for c in stats.counts), links, ops)


def _companies(ctx: AppContext) -> list[str]:
    rows = RecordService(ctx).list(ListQuery("company", limit=100)).rows
    return sorted(str(r.get("name_ko")) for r in rows)


def _outcomes(report: ti.TableReport) -> dict[int, ti.Outcome]:
    return {r.number: r.outcome for r in report.rows}


def test_a_preview_says_what_the_import_does_and_changes_nothing(mission: AppContext, tmp_path: Path) -> None:
    request = ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES)
    before = _state(mission)

    preview = ti.preview(mission, request)

    assert _state(mission) == before
    expected = {
        5: ti.Outcome.NEW,
        6: ti.Outcome.NEW,
        8: ti.Outcome.NEW,
        9: ti.Outcome.CONFIRM,
        10: ti.Outcome.REFUSED,
    }
    assert _outcomes(preview) == expected
    assert [(s.number, s.reason.value) for s in preview.skipped] == [(7, "blank"), (11, "total")]
    confirm = preview.rows[3].problems
    assert [(p.column, p.code) for p in confirm] == [("E", CellCode.CONFIRM_VALUE)]
    assert confirm[0].params["suggestion"] == "DE"
    refused = preview.rows[4]
    assert [(p.column, p.target, p.params.get("problem")) for p in refused.problems] == [
        ("D", "title", "required")
    ]

    report = ti.import_table(mission, request)

    assert _outcomes(report) == expected
    assert [r.made for r in report.rows] == [r.made for r in preview.rows]
    assert (
        report.made("support_case") == 3 and report.made("case_activity") == 1 and report.made("company") == 2
    )
    # Row 8's "한빛배터리" is row 5's "(주)한빛배터리"; row 10's company went with its refused row.
    assert _companies(mission) == ["(주)한빛배터리", "새싹로보틱스"]
    cases = RecordService(mission).list(ListQuery("support_case", limit=10, sort="received_date")).rows
    assert [(str(c.get("received_date")), c.get("status"), c.get("country")) for c in cases] == [
        ("2024-03-05", "in_progress", "DE"),
        ("2024-03-15", "open", "DE"),
        ("2024-04-02", "open", "DE"),
    ]
    assert cases[0].get("categories") == ["permits"] and cases[1].get("categories") == ["visas"]
    assert cases[0].get("company_id") == cases[2].get("company_id")
    activity = RecordService(mission).children("case_activity", cases[0].id)
    assert [(str(a.get("date")), a.get("notes")) for a in activity] == [("2024-03-06", "주정부 면담")]


def test_every_record_an_import_makes_is_an_op_and_importing_again_changes_nothing(
    mission_on: AppContext, tmp_path: Path
) -> None:
    """On SQLite and on PostgreSQL: the savepoints per row and the rolled-back preview hold on both."""
    mission = mission_on
    request = ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES)
    before = _state(mission)
    assert ti.preview(mission, request).count(ti.Outcome.NEW) == 3
    assert _state(mission) == before
    ti.import_table(mission, request)
    after = _state(mission)
    # 3 cases (the one in progress made so by its one create), 2 companies, 1 activity.
    assert after[2] - before[2] == 3 + 2 + 1

    again = ti.import_table(mission, request)

    assert _state(mission) == after
    assert _outcomes(again) == {
        5: ti.Outcome.IMPORTED_BEFORE,
        6: ti.Outcome.IMPORTED_BEFORE,
        8: ti.Outcome.IMPORTED_BEFORE,
        9: ti.Outcome.CONFIRM,
        10: ti.Outcome.REFUSED,
    }


def test_confirmed_suggestions_are_taken_and_a_corrected_copy_matches_what_it_made(
    mission: AppContext, tmp_path: Path
) -> None:
    path = cases_workbook(tmp_path / "cases.xlsx")
    ti.import_table(mission, ti.ImportRequest(path, ti.TableKind.CASES))
    accepted = frozenset({ti.Suggestion("country", "Germny")})

    # Row 9's country confirmed: its company is then the next question (새싹로보틱 ~ 새싹로보틱스).
    report = ti.import_table(mission, ti.ImportRequest(path, ti.TableKind.CASES, accepted=accepted))
    row = report.rows[3]
    assert row.outcome is ti.Outcome.CONFIRM and row.problems[0].code is CellCode.CONFIRM_COMPANY
    assert row.problems[0].params["known_as"] == "새싹로보틱스"

    report = ti.import_table(
        mission, ti.ImportRequest(path, ti.TableKind.CASES, accepted=accepted, accept_suggestions=True)
    )
    assert _outcomes(report)[9] is ti.Outcome.NEW
    assert report.rows[3].made == {"support_case": 1}  # linked to 새싹로보틱스, no new company
    assert _companies(mission) == ["(주)한빛배터리", "새싹로보틱스"]


def test_ambiguous_day_month_dates_wait_for_the_persons_choice(mission: AppContext, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Title", "Country", "Date received"])
    ws.append(["Visa delay", "Germany", "5/3/2024"])
    ws.append(["Customs", "Germany", "6/4/2024"])
    wb.save(tmp_path / "en.xlsx")
    request = ti.ImportRequest(tmp_path / "en.xlsx", ti.TableKind.CASES)

    preview = ti.preview(mission, request)
    assert preview.date_questions == ["received_date"]
    assert {p.code for r in preview.rows for p in r.problems} == {CellCode.AMBIGUOUS_DATE}
    assert preview.count(ti.Outcome.REFUSED) == 2

    report = ti.import_table(
        mission, ti.ImportRequest(request.path, request.kind, date_order=ti.DateOrder.DMY)
    )
    assert report.count(ti.Outcome.NEW) == 2 and not report.date_questions
    cases = RecordService(mission).list(ListQuery("support_case", limit=10, sort="received_date")).rows
    assert [str(c.get("received_date")) for c in cases] == ["2024-03-05", "2024-04-06"]


def test_a_company_that_exists_is_matched_not_duplicated(mission: AppContext, tmp_path: Path) -> None:
    records = RecordService(mission)
    existing = records.create("company", {"name_ko": "(주)한빛배터리", "brn": "123-45-67890"}).record_id
    other = records.create("company", {"name_ko": "새싹로보틱스", "name_en": "Saessak Robotics"}).record_id
    path = tmp_path / "companies.csv"
    path.write_bytes(
        (
            "기업 명단 (2023)\n"
            "\n"
            "기업명,사업자등록번호,규모,업종\n"
            "한빛배터리 주식회사,1234567890,중소기업,\n"
            "SAESSAK ROBOTICS LTD,,스타트업,\n"
            "새싹 로보틱,,,\n"
            "푸른바다식품,222-33-44444,small,\n"
            "합계,,,\n"
        ).encode("cp949")
    )
    request = ti.ImportRequest(path, ti.TableKind.COMPANIES)

    report = ti.import_table(mission, request)

    assert report.encoding == "cp949"
    assert [
        (r.number, r.outcome, r.record_id if r.outcome is not ti.Outcome.NEW else "") for r in report.rows
    ] == [
        (4, ti.Outcome.MATCHED, existing),
        (5, ti.Outcome.MATCHED, other),
        (6, ti.Outcome.CONFIRM, other),
        (7, ti.Outcome.NEW, ""),
    ]
    assert report.rows[2].problems[0].code is CellCode.CONFIRM_COMPANY
    assert _companies(mission) == ["(주)한빛배터리", "새싹로보틱스", "푸른바다식품"]
    assert ti.import_table(mission, request).count(ti.Outcome.NEW) == 0
    assert _companies(mission) == ["(주)한빛배터리", "새싹로보틱스", "푸른바다식품"]


def test_a_saved_mapping_is_offered_again_for_a_table_of_the_same_shape(
    mission: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["건", "나라", "언제"])  # headers nobody could guess
    ws.append(["비자 발급 지연", "독일", "2024.03.05"])
    wb.save(tmp_path / "odd.xlsx")
    request = ti.ImportRequest(tmp_path / "odd.xlsx", ti.TableKind.CASES)
    with pytest.raises(UserError, match="case's title"):
        ti.preview(mission, request)
    corrected = ti.ImportRequest(request.path, request.kind, columns={"건": "title", "언제": "received_date"})
    preview = ti.preview(mission, corrected)
    assert [m.target for m in preview.columns] == ["title", "country", "received_date"]
    ti.save_mapping(mission, "프랑크푸르트 2019", preview)

    again = ti.preview(mission, request)

    assert again.mapping_name == "프랑크푸르트 2019"
    assert [m.target for m in again.columns] == ["title", "country", "received_date"]
    assert again.count(ti.Outcome.NEW) == 1
    assert [m.name for m in ti.mappings(mission, ti.TableKind.CASES)] == ["프랑크푸르트 2019"]


def test_a_taught_synonym_is_a_sure_match(mission: AppContext, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "국가", "접수일", "상태"])
    ws.append(["비자", "독일", "2024.03.05", "끝남"])
    wb.save(tmp_path / "s.xlsx")
    request = ti.ImportRequest(tmp_path / "s.xlsx", ti.TableKind.CASES)
    assert ti.preview(mission, request).rows[0].problems[0].code is CellCode.UNKNOWN_VALUE

    ti.teach_synonym(mission, ti.TableKind.CASES, "status", "끝남", "pending")
    with pytest.raises(UserError, match="not a value"):
        ti.teach_synonym(mission, ti.TableKind.CASES, "status", "끝남", "finished")

    row = ti.preview(mission, request).rows[0]
    # Read as "pending" now; pending needs whom it waits on: the workflow's own step refuses the row.
    assert row.outcome is ti.Outcome.REFUSED
    assert [p.code for p in row.problems] == [CellCode.REFUSED] and "pending on" in row.reason


def test_a_closed_legacy_case_is_closed_through_the_workflow(mission: AppContext, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "국가", "접수일", "상태", "결과", "해결일", "해결 내용"])
    ws.append(
        ["부지 확보", "독일", "2024.01.10", "종결", "완전 해결", "2024.06.30", "주정부 협조로 부지 확보"]
    )
    ws.append(["비자", "독일", "2024.01.11", "종결", "", "", ""])
    wb.save(tmp_path / "closed.xlsx")

    report = ti.import_table(mission, ti.ImportRequest(tmp_path / "closed.xlsx", ti.TableKind.CASES))

    assert _outcomes(report) == {2: ti.Outcome.NEW, 3: ti.Outcome.REFUSED}
    case = RecordService(mission).get("support_case", str(report.rows[0].record_id))
    assert (case.get("status"), case.get("outcome"), str(case.get("resolution_date"))) == (
        "closed",
        "resolved_full",
        "2024-06-30",
    )
    assert "outcome" in report.rows[1].reason


def test_the_errors_workbook_lists_each_row_not_imported_with_its_reason(
    mission: AppContext, tmp_path: Path
) -> None:
    report = ti.preview(
        mission, ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES)
    )
    out = tmp_path / "errors.xlsx"

    assert ti.write_errors(report, out, "en") == 2

    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][0] == "Row" and rows[0][-1] == "Reason" and rows[0][4] == "제목"
    assert [r[0] for r in rows[1:]] == [9, 10]
    assert rows[1][5] == "Germny" and "E (국가)" in rows[1][-1] and "Germany" in rows[1][-1]
    assert rows[2][-1] == "D (제목): Title is required."


def test_the_errors_workbook_is_korean_by_default_reasons_and_all(
    mission: AppContext, tmp_path: Path
) -> None:
    report = ti.preview(
        mission, ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES)
    )
    out = tmp_path / "errors.xlsx"

    assert ti.write_errors(report, out) == 2

    book = openpyxl.load_workbook(out)
    rows = [[c.value for c in r] for r in book.active.iter_rows()]
    assert book.sheetnames == ["오류"] and rows[0][0] == "행" and rows[0][-1] == "사유"
    assert rows[1][-1] == "E (국가): “Germny”은(는) “Germany”(으)로 보입니다 (92%). 확인하십시오."
    assert rows[2][-1] == "D (제목): 제목은(는) 필수 항목입니다."
    # The window and the wizard read the same reasons as codes with parameters, not as sentences.
    refused = report.rows[[r.number for r in report.rows].index(10)].problems[0]
    assert refused.code is CellCode.INVALID and refused.params["problem"] == "required"


def test_a_mission_laptop_imports_only_its_own_missions_rows(mission: AppContext, tmp_path: Path) -> None:
    request = ti.ImportRequest(cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES, mission="DE-BER")
    with pytest.raises(UserError, match="DE-FRA"):
        ti.preview(mission, request)


def test_briefs_are_made_once_and_each_row_delivers_one_to_its_company(
    mission: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023년 시장정보 제공 실적"])
    ws.append(["번호", "제목", "주제", "국가", "작성일", "제공 기업", "제공일", "제공 방식"])
    ws.append(
        [1, "독일 배터리 규제 동향", "규제", "독일", "2024.02.01", "(주)한빛배터리", "2024.02.10", "메일"]
    )
    ws.append(
        [2, "독일 배터리 규제 동향", "규제", "독일", "2024.02.01", "새싹로보틱스", "2024. 2. 12.", "설명회"]
    )
    ws.append([3, "바이에른 입지 정보", "부지", "DE", "2024.03.01", "한빛배터리", "2024.03.05", "면담"])
    ws.append([4, "통관 가이드", "", "독일", "2024.03.01", "한빛배터리", "2024.03.06", "메일"])
    ws.append(["계", None, None, None, None, None, None, None])
    wb.save(tmp_path / "briefs.xlsx")
    request = ti.ImportRequest(tmp_path / "briefs.xlsx", ti.TableKind.BRIEFS)

    preview = ti.preview(mission, request)
    report = ti.import_table(mission, request)

    assert [m.target for m in report.columns] == [
        "legacy_ref", "title", "topic", "country", "published_date", "company_name", "delivery.date",
        "delivery.channel",
    ]  # fmt: skip
    expected = {3: ti.Outcome.NEW, 4: ti.Outcome.NEW, 5: ti.Outcome.NEW, 6: ti.Outcome.REFUSED}
    assert _outcomes(preview) == _outcomes(report) == expected
    assert [r.made for r in report.rows] == [r.made for r in preview.rows]
    assert (report.made("market_brief"), report.made("brief_delivery"), report.made("company")) == (2, 3, 2)
    assert [(p.target, p.params.get("problem")) for p in report.rows[3].problems] == [("topic", "required")]
    briefs = RecordService(mission).list(ListQuery("market_brief", limit=10, sort="published_date")).rows
    assert [(b.get("title"), b.get("topic")) for b in briefs] == [
        ("독일 배터리 규제 동향", "regulation"),
        ("바이에른 입지 정보", "sites"),
    ]
    deliveries = RecordService(mission).children("brief_delivery", briefs[0].id, sort="date")
    assert [(str(d.get("date")), d.get("channel")) for d in deliveries] == [
        ("2024-02-10", "email"),
        ("2024-02-12", "seminar"),
    ]
    before = _state(mission)
    assert ti.import_table(mission, request).count(ti.Outcome.IMPORTED_BEFORE) == 3
    assert _state(mission) == before


def test_council_meetings_are_made_once_with_one_attendance_per_row(
    mission: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["지원협의회 개최 현황"])
    ws.append(["회차", "개최일", "장소", "형식", "참석 기관", "참석 인원"])
    ws.append([1, "2024. 3. 14.", "총영사관 회의실", "대면", "KOTRA 프랑크푸르트 무역관", 2])
    ws.append([1, "2024. 3. 14.", "총영사관 회의실", "대면", "주독일한국상공회의소", 1])
    ws.append([2, "2024. 9. 2.", "", "온라인", "KOTRA-FRA", 3])
    ws.append([3, "", "", "", "무역협회 본부", ""])
    wb.save(tmp_path / "meetings.xlsx")
    request = ti.ImportRequest(tmp_path / "meetings.xlsx", ti.TableKind.MEETINGS)

    preview = ti.preview(mission, request)
    report = ti.import_table(mission, request)

    expected = {3: ti.Outcome.NEW, 4: ti.Outcome.NEW, 5: ti.Outcome.NEW, 6: ti.Outcome.REFUSED}
    assert _outcomes(preview) == _outcomes(report) == expected
    assert [r.made for r in report.rows] == [r.made for r in preview.rows]
    assert (report.made("council_meeting"), report.made("meeting_attendance")) == (2, 3)
    assert (
        report.rows[3].problems[0].code is CellCode.UNKNOWN_VALUE
    )  # "무역협회 본부" is no known institution
    meetings = RecordService(mission).list(ListQuery("council_meeting", limit=10, sort="date")).rows
    assert [(m.get("year"), m.get("number"), m.get("status"), m.get("format")) for m in meetings] == [
        (2024, 1, "held", "in_person"),
        (2024, 2, "held", "online"),
    ]
    attendance = RecordService(mission).children("meeting_attendance", meetings[0].id, sort="partner")
    assert [(a.get("partner"), a.get("attendees")) for a in attendance] == [("KCHAM-DE", 1), ("KOTRA-FRA", 2)]
    before = _state(mission)
    assert ti.import_table(mission, request).count(ti.Outcome.IMPORTED_BEFORE) == 3
    assert _state(mission) == before


def test_the_imported_history_is_counted_by_the_report(mission: AppContext, tmp_path: Path) -> None:
    from missiondesk.services.reports import ReportService

    ti.import_table(
        mission,
        ti.ImportRequest(
            cases_workbook(tmp_path / "cases.xlsx"), ti.TableKind.CASES, accept_suggestions=True
        ),
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "주제", "국가", "제공 기업", "제공일"])
    ws.append(["독일 배터리 규제 동향", "규제", "독일", "(주)한빛배터리", "2024.02.10"])
    ws.append(["독일 배터리 규제 동향", "규제", "독일", "새싹로보틱스", "2024.02.12"])
    ws.append(["2023 동향", "시장 동향", "독일", "새싹로보틱스", "2023.12.20"])
    wb.save(tmp_path / "briefs.xlsx")
    ti.import_table(mission, ti.ImportRequest(tmp_path / "briefs.xlsx", ti.TableKind.BRIEFS))

    service = ReportService(mission)
    tallies = service.report(service.period("2024"), today=dt.date(2025, 1, 15)).tallies

    # The cases of the sheet's rows 5, 6, 8 and (confirmed) 9, received in 2024; the two 2024 deliveries.
    assert (tallies["cases_received"], tallies["deliveries"], tallies["firms_reached"]) == (4, 2, 2)


def test_a_column_without_a_header_is_recognised_by_its_countries(
    mission: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "", "접수일"])
    ws.append(["비자", "독일", "2024.03.05"])
    ws.append(["통관", "Germany", "2024.03.06"])
    wb.save(tmp_path / "t.xlsx")

    report = ti.preview(mission, ti.ImportRequest(tmp_path / "t.xlsx", ti.TableKind.CASES))

    assert [(m.column.letter, m.target, m.by.value) for m in report.columns] == [
        ("A", "title", "header"),
        ("B", "country", "values"),
        ("C", "received_date", "header"),
    ]


def test_a_row_of_another_mission_is_refused_with_a_code_the_window_can_word(
    mission: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "공관", "접수일"])
    ws.append(["베를린 건", "DE-BER", "2024-05-02"])
    wb.save(tmp_path / "other.xlsx")

    row = ti.preview(mission, ti.ImportRequest(tmp_path / "other.xlsx", ti.TableKind.CASES)).rows[0]

    assert row.outcome is ti.Outcome.REFUSED
    problem = row.problems[0]
    assert problem.code is CellCode.OTHER_MISSION
    assert problem.params == {"row_mission": "DE-BER", "device_mission": "DE-FRA"}
    assert row.reason == "B (공관): This row is DE-BER's; this laptop keeps DE-FRA's records."


def test_a_row_the_record_service_refuses_is_said_in_korean_in_the_errors_workbook(
    mission: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "국가", "접수일", "상태"])
    ws.append(["비자", "독일", "2024.03.05", "끝남"])
    wb.save(tmp_path / "s.xlsx")
    ti.teach_synonym(mission, ti.TableKind.CASES, "status", "끝남", "pending")
    report = ti.preview(mission, ti.ImportRequest(tmp_path / "s.xlsx", ti.TableKind.CASES))
    out = tmp_path / "errors.xlsx"

    assert ti.write_errors(report, out, "ko") == 1

    sheet = openpyxl.load_workbook(out).active
    reason = str(sheet.cell(2, sheet.max_column).value)
    assert "pending on" in report.rows[0].reason  # the CLI's English
    assert reason.startswith("자료를 만들 수 없습니다") and "pending" not in reason and "대기" in reason


def test_a_permission_refusal_is_said_in_korean_in_the_errors_workbook(
    hq: AppContext, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["제목", "공관", "국가", "접수일"])
    ws.append(["비자", "HQ", "독일", "2024-03-05"])  # a case for HQ itself: cases are missions'
    wb.save(tmp_path / "s.xlsx")
    report = ti.preview(hq, ti.ImportRequest(tmp_path / "s.xlsx", ti.TableKind.CASES))
    out = tmp_path / "errors.xlsx"

    assert ti.write_errors(report, out, "ko") == 1

    [problem] = report.rows[0].problems
    assert problem.params["said_code"] == "mission_record"  # HQ cannot make a mission's record
    assert "HQ cannot create, delete or restore one" in report.rows[0].reason  # the CLI's English
    sheet = openpyxl.load_workbook(out).active
    reason = str(sheet.cell(2, sheet.max_column).value)
    assert reason == (
        "자료를 만들 수 없습니다: 현장 지원 사례은(는) 공관의 자료이므로 본부에서 만들거나 삭제하거나 복원할 수 없습니다."
    ), reason
