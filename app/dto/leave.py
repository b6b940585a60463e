"""What a leave request and an overtime request look like outside the services (tabs,
the leave form)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.domain.leave import LeaveState, Span


@dataclass(frozen=True)
class LeaveDTO:
    id: int
    person_id: int
    person_name: str
    employee_no: str
    leave_type: str
    span: Span
    days: float
    reason: str
    deputy_id: int | None
    deputy_name: str
    handover_note: str
    contact: str
    filed_at: dt.datetime
    emergency: bool
    contacted_whom: str
    contacted_at: dt.datetime | None
    backfiled_at: dt.datetime | None
    state: LeaveState
    violations: tuple[str, ...]
    override_reason: str
    pm_approver: str
    pm_approved_at: dt.datetime | None
    pm_opinion: str
    client_approver: str
    client_approved_at: dt.datetime | None
    client_opinion: str
    decided_by: str
    decided_at: dt.datetime | None
    decision_note: str
    returned_on: dt.date | None
    extension_of: int | None
    # what this request allows now (app.domain.leave.allowed_actions): the UI's buttons
    actions: frozenset[str] = frozenset()

    @property
    def effective_span(self) -> Span | None:
        """What the leave really covered: an early return frees the remaining days."""
        if self.returned_on is None:
            return self.span
        return self.span.until(self.returned_on - dt.timedelta(days=1))

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "employee_no": self.employee_no, "name": self.person_name,
                "type": self.leave_type, "start": f"{self.span.start}{self.span.start_session}",
                "end": f"{self.span.end}{self.span.end_session}", "days": self.days,
                "state": self.state, "violations": list(self.violations),
                "emergency": self.emergency,
                "backfiled": self.backfiled_at is not None,
                "returned_on": self.returned_on.isoformat() if self.returned_on else None,
                "extension_of": self.extension_of}


@dataclass(frozen=True)
class Preview:
    days: float
    violations: tuple[str, ...]


@dataclass(frozen=True)
class OvertimeDTO:
    id: int
    person_id: int
    person_name: str
    day: dt.date
    start_time: str
    end_time: str
    hours: float
    kind: str
    day_kind: str
    rate: float
    comp_time: bool
    state: LeaveState
    late_application: bool
