"""One signal for every change, whoever made it (Anki's ``operation_did_execute``).

Whoever calls a mutating service (a form, a dialog, the quick-add line, undo, the trash, conflict
review, the import wizard, a sync) emits what it changed on ``UiContext.changes``; every screen
listens there and decides for itself: a list updates the rows on screen in place, a hidden page
marks itself stale and reads again when it is next shown, the window updates its counts and
schedules a sync. Nobody passes a change on to anybody else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from missiondesk.domain.records import Change

CONFLICT = "conflict"


@dataclass(frozen=True)
class ChangeSet:
    """What one action changed. ``everything``: a sync or an import, after which any record may differ.
    ``local``: made on this device, so its outbox holds new ops (a sync is due)."""

    changes: tuple[Change, ...] = ()
    everything: bool = False
    local: bool = True

    def touched(self, entity_name: str) -> dict[str, str]:
        """The records of ``entity_name`` this set touched, id -> kind (create, update, delete, restore).

        A conflict's decision touches the record it is about (an update: its heading, maybe a value)."""
        found: dict[str, str] = {}
        for change in self.changes:
            if change.entity == entity_name:
                found[change.record_id] = change.kind
            elif (
                change.entity == CONFLICT
                and change.record is not None
                and change.record.get("entity_name") == entity_name
            ):
                found.setdefault(str(change.record.get("record_id")), "update")
        return found

    def touches(self, entity_name: str) -> bool:
        return self.everything or bool(self.touched(entity_name))

    def change_for(self, entity_name: str, record_id: str) -> Change | None:
        """The change of that very record, with its new state (None for one touched through a conflict)."""
        for change in self.changes:
            if change.entity == entity_name and change.record_id == record_id:
                return change
        return None

    @property
    def entities(self) -> set[str]:
        return {c.entity for c in self.changes}


class ChangeHub(QObject):
    """``changed`` carries a ``ChangeSet``; one hub per window (made with its ``UiContext``)."""

    changed = Signal(object)

    def announce(self, changes: Iterable[Change]) -> ChangeSet:
        """Changes made here (an edit, a delete, a restore, a decision)."""
        change_set = ChangeSet(tuple(changes))
        if change_set.changes:
            self.changed.emit(change_set)
        return change_set

    def announce_everything(self) -> ChangeSet:
        """A sync or an import changed records this window cannot name one by one."""
        change_set = ChangeSet(everything=True, local=False)
        self.changed.emit(change_set)
        return change_set


class Freshness(QObject):
    """Keeps a page current: a change it cares about is applied at once while the page is in sight,
    and otherwise only marks it stale; ``shown`` reads again. ``MainWindow.go`` calls ``shown`` on the
    page's ``Freshness`` (its direct child) each time it shows the page.

    Parented to the page, so the hub forgets it when the page goes."""

    def __init__(
        self,
        page: QWidget,
        hub: ChangeHub,
        cares: Callable[[ChangeSet], bool],
        apply: Callable[[ChangeSet], None],
        reload: Callable[[], None],
        *,
        stale: bool = False,
    ) -> None:
        super().__init__(page)
        self.page = page
        self.cares = cares
        self.apply = apply
        self.reload = reload
        self.stale = stale
        hub.changed.connect(self._heard)

    def in_sight(self) -> bool:
        """The page is the one its window shows (or would show, for a window not on screen yet)."""
        window = self.page.window()
        return window is self.page or self.page.isVisibleTo(window)

    def _heard(self, changes: ChangeSet) -> None:
        if not self.cares(changes):
            return
        if self.in_sight():
            self.apply(changes)
        else:
            self.stale = True

    def shown(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()
