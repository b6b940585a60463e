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
    save_workbook,
    titled_table,
)

if TYPE_CHECKING:
    from app.services.project_dto import ProjectDTO
    from app.services.roster_dto import PersonDTO

EXPORT_COLUMNS = ("employee_no", "name", "device_user_id", "role", "phone", "id_card_no",
                  "start_date", "end_date", "status", "nda", "training", "equipment")
WIDTHS = [10, 10, 8, 16, 14, 22, 12, 12, 8, 12, 12, 10]


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _row(p: PersonDTO) -> list[Any]:
    return [
        p.employee_no, p.name, p.device_user_id or "", p.role, p.phone_masked,
        p.id_card_masked, _d(p.start_date), _d(p.end_date), p.status_label,
        _d(p.nda_date) if p.nda_signed else strings.NO,
        _d(p.training_date) if p.training_done else strings.NO,
        p.equipment_outstanding or "",
    ]


def write_roster_xlsx(path: Path, people: Sequence[PersonDTO], project: ProjectDTO,
                      today: dt.date) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.ROSTER_SHEET_TITLE
    title = f"{project.name} {strings.ROSTER_SHEET_TITLE}".strip()
    subtitle = strings.ROSTER_EXPORT_SUBTITLE.format(
        project=project.name, date=today.isoformat(), n=len(people))
    titled_table(ws, title, subtitle, [strings.ROSTER_COLUMNS[c] for c in EXPORT_COLUMNS],
                 [_row(p) for p in people], WIDTHS)
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
