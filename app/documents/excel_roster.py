"""Roster export: one formatted sheet, phone and ID numbers masked (SPEC R2, Q3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook

from app import strings
from app.documents.excel_common import save_workbook, titled_table

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
