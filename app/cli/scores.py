"""``onsitedesk scores``, ``incident add|waive`` and ``rules list|set|add|retire|setting``
(SPEC S1-S3)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app import strings
from app.cli.common import (
    eprint,
    open_services,
    parse_date,
    parse_datetime,
    parse_month,
    pdf_and_excel,
    person_id,
    print_json,
)
from app.cli.parser import (
    Commands,
    add_emp,
    add_from,
    add_month,
    add_outputs,
    bounded_int,
)

MAX_POINTS = 100000  # a rule's or an incident's points as typed
POINTS = bounded_int(-MAX_POINTS, MAX_POINTS)


def _minute(text: str) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` (or ISO ``T``), to the minute."""
    return parse_datetime(text, strings.SCORE_CLI_BAD_DATETIME).replace(second=0,
                                                                         microsecond=0)


def cmd_scores(args: argparse.Namespace) -> int:
    year, month = parse_month(args.month)
    now = _minute(args.now) if args.now else None
    say = eprint if args.json else print  # stdout carries only the JSON document
    with open_services(args) as services:
        scores = services.scores
        result = scores.month(year, month, now=now)
        docs = services.documents

        def pdf() -> None:
            docs.score_sheet_pdf(year, month, Path(args.pdf), now=now)
            say(strings.CLI_PDF_DONE.format(path=args.pdf))

        def xlsx() -> None:
            docs.score_sheet_xlsx(year, month, Path(args.xlsx), now=now)
            say(strings.CLI_PDF_DONE.format(path=args.xlsx))

        pdf_and_excel(pdf if args.pdf else None, xlsx if args.xlsx else None)
    if args.json:
        print_json(result.as_json())
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
    at = _minute(args.at)
    with open_services(args) as services:
        incident, _ = services.scores.add_incident(
            person_id(services, args.emp), args.rule, at, args.note or "", args.points)
    if args.json:
        print_json(incident.as_json())
    else:
        print(strings.SCORE_CLI_ADDED.format(id=incident.id, name=incident.name,
                                             label=incident.rule_label,
                                             points=incident.points,
                                             at=incident.at.strftime("%Y-%m-%d %H:%M")))
    return 0


def cmd_incident_waive(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        services.scores.waive(args.id, args.reason)
    print(strings.SCORE_CLI_WAIVED.format(id=args.id))
    return 0


def cmd_rules_list(args: argparse.Namespace) -> int:
    on = parse_date(args.on) if args.on else None
    with open_services(args) as services:
        rules = services.scores.rules(on)
    if args.json:
        print_json([r.as_json() for r in rules])
        return 0
    for r in rules:
        state = strings.SCORE_RULE_ACTIVE if r.active else strings.SCORE_RULE_INACTIVE
        print(f"{r.code}\t{r.signed:+d}\t{state}\t{r.label}")
    return 0


def cmd_rules_set(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    with open_services(args) as services:
        rule, _ = services.scores.set_rule(args.code, args.points, day, args.note or "")
    print(strings.SCORE_CLI_RULE_SET.format(label=rule.label, points=rule.signed,
                                            date=day.isoformat()))
    return 0


def cmd_rules_retire(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    with open_services(args) as services:
        rule, _ = services.scores.retire_rule(args.code, day, args.note or "")
    print(strings.SCORE_CLI_RULE_RETIRED.format(label=rule.label, date=day.isoformat()))
    return 0


def cmd_rules_add(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    with open_services(args) as services:
        rule, _ = services.scores.add_rule(args.code, args.label,
                                           "reward" if args.reward else "deduction",
                                           args.points, day)
    print(strings.SCORE_CLI_RULE_SET.format(label=rule.label, points=rule.signed,
                                            date=day.isoformat()))
    return 0


def cmd_rules_setting(args: argparse.Namespace) -> int:
    day = parse_date(args.from_)
    with open_services(args) as services:
        services.scores.set_setting(args.key, args.value, day)
    print(strings.SETTING_SAVED.format(key=args.key, value=args.value, date=day.isoformat()))
    return 0


def _register_incident(cmds: Commands) -> None:
    incident = cmds.group("incident", strings.H_CMD_INCIDENT)
    sp = cmds.leaf(incident, "add", strings.H_CMD_INCIDENT_ADD, cmd_incident_add,
                   json_flag=True)
    add_emp(sp)
    sp.add_argument("--rule", required=True, help=strings.H_SCORE_RULE)
    sp.add_argument("--at", required=True, metavar="YYYY-MM-DD HH:MM", help=strings.H_SCORE_AT)
    sp.add_argument("--note", help=strings.H_NOTE)
    sp.add_argument("--points", type=POINTS, help=strings.H_SCORE_POINTS_OVERRIDE)
    sp = cmds.leaf(incident, "waive", strings.H_CMD_INCIDENT_WAIVE, cmd_incident_waive)
    sp.add_argument("id", help=strings.H_SCORE_INCIDENT_ID)
    sp.add_argument("--reason", required=True, help=strings.H_REASON)


def _register_rules(cmds: Commands) -> None:
    rules = cmds.group("rules", strings.H_CMD_RULES)
    sp = cmds.leaf(rules, "list", strings.H_CMD_RULES_LIST, cmd_rules_list, json_flag=True)
    sp.add_argument("--on", metavar="YYYY-MM-DD", help=strings.H_SCORE_ON)
    for name, help_, func in (("set", strings.H_CMD_RULES_SET, cmd_rules_set),
                              ("retire", strings.H_CMD_RULES_RETIRE, cmd_rules_retire)):
        sp = cmds.leaf(rules, name, help_, func)
        sp.add_argument("code", help=strings.H_SCORE_RULE)
        if name == "set":
            sp.add_argument("points", type=POINTS, help=strings.H_SCORE_POINTS)
        add_from(sp)
        sp.add_argument("--note", help=strings.H_NOTE)
    sp = cmds.leaf(rules, "add", strings.H_CMD_RULES_ADD, cmd_rules_add)
    sp.add_argument("code", help=strings.H_SCORE_RULE)
    sp.add_argument("label", help=strings.H_SCORE_LABEL)
    sp.add_argument("points", type=POINTS, help=strings.H_SCORE_POINTS)
    sp.add_argument("--reward", action="store_true", help=strings.H_SCORE_REWARD)
    add_from(sp)
    sp = cmds.leaf(rules, "setting", strings.H_CMD_RULES_SETTING, cmd_rules_setting)
    sp.add_argument("key", choices=("base", "threshold", "flag_label"),
                    help=strings.H_SCORE_SETTING_KEY)
    sp.add_argument("value", help=strings.H_SETTING_VALUE)
    add_from(sp)


def register(cmds: Commands) -> None:
    sp = cmds.command("scores", strings.H_CMD_SCORES, cmd_scores, json_flag=True)
    add_month(sp)
    add_outputs(sp, "pdf", "xlsx")
    sp.add_argument("--now", metavar="YYYY-MM-DD HH:MM", help=strings.H_SCORE_NOW)
    _register_incident(cmds)
    _register_rules(cmds)
