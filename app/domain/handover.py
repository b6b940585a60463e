"""Personnel change and handover rules (SPEC C1-C6; the regulation's chapter on change
management: notice one month ahead, the change request 12 working days ahead, a handover of at
least 10 working days, a client-demanded replacement within 15 working days).

Counting conventions, stated once (``tests/unit/test_handover_rules.py`` checks each):

* The **change date** D is the day the change takes effect: from D on the joining person holds
  the post alone and the leaving person no longer works on site. The leaving person's last day
  on site is the last working day before D.
* **"N working days before D"** is the working day X such that [X, D) holds exactly N working
  days: D itself is not counted, X is. That is ``HolidayCalendar.subtract_working_days(D, N)``.
  Example: D = Monday 2026-12-21, N = 12 gives Thursday 2026-12-03 (12-03, 04, 07 … 18).
* **C1 notice**: one calendar month before D, the same day of the month one month earlier,
  clamped to that month's last day when it has no such day: 31 March gives 28 February (29 in a
  leap year), and so do 30 and 29 March; 31 May gives 30 April. Calendar days, never moved to a
  working day (a notice may always be handed in earlier), so it never depends on the holiday
  table and is never provisional.
* **C2 change request**: 12 working days before D.
* **Approval** by the client department and the supervision firm comes before the handover
  starts (the regulation: approved, *then* the handover is carried out), so it is due on the
  latest handover start. A change without handover (a new post) is due the working day before D.
* **C3 handover**: at least 10 working days, all before D; its latest start is 10 working days
  before D and it is complete on the last working day before D. A handover from S to E (both
  included) lasts ``count_working_days(S, E)`` working days.
* **C4 client-demanded replacement**: completed within 15 working days of the demand: by the
  15th working day after the demand date, the demand day not counted
  (``add_working_days(demand, 15)``). The planned change date must not be later.
* **Status** of a step on day T: ``done`` once it has a done date (``late`` when that date is
  after the due date); ``overdue`` when T is after the due date; ``due_soon`` when the due date is
  no later than the 3rd working day after T (the due day itself included); else ``on_time``.
* A working-day deadline is **provisional** (shown as an estimate) when a year between it and
  the date it is counted from is not confirmed in the holiday table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app import strings
from app.domain.calendar import HolidayCalendar
from app.domain.leave import add_months

# ---- kinds of change -------------------------------------------------------------------------
LEAVE = "leave"
REPLACE = "replace"
ADD = "add"
ROLE_CHANGE = "role_change"
CLIENT_DEMANDED = "client_demanded"
KINDS = (LEAVE, REPLACE, ADD, ROLE_CHANGE, CLIENT_DEMANDED)

# reason on the change request: own reasons / client's demand / company's decision
REASON_KINDS = ("personal", "client", "company")


class ChangeState(StrEnum):
    """Life of a change (stored as these strings)."""

    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


PLANNED, DONE, CANCELLED = ChangeState.PLANNED, ChangeState.DONE, ChangeState.CANCELLED
STATES = tuple(ChangeState)

# the parties who approve a change request
CLIENT_DEPT, SUPERVISOR = "client_dept", "supervisor"
PARTIES = (CLIENT_DEPT, SUPERVISOR)

# ---- the numbers of the regulation -----------------------------------------------------------
NOTICE_MONTHS = 1
APPLICATION_WORKING_DAYS = 12
HANDOVER_WORKING_DAYS = 10
REPLACEMENT_WORKING_DAYS = 15
DUE_SOON_WORKING_DAYS = 3

# ---- timeline steps and their statuses -------------------------------------------------------
NOTICE = "notice"
APPLICATION = "application"
APPROVAL = "approval"
HANDOVER_START = "handover_start"
FINISH = "finish"
REPLACEMENT = "replacement"
STEP_ORDER = (NOTICE, APPLICATION, APPROVAL, HANDOVER_START, FINISH, REPLACEMENT)

ON_TIME, DUE_SOON, OVERDUE, STEP_DONE = "on_time", "due_soon", "overdue", "done"
STEP_STATUSES = (ON_TIME, DUE_SOON, OVERDUE, STEP_DONE)

# ---- plan problems (shown next to the change, printed on the request) ------------------------
JOINING_MISSING = "joining_missing"
LEAVING_MISSING = "leaving_missing"
HANDOVER_TOO_SHORT = "handover_too_short"
HANDOVER_STARTS_LATE = "handover_starts_late"
HANDOVER_ENDS_LATE = "handover_ends_late"
BEYOND_REPLACEMENT_LIMIT = "beyond_replacement_limit"
NO_CERTIFICATE = "no_certificate"
NO_RESUME = "no_resume"
NO_NDA = "no_nda"


def needs_leaving(kind: str) -> bool:
    """Every kind but a new post has somebody who leaves the post (or, for a role change,
    the person whose role changes)."""
    return kind != ADD


def needs_joining(kind: str) -> bool:
    """A replacement (own or client-demanded) and a new post bring a newcomer."""
    return kind in (REPLACE, ADD, CLIENT_DEMANDED)


def has_handover(kind: str) -> bool:
    """Whoever leaves a post hands it over (C3); a new post has nothing to hand over."""
    return kind != ADD


# Workflow actions on one change. ``allowed_actions`` is the one place that says which a
# change allows: the service refuses anything outside it and the UI enables its buttons from it.
EDIT, APPROVE, CHECKLIST, HANDOVER = "edit", "approve", "checklist", "handover"
BEGIN, FINISH, CANCEL, PRINT = "begin_handover", "finish", "cancel", "print"
ACTIONS = (EDIT, APPROVE, CHECKLIST, HANDOVER, BEGIN, FINISH, CANCEL, PRINT)


def allowed_actions(state: str, kind: str, handover_started: bool = False) -> frozenset[str]:
    """What a change in ``state`` allows (C1-C6): while it is planned it can be edited,
    approved, finished or cancelled and its checklist kept; a change with a handover (C3) opens
    the handover form and starts the handover once. Done and cancelled changes are history:
    only their forms are printed."""
    allowed = {PRINT}
    if state == PLANNED:
        allowed |= {EDIT, APPROVE, CHECKLIST, FINISH, CANCEL}
        if has_handover(kind):
            allowed.add(HANDOVER)
            if not handover_started:
                allowed.add(BEGIN)
    return frozenset(allowed)


def needs_notice(kind: str) -> bool:
    """C1 does not apply to a replacement the client demanded: the client started it, and the
    15-working-day limit of C4 leaves no room for a month's notice."""
    return kind != CLIENT_DEMANDED


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, clamped to the month's end (31 March -> 28/29 Feb)."""
    return add_months(day, -months)


