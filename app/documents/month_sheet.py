"""The monthly attendance sheet as PDF and Excel (SPEC P1, P2, A5;
RULES-FORMS-TERMS §3.3).

One row per person, one narrow column per day with the sheet symbols (the month's editable
legend: severe lateness, corrected punches and overtime have marks of their own), then the
month figures: required and attended days, late and early leave (count / minutes), missing
punches, absent days, leave days by type, overtime hours by kind of day (working day, rest
day, statutory holiday), the month's conduct score deductions and remarks (joining or leaving
mid-month, leave and corrected days, absences entered by hand, days without clock data);
a total row closes the table. Rest days are grey, statutory holidays red, adjusted working
days are headed with the adjusted-workday mark. The legend is printed on every page, and
every continuation page repeats the title, project and month and carries an initials line;
the sheet ends with the five signatures the contract asks for. A provisional month (holiday
schedule not yet imported) carries the provisional watermark; a locked month says so.

Both writers take the ``MonthDTO`` as ``DocumentService`` gives it (``AttendanceService.month``
plus the score deductions), so a printed sheet shows what the screen shows. The Excel
workbook has a second sheet with the raw punches (spec A3) when they are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth

from app import strings
from app.documents import fonts
from app.documents.excel_common import (
    BORDER,
    CENTER,
    FONT_NAME,
    HEADER_FILL,
    landscape_fit_to_width,
    save_workbook,
)
from app.documents.form_text import cn_date, cn_datetime
from app.documents.operators import operator_name
from app.documents.pdf_layout import (
    Area,
    Cell,
    Field,
    Form,
    Para,
    Shade,
    Signature,
    Table,
    build_pdf,
    project_fields,
    wrap_tokens,
)
from app.domain.attendance import LEAVE, MANUAL_KINDS, NO_DATA
from app.domain.calendar import ADJUSTED_WORKDAY, REST_DAY, STATUTORY_HOLIDAY, WORKDAY

if TYPE_CHECKING:
    from app.dto.attendance import MonthDTO, PersonMonth, PersonPunches
    from app.dto.project import ProjectDTO

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
# overtime columns: the kinds of day each one adds up
OVERTIME_KINDS: tuple[tuple[str, ...], ...] = (
    (WORKDAY, ADJUSTED_WORKDAY), (REST_DAY,), (STATUTORY_HOLIDAY,))
# Relative widths (about millimetres before scaling to the page)
W_NO, W_NAME, W_ROLE, W_DAY = 5.0, 13.0, 14.0, 5.0
W_SUMMARY = (7.0, 7.0, 9.5, 9.5, 5.5, 5.5)
W_LEAVE, W_OVERTIME, W_DEDUCTIONS, W_REMARKS = 5.0, 5.5, 7.5, 28.0
ROW_HEIGHT = 12.5  # points: the least row height (a wrapped name, title or remark grows it)
ROLE_LINES, DAY_LINES = 3, 2  # a name is never cut: it takes the lines it needs
FONT_SIZE = 7.0  # body text; wrapped texts keep it, never below MIN_TEXT_SIZE
MIN_TEXT_SIZE = 6.0
FIELDS_SIZE = 8.5


def fmt_days(value: float) -> str:
    """Days and hours as people write them: 21, 18.5 (no trailing .0)."""
    return f"{value:g}"


def _nz(value: float) -> str:
    return fmt_days(value) if value else ""


def _count_minutes(count: int, minutes: int, sep: str = "/") -> str:
    return f"{count}{sep}{minutes}" if count else ""


@dataclass(frozen=True)
class PersonFigures:
    """One person's (or the total's) month figures, as numbers."""

    required: float
    attended: float
    late_count: int
    late_minutes: int
    early_count: int
    early_minutes: int
    missing: int
    absent: float
    leave: tuple[float, ...]  # one per leave column
    overtime: tuple[float, ...]  # working day, rest day, statutory holiday
    deductions: int


@dataclass(frozen=True)
class SheetGrid:
    """The sheet's content, shared by the PDF and the Excel writer."""

    title: str
    header: list[list[str]]  # two header rows
    rows: list[list[Cell]]  # people rows, then the total row
    header_spans: list[Area]
    day_kinds: list[str]  # one per day column
    leave_columns: list[tuple[str, ...]]
    legend: list[str]
    required_days: int
    figures: list[PersonFigures] = field(default_factory=list)  # per person, then the total
    remarks: list[str] = field(default_factory=list)  # per person
    split_counts: bool = False  # counts and minutes in columns of their own (Excel)

    @property
    def first_day_col(self) -> int:
        return FIXED_COLUMNS

    @property
    def first_figure_col(self) -> int:
        return FIXED_COLUMNS + len(self.day_kinds)

    @property
    def ncols(self) -> int:
        return len(self.header[0])


def legend_line(legend: dict[str, str]) -> str:
    """"Symbols: (mark)present, (mark)late, ..." (the fills: see ``legend_lines``)."""
    items = [f"{legend[k]}{strings.LEGEND_LABELS[k]}" for k in strings.LEGEND_ORDER
             if legend.get(k)]
    return strings.DOC_LEGEND_TITLE + "  ".join(items)


