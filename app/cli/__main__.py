"""``python -m app.cli COMMAND …`` (what Task Scheduler calls, SPEC D5)."""

import sys

from app.cli import main
from app.console import utf8_when_redirected
from app.logsafe import excepthook

if __name__ == "__main__":
    utf8_when_redirected()  # piped output: UTF-8 whatever the code page (issue 16)
    sys.excepthook = excepthook  # an unexpected traceback without personal data
    raise SystemExit(main())
