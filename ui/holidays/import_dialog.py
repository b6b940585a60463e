"""Import a holiday notice from a USB stick: check, show the diff, then write (RULES §1.7).

One bad row refuses the whole file (a year is one notice), so errors disable the import
button and the dialog says that nothing will change. Reading and writing run through the
TaskRunner; ``load(path)`` and ``commit()`` are the hooks tests drive instead of the file
dialog and the button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.calendar import ADJUSTED_WORKDAY, REST_DAY, STATUTORY_HOLIDAY, DayEntry
from app.errors import AppError
from app.services import Changes, Services
from app.services.holidays import HolidayImportPlan, HolidayImportResult, YearDiff
from ui import messages
from ui.common import palette
from ui.common.table_model import Column, DtoTableModel, make_view
from ui.tasks import TaskRunner

ADDED_COLOR = QColor(palette.OK)
CHANGED_COLOR = QColor(palette.WARNING)
REMOVED_COLOR = QColor(palette.ERROR)
ERROR_COLOR = QColor(palette.ERROR)
WARNING_COLOR = QColor(palette.WARNING)
ERROR_STYLE = palette.css(palette.ERROR, bold=True)
OK_STYLE = palette.css(palette.OK, bold=True)
WARN_STYLE = palette.css(palette.WARNING, bold=True)

KIND_TINT = {REST_DAY: QColor(palette.REST_DAY), STATUTORY_HOLIDAY: QColor(palette.HOLIDAY),
             ADJUSTED_WORKDAY: QColor(palette.ADJUSTED_WORKDAY)}
"""Paler versions of the year grid's fills, so the kind column reads like the grid."""
KIND_COLUMN = 4
ROW_HEIGHT = 22
PROBLEM_ROWS_SHOWN = 6
QWIDGETSIZE_MAX = (1 << 24) - 1

DiffRow = tuple[str, str, str, str, str, str]


def _kind(kind: str) -> str:
    return strings.HOLIDAY_KIND_LABELS.get(kind, kind)


def _arrow(old: str, new: str) -> str:
    return new if old == new else strings.HOLIDAY_DIFF_ARROW.format(old=old, new=new)


def diff_rows(diffs: tuple[YearDiff, ...]) -> list[tuple[str, str, DiffRow]]:
    """(change key, kind after, row) per changed date, in date order within each year."""
    out: list[tuple[str, str, DiffRow]] = []
    for diff in diffs:
        items: list[tuple[DayEntry, str, str, str]] = []
        items += [(e, "added", _kind(e.kind), e.name) for e in diff.added]
        items += [(after, "changed", _arrow(_kind(before.kind), _kind(after.kind)),
                   _arrow(before.name, after.name)) for before, after in diff.changed]
        items += [(e, "removed", _kind(e.kind), e.name) for e in diff.removed]
        for entry, change, kind, name in sorted(items, key=lambda item: item[0].date):
            label = {"added": strings.HOLIDAY_DIFF_ADDED, "changed": strings.HOLIDAY_DIFF_CHANGED,
                     "removed": strings.HOLIDAY_DIFF_REMOVED}[change]
            out.append((change, entry.kind, (str(diff.year), label, entry.date.isoformat(),
                                 strings.HOLIDAY_WEEKDAYS[entry.date.weekday()], kind, name)))
    return out


def year_line(diff: YearDiff) -> str:
    mode = strings.CLI_HOLIDAYS_MODE_REPLACE if diff.replace else strings.CLI_HOLIDAYS_MODE_MERGE
    status = strings.HOLIDAY_YEAR_STATUS_LABELS.get(diff.status_before, diff.status_before)
    if diff.unchanged:
        return strings.HOLIDAY_DIFF_YEAR_SAME.format(year=diff.year, mode=mode, status=status)
    return strings.HOLIDAY_DIFF_YEAR.format(year=diff.year, mode=mode, status=status,
                                            added=len(diff.added), changed=len(diff.changed),
                                            removed=len(diff.removed))


@dataclass(frozen=True)
class ProblemRow:
    level: str
    color: QColor
    problem: Any  # the plan's problem: file, line, reason, text

    @property
    def line(self) -> str:
        line = self.problem.line
        return str(line) if line is not None else strings.HOLIDAY_PROBLEM_WHOLE_FILE


@dataclass(frozen=True)
class DiffLine:
    change: str  # added / changed / removed
    kind: str
    values: tuple[str, ...]


_DIFF_COLORS = {"added": ADDED_COLOR, "changed": CHANGED_COLOR, "removed": REMOVED_COLOR}


