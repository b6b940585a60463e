"""`onsitedesk scores|incident|rules` (SPEC S1–S3; issue 9).

October 2026 is wholly in the past; ``--now`` pins the computation anyway, so the JSON does
not depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app import strings
from app.domain.roster import PersonFields
from app.services.punches import PunchRow
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services

NOW = ["--now", "2026-11-29 12:00"]


def _stamps(uid: str, day: dt.date, *times: str) -> list[PunchRow]:
    return [PunchRow(uid, dt.datetime.combine(day, dt.time.fromisoformat(t))) for t in times]


@pytest.fixture
def db(db_path: Path) -> Path:
    """E1 (考勤号 5): late on Monday 12th and Tuesday 13th, severely late on Wednesday 14th;
    E2 (6): always on time."""
    s = open_services(db_path)
    try:
        for no, name, uid in (("E1", "张三", "5"), ("E2", "李四", "6")):
            s.roster.add(PersonFields(employee_no=no, name=name, device_user_id=uid,
                                      start_date=dt.date(2026, 1, 1)))
        s.punches.record_batch("usb", "test", "DEV1", [
            *_stamps("5", dt.date(2026, 10, 12), "08:40", "12:05", "13:55", "17:35"),
            *_stamps("5", dt.date(2026, 10, 13), "08:45", "12:05", "13:55", "17:35"),
            *_stamps("5", dt.date(2026, 10, 14), "09:10", "12:05", "13:55", "17:35"),
            *_stamps("6", dt.date(2026, 10, 12), "08:20", "12:05", "13:55", "17:35")])
    finally:
        s.close()
    return db_path


def _scores(db: Path) -> dict[str, Any]:
    code, out, err = run_cli("--db", db, "scores", "2026-10", "--json", *NOW)
    assert (code, err) == (0, ""), err
    doc: dict[str, Any] = json.loads(out)
    return doc


def _person(doc: dict[str, Any], no: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in doc["people"] if p["employee_no"] == no)
    return found


def test_scores_json_per_person(db: Path) -> None:
    doc = _scores(db)
    assert (doc["month"], doc["base"], doc["threshold"]) == ("2026-10", 100, 90)
    e1, e2 = _person(doc, "E1"), _person(doc, "E2")
    assert {k: e1[k] for k in ("name", "base", "deductions", "rewards", "score", "rank",
                               "flagged")} == {"name": "张三", "base": 100, "deductions": 20,
                                               "rewards": 0, "score": 80, "rank": 2,
                                               "flagged": True}
    assert [(i["rule"], i["points"], i["date"], i["source"], i["waived"])
            for i in e1["incidents"]] == [
        ("late_early", -5, "2026-10-12", "attendance", False),
        ("late_early", -5, "2026-10-13", "attendance", False),
        ("severe_late_early", -10, "2026-10-14", "attendance", False)]
    assert (e2["score"], e2["rank"], e2["incidents"]) == (100, 1, [])


def test_incident_add_then_waive(db: Path) -> None:
    code, out, err = run_cli("--db", db, "incident", "add", "--emp", "E2", "--rule", "smoking",
                         "--at", "2026-10-20 15:30", "--note", "楼梯间吸烟", "--json")
    assert (code, err) == (0, ""), err
    added = json.loads(out)
    assert (added["rule"], added["points"], added["date"], added["time"], added["source"],
            added["note"]) == ("smoking", -10, "2026-10-20", "15:30", "manual", "楼梯间吸烟")
    assert _person(_scores(db), "E2")["score"] == 90
    code, out, err = run_cli("--db", db, "incident", "waive", added["id"], "--reason", "误报")
    assert (code, err) == (0, "")
    assert out.strip() == strings.SCORE_CLI_WAIVED.format(id=added["id"])
    e2 = _person(_scores(db), "E2")
    assert e2["score"] == 100
    assert e2["incidents"][0]["waived"] and e2["incidents"][0]["waive_reason"] == "误报"


def test_waive_an_attendance_incident_by_its_id(db: Path) -> None:
    severe = _person(_scores(db), "E1")["incidents"][2]
    assert severe["id"].startswith("att-")
    code, _, err = run_cli("--db", db, "incident", "waive", severe["id"], "--reason", "道路封闭")
    assert (code, err) == (0, "")
    e1 = _person(_scores(db), "E1")
    assert (e1["score"], e1["flagged"], e1["incidents"][2]["waived"]) == (90, False, True)


def test_rules_list_and_set_from_a_date(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "rules", "list", "--json")
    rules = {r["code"]: r for r in json.loads(out)}
    assert code == 0
    assert (rules["late_early"]["points"], rules["property_damage"]["points"]) == (-5, -20)
    assert not rules["gifts_kickbacks"]["active"]
    assert rules["untidy"]["label"] == "工作环境不整洁"
    code, out, err = run_cli("--db", db, "rules", "set", "late_early", "3", "--from", "2026-11-01")
    assert (code, err) == (0, "")
    assert out.strip() == strings.SCORE_CLI_RULE_SET.format(label="迟到早退", points=-3,
                                                            date="2026-11-01")
    code, out, _ = run_cli("--db", db, "rules", "list", "--json", "--on", "2026-11-01")
    assert {r["code"]: r["points"] for r in json.loads(out)}["late_early"] == -3
    assert _person(_scores(db), "E1")["score"] == 80  # October keeps −5


def test_rules_retire_add_and_setting(db: Path) -> None:
    assert run_cli("--db", db, "rules", "add", "praise", "甲方表扬", "2", "--reward",
               "--from", "2026-10-01")[0] == 0
    assert run_cli("--db", db, "rules", "retire", "severe_late_early", "--from",
               "2026-10-14")[0] == 0
    assert run_cli("--db", db, "rules", "setting", "threshold", "85", "--from",
               "2026-10-01")[0] == 0
    run_cli("--db", db, "incident", "add", "--emp", "E1", "--rule", "praise", "--at",
        "2026-10-22 10:00")
    e1 = _person(_scores(db), "E1")
    assert (e1["deductions"], e1["rewards"], e1["score"], e1["flagged"]) == (10, 2, 92, False)


def test_human_output(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "scores", "2026-10", *NOW)
    lines = out.strip().splitlines()
    assert code == 0
    assert lines[0] == strings.SCORE_CLI_HEAD.format(month="2026-10", n=2, base=100)
    assert "李四" in lines[1] and "张三" in lines[2]
    assert strings.SCORE_CLI_FLAG.format(label=strings.SCORE_FLAG_DEFAULT) in lines[2]


def test_pdf_and_xlsx(db: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "s.pdf", tmp_path / "s.xlsx"
    code, out, err = run_cli("--db", db, "scores", "2026-10", "--pdf", str(pdf), "--xlsx",
                         str(xlsx), "--json", *NOW)
    assert code == 0, err
    assert json.loads(out)["month"] == "2026-10"  # stdout: only the JSON document
    assert strings.CLI_PDF_DONE.format(path=pdf) in err
    assert pdf.read_bytes()[:4] == b"%PDF" and xlsx.stat().st_size > 4000


@pytest.mark.parametrize(("argv", "needle"), [
    (("incident", "add", "--emp", "E1", "--rule", "nope", "--at", "2026-10-20 10:00"), "nope"),
    (("incident", "add", "--emp", "E1", "--rule", "late_early", "--at", "2026-10-20 10:00"),
     "迟到早退"),
    (("incident", "add", "--emp", "E1", "--rule", "untidy", "--at", "20.10.2026"), "20.10"),
    (("incident", "add", "--emp", "X9", "--rule", "untidy", "--at", "2026-10-20 10:00"), "X9"),
    (("incident", "waive", "12345", "--reason", "r"), "12345"),
    (("rules", "set", "untidy", "5", "--from", "someday"), "someday"),
])
def test_expected_errors_are_one_chinese_line(db: Path,
                                              argv: tuple[str, ...], needle: str) -> None:
    code, out, err = run_cli("--db", db, *argv)
    assert (code, out) == (1, "")
    assert needle in err and err.count("\n") == 1
