"""Qt-free progress and cancel for long work (DESIGN §3).

Below the services and the devices (both report through it); the GUI adapts it to a dialog.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class NullProgress:
    """Progress that nobody watches and nobody cancels."""

    def report(self, done: int, total: int, text: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False
