"""What the attendance month and one day in detail look like outside the services (tabs,
printouts, the score sheet)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.attendance import DayResult, MonthSummary, Tally
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
    # the on-site period (None: open), for "joined / left on ..." remarks
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(frozen=True)
class PersonTally:
    """One person's month in additive figures, in two parts (``MonthTallies``)."""

    person_id: int
    start_date: dt.date | None
    end_date: dt.date | None
    ended: Tally  # the counted days through ``MonthTallies.ended_through``
    rest: Tally  # the counted days after it

    @property
    def whole(self) -> Tally:
        return self.ended.plus(self.rest)


@dataclass(frozen=True)
class MonthTallies:
    """A month's figures without its day sheet (head office, issue 19): every person of the
    month with the additive figures of the days from ``since`` on, split at
    ``ended_through``, the last day of the leading run of days whose sessions had all ended
    (``None``: none had). The ended part stays right while the data does not change; only
    the days after it need counting again on a later day."""

    year: int
    month: int
    since: dt.date
    ended_through: dt.date | None
    people: tuple[PersonTally, ...]
    rules: Rules  # in force on the month's last day (the explanation thresholds)
    data_through: dt.datetime | None


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
    # up to when the imported clock data reaches (None: nothing imported), and from which day
    data_through: dt.datetime | None = None
    data_from: dt.date | None = None
    # working days with a session not yet judged: not ended, or beyond the clock data
    unjudged_days: tuple[dt.date, ...] = ()
    # person id -> the month's conduct score deductions (points, positive); filled in by
    # ``DocumentService`` from the score service for the printed sheet, empty otherwise
    deductions: Mapping[int, int] = field(default_factory=dict)
    severe_minutes: int | None = None  # lateness beyond it is severe (the month's rules)

    @property
    def key(self) -> str:
        return month_key(self.year, self.month)

    @property
    def fully_covered(self) -> bool:
        """Every working day of the month is reached by the clock data (or declared)."""
        return not self.unjudged_days

    def as_json(self) -> dict[str, Any]:
        """The ``onsitedesk month YYYY-MM --json`` document."""
        return {
            "month": self.key, "provisional": self.provisional, "locked": self.locked,
            "data_through": self.data_through.isoformat() if self.data_through else None,
            "data_from": self.data_from.isoformat() if self.data_from else None,
            "unjudged_days": [d.isoformat() for d in self.unjudged_days],
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
    batch_kind: str = ""  # usb, lan or demo: how the batch came in


@dataclass(frozen=True)
class RawPunchDTO:
    """One stored punch as the clock gave it (the raw-punch sheet, spec A3)."""

    at: dt.datetime
    device: str
    verify_mode: int | None
    source: str  # the import batch's source (file name, LAN clock) or kind
    reverted: bool = False


@dataclass(frozen=True)
class PersonPunches:
    """A person's raw punches and punch corrections of a month (the raw-punch sheet)."""

    person_id: int
    employee_no: str
    name: str
    device_user_id: str
    punches: tuple[RawPunchDTO, ...]
    corrections: tuple[CorrectionDTO, ...]


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


@dataclass(frozen=True)
class DeviceCoverageDTO:
    device: str  # "" for files imported without naming a clock
    covered_until: dt.datetime
    counted: bool  # takes part in the coverage end (see ``CoverageDTO``)
    covered_from: dt.datetime | None = None  # its oldest record


@dataclass(frozen=True)
class DeclaredCoverageDTO:
    id: int
    first: dt.date
    last: dt.date
    reason: str
    created_at: dt.datetime
    created_by: str
    revoked_at: dt.datetime | None
    revoke_reason: str | None


@dataclass(frozen=True)
class CoverageDTO:
    """How far the clock data reaches: ``through`` is the earliest of the counted clocks'
    coverage (None when nothing was imported); declared periods count as covered too."""

    through: dt.datetime | None
    devices: tuple[DeviceCoverageDTO, ...]
    declared: tuple[DeclaredCoverageDTO, ...]
    since: dt.date | None = None  # the day of the oldest record: nothing is known before

    def as_json(self) -> dict[str, Any]:
        return {
            "data_through": self.through.isoformat() if self.through else None,
            "data_from": self.since.isoformat() if self.since else None,
            "devices": [{"device": d.device, "covered_until": d.covered_until.isoformat(),
                         "counted": d.counted} for d in self.devices],
            "declared": [{"id": d.id, "from": d.first.isoformat(), "to": d.last.isoformat(),
                          "reason": d.reason, "created_at": d.created_at.isoformat(),
                          "created_by": d.created_by,
                          "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
                          "revoke_reason": d.revoke_reason} for d in self.declared],
        }
