"""Printed documents (SPEC P1, P2, A3, A5; issue 6): the bundled font, the form layout layer,
the monthly sheet as PDF and Excel, the raw punch record, the absence explanation and the
roster PDF. Every document is generated from the demo site and read back (pypdf for the
PDF text layer and fonts, openpyxl for the workbook)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from app import config, strings
from app.documents import fonts
from app.documents.absence_explanation import write_absence_explanation_pdf
from app.documents.month_sheet import (
    HOLIDAY_FILL,
    REST_FILL,
    fmt_days,
    write_month_pdf,
    write_month_xlsx,
)
from app.documents.pdf_layout import (
    Area,
    Field,
    FieldGrid,
    Form,
    Gap,
    LinedBox,
    NewPage,
    Para,
    Shade,
    Signature,
    Signatures,
    Table,
    build_pdf,
    iter_texts,
    project_fields,
    wrap_text,
)
from app.documents.punch_record import write_punch_record_pdf
from app.documents.roster_pdf import write_roster_pdf
from app.domain.attendance import month_dates
from app.domain.calendar import REST_DAY, STATUTORY_HOLIDAY
from app.dto.attendance import DayDetail, MonthDTO, PersonMonth
from app.dto.project import ProjectDTO
from app.errors import AppError
from app.services import Services
from tests.helpers.db import DatabaseTemplates, open_copy

TODAY = dt.date(2026, 11, 29)
NOW = dt.datetime(2026, 11, 29, 12)
NAME_CHARS = "镕喆堃玥"  # outside GB2312: a GB2312 subset would print them blank
RARE = "\ue000"  # private use: in neither bundled font (nor, with no_pc_fonts, on the PC)


@pytest.fixture
def no_pc_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Only the two bundled fonts, whatever the machine has installed."""
    monkeypatch.setattr(fonts, "system_font_files", lambda: [])
    fonts.forget_fallbacks()
    yield
    fonts.forget_fallbacks()


@dataclasses.dataclass
class Demo:
    services: Services
    project: ProjectDTO
    month: MonthDTO

    def person(self, name: str) -> PersonMonth:
        return next(p for p in self.month.people if p.name == name)

    def details(self, name: str) -> list[DayDetail]:
        p = self.person(name)
        return [self.services.attendance.day_detail(p.person_id, d, now=NOW)
                for d in month_dates(self.month.year, self.month.month)]


