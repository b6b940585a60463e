"""Frozen entry point of both executables: the same ``ui.entry.main`` as the ``onsitedesk``
console script (the window, or a command of the command line)."""

import os
import sys

# A windowed Windows executable has no console: give print() somewhere harmless to go.
if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

from ui.entry import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
