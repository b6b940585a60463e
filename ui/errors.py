"""Logging and the crash dialog: unexpected errors name the log file (DESIGN §5)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app import config, strings
from app.errors import AppError, ServerLost

_log_file: Path | None = None


def setup_logging() -> Path:
    import logging
    from logging.handlers import RotatingFileHandler  # ~20 ms: after the window shows

    from app.logsafe import RedactingFormatter

    global _log_file
    folder = config.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "onsitedesk.log"
        handler: logging.Handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                       encoding="utf-8")
    except OSError:
        path = Path("onsitedesk.log").resolve()
        handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _log_file = path
    return path


def log_file() -> Path:
    return _log_file or config.log_dir() / "onsitedesk.log"


def show_exception(exc: BaseException, parent: object = None) -> None:
    """Expected errors as plain Chinese; anything else logged and shown with the log path."""
    import logging

    from app.logsafe import format_exception
    from ui import messages

    if isinstance(exc, ServerLost) and _banner_took(exc):
        return  # the window's banner says it already (one message box per loss)
    if isinstance(exc, AppError):
        messages.error(parent, exc.message)  # type: ignore[arg-type]
        return
    logging.getLogger("onsitedesk").error("unexpected error",
                                          exc_info=(type(exc), exc, exc.__traceback__))
    if QCoreApplication.instance() is None:
        sys.stderr.write(format_exception(exc))
        return
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(strings.CRASH_TITLE)
    box.setText(strings.UNEXPECTED_ERROR.format(log=log_file()))
    box.setDetailedText(format_exception(exc))  # no SQL parameters, ID or phone numbers
    box.exec()


def _banner_took(exc: ServerLost) -> bool:
    """Issue 19: hand a lost server to the open main window (its banner); whether the
    banner was showing already."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    for window in app.topLevelWidgets():
        lost = getattr(window, "server_lost", None)
        if lost is not None and window.isVisible():
            return bool(lost(exc))
    return False


class ServerBanner(QWidget):
    """Issue 19: the database server stopped answering: what that means for what the tabs
    show, and a button to connect again (SERVER_RECONNECT). Hidden while the server answers."""

    def __init__(self, reconnect: Callable[[], None]) -> None:
        from ui.common import palette

        super().__init__()
        self.lost = False
        self.setObjectName("serverBanner")
        self.setStyleSheet(f"#serverBanner {{ {palette.BANNER_STYLE} }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(palette.css(palette.WARNING))
        self.button = QPushButton(strings.SERVER_RECONNECT)
        self.button.clicked.connect(reconnect)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def show_lost(self, why: str) -> None:
        self.lost = True
        self.label.setText(strings.SERVER_LOST_BANNER.format(err=why))
        self.setVisible(True)

    def back(self) -> None:
        self.lost = False
        self.setVisible(False)


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    show_exception(exc.with_traceback(tb))


def install_excepthook() -> None:
    sys.excepthook = _excepthook
