"""Leave and overtime use cases on a real (temporary) database (SPEC L1–L7, O1, A4/A5;
issue 7).

People go in through the roster service, punches through ``services.punches.record_batch``.
The month is always computed with an explicit ``now`` (2026-11-29 noon), so October 2026
is wholly in the past and results do not depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select

from app import strings
from app.domain.attendance import ABSENT, LEAVE, PRESENT
from app.domain.leave import (
    ANNUAL_EXCEEDS_BALANCE,
    APPROVED,
    ATTACHMENT_MISSING,
    CANCELLED,
    DEPUTY_IS_APPLICANT,
    DEPUTY_MISSING,
    DEPUTY_NOT_ON_SITE,
    DEPUTY_ON_LEAVE,
    DRAFT,
    EXCEEDS_MAX,
    LATE_FILING,
    OVERLAP,
    REJECTED,
    RETURNED,
    SUBMITTED,
    Span,
)
from app.domain.roster import PersonFields
from app.dto.attendance import MonthDTO, PersonMonth
from app.dto.leave import LeaveDTO
from app.errors import ValidationError
from app.services import Services
from app.services.leave import parse_point
from app.services.punches import PunchRow
from app.storage.tables import AuditLog
from tests.helpers.errors import raises_invalid

D = dt.date
T = dt.datetime
JAN_1 = D(2026, 1, 1)
NOW = T(2026, 11, 29, 12, 0)
L = strings.LEGEND_DEFAULT
# October 2026: Mon 12 .. Fri 16 is an ordinary working week
MON, TUE, WED, THU, FRI, SAT = (D(2026, 10, d) for d in (12, 13, 14, 15, 16, 17))
FILED_OCT = T(2026, 10, 1, 9, 0)


# ---- helpers ----------------------------------------------------------------------------------
def add_person(services: Services, no: str, uid: str | None = None,
               start: dt.date | None = JAN_1, end: dt.date | None = None,
               first_work: dt.date | None = None, status: str = "active") -> int:
    person, _ = services.roster.add(PersonFields(
        employee_no=no, name=f"员工{no}", device_user_id=uid, start_date=start, end_date=end,
        first_work_date=first_work, status=status))
    return person.id


@pytest.fixture
def team(services: Services) -> tuple[int, int]:
    """E1 (考勤号 5) applies for leave; E2 (考勤号 6) is the covering colleague."""
    return add_person(services, "E1", "5"), add_person(services, "E2", "6")


def span(start: str, end: str) -> Span:
    s, e = parse_point(start, "am"), parse_point(end, "pm")
    return Span(s[0], s[1], e[0], e[1])


def file_leave(services: Services, person: int, start: str, end: str,
               deputy: int | None, filed_at: dt.datetime | None = None,
               leave_type: str = "personal_leave", **kw: Any) -> LeaveDTO:
    """File a request; by default a week ahead (no late_filing)."""
    sp = span(start, end)
    filed_at = filed_at or dt.datetime.combine(sp.start - dt.timedelta(days=7), dt.time(9))
    leave, _ = services.leave.add(person, leave_type, sp, filed_at, deputy, **kw)
    return leave


def approved(services: Services, person: int, start: str, end: str, deputy: int | None,
             leave_type: str = "personal_leave") -> LeaveDTO:
    leave = file_leave(services, person, start, end, deputy, leave_type=leave_type)
    return services.leave.approve(leave.id, "项目经理")[0]


def punch(services: Services, day: dt.date, *times: str, uid: str = "5") -> None:
    rows = [PunchRow(uid, dt.datetime.combine(day, dt.time.fromisoformat(t)), verify_mode=1)
            for t in times]
    services.punches.record_batch("usb", "test", "DEV1", rows)


def read_clock(services: Services) -> None:
    """A LAN read after October that finds nothing new: every October session is judged
    (issue 14: without clock data a session reads "no data", not absent)."""
    services.punches.record_batch("lan", "test", "DEV1", [], covered_until=T(2026, 11, 1, 9, 0),
                                  covered_from=T(2026, 1, 1))


def october(services: Services) -> MonthDTO:
    return services.attendance.month(2026, 10, now=NOW)


def person_of(mon: MonthDTO, no: str = "E1") -> PersonMonth:
    return next(p for p in mon.people if p.employee_no == no)


def day_of(mon: MonthDTO, day: dt.date, no: str = "E1") -> tuple[str, str, str]:
    p = person_of(mon, no)
    d = p.summary.days[day.day - 1]
    assert d.day == day
    return d.am.verdict, d.pm.verdict, p.symbols[day.day - 1]


def day_json(mon: MonthDTO, day: dt.date, no: str = "E1") -> dict[str, Any]:
    doc = next(p for p in mon.as_json()["people"] if p["employee_no"] == no)
    days: dict[str, dict[str, Any]] = doc["days"]
    return days[day.isoformat()]


# ---- advance notice and emergency leave (L2, L4) ----------------------------------------------
def test_late_filing_is_recorded_not_refused(services: Services,
                                             team: tuple[int, int]) -> None:
    """L2: 1 day filed on the morning itself is kept, submitted, with late_filing."""
    me, dep = team
    leave = file_leave(services, me, "2026-03-10", "2026-03-10", dep,
                       filed_at=T(2026, 3, 10, 8, 0))
    assert (leave.state, leave.days, leave.violations) == (SUBMITTED, 1.0, (LATE_FILING,))
    assert services.leave.get(leave.id).as_json()["violations"] == [LATE_FILING]
    on_time = file_leave(services, me, "2026-03-12", "2026-03-12", dep,
                         filed_at=T(2026, 3, 11, 23, 59))
    assert on_time.violations == ()


def test_three_days_filed_two_days_ahead_are_in_time(services: Services,
                                                     team: tuple[int, int]) -> None:
    """L2: 3 days filed 1 day before are late_filing; filed 2 days before they are fine."""
    me, dep = team
    sp = span("2026-03-10", "2026-03-12")
    assert services.leave.preview(me, "personal_leave", sp, T(2026, 3, 9, 9), dep
                                  ).violations == (LATE_FILING,)
    assert services.leave.preview(me, "personal_leave", sp, T(2026, 3, 8, 9), dep
                                  ).violations == ()


def test_emergency_leave_on_the_day_is_back_filed(services: Services,
                                                  team: tuple[int, int]) -> None:
    """L4: emergency leave on the day is not late; backfile sets backfiled_at / "backfiled"."""
    me, dep = team
    filed = T(2026, 3, 10, 7, 30)
    leave = file_leave(services, me, "2026-03-10", "2026-03-12", dep, filed_at=filed,
                       emergency=True, contacted_whom="项目经理王五")
    assert leave.violations == ()
    assert (leave.emergency, leave.contacted_whom, leave.contacted_at) == (
        True, "项目经理王五", filed)
    assert leave.backfiled_at is None and leave.as_json()["backfiled"] is False
    later = T(2026, 3, 13, 9, 0)
    done, _ = services.leave.backfile(leave.id, at=later, reason="家中急事")
    assert (done.backfiled_at, done.reason) == (later, "家中急事")
    again = services.leave.get(leave.id).as_json()
    assert (again["emergency"], again["backfiled"]) == (True, True)


def test_emergency_leave_needs_whom_was_contacted(services: Services,
                                                  team: tuple[int, int]) -> None:
    """L4: emergency leave without contacted_whom is refused and nothing is stored."""
    me, dep = team
    with raises_invalid("contacted_whom", strings.LEAVE_EMERGENCY_NEEDS_CONTACT):
        file_leave(services, me, "2026-03-10", "2026-03-10", dep,
                   filed_at=T(2026, 3, 10, 7), emergency=True, contacted_whom="  ")
    assert services.leave.requests() == []


def test_only_emergency_leave_is_back_filed(services: Services, team: tuple[int, int]) -> None:
    """L4: back-filing an ordinary request is refused."""
    me, dep = team
    leave = file_leave(services, me, "2026-03-10", "2026-03-10", dep)
    with raises_invalid(None, strings.LEAVE_NOT_EMERGENCY.format(id=leave.id)):
        services.leave.backfile(leave.id)


# ---- day counting and the one-month cap (L1, L6) ----------------------------------------------
def test_day_counts_follow_the_calendar(services: Services, team: tuple[int, int]) -> None:
    """L1: half days, Fri–Mon = 2, 10-01..10-09 = 2 / ..10-10 = 3, 98 maternity days = 98."""
    me, dep = team

    def days(start: str, end: str, leave_type: str = "personal_leave") -> float:
        return services.leave.preview(me, leave_type, span(start, end), T(2026, 1, 2, 9),
                                      dep).days

    assert days("2026-03-10pm", "2026-03-11am") == 1.0
    assert days("2026-03-13", "2026-03-16") == 2.0
    assert days("2026-10-01", "2026-10-09") == 2.0
    assert days("2026-10-01", "2026-10-10") == 3.0
    last = (D(2026, 9, 1) + dt.timedelta(days=97)).isoformat()
    assert days("2026-09-01", last, "maternity_leave") == 98.0


def test_personal_leave_longer_than_a_month_is_flagged(services: Services,
                                                       team: tuple[int, int]) -> None:
    """L6: 事假 03-01..03-31 is fine, 03-01..04-01 is exceeds_max (stored, visible)."""
    me, dep = team
    filed = T(2026, 2, 1, 9)
    ok = file_leave(services, me, "2026-03-01", "2026-03-31", dep, filed_at=filed)
    assert ok.violations == ()
    too_long = file_leave(services, me, "2026-06-01", "2026-07-01", dep, filed_at=filed)
    assert too_long.violations == (EXCEEDS_MAX,)


def test_end_before_start_is_refused(services: Services, team: tuple[int, int]) -> None:
    """L1: a request ending before it starts (even by half a day) is refused."""
    me, dep = team
    with raises_invalid("end", strings.LEAVE_BAD_SPAN.format(
            start="2026-03-10pm", end="2026-03-10am")):
        file_leave(services, me, "2026-03-10pm", "2026-03-10am", dep)
    with raises_invalid("type", template=strings.LEAVE_BAD_TYPE, value="holiday_leave"):
        file_leave(services, me, "2026-03-10", "2026-03-10", dep, leave_type="holiday_leave")


# ---- deputy, overlap, attachment (L1, L3) -----------------------------------------------------
def test_deputy_missing_or_the_applicant(services: Services, team: tuple[int, int]) -> None:
    """L3: no deputy → deputy_missing; the applicant as deputy → deputy_is_applicant in the
    preview, and filing such a request is refused (issue 17: no wrong acceptance)."""
    me, _ = team
    assert file_leave(services, me, "2026-03-10", "2026-03-10", None).violations == (
        DEPUTY_MISSING,)
    assert services.leave.preview(me, "personal_leave", span("2026-03-12", "2026-03-12"),
                                  T(2026, 3, 1, 9), me).violations == (DEPUTY_IS_APPLICANT,)
    with pytest.raises(ValidationError) as refused:
        file_leave(services, me, "2026-03-12", "2026-03-12", me)
    assert refused.value.field == "deputy_id"
    assert "申请人本人" in refused.value.message


def test_deputy_who_left_or_leaves_before_the_leave_ends(services: Services,
                                                         team: tuple[int, int]) -> None:
    """L3: a deputy who has left, or ends before the leave ends, is deputy_not_on_site."""
    me, dep = team
    leaving = add_person(services, "E3", end=D(2026, 3, 10))
    sp = span("2026-03-10", "2026-03-11")
    assert services.leave.preview(me, "personal_leave", sp, T(2026, 3, 1, 9), leaving
                                  ).violations == (DEPUTY_NOT_ON_SITE,)
    services.roster.mark_left(dep, D(2026, 2, 28))
    assert services.leave.preview(me, "personal_leave", sp, T(2026, 3, 1, 9), dep
                                  ).violations == (DEPUTY_NOT_ON_SITE,)


def test_deputy_on_leave_at_the_same_time(services: Services, team: tuple[int, int]) -> None:
    """L3: deputy's submitted/approved overlapping leave → deputy_on_leave; rejected: no."""
    me, dep = team
    third = add_person(services, "E3")
    theirs = file_leave(services, dep, "2026-03-11", "2026-03-12", third)

    def found(start: str, end: str) -> tuple[str, ...]:
        return services.leave.preview(me, "personal_leave", span(start, end), T(2026, 3, 1, 9),
                                      dep).violations

    assert found("2026-03-10", "2026-03-11") == (DEPUTY_ON_LEAVE,)
    services.leave.approve(theirs.id, "项目经理")
    assert found("2026-03-10", "2026-03-11") == (DEPUTY_ON_LEAVE,)
    other = file_leave(services, dep, "2026-03-23", "2026-03-24", third)
    services.leave.reject(other.id, "项目经理", "人手不足")
    assert found("2026-03-23", "2026-03-23") == ()


