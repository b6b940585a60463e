"""Hypothesis fuzzers for every parser of outside data (issue 17, deliverable 6), on a small
fixed budget per parser (PROPERTIES[...].ci_examples; the whole set well under a minute on
two cores). ``python tests/fuzz/long_run.py --cases 1000000`` runs the same properties on a
long budget. The properties themselves: tests/fuzz/fuzz_properties.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fuzz_properties import PROPERTIES, close_services
from hypothesis import HealthCheck, given, settings


@pytest.fixture(scope="module", autouse=True)
def _shared_database() -> Iterator[None]:
    yield
    close_services()


@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_parser_never_raises_and_keeps_good_lines(name: str) -> None:
    prop = PROPERTIES[name]
    run = settings(max_examples=prop.ci_examples, deadline=None, database=None,
                   derandomize=True, suppress_health_check=list(HealthCheck))(
        given(prop.strategy)(prop.check))
    run()
