"""The monthly deduction-score sheet as PDF and Excel, and one person's incident
list (SPEC S3, P1, P2).

The sheet opens with one row per person (rank, base, deductions, rewards, score, flag), then
the incidents grouped by person. A waived incident stays listed: grey with its reason in the
PDF, struck through in Excel, never counted. Signatures: the preparer, the contractor's
project manager, the client's project lead and the client department.

Every writer takes the ``ScoresMonthDTO`` exactly as ``ScoreService.month`` returns it, so a
printed sheet shows what the screen shows.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.documents.excel_common import (
    CENTER,
    Styles,
    header_row,
    landscape_fit_to_width,
    print_titles_and_header_footer,
    put,
    save_workbook,
    signature_lines,
)
from app.documents.form_text import (
    client,
    client_dept,
    cn_date,
    person_subject,
    running_head,
    supervisor,
)
from app.documents.operators import operator_name
from app.documents.pdf_layout import (
    Area,
    Cell,
    Field,
    FieldGrid,
    Form,
    Para,
    Shade,
    Signature,
    Table,
    build_pdf,
    project_fields,
)

if TYPE_CHECKING:
    from app.dto.project import ProjectDTO
    from app.dto.scores import IncidentDTO, PersonScore, ScoresMonthDTO

FLAG_FILL = "FDE2E0"
MUTED_FONT = "808080"
TOTAL_WIDTHS = (7.0, 12.0, 14.0, 20.0, 9.0, 9.0, 9.0, 9.0, 9.0, 16.0, 22.0)
DETAIL_WIDTHS = (6.0, 21.0, 6.0, 9.0, 30.0, 9.0, 9.0, 41.0, 14.0, 32.0)


def sheet_title(month: ScoresMonthDTO, project: ProjectDTO) -> str:
    title = strings.SCORE_SHEET_TITLE.format(project=project.name, year=month.year,
                                             month=month.month)
    return title + (strings.MONTH_SHEET_PROVISIONAL_SUFFIX if month.provisional else "")


def threshold_text(month: ScoresMonthDTO) -> str:
    if month.threshold is None:
        return strings.SCORE_NO_THRESHOLD
    return strings.SCORE_THRESHOLD_TEXT.format(threshold=month.threshold,
                                               label=month.flag_label)


def state_text(month: ScoresMonthDTO) -> str:
    return strings.SCORE_STATE_LOCKED if month.locked else strings.MONTH_SHEET_UNLOCKED


def header_fields(month: ScoresMonthDTO, project: ProjectDTO) -> list[Field]:
    return [*project_fields(project),
            Field(strings.SCORE_MONTH_LABEL, strings.MONTH_TITLE.format(year=month.year,
                                                                        month=month.month)),
            Field(strings.SCORE_BASE_LABEL, str(month.base)),
            Field(strings.SCORE_THRESHOLD_LABEL, threshold_text(month)),
            Field(strings.MONTH_SHEET_STATE, state_text(month))]


def signature_parties(project: ProjectDTO, prepared_by: str = "") -> list[Signature]:
    """Prepared by, the contractor's project manager, the client's project lead, then the
    two parties the regulation has verify: the client department and the supervision firm
    (labels from the project settings)."""
    return [Signature(strings.DOC_ROLE_PREPARED_BY, prepared_by),
            Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
            Signature(strings.DOC_ROLE_CLIENT_LEAD.format(client=client(project)),
                      project.client_project_lead),
            Signature(strings.DOC_ROLE_VERIFY.format(party=client_dept(project))),
            Signature(strings.DOC_ROLE_VERIFY.format(party=supervisor(project)), seal=True)]


def _points(value: int) -> str:
    return f"{value:+d}" if value else "0"


def total_row(p: PersonScore, flag_label: str) -> list[Cell]:
    deductions = sum(1 for i in p.incidents if i.counted and i.points < 0)
    waived = sum(1 for i in p.incidents if i.waived)
    return [p.rank, p.employee_no, p.name, p.role, p.base, deductions or "",
            p.deductions or "", p.rewards or "", p.score, flag_label if p.flagged else "",
            strings.SCORE_WAIVED_COUNT.format(n=waived) if waived else ""]


def status_text(i: IncidentDTO) -> str:
    if i.waived:
        return strings.SCORE_STATUS_WAIVED.format(reason=i.waive_reason)
    if not i.in_force:
        return strings.SCORE_STATUS_NOT_IN_FORCE
    return strings.SCORE_STATUS_COUNTED


def detail_row(n: int, i: IncidentDTO, manager: str = "") -> list[Cell]:
    """The incident row as printed: the date in the forms' date style."""
    note = i.note + (strings.SCORE_OVERRIDDEN if i.overridden else "")
    return [n, cn_date(i.at.date()), strings.WEEKDAYS_SHORT[i.at.weekday()],
            i.at.strftime("%H:%M"), i.rule_label, _points(i.points),
            strings.SCORE_SOURCE_LABELS[i.source], note, operator_name(i.recorded_by, manager),
            status_text(i)]


