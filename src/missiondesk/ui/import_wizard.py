"""File > Import: MissionDesk's bundles (choose files, see their checks, preview what they change,
apply) or a legacy spreadsheet (``ui.table_import_pages``), chosen on the first page.

Thin pages over ``services.bundle_import`` (inspect/plan, apply) and
``services.bundle_ack``: the CLI's ``missiondesk import`` runs the same logic.
Long steps run on the task runner with progress and cancel; a cancelled import
leaves the database as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from missiondesk.domain.permissions import Role
from missiondesk.domain.schema import FieldSpec, Kind, entity, is_entity
from missiondesk.errors import MissionDeskError
from missiondesk.services import bundle_ack, bundle_import
from missiondesk.services.bundle_import import (
    KIND_OPS,
    Check,
    ImportPlan,
    ImportReport,
    Inspection,
    Outcome,
    PasswordNeed,
    Step,
)
from missiondesk.ui import prompts
from missiondesk.ui.labels import entity_label, error_text, field_label, korean, said_text, value_label
from missiondesk.ui.prompts import bundle_paths
from missiondesk.ui.table_import_pages import (
    MappingPage,
    TableFilePage,
    TablePreviewPage,
    TableResultPage,
    TableWizardPart,
)
from missiondesk.ui.ui_context import UiContext

OUTCOMES = tuple(o.value for o in Outcome)
PREVIEW_RECORDS = 500  # records listed under a kind of record when it is opened


def outcome_label(outcome: str) -> str:
    """A preview outcome or an applied op's status, as the wizard names it (not a record's value:
    "held" here is an op waiting for an earlier one, not a meeting that took place)."""
    names = {
        "new": QCoreApplication.translate("import", "new"),
        "updated": QCoreApplication.translate("import", "updated"),
        "unchanged": QCoreApplication.translate("import", "unchanged"),
        "conflict": QCoreApplication.translate("import", "conflict"),
        "held": QCoreApplication.translate("import", "waiting"),
        "rejected": QCoreApplication.translate("import", "refused"),
        "applied": QCoreApplication.translate("import", "applied"),
        "merged": QCoreApplication.translate("import", "merged"),
        "duplicate": QCoreApplication.translate("import", "already received"),
        "imported": QCoreApplication.translate("import", "imported"),
        "already imported": QCoreApplication.translate("import", "already imported"),
        "refused": QCoreApplication.translate("import", "refused"),
    }
    return names.get(outcome, outcome)


class SourcePage(QWizardPage):
    """The first choice: MissionDesk's own bundles, or a person-made spreadsheet."""

    def __init__(self, at_hq: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("What to import"))
        self.bundle = QRadioButton(
            self.tr("MissionDesk bundles (from the missions)")
            if at_hq
            else self.tr("MissionDesk files (HQ's acknowledgements)"),
            self,
        )
        self.spreadsheet = QRadioButton(
            self.tr("Spreadsheet (.xlsx, .xls, .csv): cases, briefs, meetings or companies kept in Excel"),
            self,
        )
        self.bundle.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bundle)
        layout.addWidget(self.spreadsheet)
        layout.addStretch(1)


