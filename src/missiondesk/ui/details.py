"""The detail pane of each list: the record's editor plus what belongs to it.

A case has its timeline of activities (added in a few keystrokes), partner
referrals and linked records; a brief its deliveries; a meeting its attendance
and agenda; a company its cases and the briefs it received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain.records import Change, Record
from missiondesk.domain.schema import entity
from missiondesk.errors import MissionDeskError
from missiondesk.services.attachments import PARENT_FIELDS
from missiondesk.ui.attachments_view import AttachmentsView
from missiondesk.ui.changes import ChangeSet
from missiondesk.ui.child_list import ChildList
from missiondesk.ui.fields import ChoiceEditor, DateEditor, enum_choices
from missiondesk.ui.history_view import HistoryView
from missiondesk.ui.labels import error_text
from missiondesk.ui.record_editor import RecordEditor
from missiondesk.ui.record_model import RECORD_ROLE
from missiondesk.ui.ui_context import UiContext


class DetailPane(QWidget):
    """An editor in a scroll area, with room below for the record's children.

    It follows ``ui.changes``: a change to the record it shows, made anywhere (a conflict's decision,
    a sync, undo), shows the record's new state, unless the officer is typing in it."""

    def __init__(self, ui: UiContext, entity_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.entity_name = entity_name
        self.editor = RecordEditor(ui, entity_name, self)
        self.editor.deleted.connect(lambda _change: self.record_shown(None))  # its children go with it
        ui.changes.changed.connect(self._follow)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName(f"{entity_name}_detail_splitter")
        self.splitter.addWidget(scroll)
        # What belongs to the record, one tab each; every kind has its History last.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName(f"{entity_name}_tabs")
        self.history = HistoryView(ui, entity_name, self.tabs)
        # Files attached to it (cases, briefs, meetings, proposals), just before History.
        self.attachments: AttachmentsView | None = None
        if entity_name in PARENT_FIELDS:
            self.attachments = AttachmentsView(ui, entity_name, self.tabs)
            self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.splitter.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """A tab for the record's children, before Attachments and History."""
        self.tabs.insertTab(self.tabs.indexOf(self.attachments or self.history), widget, title)

    def _show_in_tabs(self, record_id: str | None) -> None:
        self.history.set_record(record_id)
        if self.attachments is not None:
            self.attachments.set_record(record_id)

    @property
    def record(self) -> Record | None:
        return self.editor.record

    def show_attachment(self, attachment_id: str) -> None:
        """The Attachments tab in front, this file selected in it."""
        if self.attachments is not None:
            self.tabs.setCurrentWidget(self.attachments)
            self.attachments.select(attachment_id)

    def show_record(self, record: Record | None) -> None:
        self.editor.show_record(record)
        self._show_in_tabs(record.id if record is not None else None)
        self.record_shown(record)

    def start_new(self) -> None:
        self.editor.start_new()
        self._show_in_tabs(None)
        self.record_shown(None)

    def commit_pending(self) -> bool:
        return self.editor.commit_pending()

    def record_shown(self, record: Record | None) -> None:
        """Subclasses show the record's children."""

    def _follow(self, changes: ChangeSet) -> None:
        record = self.record
        if record is None or not (changes.everything or record.id in changes.touched(self.entity_name)):
            return
        change = changes.change_for(self.entity_name, record.id)
        if change is not None and change.record is record:
            # This editor made the change and shows it: its children and its history follow.
            self._show_in_tabs(record.id)
            self.record_shown(record)
            return
        if self.editor.form.dirty:
            return  # what is being typed stays; saving it writes only the fields typed
        try:
            fresh: Record | None = self.ui.records.get(self.entity_name, record.id)
        except MissionDeskError:
            fresh = None
        self.show_record(None if fresh is None or fresh.is_deleted else fresh)


class ActivityQuickAdd(QWidget):
    """Date, kind and a line of notes; Enter adds the activity to the case's timeline."""

    added = Signal(object)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.case_id: str | None = None
        spec = entity("case_activity")
        self.date = DateEditor(None, self)
        self.kind = ChoiceEditor(enum_choices(spec.field("action_type")), self)
        self.kind.set_value("consultation")
        self.channel = ChoiceEditor(enum_choices(spec.field("channel")), self)
        self.channel.setObjectName("quick_channel")
        self.channel.setToolTip(self.tr("Channel: meeting, call, email, official letter, site visit"))
        self.notes = QLineEdit(self)
        self.notes.setObjectName("quick_activity")
        self.notes.setPlaceholderText(self.tr("What happened? Enter adds it to the timeline (Ctrl+Shift+A)"))
        self.notes.returnPressed.connect(self.add)
        self.message = QLabel(self)
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date)
        row.addWidget(self.kind, 1)
        row.addWidget(self.channel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notes)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.set_case(None)

    def set_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.date.set_value(dt.date.today())
        self.setEnabled(case_id is not None)

    def add(self) -> Change | None:
        if self.case_id is None:
            return None
        values: dict[str, Any] = {
            "case_id": self.case_id,
            "date": self.date.value(),
            "action_type": self.kind.value(),
            "channel": self.channel.value(),
            "notes": self.notes.text().strip() or None,
        }
        try:
            change = self.ui.records.create("case_activity", values)
        except MissionDeskError as exc:
            self.message.setText(error_text(exc))
            self.message.show()
            return None
        self.message.hide()
        self.notes.clear()
        self.ui.changes.announce([change])
        self.added.emit(change)
        return change

    def draft(self) -> dict[str, Any]:
        """What is typed so far, for the full activity form ("Add…")."""
        values = {
            "date": self.date.value(),
            "action_type": self.kind.value(),
            "channel": self.channel.value(),
        }
        if self.notes.text().strip():
            values["notes"] = self.notes.text().strip()
        return values


