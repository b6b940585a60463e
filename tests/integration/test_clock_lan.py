"""The LAN clock reader (app.devices.clock_lan) against the 127.0.0.1 clock simulator, which
the unmodified pyzk 0.9 client talks to over TCP and UDP (SPEC D1, ZK-PROTOCOL.md)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import struct
import time
from collections.abc import Callable

import pytest
from clock_helpers import (
    BASE,
    LONG_NAME,
    OUYANG_NANA,
    ZHANG_SAN,
    closed_port,
    config_for,
    sample_records,
    sample_users,
)
from zk import ZK
from zk_simulator import (
    CMD_DISABLEDEVICE,
    CMD_ENABLEDEVICE,
    CORRUPT_TIME,
    SIM_NOW,
    Faults,
    SimRecord,
    SimUser,
    ZkSimulator,
)

from app import strings
from app.clock import FixedClock
from app.devices.clock_lan import (
    AttendanceTableError,
    ClockAuthFailed,
    ClockConfig,
    ClockConnectionLost,
    ClockError,
    ClockProtocolError,
    ClockRecordsChanged,
    ClockTimeout,
    ClockUnreachable,
    clear_attendance,
    decode_time,
    encode_time,
    parse_attendance_table,
    set_clock_time,
)
from app.devices.clock_lan import read_clock as _read_clock
from app.devices.records import ReadResult
from app.errors import AppError, Cancelled
from tests.helpers.errors import raises_invalid

StartClock = Callable[..., ZkSimulator]
CJK = re.compile(r"[\u4e00-\u9fff]")
FAULT_TIMEOUT = 2
# The PC's clock for the reader: the simulator's fixed "now" (tests/integration/zk_simulator.py).
read_clock = functools.partial(_read_clock, clock=FixedClock(SIM_NOW))


def _expected_fields(records: list[SimRecord]) -> list[tuple[str, dt.datetime, int, int]]:
    return [(r.user_id, r.when, r.verify, r.state) for r in records]


def _got_fields(result: ReadResult) -> list[tuple[str, dt.datetime, int | None, int | None]]:
    return [(p.device_user_id, p.punched_at, p.verify_mode, p.in_out_state)
            for p in result.records]


def _assert_user_message(exc: AppError, sim_port: int) -> None:
    """Chinese, names host:port, no traceback or pyzk English."""
    text = str(exc)
    assert CJK.search(text)
    assert f"127.0.0.1:{sim_port}" in text
    assert "Traceback" not in text and "pyzk" not in text


def _disabled_then_enabled(sim: ZkSimulator) -> bool:
    ids = sim.command_ids()
    return (CMD_DISABLEDEVICE in ids and CMD_ENABLEDEVICE in ids
            and ids.index(CMD_DISABLEDEVICE) < len(ids) - 1 - ids[::-1].index(CMD_ENABLEDEVICE)
            and sim.enabled)


# ---- what comes back --------------------------------------------------------------------


@pytest.mark.parametrize("user_format", [28, 72])
def test_chinese_user_names_come_back_right(start_clock: StartClock, transport: str,
                                            user_format: int) -> None:
    users = sample_users()
    if user_format == 72:
        users.append(SimUser(9, "A-0009", LONG_NAME))
    sim = start_clock(users=users, user_format=user_format,
                      record_format=40 if user_format == 72 else 16)
    _result, got, _info = read_clock(config_for(sim, transport))
    assert [(u.uid, u.user_id, u.name, u.privilege) for u in got] == [
        (u.uid, u.user_id, u.name, u.privilege) for u in users]
    assert got[0].name == ZHANG_SAN and got[1].name == OUYANG_NANA


@pytest.mark.parametrize(("record_format", "user_format"), [(8, 28), (16, 28), (40, 72)])
def test_each_record_format_imports_every_record(start_clock: StartClock, transport: str,
                                                 record_format: int, user_format: int) -> None:
    records = sample_records(40)
    sim = start_clock(records=records, record_format=record_format, user_format=user_format)
    result, _users, info = read_clock(config_for(sim, transport))
    assert result.problems == []
    assert result.read == len(records) == info.record_count
    assert _got_fields(result) == _expected_fields(records)
    assert [p.line for p in result.records] == list(range(1, len(records) + 1))
    if record_format == 16:  # only the 16-byte record carries a work code
        assert [p.work_code for p in result.records] == [str(r.work_code) for r in records]
    assert _disabled_then_enabled(sim)


@pytest.mark.parametrize("record_format", [8, 16, 40])
def test_same_punches_as_pyzk_own_parser(start_clock: StartClock, record_format: int) -> None:
    """Cross-check: the unmodified pyzk get_attendance() and our parser agree."""
    sim = start_clock(records=sample_records(25), record_format=record_format,
                      user_format=72 if record_format == 40 else 28)
    client = ZK("127.0.0.1", port=sim.port, timeout=5, ommit_ping=True, encoding="gbk")
    client._ZK__sock.close()  # pyzk's constructor opens a socket it never closes
    client.connect()
    try:
        theirs = [(a.user_id, a.timestamp, a.status, a.punch) for a in client.get_attendance()]
    finally:
        client.disconnect()
    result, _users, _info = read_clock(config_for(sim, "tcp"))
    assert _got_fields(result) == theirs


def test_8_byte_records_map_uids_even_without_users(start_clock: StartClock) -> None:
    sim = start_clock(record_format=8, user_format=28)
    result, users, _info = read_clock(config_for(sim, "tcp"), with_users=False)
    assert users == []
    assert {p.device_user_id for p in result.records} == {"1001", "1002", "2007"}


def test_device_info_and_drift(start_clock: StartClock, transport: str) -> None:
    device_time = SIM_NOW - dt.timedelta(minutes=61)
    sim = start_clock(device_time=device_time, serial="CKJX201960123",
                      firmware="Ver 6.70 Jan 1 2024")
    _result, _users, info = read_clock(config_for(sim, transport))
    assert info.serial == "CKJX201960123"
    assert info.firmware == "Ver 6.70 Jan 1 2024"
    assert info.user_count == 3 and info.record_count == 12
    assert info.drift_seconds is not None
    assert abs(info.drift_seconds + 61 * 60) <= 2


def test_progress_steps_and_transfer(start_clock: StartClock) -> None:
    seen: list[tuple[int, int, str]] = []

    class Recorder:
        def report(self, done: int, total: int, text: str = "") -> None:
            seen.append((done, total, text))

        def cancelled(self) -> bool:
            return False

    sim = start_clock(records=sample_records(3000))
    read_clock(config_for(sim, "tcp"), Recorder())
    dones = [d for d, _t, _x in seen]
    assert dones == sorted(dones)
    assert all(0 <= d <= t for d, t, _x in seen)
    assert seen[-1][0] == seen[-1][1]
    assert seen[0][2] == strings.CLOCK_STEP_CONNECT.format(addr=f"127.0.0.1:{sim.port}")


def test_right_comm_key_is_accepted(start_clock: StartClock, transport: str) -> None:
    sim = start_clock(comm_key=240301)
    result, _users, _info = read_clock(config_for(sim, transport, password=240301))
    assert len(result.records) == 12


# ---- writing to the clock ---------------------------------------------------------------


def test_set_clock_time_changes_the_clock(start_clock: StartClock, transport: str) -> None:
    sim = start_clock(device_time=dt.datetime(2031, 5, 5, 5, 5, 5))
    when = dt.datetime(2026, 11, 29, 21, 30, 15)
    set_clock_time(config_for(sim, transport), when)
    assert abs((sim.device_now() - when).total_seconds()) <= 2
    _result, _users, info = read_clock(config_for(sim, transport))
    assert info.clock_time is not None
    assert abs((info.clock_time - when).total_seconds()) <= 2


def test_set_clock_time_outside_the_clock_range_is_refused() -> None:
    with raises_invalid("when", strings.CLOCK_BAD_TIME):
        set_clock_time(ClockConfig("127.0.0.1", closed_port()), dt.datetime(2100, 1, 1))


def test_clear_attendance_empties_the_log(start_clock: StartClock, transport: str) -> None:
    sim = start_clock()
    clear_attendance(config_for(sim, transport), expected_records=12)
    assert sim.records == []
    result, _users, info = read_clock(config_for(sim, transport))
    assert result.records == [] and result.problems == [] and info.record_count == 0
    assert _disabled_then_enabled(sim)


def test_clear_refuses_when_someone_punched_since_the_import(start_clock: StartClock) -> None:
    sim = start_clock()
    with pytest.raises(ClockRecordsChanged) as err:
        clear_attendance(config_for(sim, "tcp"), expected_records=11)
    _assert_user_message(err.value, sim.port)
    assert len(sim.records) == 12
    assert _disabled_then_enabled(sim)


# ---- damaged data -----------------------------------------------------------------------


@pytest.mark.parametrize(("record_format", "user_format"), [(8, 28), (16, 28), (40, 72)])
def test_corrupt_time_is_one_problem_and_the_rest_imports(
        start_clock: StartClock, transport: str, record_format: int, user_format: int) -> None:
    records = sample_records(30)
    sim = start_clock(records=records, record_format=record_format, user_format=user_format,
                      faults=Faults(corrupt_time_at=frozenset({4})))
    result, _users, _info = read_clock(config_for(sim, transport))
    assert result.read == 30
    assert [p.record for p in result.problems] == [5]
    assert "0x5A5A5A5A" in result.problems[0].reason
    assert "2047-02-30" in result.problems[0].reason
    assert _got_fields(result) == _expected_fields(records[:4] + records[5:])
    assert 5 not in [p.line for p in result.records]


@pytest.mark.parametrize("record_format", [8, 16, 40])
@pytest.mark.parametrize("reported", [18, 23, 10, 8, 4])
def test_count_mismatch_keeps_every_record_and_says_so(
        start_clock: StartClock, record_format: int, reported: int) -> None:
    """pyzk 0.9 would decode 8- and 16-byte records as 40-byte garbage here (§1.8). Counts
    of 10, 8 and 4 divide the data evenly into another record size by accident."""
    records = sample_records(20)
    sim = start_clock(records=records, record_format=record_format,
                      user_format=72 if record_format == 40 else 28,
                      faults=Faults(reported_records=reported))
    result, _users, info = read_clock(config_for(sim, "tcp"))
    assert info.record_count == reported
    assert _got_fields(result) == _expected_fields(records)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.record is None
    assert problem.reason == strings.CLOCK_COUNT_MISMATCH.format(
        reported=reported, actual=20, size=record_format)


def test_corrupt_device_clock_gives_no_clock_time_but_everything_else(
        start_clock: StartClock, transport: str) -> None:
    """pyzk's get_time() raises a bare ValueError for 2047-02-30; the read goes on."""
    sim = start_clock(faults=Faults(corrupt_clock=True))
    result, users, info = read_clock(config_for(sim, transport))
    assert info.clock_time is None and info.drift_seconds is None
    assert len(result.records) == 12 and len(users) == 3
    assert _disabled_then_enabled(sim)


