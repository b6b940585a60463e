"""The head office's statistics across projects and months as an Excel workbook (issue 19):
attendance rate and late minutes as project × month tables, leave days by type per project
and month, and every figure in a detail sheet. Chinese headers, frozen headers, widths and
number formats; numbers stay numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.documents.excel_common import FONT_NAME, landscape_fit_to_width, save_workbook
from app.dto.headoffice import DETAIL_COLUMNS, MetricTable, Statistics

PERCENT_FORMAT = "0.0"
DAYS_FORMAT = "0.0"
INT_FORMAT = "0"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_TEXT_COLUMNS = {"code", "name", "month"}
_DAYS = {"required_days", "attended_days", "absent_days", "no_data_days", "pending_days",
         "leave_total", "overtime_hours"}
_PERCENT = {"attendance_rate", "response_percent", "resolution_percent"}


class _Sheet:
    """A titled table: title row, subtitle row, header row (frozen), then the body."""

    HEADER_ROW = 3

    def __init__(self, ws: Worksheet, title: str, subtitle: str) -> None:
        self.ws = ws
        self.body = Font(name=FONT_NAME, size=10)
        self.bold = Font(name=FONT_NAME, size=10, bold=True)
        ws["A1"] = title
        ws["A1"].font = Font(name=FONT_NAME, size=14, bold=True)
        ws["A2"] = subtitle
        ws["A2"].font = Font(name=FONT_NAME, size=9, color="666666")

    def header(self, names: list[str], widths: list[float], frozen_columns: int,
               fit: bool = True) -> None:
        for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
            c = self.ws.cell(self.HEADER_ROW, col, name)
            c.font, c.fill, c.border = self.bold, _HEAD_FILL, _BORDER
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self.ws.column_dimensions[get_column_letter(col)].width = width
        self.ws.row_dimensions[self.HEADER_ROW].height = 30
        self.ws.freeze_panes = self.ws.cell(self.HEADER_ROW + 1, frozen_columns + 1)
        self.ws.print_title_rows = f"{self.HEADER_ROW}:{self.HEADER_ROW}"
        last = get_column_letter(len(names))
        self.ws.auto_filter.ref = f"A{self.HEADER_ROW}:{last}{self.HEADER_ROW}"
        if fit:  # a table the width of a page
            landscape_fit_to_width(self.ws)
        else:  # the detail prints across pages, its first columns on each
            self.ws.page_setup.orientation = "landscape"
            self.ws.page_setup.paperSize = self.ws.PAPERSIZE_A4
            self.ws.print_title_cols = f"A:{get_column_letter(frozen_columns)}"

    def put(self, row: int, col: int, value: Any, number_format: str | None = None) -> None:
        c = self.ws.cell(self.HEADER_ROW + row, col, value)
        c.font, c.border = self.body, _BORDER
        if number_format and value is not None:
            c.number_format = number_format
            c.alignment = Alignment(horizontal="right")
        elif isinstance(value, str):
            c.number_format = "@"  # codes stay text when reopened


def _month_header(key: str) -> str:
    year, month = key.split("-")
    return strings.HO_XL_MONTH_HEADER.format(year=int(year), month=int(month))


def _project_month_table(wb: Workbook, title: str, table: MetricTable, number_format: str,
                         subtitle: str) -> None:
    ws = wb.create_sheet(title)
    sheet = _Sheet(ws, title, subtitle)
    sheet.header([*strings.HO_XL_PROJECT_HEADERS, *map(_month_header, table.months)],
                 [12, 34, *([11] * len(table.months))], 2)
    for r, row in enumerate(table.rows, start=1):
        sheet.put(r, 1, row.code)
        sheet.put(r, 2, row.name)
        for c, value in enumerate(row.values, start=3):
            sheet.put(r, c, value, number_format)


def _leave_table(wb: Workbook, stats: Statistics, subtitle: str) -> None:
    title = strings.HO_XL_SHEET_LEAVE
    ws = wb.create_sheet(title)
    sheet = _Sheet(ws, title, subtitle)
    kinds = stats.leave.types
    labels = [strings.LEAVE_TYPE_LABELS.get(k, k) for k in kinds]
    sheet.header([*strings.HO_XL_PROJECT_HEADERS, strings.HO_XL_MONTH_COLUMN, *labels,
                  strings.HO_XL_LEAVE_TOTAL], [12, 34, 11, *([9] * len(kinds)), 9], 3)
    for r, row in enumerate(stats.leave.rows, start=1):
        sheet.put(r, 1, row.code)
        sheet.put(r, 2, row.name)
        sheet.put(r, 3, _month_header(row.month))
        for c, kind in enumerate(kinds, start=4):
            sheet.put(r, c, float(row.days.get(kind, 0.0)), DAYS_FORMAT)
        sheet.put(r, 4 + len(kinds), row.total, DAYS_FORMAT)


def _detail(wb: Workbook, stats: Statistics, subtitle: str) -> None:
    title = strings.HO_XL_SHEET_DETAIL
    ws = wb.create_sheet(title)
    sheet = _Sheet(ws, title, subtitle)
    labels = strings.HO_XL_DETAIL_HEADERS
    columns = [c for c in DETAIL_COLUMNS if c in labels]
    widths = [34.0 if c == "name" else 12.0 if c in _TEXT_COLUMNS else 10.0 for c in columns]
    sheet.header([labels[c] for c in columns], widths, 3, fit=False)
    for r, record in enumerate(stats.detail, start=1):
        for c, name in enumerate(columns, start=1):
            value = record.value(name)
            if name == "month":
                sheet.put(r, c, _month_header(str(value)))
            elif name in _TEXT_COLUMNS:
                sheet.put(r, c, str(value))
            elif name == "locked":
                sheet.put(r, c, strings.HO_XL_YES if value else strings.HO_XL_NO)
            elif name in _PERCENT:
                sheet.put(r, c, None if value is None else float(value), PERCENT_FORMAT)
            elif name in _DAYS:
                sheet.put(r, c, float(value or 0), DAYS_FORMAT)
            else:
                sheet.put(r, c, int(value or 0), INT_FORMAT)


def write_statistics_xlsx(stats: Statistics, path: Path, now: dt.datetime) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    first, last = (stats.months[0], stats.months[-1]) if stats.months else ("", "")
    projects = len(stats.projects)
    subtitle = strings.HO_XL_SUBTITLE.format(projects=projects,
                                             at=now.strftime("%Y-%m-%d %H:%M"))
    title = strings.HO_XL_TITLE.format(first=first, last=last)
    _project_month_table(wb, strings.HO_XL_SHEET_RATE, stats.attendance_rate, PERCENT_FORMAT,
                         f"{title}    {subtitle}")
    _project_month_table(wb, strings.HO_XL_SHEET_LATE, stats.late_minutes, INT_FORMAT,
                         f"{title}    {subtitle}")
    _leave_table(wb, stats, f"{title}    {subtitle}")
    _detail(wb, stats, f"{title}    {subtitle}")
    save_workbook(wb, path)
    return path
