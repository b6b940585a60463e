"""The argument parser of the command line, in Chinese, and the helpers that add commands.

argparse takes every text of its own (``usage:``, group titles, ``-h``'s help, error messages)
from gettext; :class:`Parser` answers those look-ups from ``strings.CLI_ARGPARSE`` while it
builds, parses or formats, and leaves argparse as it was afterwards.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from app import strings

Handler = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    Group: TypeAlias = "argparse._SubParsersAction[Parser]"


def _gettext(message: str) -> str:
    return strings.CLI_ARGPARSE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def _chinese() -> Iterator[None]:
    """argparse's texts in Chinese for the duration (argparse reads its module-level ``_`` and
    ``ngettext`` at the moment it needs a text). Re-entrant; restores what it found."""
    saved = argparse.__dict__["_"], argparse.__dict__["ngettext"]
    setattr(argparse, "_", _gettext)  # noqa: B010
    setattr(argparse, "ngettext", _ngettext)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese; a usage error is one line on stderr, exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _chinese():
            super().__init__(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _chinese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _chinese():
            text = super().format_help()
        for group in self._action_groups:  # argparse puts an ASCII colon after each title
            if group.title:
                title = strings.labelled(group.title, "")
                text = text.replace(f"\n{group.title}:\n", f"\n{title}\n")
        return text

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(strings.CLI_USAGE_ERROR.format(err=message) + "\n")
        raise SystemExit(2)


def global_options(p: argparse.ArgumentParser) -> None:
    """The options before any command (also read by the GUI entry's light parser)."""
    p.add_argument("--db", help=strings.H_DB)
    p.add_argument("--demo", action="store_true", help=strings.H_DEMO_GUI)
    p.add_argument("--smoke", action="store_true", help=strings.H_SMOKE)
    p.add_argument("--user", metavar="NAME", help=strings.H_USER)  # issue 18
    p.add_argument("--project", metavar="CODE", help=strings.H_PROJECT)  # issue 19


class Commands:
    """Adds commands under the top-level parser: ``leaf`` for a command that runs a handler,
    ``group`` for a command that has actions of its own (``roster import``, …)."""

    def __init__(self, top: Group) -> None:
        self.top = top

    def leaf(self, parent: Group, name: str, help_: str, func: Handler,
             json_flag: bool = False) -> Parser:
        sp = parent.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        if json_flag:
            sp.add_argument("--json", action="store_true", help=strings.H_JSON)
        return sp

    def command(self, name: str, help_: str, func: Handler, json_flag: bool = False) -> Parser:
        """A top-level command with no actions (``month``, ``sync``, …)."""
        return self.leaf(self.top, name, help_, func, json_flag)

    def group(self, name: str, help_: str) -> Group:
        gp = self.top.add_parser(name, help=help_, description=help_)
        gp.set_defaults(func=None, group_parser=gp)
        return gp.add_subparsers(dest="action", parser_class=Parser, help=strings.H_ACTIONS)


# ---- arguments shared by several commands ---------------------------------------------------
def add_month(sp: argparse.ArgumentParser, help_: str | None = None) -> None:
    sp.add_argument("month", help=help_ or strings.H_MONTH)


def add_emp(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--emp", required=True, help=strings.H_EMP)


def add_from(sp: argparse.ArgumentParser, required: bool = True) -> None:
    """``--from YYYY-MM-DD``: the day an effective-dated setting starts."""
    sp.add_argument("--from", dest="from_", required=required, metavar="YYYY-MM-DD",
                    help=strings.H_FROM)


def add_outputs(sp: argparse.ArgumentParser, *kinds: str) -> None:
    """``--pdf OUT`` / ``--xlsx OUT``: optional files to write, in the order given."""
    helps = {"pdf": strings.H_PDF, "xlsx": strings.H_XLSX}
    for kind in kinds:
        sp.add_argument(f"--{kind}", metavar="OUT", help=helps[kind])


# ---- typed arguments (issue 17: ranges are checked where the value comes in) -----------------
def _integer(text: str) -> int:
    s = text.strip()
    body = s[1:] if s[:1] in "+-" else s
    if not (body.isascii() and body.isdigit()) or len(body) > 30:
        raise ValueError(text)  # argparse's own "invalid int value" message
    return int(s)


def record_id(text: str) -> int:
    """An argparse type: a record id, 1 .. 2**63 - 1 (a usage error otherwise, exit 2)."""
    from app.domain.inputs import record_id_problem

    value = _integer(text)
    problem = record_id_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


record_id.__name__ = "int"  # argparse names the type in its "invalid int value" message


def bounded_int(first: int, last: int) -> Callable[[str], int]:
    """An argparse type: an integer in ``first .. last``."""

    def parse(text: str) -> int:
        value = _integer(text)
        if not first <= value <= last:
            raise argparse.ArgumentTypeError(strings.INPUT_INTEGER_OUT_OF_RANGE.format(
                first=first, last=last, value=text))
        return value

    parse.__name__ = "int"
    return parse
