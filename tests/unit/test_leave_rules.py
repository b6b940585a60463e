"""Leave and overtime rules, pure domain (SPEC L1–L7, O1; RULES-FORMS-TERMS §2; the
regulation's 第四条 and 第十条; issue 7).

Each test pins one rule at its boundary. The holiday calendar is the bundled
``data/holidays.csv`` (2026: National Day 10-01..10-03 statutory, 10-05..10-07 rest days,
Saturday 10-10 an adjusted workday).
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from app import config
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    REST_DAY,
    STATUTORY_HOLIDAY,
    WORKDAY,
    DayEntry,
    HolidayCalendar,
)
from app.domain.leave import (
    AM,
    ANNUAL_EXCEEDS_BALANCE,
    APPROVED,
    ATTACHMENT_MISSING,
    CANCELLED,
    DEPUTY_IS_APPLICANT,
    DEPUTY_MISSING,
    DEPUTY_NOT_ON_SITE,
    DEPUTY_ON_LEAVE,
    DRAFT,
    EXCEEDS_MAX,
    LATE_FILING,
    NO_WORKING_DAYS,
    OVERLAP,
    PM,
    REJECTED,
    RETURNED,
    SUBMITTED,
    TRANSITIONS,
    TYPES,
    DeputyInfo,
    LeaveType,
    OtherLeave,
    Span,
    annual_entitlement,
    check_request,
    counted_sessions,
    day_count,
    last_allowed_day,
    overtime_rate,
    required_notice_days,
)

D = dt.date
T = dt.datetime
ME, DEPUTY, OTHER = 1, 2, 3
ON_SITE = DeputyInfo(DEPUTY, "active", D(2026, 1, 1), None)
PERSONAL, SICK, ANNUAL = TYPES["personal_leave"], TYPES["sick_leave"], TYPES["annual_leave"]
MATERNITY = TYPES["maternity_leave"]


@pytest.fixture(scope="module")
def cal() -> HolidayCalendar:
    """The bundled holiday table, as the app ships it."""
    with config.data_path("holidays.csv").open(encoding="utf-8-sig", newline="") as fh:
        entries = [DayEntry(D.fromisoformat(r["date"]), r["kind"], r["name"])
                   for r in csv.DictReader(fh)]
    return HolidayCalendar.build(entries, {2026: "confirmed"})


def span(start: str, end: str) -> Span:
    """``2026-03-10`` (whole day) or ``2026-03-10pm`` / ``2026-03-11am`` (half days)."""
    def point(text: str, default: str) -> tuple[dt.date, str]:
        if text.endswith((AM, PM)):
            return D.fromisoformat(text[:-2]), text[-2:]
        return D.fromisoformat(text), default

    s, e = point(start, AM), point(end, PM)
    return Span(s[0], s[1], e[0], e[1])


def violations(sp: Span, days: float, filed_at: dt.datetime, *,
               leave_type: LeaveType = PERSONAL,
               deputy: DeputyInfo | None = ON_SITE, emergency: bool = False,
               has_attachment: bool = False, others: tuple[OtherLeave, ...] = (),
               annual_balance: float | None = None) -> list[str]:
    return check_request(ME, leave_type, sp, days, filed_at, deputy, emergency, has_attachment,
                         others, annual_balance)


# ---- day counting (L1: half-day granularity; working vs calendar days) ------------------------
def test_half_days_afternoon_to_next_morning_is_one_day(cal: HolidayCalendar) -> None:
    """L1 half days: 2026-03-10 pm to 2026-03-11 am is two sessions = 1 day."""
    assert day_count(span("2026-03-10pm", "2026-03-11am"), PERSONAL, cal) == 1.0
    assert day_count(span("2026-03-10pm", "2026-03-10pm"), PERSONAL, cal) == 0.5
    assert day_count(span("2026-03-10am", "2026-03-11pm"), PERSONAL, cal) == 2.0


def test_weekend_inside_working_day_leave_is_not_counted(cal: HolidayCalendar) -> None:
    """L1 working-day types: personal leave Friday 03-13 to Monday 03-16 = 2 days."""
    assert day_count(span("2026-03-13", "2026-03-16"), PERSONAL, cal) == 2.0
    assert day_count(span("2026-03-14", "2026-03-15"), PERSONAL, cal) == 0.0


def test_statutory_holidays_and_adjusted_workday_follow_the_calendar(
        cal: HolidayCalendar) -> None:
    """L1 + A7: personal leave 10-01..10-09 = 2 days; ..10-10 (adjusted Saturday) = 3."""
    assert cal.kind_of(D(2026, 10, 10)) == ADJUSTED_WORKDAY
    assert day_count(span("2026-10-01", "2026-10-09"), PERSONAL, cal) == 2.0
    assert day_count(span("2026-10-01", "2026-10-10"), PERSONAL, cal) == 3.0
    assert day_count(span("2026-10-01", "2026-10-11"), PERSONAL, cal) == 3.0
    days = {d for d, _ in counted_sessions(span("2026-10-01", "2026-10-11"), PERSONAL, cal)}
    assert days == {D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 10)}


def test_maternity_leave_counts_calendar_days(cal: HolidayCalendar) -> None:
    """RULES §2 产假: 98 calendar days from 2026-09-01 (through National Day) = 98."""
    start = D(2026, 9, 1)
    end = start + dt.timedelta(days=97)
    sp = Span(start, AM, end, PM)
    assert day_count(sp, MATERNITY, cal) == 98.0
    assert day_count(sp, TYPES["nursing_leave"], cal) == 98.0
    assert day_count(sp, PERSONAL, cal) < 98.0


def test_a_request_with_no_working_day_is_flagged(cal: HolidayCalendar) -> None:
    """L1: personal leave on a weekend only counts 0 days and is flagged no_working_days."""
    sp = span("2026-03-14", "2026-03-15")
    assert NO_WORKING_DAYS in violations(sp, day_count(sp, PERSONAL, cal), T(2026, 3, 1, 9))


# ---- advance notice (L2; regulation 第四条(1)) --------------------------------------------------
@pytest.mark.parametrize(("days", "needed"), [(0.5, 1), (1, 1), (2, 1), (2.5, 1), (3, 2),
                                              (10, 2)])
def test_required_notice_days(days: float, needed: int) -> None:
    """L2: fewer than 3 days needs 1 day ahead (2.5 too), 3 days or more needs 2."""
    assert required_notice_days(days) == needed


def test_one_day_filed_the_evening_before_is_in_time() -> None:
    """L2: 1 day of leave on 03-10 filed 03-09 23:59 is 1 day ahead: fine."""
    assert violations(span("2026-03-10", "2026-03-10"), 1, T(2026, 3, 9, 23, 59)) == []


def test_one_day_filed_on_the_morning_itself_is_late() -> None:
    """L2: 1 day of leave on 03-10 filed 03-10 08:00 is late_filing."""
    assert violations(span("2026-03-10", "2026-03-10"), 1, T(2026, 3, 10, 8, 0)) == [
        LATE_FILING]


def test_two_days_filed_one_day_before_are_in_time() -> None:
    """L2: 2 days (03-10..03-11) filed 03-09 need only 1 day ahead."""
    assert violations(span("2026-03-10", "2026-03-11"), 2, T(2026, 3, 9, 10)) == []


def test_three_days_need_two_days_notice() -> None:
    """L2: 3 days (03-10..03-12) filed 03-09 are late; filed 03-08 they are in time."""
    sp = span("2026-03-10", "2026-03-12")
    assert violations(sp, 3, T(2026, 3, 9, 10)) == [LATE_FILING]
    assert violations(sp, 3, T(2026, 3, 8, 23, 59)) == []


def test_two_and_a_half_days_need_only_one_day_notice() -> None:
    """L2: 2.5 days is 'fewer than 3': filed 1 day before is in time."""
    assert violations(span("2026-03-10am", "2026-03-12am"), 2.5, T(2026, 3, 9, 10)) == []


def test_emergency_leave_filed_on_the_day_is_not_late() -> None:
    """L4: emergency leave filed on the day itself has no late_filing."""
    sp = span("2026-03-10", "2026-03-12")
    assert violations(sp, 3, T(2026, 3, 10, 7, 30), emergency=True) == []


# ---- 事假 at most one calendar month per request (L6; regulation 第十条) ---------------------
@pytest.mark.parametrize(("start", "last"), [
    (D(2026, 3, 1), D(2026, 3, 31)),
    (D(2026, 3, 10), D(2026, 4, 9)),
    (D(2026, 1, 31), D(2026, 2, 28)),
    (D(2028, 1, 31), D(2028, 2, 29)),
    (D(2026, 12, 10), D(2027, 1, 9)),
])
def test_last_allowed_day_of_one_month(start: dt.date, last: dt.date) -> None:
    """L6: one calendar month ends the day before the same date, or the shorter month's end."""
    assert last_allowed_day(start, 1) == last


