"""``onsitedesk holidays import|list`` (SPEC A7)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app import strings
from app.cli.common import eprint, existing_file, open_services, print_json
from app.cli.parser import Commands, bounded_int
from app.domain.calendar import DayEntry
from app.domain.inputs import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from app.services.holidays import HolidayImportPlan

YEAR = bounded_int(FIRST_YEAR, LAST_YEAR)


def _entry_json(e: DayEntry) -> dict[str, str]:
    return {"date": e.date.isoformat(), "kind": e.kind, "name": e.name}


def _entry_text(template: str, e: DayEntry, **extra: str) -> str:
    return template.format(date=e.date.isoformat(),
                           weekday=strings.HOLIDAY_WEEKDAYS[e.date.weekday()],
                           kind=strings.HOLIDAY_KIND_LABELS.get(e.kind, e.kind), name=e.name,
                           **extra)


def plan_json(plan: HolidayImportPlan) -> dict[str, object]:
    """The plan as JSON: years, diff per year, warnings and errors (texts with file/line)."""
    return {
        "file": str(plan.path), "format": plan.format, "ok": plan.ok,
        "years": list(plan.years), "replace_years": list(plan.replace_years),
        "diff": [{
            "year": d.year, "replace": d.replace, "status_before": d.status_before,
            "added": [_entry_json(e) for e in d.added],
            "changed": [{"date": a.date.isoformat(), "before": _entry_json(b),
                         "after": _entry_json(a)} for b, a in d.changed],
            "removed": [_entry_json(e) for e in d.removed],
        } for d in plan.diffs],
        "warnings": [w.text for w in plan.warnings],
        "errors": [e.text for e in plan.errors],
    }


def _print_plan(plan: HolidayImportPlan) -> None:
    for d in plan.diffs:
        if d.unchanged:
            print(strings.CLI_HOLIDAYS_NO_CHANGE.format(year=d.year))
            continue
        mode = strings.CLI_HOLIDAYS_MODE_REPLACE if d.replace else strings.CLI_HOLIDAYS_MODE_MERGE
        print(strings.CLI_HOLIDAYS_DIFF.format(year=d.year, mode=mode, added=len(d.added),
                                               changed=len(d.changed), removed=len(d.removed)))
        for e in d.added:
            print(_entry_text(strings.CLI_HOLIDAYS_ADDED, e))
        for before, after in d.changed:
            print(_entry_text(strings.CLI_HOLIDAYS_CHANGED, after, old_name=before.name,
                              old_kind=strings.HOLIDAY_KIND_LABELS.get(before.kind,
                                                                       before.kind)))
        for e in d.removed:
            print(_entry_text(strings.CLI_HOLIDAYS_REMOVED, e))
    for w in plan.warnings:
        print(strings.CLI_HOLIDAYS_WARNING.format(text=w.text))


def cmd_holidays_import(args: argparse.Namespace) -> int:
    """Show the diff and warnings, then commit; a refused file exits 1, nothing written."""
    path = existing_file(args.file)
    with open_services(args) as services:
        plan = services.holidays.plan_import(path)
        if not plan.ok:
            if args.json:
                print_json(plan_json(plan))
            eprint(strings.HOLIDAY_IMPORT_REFUSED.format(file=path.name, n=len(plan.errors)))
            for problem in plan.errors:
                eprint(problem.text)
            return 1
        services.holidays.commit_import(plan)
    if args.json:
        print_json({**plan_json(plan), "committed": True})
    else:
        _print_plan(plan)
        print(strings.CLI_HOLIDAYS_DONE.format(
            years=strings.LIST_SEP.join(str(y) for y in plan.replace_years)))
    return 0


def cmd_holidays_list(args: argparse.Namespace) -> int:
    year = int(args.year)
    with open_services(args) as services:
        status = services.holidays.year_status(year)
        days = services.holidays.list_year(year)
    if args.json:
        print_json({"year": year, "status": status.status,
                    "days": [{"date": d.date.isoformat(), "kind": d.kind, "name": d.name}
                             for d in days]})
        return 0
    print(strings.CLI_HOLIDAYS_LIST_HEAD.format(
        year=year, n=len(days),
        status=strings.HOLIDAY_YEAR_STATUS_LABELS.get(status.status, status.status)))
    for d in days:
        print(_entry_text(strings.CLI_HOLIDAYS_LIST_ROW, DayEntry(d.date, d.kind, d.name)))
    return 0


def register(cmds: Commands) -> None:
    holidays = cmds.group("holidays", strings.H_CMD_HOLIDAYS)
    cmds.leaf(holidays, "import", strings.H_CMD_HOLIDAYS_IMPORT, cmd_holidays_import,
              json_flag=True).add_argument("file", help=strings.H_FILE)
    cmds.leaf(holidays, "list", strings.H_CMD_HOLIDAYS_LIST, cmd_holidays_list,
              json_flag=True).add_argument("year", type=YEAR, help=strings.H_YEAR)
