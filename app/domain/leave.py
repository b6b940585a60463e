"""Leave and overtime rules (SPEC L1–L7, O1; national leave law in RULES-FORMS-TERMS §2).

Counting conventions, stated once:

* A request runs from a start (date, session) to an end (date, session), both included;
  a session is half a day.
* Working-day types (annual, personal, sick, comp time, marriage, bereavement, paternity)
  count only sessions on working days (the holiday calendar: weekends and statutory holidays
  are skipped, adjusted workdays count). Calendar-day types (maternity, nursing leave) count
  every day in the range.
* Advance notice (L2, the regulation: "leave of one to two days is applied for one day
  ahead; three days or more (three included) two days ahead"): the days ahead are
  calendar days between the filing date and the first day of leave (filed on 9 March for
  leave from 10 March = 1 day ahead). A request of fewer than 3 days needs at least 1 day
  ahead, 3 days or more (2.5 is fewer) at least 2.
* Personal leave (L6) may not exceed one calendar month in one request: from 1 March the
  last allowed day is 31 March; from 31 January it is 28 (or 29) February.
* Annual leave (Regulations on Paid Annual Leave of Employees, art. 3, 5): 5 / 10 / 15 days
  for at least 1 / 10 / 20 years of total work; a person who started in the year gets the
  remaining calendar days of the year / 365 of it, fractions dropped.
* Overtime pay (Labour Law art. 44): workday 1.5x, rest day 2x (or comp time), statutory holiday
  3x; the day kind comes from the holiday calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.calendar import STATUTORY_HOLIDAY, WORKDAY, HolidayCalendar
from app.domain.roster import PersonStatus

AM, PM = "am", "pm"


class LeaveState(StrEnum):
    """States of a leave request (stored as these strings)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    RETURNED = "returned"
    CANCELLED = "cancelled"


# State machine (L7)
DRAFT, SUBMITTED, APPROVED = LeaveState.DRAFT, LeaveState.SUBMITTED, LeaveState.APPROVED
REJECTED, RETURNED, CANCELLED = LeaveState.REJECTED, LeaveState.RETURNED, LeaveState.CANCELLED
TRANSITIONS: dict[LeaveState, set[LeaveState]] = {
    DRAFT: {SUBMITTED, CANCELLED},
    SUBMITTED: {APPROVED, REJECTED, CANCELLED},
    APPROVED: {RETURNED, CANCELLED},
    REJECTED: set(),
    RETURNED: set(),
    CANCELLED: set(),
}
ACTIVE_STATES = frozenset({SUBMITTED, APPROVED, RETURNED})  # take part in overlap checks
COUNTED_STATES = frozenset({APPROVED, RETURNED})  # shown in the attendance calendar

# Workflow actions on one request. ``allowed_actions`` is the one place that says which a
# request allows: the service refuses anything outside it and the UI enables its buttons from it.
SUBMIT, APPROVE, CLIENT_APPROVE, REJECT = "submit", "approve", "client_approve", "reject"
RETURN, EXTEND, CANCEL, BACKFILE, PRINT = "return", "extend", "cancel", "backfile", "print"
ACTIONS = (SUBMIT, APPROVE, CLIENT_APPROVE, REJECT, RETURN, EXTEND, CANCEL, BACKFILE, PRINT)
CLIENT_APPROVAL_STATES = frozenset({SUBMITTED, APPROVED, RETURNED})


def allowed_actions(state: str, emergency: bool = False,
                    backfiled: bool = False) -> frozenset[str]:
    """What a request in ``state`` allows (L4, L5, L7).

    The project manager approves or rejects a submitted request; the client department's
    approval is recorded beside it in either order, also after the return; an approved leave
    may be returned early or extended; a request may be cancelled until it is decided
    for good (returned, rejected). An emergency leave is back-filed once, in any state.
    Printing is always possible.
    """
    nxt = TRANSITIONS[LeaveState(state)]
    allowed = {PRINT}
    for target, action in ((SUBMITTED, SUBMIT), (APPROVED, APPROVE), (REJECTED, REJECT),
                           (RETURNED, RETURN), (CANCELLED, CANCEL)):
        if target in nxt:
            allowed.add(action)
    if state in CLIENT_APPROVAL_STATES:
        allowed.add(CLIENT_APPROVE)
    if state == APPROVED:
        allowed.add(EXTEND)
    if emergency and not backfiled:
        allowed.add(BACKFILE)
    return frozenset(allowed)

# Violation codes (printed on the form; can be overridden with a reason, stay visible)
LATE_FILING = "late_filing"
EXCEEDS_MAX = "exceeds_max"
DEPUTY_MISSING = "deputy_missing"
DEPUTY_IS_APPLICANT = "deputy_is_applicant"
DEPUTY_NOT_ON_SITE = "deputy_not_on_site"
DEPUTY_ON_LEAVE = "deputy_on_leave"
OVERLAP = "overlap"
ATTACHMENT_MISSING = "attachment_missing"
NO_WORKING_DAYS = "no_working_days"
ANNUAL_EXCEEDS_BALANCE = "annual_exceeds_balance"


@dataclass(frozen=True)
class LeaveType:
    code: str
    counting: str  # "working" | "calendar"
    attachment_required: bool = False
    max_months: int | None = None  # per request, in calendar months


DEFAULT_TYPES: tuple[LeaveType, ...] = (
    LeaveType("personal_leave", "working", max_months=1),
    LeaveType("sick_leave", "working", attachment_required=True),
    LeaveType("annual_leave", "working"),
    LeaveType("comp_leave", "working"),
    LeaveType("marriage_leave", "working", attachment_required=True),
    LeaveType("bereavement_leave", "working"),
    LeaveType("maternity_leave", "calendar"),
    LeaveType("paternity_leave", "working"),
    LeaveType("nursing_leave", "calendar"),
)
TYPES = {t.code: t for t in DEFAULT_TYPES}