def test_personal_leave_of_a_whole_month_is_allowed_one_more_day_exceeds() -> None:
    """L6: 事假 03-01..03-31 is fine; 03-01..04-01 is exceeds_max."""
    filed = T(2026, 2, 1, 9)
    assert EXCEEDS_MAX not in violations(span("2026-03-01", "2026-03-31"), 22, filed)
    assert EXCEEDS_MAX in violations(span("2026-03-01", "2026-04-01"), 23, filed)


def test_personal_leave_from_january_31_may_run_to_february_28() -> None:
    """L6: from 2026-01-31 the last allowed day is 02-28; 03-01 exceeds."""
    filed = T(2026, 1, 1, 9)
    assert EXCEEDS_MAX not in violations(span("2026-01-31", "2026-02-28"), 15, filed)
    assert EXCEEDS_MAX in violations(span("2026-01-31", "2026-03-01"), 15, filed)


def test_thirty_one_days_from_mid_month() -> None:
    """L6: 03-10..04-09 (31 days) is fine; 03-10..04-10 exceeds_max."""
    filed = T(2026, 3, 1, 9)
    assert EXCEEDS_MAX not in violations(span("2026-03-10", "2026-04-09"), 22, filed)
    assert EXCEEDS_MAX in violations(span("2026-03-10", "2026-04-10"), 23, filed)


