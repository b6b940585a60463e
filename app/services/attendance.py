"""Attendance use cases: the month, one day in detail, corrections, manual absences,
nursing periods and month locks (SPEC A3–A7)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain.anchor import AnchorCheck
from app.domain.anchor import code_of as anchor_code_of
from app.domain.attendance import (
    MANUAL_KINDS,
    SESSIONS,
    Correction,
    DayClassifier,
    DayResult,
    ManualAbsence,
    MonthSummary,
    PersonPeriod,
    SessionResult,
    Tally,
    Verdict,
    month_dates,
    summarize,
)
from app.domain.calendar import HolidayCalendar
from app.domain.inputs import FIRST_YEAR, LAST_YEAR, day_in_range
from app.domain.legend import day_symbol, session_marks
from app.domain.schedule import RulesTimeline, parse_hhmm
from app.dto.attendance import (
    CorrectionDTO,
    CoverageDTO,
    DayDetail,
    ManualAbsenceDTO,
    MonthDTO,
    MonthTallies,
    PersonMonth,
    PersonPunches,
    PersonTally,
    PunchDTO,
    RawPunchDTO,
    month_key,
)
from app.errors import NotFoundError, ValidationError
from app.progress import NullProgress, Progress
from app.security.guard import writes
from app.services.attendance_coverage import coverage_dto, load_coverage
from app.services.changes import ATTENDANCE, Changes
from app.services.holidays import HolidayService
from app.services.leave import LeaveService
from app.services.project import current_project_id, ensure_project, owned
from app.services.settings import load_legend, load_timeline
from app.storage import anchor as anchor_store
from app.storage.db import Database, datetime_binder
from app.storage.tables import Person
from app.storage.tables_attendance import (
    CoverageDeclaration,
    ImportBatch,
    MonthLock,
    NursingPeriod,
    Punch,
    PunchCorrection,
)
from app.storage.tables_attendance import (
    ManualAbsence as ManualAbsenceRow,
)

__all__ = ["AttendanceService", "CorrectionDTO", "CoverageDTO", "DayDetail", "ManualAbsenceDTO",
           "MonthDTO", "PersonMonth", "PunchDTO", "coverage_text", "month_key", "parse_month"]


def coverage_text(through: dt.datetime | None, since: dt.date | None = None) -> str:
    """The coverage banner text for a coverage end (and start), or "no clock data imported
    yet"."""
    if through is None:
        return strings.COVERAGE_NONE
    text = strings.COVERAGE_THROUGH.format(at=through.strftime("%Y-%m-%d %H:%M"))
    return text + (strings.COVERAGE_SINCE.format(since=since.isoformat()) if since else "")


def parse_month(text: str) -> tuple[int, int]:
    try:
        y, m = text.strip().split("-")
        year, month = int(y), int(m)
        day = dt.date(year, month, 1)
    except ValueError:
        raise ValidationError(strings.MONTH_BAD.format(value=text), "month") from None
    if not day_in_range(day):
        raise ValidationError(strings.INPUT_MONTH_OUT_OF_RANGE.format(
            value=text.strip(), first=FIRST_YEAR, last=LAST_YEAR), "month")
    return year, month


# ---- snapshots of locked months: full fidelity, so a locked month reads back unchanged ----
def _snapshot(m: MonthDTO) -> str:
    return json.dumps({
        "year": m.year, "month": m.month, "provisional": m.provisional,
        "days": [[d.isoformat(), k, n] for d, k, n in m.days], "legend": m.legend,
        "data_through": m.data_through.isoformat() if m.data_through else None,
        "data_from": m.data_from.isoformat() if m.data_from else None,
        "unjudged_days": [d.isoformat() for d in m.unjudged_days],
        "severe_minutes": m.severe_minutes,
        "people": [{"person_id": p.person_id, "employee_no": p.employee_no, "name": p.name,
                    "role": p.role, "status": p.status, "symbols": list(p.symbols),
                    "start_date": p.start_date.isoformat() if p.start_date else None,
                    "end_date": p.end_date.isoformat() if p.end_date else None,
                    "summary": {**{k: v for k, v in asdict(p.summary).items() if k != "days"},
                                "days": [_day_json(d) for d in p.summary.days]}}
                   for p in m.people],
    }, ensure_ascii=False)


def _day_json(d: DayResult) -> dict[str, Any]:
    return {"day": d.day.isoformat(), "day_kind": d.day_kind, "required": d.required,
            "am": asdict(d.am), "pm": asdict(d.pm), "punches": list(d.punches),
            "overtime_hours": d.overtime_hours}


def _session(raw: dict[str, Any]) -> SessionResult:
    return SessionResult(**{**raw, "verdict": Verdict(raw["verdict"])})


