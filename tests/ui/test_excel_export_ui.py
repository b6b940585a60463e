"""Excel exports from the tabs (issue 15, deliverable 5): raw punches from the attendance
tab's print menu (the selected person, or everyone of the month), the month's service log
from the service tab. The workbook is made off the UI thread, then opened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QWidget

from app import strings
from app.services import Services
from tests.helpers.messages import MessageRecorder
from ui.tabs.attendance.model import PERSON_ROLE
from ui.tabs.attendance.tab import AttendanceTab
from ui.tabs.service.tab import ServiceTab
from ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 29)
pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _capture(monkeypatch: pytest.MonkeyPatch, targets: list[Path]) -> list[str]:
    from ui import printing

    opened: list[str] = []
    pending = iter(targets)
    monkeypatch.setattr(printing, "ask_path", lambda *a, **k: next(pending))
    monkeypatch.setattr(printing.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    return opened


def _names(path: Path) -> set[str]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    head = next(r[0].row for r in ws.iter_rows(max_row=12)
                if r[0].value == strings.XL_PUNCH_HEADERS[0])
    return {r[0] for r in ws.iter_rows(min_row=head + 1, values_only=True) if r[1]}


def test_attendance_menu_exports_raw_punches(qtbot: Any, demo_services: Services,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             messages: MessageRecorder) -> None:
    one, everyone = tmp_path / "one.xlsx", tmp_path / "all.xlsx"
    opened = _capture(monkeypatch, [one, everyone])
    host = QWidget()
    qtbot.addWidget(host)
    tab = AttendanceTab(demo_services, TaskRunner(host), today=TODAY, parent=host)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: tab.model.month is not None, timeout=10000)
    labels = [a.text() for a in tab.btn_print.menu().actions()]
    assert strings.XL_PUNCH_MENU in labels and strings.XL_PUNCH_MENU_ALL in labels
    tab.export_punches(everyone=False)  # nobody selected: asks to pick one, makes nothing
    assert messages.infos and not opened
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.index(r, 0).data() == "张堃")
    tab.view.setCurrentIndex(tab.proxy.index(row, 3))
    person = tab.proxy.mapToSource(tab.view.currentIndex()).data(PERSON_ROLE)
    tab.export_punches(everyone=False)
    tab.export_punches(everyone=True)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
    assert [Path(p).name for p in opened] == ["one.xlsx", "all.xlsx"]
    assert _names(one) == {person.name}
    assert _names(everyone) == {p.name for p in tab.model.month.people}


def test_service_tab_exports_the_month_as_excel(qtbot: Any, demo_services: Services,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "sv.xlsx"
    opened = _capture(monkeypatch, [out])
    host = QWidget()
    qtbot.addWidget(host)
    tab = ServiceTab(demo_services, TaskRunner(host), today=TODAY, parent=host)
    assert tab.buttons["month_xlsx"].text() == strings.XL_SV_MENU
    tab.buttons["month_xlsx"].click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [strings.XL_SV_RECORDS_SHEET, strings.XL_SV_SUMMARY_SHEET]
    numbers = {r.number for r in tab.model.rows}
    cells = {c.value for row in wb.worksheets[0].iter_rows() for c in row}
    assert numbers <= cells