def _provisional(calendar: HolidayCalendar, a: dt.date, b: dt.date) -> bool:
    return bool(calendar.provisional_years(min(a, b), max(a, b)))


@dataclass(frozen=True)
class Deadlines:
    """Every deadline of one change, computed from its change date (and demand date)."""

    change_date: dt.date
    notice_due: dt.date
    application_due: dt.date
    handover_start_latest: dt.date
    handover_end_latest: dt.date
    replacement_due: dt.date | None
    provisional_steps: tuple[str, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_steps)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "change_date": self.change_date.isoformat(),
            "notice_due": self.notice_due.isoformat(),
            "application_due": self.application_due.isoformat(),
            "handover_start_latest": self.handover_start_latest.isoformat(),
        }
        if self.replacement_due is not None:
            out["replacement_due"] = self.replacement_due.isoformat()
        out["provisional"] = self.provisional
        return out


def compute_deadlines(change_date: dt.date, calendar: HolidayCalendar,
                      demand_date: dt.date | None = None) -> Deadlines:
    """C1-C4 deadlines of a change taking effect on ``change_date``."""
    sub = calendar.subtract_working_days
    application = sub(change_date, APPLICATION_WORKING_DAYS)
    start = sub(change_date, HANDOVER_WORKING_DAYS)
    end = sub(change_date, 1)
    replacement = (calendar.add_working_days(demand_date, REPLACEMENT_WORKING_DAYS)
                   if demand_date is not None else None)
    provisional = [code for code, due in ((APPLICATION, application), (APPROVAL, start),
                                          (HANDOVER_START, start), (FINISH, end))
                   if _provisional(calendar, due, change_date)]
    if demand_date is not None and replacement is not None and \
            _provisional(calendar, demand_date, replacement):
        provisional.append(REPLACEMENT)
    return Deadlines(change_date, months_before(change_date, NOTICE_MONTHS), application, start,
                     end, replacement, tuple(provisional))


def step_status(due: dt.date, done: dt.date | None, today: dt.date,
                calendar: HolidayCalendar) -> str:
    if done is not None:
        return STEP_DONE
    if today > due:
        return OVERDUE
    if due <= calendar.add_working_days(today, DUE_SOON_WORKING_DAYS):
        return DUE_SOON
    return ON_TIME


@dataclass(frozen=True)
class Step:
    """One row of a change's timeline."""

    code: str
    due: dt.date
    done: dt.date | None
    status: str
    provisional: bool
    late: bool = False  # done, but after the due date

    @property
    def name(self) -> str:
        return strings.CH_STEP_LABELS[self.code]


