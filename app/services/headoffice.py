"""Head office (issue 19): every project's month in figures, the cross-project overview and
statistics across projects and months.

Each (project, month) is computed by the site's own services (the month service, the service
log, the handovers) on a view of the database switched to that project, and stored in
``project_month_summary``: the overview then reads that one table and the project list,
whatever the number of sites.

Staleness. A stored summary is recomputed when

* the audit trail has a row newer than the summary's ``audit_mark`` that belongs to its
  project (every business row carries ``project_id``, so its audit row's ``before``/``after``
  names it) or to national data every site reads (the holiday calendar); the check reads only
  the audit rows after the oldest mark of the month asked for, and summaries found fresh get
  their mark moved up to the newest row, so the next check reads only what is new;
* or the day it stands at (``as_of`` = min(today, the month's last day)) is not today's: a
  month not over when computed changes with each day (pending sessions, overdue handovers).

Writes that bypass the audit trail call :meth:`HeadOfficeService.refresh` for the months
they touched (or :meth:`~HeadOfficeService.forget` the project). A site package's import
writes one audit row naming the project by code: that row makes its summaries stale too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.domain.attendance import ABSENT, ATTENDED, NO_DATA, PENDING, month_dates
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
from app.storage.tables_headoffice import ProjectMonthSummary

if TYPE_CHECKING:
    from app.dto.service_log import ServiceMonthDTO
    from app.services.attendance import AttendanceService
    from app.services.handover import HandoverService
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


def figures_of(month: MonthDTO, service: ServiceMonthDTO | None, overdue: int, due_soon: int,
               as_of: dt.date) -> MonthFigures:
    """A project's month in figures, from the month sheet and the service log's month."""
    sessions = {ATTENDED: 0, ABSENT: 0, NO_DATA: 0, PENDING: 0}
    leave: dict[str, float] = {}
    totals = dict.fromkeys(("late_count", "late_minutes", "early_count", "early_minutes",
                            "missing_punches", "absence_count", "severe_count"), 0)
    required = overtime = 0.0
    explanations = on_site = 0
    for p in month.people:
        s = p.summary
        required += s.required_days
        overtime += s.overtime_hours
        explanations += int(s.needs_absence_explanation)
        on_site += int((p.start_date is None or p.start_date <= as_of)
                       and (p.end_date is None or p.end_date >= as_of))
        for key in totals:
            totals[key] += int(getattr(s, key))
        for kind, days in s.leave_days.items():
            leave[kind] = leave.get(kind, 0.0) + days
        for d in s.days:
            if not d.required:
                continue
            for half in (d.am, d.pm):
                verdict = ATTENDED if half.verdict in ATTENDED else half.verdict
                if verdict in sessions:
                    sessions[verdict] += 1
    attended, absent = sessions[ATTENDED] / 2, sessions[ABSENT] / 2
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
    return MonthFigures(
        people=len(month.people), on_site=on_site, required_days=required,
        attended_days=attended, absent_days=absent, no_data_days=sessions[NO_DATA] / 2,
        pending_days=sessions[PENDING] / 2, attendance_rate=_percent(attended, attended + absent),
        leave_days={k: leave[k] for k in sorted(leave)}, overtime_hours=round(overtime, 2),
        explanations=explanations, locked=month.locked, overdue_handovers=overdue,
        due_soon_handovers=due_soon, **totals, **service_figures,
        data_through=month.data_through.date().isoformat() if month.data_through else None)


class Site(Protocol):
    """What a summary needs of the services on one project (``Services.on_project``)."""

    @property
    def attendance(self) -> AttendanceService: ...
    @property
    def service_log(self) -> ServiceLogService: ...
    @property
    def handover(self) -> HandoverService: ...


def _figures(site: Site, year: int, month: int, today: dt.date) -> MonthFigures:
    """One project's month by its own services (``site``: the services on that project)."""
    last = month_dates(year, month)[-1]
    as_of = min(today, last)
    sheet = site.attendance.month(year, month)
    service = site.service_log.month(year, month)
    warnings = site.handover.warnings(as_of)
    overdue = {w.change_id for w in warnings if w.status == OVERDUE}
    due_soon = {w.change_id for w in warnings if w.status == DUE_SOON} - overdue
    return figures_of(sheet, service, len(overdue), len(due_soon), as_of)


