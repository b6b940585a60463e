"""Attendance verdicts: raw punches -> the regulation's day and month results (SPEC A3–A6).

Read this module to check "does it follow our rules?":

* A day has two sessions (am, pm). Punches before ``rules.split`` (midway between the
  morning's end and the afternoon's start) belong to the morning, later ones to the
  afternoon; punches before ``rules.day_start`` (04:00) belong to the previous day.
* In a session the first punch is the check-in and the last the check-out. A lone punch (or
  two pressed within ``duplicate_minutes``) is a check-in if it falls in the first half of
  the session, else a check-out; the other one is a ``missing_punch``.
* Minute precision: 08:30:59 is on time for 08:30 (the regulation: "arriving after 8:30 is
  late"). late by = check-in minute - start; it is ``late`` when it exceeds the late grace
  (0 by default, 15 in other regulations), and the late minutes reported are the whole delay.
  early by = end - check-out minute; ``early_leave`` when it exceeds the early grace.
  More than ``severe_minutes`` (30) is severe late / early leave.
* A session on a working day with no punch, no leave and no correction is ``absent``; so is
  a session covered by a manual entry: overstayed leave, someone else punching, leaving the
  site without permission (A6).
* A ``punch_correction`` supplies the check-in or check-out of a session; it is used instead
  of the raw punch and the result says so. Raw punches are never changed.
* Nursing hour (1 hour a workday until the child is one): the allowance first absorbs
  morning lateness, then afternoon early leave, then the lunch-time edges.
* Statutory holidays, rest days and days outside the person's on-site period are not
  required; an ``adjusted_workday`` Saturday is an ordinary working day.
* A session that has not ended yet (``now`` is passed in) is ``pending``: neither attended
  nor absent. It still counts in the month's required days.
* No data is not absence: a session that has ended but that the clock data does not reach
  (see ``Coverage``: the imports, or a period the supervisor declared covered) is ``no_data``:
  neither attended nor absent, no absence count, no score deduction. A manual entry or a punch
  correction still decides such a session (they are evidence of their own).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from app.domain.calendar import STATUTORY_HOLIDAY, HolidayCalendar
from app.domain.schedule import Rules, RulesTimeline

AM, PM = "am", "pm"
SESSIONS = (AM, PM)


class Verdict(StrEnum):
    """Session verdicts (glossary code names; stored and printed as these strings)."""

    PRESENT = "present"
    LATE = "late"
    EARLY_LEAVE = "early_leave"
    MISSING_PUNCH = "missing_punch"
    ABSENT = "absent"
    LEAVE = "leave"
    REST_DAY = "rest_day"
    HOLIDAY = "holiday"
    NOT_ON_SITE = "not_on_site"
    PENDING = "pending"  # the session has not ended yet: nothing to judge
    NO_DATA = "no_data"  # ended, but the clock data does not reach it: nothing to judge


PRESENT, LATE, EARLY_LEAVE, MISSING_PUNCH = (
    Verdict.PRESENT, Verdict.LATE, Verdict.EARLY_LEAVE, Verdict.MISSING_PUNCH)
ABSENT, LEAVE, REST_DAY, HOLIDAY = Verdict.ABSENT, Verdict.LEAVE, Verdict.REST_DAY, Verdict.HOLIDAY
NOT_ON_SITE, PENDING, NO_DATA = Verdict.NOT_ON_SITE, Verdict.PENDING, Verdict.NO_DATA
ATTENDED = frozenset({PRESENT, LATE, EARLY_LEAVE, MISSING_PUNCH})

# Why a session is absent
NO_PUNCH = "no_punch"
MANUAL_KINDS = ("overstay", "proxy_punch", "unauthorized_outing")


@dataclass(frozen=True)
class Coverage:
    """How far the clock data reaches: from the day of the first punch stored (``since``;
    None: no bound known) up to ``through`` (None when nothing was imported), plus the days
    the supervisor declared covered (first, last; inclusive).

    A session is covered when its day lies in a declared period, or it ended by ``through``
    on or after ``since``.
    """

    through: dt.datetime | None = None
    declared: tuple[tuple[dt.date, dt.date], ...] = ()
    since: dt.date | None = None

    def covers(self, day: dt.date, end_minute: int) -> bool:
        if any(a <= day <= b for a, b in self.declared):
            return True
        if self.through is None or (self.since is not None and day < self.since):
            return False
        end = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=end_minute)
        return end <= self.through


EVERYTHING = None  # ``coverage=None``: every ended session is judged (rules on their own)


@dataclass(frozen=True)
class Correction:
    """A punch correction: the check-in or check-out of one session, given by an approver."""

    day: dt.date
    session: str
    slot: str  # "in" | "out"
    minute: int  # minutes after midnight of ``day`` (may exceed 1440 after midnight)


@dataclass(frozen=True)
class ManualAbsence:
    day: dt.date
    session: str  # am | pm
    kind: str  # overstay | proxy_punch | unauthorized_outing


@dataclass(frozen=True)
class SessionResult:
    verdict: Verdict
    late_minutes: int = 0
    early_minutes: int = 0
    missing_in: bool = False
    missing_out: bool = False
    severe_late: bool = False
    severe_early: bool = False
    sign_in: int | None = None
    sign_out: int | None = None
    corrected_in: bool = False
    corrected_out: bool = False
    leave_type: str | None = None
    absent_reason: str | None = None

    @property
    def attended(self) -> bool:
        return self.verdict in ATTENDED

    @property
    def missing_count(self) -> int:
        return int(self.missing_in) + int(self.missing_out)


@dataclass(frozen=True)
class DayResult:
    day: dt.date
    day_kind: str  # workday | rest_day | statutory_holiday | adjusted_workday
    required: bool
    am: SessionResult
    pm: SessionResult
    punches: tuple[int, ...] = ()  # every raw punch minute assigned to this day
    overtime_hours: float = 0.0

    def session(self, name: str) -> SessionResult:
        return self.am if name == AM else self.pm

    @property
    def late_minutes(self) -> int:
        return self.am.late_minutes + self.pm.late_minutes

    @property
    def early_minutes(self) -> int:
        return self.am.early_minutes + self.pm.early_minutes


@dataclass(frozen=True)
class PersonPeriod:
    """Who is computed and over which on-site period (start/end may be open)."""

    person_id: int
    start: dt.date | None = None
    end: dt.date | None = None
    nursing: tuple[tuple[dt.date, dt.date], ...] = ()  # (first day, child's first birthday)

    def on_site(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def nursing_on(self, day: dt.date) -> bool:
        return any(a <= day < b for a, b in self.nursing)


def assign_punches(punches: Iterable[dt.datetime],
                   timeline: RulesTimeline) -> dict[dt.date, list[int]]:
    """Group punch times by the working day they belong to (A4: cross-midnight)."""
    days: dict[dt.date, list[int]] = {}
    for t in punches:
        minute = t.hour * 60 + t.minute
        day = t.date()
        if minute < timeline.at(day).day_start:
            day = day - dt.timedelta(days=1)
            minute += 24 * 60
        days.setdefault(day, []).append(minute)
    for minutes in days.values():
        minutes.sort()
    return days


def _sign_in_out(minutes: Sequence[int], start: int, end: int,
                 duplicate: int) -> tuple[int | None, int | None]:
    if not minutes:
        return None, None
    first, last = minutes[0], minutes[-1]
    mid = (start + end) // 2
    if last - first >= duplicate:
        return first, last
    # one punch, or one pressed twice: which half of the session is it in?
    return (first, None) if first < mid else (None, last)


@dataclass
class _Allowance:
    minutes: int

    def take(self, wanted: int) -> int:
        used = min(self.minutes, max(wanted, 0))
        self.minutes -= used
        return wanted - used


def _session(minutes: Sequence[int], start: int, end: int, rules: Rules,
             corrections: Mapping[str, int], allowance: _Allowance,
             first_edge: str) -> SessionResult:
    sign_in, sign_out = _sign_in_out(minutes, start, end, rules.duplicate_minutes)
    corrected_in = "in" in corrections
    corrected_out = "out" in corrections
    if corrected_in:
        sign_in = corrections["in"]
    if corrected_out:
        sign_out = corrections["out"]
    if sign_in is None and sign_out is None:
        return SessionResult(ABSENT, absent_reason=NO_PUNCH)
    late_by = max(sign_in - start, 0) if sign_in is not None else 0
    early_by = max(end - sign_out, 0) if sign_out is not None else 0
    # nursing allowance: morning lateness and afternoon early leave first
    if first_edge == "in":
        late_by = allowance.take(late_by)
    else:
        early_by = allowance.take(early_by)
    late = late_by if late_by > rules.late_grace else 0
    early = early_by if early_by > rules.early_grace else 0
    missing_in, missing_out = sign_in is None, sign_out is None
    if missing_in or missing_out:
        verdict = MISSING_PUNCH
    elif late:
        verdict = LATE
    elif early:
        verdict = EARLY_LEAVE
    else:
        verdict = PRESENT
    return SessionResult(
        verdict, late_minutes=late, early_minutes=early, missing_in=missing_in,
        missing_out=missing_out, severe_late=late > rules.severe_minutes,
        severe_early=early > rules.severe_minutes, sign_in=sign_in, sign_out=sign_out,
        corrected_in=corrected_in, corrected_out=corrected_out)


def _second_pass(result: SessionResult, start: int, end: int, rules: Rules,
                 allowance: _Allowance, edge: str) -> SessionResult:
    """Apply what is left of the nursing allowance to the session's other edge."""
    if allowance.minutes <= 0 or not result.attended:
        return result
    if edge == "in" and result.late_minutes:
        late_by = allowance.take(result.late_minutes)
        late = late_by if late_by > rules.late_grace else 0
        return _replace_minutes(result, late=late, early=result.early_minutes, rules=rules)
    if edge == "out" and result.early_minutes:
        early_by = allowance.take(result.early_minutes)
        early = early_by if early_by > rules.early_grace else 0
        return _replace_minutes(result, late=result.late_minutes, early=early, rules=rules)
    return result


