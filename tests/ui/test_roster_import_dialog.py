"""The roster import preview shows every column with the field it goes to; a drop-down maps
an unknown column (rows are checked again at once) and the choice is remembered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog

from app import strings
from app.services import Services
from ui.tabs.roster import tab as tab_module
from ui.tabs.roster.import_dialog import ImportPreviewDialog

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _sheet(path: Path) -> Path:
    """A title row merged across, 人员代码 (no common name) for 工号, one unknown column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.merge_cells("A1:E1")
    ws["A1"] = "驻场人员名单"
    ws.append(["人员代码", "姓名", "手机号码", "入职日期", "籍贯"])
    ws.append(["Q1", "甲", 13912345678.0, 45719, "江苏"])
    ws.append(["Q2", "乙", "13912345679", "2025/3/4", "浙江"])
    wb.save(path)
    return path


def _combo_for(dialog: ImportPreviewDialog, header: str) -> Any:
    row = next(i for i, c in enumerate(dialog.plan.columns) if c.header == header)
    return dialog.combos[row]


def test_mapping_an_unknown_column_in_the_preview_makes_rows_importable(
        qtbot: Any, services: Services, tmp_path: Path) -> None:
    io = services.roster_io
    plan = io.plan(_sheet(tmp_path / "r.xlsx"))
    dialog = ImportPreviewDialog(plan, replan=lambda c: io.replan(plan, c))
    qtbot.addWidget(dialog)
    assert dialog.columns_table.rowCount() == 5  # every column listed
    assert plan.missing == ("employee_no",)
    assert not dialog.ok.isEnabled()
    assert "工号" in dialog.summary.text()

    code = _combo_for(dialog, "人员代码")
    code.setCurrentIndex(code.findData("employee_no"))
    assert dialog.plan.missing == ()
    assert len(dialog.plan.valid) == 2 and dialog.ok.isEnabled()
    assert dialog.ok.text() == strings.IMPORT_CONFIRM.format(n=2)
    origin = _combo_for(dialog, "籍贯")
    assert origin.currentData() == ""  # not imported, and shown so
    origin.setCurrentIndex(origin.findData("note"))
    assert dialog.plan.mapped_columns["籍贯"] == "note"

    result, _ = io.commit(dialog.plan)
    assert result.imported == 2
    people = {p.employee_no: p for p in services.roster.list_people()}
    assert (people["Q1"].phone, people["Q1"].note) == ("13912345678", "江苏")
    # remembered: the next plan of such a sheet needs no choice
    again = io.plan(_sheet(tmp_path / "r2.xlsx"))
    assert again.mapped_columns["人员代码"] == "employee_no"
    assert again.mapped_columns["籍贯"] == "note"


def test_tab_imports_the_plan_the_dialog_ended_with(
        qtbot: Any, demo_services: Any, messages: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    w = MainWindow(demo_services)
    qtbot.addWidget(w)

    def choose_then_accept(dialog: ImportPreviewDialog) -> int:
        combo = _combo_for(dialog, "人员代码")
        combo.setCurrentIndex(combo.findData("employee_no"))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ImportPreviewDialog, "exec", choose_then_accept)
    before = demo_services.roster.count()
    w.roster_tab.start_import(_sheet(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=10000)
    assert messages.infos == [strings.IMPORT_DONE.format(imported=2, rejected=0)]
    assert demo_services.roster.count() == before + 2


def test_template_button_saves_a_template(qtbot: Any, demo_services: Any, messages: Any,
                                          tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    w = MainWindow(demo_services)
    qtbot.addWidget(w)
    out = tmp_path / "模板"
    monkeypatch.setattr(tab_module.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(out), ""))
    w.roster_tab.btn_template.click()
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=10000)
    saved = out.with_suffix(".xlsx")
    assert saved.is_file()
    ws = openpyxl.load_workbook(saved).active
    assert ws is not None and ws["A2"].value == "工号*"


def test_a_sheet_with_no_known_column_name_opens_for_mapping_in_the_preview(
        qtbot: Any, services: Services, tmp_path: Path) -> None:
    """The CLI refuses it (and says to use --map); the preview lets the user map instead."""
    from app.errors import ImportFileError

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["名单"])
    ws.append(["代码", "名字"])
    ws.append(["M1", "甲"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    with pytest.raises(ImportFileError):
        services.roster_io.plan(path)
    io = services.roster_io
    plan = io.plan(path, lenient=True)
    assert (plan.header_row, plan.missing) == (2, ("employee_no", "name"))
    dialog = ImportPreviewDialog(plan, replan=lambda c: io.replan(plan, c))
    qtbot.addWidget(dialog)
    for header, code in (("代码", "employee_no"), ("名字", "name")):
        combo = _combo_for(dialog, header)
        combo.setCurrentIndex(combo.findData(code))
    assert [p.employee_no for _, p in dialog.plan.valid] == ["M1"]
    assert dialog.ok.isEnabled()