@dataclass(frozen=True)
class StepDates:
    """What has been done so far (the done dates of the steps)."""

    notice_sent_on: dt.date | None = None
    application_submitted_on: dt.date | None = None
    approved_on: dt.date | None = None  # the later of the two approvals, once both are in
    handover_started_on: dt.date | None = None
    finished_on: dt.date | None = None


def timeline(kind: str, deadlines: Deadlines, dates: StepDates, today: dt.date,
             calendar: HolidayCalendar) -> list[Step]:
    """The steps of a change of ``kind``, in order, with their status on ``today``."""
    d = deadlines
    approval_due = d.handover_start_latest if has_handover(kind) else d.handover_end_latest
    rows: list[tuple[str, dt.date, dt.date | None]] = []
    if needs_notice(kind):
        rows.append((NOTICE, d.notice_due, dates.notice_sent_on))
    rows += [(APPLICATION, d.application_due, dates.application_submitted_on),
             (APPROVAL, approval_due, dates.approved_on)]
    if has_handover(kind):
        rows += [(HANDOVER_START, d.handover_start_latest, dates.handover_started_on),
                 (FINISH, d.handover_end_latest, dates.finished_on)]
    else:
        rows.append((FINISH, d.change_date, dates.finished_on))
    if kind == CLIENT_DEMANDED and d.replacement_due is not None:
        rows.append((REPLACEMENT, d.replacement_due, dates.finished_on))
    return [Step(code, due, done, step_status(due, done, today, calendar),
                 code in d.provisional_steps, done is not None and done > due)
            for code, due, done in rows]


def approved_on(client: dt.date | None, supervisor: dt.date | None) -> dt.date | None:
    """The request counts as approved once both parties have approved (C2)."""
    if client is None or supervisor is None:
        return None
    return max(client, supervisor)


def handover_days(start: dt.date, end: dt.date, calendar: HolidayCalendar) -> int:
    """Working days of a handover from ``start`` to ``end``, both included (C3)."""
    return calendar.count_working_days(start, end)


@dataclass(frozen=True)
class Joining:
    """What the change request needs to know about the newcomer (from the roster)."""

    has_certificate: bool
    has_resume: bool
    nda_signed: bool


def plan_problems(kind: str, deadlines: Deadlines, calendar: HolidayCalendar,
                  has_leaving: bool, joining: Joining | None,
                  handover_start: dt.date | None = None,
                  handover_end: dt.date | None = None) -> list[str]:
    """What is wrong with the plan itself, whatever the date (codes above, stable order)."""
    found: list[str] = []
    if needs_leaving(kind) and not has_leaving:
        found.append(LEAVING_MISSING)
    if needs_joining(kind) and joining is None:
        found.append(JOINING_MISSING)
    if has_handover(kind) and handover_start is not None:
        end = handover_end or deadlines.handover_end_latest
        if handover_days(handover_start, end, calendar) < HANDOVER_WORKING_DAYS:
            found.append(HANDOVER_TOO_SHORT)
        if handover_start > deadlines.handover_start_latest:
            found.append(HANDOVER_STARTS_LATE)
        if end >= deadlines.change_date:
            found.append(HANDOVER_ENDS_LATE)
    if deadlines.replacement_due is not None and kind == CLIENT_DEMANDED and \
            deadlines.change_date > deadlines.replacement_due:
        found.append(BEYOND_REPLACEMENT_LIMIT)
    if joining is not None:
        if not joining.has_certificate:
            found.append(NO_CERTIFICATE)
        if not joining.has_resume:
            found.append(NO_RESUME)
        if not joining.nda_signed:
            found.append(NO_NDA)
    return found


# ---- the handover checklist (C3, C6) ---------------------------------------------------------
@dataclass(frozen=True)
class ItemTemplate:
    title: str
    detail: str = ""
    source: str = "default"  # default | equipment | custom
    equipment_id: int | None = None


def default_items(equipment: Iterable[tuple[int, str, str]] = ()) -> list[ItemTemplate]:
    """The default checklist (RULES-FORMS-TERMS §4), with one line per piece of equipment the
    leaving person has not returned yet (``(equipment id, item, asset no.)``, C6)."""
    items = [ItemTemplate(title, detail) for title, detail in strings.CH_DEFAULT_ITEMS]
    at = next((i for i, t in enumerate(items) if t.title == strings.CH_RETURN_ITEM), len(items))
    extra = [ItemTemplate(strings.CH_RETURN_EQUIPMENT.format(item=name), asset, "equipment",
                          equipment_id) for equipment_id, name, asset in equipment]
    return items[:at + 1] + extra + items[at + 1:]
