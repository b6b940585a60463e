"""The attendance engine as the regulations state it (SPEC A1-A5, A7; app.domain.attendance).

Pure domain: no database. The calendar is the bundled ``data/holidays.csv``; every case below
is one sentence of a client regulation, written in that regulation's own numbers:

* 08:30-12:00 / 14:00-17:30, "arriving after 8:30 is late, leaving before 17:30 is early";
* 08:00-12:00 / 14:00-18:00, "more than 15 minutes late / early";
* "more than 3 absences or more than 3 hours of lateness in a month needs a
  《缺勤情况说明》".
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pytest

from app import config, strings
from app.domain.attendance import (
    ABSENT,
    AM,
    EARLY_LEAVE,
    HOLIDAY,
    LATE,
    LEAVE,
    MISSING_PUNCH,
    NO_PUNCH,
    PENDING,
    PM,
    PRESENT,
    REST_DAY,
    Correction,
    DayResult,
    ManualAbsence,
    PersonPeriod,
    assign_punches,
    classify_day,
    summarize,
)
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    STATUTORY_HOLIDAY,
    WORKDAY,
    DayEntry,
    HolidayCalendar,
)
from app.domain.calendar import REST_DAY as REST_KIND
from app.domain.legend import day_symbol
from app.domain.schedule import Rules, RulesTimeline, apply_setting

D = dt.date
L = strings.LEGEND_DEFAULT
PERSON = PersonPeriod(1)
TUESDAY = D(2026, 3, 10)  # an ordinary working day (no holiday in March 2026)
FULL_DAY = ("08:25", "12:05", "13:55", "17:35")  # a normal day under the default schedule


def _bundled_calendar() -> HolidayCalendar:
    with config.data_path("holidays.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = [DayEntry(D.fromisoformat(r["date"]), r["kind"], r["name"])
                for r in csv.DictReader(fh)]
    return HolidayCalendar.build(rows, {2024: "confirmed", 2025: "confirmed",
                                        2026: "confirmed"})


CAL = _bundled_calendar()


def hm(text: str) -> int:
    """'08:30' -> minutes after midnight."""
    h, m = text.split(":")[:2]
    return int(h) * 60 + int(m)


def _stamp(day: dt.date, text: str) -> dt.datetime:
    parts = [int(x) for x in text.split(":")]
    return dt.datetime.combine(day, dt.time(*parts))


def timeline_of(rules: Rules) -> RulesTimeline:
    return RulesTimeline((dt.date.min,), (rules,))


def classify(day: dt.date, *stamps: str, rules: Rules | None = None,
             person: PersonPeriod = PERSON, leave: Mapping[str, str] | None = None,
             corrections: Sequence[Correction] = (), manual: Sequence[ManualAbsence] = (),
             now: dt.datetime | None = None) -> DayResult:
    """Punch the clock at ``stamps`` ('HH:MM' or 'HH:MM:SS') on ``day`` and judge the day."""
    rules = rules or Rules()
    by_day = assign_punches([_stamp(day, s) for s in stamps], timeline_of(rules))
    return classify_day(day, by_day.get(day, ()), rules, CAL, person, leave, corrections,
                        manual, now)


def with_settings(**values: str) -> Rules:
    """Rules built the way the app builds them: from setting keys (dots as '__')."""
    r = Rules()
    for key, value in values.items():
        r = apply_setting(r, key.replace("__", "."), value)
    return r


GRACE_15 = with_settings(rules__late_grace_minutes="15", rules__early_grace_minutes="15")


# ---- late and early by the minute (regulation: 8:30-12:00 / 14:00-17:30, grace 0) ----------
def test_check_in_one_minute_after_start_is_late_by_one() -> None:
    """Late: a check-in at 08:31:00 is 1 minute late (grace 0)."""
    am = classify(TUESDAY, "08:31:00", "12:05", "13:55", "17:35").am
    assert (am.verdict, am.late_minutes, am.severe_late) == (LATE, 1, False)


def test_check_in_within_the_start_minute_is_on_time() -> None:
    """Minute precision: 08:30:59 is still 8:30, so not late."""
    am = classify(TUESDAY, "08:30:59", "12:05", "13:55", "17:35").am
    assert (am.verdict, am.late_minutes) == (PRESENT, 0)


def test_check_out_one_second_before_end_is_early_by_one() -> None:
    """Early leave: a check-out at 17:29:59 is before 17:30, early by 1 minute (grace 0)."""
    pm = classify(TUESDAY, "08:25", "12:05", "13:55", "17:29:59").pm
    assert (pm.verdict, pm.early_minutes, pm.severe_early) == (EARLY_LEAVE, 1, False)


def test_check_out_at_the_end_minute_is_not_early() -> None:
    """Early leave: a check-out at 17:30:00 is not early."""
    pm = classify(TUESDAY, "08:25", "12:05", "13:55", "17:30:00").pm
    assert (pm.verdict, pm.early_minutes) == (PRESENT, 0)


@pytest.mark.parametrize(("check_in", "verdict", "late"), [
    ("08:45", PRESENT, 0), ("08:46", LATE, 16)])
def test_late_grace_fifteen(check_in: str, verdict: str, late: int) -> None:
    """Late with grace 15: 08:45 is not late; 08:46 is late, and by the whole 16 minutes."""
    rules = with_settings(rules__late_grace_minutes="15")
    am = classify(TUESDAY, check_in, "12:05", "13:55", "17:35", rules=rules).am
    assert (am.verdict, am.late_minutes) == (verdict, late)


@pytest.mark.parametrize(("check_out", "verdict", "early"), [
    ("17:15", PRESENT, 0), ("17:14", EARLY_LEAVE, 16)])
def test_early_grace_fifteen(check_out: str, verdict: str, early: int) -> None:
    """Early leave with grace 15: 17:15 is not early; 17:14 is early by the whole 16 minutes."""
    rules = with_settings(rules__early_grace_minutes="15")
    pm = classify(TUESDAY, "08:25", "12:05", "13:55", check_out, rules=rules).pm
    assert (pm.verdict, pm.early_minutes) == (verdict, early)


@pytest.mark.parametrize(("check_in", "late", "severe"), [("09:00", 30, False),
                                                          ("09:01", 31, True)])
def test_severe_late_is_more_than_thirty_minutes(check_in: str, late: int,
                                                 severe: bool) -> None:
    """Severe late: 30 minutes late is not severe, 31 is."""
    am = classify(TUESDAY, check_in, "12:05", "13:55", "17:35").am
    assert (am.verdict, am.late_minutes, am.severe_late) == (LATE, late, severe)


@pytest.mark.parametrize(("check_out", "early", "severe"), [("17:00", 30, False),
                                                            ("16:59", 31, True)])
def test_severe_early_is_more_than_thirty_minutes(check_out: str, early: int,
                                                  severe: bool) -> None:
    """Severe early leave: leaving 30 minutes early is not severe, 31 is."""
    pm = classify(TUESDAY, "08:25", "12:05", "13:55", check_out).pm
    assert (pm.verdict, pm.early_minutes, pm.severe_early) == (EARLY_LEAVE, early, severe)


# ---- the 08:00-12:00 / 14:00-18:00 regulation with 15 minutes' grace -------------------------
def _eight_to_six() -> Rules:
    return RulesTimeline.build([
        (D(2026, 1, 1), "schedule.am", "08:00-12:00"),
        (D(2026, 1, 1), "schedule.pm", "14:00-18:00"),
        (D(2026, 1, 1), "rules.late_grace_minutes", "15"),
        (D(2026, 1, 1), "rules.early_grace_minutes", "15"),
    ]).at(TUESDAY)


def test_variant_schedule_built_from_settings() -> None:
    """The 8:00-12:00 / 14:00-18:00 regulation: its settings give those sessions and graces."""
    r = _eight_to_six()
    assert (r.am_start, r.am_end, r.pm_start, r.pm_end) == (hm("08:00"), hm("12:00"),
                                                            hm("14:00"), hm("18:00"))
    assert (r.late_grace, r.early_grace, r.split) == (15, 15, hm("13:00"))


@pytest.mark.parametrize(("punches", "am_verdict", "late", "pm_verdict", "early"), [
    (("08:15", "12:05", "13:55", "17:45"), PRESENT, 0, PRESENT, 0),
    (("08:16", "12:05", "13:55", "17:44"), LATE, 16, EARLY_LEAVE, 16),
    (("08:25", "12:05", "13:55", "18:00"), LATE, 25, PRESENT, 0),  # on time at 08:30 rules
])
def test_variant_more_than_fifteen_minutes(punches: tuple[str, ...], am_verdict: str, late: int,
                                           pm_verdict: str, early: int) -> None:
    """8:00/18:00 regulation: more than 15 minutes late / early counts, by the whole delay."""
    d = classify(TUESDAY, *punches, rules=_eight_to_six())
    assert (d.am.verdict, d.am.late_minutes) == (am_verdict, late)
    assert (d.pm.verdict, d.pm.early_minutes) == (pm_verdict, early)


# ---- which days are required (A1, A7) ----------------------------------------------------------
@pytest.mark.parametrize("saturday", [D(2026, 2, 14), D(2026, 2, 28), D(2026, 10, 10)])
def test_adjusted_workday_saturday_without_punches_is_absent(saturday: dt.date) -> None:
    """A 调休上班 Saturday is an ordinary working day: no punches means both sessions absent."""
    assert CAL.kind_of(saturday) == ADJUSTED_WORKDAY
    d = classify(saturday)
    assert d.required and d.day_kind == ADJUSTED_WORKDAY
    assert (d.am.verdict, d.pm.verdict) == (ABSENT, ABSENT)
    assert d.am.absent_reason == d.pm.absent_reason == NO_PUNCH


def test_statutory_holiday_is_not_required() -> None:
    """Statutory holidays are off: 2026-10-01 without punches is a holiday, not an absence."""
    d = classify(D(2026, 10, 1))
    assert (d.day_kind, d.required) == (STATUTORY_HOLIDAY, False)
    assert (d.am.verdict, d.pm.verdict) == (HOLIDAY, HOLIDAY)
    s = summarize(1, [d], Rules())
    assert (s.required_days, s.absent_days, s.absence_count) == (0, 0, 0)


@pytest.mark.parametrize("day", [D(2026, 3, 14), D(2026, 2, 20)])
def test_rest_days_are_not_required(day: dt.date) -> None:
    """A normal Saturday, and a weekday given off in exchange (2026-02-20), are rest days."""
    d = classify(day)
    assert (d.required, d.am.verdict, d.pm.verdict) == (False, REST_DAY, REST_DAY)
    assert d.day_kind == REST_KIND
    assert day_symbol(d, L) == L["rest_day"]


def test_days_outside_the_on_site_period_are_not_required() -> None:
    """Only the person's on-site period is required."""
    person = PersonPeriod(1, start=D(2026, 3, 11), end=D(2026, 3, 20))
    assert not classify(TUESDAY, person=person).required
    assert classify(D(2026, 3, 11), person=person).required
    assert classify(D(2026, 3, 20), person=person).required
    assert not classify(D(2026, 3, 23), person=person).required


