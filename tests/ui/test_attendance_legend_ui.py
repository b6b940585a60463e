"""Issue 14 (6): the legend reads "symbol meaning" entry by entry, severe lateness is painted
differently from ordinary lateness, and the summary columns stay visible at 1366 px."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from app import strings
from app.services import Services
from tests.helpers.db import DEMO_TODAY
from ui.common import palette
from ui.tabs.attendance.delegate import is_severe
from ui.tabs.attendance.model import DAY_ROLE
from ui.tabs.attendance.tab import AttendanceTab
from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _tab(qtbot: Any, services: Services, width: int = 1366) -> AttendanceTab:
    host = QWidget()
    qtbot.addWidget(host)
    tab = AttendanceTab(services, TaskRunner(host), today=DEMO_TODAY, parent=host)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: tab.model.month is not None, timeout=10000)
    host.resize(width, 700)
    tab.resize(width, 700)
    host.show()
    qtbot.waitExposed(host)
    return tab


def _cells(tab: AttendanceTab, symbol: str) -> tuple[list[Any], list[Any]]:
    """The day cells showing ``symbol``: (severe, ordinary)."""
    severe, ordinary = [], []
    for r in range(tab.proxy.rowCount()):
        for c in range(1, tab.model.ndays + 1):
            index = tab.proxy.index(r, c)
            if index.data() == symbol:
                (severe if is_severe(index.data(DAY_ROLE)) else ordinary).append(index)
    return severe, ordinary


def _has_colour(tab: AttendanceTab, index: Any, colour: str) -> bool:
    image = tab.view.viewport().grab(tab.view.visualRect(index)).toImage()
    wanted = QColor(colour).rgb()
    return any(image.pixel(x, y) == wanted
               for x in range(image.width()) for y in range(image.height()))


def test_legend_reads_symbol_then_meaning_one_chip_each(qtbot: Any,
                                                        demo_services: Services) -> None:
    tab = _tab(qtbot, demo_services)
    legend = demo_services.settings.legend()
    text = tab.legend.text()
    assert f"{legend['late']} {strings.LEGEND_LABELS['late']}" in text
    assert f"{legend['late']}{strings.LEGEND_LABELS['late']}" not in text  # no "迟迟到"
    chips = [w for w in tab.legend.findChildren(QLabel) if w.isVisible()]
    assert len(chips) == len(tab.legend.entries) + 1  # + the fill footnote
    assert all(not c.wordWrap() for c in chips)  # an entry never splits across lines
    assert (legend["early_leave"], strings.LEGEND_SEVERE.format(minutes=30)) in tab.legend.entries
    assert (legend["severe_late"], strings.LEGEND_LABELS["severe_late"]) in tab.legend.entries
    # narrow: the chips wrap onto more lines, each still whole
    one_line = tab.legend.height()
    tab.legend.resize(300, tab.legend.heightForWidth(300))
    assert tab.legend.heightForWidth(300) > one_line
    for chip in chips:
        assert chip.width() >= chip.sizeHint().width()


def test_severe_lateness_is_painted_apart_from_ordinary_lateness(
        qtbot: Any, demo_services: Services) -> None:
    tab = _tab(qtbot, demo_services)
    legend = demo_services.settings.legend()
    # issue 15: severe lateness has a symbol of its own (and is still painted apart)
    severe, _ = _cells(tab, legend["severe_late"])
    _, ordinary = _cells(tab, legend["late"])
    assert severe and ordinary  # the demo month has both
    day = severe[0].data(DAY_ROLE)
    assert any(s.severe_late for s in (day.am, day.pm))
    assert _has_colour(tab, severe[0], palette.SEVERE)
    assert not _has_colour(tab, ordinary[0], palette.SEVERE)


def test_summary_columns_stay_visible_at_1366(qtbot: Any, demo_services: Services) -> None:
    tab = _tab(qtbot, demo_services, width=1366)
    first = tab.model.ndays + 1
    titles = [tab.proxy.headerData(c, Qt.Orientation.Horizontal)
              for c in range(first, tab.model.columnCount())]
    assert "请假\n天" in titles and "加班\nh" in titles
    summary = tab.summary_view
    assert summary.isVisible()
    for c in range(tab.model.columnCount()):
        assert summary.isColumnHidden(c) == (c < first)
        assert tab.view.isColumnHidden(c) == (c >= first)
    # every summary column lies inside the visible part of its view
    last = tab.model.columnCount() - 1
    assert summary.columnViewportPosition(last) + summary.columnWidth(last) \
        <= summary.viewport().width()
    right = summary.mapTo(tab, summary.rect().topRight()).x()
    assert right <= tab.width()
    # one selection, one row: a click in the grid selects the same row on the right
    assert summary.selectionModel() is tab.view.selectionModel()
    assert summary.rowViewportPosition(3) == tab.view.rowViewportPosition(3)


def test_the_grid_and_the_summary_scroll_together(qtbot: Any,
                                                  demo_services: Services) -> None:
    tab = _tab(qtbot, demo_services)
    tab.parentWidget().resize(1366, 380)  # room for fewer rows than the demo has
    tab.resize(1366, 380)
    qtbot.wait(20)
    bar = tab.view.verticalScrollBar()
    assert bar.maximum() > 0
    assert tab.summary_view.verticalScrollBar().maximum() == bar.maximum()
    bar.setValue(bar.maximum())
    assert tab.summary_view.verticalScrollBar().value() == bar.maximum()


def test_day_columns_keep_their_dates(qtbot: Any, demo_services: Services) -> None:
    tab = _tab(qtbot, demo_services)
    assert tab.model.day_of_column(1) == dt.date(2026, 11, 1)
