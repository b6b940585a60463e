"""Privacy at rest in the roster tab (issue 18): masked lists, the admin's reveal button and
export with full numbers, exact search by a full ID number."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app import strings
from app.security.keys import KeySet
from app.security.principal import ADMIN, VIEWER, Principal
from app.services import Services
from app.services.privacy import PII_ENTITY, encrypt_existing
from tests.helpers.messages import MessageRecorder
from tests.helpers.window import open_window
from ui.tabs.roster.person_dialog import PersonDialog

pytestmark = pytest.mark.usefixtures("qsettings_isolated")
SHOTS = Path(os.environ.get("ONSITEDESK_SHOTS", "/tmp/priv/shots"))


def _encrypted(services: Services) -> dict[int, tuple[str, str]]:
    """Encrypt the demo site as the first admin does; {person id: (phone, ID)} as they were."""
    con = sqlite3.connect(services.db.path)
    numbers = {int(i): (str(p), str(c)) for i, p, c in con.execute(
        "SELECT id, phone, id_card_no FROM person")}
    con.close()
    keys = KeySet(os.urandom(32))
    services.db.keys, services.db.principal = keys, Principal("admin", "王管理", ADMIN)
    assert encrypt_existing(services.db, keys).people == 9
    return numbers



def _reads(services: Services) -> int:
    con = sqlite3.connect(services.db.path)
    try:
        return int(con.execute("SELECT COUNT(*) FROM audit_log WHERE entity = ?",
                               (PII_ENTITY,)).fetchone()[0])
    finally:
        con.close()


def test_admin_sees_masked_list_and_reveals_in_the_form(qtbot: Any, demo_services: Services,
                                                        messages: MessageRecorder) -> None:
    numbers = _encrypted(demo_services)
    w = open_window(qtbot, demo_services)
    tab = w.roster_tab
    shown = {tab.model.index(r, c).data() for r in range(tab.model.rowCount())
             for c in range(tab.model.columnCount())}
    assert not {n for pair in numbers.values() for n in pair} & shown
    assert tab.btn_export_full.isVisibleTo(w)
    SHOTS.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(SHOTS / "roster_admin.png"))

    person = tab.model.rows[0]
    dialog = PersonDialog(demo_services, person, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reveal_button.isVisibleTo(dialog)
    assert "*" in dialog.phone.text() and "*" in dialog.id_card_no.text()
    assert _reads(demo_services) == 0  # nothing revealed by merely opening the form
    dialog.grab().save(str(SHOTS / "person_masked.png"))
    dialog.reveal_button.click()
    assert (dialog.phone.text(), dialog.id_card_no.text()) == numbers[person.id]
    assert not dialog.reveal_button.isEnabled() and _reads(demo_services) == 1
    dialog.grab().save(str(SHOTS / "person_revealed.png"))
    assert messages.errors == []


def test_exact_search_by_a_full_id_number(qtbot: Any, demo_services: Services) -> None:
    numbers = _encrypted(demo_services)
    w = open_window(qtbot, demo_services)
    tab = w.roster_tab
    pid, (_phone, id_card) = sorted(numbers.items())[4]
    tab.search.setText(id_card.lower())
    assert tab.proxy.rowCount() == 1 and tab.proxy.person_at(0).id == pid
    tab.search.setText(id_card[:-1] + ("0" if id_card[-1] != "0" else "1"))
    assert tab.proxy.rowCount() == 0  # a full number that is nobody's finds nobody
    tab.search.setText("")
    assert tab.proxy.rowCount() == 9


def test_a_viewer_gets_no_reveal_and_no_full_export(qtbot: Any, demo_services: Services) -> None:
    _encrypted(demo_services)
    demo_services.db.keys = None
    demo_services.db.principal = Principal("guest", "李查看", VIEWER)
    w = open_window(qtbot, demo_services)
    tab = w.roster_tab
    assert not tab.btn_export_full.isVisibleTo(w)
    dialog = PersonDialog(demo_services, tab.model.rows[0], tab)
    qtbot.addWidget(dialog)
    assert not dialog.reveal_button.isVisibleTo(dialog)


def test_without_accounts_nothing_changes(qtbot: Any, demo_services: Services) -> None:
    w = open_window(qtbot, demo_services)
    tab = w.roster_tab
    assert not tab.btn_export_full.isVisibleTo(w)
    person = tab.model.rows[0]
    dialog = PersonDialog(demo_services, person, tab)
    qtbot.addWidget(dialog)
    assert not dialog.reveal_button.isVisibleTo(dialog)
    assert dialog.phone.text() == person.phone and "*" not in person.phone
    tab.search.setText(person.id_card_no)
    assert tab.proxy.rowCount() == 1
    assert strings.ROSTER_EXPORT_FULL not in {b.text() for b in
                                              tab.findChildren(type(tab.btn_export))
                                              if b.isVisibleTo(w)}
