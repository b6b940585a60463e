"""Issue 14 (3, 6): the first-run checklist, empty-state texts, the user guide, keyboard tab
switching, the title, elided status-bar text, glyphs the bundled font has, typeable empty
date fields and readable headers on empty tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence, QRawFont
from PySide6.QtTest import QTest

from app import config, strings
from app.dto.roster import PersonFields
from app.services import Services
from app.services.punches import PunchRow
from tests.helpers.clock import FIXED_NOW
from ui.common.table_model import EmptyState
from ui.common.widgets import ElidedLabel, OptionalDateEdit
from ui.main_window import TABS, MainWindow

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _window(qtbot: Any, services: Services) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1366, 720)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def _overlay(view: Any) -> EmptyState:
    state = view.findChild(EmptyState)
    assert isinstance(state, EmptyState)
    return state


def test_checklist_ticks_itself_as_the_data_appears(qtbot: Any,
                                                    empty_services: Services) -> None:
    s = empty_services
    w = _window(qtbot, s)
    bar = w.first_run
    assert bar.isVisible() and bar.done == [False, False, False, False]
    assert strings.FIRST_RUN_STEPS[0] in bar.next_label.text()

    w.apply_changes(s.project.update(name="测试项目")[1])
    assert bar.done == [True, False, False, False]
    assert strings.FIRST_RUN_STEPS[1] in bar.next_label.text()
    assert bar.buttons[0].text().startswith(strings.FIRST_RUN_DONE_MARK)

    w.apply_changes(s.roster.add(PersonFields(employee_no="A1", name="张三",
                                              ))[1])
    assert bar.done == [True, True, False, False]

    # a punch from last month: the clock step is done, this month's attendance is not yet
    last_month = FIXED_NOW.replace(day=1) - dt.timedelta(days=3)
    w.apply_changes(s.punches.record_batch("usb", "a.dat", "", [PunchRow("1", last_month)])[1])
    assert bar.done == [True, True, True, False] and bar.isVisible()
    assert strings.FIRST_RUN_STEPS[3] in bar.next_label.text()

    w.apply_changes(s.punches.record_batch("usb", "b.dat", "", [
        PunchRow("1", FIXED_NOW.replace(hour=8, minute=50))])[1])
    assert bar.done == [True, True, True, True]
    assert not bar.isVisible()


def test_a_device_alone_ticks_the_clock_step_and_steps_open_their_place(
        qtbot: Any, empty_services: Services) -> None:
    w = _window(qtbot, empty_services)
    empty_services.imports.save_device("考勤机1", host="192.168.1.20")
    w.tabs.setCurrentWidget(w.leave_tab)  # any tab switch re-reads the steps
    assert w.first_run.done[2] is True
    w.first_run.buttons[2].click()
    assert w.tabs.currentWidget() is w.imports_tab
    w.first_run.buttons[3].click()
    assert w.tabs.currentWidget() is w.attendance_tab


def test_checklist_is_hidden_on_a_site_in_use(qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    assert all(w.first_run.done) and not w.first_run.isVisible()


def test_every_empty_list_says_why_and_what_to_do(qtbot: Any,
                                                  empty_services: Services) -> None:
    w = _window(qtbot, empty_services)
    expected = {
        (w.roster_tab.view, strings.EMPTY_ROSTER),
        (w.leave_tab.table, strings.EMPTY_LEAVE),
        (w.service_tab.table, strings.EMPTY_SERVICE),
        (w.handover_tab.table, strings.EMPTY_HANDOVER),
        (w.imports_tab.history, strings.EMPTY_IMPORT_HISTORY),
        (w.scores_tab.incidents, strings.EMPTY_INCIDENTS),
    }
    for view, text in expected:
        state = _overlay(view)
        assert state.label.text() == text
        assert state.visible(), text
    w.tabs.setCurrentWidget(w.roster_tab)
    qtbot.wait(10)
    label = _overlay(w.roster_tab.view).label
    assert label.isVisible() and label.geometry() == w.roster_tab.view.viewport().rect()
    # the text goes away as soon as there is a row
    empty_services.roster.add(PersonFields(employee_no="A1", name="张三"))
    w.roster_tab.refresh()
    assert not _overlay(w.roster_tab.view).visible()


def test_lists_with_rows_show_no_empty_text(qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    assert not _overlay(w.roster_tab.view).visible()
    assert not _overlay(w.imports_tab.history).visible()


def test_empty_tables_keep_readable_column_widths(qtbot: Any,
                                                  empty_services: Services) -> None:
    w = _window(qtbot, empty_services)
    w.tabs.setCurrentWidget(w.leave_tab)
    table = w.leave_tab.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    model = table.model()
    for c in range(model.columnCount()):
        title = str(model.headerData(c, Qt.Orientation.Horizontal))
        assert header.sectionSize(c) >= metrics.horizontalAdvance(title), title


def test_guide_opens_from_help_and_walks_the_monthly_routine(
        qtbot: Any, empty_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.guide import GuideDialog, guide_path

    assert guide_path().is_file()
    assert guide_path().parent.parent == config.resource_path()  # bundled with resources/
    shown: list[GuideDialog] = []
    monkeypatch.setattr(GuideDialog, "exec", lambda self: shown.append(self) or 0)
    w = _window(qtbot, empty_services)
    guide = next(a for a in w.findChildren(QAction) if a.text() == strings.ACT_GUIDE)
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    guide.trigger()
    assert len(shown) == 1
    text = shown[0].browser.toPlainText()
    steps = ["导入", "核对", "更正", "打印", "锁定"]
    positions = [text.index(f"{step}：") for step in steps]
    assert positions == sorted(positions)  # in the order of the routine
    for step in strings.FIRST_RUN_STEPS:
        assert step in text


def test_packaging_bundles_the_resources_folder() -> None:
    spec = (config.source_root() / "packaging" / "onsitedesk.spec").read_text("utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec


def test_keyboard_switches_tabs(qtbot: Any, empty_services: Services) -> None:
    w = _window(qtbot, empty_services)
    w.tabs.setCurrentIndex(0)
    QTest.keyClick(w, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentIndex() == 2
    QTest.keyClick(w, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentIndex() == len(TABS) - 1 == 6
    QTest.keyClick(w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 0  # wraps around
    QTest.keyClick(w, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 1
    QTest.keyClick(w, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 0
    QTest.keyClick(w, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 6


def test_title_does_not_repeat_the_app_name(qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    name = demo_services.project.get().name
    assert w.windowTitle() == name
    assert strings.APP_NAME not in w.windowTitle()


def test_status_bar_warnings_elide_with_the_full_text_as_tooltip(qtbot: Any) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.show()
    text = "变更交接：3 项期限临近或已过（逾期 1 项）。" * 4
    label.setText(text)
    label.resize(120, 20)
    assert label.is_elided() and label.text().endswith("…")
    assert label.toolTip() == text and label.full_text() == text
    label.resize(label.fontMetrics().horizontalAdvance(text) + 20, 20)
    assert not label.is_elided() and label.toolTip() == ""
    label.setToolTip("own")  # a tooltip the owner set is kept
    label.resize(120, 20)
    assert label.toolTip() == "own"


def test_main_window_status_warnings_are_elided_labels(qtbot: Any,
                                                       demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    assert isinstance(w.status_handover, ElidedLabel)


def test_every_text_has_glyphs_in_the_bundled_font(qapp: Any) -> None:
    font = QRawFont(str(config.resource_path("fonts", "wqy-microhei-gbk.ttf")), 12)
    assert font.isValid()
    missing: dict[str, set[str]] = {}

    def walk(value: Any, name: str) -> None:
        if isinstance(value, str):
            for ch in value:
                if ord(ch) > 127 and not font.supportsCharacter(ord(ch)):
                    missing.setdefault(ch, set()).add(name)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item, name)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, name)
                walk(item, name)

    for name in dir(strings):
        if name.isupper():
            walk(getattr(strings, name), name)
    assert missing == {}


@pytest.mark.parametrize("typed, expected", [
    ("2026-03-05", dt.date(2026, 3, 5)),
    ("2026/3/5", dt.date(2026, 3, 5)),
    ("20251231", dt.date(2025, 12, 31)),
])
def test_an_empty_date_field_takes_a_typed_date(qtbot: Any, typed: str,
                                                expected: dt.date) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    assert field.value() is None
    QTest.keyClicks(field, typed)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert field.value() == expected


def test_a_date_field_can_be_emptied_again(qtbot: Any) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.show()
    field.setDate(QDate(2026, 3, 5))
    field.lineEdit().selectAll()
    QTest.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() is None and field.text() == strings.DATE_EMPTY
