"""Attendance use cases on a real (temporary) database (SPEC A3-A7, D3; issue 4).

Punches go in through ``services.punches.record_batch`` like an import does; people through
the roster service. ``now`` is always passed in, so the results do not depend on the clock.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app import strings
from app.domain.attendance import (
    ABSENT,
    EARLY_LEAVE,
    HOLIDAY,
    LATE,
    MISSING_PUNCH,
    NO_PUNCH,
    PENDING,
    PRESENT,
    REST_DAY,
)
from app.domain.roster import PersonFields
from app.dto.attendance import MonthDTO, PersonMonth
from app.services import Services
from app.services.punches import PunchRow
from app.storage.tables import AuditLog
from tests.helpers.db import DEMO_TODAY
from tests.helpers.errors import raises_invalid

D = dt.date
JAN_1 = D(2026, 1, 1)
NOW = dt.datetime(2026, 11, 29, 12, 0)  # conftest's 'today', at noon
MONDAY = D(2026, 10, 12)
TUESDAY = D(2026, 10, 13)
FULL_DAY = ("08:25", "12:05", "13:55", "17:35")
L = strings.LEGEND_DEFAULT


def add_person(services: Services, no: str = "E1", uid: str | None = "5",
               start: dt.date | None = JAN_1, end: dt.date | None = None) -> int:
    person, _ = services.roster.add(PersonFields(employee_no=no, name=f"员工{no}",
                                                 device_user_id=uid, start_date=start,
                                                 end_date=end))
    return person.id


def rows(day: dt.date, *times: str, uid: str = "5") -> list[PunchRow]:
    out = []
    for t in times:
        h, m = (int(x) for x in t.split(":"))
        out.append(PunchRow(uid, dt.datetime.combine(day, dt.time(h, m, 17)), verify_mode=1))
    return out


def punch(services: Services, day: dt.date, *times: str, uid: str = "5") -> tuple[int, int]:
    result, _ = services.punches.record_batch("usb", "test", "DEV1", rows(day, *times, uid=uid))
    return result.new, result.duplicate


def read_clock(services: Services, at: dt.datetime = dt.datetime(2026, 11, 1, 9, 0)) -> None:
    """A LAN read of DEV1 at ``at`` that finds nothing new: the clock data reaches ``at``, so
    every October session is judged (issue 14: without it they read "no data")."""
    services.punches.record_batch("lan", "test", "DEV1", [], covered_until=at,
                                  covered_from=dt.datetime(2026, 1, 1))


def month(services: Services, year: int = 2026, m: int = 10) -> MonthDTO:
    return services.attendance.month(year, m, now=NOW)


def person_of(mon: MonthDTO, no: str = "E1") -> PersonMonth:
    return next(p for p in mon.people if p.employee_no == no)


def day_of(mon: MonthDTO, day: dt.date, no: str = "E1") -> tuple[str, str, str]:
    p = person_of(mon, no)
    d = p.summary.days[day.day - 1]
    assert d.day == day
    return d.am.verdict, d.pm.verdict, p.symbols[day.day - 1]


def audit_rows(services: Services, entity: str) -> list[AuditLog]:
    with services.db.read() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.entity == entity)
                              .order_by(AuditLog.id)))


# ---- import idempotence (D3) -------------------------------------------------------------------
def test_importing_the_same_punches_twice_adds_nothing(services: Services) -> None:
    """D3: the second import of the same punches adds nothing: all duplicates."""
    add_person(services)
    batch = rows(MONDAY, *FULL_DAY) + rows(TUESDAY, *FULL_DAY)
    first, _ = services.punches.record_batch("usb", "test", "DEV1", batch)
    second, _ = services.punches.record_batch("usb", "test", "DEV1", batch)
    assert (first.read, first.new, first.duplicate) == (8, 8, 0)
    assert (second.read, second.new, second.duplicate) == (8, 0, 8)
    assert services.punches.count() == 8
    assert day_of(month(services), MONDAY) == (PRESENT, PRESENT, L["present"])


def test_same_punch_from_another_device_is_kept(services: Services) -> None:
    """A3: a punch's identity includes its device; another clock's record is new evidence."""
    add_person(services)
    punch(services, MONDAY, "08:25")
    result, _ = services.punches.record_batch("usb", "test", "DEV2", rows(MONDAY, "08:25"))
    assert (result.new, services.punches.count()) == (1, 2)


# ---- effective-dated rules (A1, A2) ------------------------------------------------------------
def test_grace_set_from_june_does_not_rewrite_march(services: Services) -> None:
    """A2 effective dating: grace 15 from 2026-06-01; 10 minutes late in March stays late."""
    add_person(services)
    march, june = D(2026, 3, 10), D(2026, 6, 10)
    punch(services, march, "08:40", "12:05", "13:55", "17:35")
    punch(services, june, "08:40", "12:05", "13:55", "17:35")
    day, _ = services.settings.set("rules.late_grace_minutes", "15", D(2026, 6, 1))
    assert day == D(2026, 6, 1)
    mar = person_of(month(services, 2026, 3)).summary
    jun = person_of(month(services, 2026, 6)).summary
    assert (mar.days[9].am.verdict, mar.days[9].am.late_minutes) == (LATE, 10)
    assert (jun.days[9].am.verdict, jun.days[9].am.late_minutes) == (PRESENT, 0)
    assert (mar.late_count, jun.late_count) == (1, 0)


def test_settings_show_follows_the_date(services: Services) -> None:
    """A2 effective dating: `settings show` gives the values in force on the day asked."""
    services.settings.set("rules.late_grace_minutes", "15", D(2026, 6, 1))
    services.settings.set("schedule.am", "08:00-12:00", D(2026, 9, 1))
    key = "rules.late_grace_minutes"
    assert services.settings.show(D(2026, 5, 31))["current"][key] == "0"
    assert services.settings.show(D(2026, 6, 1))["current"][key] == "15"
    assert services.settings.show(D(2026, 8, 31))["current"]["schedule.am"] == "08:30-12:00"
    assert services.settings.show(D(2026, 9, 1))["current"]["schedule.am"] == "08:00-12:00"
    assert {"key": key, "value": "15", "effective_from": "2026-06-01"} in (
        services.settings.show(D(2026, 1, 1))["history"])


def test_invalid_setting_is_refused(services: Services) -> None:
    """A2 settings: a bad value or an unknown key is refused with a Chinese message."""
    with raises_invalid("value", strings.SETTING_BAD_VALUE.format(
            key="schedule.am", value="25:00-12:00", example="08:30-12:00")):
        services.settings.set("schedule.am", "25:00-12:00", D(2026, 6, 1))
    with raises_invalid("key", template=strings.SETTING_UNKNOWN, key="rules.no_such_thing"):
        services.settings.set("rules.no_such_thing", "1", D(2026, 6, 1))
    assert services.settings.show(D(2026, 6, 1))["history"] == []


def test_back_dated_setting_conflicting_with_a_later_change_is_refused(
        services: Services) -> None:
    """A1 effective dating: a change may not make a later period's sessions overlap."""
    services.settings.set("schedule.pm", "12:30-17:30", D(2026, 9, 1))  # fine with 08:30-12:00
    # fine on 06-01 (afternoon 14:00 then) but overlaps the 12:30 afternoon from 09-01 on
    with raises_invalid("value", strings.SETTING_CONFLICT.format(
            key="schedule.am", value="08:00-13:00", date="2026-06-01")):
        services.settings.set("schedule.am", "08:00-13:00", D(2026, 6, 1))
    services.settings.show(D(2026, 10, 1))  # and the project stays usable


