"""Raw punches as an Excel workbook for the accountants and the client (SPEC A3, P2).

Two sheets, one person or everyone of the month:

* the detail sheet: one row per event, in date order per person: every raw punch as
  stored (time cell, device, device user id, verify mode, how the batch came in: USB or
  LAN), every punch correction (the time, reason, approver, who entered it and when,
  revoked or not) and every manual absence entry (the case, note, who and when), and a row
  for a working day without any punch. The punches that made the day's sign-in and
  sign-out are marked.
* the day sheet: one row per person and day: the number of punches, sign-in and sign-out
  (the effective times, corrections included), every punch time in its own cell, the
  result.

Dates are date cells (Chinese long format), times time cells, counts numbers. Input is what
``AttendanceService.day_detail`` returns, for every day of the month and every person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.documents.excel_common import (
    SECONDS_FORMAT,
    TIME_FORMAT,
    Styles,
    header_row,
    landscape_fit_to_width,
    print_titles_and_header_footer,
    put,
    save_workbook,
    signature_lines,
    text_width,
    title_block,
)
from app.documents.form_text import client_dept, supervisor
from app.documents.operators import operator_name
from app.documents.punch_record import day_result_text

if TYPE_CHECKING:
    from app.dto.attendance import DayDetail, PunchDTO
    from app.dto.project import ProjectDTO

PUNCH_WIDTHS = (10, 9, 16, 5, 10, 13, 8, 16, 7, 8, 22, 30, 9, 9, 19, 24)
MIN_PUNCH_COLUMNS = 4
TITLE_LINES = 3  # project, scope, note: the header row comes after them


def _weekday(d: dt.date) -> str:
    return strings.WEEKDAYS_SHORT[d.weekday()]


def _clock(minute: int) -> dt.time:
    """A session's sign time (minutes from the day's midnight, maybe past 24:00)."""
    minute %= 24 * 60
    return dt.time(minute // 60, minute % 60)


def _minute(p: PunchDTO, day: dt.date) -> int:
    return (p.at.date() - day).days * 1440 + p.at.hour * 60 + p.at.minute


def sign_times(d: DayDetail) -> tuple[int | None, int | None]:
    """The day's sign-in and sign-out in minutes: the first session's check-in and the last
    session's check-out as the verdict used them (corrections included); on a day without
    sessions to judge (rest day), the first and last counted punch."""
    am, pm = d.result.am, d.result.pm
    first = am.sign_in if am.sign_in is not None else pm.sign_in
    last = pm.sign_out if pm.sign_out is not None else am.sign_out
    if first is None and last is None:
        counted = [_minute(p, d.day) for p in d.punches if not p.reverted]
        if counted:
            first = counted[0]
            last = counted[-1] if len(counted) > 1 else None
    return first, last


def _corrected(d: DayDetail) -> bool:
    return any(s.corrected_in or s.corrected_out for s in (d.result.am, d.result.pm))


def _source(p: PunchDTO) -> str:
    kind = p.batch_kind or p.batch_source
    return strings.IMP_KIND_LABELS.get(kind, kind)


def _verify(mode: int | None) -> str:
    return "" if mode is None else strings.DOC_VERIFY_MODES.get(mode, str(mode))


def _state(at: dt.datetime | None, reason: str | None) -> str:
    if at is None:
        return strings.DOC_VALID
    return strings.DOC_REVOKED.format(at=f"{at:%Y-%m-%d %H:%M}", reason=reason or "")


def _punch_events(d: DayDetail, manager: str) -> list[tuple[list[Any], bool]]:
    """(row, muted) of one person-day on the detail sheet."""
    head = [d.name, d.employee_no, d.day, _weekday(d.day)]
    result = day_result_text(d)
    first, last = sign_times(d)
    rows: list[tuple[list[Any], bool]] = []
    marked: set[str] = set()
    for p in d.punches:
        minute = _minute(p, d.day)
        mark = ""
        if not p.reverted:
            if minute == first and strings.XL_SIGN_IN not in marked:
                mark = strings.XL_SIGN_IN
            elif minute == last and strings.XL_SIGN_OUT not in marked and first != last:
                mark = strings.XL_SIGN_OUT
            marked.add(mark)
        note = strings.XL_NEXT_DAY if p.at.date() != d.day else ""
        state = strings.XL_REVERTED if p.reverted else strings.DOC_VALID
        rows.append(([*head, p.at.time().replace(microsecond=0), mark, _source(p), p.device,
                      p.device_user_id, _verify(p.verify_mode), result, note, "", "", "",
                      state], p.reverted))
    for c in d.corrections:
        slot = strings.XL_CORRECTION_SLOT.format(
            slot=strings.SLOT_LABELS.get(c.slot, c.slot),
            session=strings.SESSION_LABELS.get(c.session, c.session))
        rows.append(([*head, c.at.time(), slot, strings.XL_SOURCE_CORRECTION, "", "", "",
                      result, c.reason, c.approver, operator_name(c.created_by, manager),
                      c.created_at, _state(c.revoked_at, c.revoke_reason)],
                     c.revoked_at is not None))
    for m in d.manual:
        fields = {"kind": strings.ABSENT_REASON_LABELS.get(m.kind, m.kind),
                  "session": strings.SESSION_LABELS.get(m.session, m.session)}
        what = (strings.XL_MANUAL_WHAT.format(note=m.note, **fields) if m.note
                else strings.XL_MANUAL_WHAT_BARE.format(**fields))
        rows.append(([*head, "", "", strings.XL_SOURCE_MANUAL, "", "", "", result, what, "",
                      operator_name(m.created_by, manager), m.created_at,
                      _state(m.revoked_at, m.revoke_reason)], m.revoked_at is not None))
    if not rows and d.result.required:
        rows.append(([*head, "", "", strings.XL_SOURCE_NONE, "", "", "", result,
                      strings.DOC_NO_PUNCH, "", "", "", ""], False))
    return rows


def _day_row(d: DayDetail, width: int) -> list[Any] | None:
    counted = [p for p in d.punches if not p.reverted]
    if not counted and not d.result.required and not d.corrections:
        return None
    first, last = sign_times(d)
    times: list[Any] = [p.at.time().replace(microsecond=0) for p in counted]
    times += [""] * (width - len(times))
    notes = [strings.XL_DAY_CORRECTED] if _corrected(d) else []
    if last is not None and last >= 1440:
        notes.append(strings.XL_DAY_OUT_NEXT_DAY)
    return [d.name, d.employee_no, d.day, _weekday(d.day), len(counted),
            _clock(first) if first is not None else "",
            _clock(last) if last is not None else "", *times,
            strings.DOC_WORD_SEP.join(notes), day_result_text(d)]


def _body(ws: Worksheet, top: int, rows: Sequence[tuple[list[Any], bool]], st: Styles,
          wrap: Sequence[int] = (), formats: dict[int, str] | None = None) -> int:
    """Body rows from ``top``; returns the last row written (``top - 1`` when none)."""
    wraps, formats = set(wrap), formats or {}
    for i, (values, muted) in enumerate(rows):
        r = top + i
        font = st.muted if muted else st.text
        for j, value in enumerate(values, start=1):
            put(ws, r, j, value, st, font=font, align=st.wrap if j in wraps else None,
                number_format=formats.get(j))
    return top + len(rows) - 1


def _sheet(ws: Worksheet, title: str, scope: str, project: ProjectDTO, month_label: str,
           headers: Sequence[str], widths: Sequence[float], st: Styles) -> int:
    """Title block, header row, page setup; returns the header row."""
    lines = [strings.XL_PROJECT_LINE.format(project=project.name, contract=project.contract_no,
                                            contractor=project.contractor),
             scope, strings.XL_PUNCH_NOTE]
    head = title_block(ws, title, lines, len(headers), st, sum(widths))
    header_row(ws, head, headers, widths, st)
    ws.freeze_panes = ws.cell(row=head + 1, column=3).coordinate
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.4
    print_titles_and_header_footer(ws, title, project.name, month_label, f"{head}:{head}")
    return head


def write_punches_xlsx(path: Path, details: Sequence[DayDetail], project: ProjectDTO,
                       year: int, month: int, prepared_by: str = "",
                       everyone: bool = False) -> int:
    """The workbook of ``details`` (every day of the month of one person, or of everyone
    when ``everyone``); returns the number of rows on the detail sheet."""
    st = Styles()
    ordered = sorted(details, key=lambda d: (d.employee_no, d.day))
    manager = project.project_manager
    month_label = strings.XL_MONTH_VALUE.format(year=year, month=month)
    title = strings.XL_PUNCH_TITLE.format(year=year, month=month)
    people = list(dict.fromkeys((d.employee_no, d.name) for d in ordered))
    counts = {"n": sum(len(d.punches) for d in ordered),
              "reverted": sum(1 for d in ordered for p in d.punches if p.reverted),
              "corrections": sum(len(d.corrections) for d in ordered),
              "manual": sum(len(d.manual) for d in ordered), "month": month_label}
    if everyone or len(people) != 1:
        scope = strings.XL_PUNCH_SCOPE_ALL.format(people=len(people), **counts)
    else:
        scope = strings.XL_PUNCH_SCOPE_ONE.format(no=people[0][0], name=people[0][1],
                                                  **counts)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.XL_PUNCH_SHEET
    name_width = text_width([name for _, name in people], PUNCH_WIDTHS[0], 30)
    widths = (name_width, *PUNCH_WIDTHS[1:])
    head = _sheet(ws, title, scope, project, month_label, strings.XL_PUNCH_HEADERS,
                  widths, st)
    rows = [row for d in ordered for row in _punch_events(d, manager)]
    last = _body(ws, head + 1, rows, st, wrap=(11, 12, 16), formats={5: SECONDS_FORMAT})
    parties = [(strings.DOC_ROLE_PREPARED_BY, prepared_by),
               (strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
               (strings.DOC_ROLE_CHECKED_BY.format(party=client_dept(project)), ""),
               (strings.DOC_ROLE_CHECKED_BY.format(party=supervisor(project)), "")]
    if not everyone and len(people) == 1:
        parties.insert(1, (strings.DOC_ROLE_PERSON_CONFIRM, people[0][1]))
    end = signature_lines(ws, max(last, head) + 2, parties, len(PUNCH_WIDTHS), st,
                          per_row=len(parties))
    ws.print_area = f"A1:{get_column_letter(len(PUNCH_WIDTHS))}{end}"
    _day_sheet(wb.create_sheet(strings.XL_DAY_SHEET), ordered, title, scope, project,
               month_label, st, name_width)
    save_workbook(wb, path)
    return len(rows)


def _day_sheet(ws: Worksheet, ordered: Sequence[DayDetail], title: str, scope: str,
               project: ProjectDTO, month_label: str, st: Styles, name_width: float) -> None:
    width = max([MIN_PUNCH_COLUMNS, *(sum(1 for p in d.punches if not p.reverted)
                                      for d in ordered)])
    headers = [*strings.XL_DAY_HEADERS,
               *(strings.XL_DAY_PUNCH_HEADER.format(n=i) for i in range(1, width + 1)),
               *strings.XL_DAY_TAIL_HEADERS]
    widths = [name_width, 9, 16, 5, 6, 8, 8, *([8] * width), 14, 30]
    head = _sheet(ws, title, scope, project, month_label, headers, widths, st)
    rows = [(row, False) for d in ordered if (row := _day_row(d, width)) is not None]
    seconds = {c: SECONDS_FORMAT for c in range(8, 8 + width)}
    last = _body(ws, head + 1, rows, st, wrap=(len(headers),),
                 formats={6: TIME_FORMAT, 7: TIME_FORMAT, **seconds})
    ws.print_area = f"A1:{get_column_letter(len(headers))}{max(last, head)}"
