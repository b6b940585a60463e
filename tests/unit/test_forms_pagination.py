"""Pagination of the forms (issue 15, deliverable 4): a signature block never stands alone on
a page (it keeps the last rows of the table before it), continuation pages repeat what the
document is about, the punch record has 签到/签退 beside the raw punches and every staff
member of a service record signs on a line of their own. Read back with pdftotext per page."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents.absence_explanation import day_lines, write_absence_explanation_pdf
from app.documents.leave_form import write_leave_pdf
from app.documents.pdf_layout import Form, Signature, Table, build_pdf
from app.documents.punch_record import write_punch_record_pdf
from app.documents.score_sheet import write_person_incidents_pdf, write_score_pdf
from app.documents.service_forms import write_record_pdf
from app.domain.attendance import month_dates
from app.dto.attendance import DayDetail
from app.dto.scores import ScoresMonthDTO
from app.services import Services
from tests.helpers.db import DatabaseTemplates, open_copy
from tests.helpers.forms import NOW, TODAY, page_count, page_text, pages, staff_of

SIGN = "签字："
CONTINUED = "（续页）"


@pytest.fixture(scope="module")
def site(db_templates: DatabaseTemplates,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = open_copy(db_templates.demo(TODAY), tmp_path_factory.mktemp("page") / "d.db",
                         today=TODAY)
    try:
        yield services
    finally:
        services.close()


def details_of(site: Services, employee_no: str) -> list[DayDetail]:
    pid = staff_of(site)[employee_no]
    return [site.attendance.day_detail(pid, d, now=NOW) for d in month_dates(2026, 11)]


# ---- a signature block never alone --------------------------------------------------------
@pytest.mark.parametrize("n", range(30, 62, 2))
def test_signatures_keep_the_last_table_rows_whatever_the_length(tmp_path: Path, n: int) -> None:
    form = Form(title="测试表", body=[Table(header=[["序号", "内容"]],
                                         rows=[[i, f"第{i}行"] for i in range(1, n + 1)],
                                         widths=[1, 6])],
                signatures=[Signature("制表人"), Signature("项目经理"), Signature("监理单位")])
    path = tmp_path / "f.pdf"
    build_pdf(path, form)
    texts = pages(path)
    signed = [k for k, t in enumerate(texts) if SIGN in t]
    assert signed == [len(texts) - 1]  # one block, on the last page
    last = texts[-1]
    assert last.count(SIGN) == 3 and "监理单位" in last
    assert f"第{n}行" in last  # the last row goes with the signatures ...
    assert re.search(r"第\d+行", last.split("制表人")[0])  # ... above them
    assert all(f"第{i}行" in "".join(texts) for i in range(1, n + 1))  # nothing lost


def scores_of(site: Services, n: int) -> ScoresMonthDTO:
    """The demo month with ``n`` people (the demo's, repeated under new numbers)."""
    month = site.scores.month(2026, 11, now=NOW)
    base = list(month.people)
    people = [dataclasses.replace(base[k % len(base)], person_id=1000 + k,
                                  employee_no=f"HX9{k:03d}", rank=k + 1)
              for k in range(n)]
    return dataclasses.replace(month, people=tuple(people))


@pytest.mark.parametrize("n", range(1, 21))
def test_score_sheet_last_page_holds_rows_and_signatures(
        site: Services, tmp_path: Path, n: int) -> None:
    path = tmp_path / "s.pdf"
    write_score_pdf(path, scores_of(site, n), site.project.get(), "周立群")
    last = page_text(path, page_count(path))
    assert last.count(SIGN) == 5 and "监理单位" in last
    above = last.split("制表人")[0]
    # a row of the totals (HX9...) or of an incident list (a date) stands above the signatures
    assert re.search(r"HX9\d{3}|\d{4}年\d{1,2}月\d{1,2}日", above), above


@pytest.mark.parametrize("extra", range(0, 46, 3))
def test_eight_people_score_sheet_signatures_not_alone(
        site: Services, tmp_path: Path, extra: int) -> None:
    """Eight people, the last one with ``extra`` more incidents: the signatures meet the
    page end at some length; they always keep incident rows above them."""
    month = scores_of(site, 8)
    people = list(month.people)
    donor = max(people, key=lambda p: len(p.incidents))
    people[-1] = dataclasses.replace(people[-1], incidents=people[-1].incidents
                                     + (donor.incidents * 46)[:extra])
    path = tmp_path / "s8.pdf"
    write_score_pdf(path, dataclasses.replace(month, people=tuple(people)), site.project.get(),
                    "周立群")
    n = page_count(path)
    assert n >= 2
    last = page_text(path, n)
    rows = re.findall(r"^\s*\d+\s+\d{4}年\d{1,2}月\d{1,2}日", last.split("制表人")[0], re.M)
    assert rows, last
    assert SIGN not in "".join(page_text(path, k) for k in range(1, n))


# ---- continuation pages name their subject ------------------------------------------------
def test_punch_record_continuation_pages_name_person_and_month(
        site: Services, tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    write_punch_record_pdf(path, "陈玥", "HX1004", "2026年11月", details_of(site, "HX1004"),
                           site.project.get())
    texts = pages(path)
    assert len(texts) >= 2
    assert CONTINUED not in texts[0]
    for text in texts[1:]:
        head = next(line for line in text.splitlines() if CONTINUED in line)
        assert "打卡原始记录" in head and "陈玥" in head and "HX1004" in head
        assert "2026年11月" in head


def test_service_record_continuation_page_names_the_record(
        site: Services, tmp_path: Path) -> None:
    record = site.service_log.get(1, NOW)
    people = site.roster.list_people()[:6]
    staff = tuple(dataclasses.replace(record.staff[0], person_id=p.id, name=p.name,
                                      employee_no=p.employee_no, role=p.role) for p in people)
    path = tmp_path / "r.pdf"
    write_record_pdf(path, dataclasses.replace(record, staff=staff, head_count=6),
                     site.project.get())
    texts = pages(path)
    for text in texts[1:]:
        head = next(line for line in text.splitlines() if CONTINUED in line)
        assert record.number in head and "运维" in head


def test_score_person_sheet_continuation_pages(site: Services, tmp_path: Path) -> None:
    month = site.scores.month(2026, 11, now=NOW)
    person = max(month.people, key=lambda p: len(p.incidents))
    many = dataclasses.replace(person, incidents=person.incidents * 15)
    path = tmp_path / "sp.pdf"
    write_person_incidents_pdf(path, month, many, site.project.get())
    texts = pages(path)
    assert len(texts) >= 2
    for text in texts[1:]:
        head = next(line for line in text.splitlines() if CONTINUED in line)
        assert person.name in head and person.employee_no in head and "2026年11月" in head
    assert texts[-1].split("本人确认")[0].count("2026年11月") >= 2  # rows above the signers


def test_long_leave_form_continuation_page(site: Services, tmp_path: Path) -> None:
    leave = site.leave.get(1)
    person = site.roster.get(leave.person_id)
    long = dataclasses.replace(leave, handover_note="交接系统巡检、备份检查与工单处理。" * 90)
    path = tmp_path / "l.pdf"
    write_leave_pdf(path, long, person, site.project.get())
    texts = pages(path)
    assert len(texts) >= 2
    head = next(line for line in texts[1].splitlines() if CONTINUED in line)
    assert re.search(r"QJ-2026-\d{4}", head) and person.name in head
    assert person.employee_no in head


# ---- 签到 / 签退 and one signature per staff member -------------------------------------------
def test_punch_record_has_first_in_and_last_out(site: Services, tmp_path: Path) -> None:
    details = details_of(site, "HX1004")
    path = tmp_path / "p.pdf"
    write_punch_record_pdf(path, "陈玥", "HX1004", "2026年11月", details, site.project.get())
    text = "\n".join(pages(path))
    header = next(line for line in text.splitlines() if "打卡时间" in line)
    assert re.search(r"星期\s+签到\s+签退\s+打卡时间", header)
    day = next(d for d in details if d.result.required and len(d.punches) >= 4
               and not d.corrections)
    first = min(p.at for p in day.punches if not p.reverted)
    last = max(p.at for p in day.punches if not p.reverted)
    date = f"{day.day.year}年{day.day.month}月{day.day.day}日"
    line = next(line for line in text.splitlines() if line.strip().startswith(date))
    assert re.search(rf"{date}\s+\S\s+{first:%H:%M}\s+{last:%H:%M}\s+{first:%H:%M:%S}", line)
    # a corrected sign-out is marked 补
    corrected = next(d for d in details if d.corrections)
    c = corrected.corrections[0]
    date = f"{c.day.year}年{c.day.month}月{c.day.day}日"
    line = next(line for line in text.splitlines() if line.strip().startswith(date))
    assert f"{c.at:%H:%M}补" in line


def test_each_staff_member_signs_on_a_line_of_their_own(
        site: Services, tmp_path: Path) -> None:
    record = site.service_log.get(1, NOW)
    people = site.roster.list_people()[:6]
    staff = tuple(dataclasses.replace(record.staff[0], person_id=p.id, name=p.name,
                                      employee_no=p.employee_no, role=p.role) for p in people)
    path = tmp_path / "r.pdf"
    write_record_pdf(path, dataclasses.replace(record, staff=staff, head_count=6),
                     site.project.get())
    text = "\n".join(pages(path))
    lines = text.splitlines()
    assert any(re.search(r"离开时间\s+本人签字", line) for line in lines)
    for p in people:
        rows = [line for line in lines if p.employee_no in line and p.name in line]
        assert len(rows) == 1, p.name  # one row, with its own signature cell
    assert "、".join(p.name for p in people) not in text.split("服务人数")[1]


@pytest.mark.parametrize("days", range(4, 60, 4))
def test_explanation_opinion_boxes_stay_with_the_totals(
        site: Services, tmp_path: Path, days: int) -> None:
    """However long the detail list, the boxes to sign (the person, the project manager,
    the client department, the supervisor) share a page with the month's totals."""
    month = site.attendance.month(2026, 11, now=NOW)
    person = next(p for p in month.people if p.employee_no == "HX1007")
    bad = [d for p in month.people for d in p.summary.days if day_lines(d)]
    assert bad
    long = dataclasses.replace(person, summary=dataclasses.replace(
        person.summary, days=tuple((bad * 40)[:days])))
    path = tmp_path / "e.pdf"
    write_absence_explanation_pdf(path, long, site.project.get())
    texts = pages(path)
    last = texts[-1]
    assert last.count(SIGN) == 4 and "监理单位" in last and "项目经理意见" in last
    assert "二、本月合计" in last and "情况说明（原因）" in last
    assert all(SIGN not in t for t in texts[:-1])


def test_rows_continued_on_a_new_page_repeat_their_caption(tmp_path: Path) -> None:
    """A table broken across pages names its subject again over the continued rows (a score
    sheet's detail rows of one person never stand on a page without the person's name)."""
    caption = "赵思远（工号 HX1007） 得分 60 排名 7"
    form = Form(title="测试表", body=[Table(header=[["序号", "说明"]],
                                          rows=[[i, f"第{i}条"] for i in range(1, 121)],
                                          widths=[1, 6], caption=caption)])
    path = tmp_path / "c.pdf"
    build_pdf(path, form)
    n = page_count(path)
    assert n >= 3
    assert f"{caption}（续）" not in page_text(path, 1)
    for k in range(2, n + 1):
        text = page_text(path, k)
        assert f"{caption}（续）" in text, k
    # every row printed exactly once
    rows = [int(m) for k in range(1, n + 1) for m in re.findall(r"第(\d+)条", page_text(path, k))]
    assert rows == list(range(1, 121))