def test_variant_schedule_through_settings(services: Services) -> None:
    """The 8:00-12:00 / 14:00-18:00 regulation with 15 minutes' grace, set as settings."""
    read_clock(services)
    add_person(services)
    for key, value in (("schedule.am", "08:00-12:00"), ("schedule.pm", "14:00-18:00"),
                       ("rules.late_grace_minutes", "15"), ("rules.early_grace_minutes", "15")):
        services.settings.set(key, value, D(2026, 1, 1))
    punch(services, MONDAY, "08:15", "12:05", "13:55", "17:45")
    punch(services, TUESDAY, "08:16", "12:05", "13:55", "17:44")
    mon = month(services)
    assert day_of(mon, MONDAY) == (PRESENT, PRESENT, L["present"])
    assert day_of(mon, TUESDAY) == (LATE, EARLY_LEAVE, L["late"] + L["early_leave"])
    s = person_of(mon).summary
    assert (s.late_minutes, s.early_minutes) == (16, 16)


def test_legend_setting_changes_the_sheet_symbols(services: Services) -> None:
    """P2 legend: the sheet symbols are settings (legend.<code>)."""
    add_person(services)
    punch(services, MONDAY, *FULL_DAY)
    services.settings.set("legend.present", "✓", D(2026, 1, 1))
    assert day_of(month(services), MONDAY)[2] == "✓"
    assert services.settings.legend()["present"] == "✓"


