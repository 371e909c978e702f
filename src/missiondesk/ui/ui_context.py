"""What every screen needs, made once per window: the services, the lookups, the task runner, errors."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from missiondesk.domain.permissions import Role
from missiondesk.domain.workflows import Actor
from missiondesk.services.context import AppContext
from missiondesk.services.links import LinkService
from missiondesk.services.lookups import Lookups
from missiondesk.services.records import RecordService
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

    @classmethod
    def create(cls, app: AppContext, window: QWidget | None) -> UiContext:
        lookups = Lookups(app)
        return cls(
            app=app,
            records=RecordService(app),
            links=LinkService(app),
            lookups=lookups,
            formatter=CellFormatter(lookups),
            errors=ErrorPresenter(window, app.paths.crash_reports),
            tasks=TaskRunner(window),
        )

    @property
    def actor(self) -> Actor:
        return Actor.HQ if self.app.device.role is Role.HQ else Actor.MISSION