class CaseDetail(DetailPane):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, "support_case", parent)
        timeline = QWidget(self)
        self.quick_add = ActivityQuickAdd(ui, timeline)
        self.activities = ChildList(ui, "case_activity", self.tr("Timeline"), timeline)
        self.activities.draft = self.quick_add.draft
        ui.changes.changed.connect(self._activity_heard)
        # The selected activity's next steps become a task in one click (services.reminders).
        self.next_step_task = QPushButton(self.tr("Next steps → task"), timeline)
        self.next_step_task.setObjectName("next_step_task")
        self.next_step_task.setToolTip(
            self.tr(
                "A task of the selected activity's next steps, on this case, due on the date they name or a week later"
            )
        )
        self.next_step_task.clicked.connect(self.task_from_next_steps)
        self.next_step_note = QLabel(timeline)
        self.next_step_note.setObjectName("next_step_note")
        self.next_step_note.setTextFormat(Qt.TextFormat.PlainText)
        self.next_step_note.setWordWrap(True)  # a long title wraps instead of widening the pane
        self.activities.view.selectionModel().selectionChanged.connect(self._offer_next_step_task)
        self.activities.model.modelReset.connect(self._offer_next_step_task)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_step_task)
        next_row.addWidget(self.next_step_note, 1)
        box = QVBoxLayout(timeline)
        box.addWidget(self.quick_add)
        box.addWidget(self.activities)
        box.addLayout(next_row)
        self._offer_next_step_task()
        self.referrals = ChildList(ui, "partner_referral", self.tr("Partner referrals"), self)
        self.linked = QLabel(self)
        self.linked.setObjectName("linked")
        self.linked.setWordWrap(True)
        self.linked.setTextFormat(Qt.TextFormat.PlainText)
        self.linked.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.add_tab(timeline, self.tr("Timeline"))
        self.add_tab(self.referrals, self.tr("Referrals"))
        self.add_tab(self.linked, self.tr("Linked"))
        self.tabs.setCurrentIndex(0)

    def _activity_heard(self, changes: ChangeSet) -> None:
        """An activity added to this case ("Add…" starts from the quick-add line): what was typed there
        went into it."""
        if self.record is None:
            return
        for change in changes.changes:
            if (
                change.entity == "case_activity"
                and change.kind == "create"
                and change.record is not None
                and change.record.get("case_id") == self.record.id
            ):
                self.quick_add.notes.clear()

    def selected_activity(self) -> Record | None:
        index = self.activities.view.currentIndex()
        if not index.isValid() or not self.activities.view.selectionModel().isSelected(index):
            return None
        record = self.activities.model.data(index, RECORD_ROLE)
        return record if isinstance(record, Record) else None

    def _offer_next_step_task(self) -> None:
        activity = self.selected_activity()
        self.next_step_task.setEnabled(activity is not None and bool(activity.get("next_steps")))

    def task_from_next_steps(self) -> Change | None:
        from missiondesk.services.reminders import ReminderService

        activity = self.selected_activity()
        if activity is None:
            return None
        try:
            change = ReminderService(self.ui.app).task_from_next_steps(activity.id, self.ui.records)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        self.ui.changes.announce([change])
        task = change.record
        if task is not None:
            self.next_step_note.setText(
                self.tr("Task added, due {0}: {1}").format(task.get("due_date"), task.get("title"))
            )
        return change

    def record_shown(self, record: Record | None) -> None:
        self.next_step_note.clear()
        case_id = record.id if record is not None else None
        self.activities.set_parent(case_id)
        self.referrals.set_parent(case_id)
        self.quick_add.set_case(case_id)
        self.linked.setText(self._linked_text(record) if record is not None else "")

    def focus_quick_add(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.quick_add.notes.setFocus()

    def _linked_text(self, record: Record) -> str:
        links = self.ui.links.case_links(record.id)
        lines = []
        for label, items in (
            (self.tr("Company"), links.company),
            (self.tr("Contact"), links.contact),
            (self.tr("Briefs delivered to the company"), links.briefs),
            (self.tr("Council meetings that discussed it"), links.meetings),
            (self.tr("Tasks"), links.tasks),
        ):
            lines.append(f"{label}: " + (", ".join(items) if items else "—"))
        return "\n".join(lines)


class BriefDetail(DetailPane):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, "market_brief", parent)
        self.deliveries = ChildList(ui, "brief_delivery", self.tr("Delivered to"), self)
        self.add_tab(self.deliveries, self.tr("Deliveries"))
        self.tabs.setCurrentIndex(0)

    def record_shown(self, record: Record | None) -> None:
        self.deliveries.set_parent(record.id if record is not None else None)