def test_legend_set_from_a_later_date_leaves_earlier_months_alone(services: Services) -> None:
    """P2 legend, effective-dated: a symbol changed from December does not rewrite October."""
    add_person(services)
    punch(services, MONDAY, *FULL_DAY)
    services.settings.set("legend.present", "✓", D(2026, 12, 1))
    assert day_of(month(services), MONDAY)[2] == L["present"]


# ---- required days (A5, A7) ---------------------------------------------------------------------
def test_required_days_follow_the_holiday_calendar(services: Services) -> None:
    """A7: October 2026 has 18 working days (10/1-10/7 off, Saturday 10/10 worked)."""
    read_clock(services)
    add_person(services)
    cal = services.holidays.calendar()
    expected = cal.count_working_days(D(2026, 10, 1), D(2026, 10, 31))
    assert expected == 18
    mon = month(services)
    s = person_of(mon).summary
    assert (s.required_days, s.attended_days, s.absent_days) == (expected, 0, expected)
    assert s.needs_absence_explanation
    assert day_of(mon, D(2026, 10, 1))[:2] == (HOLIDAY, HOLIDAY)
    assert day_of(mon, D(2026, 10, 6))[:2] == (REST_DAY, REST_DAY)
    assert day_of(mon, D(2026, 10, 10))[:2] == (ABSENT, ABSENT)
    assert not mon.provisional


def test_start_and_end_dates_limit_required_days(services: Services) -> None:
    """A5: only working days inside the on-site period are required (mid-month start / end)."""
    add_person(services, "E1", "5", start=D(2026, 10, 15))
    add_person(services, "E2", "6", start=D(2026, 1, 1), end=D(2026, 10, 20))
    add_person(services, "E3", "7", start=D(2026, 1, 1), end=D(2026, 9, 30))
    cal = services.holidays.calendar()
    mon = month(services)
    assert [p.employee_no for p in mon.people] == ["E1", "E2"]
    assert person_of(mon, "E1").summary.required_days == cal.count_working_days(
        D(2026, 10, 15), D(2026, 10, 31)) == 12
    assert person_of(mon, "E2").summary.required_days == cal.count_working_days(
        D(2026, 10, 1), D(2026, 10, 20)) == 10


def test_month_json_document(services: Services) -> None:
    """A5: the month as JSON carries every summary figure and one entry per day."""
    add_person(services)
    punch(services, MONDAY, "08:50", "12:05", "13:55", "17:35")
    doc = month(services).as_json()
    assert (doc["month"], doc["provisional"], doc["locked"]) == ("2026-10", False, False)
    person = doc["people"][0]
    assert (person["employee_no"], person["late_count"], person["late_minutes"]) == ("E1", 1, 20)
    assert len(person["days"]) == 31
    assert person["days"]["2026-10-12"] == {"am": LATE, "pm": PRESENT, "late_minutes": 20,
                                            "early_minutes": 0, "symbol": L["late"]}


