"""Standard streams of the two executables, whatever Windows gives them (issue 16).

* Output piped or redirected (Task Scheduler, a CI runner, ``> out.txt``) is written in UTF-8
  with unencodable characters replaced: Python would otherwise encode it in the ANSI code page,
  and on an en-US PC (code page 1252) the first Chinese character ends the program with
  ``UnicodeEncodeError``. A real console is left alone (Python writes it as Unicode already).
* The windowed ``OnsiteDesk.exe`` has no console at all (``sys.stdout`` is None): what a
  command would print on stderr (an expected error, a usage error, a crash before the window
  exists) is collected, appended to the log file and shown in a message box instead of
  vanishing.

Nothing here imports Qt: the message box is the Windows API's own, so it works even when Qt
itself cannot load.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

NO_DIALOG_ENV = "ONSITEDESK_NO_DIALOG"  # unattended tests: log only, no message box


def utf8_when_redirected(*streams: TextIO | None) -> list[TextIO]:
    """Reconfigure each stream that is not a terminal to UTF-8 with ``errors="replace"``
    (default: stdout and stderr). Returns the streams that were changed."""
    changed: list[TextIO] = []
    for stream in streams or (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if stream is None or reconfigure is None:
            continue
        try:
            if stream.isatty():
                continue
            encoding = codecs.lookup(stream.encoding or "ascii").name
        except (ValueError, OSError, LookupError):  # closed, or an unknown encoding name
            encoding = ""
        if encoding == "utf-8":
            continue
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):
            continue
        changed.append(stream)
    return changed


def prepare_windowed() -> io.StringIO | None:
    """For a program without a console (``sys.stdout``/``sys.stderr`` None): stdout goes
    nowhere, stderr into a buffer that :func:`run_windowed` reports. None when there is a
    console (nothing to do)."""
    if sys.stdout is not None and sys.stderr is not None:
        return None
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process
    buffer = io.StringIO()
    if sys.stderr is None:
        sys.stderr = buffer
    return buffer


def message_box(title: str, text: str) -> None:
    """The Windows API's own error box (blocks until closed); nothing elsewhere."""
    if sys.platform != "win32" or os.environ.get(NO_DIALOG_ENV):
        return
    import ctypes

    mb_iconerror, mb_setforeground = 0x10, 0x10000
    ctypes.windll.user32.MessageBoxW(None, text, title, mb_iconerror | mb_setforeground)


def append_log(text: str, log_file: Path | None = None) -> Path | None:
    """Append ``text`` to the program's log file; the file, or None if it cannot be written."""
    from app import config

    path = log_file or config.log_dir() / "onsitedesk.log"
    from app.clock import SystemClock  # datetime: not before the window shows

    stamp = SystemClock().now().isoformat(sep=" ")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"{stamp} ERROR onsitedesk.windowed: {text.rstrip()}\n")
    except OSError:
        return None
    return path


def run_windowed(main: Callable[[], int], buffer: io.StringIO,
                 notify: Callable[[str, str], None] = message_box,
                 log_file: Path | None = None) -> int:
    """Run ``main`` in a program without a console; whatever it wrote on stderr before
    failing, or the traceback of an exception it let through, is logged and shown."""
    from app import strings

    try:
        code = main()
    except SystemExit as exc:  # argparse usage errors, --help, --version
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    except BaseException as exc:  # the last place anything can be reported
        import traceback  # only on the way out of a failed start

        details = "".join(traceback.format_exception(exc))
        path = append_log(details, log_file)
        notify(strings.CRASH_TITLE,
               strings.UNEXPECTED_ERROR.format(log=path or details))
        return 1
    said = buffer.getvalue().strip()
    if code != 0 and said:
        append_log(said, log_file)
        notify(strings.ERROR_TITLE, said)
    return int(code or 0)