def _from_snapshot(text: str, lock_info: dict[str, str]) -> MonthDTO:
    raw = json.loads(text)
    people = []
    for p in raw["people"]:
        s = p["summary"]
        days = tuple(DayResult(dt.date.fromisoformat(d["day"]), d["day_kind"], d["required"],
                               _session(d["am"]), _session(d["pm"]),
                               tuple(d["punches"]), d["overtime_hours"]) for d in s["days"])
        summary = MonthSummary(**{**{k: v for k, v in s.items() if k != "days"},
                                  "days": days})
        people.append(PersonMonth(p["person_id"], p["employee_no"], p["name"], p["role"],
                                  p["status"], summary, tuple(p["symbols"]),
                                  _date_or_none(p.get("start_date")),
                                  _date_or_none(p.get("end_date"))))
    through = raw.get("data_through")  # absent from snapshots taken before issue 14
    since = raw.get("data_from")
    return MonthDTO(raw["year"], raw["month"], raw["provisional"], True,
                    tuple((dt.date.fromisoformat(d), k, n) for d, k, n in raw["days"]),
                    tuple(people), raw["legend"], lock_info,
                    dt.datetime.fromisoformat(through) if through else None,
                    dt.date.fromisoformat(since) if since else None,
                    tuple(dt.date.fromisoformat(d) for d in raw.get("unjudged_days", ())),
                    severe_minutes=raw.get("severe_minutes"))


def _date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass
class _Inputs:
    """Everything a month computation reads, loaded once."""

    calendar: HolidayCalendar
    timeline: RulesTimeline
    legend: dict[str, str]
    # device user id -> working day -> punch minutes, sorted (``assign_punches``'s shape)
    punches: dict[str, dict[dt.date, tuple[int, ...]]] = field(default_factory=dict)
    corrections: dict[tuple[int, dt.date], list[Correction]] = field(
        default_factory=lambda: defaultdict(list))
    manual: dict[tuple[int, dt.date], list[ManualAbsence]] = field(
        default_factory=lambda: defaultdict(list))
    nursing: dict[int, list[tuple[dt.date, dt.date]]] = field(
        default_factory=lambda: defaultdict(list))
    leave: dict[int, dict[dt.date, dict[str, str]]] = field(default_factory=dict)
    overtime: dict[int, dict[dt.date, float]] = field(default_factory=dict)


def _day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    # punches up to the next morning's day-start belong to the last day (cross-midnight)
    return (dt.datetime.combine(first, dt.time()),
            dt.datetime.combine(last + dt.timedelta(days=2), dt.time()))


# ---- the month's inputs without the ORM: plain rows, grouped once --------------------------

_WHO_COLUMNS = (Person.id, Person.employee_no, Person.name, Person.role, Person.status,
                Person.device_user_id, Person.start_date, Person.end_date)


class _Who(NamedTuple):
    """The person fields a month needs (a row, not an ORM object)."""

    id: int
    employee_no: str
    name: str
    role: str
    status: str
    device_user_id: str | None
    start_date: dt.date | None
    end_date: dt.date | None


_IDS_PER_QUERY = 500  # bound parameters stay under SQLite's oldest limit (999)
# "HH:MM" -> minutes after midnight
_MINUTE_OF = {f"{h:02d}:{m:02d}": h * 60 + m for h in range(24) for m in range(60)}


