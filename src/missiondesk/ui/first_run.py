"""First run: choose the mission and enter the officer's name; practice data if wanted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from missiondesk import paths, refdata
from missiondesk.errors import MissionDeskError
from missiondesk.services import database_key
from missiondesk.services.context import AppContext, read_config
from missiondesk.services.demo import generate_demo
from missiondesk.services.setup import init_mission
from missiondesk.ui import prompts
from missiondesk.ui.dialog_parts import message_line, ok_cancel
from missiondesk.ui.labels import error_text

CODE_ROLE = Qt.ItemDataRole.UserRole
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
DEMO_CASES = 200


class FirstRunDialog(QDialog):
    """Sets the data folder up for one mission; ``context`` holds the result once accepted."""

    def __init__(self, data_dir: str | Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.context: AppContext | None = None
        self.setWindowTitle(self.tr("Welcome to MissionDesk"))
        self.resize(560, 520)

        intro = QLabel(
            self.tr("Choose your mission and enter your name. You can work offline from the start.")
        )
        intro.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Search missions: 프랑크푸르트, Frankfurt, DE-FRA…"))
        self.filter.textChanged.connect(self._apply_filter)
        self.missions = QListWidget(self)
        countries = {c["code"]: c for c in refdata.rows("country")}
        for m in refdata.rows("mission"):
            country = countries[m["country"]]
            item = QListWidgetItem(f"{m['code']}   {m['name_ko']}   ({m['city_en']}, {country['name_en']})")
            item.setData(CODE_ROLE, m["code"])
            item.setData(Qt.ItemDataRole.ToolTipRole, m["name_en"])
            # Found by code, either name, city or country, in Korean or English.
            words = (
                m["code"],
                m["name_ko"],
                m["name_en"],
                m["city_en"],
                m["city_ko"],
                country["name_en"],
                country["name_ko"],
            )
            item.setData(SEARCH_ROLE, " ".join(words).casefold())
            self.missions.addItem(item)
        self.officer = QLineEdit(self)
        self.officer.setPlaceholderText(self.tr("Your name, e.g. 김영희"))
        self.demo = QCheckBox(
            self.tr("Add practice data ({0} cases; it never leaves this laptop)").format(DEMO_CASES)
        )
        self.message = message_line(self)
        self.buttons = ok_cancel(self, self.tr("Start"), self.accept)

        form = QFormLayout()
        form.addRow(self.tr("Officer:"), self.officer)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.missions, 1)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.missions.count()):
            item = self.missions.item(i)
            item.setHidden(bool(needle) and needle not in item.data(SEARCH_ROLE))
        visible = [
            self.missions.item(i)
            for i in range(self.missions.count())
            if not self.missions.item(i).isHidden()
        ]
        if len(visible) == 1:
            self.missions.setCurrentItem(visible[0])

    def selected_mission(self) -> str | None:
        item = self.missions.currentItem()
        return None if item is None or item.isHidden() else str(item.data(CODE_ROLE))

    def accept(self) -> None:
        mission = self.selected_mission()
        if mission is None:
            self.message.setText(self.tr("Choose your mission in the list."))
            return
        passphrase = None
        where = paths.resolve(self.data_dir)
        if database_key.uses_passphrase(where, read_config(where)):  # portable: the data on a stick
            passphrase = prompts.passphrase(self, new=True)
            if passphrase is None:
                return
        try:
            ctx = init_mission(self.data_dir, mission, self.officer.text(), passphrase=passphrase)
            if self.demo.isChecked():
                generate_demo(ctx, cases=DEMO_CASES)
        except MissionDeskError as exc:
            self.message.setText(error_text(exc))
            return
        self.context = ctx
        super().accept()
