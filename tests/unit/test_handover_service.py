"""Personnel change and handover use cases on a real (temporary) database (SPEC C1-C6,
issue 8): create and validate, approvals, timeline statuses on given days, warnings, the
checklist pre-filled from the roster's equipment, finishing (the roster follows, audited, in
one transaction) and the three printed forms.

The change used throughout takes effect on Mon 2026-12-21: notice due Sat 11-21, request due
Thu 12-03, approval and handover start due Mon 12-07, handover complete by Fri 12-18 (see
test_handover_rules.py for the counting).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from app import strings
from app.domain import handover as rules
from app.domain.roster import PersonFields
from app.services import Services
from app.services.handover import ChangeFields, HandoverFields, HandoverService
from app.storage.tables import AuditLog
from tests.helpers.db import DEMO_TODAY
from tests.helpers.errors import raises_invalid

D = dt.date
CHANGE = D(2026, 12, 21)


@pytest.fixture
def ho(services: Services) -> HandoverService:
    return HandoverService(services.db, "tester", holidays=services.holidays,
                           roster=services.roster)


@pytest.fixture
def people(services: Services, tmp_path: Path) -> dict[str, int]:
    """L1 leaves (in handover, last day 12-18, a laptop and a card not returned), J1 replaces
    them (pending from 12-07, no files yet), P1 is the project manager."""
    ids = {}
    for no, status, start, end in (("L1", "handover", D(2025, 9, 1), D(2026, 12, 18)),
                                   ("J1", "pending", D(2026, 12, 7), None),
                                   ("P1", "active", D(2025, 1, 6), None)):
        p, _ = services.roster.add(PersonFields(employee_no=no, name=f"员工{no}", role="运维",
                                                start_date=start, end_date=end, status=status))
        ids[no] = p.id
    services.roster.add_equipment(ids["L1"], "笔记本电脑", "NB-1", D(2025, 9, 1))
    services.roster.add_equipment(ids["L1"], "门禁卡", "MJ-1", D(2025, 9, 1))
    p, _ = services.roster.add_equipment(ids["L1"], "旧显示器", "M-1", D(2025, 9, 1))
    services.roster.set_equipment_returned(p.equipment[-1].id, D(2026, 6, 1))
    services.project.update(name="驻场项目", project_manager="项目经理甲", client_dept="信息科",
                            supervisor_firm="监理公司")
    return ids


def replacement(people: dict[str, int], **kw: object) -> ChangeFields:
    values: dict[str, object] = {"kind": rules.REPLACE, "change_date": CHANGE,
                                 "leaving_id": people["L1"], "joining_id": people["J1"],
                                 "reason": "本人原因"}
    values.update(kw)
    return ChangeFields(**values)  # type: ignore[arg-type]


# ---- create ----------------------------------------------------------------------------------
def test_create_computes_deadlines_and_prefills_the_handover(ho: HandoverService,
                                                             people: dict[str, int]) -> None:
    c, changes = ho.create(replacement(people))
    assert changes.handover and not changes.roster
    d = c.deadlines
    assert (d.notice_due, d.application_due, d.handover_start_latest, d.handover_end_latest) == (
        D(2026, 11, 21), D(2026, 12, 3), D(2026, 12, 7), D(2026, 12, 18))
    h = c.handover
    assert (h.handed_by, h.received_by, h.witnessed_by) == ("员工L1", "员工J1", "项目经理甲")
    # the newcomer's first day and the leaving person's last day: exactly 10 working days
    assert (h.start, h.end, c.handover_days) == (D(2026, 12, 7), D(2026, 12, 18), 10)
    assert c.state == rules.PLANNED and c.who == "员工L1 → 员工J1"
    assert c.problems == (rules.NO_CERTIFICATE, rules.NO_RESUME, rules.NO_NDA)


def test_checklist_is_prefilled_with_the_unreturned_equipment(ho: HandoverService,
                                                              people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    titles = [i.title for i in c.items]
    assert titles[:len(titles)] == [
        "运维文档：系统/设备清单", "运维文档：网络拓扑", "运维文档：配置与账号清单",
        "运维文档：应急预案", "运维情况报告（含未结问题与工单）", "现场培训",
        "资料、设备、钥匙、门禁卡归还", "归还：笔记本电脑", "归还：门禁卡", "系统账号与权限回收"]
    laptop = c.items[7]
    assert (laptop.detail, laptop.source, laptop.done) == ("NB-1", "equipment", False)
    assert "归还：旧显示器" not in titles  # returned in June


def test_newcomer_files_from_the_roster_clear_the_problems(
        ho: HandoverService, services: Services, people: dict[str, int],
        tmp_path: Path) -> None:
    for kind in ("certificate", "resume"):
        src = tmp_path / f"{kind}.pdf"
        src.write_bytes(b"%PDF-1.4 test")
        services.roster.add_attachment(people["J1"], src, kind, kind)
    j1 = services.roster.get(people["J1"])
    services.roster.update(j1.id, PersonFields(**{**j1.to_fields().__dict__,
                                                  "nda_signed": True,
                                                  "nda_date": D(2026, 12, 7)}))
    c, _ = ho.create(replacement(people))
    assert c.problems == ()


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"kind": "transfer"}, "kind",
     strings.CH_E_KIND.format(kind="transfer", kinds=", ".join(rules.KINDS))),
    ({"leaving_id": None}, "leaving_id", strings.CH_E_LEAVING_REQUIRED),
    ({"kind": rules.ADD, "leaving_id": None, "joining_id": None}, "joining_id",
     strings.CH_E_JOINING_REQUIRED),
    ({"kind": rules.ADD}, "leaving_id", strings.CH_E_ADD_NO_LEAVING),
    ({"kind": rules.CLIENT_DEMANDED}, "demand_date", strings.CH_E_DEMAND_REQUIRED),
    ({"kind": rules.CLIENT_DEMANDED, "demand_date": D(2026, 12, 22)}, "demand_date",
     strings.CH_E_DEMAND_AFTER.format(demand="2026-12-22", change=CHANGE)),
    ({"kind": rules.ROLE_CHANGE, "joining_id": None}, "new_role", strings.CH_E_NEW_ROLE),
    ({"reason_kind": "boredom"}, "reason_kind",
     strings.CH_E_REASON_KIND.format(value="boredom", kinds=", ".join(rules.REASON_KINDS))),
    ({"leaving_id": 999}, "leaving_id", strings.PERSON_NOT_FOUND.format(id=999)),
])
def test_create_refuses_a_change_that_breaks_a_rule(ho: HandoverService, people: dict[str, int],
                                                    fields: dict[str, object],
                                                    field: str, message: str) -> None:
    with raises_invalid(field, message):
        ho.create(replacement(people, **fields))
    assert ho.list_changes() == []


def test_same_person_on_both_sides_is_refused(ho: HandoverService,
                                              people: dict[str, int]) -> None:
    with raises_invalid("joining_id", strings.CH_E_SAME_PERSON):
        ho.create(replacement(people, joining_id=people["L1"]))


def test_update_keeps_the_checklist_and_recomputes_deadlines(ho: HandoverService,
                                                             people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    c2, _ = ho.update(c.id, replacement(people, change_date=D(2026, 12, 28),
                                        replacement_plan="接替日常运维"))
    assert c2.deadlines.application_due == D(2026, 12, 10)
    assert [i.id for i in c2.items] == [i.id for i in c.items]
    assert c2.replacement_plan == "接替日常运维"


# ---- approvals and timeline ------------------------------------------------------------------
def test_approvals_are_recorded_and_both_are_needed(ho: HandoverService,
                                                    people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people, application_submitted_on=D(2026, 11, 25)))
    c, _ = ho.record_approval(c.id, rules.CLIENT_DEPT, "科长甲", D(2026, 11, 27), "同意")
    assert (c.client.approver, c.client.approved_on, c.client.opinion) == (
        "科长甲", D(2026, 11, 27), "同意")
    assert c.approved_on is None
    approval = next(s for s in ho.timeline(c, D(2026, 12, 2)) if s.code == rules.APPROVAL)
    assert (approval.done, approval.status) == (None, rules.DUE_SOON)
    c, _ = ho.record_approval(c.id, rules.SUPERVISOR, "监理乙", D(2026, 12, 1))
    assert c.approved_on == D(2026, 12, 1)
    approval = next(s for s in ho.timeline(c, D(2026, 12, 2)) if s.code == rules.APPROVAL)
    assert (approval.done, approval.status, approval.late) == (D(2026, 12, 1), rules.STEP_DONE,
                                                               False)
    with raises_invalid("approver", strings.CH_E_APPROVER):
        ho.record_approval(c.id, rules.SUPERVISOR, "  ", D(2026, 12, 1))


@pytest.mark.parametrize(("today", "expected"), [
    # notice due Sat 11-21, request due Thu 12-03, approval/start due Mon 12-07, end Fri 12-18
    (D(2026, 11, 16), ["on_time", "on_time", "on_time", "on_time", "on_time"]),
    (D(2026, 11, 18), ["due_soon", "on_time", "on_time", "on_time", "on_time"]),
    (D(2026, 11, 23), ["overdue", "on_time", "on_time", "on_time", "on_time"]),
    (D(2026, 12, 2), ["overdue", "due_soon", "due_soon", "due_soon", "on_time"]),
    (D(2026, 12, 8), ["overdue", "overdue", "overdue", "overdue", "on_time"]),
    (D(2026, 12, 21), ["overdue"] * 5),
])
def test_timeline_statuses_on_given_days(ho: HandoverService, people: dict[str, int],
                                         today: dt.date, expected: list[str]) -> None:
    c, _ = ho.create(replacement(people))
    assert [s.status for s in ho.timeline(c.id, today)] == expected


def test_recording_steps_turns_them_done(ho: HandoverService, people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    ho.record_sent(c.id, rules.NOTICE, D(2026, 11, 24))
    ho.record_sent(c.id, rules.APPLICATION, D(2026, 12, 1))
    steps = ho.timeline(c.id, D(2026, 12, 2))
    assert [(s.status, s.late) for s in steps[:2]] == [("done", True), ("done", False)]


def test_warnings_list_close_and_missed_deadlines_only(ho: HandoverService,
                                                       people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people, notice_sent_on=D(2026, 11, 16)))
    assert ho.warnings(D(2026, 11, 16)) == []
    warnings = ho.warnings(D(2026, 12, 2))
    assert [(w.step, w.status) for w in warnings] == [
        ("application", "due_soon"), ("approval", "due_soon"), ("handover_start", "due_soon")]
    assert warnings[0].text == strings.CH_WARNING.format(
        who="员工L1 → 员工J1", step="变更申请", due="2026-12-03", when="还有 1 个工作日")
    late = ho.warnings(D(2026, 12, 9))
    assert late[0].text.endswith(strings.CH_WHEN_OVERDUE.format(n=6) + "）")
    ho.cancel(c.id, "计划取消")
    assert ho.warnings(D(2026, 12, 9)) == []


# ---- the handover ----------------------------------------------------------------------------
def test_ticking_an_equipment_line_records_the_return_on_the_roster(
        ho: HandoverService, services: Services, people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    laptop = next(i for i in c.items if i.detail == "NB-1")
    c, changes = ho.set_item(laptop.id, True, D(2026, 12, 10), note="已归还")
    assert changes.roster and changes.handover
    eq = next(e for e in services.roster.get(people["L1"]).equipment if e.asset_no == "NB-1")
    assert eq.returned_date == D(2026, 12, 10)
    item = next(i for i in c.items if i.id == laptop.id)
    assert (item.done, item.done_on, item.note) == (True, D(2026, 12, 10), "已归还")
    ho.set_item(laptop.id, False)
    eq = next(e for e in services.roster.get(people["L1"]).equipment if e.asset_no == "NB-1")
    assert eq.returned_date is None


def test_items_can_be_added_noted_and_removed(ho: HandoverService,
                                              people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    n = len(c.items)
    c, _ = ho.add_item(c.id, "机房钥匙", "2把")
    extra = c.items[-1]
    assert (len(c.items), extra.title, extra.detail, extra.source) == (n + 1, "机房钥匙", "2把",
                                                                      "custom")
    c, _ = ho.set_item(extra.id, True, D(2026, 12, 8))
    c, _ = ho.set_item(extra.id, True, note="已交给接收人")  # the done date is kept
    assert c.items[-1].done_on == D(2026, 12, 8)
    c, _ = ho.remove_item(extra.id)
    assert len(c.items) == n
    with raises_invalid("title", strings.CH_E_ITEM_TITLE):
        ho.add_item(c.id, "  ")


def test_handover_details_are_saved(ho: HandoverService, people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    c, _ = ho.save_handover(c.id, HandoverFields("员工L1", "员工J1", "项目经理甲",
                                                 D(2026, 12, 8), D(2026, 12, 18),
                                                 "合格", D(2026, 12, 17)))
    assert (c.handover_days, c.handover.assessment_result) == (9, "合格")
    assert rules.HANDOVER_TOO_SHORT in c.problems
    with raises_invalid("handover_end", strings.CH_E_HANDOVER_END.format(
            end="2026-12-07", start="2026-12-18")):
        ho.save_handover(c.id, HandoverFields(start=D(2026, 12, 18), end=D(2026, 12, 7)))


def test_begin_handover_puts_the_leaving_person_in_handover(
        ho: HandoverService, services: Services, people: dict[str, int]) -> None:
    p1 = people["P1"]
    c, _ = ho.create(ChangeFields(kind=rules.LEAVE, change_date=CHANGE, leaving_id=p1))
    c, changes = ho.begin_handover(c.id, D(2026, 12, 7))
    assert changes.roster and c.handover_started_on == D(2026, 12, 7)
    assert services.roster.get(p1).status == "handover"
    start = next(s for s in ho.timeline(c, D(2026, 12, 8)) if s.code == rules.HANDOVER_START)
    assert start.status == rules.STEP_DONE


# ---- finishing -------------------------------------------------------------------------------
def test_finishing_with_open_items_is_refused_without_a_reason(
        ho: HandoverService, services: Services, people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    open_titles = strings.LIST_SEP.join(i.title for i in c.open_items)
    with raises_invalid("override_reason", strings.CH_E_OPEN_ITEMS.format(
            n=10, items=open_titles)):
        ho.finish(c.id, D(2026, 12, 18))
    assert ho.get(c.id).state == rules.PLANNED
    assert services.roster.get(people["L1"]).status == "handover"
    assert services.roster.get(people["J1"]).status == "pending"


def test_finishing_updates_the_roster_and_is_audited(ho: HandoverService, services: Services,
                                                     people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    for item in c.items:
        c, _ = ho.set_item(item.id, True, D(2026, 12, 17))
    with services.db.read() as s:
        before = s.scalar(select(AuditLog.id).order_by(AuditLog.id.desc()).limit(1))
    c, changes = ho.finish(c.id, D(2026, 12, 18))
    assert changes.roster and changes.handover
    assert (c.state, c.finished_on, c.finish_override) == (rules.DONE, D(2026, 12, 18), "")
    leaving, joining = services.roster.get(people["L1"]), services.roster.get(people["J1"])
    assert (leaving.status, leaving.end_date) == ("left", D(2026, 12, 18))
    assert (joining.status, joining.start_date) == ("active", D(2026, 12, 7))
    with services.db.read() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.id > before)).all()
    person_rows = [r for r in rows if r.entity == "person"]
    assert {json.loads(r.after or "{}")["status"] for r in person_rows} == {"left", "active"}
    assert {r.actor for r in rows} == {"tester"}
    assert any(r.entity == "staff_change" for r in rows)
    assert services.maintenance.verify_audit().ok
    finish = next(s for s in ho.timeline(c, D(2026, 12, 18)) if s.code == rules.FINISH)
    assert finish.status == rules.STEP_DONE
    with raises_invalid(None, strings.CH_E_NOT_PLANNED.format(
            id=c.id, state=strings.CH_STATE_LABELS[rules.DONE])):
        ho.finish(c.id, D(2026, 12, 18))  # once is enough


def test_finishing_with_a_reason_keeps_it(ho: HandoverService, services: Services,
                                          people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    c, _ = ho.finish(c.id, D(2026, 12, 18), override_reason="门禁卡由物业直接收回")
    assert c.finish_override == "门禁卡由物业直接收回" and c.state == rules.DONE
    assert services.roster.get(people["L1"]).status == "left"


def test_a_roster_refusal_rolls_the_whole_finish_back(ho: HandoverService, services: Services,
                                                      people: dict[str, int]) -> None:
    """Leaving before one's own start date is refused by the roster: nothing is written,
    not even the joining person's status or the change's state (one transaction)."""
    c, _ = ho.create(replacement(people))
    with raises_invalid("end_date", strings.R_END_BEFORE_START.format(
            end="2025-08-01", start="2025-09-01")):
        ho.finish(c.id, D(2025, 8, 1), override_reason="测试")
    assert ho.get(c.id).state == rules.PLANNED
    assert services.roster.get(people["J1"]).status == "pending"


def test_a_role_change_gives_the_new_role(ho: HandoverService, services: Services,
                                          people: dict[str, int]) -> None:
    c, _ = ho.create(ChangeFields(kind=rules.ROLE_CHANGE, change_date=CHANGE,
                                  leaving_id=people["P1"], new_role="网络及安全工程师"))
    ho.finish(c.id, D(2026, 12, 18), override_reason="清单不适用")
    p = services.roster.get(people["P1"])
    assert (p.status, p.role) == ("active", "网络及安全工程师")


def test_cancel_needs_a_reason_and_freezes_the_change(ho: HandoverService,
                                                      people: dict[str, int]) -> None:
    c, _ = ho.create(replacement(people))
    with raises_invalid("cancel_reason", strings.CH_E_CANCEL_REASON):
        ho.cancel(c.id, "")
    c, _ = ho.cancel(c.id, "人员不再变动")
    assert c.state == rules.CANCELLED
    with raises_invalid(None, strings.CH_E_NOT_PLANNED.format(
            id=c.id, state=strings.CH_STATE_LABELS[rules.CANCELLED])):
        ho.add_item(c.id, "x")
    assert [x.id for x in ho.list_changes(state=rules.PLANNED)] == []


# ---- the printed forms -----------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_three_forms_carry_the_change(services: Services, ho: HandoverService,
                                          people: dict[str, int], tmp_path: Path) -> None:
    c, _ = ho.create(replacement(people, application_submitted_on=D(2026, 11, 25)))
    c, _ = ho.record_approval(c.id, rules.CLIENT_DEPT, "科长甲", D(2026, 11, 27), "同意")
    ho.set_item(c.items[0].id, True, D(2026, 11, 26))
    texts = {}
    for kind in ("notice", "application", "handover"):
        path = services.documents.change_pdf(c.id, kind, tmp_path / f"{kind}.pdf")
        texts[kind] = _pdf_text(path)
        assert "员工L1" in texts[kind]
    assert "项目人员变动通知" in texts["notice"] and "2026年11月21日" in texts["notice"]
    assert "监理单位（监理公司）签收" in texts["notice"]
    assert "项目人员变更申请表" in texts["application"] and "科长甲" in texts["application"]
    assert "2026年12月3日" in texts["application"] and "员工J1" in texts["application"]
    assert "工作交接确认表" in texts["handover"] and "归还：笔记本电脑" in texts["handover"]
    assert "2026年11月26日" in texts["handover"]  # the done date of the first line
    with raises_invalid("kind", template=strings.CH_E_DOC_KIND, kind="memo"):
        services.documents.change_pdf(c.id, "memo", tmp_path / "x.pdf")


# ---- the demo --------------------------------------------------------------------------------
def test_demo_change(demo_services: Services) -> None:
    from app.services.handover_demo import add_demo_changes

    c = add_demo_changes(demo_services, DEMO_TODAY)  # the demo's own change, built by fill_demo
    assert c is not None
    assert (c.who, c.kind, c.change_date) == ("刘镕 → 孙嘉怡", rules.REPLACE, CHANGE)
    assert c.client.done and not c.supervisor.done
    assert len(c.items) - len(c.open_items) == 2
    assert any(i.source == "equipment" for i in c.items)
    assert c.problems == (rules.NO_NDA,)  # résumé and certificate are attached
    assert [s.status for s in demo_services.handover.timeline(c, DEMO_TODAY)] == [
        "done", "done", "on_time", "on_time", "on_time"]
