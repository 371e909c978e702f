"""The import wizard's spreadsheet pages: a legacy .xlsx, .xls or .csv table read in as ordinary records.

Thin pages over ``services.table_import`` (the CLI's ``missiondesk import-table`` runs the same code):
the file and what it holds, the columns' fields (guessed, saved or chosen here), a dry run whose
rows can be confirmed and corrected, then the import. Reading the table, the dry run and the import
run on the task runner (progress, cancel); the person's answers are kept in ``TableChoices`` and
become the ``ImportRequest`` each run is given, so the preview and the import see the same request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from missiondesk.domain.schema import Kind, entity
from missiondesk.errors import MissionDeskError
from missiondesk.services import table_import as ti
from missiondesk.tables.header import SkipReason
from missiondesk.tables.mapping import ColumnMapping, GuessedBy
from missiondesk.tables.read import SUFFIXES, sheet_names
from missiondesk.tables.targets import Target, targets
from missiondesk.tables.values import CellCode
from missiondesk.ui import prompts
from missiondesk.ui.labels import cell_problem_text, entity_label, error_text, field_label, korean
from missiondesk.ui.tasks import Task
from missiondesk.ui.ui_context import UiContext

PREVIEW_LINES = 2000
"""Lines the preview lists: every row that needs a look first, then the others up to this many."""


def table_paths(urls: Sequence[Any]) -> list[Path]:
    """The local spreadsheets (.xlsx, .xls, .csv) among dropped URLs."""
    return prompts.dropped_files(urls, SUFFIXES)


def kind_label(kind: ti.TableKind) -> str:
    names = {
        ti.TableKind.CASES: QCoreApplication.translate(
            "table_import", "Support cases (with activities and partner referrals)"
        ),
        ti.TableKind.BRIEFS: QCoreApplication.translate("table_import", "Market briefs (with deliveries)"),
        ti.TableKind.MEETINGS: QCoreApplication.translate(
            "table_import", "Council meetings (with attendance)"
        ),
        ti.TableKind.COMPANIES: QCoreApplication.translate("table_import", "Companies"),
    }
    return names[kind]


def target_label(t: Target) -> str:
    """A field a column can fill, as the window names it; a child record's field with its record's name."""
    if t.entity is not None and t.field is not None and not (t.label_ko or t.label_en):
        spec = entity(t.entity)
        return f"{entity_label(spec)}: {field_label(spec, t.field)}"
    return (t.label_ko if korean() else t.label_en) or t.label_en or t.key


def outcome_text(outcome: ti.Outcome) -> str:
    names = {
        ti.Outcome.NEW: QCoreApplication.translate("table_import", "new"),
        ti.Outcome.MATCHED: QCoreApplication.translate("table_import", "matches an existing record"),
        ti.Outcome.CONFIRM: QCoreApplication.translate("table_import", "to confirm"),
        ti.Outcome.IMPORTED_BEFORE: QCoreApplication.translate("table_import", "imported before"),
        ti.Outcome.REFUSED: QCoreApplication.translate("table_import", "refused"),
    }
    return names[outcome]


def counts_text(report: ti.TableReport) -> str:
    """The report's counts: rows by outcome, then the rows skipped and why."""
    blank = sum(1 for s in report.skipped if s.reason is SkipReason.BLANK)
    totals = sum(1 for s in report.skipped if s.reason is SkipReason.TOTAL)
    other = len(report.skipped) - blank - totals
    outcomes = QCoreApplication.translate("table_import", "New: {0}   Matched: {1}   Imported before: {2}")
    waiting = QCoreApplication.translate("table_import", "To confirm: {0}   Refused: {1}")
    skipped = QCoreApplication.translate(
        "table_import", "Skipped: {0} (blank rows {1}, totals {2}, notes and repeated headers {3})"
    )
    return "\n".join(
        [
            outcomes.format(
                report.count(ti.Outcome.NEW),
                report.count(ti.Outcome.MATCHED),
                report.count(ti.Outcome.IMPORTED_BEFORE),
            ),
            waiting.format(report.count(ti.Outcome.CONFIRM), report.count(ti.Outcome.REFUSED)),
            skipped.format(len(report.skipped), blank, totals, other),
        ]
    )


