"""What the head-office view hands out (issue 19): one project's month in figures, and one
row of the cross-project overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class MonthFigures:
    """One project's month, as the month service and the service log compute it.

    Attendance counts are over the people of the month sheet; days are half-day sessions / 2.
    ``attendance_rate``: attended / judged (judged = attended + absent: leave, rest, pending
    and no-data sessions are not judged); ``None`` when nothing was judged yet."""

    people: int = 0  # rows of the month sheet (on site some day of the month)
    on_site: int = 0  # on site on ``as_of``
    required_days: float = 0.0
    attended_days: float = 0.0
    absent_days: float = 0.0
    no_data_days: float = 0.0  # sessions the clock data does not reach (not absence)
    pending_days: float = 0.0  # sessions not ended yet
    attendance_rate: float | None = None  # percent, one decimal
    late_count: int = 0
    late_minutes: int = 0
    early_count: int = 0
    early_minutes: int = 0
    missing_punches: int = 0
    absence_count: int = 0  # absent sessions and missing punches (the regulation's count)
    severe_count: int = 0
    leave_days: dict[str, float] = field(default_factory=dict)  # leave type -> days
    overtime_hours: float = 0.0
    explanations: int = 0  # people whose month needs the absence explanation form
    locked: bool = False
    overdue_handovers: int = 0  # planned changes with a deadline past on ``as_of``
    due_soon_handovers: int = 0
    service_total: int = 0
    response_target: int = 0  # minutes (the commitment in force at the month's end)
    response_met: int = 0
    response_missed: int = 0
    response_percent: float | None = None
    resolution_target: int = 0
    resolution_met: int = 0
    resolution_missed: int = 0
    resolution_percent: float | None = None
    service_open: int = 0  # unresolved at the month's end (or now)

    @property
    def problems(self) -> int:
        """This month's problems: late arrivals, early leaves, absences and missing punches."""
        return self.late_count + self.early_count + self.absence_count

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> MonthFigures:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})


@dataclass(frozen=True)
class OverviewRow:
    project_id: int
    code: str
    name: str
    origin: str  # local | site
    month: str
    figures: MonthFigures
    computed_at: dt.datetime
    recomputed: bool  # computed for this call (it was missing or stale)

    def as_json(self) -> dict[str, Any]:
        f = self.figures
        return {"code": self.code, "name": self.name, "origin": self.origin,
                "month": self.month, "computed_at": self.computed_at.isoformat(sep=" "),
                "recomputed": self.recomputed, "problems": f.problems, **f.as_json()}


@dataclass
class Statistics:
    """Statistics across projects and months (pandas): ``detail`` has a row per project and
    month with every figure; the others are project × month tables of one metric, and
    ``leave`` a (project, month) × leave type table of days."""

    detail: pd.DataFrame
    attendance_rate: pd.DataFrame
    late_minutes: pd.DataFrame
    leave: pd.DataFrame
    months: list[str]

    def metric(self, name: str) -> pd.DataFrame:
        """Project × month table of one column of ``detail`` (``METRICS``)."""
        table = self.detail.pivot(index=["code", "name"], columns="month", values=name)
        return table.reindex(columns=self.months)


# the metrics of the statistics tab and export, in order (column of ``detail``)
METRICS = ("attendance_rate", "late_count", "late_minutes", "absent_days", "leave_total",
           "no_data_days", "explanations", "overdue_handovers", "service_total",
           "response_percent", "resolution_percent", "people")
