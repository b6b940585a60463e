"""Small shared widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import (
    QDateEdit,
    QWidget,
)

from app import strings
from app.clock import SYSTEM_CLOCK
from ui.common.dates import pydate, qdate

_EMPTY = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date field that may be empty: the minimum date shows as the "not filled" text."""

    # Where an empty field's calendar opens: the main window points this at services.clock.
    today: Callable[[], dt.date] = staticmethod(SYSTEM_CLOCK.today)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_EMPTY)
        self.setSpecialValueText(strings.DATE_EMPTY)
        self.setDate(_EMPTY)
        cal = self.calendarWidget()
        cal.setGridVisible(True)
        cal.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # An empty field would open the calendar in January 1900: open it on today instead.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = self.today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return super().eventFilter(watched, event)

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == _EMPTY else pydate(d)

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_EMPTY)
        else:
            self.setDate(qdate(value))


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