@dataclass
class TableChoices:
    """What the person chose so far; ``request()`` is what every run of the service is given."""

    path: Path | None = None
    kind: ti.TableKind = ti.TableKind.CASES
    sheet: str | None = None
    mission: str | None = None
    mapping_name: str | None = None
    columns: dict[str, str | None] = field(default_factory=dict)  # header title -> field (None: left out)
    date_orders: dict[str, ti.DateOrder] = field(default_factory=dict)
    accepted: set[ti.Suggestion] = field(default_factory=set)
    cells: dict[tuple[int, str], str] = field(default_factory=dict)

    def request(self) -> ti.ImportRequest:
        assert self.path is not None
        return ti.ImportRequest(
            self.path,
            self.kind,
            sheet=self.sheet,
            mapping_name=self.mapping_name,
            columns=dict(self.columns) or None,
            mission=self.mission,
            accepted=frozenset(self.accepted),
            date_orders=dict(self.date_orders),
            cells=dict(self.cells),
        )


class TableWizardPart:
    """What the spreadsheet pages share: the window's context, the choices, the latest results."""

    def __init__(self, ui: UiContext, at_hq: bool) -> None:
        self.ui = ui
        self.at_hq = at_hq
        self.choices = TableChoices()
        self.layout: ti.TableLayout | None = None
        self.report: ti.TableReport | None = None  # the latest preview
        self.result: ti.TableReport | None = None  # the import

    def run(
        self, title: str, fn: Callable[[Any], Any], done: Callable[[Any], None], failed: Callable[[Any], None]
    ) -> Task:
        return self.ui.tasks.run(title, fn, done, failed)

    def failed(self, label: QLabel, exc: BaseException) -> None:
        label.setText(error_text(exc))
        if not isinstance(exc, MissionDeskError):
            self.ui.errors.show(exc)


