"""Daily work reports: the whole team of one day in a grid, typed in one go and
saved in one transaction; month exports as Excel and PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDateEdit,
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
from app.dto.service_log import DailyReportDTO
from app.services import Changes, Services
from ui import messages
from ui.common import palette
from ui.common.dates import pydate, qdate
from ui.common.tab import call

TEXT_COLUMN = 3


class ReportGrid(QTableWidget):
    """Enter or Tab in a text cell goes straight to the next person's text (Shift+Tab back),
    so a whole team is typed without the mouse."""

    def closeEditor(self, editor: QWidget,  # noqa: N802 - Qt API
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        row = self.currentRow()
        step = {QAbstractItemDelegate.EndEditHint.EditNextItem: 1,
                QAbstractItemDelegate.EndEditHint.SubmitModelCache: 1,
                QAbstractItemDelegate.EndEditHint.EditPreviousItem: -1}.get(hint)
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint
                            if step else hint)
        target = row + (step or 0)
        if step and 0 <= target < self.rowCount():
            self.setCurrentCell(target, TEXT_COLUMN)  # opens the editor (AllEditTriggers)
            if self.state() != QAbstractItemView.State.EditingState:
                self.editItem(self.item(target, TEXT_COLUMN))


class ReportsPage(QWidget):
    changed = Signal(object)
    export_requested = Signal(int, int, bool)  # year, month, excel

    def __init__(self, services: Services, today: Callable[[], dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.today = services, today
        self.rows: list[DailyReportDTO] = []
        self.saved_texts: list[str] = []
        self.day = QDateEdit(qdate(today()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.shown_day = today()
        prev = QPushButton(strings.SV_REPORT_PREV)
        nxt = QPushButton(strings.SV_REPORT_NEXT)
        prev.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(-1)))
        nxt.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(1)))
        self.status = QLabel()
        self.save_button = QPushButton(strings.SV_REPORT_SAVE)
        self.save_button.clicked.connect(self.save)
        xlsx = QPushButton(strings.SV_REPORT_XLSX)
        pdf = QPushButton(strings.SV_REPORT_PDF)
        xlsx.clicked.connect(lambda: self._export(True))
        pdf.clicked.connect(lambda: self._export(False))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(strings.SV_REPORT_DAY))
        for w in (self.day, prev, nxt, self.status):
            bar.addWidget(w)
        bar.addStretch()
        for w in (self.save_button, xlsx, pdf):
            bar.addWidget(w)
        hint = QLabel(strings.SV_REPORT_HINT)
        hint.setStyleSheet(palette.css(palette.MUTED))
        self.table = ReportGrid(0, len(strings.SV_REPORT_HEADERS))
        self.table.setHorizontalHeaderLabels(list(strings.SV_REPORT_HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemChanged.connect(self._update_status)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_button.click)  # gated: WriteGate
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        self.day.dateChanged.connect(self._day_changed)
        self.load(self.shown_day)

    # ---- data ----------------------------------------------------------------------------
    def load(self, day: dt.date) -> None:
        self.shown_day = day
        self.rows = self.services.service_log.day_reports(day)
        self.saved_texts = [r.text for r in self.rows]
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, value in enumerate((r.employee_no, r.name, r.role)):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(i, j, item)
            self.table.setItem(i, TEXT_COLUMN, QTableWidgetItem(r.text))
        self.table.blockSignals(False)
        if self.rows:
            self.table.setCurrentCell(0, TEXT_COLUMN)
        self._update_status()

    def texts(self) -> list[str]:
        return [self.table.item(i, TEXT_COLUMN).text().strip()
                for i in range(self.table.rowCount())]

    def dirty(self) -> bool:
        return self.texts() != [t.strip() for t in self.saved_texts]

    def _update_status(self, *_args: object) -> None:
        done = sum(1 for t in self.texts() if t)
        weekday = strings.HOLIDAY_WEEKDAYS[self.shown_day.weekday()]
        if not self.services.holidays.calendar().is_workday(self.shown_day):
            weekday += strings.SV_REPORT_NOT_WORKDAY
        self.status.setText(strings.SV_REPORT_STATUS.format(
            day=self.shown_day.isoformat(), weekday=weekday, done=done, total=len(self.rows)))
        self.save_button.setEnabled(self.dirty())

    def _day_changed(self, q: QDate) -> None:
        if self.dirty() and messages.ask(self, strings.SV_REPORT_UNSAVED.format(
                day=self.shown_day.isoformat())):
            self.save()
        self.load(pydate(q))

    def save(self) -> Changes:
        """Save the shown day's grid; returns the changes (none when nothing changed)."""
        if not self.dirty():
            return Changes()
        texts = {r.person_id: t for r, t in zip(self.rows, self.texts(), strict=True)}
        written: list[Changes] = []
        if not call(self, lambda: self.services.service_log.set_reports(self.shown_day, texts),
                    written.append):
            return Changes()
        changes = written[0]
        self.load(self.shown_day)
        done = sum(1 for t in texts.values() if t.strip())
        self.status.setText(strings.SV_REPORT_SAVED.format(
            day=self.shown_day.isoformat(), done=done, total=len(texts)))
        self.changed.emit(changes)
        return changes

    def _export(self, excel: bool) -> None:
        day = self.shown_day
        self.export_requested.emit(day.year, day.month, excel)
