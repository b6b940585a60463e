"""A read-only window greys every control that writes, with the reason as its tooltip
(issue 17; the same gate serves the viewer role of issue 18). Read controls stay usable."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

from app import strings
from app.services import Services
from app.storage import db as db_module
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database, open_services
from ui.common.write_gate import WriteGate
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

# tab attribute -> (attributes of its write buttons, texts of buttons that only read)
WRITES: dict[str, tuple[list[str], list[str]]] = {
    "roster_tab": (["btn_add", "btn_edit", "btn_left", "btn_import"],
                   [strings.ROSTER_TEMPLATE_BUTTON, strings.ROSTER_EXPORT,
                    strings.ROSTER_EXPORT_PDF]),
    "attendance_tab": (["btn_lock", "btn_declare", "btn_correct", "btn_absent", "btn_revoke"],
                       [strings.ATT_PRINT]),
    "leave_tab": (["buttons.new", "buttons.emergency", "buttons.approve", "buttons.client",
                   "buttons.reject", "buttons.return", "buttons.extend", "buttons.cancel",
                   "buttons.backfile", "ot_new", "ot_approve"], []),
    "handover_tab": (["buttons.new", "buttons.edit", "buttons.approve", "buttons.handover",
                      "buttons.begin", "buttons.finish", "buttons.cancel"], [strings.CH_PRINT]),
    "scores_tab": (["btn_rules", "btn_waive", "btn_unwaive", "entry"], [strings.ATT_PRINT]),
    "service_tab": (["buttons.new", "buttons.edit", "buttons.settings", "reports.save_button"],
                    [strings.SV_PRINT_MONTH, strings.XL_SV_MENU, strings.SV_REPORT_XLSX,
                     strings.SV_REPORT_PDF]),
    "imports_tab": (["btn_sync", "btn_usb", "btn_devices", "btn_revert", "btn_map"], []),
}


def _get(tab: Any, dotted: str) -> QWidget:
    first, _, rest = dotted.partition(".")
    value = getattr(tab, first)
    if rest:
        value = value[rest] if isinstance(value, dict) else getattr(value, rest)
    assert isinstance(value, QWidget)
    return value


def _buttons(tab: QWidget, text: str) -> list[QPushButton]:
    return [b for b in tab.findChildren(QPushButton) if b.text() == text]


@pytest.fixture
def read_only_services(db_templates: DatabaseTemplates, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> Any:
    """The demo site opened for real through the read-only path (``mode=ro``): the file is
    made read-only and, because root ignores permission bits, the probe is told so too."""
    path = copy_database(db_templates.demo(), tmp_path / "ro" / "onsitedesk.db")
    os.chmod(path, 0o444)
    reason = strings.DB_FILE_READ_ONLY.format(path=path)
    monkeypatch.setattr(db_module, "read_only_reason", lambda _p: reason)
    services = open_services(path, today=DEMO_TODAY, daily_backup=False)
    assert services.db.read_only == reason
    yield services
    services.close()
    os.chmod(path, 0o644)


def test_every_write_button_is_greyed_with_the_reason(
        qtbot: Any, read_only_services: Services, tmp_path: Path) -> None:
    w = MainWindow(read_only_services)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    banner = strings.DB_READ_ONLY_BANNER.format(reason=read_only_services.db.read_only)
    assert w.read_only_banner.isVisible() and w.read_only_banner.text() == banner
    for attr, (writes, reads) in WRITES.items():
        tab = w.tab(attr)
        w.tabs.setCurrentWidget(tab)
        for name in writes:
            button = _get(tab, name)
            assert not button.isEnabled(), (attr, name)
            assert button.toolTip() == banner, (attr, name)
        for text in reads:
            found = _buttons(tab, text)
            assert found, (attr, text)
            assert all(b.isEnabled() for b in found), (attr, text)
    leave = w.leave_tab  # a selected request: printing it reads, approving it would write
    leave.table.selectRow(0)
    assert leave.buttons["print"].isEnabled() and not leave.buttons["approve"].isEnabled()
    for action in w.write_actions:
        assert not action.isEnabled() and action.toolTip() == banner
    readers = {a.text(): a for a in w.findChildren(QAction)}
    for text in (strings.ACT_EXPORT_ROSTER, strings.ACT_DB_CHECK, strings.ACT_AUDIT_VERIFY):
        assert readers[text].isEnabled(), text
    w.tabs.setCurrentWidget(w.roster_tab)
    qtbot.wait(50)
    shot = tmp_path.parent / "read_only_roster_1366x768.png"
    w.grab().save(str(shot))


def test_selecting_a_row_does_not_enable_a_greyed_button(
        qtbot: Any, read_only_services: Services) -> None:
    """The roster enables 编辑/标记离场 when a person is selected: not in a read-only window;
    a double click (which edits) does nothing."""
    w = MainWindow(read_only_services)
    qtbot.addWidget(w)
    tab = w.roster_tab
    tab.view.selectRow(0)
    assert tab.view.selectionModel().hasSelection()
    assert not tab.btn_edit.isEnabled() and not tab.btn_left.isEnabled()
    opened: list[int] = []
    tab.edit_selected = lambda: opened.append(1)  # type: ignore[method-assign]
    tab.view.activated.emit(tab.view.currentIndex())
    assert opened == []


def test_writable_window_greys_nothing_and_the_gate_reopens(
        qtbot: Any, demo_services: Services) -> None:
    w = MainWindow(demo_services)
    qtbot.addWidget(w)
    assert not w.read_only_banner.isVisibleTo(w)
    tab = w.roster_tab
    tab.view.selectRow(0)
    assert tab.btn_add.isEnabled() and tab.btn_edit.isEnabled()
    tip = tab.btn_add.toolTip()
    w.set_writable(False, "只读：查看者")
    assert not tab.btn_add.isEnabled() and tab.btn_add.toolTip() == "只读：查看者"
    assert w.read_only_banner.text() == "只读：查看者"
    assert all(not a.isEnabled() for a in w.write_actions)
    late = w.imports_tab  # a tab built while closed is greyed when built
    assert not late.btn_usb.isEnabled()
    w.set_writable(True)
    assert tab.btn_add.isEnabled() and tab.btn_edit.isEnabled() and late.btn_usb.isEnabled()
    assert tab.btn_add.toolTip() == tip
    assert all(a.isEnabled() for a in w.write_actions)
    assert not w.read_only_banner.isVisibleTo(w)


def test_gate_keeps_what_the_owner_asked_for_while_closed(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    on, off = QPushButton("a", parent), QPushButton("b", parent)
    off.setEnabled(False)
    action = QAction("c", parent)
    gate = WriteGate(parent)
    gate.register(on, off, action, None)
    gate.register(on)  # twice is once
    assert len(gate.targets) == 3
    gate.set_writable(False, "why")
    gate.set_writable(False, "why")
    on.setEnabled(True)
    off.setEnabled(True)  # the owner enables it while closed: remembered, kept grey
    action.setEnabled(True)
    on.setToolTip("owner's tip")
    assert not (on.isEnabled() or off.isEnabled() or action.isEnabled())
    assert on.toolTip() == "why" and action.toolTip() == "why"
    gate.set_writable(True)
    assert on.isEnabled() and off.isEnabled() and action.isEnabled()
    assert on.toolTip() == "owner's tip" and gate.writable
    extra = QPushButton("d", parent)
    gate.set_writable(False, "again")
    gate.register(extra)
    assert not extra.isEnabled() and extra.toolTip() == "again"
    extra.deleteLater()
    qtbot.wait(10)
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(gate.targets) == 3


def test_ctrl_s_on_the_daily_reports_does_nothing_when_read_only(
        qtbot: Any, read_only_services: Services, messages: Any) -> None:
    """The reports grid can still be typed in; Ctrl+S goes through the greyed save button,
    so no refusal pops up and nothing is written."""
    from PySide6.QtGui import QKeySequence, QShortcut

    w = MainWindow(read_only_services)
    qtbot.addWidget(w)
    w.show()
    reports = w.service_tab.reports
    w.tabs.setCurrentWidget(w.service_tab)
    w.service_tab.pages.setCurrentWidget(reports)
    qtbot.waitExposed(w)
    assert reports.table.rowCount() > 0
    reports.table.item(0, reports.table.columnCount() - 1).setText("今天巡检机房")
    assert reports.dirty() and not reports.save_button.isEnabled()
    (shortcut,) = [s for s in reports.findChildren(QShortcut)
                   if s.key() == QKeySequence("Ctrl+S")]
    shortcut.activated.emit()
    assert messages.errors == [] and reports.dirty()
