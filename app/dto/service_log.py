"""Data returned by the service log use cases (frozen DTOs, with their JSON for the CLI)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app import strings
from app.domain.service_log import (
    InspectionStatus,
    Measure,
    MonthSummary,
    RecordFields,
    StaffVisit,
    Stat,
    Targets,
    Times,
    Warranty,
)

# The editable fields of a record, as named in RecordFields, the table and the DTO.
RECORD_FIELDS = ("service_type", "source", "reporter", "reporter_dept", "reported_at",
                 "responded_at", "arrived_at", "resolved_at", "location", "description",
                 "handling", "result", "pending_reason", "parts_replaced", "user_rating",
                 "client_signed", "client_signed_by", "client_signed_on", "note")


@dataclass(frozen=True)
class StaffVisitDTO:
    person_id: int
    name: str
    employee_no: str
    role: str
    entered_at: dt.datetime | None
    exited_at: dt.datetime | None


@dataclass(frozen=True)
class ServiceRecordDTO:
    id: int
    number: str
    service_type: str
    source: str
    reporter: str
    reporter_dept: str
    reported_at: dt.datetime
    responded_at: dt.datetime | None
    arrived_at: dt.datetime | None
    resolved_at: dt.datetime | None
    staff: tuple[StaffVisitDTO, ...]
    head_count: int
    location: str
    description: str
    handling: str
    result: str
    pending_reason: str
    parts_replaced: str
    user_rating: str
    client_signed: bool
    client_signed_by: str
    client_signed_on: dt.date | None
    note: str
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime | None
    measure: Measure
    carried_over: bool = False  # listed in a later month because it was still open

    @property
    def times(self) -> Times:
        return Times(self.reported_at, self.responded_at, self.arrived_at, self.resolved_at)

    @property
    def staff_names(self) -> str:
        return strings.LIST_SEP.join(v.name for v in self.staff)

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def service_start(self) -> dt.datetime | None:
        """The contract's "service start": arrival on site, else the response, else the
        first staff entry."""
        entries = [v.entered_at for v in self.staff if v.entered_at]
        return self.arrived_at or self.times.first_action or (min(entries) if entries
                                                                else None)

    @property
    def service_end(self) -> dt.datetime | None:
        """The contract's "service end": resolved, else the last staff exit."""
        exits = [v.exited_at for v in self.staff if v.exited_at]
        return self.resolved_at or (max(exits) if exits else None)

    def fields(self) -> RecordFields:
        """The editable fields, to change and pass back to ``update``."""
        return RecordFields(
            **{name: getattr(self, name) for name in RECORD_FIELDS},
            staff=tuple(StaffVisit(v.person_id, v.entered_at, v.exited_at) for v in self.staff),
            head_count=self.head_count)

    def as_json(self) -> dict[str, Any]:
        m = self.measure
        return {
            "id": self.id, "number": self.number, "type": self.service_type,
            "source": self.source, "reporter": self.reporter, "dept": self.reporter_dept,
            "reported_at": iso(self.reported_at), "responded_at": iso(self.responded_at),
            "arrived_at": iso(self.arrived_at), "resolved_at": iso(self.resolved_at),
            "staff": [{"employee_no": v.employee_no, "name": v.name,
                       "entered_at": iso(v.entered_at), "exited_at": iso(v.exited_at)}
                      for v in self.staff],
            "head_count": self.head_count, "location": self.location,
            "content": self.description, "handling": self.handling, "result": self.result,
            "pending_reason": self.pending_reason, "parts": self.parts_replaced,
            "rating": self.user_rating, "client_signed": self.client_signed,
            "client_signed_by": self.client_signed_by,
            "client_signed_on": iso(self.client_signed_on),
            "response_minutes": m.response_minutes, "response": m.response,
            "resolution_minutes": m.resolution_minutes, "resolution": m.resolution,
            "response_target": m.targets.response_minutes,
            "resolution_target": m.targets.resolution_minutes,
            "carried_over": self.carried_over,
        }


@dataclass(frozen=True)
class CommitmentsDTO:
    """The after-sales commitment as it stands on ``today``."""

    today: dt.date
    targets: Targets
    acceptance_date: dt.date | None
    warranty: Warranty | None
    inspection: InspectionStatus

    @property
    def support_24h(self) -> bool:
        """24-hour free support is promised during the warranty."""
        return self.warranty is not None and self.warranty.active


@dataclass(frozen=True)
class ServiceMonthDTO:
    year: int
    month: int
    now: dt.datetime
    records: tuple[ServiceRecordDTO, ...]  # carried over first, then the month's own
    summary: MonthSummary
    commitments: CommitmentsDTO

    @property
    def targets(self) -> Targets:
        return self.commitments.targets

    @property
    def open_records(self) -> list[ServiceRecordDTO]:
        """Still open at the month's end (carried into the next month)."""
        by_id = {r.id: r for r in self.records}
        return [by_id[i] for i in self.summary.open_ids if i in by_id]

    def as_json(self) -> dict[str, Any]:
        s = self.summary
        c = self.commitments
        return {
            "month": f"{self.year:04d}-{self.month:02d}",
            "records": [r.as_json() for r in self.records],
            "summary": {
                "total": s.total, "by_type": dict(s.by_type),
                "response": stat_json(s.response), "resolution": stat_json(s.resolution),
                "open": [r.number for r in self.open_records],
                "carried_over": [r.number for r in self.records if r.carried_over],
            },
            "inspection": {"year": c.inspection.year, "done": c.inspection.done,
                           "dates": [d.isoformat() for d in c.inspection.dates],
                           "overdue": c.inspection.overdue},
            "acceptance_date": iso(c.acceptance_date),
            "warranty_end": iso(c.warranty.end) if c.warranty else None,
            "in_warranty": bool(c.warranty and c.warranty.active),
            "support_24h": c.support_24h,
        }


@dataclass(frozen=True)
class DailyReportDTO:
    person_id: int
    name: str
    employee_no: str
    role: str
    day: dt.date
    text: str
    updated_at: dt.datetime | None


@dataclass(frozen=True)
class PersonReports:
    person_id: int
    name: str
    employee_no: str
    role: str
    entries: tuple[tuple[dt.date, str], ...]
    missing: tuple[dt.date, ...]  # working days on site, up to today, without a report


@dataclass(frozen=True)
class ReportMonthDTO:
    year: int
    month: int
    people: tuple[PersonReports, ...]
    workdays: tuple[dt.date, ...]

    @property
    def count(self) -> int:
        return sum(len(p.entries) for p in self.people)


def iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def stat_json(s: Stat) -> dict[str, Any]:
    return {"target": s.target, "met": s.met, "missed": s.missed, "undecided": s.undecided,
            "decided": s.decided, "percent": float(s.percent) if s.percent is not None
            else None, "median": s.median, "worst": s.worst}
