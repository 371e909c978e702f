"""Reports: count a period's tallies for a scope, lock them at HQ, write the report workbook.

The counting is in ``missiondesk.reports``; this use case adds what a screen or the CLI needs around it:
the period from the reference data, the default scope of this device, the names, the headline, the lock
and the amendments, all in one read transaction so the figures agree with each other.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import sqlalchemy as sa

from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.permissions import Role
from missiondesk.errors import UserError
from missiondesk.reports import headline, hq_views, lock
from missiondesk.reports.lock import Amendment, Lock
from missiondesk.reports.names import Names
from missiondesk.reports.period import Period, ReportScope, ScopeKind
from missiondesk.reports.report import Report, ScopeChoice, scope_name
from missiondesk.reports.tallies import count
from missiondesk.services.context import AppContext
from missiondesk.store.records import utcnow
from missiondesk.store.tables import entity_table


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def period(self, code: str, cutoff: dt.date | None = None) -> Period:
        """A reporting period by its code ("2024"), with its cut-off unless ``cutoff`` replaces it."""
        t = entity_table("reporting_period")
        with self.ctx.store.read() as conn:
            row = conn.execute(
                sa.select(t.c.start, t.c.end, t.c.cutoff).where(t.c.code == code, t.c.deleted_at.is_(None))
            ).first()
        if row is not None:
            return Period(row.start, row.end, cutoff or row.cutoff, code)
        if code.isdigit() and len(code) == 4:
            return Period.year(int(code), cutoff)
        raise UserError(say(MessageCode.NO_PERIOD, period=code))

    def default_scope(self) -> ReportScope:
        """A mission laptop reports on its own mission, HQ on every mission."""
        if self.ctx.device.role is Role.HQ:
            return ReportScope()
        return ReportScope(ScopeKind.MISSION, self.ctx.device.mission)

    def scopes(self) -> list[ScopeChoice]:
        """What the scope picker offers: all, each region and country that has missions, each mission."""
        mission, country = entity_table("mission"), entity_table("country")
        with self.ctx.store.read() as conn:
            names = Names.load(conn)
            rows = conn.execute(
                sa.select(mission.c.code, mission.c.country, country.c.region)
                .join(country, country.c.code == mission.c.country)
                .where(mission.c.deleted_at.is_(None))
                .order_by(mission.c.code)
            ).all()
        scopes = [ReportScope()]
        scopes += [
            ReportScope(ScopeKind.REGION, r) for r in sorted({str(r.region) for r in rows if r.region})
        ]
        scopes += [ReportScope(ScopeKind.COUNTRY, c) for c in sorted({str(r.country) for r in rows})]
        scopes += [ReportScope(ScopeKind.MISSION, str(r.code)) for r in rows]
        return [ScopeChoice(s, *scope_name(names, s)) for s in scopes]

    def report(
        self, period: Period, scope: ReportScope | None = None, *, today: dt.date | None = None
    ) -> Report:
        scope = scope or self.default_scope()
        started = time.perf_counter()
        with self.ctx.store.read() as conn:
            names = Names.load(conn)
            current = count(conn, period, scope, today=today)
            frozen = lock.frozen(conn, period, scope)
            amendments: list[Amendment] = []
            for earlier in lock.locks(conn, scope):
                p = earlier.tallies.period
                if p.key == period.key or p.last < period.start:
                    now = current if p.key == period.key else count(conn, p, scope, today=today)
                    amendments += lock.amendments(earlier.tallies, now)
        shown = frozen.tallies if frozen is not None else current
        return Report(
            tallies=shown,
            names=names,
            headline_ko=headline.korean(shown),
            headline_en=headline.english(shown),
            lock=frozen,
            amendments=tuple(amendments),
            made_at=utcnow(),
            made_by=self.ctx.device.officer_name,
            seconds=time.perf_counter() - started,
        )

    def lock(self, period: Period, scope: ReportScope | None = None, *, today: dt.date | None = None) -> Lock:
        """HQ freezes a period's figures at its cut-off (refused at a mission and before the cut-off)."""
        if self.ctx.device.role is not Role.HQ:
            raise UserError(say(MessageCode.LOCK_HQ_ONLY))
        scope = scope or self.default_scope()
        today = today or dt.date.today()
        if today < period.last:
            raise UserError(
                say(MessageCode.LOCK_BEFORE_CUTOFF, period=period.label(), cutoff=period.last.isoformat())
            )
        with self.ctx.store.write() as conn:
            tallies = count(conn, period, scope, today=today)
            return lock.freeze(conn, tallies, self.ctx.device.officer_name, utcnow())

    def by_mission(
        self, period: Period, *, today: dt.date | None = None
    ) -> tuple[Names, list[hq_views.MissionRow]]:
        """HQ's comparison of the missions for ``period``, with the names to show them by."""
        with self.ctx.store.read() as conn:
            return Names.load(conn), hq_views.by_mission(conn, period, today=today)

    def data_quality(self) -> tuple[Names, list[hq_views.QualityIssue]]:
        """The records whose data needs a look at HQ (``reports.hq_views.quality``)."""
        with self.ctx.store.read() as conn:
            return Names.load(conn), hq_views.quality(conn)

    def export(self, report: Report, out: Path) -> Path:
        """The report workbook (``.xlsx``): summary, the table behind every chart, native charts."""
        from missiondesk.reports.workbook import write_report

        return write_report(out, report)

    def write_document(self, report: Report, out: Path) -> Path:
        """The report in the ministry's document format, by ``out``'s extension (``.hwpx``, ``.docx``, ``.pdf``)."""
        from missiondesk.reports.document_files import write_document
        from missiondesk.reports.report_document import report_document

        return write_document(report_document(report), out)
