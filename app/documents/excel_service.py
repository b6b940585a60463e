"""The month's service log as an Excel workbook for the accountants and the client (SPEC V2,
P2).

* the records sheet: one row per record listed in the month (carried-over first, as in PDF):
  number, type, source, reporter and department, the four times as date-time cells, the
  response and resolution minutes as numbers with whether each was within the target, the
  state at the month's end exactly as the monthly PDF computes it (a record still open then
  is open here, even when it was resolved later: never both resolved and open), staff.
* the summary sheet: the commitment figures as numbers (target, decided, met, missed, rate,
  median, worst, undecided), counts by type, the totals and the other commitments; the
  signature lines of the monthly report.

Input is the ``ServiceMonthDTO`` exactly as ``ServiceLogService.month`` returns it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.documents.excel_common import (
    Styles,
    fit_row_heights,
    header_row,
    landscape_fit_to_width,
    print_titles_and_header_footer,
    put,
    save_workbook,
    signature_lines,
    title_block,
)
from app.documents.service_forms import _result_at_month_end, month_signatures
from app.domain.service_log import MET, MISSED, NOT_MEASURED, TYPES, month_bounds
from app.dto.service_log_text import commitment_lines

if TYPE_CHECKING:
    from app.domain.service_log import Stat
    from app.dto.project import ProjectDTO
    from app.dto.service_log import ServiceMonthDTO, ServiceRecordDTO

RECORD_WIDTHS = (4, 14, 8, 5, 8, 10, 15, 15, 15, 15, 7, 5, 7, 5, 16, 5, 12, 26, 26, 10, 4, 8)
WRAP_COLUMNS = (15, 17, 18, 19, 20)
SUMMARY_WIDTHS = (22, 10, 8, 8, 8, 9, 9, 9, 8)
PERCENT_FORMAT = '0.0"%"'


def month_end_state(r: ServiceRecordDTO, open_ids: frozenset[int]) -> str:
    """The result as it stood at the month's end, in the monthly PDF's own words (the same
    function): a record open then is not "resolved" here, even when it was resolved later."""
    return _result_at_month_end(r, open_ids)


def within_text(verdict: str) -> str:
    if verdict == MET:
        return strings.XL_WITHIN
    if verdict == MISSED:
        return strings.XL_NOT_WITHIN
    if verdict == NOT_MEASURED:
        return strings.XL_NOT_MEASURED
    return strings.XL_UNDECIDED


def record_row(n: int, r: ServiceRecordDTO, open_ids: frozenset[int]) -> list[Any]:
    m = r.measure
    return [n, r.number, strings.SV_TYPE_LABELS.get(r.service_type, r.service_type),
            strings.SV_SOURCE_LABELS.get(r.source, r.source), r.reporter, r.reporter_dept,
            r.reported_at, r.responded_at, r.arrived_at, r.resolved_at,
            m.response_minutes if m.response_minutes is not None else "",
            within_text(m.response),
            m.resolution_minutes if m.resolution_minutes is not None else "",
            within_text(m.resolution), month_end_state(r, open_ids),
            strings.YES if r.carried_over else "", r.location, r.description, r.handling,
            r.staff_names, r.head_count,
            r.client_signed_by if r.client_signed else strings.SV_UNSIGNED]


def _stat_row(label: str, s: Stat) -> list[Any]:
    return [label, s.target, s.decided, s.met, s.missed,
            float(s.percent) if s.percent is not None else "",
            s.median if s.median is not None else "", s.worst if s.worst is not None else "",
            s.undecided]


def _lines(project: ProjectDTO, month: ServiceMonthDTO) -> list[str]:
    start, nxt = month_bounds(month.year, month.month)
    cutoff = min(nxt, month.now)
    return [strings.XL_PROJECT_LINE.format(project=project.name, contract=project.contract_no,
                                           contractor=project.contractor),
            strings.XL_SV_PERIOD_LINE.format(
                first=start.date().isoformat(),
                last=(nxt - dt.timedelta(days=1)).date().isoformat(), n=len(month.records),
                carried=sum(1 for r in month.records if r.carried_over),
                open=len(month.summary.open_ids), at=f"{cutoff:%Y-%m-%d %H:%M}"),
            strings.SV_COMMITMENT_LINE.format(response=month.targets.response_minutes,
                                              resolution=month.targets.resolution_minutes)]


def _setup(ws: Worksheet, title: str, project: ProjectDTO, month_label: str, head: int,
           ncols: int, last: int) -> None:
    ws.freeze_panes = ws.cell(row=head + 1, column=3).coordinate
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.4
    print_titles_and_header_footer(ws, title, project.name, month_label, f"{head}:{head}")
    ws.print_area = f"A1:{get_column_letter(ncols)}{last}"


def write_service_month_xlsx(path: Path, month: ServiceMonthDTO, project: ProjectDTO,
                             prepared_by: str = "") -> int:
    """The workbook; returns the number of record rows."""
    st = Styles()
    title = strings.SV_MONTH_TITLE.format(project=project.name, year=month.year,
                                          month=month.month)
    month_label = strings.XL_MONTH_VALUE.format(year=month.year, month=month.month)
    lines = _lines(project, month)
    open_ids = frozenset(month.summary.open_ids)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.XL_SV_RECORDS_SHEET
    head = title_block(ws, title, lines, len(RECORD_WIDTHS), st, sum(RECORD_WIDTHS))
    header_row(ws, head, strings.XL_SV_HEADERS, RECORD_WIDTHS, st)
    for i, r in enumerate(month.records):
        for j, value in enumerate(record_row(i + 1, r, open_ids), start=1):
            put(ws, head + 1 + i, j, value, st, align=st.wrap if j in WRAP_COLUMNS else None)
    last = head + max(len(month.records), 1)
    fit_row_heights(ws, head + 1, last, RECORD_WIDTHS, WRAP_COLUMNS)
    _setup(ws, title, project, month_label, head, len(RECORD_WIDTHS), last)
    _summary_sheet(wb.create_sheet(strings.XL_SV_SUMMARY_SHEET), month, project, prepared_by,
                   title, lines, st)
    save_workbook(wb, path)
    return len(month.records)


def _table(ws: Worksheet, row: int, headers: tuple[str, ...], rows: list[list[Any]],
           st: Styles, formats: dict[int, str] | None = None) -> int:
    """A small bordered table at ``row`` (header first); returns the row after it."""
    for j, label in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=j, value=label)
        cell.font, cell.fill, cell.border, cell.alignment = st.bold, st.header_fill, \
            st.border, st.center
    for i, values in enumerate(rows, start=1):
        for j, value in enumerate(values, start=1):
            put(ws, row + i, j, value, st, number_format=(formats or {}).get(j))
    return row + len(rows) + 2


def _summary_sheet(ws: Worksheet, month: ServiceMonthDTO, project: ProjectDTO,
                   prepared_by: str, title: str, lines: list[str], st: Styles) -> None:
    ncols = len(SUMMARY_WIDTHS)
    head = title_block(ws, title, lines, ncols, st, sum(SUMMARY_WIDTHS))
    header_row(ws, head, strings.XL_SV_SUMMARY_HEADERS, SUMMARY_WIDTHS, st)
    s = month.summary
    row = head + 1
    for i, values in enumerate((_stat_row(strings.SV_MONTH_ROW_RESPONSE, s.response),
                                _stat_row(strings.SV_MONTH_ROW_RESOLUTION, s.resolution))):
        for j, value in enumerate(values, start=1):
            put(ws, row + i, j, value, st, number_format=PERCENT_FORMAT if j == 6 else None)
    row += 3
    counts = dict(s.by_type)
    row = _table(ws, row, strings.XL_SV_TYPES_HEADERS,
                 [[strings.SV_TYPE_LABELS[t], counts.get(t, 0)] for t in TYPES], st)
    row = _table(ws, row, strings.XL_SV_COUNTS_HEADERS, [
        [strings.XL_SV_COUNT_TOTAL, s.total],
        [strings.XL_SV_COUNT_CARRIED, sum(1 for r in month.records if r.carried_over)],
        [strings.XL_SV_COUNT_OPEN, len(s.open_ids)]], st)
    ws.cell(row=row, column=1, value=strings.XL_SV_COMMITMENTS).font = st.bold
    for line in commitment_lines(month):
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        cell = ws.cell(row=row, column=1, value=line)
        cell.font, cell.alignment = st.text, st.left
    parties = [(p.role, p.name) for p in month_signatures(project, prepared_by)]
    last = signature_lines(ws, row + 2, parties, ncols, st, per_row=2)
    month_label = strings.XL_MONTH_VALUE.format(year=month.year, month=month.month)
    _setup(ws, title, project, month_label, head, ncols, last)
    ws.page_setup.fitToHeight = 1  # the figures and their signatures on one page