def _punches_by_day(s: Session, timeline: RulesTimeline, first: dt.date, last: dt.date,
                    ids: Iterable[str | None]) -> dict[str, dict[dt.date, tuple[int, ...]]]:
    """device user id -> working day -> punch minutes, sorted: ``assign_punches`` of the
    punches from ``first`` to the day after ``last`` (reverted batches left out), for the
    given ids only.

    Read as plain DBAPI tuples of (id, stored text) in index order, one range per id on
    the (project, user id, time) index: no ORM, no Row objects, no datetime per punch.
    The day and the minute are cut out of the text (SQLite keeps a DateTime as ISO text,
    ``YYYY-MM-DD HH:MM:SS.ffffff``, which sorts as the times do).
    """
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    start, end = _day_bounds(first, last)
    conn = s.connection()
    stamp = datetime_binder(conn)
    # Reverted batches are rare: only then is the batch looked up (the rows themselves are
    # then read, not just the index).
    any_reverted = s.scalar(select(ImportBatch.id).where(
        ImportBatch.project_id == current_project_id(s),
        ImportBatch.reverted_at.is_not(None)).limit(1))
    not_reverted = (" AND batch_id NOT IN (SELECT id FROM import_batch"
                    " WHERE reverted_at IS NOT NULL)" if any_reverted is not None else "")
    dbapi = conn.connection.driver_connection  # in the session's transaction
    assert dbapi is not None
    rows: list[tuple[str, str]] = []
    # issue 19: PostgreSQL hands out the same text (to_char) under psycopg's placeholders
    sqlite = conn.dialect.name == "sqlite"
    mark, column = ("?", "punched_at") if sqlite else (
        "%s", "to_char(punched_at, 'YYYY-MM-DD HH24:MI:SS')")
    # PostgreSQL takes the ids as one array (a short statement psycopg parses once and
    # caches; 300 placeholders made it parse ~1 ms per call); SQLite, in chunks
    step = _IDS_PER_QUERY if sqlite else len(wanted)
    for i in range(0, len(wanted), step):  # in id order, so rows stay sorted
        chunk = wanted[i:i + step]
        ids, params = ((f"IN ({', '.join([mark] * len(chunk))})", chunk) if sqlite
                       else ("= ANY(%s)", [chunk]))
        sql = (f"SELECT device_user_id, {column} FROM {Punch.__tablename__}"
               f" WHERE project_id = {mark} AND device_user_id {ids}"
               f" AND punched_at >= {mark} AND punched_at < {mark}{not_reverted}"
               " ORDER BY device_user_id, punched_at")
        rows += dbapi.execute(sql, (current_project_id(s), *params, stamp(start),
                                    stamp(end))).fetchall()
    # every calendar day the window holds -> (the day, its day start, the day before)
    days: dict[str, tuple[dt.date, int, dt.date]] = {}
    for n in range((end - start).days):
        d = start.date() + dt.timedelta(days=n)
        days[d.isoformat()] = (d, timeline.at(d).day_start, d - dt.timedelta(days=1))
    # Rows come by id, then time, and the working day a punch belongs to never goes back in
    # time: each (id, working day) is one run of rows, turned into a tuple as it ends.
    out: dict[str, dict[dt.date, tuple[int, ...]]] = {}
    run: list[int] = []
    run_uid, run_day = "", dt.date.min
    for uid, text in rows:
        day, day_start, before = days[text[:10]]
        minute = _MINUTE_OF[text[11:16]]
        if minute < day_start:  # before the day start: the previous day's (cross-midnight)
            day, minute = before, minute + 24 * 60
        if day != run_day or uid != run_uid:
            if run:
                out.setdefault(run_uid, {})[run_day] = tuple(run)
                run.clear()
            run_uid, run_day = uid, day
        run.append(minute)
    if run:
        out.setdefault(run_uid, {})[run_day] = tuple(run)
    return out


def _punch_dtos(s: Session, timeline: RulesTimeline, first: dt.date, last: dt.date,
                device_ids: set[str]) -> dict[str, dict[dt.date, list[PunchDTO]]]:
    """device user id -> working day -> its punches as stored (reverted batches included,
    marked), by time; a punch before the day start belongs to the day before."""
    start, end = _day_bounds(first, last)
    out: dict[str, dict[dt.date, list[PunchDTO]]] = {}
    wanted = sorted(device_ids)
    for i in range(0, len(wanted), _IDS_PER_QUERY):
        for p, b in s.execute(
                select(Punch, ImportBatch).join(ImportBatch, ImportBatch.id == Punch.batch_id)
                .where(Punch.project_id == current_project_id(s),
                       Punch.device_user_id.in_(wanted[i:i + _IDS_PER_QUERY]),
                       Punch.punched_at >= start, Punch.punched_at < end)
                .order_by(Punch.device_user_id, Punch.punched_at)):
            day = p.punched_at.date()
            minute = p.punched_at.hour * 60 + p.punched_at.minute
            if minute < timeline.at(day).day_start:
                day -= dt.timedelta(days=1)
            if first <= day <= last:
                out.setdefault(p.device_user_id, {}).setdefault(day, []).append(PunchDTO(
                    p.id, p.punched_at, p.device, p.device_user_id, p.verify_mode,
                    p.in_out_state, b.id, b.source or b.kind, b.reverted_at is not None,
                    b.kind))
    return out


class _Shared:
    """What every person's month shares: the day classifier, corrections and manual
    entries grouped by person, and each (morning, afternoon) verdict pair's symbol."""

    def __init__(self, days: DayClassifier, inputs: _Inputs) -> None:
        self.days, self.legend = days, inputs.legend
        self.corrections: dict[int, dict[dt.date, list[Correction]]] = {}
        for (pid, day), cs in inputs.corrections.items():
            self.corrections.setdefault(pid, {})[day] = cs
        self.manual: dict[int, dict[dt.date, list[ManualAbsence]]] = {}
        for (pid, day), ms in inputs.manual.items():
            self.manual.setdefault(pid, {})[day] = ms
        # A day's symbol depends only on each session's marks and whether it was
        # attended, so it is worked out once per such pair. Sessions are mostly shared
        # objects (DayClassifier), so their marks are kept by identity: id -> (session,
        # marks); the entry holds the session, so the id cannot be reused meanwhile.
        self._marks: dict[int, tuple[SessionResult, tuple[tuple[str, ...], bool]]] = {}
        self._symbols: dict[tuple[tuple[tuple[str, ...], bool], tuple[tuple[str, ...], bool],
                                  bool], str] = {}

    def _marks_of(self, s: SessionResult) -> tuple[tuple[str, ...], bool]:
        hit = self._marks.get(id(s))
        if hit is not None and hit[0] is s:
            return hit[1]
        marks = (tuple(session_marks(s, self.legend)), s.attended)
        self._marks[id(s)] = (s, marks)
        return marks

    def symbol(self, d: DayResult) -> str:
        key = (self._marks_of(d.am), self._marks_of(d.pm), d.overtime_hours > 0)
        symbol = self._symbols.get(key)
        if symbol is None:
            symbol = self._symbols[key] = day_symbol(d, self.legend)
        return symbol