def test_month_limit_applies_only_to_personal_leave() -> None:
    """L6: the one-month cap is for 事假 only; two months of sick leave are not exceeds_max."""
    sp = span("2026-03-01", "2026-04-30")
    assert EXCEEDS_MAX not in violations(sp, 43, T(2026, 2, 1, 9), leave_type=SICK,
                                         has_attachment=True)


# ---- deputy and overlap (L3) ------------------------------------------------------------------
SPAN = span("2026-03-10", "2026-03-11")
FILED = T(2026, 3, 5, 9)


def test_deputy_is_required() -> None:
    """L3: no covering colleague is deputy_missing."""
    assert violations(SPAN, 2, FILED, deputy=None) == [DEPUTY_MISSING]


def test_deputy_cannot_be_the_applicant() -> None:
    """L3: the applicant as their own deputy is deputy_is_applicant."""
    me = DeputyInfo(ME, "active", D(2026, 1, 1), None)
    assert violations(SPAN, 2, FILED, deputy=me) == [DEPUTY_IS_APPLICANT]


@pytest.mark.parametrize("deputy", [
    DeputyInfo(DEPUTY, "left", D(2026, 1, 1), D(2026, 2, 28)),
    DeputyInfo(DEPUTY, "active", D(2026, 1, 1), D(2026, 3, 10)),  # leaves during the leave
    DeputyInfo(DEPUTY, "pending", D(2026, 3, 11), None),  # arrives during the leave
], ids=["left", "end_date_inside", "not_yet_arrived"])
def test_deputy_must_be_on_site_for_the_whole_leave(deputy: DeputyInfo) -> None:
    """L3: a deputy who has left, leaves or arrives during the leave is deputy_not_on_site."""
    assert violations(SPAN, 2, FILED, deputy=deputy) == [DEPUTY_NOT_ON_SITE]


def test_deputy_in_handover_and_ending_on_the_last_day_is_on_site() -> None:
    """L3 boundary: a deputy in handover whose end date is the leave's last day is on site."""
    deputy = DeputyInfo(DEPUTY, "handover", D(2026, 3, 10), D(2026, 3, 11))
    assert violations(SPAN, 2, FILED, deputy=deputy) == []


@pytest.mark.parametrize("state", [SUBMITTED, APPROVED])
def test_deputy_with_an_overlapping_leave_is_flagged(state: str) -> None:
    """L3: a deputy with a submitted or approved leave overlapping is deputy_on_leave."""
    theirs = OtherLeave(DEPUTY, span("2026-03-11pm", "2026-03-13"), state)
    assert violations(SPAN, 2, FILED, others=(theirs,)) == [DEPUTY_ON_LEAVE]


