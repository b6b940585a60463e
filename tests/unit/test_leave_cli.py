"""The leave and overtime commands of the command line (SPEC L1–L7, O1, D5; issue 7):
`leave add/approve/reject/return/extend/list`, `overtime add/approve`, and `month --json`
reflecting them.

`month` reads the real clock, so the months checked are October 2026 or earlier, wholly in
the past (the suite runs on or after 2026-11-29). Expected errors exit 1 with one Chinese
line on stderr.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from app import strings
from app.domain.roster import PersonFields
from tests.helpers.cli import run_cli, run_error, run_json
from tests.helpers.db import open_services

CJK = re.compile(r"[\u4e00-\u9fff]")
L = strings.LEGEND_DEFAULT


@pytest.fixture
def db(db_path: Path) -> Path:
    """E1 (考勤号 5) and the covering colleague E2 (考勤号 6), on site since 2026-01-01."""
    s = open_services(db_path)
    try:
        for no, uid in (("E1", "5"), ("E2", "6")):
            s.roster.add(PersonFields(employee_no=no, name=f"员工{no}", device_user_id=uid,
                                      start_date=dt.date(2026, 1, 1)))
        # the clock, in use all year, was read after October: every October session is
        # judged (issue 14: without clock data a session reads "no data", not absent)
        s.punches.record_batch("lan", "test", "DEV1", [],
                               covered_until=dt.datetime(2026, 11, 1, 9, 0),
                               covered_from=dt.datetime(2026, 1, 1))
    finally:
        s.close()
    return db_path


def add(db: Path, start: str, end: str, filed_at: str,
        *extra: str) -> dict[str, Any]:
    doc: dict[str, Any] = run_json("--db", db, "leave", "add", "--emp", "E1", "--type",
                                   "personal_leave", "--start", start, "--end", end,
                                   "--filed-at", filed_at, *extra)
    return doc


def october_e1(db: Path) -> dict[str, Any]:
    doc = run_json("--db", db, "month", "2026-10")
    person: dict[str, Any] = next(p for p in doc["people"] if p["employee_no"] == "E1")
    return person


# ---- leave add --------------------------------------------------------------------------------
def test_leave_add_json_reports_late_filing(db: Path) -> None:
    """L2 CLI: `leave add ... --json` filed on the day prints id, days, ["late_filing"]."""
    doc = add(db, "2026-03-10", "2026-03-10", "2026-03-10 08:00", "--deputy", "E2")
    assert isinstance(doc["id"], int)
    assert (doc["days"], doc["violations"], doc["state"]) == (1.0, ["late_filing"],
                                                              "submitted")
    assert (doc["start"], doc["end"], doc["type"]) == ("2026-03-10am", "2026-03-10pm",
                                                       "personal_leave")


def test_leave_add_half_days_in_time(db: Path) -> None:
    """L1/L2 CLI: 03-10pm..03-11am filed 03-09 10:00 is 1 day with no violations."""
    doc = add(db, "2026-03-10pm", "2026-03-11am", "2026-03-09 10:00",
              "--deputy", "E2")
    assert (doc["days"], doc["violations"]) == (1.0, [])


def test_leave_add_text_names_the_violation_in_chinese(db: Path) -> None:
    """L3 CLI: without --deputy the text output adds the Chinese deputy_missing line."""
    code, out, err = run_cli("--db", db, "leave", "add", "--emp", "E1", "--type", "personal_leave",
                         "--start", "2026-03-10", "--end", "2026-03-11",
                         "--filed-at", "2026-03-01 09:00")
    assert (code, err) == (0, "")
    assert "共 2 天" in out
    assert strings.LEAVE_VIOLATION_LABELS["deputy_missing"] in out


def test_emergency_leave_from_the_command_line(db: Path) -> None:
    """L4 CLI: --emergency needs --contacted; with it, filing on the day is not late."""
    err = run_error("--db", db, "leave", "add", "--emp", "E1", "--type", "personal_leave",
                 "--start", "2026-03-10", "--end", "2026-03-10", "--filed-at",
                 "2026-03-10 07:30", "--deputy", "E2", "--emergency")
    assert err == strings.LEAVE_EMERGENCY_NEEDS_CONTACT
    doc = add(db, "2026-03-10", "2026-03-10", "2026-03-10 07:30", "--deputy", "E2",
              "--emergency", "--contacted", "项目经理")
    assert (doc["emergency"], doc["backfiled"], doc["violations"]) == (True, False, [])


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--type", "holiday_leave", strings.LEAVE_BAD_TYPE.split("：")[0]),
    ("--start", "2026-13-01", strings.LEAVE_BAD_DATE.split("：")[0]),
    ("--end", "2026-03-11xx", strings.LEAVE_BAD_DATE.split("：")[0]),
    ("--filed-at", "yesterday", strings.LEAVE_BAD_DATETIME.split("：")[0]),
    ("--emp", "NOPE", "花名册中没有工号"),
], ids=["unknown_type", "bad_start", "bad_end", "bad_filed_at", "unknown_employee"])
def test_leave_add_bad_input_exits_1(db: Path, flag: str,
                                     value: str, message: str) -> None:
    """L1 CLI: unknown type, bad date/time or 工号 → exit 1, one Chinese line, nothing stored."""
    args = {"--emp": "E1", "--type": "personal_leave", "--start": "2026-03-10",
            "--end": "2026-03-11", "--filed-at": "2026-03-01 09:00"}
    args[flag] = value
    err = run_error("--db", db, "leave", "add", *[x for kv in args.items() for x in kv])
    assert err.startswith(message) and value in err
    assert run_json("--db", db, "leave", "list") == []


# ---- approve, reject, return, extend, list; month reflects them -------------------------------
def test_approved_leave_shows_in_month_json(db: Path) -> None:
    """A4 CLI: after `leave approve ID`, `month 2026-10 --json` shows 事 and leave_days."""
    doc = add(db, "2026-10-12", "2026-10-13", "2026-10-01 09:00", "--deputy", "E2")
    before = october_e1(db)
    assert before["days"]["2026-10-12"]["symbol"] == L["absent"]
    assert before["leave_days"] == {}
    approved = run_json("--db", db, "leave", "approve", str(doc["id"]), "--by", "王经理")
    assert approved["state"] == "approved"
    after = october_e1(db)
    for day in ("2026-10-12", "2026-10-13"):
        assert after["days"][day] == {"am": "leave", "pm": "leave", "late_minutes": 0,
                                      "early_minutes": 0, "symbol": "事"}
    assert after["leave_days"] == {"personal_leave": 2.0}


def test_client_approval_keeps_the_state(db: Path) -> None:
    """L7 CLI: `--role client_dept` approval is recorded; the PM's approval changes the state."""
    doc = add(db, "2026-10-12", "2026-10-12", "2026-10-01 09:00", "--deputy", "E2")
    client = run_json("--db", db, "leave", "approve", str(doc["id"]), "--by", "信息科",
                      "--role", "client_dept")
    assert client["state"] == "submitted"
    code, out, _ = run_cli("--db", db, "leave", "approve", str(doc["id"]))
    assert (code, out.strip()) == (0, strings.CLI_LEAVE_DONE.format(
        id=doc["id"], state=strings.LEAVE_STATE_LABELS["approved"]))


