"""What the conduct score month looks like outside the services (the scores tab, the score
sheets)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.dto.attendance import month_key


# ---- DTOs ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class IncidentDTO:
    """One incident of a month. ``points`` are signed as they count (a deduction is
    negative); a waived incident keeps its points but is not counted."""

    id: str
    person_id: int
    employee_no: str
    name: str
    at: dt.datetime
    rule: str
    rule_label: str
    points: int
    source: str  # attendance | manual
    note: str
    waived: bool = False
    waive_reason: str = ""
    waived_by: str = ""
    waived_at: dt.datetime | None = None
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None
    overridden: bool = False
    in_force: bool = True  # False: the rule was not in force on that day (counts 0)
    session: str = ""
    kind: str = ""

    @property
    def counted(self) -> bool:
        return not self.waived

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "label": self.rule_label,
                "points": self.points, "date": self.at.date().isoformat(),
                "time": self.at.strftime("%H:%M"), "source": self.source,
                "waived": self.waived, "waive_reason": self.waive_reason,
                "note": self.note, "recorded_by": self.recorded_by}


@dataclass(frozen=True)
class PersonScore:
    person_id: int
    employee_no: str
    name: str
    role: str
    base: int
    deductions: int
    rewards: int
    score: int
    rank: int
    flagged: bool
    incidents: tuple[IncidentDTO, ...]

    @property
    def counted(self) -> int:
        return sum(1 for i in self.incidents if i.counted)

    def as_json(self) -> dict[str, Any]:
        return {"employee_no": self.employee_no, "name": self.name, "role": self.role,
                "base": self.base, "deductions": self.deductions, "rewards": self.rewards,
                "score": self.score, "rank": self.rank, "flagged": self.flagged,
                "incidents": [i.as_json() for i in self.incidents]}


@dataclass(frozen=True)
class ScoresMonthDTO:
    year: int
    month: int
    base: int
    threshold: int | None
    flag_label: str
    locked: bool
    provisional: bool
    people: tuple[PersonScore, ...] = field(default_factory=tuple)

    @property
    def key(self) -> str:
        return month_key(self.year, self.month)

    def person(self, person_id: int) -> PersonScore | None:
        return next((p for p in self.people if p.person_id == person_id), None)

    def as_json(self) -> dict[str, Any]:
        """The ``onsitedesk scores YYYY-MM --json`` document."""
        return {"month": self.key, "base": self.base, "threshold": self.threshold,
                "flag_label": self.flag_label, "locked": self.locked,
                "provisional": self.provisional,
                "people": [p.as_json() for p in self.people]}