@pytest.mark.parametrize("state", [DRAFT, REJECTED, CANCELLED])
def test_deputy_leave_that_is_not_active_does_not_count(state: str) -> None:
    """L3: a deputy's draft, rejected or cancelled leave does not make them unavailable."""
    theirs = OtherLeave(DEPUTY, SPAN, state)
    assert violations(SPAN, 2, FILED, others=(theirs,)) == []


def test_deputy_leave_right_after_does_not_overlap() -> None:
    """L3 boundary: the deputy's leave from 03-12 am does not overlap 03-10..03-11 pm."""
    theirs = OtherLeave(DEPUTY, span("2026-03-12", "2026-03-13"), APPROVED)
    assert violations(SPAN, 2, FILED, others=(theirs,)) == []


def test_own_overlapping_request_is_flagged() -> None:
    """L7: the person's own submitted request sharing a session is overlap."""
    mine = OtherLeave(ME, span("2026-03-11pm", "2026-03-11pm"), SUBMITTED)
    assert violations(SPAN, 2, FILED, others=(mine,)) == [OVERLAP]


@pytest.mark.parametrize("state", [REJECTED, CANCELLED])
def test_own_rejected_or_cancelled_request_does_not_overlap(state: str) -> None:
    """L7: a rejected or cancelled request of one's own is no overlap."""
    mine = OtherLeave(ME, SPAN, state)
    assert violations(SPAN, 2, FILED, others=(mine,)) == []


def test_morning_and_afternoon_of_the_same_day_do_not_overlap() -> None:
    """L1 half days: own leave 03-10 am and a new request 03-10 pm do not overlap."""
    mine = OtherLeave(ME, span("2026-03-10am", "2026-03-10am"), APPROVED)
    assert violations(span("2026-03-10pm", "2026-03-10pm"), 0.5, FILED, others=(mine,)) == []


def test_someone_elses_leave_is_no_overlap() -> None:
    """L7: another colleague's (not the deputy's) leave on the same days is not overlap."""
    theirs = OtherLeave(OTHER, SPAN, APPROVED)
    assert violations(SPAN, 2, FILED, others=(theirs,)) == []


# ---- attachments (L1: 病假 needs the hospital certificate) ------------------------------------
def test_sick_leave_needs_an_attachment() -> None:
    """L1: sick leave without attachment is attachment_missing; with one it is fine."""
    assert violations(SPAN, 2, FILED, leave_type=SICK) == [ATTACHMENT_MISSING]
    assert violations(SPAN, 2, FILED, leave_type=SICK, has_attachment=True) == []
    assert violations(SPAN, 2, FILED) == []  # personal leave needs none


# ---- annual leave (RULES §2 年休假) -----------------------------------------------------------
@pytest.mark.parametrize(("first_work", "days"), [
    (None, 0),
    (D(2026, 3, 1), 0),  # under 1 year at the end of 2026
    (D(2025, 6, 1), 5),
    (D(2017, 6, 1), 5),  # 9.6 years
    (D(2016, 6, 1), 10),
    (D(2007, 6, 1), 10),  # 19.6 years
    (D(2006, 6, 1), 15),
    (D(1990, 1, 1), 15),
])
def test_annual_entitlement_by_years_of_work(first_work: dt.date | None, days: int) -> None:
    """RULES §2: 0 under 1 year of work, 5 for 1–<10, 10 for 10–<20, 15 for 20 or more."""
    assert annual_entitlement(first_work, D(2020, 1, 1), 2026) == days


@pytest.mark.parametrize(("first_work", "days"), [(D(2017, 1, 1), 10), (D(2007, 1, 1), 15)],
                         ids=["10_years", "20_years"])
def test_annual_entitlement_at_the_band_boundary(first_work: dt.date, days: int) -> None:
    """RULES §2 boundary: 10 (20) whole years worked by 31 Dec 2026 → 10 (15) days."""
    assert annual_entitlement(first_work, D(2020, 1, 1), 2026) == days


def test_annual_entitlement_pro_rated_in_the_first_year() -> None:
    """RULES §2: joined 2026-07-01 with 12 years of work → 184/365 × 10 = 5.04 → 5."""
    remaining = (D(2026, 12, 31) - D(2026, 7, 1)).days + 1
    assert remaining == 184
    assert annual_entitlement(D(2014, 7, 1), D(2026, 7, 1), 2026) == 184 * 10 // 365 == 5


