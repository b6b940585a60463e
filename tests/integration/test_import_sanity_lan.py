"""Issue 14: a LAN read holds back punches dated before 2010 (a clock reset) like a USB file
does -- reported in ``held_back`` by record index, discarded, never stored as real days --
and the clock is not cleared after such a read."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.devices.clock_lan import ClockConfig
from app.errors import ValidationError
from app.services import Services
from app.storage.tables_attendance import Punch


def _records() -> list[object]:
    from zk_simulator import SimRecord

    real = [dt.datetime(2026, 11, 20, 8, 20) + dt.timedelta(hours=h) for h in (0, 9)]
    reset = [dt.datetime(2000, 1, 1, 0, 4), dt.datetime(2000, 1, 1, 8, 31)]
    return [SimRecord("7", t) for t in real + reset]


def test_lan_read_holds_back_a_clock_reset(services: Services) -> None:
    from zk_simulator import ZkSimulator

    services.imports.save_device("DOOR", "127.0.0.1")
    with ZkSimulator(records=_records()) as sim:
        cfg = ClockConfig("127.0.0.1", sim.port, timeout=5)
        outcome, _ = services.imports.sync_config(cfg, "DOOR")
    held = outcome.held_back
    assert held is not None and held.count == 2 and held.action == "discarded"
    assert held.first == dt.datetime(2000, 1, 1, 0, 4)
    assert held.offset_days is not None  # one block at the end of the read: a reset
    assert [(p.line, p.record is not None) for p in outcome.problems] == [(None, True)] * 2
    assert outcome.as_json()["held_back"]["count"] == 2
    with services.db.read() as s:
        assert min(s.scalars(select(Punch.punched_at))) == dt.datetime(2026, 11, 20, 8, 20)


def test_clear_after_is_refused_when_punches_were_held_back(services: Services) -> None:
    from zk_simulator import ZkSimulator

    services.imports.save_device("DOOR", "127.0.0.1")
    with ZkSimulator(records=_records()) as sim:
        cfg = ClockConfig("127.0.0.1", sim.port, timeout=5)
        with pytest.raises(ValidationError):
            services.imports.sync_config(cfg, "DOOR", clear_after=True)
        assert len(sim.records) == 4  # nothing erased on the clock
