"""Overtime application (O1): the day kind and the pay rate come from the holiday calendar."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from app import strings
from app.services import Services
from ui.common.dates import date_edit, pydate, pydatetime
from ui.common.dialog import FormDialog
from ui.common.people import PersonCombo


class OvertimeDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, strings.OT_DIALOG_TITLE, parent)
        self.person = PersonCombo()
        self.person.set_people(services.roster.list_people())
        self.day = date_edit(services.clock.today())
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
        self.add_row(strings.LV_PERSON, self.person, "person_id")
        self.add_row(strings.OT_DAY, self.day, "day")
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(QLabel(strings.RULES_TO))
        row.addWidget(self.end)
        self.add_row(strings.OT_TIME, row, "time", target=self.start)
        self.add_row(strings.OT_KIND, self.kind, "kind")
        self.form.addRow(self.comp)
        self.add_row(strings.OT_REASON, self.reason, "reason")
        self.add_row(strings.OT_APPLIED_AT, self.applied, "applied_at")
        self.form.addRow(self.info)
        self.finish()
        self.day.dateChanged.connect(self._info)
        self._info()

    def _info(self) -> None:
        kind = self.services.holidays.calendar().kind_of(pydate(self.day.date()))
        from app.domain.leave import overtime_rate

        self.info.setText(f"{strings.HOLIDAY_KIND_LABELS[kind]} × {overtime_rate(kind):g}")
        self.comp.setEnabled(kind == "rest_day")

    def submit(self) -> object:
        rng = f"{self.start.time().toString('HH:mm')}-{self.end.time().toString('HH:mm')}"
        return self.services.leave.add_overtime(
            int(self.person.currentData()), pydate(self.day.date()), rng,
            str(self.kind.currentData()), pydatetime(self.applied.dateTime()),
            self.reason.text(), self.comp.isChecked() and self.comp.isEnabled())
