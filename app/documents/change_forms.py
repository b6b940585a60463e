"""The three forms of a personnel change (SPEC C1-C3, P1; RULES-FORMS-TERMS §4):

* the staff change notice (``notice``, StaffChangeNotice): to the client department and the
  supervision firm, at least one month ahead, with a receipt line for each recipient;
* the staff replacement request (``application``, StaffReplacementRequest): 12 working days
  ahead, the original and the proposed person, the attachments ticked from the roster, the
  commitment, the handover plan and the opinion boxes of the three approving parties;
* the handover confirmation (``handover``, HandoverConfirmation): the people, the period,
  the checklist as a table, the on-site assessment and the four signatures.

Everything comes pre-filled from the change; what was recorded in the app (approvals, ticks)
is printed, what is signed on paper is left blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.documents.form_text import cn_date, person_subject, running_head, supervisor
from app.documents.pdf_layout import (
    Block,
    Cell,
    Choices,
    Field,
    FieldGrid,
    Form,
    LinedBox,
    Para,
    Signature,
    Signatures,
    Table,
    build_pdf,
    project_fields,
)
from app.domain import handover as rules
from app.domain.form_numbers import change_number

if TYPE_CHECKING:
    from app.dto.handover import ApprovalDTO, ChangeDTO
    from app.dto.project import ProjectDTO
    from app.dto.roster import PersonDTO

BLANK_ROWS = 2  # empty checklist lines for items added by hand on paper


def _d(day: dt.date | None) -> str:
    return cn_date(day)


def _ticks(options: Sequence[tuple[str, bool]], other: bool = True) -> Choices:
    """Tick boxes with an "other" option to write on."""
    return Choices(list(options), other=other)


def _kind_ticks(kind: str) -> Choices:
    return _ticks([(label, code == kind) for code, label in strings.CH_KIND_LABELS.items()])


def number(change: ChangeDTO) -> str:
    """The change's form number (BG-2026-0001), shared by its three forms."""
    return change_number(change.created_at.date(), change.id)


def _head(what: str, change: ChangeDTO) -> str:
    person = change.leaving or change.joining
    subject = number(change)
    if person is not None:
        subject += "  " + person_subject(person.name, person.employee_no)
    return running_head(what, subject)


def _dept(project: ProjectDTO) -> str:
    return project.client_dept or strings.DEFAULT_CLIENT_DEPT


def _client(project: ProjectDTO) -> str:
    return project.client_label or strings.DEFAULT_CLIENT_LABEL


def _estimate(change: ChangeDTO, step: str) -> str:
    return strings.CH_DOC_ESTIMATE if step in change.deadlines.provisional_steps else ""


def certificates(person: PersonDTO | None) -> str:
    """Certificate titles from the roster attachments."""
    if person is None:
        return ""
    return strings.LIST_SEP.join(a.title or a.original_name for a in person.attachments
                                 if a.kind == "certificate")


def _subject(change: ChangeDTO) -> PersonDTO | None:
    """Whom the notice is about: the leaving person, or the newcomer of a new post."""
    return change.leaving or change.joining


def _leave_day(change: ChangeDTO) -> dt.date | None:
    if change.leaving is None or change.kind == rules.ROLE_CHANGE:
        return None
    return change.handover.end or change.leaving.end_date or change.deadlines.handover_end_latest


# ---- staff change notice ---------------------------------------------------------------------
def _successor(change: ChangeDTO) -> str:
    parts: list[str] = []
    if change.joining is not None and change.kind != rules.ADD:
        parts.append(strings.CH_DOC_SUCCESSOR.format(
            name=change.joining.name, role=change.joining.role,
            start=_d(change.joining.start_date) or strings.CH_DOC_TBD))
    if change.kind == rules.ROLE_CHANGE:
        parts.append(strings.CH_DOC_NEW_ROLE.format(role=change.new_role))
    if change.replacement_plan:
        parts.append(change.replacement_plan)
    return strings.DOC_WORD_SEP.join(parts) or strings.CH_DOC_NO_SUCCESSOR


