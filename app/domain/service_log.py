"""Service log rules (SPEC V1–V3), measured against the after-sales commitment of the contract
(regulations/000_…: "respond within 30 minutes of a service request", "time to solve a
problem not over 2 hours", "24-hour free technical support during the warranty", "a free
inspection every year", "warranty of three years counted from the day of acceptance"; the
service record is "signed by the purchaser's project lead" and holds the staff entry/exit
record, service start and end, staff names, head count, place, content and result).

Conventions, stated once:

* Times are whole minutes: seconds are dropped on entry. Elapsed time is computed from full
  date-times, so a call reported 23:50 on 31 October and answered 00:15 on 1 November took
  25 minutes, across midnight and the month end alike.
* Response time: from the report to the first sign of action, i.e. the earliest of
  responded, arrived and resolved (being on site, or having solved it on the phone, answers
  the call). Resolution time: from the report to resolved.
* A target is met when the time is at most the target: 30 minutes meets a 30-minute target,
  31 does not; 120 meets a 2-hour target, 121 does not.
* A record without a response (or resolution) yet is *undecided* while the time elapsed at the
  evaluation moment ("now") is still within target, and *missed* once it is beyond.
* Inspections are planned work, not requests: counted by type, not measured.
* Monthly figures cover the records reported in the month. Within target, in percent =
  met / (met + missed) x 100, rounded half up to one decimal in exact decimal arithmetic
  (2 of 3 = 66.7, 1 of 8 = 12.5); without a decided record there is no percentage. The
  median is taken over the known minutes (the mean of the two middle ones for an even count);
  the worst is the largest known time.
* Open items of a month: reported before the month's end and not resolved before it
  (resolved at 00:00 on the 1st belongs to the new month). They are carried into the next
  month's list, marked as carried over, until they are resolved.
* The yearly free inspection is done for a year once an inspection record is reported in it.
* Warranty: three years from acceptance; the day of acceptance is not counted and the period
  ends on the corresponding date (Civil Code arts. 201, 203): accepted 15 March 2024 -> ends
  15 March 2027; 29 February -> 28 February.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.inputs import control_char

FAULT, INSPECTION, CONSULT, CHANGE, OTHER = "fault", "inspection", "consult", "change", "other"
TYPES: tuple[str, ...] = (FAULT, INSPECTION, CONSULT, CHANGE, OTHER)
MEASURED_TYPES = frozenset({FAULT, CONSULT, CHANGE, OTHER})
PHONE, TICKET, ONSITE = "phone", "ticket", "onsite"
SOURCES: tuple[str, ...] = (PHONE, TICKET, ONSITE)
RESOLVED, PENDING = "resolved", "pending"
RESULTS: tuple[str, ...] = (RESOLVED, PENDING)
RATINGS: tuple[str, ...] = ("very_satisfied", "satisfied", "fair", "dissatisfied")

DEFAULT_RESPONSE_MINUTES = 30
DEFAULT_RESOLUTION_MINUTES = 120
WARRANTY_YEARS = 3
REPORT_MAX_CHARS = 500

# Verdicts of one time against its target
MET, MISSED, UNDECIDED, NOT_MEASURED = "met", "missed", "undecided", "not_measured"


@dataclass(frozen=True)
class Targets:
    response_minutes: int = DEFAULT_RESPONSE_MINUTES
    resolution_minutes: int = DEFAULT_RESOLUTION_MINUTES


@dataclass(frozen=True)
class Times:
    reported_at: dt.datetime
    responded_at: dt.datetime | None = None
    arrived_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None

    @property
    def first_action(self) -> dt.datetime | None:
        """The earliest of responded, arrived and resolved: when the call was answered."""
        done = [t for t in (self.responded_at, self.arrived_at, self.resolved_at) if t]
        return min(done) if done else None

    def is_open_at(self, cutoff: dt.datetime) -> bool:
        """Reported before ``cutoff`` and not resolved before it."""
        return self.reported_at < cutoff and (self.resolved_at is None
                                               or self.resolved_at >= cutoff)


def to_minute(value: dt.datetime) -> dt.datetime:
    """Times are kept at minute precision."""
    return value.replace(second=0, microsecond=0)


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    """Whole minutes from ``start`` to ``end`` (full date-times: midnight and month ends are
    nothing special)."""
    return int((end - start).total_seconds() // 60)


def within(minutes: int, target: int) -> bool:
    """At most the target meets it: 30 of 30 is met, 31 is not."""
    return minutes <= target


@dataclass(frozen=True)
class Measure:
    response_minutes: int | None
    resolution_minutes: int | None
    response: str  # MET | MISSED | UNDECIDED | NOT_MEASURED
    resolution: str
    targets: Targets


def _verdict(minutes: int | None, target: int, elapsed: int) -> str:
    if minutes is not None:
        return MET if within(minutes, target) else MISSED
    return MISSED if elapsed > target else UNDECIDED


def measure(times: Times, service_type: str, targets: Targets, now: dt.datetime) -> Measure:
    """Response and resolution minutes of one record and their verdicts at ``now``."""
    first = times.first_action
    response = minutes_between(times.reported_at, first) if first else None
    resolution = (minutes_between(times.reported_at, times.resolved_at)
                  if times.resolved_at else None)
    if service_type not in MEASURED_TYPES:
        return Measure(response, resolution, NOT_MEASURED, NOT_MEASURED, targets)
    elapsed = minutes_between(times.reported_at, to_minute(now))
    return Measure(response, resolution,
                   _verdict(response, targets.response_minutes, elapsed),
                   _verdict(resolution, targets.resolution_minutes, elapsed), targets)


def targets_in_force(history: Iterable[tuple[dt.date, str, str]], day: dt.date) -> Targets:
    """The targets on ``day`` from effective-dated ``(from, key, value)`` settings, oldest
    first (keys ``response_minutes``, ``resolution_minutes``); the contract's 30 and 120
    minutes until a setting says otherwise. A record is judged by the targets in force on
    the day it was reported."""
    values = {"response_minutes": DEFAULT_RESPONSE_MINUTES,
              "resolution_minutes": DEFAULT_RESOLUTION_MINUTES}
    for since, key, value in history:
        if since <= day and key in values:
            values[key] = int(value)
    return Targets(values["response_minutes"], values["resolution_minutes"])


# ---- monthly summary -----------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """What the summary needs of a record."""

    id: int
    service_type: str
    times: Times
    targets: Targets


@dataclass(frozen=True)
class Stat:
    """One commitment over a month: how many were met, missed or not yet decided."""

    target: int
    met: int
    missed: int
    undecided: int
    percent: Decimal | None  # one decimal, half up
    median: float | None
    worst: int | None

    @property
    def decided(self) -> int:
        return self.met + self.missed


@dataclass(frozen=True)
class MonthSummary:
    year: int
    month: int
    total: int
    by_type: tuple[tuple[str, int], ...]  # every type, in TYPES order
    response: Stat
    resolution: Stat
    open_ids: tuple[int, ...]  # unresolved at the month's end
    carried_ids: tuple[int, ...]  # reported earlier, still open when the month began


def percent(met: int, decided: int) -> Decimal | None:
    """met / decided in percent, one decimal, half up, exact (2 of 3 -> 66.7)."""
    if decided <= 0:
        return None
    value = Decimal(met * 100) / Decimal(decided)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def stat(verdicts: Sequence[str], minutes: Sequence[int | None], target: int) -> Stat:
    """Figures of one commitment from the verdicts and minutes of the measured records."""
    met = sum(1 for v in verdicts if v == MET)
    missed = sum(1 for v in verdicts if v == MISSED)
    undecided = sum(1 for v in verdicts if v == UNDECIDED)
    known = [m for m in minutes if m is not None]
    return Stat(target, met, missed, undecided, percent(met, met + missed), median(known),
                max(known) if known else None)


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """First moment of the month and first moment of the next one."""
    start = dt.datetime(year, month, 1)
    nxt = dt.datetime(year + month // 12, month % 12 + 1, 1)
    return start, nxt


def month_summary(entries: Iterable[Entry], year: int, month: int, now: dt.datetime,
                  targets: Targets) -> MonthSummary:
    """The month's figures; ``targets`` are the ones shown (in force at the month's end),
    each record is judged against its own (in force on the day it was reported)."""
    start, nxt = month_bounds(year, month)
    every = list(entries)
    in_month = [e for e in every if start <= e.times.reported_at < nxt]
    counts = {t: 0 for t in TYPES}
    for e in in_month:
        counts[e.service_type] = counts.get(e.service_type, 0) + 1
    measured = [(e, measure(e.times, e.service_type, e.targets, now)) for e in in_month
                if e.service_type in MEASURED_TYPES]
    response = stat([m.response for _, m in measured],
                    [m.response_minutes for _, m in measured], targets.response_minutes)
    resolution = stat([m.resolution for _, m in measured],
                      [m.resolution_minutes for _, m in measured], targets.resolution_minutes)
    return MonthSummary(
        year, month, len(in_month), tuple(counts.items()), response, resolution,
        open_ids=tuple(e.id for e in open_items(every, nxt)),
        carried_ids=tuple(e.id for e in carried_into(every, year, month)))


def open_items(entries: Iterable[Entry], cutoff: dt.datetime) -> list[Entry]:
    """Records open at ``cutoff``, oldest first."""
    return sorted((e for e in entries if e.times.is_open_at(cutoff)),
                  key=lambda e: (e.times.reported_at, e.id))


def carried_into(entries: Iterable[Entry], year: int, month: int) -> list[Entry]:
    """Records of earlier months still open when this month began."""
    start, _ = month_bounds(year, month)
    return open_items(entries, start)


def month_list(entries: Iterable[Entry], year: int, month: int) -> list[Entry]:
    """The month's list: what was carried in, then what was reported in the month."""
    start, nxt = month_bounds(year, month)
    every = list(entries)
    carried = carried_into(every, year, month)
    own = sorted((e for e in every if start <= e.times.reported_at < nxt),
                 key=lambda e: (e.times.reported_at, e.id))
    return carried + own


