"""No data is not absence (issue 14; app.domain.attendance ``Coverage``, ``NO_DATA``).

Pure domain: a session the clock data does not reach is ``no_data``: neither attended nor
absent, no absence count, no explanation trigger, no lateness; the sheet shows the no-data
mark, never the absent one. The fast path (``DayClassifier``) agrees with ``classify_day``.
"""

from __future__ import annotations

import datetime as dt

from app import strings
from app.domain.attendance import (
    ABSENT,
    AM,
    LATE,
    LEAVE,
    NO_DATA,
    PENDING,
    PM,
    PRESENT,
    REST_DAY,
    Correction,
    Coverage,
    DayClassifier,
    ManualAbsence,
    PersonPeriod,
    classify_day,
    month_dates,
    summarize,
)
from app.domain.calendar import HolidayCalendar
from app.domain.legend import day_symbol, session_marks
from app.domain.schedule import Rules, RulesTimeline

D, T = dt.date, dt.datetime
L = strings.LEGEND_DEFAULT
PERSON = PersonPeriod(1)
CAL = HolidayCalendar.build([], {2026: "confirmed"})  # weekends off, no holidays
TIMELINE = RulesTimeline((D.min,), (Rules(),))
TUESDAY = D(2026, 3, 10)
FULL_DAY = (8 * 60 + 25, 12 * 60 + 5, 13 * 60 + 55, 17 * 60 + 35)
LATE_DAY = (8 * 60 + 50, 12 * 60 + 5, 13 * 60 + 55, 17 * 60 + 35)


def judge(day: dt.date, punches: tuple[int, ...], coverage: Coverage | None, **kw: object
          ) -> tuple[str, str]:
    d = classify_day(day, punches, Rules(), CAL, PERSON, coverage=coverage,
                     **kw)  # type: ignore[arg-type]
    return d.am.verdict, d.pm.verdict


def test_a_session_ending_after_the_coverage_is_no_data() -> None:
    """The data reaches 13:00 on Tuesday: the morning (ends 12:00) is judged, the afternoon
    (ends 17:30) is no_data; the next day is no_data all day."""
    cov = Coverage(T(2026, 3, 10, 13, 0))
    assert judge(TUESDAY, (), cov) == (ABSENT, NO_DATA)
    assert judge(TUESDAY + dt.timedelta(days=1), (), cov) == (NO_DATA, NO_DATA)
    # covered to the minute the session ends: judged
    assert judge(TUESDAY, (), Coverage(T(2026, 3, 10, 17, 30))) == (ABSENT, ABSENT)


def test_nothing_imported_means_no_data_everywhere_but_days_off() -> None:
    cov = Coverage(None)
    assert judge(TUESDAY, (), cov) == (NO_DATA, NO_DATA)
    assert judge(D(2026, 3, 14), (), cov) == (REST_DAY, REST_DAY)  # a Saturday
    assert judge(TUESDAY, (), None) == (ABSENT, ABSENT)  # no coverage given: all judged


def test_a_declared_period_is_judged_as_if_read() -> None:
    cov = Coverage(None, ((D(2026, 3, 9), D(2026, 3, 10)),))
    assert judge(TUESDAY, (), cov) == (ABSENT, ABSENT)
    assert judge(D(2026, 3, 11), (), cov) == (NO_DATA, NO_DATA)
    assert cov.covers(D(2026, 3, 9), 0) and not cov.covers(D(2026, 3, 8), 0)


def test_leave_pending_manual_and_corrections_still_decide() -> None:
    """Approved leave shows anyway; a session not over is pending; a manual entry or a
    correction is evidence of its own."""
    cov = Coverage(None)
    assert judge(TUESDAY, (), cov, leave={AM: "personal_leave"}) == (LEAVE, NO_DATA)
    assert judge(TUESDAY, (), cov, now=T(2026, 3, 10, 13, 0)) == (NO_DATA, PENDING)
    manual = (ManualAbsence(TUESDAY, PM, "unauthorized_outing"),)
    assert judge(TUESDAY, (), cov, manual=manual) == (NO_DATA, ABSENT)
    fixed = (Correction(TUESDAY, AM, "in", 8 * 60 + 20), Correction(TUESDAY, AM, "out", 720))
    assert judge(TUESDAY, (), cov, corrections=fixed) == (PRESENT, NO_DATA)


