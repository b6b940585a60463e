"""Issue 16: documents are opened and printed with Windows' own verbs (os.startfile), the
desktop's opener elsewhere; a missing print verb (Edge registers none for PDF) falls back to
opening the file, where the user prints."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ui.common import system_open


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    made: list[tuple[str, ...]] = []

    def open_url(url: QUrl) -> bool:
        made.append(("openUrl", url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return made


def _windows(monkeypatch: pytest.MonkeyPatch, calls: list[tuple[str, ...]],
             verbs: tuple[str, ...] = ("open", "print")) -> None:
    def startfile(path: str, operation: str = "open") -> None:
        if operation not in verbs:
            raise OSError(1155, "No application is associated with the specified file")
        calls.append(("startfile", path, operation))

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", startfile, raising=False)


def test_windows_open_and_print_use_startfile(monkeypatch: pytest.MonkeyPatch,
                                              calls: list[tuple[str, ...]]) -> None:
    _windows(monkeypatch, calls)
    pdf = Path("C:/Users/张 三/考勤 2026-11.pdf")
    assert system_open.open_document(pdf)
    assert system_open.print_document(pdf)
    assert calls == [("startfile", str(pdf), "open"), ("startfile", str(pdf), "print")]


def test_windows_without_print_verb_opens_the_file(monkeypatch: pytest.MonkeyPatch,
                                                   calls: list[tuple[str, ...]]) -> None:
    _windows(monkeypatch, calls, verbs=("open",))
    assert system_open.print_document(Path("a.pdf"))
    assert calls == [("startfile", "a.pdf", "open")]
    _windows(monkeypatch, calls, verbs=())
    assert not system_open.open_document(Path("a.pdf"))
    assert not system_open.print_document(Path("a.pdf"))


def test_elsewhere_the_desktop_opener(monkeypatch: pytest.MonkeyPatch,
                                      calls: list[tuple[str, ...]], tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "startfile", lambda *a: calls.append(("startfile",)),
                        raising=False)
    assert system_open.open_document(tmp_path / "a.pdf")
    assert system_open.print_document(tmp_path / "b.pdf")
    assert calls == [("openUrl", str(tmp_path / "a.pdf")), ("openUrl", str(tmp_path / "b.pdf"))]


def test_saved_documents_are_opened_through_the_dispatch(monkeypatch: pytest.MonkeyPatch,
                                                         calls: list[tuple[str, ...]]) -> None:
    from ui import printing

    _windows(monkeypatch, calls)
    assert printing.open_document is system_open.open_document
    assert system_open.open_document(Path("x.pdf")) and calls[-1][0] == "startfile"


class _Tasks:
    """TaskRunner stand-in: runs the work at once, then the done callback."""

    def run(self, _label: str, work: object, done: object, cancellable: bool = True) -> None:
        done(work(None))  # type: ignore[operator]


def test_direct_print_setting_sends_documents_to_the_printer(
        qsettings_isolated: None, qtbot: object, monkeypatch: pytest.MonkeyPatch,
        calls: list[tuple[str, ...]], tmp_path: Path) -> None:
    from ui import printing

    _windows(monkeypatch, calls)
    made: list[Path] = []
    pdf = tmp_path / "月度考勤表.pdf"
    assert not system_open.direct_print()  # default: open in the viewer first
    printing.make_and_open(None, _Tasks(), pdf, made.append)  # type: ignore[arg-type]
    system_open.set_direct_print(True)
    assert system_open.direct_print()
    printing.make_and_open(None, _Tasks(), pdf, made.append)  # type: ignore[arg-type]
    assert made == [pdf, pdf]
    assert calls == [("startfile", str(pdf), "open"), ("startfile", str(pdf), "print")]


def test_settings_menu_toggles_direct_print(qsettings_isolated: None, qtbot: object,
                                           empty_services: object) -> None:
    from app import strings
    from ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.attach(empty_services)  # type: ignore[arg-type]
    actions = [a for m in window.menuBar().actions() if m.menu() is not None
               for a in m.menu().actions() if a.text() == strings.ACT_DIRECT_PRINT]
    assert len(actions) == 1 and actions[0].isCheckable() and not actions[0].isChecked()
    actions[0].trigger()
    assert system_open.direct_print()
    actions[0].trigger()
    assert not system_open.direct_print()
