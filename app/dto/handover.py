"""Inputs and outputs of the personnel change use cases (issue 8): what the dialogs and the
command line hand in (:class:`ChangeFields`, :class:`HandoverFields`) and the frozen DTOs the
service returns (:class:`ChangeDTO` with its approvals, checklist and deadlines)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app import strings
from app.domain import handover as rules
from app.domain.handover import ChangeState, Deadlines
from app.dto.roster import PersonDTO


# ---- input -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChangeFields:
    """What the user plans (the create and edit dialog, ``change add`` on the command line)."""

    kind: str
    change_date: dt.date
    leaving_id: int | None = None
    joining_id: int | None = None
    demand_date: dt.date | None = None
    reason: str = ""
    reason_kind: str = ""
    replacement_plan: str = ""
    new_role: str = ""
    joining_gender: str = ""
    joining_education: str = ""
    joining_years: str = ""
    joining_certificates: str = ""
    notice_sent_on: dt.date | None = None
    application_submitted_on: dt.date | None = None


@dataclass(frozen=True)
class HandoverFields:
    """The handover: who hands over, receives and witnesses, when, and how it ended."""

    handed_by: str = ""
    received_by: str = ""
    witnessed_by: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    assessment_result: str = ""
    assessment_on: dt.date | None = None
    probation_end: dt.date | None = None


# ---- output ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ApprovalDTO:
    party: str
    approver: str
    approved_on: dt.date | None
    opinion: str

    @property
    def done(self) -> bool:
        return self.approved_on is not None


@dataclass(frozen=True)
class ItemDTO:
    id: int
    position: int
    title: str
    detail: str
    source: str
    equipment_id: int | None
    done: bool
    done_on: dt.date | None
    note: str


@dataclass(frozen=True)
class ChangeDTO:
    id: int
    kind: str
    state: ChangeState
    leaving: PersonDTO | None
    joining: PersonDTO | None
    change_date: dt.date
    demand_date: dt.date | None
    reason: str
    reason_kind: str
    replacement_plan: str
    new_role: str
    joining_gender: str
    joining_education: str
    joining_years: str
    joining_certificates: str
    notice_sent_on: dt.date | None
    application_submitted_on: dt.date | None
    client: ApprovalDTO
    supervisor: ApprovalDTO
    handover: HandoverFields
    handover_started_on: dt.date | None
    handover_days: int | None
    finished_on: dt.date | None
    finish_override: str
    cancel_reason: str
    items: tuple[ItemDTO, ...]
    deadlines: Deadlines
    problems: tuple[str, ...]
    created_at: dt.datetime
    # what this change allows now (app.domain.handover.allowed_actions): the UI's buttons
    actions: frozenset[str] = frozenset()

    @property
    def kind_label(self) -> str:
        return strings.CH_KIND_LABELS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return strings.CH_STATE_LABELS.get(self.state, self.state)

    @property
    def who(self) -> str:
        """``leaving -> joining``, or whichever of the two there is."""
        names = [p.name for p in (self.leaving, self.joining) if p is not None]
        return strings.CH_ARROW.join(names) if names else strings.CH_NOBODY

    @property
    def open_items(self) -> tuple[ItemDTO, ...]:
        return tuple(i for i in self.items if not i.done)

    @property
    def approved_on(self) -> dt.date | None:
        return rules.approved_on(self.client.approved_on, self.supervisor.approved_on)

    @property
    def step_dates(self) -> rules.StepDates:
        return rules.StepDates(self.notice_sent_on, self.application_submitted_on,
                               self.approved_on, self.handover_started_on, self.finished_on)

    def as_json(self) -> dict[str, Any]:
        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {"id": self.id, "kind": self.kind, "state": self.state,
                "leaving": self.leaving.employee_no if self.leaving else None,
                "joining": self.joining.employee_no if self.joining else None,
                "who": self.who, "change_date": self.change_date.isoformat(),
                "demand_date": day(self.demand_date), **self.deadlines.as_json(),
                "notice_sent_on": day(self.notice_sent_on),
                "application_submitted_on": day(self.application_submitted_on),
                "approved_on": day(self.approved_on),
                "handover_start": day(self.handover.start),
                "handover_end": day(self.handover.end),
                "handover_days": self.handover_days, "finished_on": day(self.finished_on),
                "open_items": len(self.open_items), "problems": list(self.problems)}


@dataclass(frozen=True)
class WarningDTO:
    """A deadline within 3 working days or passed (the main window's status bar)."""

    change_id: int
    step: str
    due: dt.date
    status: str
    text: str


def has_attachment(person: PersonDTO, kind: str) -> bool:
    """Whether the roster holds a file of ``kind`` (certificate, resume) for the person."""
    return any(a.kind == kind for a in person.attachments)
