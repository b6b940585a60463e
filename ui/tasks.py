"""TaskRunner: long work on one worker thread with progress and cancel (DESIGN §3).

The work function gets a Qt-free ``Progress`` and must open its own DB session (services
do). Results come back to the GUI thread only through signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app import strings
from app.errors import Cancelled


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class QtProgress:
    """Implements ``app.services.Progress``: thread-safe report and cancel."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[QtProgress], Any], signals: _Signals,
                 progress: QtProgress) -> None:
        super().__init__()
        self.fn, self.signals, self.progress = fn, signals, progress

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """One worker thread: jobs run one after another, never two writers at once."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._live: set[_Signals] = set()

    def run(self, title: str, fn: Callable[[QtProgress], Any],
               on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None] | None = None,
               cancellable: bool = True) -> QtProgress:
        signals = _Signals()
        progress = QtProgress(signals)
        dialog = QProgressDialog(title, strings.CANCEL if cancellable else "", 0, 0,
                                 self._widget)
        dialog.setWindowTitle(strings.WORKING)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(progress.cancel)

        @Slot(int, int, str)
        def on_progress(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if text:
                dialog.setLabelText(text)

        def finish() -> None:
            dialog.canceled.disconnect(progress.cancel)
            dialog.close()
            dialog.deleteLater()
            self._live.discard(signals)
            self.busy_changed.emit(bool(self._live))

        @Slot(object)
        def done(result: object) -> None:
            finish()
            on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                on_error(exc)
            else:
                from ui.errors import show_exception

                show_exception(exc, self._widget)

        signals.progress.connect(on_progress)
        signals.done.connect(done)
        signals.failed.connect(failed)
        self._live.add(signals)
        self.busy_changed.emit(True)
        self.pool.start(_Job(fn, signals, progress))
        return progress

    @property
    def busy(self) -> bool:
        """A job is queued or running."""
        return bool(self._live)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