def _replace_minutes(r: SessionResult, late: int, early: int, rules: Rules) -> SessionResult:
    verdict = r.verdict
    if verdict != MISSING_PUNCH:
        verdict = LATE if late else EARLY_LEAVE if early else PRESENT
    return SessionResult(
        verdict, late_minutes=late, early_minutes=early, missing_in=r.missing_in,
        missing_out=r.missing_out, severe_late=late > rules.severe_minutes,
        severe_early=early > rules.severe_minutes, sign_in=r.sign_in, sign_out=r.sign_out,
        corrected_in=r.corrected_in, corrected_out=r.corrected_out)


def classify_day(day: dt.date, punches: Sequence[int], rules: Rules,
                 calendar: HolidayCalendar, person: PersonPeriod,
                 leave: Mapping[str, str] | None = None,
                 corrections: Sequence[Correction] = (),
                 manual: Sequence[ManualAbsence] = (),
                 now: dt.datetime | None = None, overtime_hours: float = 0.0,
                 coverage: Coverage | None = EVERYTHING) -> DayResult:
    """One person's verdict for one day.

    ``punches`` are minutes after midnight of ``day`` (see ``assign_punches``); ``leave``
    maps a session (am/pm) to an approved leave type code; sessions ``coverage`` does not
    reach are ``no_data`` (None: all are covered).
    """
    return _classify(_DayFrame.of(day, rules, calendar, now, coverage), tuple(punches), person,
                     leave, corrections, manual, overtime_hours)