# ---- yearly inspection, warranty -----------------------------------------------------------
@dataclass(frozen=True)
class InspectionStatus:
    year: int
    done: bool
    dates: tuple[dt.date, ...]
    overdue: bool  # the year is over and no inspection was recorded


def inspection_status(year: int, inspection_days: Iterable[dt.date],
                      today: dt.date) -> InspectionStatus:
    """The free inspection of ``year``: done once an inspection is recorded in that year (up
    to ``today``, so a past month's view shows what was known at its end)."""
    dates = tuple(sorted(d for d in set(inspection_days) if d.year == year and d <= today))
    return InspectionStatus(year, bool(dates), dates,
                            overdue=not dates and today > dt.date(year, 12, 31))


def warranty_end(acceptance: dt.date, years: int = WARRANTY_YEARS) -> dt.date:
    """The corresponding date ``years`` after acceptance (29 February -> 28 February)."""
    try:
        return acceptance.replace(year=acceptance.year + years)
    except ValueError:
        return dt.date(acceptance.year + years, 2, 28)


@dataclass(frozen=True)
class Warranty:
    acceptance: dt.date
    end: dt.date
    active: bool  # today is within the warranty: 24-hour support and free repair apply
    days_left: int


def warranty(acceptance: dt.date, today: dt.date, years: int = WARRANTY_YEARS) -> Warranty:
    end = warranty_end(acceptance, years)
    active = acceptance <= today <= end
    return Warranty(acceptance, end, active, max(0, (end - today).days) if active else 0)