@pytest.fixture(scope="module")
def demo(db_templates: DatabaseTemplates,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """One copy of the demo site for the module (the tests only read it)."""
    services = open_copy(db_templates.demo(TODAY), tmp_path_factory.mktemp("docs") / "demo.db",
                         today=TODAY)
    try:
        yield Demo(services, services.project.get(),
                   services.attendance.month(2026, 11, now=NOW))
    finally:
        services.close()


@pytest.fixture(scope="module")
def month_pdf(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("month") / "month.pdf"
    write_month_pdf(path, demo.month, demo.project, prepared_by="周立群")
    return path


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def row_cells(text: str, name: str, names: list[str]) -> list[str]:
    """The cells of a person's row: the text lines from the name to the next person."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(name))
    end = next((i for i, line in enumerate(lines[start + 1:], start + 1)
                if any(line.startswith(n) for n in names if n != name)), len(lines))
    return lines[start:end]


def embedded_fonts(path: Path) -> list[dict[str, Any]]:
    found = []
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/FontDescriptor" in font:
                found.append({"base": str(font["/BaseFont"]),
                              "descriptor": font["/FontDescriptor"].get_object()})
    return found


# ---- the font ------------------------------------------------------------------------------------
def test_bundled_font_is_truetype_gbk_with_its_licence() -> None:
    """DESIGN §9: a glyf TrueType (ReportLab cannot use CFF), ~3 MB, licence beside it."""
    path = config.resource_path("fonts", fonts.FONT_FILE)
    data = path.read_bytes()
    assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outlines, not 'OTTO' (CFF)
    assert 2_000_000 < len(data) < 4_000_000
    licence = config.resource_path("fonts", fonts.LICENSE_FILE).read_text(encoding="utf-8")
    assert "Apache License" in licence and "WenQuanYi" in licence


def test_font_has_the_names_a_gb2312_subset_misses() -> None:
    assert fonts.missing_glyphs(NAME_CHARS) == set()
    assert fonts.missing_glyphs("驻场人员月度考勤表√×○□△※☆◇♀＃⊥⊕⊙Δ▽（）：“”") == set()
    # every GB2312 hanzi and a sample across GBK
    gb2312 = [bytes((hi, lo)).decode("gb2312") for hi in range(0xB0, 0xF8)
              for lo in range(0xA1, 0xFF) if (hi, lo) not in {(0xD7, x) for x in range(0xFA, 0xFF)}]
    assert fonts.missing_glyphs(gb2312) == set()


@pytest.mark.usefixtures("no_pc_fonts")
def test_missing_glyphs_reports_characters_outside_the_font() -> None:
    assert fonts.missing_glyphs(f"张{RARE}三\n") == {RARE}
    assert fonts.missing_glyphs(["a", RARE, "b"]) == {RARE}


def test_register_is_idempotent_and_thread_safe() -> None:
    names: list[str] = []
    threads = [threading.Thread(target=lambda: names.append(fonts.register()))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(names) == {fonts.FONT_NAME} and len(names) == 8


# ---- the layout layer ----------------------------------------------------------------------------
def sample_form(**overrides: Any) -> Form:
    project = ProjectDTO(1, "测试项目", "HT-001", "承建公司", "某医院", "院方", "信息科",
                         "监理公司", "项目经理甲", "负责人乙")
    values: dict[str, Any] = dict(
        title="测试表单", subtitle="副标题", fields=project_fields(project),
        body=[FieldGrid([Field("姓名", "刘镕"), Field("岗位", "运维")]),
              Para("一段说明文字，" * 20), Para("小字", "small"), Para("标题", "heading"),
              Table(header=[["甲", "乙"], ["丙", "丁"]], rows=[["1", "李喆"], [2, None]],
                    widths=[1, 3], spans=[Area(0, 0, 0, 1)],
                    shades=[Shade(Area(1, 0, 1, -1), "#DDDDDD")], caption="表一"),
              Table(header=[["无数据"]], rows=[], widths=[1], empty_text="（无）"),
              LinedBox("意见", 2, signature="签字："), Gap(2),
              Signatures([Signature("本人", "陈玥")]), NewPage(), Para("第二页")],
        signatures=[Signature("项目经理", "项目经理甲"), Signature("监理单位", seal=True)],
        legend=["图例：√ 出勤"], status="状态行", watermark="暂估")
    values.update(overrides)
    return Form(**values)


def test_every_block_renders_with_page_numbers_legend_and_watermark(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    build_pdf(path, sample_form())
    pages = pdf_pages(path)
    assert len(pages) == 2
    for n, text in enumerate(pages, start=1):
        assert f"第 {n} 页 共 2 页" in text
        assert "图例：√ 出勤" in text and "状态行" in text and "暂估" in text
    text = "\n".join(pages)
    for expected in ("测试表单", "项目名称", "合同编号", "HT-001", "承建单位", "院方", "某医院",
                     "刘镕", "李喆", "（无）", "意见", "陈玥", "第二页", "签字：", "日期：",
                     "监理单位（盖章）", "项目经理：项目经理甲"):
        assert expected in text, expected
    assert not list(tmp_path.glob(".*.part"))  # the temp file was renamed


def test_iter_texts_sees_every_string_of_a_form() -> None:
    texts = set(iter_texts(sample_form()))
    assert {"测试表单", "刘镕", "李喆", "意见", "第二页", "图例：√ 出勤", "陈玥"} <= texts


def test_wrap_text_breaks_chinese_and_keeps_punctuation_on_its_line() -> None:
    font = fonts.register()
    lines = wrap_text("甲乙丙丁，戊己", font, 10, 40)  # four characters a line
    # the comma never starts a line and no line is wider than asked: the character before
    # the comma goes down with it
    assert lines == ["甲乙丙", "丁，戊己"]
    assert wrap_text("a\nb", font, 10, 100) == ["a", "b"]


@pytest.mark.usefixtures("no_pc_fonts")
def test_missing_glyph_prints_the_placeholder_and_names_the_text(tmp_path: Path) -> None:
    """Issue 15: never refused for a character; the placeholder shows, the warning names it."""
    path = tmp_path / "x.pdf"
    warnings = build_pdf(path, sample_form(fields=[Field("姓名", f"张{RARE}")]))
    assert f"张{fonts.PLACEHOLDER}" in pdf_text(path)
    assert len(warnings) == 1 and str(path) in warnings[0]
    assert f"张{fonts.PLACEHOLDER}（U+E000）" in warnings[0]


def test_unwritable_path_is_an_app_error_naming_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    path = blocker / "out.pdf"  # a file stands where the folder should be
    with pytest.raises(AppError) as err:
        build_pdf(path, sample_form())
    assert str(path) in err.value.message


# ---- monthly sheet: PDF --------------------------------------------------------------------------
def test_month_pdf_has_every_person_and_their_figures(demo: Demo, month_pdf: Path) -> None:
    text = pdf_text(month_pdf)
    names = [p.name for p in demo.month.people]
    for name in names:
        assert name in text
    for ch in NAME_CHARS:
        assert ch in text  # the name characters survive into the text layer
    zhang = demo.person("张堃").summary
    assert zhang.absent_days == 1.5 and zhang.needs_absence_explanation
    cells = row_cells(text, "张堃", names)
    assert cells[0] == "张堃" + strings.MONTH_SHEET_FLAG
    assert fmt_days(zhang.absent_days) in cells and "1.5" in cells
    assert fmt_days(zhang.required_days) in cells and fmt_days(zhang.attended_days) in cells
    li = demo.person("李喆").summary
    assert (li.late_count, li.late_minutes) == (1, 45)
    li_cells = row_cells(text, "李喆", names)
    assert "1/45" in li_cells and f"{li.early_count}/{li.early_minutes}" in li_cells
    # 45 minutes is beyond the severe threshold (30): the severe-late mark, not the late one
    assert strings.LEGEND_DEFAULT["severe_late"] in li_cells and "早" in li_cells
    assert "迟" not in li_cells


def test_month_pdf_header_legend_and_signatures(demo: Demo, month_pdf: Path) -> None:
    text = pdf_text(month_pdf)
    assert "市第一人民医院信息系统运维服务项目驻场人员月度考勤表（2026年11月）" in text
    for label in ("项目名称：", "合同编号：SYY-XX-2026-017", "承建单位：华信智联科技有限公司",
                  "采购人：市第一人民医院", "考勤周期：2026年11月1日 至 2026年11月30日",
                  "本月应出勤：21 天", strings.MONTH_SHEET_UNLOCKED):
        assert label in text, label
    for label in ("应出勤", "实出勤", "迟到", "早退", "缺卡", "旷工", "请假（天）", "加班", "次/分",
                  "事", "病", "年", "调", "婚丧", "产陪"):
        assert label in text, label
    assert strings.DOC_LEGEND_TITLE + "√正常" in text
    assert strings.LEGEND_FOOTER in text
    for label in ("制表人：周立群", "项目经理（承建单位）：周立群", "采购人项目负责人：钱文博",
                  "信息科", "监理单位（盖章）", "签字：", "日期："):
        assert label in text, label
    assert "暂估" not in text  # November 2026 is confirmed
    assert "第 1 页 共 1 页" in text


def test_month_pdf_embeds_the_subset_font(month_pdf: Path) -> None:
    found = embedded_fonts(month_pdf)
    assert found
    for font in found:
        assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei", font["base"]), font["base"]
        assert "/FontFile2" in font["descriptor"]  # embedded TrueType, not a system font


def test_provisional_month_has_the_watermark(demo: Demo, tmp_path: Path) -> None:
    month = demo.services.attendance.month(2027, 1, now=NOW)
    assert month.provisional
    path = tmp_path / "2027-01.pdf"
    write_month_pdf(path, month, demo.project)
    pages = pdf_pages(path)
    for text in pages:
        assert strings.PROVISIONAL_MARK in text
    assert strings.HOLIDAY_PROVISIONAL_BANNER.format(year=2027) in pages[0]
    xlsx = tmp_path / "2027-01.xlsx"
    write_month_xlsx(xlsx, month, demo.project)
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    assert strings.PROVISIONAL_MARK in str(ws["A1"].value)
    assert ws.oddHeader.right.text == "2027年1月" + strings.MONTH_SHEET_PROVISIONAL_SUFFIX


def test_locked_month_says_so_in_the_header(demo: Demo, tmp_path: Path) -> None:
    demo.services.attendance.lock_month(2026, 9, now=NOW)
    month = demo.services.attendance.month(2026, 9, now=NOW)
    assert month.locked
    path = tmp_path / "locked.pdf"
    write_month_pdf(path, month, demo.project)
    assert "已锁定（" in pdf_text(path)


@pytest.mark.usefixtures("no_pc_fonts")
def test_missing_glyph_in_a_name_is_marked_on_the_month_sheet(demo: Demo,
                                                              tmp_path: Path) -> None:
    people = (dataclasses.replace(demo.month.people[0], name=f"王{RARE}"), *demo.month.people[1:])
    month = dataclasses.replace(demo.month, people=people)
    path = tmp_path / "marked.pdf"
    with fonts.collect_warnings() as warned:
        write_month_pdf(path, month, demo.project)
    text = pdf_text(path)
    assert f"王{fonts.PLACEHOLDER}" in text and people[1].name in text
    assert len(warned) == 1 and f"王{fonts.PLACEHOLDER}" in warned[0]


def big_month(month: MonthDTO, n: int) -> MonthDTO:
    people = [dataclasses.replace(p, person_id=10_000 + i, employee_no=f"E{i:04d}",
                                  name=f"{p.name}{i}")
              for i in range(n) for p in [month.people[i % len(month.people)]]]
    return dataclasses.replace(month, people=tuple(people))


@pytest.mark.slow
def test_300_people_split_across_pages_with_header_and_legend_on_each(
        demo: Demo, tmp_path: Path) -> None:
    month = big_month(demo.month, 300)
    path = tmp_path / "big.pdf"
    write_month_pdf(path, month, demo.project)
    pages = pdf_pages(path)
    assert len(pages) > 3
    for n, text in enumerate(pages, start=1):
        for label in ("序号", "姓名", "岗位", "应出勤", "实出勤", "请假（天）", "次/分"):
            assert label in text, (n, label)
        assert strings.DOC_LEGEND_TITLE in text and strings.LEGEND_FOOTER in text
        assert f"第 {n} 页 共 {len(pages)} 页" in text
    text = "\n".join(pages)
    for p in month.people:  # a long name wraps in its cell (between the name and its number)
        name = "\n?".join(re.escape(ch) for ch in p.name)
        assert re.search(f"{name}(\n|{strings.MONTH_SHEET_FLAG})", text), p.name
    assert "监理单位（盖章）" in pages[-1]
    xlsx = tmp_path / "big.xlsx"
    write_month_xlsx(xlsx, month, demo.project)
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    assert ws.cell(row=6 + 299, column=2).value.rstrip(strings.MONTH_SHEET_FLAG) \
        == month.people[299].name


# ---- monthly sheet: Excel ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def october(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> tuple[MonthDTO, Any]:
    """October 2026: National Day holidays, weekends and an adjusted working day."""
    month = demo.services.attendance.month(2026, 10, now=NOW)
    path = tmp_path_factory.mktemp("xlsx") / "october.xlsx"
    write_month_xlsx(path, month, demo.project, prepared_by="周立群")
    ws = openpyxl.load_workbook(path).active
    return month, ws


def test_month_xlsx_print_setup(october: tuple[MonthDTO, Any]) -> None:
    _, ws = october
    assert ws.freeze_panes == "D6"  # after No./name/role and the two header rows
    assert ws.print_title_rows == "$4:$5"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)  # 9 = A4
    last_col = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.print_area == f"'{ws.title}'!$A$1:${last_col}${ws.max_row}"
    # every printed page: title (with the project), project, month, initials and page N/M
    assert ws.oddHeader.center.text == ws["A1"].value
    assert ws.oddHeader.left.text == "市第一人民医院信息系统运维服务项目"
    assert ws.oddHeader.right.text == "2026年10月"
    assert ws.oddFooter.left.text == strings.MONTH_SHEET_INITIALS
    assert ws.oddFooter.right.text == strings.EXCEL_PAGE_FOOTER


def test_month_xlsx_fills_rest_and_holiday_columns(october: tuple[MonthDTO, Any]) -> None:
    month, ws = october
    kinds = [kind for _, kind, _ in month.days]
    assert STATUTORY_HOLIDAY in kinds and REST_DAY in kinds
    for j, kind in enumerate(kinds):
        col = 4 + j
        day = ws.cell(row=4, column=col)  # a date cell shown as the day number
        assert day.value == dt.datetime(2026, 10, j + 1) and day.number_format == "d"
        fills = {ws.cell(row=r, column=col).fill.fgColor.rgb for r in (4, 5, 6, 12)}
        if kind == STATUTORY_HOLIDAY:
            assert fills == {"00" + HOLIDAY_FILL}
        elif kind == REST_DAY:
            assert fills == {"00" + REST_FILL}
        else:
            assert ws.cell(row=6, column=col).fill.fill_type is None
    adjusted = [j for j, k in enumerate(kinds) if k == "adjusted_workday"]
    for j in adjusted:
        assert ws.cell(row=5, column=4 + j).value == month.legend["adjusted_workday"]


def test_month_xlsx_content(demo: Demo, tmp_path: Path) -> None:
    path = tmp_path / "november.xlsx"
    write_month_xlsx(path, demo.month, demo.project, prepared_by="周立群")
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    rows = {r[1]: r for r in ws.iter_rows(min_row=6, values_only=True) if r[1]}
    ndays = len(demo.month.days)
    li = rows["李喆"]
    assert li[3 + ndays + 2: 3 + ndays + 4] == (1, 45)  # late count, minutes: two numbers
    zhang = rows["张堃" + strings.MONTH_SHEET_FLAG]
    assert zhang[3 + ndays] == 21 and zhang[3 + ndays + 1] == 18.5
    assert zhang[3 + ndays + 7] == 1.5  # absent days, as a number
    assert zhang[3:3 + ndays] == tuple(s or None for s in demo.person("张堃").symbols)
    values = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    assert any(v.startswith(strings.DOC_LEGEND_TITLE) for v in values)
    for label in ("制表人：周立群", "项目经理（承建单位）：周立群", "采购人项目负责人：钱文博",
                  "信息科", "监理单位（盖章）"):
        assert label in values, label
    assert values.count(strings.DOC_SIGN_LABEL) == 5


# ---- raw punch record ----------------------------------------------------------------------------
def test_punch_record_lists_every_punch_and_the_correction_separately(
        demo: Demo, tmp_path: Path) -> None:
    details = demo.details("陈玥")
    path = tmp_path / "punch.pdf"
    write_punch_record_pdf(path, "陈玥", "HX1004", "2026年11月", details, demo.project)
    text = pdf_text(path)
    punches = [p for d in details for p in d.punches]
    assert punches
    for p in punches:
        assert p.at.strftime("%H:%M:%S") in text
    assert f"共 {len(punches)} 条" in text
    assert "DEMO-CLOCK-01" in text and "批次1（demo）" in text and "指纹" in text
    corrections = [c for d in details for c in d.corrections]
    assert len(corrections) == 1
    assert strings.DOC_CORRECTION_CAPTION.format(n=1) in text
    assert strings.DEMO_CORRECTION_REASON[:10] in text.replace("\n", "")
    assert corrections[0].approver in text and "17:35" in text
    for label in ("陈玥", "HX1004", "2026年11月", "采购人（信息科）核对",
                  "监理单位（明正工程监理咨询有限公司）核对（盖章）", "签字：",
                  strings.DOC_MANUAL_CAPTION.format(n=0)):
        assert label in text, label


def test_punch_record_marks_reverted_batches_and_revoked_entries(
        demo: Demo, tmp_path: Path) -> None:
    details = demo.details("赵思远")
    manual = [m for d in details for m in d.manual]
    assert manual and manual[0].kind == "unauthorized_outing"
    first = next(i for i, d in enumerate(details) if d.punches)
    d = details[first]
    details[first] = dataclasses.replace(
        d, punches=(dataclasses.replace(d.punches[0], reverted=True), *d.punches[1:]))
    day = next(i for i, x in enumerate(details) if x.manual)
    revoked = dataclasses.replace(details[day].manual[0], revoked_at=dt.datetime(2026, 11, 20, 9),
                                  revoke_reason="登记有误")
    details[day] = dataclasses.replace(details[day], manual=(revoked,))
    path = tmp_path / "punch.pdf"
    write_punch_record_pdf(path, "赵思远", "HX1007", "2026年11月", details, demo.project)
    text = pdf_text(path).replace("\n", "")
    assert strings.DETAIL_PUNCH_REVERTED in text
    assert "其中已撤回批次 1 条" in text
    assert "违规外出" in text and "已撤销（2026年11月20日09:00）：登记有误" in text.replace(" ", "")


# ---- absence explanation -------------------------------------------------------------------------
def test_absence_explanation_is_prefilled_from_the_month(demo: Demo, tmp_path: Path) -> None:
    person = demo.person("张堃")
    path = tmp_path / "absence.pdf"
    write_absence_explanation_pdf(path, person, demo.project)
    text = pdf_text(path)
    for label in ("缺勤情况说明", "姓名", "张堃", "岗位", "软件工程师", "项目",
                  "市第一人民医院信息系统运维服务项目", "考勤月份", "2026年11月",
                  "缺卡", "旷工", strings.DOC_WHOLE_DAY, strings.DOC_HALF_DAY,
                  "情况说明（原因）", "整改措施/承诺", "本人签字：", "项目经理意见",
                  "采购人（信息科）核实意见", "监理单位（明正工程监理咨询有限公司）核实意见",
                  "日期："):
        assert label in text, label
    s = person.summary
    absent_days = [f"{d.day.year}年{d.day.month}月{d.day.day}日" for d in s.days
                   if "absent" in (d.am.verdict, d.pm.verdict)]
    assert absent_days and all(day in text for day in absent_days)
    assert f"{s.absent_days:g} 天（{round(s.absent_days * 2)} 个半天）" in text
    assert text.count("签字：") == 4 and text.count("日期：") == 4


def test_absence_explanation_counts_late_minutes(demo: Demo, tmp_path: Path) -> None:
    path = tmp_path / "li.pdf"
    write_absence_explanation_pdf(path, demo.person("李喆"), demo.project)
    text = pdf_text(path)
    assert "45 分钟" in text and "20 分钟" in text and "迟到" in text and "早退" in text
    assert "\n65\n" in text  # late + early minutes in the totals


# ---- roster PDF ----------------------------------------------------------------------------------
def test_roster_pdf_masks_numbers(demo: Demo, tmp_path: Path) -> None:
    people = demo.services.roster.list_people()
    path = tmp_path / "roster.pdf"
    write_roster_pdf(path, people, demo.project, today=TODAY)
    text = pdf_text(path)
    for p in people:
        assert p.name in text and p.phone_masked in text and p.id_card_masked in text
        assert p.phone not in text and p.id_card_no not in text
    assert "驻场人员花名册" in text and "承建单位（盖章）" in text
