"""The monthly attendance sheet as PDF and Excel (SPEC P1, P2, A5;
RULES-FORMS-TERMS §3.3).

One row per person, one narrow column per day with the sheet symbols (the month's editable
legend), then the month figures: required and attended days, late and early leave (count /
minutes), missing punches, absent days, leave days by type, overtime. Rest days are grey,
statutory holidays red, adjusted working days are headed with the adjusted-workday mark.
The legend is printed on every page; the sheet ends with the five signatures the contract
asks for. A provisional month (holiday schedule not yet imported) carries the provisional
watermark; a locked month says so in the header.

Both writers take the ``MonthDTO`` exactly as ``AttendanceService.month`` returns it, so a
printed sheet shows what the screen shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.documents.excel_common import (
    BORDER,
    CENTER,
    FONT_NAME,
    HEADER_FILL,
    landscape_fit_to_width,
    save_workbook,
)
from app.documents.operators import operator_name
from app.documents.pdf_layout import (
    Area,
    Cell,
    Field,
    Form,
    Shade,
    Signature,
    Table,
    build_pdf,
    project_fields,
)
from app.domain.calendar import ADJUSTED_WORKDAY, REST_DAY, STATUTORY_HOLIDAY, WORKDAY

if TYPE_CHECKING:
    from app.services.attendance_dto import MonthDTO, PersonMonth
    from app.services.project_dto import ProjectDTO

REST_FILL = "D9D9D9"
HOLIDAY_FILL = "F4CCCC"
ADJUSTED_FILL = "FFF2CC"
FIXED_COLUMNS = 3  # No., name, role
# Leave types grouped into the sheet's columns; the header is made of their legend symbols.
LEAVE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("personal_leave",), ("sick_leave",), ("annual_leave",), ("comp_leave",),
    ("marriage_leave", "bereavement_leave"),
    ("maternity_leave", "paternity_leave"), ("nursing_leave",),
    ("business_trip", "out_of_office"),
)
# Relative widths (about millimetres before scaling to the page)
W_NO, W_NAME, W_ROLE, W_DAY = 6.0, 13.0, 17.0, 5.1
W_SUMMARY = (8.0, 8.0, 8.5, 8.5, 6.0, 6.0)
W_LEAVE, W_OVERTIME = 5.6, 6.5
ROW_HEIGHT = 12.5  # points


def fmt_days(value: float) -> str:
    """Days and hours as people write them: 21, 18.5 (no trailing .0)."""
    return f"{value:g}"


def _nz(value: float) -> str:
    return fmt_days(value) if value else ""


def _count_minutes(count: int, minutes: int) -> str:
    return f"{count}/{minutes}" if count else ""


@dataclass(frozen=True)
class SheetGrid:
    """The sheet's content, shared by the PDF and the Excel writer."""

    title: str
    header: list[list[str]]  # two header rows
    rows: list[list[Cell]]
    header_spans: list[Area]
    day_kinds: list[str]  # one per day column
    leave_columns: list[tuple[str, ...]]
    legend: list[str]
    required_days: int

    @property
    def first_day_col(self) -> int:
        return FIXED_COLUMNS

    @property
    def ncols(self) -> int:
        return len(self.header[0])


def legend_line(legend: dict[str, str]) -> str:
    """"Symbols: √ present, ... ; grey = rest day, red = statutory holiday, ..." """
    items = [f"{legend[k]}{strings.LEGEND_LABELS[k]}" for k in strings.LEGEND_ORDER
             if legend.get(k)]
    return strings.DOC_LEGEND_TITLE + "  ".join(items) + strings.LIST_COMMA \
        + strings.LEGEND_FOOTER


def leave_groups(month: MonthDTO) -> list[tuple[str, ...]]:
    """The leave columns; a leave type outside the known groups gets a column of its own."""
    groups = list(LEAVE_GROUPS)
    known = {code for g in groups for code in g}
    extra = sorted({code for p in month.people for code in p.summary.leave_days} - known)
    return groups + [(code,) for code in extra]