def _struck(r: DiffLine) -> QFont | None:
    if r.change != "removed":
        return None
    font = QFont()
    font.setStrikeOut(True)
    return font


def _problem_column(i: int, title: str) -> Column[ProblemRow]:
    texts: tuple[Callable[[ProblemRow], str], ...] = (
        lambda r: r.level, lambda r: r.problem.file, lambda r: r.line,
        lambda r: r.problem.reason)
    return Column(title, texts[i], tooltip=lambda r: r.problem.text,
                  foreground=(lambda r: QBrush(r.color)) if i == 0 else None)


def _diff_column(i: int, title: str) -> Column[DiffLine]:
    return Column(
        title, lambda r: r.values[i],
        foreground=(lambda r: QBrush(_DIFF_COLORS[r.change])) if i == 1 else None,
        background=((lambda r: QBrush(KIND_TINT[r.kind]) if r.kind in KIND_TINT else None)
                    if i == KIND_COLUMN else None),
        font=_struck if i >= 2 else None)


PROBLEM_COLUMNS = tuple(_problem_column(i, t)
                        for i, t in enumerate(strings.HOLIDAY_PROBLEM_HEADERS))
DIFF_COLUMNS = tuple(_diff_column(i, t) for i, t in enumerate(strings.HOLIDAY_DIFF_HEADERS))