class FilesPage(QWizardPage):
    def __init__(self, at_hq: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Bundles to import"))
        self.setSubTitle(
            self.tr("Add the Excel bundles missions sent (or drop them here), several at once if you like.")
            if at_hq
            else self.tr(
                "Add the acknowledgement files HQ sent back (or drop them here), several at once if you like."
            )
        )
        self.setAcceptDrops(True)
        self.files = QListWidget(self)
        add = QPushButton(self.tr("Add files…"), self)
        add.clicked.connect(self._browse)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(buttons)

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_paths(self, paths: Sequence[Path]) -> None:
        known = set(self.paths())
        for p in paths:
            if p not in known:
                self.files.addItem(str(p))
                known.add(p)
        self.completeChanged.emit()

    def _browse(self) -> None:
        # A side-car alone stands for its bundle beside it (bundle_import.plan): its files import then.
        name_filter = self.tr("Bundles and their side-cars (*.xlsx *.zip)")
        self.add_paths(prompts.open_files(self, self.tr("Choose bundles"), name_filter))

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.files.count() > 0

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if bundle_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths(bundle_paths(event.mimeData().urls()))
        event.acceptProposedAction()


class ChecksPage(QWizardPage):
    """Every check on every file; refused files are shown with the reason and skipped."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Checks"))
        self.setSubTitle(self.tr("Each file is checked before anything is read into the database."))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("File and check"), self.tr("Result")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.confirm_unverified = QCheckBox(
            self.tr("Import the unverified bundles anyway (their device key is not registered here)")
            if wizard.at_hq
            else self.tr("Import the unverified files anyway (HQ's key is not trusted on this laptop)"),
            self,
        )
        self.confirm_unverified.toggled.connect(self.completeChanged)
        self.confirm_unverified.hide()
        # An encrypted file no password opened yet: asked here, then every file is checked again.
        self.password_prompt = QLabel(self)
        self.password_prompt.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("bundle_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.open_locked = QPushButton(self.tr("Open with this password"), self)
        self.open_locked.clicked.connect(self._try_password)
        self.password.returnPressed.connect(self._try_password)
        asking = QHBoxLayout()
        asking.addWidget(self.password, 1)
        asking.addWidget(self.open_locked)
        self.asking = QWidget(self)
        self.asking.setLayout(asking)
        asking.setContentsMargins(0, 0, 0, 0)
        for widget in (self.password_prompt, self.asking):
            widget.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(self.status)
        layout.addWidget(self.password_prompt)
        layout.addWidget(self.asking)
        layout.addWidget(self.confirm_unverified)

    def initializePage(self) -> None:
        self.tree.clear()
        self.wiz.plan = None
        self.status.setText(self.tr("Checking…"))
        paths = self.wiz.files_page.paths()
        ctx = self.wiz.ui.app
        passwords = list(self.wiz.passwords)
        self.open_locked.setEnabled(False)
        self.task = self.wiz.ui.tasks.run(
            self.tr("Checking bundles"),
            lambda _task: bundle_import.plan(ctx, paths, passwords=passwords),
            self._planned,
            self._failed,
        )

    def _try_password(self) -> None:
        password = self.password.text()
        if not password or not self.open_locked.isEnabled():
            return
        self.password.clear()
        if password not in self.wiz.passwords:
            self.wiz.passwords.append(password)
        self.initializePage()

    def _ask_password(self, plan: ImportPlan) -> None:
        locked = plan.locked
        self.password_prompt.setVisible(bool(locked))
        self.asking.setVisible(bool(locked))
        self.open_locked.setEnabled(True)
        if not locked:
            return
        first = locked[0].inspection
        name = first.path.name
        if first.password_needed is PasswordNeed.WRONG:
            text = self.tr("The password does not open {0}. Enter its password again.").format(name)
        else:
            text = self.tr("{0} is protected with a password. Enter it to check the file.").format(name)
        self.password_prompt.setText(text)
        self.password.setFocus()

    def _planned(self, plan: ImportPlan) -> None:
        self.wiz.plan = plan
        for b in plan.bundles:
            top = QTreeWidgetItem([b.inspection.path.name, self._verdict(b)])
            for check in b.inspection.checks:
                detail = self._detail(b.inspection, check)
                top.addChild(QTreeWidgetItem([self._step(check.name), ("✓ " if check.ok else "✗ ") + detail]))
            if b.already_imported:
                top.addChild(QTreeWidgetItem([self.tr("already imported"), self.tr("nothing will change")]))
            self.tree.addTopLevelItem(top)
            top.setExpanded(bool(b.refusal) or b.needs_confirmation)
        usable = [b for b in plan.bundles if not b.refusal]
        self.status.setText(
            self.tr("{0} of {1} files can be imported.").format(len(usable), len(plan.bundles))
            + (
                ""
                if not plan.refused
                else " " + self.tr("Refused files are left out; nothing of them is read in.")
            )
        )
        if plan.unverified and not self.wiz.at_hq:
            self.status.setText(
                self.status.text()
                + " "
                + self.tr(
                    "To verify HQ's files, ask HQ's administrator for HQ's key card and trust it once: "
                    "missiondesk trust-key FILE."
                )
            )
        self.confirm_unverified.setVisible(bool(plan.unverified))
        self._ask_password(plan)
        self.completeChanged.emit()

    def _step(self, step: Step) -> str:
        names = {
            Step.FILE: self.tr("file: size, zip structure, macros, XML, rows"),
            Step.MANIFEST: self.tr("manifest"),
            Step.SCHEMA: self.tr("schema version"),
            Step.PAYLOAD: self.tr("SHA-256 of the changes"),
            Step.SIGNATURE: self.tr("signature"),
            Step.OPS: self.tr("changes (ops)"),
            Step.READABLE: self.tr("readable sheets"),
            Step.ACK: self.tr("acknowledgement"),
            Step.FILES: self.tr("attached files"),
        }
        return names.get(step, str(step))

    def _mission(self, code: str) -> str:
        """A mission by its name in the window's language, its code beside (reference data, cached)."""
        name = self.wiz.ui.lookups.code_label("mission", code, korean=korean())
        return f"{name} ({code})" if name and name != code else code

    def _detail(self, found: Inspection, check: Check) -> str:
        """What a passed check found, in the window's language; a refusal's own sentence otherwise."""
        if found.password_needed is not None:
            return self._locked(found)
        if not check.ok and check.name is not Step.SIGNATURE and check.name is not Step.READABLE:
            return said_text(check.detail)
        match check.name:
            case Step.FILE if found.facts is not None:
                return self.tr("{0} parts, {1} rows").format(found.facts.entries, f"{found.facts.rows:,}")
            case Step.MANIFEST if found.manifest is not None:
                mission = self._mission(str(found.manifest.get("mission") or ""))
                if found.kind == KIND_OPS:
                    return self.tr("{0} from {1}").format(self.tr("changes"), mission)
                return self.tr("acknowledgement from HQ for {0}").format(mission)
            case Step.SIGNATURE:
                if check.ok:
                    return self.tr("signed by the registered key")
                return (
                    self.tr("key not registered here")
                    if self.wiz.at_hq
                    else self.tr("HQ's key not trusted here")
                )
            case Step.OPS:
                return self.tr("{0} changes").format(f"{len(found.entries):,}")
            case Step.READABLE:
                return (
                    self.tr("as exported")
                    if check.ok
                    else self.tr("edited in a spreadsheet: those edits are not imported")
                )
            case Step.ACK:
                return self.tr("{0} results, {1} changes from HQ").format(len(found.results), len(found.feed))
            case Step.FILES:
                found_text = self.tr("{0} files in {1} of {2} side-cars").format(
                    len(found.files), len(found.present), len(found.sidecars)
                )
                waiting = found.files_to_come
                if waiting:
                    found_text += "; " + self.tr("{0} still to come (their side-cars are not here)").format(
                        waiting
                    )
                return found_text
        return check.detail

    def _locked(self, found: Inspection) -> str:
        if found.password_needed is PasswordNeed.WRONG:
            return self.tr("wrong password: nothing of the file was read")
        return self.tr("needs a password: nothing of the file was read")

    def _verdict(self, b: Any) -> str:
        if b.inspection.password_needed is not None:
            return self.tr("Refused: {0}").format(self._locked(b.inspection))
        if b.refusal:
            return self.tr("Refused: {0}").format(said_text(b.refusal))
        if b.already_imported:
            return self.tr("Already imported")
        if b.needs_confirmation:
            return (
                self.tr("Unverified: the device key is not registered here")
                if self.wiz.at_hq
                else self.tr("Unverified: HQ's key is not trusted on this laptop")
            )
        return self.tr("Verified")

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))
        if not isinstance(exc, MissionDeskError):
            self.wiz.ui.errors.show(exc)

    def isComplete(self) -> bool:
        plan = self.wiz.plan
        if plan is None or not any(not b.refusal for b in plan.bundles):
            return False
        return not plan.unverified or self.confirm_unverified.isChecked()


