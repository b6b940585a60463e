"""The leave request form (SPEC L7, P1; RULES-FORMS-TERMS §4, leave request): every field of the
request, the regulation checks and their result, and the signature lines of the applicant,
the covering colleague, the project manager and the client department."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.documents.form_text import cn_date, cn_datetime, person_subject, running_head
from app.documents.pdf_layout import (
    Choices,
    Field,
    FieldGrid,
    Form,
    LinedBox,
    Para,
    Signature,
    build_pdf,
    project_fields,
)
from app.domain.form_numbers import leave_number
from app.domain.leave import TYPES, days_ahead, required_notice_days

if TYPE_CHECKING:
    from app.dto.leave import LeaveDTO
    from app.dto.project import ProjectDTO
    from app.dto.roster import PersonDTO


def _point(d: dt.date, session: str) -> str:
    return f"{cn_date(d)} {strings.SESSION_LABELS[session]}"


def types_choices(selected: str) -> Choices:
    """Every leave type as a tick box, and "other" with a blank for a kind not listed."""
    known = selected in TYPES
    return Choices([(strings.LEAVE_TYPE_LABELS[code], code == selected) for code in TYPES],
                   other=True,
                   other_text="" if known else strings.LEAVE_TYPE_LABELS.get(selected, selected))


def _stamp(at: dt.datetime | None) -> str:
    return cn_datetime(at)


def _checks(leave: LeaveDTO) -> str:
    # an emergency leave is filed afterwards: no notice applies, the contact stands instead
    violations = [v for v in leave.violations
                  if not (leave.emergency and v == "late_filing")]
    if violations:
        text = strings.LEAVE_FORM_CHECK_BAD.format(items=strings.LIST_COMMA.join(
            strings.LEAVE_VIOLATION_LABELS.get(v, v) for v in violations))
        if leave.override_reason:
            text += "  " + strings.LEAVE_FORM_OVERRIDE.format(text=leave.override_reason)
        return text
    if leave.emergency:
        return strings.LEAVE_FORM_CHECK_EMERGENCY.format(
            days=f"{leave.days:g}", at=_stamp(leave.contacted_at), whom=leave.contacted_whom)
    return strings.LEAVE_FORM_CHECK_OK.format(
        days=f"{leave.days:g}", ahead=days_ahead(leave.filed_at, leave.span.start),
        need=required_notice_days(leave.days))


def _opinion(opinion: str, name: str, at: object) -> str:
    if not name:
        return ""
    stamp = cn_datetime(at) if isinstance(at, dt.datetime) else ""
    return strings.LEAVE_FORM_APPROVED_TEXT.format(opinion=opinion, name=name, at=stamp)


def _period_text(leave: LeaveDTO, actual_days: float | None) -> str:
    start = _point(leave.span.start, leave.span.start_session)
    end = _point(leave.span.end, leave.span.end_session)
    if leave.returned_on is None or actual_days is None or actual_days == leave.days:
        return strings.LEAVE_FORM_PERIOD_TEXT.format(start=start, end=end, days=f"{leave.days:g}")
    return strings.LEAVE_FORM_PERIOD_RETURNED.format(
        start=start, end=end, approved=f"{leave.days:g}", actual=f"{actual_days:g}",
        date=cn_date(leave.returned_on))


def leave_form(leave: LeaveDTO, person: PersonDTO, project: ProjectDTO,
               attachments: list[str] | None = None,
               actual_days: float | None = None, extends: LeaveDTO | None = None) -> Form:
    """The form as data (exposed for previews and tests). ``actual_days``: the days the leave
    really took after an early return (counted as the month sheet counts them); ``extends``:
    the leave an extension extends (its form number is printed)."""
    client = project.client_label or strings.DEFAULT_CLIENT_LABEL
    dept = project.client_dept or strings.DEFAULT_CLIENT_DEPT
    who = FieldGrid([
        Field(strings.LEAVE_FORM_NO, leave_number(leave.filed_at.date(), leave.id)),
        Field(strings.LEAVE_FORM_FILED, cn_datetime(leave.filed_at)),
        Field(strings.ROSTER_COLUMNS["name"], person.name),
        Field(strings.ROSTER_COLUMNS["employee_no"], person.employee_no),
        Field(strings.ROSTER_COLUMNS["role"], person.role),
        Field(strings.ROSTER_COLUMNS["phone"], person.phone),
    ], columns=2)
    details = FieldGrid([
        Field(strings.LEAVE_FORM_TYPES_LABEL, types_choices(leave.leave_type)),
        Field(strings.LEAVE_FORM_PERIOD, _period_text(leave, actual_days)),
        Field(strings.LEAVE_FORM_REASON, leave.reason),
        Field(strings.LEAVE_FORM_DEPUTY, leave.deputy_name),
        Field(strings.LEAVE_FORM_HANDOVER, leave.handover_note),
        Field(strings.LEAVE_FORM_CONTACT, leave.contact),
        Field(strings.LEAVE_FORM_ATTACHMENTS,
              strings.LIST_SEP.join(attachments or []) or strings.LV_NONE),
        Field(strings.LEAVE_FORM_CHECKS, _checks(leave)),
    ], columns=1)
    notes: list[Para] = []
    if leave.emergency:
        notes.append(Para(strings.LEAVE_FORM_EMERGENCY.format(
            at=_stamp(leave.contacted_at), whom=leave.contacted_whom,
            backfiled=strings.LEAVE_FORM_BACKFILED.format(at=_stamp(leave.backfiled_at))
            if leave.backfiled_at else strings.LEAVE_FORM_NOT_BACKFILED), "note"))
    if leave.extension_of:
        original = (leave_number(extends.filed_at.date(), extends.id) if extends is not None
                    else leave_number(leave.filed_at.date(), leave.extension_of))
        notes.append(Para(strings.LEAVE_FORM_EXTENSION.format(number=original), "note"))
    notes.append(Para(strings.LEAVE_FORM_RETURN.format(date=cn_date(leave.returned_on))
                      if leave.returned_on else strings.LEAVE_FORM_RETURN_BLANK, "body"))
    return Form(
        title=strings.LEAVE_FORM_TITLE_EMERGENCY if leave.emergency else strings.LEAVE_FORM_TITLE,
        fields=project_fields(project),
        body=[who, details, *notes,
              LinedBox(strings.LEAVE_FORM_PM_OPINION, lines=2, signature=strings.DOC_SIGN_LABEL,
                       text=_opinion(leave.pm_opinion, leave.pm_approver,
                                     leave.pm_approved_at)),
              LinedBox(strings.LEAVE_FORM_CLIENT_OPINION.format(client=client, dept=dept),
                       lines=2, signature=strings.DOC_SIGN_LABEL,
                       text=_opinion(leave.client_opinion, leave.client_approver,
                                     leave.client_approved_at))],
        signatures=[Signature(strings.LEAVE_FORM_APPLICANT, person.name),
                    Signature(strings.LEAVE_FORM_DEPUTY_SIGN, leave.deputy_name)],
        status=strings.LEAVE_STATE_LABELS.get(leave.state, leave.state),
        running_head=running_head(strings.LEAVE_FORM_TITLE, leave_number(
            leave.filed_at.date(), leave.id) + "  " + person_subject(person.name,
                                                                     person.employee_no)),
        extra={"subject": strings.LEAVE_FORM_TITLE, "keywords": person.employee_no},
    )


def write_leave_pdf(path: Path, leave: LeaveDTO, person: PersonDTO, project: ProjectDTO,
                    attachments: list[str] | None = None,
                    actual_days: float | None = None, extends: LeaveDTO | None = None) -> None:
    build_pdf(path, leave_form(leave, person, project, attachments, actual_days, extends))