@dataclass(frozen=True)
class _DayFrame:
    """What a day is for everyone: its kind, its rules, and which sessions are pending or
    beyond the clock data."""

    day: dt.date
    kind: str
    workday: bool
    rules: Rules
    am_pending: bool  # the session has not ended by ``now``
    pm_pending: bool
    am_no_data: bool = False  # ended, but not covered by the clock data
    pm_no_data: bool = False

    @classmethod
    def of(cls, day: dt.date, rules: Rules, calendar: HolidayCalendar,
           now: dt.datetime | None, coverage: Coverage | None = EVERYTHING) -> _DayFrame:
        midnight = dt.datetime.combine(day, dt.time())

        def pending(end: int) -> bool:
            return now is not None and midnight + dt.timedelta(minutes=end) > now

        def no_data(end: int) -> bool:
            return coverage is not None and not coverage.covers(day, end)

        return cls(day, calendar.kind_of(day), calendar.is_workday(day), rules,
                   pending(rules.am_end), pending(rules.pm_end),
                   no_data(rules.am_end), no_data(rules.pm_end))

    @property
    def judged(self) -> bool:
        """Every session of the day can be judged: ended, and reached by the clock data."""
        return not (self.am_pending or self.pm_pending or self.am_no_data or self.pm_no_data)