def test_no_data_counts_neither_way_and_triggers_nothing() -> None:
    """A month of no data: no absence, no explanation form, no lateness; days still required."""
    days = [classify_day(d, LATE_DAY, Rules(), CAL, PERSON, coverage=Coverage(None))
            for d in month_dates(2026, 3)]
    s = summarize(1, days, Rules())
    assert (s.required_days, s.attended_days, s.absent_days, s.absence_count) == (22, 0, 0, 0)
    assert (s.late_count, s.late_minutes, s.missing_punches) == (0, 0, 0)
    assert not s.needs_absence_explanation
    judged = [classify_day(d, (), Rules(), CAL, PERSON) for d in month_dates(2026, 3)]
    assert summarize(1, judged, Rules()).needs_absence_explanation  # the contrast


def test_the_sheet_shows_the_no_data_mark_not_the_absent_one() -> None:
    cov = Coverage(T(2026, 3, 10, 13, 0))
    half = classify_day(TUESDAY, FULL_DAY, Rules(), CAL, PERSON, coverage=cov)
    assert (half.am.verdict, half.pm.verdict) == (PRESENT, NO_DATA)
    assert day_symbol(half, L) == L["present"] + L["no_data"]
    none = classify_day(TUESDAY + dt.timedelta(days=1), (), Rules(), CAL, PERSON, coverage=cov)
    assert day_symbol(none, L) == L["no_data"] != L["absent"]
    assert session_marks(none.am, L) == [L["no_data"]]


def test_the_fast_path_agrees_and_lists_the_unjudged_days() -> None:
    cov = Coverage(T(2026, 3, 10, 13, 0), ((D(2026, 3, 20), D(2026, 3, 20)),))
    now = T(2026, 3, 25, 10, 0)
    dates = month_dates(2026, 3)
    fast = DayClassifier(dates, TIMELINE, CAL, now, cov)
    for d in dates:
        for punches in ((), FULL_DAY, LATE_DAY):
            assert fast.classify(d, punches, PERSON) == classify_day(
                d, punches, Rules(), CAL, PERSON, now=now, coverage=cov)
    unjudged = fast.unjudged_workdays()
    assert unjudged[0] == TUESDAY and D(2026, 3, 20) not in unjudged
    assert D(2026, 3, 9) not in unjudged and D(2026, 3, 31) in unjudged
    assert D(2026, 3, 14) not in unjudged  # a Saturday is not a working day
    assert DayClassifier(dates, TIMELINE, CAL, None).unjudged_workdays() == []
    assert LATE in (fast.classify(TUESDAY, LATE_DAY, PERSON).am.verdict,)


def test_days_before_the_oldest_record_are_no_data() -> None:
    """The clock's memory starts at its oldest record: earlier days are not absences."""
    cov = Coverage(T(2026, 3, 31, 18, 0), since=D(2026, 3, 10))
    assert judge(D(2026, 3, 9), (), cov) == (NO_DATA, NO_DATA)
    assert judge(TUESDAY, (), cov) == (ABSENT, ABSENT)
    declared = Coverage(T(2026, 3, 31, 18, 0), ((D(2026, 3, 9), D(2026, 3, 9)),),
                        since=D(2026, 3, 10))
    assert judge(D(2026, 3, 9), (), declared) == (ABSENT, ABSENT)


def test_the_fast_path_shares_days_off_and_defers_personal_days() -> None:
    cov = Coverage(None)
    fast = DayClassifier([D(2026, 3, 14), TUESDAY], TIMELINE, CAL, None, cov)
    saturday = fast.classify(D(2026, 3, 14), (), PERSON)
    assert fast.classify(D(2026, 3, 14), (), PERSON) is saturday  # shared, not recomputed
    leave = {AM: "personal_leave"}
    assert fast.classify(TUESDAY, (), PERSON, leave) == classify_day(
        TUESDAY, (), Rules(), CAL, PERSON, leave, coverage=cov)
