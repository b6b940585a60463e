"""The absence explanation form (SPEC A5, P1; RULES-FORMS-TERMS §4).

Due when a month has more than the allowed absences or lateness (the month summary's
``needs_absence_explanation``). Pre-filled from the person's month: who, which month, one
line per irregular session (date, type, duration), the totals; the person writes the reason
and the corrective measures by hand, the project manager and the client add their opinions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.documents.form_text import (
    client_dept,
    cn_date,
    person_subject,
    running_head,
    supervisor,
)
from app.documents.pdf_layout import (
    Cell,
    Field,
    FieldGrid,
    Form,
    LinedBox,
    Para,
    Table,
    build_pdf,
    project_fields,
)
from app.domain.attendance import ABSENT, AM, PM, DayResult, SessionResult

if TYPE_CHECKING:
    from app.dto.attendance import PersonMonth
    from app.dto.project import ProjectDTO


def _absent_note(s: SessionResult) -> str:
    return strings.ABSENT_REASON_LABELS.get(s.absent_reason or "", "")


def day_lines(d: DayResult) -> list[tuple[str, str, str, str]]:
    """(session, type, duration, note) for each irregularity of one day, in the order a
    reader expects: absences (a whole-day absence is one line), late, early, missing."""
    if not d.required:
        return []
    lines: list[tuple[str, str, str, str]] = []
    sessions = {AM: d.am, PM: d.pm}
    absent = [k for k, s in sessions.items() if s.verdict == ABSENT]
    if len(absent) == 2 and _absent_note(d.am) == _absent_note(d.pm):
        lines.append((strings.SESSION_LABELS["day"], strings.VERDICT_LABELS[ABSENT],
                      strings.DOC_WHOLE_DAY, _absent_note(d.am)))
    else:
        lines += [(strings.SESSION_LABELS[k], strings.VERDICT_LABELS[ABSENT],
                   strings.DOC_HALF_DAY, _absent_note(sessions[k])) for k in absent]
    for k, s in sessions.items():
        label = strings.SESSION_LABELS[k]
        if s.late_minutes:
            note = strings.DOC_SEVERE if s.severe_late else ""
            lines.append((label, strings.VERDICT_LABELS["late"],
                          strings.DOC_MINUTES.format(n=s.late_minutes), note))
        if s.early_minutes:
            note = strings.DOC_SEVERE if s.severe_early else ""
            lines.append((label, strings.VERDICT_LABELS["early_leave"],
                          strings.DOC_MINUTES.format(n=s.early_minutes), note))
        if s.missing_in:
            lines.append((label, strings.VERDICT_LABELS["missing_punch"], "",
                          strings.WHY_MISSING_IN))
        if s.missing_out:
            lines.append((label, strings.VERDICT_LABELS["missing_punch"], "",
                          strings.WHY_MISSING_OUT))
    return lines


def detail_rows(person: PersonMonth) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for d in person.summary.days:
        for session, kind, duration, note in day_lines(d):
            rows.append([len(rows) + 1, cn_date(d.day),
                         strings.WEEKDAYS_SHORT[d.day.weekday()], session, kind, duration,
                         note])
    return rows


def totals_row(person: PersonMonth) -> list[Cell]:
    s = person.summary
    return [s.late_count, s.late_minutes, s.early_count, s.early_minutes, s.missing_punches,
            strings.DOC_ABSENT_TOTAL.format(days=f"{s.absent_days:g}",
                                            n=round(s.absent_days * 2)),
            s.absence_count, s.late_minutes + s.early_minutes]


def month_of(person: PersonMonth) -> tuple[int, int] | None:
    days = person.summary.days
    return (days[0].day.year, days[0].day.month) if days else None


def absence_form(person: PersonMonth, project: ProjectDTO, month_label: str = "",
                 filled_on: dt.date | None = None) -> Form:
    """The form as a :class:`Form` (exposed for previews and tests)."""
    ym = month_of(person)
    if not month_label and ym:
        month_label = strings.MONTH_TITLE.format(year=ym[0], month=ym[1])
    who = FieldGrid([
        Field(strings.ROSTER_COLUMNS["name"], person.name),
        Field(strings.ROSTER_COLUMNS["employee_no"], person.employee_no),
        Field(strings.ROSTER_COLUMNS["role"], person.role),
        Field(strings.DOC_MONTH_LABEL, month_label),
        Field(strings.DOC_PROJECT_LABEL, project.name),
        Field(strings.DOC_FILLED_ON, cn_date(filled_on)),
    ], columns=2)
    return Form(
        title=strings.ABSENCE_FORM_TITLE, fields=project_fields(project),
        body=[
            who,
            Para(strings.ABSENCE_FORM_INTRO.format(name=person.name, month=month_label),
                 "note"),
            Table(header=[list(strings.ABSENCE_DETAIL_HEADERS)], rows=detail_rows(person),
                  widths=[8, 22, 10, 12, 14, 18, 40], align="CCCCCCL", wrap=(6,),
                  font_size=9, caption=strings.ABSENCE_DETAIL_CAPTION,
                  empty_text=strings.DOC_EMPTY),
            Table(header=[list(strings.ABSENCE_TOTAL_HEADERS)], rows=[totals_row(person)],
                  widths=[10, 12, 10, 12, 10, 17, 12, 14], font_size=9,
                  header_font_size=8, caption=strings.ABSENCE_TOTAL_CAPTION),
            LinedBox(strings.ABSENCE_REASON_BOX, lines=3),
            LinedBox(strings.ABSENCE_MEASURES_BOX, lines=2,
                     signature=strings.DOC_ROLE_SELF_SIGN),
            LinedBox(strings.ABSENCE_PM_OPINION, lines=1, signature=strings.DOC_SIGN_LABEL),
            # the regulation: the client department and the supervision firm verify
            LinedBox(strings.ABSENCE_VERIFY_OPINION.format(party=client_dept(project)),
                     lines=1, signature=strings.DOC_SIGN_LABEL),
            LinedBox(strings.ABSENCE_VERIFY_OPINION.format(party=supervisor(project)),
                     lines=1, signature=strings.DOC_SIGN_LABEL),
        ],
        running_head=running_head(strings.ABSENCE_FORM_TITLE, person_subject(
            person.name, person.employee_no, month_label)),
        extra={"subject": strings.ABSENCE_FORM_TITLE, "keywords": person.employee_no},
    )


def write_absence_explanation_pdf(path: Path, person: PersonMonth, project: ProjectDTO,
                                  month_label: str = "",
                                  filled_on: dt.date | None = None) -> None:
    """The pre-filled absence explanation for one person's month (the person's ``PersonMonth`` from
    ``AttendanceService.month``; its DayResults give the detail lines)."""
    build_pdf(path, absence_form(person, project, month_label, filled_on))
