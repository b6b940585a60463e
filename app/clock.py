"""The one source of "now" for the core and the GUI (issue 13: one clock).

Nothing outside this module reads the wall clock: services, storage, the CLI and the tabs
ask the ``Clock`` handed to ``Services`` (``services.clock``). Tests pass a ``FixedClock``
so that every rule that depends on today (sessions not yet ended, the current month, backups
of the day, audit timestamps) is reproducible on any date.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """Local wall time, naive, whole seconds."""

    def today(self) -> dt.date:
        """Local date."""

    def utcnow(self) -> dt.datetime:
        """Aware UTC time with microseconds (audit timestamps)."""


class SystemClock:
    """The real clock of the PC."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return dt.date.today()

    def utcnow(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def __repr__(self) -> str:
        return "SystemClock()"


class FixedClock:
    """A clock that stands still at ``at`` (naive local time) until moved."""

    def __init__(self, at: dt.datetime | dt.date) -> None:
        self.at = at if isinstance(at, dt.datetime) else dt.datetime.combine(at, dt.time(10))

    def now(self) -> dt.datetime:
        return self.at.replace(microsecond=0)

    def today(self) -> dt.date:
        return self.at.date()

    def utcnow(self) -> dt.datetime:
        return self.at.astimezone(dt.UTC)

    def set(self, at: dt.datetime) -> None:
        self.at = at

    def advance(self, delta: dt.timedelta) -> None:
        self.at += delta

    def __repr__(self) -> str:
        return f"FixedClock({self.at.isoformat()})"


SYSTEM_CLOCK: Clock = SystemClock()
