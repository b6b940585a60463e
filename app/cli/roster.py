"""``onsitedesk roster import|export|template`` (SPEC R1, R2)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import strings
from app.cli.common import existing_file, open_services, print_json
from app.cli.parser import Commands
from app.domain.roster import FieldProblem, field_code
from app.errors import ValidationError


def parse_maps(items: list[str] | None) -> dict[str, str]:
    """``--map "HEADER=field"`` (field: code or Chinese name; empty: do not import it)."""
    choices: dict[str, str] = {}
    for item in items or ():
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip():
            raise ValidationError(strings.ROSTER_MAP_BAD.format(value=item), "map")
        try:
            choices[header.strip()] = field_code(target) if target.strip() else ""
        except FieldProblem as exc:
            raise ValidationError(exc.reason, "map") from None
    return choices


def cmd_roster_import(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    choices = parse_maps(args.map)
    with open_services(args) as services:
        result, _ = services.roster_io.import_file(path, choices=choices)
    if args.json:
        print_json(result.as_json())
        return 0
    print(strings.CLI_ROSTER_IMPORTED.format(read=result.read, imported=result.imported,
                                             rejected=result.rejected))
    for note in result.notes:
        print(strings.CLI_ROSTER_SHEET_NOTE.format(note=note))
    print(strings.CLI_ROSTER_COLUMNS.format(columns=strings.LIST_SEP.join(
        f"{h}→{strings.ROSTER_IMPORT_FIELD_LABELS[f]}" for h, f in result.columns.items())))
    if result.ignored_columns:
        print(strings.CLI_ROSTER_IGNORED.format(
            columns=strings.LIST_SEP.join(result.ignored_columns)))
    for p in result.problems:
        if p.cell:
            print(strings.CLI_ROSTER_PROBLEM_CELL.format(row=p.row, column=p.column,
                                                         cell=p.cell, reason=p.reason))
        else:
            print(strings.CLI_ROSTER_PROBLEM.format(row=p.row, column=p.column,
                                                    reason=p.reason))
    return 0


def cmd_roster_export(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        if args.file.lower().endswith(".pdf"):
            services.documents.roster_pdf(Path(args.file))
            n = services.roster.count()
        else:
            n = services.documents.roster_xlsx(Path(args.file),
                                               full_numbers=args.full_numbers)
    print(strings.CLI_ROSTER_EXPORTED.format(n=n, path=args.file))
    return 0


def cmd_roster_template(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.documents.roster_template(Path(args.file))
    print(strings.CLI_ROSTER_TEMPLATE_DONE.format(path=args.file))
    return 0


def register(cmds: Commands) -> None:
    roster = cmds.group("roster", strings.H_CMD_ROSTER)
    sp = cmds.leaf(roster, "import", strings.H_CMD_ROSTER_IMPORT, cmd_roster_import,
                   json_flag=True)
    sp.add_argument("file", help=strings.H_FILE)
    sp.add_argument("--map", action="append", metavar=strings.ROSTER_MAP_METAVAR,
                    help=strings.H_ROSTER_MAP)
    ep = cmds.leaf(roster, "export", strings.H_CMD_ROSTER_EXPORT, cmd_roster_export)
    ep.add_argument("file", help=strings.H_FILE)
    ep.add_argument("--full-numbers", action="store_true", help=strings.H_ROSTER_FULL_NUMBERS)
    cmds.leaf(roster, "template", strings.H_CMD_ROSTER_TEMPLATE,
              cmd_roster_template).add_argument("file", help=strings.H_FILE)
