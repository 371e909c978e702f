"""Edit one record: its form, Save and Revert, the workflow buttons its status allows, Delete.

Every write goes through ``RecordService``; a refusal comes back as problems
shown at their fields, and nothing is saved half-way (the service writes the
row, its outbox op and its search entry in one transaction, or nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missiondesk.domain import workflows
from missiondesk.domain.records import Change, Record
from missiondesk.domain.schema import EntitySpec, entity
from missiondesk.domain.validation import Problem, ValidationFailed
from missiondesk.errors import MissionDeskError, UserError
from missiondesk.services.lookups import Choice, display_title
from missiondesk.ui.dialog_parts import ok_cancel, save_shortcut
from missiondesk.ui.fields import RecordPicker
from missiondesk.ui.labels import (
    amount_label,
    entity_label,
    error_text,
    field_label,
    number_text,
    step_label,
    value_label,
)
from missiondesk.ui.record_form import FORM_FIELDS, RecordForm
from missiondesk.ui.ui_context import UiContext


def transition_label(t: workflows.Transition) -> str:
    return step_label(t.name)


class TransitionDialog(QDialog):
    """Asks for what a workflow step needs (closing a case: outcome, date, summary) and makes the step."""

    done_change = Signal(object)

    def __init__(
        self, ui: UiContext, record: Record, transition: workflows.Transition, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.record = record
        self.transition = transition
        self.setWindowTitle(transition_label(transition))
        # What the step needs, then what it offers to record (a closed case's measurable results).
        self.form = RecordForm(record.spec, ui.lookups, transition.requires + transition.asks, self)
        defaults = dict(record.values)
        for name in transition.requires:
            if record.spec.field(name).kind.value == "date" and not defaults.get(name):
                defaults[name] = dt.date.today()
        self.form.load(defaults)
        self.buttons = ok_cancel(self, transition_label(transition), self.apply)
        save_shortcut(self, self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.change: Change | None = None

    def apply(self) -> None:
        values = self.form.values()
        missing = [
            Problem(n, self.tr("Needed for this step: {0}.").format(transition_label(self.transition)))
            for n in self.transition.requires
            if values.get(n) in (None, "", [])
        ]
        problems = missing + self.form.unknown_problems()
        if problems:
            self.form.show_problems(problems)
            return
        try:
            self.change = self.ui.records.transition(
                self.record.entity, self.record.id, self.transition.target, values
            )
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            return
        except MissionDeskError as exc:
            self.form.show_message(error_text(exc))
            return
        self.ui.changes.announce([self.change])
        self.done_change.emit(self.change)
        self.accept()


class NewRecordDialog(QDialog):
    """A new record of another kind, added without leaving the form that needs it (a case's company)."""

    created = Signal(object)

    def __init__(
        self, ui: UiContext, entity_name: str, defaults: Mapping[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New {0}").format(entity_label(entity(entity_name)).lower()))
        self.editor = RecordEditor(ui, entity_name, self)
        self.editor.saved.connect(self._saved)
        # A new record has nothing to revert or delete: Save (Enter, Ctrl+S) and Cancel are all it needs.
        self.editor.delete_button.hide()
        self.editor.revert_button.hide()
        self.editor.save_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        save_shortcut(self, self.editor.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.editor.start_new({**self.editor.new_defaults(), **defaults})
        self.change: Change | None = None

    def _saved(self, change: Change) -> None:
        self.change = change
        self.created.emit(change)
        self.accept()


class RecordEditor(QWidget):
    """The detail pane of a list. Every change it makes goes out on ``ui.changes``; ``saved`` and
    ``deleted`` tell only the dialog that holds it (a child's dialog closes on them)."""

    saved = Signal(object)
    deleted = Signal(object)

    def __init__(self, ui: UiContext, entity_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.spec: EntitySpec = entity(entity_name)
        self.record: Record | None = None
        self.parent_values: dict[str, Any] = {}
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.status = QLabel(self)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setFrameShape(QLabel.Shape.StyledPanel)
        self.outcome.setMargin(6)
        self.form = RecordForm(self.spec, ui.lookups, FORM_FIELDS[entity_name], self)
        self.form.edited.connect(self._update_buttons)
        self.form.new_record_wanted.connect(self.add_linked_record)
        self.workflow_bar = QGridLayout()  # two steps per row: long names (and translations) stay whole
        self.workflow_buttons: dict[str, QPushButton] = {}
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.revert_button.clicked.connect(self.revert)
        self.delete_button = QPushButton(self.tr("Move to trash"), self)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.status)
        self.layout_.addWidget(self.outcome)
        self.layout_.addLayout(self.workflow_bar)
        self.layout_.addWidget(self.form)
        self.layout_.addLayout(buttons)
        self.show_record(None)

    # --- showing ---------------------------------------------------------------------------

    def show_record(self, record: Record | None) -> None:
        self.record = record
        self.form.load_record(record)
        self._limit_to_case_country()
        self._show_heading()
        self._build_workflow()
        self._update_buttons()
        self.setEnabled(record is not None)

    def start_new(self, defaults: Mapping[str, Any] | None = None) -> None:
        """An empty form for a new record (saved on Save)."""
        self.record = None
        self.setEnabled(True)
        self.form.load(dict(defaults or self.new_defaults()))
        self._limit_to_case_country()
        self._show_heading()
        self._build_workflow()
        self._update_buttons()
        first = self.form.editors[self.form.fields[0]]
        first.setFocus()

    def new_defaults(self) -> dict[str, Any]:
        today = dt.date.today()
        defaults: dict[str, Any] = {**self.parent_values}
        for name in ("received_date", "date", "published_date", "requested_date"):
            if self.spec.has_field(name) and name in self.form.editors:
                defaults[name] = today
        if self.spec.has_field("year"):
            defaults["year"] = today.year
        if self.spec.has_field("fiscal_year"):
            defaults["fiscal_year"] = today.year + 1
        if self.spec.has_field("country"):
            defaults["country"] = self.ui.lookups.mission_country()
        if self.spec.has_field("officer_id") and self.ui.app.device.officer_id:
            defaults["officer_id"] = self.ui.app.device.officer_id
        return defaults

    def _show_heading(self) -> None:
        r = self.record
        self._show_outcome()
        if r is None:
            self.heading.setText(self.tr("New {0}").format(entity_label(self.spec).lower()))
            self.status.clear()
            return
        self.heading.setText(display_title(r.entity, r.values))
        bits = []
        if self.spec.status_field:
            bits.append(value_label(r.get(self.spec.status_field)))
        if r.updated_by:
            stamp = r.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if r.updated_at else ""
            bits.append(self.tr("changed by {0} {1}").format(r.updated_by, stamp))
        # The record's conflict state is the authority's: a decision made here shows at once.
        if r.conflict_state != "none" and self.ui.conflicts.has_open(r.id):
            bits.append(self.tr("has a conflict to review"))
        self.status.setText(" · ".join(bits))

    def _limit_to_case_country(self) -> None:
        """An activity of a case offers the foreign authorities of the case's country."""
        if "authorities" not in self.form.editors:
            return
        case_id = self.record.get("case_id") if self.record is not None else self.parent_values.get("case_id")
        country = None
        if case_id:
            try:
                country = self.ui.records.get("support_case", str(case_id)).get("country")
            except MissionDeskError:
                country = None
        self.form.limit_authorities(country)

    def _show_outcome(self) -> None:
        """A closed case says how it ended, on top: outcome, date, summary and its measurable results."""
        r = self.record
        if r is None or not r.get("outcome"):
            self.outcome.clear()
            self.outcome.hide()
            return
        lines = [
            self.tr("Outcome: {0} on {1}").format(value_label(r["outcome"]), r.get("resolution_date") or "—")
        ]
        if r.get("resolution_summary"):
            lines.append(str(r["resolution_summary"]))
        results = [field_label(self.spec, n) for n in ("permit_obtained", "site_secured") if r.get(n)]
        results += [
            f"{amount_label(self.spec, n)} {number_text(n, int(r[n]))}"
            for n in ("investment_usd", "jobs_created")
            if r.get(n)
        ]
        if results:
            lines.append(self.tr("Results: {0}").format(" · ".join(results)))
        self.outcome.setText("\n".join(lines))
        self.outcome.show()

    def add_linked_record(self, field_name: str, typed: str) -> NewRecordDialog:
        """Add the company a case names but the list lacks; once saved, the case form holds it."""
        target = self.spec.field(field_name).target
        assert target is not None
        latin = typed.isascii()
        defaults = {("name_en" if latin else "name_ko"): typed} if typed else {}
        dialog = NewRecordDialog(self.ui, target, defaults, self)
        picker = self.form.editors[field_name]
        assert isinstance(picker, RecordPicker)

        def created(change: Change) -> None:
            values = change.record.values if change.record is not None else {}
            picker.choose(Choice(change.record_id, display_title(target, values)))

        dialog.created.connect(created)
        dialog.open()
        self.new_record_dialog = dialog
        return dialog

    def _build_workflow(self) -> None:
        for button in self.workflow_buttons.values():
            self.workflow_bar.removeWidget(button)
            button.hide()  # gone at once, not when the event loop gets round to deleting it
            button.deleteLater()
        self.workflow_buttons = {}
        workflow = workflows.workflow_for(self.spec.name)
        if workflow is None or self.record is None:
            return
        for t in workflow.allowed(str(self.record.get(workflow.field)), self.ui.actor):
            button = QPushButton(transition_label(t), self)
            button.clicked.connect(lambda _=False, t=t: self.start_transition(t))
            button.setMinimumWidth(button.sizeHint().width())
            count = len(self.workflow_buttons)
            self.workflow_bar.addWidget(button, count // 2, count % 2)
            self.workflow_buttons[t.target] = button

    def _update_buttons(self) -> None:
        dirty = self.record is None or self.form.dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(self.record is not None and self.form.dirty)
        self.delete_button.setEnabled(self.record is not None)

    # --- actions ---------------------------------------------------------------------------

    def save(self) -> Change | None:
        """Save the form; on problems, show them at the fields and return None (nothing saved)."""
        problems = self.form.unknown_problems()
        if problems:
            self.form.show_problems(problems)
            return None
        try:
            if self.record is None:
                values = {
                    **self.parent_values,
                    **{k: v for k, v in self.form.values().items() if v is not None},
                }
                change = self.ui.records.create(self.spec.name, values)
            else:
                changes = self.form.changes()
                if not changes:
                    return None
                change = self.ui.records.update(self.spec.name, self.record.id, changes)
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            return None
        except UserError as exc:
            self.form.show_message(error_text(exc))
            return None
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        from_button = self.save_button.hasFocus()
        self.show_record(change.record)
        if from_button or self.delete_button.hasFocus():
            # Save turns grey once saved and Qt would pass its focus on to "Move to trash".
            self.form.editors[self.form.fields[0]].setFocus()
        self.ui.changes.announce([change])
        self.saved.emit(change)
        return change

    def commit_pending(self) -> bool:
        """Before leaving the record: save what was typed. False (and problems shown) when it cannot be."""
        if self.record is None or not self.form.dirty:
            return True
        return self.save() is not None

    def revert(self) -> None:
        self.show_record(self.record)

    def delete(self) -> Change | None:
        if self.record is None:
            return None
        try:
            change = self.ui.records.delete(self.spec.name, self.record.id)
        except MissionDeskError as exc:
            self.ui.errors.show(exc)
            return None
        self.show_record(None)
        self.ui.changes.announce([change])
        self.deleted.emit(change)
        return change

    def start_transition(self, transition: workflows.Transition) -> TransitionDialog | Change | None:
        """A step with needs opens a dialog; a plain step happens at once."""
        if self.record is None:
            return None
        if not self.commit_pending():
            return None
        if transition.requires:
            dialog = TransitionDialog(self.ui, self.record, transition, self)
            dialog.done_change.connect(self._after_transition)
            dialog.open()
            self.transition_dialog = dialog
            return dialog
        try:
            change = self.ui.records.transition(self.spec.name, self.record.id, transition.target)
        except MissionDeskError as exc:
            self.form.show_message(error_text(exc))
            return None
        self.ui.changes.announce([change])
        self._after_transition(change)
        return change

    def _after_transition(self, change: Change) -> None:
        """The step is made (and was announced by whoever made it): show where the record stands."""
        self.show_record(change.record)
        self.saved.emit(change)
