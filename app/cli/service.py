"""``onsitedesk service add|month|pdf|set`` and ``report set|month`` (SPEC V1-V3)."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path

from app import strings
from app.cli.common import open_services, parse_date, parse_month, person_ids, print_json
from app.cli.parser import (
    Commands,
    add_emp,
    add_from,
    add_month,
    add_outputs,
    bounded_int,
)
from app.domain.service_log import PENDING, RESOLVED, SOURCES, TYPES, RecordFields, StaffVisit
from app.errors import AppError

MAX_MINUTES = 366 * 24 * 60  # a promised response or resolution time, at most a year
MINUTES = bounded_int(0, MAX_MINUTES)


def _date(text: str) -> dt.date:
    return parse_date(text, strings.SV_BAD_DATE)


def _when(text: str | None, field: str) -> dt.datetime | None:
    from app.services.service_log import parse_datetime

    return parse_datetime(text, field) if text else None


def _minutes(m: int | None, verdict: str) -> str:
    label = strings.SV_VERDICT_LABELS.get(verdict, verdict)
    return f"{m if m is not None else strings.SV_NA} ({label})"


def _pct(value: Decimal | None) -> str:
    return strings.SV_PERCENT.format(value=value) if value is not None else strings.SV_NA


def cmd_service_add(args: argparse.Namespace) -> int:
    reported = _when(args.reported_at, "reported_at")
    assert reported is not None
    resolved = _when(args.resolved_at, "resolved_at")
    with open_services(args) as services:
        staff = tuple(StaffVisit(pid) for pid in person_ids(services, args.staff))
        record, _ = services.service_log.add(RecordFields(
            service_type=args.type, source=args.source, reported_at=reported,
            reporter=args.reporter or "", reporter_dept=args.dept or "",
            responded_at=_when(args.responded_at, "responded_at"),
            arrived_at=_when(args.arrived_at, "arrived_at"), resolved_at=resolved,
            staff=staff, head_count=args.head_count, location=args.location,
            description=args.content, handling=args.handling or "",
            result=args.result or (RESOLVED if resolved else PENDING),
            pending_reason=args.reason or "", parts_replaced=args.parts or ""))
    if args.json:
        print_json(record.as_json())
        return 0
    m = record.measure
    print(strings.CLI_SV_ADDED.format(
        number=record.number, type=strings.SV_TYPE_LABELS[record.service_type],
        reported=f"{record.reported_at:%Y-%m-%d %H:%M}",
        response=_minutes(m.response_minutes, m.response),
        resolution=_minutes(m.resolution_minutes, m.resolution)))
    return 0


def cmd_service_month(args: argparse.Namespace) -> int:
    year, month = parse_month(args.month)
    with open_services(args) as services:
        result = services.service_log.month(year, month)
        if args.pdf:
            services.documents.service_month_pdf(year, month, Path(args.pdf), now=result.now)
        if args.xlsx:
            services.documents.service_month_xlsx(year, month, Path(args.xlsx), now=result.now)
    if args.json:
        print_json(result.as_json())
        return 0
    s = result.summary
    print(strings.CLI_SV_MONTH_HEAD.format(
        year=year, month=month, total=s.total, rmet=s.response.met,
        rdecided=s.response.decided, rpercent=_pct(s.response.percent),
        smet=s.resolution.met, sdecided=s.resolution.decided,
        spercent=_pct(s.resolution.percent), open=len(s.open_ids)))
    for r in result.records:
        m = r.measure
        print(strings.CLI_SV_MONTH_ROW.format(
            number=r.number, type=strings.SV_TYPE_LABELS[r.service_type],
            reported=f"{r.reported_at:%Y-%m-%d %H:%M}",
            response=_minutes(m.response_minutes, m.response),
            resolution=_minutes(m.resolution_minutes, m.resolution),
            result=strings.SV_RESULT_LABELS[r.result],
            carried=strings.DOC_PAREN.format(text=strings.SV_CARRIED) if r.carried_over
            else ""))
    for out in (args.pdf, args.xlsx):
        if out:
            print(strings.CLI_SV_FILE_DONE.format(path=out))
    return 0


def cmd_service_pdf(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.documents.service_record_pdf(args.id, Path(args.out))
    print(strings.CLI_SV_FILE_DONE.format(path=args.out))
    return 0


def cmd_service_set(args: argparse.Namespace) -> int:
    if args.response is None and args.resolution is None and args.acceptance is None:
        raise AppError(strings.CLI_SV_NOTHING)
    with open_services(args) as services:
        log = services.service_log
        if args.response is not None or args.resolution is not None:
            day = _date(args.from_) if args.from_ else None
            current = log.targets(day)
            response = args.response if args.response is not None else \
                current.response_minutes
            resolution = args.resolution if args.resolution is not None else \
                current.resolution_minutes
            since, _ = log.set_targets(response, resolution, day)
            print(strings.CLI_SV_SET.format(response=response, resolution=resolution,
                                            date=since.isoformat()))
        if args.acceptance is not None:
            log.set_acceptance_date(_date(args.acceptance))
            w = log.commitments().warranty
            print(strings.CLI_SV_ACCEPTANCE.format(date=args.acceptance,
                                                   end=w.end.isoformat() if w else ""))
    return 0


def cmd_report_set(args: argparse.Namespace) -> int:
    day = _date(args.date)
    with open_services(args) as services:
        ids = person_ids(services, args.emp)
        if len(ids) != 1:
            raise AppError(strings.SV_EMPLOYEE_NOT_FOUND.format(no=args.emp))
        person_id = ids[0]
        services.service_log.set_report(person_id, day, args.text)
        name = services.roster.get(person_id).name
    print(strings.CLI_REPORT_SAVED.format(name=name, day=day.isoformat()))
    return 0


def cmd_report_month(args: argparse.Namespace) -> int:
    year, month = parse_month(args.month)
    with open_services(args) as services:
        reports = services.service_log.month_reports(year, month)
        if args.xlsx:
            services.documents.service_reports_xlsx(year, month, Path(args.xlsx))
        if args.pdf:
            services.documents.service_reports_pdf(year, month, Path(args.pdf))
    if args.json:
        print_json({"month": f"{year:04d}-{month:02d}", "people": [
            {"employee_no": p.employee_no, "name": p.name,
             "reports": [{"date": d.isoformat(), "text": t} for d, t in p.entries],
             "missing": [d.isoformat() for d in p.missing]} for p in reports.people]})
    else:
        print(strings.CLI_REPORT_MONTH.format(year=year, month=month,
                                              people=len(reports.people), n=reports.count))
        for p in reports.people:
            for d, text in p.entries:
                print(strings.CLI_REPORT_ROW.format(day=d.isoformat(), name=p.name,
                                                    text=text))
        for out in (args.xlsx, args.pdf):
            if out:
                print(strings.CLI_SV_FILE_DONE.format(path=out))
    return 0


def _register_service(cmds: Commands) -> None:
    service = cmds.group("service", strings.H_CMD_SERVICE)
    sp = cmds.leaf(service, "add", strings.H_CMD_SERVICE_ADD, cmd_service_add, json_flag=True)
    sp.add_argument("--type", required=True, choices=TYPES, help=strings.H_SV_TYPE)
    sp.add_argument("--source", required=True, choices=SOURCES, help=strings.H_SV_SOURCE)
    sp.add_argument("--reporter", help=strings.H_SV_REPORTER)
    sp.add_argument("--dept", help=strings.H_SV_DEPT)
    for name in ("reported-at", "responded-at", "arrived-at", "resolved-at"):
        sp.add_argument(f"--{name}", required=name == "reported-at", metavar="TIME",
                        help=strings.H_SV_AT)
    sp.add_argument("--staff", required=True, metavar="EMP[,EMP]", help=strings.H_SV_STAFF)
    sp.add_argument("--head-count", type=bounded_int(0, 10000), help=strings.H_SV_HEADCOUNT)
    sp.add_argument("--location", required=True, help=strings.H_SV_LOCATION)
    sp.add_argument("--content", required=True, help=strings.H_SV_CONTENT)
    sp.add_argument("--handling", help=strings.H_SV_HANDLING)
    sp.add_argument("--result", choices=(RESOLVED, PENDING), help=strings.H_SV_RESULT)
    sp.add_argument("--reason", help=strings.H_SV_REASON)
    sp.add_argument("--parts", help=strings.H_SV_PARTS)
    sp = cmds.leaf(service, "month", strings.H_CMD_SERVICE_MONTH, cmd_service_month,
                   json_flag=True)
    add_month(sp, strings.H_SV_MONTH)
    add_outputs(sp, "pdf", "xlsx")
    sp = cmds.leaf(service, "pdf", strings.H_CMD_SERVICE_PDF, cmd_service_pdf)
    sp.add_argument("id", help=strings.H_SV_ID)
    sp.add_argument("out", help=strings.H_OUT)
    sp = cmds.leaf(service, "set", strings.H_CMD_SERVICE_SET, cmd_service_set)
    sp.add_argument("--response", type=MINUTES, metavar="MIN", help=strings.H_SV_RESPONSE)
    sp.add_argument("--resolution", type=MINUTES, metavar="MIN", help=strings.H_SV_RESOLUTION)
    add_from(sp, required=False)
    sp.add_argument("--acceptance", metavar="YYYY-MM-DD", help=strings.H_SV_ACCEPTANCE)


def _register_report(cmds: Commands) -> None:
    report = cmds.group("report", strings.H_CMD_REPORT)
    sp = cmds.leaf(report, "set", strings.H_CMD_REPORT_SET, cmd_report_set)
    add_emp(sp)
    sp.add_argument("--date", required=True, help=strings.H_DATE)
    sp.add_argument("--text", required=True, help=strings.H_REPORT_TEXT)
    sp = cmds.leaf(report, "month", strings.H_CMD_REPORT_MONTH, cmd_report_month,
                   json_flag=True)
    add_month(sp, strings.H_SV_MONTH)
    add_outputs(sp, "xlsx", "pdf")


def register(cmds: Commands) -> None:
    _register_service(cmds)
    _register_report(cmds)