def test_cross_midnight_punch_counts_for_the_previous_month(services: Services) -> None:
    """A4: 01:30 on 10-01 closes 09-30's afternoon; October does not see it."""
    add_person(services)
    sept30 = D(2026, 9, 30)
    punch(services, sept30, "08:25", "12:05", "13:55")
    punch(services, D(2026, 10, 1), "01:30")
    sept = person_of(month(services, 2026, 9)).summary.days[29]
    assert (sept.pm.verdict, sept.pm.sign_out) == (PRESENT, 24 * 60 + 90)
    assert person_of(month(services)).summary.days[0].punches == ()


def test_pending_sessions_with_a_clock_inside_the_month(services: Services) -> None:
    """Pending: with now = 10-13 15:00 that afternoon and the later days are pending."""
    add_person(services)
    punch(services, TUESDAY, "08:25", "12:05")
    read_clock(services, dt.datetime(2026, 10, 13, 15, 0))
    mon = services.attendance.month(2026, 10, now=dt.datetime(2026, 10, 13, 15, 0))
    assert day_of(mon, TUESDAY)[:2] == (PRESENT, PENDING)
    assert day_of(mon, D(2026, 10, 14))[:2] == (PENDING, PENDING)
    s = person_of(mon).summary
    assert s.required_days == 18
    assert (s.absent_days, s.attended_days) == (4, 0.5)  # 10-08, 10-09, 10-10, 10-12


# ---- nursing hour ------------------------------------------------------------------------------
def test_nursing_period_through_the_service(services: Services) -> None:
    """Nursing hour: 09:25 in and 17:25 out are neither late nor early until the birthday."""
    pid = add_person(services)
    services.attendance.add_nursing_period(pid, D(2026, 1, 1), D(2026, 10, 13))
    punch(services, MONDAY, "09:25", "12:05", "13:55", "17:25")
    punch(services, TUESDAY, "09:25", "12:05", "13:55", "17:35")
    mon = month(services)
    assert day_of(mon, MONDAY) == (PRESENT, PRESENT, L["present"])
    assert day_of(mon, TUESDAY)[:2] == (LATE, PRESENT)
    assert person_of(mon).summary.late_minutes == 55


# ---- corrections and manual absences (A3, A6) --------------------------------------------------
def test_correction_add_and_revoke(services: Services) -> None:
    """A3: a correction changes the result, a revocation (with a reason) restores it."""
    read_clock(services)
    pid = add_person(services)
    punch(services, MONDAY, "08:50", "12:05", "13:55")
    assert day_of(month(services), MONDAY) == (LATE, MISSING_PUNCH,
                                               L["late"] + L["missing_punch"])
    cid_in, changes = services.attendance.add_correction(pid, MONDAY, "am", "in", "08:30",
                                                         "考勤机故障", "项目经理")
    assert changes.attendance
    cid_out, _ = services.attendance.add_correction(pid, MONDAY, "pm", "out", "17:35",
                                                    "忘记打卡", "项目经理")
    mon = month(services)
    # present in both sessions, but on corrected punches: the correction mark, not a plain tick
    assert day_of(mon, MONDAY) == (PRESENT, PRESENT, L["corrected"])
    s = person_of(mon).summary
    assert (s.late_minutes, s.missing_punches) == (0, 0)
    assert s.days[MONDAY.day - 1].am.corrected_in and s.days[MONDAY.day - 1].pm.corrected_out

    with raises_invalid("reason", strings.REVOKE_NEEDS_REASON):
        services.attendance.revoke_correction(cid_in, "  ")
    services.attendance.revoke_correction(cid_in, "录入错误")
    assert day_of(month(services), MONDAY) == (LATE, PRESENT, L["late"] + L["corrected"])
    with raises_invalid(None, strings.ALREADY_REVOKED):
        services.attendance.revoke_correction(cid_in, "again")

    detail = services.attendance.day_detail(pid, MONDAY, now=NOW)
    assert [(c.id, c.slot, c.revoked_at is not None, c.revoke_reason)
            for c in detail.corrections] == [(cid_in, "in", True, "录入错误"),
                                             (cid_out, "out", False, None)]
    assert [p.at.strftime("%H:%M") for p in detail.punches] == ["08:50", "12:05", "13:55"]
    assert detail.result.pm.corrected_out and detail.symbol == L["late"] + L["corrected"]
    assert services.maintenance.verify_audit().ok
    assert len(audit_rows(services, "punch_correction")) == 3  # two inserts, one revocation


