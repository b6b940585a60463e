"""``onsitedesk coverage show|declare|revoke``: how far the clock data reaches (issue 14)."""

from __future__ import annotations

import argparse

from app import strings
from app.cli.common import open_services, parse_date, print_json
from app.cli.parser import Commands, record_id
from app.services.attendance import coverage_text


def cmd_coverage_show(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        cov = services.attendance.coverage()
    if args.json:
        print_json(cov.as_json())
        return 0
    print(strings.CLI_COVERAGE_HEAD.format(through=coverage_text(cov.through, cov.since)))
    for d in cov.devices:
        print(strings.CLI_COVERAGE_DEVICE.format(
            device=d.device or strings.CLI_COVERAGE_UNNAMED,
            at=d.covered_until.strftime("%Y-%m-%d %H:%M"),
            mark="" if d.counted else strings.CLI_COVERAGE_NOT_COUNTED))
    for c in cov.declared:
        revoked = (strings.CLI_COVERAGE_REVOKED.format(reason=c.revoke_reason or "")
                   if c.revoked_at else "")
        print(strings.CLI_COVERAGE_DECLARED.format(
            id=c.id, first=c.first.isoformat(), last=c.last.isoformat(), reason=c.reason,
            by=c.created_by, at=c.created_at.strftime("%Y-%m-%d %H:%M"), revoked=revoked))
    return 0


def cmd_coverage_declare(args: argparse.Namespace) -> int:
    first = parse_date(args.from_, strings.COVERAGE_BAD_DATE)
    last = parse_date(args.to, strings.COVERAGE_BAD_DATE)
    with open_services(args) as services:
        row_id, _ = services.attendance.declare_covered(first, last, args.reason)
    print(strings.CLI_COVERAGE_DECLARED_DONE.format(id=row_id, first=first.isoformat(),
                                                    last=last.isoformat()))
    return 0


def cmd_coverage_revoke(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.attendance.revoke_declared(args.id, args.reason)
    print(strings.CLI_COVERAGE_REVOKED_DONE.format(id=args.id))
    return 0


def register(cmds: Commands) -> None:
    group = cmds.group("coverage", strings.H_CMD_COVERAGE)
    cmds.leaf(group, "show", strings.H_COVERAGE_SHOW, cmd_coverage_show, json_flag=True)
    sp = cmds.leaf(group, "declare", strings.H_COVERAGE_DECLARE, cmd_coverage_declare)
    sp.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD",
                    help=strings.H_COVERAGE_FROM)
    sp.add_argument("--to", required=True, metavar="YYYY-MM-DD", help=strings.H_COVERAGE_TO)
    sp.add_argument("--reason", required=True, help=strings.H_COVERAGE_REASON)
    sp = cmds.leaf(group, "revoke", strings.H_COVERAGE_REVOKE, cmd_coverage_revoke)
    sp.add_argument("id", type=record_id, help=strings.H_COVERAGE_ID)
    sp.add_argument("--reason", required=True, help=strings.H_COVERAGE_REASON)
