"""Small shared widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QLabel,
    QSizePolicy,
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
        self._advanced = False  # the last digit moved on to the next section by itself

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Typing into an empty field works: the first digit starts a date (today's, with the
        year selected so the digits replace it), and a separator right after a section that
        filled itself ("2026-" / "3/") is not taken as a second "next section"."""
        text = event.text()
        if text.isdigit() and self.value() is None:
            self.setDate(qdate(self.today()))
            self.setSelectedSection(QDateEdit.Section.YearSection)
        if text in ("-", "/", ".") and self._advanced:
            self._advanced = False
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                and self.lineEdit().selectedText() == self.lineEdit().text():
            self.set_value(None)  # everything selected and deleted: the field is empty again
            return
        before = self.currentSection()
        super().keyPressEvent(event)
        self._advanced = text.isdigit() and self.currentSection() != before

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


class ElidedLabel(QLabel):
    """A one-line label that fits any width: text that does not fit ends in "…" and the
    whole text is the tooltip (status-bar warnings). A tooltip set by the owner wins."""

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self._auto_tip = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._full = text
        self._apply()

    def clear(self) -> None:
        self.setText("")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._apply()

    def is_elided(self) -> bool:
        return super().text() != self._full

    def _apply(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(self.width(), 1))
        super().setText(shown)
        tip = self.toolTip()
        if tip in ("", self._auto_tip):  # never overwrite a tooltip the owner set
            self._auto_tip = self._full if shown != self._full else ""
            self.setToolTip(self._auto_tip)