@pytest.mark.parametrize(("args", "field", "message"), [
    (("am", "in", "08:30", "", "项目经理"), "reason", strings.CORRECTION_NEEDS_REASON),
    (("am", "in", "08:30", "原因", ""), "approver", strings.CORRECTION_NEEDS_APPROVER),
    (("am", "in", "8点半", "原因", "项目经理"), "time",
     strings.CORRECTION_BAD_TIME.format(value="8点半")),
    (("noon", "in", "08:30", "原因", "x"), "session",
     strings.LEAVE_BAD_SESSION.format(value="noon")),
    (("am", "mid", "08:30", "原因", "x"), "slot", strings.CORRECTION_BAD_SLOT.format(value="mid")),
])
def test_correction_needs_reason_and_approver(services: Services, args: tuple[str, ...],
                                              field: str, message: str) -> None:
    """A3: a correction without reason or approver, or with a bad time, is refused."""
    pid = add_person(services)
    with raises_invalid(field, message):
        services.attendance.add_correction(pid, MONDAY, *args)


def test_manual_absence_add_and_revoke(services: Services) -> None:
    """A6: someone else punching makes a punched day absent; revoking restores it."""
    pid = add_person(services)
    punch(services, MONDAY, *FULL_DAY)
    ids, _ = services.attendance.add_manual_absence(pid, MONDAY, "day", "proxy_punch", "监控核实")
    assert len(ids) == 2
    mon = month(services)
    assert day_of(mon, MONDAY) == (ABSENT, ABSENT, L["absent"])
    d = person_of(mon).summary.days[MONDAY.day - 1]
    assert d.am.absent_reason == d.pm.absent_reason == "proxy_punch"

    with raises_invalid("reason", strings.REVOKE_NEEDS_REASON):
        services.attendance.revoke_manual_absence(ids[0], "")
    services.attendance.revoke_manual_absence(ids[0], "登记错误")
    assert day_of(month(services), MONDAY) == (PRESENT, ABSENT, L["present"] + L["absent"])
    detail = services.attendance.day_detail(pid, MONDAY, now=NOW)
    assert [(m.session, m.kind, m.revoke_reason) for m in detail.manual] == [
        ("am", "proxy_punch", "登记错误"), ("pm", "proxy_punch", None)]
    with raises_invalid("kind", strings.MANUAL_BAD_KIND.format(value="sleeping")):
        services.attendance.add_manual_absence(pid, MONDAY, "am", "sleeping")
    assert services.maintenance.verify_audit().ok


def test_absence_without_punches_has_reason_no_punch(services: Services) -> None:
    """A2: a working day with no punch and no leave is absent for lack of punches."""
    read_clock(services)
    pid = add_person(services)
    detail = services.attendance.day_detail(pid, MONDAY, now=NOW)
    assert detail.result.am.absent_reason == NO_PUNCH
    assert (detail.symbol, detail.locked, detail.punches) == (L["absent"], False, ())


