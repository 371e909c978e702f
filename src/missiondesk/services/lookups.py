"""What forms and filters offer to pick from, and the names shown for ids in lists.

Reference data changes only by sync, so each context keeps it in memory
after the first read; ``forget()`` drops the cache when a sync brings news.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from missiondesk.domain.permissions import Role
from missiondesk.domain.records import ListQuery
from missiondesk.domain.schema import Scope, entity
from missiondesk.services.context import AppContext
from missiondesk.store import outbox, queries
from missiondesk.store import records as rows
from missiondesk.store.tables import entity_table

MAX_KEPT_TITLES = 50_000


@dataclass(frozen=True)
class Choice:
    """One thing a person can pick: the stored value and the names shown for it."""

    value: str
    label_en: str
    label_ko: str = ""
    group: str = ""  # the country of an area or an authority, the parent of a category

    def label(self, korean: bool = True) -> str:
        if korean and self.label_ko:
            return self.label_ko
        return self.label_en or self.label_ko or self.value

    def matches(self, text: str) -> bool:
        needle = text.casefold()
        return any(needle in s.casefold() for s in (self.value, self.label_en, self.label_ko))


class Lookups:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._codes: dict[str, tuple[Choice, ...]] = {}
        self._officers: tuple[Choice, ...] | None = None
        self._titles: dict[tuple[str, str], str] = {}  # names shown in lists, read once per record

    def forget(self, entity_name: str | None = None) -> None:
        """Drop what was kept: everything, or the names of one kind of record after it changed."""
        if entity_name is None:
            self._codes.clear()
            self._officers = None
            self._titles.clear()
            return
        self._codes.pop(entity_name, None)
        if entity_name == "officer":
            self._officers = None
        self._titles = {k: v for k, v in self._titles.items() if k[0] != entity_name}

    def codes(self, entity_name: str, *, group: str | None = None) -> tuple[Choice, ...]:
        """Enabled reference rows of one kind (countries, areas, partners…), optionally of one group."""
        if entity_name not in self._codes:
            self._codes[entity_name] = self._load_codes(entity_name)
        found = self._codes[entity_name]
        if group is not None:
            return tuple(c for c in found if c.group == group)
        return found

    def code_label(self, entity_name: str, code: str | None, *, korean: bool = True) -> str:
        if not code:
            return ""
        for choice in self.codes(entity_name):
            if choice.value == code:
                return choice.label(korean)
        return code

    def _load_codes(self, entity_name: str) -> tuple[Choice, ...]:
        spec = entity(entity_name)
        assert spec.scope is Scope.REFERENCE, f"{entity_name} is not reference data"
        table = entity_table(entity_name)
        group_col = next((c for c in ("country", "parent") if spec.has_field(c)), None)
        order = table.c.sort if spec.has_field("sort") else table.c.code
        with self.ctx.store.read() as conn:
            result = conn.execute(
                sa.select(table)
                .where(table.c.deleted_at.is_(None), table.c.enabled.is_not(False))
                .order_by(order)
            )
            out = []
            for row in result.mappings():
                out.append(
                    Choice(
                        value=row["code"],
                        label_en=row.get("name_en") or row["code"],
                        label_ko=row.get("name_ko") or row.get("name_local") or "",
                        group=(row[group_col] or "") if group_col else "",
                    )
                )
        return tuple(out)

    def officers(self) -> tuple[Choice, ...]:
        """Active officers of this mission (all officers at HQ)."""
        if self._officers is None:
            self._officers = self._load_officers()
        return self._officers

    def _load_officers(self) -> tuple[Choice, ...]:
        equals: dict[str, Any] = {}
        if self.ctx.device.role is not Role.HQ:
            equals["mission"] = self.ctx.device.mission
        with self.ctx.store.read() as conn:
            page = queries.page(
                conn, ListQuery("officer", equals=equals, sort="name", limit=1000), with_total=False
            )
        return tuple(Choice(r.id, str(r["name"])) for r in page.rows if r.get("active") is not False)

    def titles(self, entity_name: str, ids: Iterable[str | None]) -> dict[str, str]:
        """The names a list shows for record ids (a case's company, a delivery's firm…)."""
        wanted = {i for i in ids if i}
        missing = sorted(i for i in wanted if (entity_name, i) not in self._titles)
        if missing:
            with self.ctx.store.read() as conn:
                loaded = rows.load_many(conn, entity(entity_name), missing)
            for i, r in loaded.items():
                self._titles[(entity_name, i)] = display_title(r.entity, r.values)
            if len(self._titles) > MAX_KEPT_TITLES:
                self._titles.clear()  # a crude bound: names are cheap to read again
        return {i: self._titles[(entity_name, i)] for i in wanted if (entity_name, i) in self._titles}

    def find(self, entity_name: str, text: str, limit: int = 20) -> tuple[Choice, ...]:
        """Live records whose searchable text or title holds ``text``: for picking a company or a case."""
        spec = entity(entity_name)
        query = ListQuery(entity_name, text=text, limit=limit, sort=spec.default_sort)
        with self.ctx.store.read() as conn:
            page = queries.page(conn, query, with_total=False)
        return tuple(Choice(r.id, display_title(r.entity, r.values)) for r in page.rows)

    def contacts(self, company_id: str) -> tuple[Choice, ...]:
        """A company's contact persons, for a case's contact: the name, and the position after it."""
        query = ListQuery("contact", equals={"company_id": company_id}, sort="name", limit=200)
        with self.ctx.store.read() as conn:
            found = queries.page(conn, query, with_total=False).rows
        return tuple(
            Choice(r.id, " · ".join(str(r[n]) for n in ("name", "position") if r.get(n))) for r in found
        )

    def companies_with_brn(self, brn: str, *, except_id: str | None = None) -> tuple[Choice, ...]:
        """Companies already registered under this business number, written with or without dashes."""
        digits = "".join(ch for ch in str(brn) if ch.isdigit())
        spellings = {str(brn), digits}
        if len(digits) == 10:
            spellings.add(f"{digits[:3]}-{digits[3:5]}-{digits[5:]}")
        query = ListQuery("company", equals={"brn": sorted(spellings)}, limit=20)
        with self.ctx.store.read() as conn:
            found = queries.page(conn, query, with_total=False).rows
        return tuple(Choice(r.id, display_title("company", r.values)) for r in found if r.id != except_id)

    def mission_country(self) -> str | None:
        """The country of this laptop's mission: the default for new cases and briefs."""
        if self.ctx.device.role is Role.HQ:
            return None
        mission = entity_table("mission")
        with self.ctx.store.read() as conn:
            found = conn.execute(
                sa.select(mission.c.country).where(mission.c.code == self.ctx.device.mission)
            )
            return found.scalar()

    def unsent_changes(self) -> int:
        with self.ctx.store.read() as conn:
            return outbox.pending_count(conn)


def display_title(entity_name: str, values: Any) -> str:
    """How a record is named in lists and pickers."""
    if entity_name == "support_case":
        return f"{values.get('reference', '')}  {values.get('title', '')}".strip()
    if entity_name == "company":
        latin = values.get("name_en")
        return f"{values['name_ko']} ({latin})" if latin else str(values.get("name_ko", ""))
    if entity_name == "council_meeting":
        return f"{values.get('year')}-{values.get('number')} {values.get('location') or ''}".strip()
    spec = entity(entity_name)
    value = values.get(spec.title_field)
    return "" if value is None else str(value)
