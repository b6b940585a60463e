"""The base of the data-entry dialogs: a form, a field-error line, OK/Cancel, one error path.

A dialog builds its rows with ``add_row`` (naming the service field a row edits, so a
``ValidationError`` with ``.field`` points at it), calls ``finish`` to add the error line and
the buttons, and implements ``submit`` (the service call). ``save`` runs it: an ``AppError``
is shown in the dialog (the field named and outlined), success collects the ``Changes`` in
``self.changes``, hands the value to ``on_saved`` and closes. ``attempt`` does the same for
a call that keeps the dialog open (a button inside it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QWidget,
)

from app import strings
from app.errors import AppError, ValidationError
from ui.common import palette
from ui.common.tab import split_result

if TYPE_CHECKING:
    from app.services import Changes, Services

FIELD_ERROR_STYLE = f"border: 1px solid {palette.ERROR};"


class FormDialog(QDialog):
    def __init__(self, services: Services, title: str, parent: QWidget | None = None,
                 min_width: int = 0, detached: bool = False) -> None:
        """``detached``: the dialog lays out ``self.form`` and ``self.error`` itself (a list
        beside the form, buttons of its own) instead of the form filling the dialog."""
        from app.services import Changes

        super().__init__(parent)
        self.services = services
        self.changes: Changes = Changes()
        self.setWindowTitle(title)
        if min_width:
            self.setMinimumWidth(min_width)
        self.form = QFormLayout() if detached else QFormLayout(self)
        self.error = QLabel()
        self.error.setStyleSheet(palette.css(palette.ERROR))
        self.error.setWordWrap(True)
        self._field_rows: dict[str, tuple[str, QWidget]] = {}
        self._marked: QWidget | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)

    # ---- building ------------------------------------------------------------------------
    def add_row(self, label: str, widget: QWidget | QLayout, field: str | None = None,
                target: QWidget | None = None) -> None:
        """A labelled row; ``field`` is the service's name for it (``target`` the widget to
        outline, when ``widget`` is a layout)."""
        self.form.addRow(label, widget)
        if field is not None:
            shown = target if target is not None else widget
            assert isinstance(shown, QWidget)
            self.register_field(field, label, shown)

    def register_field(self, field: str, label: str, widget: QWidget) -> None:
        """``field`` (the service's name) is edited in ``widget``, shown as ``label``."""
        self._field_rows[field] = (label.rstrip("*:\uff1a"), widget)

    def finish(self, ok_text: str | None = None) -> None:
        """Add the error line and the OK/Cancel box (call once, after the rows)."""
        self.form.addRow(self.error)
        self.form.addRow(self.ok_cancel(ok_text))

    def ok_cancel(self, ok_text: str | None = None) -> QDialogButtonBox:
        """The OK (Save, or ``ok_text``) / Cancel box wired to ``save`` and ``reject``."""
        if ok_text is None:
            ok = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        else:
            ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    # ---- running -------------------------------------------------------------------------
    def submit(self) -> Any:
        """The service call; returns ``Changes``, ``(value, Changes)`` or a value."""
        raise NotImplementedError

    def on_saved(self, value: Any) -> None:
        """The value ``submit`` returned (a created DTO…)."""

    def save(self) -> None:
        if self.attempt(self.submit, self.on_saved):
            self.accept()

    def attempt(self, fn: Callable[[], Any],
                on_done: Callable[[Any], None] | None = None) -> bool:
        """Run ``fn``; show an ``AppError`` here; collect its Changes. True if it worked."""
        self.show_error(None)
        try:
            result = fn()
        except AppError as exc:
            self.show_error(exc)
            return False
        value, changes = split_result(result)
        if changes is not None:
            self.changes = self.changes | changes
        if on_done is not None:
            on_done(value)
        return True

    def show_error(self, problem: AppError | str | None) -> None:
        """Show a message (or clear it); a ValidationError's field is named and outlined."""
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None
        if problem is None:
            self.error.clear()
            return
        text = problem if isinstance(problem, str) else problem.message
        field = problem.field if isinstance(problem, ValidationError) else None
        if field in self._field_rows:
            label, widget = self._field_rows[field]
            text = strings.FIELD_ERROR.format(field=label, message=text)
            widget.setStyleSheet(FIELD_ERROR_STYLE)
            widget.setFocus()
            self._marked = widget
        self.error.setText(text)