def test_own_overlapping_request(services: Services, team: tuple[int, int]) -> None:
    """L7: own active request on the same days → overlap; cancelled/rejected ones do not count."""
    me, dep = team
    first = file_leave(services, me, "2026-03-10", "2026-03-11", dep)
    second = file_leave(services, me, "2026-03-11pm", "2026-03-12", dep)
    assert second.violations == (OVERLAP,)
    services.leave.cancel(first.id, "计划取消")
    services.leave.reject(second.id, "项目经理", "与前一申请重叠")
    third = file_leave(services, me, "2026-03-10", "2026-03-12", dep)
    assert third.violations == ()


def test_sick_leave_needs_the_hospital_certificate(services: Services,
                                                   team: tuple[int, int]) -> None:
    """L1: sick leave without attachment → attachment_missing; has_attachment=True is fine."""
    me, dep = team
    without = file_leave(services, me, "2026-03-10", "2026-03-10", dep, leave_type="sick_leave")
    assert without.violations == (ATTACHMENT_MISSING,)
    with_it = file_leave(services, me, "2026-03-11", "2026-03-11", dep, leave_type="sick_leave",
                         has_attachment=True)
    assert with_it.violations == ()


# ---- annual leave balance (RULES §2) ----------------------------------------------------------
def test_annual_balance_pro_rated_and_exceeded(services: Services) -> None:
    """RULES §2: joined 07-01 with 12 years → 5 days; 3 + 3 days → annual_exceeds_balance."""
    me = add_person(services, "E1", start=D(2026, 7, 1), first_work=D(2014, 7, 1))
    dep = add_person(services, "E2")
    assert services.leave.annual_balance(me, 2026) == (5, 0, 5)
    first = file_leave(services, me, "2026-10-12", "2026-10-14", dep, leave_type="annual_leave")
    assert first.violations == ()
    assert services.leave.annual_balance(me, 2026) == (5, 3, 2)
    second = file_leave(services, me, "2026-10-19", "2026-10-21", dep,
                        leave_type="annual_leave")
    assert second.violations == (ANNUAL_EXCEEDS_BALANCE,)
    just = services.leave.preview(me, "annual_leave", span("2026-10-19", "2026-10-19"),
                                  FILED_OCT, dep, exclude_id=second.id)
    assert just.violations == ()  # 1 day more fits within what the first one left


