"""Work schedule and attendance thresholds (SPEC A1, A2), effective-dated.

Every number is a setting. The defaults are the client regulation's:
08:30-12:00 and 14:00-17:30; late = a check-in after 8:30 (grace 0); early = a check-out
before 17:30 (grace 0); severe late/early = more than 30 minutes; an absence explanation
is due for more than 3 absences or more than 3 hours of lateness in a month.

Times are minutes after midnight. A rule changed from a date applies from that date on and
never rewrites the days before it (``RulesTimeline``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

_HHMM_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_hhmm(text: str) -> int:
    m = _HHMM.match(text)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(text)
    return int(m.group(1)) * 60 + int(m.group(2))


def parse_range(text: str) -> tuple[int, int]:
    m = _HHMM_RANGE.match(text)
    if not m:
        raise ValueError(text)
    start = parse_hhmm(f"{m.group(1)}:{m.group(2)}")
    end = parse_hhmm(f"{m.group(3)}:{m.group(4)}")
    if end <= start:
        raise ValueError(text)
    return start, end


@dataclass(frozen=True)
class Rules:
    """The schedule and thresholds in force on one day."""

    am_start: int = 8 * 60 + 30
    am_end: int = 12 * 60
    pm_start: int = 14 * 60
    pm_end: int = 17 * 60 + 30
    late_grace: int = 0
    early_grace: int = 0
    severe_minutes: int = 30
    # Punches before this time belong to the previous day (cross-midnight overtime, A4).
    day_start: int = 4 * 60
    # Two punches closer than this in the same half-session are one punch pressed twice.
    duplicate_minutes: int = 10
    explanation_absences: int = 3
    explanation_late_minutes: int = 180
    nursing_minutes: int = 60

    @property
    def split(self) -> int:
        """Punches before this minute belong to the morning session, after it to the afternoon."""
        return (self.am_end + self.pm_start) // 2

    def check(self) -> None:
        if not (self.day_start < self.am_start < self.am_end <= self.pm_start < self.pm_end
                <= 24 * 60):
            raise ValueError("sessions out of order")
        for name in ("late_grace", "early_grace", "severe_minutes", "duplicate_minutes",
                     "explanation_absences", "explanation_late_minutes", "nursing_minutes"):
            if getattr(self, name) < 0:
                raise ValueError(name)


# Setting keys (CLI `settings set KEY VALUE`) -> how they map onto Rules.
RANGE_KEYS = {"schedule.am": ("am_start", "am_end"), "schedule.pm": ("pm_start", "pm_end")}
TIME_KEYS = {"rules.day_start": "day_start"}
INT_KEYS = {
    "rules.late_grace_minutes": "late_grace",
    "rules.early_grace_minutes": "early_grace",
    "rules.severe_minutes": "severe_minutes",
    "rules.duplicate_punch_minutes": "duplicate_minutes",
    "rules.explanation_absences": "explanation_absences",
    "rules.explanation_late_minutes": "explanation_late_minutes",
    "rules.nursing_minutes": "nursing_minutes",
}
RULE_KEYS = (*RANGE_KEYS, *TIME_KEYS, *INT_KEYS)


def default_values() -> dict[str, str]:
    r = Rules()
    values = {k: f"{hhmm(getattr(r, a))}-{hhmm(getattr(r, b))}" for k, (a, b) in
              RANGE_KEYS.items()}
    values.update({k: hhmm(getattr(r, a)) for k, a in TIME_KEYS.items()})
    values.update({k: str(getattr(r, a)) for k, a in INT_KEYS.items()})
    return values


def apply_setting(rules: Rules, key: str, value: str) -> Rules:
    """A new Rules with one setting changed; ValueError if the value is not valid for it."""
    if key in RANGE_KEYS:
        start, end = parse_range(value)
        a, b = RANGE_KEYS[key]
        new = replace(rules, **{a: start, b: end})
    elif key in TIME_KEYS:
        new = replace(rules, **{TIME_KEYS[key]: parse_hhmm(value)})
    elif key in INT_KEYS:
        number = int(value.strip())
        new = replace(rules, **{INT_KEYS[key]: number})
    else:
        raise KeyError(key)
    new.check()
    return new


@dataclass(frozen=True)
class RulesTimeline:
    """Rules by day: each change applies from its ``effective_from`` date on."""

    starts: tuple[dt.date, ...]
    rules: tuple[Rules, ...]

    @classmethod
    def build(cls, changes: Iterable[tuple[dt.date, str, str]]) -> RulesTimeline:
        """``changes`` are (effective_from, key, value) rows; later rows win on equal dates."""
        by_day: dict[dt.date, list[tuple[str, str]]] = {}
        for day, key, value in changes:
            by_day.setdefault(day, []).append((key, value))
        current = Rules()
        starts, rules = [dt.date.min], [current]
        for day in sorted(by_day):
            for key, value in by_day[day]:
                if key in RULE_KEYS:
                    current = apply_setting(current, key, value)
            if day == starts[-1]:
                rules[-1] = current
            else:
                starts.append(day)
                rules.append(current)
        return cls(tuple(starts), tuple(rules))

    def at(self, day: dt.date) -> Rules:
        return self.rules[bisect.bisect_right(self.starts, day) - 1]

    def values_at(self, day: dt.date) -> dict[str, str]:
        r = self.at(day)
        return {k: _format(r, k) for k in RULE_KEYS}


def _format(r: Rules, key: str) -> str:
    if key in RANGE_KEYS:
        a, b = RANGE_KEYS[key]
        return f"{hhmm(getattr(r, a))}-{hhmm(getattr(r, b))}"
    if key in TIME_KEYS:
        return hhmm(getattr(r, TIME_KEYS[key]))
    return str(getattr(r, INT_KEYS[key]))


RULE_FIELDS = tuple(f.name for f in fields(Rules))