class AttendanceService:
    def __init__(self, db: Database, actor: str | None, *, holidays: HolidayService,
                 leave: LeaveService) -> None:
        self.db, self.actor = db, actor
        self.holidays = holidays
        self.leave = leave

    def _who(self) -> str:
        return self.db.person_name(self.actor)

    # ---- the month -----------------------------------------------------------------------
    def month(self, year: int, month: int, progress: Progress | None = None,
              now: dt.datetime | None = None) -> MonthDTO:
        """The month's results: the locked snapshot if the month is locked, else computed."""
        with self.db.read() as s:
            lock = self._lock_row(s, year, month)
        if lock is not None and lock.action == "lock" and lock.snapshot:
            info = {"at": lock.at.isoformat(sep=" "), "actor": lock.actor}
            if lock.anchor:  # the paper anchor (issue 18): the sheet prints the code
                info["code"] = anchor_code_of(lock.anchor)
            return _from_snapshot(lock.snapshot, info)
        return self.compute(year, month, progress, now)

    def compute(self, year: int, month: int, progress: Progress | None = None,
                now: dt.datetime | None = None) -> MonthDTO:
        """Compute the month; sessions not ended by ``now`` (default: the clock) are pending,
        sessions the clock data does not reach are ``no_data``."""
        progress = progress or NullProgress()
        now = now or self.db.clock.now()
        dates = month_dates(year, month)
        first, last = dates[0], dates[-1]
        calendar = self.holidays.calendar()
        with self.db.read() as s:
            people = self._people(s, first, last)
            inputs = self._inputs(s, calendar, first, last)
            inputs.punches = _punches_by_day(s, inputs.timeline, first, last,
                                             {p.device_user_id for p in people})
            coverage = load_coverage(s, first, last)
        classifier = DayClassifier(dates, inputs.timeline, calendar, now, coverage)
        shared = _Shared(classifier, inputs)
        results = []
        for i, person in enumerate(people):
            results.append(self._person_month(person, dates, inputs, shared))
            if i % 25 == 0:
                progress.report(i, len(people))
        progress.report(len(people), len(people))
        days = tuple((d, calendar.kind_of(d), calendar.name_of(d)) for d in dates)
        return MonthDTO(year, month, calendar.is_provisional(year), False, days, tuple(results),
                        inputs.legend, data_through=coverage.through, data_from=coverage.since,
                        unjudged_days=tuple(classifier.unjudged_workdays()),
                        severe_minutes=inputs.timeline.at(last).severe_minutes)

    def tallies(self, year: int, month: int, since: dt.date | None = None,
                now: dt.datetime | None = None) -> MonthTallies:
        """The month's figures per person without the day sheet (head office, issue 19):
        the days from ``since`` (default: the first) to the month's end are classified as
        ``compute`` does and counted, split at the last day whose sessions had all ended by
        ``now``. Every person of the month is listed (a person gone before ``since`` with
        nothing counted). A locked month is not read from its lock: ``month`` is."""
        now = now or self.db.clock.now()
        dates = month_dates(year, month)
        first, last = dates[0], dates[-1]
        since = max(since or first, first)
        days = [d for d in dates if d >= since]
        calendar = self.holidays.calendar()
        with self.db.read() as s:
            people = self._people(s, first, last)
            inputs = self._inputs(s, calendar, since, last)
            coverage = load_coverage(s, first, last)
            if days:
                inputs.punches = _punches_by_day(s, inputs.timeline, since, last,
                                                 {p.device_user_id for p in people})
        classifier = DayClassifier(days, inputs.timeline, calendar, now, coverage)
        shared = _Shared(classifier, inputs)
        through = classifier.ended_through()
        cut = days.index(through) + 1 if through is not None else 0
        out = []
        for p in people:
            results = self._person_days(p, days, inputs, shared)
            out.append(PersonTally(p.id, p.start_date, p.end_date, Tally().add(results[:cut]),
                                   Tally().add(results[cut:])))
        return MonthTallies(year, month, since, through, tuple(out), inputs.timeline.at(last),
                            coverage.through)

    @staticmethod
    def _person_days(p: _Who, dates: list[dt.date], inputs: _Inputs,
                     shared: _Shared) -> list[DayResult]:
        pid = p.id
        period = PersonPeriod(pid, p.start_date, p.end_date, tuple(inputs.nursing.get(pid, ())))
        by_day = inputs.punches.get(p.device_user_id or "", {})
        leave = inputs.leave.get(pid, {})
        overtime = inputs.overtime.get(pid, {})
        corrections = shared.corrections.get(pid, {})
        manual = shared.manual.get(pid, {})
        classify = shared.days.classify
        return [classify(d, by_day.get(d, ()), period, leave.get(d), corrections.get(d, ()),
                         manual.get(d, ()), overtime.get(d, 0.0)) for d in dates]

    @classmethod
    def _person_month(cls, p: _Who, dates: list[dt.date], inputs: _Inputs,
                      shared: _Shared) -> PersonMonth:
        days = cls._person_days(p, dates, inputs, shared)
        summary = summarize(p.id, days, inputs.timeline.at(dates[-1]))
        symbols = tuple(map(shared.symbol, days))
        return PersonMonth(p.id, p.employee_no, p.name, p.role, p.status, summary, symbols,
                           p.start_date, p.end_date)

    @staticmethod
    def _people(s: Session, first: dt.date, last: dt.date) -> list[_Who]:
        return [_Who(*row) for row in s.execute(select(*_WHO_COLUMNS).where(
            Person.project_id == current_project_id(s),
            (Person.start_date.is_(None)) | (Person.start_date <= last),
            (Person.end_date.is_(None)) | (Person.end_date >= first),
        ).order_by(Person.employee_no))]

    def _inputs(self, s: Session, calendar: HolidayCalendar, first: dt.date,
                last: dt.date) -> _Inputs:
        inputs = _Inputs(calendar, load_timeline(s), load_legend(s, last))
        for c in s.scalars(select(PunchCorrection).where(
                PunchCorrection.project_id == current_project_id(s),
                PunchCorrection.revoked_at.is_(None),
                PunchCorrection.day >= first, PunchCorrection.day <= last)):
            minute = int((c.at - dt.datetime.combine(c.day, dt.time())).total_seconds() // 60)
            inputs.corrections[(c.person_id, c.day)].append(
                Correction(c.day, c.session, c.slot, minute))
        for m in s.scalars(select(ManualAbsenceRow).where(
                ManualAbsenceRow.project_id == current_project_id(s),
                ManualAbsenceRow.revoked_at.is_(None),
                ManualAbsenceRow.day >= first, ManualAbsenceRow.day <= last)):
            inputs.manual[(m.person_id, m.day)].append(ManualAbsence(m.day, m.session, m.kind))
        leave = self.leave
        inputs.leave = leave.sessions_for(s, first, last)
        inputs.overtime = leave.overtime_for(s, first, last)
        for n in s.scalars(select(NursingPeriod).where(
                NursingPeriod.project_id == current_project_id(s), NursingPeriod.start_date <= last,
                NursingPeriod.end_date > first)):
            inputs.nursing[n.person_id].append((n.start_date, n.end_date))
        return inputs

    def month_punches(self, year: int, month: int) -> list[PersonPunches]:
        """Every person's raw punches (reverted batches included, marked) and punch
        corrections of the month, in roster order: the raw-punch sheet (spec A3)."""
        dates = month_dates(year, month)
        first, last = dates[0], dates[-1]
        start, end = _day_bounds(first, last)
        end -= dt.timedelta(days=1)  # calendar days of the month only
        with self.db.read() as s:
            people = self._people(s, first, last)
            ids = {p.device_user_id for p in people if p.device_user_id}
            by_uid: dict[str, list[RawPunchDTO]] = defaultdict(list)
            if ids:
                for uid, at, device, mode, source, kind, reverted in s.execute(
                        select(Punch.device_user_id, Punch.punched_at, Punch.device,
                               Punch.verify_mode, ImportBatch.source, ImportBatch.kind,
                               ImportBatch.reverted_at)
                        .join(ImportBatch, ImportBatch.id == Punch.batch_id)
                        .where(Punch.project_id == current_project_id(s), Punch.punched_at >= start,
                               Punch.punched_at < end)
                        .order_by(Punch.device_user_id, Punch.punched_at)):
                    if uid in ids:
                        by_uid[uid].append(RawPunchDTO(at, device, mode, source or kind,
                                                       reverted is not None))
            corrections: dict[int, list[CorrectionDTO]] = defaultdict(list)
            for c in s.scalars(select(PunchCorrection).where(
                    PunchCorrection.project_id == current_project_id(s),
                    PunchCorrection.day >= first,
                    PunchCorrection.day <= last)
                    .order_by(PunchCorrection.day, PunchCorrection.id)):
                corrections[c.person_id].append(_correction_dto(c))
        return [PersonPunches(p.id, p.employee_no, p.name, p.device_user_id or "",
                              tuple(by_uid.get(p.device_user_id or "", ())),
                              tuple(corrections.get(p.id, ()))) for p in people]

    # ---- one day -------------------------------------------------------------------------
    def day_detail(self, person_id: int, day: dt.date,
                   now: dt.datetime | None = None) -> DayDetail:
        calendar = self.holidays.calendar()
        with self.db.read() as s:
            person = owned(s, Person, person_id)
            if person is None:
                raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
            inputs = self._inputs(s, calendar, day, day)
            # the punches that belong to this day: from its day-start to the next one's
            day_start = inputs.timeline.at(day).day_start
            start = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=day_start)
            end = start + dt.timedelta(days=1)
            punches = tuple(
                PunchDTO(p.id, p.punched_at, p.device, p.device_user_id, p.verify_mode,
                         p.in_out_state, b.id, b.source or b.kind, b.reverted_at is not None,
                         b.kind)
                for p, b in s.execute(
                    select(Punch, ImportBatch).join(ImportBatch, ImportBatch.id == Punch.batch_id)
                    .where(Punch.project_id == current_project_id(s),
                           Punch.device_user_id == (person.device_user_id or ""),
                           Punch.punched_at >= start, Punch.punched_at < end)
                    .order_by(Punch.punched_at)))
            corrections = tuple(_correction_dto(c) for c in s.scalars(
                select(PunchCorrection).where(PunchCorrection.person_id == person_id,
                                              PunchCorrection.day == day)
                .order_by(PunchCorrection.id)))
            manual = tuple(_manual_dto(m) for m in s.scalars(
                select(ManualAbsenceRow).where(ManualAbsenceRow.person_id == person_id,
                                               ManualAbsenceRow.day == day)
                .order_by(ManualAbsenceRow.id)))
            lock = self._lock_row(s, day.year, day.month)
            locked = lock is not None and lock.action == "lock"
            inputs.punches = _punches_by_day(s, inputs.timeline, day, day,
                                             {person.device_user_id})
            who = _Who(*(getattr(person, c.key) for c in _WHO_COLUMNS))
            days = DayClassifier([day], inputs.timeline, calendar, now or self.db.clock.now(),
                                 load_coverage(s, day, day))
            pm = self._person_month(who, [day], inputs, _Shared(days, inputs))
        result, symbol = pm.summary.days[0], pm.symbols[0]
        if locked and lock is not None and lock.snapshot:
            # the signed-off verdict stands; punches and records below are shown as they are
            frozen = _from_snapshot(lock.snapshot, {})
            for p in frozen.people:
                if p.person_id == person_id:
                    result, symbol = p.summary.days[day.day - 1], p.symbols[day.day - 1]
        return DayDetail(person_id, person.name, person.employee_no, day, result.day_kind,
                         calendar.name_of(day), result, symbol,
                         inputs.timeline.at(day), punches, corrections, manual, locked)

    def month_details(self, year: int, month: int, person_ids: Iterable[int] | None = None,
                      now: dt.datetime | None = None) -> list[DayDetail]:
        """``day_detail`` for every day of the month of the given people (default: everyone
        on the month's sheet) in a few queries: the verdicts are the month's (the locked
        snapshot if locked), the punches, corrections and manual entries as stored."""
        result = self.month(year, month, now=now)
        wanted = set(person_ids) if person_ids is not None else None
        people = [p for p in result.people if wanted is None or p.person_id in wanted]
        missing = (wanted or set()) - {p.person_id for p in people}
        dates = month_dates(year, month)
        details = [self.day_detail(pid, d, now=now) for pid in sorted(missing) for d in dates]
        if not people:
            return details
        first, last = dates[0], dates[-1]
        ids = [p.person_id for p in people]
        with self.db.read() as s:
            timeline = load_timeline(s)
            device: dict[int, str | None] = {
                pid: dev for pid, dev in s.execute(select(Person.id, Person.device_user_id)
                                                   .where(Person.id.in_(ids)))}
            punches = _punch_dtos(s, timeline, first, last,
                                  {d for d in device.values() if d})
            corrections: dict[tuple[int, dt.date], list[CorrectionDTO]] = defaultdict(list)
            for c in s.scalars(select(PunchCorrection).where(
                    PunchCorrection.person_id.in_(ids), PunchCorrection.day >= first,
                    PunchCorrection.day <= last).order_by(PunchCorrection.id)):
                corrections[(c.person_id, c.day)].append(_correction_dto(c))
            manual: dict[tuple[int, dt.date], list[ManualAbsenceDTO]] = defaultdict(list)
            for m in s.scalars(select(ManualAbsenceRow).where(
                    ManualAbsenceRow.person_id.in_(ids), ManualAbsenceRow.day >= first,
                    ManualAbsenceRow.day <= last).order_by(ManualAbsenceRow.id)):
                manual[(m.person_id, m.day)].append(_manual_dto(m))
        names = {d: name for d, _, name in result.days}
        for p in people:
            by_day = punches.get(device.get(p.person_id) or "", {})
            for d, day, symbol in zip(dates, p.summary.days, p.symbols, strict=True):
                key = (p.person_id, d)
                details.append(DayDetail(
                    p.person_id, p.name, p.employee_no, d, day.day_kind, names.get(d, ""),
                    day, symbol, timeline.at(d), tuple(by_day.get(d, ())),
                    tuple(corrections.get(key, ())), tuple(manual.get(key, ())),
                    result.locked))
        return details

    # ---- corrections and manual entries ---------------------------------------------------
    @writes
    def add_correction(self, person_id: int, day: dt.date, session: str, slot: str,
                       time_text: str, reason: str, approver: str) -> tuple[int, Changes]:
        if session not in SESSIONS:
            raise ValidationError(strings.CORRECTION_BAD_SESSION.format(value=session),
                                  "session")
        if slot not in ("in", "out"):
            raise ValidationError(strings.CORRECTION_BAD_SLOT.format(value=slot), "slot")
        try:
            minute = parse_hhmm(time_text)
        except ValueError:
            raise ValidationError(strings.CORRECTION_BAD_TIME.format(value=time_text),
                                  "time") from None
        if not reason.strip():
            raise ValidationError(strings.CORRECTION_NEEDS_REASON, "reason")
        if not approver.strip():
            raise ValidationError(strings.CORRECTION_NEEDS_APPROVER, "approver")
        at = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
        with self.db.transaction(self.actor) as s:
            self._person(s, person_id)
            self._check_unlocked(s, day)
            row = PunchCorrection(project_id=current_project_id(s), person_id=person_id, day=day,
                                  session=session, slot=slot, at=at, reason=reason.strip(),
                                  approver=approver.strip(), created_at=self.db.clock.now(),
                                  created_by=self._who())
            s.add(row)
            s.flush()
            return row.id, ATTENDANCE

    @writes
    def revoke_correction(self, correction_id: int, reason: str) -> Changes:
        return self._revoke(PunchCorrection, correction_id, reason)

    @writes
    def add_manual_absence(self, person_id: int, day: dt.date, session: str, kind: str,
                           note: str = "") -> tuple[list[int], Changes]:
        """Absence by hand (A6); ``session`` am, pm or day (both sessions)."""
        if kind not in MANUAL_KINDS:
            raise ValidationError(strings.MANUAL_BAD_KIND.format(value=kind), "kind")
        sessions = SESSIONS if session == "day" else (session,)
        if any(x not in SESSIONS for x in sessions):
            raise ValidationError(strings.CORRECTION_BAD_SESSION.format(value=session),
                                  "session")
        with self.db.transaction(self.actor) as s:
            self._person(s, person_id)
            self._check_unlocked(s, day)
            rows = [ManualAbsenceRow(project_id=current_project_id(s), person_id=person_id, day=day,
                                     session=x, kind=kind, note=note.strip(),
                                     created_at=self.db.clock.now(), created_by=self._who())
                    for x in sessions]
            s.add_all(rows)
            s.flush()
            return [r.id for r in rows], ATTENDANCE

    @writes
    def revoke_manual_absence(self, absence_id: int, reason: str) -> Changes:
        return self._revoke(ManualAbsenceRow, absence_id, reason)

    @writes
    def add_nursing_period(self, person_id: int, start: dt.date, end: dt.date,
                           note: str = "") -> Changes:
        """Nursing hour from ``start`` until ``end`` (the child's first birthday, excluded)."""
        if end <= start:
            raise ValidationError(strings.NURSING_BAD, "start")
        with self.db.transaction(self.actor) as s:
            self._person(s, person_id)
            s.add(NursingPeriod(project_id=current_project_id(s), person_id=person_id,
                                start_date=start,
                                end_date=end, note=note))
            s.flush()
        return ATTENDANCE

    def nursing_periods(self, person_id: int) -> list[tuple[dt.date, dt.date]]:
        with self.db.read() as s:
            return [(n.start_date, n.end_date) for n in s.scalars(
                select(NursingPeriod).where(NursingPeriod.person_id == person_id)
                .order_by(NursingPeriod.start_date))]

    def _revoke(self, table: Any, row_id: int, reason: str,
                check_lock: bool = True) -> Changes:
        if not reason.strip():
            raise ValidationError(strings.REVOKE_NEEDS_REASON, "reason")
        with self.db.transaction(self.actor) as s:
            row = owned(s, table, row_id)
            if row is None:
                raise NotFoundError(strings.RECORD_NOT_FOUND.format(id=row_id))
            if row.revoked_at is not None:
                raise ValidationError(strings.ALREADY_REVOKED)
            if check_lock:
                self._check_unlocked(s, row.day)
            row.revoked_at, row.revoked_by = self.db.clock.now(), self._who()
            row.revoke_reason = reason
            s.flush()
        return ATTENDANCE

    # ---- coverage of the clock data --------------------------------------------------------
    def coverage(self) -> CoverageDTO:
        """How far the clock data reaches: per clock, overall, and the declared periods."""
        with self.db.read() as s:
            return coverage_dto(s)

    @writes
    def declare_covered(self, first: dt.date, last: dt.date,
                        reason: str) -> tuple[int, Changes]:
        """Declare ``first``..``last`` covered without clock data (audited): sessions there
        are judged as if the clock had been read."""
        if last < first:
            raise ValidationError(strings.COVERAGE_BAD_RANGE, "to")
        if not reason.strip():
            raise ValidationError(strings.COVERAGE_NEEDS_REASON, "reason")
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            row = CoverageDeclaration(project_id=current_project_id(s), first_day=first,
                                      last_day=last,
                                      reason=reason.strip(), created_at=self.db.clock.now(),
                                      created_by=self._who())
            s.add(row)
            s.flush()
            return row.id, ATTENDANCE

    @writes
    def revoke_declared(self, declaration_id: int, reason: str) -> Changes:
        # a declaration spans days: no single month lock guards it
        return self._revoke(CoverageDeclaration, declaration_id, reason.strip(),
                            check_lock=False)

    # ---- month locks ---------------------------------------------------------------------
    @writes
    def lock_month(self, year: int, month: int, now: dt.datetime | None = None,
                   force: bool = False) -> Changes:
        """Freeze the month as signed off: later changes cannot alter what was printed.

        A month with working days the clock data does not reach yet (or not yet over) is
        refused unless ``force`` (the caller asked the user first)."""
        result = self.compute(year, month, now=now)
        if result.unjudged_days and not force:
            raise ValidationError(strings.MONTH_NOT_COVERED.format(
                month=month_key(year, month), n=len(result.unjudged_days),
                through=coverage_text(result.data_through, result.data_from)))
        snapshot = _snapshot(result)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            if self._is_locked(s, year, month):
                raise ValidationError(strings.MONTH_ALREADY_LOCKED.format(
                    month=month_key(year, month)))
            s.flush()  # the project row first: the anchor follows the audit head as it is
            lock = MonthLock(project_id=current_project_id(s), month=month_key(year, month),
                             action="lock", at=self.db.clock.now(), actor=self._who(),
                             reason="", snapshot=snapshot)
            anchor_store.stamp(s, lock)
            s.add(lock)
            s.flush()
        return ATTENDANCE

    def verify_code(self, year: int, month: int, code: str) -> AnchorCheck:
        """``month verify``: does the database still say what the sheet with ``code`` signed
        (the frozen month, the audit trail up to the lock, the code)?"""
        with self.db.read() as s:
            return anchor_store.check(s, current_project_id(s), month_key(year, month), code,
                                      self.db.keys)

    @writes
    def reopen_month(self, year: int, month: int, reason: str) -> Changes:
        if not reason.strip():
            raise ValidationError(strings.MONTH_REOPEN_NEEDS_REASON, "reason")
        with self.db.transaction(self.actor) as s:
            if not self._is_locked(s, year, month):
                raise ValidationError(strings.MONTH_NOT_LOCKED.format(
                    month=month_key(year, month)))
            s.add(MonthLock(project_id=current_project_id(s), month=month_key(year, month),
                            action="reopen", at=self.db.clock.now(), actor=self._who(),
                            reason=reason.strip()))
            s.flush()
        return ATTENDANCE

    def is_locked(self, year: int, month: int) -> bool:
        with self.db.read() as s:
            return self._is_locked(s, year, month)

    @staticmethod
    def _lock_row(s: Session, year: int, month: int) -> MonthLock | None:
        return s.scalars(select(MonthLock).where(
            MonthLock.project_id == current_project_id(s), MonthLock.month == month_key(year,
                                                                                        month))
            .order_by(MonthLock.id.desc())).first()

    def _is_locked(self, s: Session, year: int, month: int) -> bool:
        row = self._lock_row(s, year, month)
        return row is not None and row.action == "lock"

    def _check_unlocked(self, s: Session, day: dt.date) -> None:
        row = self._lock_row(s, day.year, day.month)
        if row is not None and row.action == "lock":
            raise ValidationError(strings.MONTH_LOCKED.format(
                month=month_key(day.year, day.month), at=row.at.strftime("%Y-%m-%d %H:%M"),
                actor=row.actor))

    @staticmethod
    def _person(s: Session, person_id: int) -> Person:
        person = owned(s, Person, person_id)
        if person is None:
            raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
        return person


def _correction_dto(c: PunchCorrection) -> CorrectionDTO:
    return CorrectionDTO(c.id, c.day, c.session, c.slot, c.at, c.reason, c.approver,
                         c.created_at, c.created_by, c.revoked_at, c.revoke_reason)


def _manual_dto(m: ManualAbsenceRow) -> ManualAbsenceDTO:
    return ManualAbsenceDTO(m.id, m.day, m.session, m.kind, m.note, m.created_at,
                            m.created_by, m.revoked_at, m.revoke_reason)

