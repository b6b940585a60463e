"""HolidayCalendar and the national rule (app.domain.calendar): pure, no database.

The calendar under test is built straight from the official 2024-2026 file in ``shared/``,
so every expectation below can be checked against that file by eye.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt

import pytest

from app import config, strings
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    REST_DAY,
    STATUTORY_HOLIDAY,
    WORKDAY,
    DayEntry,
    HolidayCalendar,
    LunarFestivals,
    balance_warning,
    expected_statutory_count,
    next_kind,
    normalize_kind,
    parse_weekday,
    rule_problem,
    statutory_days,
    streak_warnings,
    year_warnings,
)
from tests.helpers.samples import shared_sample

D = dt.date


def _official_entries() -> list[DayEntry]:
    official = shared_sample("holidays/cn-2024-2026.csv")
    with official.open(encoding="utf-8-sig", newline="") as fh:
        return [DayEntry(D.fromisoformat(r["date"]), r["kind"], r["name"])
                for r in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def official() -> list[DayEntry]:
    return _official_entries()


@pytest.fixture(scope="module")
def cal(official: list[DayEntry]) -> HolidayCalendar:
    return HolidayCalendar.build(official, {2024: "confirmed", 2025: "confirmed",
                                            2026: "confirmed"})


def _lunar(year: int) -> LunarFestivals:
    with config.data_path("lunar-festivals.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if int(row["year"]) == year:
                return LunarFestivals(year, **{k: D.fromisoformat(v) for k, v in row.items()
                                               if k != "year"})
    raise AssertionError(f"no lunar data for {year}")


# ---- single days ------------------------------------------------------------------------------
def test_every_day_of_2024_to_2026_follows_the_official_file(
        cal: HolidayCalendar, official: list[DayEntry]) -> None:
    table = {e.date: e for e in official}
    d = D(2024, 1, 1)
    while d <= D(2026, 12, 31):
        entry = table.get(d)
        expected = entry.kind if entry else (REST_DAY if d.weekday() >= 5 else WORKDAY)
        assert cal.kind_of(d) == expected, d
        assert cal.name_of(d) == (entry.name if entry else ""), d
        assert cal.is_workday(d) == (expected in (WORKDAY, ADJUSTED_WORKDAY)), d
        d += dt.timedelta(days=1)


def test_adjusted_workdays_of_the_2025_and_2026_breaks(cal: HolidayCalendar) -> None:
    # National Day 2025: Sunday 9-28 and Saturday 10-11 are worked, 10-1..10-8 are off.
    assert cal.kind_of(D(2025, 9, 28)) == ADJUSTED_WORKDAY
    assert cal.kind_of(D(2025, 10, 11)) == ADJUSTED_WORKDAY
    assert not any(cal.is_workday(D(2025, 10, day)) for day in range(1, 9))
    assert cal.kind_of(D(2025, 10, 6)) == STATUTORY_HOLIDAY  # mid-autumn inside the break
    assert cal.kind_of(D(2025, 10, 8)) == REST_DAY
    # Spring Festival 2026: Saturdays 2-14 and 2-28 are worked, 2-15..2-23 are off.
    assert cal.kind_of(D(2026, 2, 14)) == ADJUSTED_WORKDAY
    assert cal.kind_of(D(2026, 2, 28)) == ADJUSTED_WORKDAY
    assert not any(cal.is_workday(D(2026, 2, day)) for day in range(15, 24))
    assert cal.kind_of(D(2026, 2, 16)) == STATUTORY_HOLIDAY  # new year's eve from 2025 on


def test_dates_outside_the_table_fall_back_to_the_week() -> None:
    empty = HolidayCalendar.build()
    assert [empty.kind_of(D(2027, 3, d)) for d in range(1, 8)] == [WORKDAY] * 5 + [REST_DAY] * 2
    assert empty.is_workday(D(2027, 3, 5)) and not empty.is_workday(D(2027, 3, 6))
    assert empty.name_of(D(2027, 3, 1)) == ""


def test_unknown_and_unconfirmed_years_are_provisional(cal: HolidayCalendar) -> None:
    assert not cal.is_provisional(2025)
    assert cal.is_provisional(2027) and cal.year_status(2027) == "provisional"
    assert cal.is_provisional(2023)
    partial = HolidayCalendar.build({}, {2027: "provisional", 2028: "confirmed"})
    assert partial.is_provisional(2027) and not partial.is_provisional(2028)
    assert cal.provisional_years(D(2026, 12, 1), D(2027, 1, 31)) == [2027]


# ---- working-day arithmetic -----------------------------------------------------------------
def test_add_working_days_skips_the_national_day_break_2025(cal: HolidayCalendar) -> None:
    assert cal.add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)  # Fri → the worked Sunday
    assert cal.add_working_days(D(2025, 9, 28), 2) == D(2025, 9, 30)
    assert cal.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert cal.add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)  # the worked Saturday
    assert cal.add_working_days(D(2025, 9, 30), 4) == D(2025, 10, 13)


def test_subtract_working_days_across_the_2026_spring_festival(cal: HolidayCalendar) -> None:
    assert cal.subtract_working_days(D(2026, 2, 24), 1) == D(2026, 2, 14)
    assert cal.subtract_working_days(D(2026, 3, 2), 1) == D(2026, 2, 28)
    assert cal.subtract_working_days(D(2026, 3, 2), 2) == D(2026, 2, 27)
    # 12 working days before Monday 2026-03-09 (SPEC C2), counted by hand from the file:
    # 3-6 3-5 3-4 3-3 3-2 2-28 2-27 2-26 2-25 2-24 2-14 2-13
    assert cal.subtract_working_days(D(2026, 3, 9), 12) == D(2026, 2, 13)
    assert cal.add_working_days(D(2026, 2, 13), 12) == D(2026, 3, 9)


def test_zero_and_negative_counts(cal: HolidayCalendar) -> None:
    sunday = D(2026, 2, 15)
    assert cal.add_working_days(sunday, 0) == sunday  # the start day is returned as is
    assert cal.subtract_working_days(sunday, 0) == sunday
    assert cal.add_working_days(D(2025, 10, 9), -1) == D(2025, 9, 30)
    assert cal.subtract_working_days(D(2025, 9, 30), -1) == D(2025, 10, 9)


def test_working_days_are_inclusive_and_counted_per_month(cal: HolidayCalendar) -> None:
    assert cal.working_days(D(2025, 9, 27), D(2025, 9, 28)) == [D(2025, 9, 28)]
    assert cal.working_days(D(2025, 10, 2), D(2025, 10, 1)) == []
    # October 2025: 23 weekdays - 6 off (10-1..3, 10-6..8) + Saturday 10-11 = 18.
    assert cal.count_working_days(D(2025, 10, 1), D(2025, 10, 31)) == 18
    # February 2026: 20 weekdays - 6 off (2-16..20, 2-23) + Saturdays 2-14 and 2-28 = 16.
    assert cal.count_working_days(D(2026, 2, 1), D(2026, 2, 28)) == 16
    assert len(cal.working_days(D(2024, 1, 1), D(2026, 12, 31))) == cal.count_working_days(
        D(2024, 1, 1), D(2026, 12, 31))


def test_month_days_lists_every_day_with_kind_and_name(cal: HolidayCalendar) -> None:
    days = cal.month_days(2026, 2)
    assert len(days) == 28 and days[0][0] == D(2026, 2, 1)
    by_date = {d: (k, n) for d, k, n in days}
    assert by_date[D(2026, 2, 14)] == (ADJUSTED_WORKDAY, cal.name_of(D(2026, 2, 14)))
    assert by_date[D(2026, 2, 15)] == (REST_DAY, "")
    assert by_date[D(2026, 2, 2)] == (WORKDAY, "")
    assert sum(1 for _, k, _ in days if k in (WORKDAY, ADJUSTED_WORKDAY)) == 16


def test_calendar_is_immutable(cal: HolidayCalendar) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        cal._days = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        cal._days[D(2027, 1, 1)] = (STATUTORY_HOLIDAY, "")  # type: ignore[index]
    with pytest.raises(ValueError, match="unknown holiday kinds"):
        HolidayCalendar.build({D(2027, 1, 1): ("holiday", "")})


# ---- the year grid's click cycle --------------------------------------------------------------
def test_click_cycle_skips_kinds_impossible_on_the_day() -> None:
    monday, saturday = D(2027, 3, 1), D(2027, 3, 6)
    seen, kind = [], WORKDAY
    for _ in range(3):
        kind = next_kind(monday, kind)
        seen.append(kind)
    assert seen == [REST_DAY, STATUTORY_HOLIDAY, WORKDAY]
    seen, kind = [], REST_DAY
    for _ in range(3):
        kind = next_kind(saturday, kind)
        seen.append(kind)
    assert seen == [STATUTORY_HOLIDAY, ADJUSTED_WORKDAY, REST_DAY]


def test_normalize_kind_stores_only_exceptions() -> None:
    monday, saturday = D(2027, 3, 1), D(2027, 3, 6)
    assert normalize_kind(monday, WORKDAY) is None
    assert normalize_kind(monday, REST_DAY) == REST_DAY
    assert normalize_kind(saturday, REST_DAY) is None
    assert normalize_kind(saturday, WORKDAY) == ADJUSTED_WORKDAY
    assert normalize_kind(saturday, STATUTORY_HOLIDAY) == STATUTORY_HOLIDAY
    with pytest.raises(ValueError):
        normalize_kind(monday, ADJUSTED_WORKDAY)


# ---- the national rule and the import checks ----------------------------------------------------
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_rule_derives_exactly_the_official_statutory_days(
        official: list[DayEntry], year: int) -> None:
    expected = {e.date: e.name for e in official
                if e.date.year == year and e.kind == STATUTORY_HOLIDAY}
    assert statutory_days(_lunar(year)) == expected
    assert len(expected) == expected_statutory_count(year)


def test_mid_autumn_on_national_day_shares_the_date() -> None:
    days = statutory_days(_lunar(2028))  # mid-autumn 2028-10-03
    assert len(days) == 12
    names = strings.HOLIDAY_FESTIVAL_NAMES
    assert days[D(2028, 10, 3)] == strings.LIST_SEP.join((names["national_day"],
                                                         names["mid_autumn"]))


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_official_years_pass_every_soft_check(
        cal: HolidayCalendar, official: list[DayEntry], year: int) -> None:
    rows = [e for e in official if e.date.year == year]
    assert year_warnings(year, rows) == []
    assert balance_warning(rows) is None
    assert streak_warnings(cal, [year]) == []
    assert [rule_problem(e) for e in rows] == [None] * len(rows)


def test_rule_problems_name_the_date_and_weekday() -> None:
    wednesday, saturday = D(2027, 3, 3), D(2027, 3, 6)
    assert rule_problem(DayEntry(wednesday, ADJUSTED_WORKDAY)) == \
        strings.HOLIDAY_E_ADJUSTED_NOT_WEEKEND.format(date=wednesday,
                                                      weekday=strings.HOLIDAY_WEEKDAYS[2])
    assert rule_problem(DayEntry(saturday, REST_DAY)) == \
        strings.HOLIDAY_E_REST_ON_WEEKEND.format(date=saturday,
                                                 weekday=strings.HOLIDAY_WEEKDAYS[5])
    assert rule_problem(DayEntry(saturday, STATUTORY_HOLIDAY)) is None


def test_soft_checks_catch_count_balance_and_long_streaks() -> None:
    rows = [DayEntry(D(2027, 1, 1), STATUTORY_HOLIDAY), DayEntry(D(2027, 3, 1), REST_DAY)]
    assert year_warnings(2027, rows) == [strings.HOLIDAY_W_STATUTORY_COUNT.format(
        year=2027, n=1, expected=13)]
    assert year_warnings(2024, rows) == [strings.HOLIDAY_W_STATUTORY_COUNT.format(
        year=2024, n=1, expected=11)]
    assert balance_warning(rows) == strings.HOLIDAY_W_UNBALANCED.format(
        rest=1, adjusted=0, weekend=0)
    # Working Saturday 3-6 and Sunday 3-7 join two weeks: 3-1 .. 3-12 is 12 days in a row.
    long = HolidayCalendar.build([DayEntry(D(2027, 3, 6), ADJUSTED_WORKDAY),
                                  DayEntry(D(2027, 3, 7), ADJUSTED_WORKDAY)])
    assert long.longest_work_streaks(D(2027, 1, 1), D(2027, 12, 31), 6) == [
        (D(2027, 3, 1), D(2027, 3, 12))]
    assert streak_warnings(long, [2027]) == [strings.HOLIDAY_W_LONG_STREAK.format(
        start=D(2027, 3, 1), end=D(2027, 3, 12), n=12, limit=6)]


def test_long_streak_across_the_turn_of_the_year_is_seen_whole() -> None:
    # Worked Sunday 2027-01-03 after worked Saturday 2027-01-02: 2026-12-28 .. 2027-01-08.
    cal = HolidayCalendar.build([DayEntry(D(2027, 1, 2), ADJUSTED_WORKDAY),
                                 DayEntry(D(2027, 1, 3), ADJUSTED_WORKDAY)])
    runs = cal.longest_work_streaks(D(2027, 1, 1), D(2027, 12, 31), 6)
    assert runs == [(D(2026, 12, 28), D(2027, 1, 8))]


def test_parse_weekday_reads_the_short_and_long_forms() -> None:
    assert [parse_weekday(w) for w in strings.HOLIDAY_WEEKDAYS] == list(range(7))
    long_sunday = strings.HOLIDAY_WEEKDAY_PREFIXES[0] + "\u5929"
    assert parse_weekday(long_sunday) == 6
    assert parse_weekday("Mon") is None and parse_weekday("") is None


# ---- data/lunar-festivals.csv (generated by packaging/gen_lunar_festivals.py) ----------------
def test_lunar_file_has_the_known_dates() -> None:
    assert _lunar(2025).chuxi == D(2025, 1, 28)
    assert _lunar(2026).spring_festival == D(2026, 2, 17)
    assert [_lunar(y).qingming for y in (2024, 2025, 2026)] == [
        D(2024, 4, 4), D(2025, 4, 4), D(2026, 4, 5)]
    assert [_lunar(y).dragon_boat for y in (2024, 2025, 2026)] == [
        D(2024, 6, 10), D(2025, 5, 31), D(2026, 6, 19)]
    assert [_lunar(y).mid_autumn for y in (2024, 2025, 2026)] == [
        D(2024, 9, 17), D(2025, 10, 6), D(2026, 9, 25)]


@pytest.mark.parametrize("year", range(2024, 2061))
def test_lunar_file_is_plausible_every_year(year: int) -> None:
    f = _lunar(year)
    assert f.chuxi + dt.timedelta(days=1) == f.spring_festival
    assert D(year, 1, 21) <= f.spring_festival <= D(year, 2, 20)
    assert f.qingming in (D(year, 4, 4), D(year, 4, 5))
    assert D(year, 5, 27) <= f.dragon_boat <= D(year, 6, 25)
    assert D(year, 9, 7) <= f.mid_autumn <= D(year, 10, 8)
    # Lunar months are 29 or 30 days: 5/5 → 8/15 spans 3 months and 10 days, or 4 months
    # and 10 days when a leap month falls in between (2025 has a leap 6th month).
    span = (f.mid_autumn - f.dragon_boat).days
    assert 96 <= span <= 100 or 125 <= span <= 130


def test_a_long_streak_ending_on_the_last_day_of_the_range_is_reported() -> None:
    """The streak 3-1 .. 3-12 (worked weekend 3-6/3-7) ends exactly where the range ends."""
    long = HolidayCalendar.build([DayEntry(D(2027, 3, 6), ADJUSTED_WORKDAY),
                                  DayEntry(D(2027, 3, 7), ADJUSTED_WORKDAY)])
    assert long.longest_work_streaks(D(2027, 3, 8), D(2027, 3, 12), 6) == [
        (D(2027, 3, 1), D(2027, 3, 12))]
    assert long.longest_work_streaks(D(2027, 3, 8), D(2027, 3, 12), 12) == []


def test_click_cycle_from_a_kind_the_day_cannot_have_starts_over() -> None:
    """A plain workday on a weekend is an adjusted workday; a kind outside the day's cycle
    (an adjusted workday on a Monday) starts the cycle at its first kind."""
    monday, saturday = D(2027, 3, 1), D(2027, 3, 6)
    assert next_kind(saturday, WORKDAY) == REST_DAY  # as if it were ADJUSTED_WORKDAY
    assert next_kind(monday, ADJUSTED_WORKDAY) == WORKDAY


def test_normalize_kind_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="holiday"):
        normalize_kind(D(2027, 3, 1), "holiday")


def test_a_date_the_table_does_not_mention_follows_the_week() -> None:
    from app.domain.calendar import default_kind

    assert default_kind(D(2027, 3, 1)) == WORKDAY  # Monday
    assert default_kind(D(2027, 3, 6)) == REST_DAY  # Saturday


def test_entries_list_the_table_in_date_order() -> None:
    rows = [DayEntry(D(2027, 10, 8), REST_DAY, "国庆节"),
            DayEntry(D(2027, 1, 1), STATUTORY_HOLIDAY, "元旦")]
    assert HolidayCalendar.build(rows).entries() == rows[::-1]
