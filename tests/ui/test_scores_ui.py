"""Scores tab (扣分考核): the month summary, a person's incidents, quick entry with Enter,
waivers, the rule catalogue dialog, refresh on changes and printing (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from app import strings
from app.services import Changes, Services
from app.services.scores import ScoreService
from tests.helpers.messages import MessageRecorder
from ui.common.table_model import ROW_ROLE
from ui.tabs.scores.rules_dialog import RuleCatalogueDialog
from ui.tabs.scores.tab import ScoresTab
from ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 29)
CLOCK = dt.datetime(2026, 11, 27, 16, 45)  # a Friday afternoon, before "now"
pytestmark = pytest.mark.usefixtures("qsettings_isolated")


@pytest.fixture
def demo(demo_services: Services) -> Services:
    """The demo site with the demo incidents, as of TODAY (tests/helpers/db.py)."""
    return demo_services


def _tab(qtbot: Any, services: Services, today: dt.date = TODAY) -> ScoresTab:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    tab = ScoresTab(services, TaskRunner(host), today=today, parent=host, clock=lambda: CLOCK)
    QVBoxLayout(host).addWidget(tab)
    assert tab.result is None  # nothing is computed while the tab is hidden
    host.show()
    _wait(qtbot, tab)
    return tab


def _wait(qtbot: Any, tab: ScoresTab) -> None:
    tab.tasks.wait()
    qtbot.waitUntil(lambda: tab.result is not None and
                    (tab.result.year, tab.result.month) == (tab.year, tab.month), timeout=10000)
    qtbot.wait(20)


def _reloaded(qtbot: Any, tab: ScoresTab) -> None:
    tab.tasks.wait()
    qtbot.wait(50)


def _names(tab: ScoresTab) -> list[str]:
    return [tab.proxy.index(r, 2).data() for r in range(tab.proxy.rowCount())]


def _pid(services: Services, no: str) -> int:
    return next(p.id for p in services.roster.list_people() if p.employee_no == no)


def test_summary_ranks_flags_and_filters(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert tab.title.text() == strings.MONTH_TITLE.format(year=2026, month=11)
    rows = [(tab.proxy.index(r, 0).data(), tab.proxy.index(r, 2).data(),
             tab.proxy.index(r, 7).data()) for r in range(tab.proxy.rowCount())]
    assert rows[-3:] == [("5", "王子涵", "90"), ("5", "张堃", "90"), ("7", "李喆", "85")]
    flagged = tab.proxy.index(tab.proxy.rowCount() - 1, 8)
    assert flagged.data() == strings.SCORE_FLAG_DEFAULT
    assert flagged.data(Qt.ItemDataRole.ForegroundRole) is not None
    tab.only_flagged.setChecked(True)
    assert _names(tab) == ["李喆"]
    tab.only_flagged.setChecked(False)
    tab.search.setText("HX1007")
    assert _names(tab) == ["赵思远"]


def test_a_persons_incidents_with_the_waived_one_struck_through(qtbot: Any,
                                                                demo: Services) -> None:
    tab = _tab(qtbot, demo)
    assert tab.select_person(_pid(demo, "HX1002"))
    model = tab.incident_model
    assert model.rowCount() == 3
    sources = [model.cell(r, 4) for r in range(3)]
    assert sources == [strings.SCORE_SOURCE_LABELS[s] for s in ("attendance", "manual",
                                                                "attendance")]
    fonts = [model.index(r, 2).data(Qt.ItemDataRole.FontRole) for r in range(3)]
    waived = [f is not None and f.strikeOut() for f in fonts]
    assert waived == [False, True, False]
    assert strings.SCORE_DEMO_WAIVE_REASON in model.cell(1, 7)
    tab.incidents.selectRow(1)
    assert tab.btn_unwaive.isEnabled() and not tab.btn_waive.isEnabled()


def test_quick_entry_saves_on_enter(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    emitted: list[Changes] = []
    tab.changed.connect(emitted.append)
    entry = tab.entry
    codes = [entry.rule.itemData(i) for i in range(entry.rule.count())]
    assert "untidy" in codes and "late_early" not in codes  # attendance rules are derived
    assert "gifts_kickbacks" not in codes  # inactive until the user gives it a value
    entry.person.setCurrentIndex(entry.person.findData(_pid(demo, "HX1007")))
    entry.rule.setCurrentIndex(entry.rule.findData("smoking"))
    assert entry.at.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-27 16:45"
    entry.note.setText("楼道吸烟")  # (QTest types ASCII only)
    qtbot.keyClick(entry.note, Qt.Key.Key_Return)
    assert entry.note.text() == ""
    assert emitted and emitted[0].scores
    _reloaded(qtbot, tab)
    person = tab.result.person(_pid(demo, "HX1007")) if tab.result else None
    assert person is not None and person.score == 85 and person.flagged
    added = [i for i in person.incidents if i.rule == "smoking"]
    assert [(i.at, i.note, i.points) for i in added] == [(CLOCK, "楼道吸烟", -10)]


def test_quick_entry_explains_what_is_missing(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    entry = tab.entry
    entry.person.setEditText("无此人")
    qtbot.keyClick(entry.note, Qt.Key.Key_Enter)
    assert entry.message.text() == strings.SC_PICK_PERSON
    entry.person.setEditText("HX1003")  # typing the employee no. is enough
    entry.rule.setCurrentIndex(entry.rule.findData("untidy"))
    entry.at.setDate(QDate(2026, 10, 30))
    demo.attendance.lock_month(2026, 10)
    entry.save()
    assert "2026-10" in entry.message.text()  # the locked month refuses it


def test_waive_needs_a_reason_then_stays_visible(qtbot: Any, demo: Services,
                                                messages: MessageRecorder) -> None:
    tab = _tab(qtbot, demo)
    tab.select_person(_pid(demo, "HX1003"))
    tab.incidents.selectRow(0)  # the severe lateness, −10
    messages.reply("", "地铁停运，有通报")
    tab.waive_selected()
    assert messages.errors == [strings.SCORE_WAIVE_NEEDS_REASON]
    tab.waive_selected()
    _reloaded(qtbot, tab)
    person = tab.result.person(_pid(demo, "HX1003")) if tab.result else None
    assert person is not None and (person.score, person.flagged) == (95, False)
    font = tab.incident_model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert tab.incident_model.rowCount() == 2 and font is not None and font.strikeOut()


def test_rule_dialog_changes_values_from_a_date(qtbot: Any, demo: Services,
                                                messages: Any) -> None:
    scores: ScoreService = demo.scores
    dialog = RuleCatalogueDialog(scores, today=TODAY)
    qtbot.addWidget(dialog)
    row = next(i for i, r in enumerate(dialog.rules) if r.code == "untidy")
    dialog.table.selectRow(row)
    dialog.from_date.setDate(QDate(2026, 12, 1))
    dialog.points.setValue(8)
    dialog.set_value()
    assert dialog.changes.scores
    assert scores.rule("untidy", dt.date(2026, 11, 30)).points == 5
    assert scores.rule("untidy", dt.date(2026, 12, 1)).points == 8
    dialog.new_code.setText("praise")
    dialog.new_label.setText("书面表扬")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("reward"))
    dialog.new_points.setValue(2)
    dialog.add_rule()
    assert scores.rule("praise", dt.date(2026, 12, 1)).signed == 2
    dialog.threshold.setValue(95)
    dialog.save_settings()
    assert scores.settings(dt.date(2026, 12, 1)).threshold == 95
    assert scores.settings(dt.date(2026, 11, 30)).threshold == 90
    assert messages.errors == []


def test_a_correction_elsewhere_refreshes_the_scores(qtbot: Any, demo: Services) -> None:
    tab = _tab(qtbot, demo)
    pid = _pid(demo, "HX1002")
    late = next(i for i in tab.result.person(pid).incidents  # type: ignore[union-attr]
                if i.source == "attendance")
    demo.attendance.add_correction(pid, late.at.date(), "am", "in", "08:25", "考勤机故障",
                                   "周立群")
    tab.on_changes(Changes(attendance=True))
    _reloaded(qtbot, tab)
    assert tab.result.person(pid).score == 95  # type: ignore[union-attr]


def test_locked_month_disables_waivers(qtbot: Any, demo: Services) -> None:
    pid = _pid(demo, "HX1004")
    demo.scores.add_incident(pid, "untidy", dt.datetime(2026, 10, 20, 10, 0))
    demo.attendance.lock_month(2026, 10)
    tab = _tab(qtbot, demo, today=dt.date(2026, 10, 15))
    assert tab.result is not None and tab.result.locked
    assert tab.banner.isVisibleTo(tab) and "2026-10" in tab.banner.text()
    assert tab.select_person(pid)
    tab.incidents.selectRow(0)
    assert tab.selected_incident() is not None
    assert not tab.btn_waive.isEnabled()
    assert tab.proxy.index(0, 0).data(ROW_ROLE) is not None


def test_printing_sheet_excel_and_person(qtbot: Any, demo: Services, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import printing

    opened: list[str] = []
    targets = iter([tmp_path / "s.pdf", tmp_path / "s.xlsx", tmp_path / "p.pdf"])
    monkeypatch.setattr(printing, "ask_path", lambda *a, **k: next(targets))
    monkeypatch.setattr(printing.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    tab = _tab(qtbot, demo)
    tab.print_sheet(False)
    tab.print_sheet(True)
    tab.select_person(_pid(demo, "HX1002"))
    tab.print_person()
    qtbot.waitUntil(lambda: len(opened) == 3, timeout=20000)
    assert [Path(p).name for p in opened] == ["s.pdf", "s.xlsx", "p.pdf"]
    assert all((tmp_path / n).stat().st_size > 4000 for n in ("s.pdf", "s.xlsx", "p.pdf"))