def legend_lines(month: MonthDTO, legend: dict[str, str]) -> list[str]:
    """The symbols, the fills and the severe threshold, the overtime columns, the notes."""
    fills = strings.LEGEND_FOOTER
    mark = legend.get("severe_late")
    if mark and month.severe_minutes is not None:
        fills += strings.LIST_COMMA + strings.MONTH_SHEET_SEVERE_NOTE.format(
            mark=mark, minutes=month.severe_minutes)
    lines = [legend_line(legend), fills + strings.LIST_COMMA
             + strings.MONTH_SHEET_OVERTIME_LEGEND]
    if any(p.summary.needs_absence_explanation for p in month.people):
        lines.append(strings.MONTH_SHEET_FLAG_NOTE)
    if month.provisional:
        lines.append(strings.HOLIDAY_PROVISIONAL_BANNER.format(year=month.year))
    return lines


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


def person_figures(p: PersonMonth, groups: list[tuple[str, ...]],
                   deductions: int) -> PersonFigures:
    s = p.summary
    overtime = tuple(round(sum(d.overtime_hours for d in s.days if d.day_kind in kinds), 2)
                     for kinds in OVERTIME_KINDS)
    return PersonFigures(
        s.required_days, s.attended_days, s.late_count, s.late_minutes, s.early_count,
        s.early_minutes, s.missing_punches, s.absent_days,
        tuple(sum(s.leave_days.get(code, 0.0) for code in g) for g in groups), overtime,
        deductions)


def total_figures(figures: Sequence[PersonFigures], nleave: int) -> PersonFigures:
    """The total row: every column added up."""
    def add(get: object) -> float:
        return round(sum(get(f) for f in figures), 2)  # type: ignore[operator]
    return PersonFigures(
        add(lambda f: f.required), add(lambda f: f.attended),
        int(add(lambda f: f.late_count)), int(add(lambda f: f.late_minutes)),
        int(add(lambda f: f.early_count)), int(add(lambda f: f.early_minutes)),
        int(add(lambda f: f.missing)), add(lambda f: f.absent),
        tuple(add(lambda f, i=i: f.leave[i]) for i in range(nleave)),
        tuple(add(lambda f, i=i: f.overtime[i]) for i in range(len(OVERTIME_KINDS))),
        int(add(lambda f: f.deductions)))


def _day_list(days: Sequence[str]) -> str:
    return strings.LIST_SEP.join(days)


def remarks(p: PersonMonth, month: MonthDTO) -> str:
    """What a project lead asks about a row: joining or leaving mid-month, leave days, corrected
    punches, absences entered by hand, overtime days, days without clock data."""
    first, last = month.days[0][0], month.days[-1][0]
    items: list[str] = []
    if p.start_date is not None and first < p.start_date <= last:
        items.append(strings.MONTH_SHEET_JOINED.format(m=p.start_date.month,
                                                       d=p.start_date.day))
    if p.end_date is not None and first <= p.end_date < last:
        items.append(strings.MONTH_SHEET_LEFT.format(m=p.end_date.month, d=p.end_date.day))
    items += _day_remarks(p)
    if p.summary.needs_absence_explanation:
        items.append(strings.MONTH_SHEET_EXPLANATION_DUE)
    return strings.DOC_WORD_SEP.join(items)


def _day_remarks(p: PersonMonth) -> list[str]:
    """Leave days by type, corrected days, absences by hand, overtime days, no-data days."""
    lists: dict[str, list[str]] = {}  # what -> days, in the order first met
    no_data = 0
    for d in p.summary.days:
        sessions = (("am", d.am), ("pm", d.pm))
        for code in dict.fromkeys(x.leave_type for _, x in sessions
                                  if x.verdict == LEAVE and x.leave_type):
            halves = [n for n, x in sessions if x.leave_type == code and x.verdict == LEAVE]
            lists.setdefault(strings.LEAVE_TYPE_LABELS.get(code, code), []).append(
                _day_label(d.day, halves))
        if any(x.corrected_in or x.corrected_out for _, x in sessions):
            lists.setdefault(strings.MONTH_SHEET_CORRECTED, []).append(
                strings.MONTH_SHEET_DAY.format(d=d.day.day))
        for reason in dict.fromkeys(x.absent_reason for _, x in sessions
                                    if x.absent_reason in MANUAL_KINDS):
            what = strings.MONTH_SHEET_ABSENT_BY.format(
                reason=strings.ABSENT_REASON_LABELS.get(reason or "", reason or ""))
            halves = [n for n, x in sessions if x.absent_reason == reason]
            lists.setdefault(what, []).append(_day_label(d.day, halves))
        if d.overtime_hours:
            lists.setdefault(strings.LEGEND_LABELS["overtime"], []).append(
                strings.MONTH_SHEET_DAY.format(d=d.day.day))
        if d.required and any(x.verdict == NO_DATA for _, x in sessions):
            no_data += 1
    items = [strings.MONTH_SHEET_REMARK_DAYS.format(what=what, days=_day_list(days))
             for what, days in lists.items()]
    if no_data:
        items.append(strings.MONTH_SHEET_NO_DATA.format(n=no_data))
    return items


