"""Documents from the database: the one place the CLI and the GUI ask for a printout or an
exported sheet.

Each call gathers what a document shows through the area services it is handed (plain DTOs)
and gives them to a writer in ``app.documents``, which never touches the database and imports
only the DTO modules (``app.dto``). No other service imports ``app.documents``, so
the area services stay free of layout and the printing package stays free of use cases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app import strings
from app.dto.attendance import MonthDTO, PersonMonth, month_key
from app.dto.headoffice import Statistics
from app.errors import AppError, NotFoundError, ValidationError
from app.services.attendance import AttendanceService
from app.services.handover import DOCUMENT_KINDS, HandoverService
from app.services.leave import LeaveService
from app.services.project import ProjectService
from app.services.roster import RosterService
from app.services.scores import ScoreService
from app.services.service_log import ServiceLogService
from app.storage.db import Database


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """The warnings of the PDFs written inside the block, in this thread: a text with
    characters no font has (printed as a placeholder, the document is still written). The
    CLI prints them on stderr, the GUI shows them after the document opens."""
    from app.documents.fonts import collect_warnings as collect

    with collect() as found:
        yield found


class DocumentService:
    def __init__(self, db: Database, actor: str | None, *, project: ProjectService,
                 roster: RosterService, attendance: AttendanceService, leave: LeaveService,
                 handover: HandoverService, scores: ScoreService,
                 service_log: ServiceLogService) -> None:
        self.db, self.actor = db, actor
        self.project = project
        self.roster = roster
        self.attendance = attendance
        self.leave = leave
        self.handover = handover
        self.scores = scores
        self.service_log = service_log

    def _prepared_by(self) -> str:
        """Prepared by (on forms): the signed-in person (issue 18), else the project's
        on-site manager."""
        if self.db.principal is not None:
            return self.db.principal.display
        return self.project.get().project_manager

    # ---- roster ------------------------------------------------------------------------------
    def roster_pdf(self, path: Path, today: dt.date | None = None) -> Path:
        from app.documents.roster_pdf import write_roster_pdf

        write_roster_pdf(path, self.roster.list_people(), self.project.get(),
                         today or self.db.clock.today())
        return path

    def roster_xlsx(self, path: Path, today: dt.date | None = None,
                    full_numbers: bool = False) -> int:
        """The roster workbook (the columns ``RosterIO`` reads back); returns the people
        written. ID and phone numbers masked, unless ``full_numbers``: an admin's explicit
        choice, refused to others and audited (issue 18)."""
        from app.documents.excel_roster import write_roster_xlsx

        people = (self.roster.list_people_full("export") if full_numbers
                  else self.roster.list_people())
        write_roster_xlsx(path, people, self.project.get(), today or self.db.clock.today(),
                          self._prepared_by(), full_numbers)
        return len(people)

    def roster_template(self, path: Path) -> Path:
        """An empty roster to fill in and import: the header, a sample row, drop-downs for
        the role (the known roles and those on the roster) and the status."""
        from app.documents.excel_roster import write_roster_template

        used = sorted({p.role for p in self.roster.list_people() if p.role})
        roles = list(dict.fromkeys([*strings.ROLE_CHOICES, *used]))
        write_roster_template(path, roles, self.db.clock.today())
        return path

    # ---- attendance --------------------------------------------------------------------------
    def month_pdf(self, year: int, month: int, path: Path,
                  now: dt.datetime | None = None) -> Path:
        from app.documents.month_sheet import write_month_pdf

        write_month_pdf(path, self._sheet_month(year, month, now), self.project.get(),
                        self._prepared_by())
        return path

    def month_xlsx(self, year: int, month: int, path: Path,
                   now: dt.datetime | None = None) -> Path:
        from app.documents.month_sheet import write_month_xlsx

        write_month_xlsx(path, self._sheet_month(year, month, now), self.project.get(),
                         self._prepared_by(), self.attendance.month_punches(year, month))
        return path

    def _sheet_month(self, year: int, month: int, now: dt.datetime | None) -> MonthDTO:
        """The month as the sheet prints it: with each person's score deductions."""
        result = self.attendance.month(year, month, now=now)
        scores = self.scores.month(year, month, now=now)
        return dataclasses.replace(result, deductions={
            p.person_id: p.deductions for p in scores.people})

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

    def punches_xlsx(self, year: int, month: int, path: Path, person_id: int | None = None,
                     now: dt.datetime | None = None) -> int:
        """The raw punches of one person (or, with no ``person_id``, of everyone on the
        month's sheet) as a workbook; returns the rows on its detail sheet."""
        from app.documents.excel_punches import write_punches_xlsx

        if person_id is not None:
            self.roster.get(person_id)  # an unknown id is refused before any file is written
        details = self.attendance.month_details(
            year, month, None if person_id is None else [person_id], now=now)
        return write_punches_xlsx(path, details, self.project.get(), year, month,
                                  self._prepared_by(), everyone=person_id is None)

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

    # ---- leave and personnel changes ---------------------------------------------------------
    def leave_pdf(self, leave_id: int, path: Path) -> Path:
        from app.documents.leave_form import write_leave_pdf

        leave = self.leave.get(leave_id)
        person = self.roster.get(leave.person_id)
        names = [name for name, _ in self.leave.attachments(leave_id)]
        extends = self.leave.get(leave.extension_of) if leave.extension_of else None
        write_leave_pdf(path, leave, person, self.project.get(), names,
                        self.leave.used_days(leave), extends)
        return path

    def change_pdf(self, change_id: int, kind: str, path: Path) -> Path:
        """One of the three change forms: ``notice`` (staff change notice), ``application``
        (staff replacement request) or ``handover`` (handover confirmation)."""
        from app.documents.change_forms import write_change_pdf

        if kind not in DOCUMENT_KINDS:
            raise ValidationError(strings.CH_E_DOC_KIND.format(
                kind=kind, kinds=", ".join(DOCUMENT_KINDS)), "kind")
        write_change_pdf(path, kind, self.handover.get(change_id), self.project.get())
        return path

    # ---- conduct scores ----------------------------------------------------------------------
    def score_sheet_pdf(self, year: int, month: int, path: Path,
                        now: dt.datetime | None = None) -> Path:
        from app.documents.score_sheet import write_score_pdf

        project = self.project.get()
        write_score_pdf(path, self.scores.month(year, month, now=now), project,
                        project.project_manager)
        return path

    def score_sheet_xlsx(self, year: int, month: int, path: Path,
                         now: dt.datetime | None = None) -> Path:
        from app.documents.score_sheet import write_score_xlsx

        project = self.project.get()
        write_score_xlsx(path, self.scores.month(year, month, now=now), project,
                         project.project_manager)
        return path

    def score_person_pdf(self, year: int, month: int, person_id: int, path: Path,
                         now: dt.datetime | None = None) -> Path:
        from app.documents.score_sheet import write_person_incidents_pdf

        result = self.scores.month(year, month, now=now)
        person = result.person(person_id)
        if person is None:
            raise NotFoundError(strings.SCORE_PERSON_NOT_IN_MONTH.format(
                id=person_id, month=result.key))
        write_person_incidents_pdf(path, result, person, self.project.get())
        return path

    # ---- on-site service log -----------------------------------------------------------------
    def service_record_pdf(self, record_id: int | str, path: Path,
                           now: dt.datetime | None = None) -> Path:
        from app.documents.service_forms import write_record_pdf

        write_record_pdf(path, self.service_log.get(record_id, now), self.project.get())
        return path

    def service_month_pdf(self, year: int, month: int, path: Path,
                          now: dt.datetime | None = None) -> Path:
        from app.documents.service_forms import write_month_pdf

        project = self.project.get()
        write_month_pdf(path, self.service_log.month(year, month, now), project,
                        project.project_manager)
        return path

    def service_reports_pdf(self, year: int, month: int, path: Path,
                            today: dt.date | None = None) -> Path:
        from app.documents.service_forms import write_reports_pdf

        project = self.project.get()
        write_reports_pdf(path, self.service_log.month_reports(year, month, today), project,
                          project.project_manager)
        return path

    def service_reports_xlsx(self, year: int, month: int, path: Path,
                             today: dt.date | None = None) -> Path:
        from app.documents.service_forms import write_reports_xlsx

        project = self.project.get()
        write_reports_xlsx(path, self.service_log.month_reports(year, month, today), project,
                           project.project_manager)
        return path

    def service_month_xlsx(self, year: int, month: int, path: Path,
                           now: dt.datetime | None = None) -> int:
        """The month's service log as a workbook (records, commitment figures); returns the
        records written."""
        from app.documents.excel_service import write_service_month_xlsx

        project = self.project.get()
        return write_service_month_xlsx(path, self.service_log.month(year, month, now),
                                        project, project.project_manager)

    def headoffice_xlsx(self, stats: Statistics, path: Path) -> Path:
        """Issue 19: the head office's statistics across projects and months (from
        ``HeadOfficeService.statistics``) as a formatted workbook."""
        from app.documents.excel_headoffice import write_statistics_xlsx

        return write_statistics_xlsx(stats, path, self.db.clock.now())
