"""Issue 19: the PostgreSQL server stops answering while the window is open.

Every read and write then fails with :class:`ServerLost`. The window says so once, in a
banner that explains that empty lists mean nothing now, and offers 重新连接; later failures
update the banner instead of stacking message boxes; when the server answers again every tab
reads its data again. The loss is simulated (a SQLite database cannot be lost):
``tests/unit/test_held_reads.py`` checks that a real unreachable server gives ServerLost.
"""

from __future__ import annotations

from typing import Any

import pytest

from app import strings
from app.errors import ServerLost
from app.services import Services
from tests.helpers.window import open_window, shot
from ui.errors import show_exception

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

LOST = strings.DB_SERVER_FAILED.format(server="postgresql+psycopg://ho@10.0.0.5/company",
                                       err="connection refused")


def test_a_lost_server_is_said_once_in_a_banner_and_reconnect_reads_again(
        qtbot: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch,
        messages: Any) -> None:
    w = open_window(qtbot, demo_services)
    assert w.server_banner is None  # built at the first loss, nothing at start-up
    before = w.tab("roster_tab")

    # a job on the task runner (the path of the overview, imports, month sheets) fails
    def work(_progress: Any) -> None:
        raise ServerLost(LOST)

    w.tasks.run("…", work, lambda _r: None)
    qtbot.waitUntil(lambda: w.server_banner is not None and w.server_banner.isVisible(),
                    timeout=10000)
    assert w.server_banner is not None
    assert LOST in w.server_banner.label.text()
    assert "空白的列表并不代表没有数据" in w.server_banner.label.text()
    assert messages.errors == [LOST]  # said once as a message too
    # an empty list then says the data could not be read, not "add people first"
    from ui.common.table_model import EmptyState

    roster_empty = before.view.findChild(EmptyState)
    assert roster_empty.label.text() == strings.SERVER_LOST_EMPTY
    w.tabs.setCurrentWidget(w.tab("attendance_tab"))  # a tab first built while lost
    assert all(state.label.text() == strings.SERVER_LOST_EMPTY
               for state in w.findChildren(EmptyState))
    shot(w, "server-lost-attendance.png")

    # every later failure (a tab switched to, a click) only updates the banner
    show_exception(ServerLost(LOST + "（第二次）"))
    assert messages.errors == [LOST]
    assert "（第二次）" in w.server_banner.label.text()
    shot(w, "server-lost-banner.png")

    # 重新连接 while the server is still away: the banner stays, the status bar says so
    away = [True]
    ping = demo_services.db.ping

    def answers_when_back() -> None:
        if away[0]:
            raise ServerLost(LOST)
        ping()

    monkeypatch.setattr(demo_services.db, "ping", answers_when_back)
    w.server_banner.button.click()
    assert w.server_banner.isVisible()
    assert w.statusBar().currentMessage() == strings.SERVER_STILL_LOST.format(err=LOST)
    assert w.tab("roster_tab") is before

    # the server answers again: the banner goes and the tabs are built (read) afresh
    away[0] = False
    w.server_banner.button.click()
    assert not w.server_banner.isVisible()
    assert w.statusBar().currentMessage() == strings.SERVER_BACK
    assert w.tab("roster_tab") is not before
    assert w.roster_tab.model.rowCount() > 0
    assert w.roster_tab.view.findChild(EmptyState).label.text() == strings.EMPTY_ROSTER

    # a later loss is said again (a new loss, not the old one)
    show_exception(ServerLost(LOST))
    assert w.server_banner.isVisible() and messages.errors == [LOST, LOST]


def test_other_database_errors_keep_their_message_box(qtbot: Any, demo_services: Services,
                                                      messages: Any) -> None:
    from app.errors import DatabaseBusy

    w = open_window(qtbot, demo_services)
    show_exception(DatabaseBusy("数据库正忙"))
    show_exception(DatabaseBusy("数据库正忙"))
    assert messages.errors == ["数据库正忙", "数据库正忙"]
    assert w.server_banner is None
