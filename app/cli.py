"""Command line (SPEC D5): never imports PySide6 unless it opens the GUI.

Expected errors: one Chinese line on stderr, exit 1. Usage errors: exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import __version__, config, strings
from app.clock import Clock
from app.errors import AppError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(strings.CLI_USAGE_ERROR.format(err=message) + "\n")
        raise SystemExit(2)


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _open(args: argparse.Namespace) -> Any:
    from app.services import Services

    return Services.open(config.resolve_db_path(args.db))


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import fill_demo

    services = _open(args)
    try:
        n = fill_demo(services)
        print(strings.CLI_DEMO_DONE.format(path=services.db_path, people=n))
    finally:
        services.close()
    return 0


def cmd_roster_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise AppError(strings.CLI_FILE_NOT_FOUND.format(path=path))
    services = _open(args)
    try:
        result, _ = services.roster_io.import_file(path)
    finally:
        services.close()
    if args.json:
        _print_json(result.as_json())
    else:
        print(strings.CLI_ROSTER_IMPORTED.format(read=result.read, imported=result.imported,
                                                 rejected=result.rejected))
        for p in result.problems:
            print(strings.CLI_ROSTER_PROBLEM.format(row=p.row, column=p.column,
                                                    reason=p.reason))
    return 0


def cmd_roster_export(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        if args.file.lower().endswith(".pdf"):
            services.documents.roster_pdf(Path(args.file))
            n = services.roster.count()
        else:
            n = services.documents.roster_xlsx(Path(args.file))
    finally:
        services.close()
    print(strings.CLI_ROSTER_EXPORTED.format(n=n, path=args.file))
    return 0


def cmd_db_check(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        result = services.maintenance.check()
    finally:
        services.close()
    (print if result.ok else _eprint)(result.message)
    return 0 if result.ok else 1


def cmd_db_backup(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        path = services.maintenance.backup_now()
    finally:
        services.close()
    print(strings.DB_BACKUP_DONE.format(path=path))
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from app.services import restore_latest

    backup, broken = restore_latest(config.resolve_db_path(args.db))
    print(strings.DB_RESTORED.format(backup=backup, broken=broken))
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from app.services.maintenance import audit_messages

    services = _open(args)
    try:
        report = services.maintenance.verify_audit()
    finally:
        services.close()
    if args.json:
        _print_json({"ok": report.ok, "rows": report.rows,
                     "problems": [{"audit_id": p.audit_id, "reason": p.reason}
                                  for p in report.problems]})
    else:
        lines = audit_messages(report)
        for line in lines:
            (print if report.ok else _eprint)(line)
    return 0 if report.ok else 1


def _parse_day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AppError(strings.SETTING_BAD_DATE.format(value=text)) from None


def cmd_settings_show(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        shown = services.settings.show()
    finally:
        services.close()
    if args.json:
        _print_json(shown)
    else:
        for key, value in shown["current"].items():
            print(f"{key} = {value}    # {strings.SETTING_LABELS.get(key, '')}")
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        day, _ = services.settings.set(args.key, args.value, _parse_day(args.from_))
    finally:
        services.close()
    print(strings.SETTING_SAVED.format(key=args.key, value=args.value, date=day.isoformat()))
    return 0


def cmd_month(args: argparse.Namespace) -> int:
    from app.services.attendance import parse_month

    year, month = parse_month(args.month)
    services = _open(args)
    try:
        say = _eprint if args.json else print  # stdout carries only the JSON document
        if args.lock:
            services.attendance.lock_month(year, month)
            say(strings.CLI_MONTH_LOCKED.format(month=args.month))
        if args.reopen is not None:
            services.attendance.reopen_month(year, month, args.reopen)
            say(strings.CLI_MONTH_REOPENED.format(month=args.month))
        result = services.attendance.month(year, month)
        if args.pdf:
            services.documents.month_pdf(year, month, Path(args.pdf))
            say(strings.CLI_PDF_DONE.format(path=args.pdf))
        if args.xlsx:
            services.documents.month_xlsx(year, month, Path(args.xlsx))
            say(strings.CLI_PDF_DONE.format(path=args.xlsx))
    finally:
        services.close()
    if args.pdf or args.xlsx:
        if args.json:
            _print_json(result.as_json())
        return 0
    if args.json:
        _print_json(result.as_json())
        return 0
    mark = f"（{strings.PROVISIONAL_MARK}）" if result.provisional else ""
    print(strings.CLI_MONTH_HEAD.format(month=result.key, mark=mark, n=len(result.people)))
    for p in result.people:
        s = p.summary
        print(strings.CLI_MONTH_ROW.format(
            no=p.employee_no, name=p.name, required=f"{s.required_days:g}",
            attended=f"{s.attended_days:g}", late=s.late_count, late_min=s.late_minutes,
            early=s.early_count, early_min=s.early_minutes, missing=s.missing_punches,
            absent=f"{s.absent_days:g}",
            flag=strings.CLI_MONTH_FLAG if s.needs_absence_explanation else ""))
    return 0


def _print_import(outcome: Any, as_json: bool) -> None:
    if as_json:
        _print_json(outcome.as_json())
        return
    b = outcome.batch
    print(strings.CLI_IMPORT_SUMMARY.format(read=b.read, new=b.new, duplicate=b.duplicate,
                                            rejected=b.rejected))
    if outcome.device is not None:
        d = outcome.device
        print(strings.CLI_SYNC_DEVICE.format(serial=d.serial, firmware=d.firmware,
                                             drift=d.drift_seconds))
    for p in outcome.problems:
        if p.line is not None:
            print(strings.CLI_IMPORT_PROBLEM_LINE.format(line=p.line, reason=p.reason))
        else:
            print(strings.CLI_IMPORT_PROBLEM_RECORD.format(record=p.record, reason=p.reason))
    if outcome.unmapped:
        print(strings.CLI_IMPORT_UNMAPPED.format(ids=", ".join(outcome.unmapped)))


def cmd_import_usb(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise AppError(strings.CLI_FILE_NOT_FOUND.format(path=path))
    services = _open(args)
    try:
        outcome, _ = services.imports.import_usb(path, args.device or "")
    finally:
        services.close()
    _print_import(outcome, args.json)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        if args.host:
            from app.devices.clock_lan import ClockConfig

            cfg = ClockConfig(host=args.host, port=args.port, password=args.password,
                              udp=args.udp, timeout=args.timeout, encoding=args.encoding)
            outcome, _ = services.imports.sync_config(cfg, args.name or "", clear_after=args.clear)
        elif args.name:
            outcome, _ = services.imports.sync(args.name, clear_after=args.clear)
        else:
            raise AppError(strings.CLI_USAGE_ERROR.format(err="NAME | --host"))
    finally:
        services.close()
    _print_import(outcome, args.json)
    return 0


def cmd_devices_add(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        d, _ = services.imports.save_device(args.name, args.host, args.port, args.password,
                                            "udp" if args.udp else "tcp", args.timeout,
                                            args.encoding)
    finally:
        services.close()
    print(strings.CLI_DEVICE_ADDED.format(name=d.name, host=d.host, port=d.port,
                                          protocol=d.protocol.upper()))
    return 0


def cmd_devices_list(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        devices = services.imports.devices()
    finally:
        services.close()
    if args.json:
        _print_json([{"name": d.name, "host": d.host, "port": d.port, "protocol": d.protocol,
                      "serial": d.serial, "firmware": d.firmware,
                      "last_sync_at": d.last_sync_at.isoformat() if d.last_sync_at else None}
                     for d in devices])
    else:
        for d in devices:
            print(f"{d.name}\t{d.host}:{d.port}\t{d.protocol}\t{d.serial}")
    return 0


def _clock_options(sp: argparse.ArgumentParser, host_required: bool) -> None:
    sp.add_argument("--host", required=host_required, help=strings.H_HOST)
    sp.add_argument("--port", type=int, default=4370, help=strings.H_PORT)
    sp.add_argument("--password", type=int, default=0, help=strings.H_PASSWORD)
    sp.add_argument("--udp", action="store_true", help=strings.H_UDP)
    sp.add_argument("--timeout", type=int, default=10, help=strings.H_TIMEOUT)
    sp.add_argument("--encoding", default="gbk", help=strings.H_ENCODING)


def _person_id(services: Any, employee_no: str) -> int:
    for p in services.roster.list_people():
        if p.employee_no == employee_no:
            return int(p.id)
    raise AppError(strings.LEAVE_EMPLOYEE_NOT_FOUND.format(no=employee_no))


def _parse_datetime(text: str | None, clock: Clock) -> dt.datetime:
    if not text:
        return clock.now()
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise AppError(strings.LEAVE_BAD_DATETIME.format(value=text)) from None


def cmd_leave_add(args: argparse.Namespace) -> int:
    from app.domain.leave import Span
    from app.services.leave import parse_point

    services = _open(args)
    try:
        start = parse_point(args.start, "am")
        end = parse_point(args.end, "pm")
        person = _person_id(services, args.emp)
        deputy = _person_id(services, args.deputy) if args.deputy else None
        leave, _ = services.leave.add(
            person, args.type, Span(start[0], start[1], end[0], end[1]),
            _parse_datetime(args.filed_at, services.clock), deputy, reason=args.reason or "",
            emergency=args.emergency, contacted_whom=args.contacted or "")
    finally:
        services.close()
    if args.json:
        _print_json(leave.as_json())
        return 0
    print(strings.CLI_LEAVE_ADDED.format(
        id=leave.id, name=leave.person_name,
        type=strings.LEAVE_TYPE_LABELS.get(leave.leave_type, leave.leave_type),
        start=args.start, end=args.end, days=f"{leave.days:g}",
        state=strings.LEAVE_STATE_LABELS[leave.state]))
    for v in leave.violations:
        print(strings.CLI_LEAVE_VIOLATION.format(text=strings.LEAVE_VIOLATION_LABELS.get(v, v)))
    return 0


def _leave_result(leave: Any, as_json: bool) -> int:
    if as_json:
        _print_json(leave.as_json())
    else:
        print(strings.CLI_LEAVE_DONE.format(id=leave.id,
                                            state=strings.LEAVE_STATE_LABELS[leave.state]))
    return 0


def cmd_leave_approve(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        by = args.by or services.project.get().project_manager or "-"
        leave, _ = services.leave.approve(args.id, by, role=args.role)
    finally:
        services.close()
    return _leave_result(leave, args.json)


def cmd_leave_reject(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        leave, _ = services.leave.reject(args.id, args.by or "-", args.note or "")
    finally:
        services.close()
    return _leave_result(leave, args.json)


def cmd_leave_return(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        day = _parse_day(args.date)
        assert day is not None
        leave, _ = services.leave.return_(args.id, day)
    finally:
        services.close()
    return _leave_result(leave, args.json)


def cmd_leave_extend(args: argparse.Namespace) -> int:
    from app.services.leave import parse_point

    services = _open(args)
    try:
        end = parse_point(args.end, "pm")
        filed_at = _parse_datetime(args.filed_at, services.clock)
        leave, _ = services.leave.extend(args.id, end[0], end[1], filed_at,
                                         args.reason or "")
    finally:
        services.close()
    return _leave_result(leave, args.json)


def cmd_leave_list(args: argparse.Namespace) -> int:
    from app.services.attendance import parse_month

    services = _open(args)
    try:
        month = parse_month(args.month) if args.month else None
        rows = services.leave.requests(month=month)
    finally:
        services.close()
    if args.json:
        _print_json([r.as_json() for r in rows])
    else:
        for r in rows:
            print(f"#{r.id}\t{r.person_name}\t{r.leave_type}\t{r.span.start}{r.span.start_session}"
                  f"\t{r.span.end}{r.span.end_session}\t{r.days:g}\t"
                  f"{strings.LEAVE_STATE_LABELS[r.state]}")
    return 0


def cmd_overtime_add(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        day = _parse_day(args.date)
        assert day is not None
        ot, _ = services.leave.add_overtime(
            _person_id(services, args.emp), day, args.time, args.kind,
            _parse_datetime(args.applied_at, services.clock), args.reason or "", args.comp_time)
    finally:
        services.close()
    if args.json:
        _print_json({"id": ot.id, "employee_no": args.emp, "day": ot.day.isoformat(),
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
    services = _open(args)
    try:
        ot, _ = services.leave.approve_overtime(args.id, args.by or
                                                services.project.get().project_manager or "-")
    finally:
        services.close()
    print(strings.CLI_LEAVE_DONE.format(id=ot.id, state=strings.LEAVE_STATE_LABELS[ot.state]))
    return 0


def _leave_commands(sub: Any, leaf: Any, group: Any) -> None:
    leave = group("leave", strings.H_CMD_LEAVE)
    sp = leaf(leave, "add", strings.H_CMD_LEAVE_ADD, cmd_leave_add, json_flag=True)
    sp.add_argument("--emp", required=True, help=strings.H_EMP)
    sp.add_argument("--type", required=True, help=strings.H_TYPE)
    sp.add_argument("--start", required=True, help=strings.H_START)
    sp.add_argument("--end", required=True, help=strings.H_END)
    sp.add_argument("--filed-at", help=strings.H_FILED_AT)
    sp.add_argument("--deputy", help=strings.H_DEPUTY)
    sp.add_argument("--emergency", action="store_true", help=strings.H_EMERGENCY)
    sp.add_argument("--contacted", help=strings.H_CONTACTED)
    sp.add_argument("--reason", help=strings.H_REASON)
    for name, help_, func in (("approve", strings.H_CMD_LEAVE_APPROVE, cmd_leave_approve),
                              ("reject", strings.H_CMD_LEAVE_REJECT, cmd_leave_reject)):
        sp = leaf(leave, name, help_, func, json_flag=True)
        sp.add_argument("id", type=int, help=strings.H_LEAVE_ID)
        sp.add_argument("--by", help=strings.H_BY)
        if name == "approve":
            sp.add_argument("--role", default="project_manager",
                            choices=("project_manager", "client_dept"), help=strings.H_ROLE)
        else:
            sp.add_argument("--note", help=strings.H_NOTE)
    sp = leaf(leave, "return", strings.H_CMD_LEAVE_RETURN, cmd_leave_return, json_flag=True)
    sp.add_argument("id", type=int, help=strings.H_LEAVE_ID)
    sp.add_argument("--date", required=True, help=strings.H_DATE)
    sp = leaf(leave, "extend", strings.H_CMD_LEAVE_EXTEND, cmd_leave_extend, json_flag=True)
    sp.add_argument("id", type=int, help=strings.H_LEAVE_ID)
    sp.add_argument("--end", required=True, help=strings.H_END)
    sp.add_argument("--filed-at", help=strings.H_FILED_AT)
    sp.add_argument("--reason", help=strings.H_REASON)
    sp = leaf(leave, "pdf", strings.H_CMD_LEAVE_PDF, cmd_leave_pdf)
    sp.add_argument("id", type=int, help=strings.H_LEAVE_ID)
    sp.add_argument("out", help=strings.H_OUT)
    sp = leaf(leave, "list", strings.H_CMD_LEAVE_LIST, cmd_leave_list, json_flag=True)
    sp.add_argument("--month", help=strings.H_MONTH)
    ot = group("overtime", strings.H_CMD_OVERTIME)
    sp = leaf(ot, "add", strings.H_CMD_OVERTIME_ADD, cmd_overtime_add, json_flag=True)
    sp.add_argument("--emp", required=True, help=strings.H_EMP)
    sp.add_argument("--date", required=True, help=strings.H_DATE)
    sp.add_argument("--time", required=True, help=strings.H_OT_TIME)
    sp.add_argument("--kind", default="voluntary", choices=("voluntary", "required"),
                    help=strings.H_OT_KIND)
    sp.add_argument("--applied-at", help=strings.H_FILED_AT)
    sp.add_argument("--comp-time", action="store_true", help=strings.H_OT_COMP)
    sp.add_argument("--reason", help=strings.H_REASON)
    sp = leaf(ot, "approve", strings.H_CMD_OVERTIME_APPROVE, cmd_overtime_approve)
    sp.add_argument("id", type=int, help=strings.H_LEAVE_ID)
    sp.add_argument("--by", help=strings.H_BY)


def _person_document(args: argparse.Namespace, kind: str) -> int:
    from app.services.attendance import parse_month

    year, month = parse_month(args.month)
    services = _open(args)
    try:
        person = _person_id(services, args.emp)
        make = services.documents.punch_record if kind == "punches" else \
            services.documents.explanation
        make(year, month, person, Path(args.pdf))
    finally:
        services.close()
    print(strings.CLI_PDF_DONE.format(path=args.pdf))
    return 0


def cmd_punches(args: argparse.Namespace) -> int:
    return _person_document(args, "punches")


def cmd_explanation(args: argparse.Namespace) -> int:
    return _person_document(args, "explanation")


def cmd_leave_pdf(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        services.documents.leave_pdf(args.id, Path(args.out))
    finally:
        services.close()
    print(strings.CLI_PDF_DONE.format(path=args.out))
    return 0


def _eprint(text: str) -> None:
    sys.stderr.write(text + "\n")


def _global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=strings.H_DB)
    p.add_argument("--demo", action="store_true", help=strings.H_DEMO_GUI)
    p.add_argument("--smoke", action="store_true", help=strings.H_SMOKE)


def build_parser() -> argparse.ArgumentParser:
    # the capabilities' commands: imported here, not at start-up (the GUI never needs them)
    from app import cli_handover, cli_holidays, cli_scores, cli_service

    p = _Parser(prog="onsitedesk", description=strings.CLI_DESCRIPTION)
    _global_options(p)
    p.add_argument("--version", action="version", version=f"onsitedesk {__version__}",
                   help=strings.H_VERSION)
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def leaf(parent: Any, name: str, help_: str, func: Callable[[argparse.Namespace], int],
             json_flag: bool = False) -> argparse.ArgumentParser:
        sp: argparse.ArgumentParser = parent.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        if json_flag:
            sp.add_argument("--json", action="store_true", help=strings.H_JSON)
        return sp

    def group(name: str, help_: str) -> Any:
        gp = sub.add_parser(name, help=help_, description=help_)
        gp.set_defaults(func=None, group_parser=gp)
        return gp.add_subparsers(dest="action", parser_class=_Parser)

    leaf(sub, "demo", strings.H_CMD_DEMO, cmd_demo)
    roster = group("roster", strings.H_CMD_ROSTER)
    leaf(roster, "import", strings.H_CMD_ROSTER_IMPORT, cmd_roster_import,
         json_flag=True).add_argument("file", help=strings.H_FILE)
    leaf(roster, "export", strings.H_CMD_ROSTER_EXPORT, cmd_roster_export).add_argument(
        "file", help=strings.H_FILE)
    db = group("db", strings.H_CMD_DB)
    leaf(db, "check", strings.H_CMD_DB_CHECK, cmd_db_check)
    leaf(db, "backup", strings.H_CMD_DB_BACKUP, cmd_db_backup)
    leaf(db, "restore", strings.H_CMD_DB_RESTORE, cmd_db_restore)
    settings = group("settings", strings.H_CMD_SETTINGS)
    leaf(settings, "show", strings.H_CMD_SETTINGS_SHOW, cmd_settings_show, json_flag=True)
    sp = leaf(settings, "set", strings.H_CMD_SETTINGS_SET, cmd_settings_set)
    sp.add_argument("key", help=strings.H_SETTING_KEY)
    sp.add_argument("value", help=strings.H_SETTING_VALUE)
    sp.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help=strings.H_FROM)
    sp = leaf(sub, "month", strings.H_CMD_MONTH, cmd_month, json_flag=True)
    sp.add_argument("month", help=strings.H_MONTH)
    sp.add_argument("--lock", action="store_true", help=strings.H_LOCK)
    sp.add_argument("--reopen", metavar="REASON", help=strings.H_REOPEN)
    sp.add_argument("--pdf", metavar="OUT", help=strings.H_PDF)
    sp.add_argument("--xlsx", metavar="OUT", help=strings.H_XLSX)
    for name, help_, func in (("punches", strings.H_CMD_PUNCHES, cmd_punches),
                              ("explanation", strings.H_CMD_EXPLANATION, cmd_explanation)):
        sp = leaf(sub, name, help_, func)
        sp.add_argument("month", help=strings.H_MONTH)
        sp.add_argument("--emp", required=True, help=strings.H_EMP)
        sp.add_argument("--pdf", required=True, metavar="OUT", help=strings.H_PDF)
    audit = group("audit", strings.H_CMD_AUDIT)
    leaf(audit, "verify", strings.H_CMD_AUDIT_VERIFY, cmd_audit_verify, json_flag=True)
    cli_holidays.register(sub, leaf, group)
    cli_handover.register(sub, leaf, group)
    cli_scores.register(sub, leaf, group)
    cli_service.register(sub, leaf, group)
    _leave_commands(sub, leaf, group)
    imp = group("import", strings.H_CMD_IMPORT)
    sp = leaf(imp, "usb", strings.H_CMD_IMPORT_USB, cmd_import_usb, json_flag=True)
    sp.add_argument("file", help=strings.H_FILE)
    sp.add_argument("--device", help=strings.H_DEVICE_NAME)
    sp = leaf(sub, "sync", strings.H_CMD_SYNC, cmd_sync, json_flag=True)
    sp.add_argument("name", nargs="?", help=strings.H_DEVICE_NAME)
    _clock_options(sp, host_required=False)
    sp.add_argument("--clear", action="store_true", help=strings.H_CLEAR)
    devices = group("devices", strings.H_CMD_DEVICES)
    sp = leaf(devices, "add", strings.H_CMD_DEVICES_ADD, cmd_devices_add)
    sp.add_argument("name", help=strings.H_DEVICE_NAME)
    _clock_options(sp, host_required=True)
    leaf(devices, "list", strings.H_CMD_DEVICES_LIST, cmd_devices_list, json_flag=True)
    return p


def _run_gui(args: argparse.Namespace) -> int:
    db_path = config.resolve_db_path(args.db)
    if args.demo:
        import tempfile

        from app.services import Services
        from app.services.demo import fill_demo

        db_path = Path(tempfile.mkdtemp(prefix="onsitedesk-demo-")) / config.DB_FILE_NAME
        services = Services.open(db_path)
        try:
            fill_demo(services)
        finally:
            services.close()
        print(strings.CLI_DEMO_GUI_DB.format(path=db_path))
    try:
        from ui.main import run_gui
    except ImportError as exc:
        raise AppError(strings.CLI_NO_GUI.format(err=exc)) from exc
    return run_gui(db_path)


def _gui_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """Plain GUI start-ups (no command, no --help/--version) skip building every command's
    parser: start-up time is a feature (issue 3)."""
    words = list(sys.argv[1:] if argv is None else argv)
    if any(w in ("-h", "--help", "--version") for w in words):
        return None
    light = argparse.ArgumentParser(add_help=False)
    _global_options(light)
    try:
        args, rest = light.parse_known_args(words)
    except SystemExit:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _gui_arguments(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    try:
        if args.smoke:
            from ui.smoke import run_smoke

            return run_smoke()
        if args.command is None:
            return _run_gui(args)
        func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
        if func is None:
            args.group_parser.error(strings.CLI_SUBCOMMAND_REQUIRED)
        else:
            return int(func(args))
        return 2
    except AppError as exc:
        _eprint(str(exc).replace("\n", " "))
        return 1
    except KeyboardInterrupt:
        _eprint(strings.CANCELLED)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
