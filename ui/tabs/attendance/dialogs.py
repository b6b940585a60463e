"""Small forms of the attendance tab: a punch correction, a manual absence entry, and a
period declared covered without clock data."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from app import strings
from app.domain.attendance import MANUAL_KINDS
from app.services import Services
from ui.common.dates import date_edit, pydate
from ui.common.dialog import FormDialog


def _combo(items: dict[str, str]) -> QComboBox:
    box = QComboBox()
    for code, label in items.items():
        box.addItem(label, code)
    return box


class CorrectionDialog(FormDialog):
    def __init__(self, services: Services, person_id: int, name: str, day: dt.date,
                 session: str = "am", slot: str = "in", parent: QWidget | None = None) -> None:
        super().__init__(services, strings.CORRECTION_TITLE.format(
            name=name, date=day.isoformat()), parent, min_width=420)
        self.person_id, self.day = person_id, day
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
        self.add_row(strings.CORRECTION_SESSION, self.session, "session")
        self.add_row(strings.CORRECTION_SLOT, self.slot, "slot")
        self.add_row(strings.CORRECTION_TIME, self.time, "time")
        self.add_row(strings.CORRECTION_REASON, self.reason, "reason")
        self.add_row(strings.CORRECTION_APPROVER, self.approver, "approver")
        self.finish()
        self._default_time()

    def _default_time(self) -> None:
        """Start with the scheduled time of the chosen edge: the usual thing to correct."""
        r = self.services.settings.timeline().at(self.day)
        edges = {("am", "in"): r.am_start, ("am", "out"): r.am_end,
                 ("pm", "in"): r.pm_start, ("pm", "out"): r.pm_end}
        minute = edges[(str(self.session.currentData()), str(self.slot.currentData()))]
        self.time.setTime(QTime(minute // 60, minute % 60))

    def submit(self) -> object:
        return self.services.attendance.add_correction(
            self.person_id, self.day, str(self.session.currentData()),
            str(self.slot.currentData()), self.time.time().toString("HH:mm"),
            self.reason.text(), self.approver.text())


class AbsenceDialog(FormDialog):
    def __init__(self, services: Services, person_id: int, name: str, day: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, strings.ABSENCE_TITLE.format(
            name=name, date=day.isoformat()), parent, min_width=420)
        self.person_id, self.day = person_id, day
        self.session = _combo(strings.SESSION_LABELS)
        self.kind = _combo({k: strings.ABSENT_REASON_LABELS[k] for k in MANUAL_KINDS})
        self.note = QLineEdit()
        self.add_row(strings.CORRECTION_SESSION, self.session, "session")
        self.add_row(strings.ABSENCE_KIND, self.kind, "kind")
        self.add_row(strings.ABSENCE_NOTE, self.note, "note")
        self.finish()

    def submit(self) -> object:
        return self.services.attendance.add_manual_absence(
            self.person_id, self.day, str(self.session.currentData()),
            str(self.kind.currentData()), self.note.text())


class DeclareCoverageDialog(FormDialog):
    """Declare days covered without clock data (the whole team away): audited; those days
    are then judged as if the clock had been read."""

    def __init__(self, services: Services, first: dt.date, last: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, strings.ATT_DECLARE_TITLE, parent, min_width=440)
        hint = QLabel(strings.ATT_DECLARE_HINT)
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.first, self.last = date_edit(first), date_edit(last)
        self.reason = QLineEdit()
        self.add_row(strings.ATT_DECLARE_FROM, self.first, "from")
        self.add_row(strings.ATT_DECLARE_TO, self.last, "to")
        self.add_row(strings.ATT_DECLARE_REASON, self.reason, "reason")
        self.finish()

    def submit(self) -> object:
        return self.services.attendance.declare_covered(
            pydate(self.first.date()), pydate(self.last.date()), self.reason.text())
