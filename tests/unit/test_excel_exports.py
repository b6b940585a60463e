"""Excel as accountants use it (issue 15, deliverable 5): the raw-punch workbook
(``punches YYYY-MM [--emp E] --xlsx``), the month's service log (``service month --xlsx``),
the roster export and the score sheet. Every workbook is read back with openpyxl: numbers
are numbers, dates are date cells with a 年月日 format, every printed page repeats the column
header and names its subject in the page header, the page number in the footer."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from app import strings
from app.domain.attendance import month_dates
from app.services import Services
from tests.helpers.cli import run_cli, run_error
from tests.helpers.db import open_services

DATE_FMT = re.compile(r'yyyy"年"m"月"d"日"')


def _sheet(path: Path, index: int = 0) -> Worksheet:
    ws = openpyxl.load_workbook(path).worksheets[index]
    assert isinstance(ws, Worksheet)
    return ws


def _header_row(ws: Worksheet, first: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=12):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no header row starting with {first}")


def _body(ws: Worksheet, head: int) -> list[list[Any]]:
    """The table rows under the header, up to the first empty row."""
    rows = []
    for row in ws.iter_rows(min_row=head + 1, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(list(row))
    return rows


def _column(ws: Worksheet, head: int, label: str) -> int:
    labels = [c.value for c in ws[head]]
    return labels.index(label)


def _assert_print_ready(ws: Worksheet, head: int, *subject: str) -> None:
    """Column header repeated on every page; title, project, month in the page header; the
    page number of the total in the footer."""
    assert ws.print_title_rows is not None
    assert re.fullmatch(rf"\$?{head}:\$?{head}", ws.print_title_rows), ws.print_title_rows
    header = " ".join(part.text or "" for part in (ws.oddHeader.left, ws.oddHeader.center,
                                                   ws.oddHeader.right))
    for text in subject:
        assert text.replace("&", "&&") in header, (text, header)
    footer = " ".join(part.text or "" for part in (ws.oddFooter.left, ws.oddFooter.center,
                                                   ws.oddFooter.right))
    assert "&P" in footer and "&N" in footer
    assert ws.page_setup.orientation == "landscape"


def _assert_date_cell(ws: Worksheet, row: int, col: int) -> dt.datetime:
    cell = ws.cell(row=row, column=col)
    assert isinstance(cell.value, dt.datetime), (cell.coordinate, cell.value)
    assert DATE_FMT.match(cell.number_format), cell.number_format
    return cell.value


# ---- raw punches ---------------------------------------------------------------------------
def _punch_count(db: Path, employee_no: str, year: int, month: int) -> tuple[int, str]:
    s = open_services(db)
    try:
        person = next(p for p in s.roster.list_people() if p.employee_no == employee_no)
        n = sum(len(s.attendance.day_detail(person.id, d).punches)
                for d in month_dates(year, month))
        return n, person.name
    finally:
        s.close()


def test_punches_xlsx_for_one_person_lists_every_punch_as_time_cells(demo_db: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "p.xlsx"
    code, stdout, err = run_cli("--db", demo_db, "punches", "2026-11", "--emp", "HX1002",
                                "--xlsx", out)
    assert code == 0, err
    expected, name = _punch_count(demo_db, "HX1002", 2026, 11)
    assert expected > 40
    ws = _sheet(out)
    head = _header_row(ws, strings.XL_PUNCH_HEADERS[0])
    rows = _body(ws, head)
    source = _column(ws, head, "来源")
    raw = [r for r in rows if r[source] not in (strings.XL_SOURCE_CORRECTION,
                                                strings.XL_SOURCE_MANUAL,
                                                strings.XL_SOURCE_NONE)]
    assert len(raw) == expected  # every stored punch, one row each
    assert str(len(rows)) in stdout
    assert {r[0] for r in rows} == {name} and {r[1] for r in rows} == {"HX1002"}
    for offset, r in enumerate(rows[:5], start=head + 1):
        day = _assert_date_cell(ws, offset, 3)
        assert day.year == 2026 and day.month == 11
        assert isinstance(r[4], dt.time)
        assert ws.cell(row=offset, column=5).number_format == "hh:mm:ss"
    # each day with punches has exactly one sign-in and one sign-out marked
    mark = _column(ws, head, "签到/签退")
    by_day: dict[Any, list[Any]] = {}
    for r in raw:
        by_day.setdefault(r[2], []).append(r[mark])
    for marks in by_day.values():
        if len(marks) >= 2:
            assert marks.count(strings.XL_SIGN_IN) == 1
            assert marks.count(strings.XL_SIGN_OUT) == 1
    title = strings.XL_PUNCH_TITLE.format(year=2026, month=11)
    assert ws["A1"].value == title
    s = open_services(demo_db)
    project = s.project.get().name
    s.close()
    _assert_print_ready(ws, head, title, project, "2026年11月")
    # the day sheet: one row a day, the count of punches a number, sign-in/out time cells
    days = _sheet(out, 1)
    dhead = _header_row(days, strings.XL_DAY_HEADERS[0])
    drows = _body(days, dhead)
    assert sum(r[4] for r in drows) == expected
    assert all(isinstance(r[4], int) for r in drows)
    assert all(isinstance(r[5], dt.time) for r in drows if r[4] >= 2)
    _assert_print_ready(days, dhead, title, project)


def test_punches_xlsx_without_emp_covers_everyone_of_the_month(demo_db: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    code, _, err = run_cli("--db", demo_db, "punches", "2026-11", "--xlsx", out)
    assert code == 0, err
    s = open_services(demo_db)
    try:
        month = s.attendance.month(2026, 11)
        people = [(p.employee_no, p.name) for p in month.people]
    finally:
        s.close()
    ws = _sheet(out)
    head = _header_row(ws, strings.XL_PUNCH_HEADERS[0])
    rows = _body(ws, head)
    assert {(r[1], r[0]) for r in rows} == set(people)
    expected, _ = _punch_count(demo_db, "HX1003", 2026, 11)
    source = _column(ws, head, "来源")
    assert sum(1 for r in rows if r[1] == "HX1003" and r[source] not in (
        strings.XL_SOURCE_CORRECTION, strings.XL_SOURCE_MANUAL,
        strings.XL_SOURCE_NONE)) == expected
    assert strings.XL_PUNCH_SCOPE_ALL.split("{")[0] in str(ws["A3"].value)


def test_corrections_and_manual_entries_show_who_and_why(demo_services: Services,
                                                         tmp_path: Path) -> None:
    """A constructed day: a forgotten check-out supplied by a correction, and a manual
    absence entry; both appear with their source, reason, approver and who entered them."""
    s = demo_services
    person = next(p for p in s.roster.list_people() if p.employee_no == "HX1004")
    day = dt.date(2026, 11, 11)
    s.attendance.add_correction(person.id, day, "pm", "out", "17:35", "考勤机故障未记录",
                                "周立群")
    s.attendance.add_manual_absence(person.id, dt.date(2026, 11, 12), "am",
                                    "unauthorized_outing", "未经批准离岗")
    out = tmp_path / "c.xlsx"
    rows_written = s.documents.punches_xlsx(2026, 11, out, person.id,
                                            now=dt.datetime(2026, 11, 29, 12))
    ws = _sheet(out)
    head = _header_row(ws, strings.XL_PUNCH_HEADERS[0])
    rows = _body(ws, head)
    assert len(rows) == rows_written
    col = {label: i for i, label in enumerate(strings.XL_PUNCH_HEADERS)}
    corr = [r for r in rows if r[col["来源"]] == strings.XL_SOURCE_CORRECTION
            and r[col["日期"]] == dt.datetime(2026, 11, 11)]
    assert len(corr) == 1
    c = corr[0]
    assert c[col["日期"]] == dt.datetime(2026, 11, 11)
    assert c[col["时间"]] == dt.time(17, 35)
    assert c[col["说明（原因/情形）"]] == "考勤机故障未记录"
    assert c[col["审批人"]] == "周立群" and c[col["登记人"]]
    assert isinstance(c[col["登记时间"]], dt.datetime)
    assert c[col["状态"]] == strings.DOC_VALID
    manual = [r for r in rows if r[col["来源"]] == strings.XL_SOURCE_MANUAL
              and r[col["日期"]] == dt.datetime(2026, 11, 12)]
    assert len(manual) == 1 and "未经批准离岗" in manual[0][col["说明（原因/情形）"]]
    assert manual[0][col["登记人"]]
    days = _sheet(out, 1)
    dhead = _header_row(days, strings.XL_DAY_HEADERS[0])
    d11 = next(r for r in _body(days, dhead) if r[2] == dt.datetime(2026, 11, 11))
    assert d11[6] == dt.time(17, 35)  # the corrected check-out is the day's sign-out
    assert strings.XL_DAY_CORRECTED in (d11[-2] or "")


@pytest.mark.parametrize(("argv", "needle"), [
    (("punches", "2026-11", "--emp", "NOPE9", "--xlsx"), "NOPE9"),
    (("punches", "2026-13", "--xlsx"), "2026-13"),
    (("punches", "2026-11", "--pdf"), "--emp"),
    (("service", "month", "11/2026", "--xlsx"), "11/2026"),
])
def test_errors_are_one_chinese_line_and_leave_no_file(demo_db: Path, tmp_path: Path,
                                                       argv: tuple[str, ...],
                                                       needle: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    err = run_error("--db", demo_db, *argv, folder / "out.file")
    assert needle in err
    assert list(folder.iterdir()) == []  # no file, no half-written part


def test_punches_needs_an_output(demo_db: Path) -> None:
    assert strings.CLI_PUNCH_NEEDS_OUTPUT in run_error("--db", demo_db, "punches", "2026-11")


# ---- the service log -----------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_service_month_xlsx_numbers_times_and_month_end_state(demo_db: Path,
                                                             tmp_path: Path) -> None:
    """October 2026: YW-2026-10-014 was still open at the month's end (resolved on 1 Nov):
    the workbook says so, as the PDF does, and never calls it resolved."""
    xlsx, pdf = tmp_path / "sv.xlsx", tmp_path / "sv.pdf"
    code, out, err = run_cli("--db", demo_db, "service", "month", "2026-10", "--xlsx", xlsx,
                             "--pdf", pdf)
    assert code == 0, err
    assert strings.CLI_SV_FILE_DONE.format(path=xlsx) in out
    data = run_cli("--db", demo_db, "service", "month", "2026-10", "--json").json()
    ws = _sheet(xlsx)
    head = _header_row(ws, strings.XL_SV_HEADERS[0])
    rows = _body(ws, head)
    col = {label: i for i, label in enumerate(strings.XL_SV_HEADERS)}
    assert [r[col["编号"]] for r in rows] == [r["number"] for r in data["records"]]
    by_no = {r["number"]: r for r in data["records"]}
    for i, r in enumerate(rows):
        record = by_no[r[col["编号"]]]
        assert isinstance(r[0], int)
        reported = _assert_datetime(ws, head + 1 + i, col["报修时间"] + 1)
        assert reported.isoformat(" ", "minutes") == record["reported_at"].replace("T", " ")[:16]
        for label, key in (("响应用时\n(分钟)", "response_minutes"),
                           ("解决用时\n(分钟)", "resolution_minutes")):
            value = r[col[label]]
            assert value == record[key]
            assert value is None or isinstance(value, int)
        within = r[col["响应\n达标"]]
        assert within == {"met": strings.XL_WITHIN, "missed": strings.XL_NOT_WITHIN}.get(
            record["response"], within)
    open_numbers = set(data["summary"]["open"])
    assert "YW-2026-10-014" in open_numbers
    resolved_label = strings.SV_RESULT_LABELS["resolved"]
    for r in rows:
        state = r[col["月末状态"]]
        if r[col["编号"]] in open_numbers:
            assert not state.startswith(resolved_label), state  # never resolved and open
        else:
            assert by_no[r[col["编号"]]]["result"] != "resolved" or state == resolved_label
    late = next(r for r in rows if r[col["编号"]] == "YW-2026-10-014")
    assert late[col["月末状态"]].startswith("月末未解决")
    squeezed = re.sub(r"\s+", "", _pdf_text(pdf))
    assert "月末未解决" in squeezed and "YW-2026-10-014" in squeezed
    title = strings.SV_MONTH_TITLE.format(project=by_project(demo_db), year=2026, month=10)
    _assert_print_ready(ws, head, title, "2026年10月")
    # the summary: the commitment figures as numbers, the same as the JSON
    summary = _sheet(xlsx, 1)
    shead = _header_row(summary, strings.XL_SV_SUMMARY_HEADERS[0])
    response, resolution = _body(summary, shead)[:2]
    for row, key in ((response, "response"), (resolution, "resolution")):
        stat = data["summary"][key]
        assert row[1:5] == [stat["target"], stat["met"] + stat["missed"], stat["met"],
                            stat["missed"]]
        assert all(isinstance(v, int) for v in row[1:5])
        assert isinstance(row[5], float)
    _assert_print_ready(summary, shead, title)
    texts = [str(c.value) for r in summary.iter_rows() for c in r if c.value]
    assert any(t.startswith(strings.DOC_ROLE_PREPARED_BY) for t in texts)


def _assert_datetime(ws: Worksheet, row: int, col: int) -> dt.datetime:
    cell = ws.cell(row=row, column=col)
    assert isinstance(cell.value, dt.datetime), (cell.coordinate, cell.value)
    assert DATE_FMT.match(cell.number_format) and "hh:mm" in cell.number_format
    return cell.value


def by_project(db: Path) -> str:
    s = open_services(db)
    try:
        return s.project.get().name
    finally:
        s.close()


# ---- roster and score sheet ----------------------------------------------------------------
def test_roster_export_has_date_cells_signature_lines_and_page_header(demo_db: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    assert run_cli("--db", demo_db, "roster", "export", out).code == 0
    s = open_services(demo_db)
    try:
        project = s.project.get()
        people = {p.employee_no: p for p in s.roster.list_people()}
    finally:
        s.close()
    ws = _sheet(out)
    head = _header_row(ws, "工号")
    assert head == 3  # where the roster import looks for it
    rows = _body(ws, head)
    start = list(strings.ROSTER_COLUMNS.values()).index("入场日期")
    for i, r in enumerate(rows, start=head + 1):
        p = people[r[0]]
        if p.start_date:
            assert _assert_date_cell(ws, i, start + 1).date() == p.start_date
    texts = [str(c.value) for r in ws.iter_rows() for c in r if c.value]
    client = project.client_label or strings.DEFAULT_CLIENT_LABEL
    for role, name in ((strings.DOC_ROLE_PREPARED_BY, project.project_manager),
                       (strings.DOC_ROLE_PROJECT_MANAGER, project.project_manager),
                       (strings.DOC_ROLE_CLIENT_LEAD.format(client=client),
                        project.client_project_lead)):
        assert f"{role}{strings.DOC_LABEL_SEP}{name}" in texts
    assert texts.count(strings.DOC_SIGN_LABEL) == 3
    assert sum(t.startswith(strings.DOC_DATE_LABEL) for t in texts) == 3
    _assert_print_ready(ws, head, project.name)


def test_roster_export_read_back_by_the_importer_reads_only_its_people(
        demo_db: Path, tmp_path: Path) -> None:
    """The signature lines under an exported roster are not people: the import preview of
    the export reads exactly the people (the masked numbers are refused, row by row)."""
    out = tmp_path / "roster.xlsx"
    assert run_cli("--db", demo_db, "roster", "export", out).code == 0
    s = open_services(demo_db)
    try:
        people = len(s.roster.list_people())
        plan = s.roster_io.plan(out)
    finally:
        s.close()
    assert plan.read == people
    rows = {p.row for p in plan.problems} | {row for row, _ in plan.valid}
    assert max(rows) == plan.header_row + people  # no row from the signature block


def test_score_sheet_xlsx_points_are_numbers_and_dates_date_cells(demo_db: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    code, _, err = run_cli("--db", demo_db, "scores", "2026-11", "--xlsx", out)
    assert code == 0, err
    totals = _sheet(out)
    head = _header_row(totals, strings.SCORE_TOTAL_HEADERS[0])
    rows = _body(totals, head)
    assert rows
    for r in rows:
        assert all(isinstance(v, int) for v in (r[0], *r[4:9])), r
        assert r[8] == r[4] - r[6] + r[7]  # score = base - deductions + rewards
    s = open_services(demo_db)
    project = s.project.get().name
    s.close()
    _assert_print_ready(totals, head, project, "2026年11月")
    details = _sheet(out, 1)
    dhead = _header_row(details, strings.SCORE_XLSX_DETAIL_HEADERS[0])
    drows = _body(details, dhead)
    assert drows
    for i, r in enumerate(drows, start=dhead + 1):
        _assert_date_cell(details, i, 3)
        assert isinstance(r[4], dt.time)
        assert isinstance(r[6], int)
    _assert_print_ready(details, dhead, project, "2026年11月")


def test_month_details_equal_day_by_day_details(demo_services: Services) -> None:
    """The bulk read behind the everyone-workbook gives what ``day_detail`` gives, day by
    day: the same punches (reverted ones too), corrections, manual entries and verdicts."""
    s = demo_services
    now = dt.datetime(2026, 11, 29, 12)
    person = next(p for p in s.roster.list_people() if p.employee_no == "HX1004")
    s.attendance.add_manual_absence(person.id, dt.date(2026, 11, 12), "am",
                                    "unauthorized_outing", "x")
    bulk = {(d.person_id, d.day): d for d in s.attendance.month_details(2026, 11, now=now)}
    month = s.attendance.month(2026, 11, now=now)
    assert len(bulk) == len(month.people) * 30
    for p in month.people:
        for day in month_dates(2026, 11):
            one = s.attendance.day_detail(p.person_id, day, now=now)
            got = bulk[(p.person_id, day)]
            assert got.punches == one.punches, (p.name, day)
            assert (got.corrections, got.manual) == (one.corrections, one.manual)
            assert (got.result, got.symbol, got.day_kind) == (one.result, one.symbol,
                                                              one.day_kind), (p.name, day)


def test_cells_share_a_handful_of_styles(demo_db: Path, tmp_path: Path) -> None:
    """Styles are made once per workbook and shared: thousands of cells, a few style
    records (not one per cell)."""
    out = tmp_path / "all.xlsx"
    assert run_cli("--db", demo_db, "punches", "2026-11", "--xlsx", out).code == 0
    wb = openpyxl.load_workbook(out)
    cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.has_style)
    assert cells > 5000
    assert len(wb._cell_styles) < 40
    assert len(wb._fonts) < 10