class HeadOfficeService:
    def __init__(self, db: Database, actor: str | None, *,
                 on_project: Callable[[int], Site]) -> None:
        self.db, self.actor = db, actor
        self.on_project = on_project  # the services switched to a project (Services builds)

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
        return _figures(self.on_project(project_id), year, month, self.db.clock.today())

    def refresh(self, project_id: int, months: Iterable[tuple[int, int] | str],
                progress: Progress | None = None) -> dict[str, MonthFigures]:
        """Compute and store the summaries of ``project_id`` for ``months`` ((year, month) or
        "YYYY-MM"); the figures by month key. What a writer that bypasses the audit trail
        (the site package import) calls for the months it touched."""
        wanted = sorted({_as_pair(m) for m in months})
        progress = progress or NullProgress()
        with self.db.read() as s:
            mark = _newest_audit_id(s)  # before computing: later writes are caught later
        site = self.on_project(project_id)
        today = self.db.clock.today()
        out: dict[str, MonthFigures] = {}
        for i, (year, month) in enumerate(wanted):
            out[month_key(year, month)] = _figures(site, year, month, today)
            progress.report(i + 1, len(wanted))
        self._store(project_id, out, mark, today)
        return out

    def forget(self, project_id: int) -> None:
        """Drop every stored summary of a project (they are rebuilt on the next look)."""
        self._write(lambda s: s.execute(delete(ProjectMonthSummary).where(
            ProjectMonthSummary.project_id == project_id)))

    # ---- the overview ----------------------------------------------------------------------
    def overview(self, year: int, month: int,
                 progress: Progress | None = None) -> list[OverviewRow]:
        """One row per project for the month: stored summaries, recomputed where stale or
        missing (see the module's doc)."""
        rows, stale, newest = self._stored(year, month)
        key = month_key(year, month)
        recomputed: dict[int, MonthFigures] = {}
        progress = progress or NullProgress()
        for i, pid in enumerate(stale):
            recomputed[pid] = self.refresh(pid, [(year, month)])[key]
            progress.report(i + 1, len(stale))
        fresh = [pid for pid in rows if pid not in stale]
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
                ) -> tuple[dict[int, ProjectMonthSummary], list[int], int]:
        key = month_key(year, month)
        as_of = min(self.db.clock.today(), month_dates(year, month)[-1])
        with self.db.read() as s:
            ids = list(s.scalars(select(Project.id).order_by(Project.id)))
            rows = {r.project_id: r for r in s.scalars(select(ProjectMonthSummary).where(
                ProjectMonthSummary.month == key))}
            newest = _newest_audit_id(s)
            low = min((r.audit_mark for r in rows.values()), default=newest)
            touched, national = _touched_since(s, low) if low < newest else ({}, 0)
        stale = []
        for pid in ids:
            r = rows.get(pid)
            if (r is None or r.as_of != as_of or national > r.audit_mark
                    or touched.get(pid, 0) > r.audit_mark):
                stale.append(pid)
        return rows, stale, newest

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
    def _store(self, project_id: int, figures: dict[str, MonthFigures], mark: int,
               today: dt.date) -> None:
        now = self.db.clock.now()

        def put(s: Session) -> None:
            for key, f in figures.items():
                year, month = _as_pair(key)
                row = s.get(ProjectMonthSummary, (project_id, key))
                if row is None:
                    row = ProjectMonthSummary(project_id=project_id, month=key)
                    s.add(row)
                row.figures = json.dumps(f.as_json(), ensure_ascii=False, sort_keys=True)
                row.computed_at = now
                row.as_of = min(today, month_dates(year, month)[-1])
                row.audit_mark = mark

        self._write(put)

    def _write(self, work: Any) -> None:
        """Store into the derived table when the person may write: a viewer's look, or a
        database that cannot be written (read-only file), gets the figures computed and
        unstored. The summaries are head office's own table, not a site's rows: the
        read-only state of a site package's copy (``project_refusal``) does not apply."""
        if self.db.read_only or self.db.write_refusal(any_project=True) is not None:
            return
        try:
            with self.db.transaction(self.actor, any_project=True) as s:
                work(s)
        except (AccessDenied, DatabaseError):
            pass


def _as_pair(m: tuple[int, int] | str) -> tuple[int, int]:
    if isinstance(m, str):
        year, month = m.split("-")
        return int(year), int(month)
    return int(m[0]), int(m[1])


def _newest_audit_id(s: Session) -> int:
    return int(s.scalar(select(func.max(AuditLog.id))) or 0)


def _touched_since(s: Session, mark: int) -> tuple[dict[int, int], int]:
    """Audit rows after ``mark``: project id -> its newest row id, and the newest row id of
    national data (0: none). A row names its project by ``project_id`` (every site table),
    or by code (``"project": CODE``, a site package's import record)."""
    touched: dict[int, int] = {}
    national = 0
    codes: dict[str, int] | None = None
    for rid, entity, before, after in s.execute(
            select(AuditLog.id, AuditLog.entity, AuditLog.before, AuditLog.after)
            .where(AuditLog.id > mark)):
        if entity in NATIONAL_ENTITIES:
            national = max(national, rid)
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
