"""The conduct rules as pure functions (SPEC S1–S3; app.domain.scoring): the regulation's
catalogue, effective dating, one incident per occurrence, tally, ranks and the flag."""

from __future__ import annotations

import datetime as dt

import pytest

from app import strings
from app.domain.attendance import LATE, PRESENT, DayResult, SessionResult
from app.domain.scoring import (
    DEFAULT_RULES,
    LATE_EARLY,
    REWARD,
    SEVERE_LATE_EARLY,
    RuleCatalogue,
    RuleChange,
    RuleDef,
    competition_ranks,
    flagged,
    occurrences,
    tally,
)

D = dt.date
MAY_20, JUNE_1, JUNE_20 = D(2026, 5, 20), D(2026, 6, 1), D(2026, 6, 20)


def catalogue(*changes: RuleChange, extra: tuple[RuleDef, ...] = ()) -> RuleCatalogue:
    return RuleCatalogue.build((*DEFAULT_RULES, *extra), changes)


# ---- the catalogue -------------------------------------------------------------------------
def test_the_regulation_values_are_the_defaults() -> None:
    """S1: 驻场人员迟到早退的一次扣5分, 严重迟到早退的一次扣10分; ... 一次扣20分 ..."""
    c = catalogue()
    expected = {"late_early": 5, "severe_late_early": 10, "unrelated_activity": 10,
                "property_damage": 20, "waste": 5, "unrelated_visitors": 5, "unfriendly": 5,
                "untidy": 5, "browsing_gaming": 10, "smoking": 10}
    for code, points in expected.items():
        value = c.at(code, MAY_20)
        assert value is not None and (value.points, value.signed) == (points, -points), code
    for code in ("dress_code", "confidentiality_breach", "gifts_kickbacks"):
        assert c.at(code, MAY_20) is None  # inactive until the user sets a value


def test_every_rule_has_a_chinese_label_and_an_english_code() -> None:
    for r in DEFAULT_RULES:
        assert r.code.isascii() and r.code in strings.SCORE_RULE_LABELS
    assert strings.SCORE_RULE_LABELS["gifts_kickbacks"] == "私自接受礼品或回扣"


def test_a_change_to_a_rule_not_in_the_catalogue_is_ignored() -> None:
    """A stored change whose rule definition is gone (or not yet added) changes nothing."""
    c = catalogue(RuleChange(JUNE_1, "no_such_rule", 8))
    assert c.at("no_such_rule", JUNE_20) is None
    assert c == catalogue()


def test_a_value_changed_in_june_leaves_may_untouched() -> None:
    c = catalogue(RuleChange(JUNE_1, "untidy", 8))
    may, june = c.at("untidy", MAY_20), c.at("untidy", JUNE_20)
    assert may is not None and june is not None
    assert (may.points, june.points) == (5, 8)
    assert c.at("untidy", D(2026, 5, 31)).points == 5  # type: ignore[union-attr]
    assert c.at("untidy", JUNE_1).since == JUNE_1  # type: ignore[union-attr]


def test_retire_then_set_again() -> None:
    c = catalogue(RuleChange(JUNE_1, "smoking", 10, active=False),
                  RuleChange(D(2026, 9, 1), "smoking", 15))
    assert c.at("smoking", MAY_20) is not None
    assert c.at("smoking", JUNE_20) is None
    assert c.at("smoking", D(2026, 9, 1)).points == 15  # type: ignore[union-attr]


def test_a_user_value_activates_an_inactive_rule_from_its_date() -> None:
    c = catalogue(RuleChange(JUNE_1, "dress_code", 3))
    assert c.at("dress_code", MAY_20) is None
    assert c.at("dress_code", JUNE_20).signed == -3  # type: ignore[union-attr]


def test_a_reward_rule_counts_positive_and_exists_only_from_its_date() -> None:
    praise = RuleDef("praise", REWARD, builtin=False, active=False)
    c = catalogue(RuleChange(JUNE_1, "praise", 2), extra=(praise,))
    assert c.at("praise", MAY_20) is None
    assert c.at("praise", JUNE_20).signed == 2  # type: ignore[union-attr]
    assert c.at("no_such_rule", JUNE_20) is None


# ---- one incident per occurrence -----------------------------------------------------------
def _day(day: dt.date, am: SessionResult, pm: SessionResult, required: bool = True
         ) -> DayResult:
    return DayResult(day, "workday", required, am, pm)


OK = SessionResult(PRESENT, sign_in=505, sign_out=720)


def test_a_late_morning_and_an_early_afternoon_are_two_incidents() -> None:
    day = _day(MAY_20, SessionResult(LATE, late_minutes=10, sign_in=520, sign_out=725),
               SessionResult("early_leave", early_minutes=20, sign_in=830, sign_out=1030))
    occ = occurrences([day])
    assert [(o.session, o.kind, o.minutes, o.rule) for o in occ] == [
        ("am", "late", 10, LATE_EARLY), ("pm", "early", 20, LATE_EARLY)]
    assert occ[0].at == dt.datetime(2026, 5, 20, 8, 40)


def test_a_severe_lateness_is_one_severe_incident_not_two() -> None:
    day = _day(MAY_20, SessionResult(LATE, late_minutes=45, severe_late=True, sign_in=555,
                                     sign_out=725), OK)
    occ = occurrences([day])
    assert [o.rule for o in occ] == [SEVERE_LATE_EARLY]


def test_late_and_early_in_one_session_count_once_each() -> None:
    both = SessionResult(LATE, late_minutes=5, early_minutes=40, severe_early=True,
                         sign_in=515, sign_out=680)
    occ = occurrences([_day(MAY_20, both, OK)])
    assert [(o.kind, o.rule) for o in occ] == [("late", LATE_EARLY),
                                               ("early", SEVERE_LATE_EARLY)]


def test_days_that_are_not_required_give_nothing() -> None:
    late = SessionResult(LATE, late_minutes=5, sign_in=515, sign_out=725)
    assert occurrences([_day(MAY_20, late, OK, required=False)]) == []


# ---- tally, ranks, flag ------------------------------------------------------------------------
def test_tally_subtracts_deductions_and_adds_rewards() -> None:
    t = tally(100, [-5, -5, -10, 2])
    assert (t.deductions, t.rewards, t.score) == (20, 2, 82)
    assert tally(100, []).score == 100


@pytest.mark.parametrize(("scores", "ranks"), [
    ([100, 95, 95, 80], [1, 2, 2, 4]),
    ([90, 100, 90], [2, 1, 2]),
    ([100, 100, 100], [1, 1, 1]),
    ([], []),
])
def test_ties_share_a_rank(scores: list[int], ranks: list[int]) -> None:
    assert competition_ranks(scores) == ranks


def test_the_flag_is_below_the_threshold_not_at_it() -> None:
    assert not flagged(90, 90)
    assert flagged(89, 90)
    assert not flagged(0, None)


def test_only_the_two_attendance_rules_come_from_the_attendance_result() -> None:
    """S1: lateness and severe lateness are counted from attendance, never entered by hand."""
    assert {r.code for r in DEFAULT_RULES if r.attendance} == {LATE_EARLY, SEVERE_LATE_EARLY}
