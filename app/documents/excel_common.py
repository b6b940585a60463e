"""Print-ready openpyxl sheets: A4 landscape, fit to width, frozen and repeated headers."""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.errors import AppError

FONT_NAME = strings.EXCEL_FONT
# Characters a worksheet cannot hold (XML 1.0 forbids C0 controls but TAB, LF and CR; lone
# surrogates cannot be encoded; U+FFFE/U+FFFF are not characters).
ILLEGAL_IN_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def cell_text(value: str) -> str:
    """``value`` without the characters a worksheet cannot hold (they are dropped)."""
    return ILLEGAL_IN_CELL.sub("", value)


def _install_cell_guard() -> None:
    """Every cell written through openpyxl (``ws.cell(value=…)``, ``ws["A1"] = …``) drops the
    characters Excel cannot hold instead of raising IllegalCharacterError: one odd
    character in one record (stored before input was checked, or read from a clock) must
    never cost the whole export. Installed once, when the first Excel writer is imported;
    openpyxl then checks and truncates the cleaned text as before."""
    original = Cell.check_string
    if getattr(original, "_onsitedesk_guard", False):
        return

    def check_string(self: Cell, value: Any) -> Any:
        if isinstance(value, str) and ILLEGAL_IN_CELL.search(value):
            value = cell_text(value)
        return original(self, value)

    setattr(check_string, "_onsitedesk_guard", True)  # noqa: B010 -- a mark on a function
    setattr(Cell, "check_string", check_string)  # noqa: B010 -- openpyxl's own hook


_install_cell_guard()
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)


def titled_table(ws: Worksheet, title: str, subtitle: str, headers: list[str],
                 rows: list[list[Any]], widths: Sequence[float]) -> None:
    """Title (row 1), subtitle (row 2), header (row 3) and bordered body rows."""
    last_col = get_column_letter(len(headers))
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    ws["A1"].alignment = CENTER
    ws.row_dimensions[1].height = 28
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"] = subtitle
    ws["A2"].font = Font(name=FONT_NAME, size=10)
    ws["A2"].alignment = LEFT
    for j, (label, width) in enumerate(zip(headers, widths, strict=True), start=1):
        c = ws.cell(row=3, column=j, value=label)
        c.font = Font(name=FONT_NAME, size=10, bold=True)
        c.fill, c.border, c.alignment = HEADER_FILL, BORDER, CENTER
        ws.column_dimensions[get_column_letter(j)].width = width
    body_font = Font(name=FONT_NAME, size=10)
    for i, row in enumerate(rows, start=4):
        for j, value in enumerate(row, start=1):
            c = ws.cell(row=i, column=j, value=value)
            c.font, c.border = body_font, BORDER
            c.alignment = CENTER if isinstance(value, int | float) or len(str(value)) <= 4 \
                else LEFT
            if isinstance(value, str) and value[:1].isdigit():
                c.number_format = "@"  # ids stay text when reopened
    ws.freeze_panes = "C4"
    ws.print_title_rows = "3:3"
    last_row = max(3, 3 + len(rows))
    ws.print_area = f"A1:{last_col}{last_row}"
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = strings.EXCEL_PAGE_FOOTER


def landscape_fit_to_width(ws: Worksheet) -> None:
    """A4 landscape, one page wide (as many pages down as needed), centred: every sheet the
    client signs prints this way (SPEC P2)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True


def save_workbook(wb: Workbook, path: Path) -> None:
    """Write next to the target and rename, so a failed save never leaves half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise AppError(strings.ROSTER_SAVE_FAILED.format(path=path, err=exc)) from exc


# ---- shared building blocks of the accountant-ready exports (issue 15, deliverable 5) --------
DATE_FORMAT = strings.XL_DATE_FORMAT  # year, month, day with the Chinese units
DATETIME_FORMAT = strings.XL_DATETIME_FORMAT  # the same with hh:mm
TIME_FORMAT = "hh:mm"
SECONDS_FORMAT = "hh:mm:ss"
INT_FORMAT = "0"
DECIMAL_FORMAT = "0.0#"
TEXT_FORMAT = "@"