def test_early_return_gives_annual_days_back(services: Services) -> None:
    """L7 + RULES §2: 5 days of annual leave returned from after 2 days uses 2, not 5."""
    me = add_person(services, "E1", first_work=D(2000, 1, 1))
    dep = add_person(services, "E2")
    leave = approved(services, me, "2026-10-12", "2026-10-16", dep, leave_type="annual_leave")
    services.leave.return_(leave.id, WED)
    assert services.leave.annual_balance(me, 2026) == (15, 2, 13)


# ---- states and audit (L7, Q2) ----------------------------------------------------------------
def test_full_life_cycle_is_audited(services: Services, team: tuple[int, int]) -> None:
    """L7 + Q2: draft→submitted→approved(+client)→returned, every step audited, chain ok."""
    me, dep = team
    leave = file_leave(services, me, "2026-10-12", "2026-10-16", dep, draft=True)
    assert leave.state == DRAFT
    assert services.leave.submit(leave.id)[0].state == SUBMITTED
    pm_at, client_at = T(2026, 10, 2, 10), T(2026, 10, 3, 11)
    after_client = services.leave.approve(leave.id, "甲方信息科李四", role="client_dept",
                                          opinion="同意", at=client_at)[0]
    assert (after_client.state, after_client.client_approver) == (SUBMITTED, "甲方信息科李四")
    done = services.leave.approve(leave.id, "项目经理王五", opinion="同意", at=pm_at)[0]
    assert (done.state, done.pm_approver, done.pm_approved_at) == (APPROVED, "项目经理王五",
                                                                   pm_at)
    assert (done.client_approver, done.client_approved_at, done.client_opinion) == (
        "甲方信息科李四", client_at, "同意")
    back = services.leave.return_(leave.id, WED)[0]
    assert (back.state, back.returned_on) == (RETURNED, WED)
    with services.db.read() as s:
        rows = list(s.scalars(select(AuditLog).where(AuditLog.entity == "leave_request",
                                                     AuditLog.entity_id == str(leave.id))
                              .order_by(AuditLog.id)))
    states = [json.loads(r.after or "{}").get("state") for r in rows]
    assert [x for x in states if x] == [DRAFT, SUBMITTED, SUBMITTED, APPROVED, RETURNED]
    assert services.maintenance.verify_audit().ok


