"""The score service on a real (temporary) database (SPEC S1–S3; issue 9).

People and punches go in through the roster and punch services; ``now`` is always passed in,
so the results do not depend on the clock. October 2026: the 12th–16th are Monday–Friday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app import strings
from app.domain.roster import PersonFields
from app.dto.scores import IncidentDTO, PersonScore, ScoresMonthDTO
from app.errors import NotFoundError
from app.services import Services
from app.services.punches import PunchRow
from app.services.scores import ATTENDANCE, MANUAL, ScoreService
from app.storage.audit import default_actor
from tests.helpers.errors import raises_invalid

D = dt.date
NOW = dt.datetime(2026, 11, 29, 12, 0)
MON, TUE, WED, THU = D(2026, 10, 12), D(2026, 10, 13), D(2026, 10, 14), D(2026, 10, 15)
FULL_DAY = ("08:25", "12:05", "13:55", "17:35")
LATE = ("08:40", "12:05", "13:55", "17:35")  # 10 minutes late
SEVERE = ("09:05", "12:05", "13:55", "17:35")  # 35 minutes late: severe


def add_person(services: Services, no: str, uid: str) -> int:
    person, _ = services.roster.add(PersonFields(employee_no=no, name=f"员工{no}",
                                                 device_user_id=uid,
                                                 start_date=D(2026, 1, 1)))
    return person.id


def punch(services: Services, uid: str, day: dt.date, *times: str) -> None:
    rows = [PunchRow(uid, dt.datetime.combine(day, dt.time.fromisoformat(t))) for t in times]
    services.punches.record_batch("usb", "test", "DEV1", rows)


@pytest.fixture
def scores(services: Services) -> ScoreService:
    # the clock was read after October (issue 14): every October session is judged, also the
    # afternoon of a file whose newest record is an early leave
    services.punches.record_batch("lan", "test", "DEV1", [],
                                  covered_until=dt.datetime(2026, 11, 1, 9, 0),
                                  covered_from=dt.datetime(2026, 1, 1))
    return services.scores


def month(scores: ScoreService, year: int = 2026, m: int = 10) -> ScoresMonthDTO:
    return scores.month(year, m, now=NOW)


def person(result: ScoresMonthDTO, no: str) -> PersonScore:
    return next(p for p in result.people if p.employee_no == no)


def derived(p: PersonScore) -> list[IncidentDTO]:
    return [i for i in p.incidents if i.source == ATTENDANCE]


# ---- attendance-derived incidents ------------------------------------------------------------
def test_two_lates_and_one_severe_late_give_minus_twenty(services: Services,
                                                        scores: ScoreService) -> None:
    """S2: one incident per occurrence; a severe late is −10, not −5 plus −10."""
    add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    punch(services, "5", TUE, *LATE)
    punch(services, "5", WED, *SEVERE)
    p = person(month(scores), "E1")
    assert [(i.rule, i.points) for i in p.incidents] == [
        ("late_early", -5), ("late_early", -5), ("severe_late_early", -10)]
    assert (p.base, p.deductions, p.rewards, p.score) == (100, 20, 0, 80)
    assert p.incidents[0].at == dt.datetime(2026, 10, 12, 8, 40)
    assert p.incidents[0].note == strings.SCORE_NOTE_LATE.format(session="上午", minutes=10,
                                                                 time="08:40")
    assert p.incidents[2].id == f"att-{p.person_id}-2026-10-14-am-late"


def test_a_late_morning_and_an_early_afternoon_on_one_day_are_two(
        services: Services, scores: ScoreService) -> None:
    add_person(services, "E1", "5")
    punch(services, "5", MON, "08:40", "12:05", "13:55", "17:10")
    p = person(month(scores), "E1")
    assert [(i.kind, i.session, i.points) for i in p.incidents] == [("late", "am", -5),
                                                                    ("early", "pm", -5)]
    assert p.score == 90


def test_a_correction_removes_its_deduction_and_revoking_it_brings_it_back(
        services: Services, scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    punch(services, "5", TUE, *LATE)
    assert person(month(scores), "E1").score == 90
    cid, _ = services.attendance.add_correction(pid, MON, "am", "in", "08:28", "指纹识别失败",
                                                "周立群")
    p = person(month(scores), "E1")
    assert [i.at.date() for i in p.incidents] == [TUE]
    assert p.score == 95
    services.attendance.revoke_correction(cid, "补卡依据不足")
    assert person(month(scores), "E1").score == 90


def test_a_waiver_survives_a_correction_cycle(services: Services,
                                              scores: ScoreService) -> None:
    """Nothing is deleted: a waived lateness corrected away and back keeps its waiver."""
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    incident = derived(person(month(scores), "E1"))[0]
    scores.waive(incident.id, "当天考勤机故障")
    cid, _ = services.attendance.add_correction(pid, MON, "am", "in", "08:20", "补卡", "周立群")
    assert person(month(scores), "E1").incidents == ()
    services.attendance.revoke_correction(cid, "撤回")
    again = person(month(scores), "E1").incidents[0]
    assert again.waived and again.waive_reason == "当天考勤机故障"


def test_a_waived_incident_keeps_showing_but_does_not_count(services: Services,
                                                            scores: ScoreService) -> None:
    add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    punch(services, "5", TUE, *SEVERE)
    p = person(month(scores), "E1")
    assert p.score == 85
    with raises_invalid("reason", strings.SCORE_WAIVE_NEEDS_REASON):
        scores.waive(p.incidents[1].id, "  ")
    changes = scores.waive(p.incidents[1].id, "甲方同意：医院停电")
    assert changes.scores
    p = person(month(scores), "E1")
    assert len(p.incidents) == 2
    severe = p.incidents[1]
    assert severe.waived and not severe.counted and severe.points == -10
    assert (severe.waive_reason, p.score, p.deductions) == ("甲方同意：医院停电", 95, 5)
    with raises_invalid(None, strings.SCORE_ALREADY_WAIVED.format(id=severe.id)):
        scores.waive(severe.id, "再次")
    scores.unwaive(severe.id, "误操作")
    assert person(month(scores), "E1").score == 85


def test_waiving_an_incident_that_does_not_exist_is_refused(services: Services,
                                                            scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *FULL_DAY)
    with pytest.raises(NotFoundError):
        scores.waive(f"att-{pid}-2026-10-12-am-late", "无")
    with pytest.raises(NotFoundError):
        scores.waive("999", "无")


# ---- manual incidents and effective dating ---------------------------------------------------
def test_manual_incidents_take_the_rule_value_in_force_on_their_date(
        services: Services, scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    scores.set_rule("untidy", 8, D(2026, 6, 1))
    may, _ = scores.add_incident(pid, "untidy", dt.datetime(2026, 5, 20, 10, 0), "桌面杂乱")
    june, _ = scores.add_incident(pid, "untidy", dt.datetime(2026, 6, 5, 10, 0))
    override, _ = scores.add_incident(pid, "untidy", dt.datetime(2026, 6, 8, 9, 0), points=3)
    assert (may.points, june.points, override.points) == (-5, -8, -3)
    assert (may.source, may.recorded_by, may.note) == (MANUAL, default_actor(), "桌面杂乱")
    assert override.overridden
    assert person(scores.month(2026, 5, now=NOW), "E1").score == 95
    assert person(scores.month(2026, 6, now=NOW), "E1").score == 100 - 8 - 3


def test_a_rule_value_changed_in_june_leaves_mays_score_untouched(
        services: Services, scores: ScoreService) -> None:
    add_person(services, "E1", "5")
    punch(services, "5", D(2026, 5, 11), *LATE)
    punch(services, "5", D(2026, 6, 8), *LATE)
    before = person(scores.month(2026, 5, now=NOW), "E1").score
    rule, changes = scores.set_rule("late_early", -3, D(2026, 6, 1), "甲方新规")
    assert changes.scores and (rule.points, rule.signed) == (3, -3)
    assert person(scores.month(2026, 5, now=NOW), "E1").score == before == 95
    assert person(scores.month(2026, 6, now=NOW), "E1").score == 97
    history = scores.rule("late_early", D(2026, 6, 1)).history
    assert [(h.effective_from, h.points, h.note) for h in history] == [
        (D(2026, 6, 1), 3, "甲方新规")]


def test_retiring_a_rule_stops_it_from_that_date(services: Services,
                                                 scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    punch(services, "5", THU, *LATE)
    scores.retire_rule("late_early", THU)
    p = person(month(scores), "E1")
    assert [i.at.date() for i in p.incidents] == [MON]
    with raises_invalid("rule", strings.SCORE_RULE_NOT_IN_FORCE.format(
            label=strings.SCORE_RULE_LABELS["dress_code"], date="2026-10-12")):
        scores.add_incident(pid, "dress_code", dt.datetime(2026, 10, 12, 9, 0))
    assert not scores.rule("late_early", THU).active
    assert scores.rule("late_early", MON).active


def test_attendance_rules_cannot_be_typed_in(services: Services, scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    with raises_invalid("rule", strings.SCORE_RULE_IS_ATTENDANCE.format(
            label=strings.SCORE_RULE_LABELS["late_early"])):
        scores.add_incident(pid, "late_early", dt.datetime(2026, 10, 12, 9, 0))
    with raises_invalid("rule", strings.SCORE_RULE_UNKNOWN.format(code="no_such")):
        scores.add_incident(pid, "no_such", dt.datetime(2026, 10, 12, 9, 0))
    with pytest.raises(NotFoundError):
        scores.add_incident(9999, "untidy", dt.datetime(2026, 10, 12, 9, 0))


def test_a_reward_rule_adds_points(services: Services, scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    scores.add_rule("praise", "受到甲方书面表扬", "reward", 3, D(2026, 10, 1))
    scores.add_incident(pid, "praise", dt.datetime(2026, 10, 20, 16, 0))
    p = person(month(scores), "E1")
    assert (p.deductions, p.rewards, p.score) == (5, 3, 98)
    with raises_invalid("code", strings.SCORE_RULE_EXISTS.format(code="praise")):
        scores.add_rule("praise", "重复", "reward", 1, D(2026, 10, 1))
    with raises_invalid("code", strings.SCORE_RULE_BAD_CODE.format(code="Bad Code")):
        scores.add_rule("Bad Code", "x", "reward", 1, D(2026, 10, 1))
    with raises_invalid("points", strings.SCORE_REWARD_NEGATIVE.format(points=-2)):
        scores.set_rule("praise", -2, D(2026, 11, 1))
    assert {r.code: r.label for r in scores.rules()}["praise"] == "受到甲方书面表扬"


# ---- ranking, threshold, base ------------------------------------------------------------------
def test_ties_share_a_rank_and_the_flag_is_below_the_threshold(
        services: Services, scores: ScoreService) -> None:
    for no, uid in (("E1", "1"), ("E2", "2"), ("E3", "3"), ("E4", "4")):
        add_person(services, no, uid)
    for day in (MON, TUE):  # E1, E2: two lates each = 90, at the threshold
        punch(services, "1", day, *LATE)
        punch(services, "2", day, *LATE)
    punch(services, "3", MON, *SEVERE)  # E3: 90 - ... = 85, below it
    punch(services, "3", TUE, *LATE)
    result = month(scores)
    assert [(p.employee_no, p.score, p.rank, p.flagged) for p in result.people] == [
        ("E4", 100, 1, False), ("E1", 90, 2, False), ("E2", 90, 2, False),
        ("E3", 85, 4, True)]
    assert result.flag_label == strings.SCORE_FLAG_DEFAULT
    scores.set_setting("threshold", "91", D(2026, 10, 1))
    assert [p.flagged for p in month(scores).people] == [False, True, True, True]
    scores.set_setting("threshold", "", D(2026, 10, 1))
    assert not any(p.flagged for p in month(scores).people)


def test_base_and_threshold_are_effective_dated(services: Services,
                                                scores: ScoreService) -> None:
    add_person(services, "E1", "5")
    scores.set_setting("base", "120", D(2026, 11, 1))
    scores.set_setting("flag_label", "通报批评", D(2026, 11, 1))
    october, november = month(scores), scores.month(2026, 11, now=NOW)
    assert (october.base, person(october, "E1").score) == (100, 100)
    assert (november.base, november.flag_label) == (120, "通报批评")
    with raises_invalid("base", strings.SCORE_SETTING_BAD.format(
            key=strings.SCORE_SETTING_LABELS["base"], value="abc")):
        scores.set_setting("base", "abc", D(2026, 11, 1))
    with raises_invalid("key", strings.SCORE_SETTING_UNKNOWN.format(
            key="colour", keys="base, threshold, flag_label")):
        scores.set_setting("colour", "red", D(2026, 11, 1))


def test_a_locked_month_refuses_score_writes(services: Services,
                                             scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    services.attendance.lock_month(2026, 10, now=NOW)
    result = month(scores)
    assert result.locked and person(result, "E1").score == 95
    with raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-10"):
        scores.add_incident(pid, "untidy", dt.datetime(2026, 10, 20, 9, 0))
    with raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-10"):
        scores.waive(person(result, "E1").incidents[0].id, "原因")
    with raises_invalid("effective_from", strings.SCORE_RULE_INTO_LOCKED.format(
            month="2026-10", date="2026-09-01")):
        scores.set_rule("untidy", 6, D(2026, 9, 1))
    scores.set_rule("untidy", 6, D(2026, 11, 1))  # after the locked month: fine


# ---- storage -----------------------------------------------------------------------------------
def test_audit_verifies_after_score_writes(services: Services, scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    scores.set_rule("untidy", 8, D(2026, 10, 1))
    scores.set_rule("untidy", 7, D(2026, 10, 1))  # same day: replaces, audited as update
    scores.retire_rule("smoking", D(2026, 11, 1))
    scores.add_rule("praise", "表扬", "reward", 2, D(2026, 10, 1))
    scores.set_setting("threshold", "95", D(2026, 10, 1))
    incident, _ = scores.add_incident(pid, "untidy", dt.datetime(2026, 10, 20, 9, 0))
    scores.waive(incident.id, "原因")
    scores.unwaive(incident.id, "撤回")
    scores.waive(derived(person(month(scores), "E1"))[0].id, "原因")
    report = services.maintenance.verify_audit()
    assert report.ok, report.problems
    from sqlalchemy import select

    from app.storage.tables import AuditLog

    with services.db.read() as s:
        entities = {a.entity for a in s.scalars(select(AuditLog))}
    assert {"score_rule", "score_rule_change", "score_setting", "score_incident",
            "score_waiver"} <= entities


def test_the_migration_creates_exactly_the_orm_tables(services: Services) -> None:
    """0008 is hand-written: autogenerate must find nothing to change for score_* tables."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import app.storage.tables_scores  # noqa: F401
    from app.storage.tables import Base

    with services.db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert [d for d in diff if "score_" in repr(d)] == []
    tables = {t for t in Base.metadata.tables if t.startswith("score_")}
    assert tables == {"score_rule", "score_rule_change", "score_setting", "score_incident",
                      "score_waiver"}
    assert all("project_id" in Base.metadata.tables[t].c for t in tables)


def test_month_json_has_the_cli_fields(services: Services, scores: ScoreService) -> None:
    pid = add_person(services, "E1", "5")
    punch(services, "5", MON, *LATE)
    scores.add_incident(pid, "smoking", dt.datetime(2026, 10, 21, 15, 30), "楼梯间")
    doc = month(scores).as_json()
    p = doc["people"][0]
    assert {k: p[k] for k in ("employee_no", "base", "deductions", "rewards", "score",
                              "rank")} == {"employee_no": "E1", "base": 100, "deductions": 15,
                                           "rewards": 0, "score": 85, "rank": 1}
    assert [(i["rule"], i["points"], i["date"], i["source"], i["waived"])
            for i in p["incidents"]] == [("late_early", -5, "2026-10-12", "attendance", False),
                                         ("smoking", -10, "2026-10-21", "manual", False)]
