"""Service log printouts (SPEC V1–V3, P1, P2; RULES-FORMS-TERMS §4, service record):

* the service record: every field the contract lists (staff entry/exit,
  service start and end, staff names, head count, place, content, result), the response and
  resolution times against the targets, the user's signature and the client project lead's
  signature with date;
* the monthly service list: the figures against the commitments, counts by type, the list
  (items carried over from earlier months first), the items still open at the month's end,
  and the signatures of the preparer, the project manager, the client project lead and the
  client's IT department;
* the monthly digest of the daily work reports, as PDF (per person per day) and as a
  print-ready Excel sheet.

Writers take the DTOs exactly as ``ServiceLogService`` returns them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.documents.excel_common import (
    DATE_FORMAT,
    FONT_NAME,
    print_titles_and_header_footer,
    save_workbook,
    titled_table,
)
from app.documents.form_text import (
    client,
    client_dept,
    cn_date,
    cn_month_day,
    running_head,
)
from app.documents.pdf_layout import (
    Area,
    Cell,
    Choices,
    Field,
    FieldGrid,
    Form,
    LinedBox,
    Para,
    Shade,
    Signature,
    Table,
    build_pdf,
    project_fields,
)
from app.domain.service_log import (
    MISSED,
    RATINGS,
    RESOLVED,
    SOURCES,
    TYPES,
    Measure,
    month_bounds,
)
from app.dto.service_log_text import (
    commitment_lines,
    elapsed_text,
    fmt_number,
    fmt_percent,
    long_date,
    long_time,
    measure_text,
    minutes_cell,
    reporter_text,
    result_text,
)

if TYPE_CHECKING:
    from app.dto.project import ProjectDTO
    from app.dto.service_log import (
        ReportMonthDTO,
        ServiceMonthDTO,
        ServiceRecordDTO,
    )

CARRIED_FILL = "#FFF6D5"
STAFF_ROW_HEIGHT = 22.0  # room for a handwritten signature in the staff table


def short_time(t: dt.datetime | None) -> str:
    """A time in a monthly list: month and day in Chinese, then HH:MM (the year is in the
    title)."""
    return f"{cn_month_day(t)} {t:%H:%M}" if t else ""


def _choices(selected: str, codes: tuple[str, ...], labels: dict[str, str]) -> Choices:
    return Choices([(labels[c], c == selected) for c in codes])


def staff_table(r: ServiceRecordDTO) -> Table:
    """Who served, when each came and went, and a signature cell for each of them (one
    blank row when nobody is recorded yet)."""
    rows: list[list[Cell]] = [[i, v.name, v.employee_no, v.role, long_time(v.entered_at),
                               long_time(v.exited_at), ""]
                              for i, v in enumerate(r.staff, start=1)]
    return Table(
        header=[[*strings.SV_FORM_STAFF_HEADERS, strings.DOC_STAFF_SIGN]],
        rows=rows or [[1, "", "", "", "", "", ""]],
        widths=[0.9, 1.9, 1.7, 2.8, 3.3, 3.3, 2.6], align="CCCLCCC",
        row_height=STAFF_ROW_HEIGHT, caption=strings.SV_FORM_STAFF_CAPTION)
MISSED_FILL = "#F9DADA"


# ---- the service record ----------------------------------------------------------------------
def _timing(m: Measure) -> list[Field]:
    t = m.targets
    return [Field(strings.SV_FORM_RESPONSE,
                  measure_text(m.response_minutes, m.response, t.response_minutes)),
            Field(strings.SV_FORM_RESOLUTION,
                  measure_text(m.resolution_minutes, m.resolution, t.resolution_minutes))]


def record_form(r: ServiceRecordDTO, project: ProjectDTO) -> Form:
    """The service record as data (exposed for previews and tests)."""
    label = client(project)
    f = strings.SV_FIELD_LABELS
    head = FieldGrid([
        Field(strings.SV_FORM_NUMBER, r.number),
        Field(f["source"], _choices(r.source, SOURCES, strings.SV_SOURCE_LABELS)),
        Field(strings.SV_FORM_REPORTER, reporter_text(r)),
        Field(f["reported_at"], long_time(r.reported_at)),
        Field(f["responded_at"], long_time(r.responded_at)),
        Field(f["arrived_at"], long_time(r.arrived_at)),
        Field(f["resolved_at"], long_time(r.resolved_at)),
        Field(f["location"], r.location),
        Field(strings.SV_FORM_START, long_time(r.service_start)),
        Field(strings.SV_FORM_END, long_time(r.service_end)),
        Field(strings.SV_FORM_STAFF_NAMES, r.staff_names),
        Field(f["head_count"], strings.SV_FORM_HEADCOUNT_VALUE.format(n=r.head_count)),
    ], columns=2)
    kind = FieldGrid([Field(f["service_type"], _choices(r.service_type, TYPES,
                                                        strings.SV_TYPE_LABELS)),
                      *_timing(r.measure)], columns=1)
    staff = staff_table(r)
    reason = (strings.SV_FORM_RESULT_REASON.format(reason=r.pending_reason)
              if r.pending_reason else strings.SV_FORM_RESULT_REASON_BLANK)
    result_line = Choices([(strings.SV_RESULT_LABELS[code]
                            + (reason if code != RESOLVED else ""), r.result == code)
                           for code in strings.SV_RESULT_LABELS])
    outcome = FieldGrid([Field(f["result"], result_line),
                         Field(f["parts_replaced"],
                               r.parts_replaced or strings.SV_FORM_PARTS_NONE),
                         Field(f["user_rating"],
                               _choices(r.user_rating, RATINGS, strings.SV_RATING_LABELS))],
                        columns=1)
    signed = (strings.SV_FORM_SIGNED_STATUS.format(date=long_date(r.client_signed_on),
                                                   name=r.client_signed_by)
              if r.client_signed else strings.SV_FORM_UNSIGNED_STATUS.format(client=label))
    return Form(
        title=strings.SV_RECORD_TITLE, fields=project_fields(project),
        body=[head, kind, staff,
              LinedBox(strings.SV_FORM_DESCRIPTION, lines=2, text=r.description),
              LinedBox(strings.SV_FORM_HANDLING, lines=3, text=r.handling),
              outcome,
              LinedBox(strings.SV_FORM_USER_BOX, lines=1, signature=strings.DOC_SIGN_LABEL)],
        signatures=[Signature(strings.SV_FORM_USER_SIGN, r.reporter),
                    Signature(strings.SV_FORM_CLIENT_CONFIRM.format(client=label),
                              r.client_signed_by or project.client_project_lead)],
        running_head=running_head(strings.SV_RECORD_TITLE, r.number),
        legend=[strings.SV_COMMITMENT_LINE.format(
            response=r.measure.targets.response_minutes,
            resolution=r.measure.targets.resolution_minutes)],
        status=signed,
        extra={"subject": strings.SV_RECORD_TITLE, "keywords": r.number},
    )


def write_record_pdf(path: Path, record: ServiceRecordDTO, project: ProjectDTO) -> None:
    build_pdf(path, record_form(record, project))


# ---- the monthly list ------------------------------------------------------------------------
def month_signatures(project: ProjectDTO, prepared_by: str) -> list[Signature]:
    return [Signature(strings.DOC_ROLE_PREPARED_BY, prepared_by),
            Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
            Signature(strings.DOC_ROLE_CLIENT_LEAD.format(client=client(project)),
                      project.client_project_lead),
            Signature(client_dept(project))]


def _summary_table(month: ServiceMonthDTO) -> Table:
    rows: list[list[Cell]] = []
    for label, s in ((strings.SV_MONTH_ROW_RESPONSE, month.summary.response),
                     (strings.SV_MONTH_ROW_RESOLUTION, month.summary.resolution)):
        rows.append([label, strings.SV_MINUTES.format(n=s.target), s.decided, s.met, s.missed,
                     fmt_percent(s), fmt_number(s.median), fmt_number(s.worst),
                     s.undecided])
    return Table(header=[list(strings.SV_MONTH_SUMMARY_HEADERS)], rows=rows,
                 widths=[3, 2.4, 1.6, 1.6, 1.6, 2, 2.2, 2.2, 1.6],
                 caption=strings.SV_MONTH_SUMMARY_CAPTION)


def _types_table(month: ServiceMonthDTO) -> Table:
    counts = dict(month.summary.by_type)
    header = [strings.SV_TYPE_LABELS[t] for t in TYPES] + [strings.SV_MONTH_TOTAL]
    return Table(header=[header], rows=[[counts.get(t, 0) for t in TYPES]
                                        + [month.summary.total]],
                 widths=[1] * (len(TYPES) + 1), caption=strings.SV_MONTH_TYPES_CAPTION)


def _result_at_month_end(r: ServiceRecordDTO, open_ids: frozenset[int]) -> str:
    """The result as it stood at the month's end: a record still open then (listed under the
    open items) is not "resolved" on this page even when it was resolved afterwards."""
    if r.id in open_ids and r.resolved_at is not None:
        return strings.SV_OPEN_AT_MONTH_END.format(at=long_time(r.resolved_at))
    return result_text(r)


def _list_row(r: ServiceRecordDTO, open_ids: frozenset[int] = frozenset()) -> list[Cell]:
    m = r.measure
    result = _result_at_month_end(r, open_ids) + (
        strings.DOC_PAREN.format(text=strings.SV_CARRIED) if r.carried_over else "")
    return [r.number, strings.SV_TYPE_LABELS.get(r.service_type, r.service_type),
            strings.SV_SOURCE_LABELS.get(r.source, r.source), reporter_text(r),
            short_time(r.reported_at), minutes_cell(m.response_minutes, m.response),
            minutes_cell(m.resolution_minutes, m.resolution), r.staff_names, r.head_count,
            r.location, r.description, result,
            r.client_signed_by if r.client_signed else strings.SV_UNSIGNED]


def _list_table(month: ServiceMonthDTO) -> Table:
    open_ids = frozenset(month.summary.open_ids)
    rows = [_list_row(r, open_ids) for r in month.records]
    shades = []
    for i, r in enumerate(month.records, start=1):  # row 0 is the header
        if r.carried_over:
            shades.append(Shade(Area(0, i, -1, i), CARRIED_FILL))
        for col, verdict in ((5, r.measure.response), (6, r.measure.resolution)):
            if verdict == MISSED:
                shades.append(Shade(Area(col, i, col, i), MISSED_FILL))
    carried = sum(1 for r in month.records if r.carried_over)
    return Table(header=[list(strings.SV_MONTH_LIST_HEADERS)], rows=rows,
                 widths=[3.4, 1.9, 1.2, 3.4, 2.5, 1.3, 1.3, 3.0, 1.1, 2.8, 6.2, 3.6, 1.8],
                 align="CCCLCCCLCLLLC", wrap=(3, 7, 9, 10, 11), shades=shades, font_size=8.0,
                 caption=strings.SV_MONTH_LIST_CAPTION.format(n=len(rows), carried=carried),
                 empty_text=strings.DOC_EMPTY)


def _open_table(month: ServiceMonthDTO) -> Table:
    _, nxt = month_bounds(month.year, month.month)
    cutoff = min(nxt, month.now)
    items = month.open_records
    return Table(header=[list(strings.SV_MONTH_OPEN_HEADERS)],
                 rows=[[r.number, short_time(r.reported_at), reporter_text(r), r.description,
                        r.pending_reason, elapsed_text(r.reported_at, cutoff)]
                       for r in items],
                 widths=[3.4, 2.5, 3.4, 9, 6, 3], align="CCLLLC", wrap=(2, 3, 4),
                 font_size=8.5, caption=strings.SV_MONTH_OPEN_CAPTION.format(
                     n=len(items), at=long_time(cutoff)),
                 empty_text=strings.DOC_EMPTY)


def month_form(month: ServiceMonthDTO, project: ProjectDTO, prepared_by: str = "") -> Form:
    start, nxt = month_bounds(month.year, month.month)
    period = strings.SV_MONTH_PERIOD_VALUE.format(
        first=cn_date(start.date()), last=cn_date((nxt - dt.timedelta(days=1)).date()))
    t = month.targets
    return Form(
        title=strings.SV_MONTH_TITLE.format(project=project.name, year=month.year,
                                            month=month.month),
        landscape=True,
        fields=[*project_fields(project), Field(strings.SV_MONTH_PERIOD, period)],
        field_columns=3,
        body=[Para(strings.SV_COMMITMENT_LINE.format(response=t.response_minutes,
                                                     resolution=t.resolution_minutes),
                   "note"),
              _summary_table(month),
              *[Para(line, "note") for line in commitment_lines(month)],
              _types_table(month), _list_table(month), _open_table(month)],
        signatures=month_signatures(project, prepared_by),
        legend=[strings.SV_MONTH_LEGEND],
        running_head=running_head(strings.SV_MONTH_SUBJECT, strings.MONTH_TITLE.format(
            year=month.year, month=month.month)),
        extra={"subject": strings.SV_MONTH_SUBJECT,
               "keywords": f"{month.year:04d}-{month.month:02d}"},
    )


def write_month_pdf(path: Path, month: ServiceMonthDTO, project: ProjectDTO,
                    prepared_by: str = "") -> None:
    build_pdf(path, month_form(month, project, prepared_by))


# ---- daily work reports --------------------------------------------------------------------
def report_rows(reports: ReportMonthDTO) -> list[tuple[dt.date, int, str, bool]]:
    """(day, index of the person, text, missing) sorted by day then person: every report,
    and every working day on site without one."""
    rows: list[tuple[dt.date, int, str, bool]] = []
    for i, p in enumerate(reports.people):
        rows += [(d, i, text, False) for d, text in p.entries]
        rows += [(d, i, strings.SV_REPORTS_MISSING_TEXT, True) for d in p.missing]
    return sorted(rows, key=lambda r: (r[0], r[1]))


def reports_form(reports: ReportMonthDTO, project: ProjectDTO, prepared_by: str = "") -> Form:
    body: list[Table | Para] = []
    for p in reports.people:
        days = sorted([(d, t, False) for d, t in p.entries]
                      + [(d, strings.SV_REPORTS_MISSING_TEXT, True) for d in p.missing])
        missing = strings.SV_REPORTS_MISSING.format(n=len(p.missing)) if p.missing else ""
        body.append(Table(
            header=[list(strings.SV_REPORTS_HEADERS)],
            rows=[[cn_date(d), strings.HOLIDAY_WEEKDAYS[d.weekday()], t]
                  for d, t, _ in days],
            widths=[2.8, 1.3, 13.6], align="CCL", wrap=(2,), font_size=9,
            muted=[i for i, (_, _, gone) in enumerate(days) if gone],
            caption=strings.SV_REPORTS_PERSON_CAPTION.format(
                name=p.name, role=p.role, no=p.employee_no, n=len(p.entries),
                missing=missing),
            empty_text=strings.DOC_EMPTY))
    if not reports.people:
        body.append(Para(strings.SV_REPORTS_NONE))
    return Form(
        title=strings.SV_REPORTS_TITLE.format(project=project.name, year=reports.year,
                                              month=reports.month),
        fields=[*project_fields(project),
                Field(strings.SV_REPORTS_MONTH_LABEL, strings.SV_REPORTS_PERIOD_VALUE.format(
                    year=reports.year, month=reports.month, n=len(reports.workdays)))],
        body=body,
        signatures=[Signature(strings.DOC_ROLE_PREPARED_BY, prepared_by),
                    Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager)],
        running_head=running_head(strings.SV_REPORTS_SUBJECT, strings.MONTH_TITLE.format(
            year=reports.year, month=reports.month)),
        extra={"subject": strings.SV_REPORTS_SUBJECT,
               "keywords": f"{reports.year:04d}-{reports.month:02d}"},
    )


def write_reports_pdf(path: Path, reports: ReportMonthDTO, project: ProjectDTO,
                      prepared_by: str = "") -> None:
    build_pdf(path, reports_form(reports, project, prepared_by))


_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
_TOP_CENTER = Alignment(horizontal="center", vertical="top")
_UNDERLINE = Border(bottom=Side(style="thin", color="000000"))
_MISSING_FONT = Font(name=FONT_NAME, size=10, color="808080")
XLSX_WIDTHS = (16, 6, 10, 10, 16, 76)
TEXT_COLUMN = 6


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: a Chinese character is about two column units wide."""
    units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return max(1, -(-units // int(width)))


def write_reports_xlsx(path: Path, reports: ReportMonthDTO, project: ProjectDTO,
                       prepared_by: str = "") -> None:
    """One row per person per day (missing working days marked), A4 landscape, fit to width,
    header repeated on every page, frozen under the header, signature lines at the end."""
    rows = report_rows(reports)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.SV_REPORTS_XLSX_TITLE
    people = reports.people
    titled_table(
        ws, strings.SV_REPORTS_TITLE.format(project=project.name, year=reports.year,
                                            month=reports.month),
        strings.SV_REPORTS_SUBTITLE.format(project=project.name, year=reports.year,
                                           month=reports.month, people=len(people),
                                           n=reports.count),
        list(strings.SV_REPORTS_XLSX_HEADERS),
        [[d, strings.HOLIDAY_WEEKDAYS[d.weekday()], people[i].employee_no,
          people[i].name, people[i].role, text] for d, i, text, _ in rows],
        XLSX_WIDTHS)
    print_titles_and_header_footer(
        ws, strings.SV_REPORTS_TITLE.format(project=project.name, year=reports.year,
                                            month=reports.month), project.name,
        strings.XL_MONTH_VALUE.format(year=reports.year, month=reports.month), "3:3")
    for n, (_, _, text, missing) in enumerate(rows, start=4):
        cell = ws.cell(row=n, column=TEXT_COLUMN)
        cell.alignment = _WRAP
        if missing:
            for c in range(1, TEXT_COLUMN + 1):
                ws.cell(row=n, column=c).font = _MISSING_FONT
                ws.cell(row=n, column=c).fill = PatternFill("solid", fgColor="F2F2F2")
        ws.row_dimensions[n].height = 15 * text_lines(text, XLSX_WIDTHS[TEXT_COLUMN - 1])
        for c in range(1, TEXT_COLUMN):
            ws.cell(row=n, column=c).alignment = _TOP_CENTER
        ws.cell(row=n, column=1).number_format = DATE_FORMAT
    last = _xlsx_signatures(ws, project, prepared_by, 4 + len(rows) + 1)
    ws.print_area = f"A1:F{last}"
    save_workbook(wb, path)


def _xlsx_signatures(ws: Worksheet, project: ProjectDTO, prepared_by: str, row: int) -> int:
    font = Font(name=FONT_NAME, size=10)
    parties = ((strings.DOC_ROLE_PREPARED_BY, prepared_by, 1, 4),
               (strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager, 6, 6))
    for role, name, c0, c1 in parties:
        texts = (role + (strings.DOC_LABEL_SEP + name if name else ""),
                 strings.DOC_SIGN_LABEL, strings.DOC_DATE_LABEL + strings.XLSX_DATE_BLANK)
        for j, text in enumerate(texts):
            if c1 > c0:
                ws.merge_cells(start_row=row + j, start_column=c0, end_row=row + j,
                               end_column=c1)
            cell = ws.cell(row=row + j, column=c0, value=text)
            cell.font = font
            cell.alignment = Alignment(horizontal="left", vertical="center")
            if j:
                for c in range(c0, c1 + 1):
                    ws.cell(row=row + j, column=c).border = _UNDERLINE
    for j in range(3):
        ws.row_dimensions[row + j].height = 24
    return row + 2
