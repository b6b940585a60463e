"""Change and handover tab (SPEC C1-C6, issue 8), driven as a user would: the list and the
coloured timeline of the demo change, creating a change through the dialog, the checklist,
finishing (the roster follows), printing, and the status bar warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from app import strings
from app.domain import handover as rules
from app.domain.roster import PersonFields
from app.services import Changes
from ui.tabs.handover.checklist import HandoverDialog
from ui.tabs.handover.dialogs import ChangeDialog, FinishDialog
from ui.tabs.handover.tab import HandoverTab, HandoverWarningsLabel
from ui.tabs.handover.timeline import STATUS_COLORS
from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

D = dt.date
TODAY = D(2026, 12, 2)  # the demo change: approval and handover start due Mon 12-07
GREY, GREEN, AMBER, RED = (STATUS_COLORS[k].name() for k in ("done", "on_time", "due_soon",
                                                             "overdue"))


def _tab(qtbot: Any, services: Any, today: dt.date = TODAY) -> HandoverTab:
    host = QWidget()
    qtbot.addWidget(host)
    tab = HandoverTab(services, TaskRunner(host), host, today=today)
    tab.resize(1200, 700)
    host.show()
    return tab


@pytest.fixture
def demo(demo_services: Any) -> Any:
    """The demo site, its change included, as of TODAY (tests/helpers/db.py)."""
    return demo_services


def test_tab_shows_the_demo_change_and_its_coloured_timeline(qtbot: Any, demo: Any) -> None:
    tab = _tab(qtbot, demo)
    assert tab.model.rowCount() == 1
    assert tab.model.cell(0, 2) == "刘镕 → 孙嘉怡"
    assert tab.model.cell(0, 4).startswith(strings.CH_STEP_LABELS["approval"])
    assert [s.code for s in tab.timeline.steps] == ["notice", "application", "approval",
                                                    "handover_start", "finish"]
    # notice and request done (grey), approval and start due Mon 12-07 (amber), end on time
    assert tab.timeline.colors() == [GREY, GREY, AMBER, AMBER, GREEN]
    assert tab.items_model.rowCount() == 10
    assert "郑海燕" in tab.detail.toPlainText()
    assert strings.CH_PROBLEM_LABELS["no_nda"] in tab.detail.toPlainText()
    tab.set_today(D(2026, 12, 8))
    assert tab.timeline.colors() == [GREY, GREY, RED, RED, GREEN]
    image = tab.timeline.grab()
    assert not image.isNull() and image.width() > 300


def test_status_bar_label_lists_close_deadlines(qtbot: Any, demo: Any) -> None:
    label = HandoverWarningsLabel(demo)
    qtbot.addWidget(label)
    label.refresh(D(2026, 11, 29))
    assert label.text() == ""
    label.refresh(TODAY)
    assert "2 " in label.text() and "2026-12-07" in label.text()
    assert len(label.toolTip().splitlines()) == 2
    label.refresh(D(2026, 12, 8))
    assert "逾期 2" in label.text()


@pytest.fixture
def team(empty_services: Any) -> dict[str, int]:
    ids = {}
    for no, status, start, end in (("L1", "handover", D(2025, 9, 1), D(2026, 12, 18)),
                                   ("J1", "pending", D(2026, 12, 7), None)):
        p, _ = empty_services.roster.add(PersonFields(employee_no=no, name=f"员工{no}",
                                                      start_date=start, end_date=end,
                                                      status=status))
        ids[no] = p.id
    empty_services.roster.add_equipment(ids["L1"], "笔记本电脑", "NB-1", D(2025, 9, 1))
    return ids


def test_create_a_change_through_the_dialog(qtbot: Any, empty_services: Any,
                                           team: dict[str, int],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _tab(qtbot, empty_services)
    assert tab.model.rowCount() == 0
    emitted: list[Changes] = []
    tab.changed.connect(emitted.append)
    seen: dict[str, str] = {}

    def fill_and_save(dialog: ChangeDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData(rules.REPLACE))
        dialog.leaving.setCurrentIndex(dialog.leaving.findData(team["L1"]))
        # picking the leaving person moves the date to the working day after their last day
        assert dialog.change_date.date().toString("yyyy-MM-dd") == "2026-12-21"
        dialog.joining.setCurrentIndex(dialog.joining.findData(team["J1"]))
        dialog.reason.setText("本人原因")
        seen["preview"], seen["joining"] = dialog.preview.text(), dialog.joining_info.text()
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(ChangeDialog, "exec", fill_and_save)
    tab.new_change()
    assert "2026-12-03" in seen["preview"] and "2026-12-07" in seen["preview"]
    assert strings.CH_MISSING in seen["joining"]
    assert tab.model.rowCount() == 1 and tab.selected() is not None
    assert emitted and emitted[-1].handover
    change = tab.selected()
    assert change is not None and change.who == "员工L1 → 员工J1"
    assert any(i.detail == "NB-1" for i in change.items)


def test_dialog_shows_the_error_of_a_refused_change(qtbot: Any, empty_services: Any,
                                                   team: dict[str, int]) -> None:
    dialog = ChangeDialog(empty_services, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(rules.CLIENT_DEMANDED))
    dialog.leaving.setCurrentIndex(dialog.leaving.findData(team["L1"]))
    assert dialog.demand_date.isEnabled()
    dialog.save()
    assert "甲方" in dialog.error.text() and dialog.saved is None


def test_checklist_tick_and_add_in_the_handover_dialog(qtbot: Any, demo: Any) -> None:
    change = demo.handover.list_changes()[0]
    dialog = HandoverDialog(demo, change, today=TODAY)
    qtbot.addWidget(dialog)
    laptop = next(r for r, i in enumerate(change.items) if i.source == "equipment")
    dialog.tick(laptop)
    dialog.new_title.setText("机房钥匙")
    dialog.new_detail.setText("2把")
    dialog.add_item()
    assert dialog.changes.roster and dialog.changes.handover
    again = demo.handover.get(change.id)
    assert again.items[laptop].done and again.items[laptop].done_on == TODAY
    assert again.items[-1].title == "机房钥匙" and dialog.new_title.text() == ""
    leaving = demo.roster.get(change.leaving.id)
    assert any(e.returned_date == TODAY for e in leaving.equipment)
    assert dialog.days.text() == strings.CH_DAYS.format(n=10)
    dialog.start.set_value(D(2026, 12, 9))
    assert dialog.days.text() == strings.CH_DAYS_SHORT.format(n=8)


def test_finish_refuses_open_items_then_finishes_with_a_reason(
        qtbot: Any, demo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _tab(qtbot, demo)
    emitted: list[Changes] = []
    tab.changed.connect(emitted.append)
    change = tab.selected()
    assert change is not None
    dialog = FinishDialog(demo, change, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.on.date().toString("yyyy-MM-dd") == "2026-12-18"
    dialog.save()
    assert "未完成" in dialog.error.text()
    assert demo.handover.get(change.id).state == rules.PLANNED

    def finish_with_reason(d: FinishDialog) -> int:
        d.override.setText("其余事项在离场前由项目经理跟进")
        d.save()
        return int(d.result())

    monkeypatch.setattr(FinishDialog, "exec", finish_with_reason)
    tab.finish()
    assert emitted and emitted[-1].roster
    assert tab.model.rowCount() == 0  # the "in progress" filter hides it now
    tab.filter.setCurrentIndex(tab.filter.findData(None))
    assert tab.model.cell(0, 5) == strings.CH_STATE_LABELS["done"]
    by_no = {p.employee_no: p for p in demo.roster.list_people()}
    assert (by_no["HX1006"].status, by_no["HX1006"].end_date) == ("left", D(2026, 12, 18))
    assert by_no["HX1008"].status == "active"
    assert tab.timeline.steps[-1].status == rules.STEP_DONE


def test_print_menu_writes_each_form(qtbot: Any, demo: Any, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.printing as printing

    tab = _tab(qtbot, demo)
    monkeypatch.setattr(printing, "ask_path", lambda _p, _w, name: tmp_path / name)
    monkeypatch.setattr(printing, "make_and_open",
                        lambda _p, _t, path, build, open_after=True: build(path))
    actions = tab.buttons["print"].menu().actions()
    assert [a.text() for a in actions] == list(strings.CH_DOC_LABELS.values())
    for action in actions:
        action.trigger()
    made = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(made) == 3 and all("刘镕" in name for name in made)


def test_errors_go_through_the_message_bridge(qtbot: Any, demo: Any, messages: Any,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    tab = _tab(qtbot, demo)
    messages.reply("")
    tab.cancel()  # an empty reason is refused by the service
    assert messages.errors and "原因" in messages.errors[0]
    messages.answer = True
    tab.begin_handover()
    assert messages.asked
    change = demo.handover.list_changes()[0]
    assert change.handover_started_on == TODAY


def test_tab_refreshes_on_roster_and_handover_changes(qtbot: Any, demo: Any) -> None:
    tab = _tab(qtbot, demo)
    demo.handover.cancel(demo.handover.list_changes()[0].id, "test")
    tab.on_changes(Changes(attendance=True))
    assert tab.model.rowCount() == 1  # not affected: no refresh
    tab.on_changes(Changes(handover=True))
    assert tab.model.rowCount() == 0
