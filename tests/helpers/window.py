"""The main window as the UI tests open it (1366×768, shown, closed by qtbot), and its
screens saved to ``ONSITEDESK_SHOTS`` when set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.services import Services
from ui.main_window import MainWindow


def open_window(qtbot: Any, services: Services) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def shot(widget: Any, name: str) -> None:
    folder = os.environ.get("ONSITEDESK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))
