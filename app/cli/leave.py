"""``onsitedesk leave add|approve|reject|return|extend|pdf|list`` and
``overtime add|approve`` (SPEC L1-L7, O1)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.cli.common import (
    datetime_or_now,
    open_services,
    parse_date,
    parse_datetime,
    parse_month,
    person_id,
    print_json,
)
from app.cli.parser import Commands, add_emp, record_id

if TYPE_CHECKING:
    from app.cli.parser import Group
    from app.services.leave import LeaveDTO


def cmd_leave_add(args: argparse.Namespace) -> int:
    from app.domain.leave import Span
    from app.services.leave import parse_point

    with open_services(args) as services:
        start = parse_point(args.start, "am")
        end = parse_point(args.end, "pm")
        person = person_id(services, args.emp)
        deputy = person_id(services, args.deputy) if args.deputy else None
        leave, _ = services.leave.add(
            person, args.type, Span(start[0], start[1], end[0], end[1]),
            datetime_or_now(services, args.filed_at), deputy, reason=args.reason or "",
            emergency=args.emergency, contacted_whom=args.contacted or "",
            contacted_at=parse_datetime(args.contacted_at) if args.contacted_at else None)
    if args.json:
        print_json(leave.as_json())
        return 0
    print(strings.CLI_LEAVE_ADDED.format(
        id=leave.id, name=leave.person_name,
        type=strings.LEAVE_TYPE_LABELS.get(leave.leave_type, leave.leave_type),
        start=args.start, end=args.end, days=f"{leave.days:g}",
        state=strings.LEAVE_STATE_LABELS[leave.state]))
    for v in leave.violations:
        print(strings.CLI_LEAVE_VIOLATION.format(text=strings.LEAVE_VIOLATION_LABELS.get(v, v)))
    return 0


def _leave_result(leave: LeaveDTO, as_json: bool) -> int:
    if as_json:
        print_json(leave.as_json())
    else:
        print(strings.CLI_LEAVE_DONE.format(id=leave.id,
                                            state=strings.LEAVE_STATE_LABELS[leave.state]))
    return 0


def cmd_leave_approve(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        by = args.by or services.project.get().project_manager or "-"
        leave, _ = services.leave.approve(args.id, by, role=args.role)
    return _leave_result(leave, args.json)


def cmd_leave_reject(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        leave, _ = services.leave.reject(args.id, args.by or "-", args.note or "")
    return _leave_result(leave, args.json)


def cmd_leave_return(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        leave, _ = services.leave.return_(args.id, parse_date(args.date))
    return _leave_result(leave, args.json)


def cmd_leave_extend(args: argparse.Namespace) -> int:
    from app.services.leave import parse_point

    with open_services(args) as services:
        end = parse_point(args.end, "pm")
        leave, _ = services.leave.extend(args.id, end[0], end[1],
                                         datetime_or_now(services, args.filed_at),
                                         args.reason or "")
    return _leave_result(leave, args.json)


def cmd_leave_list(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        month = parse_month(args.month) if args.month else None
        rows = services.leave.requests(month=month)
    if args.json:
        print_json([r.as_json() for r in rows])
    else:
        for r in rows:
            print(f"#{r.id}\t{r.person_name}\t{r.leave_type}\t{r.span.start}{r.span.start_session}"
                  f"\t{r.span.end}{r.span.end_session}\t{r.days:g}\t"
                  f"{strings.LEAVE_STATE_LABELS[r.state]}")
    return 0


def cmd_leave_pdf(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.documents.leave_pdf(args.id, Path(args.out))
    print(strings.CLI_PDF_DONE.format(path=args.out))
    return 0


def cmd_overtime_add(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        ot, _ = services.leave.add_overtime(
            person_id(services, args.emp), parse_date(args.date), args.time, args.kind,
            datetime_or_now(services, args.applied_at), args.reason or "", args.comp_time)
    if args.json:
        print_json({"id": ot.id, "employee_no": args.emp, "day": ot.day.isoformat(),
                    "hours": ot.hours, "day_kind": ot.day_kind, "rate": ot.rate,
                    "kind": ot.kind, "comp_time": ot.comp_time, "state": ot.state,
                    "late_application": ot.late_application})
    else:
        print(strings.CLI_OVERTIME_ADDED.format(
            id=ot.id, name=ot.person_name, day=ot.day, start=ot.start_time, end=ot.end_time,
            hours=f"{ot.hours:g}", kind_label=strings.HOLIDAY_KIND_LABELS.get(ot.day_kind),
            rate=f"{ot.rate:g}"))
    return 0


def cmd_overtime_approve(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        ot, _ = services.leave.approve_overtime(args.id, args.by or
                                                services.project.get().project_manager or "-")
    print(strings.CLI_LEAVE_DONE.format(id=ot.id, state=strings.LEAVE_STATE_LABELS[ot.state]))
    return 0


def _add_id(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("id", type=record_id, help=strings.H_LEAVE_ID)


def _leave_decisions(cmds: Commands, leave: Group) -> None:
    sp = cmds.leaf(leave, "approve", strings.H_CMD_LEAVE_APPROVE, cmd_leave_approve,
                   json_flag=True)
    _add_id(sp)
    sp.add_argument("--by", help=strings.H_BY)
    sp.add_argument("--role", default="project_manager",
                    choices=("project_manager", "client_dept"), help=strings.H_ROLE)
    sp = cmds.leaf(leave, "reject", strings.H_CMD_LEAVE_REJECT, cmd_leave_reject,
                   json_flag=True)
    _add_id(sp)
    sp.add_argument("--by", help=strings.H_BY)
    sp.add_argument("--note", help=strings.H_NOTE)


def _register_leave(cmds: Commands) -> None:
    leave = cmds.group("leave", strings.H_CMD_LEAVE)
    sp = cmds.leaf(leave, "add", strings.H_CMD_LEAVE_ADD, cmd_leave_add, json_flag=True)
    add_emp(sp)
    sp.add_argument("--type", required=True, help=strings.H_TYPE)
    sp.add_argument("--start", required=True, help=strings.H_START)
    sp.add_argument("--end", required=True, help=strings.H_END)
    sp.add_argument("--filed-at", help=strings.H_FILED_AT)
    sp.add_argument("--deputy", help=strings.H_DEPUTY)
    sp.add_argument("--emergency", action="store_true", help=strings.H_EMERGENCY)
    sp.add_argument("--contacted", help=strings.H_CONTACTED)
    sp.add_argument("--contacted-at", help=strings.H_CONTACTED_AT)
    sp.add_argument("--reason", help=strings.H_REASON)
    _leave_decisions(cmds, leave)
    sp = cmds.leaf(leave, "return", strings.H_CMD_LEAVE_RETURN, cmd_leave_return,
                   json_flag=True)
    _add_id(sp)
    sp.add_argument("--date", required=True, help=strings.H_DATE)
    sp = cmds.leaf(leave, "extend", strings.H_CMD_LEAVE_EXTEND, cmd_leave_extend,
                   json_flag=True)
    _add_id(sp)
    sp.add_argument("--end", required=True, help=strings.H_END)
    sp.add_argument("--filed-at", help=strings.H_FILED_AT)
    sp.add_argument("--reason", help=strings.H_REASON)
    sp = cmds.leaf(leave, "pdf", strings.H_CMD_LEAVE_PDF, cmd_leave_pdf)
    _add_id(sp)
    sp.add_argument("out", help=strings.H_OUT)
    sp = cmds.leaf(leave, "list", strings.H_CMD_LEAVE_LIST, cmd_leave_list, json_flag=True)
    sp.add_argument("--month", help=strings.H_MONTH)


def _register_overtime(cmds: Commands) -> None:
    ot = cmds.group("overtime", strings.H_CMD_OVERTIME)
    sp = cmds.leaf(ot, "add", strings.H_CMD_OVERTIME_ADD, cmd_overtime_add, json_flag=True)
    add_emp(sp)
    sp.add_argument("--date", required=True, help=strings.H_DATE)
    sp.add_argument("--time", required=True, help=strings.H_OT_TIME)
    sp.add_argument("--kind", default="voluntary", choices=("voluntary", "required"),
                    help=strings.H_OT_KIND)
    sp.add_argument("--applied-at", help=strings.H_FILED_AT)
    sp.add_argument("--comp-time", action="store_true", help=strings.H_OT_COMP)
    sp.add_argument("--reason", help=strings.H_REASON)
    sp = cmds.leaf(ot, "approve", strings.H_CMD_OVERTIME_APPROVE, cmd_overtime_approve)
    _add_id(sp)
    sp.add_argument("--by", help=strings.H_BY)


def register(cmds: Commands) -> None:
    _register_leave(cmds)
    _register_overtime(cmds)
