"""A stand-in for every message box and text prompt the GUI can show.

``ui.messages`` is the one bridge for user messages (info, error, ask); the crash dialog in
``ui.errors`` and a few start-up paths build a ``QMessageBox`` themselves, and some actions
ask for a reason with ``QInputDialog.getText``. The ``messages`` fixture replaces all of them:
each is recorded as :class:`Shown` (kind, title, text), questions get :attr:`answer`, and text
prompts get the texts queued with :meth:`MessageRecorder.reply`. A prompt with no reply queued
fails the test instead of waiting for a user who is not there.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from app import strings


@dataclass(frozen=True)
class Shown:
    kind: str  # "info", "error", "ask" (ui.messages), "input", or a QMessageBox icon name
    title: str
    text: str


class MessageRecorder:
    """What the user would have been shown, in order, and the answers they give."""

    def __init__(self) -> None:
        self.shown: list[Shown] = []
        self.answer = True  # to every yes/no question
        self._replies: deque[str | None] = deque()

    # ---- presets -----------------------------------------------------------------------------
    def reply(self, *texts: str | None) -> None:
        """Queue answers for the next text prompts (``None`` cancels the prompt)."""
        self._replies.extend(texts)

    # ---- what was shown ----------------------------------------------------------------------
    def texts(self, kind: str) -> list[str]:
        return [s.text for s in self.shown if s.kind == kind]

    @property
    def infos(self) -> list[str]:
        return self.texts("info")

    @property
    def errors(self) -> list[str]:
        return self.texts("error")

    @property
    def asked(self) -> list[str]:
        return self.texts("ask")

    @property
    def prompts(self) -> list[str]:
        return self.texts("input")

    # ---- the doubles -------------------------------------------------------------------------
    def info(self, _parent: object, text: str, title: str = strings.INFO_TITLE) -> None:
        self.shown.append(Shown("info", title, text))

    def error(self, _parent: object, text: str, title: str = strings.ERROR_TITLE) -> None:
        self.shown.append(Shown("error", title, text))

    def ask(self, _parent: object, text: str, title: str = strings.CONFIRM_TITLE) -> bool:
        self.shown.append(Shown("ask", title, text))
        return self.answer

    def get_text(self, _parent: object, title: str, label: str, *_a: Any,
                 **_k: Any) -> tuple[str, bool]:
        self.shown.append(Shown("input", title, label))
        if not self._replies:
            raise AssertionError(f"unexpected text prompt {title!r}: {label!r} (no reply queued)")
        text = self._replies.popleft()
        return ("", False) if text is None else (text, True)

    def box_exec(self, box: Any) -> int:
        self.shown.append(Shown(box.icon().name.lower(), box.windowTitle(), box.text()))
        return 0

    def static_box(self, kind: str) -> Any:
        def show(_parent: object, title: str, text: str, *_a: Any, **_k: Any) -> Any:
            from PySide6.QtWidgets import QMessageBox

            self.shown.append(Shown(kind, title, text))
            yes = QMessageBox.StandardButton.Yes
            return yes if kind != "question" or self.answer else QMessageBox.StandardButton.No
        return show


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[MessageRecorder]:
    """Record every message box and prompt; answer questions with ``messages.answer``."""
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from ui import messages as bridge

    rec = MessageRecorder()
    for name in ("info", "error", "ask"):
        monkeypatch.setattr(bridge, name, getattr(rec, name))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(rec.get_text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box, *_a: rec.box_exec(box))
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(rec.static_box(kind)))
    yield rec
