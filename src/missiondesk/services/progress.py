"""The small, Qt-free task context long services report progress through.

The UI adapts it to signals and a delayed progress dialog; the CLI prints
it or ignores it; tests cancel through it.
"""

from __future__ import annotations

from typing import Protocol

from missiondesk.errors import MissionDeskError


class Cancelled(MissionDeskError):
    """The user cancelled the work; whatever it was writing was rolled back."""


class TaskContext(Protocol):
    def progress(self, done: int, total: int, text: str = "") -> None: ...

    def check_cancelled(self) -> None:
        """Raise Cancelled when the user asked to stop."""


class Silent:
    """A task context for work nobody watches."""

    def progress(self, done: int, total: int, text: str = "") -> None:
        pass

    def check_cancelled(self) -> None:
        pass
