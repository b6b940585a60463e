"""Overtime application (O1): the day kind and the pay rate come from the holiday calendar."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.services import Changes, Services
from ui.tabs.leave.dialog import pydate, pydatetime, qdate


class OvertimeDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.changes = Changes()
        self.setWindowTitle(strings.OT_DIALOG_TITLE)
        self.person = QComboBox()
        for p in services.roster.list_people():
            if p.status != "left":
                self.person.addItem(strings.person_label(p.name, p.employee_no), p.id)
        today = services.clock.today()
        self.day = QDateEdit(qdate(today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.start, self.end = QTimeEdit(QTime(18, 0)), QTimeEdit(QTime(20, 0))
        for t in (self.start, self.end):
            t.setDisplayFormat("HH:mm")
        self.kind = QComboBox()
        for code, label in strings.OVERTIME_KIND_LABELS.items():
            self.kind.addItem(label, code)
        self.comp = QCheckBox(strings.OT_COMP)
        self.reason = QLineEdit()
        self.applied = QDateTimeEdit(QDateTime.fromString(
            services.clock.now().strftime("%Y-%m-%d %H:%M:%S"), "yyyy-MM-dd HH:mm:ss"))
        self.applied.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.info = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color:#c0392b;")
        form = QFormLayout(self)
        form.addRow(strings.LV_PERSON, self.person)
        form.addRow(strings.OT_DAY, self.day)
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(QLabel(strings.RULES_TO))
        row.addWidget(self.end)
        form.addRow(strings.OT_TIME, row)
        form.addRow(strings.OT_KIND, self.kind)
        form.addRow(self.comp)
        form.addRow(strings.LV_REASON, self.reason)
        form.addRow(strings.OT_APPLIED_AT, self.applied)
        form.addRow(self.info)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.day.dateChanged.connect(self._info)
        self._info()

    def _info(self) -> None:
        kind = self.services.holidays.calendar().kind_of(pydate(self.day.date()))
        from app.domain.leave import overtime_rate

        self.info.setText(f"{strings.HOLIDAY_KIND_LABELS[kind]} × {overtime_rate(kind):g}")
        self.comp.setEnabled(kind == "rest_day")

    def save(self) -> None:
        rng = f"{self.start.time().toString('HH:mm')}-{self.end.time().toString('HH:mm')}"
        try:
            _, self.changes = self.services.leave.add_overtime(
                int(self.person.currentData()), pydate(self.day.date()), rng,
                str(self.kind.currentData()), pydatetime(self.applied.dateTime()),
                self.reason.text(), self.comp.isChecked() and self.comp.isEnabled())
        except AppError as exc:
            self.error.setText(exc.message)
            return
        self.accept()