def _table(model: DtoTableModel[Any]) -> QTableView:
    view = make_view(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    return view


class HolidayImportDialog(QDialog):
    plan_ready = Signal(object)  # HolidayImportPlan, or None when the file could not be read
    imported = Signal(object)  # HolidayImportResult

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = TaskRunner(self)  # its own: the progress dialog is modal over this one
        self._busy = 0
        self.plan: HolidayImportPlan | None = None
        self.import_result: HolidayImportResult | None = None
        self.changes = Changes()
        self.setWindowTitle(strings.HOLIDAY_IMPORT_TITLE)
        self.resize(860, 620)
        self._build()
        self._show_nothing()

    def _build(self) -> None:
        intro = QLabel(strings.HOLIDAY_IMPORT_INTRO)
        intro.setWordWrap(True)
        self.pick_button = QPushButton(strings.HOLIDAY_IMPORT_PICK)
        self.pick_button.clicked.connect(self.pick_file)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.pick_button)
        row.addWidget(self.file_label, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.years_label = QLabel()
        self.years_label.setWordWrap(True)
        self.problem_model: DtoTableModel[ProblemRow] = DtoTableModel(PROBLEM_COLUMNS, self)
        self.problem_table = _table(self.problem_model)
        self.problem_box = QGroupBox(strings.HOLIDAY_PROBLEMS_TITLE)
        QVBoxLayout(self.problem_box).addWidget(self.problem_table)
        self.diff_model: DtoTableModel[DiffLine] = DtoTableModel(DIFF_COLUMNS, self)
        self.diff_table = _table(self.diff_model)
        self.diff_box = QGroupBox(strings.HOLIDAY_DIFF_TITLE)
        diff_layout = QVBoxLayout(self.diff_box)
        diff_layout.addWidget(self.years_label)
        diff_layout.addWidget(self.diff_table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            strings.HOLIDAY_IMPORT_BUTTON_NONE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.commit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem_box)
        layout.addWidget(self.diff_box, 2)
        layout.addWidget(self.buttons)

    # ---- reading -------------------------------------------------------------------------------
    def pick_file(self) -> None:
        settings = QSettings()
        folder = str(settings.value("dirs/holidays", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, strings.HOLIDAY_IMPORT_TITLE, folder,
                                              strings.HOLIDAY_IMPORT_FILTER)
        if path:
            settings.setValue("dirs/holidays", str(Path(path).parent))
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read and check ``path`` off the UI thread; ``plan_ready`` fires when shown."""
        self.plan = None
        self._show_nothing()
        self.file_label.setText(strings.HOLIDAY_IMPORT_FILE.format(path=path))
        holidays = self.services.holidays
        self._run(strings.HOLIDAY_IMPORT_READING.format(name=path.name),
                  lambda: holidays.plan_import(path), self.show_plan, self._load_failed)

    def _run(self, title: str, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        """A job on the TaskRunner; the dialog stays open until its result is shown."""
        self._busy += 1

        def done(result: Any) -> None:
            self._busy -= 1
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._busy -= 1
            on_error(exc)

        self.tasks.run(title, lambda _progress: fn(), done, failed, cancellable=False)

    def _load_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, AppError):
            from ui.errors import show_exception

            show_exception(exc, self)
            self.plan_ready.emit(None)
            return
        self.summary.setText(strings.HOLIDAY_IMPORT_FAILED.format(err=exc.message))
        self.summary.setStyleSheet(ERROR_STYLE)
        self.plan_ready.emit(None)

    def _show_nothing(self) -> None:
        self.summary.setText(strings.HOLIDAY_IMPORT_NO_FILE)
        self.summary.setStyleSheet("")
        self.problem_model.set_rows([])
        self.diff_model.set_rows([])
        self.problem_box.setVisible(False)
        self.diff_box.setVisible(False)
        self.import_button.setEnabled(False)
        self.import_button.setText(strings.HOLIDAY_IMPORT_BUTTON_NONE)

    def show_plan(self, plan: HolidayImportPlan) -> None:
        """Fill the dialog from a checked plan (also callable directly with a plan)."""
        self.plan = plan
        self.file_label.setText(strings.HOLIDAY_IMPORT_FILE.format(path=plan.path))
        confirmed = strings.LIST_SEP.join(str(y) for y in plan.replace_years)
        if plan.errors:
            self.summary.setText(strings.HOLIDAY_IMPORT_HAS_ERRORS.format(n=len(plan.errors)))
            self.summary.setStyleSheet(ERROR_STYLE)
        elif plan.warnings:
            self.summary.setText(strings.HOLIDAY_IMPORT_READY_WARN.format(
                n=len(plan.warnings), years=confirmed))
            self.summary.setStyleSheet(WARN_STYLE)
        else:
            self.summary.setText(strings.HOLIDAY_IMPORT_READY.format(years=confirmed))
            self.summary.setStyleSheet(OK_STYLE)
        self._fill_problems(plan)
        self._fill_diff(plan)
        self.import_button.setText(strings.HOLIDAY_IMPORT_BUTTON.format(n=len(plan.years))
                                   if plan.years else strings.HOLIDAY_IMPORT_BUTTON_NONE)
        self.import_button.setEnabled(plan.ok and bool(plan.years))
        if plan.ok:
            self.import_button.setDefault(True)
        self.plan_ready.emit(plan)

    def _fill_problems(self, plan: HolidayImportPlan) -> None:
        problems = ([ProblemRow(strings.HOLIDAY_PROBLEM_ERROR, ERROR_COLOR, p)
                     for p in plan.errors]
                    + [ProblemRow(strings.HOLIDAY_PROBLEM_WARNING, WARNING_COLOR, p)
                       for p in plan.warnings])
        self.problem_model.set_rows(problems)
        self.problem_box.setVisible(bool(problems))
        if plan.ok:  # a few reminders above a long diff: size the table to them
            rows = min(len(problems), PROBLEM_ROWS_SHOWN)
            header = self.problem_table.horizontalHeader().sizeHint().height()
            self.problem_table.setFixedHeight(header + rows * ROW_HEIGHT + 4)
        else:
            self.problem_table.setMinimumHeight(0)
            self.problem_table.setMaximumHeight(QWIDGETSIZE_MAX)

    def _fill_diff(self, plan: HolidayImportPlan) -> None:
        self.years_label.setText("\n".join(year_line(d) for d in plan.diffs))
        self.diff_model.set_rows([DiffLine(change, kind, tuple(values))
                                  for change, kind, values in diff_rows(plan.diffs)])
        self.diff_box.setVisible(bool(plan.diffs))

    # ---- writing -------------------------------------------------------------------------------
    def commit(self) -> None:
        """Write the shown plan in one transaction, then report and close."""
        plan = self.plan
        if plan is None or not plan.ok:
            return
        self.import_button.setEnabled(False)
        holidays = self.services.holidays
        self._run(strings.HOLIDAY_IMPORT_WRITING, lambda: holidays.commit_import(plan),
                  self._committed, self._commit_failed)

    def _committed(self, outcome: tuple[HolidayImportResult, Changes]) -> None:
        result, changes = outcome
        self.import_result = result
        self.changes = self.changes | changes
        plan = self.plan
        years = strings.LIST_SEP.join(str(y) for y in (plan.replace_years if plan else ()))
        messages.info(self, strings.HOLIDAY_IMPORT_DONE.format(
            added=result.added, changed=result.changed, removed=result.removed, years=years))
        self.imported.emit(result)
        self.accept()

    def _commit_failed(self, exc: BaseException) -> None:
        from ui.errors import show_exception

        self.import_button.setEnabled(self.plan is not None and self.plan.ok)
        show_exception(exc, self)

    def reject(self) -> None:
        # Closing mid-job would lose the result (a commit's Changes); the jobs are short.
        if not self._busy:
            super().reject()