def test_rejected_is_final(services: Services, team: tuple[int, int]) -> None:
    """L7: approving (PM or client) or cancelling a rejected request raises ValidationError."""
    me, dep = team
    leave = file_leave(services, me, "2026-03-10", "2026-03-10", dep)
    with raises_invalid("note", strings.LEAVE_NEEDS_REASON):
        services.leave.reject(leave.id, "项目经理", " ")  # a rejection needs a reason
    services.leave.reject(leave.id, "项目经理", "人手不足")
    for role in ("project_manager", "client_dept"):
        with raises_invalid(None, strings.LEAVE_BAD_TRANSITION.format(
                id=leave.id, state=strings.LEAVE_STATE_LABELS[REJECTED],
                action=strings.LEAVE_ACTIONS["approve"])):
            services.leave.approve(leave.id, "项目经理", role=role)
    with raises_invalid(None, strings.LEAVE_BAD_TRANSITION.format(
            id=leave.id, state=strings.LEAVE_STATE_LABELS[REJECTED],
            action=strings.LEAVE_ACTIONS["cancel"])):
        services.leave.cancel(leave.id, "撤回")
    got = services.leave.get(leave.id)
    assert (got.state, got.decision_note, got.pm_approver) == (REJECTED, "人手不足", "")
    assert services.maintenance.verify_audit().ok


