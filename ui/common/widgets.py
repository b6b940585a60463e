"""Small shared widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app import strings
from app.clock import SYSTEM_CLOCK

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
        if d == _EMPTY:
            return None
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(_EMPTY)
        else:
            self.setDate(QDate(value.year, value.month, value.day))


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def make_table(headers: tuple[str, ...] | list[str]) -> QTableWidget:
    """A read-only, row-selecting table with the house look (lists in dialogs and tabs)."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill_table(t: QTableWidget, rows: list[tuple[Any, ...]]) -> None:
    """Replace the table's rows with plain text cells."""
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            t.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
