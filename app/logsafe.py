"""Personal data out of logs, crash dialogs and tracebacks (issue 17, deliverable 5).

The engine is made with ``hide_parameters=True`` (app.storage.db), so SQLAlchemy errors
carry no bound values; this module is the second line for anything else that reaches a log
line or a traceback: SQL parameter dumps, ID numbers and mobile numbers are masked.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from types import TracebackType

_PARAMS = re.compile(r"\[parameters: .*?(?=\n\(Background|\n\[|\Z)", re.S)
_ID = re.compile(r"(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")


def redact(text: str) -> str:
    """``text`` without SQL parameter dumps, full ID numbers or mobile numbers."""
    text = _PARAMS.sub("[parameters: hidden]", text)
    text = _ID.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


def format_exception(exc: BaseException) -> str:
    return redact("".join(traceback.format_exception(exc)))


class RedactingFormatter(logging.Formatter):
    """A log formatter whose every line (message and traceback) goes through :func:`redact`."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def excepthook(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """For ``python -m app.cli``: an unexpected error's traceback, redacted."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    sys.stderr.write(format_exception(exc.with_traceback(tb)))
