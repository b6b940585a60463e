"""Roster export: one formatted sheet, phone and ID numbers masked (SPEC R2, Q3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app import strings
from app.documents.excel_common import (
    BORDER,
    CENTER,
    FONT_NAME,
    HEADER_FILL,
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
from app.dto.dates import cn_date

if TYPE_CHECKING:
    from app.dto.project import ProjectDTO
    from app.dto.roster import PersonDTO

EXPORT_COLUMNS = ("employee_no", "name", "device_user_id", "role", "phone", "id_card_no",
                  "start_date", "end_date", "status", "nda", "training", "equipment")
WIDTHS = [10, 10, 8, 16, 14, 22, 17, 17, 8, 17, 17, 10]
HEADER_ROW = 3  # where the roster import looks for the header (after title and subtitle)


def _row(p: PersonDTO, full_numbers: bool = False) -> list[Any]:
    """Dates as date cells (Chinese long format); a signed NDA or finished training is its
    date (yes when signed without one), no when not. Numbers masked unless ``full_numbers``
    (an admin's audited choice, issue 18: the DTOs then hold the full ones)."""
    return [
        p.employee_no, p.name, p.device_user_id or "", p.role,
        p.phone if full_numbers else p.phone_masked,
        p.id_card_no if full_numbers else p.id_card_masked,
        p.start_date or "", p.end_date or "", p.status_label,
        (p.nda_date or strings.YES) if p.nda_signed else strings.NO,
        (p.training_date or strings.YES) if p.training_done else strings.NO,
        p.equipment_outstanding or "",
    ]


def roster_signatures(project: ProjectDTO, prepared_by: str) -> list[tuple[str, str]]:
    """The preparer, the contractor's project manager and the client's project lead, with the
    names the project settings give."""
    client = project.client_label or strings.DEFAULT_CLIENT_LABEL
    return [(strings.DOC_ROLE_PREPARED_BY, prepared_by),
            (strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
            (strings.DOC_ROLE_CLIENT_LEAD.format(client=client), project.client_project_lead)]


def write_roster_xlsx(path: Path, people: Sequence[PersonDTO], project: ProjectDTO,
                      today: dt.date, prepared_by: str = "",
                      full_numbers: bool = False) -> None:
    """The roster (header on row 3, the columns the roster import reads back), dates as
    date cells, the signature lines under the table, print titles and page header/footer."""
    st = Styles()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.ROSTER_SHEET_TITLE
    title = f"{project.name} {strings.ROSTER_SHEET_TITLE}".strip()
    day = cn_date(today)
    subtitle = strings.ROSTER_EXPORT_SUBTITLE.format(project=project.name, date=day,
                                                     n=len(people))
    headers = [strings.ROSTER_COLUMNS[c] for c in EXPORT_COLUMNS]
    widths: list[float] = list(WIDTHS)
    widths[1] = text_width([p.name for p in people], WIDTHS[1], 30)
    widths[3] = text_width([p.role for p in people], WIDTHS[3], 30)
    title_block(ws, title, [subtitle], len(headers), st, sum(widths))
    header_row(ws, HEADER_ROW, headers, widths, st)
    for i, p in enumerate(people, start=HEADER_ROW + 1):
        for j, value in enumerate(_row(p, full_numbers), start=1):
            put(ws, i, j, value, st)
    last = HEADER_ROW + len(people)
    end = signature_lines(ws, max(last, HEADER_ROW) + 2,
                          roster_signatures(project, prepared_by), len(headers), st)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_area = f"A1:{get_column_letter(len(headers))}{end}"
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.4
    print_titles_and_header_footer(ws, title, project.name,
                                   strings.XL_ROSTER_AS_OF.format(date=day),
                                   f"{HEADER_ROW}:{HEADER_ROW}")
    save_workbook(wb, path)


# ---- import template ----------------------------------------------------------------------
TEMPLATE_COLUMNS = ("employee_no", "name", "device_user_id", "role", "phone", "id_card_no",
                    "start_date", "end_date", "status", "first_work_date", "note")
TEMPLATE_WIDTHS = (12, 10, 10, 16, 14, 22, 12, 12, 10, 14, 24)
TEMPLATE_ROWS = 500  # rows below the header that get the drop-downs and text formats
_TEXT_COLUMNS = ("employee_no", "device_user_id", "phone", "id_card_no")
_DATE_COLUMNS = ("start_date", "end_date", "first_work_date")
_REQUIRED = ("employee_no", "name")
LIST_SHEET = "lists"  # hidden: drop-down choices too long to write into the rule


def _choice_rule(wb: Workbook, column: int, choices: Sequence[str]) -> DataValidation:
    """A drop-down of ``choices``: written into the rule when short, else a hidden sheet."""
    inline = ",".join(choices)
    if len(inline) <= 250 and '"' not in inline:
        return DataValidation(type="list", formula1=f'"{inline}"', allow_blank=True)
    ws = wb[LIST_SHEET] if LIST_SHEET in wb.sheetnames else wb.create_sheet(LIST_SHEET)
    ws.sheet_state = "hidden"
    for i, choice in enumerate(choices, start=1):
        ws.cell(row=i, column=column, value=choice)
    letter = get_column_letter(column)
    return DataValidation(type="list", allow_blank=True,
                          formula1=f"{LIST_SHEET}!${letter}$1:${letter}${len(choices)}")


def write_roster_template(path: Path, roles: Sequence[str], today: dt.date) -> None:
    """A roster to fill in: a note row, the header (required columns marked *), one sample
    row, drop-downs for role and status, text format for ids and phone, date format for dates."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.ROSTER_TEMPLATE_SHEET
    last = get_column_letter(len(TEMPLATE_COLUMNS))
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = strings.ROSTER_TEMPLATE_NOTE
    ws["A1"].font = Font(name=FONT_NAME, size=10, italic=True)
    sample: dict[str, Any] = {**strings.ROSTER_TEMPLATE_SAMPLE,
                              "role": roles[0] if roles else "",
                              "start_date": today, "status": strings.STATUS_LABELS["active"]}
    for j, (code, width) in enumerate(zip(TEMPLATE_COLUMNS, TEMPLATE_WIDTHS, strict=True),
                                      start=1):
        label = strings.ROSTER_IMPORT_FIELD_LABELS[code] + ("*" if code in _REQUIRED else "")
        head = ws.cell(row=2, column=j, value=label)
        head.font = Font(name=FONT_NAME, size=10, bold=True)
        head.fill, head.border, head.alignment = HEADER_FILL, BORDER, CENTER
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = width
        number_format = ("@" if code in _TEXT_COLUMNS
                         else "yyyy-mm-dd" if code in _DATE_COLUMNS else None)
        if number_format:
            for r in range(3, TEMPLATE_ROWS + 3):
                ws.cell(row=r, column=j).number_format = number_format
        ws.cell(row=3, column=j, value=sample.get(code) or None).font = Font(
            name=FONT_NAME, size=10, italic=True, color="808080")  # the sample looks like one
    rules = {"role": list(roles), "status": list(strings.STATUS_LABELS.values())}
    for code, choices in rules.items():
        j = TEMPLATE_COLUMNS.index(code) + 1
        rule = _choice_rule(wb, j, choices)
        letter = get_column_letter(j)
        rule.add(f"{letter}3:{letter}{TEMPLATE_ROWS + 2}")
        ws.add_data_validation(rule)
    ws.freeze_panes = "A3"
    save_workbook(wb, path)
