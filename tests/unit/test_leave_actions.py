"""Which workflow actions a leave request allows (SPEC L4, L5, L7; issue 13).

``allowed_actions`` is the one rule: the service refuses what it does not allow and the DTO
carries it to the leave tab's buttons. The first tests pin the rule to the regulation's state
machine (草稿 → 已提交 → 已批准 / 已驳回 → 已销假 / 已撤销); the last ones prove that the service
enforces exactly that set, action by action, so UI and service cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from app import strings
from app.domain.leave import (
    ACTIONS,
    APPROVE,
    APPROVED,
    BACKFILE,
    CANCEL,
    CANCELLED,
    CLIENT_APPROVE,
    DRAFT,
    EXTEND,
    PRINT,
    REJECT,
    REJECTED,
    RETURN,
    RETURNED,
    SUBMIT,
    SUBMITTED,
    TRANSITIONS,
    Span,
    allowed_actions,
)
from app.domain.roster import PersonFields
from app.services import Services
from app.services.leave import LeaveDTO
from tests.helpers.errors import raises_invalid

EXPECTED = {
    DRAFT: {SUBMIT, CANCEL, PRINT},
    SUBMITTED: {APPROVE, CLIENT_APPROVE, REJECT, CANCEL, PRINT},
    APPROVED: {CLIENT_APPROVE, RETURN, EXTEND, CANCEL, PRINT},
    REJECTED: {PRINT},
    RETURNED: {CLIENT_APPROVE, PRINT},
    CANCELLED: {PRINT},
}


@pytest.mark.parametrize("state", sorted(EXPECTED))
def test_each_state_allows_what_l7_says(state: str) -> None:
    assert allowed_actions(state) == EXPECTED[state]


def test_decided_requests_only_print() -> None:
    """Rejected and cancelled are final: nothing but the printout is left."""
    for state in (REJECTED, CANCELLED):
        assert allowed_actions(state) == {PRINT}
        assert TRANSITIONS[state] == set()


def test_state_moves_follow_the_transition_table() -> None:
    """Every action that changes the state is allowed exactly where the move is."""
    moves = {SUBMIT: SUBMITTED, APPROVE: APPROVED, REJECT: REJECTED, RETURN: RETURNED,
             CANCEL: CANCELLED}
    for state, targets in TRANSITIONS.items():
        for action, target in moves.items():
            assert (action in allowed_actions(state)) == (target in targets), (state, action)


def test_emergency_leave_is_back_filed_once_in_any_state() -> None:
    """L4: an emergency leave is back-filed afterwards, once; ordinary leave never."""
    for state in EXPECTED:
        assert BACKFILE in allowed_actions(state, emergency=True)
        assert BACKFILE not in allowed_actions(state, emergency=True, backfiled=True)
        assert BACKFILE not in allowed_actions(state)
        assert allowed_actions(state, emergency=True) - {BACKFILE} == EXPECTED[state]


def test_actions_are_known_codes() -> None:
    everything = set().union(*(allowed_actions(s, emergency=True) for s in EXPECTED))
    assert everything == set(ACTIONS)


# ---- the service enforces the same rule, and the DTO carries it -----------------------------
D = dt.date


@pytest.fixture
def team(services: Services) -> tuple[int, int]:
    ids = []
    for no in ("A1", "A2"):
        person, _ = services.roster.add(PersonFields(employee_no=no, name=f"员工{no}",
                                                     start_date=D(2026, 1, 1)))
        ids.append(person.id)
    return ids[0], ids[1]


def _file(services: Services, team: tuple[int, int], state: str, month: int,
          emergency: bool = False) -> LeaveDTO:
    """A request in ``state`` (one working day in ``month`` of 2026, filed a week ahead)."""
    me, dep = team
    day = D(2026, month, 10)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    leave, _ = services.leave.add(
        me, "personal_leave", Span(day, "am", day, "pm"),
        dt.datetime.combine(day - dt.timedelta(days=7), dt.time(9)), dep,
        draft=state == DRAFT, emergency=emergency,
        contacted_whom="项目经理" if emergency else "")
    lv = services.leave
    if state in (APPROVED, RETURNED):
        leave, _ = lv.approve(leave.id, "项目经理")
    if state == RETURNED:
        leave, _ = lv.return_(leave.id, day + dt.timedelta(days=1))
    if state == REJECTED:
        leave, _ = lv.reject(leave.id, "项目经理", "不批")
    if state == CANCELLED:
        leave, _ = lv.cancel(leave.id, "不请了")
    assert leave.state == state
    return leave


def _calls(services: Services, leave: LeaveDTO) -> dict[str, Callable[[], object]]:
    lv, after = services.leave, leave.span.end + dt.timedelta(days=1)
    return {
        SUBMIT: lambda: lv.submit(leave.id),
        APPROVE: lambda: lv.approve(leave.id, "项目经理"),
        CLIENT_APPROVE: lambda: lv.approve(leave.id, "甲方", role="client_dept"),
        REJECT: lambda: lv.reject(leave.id, "项目经理", "不批"),
        RETURN: lambda: lv.return_(leave.id, leave.span.start),
        EXTEND: lambda: lv.extend(leave.id, after, "pm", dt.datetime(2026, 1, 2, 9)),
        CANCEL: lambda: lv.cancel(leave.id, "不请了"),
        BACKFILE: lambda: lv.backfile(leave.id),
    }


@pytest.mark.parametrize("state", [DRAFT, SUBMITTED, APPROVED, REJECTED, RETURNED, CANCELLED])
def test_service_refuses_exactly_what_the_dto_does_not_allow(
        services: Services, team: tuple[int, int], state: str) -> None:
    """For each action: the service accepts it iff ``dto.actions`` lists it (a fresh request
    in ``state`` per action, so one action's effect does not hide another's)."""
    probe = _file(services, team, state, 1, emergency=True)
    assert probe.actions == allowed_actions(state, emergency=True)
    for month, action in enumerate(_calls(services, probe), start=2):
        leave = _file(services, team, state, month, emergency=True)
        call = _calls(services, leave)[action]
        if action in leave.actions:
            call()
        else:
            with raises_invalid(None, template=strings.LEAVE_BAD_TRANSITION, id=leave.id):
                call()


def test_back_filing_twice_is_refused(services: Services, team: tuple[int, int]) -> None:
    leave = _file(services, team, SUBMITTED, 3, emergency=True)
    done, _ = services.leave.backfile(leave.id)
    assert BACKFILE not in done.actions and done.backfiled_at is not None
    with raises_invalid(None, strings.LEAVE_ALREADY_BACKFILED.format(id=leave.id)):
        services.leave.backfile(leave.id)