def _classify(f: _DayFrame, minutes: tuple[int, ...], person: PersonPeriod,
              leave: Mapping[str, str] | None, corrections: Sequence[Correction],
              manual: Sequence[ManualAbsence], overtime_hours: float) -> DayResult:
    day, kind, rules = f.day, f.kind, f.rules
    if not person.on_site(day):
        off = SessionResult(NOT_ON_SITE)
        return DayResult(day, kind, False, off, off, minutes, overtime_hours)
    if not f.workday:
        off = SessionResult(HOLIDAY if kind == STATUTORY_HOLIDAY else REST_DAY)
        return DayResult(day, kind, False, off, off, minutes, overtime_hours)
    leave = leave or {}
    manual_by_session = {m.session: m.kind for m in manual}
    by_session: dict[str, dict[str, int]] = {AM: {}, PM: {}}
    for c in corrections:
        by_session[c.session][c.slot] = c.minute
    am_punches = [m for m in minutes if m < rules.split]
    pm_punches = [m for m in minutes if m >= rules.split]
    allowance = _Allowance(rules.nursing_minutes if person.nursing_on(day) else 0)
    results: dict[str, SessionResult] = {}
    bounds = {AM: (rules.am_start, rules.am_end, am_punches, "in", f.am_pending, f.am_no_data),
              PM: (rules.pm_start, rules.pm_end, pm_punches, "out", f.pm_pending, f.pm_no_data)}
    for name, (start, end, ms, edge, pending, no_data) in bounds.items():
        if name in leave:  # approved leave shows even before the day (planned absence)
            results[name] = SessionResult(LEAVE, leave_type=leave[name])
        elif pending:
            results[name] = SessionResult(PENDING)
        elif name in manual_by_session:
            results[name] = SessionResult(ABSENT, absent_reason=manual_by_session[name])
        elif no_data and not by_session[name]:  # a correction is evidence of its own
            results[name] = _NO_DATA
        else:
            results[name] = _session(ms, start, end, rules, by_session[name], allowance, edge)
    # what is left of the nursing hour covers the lunch-time edges
    results[AM] = _second_pass(results[AM], rules.am_start, rules.am_end, rules, allowance,
                               "out")
    results[PM] = _second_pass(results[PM], rules.pm_start, rules.pm_end, rules, allowance,
                               "in")
    return DayResult(day, kind, True, results[AM], results[PM], minutes, overtime_hours)


_PENDING = SessionResult(PENDING)
_NO_DATA = SessionResult(NO_DATA)


