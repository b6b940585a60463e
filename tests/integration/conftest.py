"""Fixtures for the LAN clock tests: simulators that are always stopped, and the transport."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from clock_helpers import sample_records, sample_users
from zk_simulator import ZkSimulator


@pytest.fixture(params=["tcp", "udp"])
def transport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def start_clock() -> Iterator[Callable[..., ZkSimulator]]:
    """Start simulators with any settings; all of them stop when the test ends."""
    started: list[ZkSimulator] = []

    def start(**kwargs: Any) -> ZkSimulator:
        kwargs.setdefault("users", sample_users())
        kwargs.setdefault("records", sample_records())
        sim = ZkSimulator(**kwargs).start()
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()
