"""The demo's month end (issue 14): the LAST FULL MONTH before ``today`` has every kind of
problem a supervisor meets when closing a month, so the demo rehearses review, correction,
printing and locking.

In the last full month (its working days counted from 0):

- HX1002: two ordinary late arrivals, one day of personal leave;
- HX1003: one severe late arrival (``rules.severe_minutes`` + 15), one early leave;
- HX1004: a missing sign-out that is corrected (a correction), and one that is left missing;
  two days of sick leave with the hospital certificate attached;
- HX1005: absent for whole days, one more session than ``rules.explanation_absences``
  (the first trigger of the absence explanation form);
- HX1007: severe late arrivals adding up to more than ``rules.explanation_late_minutes``
  (the second trigger), and two days of annual leave;
- HX1006: approved overtime on a rest day and on a statutory holiday. The holiday is the
  latest one in the last full month, or -- when that month has none -- in the nearest
  earlier month that has one (up to a year back); without any, no holiday overtime.

The thresholds are read from the rules in force on the day, so the demo keeps showing both
triggers when a setting changes. ``app.services.demo`` generates the punches from
:func:`plan` and then calls :func:`add_records` for the leave, overtime and correction.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import strings

if TYPE_CHECKING:
    from app.services import Services

PM, AM_S, PM_S = "HX1001", "am", "pm"
HOLIDAY, REST_DAY = "statutory_holiday", "rest_day"


def last_full_month(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the month before ``today``'s month."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


@dataclass
class Plan:
    """What the demo generator does differently in the last full month."""

    first: dt.date
    last: dt.date
    workdays: list[dt.date]
    # (employee no., day) -> punch event understood by ``demo._apply``
    events: dict[tuple[str, dt.date], tuple[Any, ...]] = field(default_factory=dict)
    # (employee no., leave type, first working-day index, last index, reason)
    leave: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    # (employee no., day, reason): days off with overtime (punched like a working day)
    overtime: list[tuple[str, dt.date, str]] = field(default_factory=list)
    corrections: list[tuple[str, dt.date, str, str, str]] = field(default_factory=list)

    def leave_days(self) -> set[tuple[str, dt.date]]:
        return {(no, self.workdays[i]) for no, _, a, b, _ in self.leave
                for i in range(a, b + 1)}


def _holiday_day(services: Services, first: dt.date) -> dt.date | None:
    """The latest statutory holiday in the month starting ``first``, else in the nearest
    earlier month that has one (up to twelve months back)."""
    calendar = services.holidays.calendar()
    start = first
    for _ in range(12):
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
        found = [d for d in days if calendar.kind_of(d) == HOLIDAY]
        if found:
            return found[-1]
        start = (start - dt.timedelta(days=1)).replace(day=1)
    return None


def plan(services: Services, today: dt.date) -> Plan | None:
    """The scripted month end, or ``None`` when the last full month has too few working
    days for it (never in a real calendar)."""
    first, last = last_full_month(today)
    calendar = services.holidays.calendar()
    workdays = calendar.working_days(first, last)
    if len(workdays) < 16:
        return None
    p = Plan(first, last, workdays)
    rules = services.settings.timeline().at(first)
    w = workdays
    p.events[("HX1002", w[1])] = ("late", min(12, rules.severe_minutes))
    p.events[("HX1002", w[5])] = ("late", min(8, rules.severe_minutes))
    p.events[("HX1003", w[3])] = ("late", rules.severe_minutes + 15)
    p.events[("HX1003", w[8])] = ("early", min(20, rules.severe_minutes))
    p.events[("HX1004", w[2])] = ("drop", 3)
    p.events[("HX1004", w[6])] = ("drop", 3)
    p.corrections.append(("HX1004", w[2], PM_S, "out", "17:35"))
    absent_days = (rules.explanation_absences + 1 + 1) // 2  # whole days, two sessions each
    for k in range(absent_days):
        p.events[("HX1005", w[4 + 3 * k])] = ("drop", 0, 1, 2, 3)
    per_day = rules.severe_minutes + 20
    late_days = rules.explanation_late_minutes // per_day + 1
    for k in range(min(late_days, 6)):
        p.events[("HX1007", w[2 * k])] = ("late", per_day)
    p.leave += [
        ("HX1002", "personal_leave", 10, 10, strings.DEMO_LEAVE_PERSONAL_REASON),
        ("HX1004", "sick_leave", 12, 13, strings.DEMO_LEAVE_SICK_REASON),
        ("HX1007", "annual_leave", 14, 15, strings.DEMO_LEAVE_ANNUAL_REASON),
    ]
    rest = next((d for d in (first + dt.timedelta(days=n) for n in range(31))
                 if d <= last and calendar.kind_of(d) == REST_DAY), None)
    if rest is not None:
        p.overtime.append(("HX1006", rest, strings.DEMO_OVERTIME_REST_REASON))
    holiday = _holiday_day(services, first)
    if holiday is not None:
        p.overtime.append(("HX1006", holiday, strings.DEMO_OVERTIME_HOLIDAY_REASON))
    return p


def add_records(services: Services, p: Plan) -> None:
    """The leave requests (approved; the sick note attached), the approved overtime and the
    correction of the last full month."""
    from app.domain.leave import Span

    people = {x.employee_no: x for x in services.roster.list_people()}
    manager = people.get(PM)
    if manager is None:
        return
    calendar = services.holidays.calendar()
    leave = services.leave
    for no, kind, a, b, reason in p.leave:
        if no not in people:
            continue
        start, end = p.workdays[a], p.workdays[b]
        filed = dt.datetime.combine(calendar.subtract_working_days(start, 3), dt.time(9, 10))
        deputy = people.get("HX1003" if no != "HX1003" else "HX1002")
        request, _ = leave.add(people[no].id, kind, Span(start, AM_S, end, PM_S), filed,
                               deputy.id if deputy else None, reason=reason,
                               has_attachment=kind == "sick_leave")
        if kind == "sick_leave":
            with tempfile.TemporaryDirectory(prefix="onsitedesk-demo-") as tmp:
                src = Path(tmp) / f"{no}-sick-certificate.txt"
                src.write_text(f"{people[no].name} {strings.DEMO_SICK_CERTIFICATE}\n",
                               encoding="utf-8")
                leave.attach(request.id, src)
        leave.approve(request.id, manager.name, at=filed + dt.timedelta(hours=2))
    for no, day, reason in p.overtime:
        if no not in people:
            continue
        applied = dt.datetime.combine(day - dt.timedelta(days=2), dt.time(16, 0))
        ot, _ = services.leave.add_overtime(people[no].id, day, "09:00-17:00", "required",
                                            applied, reason)
        services.leave.approve_overtime(ot.id, manager.name)
    for no, day, session, slot, time_text in p.corrections:
        if no in people:
            services.attendance.add_correction(people[no].id, day, session, slot, time_text,
                                               strings.DEMO_CORRECTION_REASON, manager.name)
