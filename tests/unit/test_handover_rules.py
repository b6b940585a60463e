"""Personnel change deadlines and handover rules (app.domain.handover; SPEC C1-C5, issue 8):
pure, no database.

The calendar is built straight from the bundled ``data/holidays.csv`` (2024-2026 confirmed,
later years provisional), so every expected date below can be checked against that file by
eye; each comment walks the working days one by one. Reminders from the file:

* National Day 2025: Sun 09-28 is a 调休上班 day; 10-01..10-03 and Mon 10-06 (mid-autumn) are
  statutory holidays, Tue 10-07 and Wed 10-08 rest days, Sat 10-11 a 调休上班 day.
* Spring Festival 2025: Sun 01-26 is worked; 01-28..01-31 statutory, Mon 02-03 and Tue 02-04
  rest days; Sat 02-08 is worked.
* Spring Festival 2026: Sat 02-14 is worked; 02-16..02-19 statutory, Fri 02-20 and Mon 02-23
  rest days; Sat 02-28 is worked.
* National Day 2026: Sun 09-20 is worked; Fri 09-25 (mid-autumn) and 10-01..10-03 statutory,
  10-05..10-07 rest days; Sat 10-10 is worked.

The counting convention under test: "N working days before D" is the working day X with
exactly N working days in [X, D) -- the change day D is not counted, X is.
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from app import config, strings
from app.domain import handover as rules
from app.domain.calendar import DayEntry, HolidayCalendar
from app.domain.handover import (
    BEYOND_REPLACEMENT_LIMIT,
    CLIENT_DEMANDED,
    DUE_SOON,
    HANDOVER_ENDS_LATE,
    HANDOVER_STARTS_LATE,
    HANDOVER_TOO_SHORT,
    JOINING_MISSING,
    NO_CERTIFICATE,
    NO_NDA,
    NO_RESUME,
    ON_TIME,
    OVERDUE,
    STEP_DONE,
    Joining,
    StepDates,
    compute_deadlines,
    months_before,
    plan_problems,
    step_status,
)

D = dt.date
ONE_DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def cal() -> HolidayCalendar:
    with config.data_path("holidays.csv").open(encoding="utf-8-sig", newline="") as fh:
        entries = [DayEntry(D.fromisoformat(r["date"]), r["kind"], r["name"])
                   for r in csv.DictReader(fh)]
    return HolidayCalendar.build(entries, {2024: "confirmed", 2025: "confirmed",
                                           2026: "confirmed"})


# ---- the counting convention -----------------------------------------------------------------
def test_n_working_days_before_excludes_the_change_day_and_includes_the_deadline(
        cal: HolidayCalendar) -> None:
    """Tue 2026-03-10: 1 working day before is Mon 03-09 (the change day itself is not
    counted); 2 before is Fri 03-06 (Sat 03-07 and Sun 03-08 are skipped)."""
    assert cal.subtract_working_days(D(2026, 3, 10), 1) == D(2026, 3, 9)
    assert cal.subtract_working_days(D(2026, 3, 10), 2) == D(2026, 3, 6)


@pytest.mark.parametrize("change", [D(2025, 10, 13), D(2026, 3, 2), D(2026, 3, 30),
                                    D(2026, 10, 12), D(2026, 12, 21), D(2025, 2, 10),
                                    D(2026, 10, 4)])  # the last one is a holiday itself
@pytest.mark.parametrize("n", [1, 10, 12])
def test_every_deadline_has_exactly_n_working_days_in_x_to_d(cal: HolidayCalendar,
                                                             change: dt.date, n: int) -> None:
    x = cal.subtract_working_days(change, n)
    assert cal.is_workday(x)
    assert cal.count_working_days(x, change - ONE_DAY) == n
    # and X is the latest such day: one day later leaves fewer than N working days
    assert cal.count_working_days(x + ONE_DAY, change - ONE_DAY) == n - 1


# ---- across a weekend ------------------------------------------------------------------------
def test_deadlines_across_ordinary_weekends(cal: HolidayCalendar) -> None:
    """Change on Mon 2026-03-30 (March 2026 has no holidays).

    Back from 03-30: 03-27 Fri (1), 26, 25, 24, 23 (5), [21-22 weekend], 20, 19, 18, 17,
    16 Mon (10), [14-15 weekend], 13 (11), 12 Thu (12). The notice: 30 March has no 30
    February, so the end of February: 02-28.
    """
    d = compute_deadlines(D(2026, 3, 30), cal)
    assert d.application_due == D(2026, 3, 12)
    assert d.handover_start_latest == D(2026, 3, 16)
    assert d.handover_end_latest == D(2026, 3, 27)
    assert d.notice_due == D(2026, 2, 28)
    assert not d.provisional and d.replacement_due is None


# ---- National Day ----------------------------------------------------------------------------
def test_national_day_2025_skips_the_break_and_counts_both_adjusted_days(
        cal: HolidayCalendar) -> None:
    """Change on Mon 2025-10-13. Back: Sat 10-11 worked (1), 10-10 (2), 10-09 (3),
    [10-08 .. 10-01 off], 09-30 (4), 09-29 (5), Sun 09-28 worked (6), [Sat 09-27 off],
    09-26 (7), 25 (8), 24 (9), 23 (10), 22 (11), [20-21 weekend], Fri 09-19 (12).
    Without the calendar 12 weekdays back would be 09-25: the break costs four working days.
    The last working day before the change is the adjusted Saturday 10-11.
    """
    d = compute_deadlines(D(2025, 10, 13), cal)
    assert d.application_due == D(2025, 9, 19)
    assert d.handover_start_latest == D(2025, 9, 23)
    assert d.handover_end_latest == D(2025, 10, 11)
    assert d.notice_due == D(2025, 9, 13)


def test_national_day_2026_application_and_handover(cal: HolidayCalendar) -> None:
    """Change on Mon 2026-10-12. Back: Sat 10-10 worked (1), 10-09 (2), 10-08 (3),
    [10-07 .. 10-01 off], 09-30 (4), 29 (5), 28 (6), [26-27 weekend, Fri 09-25 mid-autumn],
    09-24 (7), 23 (8), 22 (9), Mon 09-21 (10), Sun 09-20 worked (11), [Sat 09-19 off],
    Fri 09-18 (12)."""
    d = compute_deadlines(D(2026, 10, 12), cal)
    assert d.application_due == D(2026, 9, 18)
    assert d.handover_start_latest == D(2026, 9, 21)
    assert d.handover_end_latest == D(2026, 10, 10)


# ---- Spring Festival -------------------------------------------------------------------------
def test_spring_festival_2026(cal: HolidayCalendar) -> None:
    """Change on Mon 2026-03-02. Back: Sat 02-28 worked (1), 02-27 (2), 26 (3), 25 (4),
    Tue 02-24 (5), [Mon 02-23 rest, 21-22 weekend, Fri 02-20 rest, 02-19 .. 02-16 statutory,
    Sun 02-15], Sat 02-14 worked (6), 02-13 (7), 12 (8), 11 (9), Tue 02-10 (10), 09 (11),
    [07-08 weekend], Fri 02-06 (12). Notice: 2 March -> 2 February."""
    d = compute_deadlines(D(2026, 3, 2), cal)
    assert d.application_due == D(2026, 2, 6)
    assert d.handover_start_latest == D(2026, 2, 10)
    assert d.handover_end_latest == D(2026, 2, 28)
    assert d.notice_due == D(2026, 2, 2)


def test_spring_festival_2025(cal: HolidayCalendar) -> None:
    """Change on Mon 2025-02-10. Back: Sat 02-08 worked (1), 02-07 (2), 06 (3), Wed 02-05 (4),
    [02-04, 02-03 rest, 01-02 weekend, 01-31 .. 01-28 statutory], Mon 01-27 (5), Sun 01-26
    worked (6), [Sat 01-25 off], 01-24 (7), 23 (8), 22 (9), Tue 01-21 (10), Mon 01-20 (11),
    [18-19 weekend], Fri 01-17 (12)."""
    d = compute_deadlines(D(2025, 2, 10), cal)
    assert d.handover_start_latest == D(2025, 1, 21)
    assert d.application_due == D(2025, 1, 17)
    assert d.notice_due == D(2025, 1, 10)


def test_a_handover_over_the_spring_festival_counts_only_working_days(
        cal: HolidayCalendar) -> None:
    """02-09 .. 02-27 2026 looks like three weeks; it holds 10 working days: 09-13 (5),
    Sat 02-14 (6), 24-27 (10)."""
    assert rules.handover_days(D(2026, 2, 9), D(2026, 2, 27), cal) == 10
    assert rules.handover_days(D(2026, 2, 10), D(2026, 2, 27), cal) == 9


# ---- one calendar month before ---------------------------------------------------------------
@pytest.mark.parametrize(("change", "notice"), [
    (D(2026, 3, 31), D(2026, 2, 28)),  # no 31 February: the month's last day
    (D(2024, 3, 31), D(2024, 2, 29)),  # leap year
    (D(2028, 3, 31), D(2028, 2, 29)),  # leap year
    (D(2026, 3, 30), D(2026, 2, 28)),  # no 30 February either
    (D(2024, 3, 30), D(2024, 2, 29)),
    (D(2026, 3, 29), D(2026, 2, 28)),  # 29 February exists only in leap years
    (D(2024, 3, 29), D(2024, 2, 29)),
    (D(2026, 3, 28), D(2026, 2, 28)),  # same day, nothing to clamp
    (D(2026, 5, 31), D(2026, 4, 30)),
    (D(2026, 1, 31), D(2025, 12, 31)),  # across the year
    (D(2026, 3, 1), D(2026, 2, 1)),
    (D(2026, 12, 21), D(2026, 11, 21)),
])
def test_one_calendar_month_before_clamps_to_the_end_of_a_shorter_month(
        change: dt.date, notice: dt.date, cal: HolidayCalendar) -> None:
    assert months_before(change, 1) == notice
    assert compute_deadlines(change, cal).notice_due == notice


def test_the_notice_is_a_calendar_date_and_never_moved_to_a_working_day(
        cal: HolidayCalendar) -> None:
    """2026-02-28 is a Saturday (an adjusted workday, as it happens) and 2026-11-21 a plain
    Saturday: the notice date is kept as it is; handing it in earlier is always allowed."""
    assert compute_deadlines(D(2026, 12, 21), cal).notice_due == D(2026, 11, 21)
    assert not cal.is_workday(D(2026, 11, 21))


# ---- the 15-working-day replacement ----------------------------------------------------------
def test_client_demanded_replacement_within_15_working_days_over_national_day_2025(
        cal: HolidayCalendar) -> None:
    """Demand on Fri 2025-09-26 (not counted). Forward: Sun 09-28 worked (1), 09-29 (2),
    09-30 (3), [10-01 .. 10-08 off], 10-09 (4), 10-10 (5), Sat 10-11 worked (6),
    10-13 .. 10-17 (7-11), 10-20 .. 10-23 (12-15): Thu 2025-10-23."""
    d = compute_deadlines(D(2025, 10, 23), cal, demand_date=D(2025, 9, 26))
    assert d.replacement_due == D(2025, 10, 23)
    assert cal.count_working_days(D(2025, 9, 27), D(2025, 10, 23)) == 15


def test_client_demanded_replacement_over_national_day_2026(cal: HolidayCalendar) -> None:
    """Demand on Thu 2026-09-24. Forward: [Fri 09-25 mid-autumn, 26-27 weekend], 09-28 (1),
    29 (2), 30 (3), [10-01 .. 10-07 off], 10-08 (4), 10-09 (5), Sat 10-10 worked (6),
    10-12 .. 10-16 (7-11), 10-19 .. 10-22 (12-15): Thu 2026-10-22."""
    d = compute_deadlines(D(2026, 10, 22), cal, demand_date=D(2026, 9, 24))
    assert d.replacement_due == D(2026, 10, 22)


def test_ordinary_15_working_days_are_three_weeks(cal: HolidayCalendar) -> None:
    """Demand on Mon 2026-11-02 -> Mon 2026-11-23 (three full weeks later)."""
    d = compute_deadlines(D(2026, 11, 23), cal, demand_date=D(2026, 11, 2))
    assert d.replacement_due == D(2026, 11, 23)


def test_a_change_date_after_the_15_day_limit_is_a_problem(cal: HolidayCalendar) -> None:
    ok = compute_deadlines(D(2026, 11, 23), cal, demand_date=D(2026, 11, 2))
    late = compute_deadlines(D(2026, 11, 24), cal, demand_date=D(2026, 11, 2))
    joining = Joining(True, True, True)
    assert BEYOND_REPLACEMENT_LIMIT not in plan_problems(CLIENT_DEMANDED, ok, cal, True, joining)
    assert BEYOND_REPLACEMENT_LIMIT in plan_problems(CLIENT_DEMANDED, late, cal, True, joining)


# ---- provisional years -----------------------------------------------------------------------
def test_deadlines_in_an_unconfirmed_year_are_provisional(cal: HolidayCalendar) -> None:
    """2027 is not in the table: a change in January 2027 has estimated working-day deadlines,
    but the calendar-month notice is exact."""
    d = compute_deadlines(D(2027, 1, 11), cal)
    assert d.provisional
    assert rules.APPLICATION in d.provisional_steps
    assert rules.NOTICE not in d.provisional_steps
    assert not compute_deadlines(D(2026, 12, 21), cal).provisional


def test_a_replacement_limit_reaching_into_2027_is_provisional(cal: HolidayCalendar) -> None:
    d = compute_deadlines(D(2026, 12, 31), cal, demand_date=D(2026, 12, 20))
    assert rules.REPLACEMENT in d.provisional_steps


# ---- step status -----------------------------------------------------------------------------
@pytest.mark.parametrize(("today", "status"), [
    (D(2026, 11, 27), ON_TIME),   # Fri: 3 working days on is Wed 12-02, before the due date
    (D(2026, 11, 30), DUE_SOON),  # Mon: 3 working days on is Thu 12-03, the due date
    (D(2026, 12, 3), DUE_SOON),   # the due day itself
    (D(2026, 12, 4), OVERDUE),
])
def test_status_by_working_days_to_the_due_date(cal: HolidayCalendar, today: dt.date,
                                                status: str) -> None:
    assert step_status(D(2026, 12, 3), None, today, cal) == status


def test_due_soon_counts_working_days_not_calendar_days(cal: HolidayCalendar) -> None:
    """Due Mon 2026-12-07: on Wed 12-02 it is 3 working days away (Thu, Fri, Mon): due soon;
    on Tue 12-01 it is 4 away: on time, although only 6 calendar days."""
    assert step_status(D(2026, 12, 7), None, D(2026, 12, 2), cal) == DUE_SOON
    assert step_status(D(2026, 12, 7), None, D(2026, 12, 1), cal) == ON_TIME


def test_a_done_step_is_done_whatever_the_date(cal: HolidayCalendar) -> None:
    assert step_status(D(2026, 12, 3), D(2026, 12, 9), D(2027, 1, 1), cal) == STEP_DONE


# ---- the timeline by kind --------------------------------------------------------------------
def test_timeline_of_a_replacement(cal: HolidayCalendar) -> None:
    d = compute_deadlines(D(2026, 12, 21), cal)
    steps = rules.timeline(rules.REPLACE, d, StepDates(notice_sent_on=D(2026, 11, 24)),
                           D(2026, 12, 2), cal)
    assert [s.code for s in steps] == ["notice", "application", "approval", "handover_start",
                                       "finish"]
    notice, application, approval, start, finish = steps
    assert (notice.status, notice.late) == (STEP_DONE, True)  # due Sat 11-21, sent 11-24
    assert (application.due, application.status) == (D(2026, 12, 3), DUE_SOON)
    assert (approval.due, start.due, finish.due) == (D(2026, 12, 7), D(2026, 12, 7),
                                                     D(2026, 12, 18))
    assert finish.status == ON_TIME
    assert notice.name == strings.CH_STEP_LABELS["notice"]


def test_client_demanded_has_no_notice_and_a_replacement_step(cal: HolidayCalendar) -> None:
    d = compute_deadlines(D(2026, 11, 23), cal, demand_date=D(2026, 11, 2))
    steps = rules.timeline(CLIENT_DEMANDED, d, StepDates(), D(2026, 11, 3), cal)
    assert [s.code for s in steps] == ["application", "approval", "handover_start", "finish",
                                       "replacement"]
    assert steps[-1].due == D(2026, 11, 23)


def test_a_new_post_has_no_handover(cal: HolidayCalendar) -> None:
    d = compute_deadlines(D(2026, 12, 21), cal)
    steps = rules.timeline(rules.ADD, d, StepDates(), D(2026, 11, 1), cal)
    assert [s.code for s in steps] == ["notice", "application", "approval", "finish"]
    assert steps[-1].due == D(2026, 12, 21)
    assert steps[2].due == D(2026, 12, 18)  # approved by the working day before the change


def test_approval_needs_both_parties() -> None:
    assert rules.approved_on(D(2026, 11, 27), None) is None
    assert rules.approved_on(D(2026, 11, 27), D(2026, 11, 25)) == D(2026, 11, 27)


# ---- plan problems ---------------------------------------------------------------------------
def test_a_handover_shorter_than_10_working_days_is_flagged(cal: HolidayCalendar) -> None:
    """Change Mon 2026-12-21: the latest start is Mon 12-07 (12-07 .. 12-18 = 10 working days);
    starting Tue 12-08 leaves 9 and starts late."""
    d = compute_deadlines(D(2026, 12, 21), cal)
    joining = Joining(True, True, True)
    assert plan_problems(rules.REPLACE, d, cal, True, joining, D(2026, 12, 7),
                         D(2026, 12, 18)) == []
    assert plan_problems(rules.REPLACE, d, cal, True, joining, D(2026, 12, 8),
                         D(2026, 12, 18)) == [HANDOVER_TOO_SHORT, HANDOVER_STARTS_LATE]
    assert HANDOVER_ENDS_LATE in plan_problems(rules.REPLACE, d, cal, True, joining,
                                               D(2026, 12, 1), D(2026, 12, 21))


def test_missing_newcomer_and_missing_files_are_flagged(cal: HolidayCalendar) -> None:
    d = compute_deadlines(D(2026, 12, 21), cal)
    assert plan_problems(rules.REPLACE, d, cal, True, None) == [JOINING_MISSING]
    assert plan_problems(rules.REPLACE, d, cal, True, Joining(False, False, False)) == [
        NO_CERTIFICATE, NO_RESUME, NO_NDA]
    assert plan_problems(rules.LEAVE, d, cal, True, None) == []


def test_default_checklist_puts_each_unreturned_item_under_the_return_line() -> None:
    items = rules.default_items([(7, "laptop", "NB-7"), (8, "card", "")])
    titles = [i.title for i in items]
    at = titles.index(strings.CH_RETURN_ITEM)
    assert titles[at + 1:at + 3] == [strings.CH_RETURN_EQUIPMENT.format(item="laptop"),
                                     strings.CH_RETURN_EQUIPMENT.format(item="card")]
    assert (items[at + 1].equipment_id, items[at + 1].detail, items[at + 1].source) == (
        7, "NB-7", "equipment")
    assert len(items) == len(strings.CH_DEFAULT_ITEMS) + 2
    assert {t for t, _ in strings.CH_DEFAULT_ITEMS} <= set(titles)


def test_a_plan_without_its_people_names_what_is_missing(cal: HolidayCalendar) -> None:
    """A replacement needs the person leaving and the one joining (the service refuses such a
    change; the domain still names both gaps)."""
    d = compute_deadlines(D(2026, 12, 21), cal)
    assert plan_problems(rules.REPLACE, d, cal, False, None) == [rules.LEAVING_MISSING,
                                                                 rules.JOINING_MISSING]


def test_deadlines_as_json_carry_the_replacement_limit_only_when_asked(
        cal: HolidayCalendar) -> None:
    plain = compute_deadlines(D(2026, 11, 23), cal).as_json()
    demanded = compute_deadlines(D(2026, 11, 23), cal, demand_date=D(2026, 11, 2)).as_json()
    assert "replacement_due" not in plain
    assert demanded["replacement_due"] == "2026-11-23"
    assert plain["change_date"] == "2026-11-23" and plain["provisional"] is False
    assert {k: v for k, v in demanded.items() if k != "replacement_due"} == plain
