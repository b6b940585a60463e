"""Qt <-> Python dates, the house date field, and a one-date question (one copy for the UI)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def qdatetime(t: dt.datetime) -> QDateTime:
    """Minutes precision: the UI's time fields show hours and minutes."""
    return QDateTime(qdate(t.date()), QTime(t.hour, t.minute))


def pydatetime(q: QDateTime) -> dt.datetime:
    d, t = q.date(), q.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def date_edit(value: dt.date) -> QDateEdit:
    """A yyyy-MM-dd field with the calendar popup."""
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def ask_date(parent: QWidget, title: str, label: str, default: dt.date) -> dt.date | None:
    """Ask for one date; ``None`` if the user cancels."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = date_edit(default)
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return pydate(edit.date())