# ---- entry -------------------------------------------------------------------------------
_CLOCK = re.compile(r"^(\d{1,2})[:\uff1a.]?(\d{2})$")  # also a full-width colon
_PLUS = re.compile(r"^\+\s*(\d{1,4})$")


def parse_time_after(text: str, base: dt.datetime) -> dt.datetime | None:
    """A time as typed in the entry dialog, relative to the report time ``base``:

    ``""`` -> None; ``"09:15"`` or ``"0915"`` -> the first such clock time at or after
    ``base`` (so 00:15 typed for a call at 23:50 is the next day); ``"+25"`` -> 25 minutes
    after ``base``; ``"2026-11-01 00:15"`` -> that moment. Raises ValueError otherwise.
    """
    t = text.strip()
    if not t:
        return None
    plus = _PLUS.match(t)
    if plus:
        return to_minute(base) + dt.timedelta(minutes=int(plus.group(1)))
    clock = _CLOCK.match(t)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        candidate = dt.datetime.combine(base.date(), dt.time(hour, minute))
        if candidate < to_minute(base):
            candidate += dt.timedelta(days=1)
        return candidate
    return to_minute(dt.datetime.fromisoformat(t.replace("T", " ")))


# ---- checks ------------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffVisit:
    """One person on a call, with the entry/exit times of the staff record."""

    person_id: int
    entered_at: dt.datetime | None = None
    exited_at: dt.datetime | None = None