def test_clock_reporting_zero_records_still_gives_its_table(start_clock: StartClock) -> None:
    """pyzk#76: some clocks report 0 records; pyzk then never asks for the table."""
    sim = start_clock(faults=Faults(reported_records=0))
    result, _users, _info = read_clock(config_for(sim, "tcp"))
    assert len(result.records) == 12
    assert len(result.problems) == 1 and result.problems[0].record is None


def test_records_reported_but_no_data_is_a_protocol_error(start_clock: StartClock) -> None:
    sim = start_clock(records=[], faults=Faults(reported_records=5))
    with pytest.raises(ClockProtocolError) as err:
        read_clock(config_for(sim, "tcp"))
    _assert_user_message(err.value, sim.port)
    assert _disabled_then_enabled(sim)


# ---- faults: each ends in its own AppError, in time, with the keypad unlocked ------------


def _timed(fn: Callable[[], object]) -> float:
    start = time.monotonic()
    fn()
    return time.monotonic() - start


def test_no_reply_at_all_times_out(start_clock: StartClock, transport: str) -> None:
    sim = start_clock(faults=Faults(silent=True))
    cfg = config_for(sim, transport, timeout=FAULT_TIMEOUT)
    start = time.monotonic()
    with pytest.raises(ClockTimeout) as err:
        read_clock(cfg)
    assert time.monotonic() - start < FAULT_TIMEOUT + 3
    _assert_user_message(err.value, sim.port)
    assert str(err.value).startswith(strings.CLOCK_TIMEOUT.split("{", 1)[0])


