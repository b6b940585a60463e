"""Roster tab, its model and the main window, driven as a user would (SPEC R1, R2)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QDialog, QLabel

from app import strings
from tests.helpers.messages import MessageRecorder
from ui.main_window import MainWindow
from ui.tabs.roster import import_dialog
from ui.tabs.roster import tab as tab_module
from ui.tabs.roster.model import COLUMNS, RosterFilter
from ui.tabs.roster.person_dialog import PersonDialog

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _col(title: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.title == title)


def _window(qtbot: Any, services: Any) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    return w


def test_model_passes_qt_model_tester_and_masks_numbers(qtbot: Any, demo_services: Any) -> None:
    w = _window(qtbot, demo_services)
    model = w.roster_tab.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(w.roster_tab.proxy,
                             QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert model.rowCount() == 9
    shown = [model.index(r, c).data() for r in range(model.rowCount())
             for c in range(model.columnCount())]
    for p in demo_services.roster.list_people():
        assert p.phone not in shown and p.id_card_no not in shown  # Q3: masked in lists
        assert p.phone_masked in shown


def test_default_sort_puts_people_on_site_first_and_left_last(qtbot: Any,
                                                             demo_services: Any) -> None:
    w = _window(qtbot, demo_services)
    proxy = w.roster_tab.proxy
    status_col = _col(strings.ROSTER_COLUMNS["status"])
    statuses = [proxy.index(r, status_col).data() for r in range(proxy.rowCount())]
    assert statuses[0] == strings.STATUS_LABELS["active"]
    assert statuses[-1] == strings.STATUS_LABELS["left"]


def test_search_and_status_filter(qtbot: Any, demo_services: Any) -> None:
    w = _window(qtbot, demo_services)
    tab = w.roster_tab
    tab.search.setText("HX1003")
    assert tab.proxy.rowCount() == 1
    assert tab.proxy.person_at(0).name == demo_services.roster.list_people()[3].name
    tab.search.setText("")
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(RosterFilter.NOT_LEFT))
    assert tab.proxy.rowCount() == 8
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("pending"))
    assert tab.proxy.rowCount() == 1
    assert strings.ROSTER_COUNT.format(shown=1, total=9) == tab.count_label.text()


def test_window_title_status_bar_and_tabs(qtbot: Any, demo_services: Any) -> None:
    w = _window(qtbot, demo_services)
    project = demo_services.project.get()
    assert project.name in w.windowTitle()
    assert w.tabs.tabText(0) == strings.TAB_ROSTER
    assert w.status_people.text() == strings.STATUS_PEOPLE.format(
        active=6, pending=1, handover=1, left=1)


def test_empty_database_shows_hint_and_asks_for_project(qtbot: Any,
                                                        empty_services: Any) -> None:
    w = _window(qtbot, empty_services)
    overlay = w.roster_tab.view.viewport().findChild(QLabel, "emptyState")
    assert overlay is not None and overlay.text() == strings.EMPTY_ROSTER  # said once, over
    assert overlay.isVisibleTo(w.roster_tab.view)                          # the empty list
    assert w.windowTitle() == strings.WINDOW_TITLE_NO_PROJECT


def test_add_person_through_dialog(qtbot: Any, empty_services: Any) -> None:
    dialog = PersonDialog(empty_services, None)
    qtbot.addWidget(dialog)
    dialog.employee_no.setText("E01")
    dialog.name.setText("王小明")
    dialog.phone.setText("13800138000")
    dialog.id_card_no.setText("11010519491231002x")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    people = empty_services.roster.list_people()
    assert [(p.employee_no, p.name, p.id_card_no) for p in people] == [
        ("E01", "王小明", "11010519491231002X")]
    assert dialog.changes.roster


def test_dialog_keeps_input_and_names_the_field_on_error(qtbot: Any,
                                                          demo_services: Any) -> None:
    dialog = PersonDialog(demo_services, None)
    qtbot.addWidget(dialog)
    dialog.employee_no.setText("HX1001")  # taken
    dialog.name.setText("重复的人")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "HX1001" in dialog.error.text()
    assert dialog.name.text() == "重复的人"
    dialog.employee_no.setText("HX2001")
    dialog.id_card_no.setText("110105194912310021")  # wrong check digit
    dialog.save()
    assert "第 18 位应为 X" in dialog.error.text()
    assert demo_services.roster.count() == 9


def test_equipment_added_in_dialog_is_saved_at_once(qtbot: Any, demo_services: Any) -> None:
    person = next(p for p in demo_services.roster.list_people() if p.employee_no == "HX1004")
    dialog = PersonDialog(demo_services, person)
    qtbot.addWidget(dialog)
    dialog.eq_item.setText("工作手机")
    dialog._add_equipment()
    dialog.reject()
    again = demo_services.roster.get(person.id)
    assert [e.item for e in again.equipment] == ["工作手机"]
    assert again.equipment_outstanding == 1


def test_mark_left_warns_about_unreturned_equipment(qtbot: Any, demo_services: Any,
                                                     messages: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    tab = w.roster_tab
    tab.search.setText("HX1001")
    tab.view.selectRow(0)
    monkeypatch.setattr(tab_module, "ask_date", lambda *_a: dt.date(2026, 12, 31))
    messages.answer = False
    tab.mark_selected_left()
    assert messages.asked and "2 件设备未归还" in messages.asked[0]
    assert demo_services.roster.get(tab.selected_person().id).status == "active"
    messages.answer = True
    tab.mark_selected_left()
    person = demo_services.roster.get(tab.selected_person().id)
    assert (person.status, person.end_date) == ("left", dt.date(2026, 12, 31))
    assert w.status_people.text().endswith("已离场 2 人")


def _roster_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "工号", "身份证号", "入场日期"])
    ws.append(["新人甲", "N001", "11010519491231002X", "2026-12-01"])
    ws.append(["", "N002", "", ""])
    ws.append(["新人乙", "N003", "", "2026-02-30"])
    ws.append(["新人丙", "N004", "", ""])
    wb.save(path)
    return path


def test_import_previews_then_imports_valid_rows_off_the_ui_thread(
        qtbot: Any, demo_services: Any, messages: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    seen: dict[str, Any] = {}

    def accept(dialog: Any) -> int:
        seen["rows"] = dialog.table.rowCount()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "exec", accept)
    w.roster_tab.start_import(_roster_file(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=10000)
    assert seen["rows"] == 2  # two bad rows listed: missing name, impossible date
    assert messages.infos == [strings.IMPORT_DONE.format(imported=2, rejected=2)]
    assert w.roster_tab.model.rowCount() == 11
    names = {p.name for p in w.roster_tab.model.rows}
    assert {"新人甲", "新人丙"} <= names


def test_import_cancelled_at_preview_changes_nothing(
        qtbot: Any, demo_services: Any, messages: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    shown: list[bool] = []

    def cancel(_dialog: Any) -> int:
        shown.append(True)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "exec", cancel)
    w.roster_tab.start_import(_roster_file(tmp_path / "r.xlsx"))
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    w.tasks.wait()
    assert demo_services.roster.count() == 9
    assert not messages.infos


def test_unreadable_file_gives_a_chinese_message(qtbot: Any, demo_services: Any,
                                                  messages: Any, tmp_path: Path) -> None:
    w = _window(qtbot, demo_services)
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"not a workbook")
    w.roster_tab.start_import(bad)
    qtbot.waitUntil(lambda: bool(messages.errors), timeout=10000)
    assert "坏文件.xlsx" in messages.errors[0]
    assert demo_services.roster.count() == 9


def test_double_click_row_opens_editor(qtbot: Any, demo_services: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    opened: list[str] = []
    monkeypatch.setattr(tab_module.PersonDialog, "exec",
                        lambda d: opened.append(d.name.text()) or 0)
    w.roster_tab.view.selectRow(0)
    qtbot.keyClick(w.roster_tab.view, Qt.Key.Key_Return)
    assert opened == [w.roster_tab.proxy.person_at(0).name]


def test_nursing_period_from_the_person_dialog_absorbs_lateness(qtbot: Any,
                                                                empty_services: Any) -> None:
    """SPEC L1/A2: the nursing hour runs until the child's first birthday."""
    from app.domain.roster import PersonFields
    from app.services.punches import PunchRow

    person, _ = empty_services.roster.add(PersonFields(
        employee_no="N1", name="哺乳期员工", device_user_id="31", start_date=dt.date(2026, 1, 1)))
    dialog = PersonDialog(empty_services, person)
    qtbot.addWidget(dialog)
    dialog.nursing_from.set_value(dt.date(2026, 3, 1))
    dialog.nursing_birth.set_value(dt.date(2025, 11, 10))
    dialog._add_nursing()
    assert dialog.changes.attendance
    assert "2026-11-09" in dialog.nursing_list.text()  # the day before the first birthday
    day = dt.datetime(2026, 3, 2)  # Monday
    punches = [day.replace(hour=h, minute=m) for h, m in ((9, 25), (12, 1), (13, 55), (17, 31))]
    empty_services.punches.record_batch("usb", "t", "D", [PunchRow("31", t) for t in punches])
    detail = empty_services.attendance.day_detail(person.id, day.date(),
                                                  now=dt.datetime(2026, 3, 3))
    assert detail.result.am.verdict == "present"  # 55 minutes late, inside the nursing hour


@pytest.mark.expect_error_log
def test_expected_errors_are_plain_messages_and_bugs_name_the_log(
        qtbot: Any, messages: MessageRecorder, error_log: list[logging.LogRecord]) -> None:
    """DESIGN §5: an AppError is a Chinese message; anything else shows the log path."""
    from app.errors import AppError
    from ui import errors

    errors.show_exception(AppError("文件第 3 行日期不对"))
    assert messages.errors == ["文件第 3 行日期不对"]
    errors.show_exception(RuntimeError("boom"))
    crash = messages.shown[-1]
    assert (crash.kind, crash.title) == ("critical", strings.CRASH_TITLE)
    assert crash.text == strings.UNEXPECTED_ERROR.format(log=errors.log_file())
    assert [r.getMessage() for r in error_log] == ["unexpected error"]