class DayClassifier:
    """``classify_day`` for many people over the same days, for a month of a whole site.

    What people share is worked out once: each day's kind, rules and pending sessions,
    and the verdict of a session that depends on nothing personal. Such a session (a
    working day on site, no leave, correction, manual entry or nursing allowance) is
    decided by its first and last punch alone, so its verdict is computed once per
    (rules, session, first, last) and shared: results are immutable. A day off without
    punches is shared the same way. Every other day goes through ``classify_day``'s own
    code. The results equal ``classify_day``'s; a test compares the two on a generated site.
    Sessions beyond the clock data (``coverage``) are shared as one ``no_data`` result.
    """

    def __init__(self, days: Iterable[dt.date], timeline: RulesTimeline,
                 calendar: HolidayCalendar, now: dt.datetime | None,
                 coverage: Coverage | None = EVERYTHING) -> None:
        plain: dict[int, _PlainSessions] = {}  # by id of a Rules object the frames hold
        self._days: dict[dt.date, tuple[_DayFrame, _PlainSessions]] = {}
        for d in days:
            f = _DayFrame.of(d, timeline.at(d), calendar, now, coverage)
            shared = plain.get(id(f.rules))
            if shared is None:
                shared = plain[id(f.rules)] = _PlainSessions(f.rules)
            self._days[d] = (f, shared)
        self._off: dict[tuple[dt.date, bool], DayResult] = {}

    def classify(self, day: dt.date, minutes: tuple[int, ...], person: PersonPeriod,
                 leave: Mapping[str, str] | None = None,
                 corrections: Sequence[Correction] = (),
                 manual: Sequence[ManualAbsence] = (),
                 overtime_hours: float = 0.0) -> DayResult:
        """As ``classify_day``, with ``minutes`` sorted (as ``assign_punches`` gives them)."""
        f, plain = self._days[day]
        on_site = person.on_site(day)
        if not (on_site and f.workday):
            if minutes or overtime_hours:
                return _classify(f, minutes, person, leave, corrections, manual,
                                 overtime_hours)
            # not on site, or a day off: nothing personal in it (leave and entries unused)
            off = self._off.get((day, on_site))
            if off is None:
                off = self._off[(day, on_site)] = _classify(f, (), person, None, (), (), 0.0)
            return off
        if (leave or corrections or manual
                or (person.nursing and plain.rules.nursing_minutes and person.nursing_on(day))):
            return _classify(f, minutes, person, leave, corrections, manual, overtime_hours)
        # the morning's punches are those before the split (minutes are sorted)
        split = bisect.bisect_left(minutes, plain.split)
        if f.am_pending:
            am = _PENDING
        elif f.am_no_data:
            am = _NO_DATA
        else:
            key = (minutes[0], minutes[split - 1]) if split else _NO_PUNCH
            am = plain.am.get(key) or plain.judge(AM, key)
        if f.pm_pending:
            pm = _PENDING
        elif f.pm_no_data:
            pm = _NO_DATA
        else:
            key = (minutes[split], minutes[-1]) if split < len(minutes) else _NO_PUNCH
            pm = plain.pm.get(key) or plain.judge(PM, key)
        return DayResult(day, f.kind, True, am, pm, minutes, overtime_hours)

    def ended_through(self) -> dt.date | None:
        """The last day of the leading run of days whose sessions had all ended by ``now``
        (``None``: not even the first's). What such a day is cannot change any more unless
        the data does: ``now`` decides only which sessions are pending."""
        through = None
        for d, (f, _plain) in self._days.items():  # in day order
            if f.am_pending or f.pm_pending:
                break
            through = d
        return through

    def unjudged_workdays(self) -> list[dt.date]:
        """Working days with a session not yet ended or beyond the clock data."""
        return [d for d, (f, _p) in self._days.items() if f.workday and not f.judged]


_NO_PUNCH: tuple[int | None, int | None] = (None, None)


class _PlainSessions:
    """Verdicts of sessions with no leave, correction, manual entry or allowance, under
    one set of rules: (first punch, last punch) -> verdict, per session."""

    def __init__(self, rules: Rules) -> None:
        self.rules, self.split = rules, rules.split
        self.am: dict[tuple[int | None, int | None], SessionResult] = {}
        self.pm: dict[tuple[int | None, int | None], SessionResult] = {}

    def judge(self, name: str, key: tuple[int | None, int | None]) -> SessionResult:
        r = self.rules
        first, last = key
        # _sign_in_out reads only the first and the last punch; with no allowance the
        # second pass changes nothing
        punches = [] if first is None or last is None else [first, last]
        if name == AM:
            result = self.am[key] = _session(punches, r.am_start, r.am_end, r, {},
                                             _Allowance(0), "in")
        else:
            result = self.pm[key] = _session(punches, r.pm_start, r.pm_end, r, {},
                                             _Allowance(0), "out")
        return result


@dataclass(frozen=True)
class MonthSummary:
    person_id: int
    required_days: float
    attended_days: float
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    missing_punches: int
    absent_days: float
    absence_count: int
    severe_count: int
    leave_days: Mapping[str, float]
    overtime_hours: float
    needs_absence_explanation: bool
    days: tuple[DayResult, ...] = field(repr=False)