class MeetingDetail(DetailPane):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, "council_meeting", parent)
        self.attendance = ChildList(ui, "meeting_attendance", self.tr("Attendance by institution"), self)
        self.agenda = ChildList(ui, "agenda_item", self.tr("Agenda"), self)
        for child, title in ((self.attendance, self.tr("Attendance")), (self.agenda, self.tr("Agenda"))):
            self.add_tab(child, title)
        self.tabs.setCurrentIndex(0)

    def record_shown(self, record: Record | None) -> None:
        meeting_id = record.id if record is not None else None
        self.attendance.set_parent(meeting_id)
        self.agenda.set_parent(meeting_id)


class CompanyDetail(DetailPane):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, "company", parent)
        self.duplicate_warning = QLabel(self)
        self.duplicate_warning.setObjectName("duplicate_warning")
        self.duplicate_warning.setWordWrap(True)
        self.duplicate_warning.setStyleSheet("background: #8a5a00; color: white; padding: 4px;")
        self.duplicate_warning.hide()
        self.editor.layout_.insertWidget(2, self.duplicate_warning)
        self.editor.form.editors["brn"].changed.connect(self._check_duplicate)
        self.related = QLabel(self)
        self.related.setObjectName("related")
        self.related.setWordWrap(True)
        self.related.setTextFormat(Qt.TextFormat.PlainText)
        self.related.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.contacts = ChildList(ui, "contact", self.tr("Contact persons"), self)
        self.add_tab(self.contacts, self.tr("Contacts"))
        self.add_tab(self.related, self.tr("Cases and briefs"))
        self.tabs.setCurrentIndex(0)

    def record_shown(self, record: Record | None) -> None:
        self._check_duplicate()
        self.contacts.set_parent(record.id if record is not None else None)
        if record is None:
            self.related.clear()
            return
        links = self.ui.links.company_links(record.id)
        self.related.setText(
            "\n".join(
                (
                    self.tr("Cases: {0}").format(", ".join(links.cases) or "—"),
                    self.tr("Briefs received: {0}").format(", ".join(links.briefs) or "—"),
                )
            )
        )

    def _check_duplicate(self) -> None:
        brn = self.editor.form.editors["brn"].value()
        own = self.record.id if self.record is not None else None
        others = self.ui.lookups.companies_with_brn(brn, except_id=own) if brn else ()
        if others:
            self.duplicate_warning.setText(
                self.tr("Another company has this registration number: {0}. Is it the same company?").format(
                    ", ".join(c.label() for c in others)
                )
            )
            self.duplicate_warning.show()
        else:
            self.duplicate_warning.hide()


class PlainDetail(DetailPane):
    """Proposals and tasks: the editor and its workflow, a proposal's Attachments and the History tab."""


def detail_for(ui: UiContext, entity_name: str, parent: QWidget | None = None) -> DetailPane:
    kinds: dict[str, Callable[[UiContext, QWidget | None], DetailPane]] = {
        "support_case": CaseDetail,
        "market_brief": BriefDetail,
        "council_meeting": MeetingDetail,
        "company": CompanyDetail,
    }
    kind = kinds.get(entity_name)
    if kind is not None:
        return kind(ui, parent)
    return PlainDetail(ui, entity_name, parent)
