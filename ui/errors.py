"""Logging and the crash dialog: unexpected errors name the log file (DESIGN §5)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app import config, strings
from app.errors import AppError

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


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    show_exception(exc.with_traceback(tb))


def install_excepthook() -> None:
    sys.excepthook = _excepthook
