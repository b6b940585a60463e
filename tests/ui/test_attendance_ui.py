"""Attendance calendar tab: the month grid, the day panel, corrections and month locks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from app import strings
from app.services import Services
from tests.helpers.messages import MessageRecorder
from ui.tabs.attendance import tab as tab_module
from ui.tabs.attendance.dialogs import CorrectionDialog
from ui.tabs.attendance.model import DAY_ROLE, PERSON_ROLE
from ui.tabs.attendance.tab import AttendanceTab
from ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 29)
pytestmark = pytest.mark.usefixtures("qsettings_isolated")


@pytest.fixture
def demo(demo_services: Services) -> Services:
    return demo_services  # the demo site as of TODAY (tests/helpers/db.py)


def _tab(qtbot: Any, services: Services, today: dt.date = TODAY) -> AttendanceTab:
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    tab = AttendanceTab(services, TaskRunner(host), today=today, parent=host)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: tab.model.month is not None, timeout=10000)
    return tab


def _row_of(tab: AttendanceTab, name: str) -> int:
    for r in range(tab.proxy.rowCount()):
        if tab.proxy.index(r, 0).data() == name:
            return r
    raise AssertionError(name)


def _wait_reload(qtbot: Any, tab: AttendanceTab) -> None:
    tab.tasks.wait()
    qtbot.wait(50)


def test_month_model_is_sound_and_reads_like_the_sheet(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert tab.title.text() == strings.MONTH_TITLE.format(year=2026, month=11)
    assert tab.model.columnCount() == 1 + 30 + len(strings.ATT_SUMMARY_HEADERS)
    # 2026-11-01 is a Sunday: weekday row says so
    assert tab.model.headerData(1, tab_module.Qt.Orientation.Horizontal) == "1\n" + \
        strings.WEEKDAYS_SHORT[6]
    row = _row_of(tab, "李喆")
    symbols = [tab.proxy.index(row, c).data() for c in range(1, 31)]
    assert strings.LEGEND_DEFAULT["severe_late"] in symbols  # 45 minutes late: severe
    assert strings.LEGEND_DEFAULT["early_leave"] in symbols
    assert symbols[0] == ""  # Sunday: rest day, blank
    assert strings.LEGEND_DEFAULT["present"] in tab.legend.text()


def test_flag_and_filters(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    assert tab.count.text() == strings.ATT_COUNT.format(n=7, flagged=1)
    flagged = [tab.proxy.index(r, 0).data(PERSON_ROLE) for r in range(tab.proxy.rowCount())]
    assert [p.name for p in flagged if p.summary.needs_absence_explanation] == ["张堃"]
    tab.only_problems.setChecked(True)
    names = {tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())}
    assert names == {"王子涵", "李喆", "张堃", "赵思远"}
    tab.only_problems.setChecked(False)
    tab.search.setText("HX1004")
    assert tab.proxy.rowCount() == 1


def test_clicking_a_day_explains_it(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    row = _row_of(tab, "李喆")
    late_col = next(c for c in range(1, 31)  # 45 minutes late: the severe-late mark
                    if tab.proxy.index(row, c).data() == strings.LEGEND_DEFAULT["severe_late"])
    tab._cell_clicked(tab.proxy.index(row, late_col))
    assert tab.detail is not None
    assert tab.detail.result.am.late_minutes == 45
    text = tab.detail_view.toPlainText()
    assert "45" in text and strings.WHY_SEVERE.strip("，") in text
    assert "DEMO-CLOCK-01" in text  # raw punches with their device


def test_correction_removes_a_missing_punch_and_shows_in_the_panel(qtbot: Any,
                                                                  demo: Services) -> None:
    tab = _tab(qtbot, demo)
    row = _row_of(tab, "张堃")
    missing = strings.LEGEND_DEFAULT["missing_punch"]
    col = next(c for c in range(1, 31) if tab.proxy.index(row, c).data() == missing)
    tab._cell_clicked(tab.proxy.index(row, col))
    d = tab.detail
    assert d is not None and d.result.am.missing_in
    dialog = CorrectionDialog(demo, d.person_id, d.name, d.day, "am", "in")
    qtbot.addWidget(dialog)
    dialog.reason.setText("指纹识别失败")
    dialog.approver.setText("周立群")
    dialog.save()
    assert dialog.changes.attendance
    tab.after_write(dialog.changes)
    _wait_reload(qtbot, tab)
    # present now, on a corrected punch: the correction mark (issue 15), not a plain tick
    assert tab.proxy.index(row, col).data() == strings.LEGEND_DEFAULT["corrected"]
    assert tab.proxy.index(row, col).data(DAY_ROLE).am.corrected_in
    assert tab.records.count() == 1 and "指纹识别失败" in tab.records.item(0).text()


def test_correction_without_reason_is_refused_in_the_form(qtbot: Any, demo: Services) -> None:
    person = demo.roster.list_people()[1]
    dialog = CorrectionDialog(demo, person.id, person.name, dt.date(2026, 11, 3))
    qtbot.addWidget(dialog)
    dialog.save()
    # the form names the field the service refused and outlines it
    assert dialog.error.text() == strings.FIELD_ERROR.format(
        field=strings.CORRECTION_REASON, message=strings.CORRECTION_NEEDS_REASON)
    assert "border" in dialog.reason.styleSheet()
    assert not dialog.changes.any and dialog.result() == 0


def test_lock_freezes_the_month_and_reopen_needs_a_reason(
        qtbot: Any, demo: Services, messages: MessageRecorder) -> None:
    tab = _tab(qtbot, demo, today=dt.date(2026, 10, 15))
    messages.answer = True
    tab.toggle_lock()
    _wait_reload(qtbot, tab)
    assert tab.model.month is not None and tab.model.month.locked
    assert not tab.btn_correct.isEnabled()
    assert tab.banner.isVisibleTo(tab) and "2026-10" in tab.banner.text()
    messages.reply("", "甲方要求更正")
    tab.toggle_lock()
    assert messages.errors == [strings.MONTH_REOPEN_NEEDS_REASON]
    tab.toggle_lock()
    _wait_reload(qtbot, tab)
    assert not tab.model.month.locked


def test_unknown_year_is_marked_provisional(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo, today=dt.date(2027, 2, 1))
    assert tab.model.month is not None and tab.model.month.provisional
    assert tab.banner.isVisibleTo(tab) and "2027" in tab.banner.text()


def test_month_navigation_recomputes(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    tab.go(-1)
    _wait_reload(qtbot, tab)
    assert (tab.model.month.year, tab.model.month.month) == (2026, 10)
    header = tab.model.headerData(10, tab_module.Qt.Orientation.Horizontal)
    assert header == "10\n" + strings.LEGEND_DEFAULT["adjusted_workday"]  # 2026-10-10 Saturday
    tab.go(2)
    _wait_reload(qtbot, tab)
    assert (tab.model.month.year, tab.model.month.month) == (2026, 12)


def test_rules_dialog_writes_only_changes_from_the_chosen_date(
        qtbot: Any, demo: Services, messages: Any) -> None:
    from PySide6.QtCore import QDate, QTime

    from ui.rules_dialog import RulesDialog

    dialog = RulesDialog(demo, today=dt.date(2026, 11, 29))
    qtbot.addWidget(dialog)
    assert dialog.edited() == {}
    dialog.ints["rules.late_grace_minutes"].setValue(15)
    dialog.ranges["schedule.am"][0].setTime(QTime(8, 0))
    dialog.legend_edits["late"].setText("L")
    dialog.from_date.setDate(QDate(2026, 12, 1))
    dialog.save()
    assert dialog.changes.settings
    timeline = demo.settings.timeline()
    assert timeline.at(dt.date(2026, 11, 30)).late_grace == 0  # before: untouched
    assert timeline.at(dt.date(2026, 12, 1)).late_grace == 15
    assert timeline.at(dt.date(2026, 12, 1)).am_start == 8 * 60
    assert demo.settings.legend()["late"] == "L"
    assert messages.infos == [strings.RULES_SAVED.format(n=3, date="2026-12-01")]

    # a reopened dialog lists the dated values newest first, labelled as in the settings
    again = RulesDialog(demo, today=dt.date(2026, 11, 29))
    qtbot.addWidget(again)
    model = again.history_model
    rows = [tuple(model.cell(r, c) for c in range(3)) for r in range(model.rowCount())]
    assert ("2026-12-01", strings.SETTING_LABELS["rules.late_grace_minutes"], "15") in rows
    assert ("2026-12-01", strings.LEGEND_LABELS["late"], "L") in rows
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), reverse=True)


def test_printing_the_month_and_a_persons_records(qtbot: Any, demo: Services, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   messages: MessageRecorder) -> None:
    """P1/P2 from the UI: the file is made off the UI thread, then opened for preview. The
    month is not over (30 November is still to come), so printing it asks first (issue 14)."""
    messages.answer = True
    from ui import printing

    opened: list[str] = []
    targets = iter([tmp_path / "m.pdf", tmp_path / "m.xlsx", tmp_path / "p.pdf",
                    tmp_path / "e.pdf"])
    monkeypatch.setattr(printing, "ask_path", lambda *a, **k: next(targets))
    monkeypatch.setattr(printing.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    tab = _tab(qtbot, demo)
    tab.print_month(False)
    tab.print_month(True)
    assert len(messages.asked) == 2 and "2026-11" in messages.asked[0]
    row = _row_of(tab, "张堃")
    tab.view.setCurrentIndex(tab.proxy.index(row, 3))
    tab.print_person("punches")
    tab.print_person("explanation")
    qtbot.waitUntil(lambda: len(opened) == 4, timeout=20000)
    assert [Path(p).name for p in opened] == ["m.pdf", "m.xlsx", "p.pdf", "e.pdf"]
    assert all((tmp_path / n).stat().st_size > 5000 for n in ("m.pdf", "p.pdf", "e.pdf"))


def test_leave_types_are_editable_data(qtbot: Any, demo: Services, messages: Any) -> None:
    """Issue 7: counting, certificate and maximum per request are settings."""
    from ui.rules_dialog import RulesDialog

    dialog = RulesDialog(demo, today=dt.date(2026, 11, 29))
    qtbot.addWidget(dialog)
    counting, attach, months = dialog.leave_edits["marriage_leave"]
    counting.setCurrentIndex(counting.findData("calendar"))
    attach.setChecked(False)
    months.setValue(1)
    dialog.save()
    lt = demo.leave.types()["marriage_leave"]
    assert (lt.counting, lt.attachment_required, lt.max_months) == ("calendar", False, 1)
    assert demo.leave.types()["sick_leave"].attachment_required  # others untouched