# ---- which session and which slot a punch is ---------------------------------------------------
def test_punches_split_at_one_oclock() -> None:
    """12:05 is the morning's check-out and 13:05 the afternoon's check-in (split = 13:00)."""
    assert Rules().split == hm("13:00")
    d = classify(TUESDAY, "08:25", "12:05", "13:05", "17:35")
    assert (d.am.sign_in, d.am.sign_out) == (hm("08:25"), hm("12:05"))
    assert (d.pm.sign_in, d.pm.sign_out) == (hm("13:05"), hm("17:35"))
    assert (d.am.verdict, d.pm.verdict) == (PRESENT, PRESENT)


def test_lone_early_morning_punch_is_a_check_in() -> None:
    """A lone 08:20 is the check-in; the check-out is the missing punch."""
    am = classify(TUESDAY, "08:20", "13:55", "17:35").am
    assert (am.verdict, am.sign_in, am.sign_out) == (MISSING_PUNCH, hm("08:20"), None)
    assert (am.missing_in, am.missing_out, am.missing_count) == (False, True, 1)


def test_lone_late_morning_punch_is_a_check_out() -> None:
    """A lone 11:50 is the check-out; the check-in is the missing punch."""
    am = classify(TUESDAY, "11:50", "13:55", "17:35").am
    assert (am.verdict, am.sign_in, am.sign_out) == (MISSING_PUNCH, None, hm("11:50"))
    assert (am.missing_in, am.missing_out, am.early_minutes) == (True, False, 10)


