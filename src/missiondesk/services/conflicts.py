"""Conflict review: what two offices wrote differently, and the reviewer's decision.

The merge engine never picks a winner: it keeps HQ's current value and stores
the base, HQ's value and the conflicting one. A mission or HQ reviewer then
keeps HQ's value, takes the conflicting one, or writes a merged value. The
decision is made of ordinary ops (the record's new value and the conflict's
new status), so it reaches every device like any other change.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from missiondesk.domain.enums import ConflictKind, ConflictStatus, Resolution
from missiondesk.domain.messages import MessageCode, say
from missiondesk.domain.records import Change, ListQuery, Record
from missiondesk.domain.schema import entity
from missiondesk.domain.validation import normalise
from missiondesk.errors import UserError
from missiondesk.services.context import AppContext
from missiondesk.services.records import RecordService
from missiondesk.store import records as rows

DELETED = "deleted"


@dataclass(frozen=True)
class ConflictView:
    conflict: Record
    record: Record | None  # None when this device no longer holds the record
    base: Any
    theirs: Any
    ours: Any

    @property
    def id(self) -> str:
        return self.conflict.id

    @property
    def kind(self) -> ConflictKind:
        return ConflictKind(self.conflict["kind"])

    @property
    def field(self) -> str | None:
        value = self.conflict.get("field")
        return None if value is None else str(value)

    @property
    def entity_label(self) -> str:
        return entity(str(self.conflict["entity_name"])).label_en

    @property
    def field_label(self) -> str:
        if self.field is None:
            return "Delete / edit"
        return entity(str(self.conflict["entity_name"])).field(self.field).label_en

    @property
    def record_title(self) -> str:
        if self.record is None:
            return str(self.conflict["record_id"])
        if self.record.entity == "support_case":
            return f"{self.record['reference']} {self.record.title}"
        return self.record.title


def _decode(text: Any) -> Any:
    if text in (None, ""):
        return None
    try:
        return json.loads(str(text))
    except ValueError:
        return text


class ConflictService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.records = RecordService(ctx)

    def open_conflicts(self, limit: int = 500) -> list[ConflictView]:
        page = self.records.list(
            ListQuery(
                "conflict", equals={"status": ConflictStatus.OPEN.value}, sort="created_at", limit=limit
            )
        )
        return [self._view(c) for c in page.rows]

    def has_open(self, record_id: str) -> bool:
        """Whether a record still has a conflict to review on this device. A decision made here counts at
        once: the record's ``conflict_state`` is the authority's and stays set until a sync brings it back."""
        query = ListQuery(
            "conflict", equals={"status": ConflictStatus.OPEN.value, "record_id": record_id}, limit=1
        )
        return bool(self.records.list(query, with_total=False).rows)

    def get(self, conflict_id: str) -> ConflictView:
        return self._view(self.records.get("conflict", conflict_id))

    def _view(self, conflict: Record) -> ConflictView:
        spec = entity(str(conflict["entity_name"]))
        with self.ctx.store.read() as conn:
            record = rows.load(conn, spec, str(conflict["record_id"]))
        return ConflictView(
            conflict,
            record,
            _decode(conflict["base"]),
            _decode(conflict["theirs"]),
            _decode(conflict["ours"]),
        )

    def resolve(self, conflict_id: str, choice: Resolution, merged_value: Any = None) -> list[Change]:
        """Apply the reviewer's decision and close the conflict, in one transaction."""
        view = self.get(conflict_id)
        if view.conflict["status"] != ConflictStatus.OPEN.value:
            raise UserError(say(MessageCode.CONFLICT_RESOLVED_ALREADY))
        spec = entity(str(view.conflict["entity_name"]))
        changes: list[Change] = []
        with self.ctx.store.write() as conn:
            record = rows.load(conn, spec, str(view.conflict["record_id"]))
            if record is None:
                raise UserError(say(MessageCode.CONFLICT_RECORD_GONE))
            if view.kind is ConflictKind.FIELD:
                assert view.field is not None
                value = {
                    Resolution.THEIRS: None,
                    Resolution.OURS: view.ours,
                    Resolution.MERGED: merged_value,
                }[choice]
                if choice is not Resolution.THEIRS:
                    clean = normalise(spec, {view.field: value})
                    changes.append(self.records.update_in(conn, spec, record.id, clean))
            elif choice is Resolution.OURS:  # delete against edit: bring the record back
                if record.is_deleted:
                    changes.append(self.records.set_deleted_in(conn, spec, record.id, False))
                if isinstance(view.ours, dict):
                    clean = normalise(spec, view.ours)
                    changes.append(self.records.update_in(conn, spec, record.id, clean))
            elif choice is Resolution.MERGED:
                raise UserError(say(MessageCode.CONFLICT_DELETE_NO_MERGE))
            closing = {
                "status": ConflictStatus.RESOLVED.value,
                "resolution": choice.value,
                "resolved_by": self.ctx.device.officer_name,
                "resolved_date": dt.date.today(),
            }
            changes.append(self.records.update_in(conn, entity("conflict"), view.id, closing))
        return changes
