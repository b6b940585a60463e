"""The raw punch record of one person for one month (SPEC A3, P1).

The client's department and the supervision company may ask at any time to see the raw
records behind a monthly sheet. This document lists every punch exactly as stored (time,
device, device user id, verify mode, the import batch it came from), marks punches of
reverted batches (kept, but not counted), and shows punch corrections and manual absence
entries in tables of their own, with reason, approver, who entered them and when, and
whether they were revoked: evidence and adjustments are never mixed.

Input is what ``AttendanceService.day_detail`` returns, one ``DayDetail`` per day of the
month (days may be left out: only the days given are listed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.documents.form_text import (
    client_dept,
    cn_date,
    cn_datetime,
    person_subject,
    running_head,
    supervisor,
)
from app.documents.operators import operator_name
from app.documents.pdf_layout import (
    Cell,
    Field,
    FieldGrid,
    Form,
    Para,
    Signature,
    Table,
    build_pdf,
    project_fields,
)
from app.domain.attendance import ABSENT, LEAVE, MISSING_PUNCH, SessionResult

if TYPE_CHECKING:
    from app.dto.attendance import CorrectionDTO, DayDetail, ManualAbsenceDTO
    from app.dto.project import ProjectDTO


def _date(d: dt.date) -> str:
    return cn_date(d)


def _weekday(d: dt.date) -> str:
    return strings.WEEKDAYS_SHORT[d.weekday()]


def _stamp(at: dt.datetime | None) -> str:
    return cn_datetime(at)


def _clock(minutes: int, corrected: bool = False) -> str:
    text = f"{minutes % 1440 // 60:02d}:{minutes % 60:02d}"
    if minutes >= 1440:
        text = strings.DOC_NEXT_DAY.format(time=text)
    return text + (strings.DOC_CORRECTED_MARK if corrected else "")


def _punch_minutes(d: DayDetail, at: dt.datetime) -> int:
    return (at.date() - d.day).days * 1440 + at.hour * 60 + at.minute


def sign_in_out(d: DayDetail) -> tuple[str, str]:
    """The day's sign-in (first in) and sign-out (last out) as the attendance counts them (a
    corrected time is marked); on a day off, the first and last valid punch."""
    am, pm = d.result.am, d.result.pm
    if am.sign_in is not None:
        first = _clock(am.sign_in, am.corrected_in)
    elif pm.sign_in is not None:
        first = _clock(pm.sign_in, pm.corrected_in)
    else:
        first = ""
    if pm.sign_out is not None:
        last = _clock(pm.sign_out, pm.corrected_out)
    elif am.sign_out is not None:
        last = _clock(am.sign_out, am.corrected_out)
    else:
        last = ""
    valid = sorted(p.at for p in d.punches if not p.reverted)
    if not d.result.required and not first and valid:
        first = _clock(_punch_minutes(d, valid[0]))
        last = _clock(_punch_minutes(d, valid[-1])) if len(valid) > 1 else ""
    return first, last


def session_text(s: SessionResult) -> str:
    """One session's verdict in words: "late 45 min", "missing punch", "absent" ..."""
    if s.verdict == LEAVE:
        return strings.LEAVE_TYPE_LABELS.get(s.leave_type or "", strings.VERDICT_LABELS[LEAVE])
    parts = []
    if s.late_minutes:
        parts.append(strings.DOC_LATE_MINUTES.format(n=s.late_minutes))
    if s.early_minutes:
        parts.append(strings.DOC_EARLY_MINUTES.format(n=s.early_minutes))
    if s.verdict == MISSING_PUNCH:
        parts.append(strings.VERDICT_LABELS[MISSING_PUNCH])
    if s.verdict == ABSENT and s.absent_reason and s.absent_reason != "no_punch":
        parts.append(strings.VERDICT_LABELS[ABSENT] + strings.DOC_PAREN.format(
            text=strings.ABSENT_REASON_LABELS.get(s.absent_reason, s.absent_reason)))
    text = strings.DOC_WORD_SEP.join(parts) or strings.VERDICT_LABELS.get(s.verdict, s.verdict)
    if s.corrected_in or s.corrected_out:
        text += strings.DOC_PAREN.format(text=strings.DOC_CORRECTED)
    return text


