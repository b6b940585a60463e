"""The handover dialog (SPEC C3, C6): who hands over, receives and witnesses, the period with
its working-day count, the on-site assessment and probation, and the checklist: each tick,
note and new line is written at once, like the equipment of the person dialog."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain import handover as rules
from app.services import Services
from app.services.handover import ChangeDTO, HandoverFields
from ui.common.dialog import FormDialog
from ui.tabs.handover.dialogs import GREEN, RED, optional_date

CHECK_COLUMNS = 5


class HandoverDialog(FormDialog):
    """The handover: people and period (saved with Save), the checklist (each tick, note and
    new line is written at once, like the equipment of the person dialog)."""

    def __init__(self, services: Services, change: ChangeDTO, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(services, strings.CH_DLG_HANDOVER.format(who=change.who), parent,
                         detached=True)
        self.change = change
        self.today = today or services.clock.today()
        self.setMinimumSize(820, 620)
        h = change.handover
        self.handed_by, self.received_by = QLineEdit(h.handed_by), QLineEdit(h.received_by)
        self.witnessed_by = QLineEdit(h.witnessed_by)
        self.start, self.end = optional_date(h.start), optional_date(h.end)
        self.days = QLabel()
        self.assessment = QLineEdit(h.assessment_result)
        self.assessment_on = optional_date(h.assessment_on)
        self.probation_end = optional_date(h.probation_end)
        self.probation_end.setEnabled(change.kind == rules.CLIENT_DEMANDED)
        self.table = QTableWidget(0, CHECK_COLUMNS)
        self.table.setHorizontalHeaderLabels(list(strings.CH_CHECK_HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.new_title, self.new_detail = QLineEdit(), QLineEdit()
        self.new_title.setPlaceholderText(strings.CH_NEW_ITEM_HINT)
        self.new_detail.setPlaceholderText(strings.CH_NEW_ITEM_DETAIL_HINT)
        self._layout()
        self.start.dateChanged.connect(self._update_days)
        self.end.dateChanged.connect(self._update_days)
        self._fill_items(change)
        self.table.itemChanged.connect(self._item_changed)
        self._update_days()

    def _layout(self) -> None:
        top = QFormLayout()
        people = QHBoxLayout()
        for label, w in ((strings.CH_F_HANDED_BY, self.handed_by),
                         (strings.CH_F_RECEIVED_BY, self.received_by),
                         (strings.CH_F_WITNESSED_BY, self.witnessed_by)):
            people.addWidget(QLabel(label))
            people.addWidget(w, 1)
        top.addRow(people)
        period = QHBoxLayout()
        for part in (self.start, QLabel(strings.LV_TO), self.end, self.days):
            period.addWidget(part)
        period.addStretch()
        top.addRow(strings.CH_F_PERIOD, period)
        assessed = QHBoxLayout()
        assessed.addWidget(self.assessment, 1)
        assessed.addWidget(QLabel(strings.CH_F_ASSESSED_ON))
        assessed.addWidget(self.assessment_on)
        top.addRow(strings.CH_F_ASSESSMENT, assessed)
        top.addRow(strings.CH_F_PROBATION_END, self.probation_end)
        add = QHBoxLayout()
        add.addWidget(self.new_title, 2)
        add.addWidget(self.new_detail, 1)
        add_btn = QPushButton(strings.CH_ADD_ITEM)
        add_btn.clicked.connect(self.add_item)
        add.addWidget(add_btn)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        save = buttons.addButton(strings.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(QLabel(strings.CH_CHECKLIST_TITLE))
        v.addWidget(self.table, 1)
        v.addLayout(add)
        v.addWidget(self.error)
        v.addWidget(buttons)

    def _fill_items(self, change: ChangeDTO) -> None:
        self.change = change
        self.table.blockSignals(True)
        self.table.setRowCount(len(change.items))
        for r, item in enumerate(change.items):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, item.id)
            cells = [check, QTableWidgetItem(item.title), QTableWidgetItem(item.detail),
                     QTableWidgetItem(item.done_on.isoformat() if item.done_on else ""),
                     QTableWidgetItem(item.note)]
            for c in (1, 3):
                cells[c].setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)

    def _update_days(self) -> None:
        start, end = self.start.value(), self.end.value() or \
            self.change.deadlines.handover_end_latest
        if start is None:
            self.days.setText("")
            return
        n = self.services.holidays.calendar().count_working_days(start, end)
        short = n < rules.HANDOVER_WORKING_DAYS
        self.days.setText(strings.CH_DAYS_SHORT.format(n=n) if short
                          else strings.CH_DAYS.format(n=n))
        self.days.setStyleSheet(RED if short else GREEN)

    def _write(self, fn: Any) -> None:
        """A checklist edit: saved at once; on an error the table shows what is stored."""
        if not self.attempt(fn, self._fill_items):
            self._fill_items(self.change)

    def _item_changed(self, cell: QTableWidgetItem) -> None:
        row = cell.row()
        item = self.change.items[row]
        if cell.column() == 0:
            done = cell.checkState() == Qt.CheckState.Checked
            self._write(lambda: self.services.handover.set_item(
                item.id, done, self.today if done and not item.done else None))
        elif cell.column() in (2, 4):
            detail, note = self._text(row, 2), self._text(row, 4)
            self._write(lambda: self.services.handover.set_item(
                item.id, item.done, item.done_on, note=note, detail=detail))

    def _text(self, row: int, column: int) -> str:
        cell = self.table.item(row, column)
        return cell.text() if cell is not None else ""

    def tick(self, row: int, done: bool = True) -> None:
        """Tick a line as a user would (what a click on the box does)."""
        cell = self.table.item(row, 0)
        if cell is not None:
            cell.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)

    def add_item(self) -> None:
        title, detail = self.new_title.text(), self.new_detail.text()
        self._write(lambda: self.services.handover.add_item(self.change.id, title, detail))
        if not self.error.text():
            self.new_title.clear()
            self.new_detail.clear()

    def fields(self) -> HandoverFields:
        return HandoverFields(
            self.handed_by.text(), self.received_by.text(), self.witnessed_by.text(),
            self.start.value(), self.end.value(), self.assessment.text(),
            self.assessment_on.value(), self.probation_end.value())

    def submit(self) -> object:
        return self.services.handover.save_handover(self.change.id, self.fields())