def test_closed_port_over_tcp_is_unreachable_at_once() -> None:
    port = closed_port()
    start = time.monotonic()
    with pytest.raises(ClockUnreachable) as err:
        read_clock(config_for(port, "tcp", timeout=FAULT_TIMEOUT))
    assert time.monotonic() - start < 1
    _assert_user_message(err.value, port)
    assert strings.CLOCK_DETAIL_REFUSED in str(err.value)


def test_closed_port_over_udp_times_out() -> None:
    port = closed_port()
    start = time.monotonic()
    with pytest.raises(ClockTimeout) as err:
        read_clock(config_for(port, "udp", timeout=FAULT_TIMEOUT))
    assert time.monotonic() - start < FAULT_TIMEOUT + 3
    _assert_user_message(err.value, port)


def test_wrong_comm_key_is_rejected(start_clock: StartClock, transport: str) -> None:
    sim = start_clock(comm_key=123456)
    start = time.monotonic()
    with pytest.raises(ClockAuthFailed) as err:
        read_clock(config_for(sim, transport, password=654321, timeout=FAULT_TIMEOUT))
    assert time.monotonic() - start < 1
    assert str(err.value) == strings.CLOCK_AUTH_FAILED.format(addr=f"127.0.0.1:{sim.port}")
    assert isinstance(err.value, ClockError) and err.value.port == sim.port
    assert CMD_DISABLEDEVICE not in sim.command_ids()


