"""``onsitedesk change plan|add|list|pdf`` (SPEC C1-C5); wired into app.cli.build_parser by
register(). It must not import app.cli (app.cli imports this module), so it opens the services
itself, like app.cli_holidays.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import config, strings
from app.domain.handover import KINDS, Deadlines
from app.errors import AppError


def _open(args: argparse.Namespace) -> Any:
    from app.services import Services

    return Services.open(config.resolve_db_path(getattr(args, "db", None)))


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _day(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AppError(strings.CH_CLI_BAD_DATE.format(what=what, value=text)) from None


def _person_id(services: Any, employee_no: str | None) -> int | None:
    if not employee_no:
        return None
    for p in services.roster.list_people():
        if p.employee_no == employee_no:
            return int(p.id)
    raise AppError(strings.LEAVE_EMPLOYEE_NOT_FOUND.format(no=employee_no))


def _print_deadlines(d: Deadlines) -> None:
    mark = strings.CH_DOC_ESTIMATE if d.provisional else ""
    print(strings.CH_CLI_PLAN.format(change=d.change_date, notice=d.notice_due,
                                     application=d.application_due,
                                     start=d.handover_start_latest, mark=mark))
    if d.replacement_due is not None:
        print(strings.CH_CLI_PLAN_REPLACEMENT.format(due=d.replacement_due))


def cmd_change_plan(args: argparse.Namespace) -> int:
    change = _day(args.change_date, "--change-date")
    assert change is not None
    demand = _day(args.demand_date, "--demand-date")
    services = _open(args)
    try:
        deadlines = services.handover.plan(change, demand)
    finally:
        services.close()
    if args.json:
        _print_json(deadlines.as_json())
    else:
        _print_deadlines(deadlines)
    return 0


def cmd_change_add(args: argparse.Namespace) -> int:
    from app.services.handover import ChangeFields

    change = _day(args.change_date, "--change-date")
    assert change is not None
    demand = _day(args.demand_date, "--demand-date")
    services = _open(args)
    try:
        fields = ChangeFields(kind=args.kind, change_date=change, demand_date=demand,
                              leaving_id=_person_id(services, args.leaving),
                              joining_id=_person_id(services, args.joining),
                              reason=args.reason or "", new_role=args.new_role or "")
        dto, _ = services.handover.create(fields)
    finally:
        services.close()
    if args.json:
        _print_json(dto.as_json())
        return 0
    print(strings.CH_CLI_ADDED.format(id=dto.id, kind=dto.kind_label, who=dto.who,
                                      date=dto.change_date))
    _print_deadlines(dto.deadlines)
    for code in dto.problems:
        print(strings.CLI_LEAVE_VIOLATION.format(text=strings.CH_PROBLEM_LABELS.get(code, code)))
    return 0


def cmd_change_list(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        rows = services.handover.list_changes()
    finally:
        services.close()
    if args.json:
        _print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        print(strings.CH_CLI_ROW.format(id=r.id, kind=r.kind_label, who=r.who,
                                        date=r.change_date, state=r.state_label,
                                        open=len(r.open_items)))
    return 0


def cmd_change_pdf(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        services.documents.change_pdf(args.id, args.kind, Path(args.out))
    finally:
        services.close()
    print(strings.CLI_PDF_DONE.format(path=args.out))
    return 0


def register(sub: Any, leaf: Callable[..., argparse.ArgumentParser],
             group: Callable[[str, str], Any]) -> None:
    """Add ``change plan``, ``change add``, ``change list`` and ``change pdf``.

    ``sub``, ``leaf`` and ``group`` are the subparsers object and the two helpers of
    ``app.cli.build_parser``; ``sub`` is unused and kept for symmetry.
    """
    del sub
    change = group("change", strings.CH_H_CMD)
    sp = leaf(change, "plan", strings.CH_H_PLAN, cmd_change_plan, json_flag=True)
    sp.add_argument("--change-date", required=True, metavar="YYYY-MM-DD",
                    help=strings.CH_H_CHANGE_DATE)
    sp.add_argument("--demand-date", metavar="YYYY-MM-DD", help=strings.CH_H_DEMAND_DATE)
    sp = leaf(change, "add", strings.CH_H_ADD, cmd_change_add, json_flag=True)
    sp.add_argument("--kind", required=True, choices=KINDS, help=strings.CH_H_KIND)
    sp.add_argument("--leaving", metavar="EMP", help=strings.CH_H_LEAVING)
    sp.add_argument("--joining", metavar="EMP", help=strings.CH_H_JOINING)
    sp.add_argument("--change-date", required=True, metavar="YYYY-MM-DD",
                    help=strings.CH_H_CHANGE_DATE)
    sp.add_argument("--demand-date", metavar="YYYY-MM-DD", help=strings.CH_H_DEMAND_DATE)
    sp.add_argument("--reason", help=strings.H_REASON)
    sp.add_argument("--new-role", help=strings.CH_H_NEW_ROLE)
    leaf(change, "list", strings.CH_H_LIST, cmd_change_list, json_flag=True)
    sp = leaf(change, "pdf", strings.CH_H_PDF, cmd_change_pdf)
    sp.add_argument("id", type=int, help=strings.CH_H_ID)
    sp.add_argument("kind", choices=("notice", "application", "handover"),
                    help=strings.CH_H_PDF_KIND)
    sp.add_argument("out", help=strings.H_OUT)
