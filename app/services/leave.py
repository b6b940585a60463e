"""Leave and overtime use cases (SPEC L1–L7, O1): filing with the regulation's checks,
approval steps, emergency back-filing, extension, return, balances; and what the
attendance calendar needs from them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain.inputs import check_date, check_text
from app.domain.leave import (
    ACTIVE_STATES,
    APPROVE,
    APPROVED,
    BACKFILE,
    CANCEL,
    CANCELLED,
    CLIENT_APPROVE,
    COUNTED_STATES,
    DEPUTY_IS_APPLICANT,
    DRAFT,
    EXTEND,
    REJECT,
    REJECTED,
    RETURN,
    RETURNED,
    SUBMIT,
    SUBMITTED,
    DeputyInfo,
    LeaveState,
    LeaveType,
    OtherLeave,
    Span,
    allowed_actions,
    annual_entitlement,
    check_request,
    counted_sessions,
    day_count,
    overtime_rate,
)
from app.domain.schedule import parse_range
from app.dto.leave import LeaveDTO, OvertimeDTO, Preview
from app.errors import AppError, NotFoundError, ValidationError
from app.security.guard import writes
from app.services.changes import Changes
from app.services.holidays import HolidayService
from app.services.project import current_project_id, ensure_project, owned
from app.services.settings import load_leave_types
from app.storage.db import Database
from app.storage.tables import Person
from app.storage.tables_leave import LeaveAttachment, LeaveRequest, OvertimeRequest

LEAVE_CHANGES = Changes(attendance=True, leave=True)
__all__ = ["LEAVE_CHANGES", "LeaveDTO", "LeaveService", "OvertimeDTO", "Preview", "parse_point"]


def parse_point(text: str, default_session: str) -> tuple[dt.date, str]:
    """``2026-03-10``, ``2026-03-10am`` or ``2026-03-10pm``."""
    t = text.strip().lower()
    session = default_session
    if t.endswith(("am", "pm")):
        t, session = t[:-2], t[-2:]
    try:
        day = dt.date.fromisoformat(t)
    except ValueError:
        raise ValidationError(strings.LEAVE_BAD_DATE.format(value=text), "date") from None
    return check_date(day, "date"), session


def _check_texts(**texts: str) -> None:
    """Free-text fields hold no control characters (line ends and TAB are fine)."""
    for name, text in texts.items():
        check_text(text or "", name, strings.LEAVE_TEXT_FIELD_LABELS[name], multiline=True)


class LeaveService:
    def __init__(self, db: Database, actor: str | None, *, holidays: HolidayService) -> None:
        self.db, self.actor = db, actor
        self.holidays = holidays

    def _who(self) -> str:
        return self.db.person_name(self.actor)

    # ---- checks --------------------------------------------------------------------------
    def preview(self, person_id: int, leave_type: str, span: Span, filed_at: dt.datetime,
                deputy_id: int | None, emergency: bool = False, has_attachment: bool = False,
                exclude_id: int | None = None) -> Preview:
        """Day count and violations, as the dialog shows them live and the form prints."""
        check_date(span.start, "start"), check_date(span.end, "end")
        lt = self._type(leave_type)
        if not span.valid():
            raise ValidationError(strings.LEAVE_BAD_SPAN.format(
                start=f"{span.start}{span.start_session}", end=f"{span.end}{span.end_session}"),
                "end")
        calendar = self.holidays.calendar()
        days = day_count(span, lt, calendar)
        with self.db.read() as s:
            deputy = None
            if deputy_id is not None:
                d = owned(s, Person, deputy_id)
                if d is not None:
                    deputy = DeputyInfo(d.id, d.status, d.start_date, d.end_date)
            others = []
            for r in s.scalars(select(LeaveRequest).where(
                    LeaveRequest.project_id == current_project_id(s),
                    LeaveRequest.state.in_(ACTIVE_STATES),
                    LeaveRequest.end_date >= span.start, LeaveRequest.start_date <= span.end,
                    LeaveRequest.id != (exclude_id or -1))):
                effective = self._effective(r)  # an early return frees the remaining days
                if effective is not None:
                    others.append(OtherLeave(r.person_id, effective, LeaveState(r.state)))
            balance = None
            if leave_type == "annual_leave":
                balance = self._annual_remaining(s, person_id, span.start.year, exclude_id)
        violations = check_request(person_id, lt, span, days, filed_at, deputy, emergency,
                                   has_attachment, others, balance)
        return Preview(days, tuple(violations))

    @staticmethod
    def _span(r: LeaveRequest) -> Span:
        return Span(r.start_date, r.start_session, r.end_date, r.end_session)

    def _effective(self, r: LeaveRequest) -> Span | None:
        span = self._span(r)
        if r.returned_on is None:
            return span
        return span.until(r.returned_on - dt.timedelta(days=1))

    def _used_days(self, r: LeaveRequest) -> float:
        """Days a request really took: the stored count, or fewer after an early return."""
        if r.returned_on is None:
            return r.days
        effective = self._effective(r)
        if effective is None:
            return 0.0
        return day_count(effective, self.types()[r.leave_type], self.holidays.calendar())

    def used_days(self, leave: LeaveDTO) -> float:
        """The days a leave really took (after an early return: its effective span, counted
        as the month sheet counts it)."""
        if leave.returned_on is None:
            return leave.days
        effective = leave.effective_span
        if effective is None:
            return 0.0
        return day_count(effective, self.types()[leave.leave_type], self.holidays.calendar())

    def types(self) -> dict[str, LeaveType]:
        """The leave types with this project's settings (counting, attachment, maximum)."""
        with self.db.read() as s:
            return load_leave_types(s)

    def _type(self, code: str) -> LeaveType:
        types = self.types()
        if code not in types:
            raise ValidationError(strings.LEAVE_BAD_TYPE.format(
                value=code, types=", ".join(types)), "type")
        return types[code]

    # ---- filing --------------------------------------------------------------------------
    @writes
    def add(self, person_id: int, leave_type: str, span: Span, filed_at: dt.datetime,
            deputy_id: int | None, reason: str = "", contact: str = "",
            handover_note: str = "", emergency: bool = False, contacted_whom: str = "",
            contacted_at: dt.datetime | None = None, override_reason: str = "",
            has_attachment: bool = False, draft: bool = False,
            extension_of: int | None = None) -> tuple[LeaveDTO, Changes]:
        """File a request (submitted, or a draft). Violations are recorded, never hidden."""
        if emergency and not contacted_whom.strip():
            raise ValidationError(strings.LEAVE_EMERGENCY_NEEDS_CONTACT, "contacted_whom")
        _check_texts(reason=reason, contact=contact, handover_note=handover_note,
                     contacted_whom=contacted_whom, override_reason=override_reason)
        if deputy_id is not None and deputy_id == person_id:
            # the preview shows it as a violation while the dialog is filled in; filing refuses
            raise ValidationError(strings.LEAVE_VIOLATION_LABELS[DEPUTY_IS_APPLICANT],
                                  "deputy_id")
        now = self.db.clock.now()
        if filed_at > now:
            raise ValidationError(strings.LEAVE_FILED_IN_FUTURE.format(
                at=filed_at.strftime("%Y-%m-%d %H:%M"), now=now.strftime("%Y-%m-%d %H:%M")),
                "filed_at")
        preview = self.preview(person_id, leave_type, span, filed_at, deputy_id, emergency,
                               has_attachment)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            if owned(s, Person, person_id) is None:
                raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
            row = LeaveRequest(
                project_id=current_project_id(s), person_id=person_id, leave_type=leave_type,
                start_date=span.start, start_session=span.start_session, end_date=span.end,
                end_session=span.end_session, days=preview.days, reason=reason.strip(),
                deputy_id=deputy_id, handover_note=handover_note, contact=contact,
                filed_at=filed_at, emergency=emergency, contacted_whom=contacted_whom.strip(),
                contacted_at=contacted_at or (filed_at if emergency else None),
                state=DRAFT if draft else SUBMITTED,
                violations=json.dumps(list(preview.violations)),
                override_reason=override_reason.strip(), extension_of=extension_of,
                created_by=self._who(), created_at=self.db.clock.now())
            s.add(row)
            s.flush()
            return self._dto(s, row), LEAVE_CHANGES

    @writes
    def backfile(self, leave_id: int, at: dt.datetime | None = None, reason: str = "",
                 deputy_id: int | None = None) -> tuple[LeaveDTO, Changes]:
        """L4: the form of an emergency leave is filled in afterwards; the record says so."""
        with self.db.transaction(self.actor) as s:
            row = self._load(s, leave_id)
            if BACKFILE not in _allowed(row):
                raise ValidationError(strings.LEAVE_NOT_EMERGENCY.format(id=leave_id)
                                      if not row.emergency else
                                      strings.LEAVE_ALREADY_BACKFILED.format(id=leave_id))
            row.backfiled_at = at or self.db.clock.now()
            if reason:
                row.reason = reason
            if deputy_id is not None:
                row.deputy_id = deputy_id
            s.flush()
            return self._dto(s, row), LEAVE_CHANGES

    @writes
    def attach(self, leave_id: int, source: Path) -> Changes:
        """A hospital certificate or other proof, copied into the data folder."""
        if not source.is_file():
            raise AppError(strings.ATTACHMENT_SOURCE_MISSING.format(path=source))
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        rel = Path("attachments") / "leave" / str(leave_id) / f"{digest[:10]}_{source.name}"
        with self.db.transaction(self.actor) as s:
            self._load(s, leave_id)
            target = self.db.data_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                shutil.copyfile(source, target)
            s.add(LeaveAttachment(project_id=current_project_id(s), leave_id=leave_id,
                                  original_name=source.name, stored_path=rel.as_posix(),
                                  sha256=digest, added_at=self.db.clock.now()))
            s.flush()
        return LEAVE_CHANGES

    def attachments(self, leave_id: int) -> list[tuple[str, Path]]:
        with self.db.read() as s:
            return [(a.original_name, self.db.data_dir / a.stored_path) for a in s.scalars(
                select(LeaveAttachment).where(LeaveAttachment.leave_id == leave_id))]

    # ---- state machine -------------------------------------------------------------------
    @writes
    def submit(self, leave_id: int) -> tuple[LeaveDTO, Changes]:
        return self._move(leave_id, SUBMITTED, SUBMIT)

    @writes
    def approve(self, leave_id: int, approver: str, role: str = "project_manager",
                opinion: str = "", at: dt.datetime | None = None) -> tuple[LeaveDTO, Changes]:
        """Project manager approval makes the leave count; the client department's
        approval is recorded beside it (either order)."""
        if not approver.strip():
            raise ValidationError(strings.LEAVE_NEEDS_APPROVER, "approver")
        with self.db.transaction(self.actor) as s:
            row = self._load(s, leave_id)
            when = at or self.db.clock.now()
            if role == "client_dept":
                self._require(row, CLIENT_APPROVE)
                row.client_approver, row.client_approved_at = approver.strip(), when
                row.client_opinion = opinion
            else:
                self._require(row, APPROVE)
                row.pm_approver, row.pm_approved_at, row.pm_opinion = approver.strip(), when, \
                    opinion
                row.state = APPROVED
            s.flush()
            return self._dto(s, row), LEAVE_CHANGES

    @writes
    def reject(self, leave_id: int, by: str, note: str) -> tuple[LeaveDTO, Changes]:
        if not note.strip():
            raise ValidationError(strings.LEAVE_NEEDS_REASON, "note")
        return self._move(leave_id, REJECTED, REJECT, by=by, note=note)

    @writes
    def cancel(self, leave_id: int, note: str) -> tuple[LeaveDTO, Changes]:
        if not note.strip():
            raise ValidationError(strings.LEAVE_NEEDS_REASON, "note")
        return self._move(leave_id, CANCELLED, CANCEL, by=self._who(), note=note)

    @writes
    def return_(self, leave_id: int, returned_on: dt.date) -> tuple[LeaveDTO, Changes]:
        """Leave return: the first day back at work. An early return frees the remaining days."""
        check_date(returned_on, "returned_on")
        with self.db.transaction(self.actor) as s:
            row = self._load(s, leave_id)
            self._require(row, RETURN)
            if returned_on < row.start_date:
                raise ValidationError(strings.LEAVE_RETURN_BEFORE_START.format(
                    date=returned_on, start=row.start_date), "returned_on")
            row.state, row.returned_on, row.returned_at = RETURNED, returned_on, self.db.clock.now()
            s.flush()
            return self._dto(s, row), LEAVE_CHANGES

    @writes
    def extend(self, leave_id: int, new_end: dt.date, new_end_session: str,
               filed_at: dt.datetime, reason: str = "") -> tuple[LeaveDTO, Changes]:
        """L5 extension: a new request right after the approved one; it counts once approved."""
        check_date(new_end, "end")
        parent = self.get(leave_id)
        if EXTEND not in parent.actions:
            with self.db.read() as s:
                self._refuse(self._load(s, leave_id), EXTEND)
        start, start_session = (parent.span.end, PM_) if parent.span.end_session == AM_ else \
            (parent.span.end + dt.timedelta(days=1), AM_)
        span = Span(start, start_session, new_end, new_end_session)
        return self.add(parent.person_id, parent.leave_type, span, filed_at, parent.deputy_id,
                        reason=reason or parent.reason, contact=parent.contact,
                        extension_of=leave_id)

    def _move(self, leave_id: int, target: LeaveState, action: str, by: str = "",
              note: str = "") -> tuple[LeaveDTO, Changes]:
        with self.db.transaction(self.actor) as s:
            row = self._load(s, leave_id)
            self._require(row, action)
            row.state = target
            if by or note:
                row.decided_by, row.decided_at, row.decision_note = by, self.db.clock.now(), note
            s.flush()
            return self._dto(s, row), LEAVE_CHANGES

    @classmethod
    def _require(cls, row: LeaveRequest, action: str) -> None:
        """Refuse what the request's state does not allow (the same rule the UI shows)."""
        if action not in _allowed(row):
            cls._refuse(row, action)

    @staticmethod
    def _refuse(row: LeaveRequest, action: str) -> None:
        label = strings.LEAVE_ACTIONS[APPROVE if action == CLIENT_APPROVE else action]
        raise ValidationError(strings.LEAVE_BAD_TRANSITION.format(
            id=row.id, state=strings.LEAVE_STATE_LABELS.get(row.state, row.state),
            action=label))

    # ---- queries -------------------------------------------------------------------------
    def get(self, leave_id: int) -> LeaveDTO:
        with self.db.read() as s:
            return self._dto(s, self._load(s, leave_id))

    def requests(self, state: str | None = None, leave_type: str | None = None,
             person_id: int | None = None, month: tuple[int, int] | None = None
             ) -> list[LeaveDTO]:
        with self.db.read() as s:
            q = select(LeaveRequest).where(LeaveRequest.project_id == current_project_id(s))
            if state:
                q = q.where(LeaveRequest.state == state)
            if leave_type:
                q = q.where(LeaveRequest.leave_type == leave_type)
            if person_id:
                q = q.where(LeaveRequest.person_id == person_id)
            if month:
                first = dt.date(month[0], month[1], 1)
                last = dt.date(month[0] + month[1] // 12, month[1] % 12 + 1, 1) - \
                    dt.timedelta(days=1)
                q = q.where(LeaveRequest.start_date <= last, LeaveRequest.end_date >= first)
            rows = s.scalars(q.order_by(LeaveRequest.start_date.desc(),
                                        LeaveRequest.id.desc())).all()
            return [self._dto(s, r) for r in rows]

    def annual_balance(self, person_id: int, year: int) -> tuple[int, float, float]:
        """(entitlement, used, remaining) annual-leave days in ``year``."""
        with self.db.read() as s:
            person = owned(s, Person, person_id)
            if person is None:
                raise NotFoundError(strings.PERSON_NOT_FOUND.format(id=person_id))
            entitlement = annual_entitlement(person.first_work_date, person.start_date, year)
            remaining = self._annual_remaining(s, person_id, year, None)
        return entitlement, entitlement - remaining, remaining

    def _annual_remaining(self, s: Session, person_id: int, year: int,
                          exclude_id: int | None) -> float:
        person = owned(s, Person, person_id)
        if person is None:
            return 0.0
        entitlement = annual_entitlement(person.first_work_date, person.start_date, year)
        used = sum(self._used_days(r) for r in s.scalars(select(LeaveRequest).where(
            LeaveRequest.person_id == person_id, LeaveRequest.leave_type == "annual_leave",
            LeaveRequest.state.in_(ACTIVE_STATES), LeaveRequest.id != (exclude_id or -1),
            LeaveRequest.start_date >= dt.date(year, 1, 1),
            LeaveRequest.start_date <= dt.date(year, 12, 31))))
        return entitlement - used

    def comp_balance(self, person_id: int) -> float:
        """Comp-time days: approved rest-day overtime taken as comp time (8 h a day),
        less approved comp leave."""
        with self.db.read() as s:
            earned = sum(o.hours for o in s.scalars(select(OvertimeRequest).where(
                OvertimeRequest.person_id == person_id, OvertimeRequest.state == APPROVED,
                OvertimeRequest.comp_time.is_(True)))) / 8
            used = sum(self._used_days(r) for r in s.scalars(select(LeaveRequest).where(
                LeaveRequest.person_id == person_id, LeaveRequest.leave_type == "comp_leave",
                LeaveRequest.state.in_(COUNTED_STATES))))
        return round(earned - used, 2)

    def sessions_for(self, s: Session, first: dt.date, last: dt.date
                     ) -> dict[int, dict[dt.date, dict[str, str]]]:
        """person -> day -> session -> leave type, for approved (or returned) leave."""
        calendar = self.holidays.calendar()
        types = load_leave_types(s)
        out: dict[int, dict[dt.date, dict[str, str]]] = {}
        rows = s.scalars(select(LeaveRequest).where(
            LeaveRequest.project_id == current_project_id(s),
            LeaveRequest.state.in_(COUNTED_STATES),
            LeaveRequest.start_date <= last, LeaveRequest.end_date >= first)).all()
        for r in rows:
            span: Span | None = self._span(r)
            if r.returned_on is not None and span is not None:
                span = span.until(r.returned_on - dt.timedelta(days=1))
            if span is None:
                continue
            for day, session in counted_sessions(span, types[r.leave_type], calendar):
                if first <= day <= last:
                    out.setdefault(r.person_id, {}).setdefault(day, {})[session] = r.leave_type
        return out

    def overtime_for(self, s: Session, first: dt.date, last: dt.date
                     ) -> dict[int, dict[dt.date, float]]:
        out: dict[int, dict[dt.date, float]] = {}
        for o in s.scalars(select(OvertimeRequest).where(
                OvertimeRequest.project_id == current_project_id(s),
                OvertimeRequest.state == APPROVED,
                OvertimeRequest.day >= first, OvertimeRequest.day <= last)):
            days = out.setdefault(o.person_id, {})
            days[o.day] = days.get(o.day, 0.0) + o.hours
        return out

    # ---- overtime ------------------------------------------------------------------------
    @writes
    def add_overtime(self, person_id: int, day: dt.date, time_range: str, kind: str,
                     applied_at: dt.datetime, reason: str = "", comp_time: bool = False
                     ) -> tuple[OvertimeDTO, Changes]:
        """O1: applied for in advance (a later application is kept, and marked)."""
        check_date(day, "day")
        check_text(reason, "reason", strings.LEAVE_TEXT_FIELD_LABELS["overtime_reason"],
                   multiline=True)
        try:
            start, end = parse_range(time_range)
        except ValueError:
            raise ValidationError(strings.OVERTIME_BAD_TIME.format(value=time_range),
                                  "time") from None
        if kind not in strings.OVERTIME_KIND_LABELS:
            kind = "voluntary"
        day_kind = self.holidays.calendar().kind_of(day)
        starts_at = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=start)
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            row = OvertimeRequest(
                project_id=current_project_id(s), person_id=person_id, day=day,
                start_time=f"{start // 60:02d}:{start % 60:02d}",
                end_time=f"{end // 60:02d}:{end % 60:02d}", hours=round((end - start) / 60, 2),
                kind=kind, day_kind=day_kind, rate=overtime_rate(day_kind),
                comp_time=comp_time and day_kind == "rest_day", reason=reason,
                applied_at=applied_at, state=SUBMITTED,
                late_application=applied_at >= starts_at, created_by=self._who())
            s.add(row)
            s.flush()
            return self._overtime_dto(s, row), LEAVE_CHANGES

    @writes
    def approve_overtime(self, overtime_id: int, approver: str) -> tuple[OvertimeDTO, Changes]:
        if not approver.strip():
            raise ValidationError(strings.LEAVE_NEEDS_APPROVER, "approver")
        with self.db.transaction(self.actor) as s:
            row = owned(s, OvertimeRequest, overtime_id)
            if row is None:
                raise NotFoundError(strings.OVERTIME_NOT_FOUND.format(id=overtime_id))
            row.state, row.approver = APPROVED, approver.strip()
            row.approved_at = self.db.clock.now()
            s.flush()
            return self._overtime_dto(s, row), LEAVE_CHANGES

    def list_overtime(self, month: tuple[int, int] | None = None) -> list[OvertimeDTO]:
        with self.db.read() as s:
            q = select(OvertimeRequest).where(OvertimeRequest.project_id == current_project_id(s))
            if month:
                first = dt.date(month[0], month[1], 1)
                q = q.where(OvertimeRequest.day >= first,
                            OvertimeRequest.day < dt.date(month[0] + month[1] // 12,
                                                          month[1] % 12 + 1, 1))
            return [self._overtime_dto(s, o) for o in s.scalars(
                q.order_by(OvertimeRequest.day.desc()))]

    # ---- helpers -------------------------------------------------------------------------
    @staticmethod
    def _load(s: Session, leave_id: int) -> LeaveRequest:
        row = owned(s, LeaveRequest, leave_id)
        if row is None:
            raise NotFoundError(strings.LEAVE_NOT_FOUND.format(id=leave_id))
        return row

    def _dto(self, s: Session, r: LeaveRequest) -> LeaveDTO:
        person = owned(s, Person, r.person_id)
        deputy = owned(s, Person, r.deputy_id) if r.deputy_id else None
        return LeaveDTO(
            r.id, r.person_id, person.name if person else "", person.employee_no if person
            else "", r.leave_type, self._span(r), r.days, r.reason, r.deputy_id,
            deputy.name if deputy else "", r.handover_note, r.contact, r.filed_at, r.emergency,
            r.contacted_whom, r.contacted_at, r.backfiled_at, LeaveState(r.state),
            tuple(json.loads(r.violations or "[]")), r.override_reason, r.pm_approver,
            r.pm_approved_at, r.pm_opinion, r.client_approver, r.client_approved_at,
            r.client_opinion, r.decided_by, r.decided_at, r.decision_note, r.returned_on,
            r.extension_of, _allowed(r))

    @staticmethod
    def _overtime_dto(s: Session, o: OvertimeRequest) -> OvertimeDTO:
        person = owned(s, Person, o.person_id)
        return OvertimeDTO(o.id, o.person_id, person.name if person else "", o.day,
                           o.start_time, o.end_time, o.hours, o.kind, o.day_kind, o.rate,
                           o.comp_time, LeaveState(o.state), o.late_application)


AM_, PM_ = "am", "pm"


def _allowed(r: LeaveRequest) -> frozenset[str]:
    return allowed_actions(r.state, r.emergency, r.backfiled_at is not None)