class PreviewPage(QWizardPage):
    """Per bundle and per kind of record: what is new, changed, unchanged, in conflict, held or rejected."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("Nothing has been written yet. Open a row to see the field changes."))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Bundle / record"), *[outcome_label(o) for o in OUTCOMES]])
        self.tree.itemExpanded.connect(self._opened)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #8a5a00; color: white; padding: 4px;")
        self.warning.hide()
        self._labels: list[Any] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(self.warning)

    def initializePage(self) -> None:
        self.tree.clear()
        plan = self.wiz.plan
        assert plan is not None
        edits: list[str] = []
        # What each bundle's readable sheets call the records it refers to (a company may arrive in
        # this very bundle, so HQ may not know its name yet).
        self._labels = [b.inspection.labels for b in plan.bundles if not b.refusal]
        for b in plan.bundles:
            if b.refusal:
                continue
            top = QTreeWidgetItem([b.inspection.path.name])
            for name, counts in sorted(b.counts().items()):
                label = entity_label(entity(name)) if is_entity(name) else name
                row = QTreeWidgetItem([label, *[str(counts.get(o, 0) or "") for o in OUTCOMES]])
                # A bundle may hold 100,000 records: their rows, and each record's field changes, are
                # made when their parent row is opened.
                self._later(row, [r for r in b.records if r.entity == name])
                top.addChild(row)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
            readable = b.inspection.readable
            if readable is not None:
                for d in readable.differences:
                    edits.append(
                        self.tr(
                            "{0}: sheet {1}, row {2}, {3}: “{4}” in the sheet, “{5}” in the changes"
                        ).format(
                            b.inspection.path.name,
                            d.sheet,
                            d.row,
                            d.column,
                            _show(d.in_sheet),
                            _show(d.in_ops),
                        )
                    )
                edits.extend(
                    self.tr("{0}: sheet {1} was edited").format(b.inspection.path.name, s)
                    for s in readable.edited_sheets
                )
        if edits:
            self.warning.setText(
                self.tr("Someone edited these cells in a spreadsheet. Such edits are NOT imported:")
                + "\n"
                + "\n".join(edits[:50])
            )
        self.warning.setVisible(bool(edits))
        self.tree.resizeColumnToContents(0)

    @staticmethod
    def _later(item: QTreeWidgetItem, content: object) -> None:
        item.setData(0, _LATER, content)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)

    def _opened(self, item: QTreeWidgetItem) -> None:
        content = item.data(0, _LATER)
        if content is None:
            return
        item.setData(0, _LATER, None)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)
        if isinstance(content, bundle_import.RecordPreview):
            spec = entity(content.entity) if is_entity(content.entity) else None
            for change in content.changes:
                f = spec.field(change.field) if spec and spec.has_field(change.field) else None
                name = field_label(spec, change.field) if spec and f else change.field
                text = f"{name}: {self._words(change.now, f)} → {self._words(change.new, f)}"
                if change.conflict:
                    text += "  " + self.tr("(conflict: HQ's value stays)")
                item.addChild(QTreeWidgetItem([text]))
        else:
            # Those that most need a look first; a bundle may hold 100,000 records, and a list of more
            # than a few hundred is read by nobody (and took seconds to build): the rest are counted.
            ordered = sorted(content, key=lambda r: bundle_import.WORST_FIRST.index(r.outcome))
            for record in ordered[:PREVIEW_RECORDS]:
                item.addChild(self._record_row(record))
            if len(ordered) > PREVIEW_RECORDS:
                more = QTreeWidgetItem(
                    [self.tr("… and {0} more").format(f"{len(ordered) - PREVIEW_RECORDS:,}")]
                )
                more.setToolTip(0, self.tr("The import report, saved after the import, lists every change."))
                item.addChild(more)
        self.tree.resizeColumnToContents(0)

    def _record_row(self, record: bundle_import.RecordPreview) -> QTreeWidgetItem:
        """A record by its title (its id when the bundle does not give one) and what would happen to it."""
        spec = entity(record.entity) if is_entity(record.entity) else None
        title_field = spec.field(spec.title_field) if spec and spec.has_field(spec.title_field) else None
        title = record.new_value(title_field.name) if title_field else None
        name = self._words(title, title_field) if title else record.record_id[:8]
        row = QTreeWidgetItem([f"{name}  ({outcome_label(record.outcome.value)})"])
        row.setToolTip(0, "\n".join(filter(None, (record.record_id, said_text(record.reason)))))
        if record.has_changes:
            self._later(row, record)
        return row

    def _words(self, value: Any, f: FieldSpec | None) -> str:
        """A wire value as people read it: a coded value by its name in the window's language (a status,
        a partner), another record by the name the bundle gives it (a company, a case's reference)."""
        if f is None or f.kind not in _CODED or value is None or value == "" or value == []:
            return _show(value, f)
        values = value if isinstance(value, list) else [value]
        return ", ".join(self._name(f, str(v)) for v in values)

    def _name(self, f: FieldSpec, value: str) -> str:
        target = str(f.target)
        if f.kind is Kind.ENUM:
            return value_label(value)
        if f.kind in (Kind.CODE, Kind.CODES):
            return self.wiz.ui.lookups.code_label(target, value, korean=korean())
        for labels in self._labels:
            found = labels.label(target, value)
            if found is not None:
                return found
        return self.wiz.ui.lookups.titles(target, [value]).get(value, value)

    def rows(self) -> dict[str, dict[str, str]]:
        """entity label -> outcome -> count, over every bundle (what the tree shows)."""
        out: dict[str, dict[str, str]] = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None
            for j in range(top.childCount()):
                row = top.child(j)
                assert row is not None
                out[row.text(0)] = {o: row.text(k + 1) for k, o in enumerate(OUTCOMES) if row.text(k + 1)}
        return out


class ApplyPage(QWizardPage):
    """Applies through the merge engine (a backup first), then offers the report and the acknowledgements."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.setTitle(self.tr("Import"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.save_report = QPushButton(self.tr("Save report…"), self)
        self.save_report.clicked.connect(self._save_report)
        self.save_acks = QPushButton(self.tr("Save acknowledgements for the missions…"), self)
        self.save_acks.clicked.connect(self._save_acks)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_report)
        buttons.addWidget(self.save_acks)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.done_ = False

    def initializePage(self) -> None:
        self.done_ = False
        self.save_report.setEnabled(False)
        self.save_acks.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        plan = self.wiz.plan
        assert plan is not None
        ctx = self.wiz.ui.app
        accept = self.wiz.checks_page.confirm_unverified.isChecked()
        self.task = self.wiz.ui.tasks.run(
            self.tr("Importing bundles"),
            lambda task: bundle_import.apply(ctx, plan, task, accept_unverified=accept),
            self._applied,
            self._failed,
        )

    def _applied(self, report: ImportReport) -> None:
        self.wiz.report = report
        lines = []
        for b in report.bundles:
            counts = ", ".join(f"{outcome_label(k)} {v}" for k, v in sorted(b.counts().items()))
            lines.append(
                f"{b.path.name}: {outcome_label(b.status)}"
                + (f" ({counts})" if counts else "")
                + (f" {said_text(b.message)}" if b.message else "")
            )
            if b.files.stored or b.files.had or b.files.waiting:
                lines.append(
                    "    "
                    + self.tr("attached files: {0} stored, {1} already here, {2} still to come").format(
                        b.files.stored, b.files.had, b.files.waiting
                    )
                )
        if report.backup is not None:
            lines.append(self.tr("A backup was taken first: {0}").format(report.backup))
        elif report.backup_note:
            lines.append(report.backup_note)
        self.summary.setText("\n".join(lines))
        self.save_report.setEnabled(True)
        self.save_acks.setEnabled(any(b.kind == "ops" and b.status != "refused" for b in report.bundles))
        self.done_ = True
        self.completeChanged.emit()
        self.wiz.ui.changes.announce_everything()  # every screen reads again (hidden ones when next shown)
        self.wiz.imported.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("Nothing was imported: {0}").format(exc))
        if not isinstance(exc, MissionDeskError):
            self.wiz.ui.errors.show(exc)

    def isComplete(self) -> bool:
        return self.done_

    def _save_report(self) -> None:
        assert self.wiz.report is not None
        target = prompts.save_file(
            self, self.tr("Save the import report"), Path.home() / "import-report.xlsx"
        )
        if target is not None:
            try:
                bundle_import.save_report(self.wiz.report, target)
            except MissionDeskError as exc:
                self.wiz.ui.errors.show(exc)

    def _save_acks(self) -> None:
        assert self.wiz.report is not None
        target = prompts.save_file(
            self, self.tr("Save acknowledgements (one file per device)"), Path.home() / "ack.xlsx"
        )
        if target is not None:
            try:
                self.wiz.acks = bundle_ack.write_acks(self.wiz.ui.app, self.wiz.report, target)
            except MissionDeskError as exc:
                self.wiz.ui.errors.show(exc)


class ImportWizard(QWizard):
    """``imported`` carries the ``ImportReport``; the screens hear of it on ``ui.changes``."""

    imported = Signal(object)

    def __init__(
        self,
        ui: UiContext,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
        *,
        table: Path | None = None,
    ) -> None:
        """``paths``: bundles dropped on the window; ``table``: a spreadsheet dropped there instead."""
        super().__init__(parent)
        self.ui = ui
        self.at_hq = ui.app.device.role is Role.HQ  # HQ imports missions' bundles, a laptop HQ's answers
        self.plan: ImportPlan | None = None
        self.passwords: list[str] = []  # typed for encrypted files; in memory for this wizard only
        self.report: ImportReport | None = None
        self.acks: list[Any] = []
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(900, 620)
        self.source_page = SourcePage(self.at_hq, self)
        self.files_page = FilesPage(self.at_hq, self)
        self.checks_page = ChecksPage(self)
        self.preview_page = PreviewPage(self)
        self.apply_page = ApplyPage(self)
        self.table = TableWizardPart(ui, self.at_hq)
        self.table_file_page = TableFilePage(self.table, self)
        self.mapping_page = MappingPage(self.table, self)
        self.table_preview_page = TablePreviewPage(self.table, self)
        self.table_result_page = TableResultPage(self.table, self)
        pages = (
            self.source_page,
            self.files_page,
            self.checks_page,
            self.preview_page,
            self.apply_page,
            self.table_file_page,
            self.mapping_page,
            self.table_preview_page,
            self.table_result_page,
        )
        for number, page in enumerate(pages):
            self.setPage(number, page)
        self._bundle_ids = [self.pageIds()[i] for i in range(1, 5)]
        self._table_ids = [self.pageIds()[i] for i in range(5, 9)]
        # Files dropped on the window: no need to ask what they are, so the wizard opens past that first
        # choice (showEvent), which stays one Back away, as if Next had been pressed on it.
        self._past_source = bool(paths) or table is not None
        self.files_page.add_paths(list(paths))
        if table is not None:  # a spreadsheet dropped on the window: its pages, the file filled in
            self.source_page.spreadsheet.setChecked(True)
            self.table_file_page.set_path(table)
        for commit in (self.preview_page, self.table_preview_page):
            commit.setCommitPage(True)
            commit.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.rejected.connect(self.ui.tasks.cancel_all)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._past_source and self.currentId() == self.pageIds()[0]:
            self._past_source = False
            self.next()  # the source page stays in the history: Back returns to it

    def nextId(self) -> int:  # noqa: N802 - Qt's name
        """The bundle pages or the spreadsheet pages, as the first page chose."""
        order = self._table_ids if self.source_page.spreadsheet.isChecked() else self._bundle_ids
        current = self.currentId()
        if current == self.pageIds()[0]:
            return order[0]
        at = order.index(current) if current in order else len(order)
        return order[at + 1] if at + 1 < len(order) else -1


_CODED = frozenset({Kind.ENUM, Kind.CODE, Kind.CODES, Kind.REF, Kind.REFS})
"""Kinds whose values are codes or ids: the preview names them."""

_LATER = Qt.ItemDataRole.UserRole + 1
"""What an unopened row of the preview will show: a record's changes, or the records of one kind."""


def _show(value: Any, f: FieldSpec | None = None) -> str:
    """A wire value for people: lists joined, and a stored name translated where ``f`` holds one
    (a status, a category), never free text that happens to spell one."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_show(v, f) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("import", "yes")
            if value
            else QCoreApplication.translate("import", "no")
        )
    if f is not None and f.kind in (Kind.ENUM, Kind.CODE, Kind.CODES):
        return value_label(value)
    return str(value)
