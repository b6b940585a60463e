"""Issue 17, deliverable 1 for the texts not covered by the roster, leave, service and report
checks: change and handover texts, incident notes and waiver reasons, hand-typed holiday
names, device names and setting values. A control character is refused with a Chinese
message naming the field (nothing written); full-width digits are stored as ASCII digits.
Each failed on the branch before the change (the text was stored as typed)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app import strings
from app.domain import handover as rules
from app.domain.roster import PersonFields
from app.dto.handover import ChangeFields, HandoverFields
from app.errors import ValidationError
from app.services import Services
from tests.helpers.cli import run_cli, run_error, run_json

D = dt.date
BEL = "\x07"


def _refused(field: str, label: str, pos: int, code: str = "U+0007") -> str:
    return strings.INPUT_FIELD_CONTROL_CHAR.format(field=label, code=code, pos=pos)


def audit_rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def _person(services: Services, no: str) -> int:
    p, _ = services.roster.add(PersonFields(employee_no=no, name=f"员工{no}",
                                            start_date=D(2026, 1, 1)))
    return p.id


def _audits(services: Services) -> int:
    with services.db.read() as s:
        return int(s.execute(text("SELECT count(*) FROM audit_log")).scalar_one())


def _stored(services: Services, columns: str, change_id: int) -> tuple[object, ...]:
    with services.db.read() as s:
        return tuple(s.execute(text(f"SELECT {columns} FROM staff_change WHERE id = :i"),
                               {"i": change_id}).one())


# ---- services -----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "label"), [
    ("reason", strings.CH_F_REASON), ("replacement_plan", strings.CH_F_PLAN),
    ("joining_certificates", strings.CH_F_CERTS), ("joining_years", strings.CH_F_YEARS),
])
def test_change_texts(services: Services, name: str, label: str) -> None:
    leaving = _person(services, "C1")
    before = _audits(services)
    fields = ChangeFields(kind=rules.LEAVE, change_date=D(2027, 1, 29), leaving_id=leaving,
                          **{name: f"第{BEL}１"})  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as e:
        services.handover.create(fields)
    assert (e.value.field, e.value.message) == (name, _refused(name, label, 2))
    assert _audits(services) == before
    fields = ChangeFields(kind=rules.LEAVE, change_date=D(2027, 1, 29), leaving_id=leaving,
                          **{name: " 合同到期（第１２期） "})  # type: ignore[arg-type]
    c, _ = services.handover.create(fields)
    assert _stored(services, name, c.id) == ("合同到期（第12期）",)


def test_handover_texts(services: Services) -> None:
    ho = services.handover
    leaving = _person(services, "C2")
    c, _ = ho.create(ChangeFields(kind=rules.LEAVE, change_date=D(2027, 1, 29),
                                  leaving_id=leaving))
    before = _audits(services)
    cases = [
        (lambda: ho.save_handover(c.id, HandoverFields(handed_by=f"张{BEL}三")),
         "handed_by", strings.CH_F_HANDED_BY),
        (lambda: ho.save_handover(c.id, HandoverFields(assessment_result=f"合格{BEL}")),
         "assessment_result", strings.CH_F_ASSESSMENT),
        (lambda: ho.record_approval(c.id, rules.CLIENT_DEPT, "李四", D(2026, 12, 1),
                                    f"同{BEL}意"), "opinion", strings.CH_F_OPINION),
        (lambda: ho.record_approval(c.id, rules.CLIENT_DEPT, f"李{BEL}", D(2026, 12, 1)),
         "approver", strings.CH_F_APPROVER),
        (lambda: ho.add_item(c.id, f"钥匙{BEL}"), "title", strings.INPUT_LABEL_ITEM_TITLE),
        (lambda: ho.add_item(c.id, "钥匙", f"两{BEL}把"), "detail",
         strings.INPUT_LABEL_ITEM_DETAIL),
        (lambda: ho.set_item(c.items[0].id, True, note=f"已{BEL}交"), "note",
         strings.INPUT_LABEL_ITEM_NOTE),
        (lambda: ho.finish(c.id, D(2027, 1, 28), f"后{BEL}补"), "override_reason",
         strings.CH_F_OVERRIDE),
        (lambda: ho.cancel(c.id, f"不{BEL}走了"), "cancel_reason",
         strings.INPUT_LABEL_CANCEL_REASON),
    ]
    for call, field, label in cases:
        with pytest.raises(ValidationError) as e:
            call()
        assert e.value.field == field, field
        assert e.value.message.startswith(f"{label}含有不可见的控制字符"), e.value.message
    assert _audits(services) == before  # nothing written
    c, _ = ho.save_handover(c.id, HandoverFields(handed_by="员工Ｃ2", received_by="２号",
                                                  assessment_result="得分９５"))
    assert _stored(services, "handed_by, received_by, assessment_result", c.id) == (
        "员工Ｃ2", "2号", "得分95")
    c, _ = ho.add_item(c.id, "门禁卡１张", "第２层")
    assert (c.items[-1].title, c.items[-1].detail) == ("门禁卡1张", "第2层")
    c, _ = ho.record_approval(c.id, rules.CLIENT_DEPT, "李四", D(2026, 12, 1), "同意（１）")
    c, _ = ho.cancel(c.id, "延期到２月")
    assert _stored(services, "client_opinion, cancel_reason", c.id) == ("同意（1）", "延期到2月")


def test_incident_note_and_waiver_reasons(demo_services: Services) -> None:
    sc = demo_services.scores
    person = demo_services.roster.list_people()[0].id
    at = dt.datetime(2026, 11, 27, 10, 0)
    with pytest.raises(ValidationError) as e:
        sc.add_incident(person, "unrelated_activity", at, note=f"玩{BEL}手机")
    assert (e.value.field, e.value.message) == (
        "note", _refused("note", strings.INPUT_LABEL_INCIDENT_NOTE, 2))
    incident, _ = sc.add_incident(person, "unrelated_activity", at, note="第３次\n提醒")
    assert incident.note == "第3次\n提醒"
    with pytest.raises(ValidationError) as e:
        sc.waive(incident.id, f"误{BEL}记")
    assert e.value.message == _refused("reason", strings.INPUT_LABEL_WAIVE_REASON, 2)
    sc.waive(incident.id, "误记（见第１页）")
    with pytest.raises(ValidationError) as e:
        sc.unwaive(incident.id, f"{BEL}")
    assert e.value.message == _refused("reason", strings.INPUT_LABEL_UNWAIVE_REASON, 1)


def test_holiday_name_typed_by_hand(services: Services) -> None:
    day = D(2027, 5, 3)
    with pytest.raises(ValidationError) as e:
        services.holidays.set_day(day, "statutory_holiday", f"劳动{BEL}节")
    assert (e.value.field, e.value.message) == (
        "name", _refused("name", strings.INPUT_LABEL_HOLIDAY_NAME, 3))
    assert all(h.date != day for h in services.holidays.list_year(2027)
               if h.source.startswith("manual"))
    dto, _ = services.holidays.set_day(day, "statutory_holiday", "五一（第３天）")
    assert dto.name == "五一（第3天）"


def test_device_name_and_host(services: Services) -> None:
    with pytest.raises(ValidationError) as e:
        services.imports.save_device(f"门口{BEL}", "10.0.0.9")
    assert (e.value.field, e.value.message) == (
        "name", _refused("name", strings.INPUT_LABEL_DEVICE_NAME, 3))
    with pytest.raises(ValidationError) as e:
        services.imports.save_device("门口", f"10.0.0.9{BEL}")
    assert e.value.field == "host"
    assert services.imports.devices() == []
    dto, _ = services.imports.save_device("门口１号", "１０.0.0.9")
    assert (dto.name, dto.host) == ("门口1号", "10.0.0.9")


def test_setting_values(services: Services) -> None:
    with pytest.raises(ValidationError) as e:
        services.settings.set("legend.late", f"迟{BEL}", D(2026, 12, 1))
    assert (e.value.field, e.value.message) == ("value", _refused(
        "value", strings.INPUT_LABEL_SETTING_VALUE.format(key="legend.late"), 2))
    services.settings.set("rules.late_grace_minutes", "１５", D(2026, 12, 1))
    history = services.settings.show(D(2026, 12, 2))["history"]
    assert {"key": "rules.late_grace_minutes", "value": "15",
            "effective_from": "2026-12-01"} in history


# ---- command line -------------------------------------------------------------------------
def test_command_line_refuses_control_characters(demo_db: Path) -> None:
    run_cli("--db", demo_db, "month", "2026-10")  # opened once (migrated, baseline)
    before = audit_rows(demo_db)
    err = run_error("--db", demo_db, "change", "add", "--kind", "leave", "--leaving", "HX1005",
                    "--change-date", "2027-01-29", "--reason", f"合同{BEL}到期")
    assert err == _refused("reason", strings.CH_F_REASON, 3)
    err = run_error("--db", demo_db, "incident", "add", "--emp", "HX1001", "--rule",
                    "unrelated_activity", "--at", "2026-11-27 10:00", "--note", f"{BEL}x")
    assert err == _refused("note", strings.INPUT_LABEL_INCIDENT_NOTE, 1)
    err = run_error("--db", demo_db, "devices", "add", f"门{BEL}", "--host", "10.0.0.9")
    assert err == _refused("name", strings.INPUT_LABEL_DEVICE_NAME, 2)
    err = run_error("--db", demo_db, "settings", "set", "legend.late", f"迟{BEL}",
                    "--from", "2026-12-01")
    assert err == _refused("value", strings.INPUT_LABEL_SETTING_VALUE.format(
        key="legend.late"), 2)
    assert audit_rows(demo_db) == before


def test_command_line_stores_full_width_digits_as_ascii(demo_db: Path) -> None:
    assert run_cli("--db", demo_db, "devices", "add", "门口２号", "--host", "10.0.0.9").code == 0
    assert "门口2号" in run_cli("--db", demo_db, "devices", "list").out
    assert run_cli("--db", demo_db, "settings", "set", "rules.late_grace_minutes", "１０",
                   "--from", "2026-12-01").code == 0
    shown = run_json("--db", demo_db, "settings", "show")
    assert {"key": "rules.late_grace_minutes", "value": "10",
            "effective_from": "2026-12-01"} in shown["history"]
    change = run_json("--db", demo_db, "change", "add", "--kind", "leave", "--leaving",
                      "HX1005", "--change-date", "2027-01-29", "--reason", "第２次续签未成")
    with sqlite3.connect(demo_db) as conn:
        reason = conn.execute("SELECT reason FROM staff_change WHERE id = ?",
                              (change["id"],)).fetchone()[0]
    assert reason == "第2次续签未成"
