"""Issue 19, the head office: stored month summaries per project, the cross-project overview,
its staleness rules, the statistics (plain tables, no pandas) and their workbook, the
commands."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app import strings
from app.clock import FixedClock
from app.errors import ValidationError
from app.services import Services
from app.services.headoffice import parse_months
from tests.helpers.cli import run_cli, run_error
from tests.helpers.db import copy_database
from tests.helpers.multi import EXTRA_ABSENCE_DAYS, PROJECTS, build_company, open_company

NOV = (2026, 11)


@pytest.fixture(scope="module")
def company_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_company(tmp_path_factory.mktemp("company") / "onsitedesk.db")


@pytest.fixture
def company_db(company_template: Path, tmp_path: Path) -> Path:
    return copy_database(company_template, tmp_path / "company" / "onsitedesk.db")


@pytest.fixture
def company(company_db: Path) -> Iterator[Services]:
    s = open_company(company_db)
    try:
        yield s
    finally:
        s.close()


def test_each_projects_summary_is_its_own_month_services_figures(company: Services) -> None:
    rows = company.headoffice.overview(*NOV)
    assert sorted(r.code for r in rows) == sorted(code for code, _, _ in PROJECTS)
    for row in rows:
        site = company.on_project(row.project_id)
        month = site.attendance.month(*NOV)
        f = row.figures
        people = [p.summary for p in month.people]
        assert f.people == len(month.people) > 0
        assert f.late_count == sum(s.late_count for s in people)
        assert f.late_minutes == sum(s.late_minutes for s in people)
        assert f.absent_days == sum(s.absent_days for s in people)
        assert f.absence_count == sum(s.absence_count for s in people)
        assert f.missing_punches == sum(s.missing_punches for s in people)
        assert f.explanations == sum(s.needs_absence_explanation for s in people)
        leave: dict[str, float] = {}
        for s in people:
            for kind, days in s.leave_days.items():
                leave[kind] = leave.get(kind, 0.0) + days
        assert f.leave_days == leave
        service = site.service_log.month(*NOV)
        assert f.service_total == service.summary.total
        assert f.response_met == service.summary.response.met
        assert f.resolution_missed == service.summary.resolution.missed
        assert f.response_target == service.targets.response_minutes
        overdue = {w.change_id for w in site.handover.warnings(dt.date(2026, 11, 29))
                   if w.status == "overdue"}
        assert f.overdue_handovers == len(overdue)


def test_the_projects_differ_and_the_company_project_stays(company: Services) -> None:
    by_code = {r.code: r.figures for r in company.headoffice.overview(*NOV)}
    first, earlier, extra = (by_code[code] for code, _, _ in PROJECTS)
    # the demo a month earlier has no clock data in November after its "today"
    assert earlier.no_data_days > 0 and first.no_data_days == 0
    # the same demo with three people's extra morning absences on two days
    assert extra.absence_count == first.absence_count + 3 * len(EXTRA_ABSENCE_DAYS)
    assert extra.explanations >= first.explanations
    assert first.late_minutes > 0
    october = {r.code: r.figures for r in company.headoffice.overview(2026, 10)}
    assert october["SZ-RMYY"].leave_days  # the demo's last full month has every kind
    assert company.db.project_id == 1  # looking at other projects switched nothing


def test_a_second_look_reads_the_stored_summaries(company: Services) -> None:
    ho = company.headoffice
    assert ho.stale(*NOV) == [1, 2, 3]
    first = ho.overview(*NOV)
    assert all(r.recomputed for r in first)
    assert ho.stale(*NOV) == []
    again = ho.overview(*NOV)
    assert not any(r.recomputed for r in again)
    assert [r.figures for r in again] == [r.figures for r in first]


def test_a_change_in_one_project_makes_only_its_summary_stale(company: Services) -> None:
    ho = company.headoffice
    before = {r.project_id: r.figures for r in ho.overview(*NOV)}
    site = company.on_project(2)
    person = next(p for p in site.roster.list_people() if p.status == "active")
    site.attendance.add_manual_absence(person.id, dt.date(2026, 10, 20), "pm", "overstay")
    # project 2's October changed: its November is recomputed too (project granularity)
    assert ho.stale(*NOV) == [2]
    site = company.on_project(1)
    person = next(p for p in site.roster.list_people() if p.status == "active")
    site.attendance.add_manual_absence(person.id, dt.date(2026, 11, 5), "day", "overstay")
    assert ho.stale(*NOV) == [1, 2]
    rows = {r.project_id: r for r in ho.overview(*NOV)}
    assert rows[1].recomputed and rows[2].recomputed and not rows[3].recomputed
    assert rows[1].figures.absence_count > before[1].absence_count
    assert rows[3].figures == before[3]
    assert ho.stale(*NOV) == []


def test_a_month_not_over_is_recomputed_the_next_day(company_db: Path) -> None:
    s = open_company(company_db)
    try:
        s.headoffice.overview(*NOV)
        s.headoffice.overview(2026, 10)
    finally:
        s.close()
    s = open_company(company_db, today=dt.date(2026, 11, 30))
    try:
        assert s.headoffice.stale(*NOV) == [1, 2, 3]  # November was not over on the 29th
        assert s.headoffice.stale(2026, 10) == []  # October was
    finally:
        s.close()


def test_a_month_looked_at_on_its_last_day_is_counted_again_once_over(
        company_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10:00 on 30 November the afternoon is pending: the summary stored then must not
    stand for the month once it is over (month-end reviews look on the last day). The first
    look after it counts only the 30th again; from then on the month never ages."""
    s = open_company(company_db, today=dt.date(2026, 11, 30))
    try:
        s.headoffice.overview(*NOV)
        assert s.headoffice.stale(*NOV) == []
        assert _ended_of(s, 1)["through"] == "2026-11-29"  # type: ignore[index]
    finally:
        s.close()
    calls = _counted_from(monkeypatch)
    s = open_company(company_db, today=dt.date(2026, 12, 1))
    try:
        assert s.headoffice.stale(*NOV) == [1, 2, 3]
        rows = s.headoffice.overview(*NOV)
        assert sorted(calls) == [(pid, dt.date(2026, 11, 30)) for pid in (1, 2, 3)]
        for r in rows:
            assert r.figures == s.headoffice.compute(r.project_id, *NOV), r.code
        assert _ended_of(s, 1) is None  # over: nothing left to add
    finally:
        s.close()
    s = open_company(company_db, today=dt.date(2027, 2, 10))
    try:
        assert s.headoffice.stale(*NOV) == []  # a month over never ages again
    finally:
        s.close()