def _leave_label(group: tuple[str, ...], legend: dict[str, str]) -> str:
    return "".join(legend.get(code) or strings.LEAVE_TYPE_LABELS.get(code, code)[:1]
                   for code in group)


def required_days(month: MonthDTO) -> int:
    return sum(1 for _, kind, _ in month.days if kind in (WORKDAY, ADJUSTED_WORKDAY))


def sheet_title(month: MonthDTO, project: ProjectDTO) -> str:
    title = strings.MONTH_SHEET_TITLE.format(project=project.name, year=month.year,
                                             month=month.month)
    return title + (strings.MONTH_SHEET_PROVISIONAL_SUFFIX if month.provisional else "")


def _person_row(i: int, p: PersonMonth, groups: list[tuple[str, ...]]) -> list[Cell]:
    s = p.summary
    name = p.name + (strings.MONTH_SHEET_FLAG if s.needs_absence_explanation else "")
    row: list[Cell] = [i, name, p.role, *p.symbols]
    row += [fmt_days(s.required_days), fmt_days(s.attended_days),
            _count_minutes(s.late_count, s.late_minutes),
            _count_minutes(s.early_count, s.early_minutes),
            s.missing_punches or "", _nz(s.absent_days)]
    row += [_nz(sum(s.leave_days.get(code, 0.0) for code in g)) for g in groups]
    row.append(_nz(s.overtime_hours))
    return row


def build_grid(month: MonthDTO, project: ProjectDTO) -> SheetGrid:
    legend = month.legend or dict(strings.LEGEND_DEFAULT)
    groups = leave_groups(month)
    adjusted = legend.get(ADJUSTED_WORKDAY) or strings.LEGEND_DEFAULT[ADJUSTED_WORKDAY]
    top = list(strings.MONTH_SHEET_FIXED_HEADERS)
    bottom = [""] * FIXED_COLUMNS
    for day, kind, _ in month.days:
        top.append(str(day.day))
        bottom.append(adjusted if kind == ADJUSTED_WORKDAY
                      else strings.WEEKDAYS_SHORT[day.weekday()])
    for label, unit in strings.MONTH_SHEET_SUMMARY_HEADERS:
        top.append(label)
        bottom.append(unit)
    first_leave = len(top)
    for g in groups:
        top.append(strings.MONTH_SHEET_LEAVE_HEADER if len(top) == first_leave else "")
        bottom.append(_leave_label(g, legend))
    top.append(strings.MONTH_SHEET_OVERTIME_HEADER[0])
    bottom.append(strings.MONTH_SHEET_OVERTIME_HEADER[1])
    spans = [Area(c, 0, c, 1) for c in range(FIXED_COLUMNS)]
    spans.append(Area(first_leave, 0, first_leave + len(groups) - 1, 0))
    rows = [_person_row(i, p, groups) for i, p in enumerate(month.people, start=1)]
    lines = [legend_line(legend)]
    if any(p.summary.needs_absence_explanation for p in month.people):
        lines.append(strings.MONTH_SHEET_FLAG_NOTE)
    if month.provisional:
        lines.append(strings.HOLIDAY_PROVISIONAL_BANNER.format(year=month.year))
    return SheetGrid(sheet_title(month, project), [top, bottom], rows, spans,
                     [kind for _, kind, _ in month.days], groups, lines, required_days(month))


def header_fields(month: MonthDTO, project: ProjectDTO, grid: SheetGrid) -> list[Field]:
    first, last = month.days[0][0], month.days[-1][0]
    required = strings.MONTH_SHEET_DAYS.format(n=grid.required_days)
    if month.provisional:
        required += strings.MONTH_SHEET_PROVISIONAL_SUFFIX
    return [*project_fields(project),
            Field(strings.MONTH_SHEET_PERIOD, strings.MONTH_SHEET_PERIOD_VALUE.format(
                first=first.isoformat(), last=last.isoformat())),
            Field(strings.MONTH_SHEET_REQUIRED, required),
            Field(strings.MONTH_SHEET_PEOPLE, strings.MONTH_SHEET_PEOPLE_VALUE.format(
                n=len(month.people))),
            Field(strings.MONTH_SHEET_STATE, lock_state(month, project.project_manager)),
            Field(strings.MONTH_SHEET_DATA_THROUGH, data_through_text(month))]


