"""The GUI under faults (issue 17): a read-only database shows why in a banner and
refuses writes with the reason; a busy database offers to retry."""

from __future__ import annotations

from typing import Any

import pytest

from app import strings
from app.errors import DatabaseBusy
from app.services import Services
from tests.helpers.messages import MessageRecorder
from ui.common.tab import call
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def test_read_only_database_shows_a_banner_and_refuses_writes(
        qtbot: Any, demo_services: Services, messages: MessageRecorder) -> None:
    reason = strings.DB_FILE_READ_ONLY.format(path=demo_services.db_path)
    demo_services.db.read_only = reason
    w = MainWindow(demo_services)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.read_only_banner.isVisible()
    assert w.read_only_banner.text() == strings.DB_READ_ONLY_BANNER.format(reason=reason)
    assert not call(w, lambda: demo_services.imports.save_device("门口", "10.0.0.9"))
    assert messages.errors == [strings.DB_READ_ONLY_REFUSED.format(reason=reason)]
    assert "门口" not in [d.name for d in demo_services.imports.devices()]


def test_writable_database_has_no_banner(qtbot: Any, services: Services) -> None:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert not w.read_only_banner.isVisible()


def test_busy_database_offers_retry(qtbot: Any, services: Services,
                                    messages: MessageRecorder) -> None:
    """The first try finds the database busy: the user is asked, says yes, and the second
    try goes through; saying no shows the busy message."""
    tries = []

    def write() -> str:
        tries.append(1)
        if len(tries) == 1:
            raise DatabaseBusy(strings.DB_BUSY.format(path=services.db_path))
        return "done"

    got: list[str] = []
    assert call(None, write, got.append)  # type: ignore[arg-type]
    busy = strings.DB_BUSY.format(path=services.db_path)
    assert messages.asked == [f"{busy}\n\n{strings.DB_BUSY_RETRY}"]
    assert got == ["done"] and len(tries) == 2
    messages.answer = False
    tries.clear()
    assert not call(None, write)  # type: ignore[arg-type]
    assert messages.errors == [strings.DB_BUSY.format(path=services.db_path)]


def test_busy_at_open_offers_retry(tmp_path: Any, messages: MessageRecorder) -> None:
    """Opening finds another process opening or migrating the database: asked to retry;
    the retry opens it."""
    from ui.main import open_services

    db = tmp_path / "data" / "onsitedesk.db"
    busy = DatabaseBusy(strings.DB_OPEN_LOCK_TIMEOUT.format(path=db))
    opened = open_services(db, busy)
    assert isinstance(opened, Services)
    opened.close()
    assert messages.asked == [f"{busy.message}\n\n{strings.DB_BUSY_RETRY}"]
