"""The roster as a printable PDF (SPEC R2, P1, Q3: numbers masked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.documents.form_text import cn_date, running_head
from app.documents.pdf_layout import (
    Cell,
    Form,
    Para,
    Signature,
    Table,
    build_pdf,
    project_fields,
)

if TYPE_CHECKING:
    from app.dto.project import ProjectDTO
    from app.dto.roster import PersonDTO

COLUMNS = ("employee_no", "name", "device_user_id", "role", "phone", "id_card_no",
           "start_date", "end_date", "status", "nda", "training", "equipment")
WIDTHS = [6, 12, 14, 10, 22, 22, 33, 23, 23, 11, 20, 20, 12]


def _d(value: dt.date | None) -> str:
    return cn_date(value)


def roster_row(i: int, p: PersonDTO) -> list[Cell]:
    """Phone and ID-card numbers are always masked on paper (Q3)."""
    return [i, p.employee_no, p.name, p.device_user_id or "", p.role, p.phone_masked,
            p.id_card_masked, _d(p.start_date), _d(p.end_date), p.status_label,
            _d(p.nda_date) or strings.YES if p.nda_signed else strings.NO,
            _d(p.training_date) or strings.YES if p.training_done else strings.NO,
            p.equipment_outstanding or ""]


def roster_form(people: Sequence[PersonDTO], project: ProjectDTO, today: dt.date) -> Form:
    header = [strings.DOC_NO] + [strings.ROSTER_COLUMNS[c] for c in COLUMNS]
    title = f"{project.name} {strings.ROSTER_SHEET_TITLE}".strip()
    return Form(
        title=title, landscape=True, fields=project_fields(project), field_columns=4,
        body=[Para(strings.ROSTER_PDF_NOTE.format(date=cn_date(today), n=len(people)),
                   "small"),
              Table(header=[header], rows=[roster_row(i, p) for i, p in
                                           enumerate(people, start=1)],
                    widths=WIDTHS, align="CCLCCCCCCCCCC", font_size=8.5,
                    row_height=16, empty_text=strings.DOC_NO_PEOPLE)],
        signatures=[Signature(strings.DOC_ROLE_PREPARED_BY),
                    Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
                    Signature(strings.DOC_ROLE_CONTRACTOR, seal=True)],
        running_head=running_head(strings.ROSTER_SHEET_TITLE, project.name),
        extra={"subject": strings.ROSTER_SHEET_TITLE},
    )


def write_roster_pdf(path: Path, people: Sequence[PersonDTO], project: ProjectDTO,
                     today: dt.date) -> None:
    """One row per person, phone and ID numbers masked, A4 landscape."""
    build_pdf(path, roster_form(people, project, today))
