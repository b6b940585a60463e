"""Service log use cases (SPEC V1–V3): records, the month against the commitments, carried
open items, inspection and warranty, daily reports, printouts read back; the migration
creates exactly the ORM's tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest
from sqlalchemy import create_engine

from app import strings
from app.domain.service_log import FAULT, INSPECTION, RESOLVED, RecordFields, StaffVisit
from app.errors import NotFoundError
from app.services import Services
from app.services.service_demo import add_demo_service
from app.services.service_log import ServiceLogService
from app.storage.tables import Base
from tests.helpers.db import DatabaseTemplates, copy_database, open_copy, settle
from tests.helpers.errors import raises_invalid

TODAY = dt.date(2026, 11, 29)
NOW = dt.datetime(2026, 11, 29, 17, 45)
TABLES = ("service_record", "service_record_staff", "daily_report", "service_setting")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.fixture(scope="module")
def roster_db(db_templates: DatabaseTemplates,
              tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site without its service log, copied for every test that changes it."""
    path = copy_database(db_templates.demo(TODAY), tmp_path_factory.mktemp("svc") / "site.db")
    clear_service_log(path)
    settle(path)
    return path


@pytest.fixture
def site(roster_db: Path, tmp_path: Path) -> Iterator[Services]:
    """The demo roster without service records (each test writes its own)."""
    services = open_copy(roster_db, tmp_path / "data" / "onsitedesk.db", today=TODAY)
    yield services
    services.close()


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


def staff(services: Services, *employee_nos: str) -> tuple[StaffVisit, ...]:
    ids = {p.employee_no: p.id for p in services.roster.list_people()}
    return tuple(StaffVisit(ids[no]) for no in employee_nos)


def fields(services: Services, reported: str, responded: str | None = None,
           resolved: str | None = None, kind: str = FAULT, **kw: object) -> RecordFields:
    base: dict[str, object] = dict(
        service_type=kind, source="phone", reported_at=at(reported), reporter="刘医生",
        reporter_dept="内科门诊", responded_at=at(responded) if responded else None,
        resolved_at=at(resolved) if resolved else None,
        staff=staff(services, "HX1002"), location="门诊二楼", description="HIS 工作站蓝屏",
        result=RESOLVED if resolved else "pending")
    base.update(kw)
    return RecordFields(**base)  # type: ignore[arg-type]


