"""Head office (issue 19): every project's month in figures, the cross-project overview and
statistics across projects and months.

Each (project, month) is computed by the site's own services (the month service, the service
log, the handovers) on a view of the database switched to that project, and stored in
``project_month_summary``: the overview then reads that one table and the project list,
whatever the number of sites.

Staleness. A stored summary is recomputed when

* the audit trail has a row newer than the summary's ``audit_mark`` that belongs to its
  project (every business row carries ``project_id``, so its audit row's ``before``/``after``
  names it) or to national data every site reads that can alter its month (a holiday day of
  that month, the status of its year); the check reads only
  the audit rows after the oldest mark of the month asked for, and summaries found fresh get
  their mark moved up to the newest row, so the next check reads only what is new;
* or the day it stands at (``as_of``: today while the month is not over, the day after its
  last once it is, :func:`standing_day`) is not today's: a month not over when computed
  changes with each day (pending sessions, overdue handovers), its last day included: a
  summary counted on the last day (its afternoon pending) is counted again once the month is
  over, and never again after that.
  Then, the data being unchanged, only the days after those whose sessions had all ended are
  counted and added to the stored figures of those (``Ended``): a day that has ended cannot
  change unless its data does.

Writes that bypass the audit trail call :meth:`HeadOfficeService.refresh` for the months
they touched (or :meth:`~HeadOfficeService.forget` the project). A site package's import
writes one audit row naming the project by code: that row makes its summaries stale too, and
the import counts the project's last year of months at once (:meth:`catch_up`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.domain.attendance import Tally, month_dates
from app.domain.handover import DUE_SOON, OVERDUE
from app.dto.attendance import MonthDTO, month_key
from app.dto.headoffice import (
    METRICS,
    DetailRow,
    LeaveRow,
    LeaveTable,
    MonthFigures,
    OverviewRow,
    Statistics,
)
from app.errors import AccessDenied, DatabaseError, ValidationError
from app.progress import NullProgress, Progress
from app.services.project import is_company_database
from app.storage.db import Database
from app.storage.tables import AuditLog, Project
from app.storage.tables_attendance import Punch
from app.storage.tables_headoffice import ProjectMonthSummary

if TYPE_CHECKING:
    from app.dto.service_log import ServiceMonthDTO
    from app.services.attendance import AttendanceService
    from app.services.handover import HandoverService
    from app.services.holidays import HolidayService
    from app.services.service_log import ServiceLogService

__all__ = ["METRICS", "HeadOfficeService", "ProjectRef", "Statistics", "figures_of",
           "parse_months"]

# audit entities every site reads: a change there makes every summary stale
NATIONAL_ENTITIES = frozenset({"holiday_day", "holiday_year"})
_PROJECT_IN_ROW = re.compile(r'"project_id"\s*:\s*(\d+)')
# a row naming its project by code instead (a site package's import record)
_PROJECT_CODE_IN_ROW = re.compile(r'"project"\s*:\s*"([^"]{1,32})"')
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
MAX_MONTHS = 60  # statistics over at most five years at once
CATCH_UP_MONTHS = 12  # a site package's import counts its project's last year of months


@dataclass(frozen=True)
class ProjectRef:
    id: int
    code: str
    name: str
    origin: str


def parse_months(first: str, last: str) -> list[tuple[int, int]]:
    """The months ``first`` .. ``last`` (YYYY-MM), in order; a clear message when bad."""
    from app import strings

    bounds = []
    for text, name in ((first, "from"), (last, "to")):
        m = _MONTH.match(text.strip())
        if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
            raise ValidationError(strings.HO_BAD_MONTH.format(value=text), name)
        bounds.append((int(m.group(1)), int(m.group(2))))
    (y, mo), end = bounds
    if (y, mo) > end:
        raise ValidationError(strings.HO_BAD_RANGE.format(first=first, last=last), "from")
    out = []
    while (y, mo) <= end:
        out.append((y, mo))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    if len(out) > MAX_MONTHS:
        raise ValidationError(strings.HO_TOO_MANY_MONTHS.format(n=len(out), most=MAX_MONTHS),
                              "to")
    return out


def _percent(part: float, whole: float) -> float | None:
    return round(part * 100.0 / whole, 1) if whole > 0 else None


class _Person(NamedTuple):
    """What a project's figures need of one person's month."""

    tally: Tally
    needs_explanation: bool
    start_date: dt.date | None
    end_date: dt.date | None


def figures_of(month: MonthDTO, service: ServiceMonthDTO | None, overdue: int, due_soon: int,
               as_of: dt.date) -> MonthFigures:
    """A project's month in figures, from the month sheet and the service log's month."""
    people = [_Person(Tally().add(p.summary.days), p.summary.needs_absence_explanation,
                      p.start_date, p.end_date) for p in month.people]
    return _figures_of(people, service, overdue, due_soon, as_of, month.locked,
                       month.data_through)


def _figures_of(people: Sequence[_Person], service: ServiceMonthDTO | None, overdue: int,
                due_soon: int, as_of: dt.date, locked: bool,
                data_through: dt.datetime | None) -> MonthFigures:
    whole = Tally()
    overtime = 0.0
    explanations = on_site = 0
    for p in people:
        whole.absorb(p.tally)
        overtime += round(p.tally.overtime, 2)  # each person's as the month sheet rounds it
        explanations += int(p.needs_explanation)
        on_site += int((p.start_date is None or p.start_date <= as_of)
                       and (p.end_date is None or p.end_date >= as_of))
    service_figures: dict[str, Any] = {}
    if service is not None:
        sm, targets = service.summary, service.targets
        service_figures = {
            "service_total": sm.total, "service_open": len(sm.open_ids),
            "response_target": targets.response_minutes, "response_met": sm.response.met,
            "response_missed": sm.response.missed,
            "response_percent": None if sm.response.percent is None
            else float(sm.response.percent),
            "resolution_target": targets.resolution_minutes,
            "resolution_met": sm.resolution.met, "resolution_missed": sm.resolution.missed,
            "resolution_percent": None if sm.resolution.percent is None
            else float(sm.resolution.percent),
        }
    leave = whole.leave_days
    return MonthFigures(
        people=len(people), on_site=on_site, required_days=whole.required,
        attended_days=whole.attended, absent_days=whole.absent, no_data_days=whole.no_data,
        pending_days=whole.pending,
        attendance_rate=_percent(whole.attended, whole.attended + whole.absent),
        late_count=whole.late_count, late_minutes=whole.late_minutes,
        early_count=whole.early_count, early_minutes=whole.early_minutes,
        missing_punches=whole.missing, absence_count=whole.absences,
        severe_count=whole.severe, leave_days={k: leave[k] for k in sorted(leave)},
        overtime_hours=round(overtime, 2), explanations=explanations, locked=locked,
        overdue_handovers=overdue, due_soon_handovers=due_soon, **service_figures,
        data_through=data_through.date().isoformat() if data_through else None)


class Site(Protocol):
    """What a summary needs of the services on one project (``Services.on_project``)."""

    @property
    def attendance(self) -> AttendanceService: ...
    @property
    def service_log(self) -> ServiceLogService: ...
    @property
    def handover(self) -> HandoverService: ...


@dataclass(frozen=True)
class Ended:
    """The part of a month that cannot change while the project's data does not: each
    person's tally of the days through ``through`` (stored beside the figures)."""

    through: dt.date
    people: dict[int, Tally]

    def as_json(self) -> str:
        return json.dumps({"through": self.through.isoformat(),
                           "people": {str(k): t.as_json() for k, t in self.people.items()}},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Ended | None:
        if not text:
            return None
        try:
            raw = json.loads(text)
            return cls(dt.date.fromisoformat(raw["through"]),
                       {int(k): Tally.from_json(v) for k, v in raw["people"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
            return None  # unreadable: the month is counted again from its first day


def _figures(site: Site, year: int, month: int, today: dt.date,
             ended: Ended | None = None) -> tuple[MonthFigures, Ended | None]:
    """One project's month by its own services (``site``: the services on that project), and
    the part of it that cannot change any more (``None`` for a locked month). ``ended``: that
    part as stored on an earlier day, with the project's data unchanged since: only the days
    after it are classified (a month not over moves on each day)."""
    last = month_dates(year, month)[-1]
    as_of = min(today, last)
    service = site.service_log.month(year, month)
    warnings = site.handover.warnings(as_of)
    overdue = {w.change_id for w in warnings if w.status == OVERDUE}
    due_soon = {w.change_id for w in warnings if w.status == DUE_SOON} - overdue
    attendance = site.attendance
    if attendance.is_locked(year, month):  # the locked sheet, as signed
        return figures_of(attendance.month(year, month), service, len(overdue),
                          len(due_soon), as_of), None
    since = ended.through + dt.timedelta(days=1) if ended is not None else None
    tallies = attendance.tallies(year, month, since)
    base = ended.people if ended is not None else {}
    people, kept = [], {}
    for p in tallies.people:
        before = base.get(p.person_id)
        done = before.absorb(p.ended) if before is not None else p.ended  # ``ended`` is ours
        whole = done.plus(p.rest)
        kept[p.person_id] = done
        people.append(_Person(whole, whole.needs_explanation(tallies.rules), p.start_date,
                              p.end_date))
    through = tallies.ended_through or (ended.through if ended is not None else None)
    return (_figures_of(people, service, len(overdue), len(due_soon), as_of, False,
                        tallies.data_through),
            Ended(through, kept) if through is not None else None)


class HeadOfficeService:
    def __init__(self, db: Database, actor: str | None, *,
                 on_project: Callable[[int], Site], holidays: HolidayService) -> None:
        self.db, self.actor = db, actor
        self.on_project = on_project  # the services switched to a project (Services builds)
        self.holidays = holidays  # the one every project's view shares (national data)
        # summaries counted while they could not be stored (a viewer signed in, a read-only
        # database), by (project, month): a viewer's next look reads them as stored ones
        # instead of counting again; consulted only while storing is refused
        self._memo: dict[tuple[int, str], ProjectMonthSummary] = {}

    # ---- projects ------------------------------------------------------------------------
    def projects(self) -> list[ProjectRef]:
        with self.db.read() as s:
            return [ProjectRef(*row) for row in s.execute(
                select(Project.id, Project.code, Project.name, Project.origin)
                .order_by(Project.code))]

    def is_company_database(self) -> bool:
        """More than one project, or a server database: the window offers the head office."""
        return is_company_database(self.db)

    # ---- one project's months --------------------------------------------------------------
    def compute(self, project_id: int, year: int, month: int) -> MonthFigures:
        """The figures as the site's services give them now (nothing stored)."""
        return _figures(self.on_project(project_id), year, month, self.db.clock.today())[0]

    def refresh(self, project_id: int, months: Iterable[tuple[int, int] | str],
                progress: Progress | None = None) -> dict[str, MonthFigures]:
        """Compute and store the summaries of ``project_id`` for ``months`` ((year, month) or
        "YYYY-MM"), each from its first day; the figures by month key. What a writer that
        bypasses the audit trail calls for the months it touched."""
        wanted = sorted({_as_pair(m) for m in months})
        progress = progress or NullProgress()
        with self.db.read() as s:
            mark = _newest_audit_id(s)  # before computing: later writes are caught later
        site = self.on_project(project_id)
        today = self.db.clock.today()
        out: dict[str, tuple[MonthFigures, Ended | None]] = {}
        with self.holidays.held(), self.db.held_reads():
            for i, (year, month) in enumerate(wanted):
                out[month_key(year, month)] = _figures(site, year, month, today)
                progress.report(i + 1, len(wanted))
        self._store([(project_id, out, mark)], today)
        return {key: figures for key, (figures, _ended) in out.items()}

    def catch_up(self, code: str, progress: Progress | None = None) -> list[str]:
        """After a site package's import (its audit row makes every stored month of the
        project stale): count again the project's months from the month of its first punch,
        at most ``CATCH_UP_MONTHS`` back, to the current month, so the overview and the
        statistics after an import read stored figures. Older months are counted when they
        are looked at. The month keys counted (none when the code is unknown)."""
        today = self.db.clock.today()
        with self.db.read() as s:
            pid = s.scalar(select(Project.id).where(func.upper(Project.code) == code.upper()))
            if pid is None:
                return []
            first = s.scalar(select(func.min(Punch.punched_at)).where(
                Punch.project_id == pid))
        y, m = today.year, today.month
        months = [(y, m)]
        for _ in range(CATCH_UP_MONTHS):
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
            if first is None or (y, m) < (first.year, first.month):
                break
            months.append((y, m))
        return sorted(self.refresh(int(pid), months, progress))

    def forget(self, project_id: int) -> None:
        """Drop every stored summary of a project (they are rebuilt on the next look)."""
        self._write(lambda s: s.execute(delete(ProjectMonthSummary).where(
            ProjectMonthSummary.project_id == project_id)))

    # ---- the overview ----------------------------------------------------------------------
    def overview(self, year: int, month: int,
                 progress: Progress | None = None) -> list[OverviewRow]:
        """One row per project for the month: stored summaries, recomputed where stale or
        missing (see the module's doc)."""
        rows, stale, aged, newest = self._stored(year, month)
        key = month_key(year, month)
        recomputed: dict[int, MonthFigures] = {}
        progress = progress or NullProgress()
        today = self.db.clock.today()
        ended = self._ended(key, aged, rows)
        with self.db.read() as s:
            mark = _newest_audit_id(s)  # before counting: later writes are caught later
        done: list[tuple[int, dict[str, tuple[MonthFigures, Ended | None]], int]] = []
        with self.holidays.held(), self.db.held_reads():
            for i, pid in enumerate(stale):
                # a summary only older by some days, its data unchanged up to ``newest``:
                # the days after its stored ended part are counted, and it includes ``newest``
                part = ended.get(pid)
                counted = _figures(self.on_project(pid), year, month, today, part)
                done.append((pid, {key: counted}, newest if part is not None else mark))
                recomputed[pid] = counted[0]
                progress.report(i + 1, len(stale))
        self._store(done, today)  # one transaction for them all
        fresh = [pid for pid in rows if pid not in stale]
        for pid in fresh:  # kept in memory (a viewer): known to include ``newest`` too
            kept = self._memo.get((pid, key))
            if kept is not None and kept.audit_mark < newest:
                kept.audit_mark = newest
        if fresh:
            self._write(lambda s: s.execute(update(ProjectMonthSummary).where(
                ProjectMonthSummary.month == key,
                ProjectMonthSummary.project_id.in_(fresh),
                ProjectMonthSummary.audit_mark < newest).values(audit_mark=newest)))
        now = self.db.clock.now()
        out = []
        for ref in self.projects():
            stored = rows.get(ref.id)
            if ref.id in recomputed or stored is None:
                figures = recomputed.get(ref.id) or MonthFigures()
                out.append(OverviewRow(ref.id, ref.code, ref.name, ref.origin, key, figures,
                                       now, True))
            else:
                out.append(OverviewRow(ref.id, ref.code, ref.name, ref.origin, key,
                                       MonthFigures.from_json(json.loads(stored.figures)),
                                       stored.computed_at, False))
        return out

    def stale(self, year: int, month: int) -> list[int]:
        """The projects whose summary of the month is missing or stale (nothing computed)."""
        return self._stored(year, month)[1]

    def _stored(self, year: int, month: int
                ) -> tuple[dict[int, ProjectMonthSummary], list[int], set[int], int]:
        """The stored summaries of the month, the projects whose summary is stale or missing
        (by id), those of them stale only because a day has passed (``aged``: their data
        unchanged up to the newest audit row), and the newest audit row's id."""
        key = month_key(year, month)
        as_of = standing_day(self.db.clock.today(), month_dates(year, month)[-1])
        with self.db.read() as s:
            ids = list(s.scalars(select(Project.id).order_by(Project.id)))
            rows = {r.project_id: r for r in s.scalars(select(ProjectMonthSummary).where(
                ProjectMonthSummary.month == key))}
            rows.update(self._kept(key, rows))
            newest = _newest_audit_id(s)
            low = min((r.audit_mark for r in rows.values()), default=newest)
            touched, national = _touched_since(s, low) if low < newest else ({}, {})
        holidays = _national_mark(national, key)
        stale, aged = [], set()
        for pid in ids:
            r = rows.get(pid)
            if (r is None or holidays > r.audit_mark
                    or touched.get(pid, 0) > r.audit_mark):
                stale.append(pid)
            elif r.as_of != as_of:
                stale.append(pid)
                if r.as_of < as_of:
                    aged.add(pid)
        return rows, stale, aged, newest

    def _ended(self, key: str, pids: set[int], rows: dict[int, ProjectMonthSummary]
               ) -> dict[int, Ended]:
        """The ended parts of ``pids``' summaries of month ``key`` (readable ones). ``rows``:
        the summaries ``_stored`` gave: one kept in memory carries its part; a stored one's
        (a deferred column) is read here."""
        texts = {pid: rows[pid].ended for pid in pids
                 if self._memo.get((pid, key)) is rows[pid]}
        wanted = pids - texts.keys()
        if wanted:
            with self.db.read() as s:
                texts.update((int(pid), text_) for pid, text_ in s.execute(
                    select(ProjectMonthSummary.project_id, ProjectMonthSummary.ended)
                    .where(ProjectMonthSummary.month == key,
                           ProjectMonthSummary.project_id.in_(wanted))))
        parts = {pid: Ended.from_json(text_) for pid, text_ in texts.items()}
        return {pid: part for pid, part in parts.items() if part is not None}

    def _kept(self, key: str, stored: dict[int, ProjectMonthSummary]
              ) -> dict[int, ProjectMonthSummary]:
        """The month's summaries kept in memory that are newer than ``stored``'s, while
        summaries cannot be stored (none otherwise: a person who may write stores them)."""
        if not self._memo or self._may_store():
            return {}
        return {pid: row for (pid, month), row in list(self._memo.items()) if month == key
                and (pid not in stored or stored[pid].audit_mark < row.audit_mark)}

    # ---- statistics ------------------------------------------------------------------------
    def statistics(self, months: Sequence[tuple[int, int]],
                   progress: Progress | None = None) -> Statistics:
        """Every project × ``months`` (stale summaries recomputed first), in plain tables."""
        from app import strings

        detail: list[DetailRow] = []
        progress = progress or NullProgress()
        for i, (year, month) in enumerate(months):
            detail.extend(DetailRow(row.code, row.name, row.month, row.figures)
                          for row in self.overview(year, month))
            progress.report(i + 1, len(months))
        detail.sort(key=lambda r: (r.code, r.month))
        leave: list[LeaveRow] = []
        kinds: set[str] = set()
        for r in detail:
            if r.figures.leave_days:
                leave.append(LeaveRow(r.code, r.name, r.month, dict(r.figures.leave_days)))
                kinds.update(r.figures.leave_days)
        order = {kind: i for i, kind in enumerate(strings.LEAVE_TYPE_LABELS)}
        types = tuple(sorted(kinds, key=lambda k: (order.get(k, len(order)), k)))
        return Statistics(tuple(month_key(y, m) for y, m in months), tuple(detail),
                          LeaveTable(types, tuple(leave)))

    # ---- storage ---------------------------------------------------------------------------
    def _store(self, summaries: Sequence[tuple[int, dict[str, tuple[MonthFigures, Ended | None]],
                                              int]],
               today: dt.date) -> None:
        """Store (project, {month: (figures, ended part)}, audit mark) summaries at once."""
        if not summaries:
            return
        now = self.db.clock.now()
        if not self._may_store():  # kept for this session's next looks instead
            for project_id, figures, mark in summaries:
                for key, counted in figures.items():
                    row = ProjectMonthSummary(project_id=project_id, month=key)
                    _fill(row, key, counted, mark, today, now)
                    self._memo[(project_id, key)] = row
            return
        self._memo.clear()  # a person who may write stores (what a viewer counted is redone)

        def put(s: Session) -> None:
            for project_id, figures, mark in summaries:
                for key, counted in figures.items():
                    row = s.get(ProjectMonthSummary, (project_id, key))
                    if row is None:
                        row = ProjectMonthSummary(project_id=project_id, month=key)
                        s.add(row)
                    _fill(row, key, counted, mark, today, now)

        self._write(put)

    def _may_store(self) -> bool:
        """Whether the summaries can be stored: not for a viewer, nor on a database that
        cannot be written (read-only file). The summaries are head office's own table, not a
        site's rows: the read-only state of a site package's copy (``project_refusal``)
        does not apply."""
        return not (self.db.read_only or self.db.write_refusal(any_project=True) is not None)

    def _write(self, work: Any) -> None:
        """Store into the derived table when the person may (``_may_store``)."""
        if not self._may_store():
            return
        try:
            with self.db.transaction(self.actor, any_project=True) as s:
                work(s)
        except (AccessDenied, DatabaseError):
            pass


def _fill(row: ProjectMonthSummary, key: str, counted: tuple[MonthFigures, Ended | None],
          mark: int, today: dt.date, now: dt.datetime) -> None:
    """A summary row as stored: the figures, the day they stand at, the ended part."""
    figures, ended = counted
    year, month = _as_pair(key)
    row.figures = json.dumps(figures.as_json(), ensure_ascii=False, sort_keys=True)
    last = month_dates(year, month)[-1]
    row.as_of = standing_day(today, last)
    # a month over never ages again: nothing to count after its ended part
    row.ended = ended.as_json() if ended is not None and today <= last else None
    row.computed_at = now
    row.audit_mark = mark


def standing_day(today: dt.date, last: dt.date) -> dt.date:
    """The day a summary of the month ending on ``last`` stands at when counted ``today``:
    today while the month is not over (its last day included: sessions of that day may be
    pending), the day after its last once it is (it never changes again by the date)."""
    return today if today <= last else last + dt.timedelta(days=1)


def _as_pair(m: tuple[int, int] | str) -> tuple[int, int]:
    if isinstance(m, str):
        year, month = m.split("-")
        return int(year), int(month)
    return int(m[0]), int(m[1])


def _newest_audit_id(s: Session) -> int:
    return int(s.scalar(select(func.max(AuditLog.id))) or 0)


def _touched_since(s: Session, mark: int) -> tuple[dict[int, int], dict[str, int]]:
    """Audit rows after ``mark``: project id -> its newest row id, and what national data
    changed: the months it can alter ("YYYY-MM" for a holiday day, "YYYY" for a year's status,
    which decides whether its days are estimated, ``EVERY_MONTH`` when unreadable) -> the
    newest row id. A row names its project by ``project_id`` (every site table), or by code
    (``"project": CODE``, a site package's import record)."""
    touched: dict[int, int] = {}
    national: dict[str, int] = {}
    codes: dict[str, int] | None = None
    for rid, entity, before, after in s.execute(
            select(AuditLog.id, AuditLog.entity, AuditLog.before, AuditLog.after)
            .where(AuditLog.id > mark)):
        if entity in NATIONAL_ENTITIES:
            for key in _national_months(entity, before, after):
                national[key] = max(national.get(key, 0), rid)
            continue
        for text_ in (after, before):
            found = _PROJECT_IN_ROW.search(text_ or "")
            pid = int(found.group(1)) if found else None
            if pid is None and (named := _PROJECT_CODE_IN_ROW.search(text_ or "")):
                if codes is None:
                    codes = {str(c).upper(): int(i) for i, c in s.execute(
                        select(Project.id, Project.code))}
                pid = codes.get(named.group(1).upper())
            if pid is not None:
                touched[pid] = max(touched.get(pid, 0), rid)
    return touched, national


EVERY_MONTH = "*"


def _national_months(entity: str, before: str | None, after: str | None) -> set[str]:
    """The months a change of a holiday day (its month, before and after) or of a year's
    status (the whole year) can alter; every month when the row cannot be read. Importing
    next year's holidays in December leaves this year's summaries as they are."""
    keys: set[str] = set()
    for text_ in (before, after):
        if not text_:
            continue
        try:
            raw = json.loads(text_)
            if entity == "holiday_day":
                keys.add(dt.date.fromisoformat(str(raw["date"]))
                         .strftime("%Y-%m"))
            else:
                keys.add(str(int(raw["year"])))
        except (ValueError, KeyError, TypeError):
            return {EVERY_MONTH}
    return keys or {EVERY_MONTH}


def _national_mark(national: dict[str, int], key: str) -> int:
    """The newest national change that can alter month ``key`` ("YYYY-MM"); 0: none."""
    return max(national.get(key, 0), national.get(key[:4], 0), national.get(EVERY_MONTH, 0))
