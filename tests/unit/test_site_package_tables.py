"""Issue 19: no table of a project's data is left out of the site package silently."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table

from app.services import sitepkg


def test_every_project_table_travels_or_is_excluded_with_a_reason() -> None:
    assert sitepkg.coverage_problems() == []
    carried = {t.name for t in sitepkg.exported_tables()}
    assert {"person", "punch", "import_batch", "punch_correction", "coverage_declaration",
            "device", "leave_request", "staff_change", "handover_item", "score_rule",
            "score_incident", "setting", "month_lock", "service_record", "daily_report",
            "attachment", "equipment_item"} <= carried
    # accounts, keys, the audit tables and national data are not project tables at all
    assert not carried & {"user_account", "key_wrap", "login_attempt", "site_key", "audit_log",
                          "db_meta", "holiday_day", "project"}
    assert set(sitepkg.EXCLUDED) <= {t.name for t in sitepkg.scoped_tables()}


def _metadata() -> MetaData:
    md = MetaData()
    Table("project", md, Column("id", Integer, primary_key=True))
    Table("thing", md, Column("id", Integer, primary_key=True),
          Column("project_id", ForeignKey("project.id")))
    return md


def test_a_new_table_that_cannot_travel_is_reported() -> None:
    md = _metadata()
    assert sitepkg.coverage_problems(md, {}) == []
    assert [t.name for t in sitepkg.scoped_tables(md)] == ["thing"]
    # keyed by something other than an integer id
    Table("by_code", md, Column("code", String(10), primary_key=True),
          Column("project_id", ForeignKey("project.id")))
    # belongs to a project only through its parent
    Table("child", md, Column("id", Integer, primary_key=True),
          Column("thing_id", ForeignKey("thing.id")))
    problems = sitepkg.coverage_problems(md, {})
    assert any(p.startswith("by_code:") for p in problems)
    assert any(p.startswith("child: no project_id") for p in problems)
    # excluded with a reason: fine; an exclusion of nothing, or without a reason: reported
    assert sitepkg.coverage_problems(md, {"by_code": "why", "child": "why"}) == []
    assert sitepkg.coverage_problems(md, {"by_code": "why", "child": " ", "gone": "x"}) == [
        "excluded child: no such table, or no reason", "excluded gone: no such table, or no reason"]
