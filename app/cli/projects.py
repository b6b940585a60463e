"""``projects``: the projects of the database (issue 19) -- what ``--project CODE`` picks from."""

from __future__ import annotations

import argparse
import unicodedata

from app import strings
from app.cli.common import open_services, print_json
from app.cli.parser import Commands


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines of left-aligned columns, two spaces apart."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in rows]


def cmd_projects(args: argparse.Namespace) -> int:
    from app.services.project import project_summaries

    with open_services(args) as services:
        found = project_summaries(services.db, services.clock.today())
    if args.json:
        print_json([{"code": p.code, "name": p.name, "people": p.people,
                     "data_through": p.data_through.isoformat() if p.data_through else None,
                     "origin": p.origin} for p in found])
        return 0
    if not found:
        print(strings.PRJ_EMPTY)
        return 0
    rows: list[tuple[str, ...]] = [strings.PRJ_TABLE_HEAD, *(
        (p.code, p.name or strings.PRJ_NO_NAME, str(p.people),
         p.data_through.isoformat() if p.data_through else strings.PRJ_NO_DATA,
         strings.PRJ_ORIGIN.get(p.origin, p.origin)) for p in found)]
    for line in table(rows):
        print(line)
    print(strings.PRJ_COUNT.format(n=len(found)))
    return 0


def register(cmds: Commands) -> None:
    sp = cmds.command("projects", strings.H_PROJECTS, cmd_projects, json_flag=True)
    sp.set_defaults(any_project=True)  # lists them all: no project need be chosen