def test_missing_comm_key_is_rejected(start_clock: StartClock) -> None:
    sim = start_clock(comm_key=8)
    with pytest.raises(ClockAuthFailed):
        clear_attendance(config_for(sim, "tcp"))
    assert len(sim.records) == 12


def test_connection_dropped_mid_read(start_clock: StartClock, transport: str) -> None:
    sim = start_clock(records=sample_records(3000), faults=Faults(drop_in_attlog=True))
    cfg = config_for(sim, transport, timeout=FAULT_TIMEOUT)
    start = time.monotonic()
    # TCP sees the close at once; over UDP a dropped "connection" is silence.
    expected = ClockConnectionLost if transport == "tcp" else ClockTimeout
    with pytest.raises(expected) as err:
        read_clock(cfg)
    elapsed = time.monotonic() - start
    assert elapsed < FAULT_TIMEOUT + 3
    if transport == "tcp":
        assert elapsed < 1
    else:
        assert str(err.value).startswith(strings.CLOCK_TIMEOUT_READING.split("{", 1)[0])
    _assert_user_message(err.value, sim.port)
    assert _disabled_then_enabled(sim)  # unlocked on a second connection
    result, _users, _info = read_clock(cfg)  # the fault was one-shot: a retry works
    assert len(result.records) == 3000


def test_clock_stops_answering_mid_read(start_clock: StartClock) -> None:
    sim = start_clock(faults=Faults(stall_command=1503))
    start = time.monotonic()
    with pytest.raises(ClockTimeout) as err:
        read_clock(config_for(sim, "tcp", timeout=FAULT_TIMEOUT))
    assert time.monotonic() - start < FAULT_TIMEOUT + 3
    _assert_user_message(err.value, sim.port)
    assert _disabled_then_enabled(sim)


def test_merged_firmware_burst_times_out_instead_of_hanging(start_clock: StartClock) -> None:
    """pyzk 0.9 cannot parse 1008-byte packets that arrive merged (§1.7)."""
    sim = start_clock(framing="burst", records=sample_records(2000))
    start = time.monotonic()
    with pytest.raises(ClockTimeout):
        read_clock(config_for(sim, "tcp", timeout=FAULT_TIMEOUT))
    assert time.monotonic() - start < FAULT_TIMEOUT + 3
    assert _disabled_then_enabled(sim)


@pytest.mark.parametrize("framing", ["firmware", "inline"])
def test_other_tcp_framings_read_right(start_clock: StartClock, framing: str) -> None:
    records = sample_records(1500)
    sim = start_clock(framing=framing, records=records)
    result, _users, _info = read_clock(config_for(sim, "tcp"))
    assert _got_fields(result) == _expected_fields(records)


def test_cancel_during_the_transfer(start_clock: StartClock, transport: str) -> None:
    class CancelAtRecords:
        def __init__(self) -> None:
            self.stop = False

        def report(self, done: int, total: int, text: str = "") -> None:
            if text == strings.CLOCK_STEP_RECORDS:
                self.stop = True

        def cancelled(self) -> bool:
            return self.stop

    sim = start_clock(records=sample_records(5000))
    with pytest.raises(Cancelled):
        read_clock(config_for(sim, transport), CancelAtRecords())
    assert _disabled_then_enabled(sim)


def test_cancel_before_anything_is_sent(start_clock: StartClock) -> None:
    class AlreadyCancelled:
        def report(self, done: int, total: int, text: str = "") -> None:
            return None

        def cancelled(self) -> bool:
            return True

    sim = start_clock()
    with pytest.raises(Cancelled):
        read_clock(config_for(sim, "tcp"), AlreadyCancelled())
    assert sim.command_ids() == []


