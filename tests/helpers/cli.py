"""The one way tests run the command line: in-process, output and exit code captured.

``run_cli`` returns what a shell would see (exit code, stdout, stderr); a usage error's
SystemExit becomes its exit code like any other. ``run_json`` adds ``--json`` and parses
stdout; ``run_error`` expects an expected error (exit 1, one Chinese line on stderr).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from app import cli
from tests.helpers.clock import fixed_clock

CJK = re.compile(r"[\u4e00-\u9fff]")


class CliRun(NamedTuple):
    code: int
    out: str
    err: str

    def json(self) -> Any:
        """stdout as the JSON document it must be."""
        return json.loads(self.out)


def _main_on_fixed_clock(argv: list[str]) -> int:
    return cli.main(argv, clock=fixed_clock())


def run_cli(*argv: str | Path,
            entry: Callable[[list[str]], int] = _main_on_fixed_clock) -> CliRun:
    """``onsitedesk ARGV…`` in this process: app.cli.main on the suite's fixed clock, or
    ``entry`` (ui.entry.main, the program with its window, on the PC's clock)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = entry([str(a) for a in argv])
        except SystemExit as exc:  # usage errors, --help, --version
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return CliRun(code, out.getvalue(), err.getvalue())


def run_json(*argv: str | Path) -> Any:
    """``ARGV… --json``: must succeed; the parsed document on stdout."""
    result = run_cli(*argv, "--json")
    assert result.code == 0, result.err
    return result.json()


def run_error(*argv: str | Path) -> str:
    """A command that must fail as an expected error: exit 1, nothing on stdout, one
    Chinese line on stderr (returned without its newline)."""
    result = run_cli(*argv)
    assert (result.code, result.out) == (1, ""), result
    assert result.err.count("\n") == 1 and CJK.search(result.err), result.err
    return result.err.strip()
