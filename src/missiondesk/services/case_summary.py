"""One case on one page: what the summary shows, gathered in one read (the PDF is drawn in ``ui``).

The window (File > Case summary, Ctrl+P) and ``missiondesk case-summary REF --out F.pdf`` both ask
this service, so the two print the same thing. Codes come with both their names (Korean and
English); the page is drawn in the language the caller chose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from missiondesk.domain.records import ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.errors import NotFound
from missiondesk.services.context import AppContext
from missiondesk.services.lookups import Lookups
from missiondesk.store import queries
from missiondesk.store import records as rows

MAX_ACTIVITIES = 60  # a page holds fewer; the newest are drawn first and the rest counted

# The reference data a case and its children name by code: (field, entity) pairs.
_CODE_FIELDS = (
    ("country", "country"),
    ("area", "area"),
    ("sector", "sector"),
    ("categories", "category"),
    ("partner", "partner"),
    ("partners", "partner"),
    ("authorities", "authority"),
)


@dataclass(frozen=True)
class CaseSummary:
    case: Record
    company: Record | None
    contact: Record | None
    activities: tuple[Record, ...]  # newest first
    activity_count: int
    referrals: tuple[Record, ...]
    officer: str
    mission: Mapping[str, str]  # "ko" and "en": the owner mission's name
    names: Mapping[tuple[str, str], tuple[str, str]]  # (entity, code) -> (Korean, English)

    def name(self, entity_name: str, code: str | None, *, korean: bool) -> str:
        if not code:
            return ""
        ko, en = self.names.get((entity_name, code), (code, code))
        return (ko or en) if korean else (en or ko)


class CaseSummaryService:
    def __init__(self, ctx: AppContext, lookups: Lookups | None = None) -> None:
        self.ctx = ctx
        self.lookups = lookups or Lookups(ctx)

    def find(self, reference_or_id: str) -> Record:
        """A case by its reference (DE-FRA-26-1001, any case) or by its id."""
        wanted = reference_or_id.strip()
        with self.ctx.store.read() as conn:
            found = queries.page(
                conn,
                ListQuery("support_case", equals={"reference": wanted.upper()}, limit=1),
                with_total=False,
            ).rows
            if not found:
                by_id = rows.load(conn, entity("support_case"), wanted)
                found = (by_id,) if by_id is not None and by_id.deleted_at is None else ()
        if not found:
            raise NotFound(f"No case {wanted} here.")
        return found[0]

    def summary(self, case: Record) -> CaseSummary:
        with self.ctx.store.read() as conn:
            company = self._load(conn, "company", case.get("company_id"))
            contact = self._load(conn, "contact", case.get("contact_id"))
            activities = queries.page(
                conn,
                ListQuery(
                    "case_activity",
                    equals={"case_id": case.id},
                    sort="date",
                    descending=True,
                    limit=MAX_ACTIVITIES,
                ),
                with_total=True,
            )
            referrals = queries.page(
                conn,
                ListQuery("partner_referral", equals={"case_id": case.id}, sort="requested_date", limit=100),
                with_total=False,
            ).rows
        officer_id = case.get("officer_id")
        officer = self.lookups.titles("officer", [officer_id]).get(officer_id, "") if officer_id else ""
        names: dict[tuple[str, str], tuple[str, str]] = {}
        for record in (case, *activities.rows, *referrals):
            for field_name, target in _CODE_FIELDS:
                value = record.get(field_name)
                for code in value if isinstance(value, list) else [value]:
                    if code:
                        names[(target, code)] = (
                            self.lookups.code_label(target, code, korean=True),
                            self.lookups.code_label(target, code, korean=False),
                        )
        mission = {
            "ko": self.lookups.code_label("mission", case.owner_mission, korean=True),
            "en": self.lookups.code_label("mission", case.owner_mission, korean=False),
        }
        return CaseSummary(
            case=case,
            company=company,
            contact=contact,
            activities=tuple(activities.rows),
            activity_count=activities.total if activities.total is not None else len(activities.rows),
            referrals=tuple(referrals),
            officer=officer,
            mission=mission,
            names=names,
        )

    @staticmethod
    def _load(conn: Connection, entity_name: str, record_id: str | None) -> Record | None:
        if not record_id:
            return None
        found = rows.load(conn, entity(entity_name), record_id)
        return found if found is not None and found.deleted_at is None else None