# ---- schema --------------------------------------------------------------------------------
def test_migration_creates_exactly_the_orm_tables(site: Services) -> None:
    """0009 is hand-written: it must agree with app/storage/tables_service.py."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import app.storage.tables_service  # noqa: F401

    engine = create_engine(f"sqlite:///{site.db_path}")
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(ctx, Base.metadata)
    finally:
        engine.dispose()

    def mine(diff: object) -> bool:
        text = repr(diff)
        return any(name in text for name in TABLES)

    flat = [d for group in diffs for d in (group if isinstance(group, list) else [group])]
    assert [d for d in flat if mine(d)] == []


# ---- records -------------------------------------------------------------------------------
def test_add_numbers_by_report_month_and_measures_across_midnight(site: Services) -> None:
    log = site.service_log
    first, changes = log.add(fields(site, "2026-10-31 23:50", "2026-11-01 00:15"), now=NOW)
    assert changes.service
    assert first.number == "YW-2026-10-001"
    assert (first.measure.response_minutes, first.measure.response) == (25, "met")
    assert first.measure.resolution == "missed"  # still open weeks later
    second, _ = log.add(fields(site, "2026-10-05 08:00", "2026-10-05 08:10",
                               "2026-10-05 09:00"), now=NOW)
    third, _ = log.add(fields(site, "2026-11-01 00:05"), now=NOW)
    assert (second.number, third.number) == ("YW-2026-10-002", "YW-2026-11-001")
    assert log.get("YW-2026-10-002").id == second.id
    assert first.head_count == 1 and first.staff[0].name == "王子涵"


def test_update_keeps_the_number_and_updates_staff_times(site: Services) -> None:
    log = site.service_log
    r, _ = log.add(fields(site, "2026-11-03 10:30", "2026-11-03 11:00"), now=NOW)
    ids = {p.employee_no: p.id for p in site.roster.list_people()}
    changed = dataclasses.replace(
        r.fields(), resolved_at=at("2026-11-03 12:31"), result=RESOLVED, head_count=3,
        staff=(StaffVisit(ids["HX1007"], at("2026-11-03 11:08"), at("2026-11-03 12:36")),
               StaffVisit(ids["HX1002"], at("2026-11-03 11:08"), None)))
    updated, _ = log.update(r.id, changed, now=NOW)
    assert updated.number == r.number
    assert [(v.name, v.entered_at, v.exited_at) for v in updated.staff] == [
        ("赵思远", at("2026-11-03 11:08"), at("2026-11-03 12:36")),
        ("王子涵", at("2026-11-03 11:08"), None)]
    assert (updated.measure.resolution_minutes, updated.measure.resolution) == (121, "missed")
    assert updated.head_count == 3
    assert updated.service_start == at("2026-11-03 11:00")
    assert updated.service_end == at("2026-11-03 12:31")
    con = sqlite3.connect(site.db_path)
    try:
        entities = {row[0] for row in con.execute("SELECT entity FROM audit_log")}
    finally:
        con.close()
    assert {"service_record", "service_record_staff"} <= entities


def test_rule_breaks_are_refused_with_the_field_named(site: Services) -> None:
    log = site.service_log
    with raises_invalid("responded_at", strings.SV_PROBLEMS["before_reported"].format(
            field=strings.SV_FIELD_LABELS["responded_at"])):
        log.add(fields(site, "2026-11-03 10:00", "2026-11-03 09:50"))
    with raises_invalid("staff", strings.SV_PROBLEMS["staff_missing"]):
        log.add(fields(site, "2026-11-03 10:00", staff=()))
    with pytest.raises(NotFoundError):
        log.get("YW-2026-01-999")
    assert log.records() == []  # nothing half-written


def test_filters_by_month_type_result_and_staff(site: Services) -> None:
    log = site.service_log
    log.add(fields(site, "2026-10-30 16:40", "2026-10-30 16:50"), now=NOW)  # open
    log.add(fields(site, "2026-11-04 09:00", kind=INSPECTION, reporter="",
                   resolved="2026-11-04 12:00", staff=staff(site, "HX1003", "HX1007")),
            now=NOW)
    log.add(fields(site, "2026-11-05 09:00", "2026-11-05 09:10", "2026-11-05 10:00"),
            now=NOW)
    november = log.records(month=(2026, 11), now=NOW)
    assert [(r.number, r.carried_over) for r in november] == [
        ("YW-2026-11-002", False), ("YW-2026-11-001", False), ("YW-2026-10-001", True)]
    assert [r.number for r in log.records(service_type=INSPECTION)] == ["YW-2026-11-001"]
    assert [r.number for r in log.records(result="pending")] == ["YW-2026-10-001"]
    ids = {p.employee_no: p.id for p in site.roster.list_people()}
    assert [r.number for r in log.records(person_id=ids["HX1007"])] == ["YW-2026-11-001"]


# ---- the month -----------------------------------------------------------------------------
def test_month_figures_at_the_boundaries_and_the_carried_open_item(site: Services) -> None:
    log = site.service_log
    for reported, responded, resolved in (
            ("2026-11-02 09:00", "2026-11-02 09:30", "2026-11-02 11:00"),  # 30 / 120
            ("2026-11-03 09:00", "2026-11-03 09:31", "2026-11-03 11:01"),  # 31 / 121
            ("2026-11-04 23:50", "2026-11-05 00:15", "2026-11-05 00:45")):  # 25 / 55
        log.add(fields(site, reported, responded, resolved), now=NOW)
    open_item, _ = log.add(fields(site, "2026-11-30 16:40", "2026-11-30 16:50",
                                  pending_reason="等待厂家升级包"), now=NOW)
    nov = log.month(2026, 11, now=at("2026-12-10 09:00"))
    s = nov.summary
    assert s.total == 4
    assert (s.response.met, s.response.missed, s.response.percent) == (3, 1, Decimal("75.0"))
    assert (s.resolution.met, s.resolution.missed, s.resolution.percent) == (
        2, 2, Decimal("50.0"))  # the open item is long past 2 hours
    assert (s.response.median, s.response.worst) == (27.5, 31)  # 10, 25, 30, 31
    assert [r.number for r in nov.open_records] == [open_item.number]
    dec = log.month(2026, 12, now=at("2026-12-10 09:00"))
    assert [(r.number, r.carried_over) for r in dec.records] == [(open_item.number, True)]
    assert dec.summary.total == 0 and dec.summary.carried_ids == (open_item.id,)
    done = dataclasses.replace(open_item.fields(), resolved_at=at("2026-12-02 10:00"),
                               result=RESOLVED)
    log.update(open_item.id, done)
    assert log.month(2027, 1, now=at("2027-01-05 09:00")).records == ()
    data = nov.as_json()
    assert data["summary"]["response"]["percent"] == 75.0
    assert data["summary"]["open"] == [open_item.number]


def test_targets_are_effective_dated(site: Services) -> None:
    log = site.service_log
    before, _ = log.add(fields(site, "2026-11-02 09:00", "2026-11-02 09:25"), now=NOW)
    log.set_targets(20, 90, dt.date(2026, 11, 3))
    after, _ = log.add(fields(site, "2026-11-03 09:00", "2026-11-03 09:25"), now=NOW)
    assert (log.get(before.id, NOW).measure.response, after.measure.response) == (
        "met", "missed")
    assert log.targets(dt.date(2026, 11, 2)).response_minutes == 30
    assert log.month(2026, 11, now=NOW).targets.resolution_minutes == 90
    with raises_invalid("response_minutes", strings.SV_BAD_TARGET.format(
            field=strings.SV_FIELD_LABELS["response_minutes"], value=0)):
        log.set_targets(0, 120)


def test_inspection_due_then_done_and_the_warranty(site: Services) -> None:
    log = site.service_log
    c = log.commitments(TODAY)
    assert (c.inspection.done, c.warranty, c.support_24h) == (False, None, False)
    log.add(fields(site, "2025-12-30 09:00", kind=INSPECTION, reporter="",
                   resolved="2025-12-30 11:00"))
    assert not log.inspection(2026, TODAY).done  # last year's does not count
    log.add(fields(site, "2026-11-04 09:00", kind=INSPECTION, reporter="",
                   resolved="2026-11-04 12:00"))
    assert log.inspection(2026, TODAY).dates == (dt.date(2026, 11, 4),)
    log.set_acceptance_date(dt.date(2024, 12, 27), today=TODAY)
    c = log.commitments(TODAY)
    assert c.inspection.done and c.warranty is not None
    assert (c.warranty.end, c.support_24h) == (dt.date(2027, 12, 27), True)
    assert not log.commitments(dt.date(2027, 12, 28)).support_24h
    october = log.month(2026, 10, now=NOW)  # seen at October's end: not done yet
    assert not october.commitments.inspection.done


# ---- daily reports -------------------------------------------------------------------------
def test_daily_reports_round_trip_and_the_team_grid(site: Services) -> None:
    log = site.service_log
    day = dt.date(2026, 11, 27)
    team = log.day_reports(day)
    names = [r.name for r in team]
    assert "孙嘉怡" not in names and "吴海峰" not in names  # not yet / no longer on site
    texts = {r.person_id: f"工作 {r.name}" for r in team}
    first = team[0].person_id
    texts[first] = "  巡查门诊终端  "
    assert log.set_reports(day, texts).service
    assert log.report(first, day) == "巡查门诊终端"
    assert [r.text for r in log.day_reports(day)][1:] == [f"工作 {n}" for n in names[1:]]
    log.set_reports(day, {first: ""})  # an empty text removes the entry
    assert log.report(first, day) == ""
    month = log.month_reports(2026, 11, today=TODAY)
    person = next(p for p in month.people if p.person_id == first)
    assert dt.date(2026, 11, 27) in person.missing
    assert dt.date(2026, 11, 30) not in person.missing  # after today
    assert len(month.workdays) == 21
    with raises_invalid("text", strings.SV_REPORT_TOO_LONG.format(
            n=500, name=site.roster.get(first).name, day=day.isoformat())):
        log.set_report(first, day, "字" * 501)


def test_reports_excel_reads_back_print_ready(site: Services, tmp_path: Path) -> None:
    log = site.service_log
    day = dt.date(2026, 11, 26)
    team = log.day_reports(day)
    log.set_reports(day, {team[0].person_id: "整理运维记录", team[1].person_id: "巡检机房"})
    path = site.documents.service_reports_xlsx(2026, 11, tmp_path / "r.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws["A3"].value == strings.SV_REPORTS_XLSX_HEADERS[0]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_col=6)]
    reported = [r for r in rows
                if r[0] == dt.datetime(2026, 11, 26) and r[5] and "（" not in r[5]]
    assert [(r[3], r[5]) for r in reported] == [(team[0].name, "整理运维记录"),
                                                (team[1].name, "巡检机房")]
    assert [dt.datetime(2026, 11, 25), "周三", team[0].employee_no, team[0].name, team[0].role,
            strings.SV_REPORTS_MISSING_TEXT] in rows
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "C4"
    assert ws.cell(row=4, column=1).number_format == 'yyyy"年"m"月"d"日"'  # a date cell


# ---- printouts -----------------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_demo_service_log_prints(roster_db: Path, tmp_path: Path) -> None:
    """The demo month: over-target calls, one pending item carried over, the inspection."""
    services = open_copy(roster_db, tmp_path / "demo" / "onsitedesk.db", today=TODAY)
    try:
        assert add_demo_service(services, TODAY) >= 20
        log: ServiceLogService = services.service_log
        october = log.month(2026, 10, now=NOW)
        assert october.summary.response.missed >= 1 and october.summary.resolution.missed >= 1
        november = log.month(2026, 11, now=NOW)
        carried = [r for r in november.records if r.carried_over]
        assert any(r.result == "pending" for r in carried)
        assert november.commitments.inspection.done
        record = next(r for r in november.records if not r.carried_over)
        docs = services.documents
        docs.service_record_pdf(record.id, tmp_path / "rec.pdf", now=NOW)
        docs.service_month_pdf(2026, 11, tmp_path / "month.pdf", now=NOW)
        docs.service_reports_pdf(2026, 11, tmp_path / "rep.pdf", today=TODAY)
    finally:
        services.close()
    text = _pdf_text(tmp_path / "rec.pdf")
    assert record.number in text and "采购人项目负责人签字确认" in text
    assert "服务人员出入记录" in text and "承诺" in text
    month_text = _pdf_text(tmp_path / "month.pdf")
    for label in ("达标率", "往月结转", "制表人", "信息科", "免费巡检"):
        assert label in month_text
    assert "每日工作汇报" in _pdf_text(tmp_path / "rep.pdf")
