"""``onsitedesk roster import|export`` (SPEC R1, R2)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import strings
from app.cli.common import existing_file, open_services, print_json
from app.cli.parser import Commands


def cmd_roster_import(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    with open_services(args) as services:
        result, _ = services.roster_io.import_file(path)
    if args.json:
        print_json(result.as_json())
    else:
        print(strings.CLI_ROSTER_IMPORTED.format(read=result.read, imported=result.imported,
                                                 rejected=result.rejected))
        for p in result.problems:
            print(strings.CLI_ROSTER_PROBLEM.format(row=p.row, column=p.column,
                                                    reason=p.reason))
    return 0


def cmd_roster_export(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        if args.file.lower().endswith(".pdf"):
            services.documents.roster_pdf(Path(args.file))
            n = services.roster.count()
        else:
            n = services.documents.roster_xlsx(Path(args.file))
    print(strings.CLI_ROSTER_EXPORTED.format(n=n, path=args.file))
    return 0


def register(cmds: Commands) -> None:
    roster = cmds.group("roster", strings.H_CMD_ROSTER)
    cmds.leaf(roster, "import", strings.H_CMD_ROSTER_IMPORT, cmd_roster_import,
              json_flag=True).add_argument("file", help=strings.H_FILE)
    cmds.leaf(roster, "export", strings.H_CMD_ROSTER_EXPORT, cmd_roster_export).add_argument(
        "file", help=strings.H_FILE)
