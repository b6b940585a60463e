"""Conduct rules and the monthly deduction score (SPEC S1–S3).

Read this module to check "does it follow our rules?":

* The catalogue ships with the regulation's values (on-site staff management rules, items
  4-12: late or early leave 5 points a time, severe late or early leave 10, unrelated
  activity 10, damaging or misusing property 20, ...): see ``DEFAULT_RULES``. Dress code,
  confidentiality breach and gifts/kickbacks are in the catalogue but inactive until the
  user gives them a value, because the regulations leave their weight to each client.
* Every value is effective-dated (``RuleCatalogue``): a value set "from 1 June" applies to
  incidents on or after that day; May keeps the value it had. A rule can be retired from a
  date and given a value again later. Reward rules (positive points) are optional.
* Attendance incidents are derived, never typed in: **one per occurrence**. A late morning
  and an early afternoon on one day are two incidents; a severe lateness is one incident of
  the severe rule (−10), not −5 plus −10 (``occurrences``).
* Month score = base (100) − deductions + rewards; a waived incident stays on the sheet but
  does not count. People are ranked by score, ties share a rank (1, 2, 2, 4); a score below
  the threshold (90) is flagged (for a talking-to).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.attendance import AM, PM, DayResult

DEDUCTION = "deduction"
REWARD = "reward"
KINDS = (DEDUCTION, REWARD)

# Attendance-derived rules and occurrence kinds
LATE_EARLY = "late_early"
SEVERE_LATE_EARLY = "severe_late_early"
ATTENDANCE_RULES = (LATE_EARLY, SEVERE_LATE_EARLY)
OCC_LATE = "late"
OCC_EARLY = "early"
OCC_KINDS = (OCC_LATE, OCC_EARLY)

DEFAULT_BASE = 100
DEFAULT_THRESHOLD = 90


@dataclass(frozen=True)
class RuleDef:
    """A rule of the catalogue: ``points`` is the size of the deduction (or reward) before
    any change, ``active`` whether it applies before any change."""

    code: str
    kind: str = DEDUCTION
    points: int = 0
    active: bool = True
    builtin: bool = True

    @property
    def attendance(self) -> bool:
        return self.code in ATTENDANCE_RULES


# The regulation's catalogue (labels in app.strings.SCORE_RULE_LABELS).
DEFAULT_RULES: tuple[RuleDef, ...] = (
    RuleDef(LATE_EARLY, points=5),
    RuleDef(SEVERE_LATE_EARLY, points=10),
    RuleDef("unrelated_activity", points=10),
    RuleDef("property_damage", points=20),
    RuleDef("waste", points=5),
    RuleDef("unrelated_visitors", points=5),
    RuleDef("unfriendly", points=5),
    RuleDef("untidy", points=5),
    RuleDef("browsing_gaming", points=10),
    RuleDef("smoking", points=10),
    RuleDef("dress_code", points=0, active=False),
    RuleDef("confidentiality_breach", points=0, active=False),
    RuleDef("gifts_kickbacks", points=0, active=False),
)


@dataclass(frozen=True)
class RuleChange:
    """From ``effective_from`` on, ``code`` is worth ``points`` (``active``) or is retired."""

    effective_from: dt.date
    code: str
    points: int
    active: bool = True


@dataclass(frozen=True)
class RuleValue:
    """The rule in force on one day."""

    code: str
    kind: str
    points: int  # size, never negative
    since: dt.date

    @property
    def signed(self) -> int:
        """Points as they count towards the score: negative for a deduction."""
        return -self.points if self.kind == DEDUCTION else self.points


@dataclass(frozen=True)
class _Timeline:
    starts: tuple[dt.date, ...]
    values: tuple[tuple[int, bool], ...]  # (points, active)

    def at(self, day: dt.date) -> tuple[int, bool, dt.date] | None:
        i = bisect.bisect_right(self.starts, day) - 1
        if i < 0:
            return None
        points, active = self.values[i]
        return points, active, self.starts[i]


@dataclass(frozen=True)
class RuleCatalogue:
    """Rule definitions plus their effective-dated values."""

    rules: tuple[RuleDef, ...]
    timelines: dict[str, _Timeline]

    @classmethod
    def build(cls, rules: Iterable[RuleDef], changes: Iterable[RuleChange]) -> RuleCatalogue:
        """``changes`` in any order; on one date the later one in the sequence wins."""
        defs = tuple(rules)
        by_code: dict[str, dict[dt.date, tuple[int, bool]]] = {r.code: {} for r in defs}
        for r in defs:
            if r.builtin:
                by_code[r.code][dt.date.min] = (r.points, r.active)
        for c in changes:
            if c.code in by_code:
                by_code[c.code][c.effective_from] = (c.points, c.active)
        timelines = {code: _Timeline(tuple(sorted(days)),
                                     tuple(days[d] for d in sorted(days)))
                     for code, days in by_code.items()}
        return cls(defs, timelines)

    def get(self, code: str) -> RuleDef | None:
        return next((r for r in self.rules if r.code == code), None)

    def at(self, code: str, day: dt.date) -> RuleValue | None:
        """The rule's value on ``day``; None when unknown, retired or not yet active."""
        rule = self.get(code)
        if rule is None:
            return None
        found = self.timelines[code].at(day)
        if found is None or not found[1]:
            return None
        return RuleValue(code, rule.kind, found[0], found[2])


@dataclass(frozen=True)
class Occurrence:
    """One lateness or early leave of one session (an attendance-derived incident)."""

    day: dt.date
    session: str  # am | pm
    kind: str  # late | early
    minutes: int
    severe: bool
    minute: int | None  # the check-in (late) or check-out (early) minute of the day

    @property
    def rule(self) -> str:
        return SEVERE_LATE_EARLY if self.severe else LATE_EARLY

    @property
    def at(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time()) + dt.timedelta(minutes=self.minute or 0)


def occurrences(days: Sequence[DayResult]) -> list[Occurrence]:
    """Every late arrival and early leave of the month, one per session and edge, in order.

    Lateness and early leave are read from the verdicts exactly as the month summary counts
    them (``late_minutes`` / ``early_minutes``), so the score and the attendance sheet agree.
    """
    out: list[Occurrence] = []
    for d in days:
        if not d.required:
            continue
        for name in (AM, PM):
            s = d.session(name)
            if s.late_minutes:
                out.append(Occurrence(d.day, name, OCC_LATE, s.late_minutes, s.severe_late,
                                      s.sign_in))
            if s.early_minutes:
                out.append(Occurrence(d.day, name, OCC_EARLY, s.early_minutes,
                                      s.severe_early, s.sign_out))
    return out


@dataclass(frozen=True)
class Tally:
    deductions: int
    rewards: int
    score: int


def tally(base: int, counted: Iterable[int]) -> Tally:
    """``counted``: the signed points of the incidents that count (waived ones left out)."""
    points = list(counted)
    deductions = -sum(p for p in points if p < 0)
    rewards = sum(p for p in points if p > 0)
    return Tally(deductions, rewards, base - deductions + rewards)


def competition_ranks(scores: Sequence[int]) -> list[int]:
    """Rank by score, highest first; equal scores share a rank and the next rank skips
    (100, 95, 95, 80 -> 1, 2, 2, 4)."""
    ordered = sorted(scores, reverse=True)
    first: dict[int, int] = {}
    for i, s in enumerate(ordered, start=1):
        first.setdefault(s, i)
    return [first[s] for s in scores]


def flagged(score: int, threshold: int | None) -> bool:
    """Below the threshold (not at it) is flagged; no threshold flags nobody."""
    return threshold is not None and score < threshold