def legend(month: ScoresMonthDTO) -> list[str]:
    return [strings.SCORE_SHEET_LEGEND.format(base=month.base, threshold=threshold_text(month))]


# ---- PDF -----------------------------------------------------------------------------------
def score_form(month: ScoresMonthDTO, project: ProjectDTO, prepared_by: str = "") -> Form:
    """The sheet as a :class:`Form` (exposed for previews and tests)."""
    rows = [total_row(p, month.flag_label) for p in month.people]
    shades = [Shade(Area(0, 1 + r, -1, 1 + r), "#" + FLAG_FILL)
              for r, p in enumerate(month.people) if p.flagged]
    body: list[Table | Para] = [Table(
        header=[list(strings.SCORE_TOTAL_HEADERS)], rows=rows, widths=TOTAL_WIDTHS,
        align="CCLLCCCCCCL", shades=shades, font_size=9.0, row_height=15.0,
        caption=strings.SCORE_TOTAL_CAPTION, empty_text=strings.DOC_NO_PEOPLE)]
    with_incidents = [p for p in month.people if p.incidents]
    body.append(Para(strings.SCORE_DETAIL_CAPTION, "heading"))
    for p in sorted(with_incidents, key=lambda x: x.employee_no):
        body.append(_person_table(p, caption=strings.SCORE_PERSON_CAPTION.format(
            name=p.name, no=p.employee_no, score=p.score, rank=p.rank),
            manager=project.project_manager))
    quiet = [p.name for p in sorted(month.people, key=lambda x: x.employee_no)
             if not p.incidents]
    if quiet:
        body.append(Para(strings.SCORE_NO_INCIDENTS_FOR.format(
            names=strings.LIST_SEP.join(quiet)), "note"))
    return Form(
        title=sheet_title(month, project), landscape=True,
        fields=header_fields(month, project), field_columns=4, body=body,
        signatures=signature_parties(project, prepared_by), signature_columns=3,
        legend=legend(month),
        watermark=strings.PROVISIONAL_MARK if month.provisional else "",
        status=state_text(month), author=prepared_by,
        running_head=running_head(strings.SCORE_SHEET_SUBJECT, strings.MONTH_TITLE.format(
            year=month.year, month=month.month)),
        extra={"subject": strings.SCORE_SHEET_SUBJECT, "keywords": month.key})


def _person_table(p: PersonScore, caption: str = "", manager: str = "") -> Table:
    return Table(header=[list(strings.SCORE_DETAIL_HEADERS)],
                 rows=[detail_row(n, i, manager)
                       for n, i in enumerate(p.incidents, start=1)],
                 widths=DETAIL_WIDTHS, align="CCCCLCCLCL", wrap=(7, 9), font_size=8.5,
                 caption=caption, empty_text=strings.SCORE_NO_INCIDENTS,
                 muted=[n for n, i in enumerate(p.incidents) if i.waived])


def write_score_pdf(path: Path, month: ScoresMonthDTO, project: ProjectDTO,
                    prepared_by: str = "") -> None:
    """A4 landscape: totals with rank and flag, then the incidents by person (SPEC P1)."""
    build_pdf(path, score_form(month, project, prepared_by))