@dataclass
class Tally:
    """The additive figures of some of one person's days (A5): a month's figures are the sum
    of its parts' in any split, so head office keeps the part of a month that cannot change
    any more (days whose sessions have all ended, the data unchanged) and adds the days after
    it (issue 19). Days are session pairs: each session counts 0.5 of a required day."""

    required: float = 0.0
    attended: float = 0.0
    absent: float = 0.0
    no_data: float = 0.0  # sessions the clock data does not reach
    pending: float = 0.0  # sessions not ended yet
    late_count: int = 0
    late_minutes: int = 0
    early_count: int = 0
    early_minutes: int = 0
    missing: int = 0
    absences: int = 0  # absent sessions and missing punches, each once
    severe: int = 0
    overtime: float = 0.0  # not rounded: rounded once, where a month's figures are given
    leave_days: dict[str, float] = field(default_factory=dict)

    def add(self, days: Iterable[DayResult]) -> Tally:
        """Count ``days`` in (this tally changes); returns it."""
        count = self._count
        for d in days:
            self.overtime += d.overtime_hours
            if d.required:
                self.required += 1
                count(d.am)
                count(d.pm)
        return self

    def _count(self, s: SessionResult) -> None:
        verdict = s.verdict  # the verdicts below exclude each other
        if verdict in ATTENDED:
            self.attended += 0.5
        elif verdict == ABSENT:
            self.absent += 0.5
            self.absences += 1
        elif verdict == LEAVE and s.leave_type:
            self.leave_days[s.leave_type] = self.leave_days.get(s.leave_type, 0.0) + 0.5
        elif verdict == NO_DATA:
            self.no_data += 0.5
        elif verdict == PENDING:
            self.pending += 0.5
        if s.late_minutes:
            self.late_count += 1
            self.late_minutes += s.late_minutes
        if s.early_minutes:
            self.early_count += 1
            self.early_minutes += s.early_minutes
        if s.missing_in or s.missing_out:
            self.missing += s.missing_count
            self.absences += s.missing_count
        if s.severe_late or s.severe_early:
            self.severe += int(s.severe_late) + int(s.severe_early)

    def plus(self, other: Tally) -> Tally:
        """A new tally of both parts' days (the parts are left as they are)."""
        return Tally().absorb(self).absorb(other)

    def absorb(self, other: Tally) -> Tally:
        """Count ``other``'s days in (this tally changes); returns it. Spelled out: head
        office adds three tallies per person for fifty projects."""
        self.required += other.required
        self.attended += other.attended
        self.absent += other.absent
        self.no_data += other.no_data
        self.pending += other.pending
        self.late_count += other.late_count
        self.late_minutes += other.late_minutes
        self.early_count += other.early_count
        self.early_minutes += other.early_minutes
        self.missing += other.missing
        self.absences += other.absences
        self.severe += other.severe
        self.overtime += other.overtime
        if other.leave_days:
            leave = self.leave_days
            for kind, days in other.leave_days.items():
                leave[kind] = leave.get(kind, 0.0) + days
        return self

    def needs_explanation(self, rules: Rules) -> bool:
        """The regulation: "more than 3 absences, or more than 3 hours of lateness in total"
        (both settings) make the absence explanation form due."""
        return (self.absences > rules.explanation_absences
                or self.late_minutes > rules.explanation_late_minutes)

    def as_json(self) -> dict[str, Any]:
        """The figures that are not zero (most are, for most people)."""
        out: dict[str, Any] = {name: value for name in _COUNTS if (value := getattr(self, name))}
        if self.leave_days:
            out["leave_days"] = dict(self.leave_days)
        return out

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Tally:
        return cls(**{k: v for k, v in raw.items() if k in _KNOWN})


_COUNTS = tuple(f.name for f in fields(Tally) if f.name != "leave_days")  # the numbers
_KNOWN = frozenset((*_COUNTS, "leave_days"))


def summarize(person_id: int, days: Sequence[DayResult], rules: Rules) -> MonthSummary:
    """Month figures (A5). ``absence_count`` counts each absent session and each missing
    punch once; an absence explanation form is due when it exceeds ``explanation_absences``
    or the late minutes exceed ``explanation_late_minutes`` (the regulation: "more than 3
    absences, or more than 3 hours of lateness in total")."""
    t = Tally().add(days)
    return MonthSummary(person_id, t.required, t.attended, t.late_count, t.late_minutes,
                        t.early_count, t.early_minutes, t.missing, t.absent, t.absences,
                        t.severe, t.leave_days, round(t.overtime, 2), t.needs_explanation(rules),
                        tuple(days))


def month_dates(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return [first + dt.timedelta(days=i) for i in range((nxt - first).days)]
