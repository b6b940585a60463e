"""The attendance commands of the command line (SPEC A1, A2, A5, D5): `settings show/set` and
`month YYYY-MM [--json] [--lock] [--reopen REASON]`.

`month` reads the real clock, so the values checked are those of October 2026, a month wholly
in the past (the suite runs on or after 2026-11-29), with punches inserted by the test.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from app import strings
from app.domain.roster import PersonFields
from app.services.punches import PunchRow
from tests.helpers.cli import run_cli
from tests.helpers.clock import FIXED_NOW
from tests.helpers.db import open_services

CJK = re.compile(r"[\u4e00-\u9fff]")
L = strings.LEGEND_DEFAULT
PERSON_KEYS = {"employee_no", "name", "required_days", "attended_days", "late_count",
               "late_minutes", "early_count", "early_minutes", "missing_punches",
               "absent_days", "leave_days", "overtime_hours", "needs_absence_explanation",
               "days"}
DAY_KEYS = {"am", "pm", "late_minutes", "early_minutes", "symbol"}


def _stamps(day: dt.date, *times: str) -> list[PunchRow]:
    return [PunchRow("5", dt.datetime.combine(day, dt.time.fromisoformat(t))) for t in times]


@pytest.fixture
def db(db_path: Path) -> Path:
    """One person (考勤号 5) with a late Monday and a normal Tuesday in October 2026."""
    s = open_services(db_path)
    try:
        s.roster.add(PersonFields(employee_no="E1", name="张三", device_user_id="5",
                                  start_date=dt.date(2026, 1, 1)))
        s.punches.record_batch("usb", "test", "DEV1", [
            *_stamps(dt.date(2026, 10, 12), "08:50", "12:05", "13:55", "17:35"),
            *_stamps(dt.date(2026, 10, 13), "08:25", "12:05", "13:55", "17:35")])
        # the clock read over the LAN after October: every October session is judged
        s.punches.record_batch("lan", "test", "DEV1", [],
                               covered_until=dt.datetime(2026, 11, 1, 9, 0),
                               covered_from=dt.datetime(2026, 1, 1))
    finally:
        s.close()
    return db_path


def _person(db: Path, month: str) -> dict[str, object]:
    code, out, err = run_cli("--db", db, "month", month, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert len(doc["people"]) == 1
    person: dict[str, object] = doc["people"][0]
    return person


# ---- settings ---------------------------------------------------------------------------------
def test_settings_set_from_a_date_shows_in_history(db: Path) -> None:
    """A1 CLI: `settings set schedule.am 08:00-12:00 --from 2026-06-01` is stored from that day."""
    code, out, err = run_cli("--db", db, "settings", "set", "schedule.am", "08:00-12:00",
                         "--from", "2026-06-01")
    assert (code, err) == (0, "")
    assert out.strip() == strings.SETTING_SAVED.format(key="schedule.am", value="08:00-12:00",
                                                       date="2026-06-01")
    code, out, _ = run_cli("--db", db, "settings", "show", "--json")
    shown = json.loads(out)
    assert code == 0
    assert {"key": "schedule.am", "value": "08:00-12:00",
            "effective_from": "2026-06-01"} in shown["history"]
    assert shown["date"] == FIXED_NOW.date().isoformat()  # the CLI's clock
    assert shown["defaults"]["schedule.am"] == "08:30-12:00"
    assert FIXED_NOW.date() >= dt.date(2026, 6, 1)
    assert shown["current"]["schedule.am"] == "08:00-12:00"


def test_settings_show_lists_every_rule(db: Path) -> None:
    """A2 CLI: `settings show` prints every rule with its Chinese label."""
    code, out, _ = run_cli("--db", db, "settings", "show")
    assert code == 0
    assert f"schedule.am = 08:30-12:00    # {strings.SETTING_LABELS['schedule.am']}" in out
    assert "rules.late_grace_minutes = 0" in out
    assert len(out.strip().splitlines()) == len(strings.SETTING_LABELS)


def test_settings_set_bad_value_exits_1(db: Path) -> None:
    """A1 CLI: 25:00 is no time: exit 1, one Chinese line on stderr, nothing stored."""
    code, out, err = run_cli("--db", db, "settings", "set", "schedule.am", "25:00-12:00")
    assert (code, out) == (1, "")
    assert CJK.search(err) and "schedule.am" in err and "25:00-12:00" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    _, out, _ = run_cli("--db", db, "settings", "show", "--json")
    assert json.loads(out)["history"] == []


def test_settings_set_unknown_key_exits_1(db: Path) -> None:
    """A2 CLI: an unknown key is refused, naming the keys that exist."""
    code, _, err = run_cli("--db", db, "settings", "set", "rules.lunch_minutes", "30")
    assert code == 1
    assert err.startswith(strings.SETTING_UNKNOWN.split("{")[0])
    assert "rules.late_grace_minutes" in err


def test_settings_set_bad_date_exits_1(db: Path) -> None:
    """A2 CLI: an impossible effective date is refused."""
    code, _, err = run_cli("--db", db, "settings", "set", "rules.late_grace_minutes", "15",
                       "--from", "2026-02-30")
    assert code == 1
    assert err.strip() == strings.SETTING_BAD_DATE.format(value="2026-02-30")


def test_grace_set_on_the_cli_changes_the_month(db: Path) -> None:
    """A2 CLI: grace 30 from 2026-10-01 makes the 08:50 arrival on time."""
    assert _person(db, "2026-10")["late_minutes"] == 20
    code, _, _ = run_cli("--db", db, "settings", "set", "rules.late_grace_minutes", "30",
                     "--from", "2026-10-01")
    assert code == 0
    assert _person(db, "2026-10")["late_minutes"] == 0


# ---- month -------------------------------------------------------------------------------------
@pytest.mark.parametrize("month", ["2026-10", "2026-11"])
def test_month_json_has_the_documented_keys(db: Path,
                                            month: str) -> None:
    """A5 CLI: `month --json` carries the documented figures and one entry per day."""
    code, out, _ = run_cli("--db", db, "month", month, "--json")
    assert code == 0
    doc = json.loads(out)
    assert {"month", "provisional", "locked", "people"} <= doc.keys()
    assert (doc["month"], doc["provisional"], doc["locked"]) == (month, False, False)
    person = doc["people"][0]
    assert person.keys() >= PERSON_KEYS
    assert isinstance(person["leave_days"], dict)
    year, mon = (int(x) for x in month.split("-"))
    first = dt.date(year, mon, 1)
    dates = [first + dt.timedelta(days=i) for i in range(31 if mon == 10 else 30)]
    assert list(person["days"]) == [d.isoformat() for d in dates]
    assert all(set(v) == DAY_KEYS for v in person["days"].values())


def test_month_json_values(db: Path) -> None:
    """A5 CLI: October 2026: 18 working days, one late day, the rest absent."""
    person = _person(db, "2026-10")
    assert (person["employee_no"], person["name"]) == ("E1", "张三")
    assert (person["required_days"], person["attended_days"], person["absent_days"]) == (18, 2,
                                                                                         16)
    assert (person["late_count"], person["late_minutes"]) == (1, 20)
    assert (person["early_count"], person["missing_punches"]) == (0, 0)
    assert (person["leave_days"], person["overtime_hours"]) == ({}, 0)
    assert person["needs_absence_explanation"] is True
    days = person["days"]
    assert isinstance(days, dict)
    assert days["2026-10-12"] == {"am": "late", "pm": "present", "late_minutes": 20,
                                  "early_minutes": 0, "symbol": L["late"]}
    assert days["2026-10-13"]["symbol"] == L["present"]
    assert days["2026-10-01"]["am"] == "holiday" and days["2026-10-10"]["am"] == "absent"


def test_month_text_output(db: Path) -> None:
    """A5 CLI: the plain output has a head line and one line per person, flagged."""
    code, out, _ = run_cli("--db", db, "month", "2026-10")
    assert code == 0
    head, through, row = out.strip().splitlines()
    assert head == strings.CLI_MONTH_HEAD.format(month="2026-10", mark="", n=1)
    assert through == strings.COVERAGE_THROUGH.format(at="2026-11-01 09:00") + \
        strings.COVERAGE_SINCE.format(since="2026-01-01")
    assert "E1" in row and row.endswith(strings.CLI_MONTH_FLAG)


@pytest.mark.parametrize("bad", ["2026-13", "2026-00", "2026/10", "oct"])
def test_month_bad_value_exits_1(db_path: Path,
                                 bad: str) -> None:
    """A5 CLI: an impossible month is one Chinese line and exit 1."""
    code, out, err = run_cli("--db", db_path, "month", bad, "--json")
    assert (code, out) == (1, "")
    assert err.strip() == strings.MONTH_BAD.format(value=bad)


def test_month_lock_and_reopen(db: Path) -> None:
    """Lock CLI: --lock freezes the month, --reopen needs a reason and unfreezes it."""
    before = _person(db, "2026-10")
    code, out, _ = run_cli("--db", db, "month", "2026-10", "--lock")
    assert code == 0 and strings.CLI_MONTH_LOCKED.format(month="2026-10") in out
    code, out, _ = run_cli("--db", db, "month", "2026-10", "--json")
    doc = json.loads(out)
    assert doc["locked"] is True
    assert doc["people"][0] == before

    code, _, err = run_cli("--db", db, "month", "2026-10", "--lock")
    assert code == 1 and err.strip() == strings.MONTH_ALREADY_LOCKED.format(month="2026-10")
    code, _, err = run_cli("--db", db, "month", "2026-10", "--reopen", " ")
    assert code == 1 and err.strip() == strings.MONTH_REOPEN_NEEDS_REASON

    code, out, _ = run_cli("--db", db, "month", "2026-10", "--reopen", "补录打卡")
    assert code == 0 and strings.CLI_MONTH_REOPENED.format(month="2026-10") in out
    code, out, _ = run_cli("--db", db, "month", "2026-10", "--json")
    assert json.loads(out)["locked"] is False
    code, _, err = run_cli("--db", db, "month", "2026-10", "--reopen", "again")
    assert code == 1 and err.strip() == strings.MONTH_NOT_LOCKED.format(month="2026-10")
    code, out, _ = run_cli("--db", db, "audit", "verify", "--json")
    assert code == 0 and json.loads(out)["ok"] is True


@pytest.mark.parametrize("action", [("--lock",), ("--reopen", "补录打卡")])
def test_month_lock_with_json_prints_only_json(db: Path,
                                               action: tuple[str, ...]) -> None:
    """D5 CLI: with --json, stdout is exactly one JSON document, also when locking."""
    if action[0] == "--reopen":
        assert run_cli("--db", db, "month", "2026-10", "--lock")[0] == 0
    code, out, _ = run_cli("--db", db, "month", "2026-10", *action, "--json")
    assert code == 0
    assert json.loads(out)["locked"] is (action[0] == "--lock")
