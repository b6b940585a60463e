"""The base of every main-window tab: refresh, react to Changes, run service calls.

A tab shows some part of the database and writes through services. Every write returns a
``Changes`` set; ``run_op`` runs the call (on the TaskRunner when it is long), turns an
``AppError`` into the standard message, refreshes this tab and emits ``changed`` so the main
window can pass the set to the other tabs' ``on_changes``. A tab names the parts of the data it
shows in ``watches``; the default ``on_changes`` refreshes it only when one of them changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.errors import AppError
from ui.errors import show_exception

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from app.services import Changes, Services
    from ui.tasks import TaskRunner


def split_result(result: Any) -> tuple[Any, Changes | None]:
    """A service write returns ``Changes`` or ``(value, Changes)``; anything else is a value."""
    from app.services import Changes

    if isinstance(result, Changes):
        return None, result
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Changes):
        return result[0], result[1]
    return result, None


def report_error(parent: QWidget, exc: BaseException) -> None:
    """The one way the UI tells the user a call failed: an expected error as its message
    (``ui.messages.error``), anything else logged and shown through the crash dialog."""
    show_exception(exc, parent)


def call(parent: QWidget, fn: Callable[[], Any],
         on_done: Callable[[Any], None] | None = None) -> bool:
    """Run a quick service call from any widget: an ``AppError`` is told to the user the
    standard way, otherwise ``on_done`` gets the result. True if it worked."""
    while True:
        try:
            result = fn()
            break
        except AppError as exc:
            if not offer_retry(parent, exc):
                report_error(parent, exc)
                return False
    if on_done is not None:
        on_done(result)
    return True


def offer_retry(parent: QWidget, exc: BaseException) -> bool:
    """A busy database (another window or task writing): ask whether to try again."""
    from app import strings
    from app.errors import DatabaseBusy
    from ui import messages

    return isinstance(exc, DatabaseBusy) and messages.ask(
        parent, f"{exc.message}\n\n{strings.DB_BUSY_RETRY}")


def attempt_quietly(fn: Callable[[], Any]) -> Any:
    """For widgets that show a refusal inline (live checks, quick entry): the result, or the
    ``AppError`` itself instead of a message box."""
    try:
        return fn()
    except AppError as exc:
        return exc


class Tab(QWidget):
    """Base of the main window's tabs (see the module docstring)."""

    changed = Signal(object)  # Changes, for the main window to pass to the other tabs
    # Changes fields (``roster``, ``leave``…) whose change makes this tab refresh
    watches: ClassVar[tuple[str, ...]] = ()

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks

    def refresh(self) -> None:
        """Reload what the tab shows from the services."""
        raise NotImplementedError

    def write_targets(self) -> Sequence[QWidget | QAction]:
        """The controls of this tab that write (buttons, entry widgets, actions): the main
        window puts them under its ``WriteGate`` (ui.common.write_gate), which disables them
        in a read-only window. Controls that only read (print, export, view) are not named."""
        return []

    def affected(self, changes: Changes) -> bool:
        return any(getattr(changes, name) for name in self.watches)

    def on_changes(self, changes: Changes) -> None:
        """Another tab or a dialog wrote ``changes``: refresh if this tab shows any of it."""
        if self.affected(changes):
            self.refresh()

    def after_write(self, changes: Changes | None) -> None:
        """This tab wrote ``changes``: show them here and tell the main window."""
        if changes is not None and changes.any:
            self.refresh()
            self.changed.emit(changes)

    def run_op(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
               long: str | None = None) -> None:
        """Run a service call: synchronously, or on the TaskRunner with ``long`` as the
        progress title. An ``AppError`` becomes the standard message; on success the
        ``Changes`` it returned are applied (``after_write``) and ``on_done`` gets the value.
        """
        def finish(result: Any) -> None:
            value, changes = split_result(result)
            self.after_write(changes)
            if on_done is not None:
                on_done(value)

        def failed(exc: BaseException) -> None:
            if offer_retry(self, exc):
                self.run_op(fn, on_done, long)
            else:
                report_error(self, exc)

        if long is not None:
            self.tasks.run(long, lambda _progress: fn(), finish, failed)
            return
        call(self, fn, finish)
