"""Service log use cases (SPEC V1–V3): service records with their staff and entry/exit times,
the month measured against the commitments (respond in 30 minutes, resolve in 2 hours,
yearly inspection, warranty, 24-hour support), daily work reports, and their printouts.

The commitment targets and the acceptance date live in this capability's own effective-dated
``service_setting`` table: the project settings service only knows the attendance rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import strings
from app.domain.inputs import check_date, check_datetime, check_text, record_id_problem
from app.domain.roster import PersonStatus
from app.domain.service_log import (
    INSPECTION,
    REPORT_MAX_CHARS,
    Entry,
    InspectionStatus,
    RecordFields,
    StaffVisit,
    Targets,
    Times,
    check_record,
    inspection_status,
    measure,
    month_bounds,
    month_list,
    month_summary,
    record_number,
    targets_in_force,
    to_minute,
    warranty,
)
from app.dto.service_log import (
    RECORD_FIELDS,
    CommitmentsDTO,
    DailyReportDTO,
    PersonReports,
    ReportMonthDTO,
    ServiceMonthDTO,
    ServiceRecordDTO,
    StaffVisitDTO,
)
from app.errors import NotFoundError, ValidationError
from app.security.guard import writes
from app.services.changes import SERVICE, Changes
from app.services.holidays import HolidayService
from app.services.project import current_project_id, ensure_project, owned
from app.storage.db import Database
from app.storage.tables import Person
from app.storage.tables_service import (
    DailyReport,
    ServiceRecord,
    ServiceRecordStaff,
    ServiceSetting,
)

NUMBER_PREFIX = "YW"
KEY_RESPONSE, KEY_RESOLUTION, KEY_ACCEPTANCE = (
    "response_minutes", "resolution_minutes", "acceptance_date")
TARGET_RANGE = (1, 1440)


def on_site(p: Person, day: dt.date) -> bool:
    """On the roster's on-site period that day (as the attendance sheet counts people)."""
    if p.start_date is None and p.status in (PersonStatus.PENDING, PersonStatus.LEFT):
        return False
    return (p.start_date is None or p.start_date <= day) and \
        (p.end_date is None or day <= p.end_date)


