"""Print-ready openpyxl sheets: A4 landscape, fit to width, frozen and repeated headers."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.errors import AppError

FONT_NAME = strings.EXCEL_FONT
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