class TableFilePage(QWizardPage):
    """The file (browse or drop), what it holds, its sheet, and at HQ the mission its rows belong to."""

    def __init__(self, part: TableWizardPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setTitle(self.tr("Spreadsheet to import"))
        # The subtitle stays one line (a long one is cut off in Korean); the rest is said below the form.
        self.setSubTitle(self.tr("Choose an Excel or CSV file, or drop it here."))
        note = QLabel(
            self.tr(
                "A mission's own history of cases, briefs, meetings or companies, as it was kept in Excel. "
                "Nothing is written before the preview."
            ),
            self,
        )
        note.setWordWrap(True)
        self.setAcceptDrops(True)
        self.path = QLineEdit(self)
        self.path.setObjectName("table_path")
        self._read_path = ""  # the path whose sheets are listed
        self.path.editingFinished.connect(self._path_edited)
        browse = QPushButton(self.tr("Choose file…"), self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.kind = QComboBox(self)
        for kind in (ti.TableKind.CASES, ti.TableKind.BRIEFS, ti.TableKind.MEETINGS, ti.TableKind.COMPANIES):
            self.kind.addItem(kind_label(kind), kind)
        self.sheet = QComboBox(self)
        self.mission = QComboBox(self)
        self.mission.addItem(self.tr("From the sheet's mission column"), None)
        for choice in part.ui.lookups.codes("mission"):
            self.mission.addItem(f"{choice.label(korean())} ({choice.value})", choice.value)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("It holds:"), self.kind)
        form.addRow(self.tr("Sheet:"), self.sheet)
        if part.at_hq:
            form.addRow(self.tr("Mission:"), self.mission)
        else:
            self.mission.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(note)
        layout.addStretch(1)
        self.setTabOrder(self.path, browse)
        self.setTabOrder(browse, self.kind)
        self.setTabOrder(self.kind, self.sheet)
        self.setTabOrder(self.sheet, self.mission)

    def set_path(self, path: Path) -> None:
        self.path.setText(str(path))
        self._path_edited()

    def _browse(self) -> None:
        found = prompts.open_files(
            self, self.tr("Choose a spreadsheet"), self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
        )
        if found:
            self.set_path(found[0])

    def _path_edited(self) -> None:
        text = self.path.text().strip()
        if text == self._read_path:
            return  # focus left the field (editingFinished): the sheet chosen stays chosen
        self._read_path = text
        self.sheet.clear()
        self.status.clear()
        path = Path(text) if text else None
        if path is not None and path.is_file():
            try:
                names = sheet_names(path)  # a workbook's directory only: quick, after the file's checks
            except MissionDeskError as exc:
                self.status.setText(error_text(exc))
            else:
                self.sheet.addItems(names)
                self.sheet.setEnabled(len(names) > 1)
        elif path is not None:
            self.status.setText(self.tr("There is no file {0}.").format(text))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.sheet.count() > 0

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        choices = self.part.choices
        path = Path(self.path.text().strip())
        kind = ti.TableKind(self.kind.currentData())  # Qt hands an enum's value back as a str
        if (path, kind, self.sheet.currentText()) != (choices.path, choices.kind, choices.sheet):
            # Another table: the mapping, answers and corrections of the last one do not apply.
            self.part.choices = TableChoices(path, kind, self.sheet.currentText())
        self.part.choices.mission = self.mission.currentData() if self.part.at_hq else None
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if table_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        found = table_paths(event.mimeData().urls())
        if found:
            self.set_path(found[0])
            event.acceptProposedAction()


_FIELD_COLUMNS = 4  # source column, field, confidence, sample


class MappingPage(QWizardPage):
    """Each source column, the field it fills (guessed, saved, or chosen here) and a sample of its values."""

    def __init__(self, part: TableWizardPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Check the field each column fills. Guesses below 100% are worth a look."))
        self.saved = QComboBox(self)
        self.saved.activated.connect(self._saved_chosen)
        self.mapping_name = QLineEdit(self)
        self.mapping_name.setPlaceholderText(self.tr("Name for this mapping"))
        self.save = QPushButton(self.tr("Save mapping as…"), self)
        self.save.clicked.connect(self._save)
        saved_row = QHBoxLayout()
        saved_row.addWidget(QLabel(self.tr("Mapping:"), self))
        saved_row.addWidget(self.saved, 1)
        saved_row.addWidget(self.mapping_name, 1)
        saved_row.addWidget(self.save)
        self.table = QTableWidget(0, _FIELD_COLUMNS, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Field"), self.tr("Confidence"), self.tr("Sample values")]
        )
        self.table.verticalHeader().hide()
        # Tab goes from field list to field list (and on to the buttons), not through every cell.
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.dates = QGroupBox(self.tr("Dates that read both ways (5/3/2024: 5 March or May 3?)"), self)
        self.dates_form = QFormLayout(self.dates)
        self.date_boxes: dict[str, QComboBox] = {}
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.hint = QLabel(self)  # what keeps Next disabled, said
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addLayout(saved_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.dates)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
        self.completeChanged.connect(self._say_missing)
        self.combos: list[QComboBox] = []
        self.task: Task | None = None

    def initializePage(self) -> None:
        self._read()

    def _read(self) -> None:
        self.part.layout = None
        self.table.setRowCount(0)
        self.combos = []
        self.status.setText(self.tr("Reading the table…"))
        ctx, request = self.part.ui.app, self.part.choices.request()
        self.task = self.part.run(
            self.tr("Reading the table"),
            lambda task: ti.layout(ctx, request, task),
            self._shown,
            lambda exc: self.part.failed(self.status, exc),
        )
        self.completeChanged.emit()

    def _shown(self, found: ti.TableLayout) -> None:
        self.part.layout = found
        choices = self.part.choices
        self.saved.clear()
        self.saved.addItem(self.tr("Guessed from the headers and values"), None)
        for saved in ti.mappings(self.part.ui.app, choices.kind):
            same = saved.shape == found.shape
            self.saved.addItem(
                self.tr("{0} (these columns)").format(saved.name) if same else saved.name, saved.name
            )
        self.saved.setCurrentIndex(max(0, self.saved.findData(found.mapping_name)))
        all_targets = targets(choices.kind)
        self.table.setRowCount(len(found.columns))
        for row, m in enumerate(found.columns):
            title = QTableWidgetItem(f"{m.column.letter}: {m.column.title}")
            self.table.setItem(row, 0, title)
            combo = QComboBox(self.table)
            combo.addItem(self.tr("(do not import)"), None)
            for t in all_targets:
                combo.addItem(target_label(t), t.key)
            combo.setCurrentIndex(max(0, combo.findData(m.target)))
            combo.currentIndexChanged.connect(lambda _i, r=row: self._field_chosen(r))
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
            self.table.setItem(row, 2, QTableWidgetItem(self._confidence(m)))
            self.table.setItem(row, 3, QTableWidgetItem(" · ".join(found.samples.get(m.column.index, []))))
        self.table.resizeRowsToContents()
        shown = self.tr("{0} rows under the header (row {1}); {2} rows skipped.").format(
            found.rows, "–".join(str(n) for n in found.header_rows), len(found.skipped)
        )
        self.status.setText(shown)
        self._ask_dates()
        self.completeChanged.emit()

    def _confidence(self, m: Any) -> str:
        if m.target is None:
            return ""
        by = {
            GuessedBy.HEADER: self.tr("header"),
            GuessedBy.VALUES: self.tr("values"),
            GuessedBy.SAVED: self.tr("saved mapping"),
            GuessedBy.PERSON: self.tr("chosen"),
        }[m.by]
        return f"{round(m.confidence * 100)}% ({by})"

    def field_of(self, row: int) -> str | None:
        data = self.combos[row].currentData()
        return str(data) if data is not None else None

    def _field_chosen(self, row: int) -> None:
        found = self.part.layout
        assert found is not None
        key = self.field_of(row)
        self.part.choices.columns[found.columns[row].column.title] = key
        # A field fills one column: the column that had it lets it go (as the service does).
        for other, combo in enumerate(self.combos):
            if other != row and key is not None and self.field_of(other) == key:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
                self.part.choices.columns[found.columns[other].column.title] = None
                self.table.setItem(other, 2, QTableWidgetItem(""))
        self.table.setItem(row, 2, QTableWidgetItem("100% (" + self.tr("chosen") + ")" if key else ""))
        self._ask_dates()
        self.completeChanged.emit()

    def _saved_chosen(self) -> None:
        self.part.choices.mapping_name = self.saved.currentData()
        self.part.choices.columns = {}
        self._read()

    def _save(self) -> None:
        found = self.part.layout
        name = self.mapping_name.text().strip()
        if found is None or not name:
            self.status.setText(self.tr("Give the mapping a name."))
            return
        columns = [
            ColumnMapping(m.column, self.field_of(row), 1.0, GuessedBy.PERSON)
            for row, m in enumerate(found.columns)
        ]
        try:
            ti.save_mapping(self.part.ui.app, name, replace(found, columns=columns))
        except MissionDeskError as exc:  # a read-only or full disk: said, the mapping stays as it is
            self.part.failed(self.status, exc)
            return
        self.part.choices.mapping_name = name
        self.status.setText(
            self.tr("Saved as “{0}”: offered again for a file with these columns.").format(name)
        )
        self.saved.addItem(self.tr("{0} (these columns)").format(name), name)
        self.saved.setCurrentIndex(self.saved.count() - 1)

    def _ask_dates(self) -> None:
        """A day-month question for each mapped date column whose values read both ways."""
        found = self.part.layout
        assert found is not None
        while self.dates_form.rowCount():
            self.dates_form.removeRow(0)
        self.date_boxes = {}
        kinds = {t.key: t.kind for t in targets(self.part.choices.kind)}
        for row, m in enumerate(found.columns):
            key = self.field_of(row)
            if key is None or kinds[key] is not Kind.DATE or m.column.index not in found.ambiguous_dates:
                continue
            box = QComboBox(self.dates)
            box.addItem(self.tr("Choose…"), None)
            box.addItem(self.tr("Day-month (5/3/2024 is 5 March)"), ti.DateOrder.DMY)
            box.addItem(self.tr("Month-day (5/3/2024 is May 3)"), ti.DateOrder.MDY)
            box.setCurrentIndex(max(0, box.findData(self.part.choices.date_orders.get(key))))
            box.currentIndexChanged.connect(lambda _i, k=key: self._date_chosen(k))
            self.dates_form.addRow(f"{m.column.letter}: {m.column.title}", box)
            self.date_boxes[key] = box
        self.dates.setVisible(bool(self.date_boxes))

    def _date_chosen(self, key: str) -> None:
        order = self.date_boxes[key].currentData()
        if order is None:
            self.part.choices.date_orders.pop(key, None)
        else:
            self.part.choices.date_orders[key] = ti.DateOrder(order)
        self.completeChanged.emit()

    def _say_missing(self) -> None:
        self.hint.setText((self.missing() or "") if self.part.layout is not None else "")

    def missing(self) -> str | None:
        """What must still be chosen before the preview, said; None when nothing is missing."""
        if self.part.layout is None:
            return self.tr("The table is being read.")
        keys = {self.field_of(r) for r in range(len(self.combos))}
        required = ti.required_fields(self.part.choices.kind)
        if not keys & set(required):
            names = {t.key: target_label(t) for t in targets(self.part.choices.kind)}
            return self.tr("Choose the column that holds: {0}.").format(
                self.tr(" or ").join(names[k] for k in required)
            )
        if any(box.currentData() is None for box in self.date_boxes.values()):
            return self.tr("Say how the dates above read.")
        return None

    def isComplete(self) -> bool:
        return self.missing() is None


_ROW, _STATUS, _CONFIRM, _RECORD, _CELL, _VALUE, _REASON = range(7)
_PROBLEM = Qt.ItemDataRole.UserRole + 1
"""A preview line's cell problem (its row number and column letter, or the suggestion to confirm)."""


class TablePreviewPage(QWizardPage):
    """A dry run: the counts, and each row with its outcome and each cell's reason. A suggested match is
    confirmed by ticking it; a refused cell is corrected in place; "Preview again" runs the dry run with
    both."""

    def __init__(self, part: TableWizardPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr(
                "Nothing has been written yet. Tick the suggested matches you agree with; correct a refused "
                "cell in the Value column; then preview again."
            )
        )
        self.counts = QLabel(self)
        self.counts.setObjectName("table_counts")
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.again = QPushButton(self.tr("Preview again"), self)
        self.again.clicked.connect(self.run)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.again, 0, Qt.AlignmentFlag.AlignTop)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Status"),
                self.tr("Confirm"),
                self.tr("Record"),
                self.tr("Cell"),
                self.tr("Value"),
                self.tr("Reason"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        header = self.table.horizontalHeader()
        for col in (_ROW, _STATUS, _CONFIRM, _RECORD, _CELL, _VALUE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._changed)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.task: Task | None = None

    def initializePage(self) -> None:
        self.run()

    def run(self) -> None:
        self.part.report = None
        self.again.setEnabled(False)
        self.status.setText(self.tr("Running the preview…"))
        ctx, request = self.part.ui.app, self.part.choices.request()
        self.task = self.part.run(
            self.tr("Previewing the import"),
            lambda task: ti.preview(ctx, request, task),
            self._shown,
            self._failed,
        )
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.again.setEnabled(True)
        self.part.failed(self.status, exc)

    def _shown(self, report: ti.TableReport) -> None:
        self.part.report = report
        self.again.setEnabled(True)
        self.counts.setText(counts_text(report))
        self.status.setText(
            self.tr("Rows to confirm or refused are listed first; they are not imported as they are.")
            if report.not_imported
            else self.tr("Every row can be imported.")
        )
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        ordered = sorted(report.rows, key=lambda r: (not r.problems, r.number))
        lines: list[tuple[ti.RowResult, Any]] = []
        for row in ordered:
            lines.extend((row, p) for p in row.problems) if row.problems else lines.append((row, None))
            if len(lines) >= PREVIEW_LINES:
                break
        self.table.setRowCount(len(lines))
        for i, (row, problem) in enumerate(lines):
            self._line(i, row, problem)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.completeChanged.emit()

    def _line(self, i: int, row: ti.RowResult, problem: Any) -> None:
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        items = {col: QTableWidgetItem() for col in range(7)}
        for item in items.values():
            item.setFlags(fixed)
        items[_ROW].setData(Qt.ItemDataRole.DisplayRole, row.number)
        items[_STATUS].setText(outcome_text(row.outcome))
        items[_RECORD].setText(row.label)
        if problem is not None:
            reason = cell_problem_text(problem)
            items[_CELL].setText(problem.column)
            items[_REASON].setText(reason)
            items[_REASON].setToolTip(reason)
            value = items[_VALUE]
            key = (row.number, problem.column)
            value.setText(self.part.choices.cells.get(key, str(problem.params.get("value", ""))))
            value.setData(_PROBLEM, key)
            suggestion = ti.suggestion_for(problem)
            if suggestion is not None:
                confirm = items[_CONFIRM]
                confirm.setFlags(fixed | Qt.ItemFlag.ItemIsUserCheckable)
                accepted = suggestion in self.part.choices.accepted
                confirm.setCheckState(Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)
                confirm.setText(str(problem.params.get("known_as") or problem.params.get("suggestion", "")))
                confirm.setData(_PROBLEM, suggestion)
            elif problem.column and problem.code is not CellCode.REFUSED:
                value.setFlags(fixed | Qt.ItemFlag.ItemIsEditable)  # the person corrects the cell here
                value.setToolTip(self.tr("Type the right value, then preview again."))
        for col, item in items.items():
            self.table.setItem(i, col, item)

    def _changed(self, item: QTableWidgetItem) -> None:
        data = item.data(_PROBLEM)
        choices = self.part.choices
        if item.column() == _CONFIRM and isinstance(data, ti.Suggestion):
            if item.checkState() == Qt.CheckState.Checked:
                choices.accepted.add(data)
            else:
                choices.accepted.discard(data)
        elif item.column() == _VALUE and isinstance(data, tuple):
            choices.cells[data] = item.text()
        self.status.setText(self.tr("Preview again to see the rows with your changes."))

    def line_of(self, number: int, column: str = "") -> int:
        """The table line of a row (and of one of its cells): for tests and the keyboard."""
        for i in range(self.table.rowCount()):
            row, cell = self.table.item(i, _ROW), self.table.item(i, _CELL)
            at_row = row is not None and row.data(Qt.ItemDataRole.DisplayRole) == number
            if at_row and (not column or (cell is not None and cell.text() == column)):
                return i
        raise LookupError(f"row {number} {column} is not listed")

    def isComplete(self) -> bool:
        return self.part.report is not None and (self.task is None or self.task.done)


class TableResultPage(QWizardPage):
    """The import (a backup first), its counts, and the rows not imported to save with their reasons."""

    def __init__(self, part: TableWizardPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setTitle(self.tr("Import"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_errors = QPushButton(self.tr("Save rows not imported…"), self)
        self.save_errors.clicked.connect(self._save_errors)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_errors)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.task: Task | None = None
        self.errors_file: Path | None = None

    def initializePage(self) -> None:
        self.part.result = None
        self.save_errors.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        ctx, request = self.part.ui.app, self.part.choices.request()
        self.task = self.part.run(
            self.tr("Importing the spreadsheet"),
            lambda task: ti.import_table(ctx, request, task),
            self._imported,
            lambda exc: self.part.failed(self.summary, exc),
        )

    def _imported(self, report: ti.TableReport) -> None:
        self.part.result = report
        lines = [counts_text(report)]
        if report.backup is not None:
            lines.append(self.tr("A backup was taken first: {0}").format(report.backup))
        if report.not_imported:
            lines.append(
                self.tr(
                    "{0} rows were not imported: save them with their reasons, fix them and import again."
                ).format(len(report.not_imported))
            )
        self.summary.setText("\n".join(lines))
        self.save_errors.setEnabled(bool(report.not_imported))
        self.completeChanged.emit()
        self.part.ui.changes.announce_everything()  # lists, counts and the sync hear of the new records

    def _save_errors(self) -> None:
        report = self.part.result
        assert report is not None
        suggested = report.file.with_name(report.file.stem + "-not-imported.xlsx")
        target = prompts.save_file(self, self.tr("Save the rows not imported"), suggested)
        if target is None:
            return
        try:
            ti.write_errors(report, target, "ko" if korean() else "en")
        except (MissionDeskError, OSError) as exc:
            self.part.failed(self.summary, exc)
            return
        self.errors_file = target
        self.summary.setText(self.summary.text() + "\n" + self.tr("Saved: {0}").format(target))

    def isComplete(self) -> bool:
        return self.part.result is not None
