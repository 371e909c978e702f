"""Work a hidden widget's content waits for until it is shown (a tab not chosen, a page not open).

A detail pane's History and Attachments tabs, and My work, read or draw only what is in sight: choosing
records in a list, or a reminder check in the background, costs nothing for a tab nobody looks at.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WhenShown(QObject):
    """Runs ``refresh`` at once while ``widget`` is visible, else the next time it is shown."""

    def __init__(self, widget: QWidget, refresh: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.pending = False
        widget.installEventFilter(self)

    def request(self, *, now: bool = False) -> None:
        """The content is out of date: refresh it now if in sight (or ``now``), else when shown."""
        self.pending = True
        if now or self.widget.isVisible():
            self.run()

    def run(self) -> None:
        self.pending = False
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.widget and event.type() == QEvent.Type.Show and self.pending:
            self.run()
        return False
