"""Signers on the forms (issue 15, deliverable 4): the regulation has the client department
and the supervision firm verify an absence explanation and the deduction scores, so both
forms carry a 监理 line; every signer label follows the project settings (client label,
its department, the supervision firm) and falls back to the generic words when unset."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.documents.absence_explanation import write_absence_explanation_pdf
from app.documents.change_forms import write_change_pdf
from app.documents.punch_record import write_punch_record_pdf
from app.documents.score_sheet import write_score_pdf
from app.domain.attendance import month_dates
from app.dto.project import ProjectDTO
from app.services import Services
from tests.helpers.db import DatabaseTemplates, open_copy
from tests.helpers.forms import NOW, TODAY, all_text, staff_of

FIRM = "明正工程监理咨询有限公司"


@pytest.fixture(scope="module")
def site(db_templates: DatabaseTemplates,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    services = open_copy(db_templates.demo(TODAY), tmp_path_factory.mktemp("sign") / "d.db",
                         today=TODAY)
    try:
        yield services
    finally:
        services.close()


def other_settings(project: ProjectDTO) -> ProjectDTO:
    """Another client: 甲方 with its 技术部, and no supervision firm named yet."""
    return dataclasses.replace(project, client_label="甲方", client_dept="技术部",
                               supervisor_firm="")


def explanation(site: Services, project: ProjectDTO, path: Path) -> str:
    month = site.attendance.month(2026, 11, now=NOW)
    person = next(p for p in month.people if p.employee_no == "HX1005")
    write_absence_explanation_pdf(path, person, project)
    return all_text(path)


def scores(site: Services, project: ProjectDTO, path: Path) -> str:
    write_score_pdf(path, site.scores.month(2026, 11, now=NOW), project, "周立群")
    return all_text(path)


def test_demo_settings_name_the_supervision_firm(site: Services) -> None:
    project = site.project.get()
    assert project.supervisor_firm == FIRM and project.client_dept == "信息科"


def test_absence_explanation_has_department_and_supervisor_lines(
        site: Services, tmp_path: Path) -> None:
    text = explanation(site, site.project.get(), tmp_path / "a.pdf")
    assert "采购人（信息科）核实意见" in text
    assert f"监理单位（{FIRM}）核实意见" in text
    # the person, the project manager, the department and the supervisor each sign
    assert text.count("签字：") == 4 and text.count("日期：") == 4


def test_absence_explanation_labels_follow_the_settings(site: Services, tmp_path: Path) -> None:
    text = explanation(site, other_settings(site.project.get()), tmp_path / "a.pdf")
    assert "甲方（技术部）核实意见" in text and "监理单位核实意见" in text
    assert "信息科" not in text and FIRM not in text and "采购人（" not in text


def test_score_sheet_has_department_and_supervisor_lines(site: Services, tmp_path: Path) -> None:
    text = scores(site, site.project.get(), tmp_path / "s.pdf")
    assert "采购人（信息科）核实" in text
    assert f"监理单位（{FIRM}）核实（盖章）" in text
    assert "采购人项目负责人" in text
    assert text.count("签字：") == 5


def test_score_sheet_labels_follow_the_settings(site: Services, tmp_path: Path) -> None:
    text = scores(site, other_settings(site.project.get()), tmp_path / "s.pdf")
    assert "甲方（技术部）核实" in text and "监理单位核实（盖章）" in text
    assert "甲方项目负责人" in text
    assert "信息科" not in text and FIRM not in text


def test_punch_record_checkers_follow_the_settings(site: Services, tmp_path: Path) -> None:
    pid = staff_of(site)["HX1004"]
    details = [site.attendance.day_detail(pid, d, now=NOW) for d in month_dates(2026, 11)]
    path = tmp_path / "p.pdf"
    write_punch_record_pdf(path, "陈玥", "HX1004", "2026年11月", details, site.project.get())
    text = all_text(path)
    assert "采购人（信息科）核对" in text and f"监理单位（{FIRM}）核对（盖章）" in text
    write_punch_record_pdf(path, "陈玥", "HX1004", "2026年11月", details,
                           other_settings(site.project.get()))
    text = all_text(path)
    assert "甲方（技术部）核对" in text and "监理单位核对（盖章）" in text


def test_change_forms_name_the_supervision_firm_from_the_settings(
        site: Services, tmp_path: Path) -> None:
    change = site.handover.get(1)
    path = tmp_path / "c.pdf"
    write_change_pdf(path, "application", change, site.project.get())
    assert f"监理单位（{FIRM}）审核意见" in all_text(path)
    write_change_pdf(path, "application", change, other_settings(site.project.get()))
    text = all_text(path)
    assert "监理单位审核意见" in text and "技术部审核意见" in text and "甲方审核意见" in text
    write_change_pdf(path, "notice", change, other_settings(site.project.get()))
    text = all_text(path)
    assert "监理单位签收" in text and "技术部" in text
