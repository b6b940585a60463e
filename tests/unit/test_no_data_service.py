"""No data is not absence, end to end (issue 14): coverage from real imports, declared
periods (audited), ``month --json``'s ``data_through``, locking and printing an uncovered
month. Punches go in through the USB importer (a clock file written by the test) or
``record_batch`` with an explicit coverage, like a LAN read."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app import strings
from app.domain.attendance import ABSENT, LATE, NO_DATA, PRESENT, DayResult
from app.domain.roster import PersonFields
from app.dto.attendance import MonthDTO
from app.errors import ValidationError
from app.services import Services
from app.storage.tables import AuditLog
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services

D, T = dt.date, dt.datetime
FEB_NOW = T(2026, 3, 5, 10, 0)  # February is over
MAR_NOW = T(2026, 4, 1, 10, 0)
FULL = ("08:25", "12:05", "13:55", "17:35")
LATE_IN = ("08:50", "12:05", "13:55", "17:35")
LATE_DAYS = {D(2026, 2, 3), D(2026, 2, 25)}  # E1 (uid 5) comes late
ABSENT_DAYS = {D(2026, 2, 4), D(2026, 2, 26)}  # E2 (uid 6) does not come


@pytest.fixture
def team(services: Services) -> Services:
    for no, uid in (("E1", "5"), ("E2", "6")):
        services.roster.add(PersonFields(employee_no=no, name=f"员工{no}", device_user_id=uid,
                                         start_date=D(2026, 1, 1)))
    return services


def feb_workdays(services: Services) -> list[dt.date]:
    return services.holidays.calendar().working_days(D(2026, 2, 1), D(2026, 2, 28))


def clock_file(path: Path, days: list[dt.date]) -> Path:
    """A clock's USB export (ZK attlog) with the team's punches on ``days``."""
    lines = []
    for day in days:
        for uid in ("5", "6"):
            if uid == "6" and day in ABSENT_DAYS:
                continue
            times = LATE_IN if uid == "5" and day in LATE_DAYS else FULL
            for t in times:
                stamp = dt.datetime.combine(day, dt.time.fromisoformat(t))
                lines.append(f"{uid:>9}\t{stamp:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0\r\n")
    path.write_text("".join(sorted(lines, key=lambda x: x[10:29])), encoding="ascii")
    return path


def days_of(m: MonthDTO, no: str) -> dict[dt.date, DayResult]:
    p = next(p for p in m.people if p.employee_no == no)
    return {d.day: d for d in p.summary.days}


def test_a_file_to_the_10th_leaves_the_rest_no_data_and_a_full_file_restores_it(
        team: Services, tmp_path: Path) -> None:
    workdays = feb_workdays(team)
    early = [d for d in workdays if d.day <= 10]
    team.imports.import_usb(clock_file(tmp_path / "1_attlog.dat", early))
    part = team.attendance.month(2026, 2, now=FEB_NOW)
    # the file covers up to its newest record: the 10th's last check-out
    assert part.data_through == T(2026, 2, 10, 17, 35)
    assert part.as_json()["data_through"] == "2026-02-10T17:35:00"
    for no in ("E1", "E2"):
        days = days_of(part, no)
        later = [d for d in workdays if d.day > 10]
        assert later and all((days[d].am.verdict, days[d].pm.verdict) == (NO_DATA, NO_DATA)
                             for d in later)
    p1 = {p.employee_no: p.summary for p in part.people}
    assert (p1["E1"].late_count, p1["E2"].absent_days, p1["E2"].absence_count) == (1, 1, 2)
    assert not p1["E2"].needs_absence_explanation
    assert set(part.unjudged_days) == {d for d in workdays if d.day > 10}

    team.imports.import_usb(clock_file(tmp_path / "2_attlog.dat", workdays))
    full = team.attendance.month(2026, 2, now=FEB_NOW)
    assert full.fully_covered and full.data_through == dt.datetime.combine(
        workdays[-1], dt.time(17, 35))
    for no in ("E1", "E2"):
        before, after = days_of(part, no), days_of(full, no)
        assert all(before[d] == after[d] for d in early)  # the first ten days unchanged
        assert not any(NO_DATA in (d.am.verdict, d.pm.verdict) for d in after.values())
    e1, e2 = days_of(full, "E1"), days_of(full, "E2")
    assert all(e1[d].am.verdict == LATE for d in LATE_DAYS)
    assert all((e2[d].am.verdict, e2[d].pm.verdict) == (ABSENT, ABSENT) for d in ABSENT_DAYS)
    p2 = {p.employee_no: p.summary for p in full.people}
    assert (p2["E1"].late_count, p2["E2"].absent_days) == (2, 2)
    assert p2["E1"].attended_days == len(workdays)
    assert p2["E2"].needs_absence_explanation  # 4 absent sessions: more than 3


def test_a_month_without_data_has_no_absence_trigger_or_deduction(team: Services,
                                                                   tmp_path: Path) -> None:
    team.imports.import_usb(clock_file(tmp_path / "1_attlog.dat", feb_workdays(team)))
    march = team.attendance.month(2026, 3, now=MAR_NOW)
    assert march.as_json()["people"][0]["days"]["2026-03-02"]["am"] == "no_data"
    for p in march.people:
        s = p.summary
        assert (s.absent_days, s.absence_count, s.attended_days) == (0, 0, 0)
        assert not s.needs_absence_explanation
        assert s.required_days == 22
        assert strings.LEGEND_DEFAULT["absent"] not in "".join(p.symbols)
    scores = team.scores.month(2026, 3, now=MAR_NOW)
    assert all((p.deductions, p.score) == (0, p.base) for p in scores.people)
    assert all(not p.incidents for p in scores.people)


def test_a_declared_period_is_audited_and_judged_as_read(team: Services,
                                                         tmp_path: Path) -> None:
    team.imports.import_usb(clock_file(tmp_path / "1_attlog.dat", feb_workdays(team)))
    did, changes = team.attendance.declare_covered(D(2026, 3, 2), D(2026, 3, 6), " 全体外出培训 ")
    assert changes.attendance
    with team.db.read() as s:
        rows = list(s.scalars(select(AuditLog).where(AuditLog.entity == "coverage_declaration")))
    assert [(r.action, r.entity_id) for r in rows] == [("insert", str(did))]
    assert "全体外出培训" in (rows[0].after or "")
    march = team.attendance.month(2026, 3, now=MAR_NOW)
    e2 = days_of(march, "E2")
    assert all((e2[D(2026, 3, d)].am.verdict, e2[D(2026, 3, d)].pm.verdict) == (ABSENT, ABSENT)
               for d in range(2, 7))
    assert e2[D(2026, 3, 9)].am.verdict == NO_DATA
    assert next(p for p in march.people if p.employee_no == "E2").summary.absent_days == 5
    cov = team.attendance.coverage()
    assert [(c.first, c.last, c.reason) for c in cov.declared] == [
        (D(2026, 3, 2), D(2026, 3, 6), "全体外出培训")]

    with pytest.raises(ValidationError):
        team.attendance.declare_covered(D(2026, 3, 6), D(2026, 3, 2), "反了")
    with pytest.raises(ValidationError):
        team.attendance.declare_covered(D(2026, 3, 2), D(2026, 3, 6), "  ")
    team.attendance.revoke_declared(did, "登记错误")
    assert days_of(team.attendance.month(2026, 3, now=MAR_NOW), "E2")[
        D(2026, 3, 2)].am.verdict == NO_DATA
    with pytest.raises(ValidationError):
        team.attendance.revoke_declared(did, "again")
    assert team.maintenance.verify_audit().ok


def test_every_clock_in_use_must_be_read_past_a_time(team: Services) -> None:
    """Several clocks: the coverage ends where the least recently read clock ends; a
    reverted read does not count; unnamed files count only while no clock is named."""
    assert team.attendance.coverage().through is None
    batch = team.punches.record_batch
    batch("usb", "x", "", [], covered_until=T(2026, 3, 1, 9, 0))
    assert team.attendance.coverage().through == T(2026, 3, 1, 9, 0)
    a, _ = batch("lan", "a", "A", [], covered_until=T(2026, 2, 20, 18, 0))
    b, _ = batch("lan", "b", "B", [], covered_until=T(2026, 2, 10, 18, 0))
    cov = team.attendance.coverage()
    assert cov.through == T(2026, 2, 10, 18, 0)
    assert [(d.device, d.counted) for d in cov.devices] == [("", False), ("A", True),
                                                            ("B", True)]
    feb = team.attendance.month(2026, 2, now=FEB_NOW)
    assert days_of(feb, "E1")[D(2026, 2, 10)].pm.verdict == ABSENT
    assert days_of(feb, "E1")[D(2026, 2, 11)].am.verdict == NO_DATA
    team.imports.revert_batch(b.batch_id, "读错了")
    assert team.attendance.coverage().through == T(2026, 2, 20, 18, 0)
    team.imports.revert_batch(a.batch_id, "读错了")
    assert team.attendance.coverage().through == T(2026, 3, 1, 9, 0)


def test_locking_an_uncovered_month_needs_force_and_the_sheet_says_so(
        team: Services, tmp_path: Path) -> None:
    early = [d for d in feb_workdays(team) if d.day <= 10]
    team.imports.import_usb(clock_file(tmp_path / "1_attlog.dat", early))
    with pytest.raises(ValidationError) as exc:
        team.attendance.lock_month(2026, 2, now=FEB_NOW)
    assert "2026-02" in str(exc.value) and "2026-02-10 17:35" in str(exc.value)
    assert not team.attendance.is_locked(2026, 2)
    team.attendance.lock_month(2026, 2, now=FEB_NOW, force=True)
    locked = team.attendance.month(2026, 2)
    assert locked.locked and locked.data_through == T(2026, 2, 10, 17, 35)
    assert days_of(locked, "E1")[D(2026, 2, 11)].am.verdict == NO_DATA

    from app.documents.month_sheet import build_grid, header_fields, month_form

    form = month_form(locked, team.project.get())
    grid = build_grid(locked, team.project.get())
    fields = {f.label: f.value for f in header_fields(locked, team.project.get(), grid)}
    assert fields[strings.MONTH_SHEET_DATA_THROUGH] == strings.MONTH_SHEET_THROUGH_VALUE.format(
        at="2026年2月10日 17:35", since=strings.COVERAGE_SINCE.format(since="2026年2月2日"))
    assert any(strings.LEGEND_LABELS["no_data"] in line for line in form.legend)


# ---- CLI -----------------------------------------------------------------------------------------
def test_cli_fresh_database_has_no_data_through(migrated_db: Path) -> None:
    code, out, _ = run_cli("--db", migrated_db, "month", "2026-10", "--json")
    assert code == 0 and json.loads(out)["data_through"] is None
    code, out, _ = run_cli("--db", migrated_db, "coverage", "show", "--json")
    assert code == 0 and json.loads(out) == {"data_through": None, "data_from": None,
                                             "devices": [], "declared": []}
    code, out, _ = run_cli("--db", migrated_db, "coverage", "show")
    assert code == 0 and out.strip() == strings.COVERAGE_NONE


def test_cli_declare_lock_and_print(db_path: Path, tmp_path: Path) -> None:
    s = open_services(db_path)
    try:
        s.roster.add(PersonFields(employee_no="E1", name="张三", device_user_id="5",
                                  start_date=D(2026, 1, 1)))
        s.imports.import_usb(clock_file(tmp_path / "1_attlog.dat", [D(2026, 10, 12)]))
    finally:
        s.close()
    code, _, err = run_cli("--db", db_path, "month", "2026-10", "--lock")
    assert code == 1 and "--force" in err
    code, _, err = run_cli("--db", db_path, "month", "2026-10", "--pdf", tmp_path / "m.pdf")
    assert code == 0 and (tmp_path / "m.pdf").stat().st_size > 0
    assert "2026-10-12 17:35" in err  # the warning line says up to when the data runs
    code, out, _ = run_cli("--db", db_path, "coverage", "declare", "--from", "2026-10-13",
                           "--to", "2026-10-31", "--reason", "全体驻外")
    assert code == 0, out
    code, out, _ = run_cli("--db", db_path, "coverage", "show", "--json")
    doc = json.loads(out)
    assert (doc["data_through"], doc["data_from"]) == ("2026-10-12T17:35:00", "2026-10-12")
    assert [(d["from"], d["to"], d["reason"]) for d in doc["declared"]] == [
        ("2026-10-13", "2026-10-31", "全体驻外")]
    code, out, _ = run_cli("--db", db_path, "month", "2026-10", "--json")
    days = json.loads(out)["people"][0]["days"]
    assert (days["2026-10-12"]["am"], days["2026-10-13"]["am"]) == (PRESENT, ABSENT)
    assert days["2026-10-09"]["am"] == NO_DATA  # before the first punch the clock holds
    code, _, err = run_cli("--db", db_path, "month", "2026-10", "--lock", "--force")
    assert code == 0, err


def test_days_before_the_first_punch_are_no_data(team: Services, tmp_path: Path) -> None:
    """The clock's memory reaches back to its oldest record: the month before the first file
    reads "no data" (not 21 absences and everyone flagged); a LAN read of an empty clock
    says nothing about how far back it reaches."""
    team.imports.import_usb(clock_file(tmp_path / "1_attlog.dat", feb_workdays(team)))
    jan = team.attendance.month(2026, 1, now=FEB_NOW)
    assert jan.data_from == D(2026, 2, 2) and jan.as_json()["data_from"] == "2026-02-02"
    assert all((d.am.verdict, d.pm.verdict) in {(NO_DATA, NO_DATA)}
               for p in jan.people for d in p.summary.days if d.required)
    assert not any(p.summary.needs_absence_explanation for p in jan.people)
    team.punches.record_batch("lan", "x", "", [], covered_until=T(2026, 3, 1, 9, 0))
    assert team.attendance.coverage().since == D(2026, 2, 2)
