"""One switch for every control that writes: ``WriteGate.set_writable(False, reason)``.

The main window owns one gate. Each tab names its write controls (buttons, whole entry
widgets, menu actions) in ``Tab.write_targets()``; the window registers them with the gate when
the tab is built, and its own write menu actions when the menus are built. While the gate is
closed every registered control is disabled and its tooltip is the reason (the read-only
banner today; the viewer role of the accounts work tomorrow). A tab keeps enabling and disabling
its buttons as the selection changes: the gate notices an owner enabling a control while it is
closed (``EnabledChange`` / ``QAction.changed``), remembers that wish and disables it again, so
a read-only window never shows a write button enabled. Tooltips set by the owner while closed
are kept for when the gate opens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

Target = QWidget | QAction


class WriteGate(QObject):
    """Disables the registered write controls while closed (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason: str | None = None  # None = writable
        self._targets: list[Target] = []
        self._wanted: dict[int, bool] = {}  # id(target) -> enabled state its owner wants
        self._tooltips: dict[int, str] = {}  # id(target) -> tooltip its owner set
        self._busy = False  # the gate itself is changing a target

    @property
    def writable(self) -> bool:
        return self.reason is None

    @property
    def targets(self) -> list[Target]:
        return list(self._targets)

    def register(self, *targets: Target | None) -> None:
        """Put ``targets`` under the gate (None entries are skipped); closed now if the gate
        is closed."""
        for target in targets:
            if target is None or any(t is target for t in self._targets):
                continue
            self._targets.append(target)
            key = id(target)
            target.destroyed.connect(lambda _=None, k=key: self._forget(k))
            if isinstance(target, QAction):
                target.changed.connect(lambda t=target: self._action_changed(t))
            else:
                target.installEventFilter(self)
            if self.reason is not None:
                self._close(target, self.reason)

    def set_writable(self, writable: bool, reason: str = "") -> None:
        """Open the gate, or close it giving ``reason`` (shown as every control's tooltip)."""
        new = None if writable else reason
        if new == self.reason:
            return
        self.reason = new
        for target in self._targets:
            if new is None:
                self._open(target)
            else:
                self._close(target, new)

    # ---- one target ---------------------------------------------------------------------
    def _close(self, target: Target, reason: str) -> None:
        key = id(target)
        if key not in self._wanted:
            self._wanted[key] = _owner_enabled(target)
            self._tooltips[key] = target.toolTip()
        self._apply(target, False, reason)

    def _open(self, target: Target) -> None:
        key = id(target)
        enabled = self._wanted.pop(key, True)
        tooltip = self._tooltips.pop(key, "")
        self._apply(target, enabled, tooltip)

    def _apply(self, target: Target, enabled: bool, tooltip: str) -> None:
        self._busy = True
        try:
            target.setEnabled(enabled)
            target.setToolTip(tooltip)
        finally:
            self._busy = False

    def _owner_changed(self, target: Target, enabled: bool) -> None:
        """The owner changed ``target`` while the gate is closed: remember, then close it
        again."""
        key = id(target)
        if enabled:
            self._wanted[key] = True
        tooltip = target.toolTip()
        if tooltip != self.reason:
            self._tooltips[key] = tooltip
        if enabled or tooltip != self.reason:
            self._apply(target, False, self.reason or "")

    def _action_changed(self, action: QAction) -> None:
        if self._busy or self.reason is None:
            return
        self._owner_changed(action, action.isEnabled())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self._busy and self.reason is not None and isinstance(watched, QWidget) \
                and event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ToolTipChange):
            self._owner_changed(watched, watched.isEnabled())
        return super().eventFilter(watched, event)

    def _forget(self, key: int) -> None:
        self._targets = [t for t in self._targets if id(t) != key]
        self._wanted.pop(key, None)
        self._tooltips.pop(key, None)


def _owner_enabled(target: Target) -> bool:
    """Whether the owner has the control enabled (a widget disabled only through a disabled
    parent counts as enabled)."""
    if isinstance(target, QAction):
        return target.isEnabled()
    return not target.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)

