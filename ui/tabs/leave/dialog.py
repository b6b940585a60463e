"""The leave request form: every field of the printed request, with the checks shown live."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app import strings
from app.domain.leave import TYPES, Span
from app.errors import AppError
from app.services import Changes, Services
from app.services.leave import LeaveDTO
from ui.common import palette
from ui.common.dates import date_edit, pydate, pydatetime
from ui.common.dialog import FormDialog
from ui.common.people import PersonCombo
from ui.common.tab import attempt_quietly


def _session_combo() -> QComboBox:
    box = QComboBox()
    box.addItem(strings.SESSION_LABELS["am"], "am")
    box.addItem(strings.SESSION_LABELS["pm"], "pm")
    return box


def default_start(services: Services, today: dt.date, emergency: bool) -> dt.date:
    """An emergency leave starts today; a planned one on the next working day (holiday
    calendar: after a weekend or a public holiday, the first day back)."""
    if emergency:
        return today
    return services.holidays.calendar().add_working_days(today, 1)


class LeaveDialog(FormDialog):
    def __init__(self, services: Services, emergency: bool = False,
                 parent: QWidget | None = None, now: dt.datetime | None = None) -> None:
        super().__init__(services, strings.LV_DIALOG_EMERGENCY_TITLE if emergency
                         else strings.LV_DIALOG_TITLE, parent, min_width=560)
        self.created: LeaveDTO | None = None
        self.attachment: Path | None = None
        now = (now or services.clock.now()).replace(second=0)
        people = services.roster.list_people()
        self.person = PersonCombo()
        self.deputy = PersonCombo(strings.LV_NONE)
        for box in (self.person, self.deputy):
            box.set_people(people)
        self.type = QComboBox()
        for code in TYPES:
            self.type.addItem(strings.LEAVE_TYPE_LABELS[code], code)
        start_day = default_start(services, now.date(), emergency)
        self.start, self.end = date_edit(start_day), date_edit(start_day)
        self.start_session, self.end_session = _session_combo(), _session_combo()
        self.end_session.setCurrentIndex(1)
        self.reason = QLineEdit()
        self.contact = QLineEdit()
        self.handover = QLineEdit()
        self.filed_at = QDateTimeEdit(QDateTime.fromString(now.strftime("%Y-%m-%d %H:%M"),
                                                           "yyyy-MM-dd HH:mm"))
        self.filed_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        # a request cannot have been filed later than now (the service refuses it too)
        self.filed_at.setMaximumDateTime(QDateTime.fromString(now.strftime("%Y-%m-%d %H:%M"),
                                                              "yyyy-MM-dd HH:mm"))
        self.emergency = QCheckBox(strings.LV_IS_EMERGENCY)
        self.emergency.setChecked(emergency)
        self.contacted = QLineEdit()
        self.attach_label = QLabel(strings.LV_NONE)
        attach_btn = QPushButton(strings.LV_ATTACH_PICK)
        attach_btn.clicked.connect(self._pick_attachment)
        self.override = QLineEdit()
        self.override.setPlaceholderText(strings.LV_OVERRIDE_HINT)
        self.checks = QLabel()
        self.checks.setWordWrap(True)

        self.add_row(strings.LV_PERSON, self.person, "person_id")
        self.add_row(strings.LV_TYPE, self.type, "leave_type")
        for label, date, session, field in (
                (strings.LV_FROM, self.start, self.start_session, "start"),
                (strings.LV_TO, self.end, self.end_session, "end")):
            row = QHBoxLayout()
            row.addWidget(date)
            row.addWidget(session)
            row.addStretch()
            self.add_row(label, row, field, target=date)
        self.add_row(strings.LV_REASON, self.reason, "reason")
        self.add_row(strings.LV_DEPUTY, self.deputy, "deputy_id")
        self.add_row(strings.LV_HANDOVER, self.handover, "handover_note")
        self.add_row(strings.LV_CONTACT, self.contact, "contact")
        self.add_row(strings.LV_FILED_AT, self.filed_at, "filed_at")
        self.form.addRow(self.emergency)
        self.add_row(strings.LV_CONTACTED, self.contacted, "contacted_whom")
        arow = QHBoxLayout()
        arow.addWidget(self.attach_label, 1)
        arow.addWidget(attach_btn)
        self.add_row(strings.LV_ATTACHMENT, arow)
        self.form.addRow(self.checks)
        self.add_row(strings.LV_OVERRIDE, self.override, "override_reason")
        self.finish(strings.LV_SAVE)
        for w in (self.person, self.type, self.deputy, self.start_session, self.end_session):
            w.currentIndexChanged.connect(self.update_checks)
        for d in (self.start, self.end):
            d.dateChanged.connect(self.update_checks)
        self.filed_at.dateTimeChanged.connect(self.update_checks)
        self.emergency.toggled.connect(self.update_checks)
        self.update_checks()

    def span(self) -> Span:
        return Span(pydate(self.start.date()), str(self.start_session.currentData()),
                    pydate(self.end.date()), str(self.end_session.currentData()))

    def filed(self) -> dt.datetime:
        return pydatetime(self.filed_at.dateTime())

    def update_checks(self) -> list[str]:
        """Recompute the day count and the violations as the user types."""
        if self.person.currentData() is None:
            return []
        preview = attempt_quietly(lambda: self.services.leave.preview(
            int(self.person.currentData()), str(self.type.currentData()), self.span(),
            self.filed(), self.deputy.currentData(), self.emergency.isChecked(),
            self.attachment is not None))
        if isinstance(preview, AppError):
            self.checks.setText(preview.message)
            self.checks.setStyleSheet(palette.css(palette.ERROR))
            return ["invalid"]
        if preview.violations:
            lines = [strings.LV_CHECKS_BAD.format(days=preview.days)]
            lines += ["· " + strings.LEAVE_VIOLATION_LABELS.get(v, v) for v in preview.violations]
            self.checks.setText("\n".join(lines))
            self.checks.setStyleSheet(palette.css(palette.WARNING))
        else:
            self.checks.setText(strings.LV_CHECKS_OK.format(days=preview.days))
            self.checks.setStyleSheet(palette.css(palette.OK))
        return list(preview.violations)

    def _pick_attachment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, strings.LV_ATTACHMENT, "",
                                              strings.ATTACHMENT_FILTER)
        if path:
            self.set_attachment(Path(path))

    def set_attachment(self, path: Path) -> None:
        self.attachment = path
        self.attach_label.setText(path.name)
        self.update_checks()

    def save(self) -> None:
        violations = self.update_checks()
        if violations and not self.override.text().strip():
            self.show_error(strings.LV_NEEDS_OVERRIDE)
            return
        super().save()

    def submit(self) -> tuple[LeaveDTO, Changes]:
        leave, ch = self.services.leave.add(
            int(self.person.currentData()), str(self.type.currentData()), self.span(),
            self.filed(), self.deputy.currentData(), reason=self.reason.text(),
            contact=self.contact.text(), handover_note=self.handover.text(),
            emergency=self.emergency.isChecked(), contacted_whom=self.contacted.text(),
            override_reason=self.override.text(),
            has_attachment=self.attachment is not None)
        if self.attachment is not None:
            ch = ch | self.services.leave.attach(leave.id, self.attachment)
        return leave, ch

    def on_saved(self, value: LeaveDTO) -> None:
        self.created = value
