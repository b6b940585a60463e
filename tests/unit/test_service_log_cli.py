"""``onsitedesk service …`` and ``onsitedesk report …`` (SPEC V1–V3, D5): JSON on stdout,
one Chinese line on stderr and exit 1 for expected errors."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import strings
from app.services.demo import fill_demo
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services


def clear_service_log(path: Path) -> None:
    """Empty the service log of a demo database, whether or not the demo wrote one."""
    con = sqlite3.connect(path)
    try:
        with con:
            for table in ("service_record_staff", "service_record", "daily_report",
                          "service_setting"):
                con.execute(f"DELETE FROM {table}")
    finally:
        con.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo roster, built once and copied for each test."""
    path = tmp_path_factory.mktemp("svc-cli") / "onsitedesk.db"
    services = open_services(path)
    try:
        fill_demo(services, dt.date(2026, 11, 29))
    finally:
        services.close()
    clear_service_log(path)
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> str:
    path = tmp_path / "data" / "onsitedesk.db"
    path.parent.mkdir()
    src, dst = sqlite3.connect(template), sqlite3.connect(path)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return str(path)


def add(db: str, *extra: str) -> dict[str, Any]:
    code, out, err = run_cli("--db", db, "service", "add", "--type", "fault",
                         "--source", "phone", "--reporter", "值班医生", "--dept", "急诊科",
                         "--staff", "HX1002,HX1003", "--location", "急诊科诊室",
                         "--content", "HIS 无法登录", "--json", *extra)
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_add_across_midnight_and_the_month_end(db: str) -> None:
    r = add(db, "--reported-at", "2026-10-31 23:50", "--responded-at",
            "2026-11-01 00:15", "--resolved-at", "2026-11-01 01:50")
    assert r["number"] == "YW-2026-10-001"
    assert (r["response_minutes"], r["response"]) == (25, "met")
    assert (r["resolution_minutes"], r["resolution"]) == (120, "met")
    assert r["result"] == "resolved"  # resolved time given -> resolved
    assert [s["employee_no"] for s in r["staff"]] == ["HX1002", "HX1003"]
    assert r["head_count"] == 2


def test_month_json_has_records_and_the_summary(db: str) -> None:
    add(db, "--reported-at", "2026-10-30 09:00", "--responded-at", "2026-10-30 09:31",
        "--resolved-at", "2026-10-30 11:01")
    add(db, "--reported-at", "2026-10-30 16:40", "--responded-at", "2026-10-30 16:50",
        "--result", "pending", "--reason", "等待厂家")
    code, out, _ = run_cli("--db", db, "service", "month", "2026-10", "--json")
    assert code == 0
    data = json.loads(out)
    summary = data["summary"]
    assert summary["total"] == 2
    assert summary["response"] == {"target": 30, "met": 1, "missed": 1, "undecided": 0,
                                   "decided": 2, "percent": 50.0, "median": 20.5,
                                   "worst": 31}
    assert summary["resolution"]["missed"] == 2
    assert summary["open"] == ["YW-2026-10-002"]
    code, out, _ = run_cli("--db", db, "service", "month", "2026-11", "--json")
    nov = json.loads(out)
    assert [(r["number"], r["carried_over"]) for r in nov["records"]] == [
        ("YW-2026-10-002", True)]
    assert nov["summary"]["carried_over"] == ["YW-2026-10-002"]
    code, out, _ = run_cli("--db", db, "service", "month", "2026-10")
    assert code == 0 and "50.0%" in out and strings.SV_CARRIED not in out


def test_pdf_of_a_record_and_the_month(db: str,
                                       tmp_path: Path) -> None:
    add(db, "--reported-at", "2026-11-03 10:30")
    code, out, _ = run_cli("--db", db, "service", "pdf", "YW-2026-11-001",
                       str(tmp_path / "r.pdf"))
    assert str(tmp_path / "r.pdf") in out
    assert code == 0 and (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    code, _, _ = run_cli("--db", db, "service", "pdf", "1", str(tmp_path / "r1.pdf"))
    assert code == 0
    code, _, _ = run_cli("--db", db, "service", "month", "2026-11", "--pdf",
                     str(tmp_path / "m.pdf"))
    assert code == 0 and (tmp_path / "m.pdf").stat().st_size > 5000


def test_settings_and_commitments(db: str) -> None:
    code, out, _ = run_cli("--db", db, "service", "set", "--response", "20",
                       "--from", "2026-11-01", "--acceptance", "2024-02-29")
    assert code == 0
    assert "2027-02-28" in out
    r = add(db, "--reported-at", "2026-11-03 10:00", "--responded-at",
            "2026-11-03 10:25")
    assert (r["response_target"], r["response"]) == (20, "missed")
    code, out, _ = run_cli("--db", db, "service", "month", "2026-11", "--json")
    data = json.loads(out)
    assert (data["acceptance_date"], data["warranty_end"]) == ("2024-02-29", "2027-02-28")


def test_expected_errors_are_one_chinese_line(db: str) -> None:
    code, out, err = run_cli("--db", db, "service", "add", "--type", "fault",
                         "--source", "phone", "--reporter", "R", "--reported-at",
                         "2026-11-03 10:00", "--responded-at", "2026-11-03 09:00",
                         "--staff", "HX1002", "--location", "L", "--content", "C")
    assert (code, out) == (1, "")
    assert strings.SV_FIELD_LABELS["responded_at"] in err and err.count("\n") == 1
    code, _, err = run_cli("--db", db, "service", "add", "--type", "fault",
                       "--source", "phone", "--reporter", "R", "--reported-at",
                       "2026-11-03 10:00", "--staff", "HX9999", "--location", "L",
                       "--content", "C")
    assert code == 1 and "HX9999" in err
    code, _, err = run_cli("--db", db, "service", "add", "--type", "fault",
                       "--source", "phone", "--reporter", "R", "--reported-at",
                       "3 Nov 10:00", "--staff", "HX1002", "--location", "L",
                       "--content", "C")
    assert code == 1 and "3 Nov 10:00" in err
    usage = run_cli("--db", db, "service", "add", "--type", "repair")
    assert usage.code == 2 and usage.out == ""


def test_report_set_and_month_excel(db: str,
                                   tmp_path: Path) -> None:
    code, out, _ = run_cli("--db", db, "report", "set", "--emp", "HX1002", "--date",
                       "2026-11-02", "--text", "巡查门诊终端，处理打印机卡纸")
    assert code == 0 and "王子涵" in out
    out_path = tmp_path / "reports.xlsx"
    code, out, _ = run_cli("--db", db, "report", "month", "2026-11", "--xlsx",
                       str(out_path), "--json")
    data = json.loads(out)
    person = next(p for p in data["people"] if p["employee_no"] == "HX1002")
    assert person["reports"] == [{"date": "2026-11-02", "text": "巡查门诊终端，处理打印机卡纸"}]
    ws = openpyxl.load_workbook(out_path).active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_col=6)]
    text = "巡查门诊终端，处理打印机卡纸"
    assert [dt.datetime(2026, 11, 2), "周一", "HX1002", "王子涵", "运维", text] in values
    code, _, err = run_cli("--db", db, "report", "set", "--emp", "HX1002", "--date",
                       "2026/11/02", "--text", "x")
    assert code == 1 and "2026/11/02" in err
