"""Command line (SPEC D5): ``onsitedesk COMMAND …``. Never imports PySide6 nor ui/.

Expected errors: one Chinese line on stderr, exit 1. Usage errors: exit 2. Opening the window
(no command, ``--demo``, ``--smoke``) is the GUI entry's business (ui/entry.py), which hands
every command to :func:`run`.

This module stays light: the command modules (and ``common``) are imported only when the full
parser is built or a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from app import __version__, strings
from app.cli.parser import Commands, Handler, Parser, global_options
from app.clock import Clock
from app.errors import AppError

__all__ = ["build_parser", "guarded", "main", "parse_args", "run"]


def build_parser() -> Parser:
    """The full parser: every command of every area."""
    from app.cli import (
        admin,
        coverage,
        handover,
        headoffice,
        holidays,
        imports,
        leave,
        month,
        project_pkg,
        projects,
        roster,
        scores,
        service,
        users,
    )

    p = Parser(prog="onsitedesk", description=strings.CLI_DESCRIPTION)
    global_options(p)
    p.add_argument("--version", action="version", version=f"onsitedesk {__version__}",
                   help=strings.H_VERSION)
    cmds = Commands(p.add_subparsers(dest="command", parser_class=Parser,
                                     help=strings.H_COMMANDS))
    admin.register_demo(cmds)
    roster.register(cmds)
    admin.register(cmds)
    month.register(cmds)
    coverage.register(cmds)
    admin.register_audit(cmds)
    holidays.register(cmds)
    handover.register(cmds)
    scores.register(cmds)
    service.register(cmds)
    leave.register(cmds)
    imports.register(cmds)
    users.register(cmds)
    projects.register(cmds)  # issue 19
    project_pkg.register(cmds)  # issue 19: the site package
    headoffice.register(cmds)  # issue 19: overview, stats
    return p


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the whole command line; a usage error or ``--help`` exits (SystemExit)."""
    args: argparse.Namespace = build_parser().parse_args(argv)
    return args


def guarded(work: Callable[[], int]) -> int:
    """Run ``work``; an expected error becomes one line on stderr and exit 1."""
    try:
        return work()
    except AppError as exc:
        from app.cli.common import eprint  # only on an error: a window start never loads it

        eprint(str(exc).replace("\n", " "))
        return 1
    except KeyboardInterrupt:
        from app.cli.common import eprint

        eprint(strings.CANCELLED)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


def run(args: argparse.Namespace) -> int:
    """Run the command that ``args`` (from :func:`parse_args`) names."""
    func: Handler | None = getattr(args, "func", None)
    if func is None:
        parser: argparse.ArgumentParser = getattr(args, "group_parser", None) or build_parser()
        parser.error(strings.CLI_SUBCOMMAND_REQUIRED)
    handler: Handler = func
    return guarded(lambda: int(handler(args)))


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """``onsitedesk COMMAND …`` without the window: a command is required. ``clock`` is the
    one source of now for the command (default: the PC's clock)."""
    args = parse_args(argv)
    args.clock = clock
    return run(args)
