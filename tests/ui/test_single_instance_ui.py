"""Issue 16: a second start on the same database brings the running window forward and
exits 0 instead of opening a second writer; another database opens its own window; a
socket left behind by a crashed window does not block the next start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.common.single_instance import SingleInstance, bring_forward, server_name

ROOT = Path(__file__).resolve().parents[2]


def test_one_name_per_database_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    db = tmp_path / "a" / "onsitedesk.db"
    assert server_name(db) == server_name(tmp_path / "a" / ".." / "a" / "onsitedesk.db")
    assert server_name(db) != server_name(tmp_path / "b" / "onsitedesk.db")


def test_second_start_brings_the_first_window_forward(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "onsitedesk.db"
    first = SingleInstance(db)
    assert not first.hand_over()  # nobody is running
    assert first.listen()
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    raised: list[bool] = []
    first.raise_requested.connect(lambda: (raised.append(True), bring_forward(window)))

    assert SingleInstance(db).hand_over()  # the second start: hands over, opens nothing
    qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    assert raised == [True]
    assert not window.isMinimized() and window.isVisible()

    assert not SingleInstance(tmp_path / "other.db").hand_over()  # another database
    first.close()
    assert not SingleInstance(db).hand_over()  # the first window closed: a new one starts


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes do not outlive a process")
def test_socket_of_a_crashed_window_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "onsitedesk.db"
    probe = SingleInstance(db)
    assert probe.listen()
    path = probe.server.fullServerName()
    probe.close()
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)  # what a killed window leaves: a socket file nobody listens on
    stale.close()
    assert Path(path).exists()
    again = SingleInstance(db)
    assert not again.hand_over()
    assert again.listen()
    assert SingleInstance(db).hand_over()
    again.close()


def test_the_real_second_start_exits_0_and_raises_the_first(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    """ui.main.run_gui in another process, on the database a window here already has."""
    db = tmp_path / "data" / "onsitedesk.db"
    first = SingleInstance(db)
    assert first.listen()
    raised: list[bool] = []
    first.raise_requested.connect(lambda: raised.append(True))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = ("import sys; from pathlib import Path; from ui.main import run_gui; "
            f"sys.exit(run_gui(Path(r'{db}')))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    assert not db.exists()  # the second start never opened the database
    first.close()
