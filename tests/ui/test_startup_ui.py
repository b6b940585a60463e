"""Issue 14 (6): no black window on first start. The window is painted before the database is
opened, and the database is opened on a worker thread while the window keeps painting."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressBar

from ui.main import DatabaseOpener, OnGuiThread
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def test_the_window_shows_a_busy_bar_before_the_database(qtbot: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    busy = window.centralWidget().findChild(QProgressBar)
    assert busy is not None and busy.maximum() == 0  # an animated busy bar


def test_the_database_opens_off_the_gui_thread(qtbot: Any, tmp_path: Path) -> None:
    seen: dict[str, Any] = {"ticks": 0}

    def slow_open(path: Path) -> str:
        seen["opened_on"] = threading.current_thread()
        time.sleep(0.4)
        return f"opened {path.name}"

    def arrived(value: Any) -> None:
        seen["value"], seen["arrived_on"] = value, threading.current_thread()

    ticker = QTimer()
    ticker.timeout.connect(lambda: seen.__setitem__("ticks", seen["ticks"] + 1))
    ticker.start(20)
    opener = DatabaseOpener(tmp_path / "x.db", slow_open)  # type: ignore[arg-type]
    receiver = OnGuiThread(arrived)
    opener.opened.connect(receiver.call, Qt.ConnectionType.QueuedConnection)
    opener.start()
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    opener.wait()
    ticker.stop()
    assert seen["value"] == "opened x.db"
    assert seen["opened_on"] is not threading.main_thread()
    assert seen["arrived_on"] is threading.main_thread()
    assert seen["ticks"] >= 5  # the event loop ran (the window painted) while it opened


def test_an_error_while_opening_comes_back_to_the_gui(qtbot: Any, tmp_path: Path) -> None:
    got: list[Any] = []

    def broken(_path: Path) -> None:
        raise RuntimeError("disk")

    opener = DatabaseOpener(tmp_path / "x.db", broken)  # type: ignore[arg-type]
    receiver = OnGuiThread(got.append)
    opener.opened.connect(receiver.call, Qt.ConnectionType.QueuedConnection)
    opener.start()
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    opener.wait()
    assert isinstance(got[0], RuntimeError)


def test_first_start_shows_the_window_before_the_data(tmp_path: Path) -> None:
    """The real start-up on a new database: the window is shown (and painted) first."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ONSITEDESK_STARTUP_PROBE": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    code = ("import sys; from pathlib import Path; from ui.main import run_gui; "
            f"sys.exit(run_gui(Path(r'{tmp_path / 'data' / 'onsitedesk.db'}')))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=root)
    lines = done.stdout.split()
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines.index("WINDOW_SHOWN") < lines.index("DATA_SHOWN")
    assert (tmp_path / "data" / "onsitedesk.db").exists()


def test_ui_font_is_yahei_when_present_else_the_bundled_font(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QFontDatabase

    from ui import main

    monkeypatch.setattr(QFontDatabase, "hasFamily", lambda name: name == "Microsoft YaHei")
    assert main.ui_font_family() == "Microsoft YaHei"
    monkeypatch.setattr(QFontDatabase, "hasFamily", lambda name: False)
    family = main.ui_font_family()
    assert family == "WenQuanYi Micro Hei"
    assert family in QFontDatabase.families()
    # the family installed on the PC already: used as it is, no font file loaded (start-up)
    monkeypatch.setattr(QFontDatabase, "hasFamily", lambda name: name == "WenQuanYi Micro Hei")
    monkeypatch.setattr(QFontDatabase, "addApplicationFont",
                        lambda path: pytest.fail(f"font file loaded: {path}"))
    assert main.ui_font_family() == "WenQuanYi Micro Hei"


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_screenshot_of_the_window_at_a_scale_factor(tmp_path: Path, scale: str) -> None:
    """ONSITEDESK_SCREENSHOT: the real start-up, the window with its data saved as a PNG at
    the scale factor given (what packaging/wine/session.py does with the Windows exe)."""
    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ONSITEDESK_SCREENSHOT": str(shot),
           "QT_SCALE_FACTOR": scale, "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "HOME": str(tmp_path)}
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    code = ("import sys; from pathlib import Path; from ui.main import run_gui; "
            f"sys.exit(run_gui(Path(r'{tmp_path / 'data' / 'onsitedesk.db'}')))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=root)
    assert done.returncode == 0, done.stderr[-2000:]
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull()
    logical = image.width() / float(scale)
    # Qt's default offscreen screen is 800×600: the first-start window fits it
    # (tests/ui/test_window_size_ui.py checks a 1366×768 screen at each scale)
    assert 640 <= logical <= 800, (image.width(), scale)