def test_cancelled_is_final_and_drafts_are_not_approved(services: Services,
                                                        team: tuple[int, int]) -> None:
    """L7: drafts are not approved directly; cancelled is final; approval needs a name."""
    me, dep = team
    draft = file_leave(services, me, "2026-03-10", "2026-03-10", dep, draft=True)
    def refused(state: str, action: str) -> Any:
        return raises_invalid(None, strings.LEAVE_BAD_TRANSITION.format(
            id=draft.id, state=strings.LEAVE_STATE_LABELS[state],
            action=strings.LEAVE_ACTIONS[action]))

    with refused(DRAFT, "approve"):
        services.leave.approve(draft.id, "项目经理")
    submitted = services.leave.submit(draft.id)[0]
    with raises_invalid("approver", strings.LEAVE_NEEDS_APPROVER):
        services.leave.approve(submitted.id, "  ")
    services.leave.cancel(draft.id, "不请了")
    with refused(CANCELLED, "submit"):
        services.leave.submit(draft.id)
    with refused(CANCELLED, "approve"):
        services.leave.approve(draft.id, "项目经理")
    with refused(CANCELLED, "return"):
        services.leave.return_(draft.id, D(2026, 3, 11))
    assert services.leave.get(draft.id).state == CANCELLED


# ---- attendance integration (A4, A5, L5, L7) --------------------------------------------------
def test_approved_leave_shows_in_the_month_submitted_does_not(services: Services,
                                                              team: tuple[int, int]) -> None:
    """A4: approved leave → verdict leave, 事, leave_days; a submitted one stays absent."""
    read_clock(services)
    me, dep = team
    approved(services, me, "2026-10-12", "2026-10-12", dep)
    file_leave(services, me, "2026-10-13", "2026-10-13", dep)
    mon = october(services)
    assert day_of(mon, MON) == (LEAVE, LEAVE, L["personal_leave"]) == (LEAVE, LEAVE, "事")
    assert day_json(mon, MON)["symbol"] == "事"
    assert day_of(mon, TUE) == (ABSENT, ABSENT, L["absent"])
    summary = person_of(mon).summary
    assert summary.leave_days == {"personal_leave": 1.0}
    doc = next(p for p in mon.as_json()["people"] if p["employee_no"] == "E1")
    assert doc["leave_days"] == {"personal_leave": 1.0}