def _day_label(day: dt.date, halves: Sequence[str]) -> str:
    if len(halves) == 1:
        return strings.MONTH_SHEET_HALF_DAY.format(
            d=day.day, session=strings.SESSION_LABELS[halves[0]])
    return strings.MONTH_SHEET_DAY.format(d=day.day)


def _figure_cells(f: PersonFigures, split: bool, total: bool = False) -> list[Cell]:
    """The figure columns of a row: numbers (None for nothing) when ``split`` (Excel), else
    the printed texts (count/minutes together; on two lines in the total row, where they
    grow long)."""
    if split:
        values: list[Cell] = [f.required, f.attended, f.late_count, f.late_minutes,
                              f.early_count, f.early_minutes, f.missing, f.absent,
                              *f.leave, *f.overtime, f.deductions]
        return [v if v else None for v in values]
    sep = "/\n" if total else "/"
    return [fmt_days(f.required), fmt_days(f.attended),
            _count_minutes(f.late_count, f.late_minutes, sep),
            _count_minutes(f.early_count, f.early_minutes, sep), f.missing or "",
            _nz(f.absent),
            *(_nz(v) for v in f.leave), *(_nz(v) for v in f.overtime),
            f.deductions or ""]


def _headers(month: MonthDTO, legend: dict[str, str], groups: list[tuple[str, ...]],
             split: bool) -> tuple[list[str], list[str], list[Area]]:
    """The two header rows and their merged cells."""
    adjusted = legend.get(ADJUSTED_WORKDAY) or strings.LEGEND_DEFAULT[ADJUSTED_WORKDAY]
    top = list(strings.MONTH_SHEET_FIXED_HEADERS)
    bottom = [""] * FIXED_COLUMNS
    spans = [Area(c, 0, c, 1) for c in range(FIXED_COLUMNS)]
    for day, kind, _ in month.days:
        top.append(str(day.day))
        bottom.append(adjusted if kind == ADJUSTED_WORKDAY
                      else strings.WEEKDAYS_SHORT[day.weekday()])
    summary = list(strings.MONTH_SHEET_SUMMARY_HEADERS)
    for k, (label, unit) in enumerate(summary):
        if split and k in (2, 3):  # late, early: count and minutes
            spans.append(Area(len(top), 0, len(top) + 1, 0))
            top += [label, ""]
            bottom += list(strings.MONTH_SHEET_COUNT_MINUTES)
            continue
        top.append(label)
        bottom.append(unit)
    first_leave = len(top)
    for g in groups:
        top.append(strings.MONTH_SHEET_LEAVE_HEADER if len(top) == first_leave else "")
        bottom.append(_leave_label(g, legend))
    spans.append(Area(first_leave, 0, first_leave + len(groups) - 1, 0))
    first_ot = len(top)
    kinds = strings.MONTH_SHEET_OVERTIME_LONG if split else strings.MONTH_SHEET_OVERTIME_SHORT
    for k, label in enumerate(kinds):
        top.append(strings.MONTH_SHEET_OVERTIME_KINDS if k == 0 else "")
        bottom.append(label)
    spans.append(Area(first_ot, 0, first_ot + len(kinds) - 1, 0))
    top.append(strings.MONTH_SHEET_DEDUCTIONS[0])
    bottom.append(strings.MONTH_SHEET_DEDUCTIONS[1])
    spans.append(Area(len(top), 0, len(top), 1))
    top.append(strings.MONTH_SHEET_REMARKS)
    bottom.append("")
    return top, bottom, spans


def build_grid(month: MonthDTO, project: ProjectDTO, split_counts: bool = False) -> SheetGrid:
    legend = month.legend or dict(strings.LEGEND_DEFAULT)
    groups = leave_groups(month)
    top, bottom, spans = _headers(month, legend, groups, split_counts)
    figures = [person_figures(p, groups, month.deductions.get(p.person_id, 0))
               for p in month.people]
    notes = [remarks(p, month) for p in month.people]
    rows: list[list[Cell]] = []
    for i, (p, f, note) in enumerate(zip(month.people, figures, notes, strict=True), start=1):
        name = p.name + (strings.MONTH_SHEET_FLAG if p.summary.needs_absence_explanation
                         else "")
        rows.append([i, name, p.role, *p.symbols, *_figure_cells(f, split_counts), note])
    if month.people:
        total = total_figures(figures, len(groups))
        figures.append(total)
        rows.append(["", strings.MONTH_SHEET_TOTAL, "", *([""] * len(month.days)),
                     *_figure_cells(total, split_counts, total=True), ""])
    return SheetGrid(sheet_title(month, project), [top, bottom], rows, spans,
                     [kind for _, kind, _ in month.days], groups, legend_lines(month, legend),
                     required_days(month), figures, notes, split_counts)