def notice_form(change: ChangeDTO, project: ProjectDTO) -> Form:
    person = _subject(change)
    dept = project.client_name + _dept(project)
    to = strings.LIST_SEP.join(x for x in (dept, project.supervisor_firm
                                           or strings.DOC_ROLE_SUPERVISOR) if x)
    details = FieldGrid([
        Field(strings.CH_DOC_NO, number(change)),
        Field(strings.CH_DOC_NOTICE_DATE, _d(change.notice_sent_on)),
        Field(strings.ROSTER_COLUMNS["name"], person.name if person else ""),
        Field(strings.ROSTER_COLUMNS["employee_no"], person.employee_no if person else ""),
        Field(strings.ROSTER_COLUMNS["role"], person.role if person else ""),
        Field(strings.ROSTER_COLUMNS["start_date"], _d(person.start_date) if person else ""),
        Field(strings.CH_DOC_PLANNED_LEAVE, _d(_leave_day(change))),
        Field(strings.CH_DOC_CHANGE_DATE, _d(change.change_date)),
    ], columns=2)
    more = FieldGrid([
        Field(strings.CH_DOC_KIND, _kind_ticks(change.kind)),
        Field(strings.CH_DOC_REASON, change.reason),
        Field(strings.CH_DOC_SUCCESSION, _successor(change)),
        Field(strings.CH_DOC_NOTICE_DUE, strings.CH_DOC_NOTICE_DUE_TEXT.format(
            due=_d(change.deadlines.notice_due), change=_d(change.change_date))),
    ], columns=1)
    return Form(
        title=strings.CH_DOC_NOTICE_TITLE, fields=project_fields(project),
        body=[
            Para(strings.CH_DOC_TO.format(to=to or strings.CH_DOC_TO_DEFAULT.format(
                dept=_dept(project))), "heading"),
            Para(strings.CH_DOC_NOTICE_INTRO.format(dept=_dept(project)), "body"),
            details, more,
            Para(strings.CH_DOC_NOTICE_END, "body"),
            Signatures([Signature(strings.DOC_ROLE_CONTRACTOR, project.contractor, seal=True),
                        Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager)]),
            Para(strings.CH_DOC_RECEIPT, "heading"),
            Signatures([Signature(strings.CH_DOC_RECEIVED_BY.format(party=dept or _dept(project))),
                        Signature(strings.CH_DOC_RECEIVED_BY.format(
                            party=supervisor(project)))]),
        ],
        status=change.state_label,
        running_head=_head(strings.CH_DOC_NOTICE_TITLE, change),
        extra={"subject": strings.CH_DOC_NOTICE_TITLE,
               "keywords": person.employee_no if person else ""},
    )


# ---- staff replacement request ---------------------------------------------------------------
def _original(change: ChangeDTO) -> FieldGrid:
    p = change.leaving
    return FieldGrid([
        Field(strings.ROSTER_COLUMNS["name"], p.name if p else ""),
        Field(strings.ROSTER_COLUMNS["employee_no"], p.employee_no if p else ""),
        Field(strings.ROSTER_COLUMNS["role"], p.role if p else ""),
        Field(strings.ROSTER_COLUMNS["start_date"], _d(p.start_date) if p else ""),
        Field(strings.CH_DOC_CERTIFICATES, certificates(p)),
        Field(strings.CH_DOC_PLANNED_LEAVE, _d(_leave_day(change))),
    ], columns=2)


def _proposed(change: ChangeDTO) -> FieldGrid:
    p = change.joining
    return FieldGrid([
        Field(strings.ROSTER_COLUMNS["name"], p.name if p else ""),
        Field(strings.CH_DOC_GENDER, change.joining_gender),
        Field(strings.CH_DOC_EDUCATION, change.joining_education),
        Field(strings.CH_DOC_YEARS, change.joining_years),
        Field(strings.ROSTER_COLUMNS["role"], p.role if p else ""),
        Field(strings.ROSTER_COLUMNS["phone"], p.phone if p else ""),
        Field(strings.CH_DOC_CERT_NAMES, change.joining_certificates or certificates(p)),
        Field(strings.CH_DOC_ARRIVAL, _d(p.start_date) if p else ""),
    ], columns=2)


