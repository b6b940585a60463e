"""GUI test fixtures: a demo database, the main window, and a message-box double."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MessageRecorder:
    """Stands in for ui.messages: records what the user would have been told."""

    def __init__(self) -> None:
        self.infos: list[str] = []
        self.errors: list[str] = []
        self.asked: list[str] = []
        self.answer = True

    def info(self, _parent: object, text: str, title: str = "") -> None:
        self.infos.append(text)

    def error(self, _parent: object, text: str, title: str = "") -> None:
        self.errors.append(text)

    def ask(self, _parent: object, text: str, title: str = "") -> bool:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageRecorder:
    from ui import messages as real

    rec = MessageRecorder()
    for name in ("info", "error", "ask"):
        monkeypatch.setattr(real, name, getattr(rec, name))
    return rec


@pytest.fixture
def qsettings_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))


@pytest.fixture
def demo_services(tmp_path: Path) -> Iterator[object]:
    from app.services import Services
    from app.services.demo import fill_demo

    services = Services.open(tmp_path / "data" / "onsitedesk.db")
    fill_demo(services)
    yield services
    services.close()


@pytest.fixture
def empty_services(tmp_path: Path) -> Iterator[object]:
    from app.services import Services

    services = Services.open(tmp_path / "empty" / "onsitedesk.db")
    yield services
    services.close()