def header_fields(month: MonthDTO, project: ProjectDTO, grid: SheetGrid) -> list[Field]:
    first, last = month.days[0][0], month.days[-1][0]
    required = strings.MONTH_SHEET_DAYS.format(n=grid.required_days)
    if month.provisional:
        required += strings.MONTH_SHEET_PROVISIONAL_SUFFIX
    return [*project_fields(project),
            Field(strings.MONTH_SHEET_PERIOD, strings.MONTH_SHEET_PERIOD_VALUE.format(
                first=cn_date(first), last=cn_date(last))),
            Field(strings.MONTH_SHEET_REQUIRED, required),
            Field(strings.MONTH_SHEET_PEOPLE, strings.MONTH_SHEET_PEOPLE_VALUE.format(
                n=len(month.people))),
            Field(strings.MONTH_SHEET_STATE, lock_state(month, project.project_manager)),
            Field(strings.MONTH_SHEET_DATA_THROUGH, data_through_text(month))]


def flow_fields(fields: Sequence[Field], font: str, size: float, width: float) -> list[str]:
    """Header fields as lines, broken only between fields: a field that does not fit the rest
    of a line starts the next one whole (a contract number is never cut); only a field
    longer than a whole line wraps, between words and numbers."""
    gap = "    "
    lines: list[str] = []
    line = ""
    for f in fields:
        text = f"{f.label}{strings.DOC_LABEL_SEP}{f.value}"
        candidate = line + gap + text if line else text
        if stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        parts = wrap_tokens(text, font, size, width)
        lines += parts[:-1]
        line = parts[-1]
    if line:
        lines.append(line)
    return lines


def data_through_text(month: MonthDTO) -> str:
    """Up to when the clock data runs (sessions after it read "no data", not absent)."""
    if month.data_through is None:
        return strings.COVERAGE_NONE
    since = month.data_from
    return strings.MONTH_SHEET_THROUGH_VALUE.format(
        at=cn_datetime(month.data_through),
        since=strings.COVERAGE_SINCE.format(since=cn_date(since)) if since else "")


def _lock_time(at: str) -> str:
    """The stored lock time (ISO text) as forms print it; the text itself if it is no time."""
    try:
        return cn_datetime(dt.datetime.fromisoformat(at))
    except ValueError:
        return at[:16]


def lock_state(month: MonthDTO, manager: str = "") -> str:
    """Locked or not; the locker is a named person (``manager`` stands for an OS account)."""
    if month.locked:
        return strings.MONTH_SHEET_LOCKED.format(
            at=_lock_time(month.lock_info.get("at", "")),
            actor=operator_name(month.lock_info.get("actor", ""), manager))
    return strings.MONTH_SHEET_UNLOCKED


def anchor_line(month: MonthDTO) -> str:
    """The paper anchor printed by the signatures of a locked month (issue 18): its
    check code and how to check it; "" when the month is not locked (or locked before codes)."""
    code = month.lock_info.get("code", "") if month.locked else ""
    return strings.ANCHOR_CODE_LINE.format(code=code, month=month.key) if code else ""


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


# ---- PDF -------------------------------------------------------------------------------------
def pdf_widths(grid: SheetGrid) -> list[float]:
    digits = len(str(len(grid.remarks)))  # the widest row number fits on one line
    return ([W_NO + 1.3 * max(0, digits - 2), W_NAME, W_ROLE] + [W_DAY] * len(grid.day_kinds)
            + list(W_SUMMARY)
            + [W_LEAVE] * len(grid.leave_columns) + [W_OVERTIME] * len(OVERTIME_KINDS)
            + [W_DEDUCTIONS, W_REMARKS])


