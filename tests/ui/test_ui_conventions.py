"""The UI's shared conventions (issue 13): tabs built from one list and refreshed through
``on_changes``; ``run_op``'s error path; leave buttons that follow ``LeaveDTO.actions``; the
DTO table model."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app import strings
from app.domain import leave as leave_rules
from app.domain.leave import Span
from app.errors import ValidationError
from app.services import Changes, Services
from ui.common.tab import Tab
from ui.common.table_model import ROW_ROLE
from ui.main_window import TABS, MainWindow
from ui.tabs.handover.tab import HandoverTab
from ui.tabs.leave.tab import BUTTON_ACTIONS, LeaveTab
from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _window(qtbot: Any, services: Services) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    return w


def test_main_window_builds_one_tab_per_entry(qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == [s.title for s in TABS]
    for i, spec in enumerate(TABS):
        tab = getattr(w, spec.attr)  # built on first access (tests/ui/test_lazy_tabs_ui.py)
        assert isinstance(tab, Tab) and w.tabs.widget(i) is tab
    assert w.all_tabs == [w.tabs.widget(i) for i in range(w.tabs.count())]


def test_changes_refresh_only_the_tabs_that_watch_them(qtbot: Any, demo_services: Services,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    refreshed: list[str] = []
    for tab in w.all_tabs:
        monkeypatch.setattr(tab, "refresh", lambda t=tab: refreshed.append(type(t).__name__))
    w.apply_changes(Changes(leave=True))
    assert sorted(refreshed) == ["AttendanceTab", "LeaveTab", "ScoresTab"]
    refreshed.clear()
    w.apply_changes(Changes(service=True))
    assert refreshed == ["ServiceTab"]


def _host(qtbot: Any) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    return host


def test_run_op_reports_an_expected_error_and_writes_nothing(
        qtbot: Any, demo_services: Services, messages: Any) -> None:
    host = _host(qtbot)
    tab = LeaveTab(demo_services, TaskRunner(host), parent=host)
    emitted: list[Changes] = []
    tab.changed.connect(emitted.append)

    def refuse() -> None:
        raise ValidationError(strings.LEAVE_NEEDS_APPROVER, "approver")

    done: list[object] = []
    tab.run_op(refuse, done.append)
    assert messages.errors == [strings.LEAVE_NEEDS_APPROVER]
    assert emitted == [] and done == []
    tab.run_op(lambda: ("value", Changes(leave=True)), done.append)
    assert emitted == [Changes(leave=True)] and done == ["value"]
    # a long call runs on the TaskRunner and ends the same way
    tab.run_op(refuse, done.append, long="...")
    qtbot.waitUntil(lambda: len(messages.errors) == 2, timeout=10000)
    tab.run_op(lambda: Changes(roster=True), done.append, long="...")
    qtbot.waitUntil(lambda: len(emitted) == 2, timeout=10000)
    assert emitted[1] == Changes(roster=True) and done == ["value", None]


def _select(tab: LeaveTab, leave_id: int) -> None:
    row = tab.model.row_where(lambda r: r.id == leave_id)
    assert row >= 0
    tab.table.selectRow(row)


def _enabled(tab: LeaveTab) -> set[str]:
    return {key for key in BUTTON_ACTIONS if tab.buttons[key].isEnabled()}


def test_leave_buttons_follow_the_actions_the_domain_allows(
        qtbot: Any, demo_services: Services) -> None:
    people = {p.employee_no: p for p in demo_services.roster.list_people()}
    lv = demo_services.leave
    day = dt.date(2026, 12, 3)
    leave, _ = lv.add(people["HX1002"].id, "personal_leave", Span(day, "am", day, "pm"),
                      dt.datetime(2026, 11, 26, 9), people["HX1003"].id, emergency=True,
                      contacted_whom="PM")
    host = _host(qtbot)
    tab = LeaveTab(demo_services, TaskRunner(host), parent=host)
    _select(tab, leave.id)
    selected = tab.selected()
    assert selected is not None and selected.id == leave.id
    assert _enabled(tab) == {"approve", "client", "reject", "cancel", "backfile", "print"}
    tab.run_op(lambda: lv.backfile(leave.id))
    _select(tab, leave.id)
    assert "backfile" not in _enabled(tab)  # back-filed once
    lv.approve(leave.id, "PM")
    lv.return_(leave.id, day + dt.timedelta(days=1))
    tab.refresh()
    _select(tab, leave.id)
    # returned: the client department may still sign; nothing else moves it
    assert _enabled(tab) == {"client", "print"}
    assert {BUTTON_ACTIONS[k] for k in _enabled(tab)} == leave_rules.allowed_actions(
        leave_rules.RETURNED, emergency=True, backfiled=True)


def test_the_model_hands_out_the_row_dto(qtbot: Any, demo_services: Services) -> None:
    host = _host(qtbot)
    tab = HandoverTab(demo_services, TaskRunner(host), parent=host)
    assert tab.model.rowCount() == 1  # the demo change, selected on start
    index = tab.model.index(0, 2)
    dto = index.data(ROW_ROLE)
    assert dto is tab.model.rows[0] is tab.selected()
    assert index.data(Qt.ItemDataRole.DisplayRole) == dto.who == tab.model.cell(0, 2)
