"""Imports tab (USB file, history, revert, mapping) and leave tab, driven as a user would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app import strings
from app.domain.leave import Span
from app.services import Services
from tests.helpers.messages import MessageRecorder
from ui.tabs.imports.tab import ImportsTab
from ui.tabs.leave.dialog import LeaveDialog
from ui.tabs.leave.tab import LeaveTab
from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qsettings_isolated")
ATTLOG = (b"        8\t2026-11-30 08:21:10\t1\t0\t1\t0\r\n"
          b"       77\t2026-11-30 08:25:00\t1\t0\t1\t0\r\n"
          b"ZZZZZZZZZZ\t2047-02-30 19:13:30\t1\t90\t90\t1515870810\r\n")


def _host(qtbot: Any) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    return host


def test_usb_import_shows_result_problems_history_and_unmapped(
        qtbot: Any, demo_services: Services, tmp_path: Path) -> None:
    host = _host(qtbot)
    tab = ImportsTab(demo_services, TaskRunner(host), parent=host)
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(ATTLOG)
    tab.import_usb(path)
    qtbot.waitUntil(lambda: tab.problems_model.rowCount() == 1, timeout=10000)
    assert "ZZZZZZZZZZ" in tab.problems_model.cell(0, 1)
    assert tab.problems_model.cell(0, 0) == "3"  # the line number
    assert strings.IMP_RESULT.format(source=path.name, read=3, new=2, duplicate=0,
                                     rejected=1) in tab.result.text()
    assert tab.history_model.cell(0, 6) == "2"  # new
    assert [u.device_user_id for u in tab.unmapped_ids] == ["77"]


def test_reimport_adds_nothing_and_revert_hides_the_batch(
        qtbot: Any, demo_services: Services, tmp_path: Path,
        messages: MessageRecorder) -> None:
    host = _host(qtbot)
    tab = ImportsTab(demo_services, TaskRunner(host), parent=host)
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(ATTLOG)
    tab.import_usb(path)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: len(tab.batches) >= 2, timeout=10000)
    tab.import_usb(path)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: len(tab.batches) >= 3, timeout=10000)
    assert (tab.batches[0].new, tab.batches[0].duplicate) == (0, 2)
    tab.history.selectRow(1)  # the first USB batch
    messages.reply("误导入了测试文件")
    tab.revert_selected()
    assert tab.batches[1].reverted_at is not None
    assert "误导入了测试文件" in tab.history_model.cell(1, 9)
    assert tab.unmapped_ids == []  # its punches no longer count


def test_mapping_an_unmapped_id_to_a_person(qtbot: Any, demo_services: Services,
                                           tmp_path: Path, messages: Any) -> None:
    host = _host(qtbot)
    tab = ImportsTab(demo_services, TaskRunner(host), parent=host)
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(ATTLOG)
    tab.import_usb(path)
    qtbot.waitUntil(lambda: bool(tab.unmapped_ids), timeout=10000)
    from app.domain.roster import PersonFields

    person, _ = demo_services.roster.add(PersonFields(employee_no="HX1010", name="新同事"))
    tab.refresh()
    tab.unmapped.selectRow(0)
    tab.person.setCurrentIndex(tab.person.findData(person.id))
    tab.map_selected()
    assert demo_services.roster.get(person.id).device_user_id == "77"
    assert tab.unmapped_ids == []


def test_leave_dialog_shows_checks_live_and_needs_a_reason_to_override(
        qtbot: Any, demo_services: Services) -> None:
    from PySide6.QtCore import QDate

    dialog = LeaveDialog(demo_services, now=dt.datetime(2026, 11, 29, 10, 0))
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(2026, 11, 30))  # tomorrow: one day ahead
    dialog.end.setDate(QDate(2026, 12, 2))  # three days -> two days ahead needed
    assert "late_filing" in dialog.update_checks()
    assert strings.LEAVE_VIOLATION_LABELS["late_filing"] in dialog.checks.text()
    dialog.deputy.setCurrentIndex(2)
    dialog.save()
    assert dialog.error.text() == strings.LV_NEEDS_OVERRIDE
    dialog.override.setText("家中急事，已电话报备项目经理")
    dialog.save()
    assert dialog.created is not None and "late_filing" in dialog.created.violations


def test_leave_tab_approve_flows_into_the_list(qtbot: Any, demo_services: Services,
                                              messages: MessageRecorder) -> None:
    people = {p.employee_no: p for p in demo_services.roster.list_people()}
    leave, _ = demo_services.leave.add(
        people["HX1002"].id, "personal_leave",
        Span(dt.date(2026, 12, 3), "am", dt.date(2026, 12, 3), "pm"),
        dt.datetime(2026, 11, 27, 9), people["HX1003"].id)
    host = _host(qtbot)
    tab = LeaveTab(demo_services, TaskRunner(host), parent=host)
    tab.table.selectRow(0)
    assert tab.buttons["approve"].isEnabled()
    messages.reply("周立群", "同意")
    tab.approve()
    assert demo_services.leave.get(leave.id).state == "approved"
    assert tab.model.cell(0, 6) == strings.LEAVE_STATE_LABELS["approved"]


def test_leave_month_filter_survives_a_refresh(qtbot: Any, demo_services: Services) -> None:
    host = _host(qtbot)
    tab = LeaveTab(demo_services, TaskRunner(host), parent=host)
    tab.f_month.setCurrentIndex(3)
    chosen = tab.f_month.currentText()
    tab.refresh()
    assert tab.f_month.currentText() == chosen