def month_form(month: MonthDTO, project: ProjectDTO, prepared_by: str = "") -> Form:
    """The sheet as a :class:`Form` (exposed for previews and tests)."""
    grid = build_grid(month, project)
    font = fonts.register()
    page_width = landscape(A4)[0] - 2 * PAGE_MARGIN
    shades = [Shade(Area(c, 0, c, -1), "#" + fill)
              for c, fill in day_shades(grid.day_kinds, grid.first_day_col)]
    shades += [Shade(Area(grid.first_day_col + j, 1, grid.first_day_col + j, 1),
                     "#" + ADJUSTED_FILL)
               for j, k in enumerate(grid.day_kinds) if k == ADJUSTED_WORKDAY]
    spans: list[Area] = list(grid.header_spans)
    if month.people:  # the total row, shaded
        r = len(grid.header) + len(grid.rows) - 1
        shades.append(Shade(Area(0, r, -1, r), TOTAL_FILL))
    ncols = grid.ncols
    days = range(grid.first_day_col, grid.first_figure_col)
    max_lines = {2: ROLE_LINES, **{c: DAY_LINES for c in days}}
    table = Table(header=grid.header, rows=grid.rows, widths=pdf_widths(grid),
                  align="CLL" + "C" * (ncols - FIXED_COLUMNS - 1) + "L",
                  wrap=(1, 2, *days, ncols - 1), max_lines=max_lines, spans=spans,
                  shades=shades, font_size=FONT_SIZE, header_font_size=FONT_SIZE,
                  row_height=ROW_HEIGHT, empty_text=strings.DOC_NO_PEOPLE,
                  shrink_min=MIN_TEXT_SIZE)
    fields = header_fields(month, project, grid)
    first, last = month.days[0][0], month.days[-1][0]
    anchor = anchor_line(month)
    code = month.lock_info.get("code", "") if anchor else ""
    return Form(
        title=grid.title, landscape=True,
        body=[Para("\n".join(flow_fields(fields, font, FIELDS_SIZE, page_width - 2)), "note"),
              table, *([Para(anchor, "note")] if anchor else [])],
        signatures=signature_parties(project, prepared_by), legend=grid.legend,
        watermark=strings.PROVISIONAL_MARK if month.provisional else "",
        status=lock_state(month, project.project_manager)
        + (f"  {strings.ANCHOR_CODE_LABEL} {code}" if code else ""), author=prepared_by,
        extra={"subject": strings.MONTH_SHEET_SUBJECT, "keywords": month.key},
        running_head=[grid.title, strings.DOC_WORD_SEP.join((
            *(f"{f.label}{strings.DOC_LABEL_SEP}{f.value}" for f in fields[1:2] if f.value),
            strings.MONTH_SHEET_HEAD_PERIOD.format(first=cn_date(first), last=cn_date(last))))],
        initials=strings.MONTH_SHEET_INITIALS,
        footer_title=strings.MONTH_SHEET_FOOTER_TITLE.format(year=month.year,
                                                             month=month.month))


PAGE_MARGIN = 12 * 72 / 25.4  # pdf_layout.MARGIN (12 mm) in points
TOTAL_FILL = "#EDEDED"


def write_month_pdf(path: Path, month: MonthDTO, project: ProjectDTO,
                    prepared_by: str = "") -> None:
    """A4 landscape, one page wide, header rows and legend on every page (SPEC P1)."""
    build_pdf(path, month_form(month, project, prepared_by))


# ---- Excel -----------------------------------------------------------------------------------
XLSX_HEADER_ROW = 4  # title on row 1, project and month facts on rows 2 and 3
XLSX_WIDTH_NO, XLSX_WIDTH_NAME, XLSX_WIDTH_ROLE, XLSX_WIDTH_DAY = 4.0, 8.5, 10.0, 3.0
XLSX_WIDTH_SUMMARY = (5.0, 5.0, 3.6, 4.6, 3.6, 4.6, 4.0, 4.0)
XLSX_WIDTH_LEAVE, XLSX_WIDTH_OVERTIME, XLSX_WIDTH_DEDUCTIONS = 3.6, 5.5, 4.6
XLSX_WIDTH_REMARKS = 20.0
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
_LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
_UNDERLINE = Border(bottom=Side(style="thin", color="000000"))
# named styles: registered once per workbook, assigned by name (no style objects per cell)
ST_HEAD, ST_HEAD_REST, ST_HEAD_HOLIDAY, ST_HEAD_ADJUSTED = (
    "od_head", "od_head_rest", "od_head_holiday", "od_head_adjusted")
ST_DAY, ST_DAY_REST, ST_DAY_HOLIDAY = "od_day", "od_day_rest", "od_day_holiday"
ST_TEXT, ST_WRAP, ST_NUM, ST_DATE, ST_TIME = (
    "od_text", "od_wrap", "od_num", "od_date", "od_time")
ST_TOTAL, ST_TOTAL_NUM = "od_total", "od_total_num"
NUMBER_FORMAT = "0.##;-0.##;;@"  # 21, 18.5; zero shows blank


def _register_styles(wb: Workbook) -> None:
    head_font = Font(name=FONT_NAME, size=9, bold=True)
    font = Font(name=FONT_NAME, size=9)
    bold = Font(name=FONT_NAME, size=9, bold=True)
    left = Alignment(horizontal="left", vertical="center", shrink_to_fit=True)
    fills = {"": HEADER_FILL, "rest": PatternFill("solid", fgColor=REST_FILL),
             "holiday": PatternFill("solid", fgColor=HOLIDAY_FILL),
             "adjusted": PatternFill("solid", fgColor=ADJUSTED_FILL)}
    total_fill = PatternFill("solid", fgColor=TOTAL_FILL[1:])
    specs: list[tuple[str, Font, Alignment, PatternFill | None, str]] = [
        (ST_HEAD, head_font, CENTER, fills[""], "General"),
        (ST_HEAD_REST, head_font, CENTER, fills["rest"], MONTH_DAY_FORMAT),
        (ST_HEAD_HOLIDAY, head_font, CENTER, fills["holiday"], MONTH_DAY_FORMAT),
        (ST_HEAD_ADJUSTED, head_font, CENTER, fills["adjusted"], "General"),
        (ST_DAY, font, CENTER, None, "General"),
        (ST_DAY_REST, font, CENTER, fills["rest"], "General"),
        (ST_DAY_HOLIDAY, font, CENTER, fills["holiday"], "General"),
        (ST_TEXT, font, left, None, "@"),
        (ST_WRAP, font, _LEFT_WRAP, None, "@"),
        (ST_NUM, font, CENTER, None, NUMBER_FORMAT),
        (ST_DATE, font, CENTER, None, strings.MONTH_SHEET_DATE_FORMAT),
        (ST_TIME, font, CENTER, None, "hh:mm:ss"),
        (ST_TOTAL, bold, CENTER, total_fill, "General"),
        (ST_TOTAL_NUM, bold, CENTER, total_fill, NUMBER_FORMAT),
    ]
    for name, f, align, fill, number_format in specs:
        style = NamedStyle(name=name, font=f, alignment=align, border=BORDER,
                           number_format=number_format)
        if fill is not None:
            style.fill = fill
        wb.add_named_style(style)
    # the day headers are dates (shown as the day number); ST_HEAD keeps General for labels
    day_head = NamedStyle(name=ST_HEAD + "_date", font=head_font, alignment=CENTER,
                          border=BORDER, fill=fills[""], number_format=MONTH_DAY_FORMAT)
    wb.add_named_style(day_head)