@dataclass(frozen=True)
class Span:
    start: dt.date
    start_session: str
    end: dt.date
    end_session: str

    def valid(self) -> bool:
        return (self.start, self.start_session) <= (self.end, self.end_session)

    def sessions(self) -> list[tuple[dt.date, str]]:
        """Every (date, session) in the span, in order."""
        out: list[tuple[dt.date, str]] = []
        day = self.start
        while day <= self.end:
            for s in (AM, PM):
                if (day, s) < (self.start, self.start_session) or \
                        (day, s) > (self.end, self.end_session):
                    continue
                out.append((day, s))
            day += dt.timedelta(days=1)
        return out

    def overlaps(self, other: Span) -> bool:
        return not ((self.end, self.end_session) < (other.start, other.start_session)
                    or (other.end, other.end_session) < (self.start, self.start_session))

    def until(self, last_day: dt.date) -> Span | None:
        """The part of the span up to ``last_day`` (early return frees the rest)."""
        if last_day < self.start:
            return None
        if last_day >= self.end:
            return self
        return Span(self.start, self.start_session, last_day, PM)


def counted_sessions(span: Span, leave_type: LeaveType,
                     calendar: HolidayCalendar) -> list[tuple[dt.date, str]]:
    """The sessions the leave covers under the type's counting convention."""
    if leave_type.counting == "calendar":
        return span.sessions()
    return [(d, s) for d, s in span.sessions() if calendar.is_workday(d)]


def day_count(span: Span, leave_type: LeaveType, calendar: HolidayCalendar) -> float:
    return len(counted_sessions(span, leave_type, calendar)) / 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    month_end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return month_end.replace(day=min(day.day, month_end.day))


def last_allowed_day(start: dt.date, months: int) -> dt.date:
    """One calendar month from 1 March ends on 31 March, from 10 March on 9 April; when the
    target month is shorter (from 31 January) it ends on that month's last day."""
    target = add_months(start, months)
    if target.day != start.day:  # clamped to a shorter month
        return target
    return target - dt.timedelta(days=1)


def required_notice_days(days: float) -> int:
    """L2: fewer than 3 days -> 1 day ahead; 3 days or more -> 2 days ahead."""
    return 2 if days >= 3 else 1


def days_ahead(filed_at: dt.datetime, start: dt.date) -> int:
    return (start - filed_at.date()).days


@dataclass(frozen=True)
class OtherLeave:
    person_id: int
    span: Span
    state: LeaveState


@dataclass(frozen=True)
class DeputyInfo:
    person_id: int
    status: str
    start: dt.date | None
    end: dt.date | None


def check_request(person_id: int, leave_type: LeaveType, span: Span, days: float,
                  filed_at: dt.datetime, deputy: DeputyInfo | None, emergency: bool,
                  has_attachment: bool, others: Iterable[OtherLeave],
                  annual_balance: float | None = None) -> list[str]:
    """The violations of one request (codes above), in a stable order."""
    found: list[str] = []
    if days <= 0:
        found.append(NO_WORKING_DAYS)
    if not emergency and days_ahead(filed_at, span.start) < required_notice_days(days):
        found.append(LATE_FILING)
    if leave_type.max_months and span.end > last_allowed_day(span.start, leave_type.max_months):
        found.append(EXCEEDS_MAX)
    if deputy is None:
        found.append(DEPUTY_MISSING)
    elif deputy.person_id == person_id:
        found.append(DEPUTY_IS_APPLICANT)
    else:
        on_site = deputy.status in (PersonStatus.ACTIVE, PersonStatus.HANDOVER) and \
            (deputy.start is None or deputy.start <= span.start) and \
            (deputy.end is None or deputy.end >= span.end)
        if not on_site:
            found.append(DEPUTY_NOT_ON_SITE)
    others = list(others)
    if deputy is not None and any(o.person_id == deputy.person_id and o.state in ACTIVE_STATES
                                  and o.span.overlaps(span) for o in others):
        found.append(DEPUTY_ON_LEAVE)
    if any(o.person_id == person_id and o.state in ACTIVE_STATES and o.span.overlaps(span)
           for o in others):
        found.append(OVERLAP)
    if leave_type.attachment_required and not has_attachment:
        found.append(ATTACHMENT_MISSING)
    if leave_type.code == "annual_leave" and annual_balance is not None and \
            days > annual_balance:
        found.append(ANNUAL_EXCEEDS_BALANCE)
    return found


def annual_entitlement(first_work: dt.date | None, joined: dt.date | None,
                       year: int) -> int:
    """Days of paid annual leave for ``year`` (Regulations art. 3, Measures art. 5).

    Years of work are counted at the end of the year; a person who joined during the year
    gets the pro-rated share of the remaining calendar days, fractions dropped.
    """
    if first_work is None:
        return 0
    year_end = dt.date(year, 12, 31)
    ref = year_end + dt.timedelta(days=1)  # completed years at the end of the year
    years = ref.year - first_work.year - ((ref.month, ref.day) < (first_work.month,
                                                                 first_work.day))
    full = 15 if years >= 20 else 10 if years >= 10 else 5 if years >= 1 else 0
    if joined is not None and joined.year == year:
        remaining = (year_end - joined).days + 1
        return int(remaining / 365 * full)
    if joined is not None and joined.year > year:
        return 0
    return full


OVERTIME_RATES = {WORKDAY: 1.5, "adjusted_workday": 1.5, "rest_day": 2.0,
                  STATUTORY_HOLIDAY: 3.0}


def overtime_rate(kind: str) -> float:
    return OVERTIME_RATES[kind]
