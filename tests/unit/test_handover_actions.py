"""Which workflow actions a staff change allows (SPEC C1-C6; issue 13).

``app.domain.handover.allowed_actions`` is the one rule: the service refuses what it does not
allow and ``ChangeDTO.actions`` carries it to the handover tab's buttons.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app import strings
from app.domain import handover as rules
from app.domain.handover import allowed_actions
from app.domain.roster import PersonFields
from app.services import Services
from app.services.handover import ChangeFields
from tests.helpers.errors import raises_invalid

PLANNED_ALL = {rules.EDIT, rules.APPROVE, rules.CHECKLIST, rules.FINISH, rules.CANCEL,
               rules.PRINT}


@pytest.mark.parametrize("kind", rules.KINDS)
def test_a_planned_change_allows_the_workflow(kind: str) -> None:
    expected = set(PLANNED_ALL)
    if kind != rules.ADD:  # a new post has nothing to hand over (C3)
        expected |= {rules.HANDOVER, rules.BEGIN}
    assert allowed_actions(rules.PLANNED, kind) == expected


@pytest.mark.parametrize("state", [rules.DONE, rules.CANCELLED])
@pytest.mark.parametrize("kind", rules.KINDS)
def test_done_and_cancelled_changes_only_print(state: str, kind: str) -> None:
    assert allowed_actions(state, kind) == {rules.PRINT}
    assert allowed_actions(state, kind, handover_started=True) == {rules.PRINT}


def test_the_handover_starts_once() -> None:
    started = allowed_actions(rules.PLANNED, rules.LEAVE, handover_started=True)
    assert rules.BEGIN not in started and rules.HANDOVER in started


def test_actions_are_known_codes() -> None:
    everything = set().union(*(allowed_actions(s, k) for s in rules.STATES
                               for k in rules.KINDS))
    assert everything == set(rules.ACTIONS)


# ---- the service enforces the same rule and the DTO carries it -------------------------------
D = dt.date


def _person(services: Services, no: str) -> int:
    p, _ = services.roster.add(PersonFields(employee_no=no, name=f"员工{no}",
                                            start_date=D(2026, 1, 1)))
    return p.id


def test_service_and_dto_follow_the_rule(services: Services) -> None:
    ho = services.handover
    leaving = _person(services, "H1")
    c, _ = ho.create(ChangeFields(kind=rules.LEAVE, change_date=D(2027, 1, 29),
                                  leaving_id=leaving))
    assert c.actions == allowed_actions(rules.PLANNED, rules.LEAVE)
    c, _ = ho.begin_handover(c.id, D(2026, 12, 7))
    assert c.actions == allowed_actions(rules.PLANNED, rules.LEAVE, handover_started=True)
    # started once: the button is off, too
    with raises_invalid(None, strings.CH_E_HANDOVER_STARTED.format(id=c.id, on=D(2026, 12, 7))):
        ho.begin_handover(c.id, D(2026, 12, 8))
    c, _ = ho.cancel(c.id, "计划取消")
    assert c.actions == {rules.PRINT}
    with raises_invalid(None, template=strings.CH_E_NOT_PLANNED, id=c.id):
        ho.cancel(c.id, "再撤一次")


def test_a_new_post_has_no_handover_to_begin(services: Services) -> None:
    ho = services.handover
    joining = _person(services, "H2")
    c, _ = ho.create(ChangeFields(kind=rules.ADD, change_date=D(2027, 1, 29),
                                  joining_id=joining))
    assert rules.BEGIN not in c.actions
    with raises_invalid(None, strings.CH_E_NO_HANDOVER):
        ho.begin_handover(c.id, D(2026, 12, 7))