def day_result_text(d: DayDetail) -> str:
    """The day's verdict: per session when the two differ (rest days: the day kind)."""
    if not d.result.required:
        return strings.HOLIDAY_KIND_LABELS.get(d.day_kind, d.day_kind) if d.punches else ""
    am, pm = session_text(d.result.am), session_text(d.result.pm)
    if am == pm:
        return am
    return strings.DOC_SESSIONS_RESULT.format(am=am, pm=pm)


def _verify(mode: int | None) -> str:
    if mode is None:
        return ""
    return strings.DOC_VERIFY_MODES.get(mode, str(mode))


def punch_rows(details: Sequence[DayDetail]) -> tuple[list[list[Cell]], list[int]]:
    """Rows of the raw punch table and the indices of the muted (reverted) rows."""
    rows: list[list[Cell]] = []
    muted: list[int] = []
    for d in sorted(details, key=lambda x: x.day):
        result = day_result_text(d)
        first, last = sign_in_out(d)
        if not d.punches:
            if d.result.required:
                rows.append([_date(d.day), _weekday(d.day), first, last, "", "", "", "", "",
                             strings.DOC_NO_PUNCH, result])
            continue
        for k, p in enumerate(d.punches):
            time = p.at.strftime("%H:%M:%S")
            if p.at.date() != d.day:
                time = strings.DOC_NEXT_DAY.format(time=time)
            note = strings.DETAIL_PUNCH_REVERTED if p.reverted else ""
            if p.reverted:
                muted.append(len(rows))
            rows.append([_date(d.day), _weekday(d.day) if k == 0 else "",
                         first if k == 0 else "", last if k == 0 else "", time,
                         p.device_user_id, p.device, _verify(p.verify_mode),
                         strings.DOC_BATCH.format(id=p.batch_id, source=p.batch_source),
                         note, result if k == 0 else ""])
    return rows, muted


def _revoked(at: dt.datetime | None, reason: str | None) -> str:
    if at is None:
        return strings.DOC_VALID
    return strings.DOC_REVOKED.format(at=_stamp(at), reason=reason or "")


def correction_rows(items: Sequence[CorrectionDTO], manager: str = ""
                    ) -> tuple[list[list[Cell]], list[int]]:
    rows: list[list[Cell]] = []
    muted: list[int] = []
    for i, c in enumerate(sorted(items, key=lambda x: (x.day, x.id))):
        if c.revoked_at is not None:
            muted.append(i)
        rows.append([_date(c.day), strings.SESSION_LABELS.get(c.session, c.session),
                     strings.SLOT_LABELS.get(c.slot, c.slot), c.at.strftime("%H:%M"),
                     c.reason, c.approver, operator_name(c.created_by, manager),
                     _stamp(c.created_at),
                     _revoked(c.revoked_at, c.revoke_reason)])
    return rows, muted


def manual_rows(items: Sequence[ManualAbsenceDTO], manager: str = ""
                ) -> tuple[list[list[Cell]], list[int]]:
    rows: list[list[Cell]] = []
    muted: list[int] = []
    for i, m in enumerate(sorted(items, key=lambda x: (x.day, x.id))):
        if m.revoked_at is not None:
            muted.append(i)
        rows.append([_date(m.day), strings.SESSION_LABELS.get(m.session, m.session),
                     strings.ABSENT_REASON_LABELS.get(m.kind, m.kind), m.note,
                     operator_name(m.created_by, manager),
                     _stamp(m.created_at), _revoked(m.revoked_at, m.revoke_reason)])
    return rows, muted