def test_half_day_leave_shows_two_characters(services: Services,
                                             team: tuple[int, int]) -> None:
    """A4 + P2: present in the morning, personal leave in the afternoon → 「√事」, 0.5 day."""
    me, dep = team
    punch(services, MON, "08:25", "12:05")
    approved(services, me, "2026-10-12pm", "2026-10-12pm", dep)
    mon = october(services)
    assert day_of(mon, MON) == (PRESENT, LEAVE, L["present"] + L["personal_leave"])
    assert len(day_of(mon, MON)[2]) == 2
    assert person_of(mon).summary.leave_days == {"personal_leave": 0.5}


def test_early_return_frees_the_remaining_days(services: Services,
                                               team: tuple[int, int]) -> None:
    """L7 销假: back on Wednesday from Mon–Fri leave → Wed–Fri are ordinary (absent) days."""
    read_clock(services)
    me, dep = team
    leave = approved(services, me, "2026-10-12", "2026-10-16", dep)
    services.leave.return_(leave.id, WED)
    mon = october(services)
    assert [day_of(mon, d)[:2] for d in (MON, TUE)] == [(LEAVE, LEAVE)] * 2
    assert [day_of(mon, d)[:2] for d in (WED, THU, FRI)] == [(ABSENT, ABSENT)] * 3
    summary = person_of(mon).summary
    assert summary.leave_days == {"personal_leave": 2.0}
    assert summary.absent_days == summary.required_days - 2.0  # no punches all month


def test_overrun_without_approved_extension_is_absence(services: Services,
                                                       team: tuple[int, int]) -> None:
    """L5: days after the leave are 旷工 until the extension is approved, then leave."""
    read_clock(services)
    me, dep = team
    parent = approved(services, me, "2026-10-12", "2026-10-14", dep)
    mon = october(services)
    assert [day_of(mon, d) for d in (THU, FRI)] == [(ABSENT, ABSENT, L["absent"])] * 2
    ext, _ = services.leave.extend(parent.id, FRI, "pm", T(2026, 10, 14, 9))
    assert (ext.extension_of, ext.span.start, ext.span.start_session, ext.days) == (
        parent.id, THU, "am", 2.0)
    assert ext.violations == ()
    assert [day_of(october(services), d)[:2] for d in (THU, FRI)] == [(ABSENT, ABSENT)] * 2
    services.leave.approve(ext.id, "项目经理")
    mon = october(services)
    assert [day_of(mon, d) for d in (THU, FRI)] == [(LEAVE, LEAVE, "事")] * 2
    summary = person_of(mon).summary
    assert summary.leave_days == {"personal_leave": 5.0}
    assert summary.absent_days == summary.required_days - 5.0  # no punches all month


def test_extension_of_a_morning_ending_starts_that_afternoon(
        services: Services, team: tuple[int, int]) -> None:
    """L5: a leave ending on a morning is extended from that afternoon; only approved ones."""
    me, dep = team
    half = approved(services, me, "2026-10-12", "2026-10-13am", dep)
    ext, _ = services.leave.extend(half.id, TUE, "pm", T(2026, 10, 12, 9))
    assert (ext.span.start, ext.span.start_session, ext.days, ext.violations) == (
        TUE, "pm", 0.5, ())
    with raises_invalid(None, strings.LEAVE_BAD_TRANSITION.format(
            id=ext.id, state=strings.LEAVE_STATE_LABELS[SUBMITTED],
            action=strings.LEAVE_ACTIONS["extend"])):
        services.leave.extend(ext.id, WED, "pm", T(2026, 10, 12, 9))  # still submitted


