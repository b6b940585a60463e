"""Sample users and punches, and small helpers, for the LAN clock tests."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

from zk_simulator import SimRecord, SimUser, ZkSimulator

from app.devices.clock_lan import ClockConfig

# Chinese names as escapes: only app/strings/ may hold Chinese characters.
ZHANG_SAN = "\u5f20\u4e09"  # two characters
OUYANG_NANA = "\u6b27\u9633\u5a1c\u5a1c"  # four characters: the most an 8-byte name holds
LONG_NAME = "\u8bf8\u845b\u5b54\u660e\u4e0e\u53f8\u9a6c\u61ff"  # eight characters, 72-byte only

BASE = dt.datetime(2026, 3, 2, 8, 0, 0)


def sample_users() -> list[SimUser]:
    return [SimUser(1, "1001", ZHANG_SAN, privilege=14),
            SimUser(2, "1002", OUYANG_NANA),
            SimUser(7, "2007", "Li Lei")]


def sample_records(n: int = 12) -> list[SimRecord]:
    """Punches of three people with varied states, verify modes and work codes."""
    ids = ("1001", "1002", "2007")
    verify = (1, 15, 2, 0)
    state = (0, 1, 2, 3, 4, 5, 255)
    return [SimRecord(ids[i % 3], BASE + dt.timedelta(minutes=37 * i, seconds=i),
                      verify=verify[i % 4], state=state[i % 7], work_code=i % 5)
            for i in range(n)]


def config_for(sim: ZkSimulator | int, transport: str, **kwargs: Any) -> ClockConfig:
    port = sim if isinstance(sim, int) else sim.port
    kwargs.setdefault("timeout", 5)
    return ClockConfig("127.0.0.1", port, udp=transport == "udp", **kwargs)


def closed_port() -> int:
    """A 127.0.0.1 port with nothing listening (TCP and UDP)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