def test_two_punches_within_duplicate_window_count_once() -> None:
    """08:20 and 08:25 (within 10 minutes) are one check-in pressed twice."""
    d = classify(TUESDAY, "08:20", "08:25", "13:55", "17:35")
    assert (d.am.verdict, d.am.sign_in, d.am.sign_out) == (MISSING_PUNCH, hm("08:20"), None)
    assert d.am.missing_count == 1
    assert summarize(1, [d], Rules()).missing_punches == 1


def test_two_presses_across_the_middle_are_still_one_punch() -> None:
    """Duplicate presses: 10:14 and 10:16 (within 10 minutes) are one check-in, not in + out."""
    am = classify(TUESDAY, "10:14", "10:16", "13:55", "17:35").am
    assert (am.verdict, am.sign_in, am.sign_out) == (MISSING_PUNCH, hm("10:14"), None)
    assert (am.late_minutes, am.early_minutes, am.missing_count) == (104, 0, 1)


def test_cross_midnight_punch_belongs_to_previous_day() -> None:
    """A4: a punch at 01:30 on the 6th (before day start 04:00) belongs to the 5th."""
    timeline = timeline_of(Rules())
    by_day = assign_punches([dt.datetime(2026, 3, 5, 13, 55), dt.datetime(2026, 3, 6, 1, 30),
                             dt.datetime(2026, 3, 6, 4, 0)], timeline)
    assert by_day == {D(2026, 3, 5): [hm("13:55"), 24 * 60 + hm("01:30")],
                      D(2026, 3, 6): [hm("04:00")]}
    d = classify_day(D(2026, 3, 5), [hm("08:25"), hm("12:05"), *by_day[D(2026, 3, 5)]],
                     Rules(), CAL, PERSON)
    assert (d.pm.verdict, d.pm.sign_out) == (PRESENT, 24 * 60 + hm("01:30"))


