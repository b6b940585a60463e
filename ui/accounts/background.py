"""A call on the TaskRunner's one worker thread without its progress dialog: the dialogs of
the accounts show their own busy state while scrypt runs (about a second). Sharing the
runner's thread keeps one writer at a time (a sign-in records the attempt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal, Slot

from ui.tasks import TaskRunner


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_live: set[_Signals] = set()  # kept alive until their job reported


def run_quietly(tasks: TaskRunner, fn: Callable[[], Any], on_done: Callable[[Any], None],
                on_error: Callable[[BaseException], None]) -> None:
    """Run ``fn`` on ``tasks``' worker thread; ``on_done``/``on_error`` on the GUI thread."""
    signals = _Signals()

    @Slot(object)
    def done(result: object) -> None:
        _live.discard(signals)
        on_done(result)

    @Slot(object)
    def failed(exc: BaseException) -> None:
        _live.discard(signals)
        on_error(exc)

    signals.done.connect(done)
    signals.failed.connect(failed)
    _live.add(signals)
    tasks.pool.start(_Job(fn, signals))