@pytest.mark.parametrize(("field", "message", "changes"), [
    ("host", strings.CLOCK_BAD_HOST, {"host": " "}),
    ("port", strings.CLOCK_BAD_PORT, {"port": 0}),
    ("timeout", strings.CLOCK_BAD_TIMEOUT, {"timeout": 0}),
    ("password", strings.CLOCK_BAD_PASSWORD, {"password": 1_000_000}),
    ("encoding", strings.CLOCK_BAD_ENCODING.format(encoding="no-such-codec"),
     {"encoding": "no-such-codec"})])
def test_bad_settings_are_rejected_before_any_packet(field: str, message: str,
                                                     changes: dict[str, object]) -> None:
    cfg = ClockConfig(**{"host": "127.0.0.1", "port": closed_port(), **changes})
    with raises_invalid(field, message):
        read_clock(cfg)


# ---- the parser alone -------------------------------------------------------------------


def _table(body: bytes) -> bytes:
    return struct.pack("<I", len(body)) + body


def _rec40(user_id: str, raw: int, verify: int = 1, state: int = 0) -> bytes:
    return struct.pack("<H24sBIB8s", 1, user_id.encode(), verify, raw, state, bytes(8))


def test_packed_time_round_trip_and_the_protocol_vector() -> None:
    when = dt.datetime(2024, 3, 1, 8, 27, 5)
    assert encode_time(when) == 0x2E4C83D9
    assert decode_time(0x2E4C83D9) == (2024, 3, 1, 8, 27, 5)
    assert decode_time(CORRUPT_TIME) == (2047, 2, 30, 19, 13, 30)


def test_parser_flags_future_empty_and_out_of_range_records() -> None:
    now = dt.datetime(2026, 11, 29, 12, 0)
    body = b"".join([
        _rec40("1001", encode_time(BASE)),
        _rec40("1002", encode_time(dt.datetime(2030, 1, 1))),  # after the clock's "now"
        _rec40("", encode_time(BASE)),  # no user id
        bytes(40),  # an all-zero slot
        _rec40("1003", 0xFFFFFFFF),  # year 2133: the encoding cannot hold it
        _rec40("1004", encode_time(BASE), state=255, verify=15),
    ])
    result = parse_attendance_table(_table(body), 6, not_after=now)
    assert result.read == 6
    assert [p.device_user_id for p in result.records] == ["1001", "1004"]
    assert result.records[1].in_out_state == 255 and result.records[1].verify_mode == 15
    assert [p.record for p in result.problems] == [2, 3, 4, 5]


def test_parser_reads_longer_records_by_their_stride() -> None:
    """Firmware with 49-byte records (pyzk#166): the 40-byte layout, stepped by 49."""
    body = b"".join(_rec40(str(1000 + i), encode_time(BASE) + i) + bytes(9) for i in range(7))
    result = parse_attendance_table(_table(body), 7, not_after=dt.datetime(2027, 1, 1))
    assert result.problems == []
    assert [p.device_user_id for p in result.records] == [str(1000 + i) for i in range(7)]


def test_parser_trusts_the_count_for_a_clock_whose_time_was_never_set() -> None:
    """Every punch dated in 2000 looks implausible to the layout check; the count decides."""
    never_set = dt.datetime(2000, 1, 1, 0, 0, 0)
    body = b"".join(struct.pack("<IIBB2sI", 1001 + i, encode_time(never_set) + 3600 * i, 1,
                                0, bytes(2), 0) for i in range(30))
    result = parse_attendance_table(_table(body), 30, not_after=dt.datetime(2026, 11, 30))
    assert result.problems == []
    assert [p.device_user_id for p in result.records] == [str(1001 + i) for i in range(30)]


def test_parser_reports_a_short_table() -> None:
    body = b"".join(_rec40("1001", encode_time(BASE)) for _ in range(3))
    table = struct.pack("<I", 200) + body + b"\x01\x02"
    result = parse_attendance_table(table, 5, not_after=dt.datetime(2027, 1, 1))
    assert len(result.records) == 3
    assert any(p.reason == strings.CLOCK_TABLE_SHORT.format(expected=200, actual=122)
               for p in result.problems)


def test_parser_gives_up_on_data_that_is_no_attendance_table() -> None:
    with pytest.raises(AttendanceTableError):
        parse_attendance_table(_table(bytes(range(256)) * 3), 7,
                               not_after=dt.datetime(2027, 1, 1))