# ---- the month: 《缺勤情况说明》 thresholds (A5) ----------------------------------------------
MARCH = CAL.working_days(D(2026, 3, 1), D(2026, 3, 31))


def _absences(n: int) -> list[DayResult]:
    """A March with exactly ``n`` absent sessions (whole days, then one morning)."""
    days = [classify(d, *FULL_DAY) for d in MARCH]
    for i in range(n // 2):
        days[i] = classify(MARCH[i])
    if n % 2:
        days[n // 2] = classify(MARCH[n // 2], "13:55", "17:35")
    return days


@pytest.mark.parametrize(("n", "needed"), [(3, False), (4, True)])
def test_absence_explanation_more_than_three_absences(n: int, needed: bool) -> None:
    """《缺勤情况说明》: 3 absences in a month are allowed, a 4th requires the form."""
    s = summarize(1, _absences(n), Rules())
    assert (s.absence_count, s.absent_days) == (n, n / 2)
    assert s.needs_absence_explanation is needed


def test_missing_punch_counts_as_an_absence() -> None:
    """《缺勤情况说明》: each missing punch counts once with the absent sessions (3 + 1 > 3)."""
    days = _absences(3)
    days[10] = classify(MARCH[10], "08:25", "13:55", "17:35")
    s = summarize(1, days, Rules())
    assert (s.absence_count, s.missing_punches, s.needs_absence_explanation) == (4, 1, True)


@pytest.mark.parametrize(("last_late", "total", "needed"), [("09:00", 180, False),
                                                            ("09:01", 181, True)])
def test_absence_explanation_more_than_three_hours_late(last_late: str, total: int,
                                                        needed: bool) -> None:
    """《缺勤情况说明》: 180 minutes of lateness in a month are allowed, 181 require the form."""
    days = [classify(d, *FULL_DAY) for d in MARCH]
    for i in range(5):
        days[i] = classify(MARCH[i], "09:00", "12:05", "13:55", "17:35")  # 30 minutes each
    days[5] = classify(MARCH[5], last_late, "12:05", "13:55", "17:35")
    s = summarize(1, days, Rules())
    assert (s.late_count, s.late_minutes, s.absence_count) == (6, total, 0)
    assert s.needs_absence_explanation is needed


def test_month_counts() -> None:
    """A5: required and attended days, late/early counts and minutes, severe count."""
    days = [classify(d, *FULL_DAY) for d in MARCH]
    days[0] = classify(MARCH[0], "09:15", "12:05", "13:55", "17:10")  # late 45, early 20
    days[1] = classify(MARCH[1], "13:55", "17:35")  # morning absent
    s = summarize(1, days, Rules())
    assert s.required_days == len(MARCH) == 22
    assert s.attended_days == len(MARCH) - 0.5
    assert (s.late_count, s.late_minutes, s.early_count, s.early_minutes) == (1, 45, 1, 20)
    assert (s.severe_count, s.absent_days, s.absence_count) == (1, 0.5, 1)


# ---- nursing hour ------------------------------------------------------------------------------
NURSING = PersonPeriod(1, nursing=((D(2025, 12, 1), D(2026, 3, 20)),))  # birthday 2026-03-20


def test_nursing_hour_covers_late_arrival_and_early_leave() -> None:
    """Nursing hour: 55 minutes late plus 5 minutes early (60 in all) are neither late nor early."""
    d = classify(TUESDAY, "09:25", "12:05", "13:55", "17:25", person=NURSING)
    assert (d.am.verdict, d.am.late_minutes) == (PRESENT, 0)
    assert (d.pm.verdict, d.pm.early_minutes) == (PRESENT, 0)


def test_nursing_hour_is_one_hour_only() -> None:
    """Nursing hour: 55 late and 10 early exceed the hour by 5: early leave by 5."""
    d = classify(TUESDAY, "09:25", "12:05", "13:55", "17:20", person=NURSING)
    assert (d.am.verdict, d.am.late_minutes) == (PRESENT, 0)
    assert (d.pm.verdict, d.pm.early_minutes) == (EARLY_LEAVE, 5)


def test_nursing_hour_ends_on_first_birthday() -> None:
    """Nursing hour: on the child's first birthday it no longer applies (09:25 is 55 late)."""
    d = classify(D(2026, 3, 20), "09:25", "12:05", "13:55", "17:35", person=NURSING)
    assert (d.am.verdict, d.am.late_minutes) == (LATE, 55)


# ---- leave, corrections, manual absences -------------------------------------------------------
def test_session_on_approved_leave() -> None:
    """Leave: a session with approved leave is leave of that type, not absent."""
    d = classify(TUESDAY, "13:55", "17:35", leave={AM: "personal_leave"})
    assert (d.am.verdict, d.am.leave_type) == (LEAVE, "personal_leave")
    assert d.pm.verdict == PRESENT
    s = summarize(1, [d], Rules())
    assert (s.leave_days, s.attended_days, s.absence_count) == ({"personal_leave": 0.5}, 0.5, 0)


def test_half_day_leave_symbol_is_two_characters_morning_first() -> None:
    """P2 symbols: half a day of leave and half present show two characters, morning first."""
    morning_off = classify(TUESDAY, "13:55", "17:35", leave={AM: "personal_leave"})
    afternoon_off = classify(TUESDAY, "08:25", "12:05", leave={PM: "sick_leave"})
    assert day_symbol(morning_off, L) == L["personal_leave"] + L["present"]
    assert day_symbol(afternoon_off, L) == L["present"] + L["sick_leave"]
    whole = classify(TUESDAY, leave={AM: "annual_leave", PM: "annual_leave"})
    assert day_symbol(whole, L) == L["annual_leave"]


def test_correction_replaces_a_late_check_in() -> None:
    """A3 correction: an approved 08:30 check-in replaces the late 08:50 punch."""
    late = classify(TUESDAY, "08:50", "12:05", "13:55", "17:35")
    assert (late.am.verdict, late.am.late_minutes) == (LATE, 20)
    fixed = classify(TUESDAY, "08:50", "12:05", "13:55", "17:35",
                     corrections=[Correction(TUESDAY, AM, "in", hm("08:30"))])
    assert (fixed.am.verdict, fixed.am.late_minutes) == (PRESENT, 0)
    assert (fixed.am.sign_in, fixed.am.corrected_in, fixed.am.corrected_out) == (
        hm("08:30"), True, False)
    assert fixed.punches == late.punches  # the raw punches are untouched


def test_correction_supplies_a_missing_check_out() -> None:
    """A3 correction: a check-out given by correction removes the missing punch."""
    missing = classify(TUESDAY, "08:25", "12:05", "13:55")
    assert (missing.pm.verdict, missing.pm.missing_out) == (MISSING_PUNCH, True)
    fixed = classify(TUESDAY, "08:25", "12:05", "13:55",
                     corrections=[Correction(TUESDAY, PM, "out", hm("17:35"))])
    assert (fixed.pm.verdict, fixed.pm.missing_out, fixed.pm.corrected_out) == (PRESENT, False,
                                                                                 True)
    assert summarize(1, [fixed], Rules()).missing_punches == 0


def test_manual_absence_overrides_punches() -> None:
    """A6: someone else punching (proxy_punch) makes the session absent despite its punches."""
    d = classify(TUESDAY, *FULL_DAY, manual=[ManualAbsence(TUESDAY, AM, "proxy_punch")])
    assert (d.am.verdict, d.am.absent_reason) == (ABSENT, "proxy_punch")
    assert d.pm.verdict == PRESENT
    assert day_symbol(d, L) == L["absent"] + L["present"]


# ---- sessions not over yet -------------------------------------------------------------------
def test_afternoon_not_over_is_pending() -> None:
    """Pending: at 15:00 the afternoon has not ended; it is neither attended nor absent."""
    d = classify(TUESDAY, "08:25", "12:05", now=dt.datetime.combine(TUESDAY, dt.time(15, 0)))
    assert (d.am.verdict, d.pm.verdict) == (PRESENT, PENDING)
    s = summarize(1, [d], Rules())
    assert (s.required_days, s.attended_days, s.absent_days, s.absence_count) == (1, 0.5, 0, 0)


def test_session_is_judged_once_it_ends() -> None:
    """Pending: at 17:30 the afternoon has ended; no punch then is an absence."""
    d = classify(TUESDAY, "08:25", "12:05", now=dt.datetime.combine(TUESDAY, dt.time(17, 30)))
    assert d.pm.verdict == ABSENT


def test_future_day_is_pending() -> None:
    """Pending: a day after 'now' is pending in both sessions, still required."""
    d = classify(TUESDAY, now=dt.datetime(2026, 3, 9, 18, 0))
    assert (d.am.verdict, d.pm.verdict, d.required) == (PENDING, PENDING, True)
    s = summarize(1, [d], Rules())
    assert (s.required_days, s.absence_count, s.attended_days) == (1, 0, 0)


# ---- sheet symbols (P2) ----------------------------------------------------------------------
@pytest.mark.parametrize(("punches", "expected"), [
    (FULL_DAY, [L["present"]]),
    (("08:40", "12:05", "13:55", "17:35"), [L["late"]]),
    (("08:25", "12:05", "13:55", "17:10"), [L["early_leave"]]),
    (("08:40", "12:05", "13:55", "17:10"), [L["late"], L["early_leave"]]),
    (("08:25", "13:55", "17:35"), [L["missing_punch"]]),
    ((), [L["absent"]]),
    (("13:55", "17:35"), [L["absent"], L["present"]]),
    (("08:25", "12:05"), [L["present"], L["absent"]]),
])
def test_day_symbols(punches: tuple[str, ...], expected: list[str]) -> None:
    """P2: √ present, 迟 late, 早 early, 缺 missing, 旷 absent; both marks of a day; half days."""
    assert day_symbol(classify(TUESDAY, *punches), L) == "".join(expected)


def test_holiday_symbol() -> None:
    """P2: a statutory holiday shows the holiday mark."""
    assert day_symbol(classify(D(2026, 10, 1)), L) == L["holiday"]


# ---- effective-dated rules -------------------------------------------------------------------
def test_rules_timeline_applies_from_its_date_on() -> None:
    """A change from 2026-06-01 applies from that day and leaves the days before it alone."""
    tl = RulesTimeline.build([(D(2026, 6, 1), "rules.late_grace_minutes", "15")])
    assert tl.at(D(2026, 5, 31)).late_grace == 0
    assert tl.at(D(2026, 6, 1)).late_grace == 15
    assert tl.values_at(D(2026, 3, 1))["rules.late_grace_minutes"] == "0"


@pytest.mark.parametrize(("key", "value"), [
    ("schedule.am", "25:00-12:00"), ("schedule.am", "12:00-08:30"),
    ("schedule.pm", "11:00-17:30"), ("rules.late_grace_minutes", "-1"),
    ("rules.late_grace_minutes", "abc"), ("rules.day_start", "09:00"),
    ("schedule.am", "08:30"), ("schedule.am", "8.30-12")])
def test_invalid_settings_are_refused(key: str, value: str) -> None:
    """A1/A2 settings: impossible times and negative minutes are refused."""
    with pytest.raises(ValueError):
        apply_setting(Rules(), key, value)


def test_an_unknown_setting_key_is_refused() -> None:
    with pytest.raises(KeyError):
        apply_setting(Rules(), "rules.no_such_thing", "1")


def test_rules_timeline_ignores_keys_that_are_not_attendance_rules() -> None:
    """The settings table also holds the legend symbols; they do not change the rules."""
    tl = RulesTimeline.build([(D(2026, 6, 1), "legend.late", "迟"),
                              (D(2026, 6, 1), "rules.severe_minutes", "45")])
    assert tl.at(D(2026, 6, 1)) == replace(Rules(), severe_minutes=45)
    assert tl.at(D(2026, 5, 31)) == Rules()


def test_a_setting_from_the_very_beginning_replaces_the_defaults() -> None:
    tl = RulesTimeline.build([(dt.date.min, "rules.late_grace_minutes", "5")])
    assert tl.starts == (dt.date.min,)
    assert tl.at(D(2000, 1, 1)).late_grace == 5


def test_default_rules_are_the_regulation() -> None:
    """A1/A2 defaults: 08:30-12:00, 14:00-17:30, grace 0, severe > 30, 3 absences / 180 min."""
    r = Rules()
    assert (r.am_start, r.am_end, r.pm_start, r.pm_end) == (hm("08:30"), hm("12:00"),
                                                            hm("14:00"), hm("17:30"))
    assert (r.late_grace, r.early_grace, r.severe_minutes) == (0, 0, 30)
    assert (r.explanation_absences, r.explanation_late_minutes) == (3, 180)
    assert CAL.kind_of(TUESDAY) == WORKDAY


def test_nursing_hour_left_over_covers_the_lunch_time_edges() -> None:
    """Nursing hour (RULES: one hour a day, counted as working time): an on-time morning
    leaves the whole hour for the lunch-time edges: 30 minutes early before lunch and
    40 minutes late after it use 60 minutes, so only 10 minutes of lateness remain."""
    d = classify(TUESDAY, "08:25", "11:30", "14:40", "17:35", person=NURSING)
    assert (d.am.verdict, d.am.early_minutes) == (PRESENT, 0)
    assert (d.pm.verdict, d.pm.late_minutes) == (LATE, 10)


def test_nursing_hour_within_the_grace_leaves_the_session_present() -> None:
    """With a 15-minute grace, 70 minutes late after lunch less the nursing hour is 10: on
    time."""
    d = classify(TUESDAY, "08:25", "12:05", "15:10", "17:35", person=NURSING, rules=GRACE_15)
    assert (d.pm.verdict, d.pm.late_minutes) == (PRESENT, 0)


def test_nursing_hour_early_leave_before_lunch_within_the_hour() -> None:
    """Leaving 70 minutes before noon uses the hour; the 10 left are early leave."""
    d = classify(TUESDAY, "08:25", "10:50", "13:55", "17:35", person=NURSING)
    assert (d.am.verdict, d.am.early_minutes) == (EARLY_LEAVE, 10)
    assert (d.pm.verdict, d.pm.late_minutes) == (PRESENT, 0)


def test_nursing_hour_does_not_hide_a_missing_punch() -> None:
    """Late after lunch is covered by the hour, but a missing sign-out stays a missing punch."""
    d = classify(TUESDAY, "08:25", "12:05", "14:20", person=NURSING)
    assert (d.pm.verdict, d.pm.late_minutes, d.pm.missing_out) == (MISSING_PUNCH, 0, True)


def test_a_day_adds_up_the_minutes_of_its_two_sessions() -> None:
    """10 minutes late in the morning, 5 minutes early in the afternoon (grace 0)."""
    d = classify(TUESDAY, "08:40", "12:05", "13:55", "17:25")
    assert (d.late_minutes, d.early_minutes) == (10, 5)
    assert d.session(AM) is d.am and d.session(PM) is d.pm


@pytest.mark.parametrize(("year", "month", "days", "last"), [
    (2026, 2, 28, D(2026, 2, 28)), (2024, 2, 29, D(2024, 2, 29)),
    (2026, 11, 30, D(2026, 11, 30)), (2026, 12, 31, D(2026, 12, 31))])
def test_month_dates_are_every_day_of_the_month(year: int, month: int, days: int,
                                                last: dt.date) -> None:
    from app.domain.attendance import month_dates

    dates = month_dates(year, month)
    assert (len(dates), dates[0], dates[-1]) == (days, D(year, month, 1), last)


def test_sessions_not_yet_due_or_off_site_carry_their_own_symbol() -> None:
    """P2: the legend decides how a pending session or a day off site is printed."""
    from app.domain.attendance import NOT_ON_SITE, SessionResult
    from app.domain.legend import session_marks

    legend = {**L, "pending": "…", "not_on_site": "-"}
    assert session_marks(SessionResult(PENDING), legend) == ["…"]
    assert session_marks(SessionResult(NOT_ON_SITE), legend) == ["-"]
    assert session_marks(SessionResult(NOT_ON_SITE), L) == [L["not_on_site"]]


def test_default_setting_values_are_the_regulation_as_text() -> None:
    """A1/A2: what the settings screen shows before anything is changed."""
    from app.domain.schedule import default_values

    values = default_values()
    assert (values["schedule.am"], values["schedule.pm"]) == ("08:30-12:00", "14:00-17:30")
    assert values["rules.late_grace_minutes"] == "0"
    assert values["rules.severe_minutes"] == "30"
    assert all(apply_setting(Rules(), k, v) == Rules() for k, v in values.items())
