"""What the head-office view hands out (issue 19): one project's month in figures, one row of
the cross-project overview, and the statistics across projects and months (plain tables: the
data are one summary per project and month, a few hundred rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any, cast


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
    # ISO date: the last day the project's clock data reaches (a site copy: as of its newest
    # package); head office reads the other figures against it (a site that sent nothing for
    # a week shows few problems)
    data_through: str | None = None

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


# what the statistics hold per project and month, in the detail's column order: the project,
# the month, every figure of ``MonthFigures`` but the leave by type, then two derived totals
DETAIL_COLUMNS: tuple[str, ...] = (
    "code", "name", "month",
    *(f.name for f in fields(MonthFigures) if f.name not in ("leave_days", "data_through")),
    "problems", "leave_total")

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class DetailRow:
    """One project's month: its figures as the overview stored them."""

    code: str
    name: str
    month: str  # YYYY-MM
    figures: MonthFigures

    @property
    def leave_total(self) -> float:
        return float(sum(self.figures.leave_days.values()))

    def value(self, column: str) -> Cell:
        """The cell of one of ``DETAIL_COLUMNS``."""
        if column in ("code", "name", "month"):
            return cast(str, getattr(self, column))
        if column == "problems":
            return self.figures.problems
        if column == "leave_total":
            return self.leave_total
        if column not in DETAIL_COLUMNS:
            raise KeyError(column)
        return cast(Cell, getattr(self.figures, column))


@dataclass(frozen=True)
class MetricRow:
    code: str
    name: str
    values: tuple[float | int | None, ...]  # one per month of the table; None: no figure

    @property
    def total(self) -> float | int:
        """The months' sum (counts, minutes, days; not meaningful for a percent)."""
        return sum(v for v in self.values if v is not None)


@dataclass(frozen=True)
class MetricTable:
    """Project × month table of one metric: a row per project (by code), a column per month
    of the statistics."""

    metric: str
    months: tuple[str, ...]
    rows: tuple[MetricRow, ...]

    def row(self, code: str) -> MetricRow:
        for r in self.rows:
            if r.code == code:
                return r
        raise KeyError(code)

    def column(self, month: str) -> dict[str, float | int | None]:
        """Project code -> the value in ``month``."""
        i = self.months.index(month)
        return {r.code: r.values[i] for r in self.rows}


@dataclass(frozen=True)
class LeaveRow:
    code: str
    name: str
    month: str
    days: dict[str, float]  # leave type (code, as ``MonthFigures.leave_days``) -> days

    @property
    def total(self) -> float:
        return float(sum(self.days.values()))


@dataclass(frozen=True)
class LeaveTable:
    """Leave days by type: a row per project and month that had any leave, a column per leave
    type that occurs (``types``, in the regulation's order); absent types count 0."""

    types: tuple[str, ...]
    rows: tuple[LeaveRow, ...]

    def get(self, code: str, month: str) -> LeaveRow | None:
        for r in self.rows:
            if r.code == code and r.month == month:
                return r
        return None


@dataclass(frozen=True)
class Statistics:
    """Statistics across projects and months, in plain tables: ``detail`` has a row per
    project and month (by code, then month) with every figure; :meth:`metric` makes a
    project × month table of one of them, and ``leave`` holds the days by leave type."""

    months: tuple[str, ...]  # YYYY-MM, in order
    detail: tuple[DetailRow, ...]
    leave: LeaveTable

    @property
    def projects(self) -> tuple[tuple[str, str], ...]:
        """(code, name) of every project, by code."""
        seen: dict[str, str] = {}
        for r in self.detail:
            seen.setdefault(r.code, r.name)
        return tuple(sorted(seen.items()))

    def metric(self, name: str) -> MetricTable:
        """Project × month table of one column of ``detail`` (``METRICS``)."""
        if name not in DETAIL_COLUMNS or name in ("code", "name", "month"):
            raise KeyError(name)
        cells: dict[tuple[str, str], float | int | None] = {}
        for r in self.detail:
            value = r.value(name)
            cells[(r.code, r.month)] = None if value is None else (
                int(value) if isinstance(value, bool | int) else float(value))
        rows = tuple(MetricRow(code, label, tuple(cells.get((code, m)) for m in self.months))
                     for code, label in self.projects)
        return MetricTable(name, self.months, rows)

    @property
    def attendance_rate(self) -> MetricTable:
        return self.metric("attendance_rate")

    @property
    def late_minutes(self) -> MetricTable:
        return self.metric("late_minutes")


# the metrics of the statistics tab and export, in order (column of ``detail``)
METRICS = ("attendance_rate", "late_count", "late_minutes", "absent_days", "leave_total",
           "no_data_days", "explanations", "overdue_handovers", "service_total",
           "response_percent", "resolution_percent", "people")


def percent_text(value: float | None) -> str:
    """A percentage as the overview prints it ("96.4%"), "—" for none (window and command)."""
    from app import strings

    return strings.HO_CLI_NONE if value is None else strings.HO_CLI_PERCENT.format(value=value)
