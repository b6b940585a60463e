"""The ``onsitedesk`` program: the window, or a command of the command line.

No command (``onsitedesk``, ``--db``, ``--demo``) opens the window, ``--smoke`` runs the
self-test; anything else goes to app.cli. A plain start skips building every command's
parser and importing the command modules: start-up time is a feature (issue 3). Nothing here
imports PySide6 before the window is really wanted, so commands run without Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from app import cli, config, strings
from app.cli.parser import global_options
from app.console import utf8_when_redirected
from app.errors import AppError


def _excepthook(exc_type: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    from app.logsafe import excepthook  # logging and its patterns: only when needed

    excepthook(exc_type, exc, tb)


def _gui_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options of a plain GUI start (no command, no --help/--version), else None."""
    words = list(sys.argv[1:] if argv is None else argv)
    if any(w in ("-h", "--help", "--version") for w in words):
        return None
    light = argparse.ArgumentParser(add_help=False)
    global_options(light, helps=False)
    try:
        args, rest = light.parse_known_args(words)
    except SystemExit:
        return None
    if rest:
        return None
    args.command = None
    return args


def _demo_database() -> Path:
    """A fresh demo database in a temporary folder."""
    import tempfile

    from app.services import Services
    from app.services.demo import fill_demo

    db_path = Path(tempfile.mkdtemp(prefix="onsitedesk-demo-")) / config.DB_FILE_NAME
    services = Services.open(db_path)
    try:
        fill_demo(services)
    finally:
        services.close()
    print(strings.CLI_DEMO_GUI_DB.format(path=db_path))
    return db_path


def _run_gui(args: argparse.Namespace) -> int:
    url = None
    db_path = config.resolve_db_path(args.db)
    if not args.demo and "://" in (args.db or os.environ.get(config.ENV_DB) or ""):
        from app.cli.common import database_of  # only then: SQLAlchemy

        db_path, url = database_of(args.db)  # issue 19: a PostgreSQL server
    if args.demo:
        db_path = _demo_database()
    try:
        from ui.main import run_gui
    except ImportError as exc:
        raise AppError(strings.CLI_NO_GUI.format(err=exc)) from exc
    return run_gui(db_path, demo=bool(args.demo), project=args.project, server=url)


def _run_smoke() -> int:
    from ui.smoke import run_smoke

    return run_smoke()


def main(argv: Sequence[str] | None = None) -> int:
    utf8_when_redirected()  # piped output of a Windows exe: UTF-8, any code page (issue 16)
    sys.excepthook = _excepthook  # an unexpected traceback without personal data (issue 17)
    args = _gui_arguments(argv)
    if args is None:
        args = cli.parse_args(argv)
    if args.smoke:
        return cli.guarded(_run_smoke)
    if args.command is None:
        return cli.guarded(lambda: _run_gui(args))
    return cli.run(args)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