def data_through_text(month: MonthDTO) -> str:
    """Up to when the clock data runs (sessions after it read "no data", not absent)."""
    if month.data_through is None:
        return strings.COVERAGE_NONE
    since = month.data_from
    return strings.MONTH_SHEET_THROUGH_VALUE.format(
        at=month.data_through.strftime("%Y-%m-%d %H:%M"),
        since=strings.COVERAGE_SINCE.format(since=since.isoformat()) if since else "")


def lock_state(month: MonthDTO, manager: str = "") -> str:
    """Locked or not; the locker is a named person (``manager`` stands for an OS account)."""
    if month.locked:
        return strings.MONTH_SHEET_LOCKED.format(
            at=month.lock_info.get("at", "")[:16],
            actor=operator_name(month.lock_info.get("actor", ""), manager))
    return strings.MONTH_SHEET_UNLOCKED


def signature_parties(project: ProjectDTO, prepared_by: str = "") -> list[Signature]:
    """The preparer, the contractor's project manager, the client's project lead, the client
    department and the supervision company (with its stamp)."""
    label = project.client_label or strings.DEFAULT_CLIENT_LABEL
    dept = project.client_dept or strings.DEFAULT_CLIENT_DEPT
    return [Signature(strings.DOC_ROLE_PREPARED_BY, prepared_by),
            Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
            Signature(strings.DOC_ROLE_CLIENT_LEAD.format(client=label),
                      project.client_project_lead),
            Signature(dept),
            Signature(strings.DOC_ROLE_SUPERVISOR, seal=True)]


def day_shades(kinds: Sequence[str], first_col: int) -> list[tuple[int, str]]:
    """(column, fill) of the rest-day and statutory-holiday columns."""
    fills = {REST_DAY: REST_FILL, STATUTORY_HOLIDAY: HOLIDAY_FILL}
    return [(first_col + j, fills[k]) for j, k in enumerate(kinds) if k in fills]


# ---- PDF -------------------------------------------------------------------------------------
def month_form(month: MonthDTO, project: ProjectDTO, prepared_by: str = "") -> Form:
    """The sheet as a :class:`Form` (exposed for previews and tests)."""
    grid = build_grid(month, project)
    ndays = len(month.days)
    widths = [W_NO, W_NAME, W_ROLE] + [W_DAY] * ndays + list(W_SUMMARY) \
        + [W_LEAVE] * len(grid.leave_columns) + [W_OVERTIME]
    shades = [Shade(Area(c, 0, c, -1), "#" + fill)
              for c, fill in day_shades(grid.day_kinds, grid.first_day_col)]
    shades += [Shade(Area(grid.first_day_col + j, 1, grid.first_day_col + j, 1),
                     "#" + ADJUSTED_FILL)
               for j, k in enumerate(grid.day_kinds) if k == ADJUSTED_WORKDAY]
    table = Table(header=grid.header, rows=grid.rows, widths=widths,
                  align="CLL", spans=grid.header_spans, shades=shades, font_size=7.0,
                  header_font_size=7.0, row_height=ROW_HEIGHT,
                  empty_text=strings.DOC_NO_PEOPLE)
    return Form(
        title=grid.title, landscape=True, fields=header_fields(month, project, grid),
        field_columns=4, body=[table], signatures=signature_parties(project, prepared_by),
        legend=grid.legend,
        watermark=strings.PROVISIONAL_MARK if month.provisional else "",
        status=lock_state(month, project.project_manager), author=prepared_by,
        extra={"subject": strings.MONTH_SHEET_SUBJECT, "keywords": month.key})


