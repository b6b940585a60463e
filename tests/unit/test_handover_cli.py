"""The change commands of the command line (SPEC C1-C5, D5; issue 8): `change plan`,
`change add`, `change list` and `change pdf`. Expected errors exit 1 with one Chinese line on
stderr; usage errors exit 2."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from app.domain.roster import PersonFields
from tests.helpers.cli import run_cli, run_error, run_json
from tests.helpers.db import open_services

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """L1 leaves (last day 2026-12-18), J1 replaces them (pending from 2026-12-07)."""
    path = tmp_path_factory.mktemp("cli") / "onsitedesk.db"
    s = open_services(path, daily_backup=False)
    try:
        for no, status, start, end in (("L1", "handover", dt.date(2025, 9, 1),
                                        dt.date(2026, 12, 18)),
                                       ("J1", "pending", dt.date(2026, 12, 7), None)):
            s.roster.add(PersonFields(employee_no=no, name=f"员工{no}", start_date=start,
                                      end_date=end, status=status))
    finally:
        s.close()
    return path


@pytest.fixture
def db(template: Path, db_path: Path) -> Path:
    db_path.parent.mkdir(parents=True)
    shutil.copyfile(template, db_path)
    return db_path


# ---- plan ------------------------------------------------------------------------------------
def test_plan_prints_every_deadline(db: Path) -> None:
    doc = run_json("--db", db, "change", "plan", "--change-date", "2026-12-21")
    assert doc == {"change_date": "2026-12-21", "notice_due": "2026-11-21",
                   "application_due": "2026-12-03", "handover_start_latest": "2026-12-07",
                   "provisional": False}


def test_plan_with_a_demand_date_adds_the_replacement_limit(
        db: Path) -> None:
    """National Day 2025: demand Fri 09-26 -> the 15th working day is Thu 10-23."""
    doc = run_json("--db", db, "change", "plan", "--change-date", "2025-10-23",
                   "--demand-date", "2025-09-26")
    assert doc["replacement_due"] == "2025-10-23"
    # 12 back from Thu 10-23: 22, 21, 20, 17 .. 13 (8), Sat 10-11 (9), 10 (10), 09 (11),
    # [10-08 .. 10-01 off], Tue 09-30 (12)
    assert doc["application_due"] == "2025-09-30"


def test_plan_in_an_unconfirmed_year_is_provisional(db: Path) -> None:
    doc = run_json("--db", db, "change", "plan", "--change-date", "2027-03-01")
    assert doc["provisional"] is True and doc["notice_due"] == "2027-02-01"


def test_plan_as_text(db: Path) -> None:
    code, out, _ = run_cli("--db", db, "change", "plan", "--change-date", "2026-12-21")
    assert code == 0
    assert "2026-11-21" in out and "2026-12-03" in out and "2026-12-07" in out


def test_plan_with_a_bad_date_is_an_expected_error(db: Path) -> None:
    assert "2026-13-01" in run_error("--db", db, "change", "plan", "--change-date", "2026-13-01")


# ---- add, list, pdf --------------------------------------------------------------------------
def test_add_prints_the_id_and_the_deadlines(db: Path) -> None:
    doc = run_json("--db", db, "change", "add", "--kind", "replace", "--leaving", "L1",
                   "--joining", "J1", "--change-date", "2026-12-21", "--reason", "本人原因")
    assert doc["id"] == 1 and doc["kind"] == "replace"
    assert (doc["leaving"], doc["joining"]) == ("L1", "J1")
    assert (doc["notice_due"], doc["application_due"], doc["handover_start_latest"]) == (
        "2026-11-21", "2026-12-03", "2026-12-07")
    assert (doc["handover_start"], doc["handover_end"], doc["handover_days"]) == (
        "2026-12-07", "2026-12-18", 10)
    assert doc["open_items"] == 8
    code, out, _ = run_cli("--db", db, "change", "add", "--kind", "leave", "--leaving", "J1",
                       "--change-date", "2027-01-11")
    assert code == 0 and "#2" in out and "（暂估）" in out


def test_add_client_demanded_needs_a_demand_date(db: Path) -> None:
    err = run_error("--db", db, "change", "add", "--kind", "client_demanded", "--leaving", "L1",
                 "--joining", "J1", "--change-date", "2026-12-21")
    assert "甲方" in err
    doc = run_json("--db", db, "change", "add", "--kind", "client_demanded", "--leaving", "L1",
                   "--joining", "J1", "--change-date", "2026-12-21",
                   "--demand-date", "2026-12-01")
    assert doc["replacement_due"] == "2026-12-22"


def test_add_with_an_unknown_employee_or_kind(db: Path) -> None:
    assert "X9" in run_error("--db", db, "change", "add", "--kind", "leave", "--leaving", "X9",
                          "--change-date", "2026-12-21")
    usage = run_cli("--db", db, "change", "add", "--kind", "transfer", "--leaving", "L1",
                    "--change-date", "2026-12-21")
    assert usage.code == 2 and "transfer" in usage.err


def test_list_and_pdf(db: Path, tmp_path: Path) -> None:
    run_json("--db", db, "change", "add", "--kind", "replace", "--leaving", "L1", "--joining",
             "J1", "--change-date", "2026-12-21")
    rows = run_json("--db", db, "change", "list")
    assert [(r["id"], r["who"], r["state"]) for r in rows] == [(1, "员工L1 → 员工J1",
                                                                "planned")]
    code, out, _ = run_cli("--db", db, "change", "list")
    assert code == 0 and "员工L1 → 员工J1" in out
    for kind in ("notice", "application", "handover"):
        out_file = tmp_path / f"{kind}.pdf"
        code, out, err = run_cli("--db", db, "change", "pdf", "1", kind, str(out_file))
        assert code == 0, err
        assert out_file.read_bytes().startswith(b"%PDF")
    assert "#7" in run_error("--db", db, "change", "pdf", "7", "notice", str(tmp_path / "x.pdf"))
    usage = run_cli("--db", db, "change", "pdf", "1", "memo", str(tmp_path / "x.pdf"))
    assert usage.code == 2 and "memo" in usage.err
