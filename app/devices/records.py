"""What the clock readers hand to the import service: raw punches and per-line problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class RawPunch(NamedTuple):
    """One punch exactly as the clock recorded it (SPEC A3).

    A named tuple rather than a frozen dataclass: a 100,000-line import builds 100,000 of
    them, and a frozen dataclass's ``__init__`` alone cost half the parse time.
    """

    device_user_id: str
    punched_at: dt.datetime
    verify_mode: int | None = None
    in_out_state: int | None = None
    work_code: str | None = None
    line: int | None = None  # 1-based line of a USB file, or record index of a LAN read


@dataclass(frozen=True)
class ReadProblem:
    """A line (USB file) or record (LAN read) that could not be used, and why (Chinese)."""

    reason: str
    line: int | None = None
    record: int | None = None


@dataclass
class ReadResult:
    records: list[RawPunch] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    read: int = 0  # lines (or records) read, blank lines and NUL padding excluded
    # device user id -> name, from a USB file's name column (the old 5-field layout)
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ClockUser:
    """A user enrolled on the clock (for mapping device user ids to roster people, D4)."""

    uid: int
    user_id: str
    name: str
    privilege: int = 0


@dataclass(frozen=True)
class DeviceInfo:
    serial: str
    firmware: str
    clock_time: dt.datetime | None
    pc_time: dt.datetime
    user_count: int | None = None
    record_count: int | None = None

    @property
    def drift_seconds(self) -> int | None:
        if self.clock_time is None:
            return None
        return int((self.clock_time - self.pc_time).total_seconds())