def test_early_return_from_the_command_line(db: Path) -> None:
    """L7 CLI: `leave return ID --date 2026-10-14` on a Mon–Fri leave frees Wed–Fri."""
    doc = add(db, "2026-10-12", "2026-10-16", "2026-10-01 09:00", "--deputy", "E2")
    run_json("--db", db, "leave", "approve", str(doc["id"]))
    back = run_json("--db", db, "leave", "return", str(doc["id"]), "--date", "2026-10-14")
    assert (back["state"], back["returned_on"]) == ("returned", "2026-10-14")
    person = october_e1(db)
    assert [person["days"][f"2026-10-{d}"]["symbol"] for d in range(12, 17)] == [
        "事", "事", "旷", "旷", "旷"]
    assert person["leave_days"] == {"personal_leave": 2.0}
    err = run_error("--db", db, "leave", "return", str(doc["id"]), "--date", "2026-10-15")
    assert strings.LEAVE_STATE_LABELS["returned"] in err


def test_extension_from_the_command_line(db: Path) -> None:
    """L5 CLI: `leave extend ID --end` files the days after, which count once approved."""
    doc = add(db, "2026-10-12", "2026-10-14", "2026-10-01 09:00", "--deputy", "E2")
    run_json("--db", db, "leave", "approve", str(doc["id"]))
    ext = run_json("--db", db, "leave", "extend", str(doc["id"]), "--end", "2026-10-16",
                   "--filed-at", "2026-10-14 09:00")
    assert (ext["start"], ext["end"], ext["days"], ext["extension_of"]) == (
        "2026-10-15am", "2026-10-16pm", 2.0, doc["id"])
    assert october_e1(db)["days"]["2026-10-15"]["symbol"] == "旷"
    run_json("--db", db, "leave", "approve", str(ext["id"]))
    assert october_e1(db)["leave_days"] == {"personal_leave": 5.0}


