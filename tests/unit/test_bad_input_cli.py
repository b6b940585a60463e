"""Issue 17, deliverable 1 at the command line: ids and dates are range-checked where they
come in. Before the fix each of these ended in a traceback (OverflowError from SQLite or from
date arithmetic) or was accepted; now each is one Chinese line and a non-zero exit, and
nothing is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli, run_error

BIG = str(2**63)  # one more than SQLite's largest INTEGER


def audit_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.mark.parametrize("argv", [
    ["leave", "approve", BIG],
    ["leave", "pdf", BIG, "OUT"],
    ["overtime", "approve", BIG],
    ["change", "pdf", BIG, "notice", "OUT"],
    ["coverage", "revoke", BIG, "--reason", "x"],
])
def test_huge_ids_are_usage_errors(demo_db: Path, tmp_path: Path, argv: list[str]) -> None:
    argv = [str(tmp_path / "o.pdf") if a == "OUT" else a for a in argv]
    r = run_cli("--db", demo_db, *argv)
    assert r.code == 2 and r.out == "", r
    assert r.err.startswith("命令行参数有误：") and "编号应为 1–9223372036854775807 的整数" in r.err
    assert "Traceback" not in r.err
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize("argv", [
    ["incident", "waive", BIG, "--reason", "x"],
    ["incident", "waive", f"att-{BIG}-2026-11-02-am-late", "--reason", "x"],
    ["incident", "waive", "att-1-9999-12-31-am-late", "--reason", "x"],
    ["incident", "waive", "\u00b9", "--reason", "x"],
    ["service", "pdf", BIG, "OUT"],
    ["service", "pdf", "\u00b9", "OUT"],
])
def test_huge_or_odd_record_numbers_are_not_found(demo_db: Path, tmp_path: Path,
                                                  argv: list[str]) -> None:
    argv = [str(tmp_path / "o.pdf") if a == "OUT" else a for a in argv]
    err = run_error("--db", demo_db, *argv)
    assert "找不到" in err


def test_points_beyond_any_integer_column_are_refused(demo_db: Path) -> None:
    r = run_cli("--db", demo_db, "rules", "set", "late_early", BIG, "--from", "2026-12-01")
    assert r.code == 2 and "应为 -100000–100000 的整数" in r.err, r


@pytest.mark.parametrize("argv", [
    ["leave", "add", "--emp", "HX1001", "--type", "personal_leave", "--start", "2026-12-01",
     "--end", "9999-12-31", "--deputy", "HX1002", "--reason", "x"],
    ["settings", "set", "rules.late_grace_minutes", "5", "--from", "9999-12-31"],
    ["overtime", "add", "--emp", "HX1001", "--date", "9999-12-31", "--time", "18:00-20:00"],
    ["report", "set", "--emp", "HX1001", "--date", "9999-12-31", "--text", "x"],
    ["rules", "set", "late_early", "1", "--from", "9999-12-31"],
    ["change", "plan", "--change-date", "9999-12-31"],
    ["change", "plan", "--change-date", "1999-12-31"],
    ["incident", "add", "--emp", "HX1001", "--rule", "unrelated_activity", "--at",
     "9999-12-31 10:00"],
    ["month", "9999-12"],
])
def test_dates_outside_2000_2100_are_refused(demo_db: Path, argv: list[str]) -> None:
    run_cli("--db", demo_db, "month", "2026-10")  # the database opened once (migrated)
    before = audit_rows(demo_db)
    err = run_error("--db", demo_db, *argv)
    assert "超出可用范围（2000–2100 年）" in err, err
    assert audit_rows(demo_db) == before  # nothing written


def test_an_empty_time_is_a_message(demo_db: Path) -> None:
    err = run_error("--db", demo_db, "incident", "add", "--emp", "HX1001", "--rule",
                    "unrelated_activity", "--at", "")
    assert "时间" in err


def test_holiday_year_out_of_range(demo_db: Path) -> None:
    r = run_cli("--db", demo_db, "holidays", "list", "99999")
    assert r.code == 2 and "应为 2000–2100 的整数" in r.err


def test_a_control_character_in_a_leave_reason_is_refused(demo_db: Path) -> None:
    run_cli("--db", demo_db, "month", "2026-10")
    before = audit_rows(demo_db)
    err = run_error("--db", demo_db, "leave", "add", "--emp", "HX1001", "--type",
                    "personal_leave", "--start", "2026-12-01", "--end", "2026-12-01",
                    "--deputy", "HX1002", "--reason", "家里\x1b有事")
    assert err.startswith("请假事由含有不可见的控制字符（U+001B，位于第 3 个字符）"), err
    assert audit_rows(demo_db) == before


def test_a_deputy_who_is_the_applicant_is_refused(demo_db: Path) -> None:
    run_cli("--db", demo_db, "month", "2026-10")
    before = audit_rows(demo_db)
    err = run_error("--db", demo_db, "leave", "add", "--emp", "HX1001", "--type",
                    "personal_leave", "--start", "2026-12-01", "--end", "2026-12-01",
                    "--deputy", "HX1001", "--reason", "x")
    assert "工作代理人不能是申请人本人" in err
    assert audit_rows(demo_db) == before
