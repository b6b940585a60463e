"""States are typed (issue 13 "Types for states"): each set of state strings is a StrEnum in
app/domain, whose values are the strings the database already holds, so no migration."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum

import pytest

from app import strings
from app.domain import attendance, handover, leave, roster
from app.domain.attendance import Verdict
from app.domain.handover import ChangeState
from app.domain.leave import LeaveState
from app.domain.roster import PersonFields, PersonStatus
from app.services import Services


@pytest.mark.parametrize(("enum", "labels"), [
    (Verdict, strings.VERDICT_LABELS),
    (LeaveState, strings.LEAVE_STATE_LABELS),
    (PersonStatus, strings.STATUS_LABELS),
    (ChangeState, strings.CH_STATE_LABELS),
])
def test_every_state_has_a_label_and_no_label_is_orphaned(enum: type[StrEnum],
                                                          labels: dict[str, str]) -> None:
    assert set(enum) == set(labels)


def test_the_old_constants_are_the_enum_members() -> None:
    """Code written against the module constants gets the typed members."""
    assert attendance.LATE is Verdict.LATE and attendance.PENDING is Verdict.PENDING
    assert leave.APPROVED is LeaveState.APPROVED and leave.CANCELLED is LeaveState.CANCELLED
    assert handover.PLANNED is ChangeState.PLANNED and tuple(ChangeState) == handover.STATES
    assert tuple(PersonStatus) == roster.STATUSES
    assert all(isinstance(t, LeaveState) for t in leave.TRANSITIONS[leave.SUBMITTED])


def test_members_are_the_stored_strings() -> None:
    assert Verdict.EARLY_LEAVE == "early_leave" and json.dumps(Verdict.ABSENT) == '"absent"'
    assert roster.parse_status("left") is PersonStatus.LEFT
    assert roster.default_status(None, dt.date(2026, 1, 1), dt.date(2026, 2, 1)) is \
        PersonStatus.LEFT


def test_services_hand_out_typed_states(services: Services) -> None:
    person, _ = services.roster.add(PersonFields(employee_no="E1", name="甲",
                                                 start_date=dt.date(2026, 1, 1)))
    assert type(person.status) is PersonStatus
    assert type(services.roster.get(person.id).status) is PersonStatus
    left, _ = services.roster.mark_left(person.id, dt.date(2026, 3, 1))
    assert left.status is PersonStatus.LEFT