def test_rejected_leave_cannot_be_approved(db: Path) -> None:
    """L7 CLI: reject needs --note; a rejected request cannot be approved (exit 1)."""
    doc = add(db, "2026-10-12", "2026-10-12", "2026-10-01 09:00", "--deputy", "E2")
    assert run_error("--db", db, "leave", "reject", str(doc["id"])) == strings.LEAVE_NEEDS_REASON
    rejected = run_json("--db", db, "leave", "reject", str(doc["id"]), "--note", "人手不足")
    assert rejected["state"] == "rejected"
    err = run_error("--db", db, "leave", "approve", str(doc["id"]))
    assert err == strings.LEAVE_BAD_TRANSITION.format(
        id=doc["id"], state=strings.LEAVE_STATE_LABELS["rejected"],
        action=strings.LEAVE_ACTIONS["approve"])
    assert run_error("--db", db, "leave", "approve", "999") == strings.LEAVE_NOT_FOUND.format(
        id=999)


def test_leave_list_by_month(db: Path) -> None:
    """L7 CLI: `leave list --month 2026-10 --json` lists the requests touching October."""
    add(db, "2026-09-29", "2026-10-09", "2026-09-20 09:00", "--deputy", "E2")
    add(db, "2026-11-02", "2026-11-02", "2026-10-20 09:00", "--deputy", "E2")
    rows = run_json("--db", db, "leave", "list", "--month", "2026-10")
    # counted: 09-29, 09-30, 10-08, 10-09 (10-01..10-07 is the National Day break)
    assert [(r["start"], r["days"]) for r in rows] == [("2026-09-29am", 4.0)]
    assert len(run_json("--db", db, "leave", "list")) == 2


# ---- overtime ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("day", "kind", "rate"), [
    ("2026-10-12", "workday", 1.5), ("2026-10-17", "rest_day", 2.0),
    ("2026-10-01", "statutory_holiday", 3.0), ("2026-10-10", "adjusted_workday", 1.5)])
def test_overtime_add_json_gives_rate_and_day_kind(db: Path, day: str, kind: str,
                                                   rate: float) -> None:
    """O1 CLI: `overtime add ... --json` gives the day kind from the calendar and the rate."""
    doc = run_json("--db", db, "overtime", "add", "--emp", "E1", "--date", day,
                   "--time", "18:00-20:30", "--applied-at", "2026-09-30 09:00")
    assert (doc["day_kind"], doc["rate"], doc["hours"]) == (kind, rate, 2.5)
    assert (doc["kind"], doc["state"], doc["late_application"]) == ("voluntary", "submitted",
                                                                    False)


def test_overtime_approved_counts_in_the_month(db: Path) -> None:
    """O1 CLI: late application marked; `overtime approve ID` adds to the month's hours."""
    doc = run_json("--db", db, "overtime", "add", "--emp", "E1", "--date", "2026-10-17",
                   "--time", "09:00-12:00", "--kind", "required", "--comp-time",
                   "--applied-at", "2026-10-17 10:00")
    assert (doc["late_application"], doc["comp_time"], doc["rate"]) == (True, True, 2.0)
    assert october_e1(db)["overtime_hours"] == 0.0
    code, out, _ = run_cli("--db", db, "overtime", "approve", str(doc["id"]))
    assert (code, out.strip()) == (0, strings.CLI_LEAVE_DONE.format(
        id=doc["id"], state=strings.LEAVE_STATE_LABELS["approved"]))
    assert october_e1(db)["overtime_hours"] == 3.0
    err = run_error("--db", db, "overtime", "add", "--emp", "E1", "--date", "2026-10-12",
                 "--time", "18:00-25:00")
    assert "18:00-25:00" in err


def test_emergency_leave_contacted_at_from_the_command_line(db: Path) -> None:
    """Issue 15: --contacted-at records when the person called; the form prints it."""
    doc = add(db, "2026-03-10", "2026-03-10", "2026-03-10 09:00", "--deputy", "E2",
              "--emergency", "--contacted", "项目经理", "--contacted-at", "2026-03-10 07:15")
    s = open_services(db)
    try:
        leave = s.leave.get(doc["id"])
    finally:
        s.close()
    assert (leave.contacted_whom, leave.contacted_at) == ("项目经理",
                                                          dt.datetime(2026, 3, 10, 7, 15))
    err = run_error("--db", db, "leave", "add", "--emp", "E1", "--type", "personal_leave",
                    "--start", "2026-03-12", "--end", "2026-03-12", "--emergency",
                    "--contacted", "项目经理", "--contacted-at", "soon")
    assert err.startswith(strings.LEAVE_BAD_DATETIME.split("：")[0])
