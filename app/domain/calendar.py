"""The holiday calendar (SPEC A7, RULES §1.7): which days are worked, and why.

Kinds of day (glossary RULES §5):

* ``workday``           an ordinary Mon-Fri working day (no table row needed);
* ``rest_day``          a weekend, or a weekday given off (shifted rest day or substitute day;
                        200 % or comp time);
* ``statutory_holiday`` a statutory holiday (300 %), whatever the weekday;
* ``adjusted_workday``  a Saturday or Sunday made a working day.

The holiday table stores only the exceptions; every other date falls back to Mon-Fri = work,
Sat/Sun = rest. A year is *confirmed* once the official notice is in the table (bundled data or
an import); any other year, including one with no data at all, is *provisional*: the required
days computed for it are estimates (RULES §1.7: the banner and the 'estimate' watermark).

Working-day arithmetic (SPEC C2-C5 deadlines) counts the way people count "N working days
after": the start day itself is never counted.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app import strings

WORKDAY = "workday"
REST_DAY = "rest_day"
STATUTORY_HOLIDAY = "statutory_holiday"
ADJUSTED_WORKDAY = "adjusted_workday"

TABLE_KINDS = (STATUTORY_HOLIDAY, REST_DAY, ADJUSTED_WORKDAY)
"""Kinds a holiday-table row may have (``workday`` is the absence of a row)."""
ALL_KINDS = (WORKDAY, REST_DAY, STATUTORY_HOLIDAY, ADJUSTED_WORKDAY)
"""Also the click cycle of the year grid: workday → rest day → statutory → adjusted workday."""

CONFIRMED = "confirmed"
PROVISIONAL = "provisional"
YEAR_STATUSES = (CONFIRMED, PROVISIONAL)

SATURDAY = 5
_ONE_DAY = dt.timedelta(days=1)


def is_weekend(d: dt.date) -> bool:
    return d.weekday() >= SATURDAY


def default_kind(d: dt.date) -> str:
    """What a date is when the table says nothing about it."""
    return REST_DAY if d.weekday() >= SATURDAY else WORKDAY


def normalize_kind(d: dt.date, kind: str) -> str | None:
    """The table kind to store for ``d``, or ``None`` when no row is needed.

    ``workday`` on a weekend *is* an adjusted workday; a plain workday on Mon-Fri and a plain
    rest day on Sat/Sun are the fallback and need no row. Raises ``ValueError`` for a kind that
    cannot exist on that date (an adjusted workday on a weekday).
    """
    if kind not in ALL_KINDS:
        raise ValueError(kind)
    if kind == STATUTORY_HOLIDAY:
        return kind
    weekend = is_weekend(d)
    if kind == ADJUSTED_WORKDAY and not weekend:
        raise ValueError(kind)
    if kind in (WORKDAY, ADJUSTED_WORKDAY):
        return ADJUSTED_WORKDAY if weekend else None
    return REST_DAY if not weekend else None


def next_kind(d: dt.date, kind: str) -> str:
    """The next kind in the year grid's click cycle, skipping kinds impossible on ``d``.

    Weekday: workday → rest day → statutory → workday. Weekend: rest day → statutory →
    adjusted workday → rest day (a worked weekend day is always an adjusted workday).
    """
    order = ((REST_DAY, STATUTORY_HOLIDAY, ADJUSTED_WORKDAY) if is_weekend(d)
             else (WORKDAY, REST_DAY, STATUTORY_HOLIDAY))
    if kind == WORKDAY and is_weekend(d):
        kind = ADJUSTED_WORKDAY
    if kind not in order:
        return order[0]
    return order[(order.index(kind) + 1) % len(order)]


@dataclass(frozen=True)
class DayEntry:
    """One row of the holiday table as the rules see it."""

    date: dt.date
    kind: str
    name: str = ""


@dataclass(frozen=True)
class HolidayCalendar:
    """An immutable view of the holiday table; every query is a plain dict lookup.

    Build it once per use case (``HolidayService.calendar()``) and share it freely: it holds no
    cache and never changes.
    """

    _days: Mapping[dt.date, tuple[str, str]] = field(repr=False)
    _years: Mapping[int, str] = field(repr=False)
    # dates of ``_days`` that are the rule's estimate, not table rows (see ``build``)
    _estimated: frozenset[dt.date] = field(default=frozenset(), repr=False)

    @classmethod
    def build(cls, days: Mapping[dt.date, tuple[str, str]] | Iterable[DayEntry] = (),
              years: Mapping[int, str] | None = None,
              estimates: Mapping[dt.date, str] | None = None) -> HolidayCalendar:
        """``days`` maps date → (kind, name); ``years`` maps year → confirmed | provisional.

        ``estimates`` (date → festival name) are the statutory holidays by the national rule
        (``statutory_days``, ``fixed_statutory_days``): they count as statutory holidays in
        every year that is neither confirmed nor has any table row (RULES §1.4/1.7: a
        provisional year still knows New Year's Day), and are not table entries."""
        if isinstance(days, Mapping):
            table = {d: (str(k), str(n)) for d, (k, n) in days.items()}
        else:
            table = {e.date: (e.kind, e.name) for e in days}
        bad = {k for k, _ in table.values()} - set(TABLE_KINDS)
        if bad:
            raise ValueError(f"unknown holiday kinds: {sorted(bad)}")
        year_status = dict(years or {})
        with_rows = {d.year for d in table}
        estimated = {d: (STATUTORY_HOLIDAY, name) for d, name in (estimates or {}).items()
                     if d.year not in with_rows and year_status.get(d.year) != CONFIRMED}
        table.update(estimated)
        return cls(MappingProxyType(table), MappingProxyType(year_status), frozenset(estimated))

    # ---- single days -----------------------------------------------------------------------
    def kind_of(self, d: dt.date) -> str:
        entry = self._days.get(d)
        if entry is not None:
            return entry[0]
        return REST_DAY if d.weekday() >= SATURDAY else WORKDAY

    def name_of(self, d: dt.date) -> str:
        entry = self._days.get(d)
        return entry[1] if entry is not None else ""

    def is_workday(self, d: dt.date) -> bool:
        """Workday or adjusted workday: a day people are expected at work."""
        entry = self._days.get(d)
        if entry is None:
            return d.weekday() < SATURDAY
        return entry[0] == ADJUSTED_WORKDAY

    def entries(self) -> list[DayEntry]:
        """The table rows (estimated statutory days of provisional years left out)."""
        return [DayEntry(d, k, n) for d, (k, n) in sorted(self._days.items())
                if d not in self._estimated]

    # ---- years -------------------------------------------------------------------------------
    def year_status(self, year: int) -> str:
        return self._years.get(year, PROVISIONAL)

    def is_provisional(self, year: int) -> bool:
        """True for any year whose official notice is not in the table (also: no data)."""
        return self._years.get(year) != CONFIRMED

    def provisional_years(self, start: dt.date, end: dt.date) -> list[int]:
        return [y for y in range(start.year, end.year + 1) if self.is_provisional(y)]

    # ---- ranges -------------------------------------------------------------------------------
    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Working days from ``start`` to ``end``, both included (empty if end < start)."""
        is_work = self.is_workday
        first = start.toordinal()
        return [d for d in (dt.date.fromordinal(o) for o in range(first, end.toordinal() + 1))
                if is_work(d)]

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """``len(working_days(start, end))`` without building the list (required_days)."""
        is_work = self.is_workday
        return sum(1 for o in range(start.toordinal(), end.toordinal() + 1)
                   if is_work(dt.date.fromordinal(o)))

    def add_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``d``; ``d`` itself is not counted.

        ``n == 0`` returns ``d`` unchanged (even on a rest day); a negative ``n`` counts
        backwards like :meth:`subtract_working_days`. Example (2025): the 1st working day after
        Tuesday 2025-09-30 is Thursday 2025-10-09, after the National Day break.
        """
        if n < 0:
            return self.subtract_working_days(d, -n)
        return self._step(d, n, _ONE_DAY)

    def subtract_working_days(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day before ``d``; ``d`` itself is not counted.

        Used for "at least N working days before" deadlines (SPEC C2: the request is due on
        ``subtract_working_days(change_date, 12)`` at the latest). ``n == 0`` returns ``d``.
        """
        if n < 0:
            return self.add_working_days(d, -n)
        return self._step(d, n, -_ONE_DAY)

    def _step(self, d: dt.date, n: int, step: dt.timedelta) -> dt.date:
        is_work = self.is_workday
        while n > 0:
            d += step
            if is_work(d):
                n -= 1
        return d

    def month_days(self, year: int, month: int) -> list[tuple[dt.date, str, str]]:
        """Every day of the month as (date, kind, name): the row of the monthly sheet."""
        days = self._days
        out: list[tuple[dt.date, str, str]] = []
        for day in range(1, _stdcal.monthrange(year, month)[1] + 1):
            d = dt.date(year, month, day)
            entry = days.get(d)
            if entry is None:
                out.append((d, REST_DAY if d.weekday() >= SATURDAY else WORKDAY, ""))
            else:
                out.append((d, entry[0], entry[1]))
        return out

    def longest_work_streaks(self, start: dt.date, end: dt.date,
                             limit: int) -> list[tuple[dt.date, dt.date]]:
        """Runs of more than ``limit`` consecutive working days touching [start, end].

        A run that crosses the range edge is followed outside it, so a break at the turn of
        the year is judged as a whole.
        """
        is_work = self.is_workday
        while is_work(start - _ONE_DAY):
            start -= _ONE_DAY
        runs: list[tuple[dt.date, dt.date]] = []
        d, run_start = start, None
        while d <= end or (run_start is not None and is_work(d)):
            if is_work(d):
                run_start = run_start or d
            elif run_start is not None:
                if (d - run_start).days > limit:
                    runs.append((run_start, d - _ONE_DAY))
                run_start = None
            d += _ONE_DAY
        if run_start is not None and (d - run_start).days > limit:
            runs.append((run_start, d - _ONE_DAY))
        return runs


# ---- the national rule (State Council: national festival and memorial day holidays) --------
STATUTORY_COUNT_FROM_2025 = 13
STATUTORY_COUNT_BEFORE_2025 = 11
MAX_WORK_STREAK = 6


@dataclass(frozen=True)
class LunarFestivals:
    """Gregorian dates of one year's lunar festivals (``data/lunar-festivals.csv``)."""

    year: int
    chuxi: dt.date
    spring_festival: dt.date
    qingming: dt.date
    dragon_boat: dt.date
    mid_autumn: dt.date


def expected_statutory_count(year: int) -> int:
    """13 days from 2025 (new year's eve and 5/2 added by the 2024 amendment), 11 before."""
    return STATUTORY_COUNT_FROM_2025 if year >= 2025 else STATUTORY_COUNT_BEFORE_2025


def fixed_statutory_days(year: int) -> dict[dt.date, str]:
    """The statutory holidays on fixed Gregorian dates: new year 1/1, labour day 5/1 (and 5/2
    from 2025), national day 10/1-10/3; date → festival name."""
    names = strings.HOLIDAY_FESTIVAL_NAMES
    out = {dt.date(year, 1, 1): names["new_year"]}
    for i in range(2 if year >= 2025 else 1):
        out[dt.date(year, 5, 1 + i)] = names["labour_day"]
    for i in range(3):
        out[dt.date(year, 10, 1 + i)] = names["national_day"]
    return out


def statutory_days(f: LunarFestivals) -> dict[dt.date, str]:
    """The statutory holidays of ``f.year`` by the national rule, date → festival name.

    From 2025: new year 1/1; spring festival = lunar new year's eve + lunar 1/1-1/3; Qingming;
    labour day 5/1-5/2; dragon boat; mid-autumn; national day 10/1-10/3 (13 days).
    2014-2024: no new year's eve and only 5/1 (11 days). When mid-autumn falls on 10/1-10/3
    the two festivals share a date (2028, 2031, 2039, 2058) and their names are joined.
    """
    y, names = f.year, strings.HOLIDAY_FESTIVAL_NAMES
    spans: list[tuple[str, dt.date, int]] = [("new_year", dt.date(y, 1, 1), 1)]
    if y >= 2025:
        spans.append(("chuxi", f.chuxi, 1))
    spans += [
        ("spring_festival", f.spring_festival, 3),
        ("qingming", f.qingming, 1),
        ("labour_day", dt.date(y, 5, 1), 2 if y >= 2025 else 1),
        ("dragon_boat", f.dragon_boat, 1),
        ("national_day", dt.date(y, 10, 1), 3),  # before mid-autumn: the notices' name order
        ("mid_autumn", f.mid_autumn, 1),
    ]
    out: dict[dt.date, str] = {}
    for key, first, length in spans:
        for i in range(length):
            d = first + dt.timedelta(days=i)
            out[d] = strings.LIST_SEP.join((out[d], names[key])) if d in out else names[key]
    return out


def rule_problem(entry: DayEntry) -> str | None:
    """Why a table row cannot be right, or ``None`` (RULES §1.7 import validation)."""
    weekday = strings.HOLIDAY_WEEKDAYS[entry.date.weekday()]
    if entry.kind == ADJUSTED_WORKDAY and not is_weekend(entry.date):
        return strings.HOLIDAY_E_ADJUSTED_NOT_WEEKEND.format(date=entry.date, weekday=weekday)
    if entry.kind == REST_DAY and is_weekend(entry.date):
        return strings.HOLIDAY_E_REST_ON_WEEKEND.format(date=entry.date, weekday=weekday)
    return None


def year_warnings(year: int, entries: Iterable[DayEntry]) -> list[str]:
    """Soft checks of one year's complete set of rows: the statutory-day count."""
    statutory = sum(1 for e in entries if e.kind == STATUTORY_HOLIDAY)
    expected = expected_statutory_count(year)
    if statutory != expected:
        return [strings.HOLIDAY_W_STATUTORY_COUNT.format(year=year, n=statutory,
                                                         expected=expected)]
    return []


def balance_warning(entries: Iterable[DayEntry]) -> str | None:
    """Weekday rest days should equal adjusted workdays plus statutory days on a weekend.

    Every shifted weekday off is paid back by an adjusted weekend workday, and every statutory
    holiday that falls on a Saturday or Sunday is made up by a substitute weekday off.
    """
    rest = adjusted = weekend_statutory = 0
    for e in entries:
        if e.kind == REST_DAY and not is_weekend(e.date):
            rest += 1
        elif e.kind == ADJUSTED_WORKDAY:
            adjusted += 1
        elif e.kind == STATUTORY_HOLIDAY and is_weekend(e.date):
            weekend_statutory += 1
    if rest == adjusted + weekend_statutory:
        return None
    return strings.HOLIDAY_W_UNBALANCED.format(rest=rest, adjusted=adjusted,
                                               weekend=weekend_statutory)


def streak_warnings(cal: HolidayCalendar, years: Iterable[int]) -> list[str]:
    """Warn about every run of more than 6 working days in a row (RULES §1.7)."""
    out: list[str] = []
    for year in sorted(set(years)):
        for first, last in cal.longest_work_streaks(dt.date(year, 1, 1), dt.date(year, 12, 31),
                                                    MAX_WORK_STREAK):
            out.append(strings.HOLIDAY_W_LONG_STREAK.format(
                start=first, end=last, n=(last - first).days + 1, limit=MAX_WORK_STREAK))
    return out


def parse_weekday(text: str) -> int | None:
    """A Chinese weekday name (short, long or colloquial form) → 0-6, else ``None``."""
    value = text.strip()
    for prefix in strings.HOLIDAY_WEEKDAY_PREFIXES:
        if value.startswith(prefix) and len(value) == len(prefix) + 1:
            return strings.HOLIDAY_WEEKDAY_CHARS.get(value[-1])
    return None