def person_form(month: ScoresMonthDTO, person: PersonScore, project: ProjectDTO) -> Form:
    facts = [Field(strings.SCORE_BASE_LABEL, str(person.base)),
             Field(strings.SCORE_DEDUCTIONS_LABEL, str(person.deductions)),
             Field(strings.SCORE_REWARDS_LABEL, str(person.rewards)),
             Field(strings.SCORE_SCORE_LABEL, str(person.score)),
             Field(strings.SCORE_RANK_LABEL, strings.SCORE_RANK_VALUE.format(
                 rank=person.rank, n=len(month.people))),
             Field(strings.SCORE_RESULT_LABEL,
                   month.flag_label if person.flagged else strings.SCORE_RESULT_OK)]
    return Form(
        title=strings.SCORE_PERSON_TITLE,
        subtitle=strings.SCORE_PERSON_SUBTITLE.format(
            name=person.name, no=person.employee_no,
            month=strings.MONTH_TITLE.format(year=month.year, month=month.month)),
        fields=project_fields(project),
        body=[FieldGrid(facts, columns=3), _person_table(person, manager=project.project_manager)],
        signatures=[Signature(strings.DOC_ROLE_PERSON_CONFIRM, person.name),
                    Signature(strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager)],
        legend=legend(month), status=state_text(month),
        running_head=running_head(strings.SCORE_PERSON_TITLE, person_subject(
            person.name, person.employee_no,
            strings.MONTH_TITLE.format(year=month.year, month=month.month))),
        extra={"subject": strings.SCORE_PERSON_TITLE, "keywords": month.key})


def write_person_incidents_pdf(path: Path, month: ScoresMonthDTO, person: PersonScore,
                               project: ProjectDTO) -> None:
    build_pdf(path, person_form(month, person, project))


# ---- Excel ---------------------------------------------------------------------------------
XLSX_HEADER_ROW = 4
XLSX_TOTAL_WIDTHS = (6.0, 10.0, 10.0, 16.0, 8.0, 8.0, 8.0, 8.0, 8.0, 12.0, 16.0)
XLSX_DETAIL_WIDTHS = (9.0, 9.0, 16.0, 5.0, 7.0, 26.0, 6.0, 6.0, 36.0, 10.0, 36.0)
POINTS_FORMAT = "+0;-0;0"  # a deduction prints as -2, a reward as +1, and stays a number


def xlsx_total_row(p: PersonScore, flag_label: str) -> list[Any]:
    """A person's totals as numbers (rank, base, count of deductions, deducted and rewarded
    points, score): Excel can add them up."""
    deductions = sum(1 for i in p.incidents if i.counted and i.points < 0)
    waived = sum(1 for i in p.incidents if i.waived)
    return [p.rank, p.employee_no, p.name, p.role, p.base, deductions, p.deductions,
            p.rewards, p.score, flag_label if p.flagged else "",
            strings.SCORE_WAIVED_COUNT.format(n=waived) if waived else ""]


def xlsx_detail_row(i: IncidentDTO, manager: str = "") -> list[Any]:
    """An incident: its day as a date cell, its time as a time cell, its points a number."""
    note = i.note + (strings.SCORE_OVERRIDDEN if i.overridden else "")
    return [i.employee_no, i.name, i.at.date(), strings.WEEKDAYS_SHORT[i.at.weekday()],
            i.at.time().replace(second=0, microsecond=0), i.rule_label, i.points,
            strings.SCORE_SOURCE_LABELS[i.source], note, operator_name(i.recorded_by, manager),
            status_text(i)]


def write_score_xlsx(path: Path, month: ScoresMonthDTO, project: ProjectDTO,
                     prepared_by: str = "") -> None:
    """Two print-ready sheets (SPEC P2): the totals with the signature rows, and the
    incidents with a row per incident (waived ones struck through). Points, counts and
    scores are numbers, dates date cells; every printed page repeats the column header and
    carries the title, project and month in its header and the page number in its footer."""
    st = Styles()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = strings.SCORE_XLSX_TOTALS
    fields = header_fields(month, project)
    title = sheet_title(month, project)
    month_label = strings.MONTH_TITLE.format(year=month.year, month=month.month)
    headers = list(strings.SCORE_TOTAL_HEADERS)
    _title(ws, title, fields, len(headers), st)
    rows = [xlsx_total_row(p, month.flag_label) for p in month.people]
    last = _table(ws, headers, rows, XLSX_TOTAL_WIDTHS, st, wrap=(10,),
                  fills={i for i, p in enumerate(month.people) if p.flagged})
    last = _closing(ws, legend(month), signature_parties(project, prepared_by), len(headers),
                    last + 2, st)
    _page_setup(ws, len(headers), last, 4, (title, project.name, month_label))
    details = wb.create_sheet(strings.SCORE_XLSX_DETAILS)
    headers = list(strings.SCORE_XLSX_DETAIL_HEADERS)
    _title(details, title, fields, len(headers), st)
    incidents = [i for p in sorted(month.people, key=lambda x: x.employee_no)
                 for i in p.incidents]
    rows = [xlsx_detail_row(i, project.project_manager) for i in incidents]
    last = _table(details, headers, rows, XLSX_DETAIL_WIDTHS, st, wrap=(8, 10),
                  struck={n for n, i in enumerate(incidents) if i.waived},
                  formats={6: POINTS_FORMAT})
    _page_setup(details, len(headers), last, 3, (title, project.name, month_label))
    save_workbook(wb, path)


