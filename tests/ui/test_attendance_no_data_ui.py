"""The calendar without clock data (issue 14): no-data cells in their own light fill with
the legend's no-data mark, the "打卡数据截至" banner, a question before locking or printing an
uncovered month, and the dialog that declares a period covered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from app import strings
from app.services import Services
from app.storage.tables import AuditLog
from tests.helpers.messages import MessageRecorder
from ui.common import palette
from ui.tabs.attendance.dialogs import DeclareCoverageDialog
from ui.tabs.attendance.model import DAY_ROLE
from ui.tabs.attendance.tab import AttendanceTab
from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qsettings_isolated")
JULY = dt.date(2026, 7, 1)  # before the demo's first punch


def _tab(qtbot: Any, services: Services, today: dt.date) -> AttendanceTab:
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    tab = AttendanceTab(services, TaskRunner(host), today=today, parent=host)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: tab.model.month is not None, timeout=10000)
    return tab


def test_a_month_before_the_first_punch_reads_no_data(qtbot: Any,
                                                      demo_services: Services) -> None:
    from PySide6.QtCore import Qt

    tab = _tab(qtbot, demo_services, JULY)
    m = tab.model.month
    assert m is not None and m.data_from is not None and m.data_from > dt.date(2026, 7, 31)
    col = tab.model.column_of_day(dt.date(2026, 7, 6))  # a Monday
    cells = [tab.model.index(r, col) for r in range(tab.model.rowCount())]
    assert cells and all(c.data() == strings.LEGEND_DEFAULT["no_data"] for c in cells)
    assert all(c.data(DAY_ROLE).am.verdict == "no_data" for c in cells)
    fill = cells[0].data(Qt.ItemDataRole.BackgroundRole)
    assert fill.color().name() == palette.NO_DATA
    assert strings.COVERAGE_THROUGH.split("{")[0] in tab.banner.text()
    assert tab.banner.isVisibleTo(tab)
    assert strings.LEGEND_LABELS["no_data"] in tab.legend.text()
    assert tab.count.text() == strings.ATT_COUNT.format(n=len(cells), flagged=0)


def test_locking_an_uncovered_month_asks_and_can_be_declined(
        qtbot: Any, demo_services: Services, messages: MessageRecorder) -> None:
    tab = _tab(qtbot, demo_services, JULY)
    messages.answer = False
    tab.toggle_lock()
    assert len(messages.asked) == 1 and "2026-07" in messages.asked[0]
    assert not demo_services.attendance.is_locked(2026, 7)
    tab.print_month(False)  # declined: no file dialog follows
    assert len(messages.asked) == 2
    messages.answer = True
    tab.toggle_lock()
    tab.tasks.wait()
    assert demo_services.attendance.is_locked(2026, 7)


def test_declaring_a_period_turns_no_data_into_verdicts(
        qtbot: Any, demo_services: Services) -> None:
    dialog = DeclareCoverageDialog(demo_services, dt.date(2026, 7, 6), dt.date(2026, 7, 10))
    qtbot.addWidget(dialog)
    dialog.save()  # without a reason: refused, named on the reason field
    assert not dialog.changes.any and strings.COVERAGE_NEEDS_REASON in dialog.error.text()
    dialog.reason.setText("全体外出培训")
    dialog.save()
    assert dialog.changes.attendance and dialog.result() == 1
    with demo_services.db.read() as s:
        assert s.scalars(select(AuditLog).where(
            AuditLog.entity == "coverage_declaration")).first() is not None
    july = demo_services.attendance.month(2026, 7)
    days = july.people[0].summary.days
    assert days[5].am.verdict == "absent" and days[12].am.verdict == "no_data"