@pytest.mark.parametrize(("joined", "expected"), [
    (D(2026, 1, 1), 15),        # 365/365 × 15
    (D(2026, 10, 1), 3),        # 92/365 × 15 = 3.78 → 3 (fractions dropped)
    (D(2026, 12, 31), 0),       # 1/365 × 15
])
def test_annual_entitlement_pro_rating_drops_fractions(joined: dt.date, expected: int) -> None:
    """RULES §2: remaining calendar days / 365 × entitlement, fractions dropped."""
    remaining = (D(2026, 12, 31) - joined).days + 1
    assert remaining * 15 // 365 == expected
    assert annual_entitlement(D(2000, 1, 1), joined, 2026) == expected


def test_annual_entitlement_before_and_after_joining() -> None:
    """RULES §2: nothing for a year before joining; the full amount in later years."""
    assert annual_entitlement(D(2000, 1, 1), D(2026, 7, 1), 2025) == 0
    assert annual_entitlement(D(2000, 1, 1), D(2026, 7, 1), 2027) == 15


def test_annual_leave_above_the_balance_is_flagged() -> None:
    """RULES §2: annual leave of 3 days with 2.5 left is annual_exceeds_balance; 2.5 is not."""
    three = span("2026-03-10", "2026-03-12")
    half = span("2026-03-10", "2026-03-12am")
    filed = T(2026, 3, 1, 9)
    assert violations(three, 3, filed, leave_type=ANNUAL, annual_balance=2.5) == [
        ANNUAL_EXCEEDS_BALANCE]
    assert violations(half, 2.5, filed, leave_type=ANNUAL, annual_balance=2.5) == []
    assert violations(three, 3, filed, annual_balance=0) == []  # personal leave: no balance


# ---- states (L7) ------------------------------------------------------------------------------
def test_state_machine_happy_path() -> None:
    """L7: draft → submitted → approved → returned."""
    assert SUBMITTED in TRANSITIONS[DRAFT]
    assert APPROVED in TRANSITIONS[SUBMITTED]
    assert RETURNED in TRANSITIONS[APPROVED]


@pytest.mark.parametrize("state", [REJECTED, CANCELLED, RETURNED])
def test_final_states_go_nowhere(state: str) -> None:
    """L7: rejected, cancelled and returned are final."""
    assert TRANSITIONS[state] == set()


def test_no_shortcuts_through_the_state_machine() -> None:
    """L7: a draft cannot be approved directly; only submitted requests are rejected."""
    assert APPROVED not in TRANSITIONS[DRAFT]
    assert REJECTED not in TRANSITIONS[DRAFT] | TRANSITIONS[APPROVED]
    assert {s for s, nxt in TRANSITIONS.items() if REJECTED in nxt} == {SUBMITTED}


def test_early_return_frees_the_rest_of_the_span() -> None:
    """L7 销假: returning on 03-12 (first day back) keeps 03-10..03-11 only."""
    sp = span("2026-03-10", "2026-03-13")
    assert sp.until(D(2026, 3, 11)) == span("2026-03-10", "2026-03-11")
    assert sp.until(D(2026, 3, 9)) is None
    assert sp.until(D(2026, 3, 20)) == sp


# ---- overtime (O1; Labour Law art. 44) --------------------------------------------------------
@pytest.mark.parametrize(("day", "kind", "rate"), [
    (D(2026, 10, 12), WORKDAY, 1.5),             # Monday
    (D(2026, 10, 17), REST_DAY, 2.0),            # Saturday
    (D(2026, 10, 5), REST_DAY, 2.0),             # Monday off (补假) inside the break
    (D(2026, 10, 1), STATUTORY_HOLIDAY, 3.0),    # National Day
    (D(2026, 10, 10), ADJUSTED_WORKDAY, 1.5),    # Saturday made a workday
])
def test_overtime_rate_by_day_kind(cal: HolidayCalendar, day: dt.date, kind: str,
                                   rate: float) -> None:
    """O1: calendar day kind sets the rate: workday/adjusted 1.5, rest day 2, statutory 3."""
    assert cal.kind_of(day) == kind
    assert overtime_rate(kind) == rate


def test_a_span_is_valid_only_when_it_does_not_end_before_it_starts() -> None:
    """L1: half days count; the afternoon of a day cannot run to its own morning."""
    day = dt.date(2026, 3, 10)
    assert Span(day, "am", day, "pm").valid()
    assert Span(day, "am", day, "am").valid()
    assert not Span(day, "pm", day, "am").valid()
    assert not Span(day, "am", day - dt.timedelta(days=1), "pm").valid()
