"""``onsitedesk overview`` and ``onsitedesk stats``: the head office's look across every
project of the database (issue 19)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import strings
from app.cli.common import open_services, print_json
from app.cli.parser import Commands
from app.dto.headoffice import OverviewRow, percent_text


def _line(row: OverviewRow) -> str:
    f = row.figures
    return strings.HO_CLI_HEADER.format(
        code=row.code, name=row.name, through=f.data_through or strings.HO_CLI_NONE,
        on_site=f.on_site, problems=f.problems,
        explanations=f.explanations, overdue=f.overdue_handovers,
        response=percent_text(f.response_percent), resolution=percent_text(f.resolution_percent))


def cmd_overview(args: argparse.Namespace) -> int:
    from app.services.headoffice import parse_months

    with open_services(args) as services:
        if args.month:
            ((year, month),) = parse_months(args.month, args.month)
        else:
            today = services.clock.today()
            year, month = today.year, today.month
        rows = services.headoffice.overview(year, month)
    if args.json:
        print_json({"month": f"{year:04d}-{month:02d}",
                    "projects": [r.as_json() for r in rows]})
        return 0
    if not rows:
        print(strings.HO_NO_PROJECTS)
    for row in rows:
        print(_line(row))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from app.services.headoffice import parse_months

    months = parse_months(args.from_, args.to)
    with open_services(args) as services:
        stats = services.headoffice.statistics(months)
        out = services.documents.headoffice_xlsx(stats, Path(args.xlsx))
    print(strings.HO_EXPORTED.format(path=out))
    return 0


def register(cmds: Commands) -> None:
    sp = cmds.command("overview", strings.H_OVERVIEW, cmd_overview, json_flag=True)
    sp.set_defaults(any_project=True)  # every project: none need be chosen
    sp.add_argument("--month", metavar="YYYY-MM", help=strings.H_OVERVIEW_MONTH)
    sp = cmds.command("stats", strings.H_STATS, cmd_stats)
    sp.set_defaults(any_project=True)
    sp.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM",
                    help=strings.H_STATS_FROM)
    sp.add_argument("--to", required=True, metavar="YYYY-MM", help=strings.H_STATS_TO)
    sp.add_argument("--xlsx", required=True, metavar="OUT", help=strings.H_STATS_XLSX)