def _title(ws: Worksheet, title: str, fields: list[Field], ncols: int, st: Styles) -> None:
    last_col = get_column_letter(ncols)
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"] = title
    ws["A1"].font, ws["A1"].alignment = st.title, CENTER
    ws.row_dimensions[1].height = 30
    for row, chunk in ((2, fields[:4]), (3, fields[4:])):
        ws.merge_cells(f"A{row}:{last_col}{row}")
        cell = ws.cell(row=row, column=1, value="    ".join(
            f"{f.label}{strings.DOC_LABEL_SEP}{f.value}" for f in chunk))
        cell.font, cell.alignment = st.text, st.left
        ws.row_dimensions[row].height = 18


def _table(ws: Worksheet, headers: list[str], rows: list[list[Any]],
           widths: tuple[float, ...], st: Styles, wrap: tuple[int, ...] = (),
           fills: set[int] | None = None, struck: set[int] | None = None,
           formats: dict[int, str] | None = None) -> int:
    """Header row and bordered body rows (0-based ``wrap``/``formats`` columns); returns the
    last row used."""
    h = XLSX_HEADER_ROW
    header_row(ws, h, headers, widths, st)
    flag_fill = PatternFill("solid", fgColor=FLAG_FILL)
    for r, values in enumerate(rows):
        lines = max((_lines(str(values[c]), widths[c]) for c in wrap if c < len(values)),
                    default=1)
        ws.row_dimensions[h + 1 + r].height = 16 * lines
        font = st.struck if r in (struck or set()) else st.text
        for c, value in enumerate(values):
            put(ws, h + 1 + r, c + 1, value, st, font=font,
                align=st.wrap if c in wrap else None, number_format=(formats or {}).get(c))
            if r in (fills or set()):
                ws.cell(row=h + 1 + r, column=c + 1).fill = flag_fill
    return h + max(len(rows), 1)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: a CJK character is about 1.8 width units."""
    units = sum(1.8 if ord(ch) > 0x2E80 else 1.0 for ch in text)
    return max(1, math.ceil(units / max(width - 1, 1)))


def _closing(ws: Worksheet, lines: list[str], parties: list[Signature], ncols: int,
             row: int, st: Styles) -> int:
    """Legend rows, then the signature blocks; returns the last row used."""
    last_col = get_column_letter(ncols)
    for line in lines:
        ws.merge_cells(f"A{row}:{last_col}{row}")
        cell = ws.cell(row=row, column=1, value=line)
        cell.font = st.small
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[row].height = 30
        row += 1
    return signature_lines(ws, row + 1, [(p.role, p.name) for p in parties], ncols, st,
                           per_row=2)


def _page_setup(ws: Worksheet, ncols: int, last_row: int, freeze_col: int,
                subject: tuple[str, str, str]) -> None:
    """A4 landscape fit to width; ``subject`` (title, project, month) in every page's
    header, the page number in the footer, the column header repeated."""
    ws.freeze_panes = ws.cell(row=XLSX_HEADER_ROW + 1, column=freeze_col).coordinate
    ws.print_area = f"A1:{get_column_letter(ncols)}{last_row}"
    landscape_fit_to_width(ws)
    ws.page_margins.left = ws.page_margins.right = 0.4
    print_titles_and_header_footer(ws, *subject, f"{XLSX_HEADER_ROW}:{XLSX_HEADER_ROW}")
