"""Opening and printing a document with the operating system's own verbs (issue 16).

On Windows ``os.startfile`` is exactly a double-click in Explorer (the "open" verb of the
file's type), and its "print" verb prints to the default printer with the viewer the user
chose for PDFs. Elsewhere the desktop's opener shows the file and printing is done from it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices


def _startfile(path: Path, verb: str | None) -> bool:
    start = getattr(os, "startfile", None)
    if start is None:
        return False
    try:
        if verb is None:
            start(str(path))
        else:
            start(str(path), verb)
    except OSError:  # no program for the file type / the verb
        return False
    return True


def open_document(path: Path) -> bool:
    """Show ``path`` in the system viewer; False if nothing could open it."""
    if sys.platform == "win32":
        return _startfile(path, None)
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def print_document(path: Path) -> bool:
    """Print ``path`` on the default printer (Windows' "print" verb); elsewhere open it in
    the viewer, which prints. False if neither worked."""
    if sys.platform == "win32":
        return _startfile(path, "print") or _startfile(path, None)
    return open_document(path)


DIRECT_PRINT_KEY = "print/direct"


def direct_print() -> bool:
    """The user's choice (Settings menu): documents go straight to the default printer
    (Windows' "print" verb) instead of opening in the viewer first."""
    return str(QSettings().value(DIRECT_PRINT_KEY, "false")).lower() == "true"


def set_direct_print(on: bool) -> None:
    QSettings().setValue(DIRECT_PRINT_KEY, "true" if on else "false")
