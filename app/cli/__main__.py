"""``python -m app.cli COMMAND …`` (what Task Scheduler calls, SPEC D5)."""

import sys

from app.cli import main
from app.logsafe import excepthook

if __name__ == "__main__":
    sys.excepthook = excepthook  # an unexpected traceback without personal data
    raise SystemExit(main())