def test_days_freed_by_early_return_can_be_requested_again(
        services: Services, team: tuple[int, int]) -> None:
    """L7: after returning on Wednesday, a new request for Thursday–Friday is no overlap."""
    me, dep = team
    leave = approved(services, me, "2026-10-12", "2026-10-16", dep)
    services.leave.return_(leave.id, WED)
    again = services.leave.preview(me, "personal_leave", span("2026-10-15", "2026-10-16"),
                                   FILED_OCT, dep)
    assert OVERLAP not in again.violations


# ---- overtime (O1) ----------------------------------------------------------------------------
def test_overtime_day_kind_rate_and_hours(services: Services, team: tuple[int, int]) -> None:
    """O1: day kind and rate from the calendar (1.5 / 2 / 3 / 1.5); hours from the range."""
    me, _ = team
    cases = [(MON, "workday", 1.5), (SAT, "rest_day", 2.0),
             (D(2026, 10, 1), "statutory_holiday", 3.0),
             (D(2026, 10, 10), "adjusted_workday", 1.5)]
    for day, kind, rate in cases:
        ot, _ = services.leave.add_overtime(me, day, "18:00-20:30", "required",
                                            T(2026, 9, 30, 9))
        assert (ot.day_kind, ot.rate, ot.hours, ot.kind) == (kind, rate, 2.5, "required")
        assert (ot.state, ot.late_application) == (SUBMITTED, False)
    with raises_invalid("time", strings.OVERTIME_BAD_TIME.format(value="20:30-18:00")):
        services.leave.add_overtime(me, MON, "20:30-18:00", "voluntary", T(2026, 9, 30, 9))


def test_overtime_applied_after_the_start_is_late(services: Services,
                                                  team: tuple[int, int]) -> None:
    """O1: applied for in advance (17:59) is fine; applied at 18:30 for 18:00 is late."""
    me, _ = team
    early, _ = services.leave.add_overtime(me, MON, "18:00-20:30", "voluntary",
                                           T(2026, 10, 12, 17, 59))
    late, _ = services.leave.add_overtime(me, TUE, "18:00-20:30", "voluntary",
                                          T(2026, 10, 13, 18, 30))
    assert (early.late_application, late.late_application) == (False, True)


def test_approved_overtime_appears_in_the_month(services: Services,
                                                team: tuple[int, int]) -> None:
    """A5 + O1: approved overtime hours add up in overtime_hours; submitted ones do not."""
    me, _ = team
    a, _ = services.leave.add_overtime(me, MON, "18:00-20:30", "required", FILED_OCT)
    b, _ = services.leave.add_overtime(me, SAT, "09:00-12:00", "required", FILED_OCT)
    services.leave.add_overtime(me, TUE, "18:00-19:00", "required", FILED_OCT)
    for ot in (a, b):
        assert services.leave.approve_overtime(ot.id, "项目经理")[0].state == APPROVED
    mon = october(services)
    assert person_of(mon).summary.overtime_hours == 5.5
    doc = next(p for p in mon.as_json()["people"] if p["employee_no"] == "E1")
    assert doc["overtime_hours"] == 5.5


def test_rest_day_overtime_earns_comp_time_that_comp_leave_uses(
        services: Services, team: tuple[int, int]) -> None:
    """O1: approved rest-day comp-time overtime earns hours/8 days; approved comp_leave uses it."""
    me, dep = team
    sat, _ = services.leave.add_overtime(me, SAT, "08:00-16:00", "required", FILED_OCT,
                                         comp_time=True)
    wd, _ = services.leave.add_overtime(me, MON, "18:00-20:00", "required", FILED_OCT,
                                        comp_time=True)
    assert (sat.comp_time, wd.comp_time) == (True, False)
    assert services.leave.comp_balance(me) == 0.0  # not approved yet
    services.leave.approve_overtime(sat.id, "项目经理")
    services.leave.approve_overtime(wd.id, "项目经理")
    assert services.leave.comp_balance(me) == 1.0
    comp = file_leave(services, me, "2026-10-20pm", "2026-10-20pm", dep, leave_type="comp_leave")
    assert services.leave.comp_balance(me) == 1.0  # submitted only
    services.leave.approve(comp.id, "项目经理")
    assert services.leave.comp_balance(me) == 0.5
