"""Printing from the window with a name no font can draw (issue 15, deliverable 1): the PDF is
written and opened, then a message names the text printed with the placeholder."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.documents import fonts
from app.services import Services
from tests.helpers.messages import MessageRecorder


@pytest.fixture(autouse=True)
def no_pc_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(fonts, "system_font_files", lambda: [])
    fonts.forget_fallbacks()
    yield
    fonts.forget_fallbacks()


def test_printing_the_roster_shows_the_unprintable_name(
        qtbot: Any, demo_services: Services, tmp_path: Path, messages: MessageRecorder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QWidget

    from ui import printing
    from ui.tasks import TaskRunner

    person = next(p for p in demo_services.roster.list_people() if p.employee_no == "HX1004")
    demo_services.roster.update(person.id, dataclasses.replace(person.to_fields(),
                                                               name="陈\ue000"))
    opened: list[str] = []
    target = tmp_path / "roster.pdf"
    monkeypatch.setattr(printing, "ask_path", lambda *a, **k: target)
    monkeypatch.setattr(printing.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    host = QWidget()
    qtbot.addWidget(host)
    printing.print_roster(host, demo_services, TaskRunner(host))
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=20000)
    assert opened == [str(target)] and target.stat().st_size > 4000
    assert len(messages.infos) == 1
    assert f"陈{fonts.PLACEHOLDER}（U+E000）" in messages.infos[0]
    assert str(target) in messages.infos[0]


def test_printing_without_such_characters_shows_no_message(
        qtbot: Any, demo_services: Services, tmp_path: Path, messages: MessageRecorder,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QWidget

    from ui import printing
    from ui.tasks import TaskRunner

    opened: list[str] = []
    monkeypatch.setattr(printing, "ask_path", lambda *a, **k: tmp_path / "r.pdf")
    monkeypatch.setattr(printing.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    host = QWidget()
    qtbot.addWidget(host)
    printing.print_roster(host, demo_services, TaskRunner(host))
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert messages.shown == []
