"""Create, edit, move through the workflow, delete and restore any synced record.

One generic service over the entity declarations, so every entity follows the
same rules: permission first (who may write what), then validation of the
whole record, then one transaction that writes the row, its outbox op, the
audit event and the search document together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.domain import references, workflows
from missiondesk.domain.enums import CaseStatus, Priority
from missiondesk.domain.history import HistoryEntry
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.ops import Op
from missiondesk.domain.permissions import Role, create_refusal, owner_for_new, write_refusal
from missiondesk.domain.records import Change, ListQuery, Page, Record
from missiondesk.domain.schema import EntitySpec, Scope, entity
from missiondesk.domain.validation import Problem, ProblemCode, ValidationFailed, normalise, validate
from missiondesk.errors import NotFound, UserError
from missiondesk.services.context import AppContext
from missiondesk.services.progress import Cancelled, TaskContext
from missiondesk.store import outbox, queries
from missiondesk.store import records as rows
from missiondesk.store.engine import Interrupted, stoppable
from missiondesk.store.history import record_history
from missiondesk.store.records import Writer
from missiondesk.store.tables import entity_table, reference_counter


class PermissionDenied(UserError):
    pass


@dataclass(frozen=True)
class PlannedCreate:
    """A create that passed every check: what ``create_in`` inserts."""

    spec: EntitySpec
    owner: str
    values: dict[str, Any]
    demo: bool


class RecordService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # --- reading ------------------------------------------------------------------------

    def get(self, entity_name: str, record_id: str) -> Record:
        spec = entity(entity_name)
        with self.ctx.store.read() as conn:
            record = rows.load(conn, spec, record_id)
        if record is None:
            raise NotFound(say(MessageCode.NO_RECORD, entity=spec.name, id=record_id))
        return record

    def list(self, query: ListQuery, *, with_total: bool = True) -> Page:
        """A page of records; lists that page through one filter count once (``with_total`` on the first page)."""
        with self.ctx.store.read() as conn:
            return queries.page(conn, query, with_total=with_total)

    def count(self, query: ListQuery, task: TaskContext | None = None) -> int:
        """How many records match a list's filters: slow on big filtered lists, so the UI asks off its
        thread. Cancelling ``task`` stops the count where it is (raising Cancelled)."""

        def cancelled() -> bool:
            try:
                if task is not None:
                    task.check_cancelled()
            except Cancelled:
                return True
            return False

        with self.ctx.store.read() as conn:
            try:
                with stoppable(conn, cancelled):
                    return queries.count(conn, query)
            except Interrupted as exc:
                raise Cancelled(say(MessageCode.COUNTING_STOPPED)) from exc

    def children(self, entity_name: str, parent_id: str, *, sort: str | None = None) -> tuple[Record, ...]:
        spec = entity(entity_name)
        assert spec.parent is not None, f"{entity_name} has no parent"
        query = ListQuery(entity_name, equals={spec.parent.field: parent_id}, sort=sort, limit=1000)
        return self.list(query).rows

    def history(self, entity_name: str, record_id: str) -> tuple[HistoryEntry, ...]:
        """Who changed which field of a record when, on which device: newest first."""
        spec = entity(entity_name)
        with self.ctx.store.read() as conn:
            return tuple(record_history(conn, spec.name, record_id))

    # --- writing ------------------------------------------------------------------------

    @property
    def _writer(self) -> Writer:
        return Writer(self.ctx.device.device_id, self.ctx.device.officer_name)

    def _refuse(self, spec: EntitySpec, owner: str, fields: Any = (), *, whole_record: bool = False) -> None:
        device = self.ctx.device
        reason = write_refusal(spec, owner, device.role, device.mission, fields, whole_record=whole_record)
        if reason is not None:
            raise PermissionDenied(reason)

    def _check_unique_number(
        self, conn: Connection, spec: EntitySpec, owner: str, values: Mapping[str, Any], except_id: str | None
    ) -> None:
        """A mission's council meetings are numbered once per year: a second "2026-3" is refused."""
        if spec.name != "council_meeting" or values.get("number") is None or values.get("year") is None:
            return
        table = entity_table(spec.name)
        stmt = sa.select(table.c.id).where(
            table.c.owner_mission == owner,
            table.c.year == values["year"],
            table.c.number == values["number"],
            table.c.deleted_at.is_(None),
        )
        if except_id is not None:
            stmt = stmt.where(table.c.id != except_id)
        if conn.execute(stmt.limit(1)).first() is not None:
            taken = {"year": values["year"], "number": values["number"]}
            message = f"Meeting {taken['year']}-{taken['number']} already exists; choose another number"
            raise ValidationFailed(spec.name, [Problem("number", message, ProblemCode.NUMBER_TAKEN, taken)])

    def create(self, entity_name: str, values: Mapping[str, Any]) -> Change:
        with self.ctx.store.write() as conn:
            return self.create_in(conn, entity_name, values)

    def create_in(
        self,
        conn: Connection,
        entity_name: str,
        values: Mapping[str, Any],
        *,
        owner: str | None = None,
        arrived: bool = False,
    ) -> Change:
        """A create inside the caller's transaction; ``owner`` names another mission for HQ's records
        (a consolidated legacy workbook), which the permissions still decide on. ``arrived``: a record
        that comes with its past (a legacy row), in whatever status the mission's steps reach."""
        plan = self.plan_create(conn, entity_name, values, owner=owner, arrived=arrived)
        extra = {"demo": True} if plan.demo else None
        record, op = rows.insert(conn, self._writer, plan.spec, plan.values, plan.owner, extra=extra)
        record = self._settle_at_hq(conn, op) or record
        return Change(plan.spec.name, record.id, "create", tuple(plan.values), record)

    def plan_create(
        self,
        conn: Connection,
        entity_name: str,
        values: Mapping[str, Any],
        *,
        owner: str | None = None,
        planned_parent: PlannedCreate | None = None,
        arrived: bool = False,
    ) -> PlannedCreate:
        """Every check a create makes (permission, defaults, initial status, validation), without writing:
        the create's own first half, so a preview that stops here decides as the create does.
        ``planned_parent``: the parent is planned in the same preview, not stored."""
        spec = entity(entity_name)
        device = self.ctx.device
        clean = normalise(spec, values)
        if owner is None:
            owner = owner_for_new(spec, device.role, device.mission)
        parent = None if planned_parent is not None else self._parent(conn, spec, clean)
        if planned_parent is not None and planned_parent.spec.scope is Scope.MISSION:
            owner = planned_parent.owner  # a child shares its case's or meeting's owner
        elif parent is not None and parent.spec.scope is Scope.MISSION:
            owner = parent.owner_mission
        reason = create_refusal(spec, owner, device.role, device.mission, clean.keys())
        if reason is not None:
            raise PermissionDenied(reason)
        full = self._defaults(conn, spec, clean)
        self._check_initial_status(spec, full, arrived=arrived)
        validate(spec, full)
        self._check_unique_number(conn, spec, owner, full, None)
        return PlannedCreate(spec, owner, full, parent is not None and bool(parent.extra.get("demo")))

    def check_transition(
        self, spec: EntitySpec, owner: str, current: Mapping[str, Any], target: str, values: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The checks of a workflow step on a record's values, without writing: the record after it."""
        workflow, clean = self._step(spec, target, values)
        return self._check_update(spec, owner, current, clean, workflow)[1]

    def _step(
        self, spec: EntitySpec, target: str, values: Mapping[str, Any]
    ) -> tuple[workflows.Workflow, dict[str, Any]]:
        """A workflow step's values: the target status, what the step asks for, what it clears."""
        workflow = workflows.workflow_for(spec.name)
        if workflow is None:
            raise UserError(say(MessageCode.NO_WORKFLOW, entity=spec.name))
        cleared = {name: None for name in workflow.cleared_by(target)}
        return workflow, normalise(spec, {**cleared, **values, workflow.field: target})

    def _check_update(
        self,
        spec: EntitySpec,
        owner: str,
        current: Mapping[str, Any],
        clean: Mapping[str, Any],
        workflow: workflows.Workflow | None,
    ) -> tuple[tuple[str, ...], dict[str, Any]]:
        changed = tuple(k for k, v in clean.items() if current.get(k) != v)
        self._refuse(spec, owner, changed)
        merged = {**current, **clean}
        if workflow is not None:
            actor = workflows.Actor.HQ if self.ctx.device.role is Role.HQ else workflows.Actor.MISSION
            workflow.check(current.get(workflow.field), str(clean[workflow.field]), merged, actor)
        validate(spec, merged)
        return changed, merged

    def update(self, entity_name: str, record_id: str, values: Mapping[str, Any]) -> Change:
        spec = entity(entity_name)
        if spec.status_field and spec.status_field in values and workflows.workflow_for(spec.name):
            raise UserError(
                say(MessageCode.STATUS_THROUGH_WORKFLOW, entity=spec.name, field=spec.status_field)
            )
        return self._update(spec, record_id, normalise(spec, values))

    def transition(
        self, entity_name: str, record_id: str, target: str, values: Mapping[str, Any] | None = None
    ) -> Change:
        """Move a record through its workflow, with the fields the step needs (e.g. a case's outcome)."""
        with self.ctx.store.write() as conn:
            return self.transition_in(conn, entity_name, record_id, target, values)

    def transition_in(
        self,
        conn: Connection,
        entity_name: str,
        record_id: str,
        target: str,
        values: Mapping[str, Any] | None = None,
    ) -> Change:
        """A workflow step inside the caller's transaction."""
        spec = entity(entity_name)
        workflow, clean = self._step(spec, target, values or {})
        return self.update_in(conn, spec, record_id, clean, workflow)

    def _update(
        self,
        spec: EntitySpec,
        record_id: str,
        clean: Mapping[str, Any],
        workflow: workflows.Workflow | None = None,
    ) -> Change:
        with self.ctx.store.write() as conn:
            return self.update_in(conn, spec, record_id, clean, workflow)

    def update_in(
        self,
        conn: Connection,
        spec: EntitySpec,
        record_id: str,
        clean: Mapping[str, Any],
        workflow: workflows.Workflow | None = None,
    ) -> Change:
        """An update inside the caller's transaction (for use cases that change several records at once)."""
        current = self._live(conn, spec, record_id)
        clean = _with_assigned_on(spec, clean, current.values.get("officer_id"))
        changed, merged = self._check_update(
            spec, current.owner_mission, {**current.values, "id": current.id}, clean, workflow
        )
        if {"year", "number"} & set(changed):
            self._check_unique_number(conn, spec, current.owner_mission, merged, current.id)
        record, op = rows.update(conn, self._writer, current, clean)
        record = self._settle_at_hq(conn, op) or record
        fields = tuple(op.changes) if op is not None else ()
        return Change(spec.name, record.id, "update", fields, record)

    def delete(self, entity_name: str, record_id: str) -> Change:
        """Move a record to the trash (a soft delete: restore brings it back)."""
        with self.ctx.store.write() as conn:
            return self.set_deleted_in(conn, entity(entity_name), record_id, True)

    def restore(self, entity_name: str, record_id: str) -> Change:
        with self.ctx.store.write() as conn:
            return self.set_deleted_in(conn, entity(entity_name), record_id, False)

    def set_deleted_in(self, conn: Connection, spec: EntitySpec, record_id: str, deleted: bool) -> Change:
        """Delete or restore inside the caller's transaction."""
        if deleted and spec.natural_key is not None:
            raise UserError(say(MessageCode.REFERENCE_NOT_DELETED, entity=spec.name))
        current = rows.load(conn, spec, record_id)
        if current is None:
            raise NotFound(say(MessageCode.NO_RECORD, entity=spec.name, id=record_id))
        if deleted and current.is_deleted:
            raise UserError(say(MessageCode.IN_TRASH_ALREADY, entity=spec.name))
        if not deleted and not current.is_deleted:
            raise UserError(say(MessageCode.NOT_IN_TRASH, entity=spec.name))
        self._refuse(spec, current.owner_mission, whole_record=True)
        record, op = rows.set_deleted(conn, self._writer, current, deleted)
        record = self._settle_at_hq(conn, op) or record
        return Change(spec.name, record.id, "delete" if deleted else "restore", (), record)

    # --- helpers -------------------------------------------------------------------------

    def _settle_at_hq(self, conn: Connection, op: Op | None) -> Record | None:
        """At HQ the database is the authority: version and feed the change now, nothing to send."""
        if op is None or self.ctx.device.role is not Role.HQ:
            return None
        from missiondesk.sync.authority import Authority  # HQ's merge engine: loaded by HQ's first edit

        Authority(self.ctx.store).record_local(conn, op)
        outbox.mark_settled(conn, op.op_id)
        return rows.load(conn, entity(op.entity), op.record_id)

    def _live(self, conn: Connection, spec: EntitySpec, record_id: str) -> Record:
        current = rows.load(conn, spec, record_id)
        if current is None:
            raise NotFound(say(MessageCode.NO_RECORD, entity=spec.name, id=record_id))
        if current.is_deleted:
            raise UserError(say(MessageCode.IN_TRASH, entity=spec.name))
        return current

    def _parent(self, conn: Connection, spec: EntitySpec, values: Mapping[str, Any]) -> Record | None:
        if spec.parent is None or not values.get(spec.parent.field):
            return None
        parent_spec = entity(spec.parent.entity)
        parent = rows.load(conn, parent_spec, str(values[spec.parent.field]))
        if parent is None or parent.is_deleted:
            raise NotFound(say(MessageCode.PARENT_GONE, entity=spec.name, target=parent_spec.name))
        return parent

    def _check_initial_status(self, spec: EntitySpec, values: Mapping[str, Any], *, arrived: bool) -> None:
        """A new record starts at the workflow's start or one step on; one that ``arrived`` with its
        past may stand anywhere the mission's own steps reach, each step's needs met by its values
        (one create, so HQ making it for a mission needs no write beyond the create)."""
        workflow = workflows.workflow_for(spec.name)
        if workflow is None:
            return
        status = values.get(workflow.field)
        run = workflow.path(str(status), workflows.Actor.MISSION) if arrived else None
        if run is not None:
            for step in run:
                workflow.check(step.source, step.target, values, workflows.Actor.MISSION)
            return
        allowed = {workflow.initial} | {t.target for t in workflow.allowed(workflow.initial)}
        if status not in allowed:
            raise UserError(
                say(MessageCode.NEW_STARTS_AS, entity=spec.name, values=sorted(allowed), value=str(status))
            )

    def _defaults(self, conn: Connection, spec: EntitySpec, values: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(values)
        workflow = workflows.workflow_for(spec.name)
        if workflow is not None:
            out.setdefault(workflow.field, workflow.initial)
        if spec.name == "support_case":
            today = dt.date.today()
            out.setdefault("received_date", today)
            out.setdefault("priority", Priority.NORMAL.value)
            out.setdefault("status", CaseStatus.DRAFT.value)
            if not out.get("country"):
                out["country"] = self._mission_country(conn)
            if not out.get("reference"):
                out["reference"] = next_case_reference(
                    conn, self.ctx.device.mission, self.ctx.device.slot, out["received_date"].year
                )
            if not out.get("officer_id") and self.ctx.device.officer_id:
                out["officer_id"] = self.ctx.device.officer_id
        return _with_assigned_on(spec, out, None)

    def _mission_country(self, conn: Connection) -> str | None:
        mission = entity_table("mission")
        return conn.execute(
            sa.select(mission.c.country).where(mission.c.code == self.ctx.device.mission)
        ).scalar()


def _with_assigned_on(spec: EntitySpec, values: Mapping[str, Any], officer_before: Any) -> dict[str, Any]:
    """A case records the day its officer was set: it travels with the officer in the same op, so every
    laptop of the mission knows when a case was assigned, whichever device assigned it."""
    out = dict(values)
    officer = out.get("officer_id")
    if spec.has_field("assigned_on") and officer and officer != officer_before and "assigned_on" not in out:
        out["assigned_on"] = dt.date.today()
    return out


def next_case_reference(conn: Connection, mission: str, slot: int, year: int) -> str:
    """The next ``{MISSION}-{YY}-{slot}{NNN}`` for this device, counted in the same transaction."""
    key = (
        (reference_counter.c.mission_code == mission)
        & (reference_counter.c.year == year)
        & (reference_counter.c.slot == slot)
    )
    last = conn.execute(sa.select(reference_counter.c.last).where(key)).scalar()
    if last is None:
        last = 0
        conn.execute(sa.insert(reference_counter).values(mission_code=mission, year=year, slot=slot, last=0))
    counter = int(last) + 1
    conn.execute(sa.update(reference_counter).where(key).values(last=counter))
    return references.make(mission, year, slot, counter)
