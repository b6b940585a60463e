"""The idle lock (issue 18): no keyboard or mouse input to the program for ``idle_minutes``
(a setting of this PC, QSettings ``accounts/idle_minutes``, 15 by default) and every window
of the program is covered, the signed-in person is signed out (``accounts.logout()``: the
principal and the unlocked data key leave memory) and a lock dialog asks for their password,
or another person's (switch user). Nothing is closed: a half-filled dialog is only covered, and
is there again after the unlock. A long task still running when the lock comes keeps its
sign-in until it ends (the sign-out waits for it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app import strings
from ui.common import palette

if TYPE_CHECKING:
    from app.services import Services
    from ui.accounts.dialogs import LoginDialog
    from ui.tasks import TaskRunner

IDLE_KEY = "accounts/idle_minutes"
DEFAULT_MINUTES, MIN_MINUTES, MAX_MINUTES = 15, 1, 120
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})


def idle_minutes() -> int:
    try:
        value = int(str(QSettings().value(IDLE_KEY, DEFAULT_MINUTES)))
    except ValueError:
        value = DEFAULT_MINUTES
    return min(max(value, MIN_MINUTES), MAX_MINUTES)


def set_idle_minutes(minutes: int) -> None:
    QSettings().setValue(IDLE_KEY, min(max(int(minutes), MIN_MINUTES), MAX_MINUTES))


class Cover(QWidget):
    """An opaque sheet over one window while the program is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # opaque
        self.setStyleSheet(f"#lockCover {{ background:{palette.HEADER_FILL}; }}")
        column = QVBoxLayout(self)
        label = QLabel(strings.AUI_COVER_TEXT)
        label.setStyleSheet(palette.css(palette.MUTED, bold=True) + "font-size:20pt;")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
                self.raise_()
        return False


class IdleLock(QObject):
    """Watches the program's input; locks after the idle time (or :meth:`lock_now`)."""

    def __init__(self, window: QWidget, services: Services, tasks: TaskRunner,
                 on_change: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.services, self.tasks = window, services, tasks
        self.on_change = on_change  # after locking and after unlocking
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._idle)
        self.interval_ms: int | None = None  # tests: a short interval instead of minutes
        self.dialog: LoginDialog | None = None
        self.covers: list[Cover] = []
        self._tasks_busy = False
        self._logout_pending = False
        tasks.busy_changed.connect(self._busy_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def arm(self) -> None:
        """(Re)start the countdown while someone is signed in; stop it otherwise."""
        if self.services.db.principal is None or self.locked:
            self.timer.stop()
            return
        self.timer.start(self.interval_ms if self.interval_ms is not None
                         else idle_minutes() * 60_000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def _idle(self) -> None:
        principal = self.services.db.principal
        if principal is None or not self.window.isVisible():  # signed out, or closed
            return
        minutes = (max(1, self.interval_ms // 60_000) if self.interval_ms is not None
                   else idle_minutes())
        self.lock_now(strings.AUI_LOCKED_BY.format(display=principal.display,
                                                   login=principal.login, minutes=minutes))

    def lock_now(self, text: str | None = None, switch: bool = False) -> None:
        """Cover every window, sign out, and ask for a password (``switch``: anyone's)."""
        from ui.accounts.dialogs import LoginDialog

        if self.locked:
            return
        self.timer.stop()
        principal = self.services.db.principal
        login = principal.login if principal is not None else ""
        if text is None and principal is not None:
            text = strings.AUI_LOCKED_MANUAL.format(display=principal.display, login=login)
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self.covers = [Cover(w) for w in QApplication.topLevelWidgets()
                       if w.isVisible() and w.isWindow() and not w.inherits("QMenu")]
        self._sign_out()
        dialog = LoginDialog(self.services, self.tasks, self.window, unlock_login=login,
                             intro=text or strings.AUI_LOGIN_INTRO)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        if switch:
            dialog.switch_user()
        dialog.accepted.connect(self._unlocked)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.on_change()

    def _sign_out(self) -> None:
        if self._tasks_busy:  # a long task still writing keeps its sign-in until it ends
            self._logout_pending = True
        else:
            self.services.accounts.logout()

    def _busy_changed(self, busy: bool) -> None:
        self._tasks_busy = busy
        if not busy and self._logout_pending:
            self._logout_pending = False
            if self.locked and self.dialog is not None and not self.dialog.busy:
                self.services.accounts.logout()

    def _unlocked(self) -> None:
        self._logout_pending = False
        for cover in self.covers:
            cover.deleteLater()
        self.covers = []
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self.on_change()
        self.arm()
