"""What every screen needs, made once per window: the services, the lookups, the task runner, errors."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from missiondesk.domain.permissions import Role
from missiondesk.domain.workflows import Actor
from missiondesk.services.conflicts import ConflictService
from missiondesk.services.context import AppContext
from missiondesk.services.links import LinkService
from missiondesk.services.lookups import Lookups
from missiondesk.services.records import RecordService
from missiondesk.ui.changes import ChangeHub, ChangeSet
from missiondesk.ui.columns import CellFormatter
from missiondesk.ui.errors import ErrorPresenter
from missiondesk.ui.tasks import TaskRunner


@dataclass
class UiContext:
    app: AppContext
    records: RecordService
    links: LinkService
    lookups: Lookups
    formatter: CellFormatter
    errors: ErrorPresenter
    tasks: TaskRunner
    conflicts: ConflictService
    changes: ChangeHub  # every caller of a mutating service emits here; every screen listens (changes.py)

    @classmethod
    def create(cls, app: AppContext, window: QWidget | None) -> UiContext:
        lookups = Lookups(app)
        changes = ChangeHub(window)
        # Connected first, so every screen that hears a change reads the new names (a renamed company).
        changes.changed.connect(lambda change_set: forget_changed(lookups, change_set))
        return cls(
            app=app,
            records=RecordService(app),
            links=LinkService(app),
            lookups=lookups,
            formatter=CellFormatter(lookups),
            errors=ErrorPresenter(window, app.paths.crash_reports),
            tasks=TaskRunner(window),
            conflicts=ConflictService(app),
            changes=changes,
        )

    @property
    def actor(self) -> Actor:
        return Actor.HQ if self.app.device.role is Role.HQ else Actor.MISSION


def forget_changed(lookups: Lookups, changes: ChangeSet) -> None:
    """Names and choices kept in memory for the kinds of record a change touched (all after a sync)."""
    if changes.everything:
        lookups.forget()
    for entity_name in changes.entities:
        lookups.forget(entity_name)
