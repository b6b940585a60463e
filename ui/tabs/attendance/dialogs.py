"""Small forms of the attendance tab: a punch correction and a manual absence entry."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from app import strings
from app.domain.attendance import MANUAL_KINDS
from app.errors import AppError
from app.services import Changes, Services
from ui.common import palette


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout(self)
        self.error = QLabel()
        self.error.setStyleSheet(palette.css(palette.ERROR))
        self.error.setWordWrap(True)
        self.changes = Changes()

    def finish(self) -> None:
        self.form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def save(self) -> None:
        try:
            self.changes = self.write()
        except AppError as exc:
            self.error.setText(exc.message)
            return
        self.accept()

    def write(self) -> Changes:  # pragma: no cover - overridden
        raise NotImplementedError


def _combo(items: dict[str, str]) -> QComboBox:
    box = QComboBox()
    for code, label in items.items():
        box.addItem(label, code)
    return box


class CorrectionDialog(_Form):
    def __init__(self, services: Services, person_id: int, name: str, day: dt.date,
                 session: str = "am", slot: str = "in", parent: QWidget | None = None) -> None:
        super().__init__(strings.CORRECTION_TITLE.format(name=name, date=day.isoformat()),
                         parent)
        self.services, self.person_id, self.day = services, person_id, day
        self.session = _combo({k: strings.SESSION_LABELS[k] for k in ("am", "pm")})
        self.session.setCurrentIndex(self.session.findData(session))
        self.slot = _combo(strings.SLOT_LABELS)
        self.slot.setCurrentIndex(self.slot.findData(slot))
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.session.currentIndexChanged.connect(self._default_time)
        self.slot.currentIndexChanged.connect(self._default_time)
        self.reason = QLineEdit()
        self.approver = QLineEdit(services.project.get().project_manager)
        self.form.addRow(strings.CORRECTION_SESSION, self.session)
        self.form.addRow(strings.CORRECTION_SLOT, self.slot)
        self.form.addRow(strings.CORRECTION_TIME, self.time)
        self.form.addRow(strings.CORRECTION_REASON, self.reason)
        self.form.addRow(strings.CORRECTION_APPROVER, self.approver)
        self.finish()
        self._default_time()

    def _default_time(self) -> None:
        """Start with the scheduled time of the chosen edge: the usual thing to correct."""
        r = self.services.settings.timeline().at(self.day)
        edges = {("am", "in"): r.am_start, ("am", "out"): r.am_end,
                 ("pm", "in"): r.pm_start, ("pm", "out"): r.pm_end}
        minute = edges[(str(self.session.currentData()), str(self.slot.currentData()))]
        self.time.setTime(QTime(minute // 60, minute % 60))

    def write(self) -> Changes:
        _, changes = self.services.attendance.add_correction(
            self.person_id, self.day, str(self.session.currentData()),
            str(self.slot.currentData()), self.time.time().toString("HH:mm"),
            self.reason.text(), self.approver.text())
        return changes


class AbsenceDialog(_Form):
    def __init__(self, services: Services, person_id: int, name: str, day: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(strings.ABSENCE_TITLE.format(name=name, date=day.isoformat()), parent)
        self.services, self.person_id, self.day = services, person_id, day
        self.session = _combo(strings.SESSION_LABELS)
        self.kind = _combo({k: strings.ABSENT_REASON_LABELS[k] for k in MANUAL_KINDS})
        self.note = QLineEdit()
        self.form.addRow(strings.CORRECTION_SESSION, self.session)
        self.form.addRow(strings.ABSENCE_KIND, self.kind)
        self.form.addRow(strings.ABSENCE_NOTE, self.note)
        self.finish()

    def write(self) -> Changes:
        _, changes = self.services.attendance.add_manual_absence(
            self.person_id, self.day, str(self.session.currentData()),
            str(self.kind.currentData()), self.note.text())
        return changes
