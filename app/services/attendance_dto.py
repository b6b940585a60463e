"""What the attendance month and one day in detail look like outside the services (tabs,
printouts, the score sheet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from app.domain.attendance import DayResult, MonthSummary
from app.domain.schedule import Rules


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


@dataclass(frozen=True)
class PersonMonth:
    person_id: int
    employee_no: str
    name: str
    role: str
    status: str
    summary: MonthSummary
    symbols: tuple[str, ...]  # one per day of the month


@dataclass(frozen=True)
class MonthDTO:
    year: int
    month: int
    provisional: bool
    locked: bool
    days: tuple[tuple[dt.date, str, str], ...]  # (date, day kind, holiday name)
    people: tuple[PersonMonth, ...]
    legend: dict[str, str] = field(default_factory=dict)
    lock_info: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return month_key(self.year, self.month)

    def as_json(self) -> dict[str, Any]:
        """The ``onsitedesk month YYYY-MM --json`` document."""
        return {
            "month": self.key, "provisional": self.provisional, "locked": self.locked,
            "people": [_person_json(p) for p in self.people],
        }


def _person_json(p: PersonMonth) -> dict[str, Any]:
    s = p.summary
    return {
        "employee_no": p.employee_no, "name": p.name, "role": p.role,
        "required_days": s.required_days, "attended_days": s.attended_days,
        "late_count": s.late_count, "late_minutes": s.late_minutes,
        "early_count": s.early_count, "early_minutes": s.early_minutes,
        "missing_punches": s.missing_punches, "absent_days": s.absent_days,
        "absence_count": s.absence_count, "severe_count": s.severe_count,
        "leave_days": dict(s.leave_days), "overtime_hours": s.overtime_hours,
        "needs_absence_explanation": s.needs_absence_explanation,
        "days": {d.day.isoformat(): {
            "am": d.am.verdict, "pm": d.pm.verdict, "late_minutes": d.late_minutes,
            "early_minutes": d.early_minutes, "symbol": sym,
        } for d, sym in zip(s.days, p.symbols, strict=True)},
    }


@dataclass(frozen=True)
class PunchDTO:
    id: int
    at: dt.datetime
    device: str
    device_user_id: str
    verify_mode: int | None
    in_out_state: int | None
    batch_id: int
    batch_source: str
    reverted: bool


@dataclass(frozen=True)
class CorrectionDTO:
    id: int
    day: dt.date
    session: str
    slot: str
    at: dt.datetime
    reason: str
    approver: str
    created_at: dt.datetime
    created_by: str
    revoked_at: dt.datetime | None
    revoke_reason: str | None


@dataclass(frozen=True)
class ManualAbsenceDTO:
    id: int
    day: dt.date
    session: str
    kind: str
    note: str
    created_at: dt.datetime
    created_by: str
    revoked_at: dt.datetime | None
    revoke_reason: str | None


@dataclass(frozen=True)
class DayDetail:
    person_id: int
    name: str
    employee_no: str
    day: dt.date
    day_kind: str
    day_name: str
    result: DayResult
    symbol: str
    rules: Rules
    punches: tuple[PunchDTO, ...]
    corrections: tuple[CorrectionDTO, ...]
    manual: tuple[ManualAbsenceDTO, ...]
    locked: bool
