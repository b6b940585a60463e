"""Issue 14 deliverable 4: the demo rehearses a month end on whatever day it is built.

The last full month has every kind of problem (late, severe late, early leave, missing punch,
absence, both 缺勤情况说明 triggers, 事假/病假 with certificate/年假, overtime on a rest day
and on a statutory holiday, a correction); the current month has punches up to yesterday.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.attendance import ABSENT, LEAVE
from app.services import Services
from app.services.month_end_demo import last_full_month
from app.storage.tables_attendance import Punch
from tests.helpers.db import DatabaseTemplates, open_copy

# (today, the month of the holiday overtime): Sep 2026 has 中秋节, Oct 2026 国庆节, Dec 2025
# none (nearest earlier: Oct 2025 国庆/中秋), Jan 2026 元旦, Feb 2027 is in the provisional year.
# 2025-06-20: before the roster's own history (written for late 2026), which moves back a year.
DATES = [dt.date(2026, 11, 29), dt.date(2026, 10, 15), dt.date(2026, 1, 5),
         dt.date(2026, 2, 3), dt.date(2027, 3, 3), dt.date(2025, 6, 20)]


@pytest.fixture(scope="module", params=DATES, ids=lambda d: d.isoformat())
def built(request: pytest.FixtureRequest, db_templates: DatabaseTemplates,
          tmp_path_factory: pytest.TempPathFactory) -> tuple[dt.date, Path]:
    today: dt.date = request.param
    return today, db_templates.demo(today)


@pytest.fixture
def demo(built: tuple[dt.date, Path], tmp_path: Path) -> tuple[dt.date, Services]:
    today, template = built
    services = open_copy(template, tmp_path / "demo.db", today=today)
    yield today, services  # type: ignore[misc]
    services.close()


def _by_no(services: Services, year: int, month: int) -> dict[str, object]:
    m = services.attendance.month(year, month)
    return {p.employee_no: p for p in m.people}


def test_last_full_month_has_every_attendance_problem(demo: tuple[dt.date, Services]) -> None:
    today, services = demo
    first, _ = last_full_month(today)
    rules = services.settings.timeline().at(first)
    people = _by_no(services, first.year, first.month)
    sums = {no: p.summary for no, p in people.items()}  # type: ignore[attr-defined]
    assert sums["HX1002"].late_count >= 2 and sums["HX1002"].severe_count == 0
    assert sums["HX1003"].severe_count >= 1 and sums["HX1003"].early_count >= 1
    assert sums["HX1004"].missing_punches >= 1
    # both explanation triggers: absences (HX1005) and late minutes (HX1007)
    assert sums["HX1005"].absence_count > rules.explanation_absences
    assert sums["HX1005"].late_minutes <= rules.explanation_late_minutes
    assert sums["HX1005"].needs_absence_explanation
    assert sums["HX1007"].late_minutes > rules.explanation_late_minutes
    assert sums["HX1007"].absence_count <= rules.explanation_absences
    assert sums["HX1007"].needs_absence_explanation
    absent = [s for d in sums["HX1005"].days for s in (d.am, d.pm) if s.verdict == ABSENT]
    assert len(absent) > rules.explanation_absences
    # leave of three kinds, counted as leave
    assert sums["HX1002"].leave_days.get("personal_leave") == 1.0
    assert sums["HX1004"].leave_days.get("sick_leave") == 2.0
    assert sums["HX1007"].leave_days.get("annual_leave") == 2.0
    leave_sessions = [s for d in sums["HX1004"].days for s in (d.am, d.pm) if s.verdict == LEAVE]
    assert len(leave_sessions) == 4
    # everyone else is clean
    assert sums["HX1001"].absence_count == 0 and sums["HX1001"].late_count == 0


def test_sick_leave_has_its_certificate_and_leave_is_approved(
        demo: tuple[dt.date, Services]) -> None:
    today, services = demo
    first, last = last_full_month(today)
    reqs = [r for r in services.leave.requests() if first <= r.span.start <= last]
    kinds = {r.leave_type: r for r in reqs}
    assert set(kinds) == {"personal_leave", "sick_leave", "annual_leave"}
    assert all(r.state == "approved" for r in reqs)
    assert len(services.leave.attachments(kinds["sick_leave"].id)) == 1


def test_overtime_on_a_rest_day_and_a_holiday(demo: tuple[dt.date, Services]) -> None:
    today, services = demo
    first, last = last_full_month(today)
    overtime = [o for o in services.leave.list_overtime() if o.state == "approved"]
    kinds = {o.day_kind: o for o in overtime}
    assert first <= kinds["rest_day"].day <= last
    holiday = kinds["statutory_holiday"].day
    assert holiday <= last
    cal = services.holidays.calendar()
    month_days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    if any(cal.kind_of(d) == "statutory_holiday" for d in month_days):
        assert holiday >= first  # in the last full month when it has a holiday
    hours = _by_no(services, first.year, first.month)["HX1006"].summary.overtime_hours  # type: ignore[attr-defined]
    assert hours >= 8.0


def test_a_correction_in_the_last_full_month(demo: tuple[dt.date, Services]) -> None:
    today, services = demo
    first, last = last_full_month(today)
    people = {p.employee_no: p.id for p in services.roster.list_people()}
    days = services.holidays.calendar().working_days(first, last)
    corrected = [d for d in days
                 if services.attendance.day_detail(people["HX1004"], d).corrections]
    assert len(corrected) == 1


def test_current_month_has_punches_up_to_yesterday(demo: tuple[dt.date, Services]) -> None:
    today, services = demo
    with services.db.read() as s:
        newest = s.scalar(select(func.max(Punch.punched_at)))
        latest_full = s.scalar(select(func.max(Punch.punched_at)).where(
            Punch.punched_at < dt.datetime.combine(today.replace(day=1), dt.time())))
    assert newest is not None and newest.date() < today
    cal = services.holidays.calendar()
    yesterday_work = cal.working_days(today.replace(day=1), today - dt.timedelta(days=1))
    if yesterday_work:
        assert newest.date() == yesterday_work[-1]
    assert latest_full is not None and latest_full.date() >= last_full_month(today)[1] - \
        dt.timedelta(days=4)


def test_handover_in_progress_and_service_targets(demo: tuple[dt.date, Services]) -> None:
    today, services = demo
    changes = services.handover.list_changes()
    assert changes and changes[0].change_date > today
    first, _ = last_full_month(today)
    summary = services.service_log.month(first.year, first.month).summary
    assert summary.response.met > 0 and summary.resolution.met > 0
    assert summary.response.missed + summary.resolution.missed > 0


def test_the_roster_history_lies_before_today(demo: tuple[dt.date, Services]) -> None:
    """Whatever the day, people started (and signed, and were trained) before it; only the
    joining person of the handover in progress starts after today."""
    today, services = demo
    for p in services.roster.list_people():
        if p.employee_no == "HX1008":
            assert p.start_date is not None and p.start_date > today
            continue
        for day in (p.start_date, p.nda_date, p.training_date):
            assert day is None or day < today, (p.employee_no, day)
        assert p.end_date is None or p.start_date is None or p.end_date >= p.start_date