def write_month_pdf(path: Path, month: MonthDTO, project: ProjectDTO,
                    prepared_by: str = "") -> None:
    """A4 landscape, one page wide, header rows and legend on every page (SPEC P1)."""
    build_pdf(path, month_form(month, project, prepared_by))


# ---- Excel -----------------------------------------------------------------------------------
XLSX_HEADER_ROW = 4  # title on row 1, project and month facts on rows 2 and 3
XLSX_WIDTH_NO, XLSX_WIDTH_NAME, XLSX_WIDTH_ROLE, XLSX_WIDTH_DAY = 4.5, 9.0, 13.0, 3.0
XLSX_WIDTH_SUMMARY = (6.0, 6.0, 6.5, 6.5, 5.0, 5.0)
XLSX_WIDTH_LEAVE, XLSX_WIDTH_OVERTIME = 4.6, 5.0
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
_LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
_UNDERLINE = Border(bottom=Side(style="thin", color="000000"))


def _number(value: Cell) -> Cell:
    """Figures as numbers, so the sheet can be summed; "count/minutes" stays text."""
    if isinstance(value, str) and value:
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value if value != "" else None


def _xlsx_widths(grid: SheetGrid) -> list[float]:
    return ([XLSX_WIDTH_NO, XLSX_WIDTH_NAME, XLSX_WIDTH_ROLE]
            + [XLSX_WIDTH_DAY] * len(grid.day_kinds) + list(XLSX_WIDTH_SUMMARY)
            + [XLSX_WIDTH_LEAVE] * len(grid.leave_columns) + [XLSX_WIDTH_OVERTIME])