def attachment_ticks(person: PersonDTO | None) -> Choices:
    """Certificate copies / resume / confidentiality agreement, ticked from the roster (its
    files and the NDA flag)."""
    kinds = {a.kind for a in person.attachments} if person else set()
    nda = bool(person and person.nda_signed)
    return _ticks([(strings.CH_DOC_ATT_CERT, "certificate" in kinds),
                   (strings.CH_DOC_ATT_RESUME, "resume" in kinds),
                   (strings.CH_DOC_ATT_NDA, nda)])


def _handover_plan(change: ChangeDTO) -> str:
    h = change.handover
    if h.start is None:
        return strings.CH_DOC_PLAN_BLANK
    text = strings.CH_DOC_PLAN.format(start=_d(h.start),
                                      end=_d(h.end or change.deadlines.handover_end_latest),
                                      n=change.handover_days or 0)
    if (change.handover_days or 0) < rules.HANDOVER_WORKING_DAYS:
        text += strings.CH_DOC_PLAN_SHORT
    return text


def _deadline_lines(change: ChangeDTO) -> list[Field]:
    d = change.deadlines
    out = [Field(strings.CH_DOC_APPLICATION_DUE, strings.CH_DOC_APPLICATION_DUE_TEXT.format(
        due=_d(d.application_due), change=_d(d.change_date),
        mark=_estimate(change, rules.APPLICATION)))]
    if change.kind == rules.CLIENT_DEMANDED and d.replacement_due is not None:
        out.append(Field(strings.CH_DOC_DEMAND, strings.CH_DOC_DEMAND_TEXT.format(
            demand=_d(change.demand_date), due=_d(d.replacement_due),
            mark=_estimate(change, rules.REPLACEMENT))))
        out.append(Field(strings.CH_DOC_PROBATION, strings.CH_DOC_PROBATION_TEXT.format(
            end=_d(change.handover.probation_end) or strings.CH_DOC_TBD)))
    return out


def _approval_text(a: ApprovalDTO) -> str:
    if not a.approver:
        return ""
    return strings.CH_DOC_APPROVED_TEXT.format(opinion=a.opinion or strings.CH_DOC_AGREED,
                                               name=a.approver, on=_d(a.approved_on))


def application_form(change: ChangeDTO, project: ProjectDTO) -> Form:
    dept, client = _dept(project), _client(project)
    reasons = [(label, code == change.reason_kind)
               for code, label in strings.CH_REASON_KIND_LABELS.items()]
    head = FieldGrid([
        Field(strings.CH_DOC_NO, number(change)),
        Field(strings.CH_DOC_APPLICATION_DATE, _d(change.application_submitted_on)),
        Field(strings.CH_DOC_CHANGE_KIND, change.kind_label),
        Field(strings.CH_DOC_EFFECTIVE, _d(change.change_date)),
    ], columns=2)
    facts = FieldGrid([
        Field(strings.CH_DOC_ATTACHMENTS, attachment_ticks(change.joining)),
        Field(strings.CH_DOC_REASON_KIND, _ticks(reasons)),
        Field(strings.CH_DOC_REASON_DETAIL, change.reason),
        Field(strings.CH_DOC_HANDOVER_PLAN, _handover_plan(change)),
        *_deadline_lines(change),
    ], columns=1)
    sign = strings.DOC_SIGN_LABEL
    return Form(
        title=strings.CH_DOC_APPLICATION_TITLE, fields=project_fields(project),
        body=[
            head,
            Para(strings.CH_DOC_ORIGINAL, "heading"), _original(change),
            Para(strings.CH_DOC_PROPOSED, "heading"), _proposed(change),
            facts,
            Para(strings.CH_DOC_PROMISE.format(dept=dept, n=rules.HANDOVER_WORKING_DAYS),
                 "note"),
            Signatures([Signature(strings.DOC_ROLE_CONTRACTOR, project.contractor, seal=True),
                        Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager)]),
            LinedBox(strings.CH_DOC_OPINION.format(party=dept), 1, signature=sign,
                     text=_approval_text(change.client)),
            LinedBox(strings.CH_DOC_OPINION.format(party=supervisor(project)), 1,
                     signature=sign, text=_approval_text(change.supervisor)),
            LinedBox(strings.CH_DOC_OPINION.format(party=client), 1, signature=sign),
        ],
        status=change.state_label,
        running_head=_head(strings.CH_DOC_APPLICATION_TITLE, change),
        extra={"subject": strings.CH_DOC_APPLICATION_TITLE,
               "keywords": change.joining.employee_no if change.joining else ""},
    )


