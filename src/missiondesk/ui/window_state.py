"""Window geometry, splitters and column layouts, remembered per data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter, QWidget


class WindowState:
    def __init__(self, folder: Path) -> None:
        self.settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    def save(self, window: QMainWindow) -> None:
        s = self.settings
        s.setValue("window/geometry", window.saveGeometry())
        s.setValue("window/state", window.saveState())
        for splitter in window.findChildren(QSplitter):
            if splitter.objectName():
                s.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())
        for header in window.findChildren(QHeaderView):
            owner = header.parent()
            if owner is not None and owner.objectName() and header.orientation() == Qt.Orientation.Horizontal:
                s.setValue(f"columns/{owner.objectName()}", header.saveState())
        s.sync()

    def restore(self, window: QMainWindow) -> bool:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is None:
            return False
        window.restoreGeometry(geometry)
        state = s.value("window/state")
        if state is not None:
            window.restoreState(state)
        self.restore_children(window)
        return True

    def restore_children(self, widget: QWidget) -> None:
        """Splitters and column layouts inside ``widget`` (pages are built after the window)."""
        s = self.settings
        for splitter in widget.findChildren(QSplitter):
            saved = s.value(f"splitter/{splitter.objectName()}")
            if splitter.objectName() and saved is not None:
                splitter.restoreState(saved)
        for header in widget.findChildren(QHeaderView):
            owner = header.parent()
            if owner is None or not owner.objectName() or header.orientation() != Qt.Orientation.Horizontal:
                continue
            saved = s.value(f"columns/{owner.objectName()}")
            if saved is not None:
                header.restoreState(saved)

    def value(self, key: str, default: str = "") -> str:
        return str(self.settings.value(key, default))

    def set_value(self, key: str, value: str) -> None:
        self.settings.setValue(key, value)
        self.settings.sync()
