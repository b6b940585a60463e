"""Holiday calendar service (SPEC A7): seeding, import (CSV and holiday-cn JSON), manual edits,
the CLI commands and the 0003 migration."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from app import cli as app_cli
from app import config, strings
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    REST_DAY,
    STATUTORY_HOLIDAY,
    WORKDAY,
    DayEntry,
)
from app.errors import ImportFileError
from app.services import Services
from app.services.holidays import HolidayImportPlan, HolidayProblem
from app.storage.db import current_revision, head_revision, migrate
from app.storage.tables import AuditLog
from tests.helpers.db import open_services
from tests.helpers.errors import raises_invalid
from tests.helpers.samples import shared_sample

OFFICIAL_CSV = "holidays/cn-2024-2026.csv"  # in ../shared (tests/helpers/samples.py)
D = dt.date
S, R, A = STATUTORY_HOLIDAY, REST_DAY, ADJUSTED_WORKDAY
FEST = strings.HOLIDAY_FESTIVAL_NAMES
WEEKDAYS = strings.HOLIDAY_WEEKDAYS

# A realistic 2027 schedule (test data, not an official notice): the statutory days follow the
# national rule and data/lunar-festivals.csv (new year's eve 2-05, spring festival 2-06,
# Qingming 4-05, dragon boat 6-09, mid-autumn 9-15); every weekday off is paid back by a
# worked weekend day or a statutory day on a weekend, and nobody works more than 6 days in a row.
YEAR_2027: list[tuple[str, str, str]] = [
    ("2027-01-01", S, FEST["new_year"]),
    ("2027-02-05", S, FEST["chuxi"]),
    ("2027-02-06", S, FEST["spring_festival"]),
    ("2027-02-07", S, FEST["spring_festival"]),
    ("2027-02-08", S, FEST["spring_festival"]),
    ("2027-02-09", R, FEST["spring_festival"]),
    ("2027-02-10", R, FEST["spring_festival"]),
    ("2027-02-11", R, FEST["spring_festival"]),
    ("2027-02-20", A, FEST["spring_festival"]),
    ("2027-04-05", S, FEST["qingming"]),
    ("2027-04-25", A, FEST["labour_day"]),
    ("2027-05-01", S, FEST["labour_day"]),
    ("2027-05-02", S, FEST["labour_day"]),
    ("2027-05-03", R, FEST["labour_day"]),
    ("2027-05-04", R, FEST["labour_day"]),
    ("2027-05-05", R, FEST["labour_day"]),
    ("2027-06-09", S, FEST["dragon_boat"]),
    ("2027-09-15", S, FEST["mid_autumn"]),
    ("2027-09-26", A, FEST["national_day"]),
    ("2027-10-01", S, FEST["national_day"]),
    ("2027-10-02", S, FEST["national_day"]),
    ("2027-10-03", S, FEST["national_day"]),
    ("2027-10-04", R, FEST["national_day"]),
    ("2027-10-05", R, FEST["national_day"]),
    ("2027-10-06", R, FEST["national_day"]),
    ("2027-10-07", R, FEST["national_day"]),
    ("2027-10-09", A, FEST["national_day"]),
]


# ---- helpers -------------------------------------------------------------------------------------
def official_rows() -> list[dict[str, str]]:
    with shared_sample(OFFICIAL_CSV).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def entries(rows: list[tuple[str, str, str]]) -> list[DayEntry]:
    return [DayEntry(D.fromisoformat(d), k, n) for d, k, n in rows]


def write_csv(path: Path, rows: list[tuple[str, str, str]], *, header: bool = True,
              weekday: bool = True, encoding: str = "utf-8") -> Path:
    lines = []
    if header:
        lines.append("date,weekday,kind,name" if weekday else "date,kind,name")
    for d, k, n in rows:
        wd = WEEKDAYS[D.fromisoformat(d).weekday()]
        lines.append(f"{d},{wd},{k},{n}" if weekday else f"{d},{k},{n}")
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def year_rows(services: Services, year: int) -> list[tuple[str, str, str]]:
    return [(d.date.isoformat(), d.kind, d.name) for d in services.holidays.list_year(year)]


def audit_count(services: Services) -> int:
    with services.db.read() as s:
        return len(s.scalars(select(AuditLog.id)).all())


def holiday_cn_json(year: int, days: list[dict[str, Any]]) -> str:
    """Pretty-printed the way holiday-cn publishes its files (one key per line)."""
    doc = {"$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/"
                      "schema.json",
           "$id": f"https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/{year}.json",
           "year": year, "papers": [f"https://www.gov.cn/notice-{year}.htm"], "days": days}
    return json.dumps(doc, ensure_ascii=False, indent=4)


def cli(services_path: Path) -> Callable[..., int]:
    """Run ``onsitedesk holidays ...`` in this process (output on the captured streams)."""

    def run(*argv: str) -> int:
        return app_cli.main(["--db", str(services_path), "holidays", *argv])

    return run


@pytest.fixture
def closed_db(migrated_db: Path) -> Path:
    """A seeded database file that no Services object holds open (for CLI runs)."""
    return migrated_db


# ---- bundled data and seeding ---------------------------------------------------------------
def test_bundled_file_is_the_official_file() -> None:
    official = official_rows()
    with config.data_path("holidays.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh)) == official


def test_seeded_calendar_matches_the_official_file_every_day(services: Services) -> None:
    official = {r["date"]: r for r in official_rows()}
    cal = services.holidays.calendar()
    d = D(2024, 1, 1)
    while d <= D(2026, 12, 31):
        row = official.get(d.isoformat())
        kind = row["kind"] if row else (R if d.weekday() >= 5 else WORKDAY)
        assert (cal.kind_of(d), cal.name_of(d)) == (kind, row["name"] if row else ""), d
        d += dt.timedelta(days=1)
    for year in (2024, 2025, 2026):
        status = services.holidays.year_status(year)
        assert (status.status, status.source) == ("confirmed", "bundled")
        assert not cal.is_provisional(year)


def test_seeding_is_idempotent_and_costs_one_select(db_path: Path) -> None:
    Services.open(db_path).close()
    services = Services.open(db_path)
    try:
        before = audit_count(services)
        statements: list[str] = []
        event.listen(services.db.engine, "before_cursor_execute",
                     lambda *a: statements.append(a[2]))
        assert not services.holidays.seed_bundled().any
        verbs = [s.split()[0].upper() for s in statements]
        assert [v for v in verbs if v not in ("BEGIN", "COMMIT", "ROLLBACK")] == ["SELECT"]
        assert audit_count(services) == before
    finally:
        services.close()


def test_seeding_restores_a_provisional_bundled_year_but_keeps_confirmed_edits(
        migrated_db: Path) -> None:
    db_path = migrated_db
    services = open_services(db_path, actor="tester", daily_backup=False)
    try:
        services.holidays.set_year_status(2025, "provisional")
        services.holidays.set_day(D(2025, 10, 8), WORKDAY)
        services.holidays.set_day(D(2026, 10, 7), WORKDAY)  # 2026 stays confirmed
    finally:
        services.close()
    services = Services.open(db_path)
    try:
        cal = services.holidays.calendar()
        assert services.holidays.year_status(2025).status == "confirmed"
        assert cal.kind_of(D(2025, 10, 8)) == R
        assert cal.kind_of(D(2026, 10, 7)) == WORKDAY
    finally:
        services.close()


# ---- unknown years ----------------------------------------------------------------------------
def test_an_unknown_year_is_provisional(services: Services) -> None:
    assert services.holidays.calendar().is_provisional(2027)
    assert services.holidays.year_status(2027).status == "provisional"
    assert services.holidays.list_year(2027) == []
    assert services.holidays.provisional_years(2025, 2027) == [2027]
    assert services.holidays.provisional_banner(2026, 2027) == \
        strings.HOLIDAY_PROVISIONAL_BANNER.format(year=2027)
    assert services.holidays.provisional_banner(2024, 2026) is None


def test_prefill_writes_the_rule_statutory_days_and_stays_provisional(
        services: Services) -> None:
    days, changes = services.holidays.prefill_provisional(2027)
    assert changes.calendar
    expected = [(d, n) for d, k, n in YEAR_2027 if k == S]
    assert [(x.date.isoformat(), x.name) for x in days] == expected
    assert [(d, n) for d, _, n in year_rows(services, 2027)] == expected
    assert services.holidays.calendar().is_provisional(2027)
    assert services.holidays.prefill_provisional(2027) == ([], changes.__class__())


# ---- CSV import -------------------------------------------------------------------------------
def test_2027_csv_imports_and_round_trips_through_the_cli(
        closed_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(closed_db)
    path = write_csv(tmp_path / "2027.csv", YEAR_2027)
    assert run("list", "2027", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"year": 2027, "status": "provisional",
                                                   "days": []}
    assert run("import", str(path)) == 0
    out = capsys.readouterr().out
    assert strings.CLI_HOLIDAYS_DIFF.format(year=2027, mode=strings.CLI_HOLIDAYS_MODE_REPLACE,
                                            added=len(YEAR_2027), changed=0, removed=0) in out
    assert strings.CLI_HOLIDAYS_DONE.format(years="2027") in out
    assert strings.CLI_HOLIDAYS_WARNING.format(text="")[:3] not in out  # no warnings
    assert run("list", "2027", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == {"year": 2027, "status": "confirmed",
                      "days": [{"date": d, "kind": k, "name": n} for d, k, n in YEAR_2027]}
    services = Services.open(closed_db)
    try:
        status = services.holidays.year_status(2027)
        assert (status.status, status.source) == ("confirmed", "import:2027.csv")
        assert services.holidays.calendar().add_working_days(D(2027, 9, 30), 1) == \
            D(2027, 10, 8)
        assert services.maintenance.verify_audit().ok
    finally:
        services.close()


def test_import_json_output_lists_the_diff(closed_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "2027.csv", YEAR_2027)
    assert cli(closed_db)("import", str(path), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["committed"] and out["ok"] and out["years"] == [2027]
    assert out["diff"][0]["added"][0] == {"date": "2027-01-01", "kind": S,
                                          "name": FEST["new_year"]}
    assert out["warnings"] == [] and out["errors"] == []


@pytest.mark.parametrize(("header", "weekday", "encoding"), [
    (True, True, "utf-8-sig"), (False, False, "gb18030"), (True, False, "gb18030"),
    (False, True, "utf-8"),
])
def test_csv_variants_read_the_same(services: Services, tmp_path: Path, header: bool,
                                    weekday: bool, encoding: str) -> None:
    path = write_csv(tmp_path / "2027.csv", YEAR_2027, header=header, weekday=weekday,
                     encoding=encoding)
    plan = services.holidays.plan_import(path)
    assert plan.ok, [e.text for e in plan.errors]
    assert list(plan.rows) == entries(YEAR_2027)
    assert plan.warnings == ()


def test_reimporting_the_official_file_changes_nothing(services: Services) -> None:
    official_rows()
    official = shared_sample(OFFICIAL_CSV)
    plan = services.holidays.plan_import(official)
    assert plan.ok and plan.replace_years == (2024, 2025, 2026)
    assert all(d.unchanged for d in plan.diffs) and plan.warnings == ()
    before = {y: year_rows(services, y) for y in (2024, 2025, 2026)}
    services.holidays.commit_import(plan)
    assert {y: year_rows(services, y) for y in (2024, 2025, 2026)} == before
    assert services.holidays.year_status(2025).source == f"import:{official.name}"


def test_diff_shows_added_changed_and_removed(services: Services, tmp_path: Path) -> None:
    services.holidays.commit_import(services.holidays.plan_import(
        write_csv(tmp_path / "a.csv", YEAR_2027)))
    edited = [r for r in YEAR_2027 if r[0] != "2027-06-09"]  # removed
    edited = [(d, k, "renamed" if d == "2027-04-05" else n) for d, k, n in edited]
    edited.append(("2027-06-10", S, FEST["dragon_boat"]))  # added
    plan = services.holidays.plan_import(write_csv(tmp_path / "b.csv", edited))
    (diff,) = plan.diffs
    assert [e.date for e in diff.added] == [D(2027, 6, 10)]
    assert [(b.name, a.name) for b, a in diff.changed] == [(FEST["qingming"], "renamed")]
    assert [e.date for e in diff.removed] == [D(2027, 6, 9)]
    assert diff.replace and diff.status_before == "confirmed"
    result, changes = services.holidays.commit_import(plan)
    assert (result.added, result.changed, result.removed) == (1, 1, 1) and changes.calendar
    assert year_rows(services, 2027) == sorted(edited)


# ---- refused files ------------------------------------------------------------------------------
BAD_CSV = "\n".join([
    "date,kind,name",
    "2027-01-01,statutory_holiday,a",
    "2027-13-01,statutory_holiday,b",  # line 3: bad date
    "2027-03-03,adjusted_workday,c",  # line 4: a Wednesday
    "2027-03-08,holiday,d",  # line 5: unknown kind
    "2027-01-01,statutory_holiday,e",  # line 6: duplicate of line 2
    "2027-03-06,rest_day,f",  # line 7: a Saturday needs no rest_day row
]) + "\n"


def test_invalid_file_is_refused_with_line_and_reason(services: Services,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    before = audit_count(services)
    plan = services.holidays.plan_import(path)
    assert not plan.ok and plan.diffs == ()
    assert list(plan.errors) == [
        HolidayProblem("bad.csv", 3, strings.HOLIDAY_E_BAD_DATE.format(value="2027-13-01")),
        HolidayProblem("bad.csv", 4, strings.HOLIDAY_E_ADJUSTED_NOT_WEEKEND.format(
            date=D(2027, 3, 3), weekday=WEEKDAYS[2])),
        HolidayProblem("bad.csv", 5, strings.HOLIDAY_E_UNKNOWN_KIND.format(value="holiday")),
        HolidayProblem("bad.csv", 6, strings.HOLIDAY_E_DUPLICATE.format(date=D(2027, 1, 1),
                                                                       line=2)),
        HolidayProblem("bad.csv", 7, strings.HOLIDAY_E_REST_ON_WEEKEND.format(
            date=D(2027, 3, 6), weekday=WEEKDAYS[5])),
    ]
    assert plan.errors[0].text == strings.HOLIDAY_PROBLEM_AT_LINE.format(
        file="bad.csv", line=3, reason=plan.errors[0].reason)
    refused = strings.HOLIDAY_IMPORT_REFUSED.format(file="bad.csv", n=5)
    with raises_invalid(None, "\n".join([refused, *(e.text for e in plan.errors)])):
        services.holidays.commit_import(plan)
    assert services.holidays.list_year(2027) == [] and audit_count(services) == before


def test_cli_refuses_a_bad_file_with_exit_1_and_the_lines_on_stderr(
        closed_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    assert cli(closed_db)("import", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err_lines = captured.err.splitlines()
    assert err_lines[0] == strings.HOLIDAY_IMPORT_REFUSED.format(file="bad.csv", n=5)
    assert err_lines[1] == strings.HOLIDAY_PROBLEM_AT_LINE.format(
        file="bad.csv", line=3, reason=strings.HOLIDAY_E_BAD_DATE.format(value="2027-13-01"))
    assert len(err_lines) == 6
    assert cli(closed_db)("list", "2027", "--json") == 0
    assert json.loads(capsys.readouterr().out)["days"] == []


def test_weekday_column_must_agree_with_the_date(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "wd.csv"
    path.write_text(f"date,weekday,kind,name\n2027-01-01,{WEEKDAYS[0]},{S},x\n",
                    encoding="utf-8")
    (problem,) = services.holidays.plan_import(path).errors
    assert problem.line == 2
    assert problem.reason == strings.HOLIDAY_E_WEEKDAY_MISMATCH.format(
        date=D(2027, 1, 1), actual=WEEKDAYS[4], given=WEEKDAYS[0])


def test_unreadable_files_raise(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError):
        services.holidays.plan_import(tmp_path / "missing.csv")
    broken = tmp_path / "2027.json"
    broken.write_text('{"year": 2027, "days": [', encoding="utf-8")
    with pytest.raises(ImportFileError):
        services.holidays.plan_import(broken)
    shapeless = tmp_path / "x.json"
    shapeless.write_text('{"days": []}', encoding="utf-8")
    with pytest.raises(ImportFileError):
        services.holidays.plan_import(shapeless)
    empty = tmp_path / "empty.csv"
    empty.write_text("date,kind,name\n", encoding="utf-8")
    assert [e.reason for e in services.holidays.plan_import(empty).errors] == [
        strings.HOLIDAY_E_NO_ROWS]


# ---- warnings (shown, not blocking) ------------------------------------------------------------
def test_soft_problems_are_warnings(services: Services, tmp_path: Path) -> None:
    rows = [r for r in YEAR_2027 if r[0] != "2027-09-15"]  # 12 statutory days
    rows = [r for r in rows if r[0] != "2027-10-09"]  # unbalanced: one worked Saturday less
    rows.append(("2027-03-06", A, "x"))  # 3-1 .. 3-12 worked: 12 days in a row
    rows.append(("2027-03-07", A, "x"))
    plan = services.holidays.plan_import(write_csv(tmp_path / "w.csv", sorted(rows)))
    assert plan.ok
    assert [w.reason for w in plan.warnings] == [
        strings.HOLIDAY_W_STATUTORY_COUNT.format(year=2027, n=12, expected=13),
        strings.HOLIDAY_W_UNBALANCED.format(rest=10, adjusted=5, weekend=6),
        strings.HOLIDAY_W_LONG_STREAK.format(start=D(2027, 3, 1), end=D(2027, 3, 12), n=12,
                                             limit=6),
    ]
    services.holidays.commit_import(plan)  # warnings do not block
    assert services.holidays.year_status(2027).status == "confirmed"


# ---- holiday-cn JSON ----------------------------------------------------------------------------
def _bundled_2025() -> list[tuple[str, str, str]]:
    return [(r["date"], r["kind"], r["name"]) for r in official_rows()
            if r["date"].startswith("2025")]


def test_holiday_cn_json_built_from_2025_imports_to_exactly_the_bundled_rows(
        services: Services, tmp_path: Path) -> None:
    bundled = _bundled_2025()
    days = [{"name": n, "date": d, "isOffDay": k != A} for d, k, n in bundled]
    path = tmp_path / "2025.json"
    path.write_text(holiday_cn_json(2025, days), encoding="utf-8")
    plan = services.holidays.plan_import(path)
    assert plan.ok and plan.format == "json" and plan.warnings == ()
    assert list(plan.rows) == entries(bundled)  # statutory vs rest_day derived right
    assert [d.unchanged for d in plan.diffs] == [True]
    services.holidays.commit_import(plan)
    assert year_rows(services, 2025) == bundled
    status = services.holidays.year_status(2025)
    assert (status.source, status.notice_ref) == ("import:2025.json",
                                                  "https://www.gov.cn/notice-2025.htm")


def test_holiday_cn_json_as_published_lists_weekends_and_festival_names(
        services: Services, tmp_path: Path) -> None:
    """Like the real files: every day off of a break (weekends too) named after the festival."""
    cal = services.holidays.calendar()
    bundled = {D.fromisoformat(d): (k, n) for d, k, n in _bundled_2025()}
    days: list[dict[str, Any]] = []
    d = D(2025, 1, 1)
    while d.year == 2025:
        run = []
        while not cal.is_workday(d) and d.year == 2025:
            run.append(d)
            d += dt.timedelta(days=1)
        if any(x in bundled for x in run):
            days += [{"name": "break", "date": x.isoformat(), "isOffDay": True} for x in run]
        if bundled.get(d, ("",))[0] == A:
            days.append({"name": "work", "date": d.isoformat(), "isOffDay": False})
        d += dt.timedelta(days=1)
    assert len(days) > len(bundled)  # weekends inside breaks are listed
    path = tmp_path / "2025.json"
    path.write_text(holiday_cn_json(2025, days), encoding="utf-8")
    plan = services.holidays.plan_import(path)
    assert plan.ok, [e.text for e in plan.errors]
    assert [(e.date, e.kind) for e in plan.rows] == [(x, k) for x, (k, _) in bundled.items()]
    assert [(e.date, e.name) for e in plan.rows if e.kind == S] == \
        [(x, n) for x, (k, n) in bundled.items() if k == S]


def test_holiday_cn_json_problems_carry_the_line(services: Services, tmp_path: Path) -> None:
    days = [{"name": "a", "date": "2027-01-01", "isOffDay": True},
            {"name": "b", "date": "2027-02-30", "isOffDay": True},
            {"name": "c", "date": "2025-06-03", "isOffDay": True},
            {"name": "d", "date": "2027-03-03", "isOffDay": False},
            {"name": "e", "date": "2027-03-04", "isOffDay": "yes"}]
    text = holiday_cn_json(2027, days)
    path = tmp_path / "2027.json"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line_of = {v: next(i for i, s in enumerate(lines, 1) if f'"{v}"' in s)
               for v in ("2027-02-30", "2025-06-03", "2027-03-03", "2027-03-04")}
    plan = services.holidays.plan_import(path)
    assert [(e.line, e.reason) for e in plan.errors] == [
        (line_of["2027-02-30"], strings.HOLIDAY_E_BAD_DATE.format(value="2027-02-30")),
        (line_of["2025-06-03"], strings.HOLIDAY_E_OUTSIDE_YEAR.format(date=D(2025, 6, 3),
                                                                      year=2027)),
        (line_of["2027-03-03"], strings.HOLIDAY_E_ADJUSTED_NOT_WEEKEND.format(
            date=D(2027, 3, 3), weekday=WEEKDAYS[2])),
        (line_of["2027-03-04"], strings.HOLIDAY_E_BAD_OFFDAY.format(value="yes")),
    ]


def test_holiday_cn_spillover_into_the_previous_year_is_merged(services: Services,
                                                                tmp_path: Path) -> None:
    # A new-year break 2026-12-31 .. 2027-01-03 paid back by working Sunday 2026-12-27.
    days = [{"name": FEST["new_year"], "date": "2026-12-27", "isOffDay": False},
            {"name": FEST["new_year"], "date": "2026-12-31", "isOffDay": True}]
    days += [{"name": n, "date": d, "isOffDay": k != A} for d, k, n in YEAR_2027]
    path = tmp_path / "2027.json"
    path.write_text(holiday_cn_json(2027, days), encoding="utf-8")
    plan = services.holidays.plan_import(path)
    assert plan.ok and plan.replace_years == (2027,)
    diff_2026, diff_2027 = plan.diffs
    assert diff_2027.replace and len(diff_2027.added) == len(YEAR_2027)
    assert not diff_2026.replace and diff_2026.removed == ()
    assert diff_2026.added == (DayEntry(D(2026, 12, 27), A, FEST["new_year"]),
                               DayEntry(D(2026, 12, 31), R, FEST["new_year"]))
    assert [w.reason for w in plan.warnings] == [
        strings.HOLIDAY_W_SPILLOVER.format(date=D(2026, 12, d), year=2026) for d in (27, 31)]
    rows_2026 = year_rows(services, 2026)
    services.holidays.commit_import(plan)
    assert year_rows(services, 2026) == sorted([*rows_2026, ("2026-12-27", A, FEST["new_year"]),
                                                ("2026-12-31", R, FEST["new_year"])])
    assert services.holidays.year_status(2026).source == "bundled"
    assert year_rows(services, 2027) == YEAR_2027


def test_holiday_cn_year_without_lunar_data_is_refused(services: Services,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "2099.json"
    path.write_text(holiday_cn_json(2099, [{"name": "x", "date": "2099-01-01",
                                            "isOffDay": True}]), encoding="utf-8")
    (problem,) = services.holidays.plan_import(path).errors
    assert problem.line is None and "2099" in problem.reason


# ---- manual edits --------------------------------------------------------------------------------
def test_set_day_cycles_and_is_audited_as_manual(migrated_db: Path) -> None:
    services = open_services(migrated_db, actor="tester", daily_backup=False)
    try:
        last_seed_row = audit_count(services)
        monday = D(2027, 3, 1)
        dto, changes = services.holidays.set_day(monday, R, "x")
        assert changes.calendar and (dto.kind, dto.name, dto.source) == (R, "x",
                                                                       "manual:tester")
        assert services.holidays.set_day(monday, S, "y")[0].kind == S
        assert services.holidays.set_day(monday, WORKDAY)[0].kind == WORKDAY
        assert services.holidays.list_year(2027) == []  # a plain workday needs no row
        saturday = D(2027, 3, 6)
        assert services.holidays.set_day(saturday, WORKDAY)[0].kind == A
        assert services.holidays.calendar().is_workday(saturday)
        assert services.holidays.year_status(2027).status == "provisional"
        with raises_invalid("kind", strings.HOLIDAY_BAD_KIND.format(
                date="2027-03-01", kind=strings.HOLIDAY_KIND_LABELS[A], weekday=WEEKDAYS[0])):
            services.holidays.set_day(monday, A)
        with raises_invalid("kind", strings.HOLIDAY_E_UNKNOWN_KIND.format(value="holiday")):
            services.holidays.set_day(monday, "holiday")
        with services.db.read() as s:
            audited = s.scalars(select(AuditLog).where(AuditLog.entity == "holiday_day",
                                                       AuditLog.id > last_seed_row)).all()
        assert {a.actor for a in audited} == {"tester"}
        assert [a.action for a in audited] == ["insert", "update", "delete", "insert"]
        assert json.loads(audited[0].after or "{}")["source"] == "manual:tester"
        assert json.loads(audited[0].after or "{}")["date"] == "2027-03-01"
        assert services.maintenance.verify_audit().ok
    finally:
        services.close()


def test_set_year_status(services: Services) -> None:
    dto, changes = services.holidays.set_year_status(2027, "confirmed")
    assert changes.calendar and not dto.provisional
    assert not services.holidays.calendar().is_provisional(2027)
    services.holidays.set_year_status(2027, "provisional")
    assert services.holidays.calendar().is_provisional(2027)
    with raises_invalid("status", strings.HOLIDAY_BAD_STATUS.format(value="maybe")):
        services.holidays.set_year_status(2027, "maybe")


# ---- the plan is a frozen value ---------------------------------------------------------------
def test_plan_is_frozen(services: Services, tmp_path: Path) -> None:
    plan = services.holidays.plan_import(write_csv(tmp_path / "2027.csv", YEAR_2027))
    assert isinstance(plan, HolidayImportPlan)
    with pytest.raises(AttributeError):
        plan.rows = ()  # type: ignore[misc]


# ---- migration -----------------------------------------------------------------------------------
def test_migration_from_0002_keeps_data_and_seeds_holidays(tmp_path: Path) -> None:
    path = tmp_path / "old" / "onsitedesk.db"
    path.parent.mkdir()
    migrate(path, "0002")
    con = sqlite3.connect(path)
    try:
        con.execute("INSERT INTO project (id, name) VALUES (1, 'p')")
        con.execute("INSERT INTO person (id, project_id, employee_no, name) "
                    "VALUES (1, 1, 'K0001', 'someone')")
        con.commit()
    finally:
        con.close()
    services = Services.open(path)
    try:
        assert current_revision(services.db.engine) == head_revision()
        assert [(p.employee_no, p.name) for p in services.roster.list_people()] == [
            ("K0001", "someone")]
        assert not services.holidays.calendar().is_provisional(2026)
        assert len(services.holidays.list_year(2025)) == sum(
            1 for r in official_rows() if r["date"].startswith("2025"))
    finally:
        services.close()


def test_seeding_tolerates_a_concurrent_seeder(services: Services,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    from app.services.holidays import HolidayService

    services.holidays.set_year_status(2025, "provisional")

    def clash(*_: Any) -> None:
        raise IntegrityError("INSERT INTO holiday_day", None, Exception("UNIQUE"))

    monkeypatch.setattr(HolidayService, "_replace_year", clash)
    assert not services.holidays.seed_bundled().any


def test_list_prints_a_readable_table(closed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(closed_db)("list", "2026") == 0
    lines = capsys.readouterr().out.splitlines()
    official = [r for r in official_rows() if r["date"].startswith("2026")]
    assert lines[0] == strings.CLI_HOLIDAYS_LIST_HEAD.format(
        year=2026, n=len(official), status=strings.HOLIDAY_YEAR_STATUS_LABELS["confirmed"])
    first = official[0]
    assert lines[1] == strings.CLI_HOLIDAYS_LIST_ROW.format(
        date=first["date"], weekday=first["weekday"],
        kind=strings.HOLIDAY_KIND_LABELS[first["kind"]], name=first["name"])


def test_app_cli_main_runs_the_holiday_commands(
        closed_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli as app_cli

    assert app_cli.main(["--db", str(closed_db), "holidays", "list", "2027", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "provisional"
