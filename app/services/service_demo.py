"""Demo service log for the demo hospital site: a full previous month of service records
(faults, a printer jam, a network outage, the yearly inspection, two over target, one item
left pending and one call across midnight into the new month), the current month up to
today, the project's acceptance date, and daily reports for the latest working days.

The texts live in ``app.strings`` (SV_DEMO_*), like every other Chinese text."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from app import strings
from app.domain.service_log import INSPECTION, PENDING, RESOLVED, RecordFields, StaffVisit

if TYPE_CHECKING:
    from app.services import Services

ACCEPTANCE_DATE = dt.date(2024, 12, 27)


def _workdays(services: Services, year: int, month: int) -> list[dt.date]:
    calendar = services.holidays.calendar()
    day, out = dt.date(year, month, 1), []
    while day.month == month:
        if calendar.is_workday(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _day(services: Services, today: dt.date, offset: int | None, which: Any
         ) -> dt.date | None:
    if offset is None:  # the n-th working day before today
        return _recent_workdays(services, today, int(which))[0]
    index = today.year * 12 + today.month - 1 + offset
    year, month = divmod(index, 12)
    month += 1
    if which == "end":
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    days = _workdays(services, year, month)
    if not -len(days) <= int(which) < len(days):
        return None
    return days[int(which)]


def _plus(base: dt.datetime, minutes: int | None) -> dt.datetime | None:
    return None if minutes is None else base + dt.timedelta(minutes=minutes)


def _fields(row: tuple[Any, ...], reported: dt.datetime, ids: dict[str, int],
            signer: str, today: dt.date) -> RecordFields:
    (_, _, _, kind, source, reporter, dept, resp, arr, res, staff, location, content,
     handling, parts, rating, reason) = row
    arrived, resolved = _plus(reported, arr), _plus(reported, res)
    exit_at = resolved + dt.timedelta(minutes=5) if resolved and arrived else None
    sign_day = (resolved or reported).date() + dt.timedelta(days=2)
    signed = resolved is not None and sign_day <= today
    return RecordFields(
        service_type=kind, source=source, reported_at=reported, reporter=reporter,
        reporter_dept=dept, responded_at=_plus(reported, resp), arrived_at=arrived,
        resolved_at=resolved,
        staff=tuple(StaffVisit(ids[no], arrived, exit_at) for no in staff.split(",")),
        location=location, description=content, handling=handling,
        result=RESOLVED if resolved else PENDING, pending_reason=reason,
        parts_replaced=parts, user_rating=rating if kind != INSPECTION else "",
        client_signed=signed and bool(signer), client_signed_by=signer if signed else "",
        client_signed_on=sign_day if signed and signer else None)


def add_demo_service(services: Services, today: dt.date | None = None) -> int:
    """Write the demo service log (after the demo roster); returns the number of records.
    A database that already has a service log is left as it is (0)."""
    today = today or services.clock.today()
    now = dt.datetime.combine(today, dt.time(17, 45))
    log = services.service_log
    if log.records():
        return 0
    ids = {p.employee_no: p.id for p in services.roster.list_people()}
    signer = services.project.get().client_project_lead
    log.set_acceptance_date(ACCEPTANCE_DATE, today=ACCEPTANCE_DATE)
    n = 0
    for row in strings.SV_DEMO_RECORDS:
        day = _day(services, today, row[0], row[1])
        if day is None or day >= today:
            continue
        hour, minute = (int(x) for x in row[2].split(":"))
        reported = dt.datetime.combine(day, dt.time(hour, minute))
        fields = _fields(row, reported, ids, signer, today)
        if fields.resolved_at is not None and fields.resolved_at > now:
            continue
        log.add(fields, now=now)
        n += 1
    _add_reports(services, today)
    return n


def _recent_workdays(services: Services, today: dt.date, n: int) -> list[dt.date]:
    """The ``n`` working days before today, oldest first."""
    calendar = services.holidays.calendar()
    recent: list[dt.date] = []
    day = today - dt.timedelta(days=1)
    while len(recent) < n:
        if calendar.is_workday(day):
            recent.append(day)
        day -= dt.timedelta(days=1)
    return recent[::-1]


def _add_reports(services: Services, today: dt.date, days: int = 4) -> None:
    """Daily reports for the latest ``days`` working days before today."""
    recent = _recent_workdays(services, today, days)
    log = services.service_log
    pool = strings.SV_DEMO_REPORT_TEXTS
    for k, day in enumerate(recent):
        served: dict[int, list[str]] = {}
        for r in log.records(month=(day.year, day.month)):
            if r.reported_at.date() == day:
                for v in r.staff:
                    served.setdefault(v.person_id, []).append(strings.SV_DEMO_SERVED.format(
                        location=r.location, content=r.description))
        texts: dict[int, str] = {}
        for i, entry in enumerate(log.day_reports(day)):
            if entry.role == strings.SV_DEMO_PM_ROLE:
                texts[entry.person_id] = strings.SV_DEMO_PM_REPORTS[
                    k % len(strings.SV_DEMO_PM_REPORTS)]
            else:
                own = served.get(entry.person_id, [])
                texts[entry.person_id] = strings.LIST_COMMA.join(
                    [*own, pool[(i + k) % len(pool)]])
        log.set_reports(day, texts)
