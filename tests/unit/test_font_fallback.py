"""Never refused for a character (issue 15, deliverable 1).

Legal names use characters outside GBK (䶮 U+4DAE, 𬭚 U+2CB5A, 𫖯 U+2B5AF: all in the
通用规范汉字表). The PDF layer draws every text through a chain of fonts: the bundled GBK
font, the second bundled font (the rest of the 8105-character table), then the PC's fonts. A
character no font has prints as 〓 and the command warns naming the text; the document is
still written, and `month --pdf --xlsx` writes the workbook whatever happens to the PDF.

Every document is read back: pypdf (and pdftotext where installed) for the text, pypdf for
the embedded fonts. The PC's fonts are switched off (``no_pc_fonts``), so the results do not
depend on the machine the tests run on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest

from app import config, strings
from app.documents import fonts
from app.documents.pdf_layout import (
    Field,
    FieldGrid,
    Form,
    LinedBox,
    Para,
    Signature,
    Table,
    build_pdf,
    wrap_text,
)
from app.services import Services
from app.services.documents import collect_warnings
from tests.helpers.cli import run_cli
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database, open_services

ROOT = Path(__file__).resolve().parents[2]
TABLE_8105 = ROOT / "packaging" / "tongyong-guifan-8105.txt"
RARE_NAMES = {"HX1001": "李𬭚", "HX1002": "赵𫖯", "HX1003": "王䶮"}
NO_FONT = "\ue000"  # private use: in no font of the chain
NOW = dt.datetime(2026, 11, 29, 12)


@pytest.fixture(autouse=True)
def no_pc_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Only the two bundled fonts, whatever the machine has installed."""
    monkeypatch.setattr(fonts, "system_font_files", lambda: [])
    fonts.forget_fallbacks()
    yield
    fonts.forget_fallbacks()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def poppler_text(path: Path) -> str | None:
    """What pdftotext (poppler) reads, or None where it is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True, encoding="utf-8").stdout


def embedded_fonts(path: Path) -> dict[str, Any]:
    """BaseFont -> font descriptor of every embedded font of the document."""
    found: dict[str, Any] = {}
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/FontDescriptor" in font:
                found[str(font["/BaseFont"])] = font["/FontDescriptor"].get_object()
    return found


def second_font_embedded(path: Path) -> bool:
    return any(base.endswith("+" + fonts.EXTRA_FONT_NAME + "-Regular")
               and "/FontFile2" in descriptor  # embedded TrueType, not a system font
               for base, descriptor in embedded_fonts(path).items())


def rename(services: Services, names: dict[str, str]) -> list[int]:
    """Give the people with these employee numbers these names; their ids."""
    ids = []
    for p in services.roster.list_people():
        if p.employee_no in names:
            services.roster.update(p.id, dataclasses.replace(p.to_fields(),
                                                             name=names[p.employee_no]))
            ids.append(p.id)
    assert len(ids) == len(names)
    return ids


@pytest.fixture
def rare_site(db_templates: DatabaseTemplates, tmp_path: Path) -> Iterator[Services]:
    """The demo site with three legal names outside GBK."""
    path = copy_database(db_templates.demo(), tmp_path / "site" / "onsitedesk.db")
    services = open_services(path, today=DEMO_TODAY)
    try:
        rename(services, RARE_NAMES)
        yield services
    finally:
        services.close()


# ---- the bundled fonts ---------------------------------------------------------------------
def test_every_character_of_the_8105_table_is_drawn_by_a_bundled_font() -> None:
    chars = [line.strip() for line in TABLE_8105.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    assert len(chars) == len(set(chars)) == 8105
    assert {"䶮", "𬭚", "𫖯"} <= set(chars)
    by_font: dict[str | None, int] = {}
    for ch in chars:
        name = fonts.font_of(ch)
        by_font[name] = by_font.get(name, 0) + 1
    assert set(by_font) == {fonts.FONT_NAME, fonts.EXTRA_FONT_NAME}, by_font  # no None
    assert fonts.missing_glyphs(chars) == set()
    assert fonts.font_of("䶮") == fonts.EXTRA_FONT_NAME  # the second font is really used


def test_second_font_is_small_truetype_renamed_with_its_licence() -> None:
    from reportlab.pdfbase.ttfonts import TTFontFile

    path = config.resource_path("fonts", fonts.EXTRA_FONT_FILE)
    data = path.read_bytes()
    assert data[:4] == b"\x00\x01\x00\x00"  # glyf outlines: ReportLab cannot use CFF
    assert len(data) < 400_000
    face = TTFontFile(str(path))
    assert bytes(face.familyName) == b"OnsiteDesk Kai GB8105"  # OFL: no Reserved Font Name
    assert b"LXGW" not in bytes(face.name)
    licence = config.resource_path("fonts", fonts.EXTRA_LICENSE_FILE).read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "LXGW" in licence


def test_the_bundle_ships_the_fonts_folder() -> None:
    spec = (ROOT / "packaging" / "onsitedesk.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder, both fonts
    import sys

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from spec_common import keep
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    for name in (fonts.FONT_FILE, fonts.EXTRA_FONT_FILE, fonts.EXTRA_LICENSE_FILE):
        assert keep(f"resources/fonts/{name}"), name  # not slimmed away


# ---- the chain -----------------------------------------------------------------------------
def test_a_text_the_first_font_covers_takes_the_plain_path() -> None:
    assert fonts.covered("张三 HX1001（运维）√\n")
    assert fonts.segments("张三") == [(fonts.FONT_NAME, "张三")]
    assert fonts.markup("a<b") == "a&lt;b"


def test_runs_switch_font_per_character_and_mark_what_no_font_has() -> None:
    assert not fonts.covered("王䶮")
    assert fonts.segments(f"王䶮李𬭚赵{NO_FONT}x") == [
        (fonts.FONT_NAME, "王"), (fonts.EXTRA_FONT_NAME, "䶮"), (fonts.FONT_NAME, "李"),
        (fonts.EXTRA_FONT_NAME, "𬭚"), (fonts.FONT_NAME, f"赵{fonts.PLACEHOLDER}x")]
    assert fonts.missing_glyphs(f"张{NO_FONT}三\n") == {NO_FONT}
    assert fonts.printable(f"王{NO_FONT}") == f"王{fonts.PLACEHOLDER}"
    assert fonts.markup("䶮&") == f'<font face="{fonts.EXTRA_FONT_NAME}">䶮</font>&amp;'
    assert fonts.text_width("王䶮", 10) == pytest.approx(20, abs=0.5)  # both full-width
    assert wrap_text("䶮䶮䶮䶮䶮", fonts.register(), 10, 40) == ["䶮䶮䶮䶮", "䶮"]


def test_pc_fonts_are_tried_after_the_bundled_ones_lazily(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    """PC font files are opened only for a character neither bundled font has, one at a time,
    once; a missing or broken file is skipped."""
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    stand_in = config.resource_path("fonts", fonts.FONT_FILE)  # has no private-use glyph
    monkeypatch.setattr(fonts, "system_font_files", lambda: [
        (tmp_path / "absent.ttc", 0), (broken, 0), (stand_in, 0)])
    fonts.forget_fallbacks()
    assert fonts.font_of("䶮") == fonts.EXTRA_FONT_NAME
    assert fonts._pc_tried == 0  # a name the bundled fonts draw opens no PC font
    assert fonts.font_of(NO_FONT) is None
    assert fonts._pc_tried == 3 and [n for n, _ in fonts._pc_fonts] == ["OnsiteDeskPC2"]
    assert fonts.font_of("\ue001") is None and fonts._pc_tried == 3  # never opened twice


def test_a_pc_font_draws_what_the_bundled_pair_lacks(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    """𠮷 (U+20BB7, not in the 8105 table) from a TrueType font on the PC, embedded."""
    pc_font = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
    if not pc_font.is_file():
        pytest.skip("needs a TrueType font with U+20BB7 (Debian fonts-lxgw-wenkai)")
    monkeypatch.setattr(fonts, "system_font_files", lambda: [(pc_font, 0)])
    fonts.forget_fallbacks()
    path = tmp_path / "pc.pdf"
    assert build_pdf(path, Form(title="表", body=[Para("吉\U00020bb7祥 䶮")])) == []
    assert "吉\U00020bb7祥 䶮" in pdf_text(path)
    assert any(base.endswith("+LXGWWenKai-Regular") for base in embedded_fonts(path))
    assert second_font_embedded(path)


# ---- documents -----------------------------------------------------------------------------
def test_every_part_of_a_form_draws_the_rare_names(tmp_path: Path) -> None:
    """Title, subtitle, header fields, paragraphs, table cells (plain, wrapped, header,
    muted), lined boxes, signatures, legend, footer, watermark."""
    path = tmp_path / "form.pdf"
    form = Form(
        title="王䶮的表", subtitle="副题 李𬭚", fields=[Field("姓名", "赵𫖯")],
        body=[FieldGrid([Field("姓名", "王䶮"), Field("岗位", "运维")]), Para("说明 𫖯"),
              Table(header=[["序号", "姓名𫖯"]], rows=[[1, "王䶮"], [2, "李𬭚" * 30],
                                                      [3, "赵𫖯"]],
                    widths=[1, 3], wrap=[], muted=[2]),
              LinedBox("意见", 2, signature="签字：", text="王䶮同意")],
        signatures=[Signature("本人", "李𬭚")], legend=["图例 䶮"], status="状态 𬭚",
        watermark="䶮")
    with collect_warnings() as warned:
        assert build_pdf(path, form) == []
    assert warned == []
    text = pdf_text(path)
    for expected in ("王䶮的表", "副题 李𬭚", "赵𫖯", "说明 𫖯", "姓名𫖯", "王䶮同意",
                     "本人：李𬭚", "图例 䶮", "状态 𬭚"):
        assert expected in text, expected
    assert text.count("王䶮") >= 4  # title, field grid, table cell, lined box (+ footer)
    assert second_font_embedded(path)


def test_demo_documents_with_rare_names_print_them_with_the_second_font(
        rare_site: Services, tmp_path: Path) -> None:
    docs = rare_site.documents
    leave = next(x for x in rare_site.leave.requests() if x.person_name in RARE_NAMES.values())
    made = {
        "month": docs.month_pdf(2026, 11, tmp_path / "month.pdf", now=NOW),
        "scores": docs.score_sheet_pdf(2026, 11, tmp_path / "scores.pdf", now=NOW),
        "roster": docs.roster_pdf(tmp_path / "roster.pdf"),
        "leave": docs.leave_pdf(leave.id, tmp_path / "leave.pdf"),
    }
    for kind, path in made.items():
        names = [leave.person_name] if kind == "leave" else list(RARE_NAMES.values())
        texts = [pdf_text(path)]
        poppler = poppler_text(path)
        if poppler is not None:
            texts.append(poppler)
        for text in texts:
            for name in names:
                assert name in text, (kind, name)
        assert second_font_embedded(path), kind
        fonts_used = embedded_fonts(path)
        assert all(base.endswith(("+WenQuanYiMicroHei", f"+{fonts.EXTRA_FONT_NAME}-Regular"))
                   for base in fonts_used), fonts_used  # nothing but the two bundled fonts


def test_a_character_no_font_has_prints_the_placeholder_and_warns(
        rare_site: Services, tmp_path: Path) -> None:
    rename(rare_site, {"HX1004": f"陈{NO_FONT}"})
    path = tmp_path / "month.pdf"
    with collect_warnings() as warned:
        rare_site.documents.month_pdf(2026, 11, path, now=NOW)
    text = pdf_text(path)
    assert f"陈{fonts.PLACEHOLDER}" in text and NO_FONT not in text
    assert "赵𫖯" in text  # the rest of the sheet as usual
    assert len(warned) == 1
    assert f"陈{fonts.PLACEHOLDER}" in warned[0] and "U+E000" in warned[0]
    assert str(path) in warned[0]
    assert "赵𫖯" not in warned[0]  # a name the second font draws is no warning


# ---- the command line ----------------------------------------------------------------------
@pytest.fixture
def rare_db(db_templates: DatabaseTemplates, tmp_path: Path) -> Path:
    path = copy_database(db_templates.demo(), tmp_path / "cli" / "onsitedesk.db")
    services = open_services(path, today=DEMO_TODAY)
    try:
        rename(services, {**RARE_NAMES, "HX1004": f"陈{NO_FONT}"})
    finally:
        services.close()
    return path


def test_cli_month_writes_the_pdf_and_names_the_unprintable_person(rare_db: Path,
                                                                    tmp_path: Path) -> None:
    pdf = tmp_path / "m.pdf"
    result = run_cli("--db", rare_db, "month", "2026-11", "--pdf", pdf)
    assert result.code == 0, result.err
    assert pdf.is_file() and "李𬭚" in pdf_text(pdf)
    assert f"陈{fonts.PLACEHOLDER}（U+E000）" in result.err
    assert strings.CLI_PDF_DONE.format(path=pdf) in result.out


def test_cli_leave_form_names_the_person_too(rare_db: Path, tmp_path: Path) -> None:
    services = open_services(rare_db, today=DEMO_TODAY)
    try:
        person = next(p for p in services.roster.list_people() if p.employee_no == "HX1004")
        leave = next(x for x in services.leave.requests() if x.person_id == person.id)
    finally:
        services.close()
    out = tmp_path / "leave.pdf"
    result = run_cli("--db", rare_db, "leave", "pdf", str(leave.id), out)
    assert result.code == 0, result.err
    assert out.is_file() and f"陈{fonts.PLACEHOLDER}" in result.err


@pytest.mark.parametrize("command", ["month", "scores"])
def test_excel_is_written_even_when_the_pdf_cannot_be(rare_db: Path, tmp_path: Path,
                                                      command: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    pdf = blocker / "sheet.pdf"  # a file stands where the folder should be
    xlsx = tmp_path / "sheet.xlsx"
    result = run_cli("--db", rare_db, command, "2026-11", "--pdf", pdf, "--xlsx", xlsx)
    assert result.code == 1
    assert str(pdf) in result.err  # the PDF's error, after the workbook was written
    assert not pdf.exists()
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    cells = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert any("李𬭚" in value for value in cells)
