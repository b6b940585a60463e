"""Issue 14: a LAN read holds back punches dated before 2010 (a clock reset) like a USB file
does -- reported in ``held_back`` by record index, discarded, never stored as real days --
and the clock is not cleared after such a read."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def _wrong_year_records() -> list[object]:
    """Two real punches, then the clock jumped ten years ahead (its own time says 2036)."""
    from zk_simulator import SimRecord

    real = [dt.datetime(2026, 11, 20, 8, 20), dt.datetime(2026, 11, 20, 17, 40)]
    wrong = [dt.datetime(2036, 11, 23, 8, 19), dt.datetime(2036, 11, 23, 17, 31)]
    return [SimRecord("7", t) for t in real + wrong]


def test_lan_read_can_shift_a_wrong_year_by_the_detected_offset(services: Services) -> None:
    """Issue 14 (5): the first read discards the 2036 block and offers the offset; reading
    again with the shift stores exactly those punches, moved to 2026, and nothing twice."""
    from zk_simulator import ZkSimulator

    services.imports.save_device("DOOR", "127.0.0.1")
    with ZkSimulator(records=_wrong_year_records(),
                     device_time=dt.datetime(2036, 11, 26, 9, 0)) as sim:
        cfg = ClockConfig("127.0.0.1", sim.port, timeout=5)
        first, _ = services.imports.sync_config(cfg, "DOOR")
        held = first.held_back
        assert held is not None and (held.count, held.action) == (2, "discarded")
        assert held.offset_days == (dt.date(2026, 11, 23) - dt.date(2036, 11, 23)).days
        assert first.batch.new == 2
        second, _ = services.imports.sync_config(cfg, "DOOR", shift_implausible=True)
    assert second.held_back is not None and second.held_back.action == "shifted"
    assert (second.batch.new, second.batch.duplicate) == (2, 2)
    with services.db.read() as s:
        stored = sorted(s.scalars(select(Punch.punched_at)))
    assert stored == [dt.datetime(2026, 11, 20, 8, 20), dt.datetime(2026, 11, 20, 17, 40),
                      dt.datetime(2026, 11, 23, 8, 19), dt.datetime(2026, 11, 23, 17, 31)]


def test_sync_cli_shifts_with_the_flag(services: Services) -> None:
    from zk_simulator import ZkSimulator

    from tests.helpers.cli import run_cli

    path = services.db_path
    services.close()
    with ZkSimulator(records=_wrong_year_records(),
                     device_time=dt.datetime(2036, 11, 26, 9, 0)) as sim:
        plain = run_cli("--db", path, "sync", "--host", "127.0.0.1", "--port", sim.port,
                        "--json").json()
        shifted = run_cli("--db", path, "sync", "--host", "127.0.0.1", "--port", sim.port,
                          "--shift-implausible", "--json").json()
    assert plain["held_back"]["action"] == "discarded" and plain["new"] == 2
    assert plain["held_back"]["offset_days"] == -3653
    assert shifted["held_back"]["action"] == "shifted" and shifted["new"] == 2


@pytest.mark.parametrize("choice", ["shifted", "discarded"])
def test_imports_tab_offers_the_shift_after_a_lan_read(
        qtbot: Any, services: Services, monkeypatch: pytest.MonkeyPatch, choice: str) -> None:
    """The GUI: a read that discarded a block with a known offset asks; "shift" reads again
    with the shift (only the shifted punches are new), "discard" leaves it at that."""
    from PySide6.QtWidgets import QWidget
    from zk_simulator import ZkSimulator

    from ui.tabs.imports import held_back
    from ui.tabs.imports.tab import ImportsTab
    from ui.tasks import TaskRunner

    asked: list[int] = []

    def ask(_parent: Any, held: Any, ok: int) -> str:
        asked.append(held.offset_days)
        return choice

    monkeypatch.setattr(held_back, "ask_held_back", ask)
    monkeypatch.setattr("ui.messages.ask", lambda *_a, **_k: False)  # no clock-time question
    with ZkSimulator(records=_wrong_year_records(),
                     device_time=dt.datetime(2036, 11, 26, 9, 0)) as sim:
        services.imports.save_device("DOOR", "127.0.0.1", port=sim.port, timeout=5)
        host = QWidget()
        qtbot.addWidget(host)
        tab = ImportsTab(services, TaskRunner(host), parent=host)
        tab.device.setCurrentIndex(tab.device.findData("DOOR"))
        tab.sync()
        qtbot.waitUntil(lambda: bool(asked), timeout=15000)
        want = 2 if choice == "shifted" else 1
        qtbot.waitUntil(lambda: len(services.imports.history()) == want, timeout=15000)
        tab.tasks.wait()
    assert asked == [-3653]
    with services.db.read() as s:
        stored = len(s.scalars(select(Punch.punched_at)).all())
    assert stored == (4 if choice == "shifted" else 2)