def write_month_xlsx(path: Path, month: MonthDTO, project: ProjectDTO,
                     prepared_by: str = "") -> None:
    """The same sheet for Excel (SPEC P2): frozen after the name columns and the header rows,
    header rows repeated on every printed page, A4 landscape fit to one page wide, print
    area set, legend and signature rows at the end (the legend also in the page footer)."""
    grid = build_grid(month, project)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.MONTH_SHEET_XLSX_TITLE
    _xlsx_title(ws, grid, header_fields(month, project, grid))
    first_body = _xlsx_header(ws, grid)
    last_body = _xlsx_body(ws, grid, first_body)
    last_row = _xlsx_closing(ws, grid, signature_parties(project, prepared_by), last_body + 2)
    for c, width in enumerate(_xlsx_widths(grid), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    _xlsx_page_setup(ws, grid, first_body, last_row, month.provisional)
    save_workbook(wb, path)


def _xlsx_title(ws: Worksheet, grid: SheetGrid, fields: list[Field]) -> None:
    last_col = get_column_letter(grid.ncols)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = grid.title
    ws["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 30
    for row, chunk in ((2, fields[:4]), (3, fields[4:])):
        ws.merge_cells(f"A{row}:{last_col}{row}")
        cell = ws.cell(row=row, column=1, value="    ".join(
            f"{f.label}{strings.DOC_LABEL_SEP}{f.value}" for f in chunk))
        cell.font, cell.alignment = Font(name=FONT_NAME, size=10), _LEFT
        ws.row_dimensions[row].height = 18


def _day_fills(grid: SheetGrid) -> dict[int, PatternFill]:
    """0-based column -> fill of the rest-day and statutory-holiday columns."""
    return {c: PatternFill("solid", fgColor=f)
            for c, f in day_shades(grid.day_kinds, grid.first_day_col)}


def _xlsx_header(ws: Worksheet, grid: SheetGrid) -> int:
    """The two header rows; returns the first body row."""
    fills = _day_fills(grid)
    adjusted = {grid.first_day_col + j for j, k in enumerate(grid.day_kinds)
                if k == ADJUSTED_WORKDAY}
    adjusted_fill = PatternFill("solid", fgColor=ADJUSTED_FILL)
    font = Font(name=FONT_NAME, size=9, bold=True)
    h0 = XLSX_HEADER_ROW
    for r, labels in enumerate(grid.header):
        for c, label in enumerate(labels):
            cell = ws.cell(row=h0 + r, column=c + 1, value=label or None)
            cell.font, cell.border, cell.alignment = font, BORDER, CENTER
            cell.fill = adjusted_fill if r == 1 and c in adjusted else fills.get(c, HEADER_FILL)
        ws.row_dimensions[h0 + r].height = 18
    for a in grid.header_spans:
        ws.merge_cells(start_row=h0 + a.row0, start_column=a.col0 + 1, end_row=h0 + a.row1,
                       end_column=a.col1 + 1)
    return h0 + len(grid.header)


def _xlsx_body(ws: Worksheet, grid: SheetGrid, first: int) -> int:
    """People rows; returns the last body row."""
    fills = _day_fills(grid)
    font = Font(name=FONT_NAME, size=9)
    figures_from = grid.first_day_col + len(grid.day_kinds)
    for i, values in enumerate(grid.rows):
        for c, value in enumerate(values):
            cell = ws.cell(row=first + i, column=c + 1,
                           value=_number(value) if c >= figures_from or c == 0
                           else (value or None))
            cell.font, cell.border = font, BORDER
            cell.alignment = _LEFT if c in (1, 2) else CENTER
            if c in fills:
                cell.fill = fills[c]
    return first + max(len(grid.rows), 1) - 1


def _xlsx_closing(ws: Worksheet, grid: SheetGrid, parties: list[Signature], row: int) -> int:
    """Legend rows, then the signature blocks; returns the last row used."""
    last_col = get_column_letter(grid.ncols)
    for line in grid.legend:
        ws.merge_cells(f"A{row}:{last_col}{row}")
        cell = ws.cell(row=row, column=1, value=line)
        cell.font, cell.alignment = Font(name=FONT_NAME, size=8), _LEFT_WRAP
        ws.row_dimensions[row].height = 24
        row += 1
    row += 1
    font = Font(name=FONT_NAME, size=10)
    bounds = [round(i * grid.ncols / len(parties)) for i in range(len(parties) + 1)]
    for k, party in enumerate(parties):
        c0, c1 = bounds[k] + 1, bounds[k + 1] - 1  # one empty column between parties
        role = party.role + (strings.DOC_SEAL if party.seal else "")
        if party.name:
            role += strings.DOC_LABEL_SEP + party.name
        texts = (role, strings.DOC_SIGN_LABEL, strings.DOC_DATE_LABEL + strings.XLSX_DATE_BLANK)
        for j, text in enumerate(texts):
            ws.merge_cells(start_row=row + j, start_column=c0, end_row=row + j, end_column=c1)
            cell = ws.cell(row=row + j, column=c0, value=text)
            cell.font, cell.alignment = font, _LEFT
            for c in range(c0, c1 + 1) if j else ():
                ws.cell(row=row + j, column=c).border = _UNDERLINE
    for j in range(3):
        ws.row_dimensions[row + j].height = 26
    return row + 2


def _xlsx_page_setup(ws: Worksheet, grid: SheetGrid, first_body: int, last_row: int,
                     provisional: bool) -> None:
    ws.freeze_panes = ws.cell(row=first_body, column=FIXED_COLUMNS + 1).coordinate
    ws.print_title_rows = f"{XLSX_HEADER_ROW}:{first_body - 1}"
    ws.print_area = f"A1:{get_column_letter(grid.ncols)}{last_row}"
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = 0.4, 0.6, 0.25
    # the legend on every printed page, as in the PDF (a literal '&' is doubled in footers)
    ws.oddFooter.left.text = grid.legend[0].replace("&", "&&")[:250]
    ws.oddFooter.left.size = 7
    ws.oddFooter.right.text = strings.EXCEL_PAGE_FOOTER
    ws.oddFooter.right.size = 8
    if provisional:
        ws.oddHeader.right.text = strings.PROVISIONAL_MARK
        ws.oddHeader.right.size = 14
        ws.oddHeader.right.color = "C00000"
