"""Issue 16 (4): tabs are built when first shown. Only the first tab is built with the
window; another is built when it is switched to (click, shortcut) or its attribute is read,
and from then on it follows the changes of the other tabs."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.services import Changes, Services
from ui.common.tab import Tab
from ui.main_window import TABS, MainWindow
from ui.tabs.roster.tab import RosterTab

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _window(qtbot: Any, services: Services) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()  # shortcuts reach the active window
    qtbot.waitUntil(w.isActiveWindow)
    return w


def test_only_the_first_tab_is_built_with_the_window(qtbot: Any,
                                                     demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    assert list(w.built) == [TABS[0].attr]
    assert isinstance(w.tabs.widget(0), RosterTab)
    assert w.roster_tab.model.rows  # the first tab shows its data at once
    for i in range(1, len(TABS)):
        assert not isinstance(w.tabs.widget(i), Tab)  # an empty placeholder page
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == [s.title for s in TABS]


def test_a_tab_is_built_when_it_is_switched_to(qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    leave = next(i for i, s in enumerate(TABS) if s.attr == "leave_tab")
    w.tabs.setCurrentIndex(leave)
    assert "leave_tab" in w.built and w.tabs.currentIndex() == leave
    tab = w.tabs.currentWidget()
    assert isinstance(tab, Tab) and tab is w.leave_tab and tab.isVisible()
    assert w.tabs.tabToolTip(leave) and w.tabs.tabText(leave) == TABS[leave].title
    assert set(w.built) == {"roster_tab", "leave_tab"}  # nothing else on the way
    # a shortcut (Alt+n) builds its tab too
    qtbot.keyClick(w, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert w.tabs.currentIndex() == 6 and isinstance(w.tabs.currentWidget(), Tab)
    assert TABS[6].attr in w.built


def test_reading_the_attribute_builds_the_tab_without_switching(
        qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    scores = w.scores_tab
    index = w.tabs.indexOf(scores)
    assert index == [s.attr for s in TABS].index("scores_tab")
    assert w.tabs.currentIndex() == 0 and w.scores_tab is scores


def test_changes_reach_built_tabs_and_unbuilt_ones_read_fresh_data(
        qtbot: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    leave = w.leave_tab
    refreshed: list[str] = []
    monkeypatch.setattr(leave, "refresh", lambda: refreshed.append("leave"))
    w.apply_changes(Changes(leave=True))
    assert refreshed == ["leave"] and "attendance_tab" not in w.built
    people = demo_services.roster.list_people()
    assert len(w.roster_tab.model.rows) == len(people)