@dataclass(frozen=True)
class RecordFields:
    """Everything a user enters for a service record (the number is given by the service)."""

    service_type: str
    source: str
    reported_at: dt.datetime
    reporter: str = ""
    reporter_dept: str = ""
    responded_at: dt.datetime | None = None
    arrived_at: dt.datetime | None = None
    resolved_at: dt.datetime | None = None
    staff: tuple[StaffVisit, ...] = ()
    head_count: int | None = None  # None: as many as staff
    location: str = ""
    description: str = ""
    handling: str = ""
    result: str = PENDING
    pending_reason: str = ""
    parts_replaced: str = ""
    user_rating: str = ""
    client_signed: bool = False
    client_signed_by: str = ""
    client_signed_on: dt.date | None = None
    note: str = ""


def check_record(f: RecordFields) -> list[tuple[str, str]]:
    """Problems as (code, field), in the order of the form; empty when the record is sound."""
    problems: list[tuple[str, str]] = []
    for value, allowed, code, field in (
            (f.service_type, TYPES, "bad_type", "service_type"),
            (f.source, SOURCES, "bad_source", "source"),
            (f.result, RESULTS, "bad_result", "result")):
        if value not in allowed:
            problems.append((code, field))
    if f.user_rating and f.user_rating not in RATINGS:
        problems.append(("bad_rating", "user_rating"))
    if f.service_type != INSPECTION and not (f.reporter.strip() or f.reporter_dept.strip()):
        problems.append(("reporter_missing", "reporter"))
    problems += _time_problems(f)
    if not f.location.strip():
        problems.append(("location_missing", "location"))
    if not f.description.strip():
        problems.append(("description_missing", "description"))
    problems += _staff_problems(f)
    if f.result == RESOLVED and f.resolved_at is None:
        problems.append(("resolved_needs_time", "resolved_at"))
    if f.result == PENDING and f.resolved_at is not None:
        problems.append(("pending_has_time", "result"))
    if f.client_signed and not f.client_signed_by.strip():
        problems.append(("signed_needs_name", "client_signed_by"))
    if f.client_signed and f.client_signed_on is None:
        problems.append(("signed_needs_date", "client_signed_on"))
    problems += [("control_char", name) for name in _TEXT_FIELDS
                 if control_char(getattr(f, name), multiline=True) is not None]
    return problems


_TEXT_FIELDS = ("reporter", "reporter_dept", "location", "description", "handling",
                "pending_reason", "parts_replaced", "client_signed_by", "note")


def _time_problems(f: RecordFields) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for value, field in ((f.responded_at, "responded_at"), (f.arrived_at, "arrived_at"),
                         (f.resolved_at, "resolved_at")):
        if value is not None and value < f.reported_at:
            problems.append(("before_reported", field))
    if f.resolved_at is not None and any(
            t is not None and f.resolved_at < t for t in (f.responded_at, f.arrived_at)):
        problems.append(("resolved_too_early", "resolved_at"))
    return problems


def _staff_problems(f: RecordFields) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    ids = [v.person_id for v in f.staff]
    if not ids:
        problems.append(("staff_missing", "staff"))
    elif len(set(ids)) != len(ids):
        problems.append(("staff_duplicate", "staff"))
    if f.head_count is not None and f.head_count < max(1, len(ids)):
        problems.append(("head_count_low", "head_count"))
    if any(v.entered_at and v.exited_at and v.exited_at < v.entered_at for v in f.staff):
        problems.append(("exit_before_entry", "staff"))
    return problems


def record_number(prefix: str, year: int, month: int, used: Iterable[str]) -> str:
    """The next number of the month: YW-2026-11-001, -002, … (after the highest in use)."""
    head = f"{prefix}-{year:04d}-{month:02d}-"
    seqs = [int(n[len(head):]) for n in used
            if n.startswith(head) and n[len(head):].isdigit()]
    return f"{head}{max(seqs, default=0) + 1:03d}"
