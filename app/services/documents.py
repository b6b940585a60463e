"""Documents from the database: the one place the CLI and the GUI ask for a printout.

Each call gathers what a document shows through the other services and hands plain DTOs to
``app.documents`` (which never touches the database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import strings
from app.errors import AppError
from app.services.attendance import AttendanceService, PersonMonth, month_key
from app.services.leave import LeaveService
from app.services.project import ProjectService
from app.services.roster import RosterService
from app.storage.db import Database


class DocumentService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor
        self.attendance = AttendanceService(db, actor)
        self.project = ProjectService(db, actor)
        self.roster = RosterService(db, actor)
        self.leave = LeaveService(db, actor)

    def _prepared_by(self) -> str:
        return self.project.get().project_manager

    def month_pdf(self, year: int, month: int, path: Path,
                  now: dt.datetime | None = None) -> Path:
        from app.documents.month_sheet import write_month_pdf

        result = self.attendance.month(year, month, now=now)
        write_month_pdf(path, result, self.project.get(), self._prepared_by())
        return path

    def month_xlsx(self, year: int, month: int, path: Path,
                   now: dt.datetime | None = None) -> Path:
        from app.documents.month_sheet import write_month_xlsx

        result = self.attendance.month(year, month, now=now)
        write_month_xlsx(path, result, self.project.get(), self._prepared_by())
        return path

    def punch_record(self, year: int, month: int, person_id: int, path: Path,
                     now: dt.datetime | None = None) -> Path:
        from app.documents.punch_record import write_punch_record_pdf
        from app.domain.attendance import month_dates

        person = self.roster.get(person_id)
        details = [self.attendance.day_detail(person_id, d, now=now)
                   for d in month_dates(year, month)]
        write_punch_record_pdf(path, person.name, person.employee_no,
                               strings.MONTH_TITLE.format(year=year, month=month), details,
                               self.project.get(), person.device_user_id or "",
                               self._prepared_by())
        return path

    def explanation(self, year: int, month: int, person_id: int, path: Path,
                    now: dt.datetime | None = None) -> Path:
        from app.documents.absence_explanation import write_absence_explanation_pdf

        person = self._person_month(year, month, person_id, now)
        write_absence_explanation_pdf(path, person, self.project.get(),
                                      strings.MONTH_TITLE.format(year=year, month=month),
                                      self.db.clock.today())
        return path

    def _person_month(self, year: int, month: int, person_id: int,
                      now: dt.datetime | None) -> PersonMonth:
        result = self.attendance.month(year, month, now=now)
        for p in result.people:
            if p.person_id == person_id:
                return p
        name = self.roster.get(person_id).name
        raise AppError(strings.DOC_PERSON_NOT_IN_MONTH.format(name=name,
                                                              month=month_key(year, month)))

    def leave_pdf(self, leave_id: int, path: Path) -> Path:
        from app.documents.leave_form import write_leave_pdf

        leave = self.leave.get(leave_id)
        person = self.roster.get(leave.person_id)
        names = [name for name, _ in self.leave.attachments(leave_id)]
        write_leave_pdf(path, leave, person, self.project.get(), names)
        return path

    def change_pdf(self, change_id: int, kind: str, path: Path) -> Path:
        """kind: notice | application | handover (the three change forms)."""
        from app.services.handover import HandoverService

        HandoverService(self.db, self.actor).change_pdf(change_id, kind, path)
        return path

    def roster_pdf(self, path: Path, today: dt.date | None = None) -> Path:
        from app.documents.roster_pdf import write_roster_pdf

        write_roster_pdf(path, self.roster.list_people(), self.project.get(),
                         today or self.db.clock.today())
        return path
