"""Service log rules (SPEC V1–V3) at each boundary: minutes across midnight and month ends,
the 30-minute and 2-hour targets, the exact within-target percentage, open items carried
into the next month, the yearly inspection and the warranty."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.domain.service_log import (
    FAULT,
    INSPECTION,
    MET,
    MISSED,
    NOT_MEASURED,
    PENDING,
    RESOLVED,
    UNDECIDED,
    Entry,
    RecordFields,
    StaffVisit,
    Targets,
    Times,
    carried_into,
    check_record,
    inspection_status,
    measure,
    minutes_between,
    month_list,
    month_summary,
    open_items,
    parse_time_after,
    percent,
    record_number,
    targets_in_force,
    warranty,
    warranty_end,
    within,
)

T = Targets()  # the contract: 30 and 120 minutes
LATER = dt.datetime(2027, 1, 1)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def entry(i: int, reported: str, resolved: str | None = None, responded: str | None = None,
          kind: str = FAULT) -> Entry:
    return Entry(i, kind, Times(at(reported), at(responded) if responded else None, None,
                                at(resolved) if resolved else None), T)


# ---- minutes -------------------------------------------------------------------------------
def test_response_across_midnight_and_the_month_end_is_25_minutes() -> None:
    """Reported 23:50 on 31 October, responded 00:15 on 1 November."""
    times = Times(at("2026-10-31 23:50"), responded_at=at("2026-11-01 00:15"))
    m = measure(times, FAULT, T, now=at("2026-11-01 00:20"))
    assert m.response_minutes == 25
    assert m.response == MET


@pytest.mark.parametrize(("reported", "resolved", "minutes"), [
    ("2026-10-31 23:00", "2026-11-01 01:00", 120),  # month end
    ("2026-12-31 22:30", "2027-01-01 00:31", 121),  # year end
    ("2028-02-28 23:30", "2028-02-29 00:10", 40),  # leap day
    ("2026-11-03 10:30", "2026-11-04 10:30", 1440),  # a whole day
])
def test_resolution_minutes_use_full_datetimes(reported: str, resolved: str,
                                               minutes: int) -> None:
    times = Times(at(reported), resolved_at=at(resolved))
    assert measure(times, FAULT, T, LATER).resolution_minutes == minutes


@pytest.mark.parametrize(("minutes", "target", "ok"), [
    (30, 30, True), (31, 30, False), (29, 30, True), (0, 30, True),
    (120, 120, True), (121, 120, False),
])
def test_exactly_the_target_meets_it_one_more_minute_does_not(minutes: int, target: int,
                                                              ok: bool) -> None:
    assert within(minutes, target) is ok


@pytest.mark.parametrize(("response", "resolution", "verdicts"), [
    (30, 120, (MET, MET)), (31, 121, (MISSED, MISSED)), (30, 121, (MET, MISSED)),
    (31, 120, (MISSED, MET)),
])
def test_record_verdicts_at_both_boundaries(response: int, resolution: int,
                                            verdicts: tuple[str, str]) -> None:
    start = at("2026-11-30 23:45")
    times = Times(start, start + dt.timedelta(minutes=response), None,
                  start + dt.timedelta(minutes=resolution))
    m = measure(times, FAULT, T, LATER)
    assert (m.response, m.resolution) == verdicts


def test_the_first_action_answers_the_call() -> None:
    """Arriving on site (or solving it on the phone) counts as the response."""
    reported = at("2026-11-03 09:00")
    arrived_only = Times(reported, arrived_at=at("2026-11-03 09:20"))
    assert measure(arrived_only, FAULT, T, LATER).response_minutes == 20
    solved_on_phone = Times(reported, resolved_at=at("2026-11-03 09:12"))
    assert measure(solved_on_phone, FAULT, T, LATER).response_minutes == 12
    late_answer = Times(reported, at("2026-11-03 09:40"), at("2026-11-03 09:25"))
    assert measure(late_answer, FAULT, T, LATER).response_minutes == 25


def test_an_open_record_is_undecided_until_its_target_has_passed() -> None:
    times = Times(at("2026-11-03 09:00"))
    assert measure(times, FAULT, T, at("2026-11-03 09:30")).response == UNDECIDED
    assert measure(times, FAULT, T, at("2026-11-03 09:31")).response == MISSED
    assert measure(times, FAULT, T, at("2026-11-03 11:00")).resolution == UNDECIDED
    assert measure(times, FAULT, T, at("2026-11-03 11:01")).resolution == MISSED


def test_inspections_are_counted_but_not_measured() -> None:
    times = Times(at("2026-11-04 09:00"), arrived_at=at("2026-11-04 09:00"),
                  resolved_at=at("2026-11-04 13:00"))
    m = measure(times, INSPECTION, T, LATER)
    assert (m.response, m.resolution, m.resolution_minutes) == (NOT_MEASURED, NOT_MEASURED,
                                                                240)


def test_minutes_between_drops_partial_minutes() -> None:
    assert minutes_between(at("2026-11-01 10:00:00"), at("2026-11-01 10:30:59")) == 30


# ---- the monthly figures ---------------------------------------------------------------------
@pytest.mark.parametrize(("met", "decided", "expected"), [
    (2, 3, Decimal("66.7")), (1, 3, Decimal("33.3")), (1, 8, Decimal("12.5")),
    (1, 16, Decimal("6.3")),  # 6.25 rounds half up, not to even
    (5, 6, Decimal("83.3")), (3, 3, Decimal("100.0")), (0, 4, Decimal("0.0")),
])
def test_within_target_percentage_is_exact_and_rounded_half_up(met: int, decided: int,
                                                               expected: Decimal) -> None:
    assert percent(met, decided) == expected


def test_no_decided_record_means_no_percentage() -> None:
    assert percent(0, 0) is None


def test_month_summary_at_the_30_minute_and_2_hour_boundaries() -> None:
    base = at("2026-11-10 09:00")

    def rec(i: int, response: int, resolution: int) -> Entry:
        return Entry(i, FAULT, Times(base, base + dt.timedelta(minutes=response), None,
                                     base + dt.timedelta(minutes=resolution)), T)

    entries = [rec(1, 30, 120), rec(2, 31, 121), rec(3, 10, 60),
               Entry(4, INSPECTION, Times(base, None, base, base + dt.timedelta(hours=5)), T)]
    s = month_summary(entries, 2026, 11, LATER, T)
    assert s.total == 4
    assert dict(s.by_type) == {"fault": 3, "inspection": 1, "consult": 0, "change": 0,
                               "other": 0}
    assert (s.response.met, s.response.missed, s.response.percent) == (2, 1, Decimal("66.7"))
    assert s.response.decided == 3  # the percentage is of the decided ones
    assert (s.resolution.met, s.resolution.missed, s.resolution.percent) == (
        2, 1, Decimal("66.7"))
    assert (s.response.median, s.response.worst) == (30.0, 31)
    assert (s.resolution.median, s.resolution.worst) == (120.0, 121)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    base = at("2026-11-10 09:00")
    entries = [Entry(i, FAULT, Times(base, base + dt.timedelta(minutes=m)), T)
               for i, m in enumerate((5, 10, 25, 40))]
    s = month_summary(entries, 2026, 11, LATER, T)
    assert (s.response.median, s.response.worst, s.response.percent) == (17.5, 40,
                                                                         Decimal("75.0"))


def test_only_records_reported_in_the_month_count_and_undecided_ones_are_left_out() -> None:
    entries = [entry(1, "2026-10-31 23:50", responded="2026-11-01 00:15"),  # October's
               entry(2, "2026-11-30 23:50"),  # still within target at "now"
               entry(3, "2026-11-15 09:00", "2026-11-15 09:20", "2026-11-15 09:05")]
    s = month_summary(entries, 2026, 11, at("2026-12-01 00:10"), T)
    assert s.total == 2
    assert (s.response.met, s.response.missed, s.response.undecided) == (1, 0, 1)
    assert s.response.percent == Decimal("100.0")


# ---- open items --------------------------------------------------------------------------
def test_unresolved_items_at_month_end_are_carried_into_the_next_month() -> None:
    entries = [
        entry(1, "2026-10-30 16:40"),  # never resolved
        entry(2, "2026-10-31 23:40", "2026-11-01 00:30"),  # resolved after midnight
        entry(3, "2026-10-31 22:00", "2026-11-01 00:00"),  # at 00:00: the new month's
        entry(4, "2026-10-31 22:00", "2026-10-31 23:59"),  # resolved in October
        entry(5, "2026-10-20 09:00", "2026-11-05 10:00"),  # resolved in November
        entry(6, "2026-11-02 09:00"),  # November's own
    ]
    october = month_summary(entries, 2026, 10, LATER, T)
    assert october.open_ids == (5, 1, 3, 2)
    assert october.carried_ids == ()
    november = month_summary(entries, 2026, 11, LATER, T)
    assert november.carried_ids == (5, 1, 3, 2)
    assert november.open_ids == (1, 6)
    assert [e.id for e in month_list(entries, 2026, 11)] == [5, 1, 3, 2, 6]
    december = month_summary(entries, 2026, 12, LATER, T)
    assert december.carried_ids == (1, 6)  # resolved items stop being carried


def test_open_items_cut_off_exclusively_at_the_month_start() -> None:
    entries = [entry(1, "2026-11-01 00:00"), entry(2, "2026-10-31 23:59")]
    assert [e.id for e in carried_into(entries, 2026, 11)] == [2]
    assert [e.id for e in open_items(entries, at("2026-11-01 00:01"))] == [2, 1]


# ---- inspection, warranty ------------------------------------------------------------------
def test_yearly_inspection_is_due_until_one_is_recorded_that_year() -> None:
    today = dt.date(2026, 11, 29)
    due = inspection_status(2026, [dt.date(2025, 12, 30)], today)
    assert (due.done, due.overdue, due.dates) == (False, False, ())
    done = inspection_status(2026, [dt.date(2025, 12, 30), dt.date(2026, 10, 12),
                                    dt.date(2026, 11, 4)], today)
    assert (done.done, done.dates) == (True, (dt.date(2026, 10, 12), dt.date(2026, 11, 4)))
    missed = inspection_status(2025, [], dt.date(2026, 1, 1))
    assert (missed.done, missed.overdue) == (False, True)
    assert not inspection_status(2025, [], dt.date(2025, 12, 31)).overdue


def test_an_inspection_after_the_view_date_does_not_count_yet() -> None:
    status = inspection_status(2026, [dt.date(2026, 12, 1)], dt.date(2026, 11, 30))
    assert not status.done


@pytest.mark.parametrize(("accepted", "end"), [
    (dt.date(2024, 3, 15), dt.date(2027, 3, 15)),
    (dt.date(2024, 2, 29), dt.date(2027, 2, 28)),
    (dt.date(2024, 12, 27), dt.date(2027, 12, 27)),
])
def test_warranty_ends_three_years_after_acceptance(accepted: dt.date, end: dt.date) -> None:
    assert warranty_end(accepted) == end


def test_warranty_is_active_through_its_last_day() -> None:
    accepted = dt.date(2024, 12, 27)
    assert warranty(accepted, dt.date(2027, 12, 27)).active
    assert warranty(accepted, dt.date(2027, 12, 27)).days_left == 0
    assert warranty(accepted, dt.date(2027, 12, 26)).days_left == 1
    assert not warranty(accepted, dt.date(2027, 12, 28)).active
    assert not warranty(accepted, dt.date(2024, 12, 26)).active


# ---- entry ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("00:15", "2026-11-01 00:15"),  # after 23:50: the next day
    ("0015", "2026-11-01 00:15"),
    ("23:55", "2026-10-31 23:55"),
    ("23:50", "2026-10-31 23:50"),
    ("+25", "2026-11-01 00:15"),
    ("2026-11-02 08:00", "2026-11-02 08:00"),
])
def test_typed_times_are_read_relative_to_the_report(text: str, expected: str) -> None:
    assert parse_time_after(text, at("2026-10-31 23:50")) == at(expected)


def test_empty_and_unreadable_typed_times() -> None:
    assert parse_time_after("  ", at("2026-10-31 23:50")) is None
    with pytest.raises(ValueError):
        parse_time_after("9 am", at("2026-10-31 23:50"))


def _fields(**kw: object) -> RecordFields:
    base: dict[str, object] = dict(
        service_type=FAULT, source="phone", reported_at=at("2026-11-03 10:00"),
        reporter="R", reporter_dept="D", staff=(StaffVisit(1),), location="L",
        description="C", result=PENDING)
    base.update(kw)
    return RecordFields(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "problem"), [
    ({"responded_at": at("2026-11-03 09:59")}, ("before_reported", "responded_at")),
    ({"result": RESOLVED}, ("resolved_needs_time", "resolved_at")),
    ({"resolved_at": at("2026-11-03 11:00")}, ("pending_has_time", "result")),
    ({"responded_at": at("2026-11-03 10:20"), "resolved_at": at("2026-11-03 10:10"),
      "result": RESOLVED}, ("resolved_too_early", "resolved_at")),
    ({"staff": ()}, ("staff_missing", "staff")),
    ({"staff": (StaffVisit(1), StaffVisit(1))}, ("staff_duplicate", "staff")),
    ({"head_count": 0}, ("head_count_low", "head_count")),
    ({"staff": (StaffVisit(1, at("2026-11-03 10:30"), at("2026-11-03 10:20")),)},
     ("exit_before_entry", "staff")),
    ({"reporter": "", "reporter_dept": ""}, ("reporter_missing", "reporter")),
    ({"location": " "}, ("location_missing", "location")),
    ({"description": " "}, ("description_missing", "description")),
    ({"client_signed": True}, ("signed_needs_name", "client_signed_by")),
    ({"service_type": "repair"}, ("bad_type", "service_type")),
    ({"user_rating": "great"}, ("bad_rating", "user_rating")),
])
def test_record_checks_name_the_field(changes: dict[str, object],
                                      problem: tuple[str, str]) -> None:
    assert problem in check_record(_fields(**changes))


def test_a_sound_record_and_an_inspection_without_reporter_pass() -> None:
    assert check_record(_fields()) == []
    assert check_record(_fields(service_type=INSPECTION, reporter="", reporter_dept="")) == []
    assert check_record(_fields(head_count=3)) == []  # vendor engineers beside our staff


def test_numbers_continue_after_the_highest_of_the_month() -> None:
    used = ["YW-2026-11-001", "YW-2026-11-007", "YW-2026-10-009"]
    assert record_number("YW", 2026, 11, used) == "YW-2026-11-008"
    assert record_number("YW", 2026, 12, used) == "YW-2026-12-001"


def test_targets_follow_their_effective_dates() -> None:
    history = [(dt.date(2026, 12, 1), "response_minutes", "20"),
               (dt.date(2027, 1, 1), "resolution_minutes", "90")]
    assert targets_in_force(history, dt.date(2026, 11, 30)) == Targets(30, 120)
    assert targets_in_force(history, dt.date(2026, 12, 1)) == Targets(20, 120)
    assert targets_in_force(history, dt.date(2027, 1, 1)) == Targets(20, 90)