def parse_datetime(text: str, field: str) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` (also with seconds or a ``T``) to a minute-precision time."""
    try:
        when = to_minute(dt.datetime.fromisoformat(text.strip().replace("T", " ")))
    except ValueError:
        raise ValidationError(strings.SV_BAD_DATETIME.format(
            field=strings.SV_FIELD_LABELS.get(field, field), value=text), field) from None
    return check_datetime(when.replace(tzinfo=None), field,
                          strings.SV_FIELD_LABELS.get(field, field))


# ---- the service -------------------------------------------------------------------------
class ServiceLogService:
    def __init__(self, db: Database, actor: str | None, *, holidays: HolidayService) -> None:
        self.db, self.actor = db, actor
        self.holidays = holidays

    def _who(self) -> str:
        return self.db.person_name(self.actor)

    def _now(self) -> dt.datetime:
        return self.db.clock.now().replace(second=0)

    # ---- records -------------------------------------------------------------------------
    @writes
    def add(self, fields: RecordFields, now: dt.datetime | None = None
            ) -> tuple[ServiceRecordDTO, Changes]:
        """Record a service call; its number (YW-YYYY-MM-NNN) follows the report month."""
        fields = self._checked(fields)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            self._check_people(s, fields.staff)
            reported = fields.reported_at
            head = f"{NUMBER_PREFIX}-{reported.year:04d}-{reported.month:02d}-"
            used = s.scalars(select(ServiceRecord.number).where(
                ServiceRecord.project_id == current_project_id(s),
                ServiceRecord.number.like(head + "%")))
            row = ServiceRecord(project_id=current_project_id(s), number=record_number(
                NUMBER_PREFIX, reported.year, reported.month, used),
                created_by=self._who(), created_at=self._now())
            self._apply(row, fields)
            s.add(row)
            s.flush()
            self._set_staff(s, row.id, fields.staff)
            s.flush()
            return self._dto(s, row, now or self._now()), SERVICE

    @writes
    def update(self, record_id: int, fields: RecordFields, now: dt.datetime | None = None
               ) -> tuple[ServiceRecordDTO, Changes]:
        """Change a record (the number stays); staff rows are updated in place."""
        fields = self._checked(fields)
        with self.db.transaction(self.actor) as s:
            row = self._load(s, record_id)
            self._check_people(s, fields.staff)
            self._apply(row, fields)
            row.updated_at = self._now()
            self._set_staff(s, row.id, fields.staff)
            s.flush()
            return self._dto(s, row, now or self._now()), SERVICE

    def get(self, record_id: int | str, now: dt.datetime | None = None) -> ServiceRecordDTO:
        """By id, or by number (YW-2026-11-001)."""
        with self.db.read() as s:
            return self._dto(s, self._load(s, record_id), now or self._now())

    def records(self, month: tuple[int, int] | None = None, service_type: str | None = None,
                result: str | None = None, person_id: int | None = None,
                now: dt.datetime | None = None) -> list[ServiceRecordDTO]:
        """Records, newest first; a month lists what was reported in it plus what was still
        open when it began (marked as carried over)."""
        now = now or self._now()
        with self.db.read() as s:
            q = select(ServiceRecord).where(ServiceRecord.project_id == current_project_id(s))
            if month:
                start, nxt = month_bounds(*month)
                q = q.where(ServiceRecord.reported_at < nxt, or_(
                    ServiceRecord.reported_at >= start, ServiceRecord.resolved_at.is_(None),
                    ServiceRecord.resolved_at >= start))
            if service_type:
                q = q.where(ServiceRecord.service_type == service_type)
            if result:
                q = q.where(ServiceRecord.result == result)
            if person_id:
                q = q.where(ServiceRecord.id.in_(select(ServiceRecordStaff.record_id).where(
                    ServiceRecordStaff.person_id == person_id)))
            rows = list(s.scalars(q.order_by(ServiceRecord.reported_at.desc(),
                                             ServiceRecord.id.desc())))
            dtos = self._dtos(s, rows, now)
        if month:
            start, _ = month_bounds(*month)
            dtos = [replace(d, carried_over=True) if d.reported_at < start else d
                    for d in dtos]
        return dtos

    def month(self, year: int, month: int, now: dt.datetime | None = None) -> ServiceMonthDTO:
        """The month's list (carried-over open items first) and its figures against the
        commitments."""
        now = now or self._now()
        _, nxt = month_bounds(year, month)
        everything = self.records(month=(year, month), now=now)
        entries = [Entry(r.id, r.service_type, r.times, r.measure.targets) for r in everything]
        by_id = {r.id: r for r in everything}
        ordered = tuple(by_id[e.id] for e in month_list(entries, year, month))
        last_day = (nxt - dt.timedelta(days=1)).date()
        commitments = self.commitments(min(now.date(), last_day), inspection_year=year,
                                       targets_on=last_day)
        summary = month_summary(entries, year, month, now, commitments.targets)
        return ServiceMonthDTO(year, month, now, ordered, summary, commitments)

    # ---- commitments ---------------------------------------------------------------------
    def targets(self, at: dt.date | None = None) -> Targets:
        with self.db.read() as s:
            return targets_in_force(self._history(s), at or self.db.clock.today())

    @writes
    def set_targets(self, response_minutes: int, resolution_minutes: int,
                    effective_from: dt.date | None = None) -> tuple[dt.date, Changes]:
        """New targets from ``effective_from`` (default today); earlier records keep theirs."""
        day = effective_from or self.db.clock.today()
        check_date(day, "effective_from")
        for value, key in ((response_minutes, KEY_RESPONSE),
                           (resolution_minutes, KEY_RESOLUTION)):
            if not TARGET_RANGE[0] <= int(value) <= TARGET_RANGE[1]:
                raise ValidationError(strings.SV_BAD_TARGET.format(
                    field=strings.SV_FIELD_LABELS[key], value=value), key)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            self._put_setting(s, KEY_RESPONSE, str(int(response_minutes)), day)
            self._put_setting(s, KEY_RESOLUTION, str(int(resolution_minutes)), day)
        return day, SERVICE

    def acceptance_date(self) -> dt.date | None:
        with self.db.read() as s:
            return self._acceptance(s)

    @writes
    def set_acceptance_date(self, day: dt.date | None,
                            today: dt.date | None = None) -> Changes:
        """The project's acceptance date: the three-year warranty starts there. ``None``
        clears it."""
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            self._put_setting(s, KEY_ACCEPTANCE, day.isoformat() if day else "",
                              today or self.db.clock.today())
        return SERVICE

    def inspection(self, year: int, today: dt.date | None = None) -> InspectionStatus:
        """The yearly free inspection: done once an inspection record exists in ``year``."""
        with self.db.read() as s:
            return self._inspection(s, year, today or self.db.clock.today())

    def commitments(self, today: dt.date | None = None, inspection_year: int | None = None,
                    targets_on: dt.date | None = None) -> CommitmentsDTO:
        today = today or self.db.clock.today()
        with self.db.read() as s:
            acceptance = self._acceptance(s)
            return CommitmentsDTO(
                today, targets_in_force(self._history(s), targets_on or today), acceptance,
                warranty(acceptance, today) if acceptance else None,
                self._inspection(s, inspection_year or today.year, today))

    # ---- daily reports -------------------------------------------------------------------
    def day_reports(self, day: dt.date) -> list[DailyReportDTO]:
        """The team of ``day`` (on-site people, and anyone who reported), with their text."""
        with self.db.read() as s:
            texts = {r.person_id: r for r in s.scalars(select(DailyReport).where(
                DailyReport.project_id == current_project_id(s), DailyReport.day == day))}
            people = [p for p in s.scalars(select(Person).where(
                Person.project_id == current_project_id(s)).order_by(Person.employee_no))
                if on_site(p, day) or p.id in texts]
            return [DailyReportDTO(p.id, p.name, p.employee_no, p.role, day,
                                   texts[p.id].text if p.id in texts else "",
                                   texts[p.id].updated_at if p.id in texts else None)
                    for p in people]

    def report(self, person_id: int, day: dt.date) -> str:
        with self.db.read() as s:
            row = self._report_row(s, person_id, day)
            return row.text if row else ""

    @writes
    def set_report(self, person_id: int, day: dt.date, text: str) -> Changes:
        return self.set_reports(day, {person_id: text})

    @writes
    def set_reports(self, day: dt.date, texts: Mapping[int, str]) -> Changes:
        """The team grid of one day, in one transaction; an empty text removes the entry."""
        check_date(day, "day")
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            for person_id, raw in texts.items():
                person = owned(s, Person, person_id)
                if person is None:
                    raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
                text = raw.strip()
                check_text(text, "text", strings.SV_FIELD_LABELS.get("text", ""), multiline=True)
                if len(text) > REPORT_MAX_CHARS:
                    raise ValidationError(strings.SV_REPORT_TOO_LONG.format(
                        n=REPORT_MAX_CHARS, name=person.name, day=day.isoformat()), "text")
                row = self._report_row(s, person_id, day)
                if not text:
                    if row is not None:
                        s.delete(row)
                    continue
                if row is None:
                    s.add(DailyReport(project_id=current_project_id(s), person_id=person_id,
                                      day=day,
                                      text=text, updated_by=self._who(), updated_at=self._now()))
                elif row.text != text:
                    row.text, row.updated_by, row.updated_at = text, self._who(), self._now()
        return SERVICE

    def month_reports(self, year: int, month: int,
                      today: dt.date | None = None) -> ReportMonthDTO:
        """Per person: the month's reports, and the working days (up to today) without one."""
        today = today or self.db.clock.today()
        start, nxt = month_bounds(year, month)
        first, last = start.date(), (nxt - dt.timedelta(days=1)).date()
        calendar = self.holidays.calendar()
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        workdays = tuple(d for d in days if calendar.is_workday(d))
        with self.db.read() as s:
            texts: dict[int, dict[dt.date, str]] = {}
            for r in s.scalars(select(DailyReport).where(
                    DailyReport.project_id == current_project_id(s), DailyReport.day >= first,
                    DailyReport.day <= last).order_by(DailyReport.day)):
                texts.setdefault(r.person_id, {})[r.day] = r.text
            people = [p for p in s.scalars(select(Person).where(
                Person.project_id == current_project_id(s)).order_by(Person.employee_no))
                if p.id in texts or any(on_site(p, d) for d in workdays)]
            out = tuple(PersonReports(
                p.id, p.name, p.employee_no, p.role,
                tuple(sorted(texts.get(p.id, {}).items())),
                tuple(d for d in workdays if d <= today and on_site(p, d)
                      and d not in texts.get(p.id, {}))) for p in people)
        return ReportMonthDTO(year, month, out, workdays)

    # ---- helpers -------------------------------------------------------------------------
    @staticmethod
    def _checked(f: RecordFields) -> RecordFields:
        f = replace(
            f, reported_at=to_minute(f.reported_at),
            responded_at=to_minute(f.responded_at) if f.responded_at else None,
            arrived_at=to_minute(f.arrived_at) if f.arrived_at else None,
            resolved_at=to_minute(f.resolved_at) if f.resolved_at else None,
            staff=tuple(StaffVisit(v.person_id,
                                   to_minute(v.entered_at) if v.entered_at else None,
                                   to_minute(v.exited_at) if v.exited_at else None)
                        for v in f.staff))
        problems = check_record(f)
        if problems:
            code, field = problems[0]
            raise ValidationError(strings.SV_PROBLEMS[code].format(
                field=strings.SV_FIELD_LABELS.get(field, field)), field)
        return f

    @staticmethod
    def _check_people(s: Session, staff: Sequence[StaffVisit]) -> None:
        for v in staff:
            if owned(s, Person, v.person_id) is None:
                raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=v.person_id))

    @staticmethod
    def _apply(row: ServiceRecord, f: RecordFields) -> None:
        for name in RECORD_FIELDS:
            value = getattr(f, name)
            setattr(row, name, value.strip() if isinstance(value, str) else value)
        row.head_count = f.head_count if f.head_count is not None else len(f.staff)

    @staticmethod
    def _set_staff(s: Session, record_id: int, staff: Sequence[StaffVisit]) -> None:
        existing = {r.person_id: r for r in s.scalars(select(ServiceRecordStaff).where(
            ServiceRecordStaff.record_id == record_id))}
        for position, v in enumerate(staff):
            row = existing.pop(v.person_id, None)
            if row is None:
                s.add(ServiceRecordStaff(project_id=current_project_id(s), record_id=record_id,
                                         person_id=v.person_id, position=position,
                                         entered_at=v.entered_at, exited_at=v.exited_at))
            else:
                row.position, row.entered_at, row.exited_at = position, v.entered_at, \
                    v.exited_at
        for row in existing.values():
            s.delete(row)

    @staticmethod
    def _load(s: Session, record_id: int | str) -> ServiceRecord:
        row: ServiceRecord | None
        if isinstance(record_id, str) and not (record_id.isascii() and record_id.isdigit()):
            row = s.scalars(select(ServiceRecord).where(
                ServiceRecord.project_id == current_project_id(s),
                ServiceRecord.number == record_id.strip().upper())).first()
        elif record_id_problem(int(record_id)) is None:
            row = owned(s, ServiceRecord, int(record_id))
        else:  # no record has such a number (and SQLite could not even look it up)
            row = None
        if row is None:
            raise NotFoundError(strings.SV_RECORD_NOT_FOUND.format(id=record_id))
        return row

    @staticmethod
    def _history(s: Session) -> list[tuple[dt.date, str, str]]:
        rows = s.execute(select(ServiceSetting.effective_from, ServiceSetting.key,
                                ServiceSetting.value)
                         .where(ServiceSetting.project_id == current_project_id(s),
                                ServiceSetting.key.in_((KEY_RESPONSE, KEY_RESOLUTION)))
                         .order_by(ServiceSetting.effective_from, ServiceSetting.id)).all()
        return [(r[0], r[1], r[2]) for r in rows]

    @staticmethod
    def _acceptance(s: Session) -> dt.date | None:
        row = s.scalars(select(ServiceSetting).where(
            ServiceSetting.project_id == current_project_id(s),
            ServiceSetting.key == KEY_ACCEPTANCE)
            .order_by(ServiceSetting.effective_from.desc(), ServiceSetting.id.desc())).first()
        return dt.date.fromisoformat(row.value) if row and row.value else None

    def _put_setting(self, s: Session, key: str, value: str, day: dt.date) -> None:
        row = s.scalars(select(ServiceSetting).where(
            ServiceSetting.project_id == current_project_id(s), ServiceSetting.key == key,
            ServiceSetting.effective_from == day)).first()
        if row is None:
            s.add(ServiceSetting(project_id=current_project_id(s), key=key, value=value,
                                 effective_from=day, created_at=self._now()))
        else:
            row.value = value
        s.flush()

    @staticmethod
    def _inspection(s: Session, year: int, today: dt.date) -> InspectionStatus:
        start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
        days = [t.date() for t in s.scalars(select(ServiceRecord.reported_at).where(
            ServiceRecord.project_id == current_project_id(s),
            ServiceRecord.service_type == INSPECTION,
            ServiceRecord.reported_at >= start, ServiceRecord.reported_at < end))]
        return inspection_status(year, days, today)

    @staticmethod
    def _report_row(s: Session, person_id: int, day: dt.date) -> DailyReport | None:
        return s.scalars(select(DailyReport).where(
            DailyReport.project_id == current_project_id(s), DailyReport.person_id == person_id,
            DailyReport.day == day)).first()

    def _dto(self, s: Session, row: ServiceRecord, now: dt.datetime) -> ServiceRecordDTO:
        return self._dtos(s, [row], now)[0]

    def _dtos(self, s: Session, rows: Iterable[ServiceRecord],
              now: dt.datetime) -> list[ServiceRecordDTO]:
        rows = list(rows)
        if not rows:
            return []
        history = self._history(s)
        staff: dict[int, list[ServiceRecordStaff]] = {}
        for v in s.scalars(select(ServiceRecordStaff).where(
                ServiceRecordStaff.record_id.in_([r.id for r in rows]))
                .order_by(ServiceRecordStaff.position, ServiceRecordStaff.id)):
            staff.setdefault(v.record_id, []).append(v)
        person_ids = {v.person_id for vs in staff.values() for v in vs}
        people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(person_ids)))}
        out = []
        for r in rows:
            visits = tuple(StaffVisitDTO(
                v.person_id, people[v.person_id].name, people[v.person_id].employee_no,
                people[v.person_id].role, v.entered_at, v.exited_at)
                for v in staff.get(r.id, []))
            times = Times(r.reported_at, r.responded_at, r.arrived_at, r.resolved_at)
            m = measure(times, r.service_type,
                        targets_in_force(history, r.reported_at.date()), now)
            out.append(ServiceRecordDTO(
                r.id, r.number, r.service_type, r.source, r.reporter, r.reporter_dept,
                r.reported_at, r.responded_at, r.arrived_at, r.resolved_at, visits,
                r.head_count, r.location, r.description, r.handling, r.result,
                r.pending_reason, r.parts_replaced, r.user_rating, r.client_signed,
                r.client_signed_by, r.client_signed_on, r.note, r.created_by, r.created_at,
                r.updated_at, m))
        return out