def punch_record_form(person_name: str, employee_no: str, month_label: str,
                      details: Sequence[DayDetail], project: ProjectDTO,
                      device_user_id: str = "", prepared_by: str = "") -> Form:
    """The record as a :class:`Form` (exposed for previews and tests)."""
    if not device_user_id:
        device_user_id = next((p.device_user_id for d in details for p in d.punches), "")
    punches, punch_muted = punch_rows(details)
    count = sum(len(d.punches) for d in details)
    reverted = sum(1 for d in details for p in d.punches if p.reverted)
    corrections, corr_muted = correction_rows([c for d in details for c in d.corrections],
                                             project.project_manager)
    manual, manual_muted = manual_rows([m for d in details for m in d.manual],
                                         project.project_manager)
    person = FieldGrid([Field(strings.ROSTER_COLUMNS["name"], person_name),
                        Field(strings.ROSTER_COLUMNS["employee_no"], employee_no),
                        Field(strings.ROSTER_COLUMNS["device_user_id"], device_user_id),
                        Field(strings.DOC_MONTH_LABEL, month_label)], columns=4)
    return Form(
        title=strings.PUNCH_RECORD_TITLE, subtitle=strings.PUNCH_RECORD_SUBTITLE.format(
            name=person_name, no=employee_no, month=month_label),
        fields=project_fields(project),
        body=[
            person,
            Para(strings.PUNCH_RECORD_NOTE, "small"),
            Table(header=[list(strings.PUNCH_RECORD_HEADERS)], rows=punches,
                  widths=[19, 6, 11, 12, 13, 9, 17, 9, 18, 17, 34], align="CCCCCCCCLLL",
                  wrap=(8, 9, 10), font_size=8, muted=punch_muted, shrink_min=6.5,
                  caption=strings.PUNCH_RECORD_CAPTION.format(n=count, reverted=reverted),
                  empty_text=strings.DOC_EMPTY),
            Table(header=[list(strings.DOC_CORRECTION_HEADERS)], rows=corrections,
                  widths=[19, 8, 8, 11, 34, 13, 13, 25, 24], align="CCCCLCCCL",
                  wrap=(4, 8), font_size=8, muted=corr_muted,
                  caption=strings.DOC_CORRECTION_CAPTION.format(n=len(corrections)),
                  empty_text=strings.DOC_EMPTY),
            Table(header=[list(strings.DOC_MANUAL_HEADERS)], rows=manual,
                  widths=[19, 8, 20, 36, 13, 25, 34], align="CCCLCCL", wrap=(3, 6),
                  font_size=8, muted=manual_muted,
                  caption=strings.DOC_MANUAL_CAPTION.format(n=len(manual)),
                  empty_text=strings.DOC_EMPTY),
        ],
        signatures=[Signature(strings.DOC_ROLE_PREPARED_BY, prepared_by),
                    Signature(strings.DOC_ROLE_PERSON_CONFIRM, person_name),
                    Signature(strings.DOC_ROLE_CHECKED_BY.format(party=client_dept(project))),
                    Signature(strings.DOC_ROLE_CHECKED_BY.format(party=supervisor(project)),
                              seal=True)],
        signature_columns=2, author=prepared_by,
        running_head=running_head(strings.PUNCH_RECORD_TITLE, person_subject(
            person_name, employee_no, month_label)),
        extra={"subject": strings.PUNCH_RECORD_TITLE, "keywords": employee_no},
    )


def write_punch_record_pdf(path: Path, person_name: str, employee_no: str, month_label: str,
                           details: Sequence[DayDetail], project: ProjectDTO,
                           device_user_id: str = "", prepared_by: str = "") -> None:
    """Every raw punch of one person in one month, then corrections and manual entries."""
    build_pdf(path, punch_record_form(person_name, employee_no, month_label, details,
                                      project, device_user_id, prepared_by))
