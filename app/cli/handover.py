"""``onsitedesk change plan|add|list|pdf`` (SPEC C1-C5)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app import strings
from app.cli.common import open_services, parse_date, person_id, print_json
from app.cli.parser import Commands, record_id
from app.domain.handover import KINDS, Deadlines


def _day(text: str, what: str) -> dt.date:
    return parse_date(text, strings.CH_CLI_BAD_DATE, what=what)


def _dates(args: argparse.Namespace) -> tuple[dt.date, dt.date | None]:
    """``--change-date`` and the optional ``--demand-date``."""
    change = _day(args.change_date, "--change-date")
    if args.demand_date is None:
        return change, None
    return change, _day(args.demand_date, "--demand-date")


def _print_deadlines(d: Deadlines) -> None:
    mark = strings.CH_DOC_ESTIMATE if d.provisional else ""
    print(strings.CH_CLI_PLAN.format(change=d.change_date, notice=d.notice_due,
                                     application=d.application_due,
                                     start=d.handover_start_latest, mark=mark))
    if d.replacement_due is not None:
        print(strings.CH_CLI_PLAN_REPLACEMENT.format(due=d.replacement_due))


def cmd_change_plan(args: argparse.Namespace) -> int:
    change, demand = _dates(args)
    with open_services(args) as services:
        deadlines = services.handover.plan(change, demand)
    if args.json:
        print_json(deadlines.as_json())
    else:
        _print_deadlines(deadlines)
    return 0


def cmd_change_add(args: argparse.Namespace) -> int:
    from app.services.handover import ChangeFields

    change, demand = _dates(args)
    with open_services(args) as services:
        fields = ChangeFields(
            kind=args.kind, change_date=change, demand_date=demand,
            leaving_id=person_id(services, args.leaving) if args.leaving else None,
            joining_id=person_id(services, args.joining) if args.joining else None,
            reason=args.reason or "", new_role=args.new_role or "")
        dto, _ = services.handover.create(fields)
    if args.json:
        print_json(dto.as_json())
        return 0
    print(strings.CH_CLI_ADDED.format(id=dto.id, kind=dto.kind_label, who=dto.who,
                                      date=dto.change_date))
    _print_deadlines(dto.deadlines)
    for code in dto.problems:
        print(strings.CLI_LEAVE_VIOLATION.format(text=strings.CH_PROBLEM_LABELS.get(code, code)))
    return 0


def cmd_change_list(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        rows = services.handover.list_changes()
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        print(strings.CH_CLI_ROW.format(id=r.id, kind=r.kind_label, who=r.who,
                                        date=r.change_date, state=r.state_label,
                                        open=len(r.open_items)))
    return 0


def cmd_change_pdf(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.documents.change_pdf(args.id, args.kind, Path(args.out))
    print(strings.CLI_PDF_DONE.format(path=args.out))
    return 0


def _change_dates(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--change-date", required=True, metavar="YYYY-MM-DD",
                    help=strings.CH_H_CHANGE_DATE)
    sp.add_argument("--demand-date", metavar="YYYY-MM-DD", help=strings.CH_H_DEMAND_DATE)


def register(cmds: Commands) -> None:
    change = cmds.group("change", strings.CH_H_CMD)
    _change_dates(cmds.leaf(change, "plan", strings.CH_H_PLAN, cmd_change_plan, json_flag=True))
    sp = cmds.leaf(change, "add", strings.CH_H_ADD, cmd_change_add, json_flag=True)
    sp.add_argument("--kind", required=True, choices=KINDS, help=strings.CH_H_KIND)
    sp.add_argument("--leaving", metavar="EMP", help=strings.CH_H_LEAVING)
    sp.add_argument("--joining", metavar="EMP", help=strings.CH_H_JOINING)
    _change_dates(sp)
    sp.add_argument("--reason", help=strings.H_REASON)
    sp.add_argument("--new-role", help=strings.CH_H_NEW_ROLE)
    cmds.leaf(change, "list", strings.CH_H_LIST, cmd_change_list, json_flag=True)
    sp = cmds.leaf(change, "pdf", strings.CH_H_PDF, cmd_change_pdf)
    sp.add_argument("id", type=record_id, help=strings.CH_H_ID)
    sp.add_argument("kind", choices=("notice", "application", "handover"),
                    help=strings.CH_H_PDF_KIND)
    sp.add_argument("out", help=strings.H_OUT)
