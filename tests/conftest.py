"""Shared fixtures for every test layer.

Qt must never try to open a real display, so the offscreen platform is selected when this
file is imported, before any test module can import PySide6.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.services import Services

os.environ["QT_QPA_PLATFORM"] = "offscreen"


# The suite's "now": every fixture's services run on this clock, so no test depends on the
# real date (CI also runs the suite under faketime in other years to prove it).
FIXED_NOW = dt.datetime(2026, 11, 29, 10, 0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a fresh test database lives; the data folder is created on open."""
    return tmp_path / "data" / "onsitedesk.db"


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    """The service facade on a new, migrated database."""
    s = Services.open(db_path, clock=FixedClock(FIXED_NOW))
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def today() -> dt.date:
    """A fixed 'today' (the domain never reads the clock itself)."""
    return FIXED_NOW.date()
