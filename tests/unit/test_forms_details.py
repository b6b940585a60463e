"""Form details (issue 15, deliverable 6): drawn tick boxes of at least 4 mm with an 其他
option, one date style (2026年11月30日, no ISO dates), form numbers like QJ-2026-0001 and
BG-2026-0001 (never "#1"), long project names and contract numbers that never break inside
a token and footers that are never cut. Every form is rendered and read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents import fonts
from app.documents.pdf_layout import TICK_BOX, wrap_text
from app.domain.form_numbers import change_number, leave_number
from app.dto.project import ProjectDTO
from app.services import Services
from tests.helpers.db import DatabaseTemplates, open_copy
from tests.helpers.forms import CN_DATE, ISO_DATE, NOW, TODAY, all_text, pages, squares, staff_of

MM4 = 4 * 72 / 25.4  # 4 mm in points
LONG_NAME = ("市第一人民医院信息系统及智慧医院一体化平台驻场运维服务项目（二期）"
             "三标段数据中心与网络安全运维及配套基础设施保障服务采购")
LONG_CONTRACT = "GZSYY-XXZX-2026-ZCYW-0017-B3-FW"


@pytest.fixture(scope="module")
def site(db_templates: DatabaseTemplates,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = open_copy(db_templates.demo(TODAY), tmp_path_factory.mktemp("det") / "d.db",
                         today=TODAY)
    try:
        yield services
    finally:
        services.close()


def render_all(site: Services, folder: Path, project: ProjectDTO | None = None
               ) -> dict[str, Path]:
    """Every form of this work package, through the document service."""
    if project is not None:
        site.project.get = lambda: project  # type: ignore[method-assign]
    try:
        docs, ids = site.documents, staff_of(site)
        out = {name: folder / f"{name}.pdf" for name in (
            "leave", "notice", "application", "handover", "service", "service_month",
            "reports", "scores", "score_person", "punches", "explanation", "roster",
            "month")}
        docs.leave_pdf(1, out["leave"])
        for kind in ("notice", "application", "handover"):
            docs.change_pdf(1, kind, out[kind])
        docs.service_record_pdf(1, out["service"], NOW)
        docs.service_month_pdf(2026, 11, out["service_month"], NOW)
        docs.service_reports_pdf(2026, 11, out["reports"], TODAY)
        docs.score_sheet_pdf(2026, 11, out["scores"], NOW)
        docs.score_person_pdf(2026, 11, ids["HX1007"], out["score_person"], NOW)
        docs.punch_record(2026, 11, ids["HX1004"], out["punches"], NOW)
        docs.explanation(2026, 11, ids["HX1005"], out["explanation"], NOW)
        docs.roster_pdf(out["roster"], TODAY)
        docs.month_pdf(2026, 11, out["month"], NOW)
        return out
    finally:
        if project is not None:
            del site.project.get  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def forms(site: Services, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_all(site, tmp_path_factory.mktemp("forms"))


# ---- tick boxes -----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "least"), [("leave", 10), ("notice", 6), ("application", 8),
                                             ("service", 3 + 5 + 2 + 4)])
def test_tick_boxes_are_drawn_squares_of_at_least_4_mm(
        forms: dict[str, Path], name: str, least: int) -> None:
    sides = squares(forms[name])
    assert len(sides) >= least, sides
    assert all(side >= MM4 for side in sides)
    assert TICK_BOX >= MM4
    assert "□" not in all_text(forms[name]) and "■" not in all_text(forms[name])


@pytest.mark.parametrize("name", ["leave", "notice", "application", "service"])
def test_choice_lists_offer_other(forms: dict[str, Path], name: str) -> None:
    assert "其他" in all_text(forms[name])


# ---- one date style -----------------------------------------------------------------------------
def test_every_form_writes_dates_one_way(forms: dict[str, Path]) -> None:
    for name, path in forms.items():
        text = all_text(path)
        assert not ISO_DATE.findall(text), (name, ISO_DATE.findall(text)[:3])
        assert CN_DATE.search(text), name
        assert not re.search(r"\d{1,2}-\d{1,2} \d{2}:\d{2}", text), name  # no "11-02 09:10"


def test_times_go_with_the_date_style(forms: dict[str, Path]) -> None:
    text = all_text(forms["leave"])
    assert re.search(r"申请时间\s+\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", text)


# ---- form numbers ---------------------------------------------------------------------------
def test_form_number_helpers() -> None:
    assert leave_number(dt.date(2026, 11, 30), 1) == "QJ-2026-0001"
    assert change_number(dt.date(2027, 1, 2), 12345) == "BG-2027-12345"


def test_forms_carry_numbers_never_hash_ids(site: Services, forms: dict[str, Path]) -> None:
    leave = site.leave.get(1)
    text = all_text(forms["leave"])
    assert re.search(r"编号\s+QJ-\d{4}-\d{4}", text)
    assert leave_number(leave.filed_at.date(), 1) in text
    change = site.handover.get(1)
    for kind in ("notice", "application", "handover"):
        text = all_text(forms[kind])
        assert re.search(r"BG-\d{4}-\d{4}", text), kind
        assert change_number(change.created_at.date(), 1) in text
    assert site.service_log.get(1, NOW).number in all_text(forms["service"])
    for name, path in forms.items():
        assert not re.search(r"#\s?\d", all_text(path)), name


# ---- long names and footers -----------------------------------------------------------------
@pytest.fixture(scope="module")
def long_forms(site: Services, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = dataclasses.replace(site.project.get(), name=LONG_NAME,
                                  contract_no=LONG_CONTRACT)
    assert len(LONG_NAME) >= 60
    return render_all(site, tmp_path_factory.mktemp("long"), project)


def test_long_contract_number_is_never_broken(long_forms: dict[str, Path]) -> None:
    for name, path in long_forms.items():
        text = all_text(path)
        assert LONG_CONTRACT in text, name  # on one line, not split at a hyphen


def test_footers_are_never_cut(long_forms: dict[str, Path]) -> None:
    for name, path in long_forms.items():
        for n, text in enumerate(pages(path), start=1):
            assert "…" not in text, (name, n)
            assert re.search(rf"第\s*{n}\s*页", text), (name, n)
        flat = re.sub(r"\s+", "", all_text(path))
        if name in ("scores", "service_month", "reports"):
            assert flat.count(LONG_NAME) >= 2, name  # title and footer in full


def test_wrap_text_keeps_latin_tokens_whole() -> None:
    font = fonts.register()
    text = "合同编号：" + LONG_CONTRACT + "，项目名称很长很长"
    for width in range(60, 300, 20):
        lines = wrap_text(text, font, 9, width)
        assert "".join(lines).replace(" ", "") == text
        assert any(LONG_CONTRACT in line for line in lines) or width < 170