MONTH_DAY_FORMAT = strings.MONTH_SHEET_DAY_FORMAT


class _Stamp:
    """Puts a named style on cells: the style is looked up once per name, every further cell
    gets a copy of the first one's style indices (no style objects per cell)."""

    def __init__(self) -> None:
        self._arrays: dict[str, StyleArray] = {}

    def __call__(self, cell: Any, name: str) -> None:
        array = self._arrays.get(name)
        if array is None:
            cell.style = name
            self._arrays[name] = copy(cell._style)
        else:
            cell._style = copy(array)


def _xlsx_widths(grid: SheetGrid) -> list[float]:
    return ([XLSX_WIDTH_NO, XLSX_WIDTH_NAME, XLSX_WIDTH_ROLE]
            + [XLSX_WIDTH_DAY] * len(grid.day_kinds) + list(XLSX_WIDTH_SUMMARY)
            + [XLSX_WIDTH_LEAVE] * len(grid.leave_columns)
            + [XLSX_WIDTH_OVERTIME] * len(OVERTIME_KINDS)
            + [XLSX_WIDTH_DEDUCTIONS, XLSX_WIDTH_REMARKS])


def write_month_xlsx(path: Path, month: MonthDTO, project: ProjectDTO,
                     prepared_by: str = "",
                     punches: Sequence[PersonPunches] | None = None) -> None:
    """The same sheet for Excel (SPEC P2): figures as numbers (counts and minutes in columns
    of their own), day headers as dates, frozen after the name columns and the header rows,
    header rows repeated and title, project, month and page N/M on every printed page, A4
    landscape fit to one page wide, legend and signature rows at the end. With ``punches``
    a second sheet lists the raw punches and corrections per person (spec A3)."""
    grid = build_grid(month, project, split_counts=True)
    wb = Workbook()
    _register_styles(wb)
    ws = wb.active
    assert ws is not None
    ws.title = strings.MONTH_SHEET_XLSX_TITLE
    _xlsx_title(ws, grid, header_fields(month, project, grid))
    first_body = _xlsx_header(ws, grid, month)
    last_body = _xlsx_body(ws, grid, first_body)
    last_row = _xlsx_closing(ws, grid, signature_parties(project, prepared_by), last_body + 2)
    anchor = anchor_line(month)
    if anchor:  # the paper anchor, under the signatures and inside the print area
        last_row += 2
        ws.merge_cells(start_row=last_row, start_column=1, end_row=last_row,
                       end_column=grid.ncols)
        cell = ws.cell(row=last_row, column=1, value=anchor)
        cell.font, cell.alignment = Font(name=FONT_NAME, size=10, bold=True), _LEFT
    for c, width in enumerate(_xlsx_widths(grid), start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    _xlsx_page_setup(ws, grid, first_body, last_row, month, project)
    if punches is not None:
        _raw_punch_sheet(wb.create_sheet(strings.RAW_PUNCH_SHEET_TITLE), month, project,
                         punches)
    save_workbook(wb, path)


def _xlsx_title(ws: Worksheet, grid: SheetGrid, fields: list[Field]) -> None:
    last_col = get_column_letter(grid.ncols)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = grid.title
    ws["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 30
    width = sum(_xlsx_widths(grid)) * 0.9  # in characters of the 10 pt font, roughly
    for row, chunk in ((2, fields[:4]), (3, fields[4:])):
        ws.merge_cells(f"A{row}:{last_col}{row}")
        text = "    ".join(f"{f.label}{strings.DOC_LABEL_SEP}{f.value}" for f in chunk)
        cell = ws.cell(row=row, column=1, value=text)
        cell.font, cell.alignment = Font(name=FONT_NAME, size=10), _LEFT_WRAP
        lines = -(-_display_width(text) // max(int(width), 1))
        ws.row_dimensions[row].height = 16 * max(lines, 1) + 2


def _column_styles(grid: SheetGrid, rest: str, holiday: str, plain: str) -> dict[int, str]:
    """0-based day column -> the style name of its fill."""
    names = {REST_FILL: rest, HOLIDAY_FILL: holiday}
    out = {grid.first_day_col + j: plain for j in range(len(grid.day_kinds))}
    out.update({c: names[f] for c, f in day_shades(grid.day_kinds, grid.first_day_col)})
    return out


def _xlsx_header(ws: Worksheet, grid: SheetGrid, month: MonthDTO) -> int:
    """The two header rows (the day numbers are date cells); returns the first body row."""
    top_styles = _column_styles(grid, ST_HEAD_REST, ST_HEAD_HOLIDAY, ST_HEAD + "_date")
    bottom_styles = _column_styles(grid, ST_HEAD_REST, ST_HEAD_HOLIDAY, ST_HEAD)
    adjusted = {grid.first_day_col + j for j, k in enumerate(grid.day_kinds)
                if k == ADJUSTED_WORKDAY}
    h0 = XLSX_HEADER_ROW
    dates = {grid.first_day_col + j: d for j, (d, _, _) in enumerate(month.days)}
    for r, labels in enumerate(grid.header):
        for c, label in enumerate(labels):
            value: object = dates[c] if r == 0 and c in dates else (label or None)
            cell = ws.cell(row=h0 + r, column=c + 1, value=value)
            if r == 1 and c in adjusted:
                cell.style = ST_HEAD_ADJUSTED
            else:
                cell.style = (top_styles if r == 0 else bottom_styles).get(c, ST_HEAD)
        ws.row_dimensions[h0 + r].height = 18
    for a in grid.header_spans:
        ws.merge_cells(start_row=h0 + a.row0, start_column=a.col0 + 1, end_row=h0 + a.row1,
                       end_column=a.col1 + 1)
    return h0 + len(grid.header)


def _xlsx_body(ws: Worksheet, grid: SheetGrid, first: int) -> int:
    """People rows and the total row; returns the last body row."""
    styles = [ST_NUM, ST_TEXT, ST_TEXT]
    styles += [_column_styles(grid, ST_DAY_REST, ST_DAY_HOLIDAY, ST_DAY)[c]
               for c in range(grid.first_day_col, grid.first_figure_col)]
    styles += [ST_NUM] * (grid.ncols - grid.first_figure_col - 1) + [ST_WRAP]
    npeople = len(grid.remarks)
    stamp = _Stamp()
    for i, values in enumerate(grid.rows):
        r = first + i
        total = i >= npeople
        for c, value in enumerate(values):
            cell = ws.cell(row=r, column=c + 1, value=value if value != "" else None)
            stamp(cell, (ST_TOTAL_NUM if c >= grid.first_figure_col else ST_TOTAL)
                  if total else styles[c])
        if not total and grid.remarks[i]:  # wrapped remarks: the row grows (Excel won't)
            lines = -(-_display_width(grid.remarks[i]) // int(XLSX_WIDTH_REMARKS - 1))
            if lines > 1:
                ws.row_dimensions[r].height = XLSX_LINE_HEIGHT * lines + 3
    return first + max(len(grid.rows), 1) - 1


XLSX_LINE_HEIGHT = 12.0  # points per line of a 9 pt text


def _display_width(text: str) -> int:
    """Width in Excel's character units: a CJK or full-width character counts two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _xlsx_closing(ws: Worksheet, grid: SheetGrid, parties: list[Signature], row: int) -> int:
    """Legend rows, then the signature blocks; returns the last row used."""
    last_col = get_column_letter(grid.ncols)
    legend_font = Font(name=FONT_NAME, size=8)
    for line in grid.legend:
        ws.merge_cells(f"A{row}:{last_col}{row}")
        cell = ws.cell(row=row, column=1, value=line)
        cell.font, cell.alignment = legend_font, _LEFT_WRAP
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


def _header_footer(ws: Worksheet, month: MonthDTO, project: ProjectDTO, title: str) -> None:
    """Title, project, month and page N/M on every printed page ('&' doubled in them)."""
    def esc(text: str) -> str:
        return text.replace("&", "&&")[:250]

    ws.oddHeader.center.text = esc(title)
    ws.oddHeader.center.size = 10
    ws.oddHeader.left.text = esc(project.name)
    ws.oddHeader.left.size = 8
    right = strings.MONTH_SHEET_XLSX_HEADER_RIGHT.format(year=month.year, month=month.month)
    if month.provisional:
        right += strings.MONTH_SHEET_PROVISIONAL_SUFFIX
    ws.oddHeader.right.text = esc(right)
    ws.oddHeader.right.size = 9
    ws.oddFooter.left.text = esc(strings.MONTH_SHEET_INITIALS)
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = strings.EXCEL_PAGE_FOOTER
    ws.oddFooter.right.size = 8


def _xlsx_page_setup(ws: Worksheet, grid: SheetGrid, first_body: int, last_row: int,
                     month: MonthDTO, project: ProjectDTO) -> None:
    ws.freeze_panes = ws.cell(row=first_body, column=FIXED_COLUMNS + 1).coordinate
    ws.print_title_rows = f"{XLSX_HEADER_ROW}:{first_body - 1}"
    ws.print_area = f"A1:{get_column_letter(grid.ncols)}{last_row}"
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top, ws.page_margins.bottom = 0.75, 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    _header_footer(ws, month, project, grid.title)


# ---- Excel: raw punches (spec A3) ---------------------------------------------------------------
RAW_WIDTHS = (9.0, 10.0, 7.0, 15.0, 6.0, 44.0, 13.0, 9.0, 14.0, 40.0)


def _raw_punch_sheet(ws: Worksheet, month: MonthDTO, project: ProjectDTO,
                     people: Sequence[PersonPunches]) -> None:
    """Per person, one row per day (a date cell): the number of punches and their times as
    the clock gave them, the clocks, verify modes and imports, and the day's corrections."""
    heading = strings.RAW_PUNCH_SHEET_HEADING.format(year=month.year, month=month.month)
    headers = list(strings.RAW_PUNCH_SHEET_HEADERS)
    last_col = get_column_letter(len(headers))
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = heading
    ws["A1"].font = Font(name=FONT_NAME, size=14, bold=True)
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"] = strings.RAW_PUNCH_SHEET_NOTE
    ws["A2"].font = Font(name=FONT_NAME, size=9)
    ws["A2"].alignment = _LEFT_WRAP
    ws.row_dimensions[2].height = 28
    for c, label in enumerate(headers, start=1):
        ws.cell(row=3, column=c, value=label).style = ST_HEAD
        ws.column_dimensions[get_column_letter(c)].width = RAW_WIDTHS[c - 1]
    styles = (ST_TEXT, ST_TEXT, ST_TEXT, ST_DATE, ST_NUM, ST_WRAP, ST_TEXT, ST_DAY, ST_TEXT,
              ST_WRAP)
    r = 4
    stamp = _Stamp()
    for p in people:
        for row in _raw_rows(p):
            for c, value in enumerate(row):
                stamp(ws.cell(row=r, column=c + 1, value=value), styles[c])
            r += 1
    if r == 4:
        ws.cell(row=4, column=1, value=strings.RAW_PUNCH_NONE)
        r += 1
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    ws.print_area = f"A1:{last_col}{r - 1}"
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top, ws.page_margins.bottom = 0.75, 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    _header_footer(ws, month, project, heading)


def _raw_rows(p: PersonPunches) -> list[list[object]]:
    """One row per day with punches or corrections: the punch times in order (a reverted
    batch's marked), the clocks, verify modes and imports they came from, the corrections."""
    days: dict[dt.date, tuple[list[str], set[str], set[str], set[str], list[str]]] = {}
    for x in p.punches:
        times, clocks, modes, sources, notes = days.setdefault(
            x.at.date(), ([], set(), set(), set(), []))
        text = x.at.strftime("%H:%M:%S")
        times.append(text + (strings.DOC_PAREN.format(text=strings.RAW_PUNCH_REVERTED)
                             if x.reverted else ""))
        if x.device:
            clocks.add(x.device)
        if x.verify_mode is not None:
            modes.add(strings.DOC_VERIFY_MODES.get(x.verify_mode, str(x.verify_mode)))
        sources.add(x.source)
    for c in p.corrections:
        notes = days.setdefault(c.day, ([], set(), set(), set(), []))[4]
        note = strings.RAW_PUNCH_CORRECTION_NOTE.format(
            time=c.at.strftime("%H:%M"), session=strings.SESSION_LABELS.get(c.session, c.session),
            slot=strings.SLOT_LABELS.get(c.slot, c.slot), reason=c.reason, approver=c.approver)
        if c.revoked_at is not None:
            note += strings.DOC_WORD_SEP + strings.DOC_REVOKED.format(
                at=c.revoked_at.strftime("%Y-%m-%d %H:%M"), reason=c.revoke_reason or "")
        notes.append(note)
    who: list[object] = [p.employee_no, p.name, p.device_user_id or None]
    if not days:
        return [[*who, None, None, None, None, None, None, strings.RAW_PUNCH_NONE]]
    sep = strings.LIST_SEP
    return [[*who, day, len(times) or None, " ".join(times) or None,
             sep.join(sorted(clocks)) or None, sep.join(sorted(modes)) or None,
             sep.join(sorted(sources)) or None, strings.DOC_WORD_SEP.join(notes) or None]
            for day, (times, clocks, modes, sources, notes) in sorted(days.items())]


def day_shades(kinds: Sequence[str], first_col: int) -> list[tuple[int, str]]:
    """(column, fill) of the rest-day and statutory-holiday columns."""
    fills = {REST_DAY: REST_FILL, STATUTORY_HOLIDAY: HOLIDAY_FILL}
    return [(first_col + j, fills[k]) for j, k in enumerate(kinds) if k in fills]
