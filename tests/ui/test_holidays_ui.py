"""Holiday calendar dialog and import dialog, driven as a user would (SPEC A7, RULES §1.7)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView, QToolTip

from app import strings
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    CONFIRMED,
    PROVISIONAL,
    REST_DAY,
    STATUTORY_HOLIDAY,
    WORKDAY,
)
from ui.holidays.dialog import HolidayDialog
from ui.holidays.import_dialog import HolidayImportDialog

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

D = dt.date
TODAY = D(2026, 3, 10)
FEST = strings.HOLIDAY_FESTIVAL_NAMES
S, R, A = STATUTORY_HOLIDAY, REST_DAY, ADJUSTED_WORKDAY

# A plausible 2027 schedule (test data, not an official notice): 13 statutory days by the
# national rule, balanced shifted days, no run of more than 6 working days.
YEAR_2027: list[tuple[str, str, str]] = [
    ("2027-01-01", S, FEST["new_year"]),
    ("2027-02-05", S, FEST["chuxi"]),
    ("2027-02-06", S, FEST["spring_festival"]),
    ("2027-02-07", S, FEST["spring_festival"]),
    ("2027-02-08", S, FEST["spring_festival"]),
    ("2027-02-09", R, FEST["spring_festival"]),
    ("2027-02-10", R, FEST["spring_festival"]),
    ("2027-02-11", R, FEST["spring_festival"]),
    ("2027-02-20", A, FEST["spring_festival"]),
    ("2027-04-05", S, FEST["qingming"]),
    ("2027-04-25", A, FEST["labour_day"]),
    ("2027-05-01", S, FEST["labour_day"]),
    ("2027-05-02", S, FEST["labour_day"]),
    ("2027-05-03", R, FEST["labour_day"]),
    ("2027-05-04", R, FEST["labour_day"]),
    ("2027-05-05", R, FEST["labour_day"]),
    ("2027-06-09", S, FEST["dragon_boat"]),
    ("2027-09-15", S, FEST["mid_autumn"]),
    ("2027-09-26", A, FEST["national_day"]),
    ("2027-10-01", S, FEST["national_day"]),
    ("2027-10-02", S, FEST["national_day"]),
    ("2027-10-03", S, FEST["national_day"]),
    ("2027-10-04", R, FEST["national_day"]),
    ("2027-10-05", R, FEST["national_day"]),
    ("2027-10-06", R, FEST["national_day"]),
    ("2027-10-07", R, FEST["national_day"]),
    ("2027-10-09", A, FEST["national_day"]),
]


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["date,kind,name", *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _dialog(qtbot: Any, services: Any, year: int = 2026) -> HolidayDialog:
    dialog = HolidayDialog(services, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.set_year(year)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _import_dialog(qtbot: Any, services: Any) -> HolidayImportDialog:
    dialog = HolidayImportDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def _load(qtbot: Any, dialog: HolidayImportDialog, path: Path) -> None:
    with qtbot.waitSignal(dialog.plan_ready, timeout=10000):
        dialog.load(path)


def _text(table: QTableView, row: int, col: int) -> str:
    value = table.model().index(row, col).data()
    assert value is not None
    return str(value)


def _click(qtbot: Any, dialog: HolidayDialog, d: dt.date) -> None:
    month = dialog.grid.month_widget(d.month)
    QTest.mouseClick(month, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     month.cell_rect(d).center())


# ---- the year grid -------------------------------------------------------------------------
def test_grid_2026_shows_the_bundled_notice(qtbot: Any, empty_services: Any) -> None:
    dialog = _dialog(qtbot, empty_services)
    grid = dialog.grid
    national = grid.cell(D(2026, 10, 1))
    assert (national.kind, national.name) == (STATUTORY_HOLIDAY, FEST["national_day"])
    shifted = grid.cell(D(2026, 2, 14))
    assert shifted.kind == ADJUSTED_WORKDAY
    assert shifted.mark == strings.HOLIDAY_ADJUSTED_MARK
    assert grid.cell(D(2026, 2, 20)).kind == REST_DAY  # a Friday given off: marked
    assert grid.cell(D(2026, 2, 20)).mark == strings.HOLIDAY_REST_MARK
    assert grid.cell(D(2026, 3, 14)).kind == REST_DAY  # an ordinary Saturday: no mark
    assert grid.cell(D(2026, 3, 14)).mark == ""
    assert grid.cell(D(2026, 3, 11)).kind == WORKDAY
    assert grid.cell(TODAY).today and not grid.cell(D(2026, 3, 11)).today
    assert len(grid.month_widget(2).cells) == 28
    assert FEST["national_day"] in national.tooltip
    assert dialog.year_label.text() == strings.HOLIDAY_YEAR_TITLE.format(year=2026)
    assert strings.HOLIDAY_YEAR_STATUS_LABELS[CONFIRMED] in dialog.status_label.text()
    assert dialog.status_button.text() == strings.HOLIDAY_MARK_PROVISIONAL
    assert dialog.banner_row.isHidden()
    assert dialog.summary.text() == strings.HOLIDAY_YEAR_SUMMARY.format(
        year=2026, statutory=13, rest=9, adjusted=6, work=248)
    assert not dialog.grab().isNull()  # paints without error
    assert not dialog.changes.any


def test_tooltip_names_the_holiday(qtbot: Any, empty_services: Any) -> None:
    dialog = _dialog(qtbot, empty_services)
    month = dialog.grid.month_widget(10)
    rect = month.cell_rect(D(2026, 10, 1))
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), month.mapToGlobal(rect.center()))
    QApplication.sendEvent(month, event)
    assert FEST["national_day"] in QToolTip.text()
    QToolTip.hideText()
    assert month.date_at(QPoint(1, 1)) is None  # the month title is not a day


def test_click_on_a_workday_writes_at_once(qtbot: Any, empty_services: Any,
                                           messages: Any) -> None:
    dialog = _dialog(qtbot, empty_services)
    day = D(2026, 3, 11)  # a Wednesday
    _click(qtbot, dialog, day)
    assert len(messages.asked) == 1  # 2026 is confirmed: asked once before the first edit
    assert empty_services.holidays.calendar().kind_of(day) == REST_DAY
    assert dialog.grid.cell(day).kind == REST_DAY
    assert dialog.changes.calendar
    _click(qtbot, dialog, day)
    _click(qtbot, dialog, day)  # rest day -> statutory -> back to workday
    assert len(messages.asked) == 1
    assert empty_services.holidays.calendar().kind_of(day) == WORKDAY
    assert empty_services.holidays.year_status(2026).status == CONFIRMED


def test_weekend_cycle_skips_the_plain_workday(qtbot: Any, empty_services: Any,
                                               messages: Any) -> None:
    dialog = _dialog(qtbot, empty_services)
    day = D(2026, 3, 14)  # a Saturday
    seen = []
    for _ in range(3):
        dialog.grid.click(day)
        seen.append(empty_services.holidays.calendar().kind_of(day))
    assert seen == [STATUTORY_HOLIDAY, ADJUSTED_WORKDAY, REST_DAY]


def test_refusing_to_edit_a_confirmed_year_changes_nothing(qtbot: Any, empty_services: Any,
                                                          messages: Any) -> None:
    messages.answer = False
    dialog = _dialog(qtbot, empty_services)
    dialog.grid.click(D(2026, 3, 11))
    assert empty_services.holidays.calendar().kind_of(D(2026, 3, 11)) == WORKDAY
    assert not dialog.changes.any


# ---- unknown years -------------------------------------------------------------------------
def test_unknown_year_shows_the_banner_and_can_be_prefilled(qtbot: Any, empty_services: Any,
                                                            messages: Any) -> None:
    dialog = _dialog(qtbot, empty_services, 2027)
    banner = empty_services.holidays.provisional_banner(2027, 2027)
    assert banner and banner in dialog.banner.text()
    assert not dialog.banner_row.isHidden()
    assert strings.HOLIDAY_YEAR_STATUS_LABELS[PROVISIONAL] in dialog.status_label.text()
    assert dialog.prefill_button.isEnabled()
    dialog.prefill_button.click()
    assert len(messages.asked) == 1
    assert dialog.grid.cell(D(2027, 2, 6)).kind == STATUTORY_HOLIDAY
    statutory = [d for d in empty_services.holidays.list_year(2027) if d.kind == S]
    assert len(statutory) == 13
    assert empty_services.holidays.year_status(2027).status == PROVISIONAL
    assert not dialog.prefill_button.isEnabled()  # the year has rows now
    assert not dialog.banner_row.isHidden()
    assert dialog.changes.calendar
    assert messages.infos == [strings.HOLIDAY_PREFILL_DONE.format(year=2027, n=13)]


def test_marking_a_year_confirmed_hides_the_banner(qtbot: Any, empty_services: Any,
                                                   messages: Any) -> None:
    dialog = _dialog(qtbot, empty_services, 2027)
    dialog.status_button.click()
    assert empty_services.holidays.year_status(2027).status == CONFIRMED
    assert dialog.banner_row.isHidden()
    assert dialog.status_button.text() == strings.HOLIDAY_MARK_PROVISIONAL
    dialog.status_button.click()
    assert empty_services.holidays.year_status(2027).status == PROVISIONAL
    assert len(messages.asked) == 2
    assert dialog.changes.calendar


def test_year_navigation(qtbot: Any, empty_services: Any) -> None:
    dialog = _dialog(qtbot, empty_services)
    dialog.next_button.click()
    assert dialog.year == 2027 and dialog.grid.cell(D(2027, 1, 1)).date == D(2027, 1, 1)
    dialog.this_year_button.click()
    assert dialog.year == 2026
    dialog.prev_button.click()
    assert dialog.year_label.text() == strings.HOLIDAY_YEAR_TITLE.format(year=2025)


# ---- import --------------------------------------------------------------------------------
def test_import_2027_shows_the_diff_then_confirms_the_year(
        qtbot: Any, empty_services: Any, messages: Any, tmp_path: Path) -> None:
    dialog = _import_dialog(qtbot, empty_services)
    _load(qtbot, dialog, _csv(tmp_path / "holidays-2027.csv", YEAR_2027))
    table = dialog.diff_table
    assert table.model().rowCount() == len(YEAR_2027)
    assert {_text(table, r, 1) for r in range(table.model().rowCount())} == {
        strings.HOLIDAY_DIFF_ADDED}
    first = [_text(table, 0, c) for c in range(table.model().columnCount())]
    assert first == ["2027", strings.HOLIDAY_DIFF_ADDED, "2027-01-01",
                     strings.HOLIDAY_WEEKDAYS[4], strings.HOLIDAY_KIND_LABELS[S],
                     FEST["new_year"]]
    assert dialog.problem_box.isHidden()
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == strings.HOLIDAY_IMPORT_BUTTON.format(n=1)
    dialog.commit()
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=10000)
    assert empty_services.holidays.year_status(2027).status == CONFIRMED
    assert empty_services.holidays.calendar().kind_of(D(2027, 2, 20)) == ADJUSTED_WORKDAY
    assert dialog.changes.calendar
    assert dialog.import_result is not None and dialog.import_result.added == len(YEAR_2027)

    # the calendar dialog takes over what the import wrote and shows the imported year
    holidays = _dialog(qtbot, empty_services)
    dialog.exec = lambda: 1  # type: ignore[method-assign]
    holidays.run_import(dialog)
    assert holidays.year == 2027 and holidays.changes.calendar
    assert holidays.banner_row.isHidden()


def test_changed_and_removed_days_are_listed(qtbot: Any, empty_services: Any,
                                            tmp_path: Path) -> None:
    rows = [r for r in YEAR_2027 if r[0] != "2027-10-09"]
    empty_services.holidays.commit_import(
        empty_services.holidays.plan_import(_csv(tmp_path / "a.csv", YEAR_2027)))
    rows = [(d, k, n + "x" if d == "2027-01-01" else n) for d, k, n in rows]
    dialog = _import_dialog(qtbot, empty_services)
    _load(qtbot, dialog, _csv(tmp_path / "b.csv", rows))
    changes = {_text(dialog.diff_table, r, 2): _text(dialog.diff_table, r, 1)
               for r in range(dialog.diff_table.model().rowCount())}
    assert changes == {"2027-01-01": strings.HOLIDAY_DIFF_CHANGED,
                       "2027-10-09": strings.HOLIDAY_DIFF_REMOVED}
    assert not dialog.problem_box.isHidden()  # shifted days unbalanced now: a warning
    assert dialog.import_button.isEnabled()


def test_bad_date_on_line_3_refuses_the_file(qtbot: Any, empty_services: Any,
                                             tmp_path: Path) -> None:
    rows = [YEAR_2027[0], ("2027-13-45", R, "x"), *YEAR_2027[1:]]
    dialog = _import_dialog(qtbot, empty_services)
    _load(qtbot, dialog, _csv(tmp_path / "bad.csv", rows))
    table = dialog.problem_table
    assert table.model().rowCount() >= 1
    assert [_text(table, 0, c) for c in range(3)] == [
        strings.HOLIDAY_PROBLEM_ERROR, "bad.csv", "3"]
    assert "2027-13-45" in _text(table, 0, 3)
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text() == strings.HOLIDAY_IMPORT_HAS_ERRORS.format(
        n=len(dialog.plan.errors) if dialog.plan else 0)
    assert dialog.diff_box.isHidden()
    dialog.commit()  # refused without a click too
    assert empty_services.holidays.list_year(2027) == []


def test_unreadable_file_is_reported_in_the_dialog(qtbot: Any, empty_services: Any,
                                                   tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{ not json", encoding="utf-8")
    dialog = _import_dialog(qtbot, empty_services)
    _load(qtbot, dialog, bad)
    assert dialog.plan is None
    assert "broken.json" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
