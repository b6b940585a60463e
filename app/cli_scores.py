"""``onsitedesk scores|incident|rules`` (SPEC S1–S3); wired into app.cli.build_parser by
register().

Kept apart from app/cli.py so the two can change independently. It must not import app.cli
(app.cli imports this module), so it opens the services itself.
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
from app.errors import AppError


def _open(args: argparse.Namespace) -> Any:
    from app.services import Services

    return Services.open(config.resolve_db_path(getattr(args, "db", None)))


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _eprint(text: str) -> None:
    sys.stderr.write(text + "\n")


def _scores(services: Any) -> Any:
    return services.scores


def parse_datetime(text: str | None) -> dt.datetime | None:
    """``YYYY-MM-DD HH:MM`` (or ISO ``T``); None for no text."""
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip()).replace(second=0, microsecond=0)
    except ValueError:
        raise AppError(strings.SCORE_CLI_BAD_DATETIME.format(value=text)) from None


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AppError(strings.SETTING_BAD_DATE.format(value=text)) from None


def _person_id(services: Any, employee_no: str) -> int:
    for p in services.roster.list_people():
        if p.employee_no == employee_no:
            return int(p.id)
    raise AppError(strings.LEAVE_EMPLOYEE_NOT_FOUND.format(no=employee_no))


def cmd_scores(args: argparse.Namespace) -> int:
    from app.services.attendance import parse_month

    year, month = parse_month(args.month)
    now = parse_datetime(args.now)
    services = _open(args)
    try:
        scores = _scores(services)
        result = scores.month(year, month, now=now)
        say = _eprint if args.json else print  # stdout carries only the JSON document
        if args.pdf:
            services.documents.score_sheet_pdf(year, month, Path(args.pdf), now=now)
            say(strings.CLI_PDF_DONE.format(path=args.pdf))
        if args.xlsx:
            services.documents.score_sheet_xlsx(year, month, Path(args.xlsx), now=now)
            say(strings.CLI_PDF_DONE.format(path=args.xlsx))
    finally:
        services.close()
    if args.json:
        _print_json(result.as_json())
        return 0
    if args.pdf or args.xlsx:
        return 0
    print(strings.SCORE_CLI_HEAD.format(month=result.key, n=len(result.people),
                                        base=result.base))
    for p in result.people:
        print(strings.SCORE_CLI_ROW.format(
            rank=p.rank, no=p.employee_no, name=p.name, score=p.score,
            deductions=p.deductions, rewards=p.rewards, n=p.counted,
            flag=strings.SCORE_CLI_FLAG.format(label=result.flag_label) if p.flagged else ""))
    return 0


def cmd_incident_add(args: argparse.Namespace) -> int:
    at = parse_datetime(args.at)
    assert at is not None
    services = _open(args)
    try:
        incident, _ = _scores(services).add_incident(
            _person_id(services, args.emp), args.rule, at, args.note or "", args.points)
    finally:
        services.close()
    if args.json:
        _print_json(incident.as_json())
    else:
        print(strings.SCORE_CLI_ADDED.format(id=incident.id, name=incident.name,
                                             label=incident.rule_label,
                                             points=incident.points,
                                             at=incident.at.strftime("%Y-%m-%d %H:%M")))
    return 0


def cmd_incident_waive(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        _scores(services).waive(args.id, args.reason)
    finally:
        services.close()
    print(strings.SCORE_CLI_WAIVED.format(id=args.id))
    return 0


def cmd_rules_list(args: argparse.Namespace) -> int:
    on = parse_date(args.on) if args.on else None
    services = _open(args)
    try:
        rules = _scores(services).rules(on)
    finally:
        services.close()
    if args.json:
        _print_json([r.as_json() for r in rules])
        return 0
    for r in rules:
        state = strings.SCORE_RULE_ACTIVE if r.active else strings.SCORE_RULE_INACTIVE
        print(f"{r.code}\t{r.signed:+d}\t{state}\t{r.label}")
    return 0


def cmd_rules_set(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    services = _open(args)
    try:
        rule, _ = _scores(services).set_rule(args.code, args.points, day, args.note or "")
    finally:
        services.close()
    print(strings.SCORE_CLI_RULE_SET.format(label=rule.label, points=rule.signed,
                                            date=day.isoformat()))
    return 0


def cmd_rules_retire(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    services = _open(args)
    try:
        rule, _ = _scores(services).retire_rule(args.code, day, args.note or "")
    finally:
        services.close()
    print(strings.SCORE_CLI_RULE_RETIRED.format(label=rule.label, date=day.isoformat()))
    return 0


def cmd_rules_add(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    services = _open(args)
    try:
        rule, _ = _scores(services).add_rule(args.code, args.label,
                                             "reward" if args.reward else "deduction",
                                             args.points, day)
    finally:
        services.close()
    print(strings.SCORE_CLI_RULE_SET.format(label=rule.label, points=rule.signed,
                                            date=day.isoformat()))
    return 0


def cmd_rules_setting(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    services = _open(args)
    try:
        _scores(services).set_setting(args.key, args.value, day)
    finally:
        services.close()
    print(strings.SETTING_SAVED.format(key=args.key, value=args.value, date=day.isoformat()))
    return 0


def register(sub: Any, leaf: Callable[..., argparse.ArgumentParser],
             group: Callable[[str, str], Any]) -> None:
    """Add ``scores YYYY-MM``, ``incident add|waive`` and ``rules list|set|add|retire|setting``.

    ``sub``, ``leaf`` and ``group`` are the subparsers object and the two helpers of
    ``app.cli.build_parser``.
    """
    sp = leaf(sub, "scores", strings.H_CMD_SCORES, cmd_scores, json_flag=True)
    sp.add_argument("month", help=strings.H_MONTH)
    sp.add_argument("--pdf", metavar="OUT", help=strings.H_PDF)
    sp.add_argument("--xlsx", metavar="OUT", help=strings.H_XLSX)
    sp.add_argument("--now", metavar="YYYY-MM-DD HH:MM", help=strings.H_SCORE_NOW)
    incident = group("incident", strings.H_CMD_INCIDENT)
    sp = leaf(incident, "add", strings.H_CMD_INCIDENT_ADD, cmd_incident_add, json_flag=True)
    sp.add_argument("--emp", required=True, help=strings.H_EMP)
    sp.add_argument("--rule", required=True, help=strings.H_SCORE_RULE)
    sp.add_argument("--at", required=True, metavar="YYYY-MM-DD HH:MM", help=strings.H_SCORE_AT)
    sp.add_argument("--note", help=strings.H_NOTE)
    sp.add_argument("--points", type=int, help=strings.H_SCORE_POINTS_OVERRIDE)
    sp = leaf(incident, "waive", strings.H_CMD_INCIDENT_WAIVE, cmd_incident_waive)
    sp.add_argument("id", help=strings.H_SCORE_INCIDENT_ID)
    sp.add_argument("--reason", required=True, help=strings.H_REASON)
    rules = group("rules", strings.H_CMD_RULES)
    sp = leaf(rules, "list", strings.H_CMD_RULES_LIST, cmd_rules_list, json_flag=True)
    sp.add_argument("--on", metavar="YYYY-MM-DD", help=strings.H_SCORE_ON)
    for name, help_, func in (("set", strings.H_CMD_RULES_SET, cmd_rules_set),
                              ("retire", strings.H_CMD_RULES_RETIRE, cmd_rules_retire)):
        sp = leaf(rules, name, help_, func)
        sp.add_argument("code", help=strings.H_SCORE_RULE)
        if name == "set":
            sp.add_argument("points", type=int, help=strings.H_SCORE_POINTS)
        sp.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD",
                        help=strings.H_FROM)
        sp.add_argument("--note", help=strings.H_NOTE)
    sp = leaf(rules, "add", strings.H_CMD_RULES_ADD, cmd_rules_add)
    sp.add_argument("code", help=strings.H_SCORE_RULE)
    sp.add_argument("label", help=strings.H_SCORE_LABEL)
    sp.add_argument("points", type=int, help=strings.H_SCORE_POINTS)
    sp.add_argument("--reward", action="store_true", help=strings.H_SCORE_REWARD)
    sp.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD",
                    help=strings.H_FROM)
    sp = leaf(rules, "setting", strings.H_CMD_RULES_SETTING, cmd_rules_setting)
    sp.add_argument("key", choices=("base", "threshold", "flag_label"),
                    help=strings.H_SCORE_SETTING_KEY)
    sp.add_argument("value", help=strings.H_SETTING_VALUE)
    sp.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD",
                    help=strings.H_FROM)
