"""The suite's "now": every fixture's services and every in-process CLI run use this clock,
so no test depends on the real date (CI also runs the whole suite under faketime in 2025
and 2027 to prove it)."""

from __future__ import annotations

import datetime as dt

from app.clock import FixedClock

FIXED_NOW = dt.datetime(2026, 11, 29, 10, 0)


def fixed_clock(today: dt.date | None = None) -> FixedClock:
    """A clock standing at FIXED_NOW, or at 10:00 on ``today``."""
    return FixedClock(dt.datetime.combine(today, FIXED_NOW.time()) if today else FIXED_NOW)
