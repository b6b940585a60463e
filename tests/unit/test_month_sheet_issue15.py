"""The monthly sheet as the rules lay it out (issue 15, deliverables 3, 5 and 7).

A constructed October 2026 on a real database: one person late twice (10 minutes, then 45:
severe), a corrected check-out, approved overtime on a working day, a rest day and a
statutory holiday; a second person who joined on 20 October with a conduct incident entered
by hand. The PDF is read back with ``pdftotext`` (text and word boxes), the workbook with
openpyxl, and every figure is checked against the regulation's numbers (late or early 5
points, severe 10; overtime by the kind of the day it was worked).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from reportlab.lib.pagesizes import A4, landscape

from app import strings
from app.documents import pdf_layout
from app.documents.month_sheet import (
    HOLIDAY_FILL,
    build_grid,
    month_form,
    pdf_widths,
    write_month_pdf,
    write_month_xlsx,
)
from app.domain.calendar import STATUTORY_HOLIDAY
from app.domain.roster import PersonFields
from app.dto.attendance import MonthDTO
from app.services import Services
from app.services.punches import PunchRow
from tests.helpers.db import DatabaseTemplates, open_copy

NOW = dt.datetime(2026, 11, 29, 12)
L = strings.LEGEND_DEFAULT
FULL_DAY = ((8, 25), (12, 5), (13, 55), (17, 35))
LONG_PROJECT = ("市第一人民医院智慧医院信息系统（HIS/EMR/PACS/LIS）"
                "及数据中心基础设施一体化运维服务项目（二期）")
LONG_CONTRACT = "SYY-ZHYY-XXZX-2026-0017-BC02"
LONG_ROLE = "高级信息系统集成项目管理工程师（网络与信息安全方向）兼数据库运维及应急响应负责人"


def _day_punches(uid: str, day: dt.date, times: tuple[tuple[int, int], ...]) -> list[PunchRow]:
    return [PunchRow(uid, dt.datetime.combine(day, dt.time(h, m, 10)), verify_mode=1)
            for h, m in times]


@dataclasses.dataclass
class Site:
    services: Services
    month: MonthDTO  # as DocumentService prints it (with the score deductions)
    pdf: Path
    xlsx: Path


@pytest.fixture(scope="module")
def site(db_templates: DatabaseTemplates,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("issue15")
    services = open_copy(db_templates.migrated(), tmp / "site.db")
    try:
        a, _ = services.roster.add(PersonFields(
            employee_no="E1", name="王子涵", device_user_id="1", role="运维工程师",
            start_date=dt.date(2026, 1, 1)))
        b, _ = services.roster.add(PersonFields(
            employee_no="E2", name="李喆", device_user_id="2", role="技术支持",
            start_date=dt.date(2026, 10, 20)))
        workdays = services.holidays.calendar().working_days(dt.date(2026, 10, 1),
                                                               dt.date(2026, 10, 31))
        rows: list[PunchRow] = []
        for day in workdays:
            times = FULL_DAY
            if day == dt.date(2026, 10, 12):
                times = ((8, 40), *FULL_DAY[1:])  # 10 minutes late
            elif day == dt.date(2026, 10, 13):
                times = ((9, 15), *FULL_DAY[1:])  # 45 minutes late: severe (over 30)
            elif day == dt.date(2026, 10, 14):
                times = FULL_DAY[:3]  # no check-out: corrected below
            rows += _day_punches("1", day, times)
            if day >= dt.date(2026, 10, 20):
                rows += _day_punches("2", day, FULL_DAY)
        services.punches.record_batch("usb", "attlog.dat", "DEV1", rows,
                                      covered_until=dt.datetime(2026, 11, 1, 9),
                                      covered_from=dt.datetime(2026, 1, 1))
        services.attendance.add_correction(a.id, dt.date(2026, 10, 14), "pm", "out", "17:40",
                                           "考勤机故障", "周立群")
        for day, span in ((dt.date(2026, 10, 2), "09:00-17:00"),  # holiday: 8 h
                          (dt.date(2026, 10, 15), "18:00-20:00"),  # working day: 2 h
                          (dt.date(2026, 10, 17), "09:00-13:00")):  # Saturday: 4 h
            ot, _ = services.leave.add_overtime(a.id, day, span, "required",
                                                dt.datetime(2026, 9, 30, 9))
            services.leave.approve_overtime(ot.id, "周立群")
        services.scores.add_incident(b.id, "unrelated_activity",  # 10 points
                                     dt.datetime(2026, 10, 22, 10), "上班时间处理私事")
        month = services.documents._sheet_month(2026, 10, NOW)
        pdf, xlsx = tmp / "october.pdf", tmp / "october.xlsx"
        services.documents.month_pdf(2026, 10, pdf, now=NOW)
        services.documents.month_xlsx(2026, 10, xlsx, now=NOW)
        yield Site(services, month, pdf, xlsx)
    finally:
        services.close()


# ---- reading the PDF back --------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def words(path: Path) -> list[Word]:
    """Every word of the PDF with its box (``pdftotext -bbox``; points, y down)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    found: list[Word] = []
    for n, page in enumerate(out.split("<page ")[1:], start=1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', page):
            found.append(Word(n, *(float(m.group(i)) for i in range(1, 5)),
                              html.unescape(m.group(5))))
    return found


def page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


def column_bounds(month: MonthDTO, site: Site) -> list[tuple[float, float]]:
    """Each table column's left and right x (the layout's own widths on the page)."""
    widths = pdf_widths(build_grid(month, site.services.project.get()))
    page = landscape(A4)[0] - 2 * pdf_layout.MARGIN
    x, bounds = pdf_layout.MARGIN, []
    for w in widths:
        step = w / sum(widths) * page
        bounds.append((x, x + step))
        x += step
    return bounds


def row_words(all_words: list[Word], name: str) -> list[Word]:
    """The words on the text line of a person's name (the row's first line)."""
    anchor = next(w for w in all_words if w.text.startswith(name))
    return [w for w in all_words if w.page == anchor.page and abs(w.y0 - anchor.y0) < 2]


def in_column(ws: list[Word], bounds: tuple[float, float]) -> list[str]:
    return [w.text for w in ws if bounds[0] <= (w.x0 + w.x1) / 2 <= bounds[1]]


# ---- the tests ---------------------------------------------------------------------------------
def test_deductions_overtime_and_marks_in_the_pdf(site: Site) -> None:
    month = site.month
    grid = build_grid(month, site.services.project.get())
    cols = column_bounds(month, site)
    ws = words(site.pdf)
    wang = row_words(ws, "王子涵")
    day = grid.first_day_col - 1  # column of day 1 is first_day_col; day d at day + d
    assert in_column(wang, cols[day + 12]) == [L["late"]]
    assert in_column(wang, cols[day + 13]) == [L["severe_late"]]  # 45 minutes: severe
    assert in_column(wang, cols[day + 14]) == [L["corrected"]]  # not a plain tick
    for d in (2, 15, 17):  # holiday, working day, rest day: the overtime mark
        assert in_column(wang, cols[day + d]) == [L["overtime"]], d
    assert in_column(wang, cols[day + 16]) == [L["present"]]
    first_ot = grid.ncols - 2 - 3
    assert [in_column(wang, cols[first_ot + k]) for k in range(3)] == [["2"], ["4"], ["8"]]
    # the regulation: late 5 points, severe late 10 points
    assert in_column(wang, cols[grid.ncols - 2]) == ["15"]
    assert in_column(wang, cols[grid.first_figure_col + 2]) == ["2/55"]
    text = "".join(in_column([w for w in ws if w.page == 1], cols[grid.ncols - 1]))
    assert "补卡：14日" in text and "加班：2日、15日、17日" in text
    assert "10月20日进场" in text  # 李喆's remark
    legend = "\n".join(page_texts(site.pdf))
    assert L["severe_late"] + "严重迟到" in legend and L["corrected"] + "补卡" in legend
    assert "迟到超过 30 分钟" in legend


def test_total_row_adds_up_every_column(site: Site) -> None:
    month = site.month
    grid = build_grid(month, site.services.project.get())
    cols = column_bounds(month, site)
    total = row_words(words(site.pdf), strings.MONTH_SHEET_TOTAL)
    wang, li = (next(p for p in month.people if p.employee_no == no) for no in ("E1", "E2"))
    required = wang.summary.required_days + li.summary.required_days
    assert in_column(total, cols[grid.first_figure_col]) == [f"{required:g}"]
    deductions = month.deductions[wang.person_id] + month.deductions[li.person_id]
    assert month.deductions[wang.person_id] == 15 and month.deductions[li.person_id] == 10
    assert in_column(total, cols[grid.ncols - 2]) == [str(deductions)]
    first_ot = grid.ncols - 5
    assert [in_column(total, cols[first_ot + k]) for k in range(3)] == [["2"], ["4"], ["8"]]


def test_excel_numbers_dates_titles_and_raw_punches(site: Site) -> None:
    wb = openpyxl.load_workbook(site.xlsx)
    ws = wb[strings.MONTH_SHEET_XLSX_TITLE]
    assert ws.print_title_rows == "$4:$5"
    assert ws.oddHeader.center.text == ws["A1"].value
    assert ws.oddHeader.right.text == "2026年10月"
    assert ws.oddFooter.right.text == strings.EXCEL_PAGE_FOOTER
    day1 = ws.cell(row=4, column=4)
    assert day1.value == dt.datetime(2026, 10, 1) and day1.number_format == "d"
    header = [c.value for c in ws[5]]
    rows = {r[1]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[1]}
    wang = rows["王子涵"]
    figures = 3 + 31
    assert wang[figures:figures + 4] == (18, 18, 2, 55)  # required, attended, late n, min
    assert all(isinstance(v, int | float) for v in wang[figures:figures + 4])
    ot = header.index(strings.MONTH_SHEET_OVERTIME_LONG[0])
    assert wang[ot:ot + 3] == (2, 4, 8)
    assert wang[ot + 3] == 15 and "补卡：14日" in wang[ot + 4]
    total = rows[strings.MONTH_SHEET_TOTAL]
    assert total[ot + 3] == 15 + rows["李喆"][ot + 3]
    assert total[figures] == wang[figures] + rows["李喆"][figures]
    raw = wb[strings.RAW_PUNCH_SHEET_TITLE]
    assert raw.print_title_rows == "$3:$3"
    lines = [r for r in raw.iter_rows(min_row=4) if r[1].value == "王子涵"]
    assert len(lines) == 18  # one per working day with punches
    first = lines[0]
    assert first[3].value == dt.datetime(2026, 10, 8)  # 1-7 October: the National Day break
    assert first[3].number_format == strings.MONTH_SHEET_DATE_FORMAT
    assert first[4].value == 4 and first[5].value == "08:25:10 12:05:10 13:55:10 17:35:10"
    corrected = next(r for r in lines if r[3].value == dt.datetime(2026, 10, 14))
    assert corrected[4].value == 3 and "考勤机故障" in corrected[9].value
    assert "17:40" in corrected[9].value and "周立群" in corrected[9].value


def test_every_page_carries_title_project_month_and_initials(site: Site, tmp_path: Path
                                                              ) -> None:
    people = tuple(dataclasses.replace(site.month.people[i % 2], person_id=100 + i,
                                       employee_no=f"E{i:03d}",
                                       name=site.month.people[i % 2].name + str(i))
                   for i in range(30))
    month = dataclasses.replace(site.month, people=people)
    project = dataclasses.replace(site.services.project.get(), name=LONG_PROJECT,
                                  contract_no=LONG_CONTRACT)
    path = tmp_path / "two.pdf"
    write_month_pdf(path, month, project, "周立群")
    pages = page_texts(path)
    assert len(pages) == 2
    for text in pages:
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", LONG_PROJECT) in flat  # the project name, whole
        assert "2026年10月" in flat
        assert "驻场人员月度考勤表（2026年10月）" in text  # the footer, never cut
        assert "…" not in text.splitlines()[-1]
        assert LONG_CONTRACT in text  # never broken inside
        assert re.sub(r"\s+", "", strings.MONTH_SHEET_INITIALS) in flat
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # the forms' one date style


def test_long_job_title_stays_in_its_column_at_six_points_or_more(
        site: Site, tmp_path: Path) -> None:
    people = tuple(dataclasses.replace(p, role=LONG_ROLE) for p in site.month.people)
    month = dataclasses.replace(site.month, people=people)
    assert len(LONG_ROLE) >= 40
    path = tmp_path / "long.pdf"
    write_month_pdf(path, month, site.services.project.get())
    cols = column_bounds(month, site)
    role_col, name_col = cols[2], cols[1]
    found = [w for w in words(path) if w.text[:1] in LONG_ROLE and name_col[1] < w.x1
             and w.x0 < cols[3][0] + 1 and w.y0 > 100]
    assert found
    for w in found:
        assert role_col[0] <= w.x0 and w.x1 <= role_col[1], w  # never over day 1
        assert w.y1 - w.y0 >= 6.0, w  # the glyph box: at least a 6 pt font
    table = month_form(month, site.services.project.get()).body[1]
    assert isinstance(table, pdf_layout.Table) and table.shrink_min >= 6.0


def test_provisional_2027_knows_new_years_day(services: Services, tmp_path: Path) -> None:
    services.roster.add(PersonFields(employee_no="E1", name="王子涵", device_user_id="1",
                                     start_date=dt.date(2026, 1, 1)))
    month = services.attendance.month(2027, 1, now=NOW)
    assert month.provisional
    assert month.days[0][1] == STATUTORY_HOLIDAY and month.days[0][2] == "元旦"
    person = month.people[0]
    assert person.symbols[0] == L["holiday"] and not person.summary.days[0].required
    assert person.summary.required_days == 20  # 21 weekdays less 1 January (a Friday)
    path = tmp_path / "2027-01.pdf"
    write_month_pdf(path, month, services.project.get())
    text = page_texts(path)[0]
    assert "本月应出勤：20 天（暂估）" in text
    xlsx = tmp_path / "2027-01.xlsx"
    write_month_xlsx(xlsx, month, services.project.get())
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    assert ws.cell(row=6, column=4).fill.fgColor.rgb == "00" + HOLIDAY_FILL
    assert ws.cell(row=6, column=4).value == L["holiday"]


def test_table_pages_are_laid_out_once_each(site: Site, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Linear time by construction: every body row goes into exactly one page's table, in
    order (ReportLab's own split re-measured every remaining row on every page). The
    3000/300 time ratio itself is measured by tests/bench/bench_documents.py."""
    people = tuple(dataclasses.replace(site.month.people[0], person_id=100 + i,
                                       name=f"员工{i}") for i in range(400))
    month = dataclasses.replace(site.month, people=people)
    chunks: list[tuple[int, int]] = []
    real = pdf_layout._TableSpec.chunk

    def spy(self: pdf_layout._TableSpec, start: int, end: int) -> object:
        chunks.append((start, end))
        return real(self, start, end)

    monkeypatch.setattr(pdf_layout._TableSpec, "chunk", spy)
    write_month_pdf(tmp_path / "big.pdf", month, site.services.project.get())
    assert len(chunks) > 5
    assert chunks[0][0] == 0 and chunks[-1][1] == 401  # 400 people and the total row
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))


def test_new_marks_are_editable_legend_settings(site: Site, tmp_path: Path) -> None:
    """The correction and severe-late marks are settings like every other symbol: a site
    that writes corrected days as "Ⓑ" gets that on the sheet and in its legend."""
    settings = site.services.settings
    settings.set("legend.corrected", "Ⓑ", dt.date(2026, 1, 1))
    settings.set("legend.severe_late", "Ⓢ", dt.date(2026, 1, 1))
    try:
        month = site.services.attendance.month(2026, 10, now=NOW)
        wang = next(p for p in month.people if p.employee_no == "E1")
        assert wang.symbols[13] == "Ⓑ" and wang.symbols[12] == "Ⓢ"  # 14 and 13 October
        form = month_form(month, site.services.project.get())
        assert "Ⓑ补卡" in form.legend[0] and "Ⓢ严重迟到" in form.legend[0]
    finally:
        settings.set("legend.corrected", L["corrected"], dt.date(2026, 1, 1))
        settings.set("legend.severe_late", L["severe_late"], dt.date(2026, 1, 1))


def test_wrapping_keeps_codes_numbers_and_fields_whole() -> None:
    from app.documents import fonts
    from app.documents.month_sheet import flow_fields
    from app.documents.pdf_layout import Field, wrap_tokens

    font = fonts.register()
    lines = wrap_tokens("年假：20日、23日，须附缺勤情况说明", font, 7, 60)
    assert all("23" not in line or "23日" in line for line in lines)
    assert "".join(lines) == "年假：20日、23日，须附缺勤情况说明"
    fields = [Field("项目名称", LONG_PROJECT), Field("合同编号", LONG_CONTRACT),
              Field("承建单位", "华信智联科技有限公司")]
    flowed = flow_fields(fields, font, 8.5, 500)
    assert any(line.startswith("合同编号：" + LONG_CONTRACT) for line in flowed)  # whole
    assert "".join(flowed).count(LONG_CONTRACT) == 1


def test_signatures_never_stand_alone_on_the_last_page(site: Site, tmp_path: Path) -> None:
    """Whatever the number of people, the last page holds the last rows, the total row and
    the signature block together."""
    project = site.services.project.get()
    pages_seen = set()
    for n in range(12, 42):
        people = tuple(dataclasses.replace(site.month.people[i % 2], person_id=100 + i,
                                           name=f"员工{i}") for i in range(n))
        path = tmp_path / f"{n}.pdf"
        write_month_pdf(path, dataclasses.replace(site.month, people=people), project)
        pages = page_texts(path)
        pages_seen.add(len(pages))
        last = pages[-1]
        assert "监理单位（盖章）" in last and strings.MONTH_SHEET_TOTAL in last, (n, last)
        assert f"员工{n - 1}" in last, n  # the last person's row is there too
    assert pages_seen >= {1, 2}  # the sizes cross a page end
