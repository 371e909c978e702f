"""Realistic demo data for a mission: companies, cases, briefs, meetings, proposals, tasks.

Demo records are practice data. They are flagged ``extra.demo`` and never
leave the laptop: no outbox ops are written for them (nor for later edits
to them), so they can never reach HQ's figures. They are written in bulk in
one transaction, so a cancelled or failed run leaves nothing behind; 100,000
cases take well under a minute.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk import refdata
from missiondesk.domain import enums as E
from missiondesk.domain import references
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role
from missiondesk.domain.schema import entity
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext
from missiondesk.services.progress import Silent, TaskContext
from missiondesk.store import search
from missiondesk.store.records import new_row, utcnow
from missiondesk.store.search import document_body
from missiondesk.store.tables import audit_event, entity_table, reference_counter, search_doc

CHUNK = 5000
DEMO_EXTRA = {"demo": True}

_NAME_PARTS = (
    ("한빛", "Hanbit"),
    ("세원", "Sewon"),
    ("대양", "Daeyang"),
    ("미래", "Mirae"),
    ("그린", "Green"),
    ("에코", "Eco"),
    ("동방", "Dongbang"),
    ("새한", "Saehan"),
    ("청솔", "Cheongsol"),
    ("누리", "Nuri"),
    ("아라", "Ara"),
    ("한결", "Hangyeol"),
    ("빛샘", "Bitsaem"),
    ("온누리", "Onnuri"),
    ("다온", "Daon"),
    ("으뜸", "Eutteum"),
    ("해오름", "Haeoreum"),
    ("초록", "Chorok"),
    ("가람", "Garam"),
    ("세진", "Sejin"),
)
_NAME_KINDS = (
    ("배터리", "Battery"),
    ("테크", "Tech"),
    ("바이오", "Bio"),
    ("소재", "Materials"),
    ("정밀", "Precision"),
    ("에너지", "Energy"),
    ("로보틱스", "Robotics"),
    ("푸드", "Foods"),
    ("코스메틱", "Cosmetics"),
    ("모빌리티", "Mobility"),
    ("반도체", "Semicon"),
    ("메디칼", "Medical"),
    ("소프트", "Soft"),
    ("산업", "Industries"),
)
_CASE_TITLES = {
    "permits": ("{area} 공장 건축허가 지연", "Building permit for the plant in {area} delayed"),
    "site": ("{area} 생산부지 확보 및 임대 협의", "Securing a production site in {area}"),
    "visas": ("주재원 취업비자 발급 지연", "Work visas for seconded staff delayed"),
    "incorporation": ("현지 법인 설립 절차 문의", "Setting up the local subsidiary"),
    "customs": ("통관 보류 및 원산지 증명 문제", "Goods held at customs over proof of origin"),
    "certification": ("제품 인증(CE) 취득 지원 요청", "Product certification (CE) support"),
    "ip": ("현지 상표 무단 선점 대응", "Trademark squatting in the host market"),
    "tax": ("투자 인센티브 신청 지원", "Applying for investment incentives"),
    "finance": ("현지 바이어 대금 미지급 분쟁", "Unpaid invoices from a local buyer"),
    "procurement": ("공공조달 입찰 참가 자격 문의", "Eligibility for a public tender"),
    "labour": ("현지 인력 채용 및 노무 자문", "Hiring local staff and labour law advice"),
    "digital": ("개인정보 이전 규제 대응", "Cross-border personal data rules"),
    "competition": ("국영기업 거래 관행 관련 애로", "Dealing with a state-owned enterprise"),
    "partners": ("{area} 유통 파트너 발굴", "Finding a distribution partner in {area}"),
    "market_info": ("{sector} 시장 규제 동향 문의", "Regulatory outlook for {sector}"),
    "safety": ("현지 사업장 안전 위기 대응", "Safety incident at a local site"),
    "other": ("기타 현지 애로 상담", "Other local difficulty"),
}
_SERVICES = (
    ("KOSME", "비자 발급 지원"),
    ("KOTRA", "부지 임대 협상 주선"),
    ("KISED", "스타트업 현지 정착 지원"),
    ("KOICA", "현지 정부 협력 연계"),
    ("KIPO", "상표 분쟁 자문"),
    ("KITA", "통관 애로 해소"),
)
_BRIEF_TITLES = (
    ("{country} {sector} 시장 동향", E.BriefTopic.MARKET_TRENDS),
    ("{country} 제품 인증 제도 개정 안내", E.BriefTopic.REGULATION),
    ("{country} 주요 바이어 목록", E.BriefTopic.BUYERS),
    ("{country} 공공조달 입찰 정보", E.BriefTopic.TENDERS),
    ("{country} 투자 인센티브 제도", E.BriefTopic.INCENTIVES),
    ("{country} 산업단지 부지 현황", E.BriefTopic.SITES),
    ("{country} 노동법 주요 내용", E.BriefTopic.LABOUR),
    ("{country} 법인세 및 부가세 안내", E.BriefTopic.TAX),
    ("{country} 물류 및 통관 절차", E.BriefTopic.LOGISTICS),
    ("{country} 계약 관련 법률 유의사항", E.BriefTopic.LEGAL),
)


@dataclass(frozen=True)
class DemoResult:
    cases: int
    activities: int
    referrals: int
    companies: int
    briefs: int
    deliveries: int
    meetings: int
    seconds: float


def generate_demo(
    ctx: AppContext, cases: int = 200, seed: int = 2026, task: TaskContext | None = None
) -> DemoResult:
    if ctx.device.role is not Role.MISSION:
        raise UserError(say(MessageCode.DEMO_AT_HQ))
    if not 0 <= cases <= 1_000_000:
        raise UserError(say(MessageCode.DEMO_COUNT))
    task = task or Silent()
    started = time.perf_counter()
    with ctx.store.write() as conn:
        result = _Generator(ctx, conn, random.Random(seed), task).run(cases)
    ctx.store.checkpoint()  # the bulk write left a write-ahead log as large as the data
    return DemoResult(**result, seconds=time.perf_counter() - started)


class _Generator:
    def __init__(self, ctx: AppContext, conn: Connection, rng: random.Random, task: TaskContext) -> None:
        self.ctx = ctx
        self.conn = conn
        self.rng = rng
        self.task = task
        self.mission = ctx.device.mission
        self.now = utcnow()
        self.today = dt.date.today()
        mission_row = next(m for m in refdata.rows("mission") if m["code"] == self.mission)
        self.country = mission_row["country"]
        areas = [a["code"] for a in refdata.rows("area") if a["country"] == self.country]
        self.areas = list(mission_row.get("jurisdiction") or []) or areas or [None]
        self.area_names = {a["code"]: (a["name_ko"], a["name_en"]) for a in refdata.rows("area")}
        country = next(c for c in refdata.rows("country") if c["code"] == self.country)
        self.country_ko, self.country_en = country["name_ko"], country["name_en"]
        self.sectors = [(s["code"], s["name_ko"], s["name_en"]) for s in refdata.rows("sector")]
        self.categories = [c["code"] for c in refdata.rows("category") if not c.get("parent")]
        self.partners = [p["code"] for p in refdata.rows("partner")]
        self.authorities = [a["code"] for a in refdata.rows("authority") if a["country"] == self.country]
        self.programmes = [p["code"] for p in refdata.rows("programme")]
        self.written = 0
        self.total = 1

    # --- plumbing ---------------------------------------------------------------------------

    def _row(self, entity_name: str, values: dict[str, Any], owner: str | None = None) -> dict[str, Any]:
        return new_row(
            entity(entity_name),
            values,
            record_id=str(uuid.uuid4()),
            owner=owner or self.mission,
            by=self.ctx.device.officer_name,
            at=self.now,
            extra=DEMO_EXTRA,
        )

    def _write(self, entity_name: str, rows: Sequence[dict[str, Any]]) -> None:
        spec = entity(entity_name)
        table = entity_table(entity_name)
        for start in range(0, len(rows), CHUNK):
            self.task.check_cancelled()
            chunk = rows[start : start + CHUNK]
            self.conn.execute(sa.insert(table), list(chunk))
            if spec.search_fields:
                docs = [
                    {
                        "entity": spec.name,
                        "record_id": r["id"],
                        "owner_mission": r["owner_mission"],
                        "body": document_body(spec, r),
                    }
                    for r in chunk
                ]
                self.conn.execute(sa.insert(search_doc), docs)
            self.written += len(chunk)
            self.task.progress(
                min(self.written, self.total), self.total, f"Writing demo {spec.label_en.lower()}s"
            )
        if rows:
            self.conn.execute(
                sa.insert(audit_event).values(
                    at=self.now,
                    device_id=self.ctx.device.device_id,
                    actor=self.ctx.device.officer_name,
                    entity=entity_name,
                    record_id=rows[0]["id"],
                    action="demo",
                    changes={"records": len(rows)},
                    op_id=None,
                )
            )

    def _date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    # --- the data ---------------------------------------------------------------------------

    def run(self, n_cases: int) -> dict[str, int]:
        first_fts_id = self.conn.execute(
            sa.select(sa.func.coalesce(sa.func.max(search_doc.c.id), 0))
        ).scalar_one()
        n_companies = max(10, min(5000, n_cases // 20))
        self.total = n_cases * 5 + n_companies + 200
        officers = self._officers()
        companies = self._companies(n_companies)
        case_rows = self._cases(n_cases, companies, officers)
        activities, referrals = self._case_children(case_rows, officers)
        briefs, deliveries = self._briefs(max(5, n_cases // 100 + 10), companies)
        meetings = self._meetings(case_rows)
        self._proposals()
        self._tasks(case_rows, officers)
        self.task.progress(self.total, self.total, "Indexing the demo data for search")
        search.index_new_documents(self.conn, first_fts_id)
        if self.conn.dialect.name == "sqlite":
            self.conn.exec_driver_sql("ANALYZE")  # fresh statistics so lists pick their sort indexes
        return {
            "cases": len(case_rows),
            "activities": activities,
            "referrals": referrals,
            "companies": len(companies),
            "briefs": briefs,
            "deliveries": deliveries,
            "meetings": meetings,
        }

    def _officers(self) -> list[str]:
        names = ("김민준", "이서연", "박지훈", "최수아", "정우진", "강하은")
        rows = [
            self._row(
                "officer",
                {"name": name, "mission": self.mission, "role": E.OfficerRole.OFFICER.value, "active": True},
            )
            for name in self.rng.sample(names, 4)
        ]
        self._write("officer", rows)
        return [r["id"] for r in rows] + ([self.ctx.device.officer_id] if self.ctx.device.officer_id else [])

    def _companies(self, n: int) -> list[dict[str, Any]]:
        rows = []
        for i in range(n):
            (p_ko, p_en), (k_ko, k_en) = self.rng.choice(_NAME_PARTS), self.rng.choice(_NAME_KINDS)
            sector = self.rng.choice(self.sectors)[0]
            brn = f"{self.rng.randint(100, 999)}-{self.rng.randint(10, 99)}-{self.rng.randint(10000, 99999)}"
            suffix = "" if i < len(_NAME_PARTS) * len(_NAME_KINDS) else f" {i}"
            rows.append(
                self._row(
                    "company",
                    {
                        "name_ko": f"{p_ko}{k_ko}{suffix}",
                        "name_en": f"{p_en} {k_en}{suffix} Co., Ltd.",
                        "brn": brn,
                        "size": self.rng.choice(list(E.CompanySize)).value,
                        "sector": sector,
                        "export_experience": self.rng.choice(list(E.ExportExperience)).value,
                        "home_city": self.rng.choice(
                            ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "창원")
                        ),
                    },
                )
            )
        self._write("company", rows)
        return rows

    def _cases(self, n: int, companies: list[dict[str, Any]], officers: list[str]) -> list[dict[str, Any]]:
        rows = []
        counters: dict[int, int] = {}
        start = self.today - dt.timedelta(days=3 * 365)
        statuses = (
            [E.CaseStatus.DRAFT] * 5
            + [E.CaseStatus.OPEN] * 10
            + [E.CaseStatus.IN_PROGRESS] * 30
            + [E.CaseStatus.PENDING] * 15
            + [E.CaseStatus.CLOSED] * 40
        )
        slot = self.ctx.device.slot
        existing: dict[int, int] = {
            int(year): int(last)
            for year, last in self.conn.execute(
                sa.select(reference_counter.c.year, reference_counter.c.last).where(
                    reference_counter.c.mission_code == self.mission, reference_counter.c.slot == slot
                )
            )
        }
        for _ in range(n):
            company = self.rng.choice(companies)
            category = self.rng.choice(self.categories)
            area = self.rng.choice(self.areas)
            sector_code, sector_ko, sector_en = self.rng.choice(self.sectors)
            received = self._date_between(start, self.today)
            status = self.rng.choice(statuses)
            ko, en = _CASE_TITLES.get(category, _CASE_TITLES["other"])
            area_ko, area_en = self.area_names.get(area or "", (self.country_ko, self.country_en))
            if self.rng.random() < 0.7:
                title = ko.format(area=area_ko, sector=sector_ko)
            else:
                title = en.format(area=area_en, sector=sector_en.lower())
            year = received.year
            counters[year] = counters.get(year, existing.get(year, 0)) + 1
            values: dict[str, Any] = {
                "reference": references.make(self.mission, year, slot, counters[year]),
                "title": title,
                "summary": f"{company['name_ko']}({company['name_en']}) — {title}. 관계 기관 협조 요청 및 후속 조치 진행.",
                "summary_sensitive": self.rng.random() < 0.1,
                "company_id": company["id"],
                "country": self.country,
                "area": area,
                "categories": sorted({category, *self.rng.sample(self.categories, self.rng.randint(0, 1))}),
                "sector": sector_code,
                "request_source": self.rng.choice(list(E.RequestSource)).value,
                "received_date": received,
                "status": status.value,
                "priority": self.rng.choice(list(E.Priority)).value,
                "officer_id": self.rng.choice(officers),
                "assigned_on": received,
                "estimated_resolution_date": received + dt.timedelta(days=self.rng.randint(30, 240)),
            }
            if status is E.CaseStatus.PENDING:
                values["pending_on"] = self.rng.choice(list(E.PendingOn)).value
            if status is E.CaseStatus.CLOSED:
                outcome = self.rng.choice(list(E.CaseOutcome))
                values.update(
                    outcome=outcome.value,
                    resolution_date=min(self.today, received + dt.timedelta(days=self.rng.randint(5, 200))),
                    resolution_summary="관계 기관 협의를 통해 애로 해소"
                    if outcome.value.startswith("resolved")
                    else "추가 지원 없이 종결",
                    permit_obtained=category == "permits" and outcome is E.CaseOutcome.RESOLVED_FULL,
                    site_secured=category == "site" and outcome is E.CaseOutcome.RESOLVED_FULL,
                    investment_usd=self.rng.choice((None, 500_000, 2_000_000, 15_000_000)),
                    jobs_created=self.rng.choice((None, 5, 20, 80)),
                )
            rows.append(self._row("support_case", values))
        self._write("support_case", rows)
        for year, last in counters.items():
            key = (
                (reference_counter.c.mission_code == self.mission)
                & (reference_counter.c.year == year)
                & (reference_counter.c.slot == slot)
            )
            if year in existing:
                self.conn.execute(sa.update(reference_counter).where(key).values(last=last))
            else:
                self.conn.execute(
                    sa.insert(reference_counter).values(
                        mission_code=self.mission, year=year, slot=slot, last=last
                    )
                )
        return rows

    def _case_children(self, cases: Iterable[dict[str, Any]], officers: list[str]) -> tuple[int, int]:
        activities: list[dict[str, Any]] = []
        referrals: list[dict[str, Any]] = []
        for case in cases:
            day = case["received_date"]
            for step in range(self.rng.randint(0, 5)):
                day = min(self.today, day + dt.timedelta(days=self.rng.randint(1, 20)))
                activities.append(
                    self._row(
                        "case_activity",
                        {
                            "case_id": case["id"],
                            "date": day,
                            "action_type": (
                                E.ActionType.INTAKE if step == 0 else self.rng.choice(list(E.ActionType))
                            ).value,
                            "channel": self.rng.choice(list(E.Channel)).value,
                            "officers": [self.rng.choice(officers)],
                            "partners": self.rng.sample(self.partners, self.rng.randint(0, 2)),
                            "authorities": self.rng.sample(
                                self.authorities, min(len(self.authorities), self.rng.randint(0, 1))
                            ),
                            "notes": "기업 면담 및 현지 기관 협조 요청",
                            "next_steps": "관계 기관 회신 확인",
                        },
                    )
                )
            for _ in range(self.rng.choice((0, 0, 1, 1, 1, 2, 3))):
                partner, service = self.rng.choice(_SERVICES)
                status = self.rng.choice(list(E.ReferralStatus))
                requested = min(
                    self.today, case["received_date"] + dt.timedelta(days=self.rng.randint(0, 15))
                )
                referrals.append(
                    self._row(
                        "partner_referral",
                        {
                            "case_id": case["id"],
                            "partner": partner,
                            "service": service,
                            "status": status.value,
                            "requested_date": requested,
                            "completed_date": min(self.today, requested + dt.timedelta(days=20))
                            if status is E.ReferralStatus.DONE
                            else None,
                        },
                    )
                )
        self._write("case_activity", activities)
        self._write("partner_referral", referrals)
        return len(activities), len(referrals)

    def _briefs(self, n: int, companies: list[dict[str, Any]]) -> tuple[int, int]:
        briefs, deliveries = [], []
        for _ in range(n):
            template, topic = self.rng.choice(_BRIEF_TITLES)
            sector_code, sector_ko, _ = self.rng.choice(self.sectors)
            published = self._date_between(self.today - dt.timedelta(days=3 * 365), self.today)
            brief = self._row(
                "market_brief",
                {
                    "title": template.format(country=self.country_ko, sector=sector_ko),
                    "topic": topic.value,
                    "country": self.country,
                    "sector": sector_code,
                    "format": self.rng.choice(list(E.BriefFormat)).value,
                    "summary": "현지 정부 발표 및 업계 자료를 바탕으로 정리한 시장정보",
                    "sources": "현지 정부 공보, 협력기관 자료",
                    "published_date": published,
                    "valid_until": published + dt.timedelta(days=365),
                },
            )
            briefs.append(brief)
            for company in self.rng.sample(companies, min(len(companies), self.rng.randint(1, 5))):
                deliveries.append(
                    self._row(
                        "brief_delivery",
                        {
                            "brief_id": brief["id"],
                            "company_id": company["id"],
                            "date": min(self.today, published + dt.timedelta(days=self.rng.randint(0, 60))),
                            "channel": self.rng.choice(list(E.DeliveryChannel)).value,
                        },
                    )
                )
        self._write("market_brief", briefs)
        self._write("brief_delivery", deliveries)
        return len(briefs), len(deliveries)

    def _meetings(self, cases: list[dict[str, Any]]) -> int:
        meetings, attendance, agenda = [], [], []
        for year in range(self.today.year - 2, self.today.year + 1):
            for number, month in enumerate((3, 6, 9, 12), start=1):
                date = dt.date(year, month, self.rng.randint(5, 25))
                if date > self.today:
                    status = E.MeetingStatus.PLANNED
                else:
                    status = E.MeetingStatus.CANCELLED if self.rng.random() < 0.1 else E.MeetingStatus.HELD
                meeting = self._row(
                    "council_meeting",
                    {
                        "year": year,
                        "number": number,
                        "date": date,
                        "format": self.rng.choice(list(E.MeetingFormat)).value,
                        "location": f"{self.mission} 회의실",
                        "status": status.value,
                        "notes": "협력기관별 지원 현황 공유 및 애로 사례 협의",
                    },
                )
                meetings.append(meeting)
                for partner in self.rng.sample(
                    self.partners, min(len(self.partners), self.rng.randint(3, 6))
                ):
                    attendance.append(
                        self._row(
                            "meeting_attendance",
                            {
                                "meeting_id": meeting["id"],
                                "partner": partner,
                                "attendees": self.rng.randint(1, 3),
                            },
                        )
                    )
                for position in range(1, self.rng.randint(2, 4) + 1):
                    case = self.rng.choice(cases) if cases else None
                    agenda.append(
                        self._row(
                            "agenda_item",
                            {
                                "meeting_id": meeting["id"],
                                "position": position,
                                "title": f"사례 협의: {case['title']}" if case else "협의회 운영 방안",
                                "case_id": case["id"] if case else None,
                            },
                        )
                    )
        self._write("council_meeting", meetings)
        self._write("meeting_attendance", attendance)
        self._write("agenda_item", agenda)
        return len(meetings)

    def _proposals(self) -> None:
        rows = []
        for i, status in enumerate(
            (E.ProposalStatus.DRAFT, E.ProposalStatus.SUBMITTED, E.ProposalStatus.APPROVED)
        ):
            rows.append(
                self._row(
                    "proposal",
                    {
                        "programme": self.programmes[i % len(self.programmes)],
                        "fiscal_year": self.today.year + (i == 0),
                        "title": (
                            "현지 진출 스타트업 맞춤형 정착 지원",
                            "부품 기업 공급망 진입 지원",
                            "인증 취득 원스톱 지원",
                        )[i],
                        "target_segment": "현지 진출 초기 중소기업",
                        "activities": "설명회, 1:1 컨설팅, 현지 기관 연계",
                        "partners": self.rng.sample(self.partners, 2),
                        "budget_krw": self.rng.choice((50, 80, 120)) * 1_000_000,
                        "kpis": "지원 기업 수, 애로 해소율",
                        "status": status.value,
                    },
                )
            )
        self._write("proposal", rows)

    def _tasks(self, cases: list[dict[str, Any]], officers: list[str]) -> None:
        rows = []
        for i in range(min(60, max(10, len(cases) // 10))):
            case = self.rng.choice(cases) if cases else None
            done = i % 3 == 0
            due = self.today + dt.timedelta(days=self.rng.randint(-20, 30))
            rows.append(
                self._row(
                    "task",
                    {
                        "title": f"후속 조치 확인: {case['reference']}" if case else "협의회 자료 준비",
                        "due_date": due,
                        "officer_id": self.rng.choice(officers),
                        "status": (E.TaskStatus.DONE if done else E.TaskStatus.OPEN).value,
                        "case_id": case["id"] if case else None,
                        "done_date": min(due, self.today) if done else None,
                    },
                )
            )
        self._write("task", rows)
