"""Issue 14 (6): the leave form starts on the next working day (holiday calendar) and the
request cannot be dated later than now (the form's limit, and the service's refusal)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDateTime

from app.domain.leave import Span
from app.errors import ValidationError
from app.services import Services
from tests.helpers.clock import FIXED_NOW
from ui.common.dates import pydate, pydatetime
from ui.tabs.leave.dialog import LeaveDialog

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _dialog(qtbot: Any, services: Services, now: dt.datetime | None = None,
            emergency: bool = False) -> LeaveDialog:
    dialog = LeaveDialog(services, emergency=emergency, now=now)
    qtbot.addWidget(dialog)
    return dialog


def test_planned_leave_starts_on_the_next_working_day(qtbot: Any,
                                                       demo_services: Services) -> None:
    # Sunday 2026-11-29 (FIXED_NOW): the next working day is Monday 30 November
    dialog = _dialog(qtbot, demo_services)
    assert FIXED_NOW.date().weekday() == 6
    assert pydate(dialog.start.date()) == dt.date(2026, 11, 30)
    assert pydate(dialog.end.date()) == dt.date(2026, 11, 30)
    # Wednesday 30 September 2026: the National Day break follows; back on 8 October
    calendar = demo_services.holidays.calendar()
    dialog = _dialog(qtbot, demo_services, now=dt.datetime(2026, 9, 30, 9))
    start = pydate(dialog.start.date())
    assert start == calendar.add_working_days(dt.date(2026, 9, 30), 1)
    assert start > dt.date(2026, 10, 1) and calendar.is_workday(start)
    # an emergency leave starts today
    dialog = _dialog(qtbot, demo_services, emergency=True)
    assert pydate(dialog.start.date()) == FIXED_NOW.date()


def test_filed_at_cannot_be_later_than_now(qtbot: Any, demo_services: Services) -> None:
    dialog = _dialog(qtbot, demo_services)
    assert pydatetime(dialog.filed_at.dateTime()) == FIXED_NOW
    dialog.filed_at.setDateTime(QDateTime(2026, 12, 2, 9, 0, 0))
    assert pydatetime(dialog.filed_at.dateTime()) == FIXED_NOW  # clamped to now
    person = demo_services.roster.list_people()[0]
    span = Span(dt.date(2026, 12, 3), "am", dt.date(2026, 12, 3), "pm")
    with pytest.raises(ValidationError) as refused:
        demo_services.leave.add(person.id, "personal_leave", span,
                                FIXED_NOW + dt.timedelta(minutes=1), None)
    assert refused.value.field == "filed_at"
    leave, _ = demo_services.leave.add(person.id, "personal_leave", span, FIXED_NOW, None)
    assert leave.filed_at == FIXED_NOW
