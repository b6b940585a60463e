"""``onsitedesk month``, ``punches`` and ``explanation`` (SPEC A1-A6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import strings
from app.cli.common import (
    eprint,
    open_services,
    parse_month,
    pdf_and_excel,
    person_id,
    print_json,
)
from app.cli.parser import Commands, add_emp, add_month, add_outputs
from app.errors import AppError
from app.services.attendance import coverage_text


def cmd_month_verify(args: argparse.Namespace) -> int:
    """``month verify YYYY-MM CODE``: the database against the check code on the signed sheet;
    exit 0 when they agree, 1 with what differs."""
    from app.domain.anchor import messages

    if len(args.code) < 2:
        raise AppError(strings.CLI_MONTH_VERIFY_USAGE)
    year, month = parse_month(args.code[0])
    with open_services(args) as services:
        result = services.attendance.verify_code(year, month, " ".join(args.code[1:]))
    if args.json:
        print_json({"ok": result.ok, "month": result.month, "code": result.code,
                    "problems": [f.code for f in result.findings],
                    "keyed_unchecked_from": result.unchecked_from})
    lines = messages(result)
    for line in lines if not args.json else ():
        (print if result.ok else eprint)(line)
    return 0 if result.ok else 1


def cmd_month(args: argparse.Namespace) -> int:
    if args.month == "verify":
        return cmd_month_verify(args)
    if args.code:
        raise AppError(strings.CLI_MONTH_VERIFY_USAGE)
    year, month = parse_month(args.month)
    say = eprint if args.json else print  # stdout carries only the JSON document
    with open_services(args) as services:
        if args.lock:
            # a month the clock data does not fully reach is refused unless --force
            services.attendance.lock_month(year, month, force=args.force)
            say(strings.CLI_MONTH_LOCKED.format(month=args.month))
        if args.reopen is not None:
            services.attendance.reopen_month(year, month, args.reopen)
            say(strings.CLI_MONTH_REOPENED.format(month=args.month))
        result = services.attendance.month(year, month)
        if (args.pdf or args.xlsx) and not result.fully_covered:
            eprint(strings.CLI_NOT_COVERED_WARNING.format(
                month=result.key, n=len(result.unjudged_days),
                through=coverage_text(result.data_through, result.data_from)))
        docs = services.documents

        def pdf() -> None:
            docs.month_pdf(year, month, Path(args.pdf))
            say(strings.CLI_PDF_DONE.format(path=args.pdf))

        def xlsx() -> None:
            docs.month_xlsx(year, month, Path(args.xlsx))
            say(strings.CLI_PDF_DONE.format(path=args.xlsx))

        pdf_and_excel(pdf if args.pdf else None, xlsx if args.xlsx else None)
    if args.json:
        print_json(result.as_json())
        return 0
    if args.pdf or args.xlsx:
        return 0
    mark = strings.DOC_PAREN.format(text=strings.PROVISIONAL_MARK) if result.provisional else ""
    print(strings.CLI_MONTH_HEAD.format(month=result.key, mark=mark, n=len(result.people)))
    print(coverage_text(result.data_through, result.data_from))
    for p in result.people:
        s = p.summary
        print(strings.CLI_MONTH_ROW.format(
            no=p.employee_no, name=p.name, required=f"{s.required_days:g}",
            attended=f"{s.attended_days:g}", late=s.late_count, late_min=s.late_minutes,
            early=s.early_count, early_min=s.early_minutes, missing=s.missing_punches,
            absent=f"{s.absent_days:g}",
            flag=strings.CLI_MONTH_FLAG if s.needs_absence_explanation else ""))
    return 0


def _person_document(args: argparse.Namespace, kind: str) -> int:
    year, month = parse_month(args.month)
    with open_services(args) as services:
        person = person_id(services, args.emp)
        make = services.documents.punch_record if kind == "punches" else \
            services.documents.explanation
        make(year, month, person, Path(args.pdf))
    print(strings.CLI_PDF_DONE.format(path=args.pdf))
    return 0


def cmd_punches(args: argparse.Namespace) -> int:
    """The raw punch record: PDF per person, Excel per person or (no --emp) for everyone."""
    if not args.pdf and not args.xlsx:
        raise AppError(strings.CLI_PUNCH_NEEDS_OUTPUT)
    if args.pdf and not args.emp:
        raise AppError(strings.CLI_PUNCH_PDF_NEEDS_EMP)
    year, month = parse_month(args.month)
    with open_services(args) as services:
        person = person_id(services, args.emp) if args.emp else None
        if args.pdf and person is not None:
            services.documents.punch_record(year, month, person, Path(args.pdf))
            print(strings.CLI_PDF_DONE.format(path=args.pdf))
        if args.xlsx:
            rows = services.documents.punches_xlsx(year, month, Path(args.xlsx), person)
            print(strings.CLI_PUNCH_XLSX_DONE.format(path=args.xlsx, rows=rows))
    return 0


def cmd_explanation(args: argparse.Namespace) -> int:
    return _person_document(args, "explanation")


def register(cmds: Commands) -> None:
    sp = cmds.command("month", strings.H_CMD_MONTH, cmd_month, json_flag=True)
    add_month(sp)
    sp.add_argument("code", nargs="*", metavar="CODE", help=strings.H_MONTH_VERIFY_CODE)
    sp.add_argument("--lock", action="store_true", help=strings.H_LOCK)
    sp.add_argument("--force", action="store_true", help=strings.H_FORCE_LOCK)
    sp.add_argument("--reopen", metavar="REASON", help=strings.H_REOPEN)
    add_outputs(sp, "pdf", "xlsx")
    sp = cmds.command("punches", strings.H_CMD_PUNCHES_ANY, cmd_punches)
    add_month(sp)
    sp.add_argument("--emp", help=strings.H_PUNCH_EMP)
    sp.add_argument("--pdf", metavar="OUT", help=strings.H_PUNCH_PDF)
    sp.add_argument("--xlsx", metavar="OUT", help=strings.H_PUNCH_XLSX)
    sp = cmds.command("explanation", strings.H_CMD_EXPLANATION, cmd_explanation)
    add_month(sp)
    add_emp(sp)
    sp.add_argument("--pdf", required=True, metavar="OUT", help=strings.H_PDF)