# ---- month locks --------------------------------------------------------------------------------
def test_month_lock_freezes_results_until_reopened(services: Services) -> None:
    """Lock: a locked month refuses changes and keeps its results; reopen needs a reason."""
    read_clock(services)
    pid = add_person(services)
    punch(services, MONDAY, *FULL_DAY)
    before = month(services)
    services.attendance.lock_month(2026, 10, now=NOW)
    assert services.attendance.is_locked(2026, 10)

    with raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-10"):
        services.attendance.add_correction(pid, TUESDAY, "am", "in", "08:30", "原因", "经理")
    with raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-10"):
        services.attendance.add_manual_absence(pid, MONDAY, "am", "proxy_punch")
    with raises_invalid(None, strings.MONTH_ALREADY_LOCKED.format(month="2026-10")):
        services.attendance.lock_month(2026, 10, now=NOW)
    services.attendance.add_correction(pid, D(2026, 11, 2), "am", "in", "08:30", "原因", "经理")

    punch(services, TUESDAY, *FULL_DAY)  # evidence still goes in ...
    services.settings.set("rules.late_grace_minutes", "15", D(2026, 10, 1))
    locked = month(services)  # ... but the signed-off month does not move
    assert locked.locked and locked.lock_info["actor"]
    assert {**locked.as_json(), "locked": False} == before.as_json()
    assert day_of(locked, TUESDAY)[:2] == (ABSENT, ABSENT)

    with raises_invalid("reason", strings.MONTH_REOPEN_NEEDS_REASON):
        services.attendance.reopen_month(2026, 10, " ")
    assert services.attendance.is_locked(2026, 10)
    services.attendance.reopen_month(2026, 10, "补录考勤机数据")
    reopened = month(services)
    assert not reopened.locked
    assert day_of(reopened, TUESDAY) == (PRESENT, PRESENT, L["present"])
    with raises_invalid(None, strings.MONTH_NOT_LOCKED.format(month="2026-10")):
        services.attendance.reopen_month(2026, 10, "again")

    events = audit_rows(services, "month_lock")
    assert [e.action for e in events] == ["insert", "insert"]
    assert '"lock"' in (events[0].after or "") and "补录考勤机数据" in (events[1].after or "")
    assert services.maintenance.verify_audit().ok


def test_revoking_in_a_locked_month_is_refused(services: Services) -> None:
    """Lock: a correction of a locked month cannot be revoked either."""
    read_clock(services)
    pid = add_person(services)
    cid, _ = services.attendance.add_correction(pid, MONDAY, "am", "in", "08:30", "原因", "经理")
    services.attendance.lock_month(2026, 10, now=NOW)
    with raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-10"):
        services.attendance.revoke_correction(cid, "录入错误")


def test_day_detail_of_a_locked_month_matches_the_snapshot(services: Services) -> None:
    """Lock: the day view of a locked month shows the signed-off verdict, not a new one."""
    read_clock(services)
    pid = add_person(services)
    services.attendance.lock_month(2026, 10, now=NOW)
    punch(services, TUESDAY, *FULL_DAY)
    locked_day = person_of(month(services)).summary.days[TUESDAY.day - 1]
    detail = services.attendance.day_detail(pid, TUESDAY, now=NOW)
    assert detail.locked
    assert (detail.result.am.verdict, detail.symbol) == (locked_day.am.verdict, L["absent"])


# ---- the demo site -------------------------------------------------------------------------------
def test_demo_month_shows_the_scripted_problems(demo_services: Services) -> None:
    """Demo: the scripted problems of November 2026 come out as the regulation judges them."""
    assert D(2026, 11, 29) == DEMO_TODAY
    mon = demo_services.attendance.month(2026, 11, now=NOW)
    by_no = {p.employee_no: p.summary for p in mon.people}
    assert by_no["HX1005"].needs_absence_explanation
    assert by_no["HX1005"].absence_count == 4
    hx1003 = by_no["HX1003"]
    assert (hx1003.late_count, hx1003.late_minutes, hx1003.early_minutes) == (1, 45, 20)
    assert hx1003.severe_count == 1
    assert any(d.am.severe_late for d in hx1003.days)
    corrected = [d for d in by_no["HX1004"].days if d.pm.corrected_out]
    assert len(corrected) == 1 and corrected[0].pm.verdict == PRESENT
    assert by_no["HX1004"].missing_punches == 0
    assert by_no["HX1007"].absent_days == 0.5
    outing = [d for d in by_no["HX1007"].days if d.pm.verdict == ABSENT]
    assert [d.pm.absent_reason for d in outing] == ["unauthorized_outing"]
    for no in ("HX1001", "HX1002", "HX1006"):
        assert not by_no[no].needs_absence_explanation
        assert by_no[no].absent_days == 0
    assert "HX1008" not in by_no and "HX0990" not in by_no
    # 2026-11-30 is after 'now': pending, not absent
    assert by_no["HX1001"].days[29].am.verdict == PENDING
    assert by_no["HX1001"].required_days == 21