class Styles:
    """The fonts, borders and alignments of one workbook, created once and shared by every
    cell (a new Font per cell costs time and bloats the style table)."""

    def __init__(self, size: float = 10) -> None:
        self.title = Font(name=FONT_NAME, size=16, bold=True)
        self.text = Font(name=FONT_NAME, size=size)
        self.small = Font(name=FONT_NAME, size=size - 1)
        self.bold = Font(name=FONT_NAME, size=size, bold=True)
        self.muted = Font(name=FONT_NAME, size=size, color="808080")
        self.struck = Font(name=FONT_NAME, size=size, color="808080", strike=True)
        self.border = BORDER
        self.underline = Border(bottom=Side(style="thin", color="000000"))
        self.header_fill = HEADER_FILL
        self.muted_fill = PatternFill("solid", fgColor="F2F2F2")
        self.center = CENTER
        self.left = LEFT
        self.wrap = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        # the workbook's style record of each combination used, by the objects' identity:
        # a cell then takes a copy of it instead of openpyxl hashing every object again
        self._arrays: dict[tuple[int, int, str, bool], StyleArray] = {}

    def apply(self, cell: Cell, font: Font, align: Alignment, number_format: str,
              border: bool) -> None:
        key = (id(font), id(align), number_format, border)
        cached = self._arrays.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return
        cell.font, cell.alignment, cell.number_format = font, align, number_format
        if border:
            cell.border = self.border
        self._arrays[key] = copy(cell._style)


def cell_format(value: object) -> str | None:
    """The number format a value is written with: Chinese dates, times, whole numbers."""
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, dt.time):
        return SECONDS_FORMAT if value.second else TIME_FORMAT
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return INT_FORMAT
    if isinstance(value, float):
        return DECIMAL_FORMAT
    return None


def put(ws: Worksheet, row: int, column: int, value: Any, st: Styles, *,
        font: Font | None = None, align: Alignment | None = None,
        number_format: str | None = None, border: bool = True) -> None:
    """One body cell: real numbers, dates and times (with a Chinese format), text as text."""
    cell = ws.cell(row=row, column=column, value=None if value == "" else value)
    fmt = number_format or cell_format(value)
    if fmt is None and isinstance(value, str) and value[:1].isdigit():
        fmt = TEXT_FORMAT  # employee numbers and record numbers stay text when reopened
    if align is None:
        align = st.left if isinstance(value, str) and len(value) > 6 else st.center
    st.apply(cell, font or st.text, align, fmt or "General", border)


def date_cell(ws: Worksheet, row: int, column: int, value: dt.date | None, st: Styles) -> None:
    """A date cell in the Chinese long date format (empty when there is no date)."""
    put(ws, row, column, value, st, number_format=DATE_FORMAT)


def datetime_cell(ws: Worksheet, row: int, column: int, value: dt.datetime | None,
                  st: Styles) -> None:
    """A date-and-time cell: the Chinese long date and hh:mm."""
    put(ws, row, column, value, st, number_format=DATETIME_FORMAT)


def time_cell(ws: Worksheet, row: int, column: int, value: dt.time | None, st: Styles,
              seconds: bool = True) -> None:
    """A time-of-day cell (hh:mm:ss, or hh:mm)."""
    put(ws, row, column, value, st, number_format=SECONDS_FORMAT if seconds else TIME_FORMAT)


