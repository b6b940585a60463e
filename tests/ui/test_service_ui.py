"""Service log tab: the list with filters and the monthly panel, the entry dialog typed from
the keyboard, the commitments dialog, the team grid of daily reports, printing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QLineEdit

from app import strings
from app.domain.service_log import RecordFields, StaffVisit, record_number
from app.services import Changes, Services
from ui.tabs.service.dialog import CommitmentsDialog, RecordDialog
from ui.tabs.service.model import CARRIED_BACKGROUND
from ui.tabs.service.tab import ServiceTab
from ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 29)
pytestmark = pytest.mark.usefixtures("qsettings_isolated")


@pytest.fixture
def demo(demo_services: Services) -> Services:
    """The demo site with its service log, as of TODAY (tests/helpers/db.py)."""
    return demo_services


def _tab(qtbot: Any, services: Services) -> ServiceTab:
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    return ServiceTab(services, TaskRunner(host), today=TODAY, parent=host)


def test_month_list_and_panel_against_the_commitments(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert tab.f_month.currentData() == (2026, 11)  # the current month by default
    numbers = [r.number for r in tab.model.rows]
    carried = [r for r in tab.model.rows if r.carried_over]
    assert carried and all(n.startswith("YW-2026-1") for n in numbers)
    row = tab.model.rows.index(carried[0])
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == CARRIED_BACKGROUND
    over = next(r for r in tab.model.rows if r.measure.resolution_minutes == 121)
    cell = tab.model.index(tab.model.rows.index(over), 6)
    assert cell.data() == "121" + strings.SV_OVER_MARK
    assert "121" in cell.data(Qt.ItemDataRole.ToolTipRole)
    panel = tab.panel.toPlainText()
    month = tab.month_data
    assert month is not None
    assert strings.SV_PANEL_RESPONSE.format(target=30) in panel
    assert f"{month.summary.resolution.percent}%" in panel
    assert strings.SV_INSPECTION_DONE.split("：")[0].format(year=2026) in panel
    assert "2027年12月27日" in panel  # warranty end
    assert strings.SV_PANEL_OPEN.format(n=len(month.open_records)) in panel


def test_filters_by_type_result_and_staff(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    everything = len(tab.model.rows)
    tab.f_type.setCurrentIndex(tab.f_type.findData("inspection"))
    assert {r.service_type for r in tab.model.rows} == {"inspection"}
    tab.f_type.setCurrentIndex(0)
    tab.f_result.setCurrentIndex(tab.f_result.findData("pending"))
    assert tab.model.rows and {r.result for r in tab.model.rows} == {"pending"}
    tab.f_result.setCurrentIndex(0)
    person = next(p for p in demo.roster.list_people() if p.employee_no == "HX1003")
    tab.f_staff.setCurrentIndex(tab.f_staff.findData(person.id))
    assert tab.model.rows and all(person.id in {v.person_id for v in r.staff}
                                  for r in tab.model.rows)
    tab.f_staff.setCurrentIndex(0)
    tab.f_month.setCurrentIndex(0)  # all months
    assert len(tab.model.rows) > everything


def test_entry_dialog_from_the_keyboard_across_midnight(qtbot: Any, demo: Services) -> None:
    numbers = [r.number for r in demo.service_log.records()]
    dialog = RecordDialog(demo, now=dt.datetime(2026, 11, 29, 23, 50))
    qtbot.addWidget(dialog)
    assert dialog.reported_at() == dt.datetime(2026, 11, 29, 23, 50)  # now
    assert all(not w.edit.text() for w in dialog.times.values())  # filled as they happen
    dialog.reporter.setText("值班医生")  # QTest types ASCII only
    dialog.dept.setText("急诊科")
    QTest.keyClicks(dialog.times["responded_at"].edit, "0015")
    assert dialog.times["responded_at"].shown.text() == "11-30 00:15"
    assert "25" in dialog.live.text()
    dialog.staff.item(0, 0).setCheckState(Qt.CheckState.Checked)
    dialog.staff.item(1, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.head_count.value() == 2
    dialog.location.setText("急诊科诊室")
    dialog.save()
    assert dialog.saved is None  # the content is missing
    assert dialog.error.text() == strings.SV_PROBLEMS["description_missing"]
    assert dialog.description.hasFocus() or not dialog.isVisible()
    dialog.description.setPlainText("HIS 无法登录")
    QTest.keyClicks(dialog.times["resolved_at"].edit, "+70")
    assert dialog.outcome.currentData() == "resolved"  # follows the resolved time
    dialog.save()
    saved = dialog.saved
    assert saved is not None and dialog.changes.service
    assert saved.number == record_number("YW", 2026, 11, numbers)
    assert (saved.measure.response_minutes, saved.measure.resolution_minutes) == (25, 70)
    assert saved.resolved_at == dt.datetime(2026, 11, 30, 1, 0)


def test_entry_dialog_edits_a_record_and_refuses_bad_times(qtbot: Any,
                                                           demo: Services) -> None:
    record = demo.service_log.get("YW-2026-11-002")
    dialog = RecordDialog(demo, record, now=dt.datetime(2026, 11, 29, 17, 45))
    qtbot.addWidget(dialog)
    assert dialog.times["resolved_at"].edit.text() == "2026-11-03 12:31"
    checked = [dialog.staff_ids[i] for i in dialog.checked_staff()]
    assert checked == [v.person_id for v in record.staff]
    dialog.times["responded_at"].edit.setText("9 am")
    dialog.save()
    assert strings.SV_FIELD_LABELS["responded_at"] in dialog.error.text()
    dialog.times["responded_at"].edit.setText("10:59")
    dialog.save()
    assert dialog.saved is not None and dialog.saved.number == record.number
    assert dialog.saved.measure.response_minutes == 29


def test_commitments_dialog_sets_targets_and_acceptance(qtbot: Any, demo: Services) -> None:
    dialog = CommitmentsDialog(demo, today=TODAY)
    qtbot.addWidget(dialog)
    assert (dialog.response.value(), dialog.resolution.value()) == (30, 120)
    assert dialog.acceptance.value() == dt.date(2024, 12, 27)
    dialog.response.setValue(20)
    dialog.since.setDate(QDate(2026, 12, 1))
    dialog.acceptance.set_value(dt.date(2025, 1, 6))
    dialog.save()
    assert dialog.changes.service
    assert demo.service_log.targets(dt.date(2026, 11, 30)).response_minutes == 30
    assert demo.service_log.targets(dt.date(2026, 12, 1)).response_minutes == 20
    assert demo.service_log.acceptance_date() == dt.date(2025, 1, 6)


def _editor(table: Any) -> QLineEdit:
    """The open cell editor (an item view keeps it as a child of its viewport)."""
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_team_grid_of_daily_reports(qtbot: Any, demo: Services, messages: Any) -> None:
    tab = _tab(qtbot, demo)
    emitted: list[Changes] = []
    tab.changed.connect(emitted.append)
    tab.window().show()
    tab.pages.setCurrentWidget(tab.reports)
    page = tab.reports
    page.day.setDate(QDate(2026, 11, 30))
    assert page.shown_day == dt.date(2026, 11, 30)
    assert not any(page.texts())
    page.table.setCurrentCell(0, 3)
    page.table.editItem(page.table.item(0, 3))
    editor = _editor(page.table)
    editor.setText("巡查门诊终端")  # QTest types ASCII only
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.currentRow() == 1)  # Enter: the next person
    editor = _editor(page.table)
    editor.setText("机房巡检")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentRow() == 2)
    assert page.texts()[:2] == ["巡查门诊终端", "机房巡检"]
    assert page.dirty() and page.save_button.isEnabled()
    page.day.setDate(QDate(2026, 12, 1))  # unsaved: asked, and saved
    assert messages.asked and emitted and emitted[-1].service
    first = page.rows[0].person_id
    assert demo.service_log.report(first, dt.date(2026, 11, 30)) == "巡查门诊终端"
    page.day.setDate(QDate(2026, 11, 30))
    assert page.texts()[:2] == ["巡查门诊终端", "机房巡检"] and not page.dirty()


def test_printing_from_the_tab(qtbot: Any, demo: Services, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import printing

    opened: list[str] = []
    targets = iter([tmp_path / "rec.pdf", tmp_path / "month.pdf", tmp_path / "rep.xlsx",
                    tmp_path / "rep.pdf"])
    monkeypatch.setattr(printing, "ask_path", lambda *a, **k: next(targets))
    monkeypatch.setattr(printing.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    tab = _tab(qtbot, demo)
    tab.table.selectRow(0)
    assert tab.selected() is not None and tab.buttons["print"].isEnabled()
    tab.print_record()
    tab.print_month()
    tab.export_reports(2026, 11, True)
    tab.export_reports(2026, 11, False)
    qtbot.waitUntil(lambda: len(opened) == 4, timeout=20000)
    assert [Path(p).name for p in opened] == ["rec.pdf", "month.pdf", "rep.xlsx", "rep.pdf"]
    assert all(Path(p).stat().st_size > 3000 for p in opened)


def test_on_changes_refreshes_for_service_and_roster_only(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    before = len(tab.model.rows)
    person = demo.roster.list_people()[1]
    demo.service_log.add(RecordFields(
        "consult", "phone", dt.datetime(2026, 11, 28, 9), reporter="R",
        staff=(StaffVisit(person.id),), location="L", description="C"))
    tab.on_changes(Changes(leave=True))
    assert len(tab.model.rows) == before
    tab.on_changes(Changes(service=True))
    assert len(tab.model.rows) == before + 1
