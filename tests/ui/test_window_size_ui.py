"""Issue 16: the first-start window fits the screen at 125 % and 150 % scaling.

A 1366×768 laptop at 125 % has 1093×614 logical pixels, at 150 % 910×512: a fixed 1180×720
window would run off the screen (title bar or edges out of reach). The app runs in a child
process on Qt's offscreen screen configured as 1366×768 and saves its window with data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from ui.main_window import first_size

ROOT = Path(__file__).resolve().parents[2]


def test_first_size_fits_the_free_area() -> None:
    assert first_size(QSize(1366, 728)) == QSize(1180, 684)  # 100 %, taskbar 40 px
    assert first_size(QSize(1920, 1040)) == QSize(1180, 720)
    small = first_size(QSize(910, 480))  # 150 % on 1366×768, taskbar included
    assert small.width() <= 910 and small.height() <= 480
    assert first_size(QSize(300, 200)) == QSize(640, 420)  # never unusably small


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5"])
def test_window_fits_a_1366x768_screen(tmp_path: Path, scale: str) -> None:
    (tmp_path / "screen.json").write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
        "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen:configfile=screen.json",
           "QT_SCALE_FACTOR": scale, "ONSITEDESK_SCREENSHOT": str(shot),
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "TMPDIR": str(tmp_path),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("ONSITEDESK_DB", None)
    done = subprocess.run([sys.executable, "-m", "ui.entry", "--demo"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    width, height = png_size(shot)
    if scale == "1":
        assert (width, height) == (1180, 720)  # the first-start size, where it fits
    else:
        assert 1180 < width <= 1366 and 600 <= height <= 768  # fits, and uses the screen
