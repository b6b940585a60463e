"""A LAN read covers everything up to the clock's time of the read (issue 14); a USB file up
to its newest record. Sessions after that read "no data", not absent."""

from __future__ import annotations

import datetime as dt

from app.devices.clock_usb import parse_attlog_file
from app.domain.attendance import NO_DATA, PRESENT
from app.domain.roster import PersonFields
from app.services import Services
from tests.helpers.samples import shared_sample

T = dt.datetime


def test_a_lan_read_covers_to_the_clocks_time(services: Services) -> None:
    from zk_simulator import SimRecord, ZkSimulator

    from app.devices.clock_lan import ClockConfig

    services.roster.add(PersonFields(employee_no="E1", name="E1", device_user_id="7",
                                     start_date=dt.date(2026, 1, 1)))
    services.imports.save_device("DOOR", "127.0.0.1")
    times = [T(2026, 3, d, h, m) for d in (2, 3) for h, m in ((8, 25), (12, 5), (13, 55),
                                                               (17, 35))]
    times += [T(2026, 3, 4, 8, 20), T(2026, 3, 4, 12, 2)]
    read_at = T(2026, 3, 4, 13, 0)  # the clock's own time: Wednesday, lunch break
    services.db.clock.at = read_at + dt.timedelta(seconds=40)  # type: ignore[attr-defined]
    with ZkSimulator(records=[SimRecord("7", t) for t in times], device_time=read_at) as sim:
        outcome, _ = services.imports.sync_config(ClockConfig("127.0.0.1", sim.port, timeout=5),
                                                  "DOOR")
    assert outcome.device is not None and outcome.device.clock_time is not None
    through = services.attendance.coverage().through
    assert through is not None and read_at <= through < read_at + dt.timedelta(minutes=1)
    assert through == outcome.device.clock_time  # the clock's time, not the newest record
    march = services.attendance.month(2026, 3, now=T(2026, 3, 10, 9, 0))
    assert march.data_through == through
    days = {d.day: d for d in march.people[0].summary.days}
    wed, thu = dt.date(2026, 3, 4), dt.date(2026, 3, 5)
    assert (days[wed].am.verdict, days[wed].pm.verdict) == (PRESENT, NO_DATA)
    assert (days[thu].am.verdict, days[thu].pm.verdict) == (NO_DATA, NO_DATA)
    assert days[dt.date(2026, 3, 3)].pm.verdict == PRESENT


def test_a_real_usb_export_covers_to_its_newest_record(services: Services) -> None:
    sample = shared_sample("zk-samples/VadimSa_TestRepo_attlog.dat")
    newest = max(r.punched_at for r in parse_attlog_file(sample).records)
    services.imports.import_usb(sample, "")
    assert services.attendance.coverage().through == newest


def test_a_reset_clocks_time_is_not_trusted(services: Services) -> None:
    """A clock whose time is a day or more off (reset to 2000) covers to the PC's time."""
    from zk_simulator import ZkSimulator

    from app.devices.clock_lan import ClockConfig

    services.imports.save_device("DOOR", "127.0.0.1")
    with ZkSimulator(records=[], device_time=T(2000, 1, 1, 0, 5)) as sim:
        outcome, _ = services.imports.sync_config(ClockConfig("127.0.0.1", sim.port, timeout=5),
                                                  "DOOR")
    assert outcome.device is not None and outcome.device.clock_time is not None
    assert outcome.device.clock_time.year == 2000
    assert services.attendance.coverage().through == outcome.device.pc_time