# ---- handover confirmation -------------------------------------------------------------------
def checklist_rows(change: ChangeDTO) -> list[list[Cell]]:
    """No. | item | quantity/detail | done (tick) | remark; the done date goes into the remark."""
    rows: list[list[Cell]] = []
    for n, item in enumerate(change.items, start=1):
        remark = strings.DOC_WORD_SEP.join(
            x for x in ((strings.CH_DOC_DONE_ON.format(day=_d(item.done_on))
                         if item.done and item.done_on else ""), item.note) if x)
        rows.append([n, item.title, item.detail, strings.CH_DOC_CHECK if item.done else "",
                     remark])
    rows += [[len(change.items) + i, "", "", "", ""] for i in range(1, BLANK_ROWS + 1)]
    return rows


def _period(change: ChangeDTO) -> str:
    h = change.handover
    if h.start is None:
        return strings.CH_DOC_PERIOD_BLANK
    return strings.CH_DOC_PERIOD.format(start=_d(h.start), end=_d(
        h.end or change.deadlines.handover_end_latest), n=change.handover_days or 0)


def handover_form(change: ChangeDTO, project: ProjectDTO) -> Form:
    h = change.handover
    people = FieldGrid([
        Field(strings.CH_DOC_NO, number(change)),
        Field(strings.CH_DOC_EFFECTIVE, _d(change.change_date)),
        Field(strings.CH_DOC_HANDED_BY, h.handed_by),
        Field(strings.CH_DOC_RECEIVED_BY_FIELD, h.received_by),
        Field(strings.CH_DOC_WITNESSED_BY, h.witnessed_by),
        Field(strings.CH_DOC_CHANGE_KIND, change.kind_label),
        Field(strings.CH_DOC_PERIOD_LABEL, _period(change)),
    ], columns=2)
    assessment = h.assessment_result
    if assessment and h.assessment_on:
        assessment = strings.CH_DOC_ASSESSED.format(text=assessment, on=_d(h.assessment_on))
    body: list[Block] = [
        people,
        Table(header=[list(strings.CH_DOC_CHECKLIST_HEADERS)], rows=checklist_rows(change),
              widths=[7, 50, 34, 12, 37], align="CLLCL", wrap=(1, 2, 4), font_size=9,
              caption=strings.CH_DOC_CHECKLIST_CAPTION),
        LinedBox(strings.CH_DOC_ASSESSMENT, 2, text=assessment),
    ]
    if change.kind == rules.CLIENT_DEMANDED:
        body.append(Para(strings.CH_DOC_PROBATION_TEXT.format(
            end=_d(h.probation_end) or strings.CH_DOC_TBD), "note"))
    if change.finish_override:
        body.append(Para(strings.CH_DOC_OVERRIDE.format(text=change.finish_override), "note"))
    body.append(Para(strings.CH_DOC_HANDOVER_STATEMENT, "note"))
    return Form(
        title=strings.CH_DOC_HANDOVER_TITLE, fields=project_fields(project),
        body=body,
        signatures=[Signature(strings.CH_DOC_HANDED_BY, h.handed_by),
                    Signature(strings.CH_DOC_RECEIVED_BY_FIELD, h.received_by),
                    Signature(strings.CH_DOC_WITNESSED_BY, h.witnessed_by),
                    Signature(strings.CH_DOC_CLIENT_CONFIRM.format(client=_client(project)))],
        signature_columns=2,
        status=change.state_label,
        running_head=_head(strings.CH_DOC_HANDOVER_TITLE, change),
        extra={"subject": strings.CH_DOC_HANDOVER_TITLE,
               "keywords": change.leaving.employee_no if change.leaving else ""},
    )


FORMS = {"notice": notice_form, "application": application_form, "handover": handover_form}


def change_form(kind: str, change: ChangeDTO, project: ProjectDTO) -> Form:
    """The form as data (exposed for previews and tests)."""
    return FORMS[kind](change, project)


def write_change_pdf(path: Path, kind: str, change: ChangeDTO, project: ProjectDTO) -> None:
    build_pdf(path, change_form(kind, change, project))
