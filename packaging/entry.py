"""Frozen entry point of both executables: the same ``ui.entry.main`` as the ``onsitedesk``
console script (the window, or a command of the command line).

``OnsiteDesk.exe`` is windowed: it has no console, so ``sys.stdout``/``sys.stderr`` are None.
Its stdout goes nowhere and what it would say on stderr before failing (or a crash before the
window exists) is logged and shown in a message box (app/console.py). Piped or redirected
output of ``onsitedesk-cli.exe`` is UTF-8 whatever the code page (ui.entry.main).
"""

import sys

from app.console import prepare_windowed, run_windowed

WINDOWED = prepare_windowed()

from ui.entry import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(run_windowed(main, WINDOWED) if WINDOWED is not None else main())
