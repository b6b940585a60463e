"""Roster import preview: what will be imported and what is wrong, before anything changes.

Every column of the sheet is listed with the field it goes to; a drop-down changes that (or
marks the column not imported), the rows are checked again at once, and the choice is
remembered for the next import when the import is confirmed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.services.roster_io import ColumnMap, RosterImportPlan
from ui.common import palette

Replan = Callable[[dict[str, str]], RosterImportPlan]
_NEEDS_A_LOOK = ("unknown", "duplicate")


class ImportPreviewDialog(QDialog):
    def __init__(self, plan: RosterImportPlan, parent: QWidget | None = None,
                 replan: Replan | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._replan = replan
        self.setWindowTitle(strings.IMPORT_ROSTER_TITLE)
        self._fit_screen(1040, 560)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.sheet = QLabel()
        self.sheet.setStyleSheet(palette.css(palette.MUTED))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(palette.css(palette.ERROR))

        self.columns_table = QTableWidget(0, 3)
        self.columns_table.setHorizontalHeaderLabels(list(strings.IMPORT_COLUMNS_HEADERS))
        self.columns_table.verticalHeader().setVisible(False)
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        ch = self.columns_table.horizontalHeader()
        ch.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        ch.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ch.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: list[QComboBox] = []

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(list(strings.IMPORT_PROBLEM_HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok: QPushButton = self.buttons.addButton(
            strings.IMPORT_CONFIRM.format(n=0), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel(strings.IMPORT_COLUMNS_TITLE))
        left.addWidget(self.columns_table, 1)
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(self.table, 6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.sheet)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_plan(rebuild=True)

    def _fit_screen(self, width: int, height: int) -> None:
        """The preferred size, or less on a small screen (1366x768 with a taskbar fits)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    # ---- showing a plan ----------------------------------------------------------------------
    def _show_plan(self, rebuild: bool) -> None:
        plan = self.plan
        name, valid = plan.path.name, len(plan.valid)
        if plan.missing:
            text = strings.IMPORT_MISSING_FIELDS.format(fields=strings.LIST_SEP.join(
                strings.ROSTER_IMPORT_FIELD_LABELS[f] for f in plan.missing))
        elif valid:
            text = strings.IMPORT_PREVIEW_SUMMARY.format(name=name, read=plan.read, valid=valid,
                                                         rejected=plan.rejected)
        else:
            text = strings.IMPORT_PREVIEW_ALL_BAD.format(name=name, read=plan.read)
        self.summary.setText(text)
        self.summary.setStyleSheet(palette.css(palette.ERROR) if plan.missing else "")
        self.sheet.setText(" ".join([strings.IMPORT_SHEET.format(sheet=plan.sheet,
                                                                 row=plan.header_row),
                                     *plan.notes]))  # e.g. the roster was in a hidden sheet
        if rebuild or len(self.combos) != len(plan.columns):
            self._build_columns(plan.columns)
        else:
            for row, column in enumerate(plan.columns):
                self._fill_column(row, column)
        self.table.setRowCount(len(plan.problems))
        for i, p in enumerate(plan.problems):
            where = (strings.IMPORT_PROBLEM_CELL.format(column=p.column, cell=p.cell)
                     if p.cell else p.column)
            for j, v in enumerate((str(p.row), where, p.reason)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.setVisible(bool(plan.problems))
        self.ok.setText(strings.IMPORT_CONFIRM.format(n=valid))
        self.ok.setEnabled(bool(valid))

    def _build_columns(self, columns: list[ColumnMap]) -> None:
        self.columns_table.setRowCount(len(columns))
        self.combos = []
        for row, column in enumerate(columns):
            combo = QComboBox()
            combo.addItem(strings.IMPORT_COLUMN_IGNORE, "")
            for code, label in strings.ROSTER_IMPORT_FIELD_LABELS.items():
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(
                lambda _i, r=row: self._column_changed(r))
            self.columns_table.setCellWidget(row, 2, combo)
            self.combos.append(combo)
            self._fill_column(row, column)
        self.columns_table.resizeColumnsToContents()

    def _fill_column(self, row: int, column: ColumnMap) -> None:
        head = QTableWidgetItem(f"{column.letter}  {column.header}")
        if column.source in _NEEDS_A_LOOK or not column.field:
            head.setForeground(palette.color(palette.WARNING))
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
        head.setToolTip(column.note)
        self.columns_table.setItem(row, 0, head)
        sample = QTableWidgetItem(column.note or column.sample)
        sample.setToolTip(column.note or column.sample)
        if column.note:
            sample.setForeground(palette.color(palette.WARNING))
        self.columns_table.setItem(row, 1, sample)
        combo = self.combos[row]
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(column.field or "")))
        combo.blockSignals(False)

    # ---- changing a column -----------------------------------------------------------------
    def choices(self) -> dict[str, str]:
        """This import's choices: the plan's, with the drop-downs that differ from it."""
        chosen = dict(self.plan.choices)
        for column, combo in zip(self.plan.columns, self.combos, strict=True):
            value = str(combo.currentData() or "")
            if value != (column.field or ""):
                chosen[column.key] = value
        return chosen

    def _column_changed(self, _row: int) -> None:
        if self._replan is None:
            return
        try:
            self.plan = self._replan(self.choices())
        except AppError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self._show_plan(rebuild=False)