def _counted_from(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, dt.date | None]]:
    """Each month count's (project, first day counted; None: the month's first)."""
    from app.services.attendance import AttendanceService

    calls: list[tuple[int | None, dt.date | None]] = []
    real = AttendanceService.tallies

    def spy(self: AttendanceService, year: int, month: int, since: dt.date | None = None,
            now: dt.datetime | None = None) -> Any:
        calls.append((self.db.project_id, since))
        return real(self, year, month, since, now)

    monkeypatch.setattr(AttendanceService, "tallies", spy)
    return calls


def _ended_of(s: Services, project_id: int) -> dict[str, Any] | None:
    from sqlalchemy import text

    with s.db.engine.connect() as conn:
        raw = conn.execute(text("SELECT ended FROM project_month_summary WHERE project_id = "
                                ":p AND month = '2026-11'"), {"p": project_id}).scalar()
    return json.loads(raw) if raw else None


def test_a_day_later_only_the_days_after_the_ended_ones_are_counted(
        company_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first look of a day: a month not over is counted again from the day after the
    last one whose sessions had all ended at the earlier look, and comes out as the whole
    month counted afresh (and as a head office that never looked before)."""
    never = copy_database(company_db, tmp_path / "never" / "onsitedesk.db")
    s = open_company(company_db, today=dt.date(2026, 11, 20))  # 10:00: the 20th not over
    try:
        s.headoffice.overview(*NOV)
        ended = _ended_of(s, 1)
        assert ended is not None and ended["through"] == "2026-11-19"
        assert len(ended["people"]) == len(s.attendance.month(*NOV).people)
    finally:
        s.close()
    calls = _counted_from(monkeypatch)
    s = open_company(company_db)  # 10:00 on the 29th
    try:
        assert s.headoffice.stale(*NOV) == [1, 2, 3]
        rows = s.headoffice.overview(*NOV)
        assert sorted(calls) == [(pid, dt.date(2026, 11, 20)) for pid in (1, 2, 3)]
        assert all(r.recomputed for r in rows)
        assert _ended_of(s, 1)["through"] == "2026-11-28"  # type: ignore[index]
        calls.clear()
        for r in rows:
            assert r.figures == s.headoffice.compute(r.project_id, *NOV), r.code
        assert {since for _pid, since in calls} == {None}
        assert s.headoffice.stale(*NOV) == []
    finally:
        s.close()
    s = open_company(never)
    try:
        assert [r.figures for r in s.headoffice.overview(*NOV)] == [r.figures for r in rows]
    finally:
        s.close()


def test_a_project_whose_data_changed_is_counted_from_the_first_day(
        company_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import text

    s = open_company(company_db, today=dt.date(2026, 11, 20))
    try:
        s.headoffice.overview(*NOV)
    finally:
        s.close()
    s = open_company(company_db)
    try:
        site = s.on_project(1)
        person = next(p for p in site.roster.list_people() if p.status == "active")
        site.attendance.add_manual_absence(person.id, dt.date(2026, 11, 5), "day", "overstay")
        with s.db.engine.begin() as conn:  # an unreadable ended part: counted afresh too
            conn.execute(text("UPDATE project_month_summary SET ended = '{\"through\": 1'"
                              " WHERE project_id = 3"))
        calls = _counted_from(monkeypatch)
        rows = {r.project_id: r.figures for r in s.headoffice.overview(*NOV)}
        assert sorted(calls, key=str) == sorted(
            [(1, None), (2, dt.date(2026, 11, 20)), (3, None)], key=str)
        for pid, figures in rows.items():
            assert figures == s.headoffice.compute(pid, *NOV)
    finally:
        s.close()


def test_a_locked_month_is_read_from_its_lock_and_keeps_no_ended_part(
        company: Services) -> None:
    site = company.on_project(1)
    site.attendance.lock_month(*NOV, force=True)
    row = next(r for r in company.headoffice.overview(*NOV) if r.project_id == 1)
    assert row.figures.locked
    assert _ended_of(company, 1) is None
    assert _ended_of(company, 2) is not None


def test_a_holiday_change_makes_the_summaries_of_its_month_stale(company: Services) -> None:
    """National data every site reads: a holiday day edited makes every project's summary of
    its month stale (and no other month's); a year's status (whether its days are estimated)
    every month of that year; next year's holidays leave this year's summaries as they are."""
    ho = company.headoffice
    for month in (9, 10, 11):
        ho.overview(2026, month)
    from app.storage.tables import HolidayDay

    with company.db.transaction() as s:
        row = s.query(HolidayDay).filter(HolidayDay.date == dt.date(2026, 10, 1)).one()
        row.name = row.name + "*"
    assert ho.stale(2026, 10) == [1, 2, 3]
    assert ho.stale(2026, 9) == [] and ho.stale(*NOV) == []
    ho.overview(2026, 10)
    company.holidays.set_day(dt.date(2027, 1, 4), "statutory_holiday", "元旦（补）")
    company.holidays.set_year_status(2027, "confirmed")
    assert [ho.stale(2026, m) for m in (9, 10, 11)] == [[], [], []]
    company.holidays.set_year_status(2026, "provisional")
    assert [ho.stale(2026, m) for m in (9, 10, 11)] == [[1, 2, 3]] * 3


def test_an_unreadable_national_row_makes_every_summary_stale(company: Services) -> None:
    from sqlalchemy import text

    ho = company.headoffice
    ho.overview(2026, 10)
    with company.db.engine.begin() as conn:  # as a row written by some older version might be
        conn.execute(text("INSERT INTO audit_log (at, actor, action, entity, entity_id, before,"
                          " after, prev_hash, hash) SELECT at, actor, 'update', 'holiday_day',"
                          " 'x', NULL, '{\"name\": 1}', prev_hash, hash FROM audit_log"
                          " ORDER BY id DESC LIMIT 1"))
    assert ho.stale(2026, 10) == [1, 2, 3]


def test_refresh_stores_the_months_a_writer_names(company: Services) -> None:
    ho = company.headoffice
    got = ho.refresh(3, ["2026-09", (2026, 10)])
    assert sorted(got) == ["2026-09", "2026-10"]
    assert 3 not in ho.stale(2026, 9) and 3 not in ho.stale(2026, 10)
    assert 3 in ho.stale(*NOV)


def test_statistics_across_projects_and_months(company: Services, tmp_path: Path) -> None:
    months = parse_months("2026-09", "2026-11")
    stats = company.headoffice.statistics(months)
    assert list(stats.attendance_rate.months) == ["2026-09", "2026-10", "2026-11"]
    assert len(stats.attendance_rate.rows) == 3 and len(stats.detail) == 9
    rows = {r.code: r.figures for r in company.headoffice.overview(*NOV)}
    for code, value in stats.late_minutes.column("2026-11").items():
        assert value == rows[code].late_minutes
    october = {r.code: r.figures for r in company.headoffice.overview(2026, 10)}
    leave = stats.leave.get("SZ-RMYY", "2026-10")
    assert leave is not None and leave.name == PROJECTS[0][1]
    assert leave.days["personal_leave"] == october["SZ-RMYY"].leave_days["personal_leave"] > 0
    out = company.documents.headoffice_xlsx(stats, tmp_path / "stats.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["出勤率", "迟到分钟", "请假天数", "明细"]
    rate = wb["出勤率"]
    assert [c.value for c in rate[3]][:5] == ["项目编号", "项目名称", "2026年9月", "2026年10月",
                                             "2026年11月"]
    assert rate.freeze_panes == "C4"
    got = {rate.cell(r, 1).value: rate.cell(r, 5) for r in range(4, 7)}
    for code, cell in got.items():
        assert cell.value == rows[code].attendance_rate
        assert cell.value is None or cell.number_format == "0.0"
    assert any(cell.value is not None for cell in got.values())
    late = wb["迟到分钟"]
    assert {late.cell(r, 1).value: late.cell(r, 5).value for r in range(4, 7)} == {
        code: f.late_minutes for code, f in rows.items()}
    detail = wb["明细"]
    headers = [c.value for c in detail[3]]
    assert "须附说明人数" in headers and "逾期交接" in headers
    assert detail.max_row == 3 + 9
    assert wb["请假天数"].column_dimensions["B"].width >= 30


def test_metric_tables_are_each_projects_own_month_figures(company: Services) -> None:
    """Two months, every project: the tables against the site's own month sheet and service
    log (not against the stored summaries they are built from)."""
    from app.domain.attendance import ABSENT, ATTENDED

    stats = company.headoffice.statistics(parse_months("2026-10", "2026-11"))
    assert stats.months == ("2026-10", "2026-11")
    tables = {m: stats.metric(m) for m in ("attendance_rate", "late_minutes", "late_count",
                                           "absent_days", "leave_total", "service_total",
                                           "people")}
    refs = company.headoffice.projects()
    assert [r.code for r in tables["late_minutes"].rows] == sorted(r.code for r in refs)
    for ref in refs:
        site = company.on_project(ref.id)
        for year, month in ((2026, 10), (2026, 11)):
            key = f"{year:04d}-{month:02d}"
            sheet = site.attendance.month(year, month)
            people = [p.summary for p in sheet.people]
            attended = sum(half.verdict in ATTENDED for s in people for d in s.days
                           if d.required for half in (d.am, d.pm)) / 2
            absent = sum(half.verdict == ABSENT for s in people for d in s.days
                         if d.required for half in (d.am, d.pm)) / 2
            rate = round(attended * 100 / (attended + absent), 1) if attended + absent else None
            expected = {
                "attendance_rate": rate,
                "late_minutes": sum(s.late_minutes for s in people),
                "late_count": sum(s.late_count for s in people),
                "absent_days": sum(s.absent_days for s in people),
                "leave_total": sum(sum(s.leave_days.values()) for s in people),
                "service_total": site.service_log.month(year, month).summary.total,
                "people": len(sheet.people)}
            for metric, value in expected.items():
                got = tables[metric].column(key)[ref.code]
                assert got == pytest.approx(value), (ref.code, key, metric)
            leave = stats.leave.get(ref.code, key)
            total = expected["leave_total"]
            assert (leave.total if leave else 0.0) == pytest.approx(total)
    rates = tables["attendance_rate"].column("2026-11")
    assert any(v is not None and 0 < v <= 100 for v in rates.values())
    late = tables["late_minutes"].row("SZ-RMYY")
    assert late.total == sum(v or 0 for v in late.values) > 0
    with pytest.raises(KeyError):
        stats.metric("code")


def test_the_workbook_read_back_has_the_same_numbers(company: Services,
                                                     tmp_path: Path) -> None:
    stats = company.headoffice.statistics(parse_months("2026-09", "2026-11"))
    wb = openpyxl.load_workbook(company.documents.headoffice_xlsx(stats, tmp_path / "s.xlsx"))
    for title, table in (("出勤率", stats.attendance_rate), ("迟到分钟", stats.late_minutes)):
        ws = wb[title]
        assert ws.max_row == 3 + len(table.rows) and ws.max_column == 2 + len(stats.months)
        for r, row in enumerate(table.rows, start=4):
            assert (ws.cell(r, 1).value, ws.cell(r, 2).value) == (row.code, row.name)
            assert [ws.cell(r, c).value for c in range(3, 3 + len(stats.months))] == list(
                row.values)
    leave = wb["请假天数"]
    headers = [c.value for c in leave[3]]
    assert headers[:3] == ["项目编号", "项目名称", "月份"] and headers[-1] == "合计"
    assert headers[3:-1] == [strings.LEAVE_TYPE_LABELS[k] for k in stats.leave.types]
    assert headers[3] == "事假"  # the regulation's order, not the labels' code points
    assert leave.max_row == 3 + len(stats.leave.rows) > 3
    for r, lrow in enumerate(stats.leave.rows, start=4):
        assert leave.cell(r, 3).value == _month_header(lrow.month)
        got = {k: leave.cell(r, c).value for c, k in enumerate(stats.leave.types, start=4)}
        assert got == {k: lrow.days.get(k, 0.0) for k in stats.leave.types}
        assert leave.cell(r, len(headers)).value == pytest.approx(lrow.total)
    detail = wb["明细"]
    labels = {v: k for k, v in strings.HO_XL_DETAIL_HEADERS.items()}
    columns = [labels[c.value] for c in detail[3]]
    assert detail.max_row == 3 + len(stats.detail) == 3 + 9
    for r, drow in enumerate(stats.detail, start=4):
        for c, name in enumerate(columns, start=1):
            cell = detail.cell(r, c).value
            if name == "month":
                assert cell == _month_header(drow.month)
            elif name == "locked":
                assert cell == ("是" if drow.figures.locked else "否")
            else:
                assert cell == drow.value(name), (drow.code, drow.month, name)
    assert detail.freeze_panes == "D4"


def _month_header(key: str) -> str:
    year, month = key.split("-")
    return f"{int(year)}年{int(month)}月"


def test_months_are_checked() -> None:
    assert parse_months("2025-12", "2026-02") == [(2025, 12), (2026, 1), (2026, 2)]
    for first, last in (("2026-13", "2026-12"), ("2026-1x", "2026-12"), ("2026-12", "2026-01"),
                        ("2020-01", "2026-01")):
        with pytest.raises(ValidationError):
            parse_months(first, last)


def test_one_project_is_no_company(services: Services) -> None:
    # one project in a file: a site; a server database is a company's even with one project
    # (the PostgreSQL leg runs this on a server)
    assert services.headoffice.is_company_database() == (services.db.server is not None)
    rows = services.headoffice.overview(*NOV)
    assert len(rows) <= 1


def test_overview_and_stats_commands(company_db: Path, tmp_path: Path) -> None:
    result = run_cli("--db", company_db, "overview", "--month", "2026-11", "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["month"] == "2026-11"
    assert [p["code"] for p in doc["projects"]] == sorted(code for code, _, _ in PROJECTS)
    assert {"on_site", "problems", "explanations", "overdue_handovers", "response_percent",
            "response_target", "leave_days"} <= set(doc["projects"][0])
    text = run_cli("--db", company_db, "overview", "--month", "2026-11")
    assert text.code == 0 and "SZ-RMYY" in text.out and "须附说明" in text.out
    out = tmp_path / "s.xlsx"
    done = run_cli("--db", company_db, "stats", "--from", "2026-10", "--to", "2026-11",
                   "--xlsx", out)
    assert done.code == 0, done.err
    assert openpyxl.load_workbook(out)["出勤率"].max_row == 3 + 3
    assert "2026-13" in run_error("--db", company_db, "stats", "--from", "2026-13", "--to",
                                  "2026-12", "--xlsx", out)
    assert "2026-1x" in run_error("--db", company_db, "overview", "--month", "2026-1x")
    assert "晚于" in run_error("--db", company_db, "stats", "--from", "2026-11", "--to",
                                "2026-10", "--xlsx", out)


def test_a_read_only_look_computes_without_storing(company: Services) -> None:
    company.db.read_only = "test"
    try:
        rows = company.headoffice.overview(*NOV)
        assert len(rows) == 3 and all(r.recomputed for r in rows)
    finally:
        company.db.read_only = None
    assert company.headoffice.stale(*NOV) == [1, 2, 3]


def test_the_view_of_another_project_shares_the_clock(company: Services) -> None:
    site = company.on_project(2)
    assert site.db.project_id == 2 and company.db.project_id == 1
    assert site.db.engine is company.db.engine
    assert isinstance(site.db.clock, FixedClock)
    assert site.holidays is company.holidays


def test_a_viewer_looks_without_storing_and_an_admin_stores(
        company: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.helpers.accounts import (
        ADMIN_LOGIN,
        ADMIN_PASSWORD,
        VIEWER_LOGIN,
        VIEWER_PASSWORD,
        cheap_scrypt,
        with_admin_and_viewer,
    )

    cheap_scrypt(monkeypatch)
    with_admin_and_viewer(company)
    office = company.headoffice
    company.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    calls = _counted_from(monkeypatch)
    company.db.clock.set(dt.datetime(2026, 11, 20, 10))  # type: ignore[attr-defined]
    rows = office.overview(*NOV)
    assert len(rows) == 3 and all(r.recomputed for r in rows)
    assert _ended_of(company, 1) is None  # nothing stored by a viewer...
    # ... but kept for the viewer's next look: the same day, nothing counted again
    assert office.stale(*NOV) == []
    calls.clear()
    again = office.overview(*NOV)
    assert calls == [] and not any(r.recomputed for r in again)
    assert [r.figures for r in again] == [r.figures for r in rows]
    # a day later, only the days after the kept ended part (the 19th) are counted
    company.db.clock.set(dt.datetime(2026, 11, 21, 10))  # type: ignore[attr-defined]
    later = office.overview(*NOV)
    assert sorted(calls) == [(pid, dt.date(2026, 11, 20)) for pid in (1, 2, 3)]
    calls.clear()
    assert [r.figures for r in later] == [office.compute(r.project_id, *NOV) for r in later]
    # an admin changes project 2's data (the viewer's kept summaries are not stored)
    company.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    assert office.stale(*NOV) == [1, 2, 3]
    site = company.on_project(2)
    person = next(p for p in site.roster.list_people() if p.status == "active")
    site.attendance.add_manual_absence(person.id, dt.date(2026, 11, 5), "day", "overstay")
    # the viewer again: project 2 is counted from its first day, the others not at all
    company.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    calls.clear()
    changed = {r.project_id: r for r in office.overview(*NOV)}
    assert calls == [(2, None)]
    before = next(r for r in later if r.project_id == 2)
    assert changed[2].figures.absence_count > before.figures.absence_count
    # an admin stores
    company.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    office.overview(*NOV)
    assert office.stale(*NOV) == []
    assert _ended_of(company, 1) is not None


def test_summaries_are_stored_while_working_on_a_site_copy(company: Services) -> None:
    """A site package's copy is read-only at head office; the summaries, head office's own
    table, are stored all the same, and the view of a project carries its own refusal."""
    from app.storage.tables import Project

    with company.db.transaction() as s:
        project = s.get(Project, 2)
        assert project is not None
        project.origin = "site"
    company.use_project(PROJECTS[1][0])
    assert company.db.project_refusal
    company.headoffice.overview(*NOV)
    assert company.headoffice.stale(*NOV) == []
    assert company.on_project(1).db.project_refusal is None
    assert company.on_project(2).db.project_refusal


def test_statistics_and_workbook_need_neither_pandas_nor_numpy(company_db: Path,
                                                               tmp_path: Path) -> None:
    """Neither is in the packaged bundles: the ``stats`` command, run in a fresh interpreter
    where importing either fails, writes the workbook all the same."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('pandas', 'numpy'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from tests.helpers.cli import run_cli\n"
        "import ui.headoffice.panel\n"
        "r = run_cli('--db', sys.argv[1], 'stats', '--from', '2026-10', '--to', '2026-11',\n"
        "            '--xlsx', sys.argv[2])\n"
        "assert r.code == 0, r.err\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy')]\n")
    out = tmp_path / "s.xlsx"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script, str(company_db), str(out)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert openpyxl.load_workbook(out)["迟到分钟"].max_row == 3 + 3


def test_an_audit_row_naming_a_project_by_code_makes_it_stale(company: Services) -> None:
    """What a site package's import writes into head office's audit chain (one row, the
    project by code): that project's summaries are recomputed, the others' not."""
    from app.storage import audit

    company.headoffice.overview(*NOV)
    with company.db.transaction() as s:
        audit.record(s.connection(), "test", "import", "site_package", "GZ-ZWFW#1", None,
                     {"project": "gz-zwfw", "seq": 1}, company.db.clock,
                     s.info.get(audit.KEYS_KEY))
    assert company.headoffice.stale(*NOV) == [2]


def test_the_calendar_is_read_once_for_a_look_and_only_on_its_thread(
        company: Services) -> None:
    """Head office reads the holiday calendar once per look (``HolidayService.held``), not
    four times per project; another thread (the window's) still reads the table."""
    import threading

    from app.storage.tables import HolidayDay

    holidays = company.holidays
    with holidays.held() as held:
        assert holidays.calendar() is held
        with holidays.held() as inner:
            assert inner is held
        with company.db.transaction() as s:  # a holiday edited meanwhile by the window
            row = s.query(HolidayDay).filter(HolidayDay.date == dt.date(2026, 10, 1)).one()
            row.name = "国庆节（改）"
        other: list[Any] = []
        thread = threading.Thread(target=lambda: other.append(holidays.calendar()))
        thread.start()
        thread.join()
        assert other[0] is not held
        assert other[0].name_of(dt.date(2026, 10, 1)) == "国庆节（改）"
        assert holidays.calendar().name_of(dt.date(2026, 10, 1)) != "国庆节（改）"
    assert holidays.calendar().name_of(dt.date(2026, 10, 1)) == "国庆节（改）"