def text_lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` column units needs (a CJK character is about 1.8
    units wide), so rows get their height before Excel or LibreOffice lays them out."""
    total = 0
    for part in str(text).split("\n"):
        units = sum(1.8 if ord(ch) > 0x2E80 else 1.0 for ch in part)
        total += max(1, math.ceil(units / max(width - 1.5, 1)))
    return max(1, total)


def text_width(texts: Sequence[str], least: float, most: float) -> float:
    """A column width (in Excel units) that shows the longest of ``texts`` on one line,
    between ``least`` and ``most``: long names are not cut off at the cell border."""
    units = max((sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in t) for t in texts),
                default=0.0)
    return max(least, min(most, math.ceil(units + 2)))


def fit_row_heights(ws: Worksheet, first: int, last: int, widths: Sequence[float],
                    wrap: Sequence[int], line: float = 14) -> None:
    """Give rows ``first..last`` the height their wrapped columns (1-based) need."""
    for r in range(first, last + 1):
        lines = max((text_lines(str(ws.cell(row=r, column=c).value or ""), widths[c - 1])
                     for c in wrap), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = line * lines + 3


def title_block(ws: Worksheet, title: str, lines: Sequence[str], ncols: int,
                st: Styles, width: float | None = None) -> int:
    """The title (row 1) and one merged line per entry of ``lines`` (project, month, ...),
    wrapped to ``width`` column units when given; returns the next free row."""
    last_col = get_column_letter(ncols)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = title
    ws["A1"].font, ws["A1"].alignment = st.title, CENTER
    # a long title wraps: 16 pt characters are about 1.6 times as wide as the 10 pt body's
    title_lines = text_lines(title, width / 1.6) if width else 1
    ws.row_dimensions[1].height = max(30, 22 * title_lines + 8)
    row = 2
    for line in lines:
        ws.merge_cells(f"A{row}:{last_col}{row}")
        cell = ws.cell(row=row, column=1, value=line)
        cell.font, cell.alignment = st.text, st.wrap if width else LEFT
        ws.row_dimensions[row].height = 15 * (text_lines(line, width) if width else 1) + 3
        row += 1
    return row


def header_row(ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[float],
               st: Styles) -> None:
    """The column headers (bold, shaded, bordered) and the column widths."""
    for j, (label, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=j, value=label)
        cell.font, cell.fill, cell.border, cell.alignment = st.bold, st.header_fill, \
            st.border, st.center
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.row_dimensions[row].height = 30 if any("\n" in h for h in headers) else 20


def _footer_text(text: str, limit: int = 80) -> str:
    """A header/footer section: '&' doubled (it starts a code), cut to fit the page."""
    text = text.replace("&", "&&")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def print_titles_and_header_footer(ws: Worksheet, title: str, project: str, month: str,
                                   title_rows: str | None = None) -> None:
    """Every printed page names its subject: the page header carries the project (left), the
    title (centre) and the month (right); the footer the page number of the total; and the
    column header rows (``title_rows`` like "4:4") repeat on every page."""
    if title_rows:
        ws.print_title_rows = title_rows
    # a title that names the project already says it: the sections then never overlap
    left = "" if project and project in title else project
    for part, text, limit in ((ws.oddHeader.left, left, 40), (ws.oddHeader.center, title, 70),
                              (ws.oddHeader.right, month, 24)):
        part.text = _footer_text(text, limit)
        part.size = 9
    ws.oddFooter.center.text = strings.EXCEL_PAGE_FOOTER
    ws.oddFooter.center.size = 9
    ws.page_margins.top, ws.page_margins.header = 0.6, 0.25
    ws.page_margins.bottom, ws.page_margins.footer = 0.6, 0.25


def signature_lines(ws: Worksheet, row: int, parties: Sequence[tuple[str, str]], ncols: int,
                    st: Styles, per_row: int = 3) -> int:
    """Signature blocks side by side (``per_row`` a line): the role and the name the project
    settings give, a signature line and a date line each; returns the last row used."""
    per_row = max(1, min(per_row, len(parties)))
    bounds = [round(i * ncols / per_row) for i in range(per_row + 1)]
    last = row
    for k, (role, name) in enumerate(parties):
        top = row + (k // per_row) * 4
        c0 = bounds[k % per_row] + 1
        c1 = max(c0, bounds[k % per_row + 1] - (1 if k % per_row < per_row - 1 else 0))
        texts = (role + (strings.DOC_LABEL_SEP + name if name else ""),
                 strings.DOC_SIGN_LABEL, strings.DOC_DATE_LABEL + strings.XLSX_DATE_BLANK)
        for j, text in enumerate(texts):
            if c1 > c0:
                ws.merge_cells(start_row=top + j, start_column=c0, end_row=top + j,
                               end_column=c1)
            cell = ws.cell(row=top + j, column=c0, value=text)
            cell.font, cell.alignment = st.text, LEFT
            for c in range(c0, c1 + 1) if j else ():
                ws.cell(row=top + j, column=c).border = st.underline
            ws.row_dimensions[top + j].height = 24
        last = top + 2
    return last
