"""Read a ZKTeco-style (ZK protocol) time clock over the LAN with pyzk 0.9 (SPEC D1).

pyzk does the talking. This module adds what pyzk lacks for unattended use
(facts in ZK-PROTOCOL.md):

- Every wait is bounded. pyzk's TCP probe waits a fixed 10 s and its real connect ignores
  errors (a closed port shows up later as "Broken pipe"); here the connect uses the configured
  timeout and reports refusals at once. pyzk 0.9 spins forever when the clock closes the TCP
  connection in the middle of a table (``recv() == b""`` in its raw-data loop); here a closed
  connection ends the read at once.
- Progress and cancel during the table download: the socket itself reports bytes and checks
  ``progress.cancelled()`` before every receive.
- Its own linear, tolerant parser of the attendance table (8-, 16- and 40-byte records).
  pyzk's is quadratic (§1.12) and aborts the whole read on one corrupt time such as
  0x5A5A5A5A (§1.9); here a bad record becomes a ``ReadProblem`` and the others are kept.
- The keypad is locked (``disable_device``) while the tables are read and is always unlocked
  again, on a fresh connection if the first one broke.
- Every pyzk or socket failure becomes a ``ClockError`` with a Chinese message that names
  host:port and says what to check.

The subclass of pyzk's ``ZK`` below overrides its private socket set-up
(``_ZK__create_socket``); pyzk is pinned to 0.9.x and the integration tests run the real
client against a simulator, so a change there is noticed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import socket
import struct
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from zk import ZK
from zk.base import ZK_helper
from zk.exception import ZKError, ZKErrorResponse, ZKNetworkError

from app import strings
from app.clock import Clock
from app.devices.records import ClockUser, DeviceInfo, RawPunch, ReadProblem, ReadResult
from app.errors import AppError, Cancelled, ValidationError

if TYPE_CHECKING:
    from app.progress import Progress

log = logging.getLogger(__name__)

T = TypeVar("T")

CMD_ATTLOG_RRQ = 13  # table id of the attendance log inside the buffered read (1503)
MAX_COMM_KEY = 999_999  # what the clocks' menus accept
CLEANUP_TIMEOUT = 3  # seconds for the extra connection that only unlocks the keypad

_STEPS = 5  # progress: connect, info, users, records, parse -> done


# ---- configuration and errors -----------------------------------------------------------


@dataclass(frozen=True)
class ClockConfig:
    """How to reach one clock (SPEC D1). ``password`` is the comm key (numeric), 0 = none."""

    host: str
    port: int = 4370
    password: int = 0
    udp: bool = False
    timeout: int = 10
    encoding: str = "gbk"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def protocol(self) -> str:
        return "UDP" if self.udp else "TCP"


class ClockError(AppError):
    """Something went wrong talking to a clock; ``host``/``port`` say which one."""

    def __init__(self, message: str, host: str = "", port: int = 0) -> None:
        super().__init__(message)
        self.host = host
        self.port = port


class ClockUnreachable(ClockError):
    """No connection at all: refused, unknown host, no route."""


class ClockTimeout(ClockError):
    """The clock did not answer within the configured timeout."""


class ClockAuthFailed(ClockError):
    """The clock rejected the comm key (ACK_UNAUTH)."""


class ClockProtocolError(ClockError):
    """The clock answered something that cannot be understood."""


class ClockConnectionLost(ClockError):
    """The connection was open and then closed by the clock or the network mid-way."""


class ClockCommandFailed(ClockError):
    """The clock understood the command and answered with an error."""


class ClockRecordsChanged(ClockError):
    """``clear_attendance`` found a different number of records than was imported."""


def _unreachable(cfg: ClockConfig, detail: str) -> ClockUnreachable:
    return ClockUnreachable(strings.CLOCK_UNREACHABLE.format(addr=cfg.address, detail=detail),
                            cfg.host, cfg.port)


def _timed_out(cfg: ClockConfig, connected: bool = False) -> ClockTimeout:
    # Once it has answered, a timeout means a slow or stuck transfer, not a wrong address.
    text = strings.CLOCK_TIMEOUT_READING if connected else strings.CLOCK_TIMEOUT
    hint = strings.CLOCK_TIMEOUT_HINT_UDP if cfg.udp else strings.CLOCK_TIMEOUT_HINT_TCP
    return ClockTimeout(text.format(addr=cfg.address, timeout=cfg.timeout,
                                    protocol=cfg.protocol, hint=hint), cfg.host, cfg.port)


def _auth_failed(cfg: ClockConfig) -> ClockAuthFailed:
    return ClockAuthFailed(strings.CLOCK_AUTH_FAILED.format(addr=cfg.address), cfg.host, cfg.port)


def _protocol(cfg: ClockConfig, detail: str) -> ClockProtocolError:
    return ClockProtocolError(strings.CLOCK_PROTOCOL.format(addr=cfg.address, detail=detail),
                              cfg.host, cfg.port)


def _lost(cfg: ClockConfig) -> ClockConnectionLost:
    return ClockConnectionLost(strings.CLOCK_CONNECTION_LOST.format(addr=cfg.address),
                               cfg.host, cfg.port)


def _command_failed(cfg: ClockConfig, action: str) -> ClockCommandFailed:
    return ClockCommandFailed(strings.CLOCK_COMMAND_FAILED.format(addr=cfg.address,
                                                                  action=action),
                              cfg.host, cfg.port)


def check_config(cfg: ClockConfig) -> None:
    """Reject settings that cannot work before any packet is sent."""
    if not cfg.host.strip():
        raise ValidationError(strings.CLOCK_BAD_HOST, "host")
    if not 1 <= cfg.port <= 65535:
        raise ValidationError(strings.CLOCK_BAD_PORT, "port")
    if not 1 <= cfg.timeout <= 300:
        raise ValidationError(strings.CLOCK_BAD_TIMEOUT, "timeout")
    if not 0 <= cfg.password <= MAX_COMM_KEY:
        raise ValidationError(strings.CLOCK_BAD_PASSWORD, "password")
    try:
        codecs.lookup(cfg.encoding)
    except LookupError:
        raise ValidationError(strings.CLOCK_BAD_ENCODING.format(encoding=cfg.encoding),
                              "encoding") from None


# ---- the guarded socket -----------------------------------------------------------------


class _PeerClosed(ConnectionError):
    """The clock closed the TCP connection (recv returned nothing)."""


class _CancelRequested(Exception):
    """The user asked to cancel while a receive was about to start."""


class _Watch:
    """Per-call state shared with the guarded socket: cancel requests and transfer progress."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.cancel_seen = False
        self.transfer_step: int | None = None  # set while a table downloads
        self.received = 0
        self._last_report = 0.0

    def start_transfer(self, step: int) -> None:
        self.transfer_step = step
        self.received = 0
        self._last_report = 0.0

    def before_recv(self) -> None:
        if self.progress is not None and self.progress.cancelled():
            self.cancel_seen = True
            raise _CancelRequested

    def after_recv(self, n: int) -> None:
        if self.transfer_step is None or self.progress is None:
            return
        self.received += n
        now = time.monotonic()
        if now - self._last_report >= 0.1:
            self._last_report = now
            self.progress.report(self.transfer_step, _STEPS, strings.CLOCK_STEP_RECORDS_BYTES
                                 .format(kb=self.received // 1024))


class _GuardedSocket(socket.socket):
    """A socket that turns "peer closed" into an error and lets the user cancel."""

    watch: _Watch
    stream: bool

    def recv(self, bufsize: int, flags: int = 0, /) -> bytes:
        self.watch.before_recv()
        data = super().recv(bufsize, flags)
        if not data and bufsize > 0 and self.stream:
            raise _PeerClosed("connection closed by the clock")
        self.watch.after_recv(len(data))
        return data


class _NoProbe(ZK_helper):  # type: ignore[misc]  # pyzk ships no type hints
    """pyzk's TCP probe waits a fixed 10 s; the real connect below reports failures itself."""

    def test_tcp(self) -> int:
        return 0


class _Client(ZK):  # type: ignore[misc]  # pyzk ships no type hints
    """pyzk's client with a bounded, guarded socket (see the module docstring)."""

    def __init__(self, cfg: ClockConfig, watch: _Watch, timeout: float) -> None:
        super().__init__(cfg.host, port=cfg.port, timeout=timeout, password=cfg.password,
                         force_udp=cfg.udp, ommit_ping=True, encoding=cfg.encoding)
        self.helper = _NoProbe(cfg.host, cfg.port)
        self._watch = watch
        self._timeout_s = timeout
        self._target = (cfg.host, cfg.port)

    def _ZK__create_socket(self) -> None:  # noqa: N802 -- overrides pyzk's private hook
        self.close_socket()  # pyzk's constructor opened a UDP socket it never closes
        sock = _GuardedSocket(socket.AF_INET,
                              socket.SOCK_STREAM if self.tcp else socket.SOCK_DGRAM)
        sock.watch = self._watch
        sock.stream = bool(self.tcp)
        sock.settimeout(self._timeout_s)
        if self.tcp:
            try:
                sock.connect(self._target)
            except BaseException:
                sock.close()
                raise
        self._ZK__sock = sock

    def close_socket(self) -> None:
        sock = getattr(self, "_ZK__sock", None)
        if sock is not None:
            sock.close()


# ---- one session with the clock ---------------------------------------------------------

_PYZK_DETAILS = (  # pyzk's English texts -> what to tell the user
    ("Invalid response", strings.CLOCK_DETAIL_CONNECT),
    ("TCP packet invalid", strings.CLOCK_DETAIL_PACKET),
    ("can't read chunk", strings.CLOCK_DETAIL_CHUNK),
    ("RWB Not supported", strings.CLOCK_DETAIL_BUFFER),
)


def _pyzk_detail(exc: BaseException) -> str:
    text = str(exc)
    for needle, detail in _PYZK_DETAILS:
        if needle in text:
            return detail
    return strings.CLOCK_DETAIL_UNKNOWN


def _map_network(root: BaseException, cfg: ClockConfig,
                 connected: bool) -> ClockError | None:
    """Socket-level causes, whether pyzk wrapped them in ZKNetworkError or not."""
    if isinstance(root, _PeerClosed | ConnectionResetError | BrokenPipeError
                  | ConnectionAbortedError):
        return _lost(cfg)
    if isinstance(root, TimeoutError):
        return _timed_out(cfg, connected)
    if isinstance(root, ConnectionRefusedError):
        return _unreachable(cfg, strings.CLOCK_DETAIL_REFUSED)
    if isinstance(root, socket.gaierror):
        return _unreachable(cfg, strings.CLOCK_DETAIL_BAD_HOST)
    if isinstance(root, OSError):
        return _unreachable(cfg, strings.CLOCK_DETAIL_OS.format(err=root.strerror or root))
    return None


def map_error(exc: BaseException, cfg: ClockConfig, action: str | None = None,
              connected: bool = False) -> AppError | None:
    """The AppError to show for a pyzk or socket failure, or None if it is a bug of ours."""
    if isinstance(exc, AppError):
        return exc
    root = exc.__context__ if isinstance(exc, ZKNetworkError) and exc.__context__ else exc
    if isinstance(root, _CancelRequested):
        return Cancelled(strings.CANCELLED)
    mapped = _map_network(root, cfg, connected)
    if mapped is not None:
        return mapped
    if isinstance(exc, ZKErrorResponse):
        if "Unauthenticated" in str(exc):
            return _auth_failed(cfg)
        if action is not None:
            return _command_failed(cfg, action)
        return _protocol(cfg, _pyzk_detail(exc))
    if isinstance(root, ZKError | struct.error | ValueError | IndexError | TypeError):
        return _protocol(cfg, _pyzk_detail(exc))
    return None


def _stream_still_usable(exc: BaseException) -> bool:
    """After a clean error answer, or a complete answer pyzk could not decode (a corrupt
    device time, a serial number that is not UTF-8), the byte stream is still in step; after
    a network failure, a garbled packet or a failed chunk it is not."""
    if isinstance(exc, ZKErrorResponse):
        return "chunk" not in str(exc)
    return isinstance(exc, ValueError)


class _Session:
    """One connection: maps errors, remembers whether the keypad was locked, cleans up."""

    def __init__(self, cfg: ClockConfig, progress: Progress | None,
                 timeout: float | None = None) -> None:
        self.cfg = cfg
        self.watch = _Watch(progress)
        self.client = _Client(cfg, self.watch, cfg.timeout if timeout is None else timeout)
        self.connected = False
        self.disable_sent = False
        self.stream_ok = True

    def call(self, fn: Callable[..., T], *args: Any, action: str | None = None) -> T:
        """Run one pyzk call; every failure leaves as an AppError (or as a bug)."""
        try:
            return fn(*args)
        except AppError:
            raise
        except Exception as exc:
            if not _stream_still_usable(exc):
                self.stream_ok = False
            mapped = map_error(exc, self.cfg, action, self.connected)
            if self.watch.cancel_seen:
                mapped = Cancelled(strings.CANCELLED)
            if mapped is None:
                raise
            log.info("clock %s: %r -> %s", self.cfg.address, exc, type(mapped).__name__)
            if isinstance(mapped, Cancelled):
                self.stream_ok = False
            raise mapped from exc

    def optional(self, fn: Callable[[], T]) -> T | None:
        """A read the clock may not support: an error answer or garbage gives None."""
        try:
            return self.call(fn)
        except (ClockCommandFailed, ClockProtocolError):
            if not self.stream_ok:
                raise
            return None

    def open(self) -> None:
        self.call(self.client.connect)
        self.connected = True

    def disable(self) -> None:
        self.disable_sent = True  # even an unanswered disable may have locked the keypad
        self.call(self.client.disable_device)

    def check_cancel(self) -> None:
        progress = self.watch.progress
        if progress is not None and progress.cancelled():
            raise Cancelled(strings.CANCELLED)

    def close(self) -> bool:
        """Unlock the keypad if it was locked, say goodbye, close. True if unlocked (or never
        locked)."""
        unlocked = not self.disable_sent
        if self.disable_sent and self.stream_ok and self.connected:
            unlocked = _quietly(self.client.enable_device)
        if self.connected and self.stream_ok:
            _quietly(self.client.disconnect)
        self.client.close_socket()
        if not unlocked:
            unlocked = _unlock_on_new_connection(self.cfg)
        return unlocked


def _quietly(fn: Callable[[], object]) -> bool:
    try:
        fn()
    except Exception as exc:  # cleanup must never hide the real outcome
        log.info("clock cleanup step failed: %r", exc)
        return False
    return True


def _unlock_on_new_connection(cfg: ClockConfig) -> bool:
    """The first connection broke while the keypad was locked: unlock it on a new one."""
    s = _Session(cfg, None, timeout=min(cfg.timeout, CLEANUP_TIMEOUT))
    try:
        s.open()
        s.call(s.client.enable_device)
    except Exception as exc:  # cleanup must never replace the error being reported
        log.warning("clock %s: could not unlock the keypad: %r", cfg.address, exc)
        return False
    finally:
        if s.connected and s.stream_ok:
            _quietly(s.client.disconnect)
        s.client.close_socket()
    return True


def _run(cfg: ClockConfig, progress: Progress | None,
         body: Callable[[_Session], T]) -> tuple[T, bool]:
    """Run ``body`` in a session; returns its value and whether the keypad is unlocked."""
    check_config(cfg)
    session = _Session(cfg, progress)
    try:
        out = body(session)
    except AppError as exc:
        if not session.close():
            exc.message = f"{exc.message}\n{strings.CLOCK_STILL_DISABLED}"
        raise
    except BaseException:
        session.close()
        raise
    return out, session.close()


# ---- public API -------------------------------------------------------------------------


def read_clock(cfg: ClockConfig, progress: Progress | None = None,
               with_users: bool = True, *, clock: Clock,
               ) -> tuple[ReadResult, list[ClockUser], DeviceInfo]:
    """Read device info, users and every attendance record (SPEC D1, A3).

    Records come back exactly as stored; a record that cannot be used (corrupt time, empty
    user id) is a ``ReadProblem`` with its 1-based ``record`` number, and a count that does
    not match the data is a problem without a record number. Only clear the clock
    (``clear_attendance``) after an import with no problems whose record count matches
    ``DeviceInfo.record_count``.
    """
    (result, users, info), unlocked = _run(
        cfg, progress, lambda s: _read_all(s, progress, with_users, clock))
    if not unlocked:
        result.problems.append(ReadProblem(reason=strings.CLOCK_STILL_DISABLED))
    return result, users, info


def set_clock_time(cfg: ClockConfig, when: dt.datetime) -> None:
    """Set the clock's time (naive local time; an aware time is converted to local).

    Never called implicitly: changing a clock's time is the user's decision (ZK-PROTOCOL §3).
    """
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    if not 2000 <= when.year <= 2099:
        raise ValidationError(strings.CLOCK_BAD_TIME, "when")

    def body(s: _Session) -> None:
        s.open()
        s.call(s.client.set_time, when, action=strings.CLOCK_ACTION_SET_TIME)

    _run(cfg, None, body)


def clear_attendance(cfg: ClockConfig, expected_records: int | None = None) -> None:
    """Erase the clock's attendance log; the caller has committed and verified the import.

    With ``expected_records`` (the count the verified import saw) the keypad is locked first
    and nothing is erased if the clock now holds a different number: someone punched in
    between, and that punch would be lost.
    """

    def body(s: _Session) -> None:
        s.open()
        s.disable()
        if expected_records is not None:
            s.call(s.client.read_sizes)
            actual = int(s.client.records)
            if actual != expected_records:
                raise ClockRecordsChanged(strings.CLOCK_RECORDS_CHANGED.format(
                    addr=cfg.address, expected=expected_records, actual=actual),
                    cfg.host, cfg.port)
        s.call(s.client.clear_attendance, action=strings.CLOCK_ACTION_CLEAR)

    _, unlocked = _run(cfg, None, body)
    if not unlocked:
        log.warning("clock %s: log cleared but the keypad may still be locked", cfg.address)


def _report(progress: Progress | None, step: int, text: str) -> None:
    if progress is not None:
        progress.report(step, _STEPS, text)


def _to_clock_user(user: Any) -> ClockUser:
    """A user as pyzk decoded it; a name or id with flash garbage (NUL padding, control
    bytes) keeps only its printable characters."""
    return ClockUser(uid=int(user.uid), user_id=_printable(str(user.user_id)),
                     name=_printable(str(user.name)), privilege=int(user.privilege))


def _printable(text: str) -> str:
    text = text.split("\x00", 1)[0]
    return text if text.isprintable() else "".join(c for c in text if c.isprintable()).strip()


def _read_all(s: _Session, progress: Progress | None, with_users: bool,
              clock: Clock) -> tuple[ReadResult, list[ClockUser], DeviceInfo]:
    cfg, client = s.cfg, s.client
    _report(progress, 0, strings.CLOCK_STEP_CONNECT.format(addr=cfg.address))
    s.check_cancel()
    s.open()
    _report(progress, 1, strings.CLOCK_STEP_INFO)
    serial = s.optional(client.get_serialnumber) or ""
    firmware = s.optional(client.get_firmware_version) or ""
    clock_time = s.optional(client.get_time)
    pc_time = clock.now()
    s.check_cancel()
    s.disable()  # no punch may land between the count and the table (ZK-PROTOCOL §1.8)
    s.call(client.read_sizes)
    user_count, record_count = int(client.users), int(client.records)
    users: list[ClockUser] = []
    if with_users:
        _report(progress, 2, strings.CLOCK_STEP_USERS)
        users = [_to_clock_user(u) for u in s.call(client.get_users)]
    s.check_cancel()
    _report(progress, 3, strings.CLOCK_STEP_RECORDS)
    s.watch.start_transfer(3)
    table = _read_table(s, record_count)
    s.watch.transfer_step = None
    s.check_cancel()
    _report(progress, 4, strings.CLOCK_STEP_PARSE)
    not_after = max(clock_time or pc_time, pc_time) + dt.timedelta(days=1)
    try:
        layout, _stride, _ = attendance_layout(table, record_count, not_after)
        if layout == 8 and not with_users and user_count:
            users_8 = [_to_clock_user(u) for u in s.call(client.get_users)]
        else:
            users_8 = users
        result = parse_attendance_table(
            table, record_count, user_ids_by_uid={u.uid: u.user_id for u in users_8},
            encoding=cfg.encoding, not_after=not_after)
    except AttendanceTableError as exc:
        raise _protocol(cfg, exc.detail) from exc
    _report(progress, _STEPS, strings.CLOCK_STEP_DONE.format(n=len(result.records)))
    info = DeviceInfo(serial=serial, firmware=firmware, clock_time=clock_time, pc_time=pc_time,
                      user_count=user_count, record_count=record_count)
    return result, users, info


def _read_table(s: _Session, record_count: int) -> bytes:
    """The attendance table through pyzk's buffered read (1503/1504/1502)."""
    try:
        table, _size = s.call(s.client.read_with_buffer, CMD_ATTLOG_RRQ)
    except (ClockProtocolError, ClockCommandFailed):
        # A clock that reports 0 records may refuse the table (pyzk#76): nothing to read.
        if record_count == 0 and s.stream_ok:
            return b""
        raise
    return bytes(table)


# ---- the attendance table ---------------------------------------------------------------


class AttendanceTableError(ValueError):
    """The table cannot be read at all; ``detail`` says why (Chinese)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


_REC8 = struct.Struct("<HBIB")  # uid, verify, time, state
_REC16 = struct.Struct("<IIBB2sI")  # user_id, time, verify, state, reserved, work code
_REC40 = struct.Struct("<H24sBIB8s")  # uid, user_id text, verify, time, state, reserved
_STATES = frozenset({0, 1, 2, 3, 4, 5, 255})
_SAMPLE = 400  # records looked at when the record size has to be inferred
_PLAUSIBLE_YEARS = 20


def decode_time(raw: int) -> tuple[int, int, int, int, int, int]:
    """The clock's packed time: 31-day months, 372-day years from 2000 (ZK-PROTOCOL §1.9)."""
    second, raw = raw % 60, raw // 60
    minute, raw = raw % 60, raw // 60
    hour, raw = raw % 24, raw // 24
    day, raw = raw % 31 + 1, raw // 31
    month, raw = raw % 12 + 1, raw // 12
    return raw + 2000, month, day, hour, minute, second


def encode_time(when: dt.datetime) -> int:
    return (((when.year % 100) * 12 * 31 + (when.month - 1) * 31 + when.day - 1) * 86400
            + (when.hour * 60 + when.minute) * 60 + when.second)


def _time_or_reason(raw: int, not_after: dt.datetime | None) -> dt.datetime | str:
    parts = decode_time(raw)
    text = "{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}".format(*parts)
    if parts[0] > 2099:
        return strings.CLOCK_REC_BAD_YEAR.format(raw=raw, text=text)
    try:
        when = dt.datetime(*parts)
    except ValueError:
        return strings.CLOCK_REC_BAD_TIME.format(raw=raw, text=text)
    if not_after is not None and when > not_after:
        return strings.CLOCK_REC_FUTURE.format(text=text)
    return when


def _text_id(raw: bytes, encoding: str) -> str:
    text = raw.split(b"\x00", 1)[0].decode(encoding, errors="replace").strip()
    return text if text.isprintable() else ""


def _fields(layout: int, data: bytes, off: int, ids: Mapping[int, str],
            encoding: str) -> tuple[str, int, int, int, str | None]:
    """(user id, packed time, verify mode, in/out state, work code) of one record."""
    if layout == 8:
        uid, verify, raw, state = _REC8.unpack_from(data, off)
        return ids.get(uid, str(uid)), raw, verify, state, None
    if layout == 16:
        user, raw, verify, state, _res, work = _REC16.unpack_from(data, off)
        return str(user), raw, verify, state, str(work)
    _uid, text, verify, raw, state, _res = _REC40.unpack_from(data, off)
    return _text_id(text, encoding), raw, verify, state, None


def _plausible_share(data: bytes, layout: int, stride: int,
                     window: tuple[dt.datetime, dt.datetime]) -> float:
    """Share of sampled records that look real when read with this layout and stride."""
    n = len(data) // stride
    if n == 0:
        return 0.0
    step = max(1, n // _SAMPLE)
    good = total = 0
    for i in range(0, n, step):
        total += 1
        user, raw, verify, state, _work = _fields(layout, data, i * stride, {}, "latin-1")
        when = _time_or_reason(raw, None)
        if (isinstance(when, dt.datetime) and window[0] <= when <= window[1]
                and state in _STATES and verify < 64 and user not in ("", "0")):
            good += 1
    return good / total


def _layout_by_count(n_bytes: int, reported_count: int) -> tuple[int, int] | None:
    """(layout, stride) from size / count, as pyzk decides it (and pyzk master for > 40)."""
    if reported_count <= 0 or n_bytes % reported_count:
        return None
    stride = n_bytes // reported_count
    if stride in (8, 16):
        return stride, stride
    if stride >= 40:
        return 40, stride
    return None


def attendance_layout(table: bytes, reported_count: int,
                      not_after: dt.datetime) -> tuple[int, int, list[ReadProblem]]:
    """(record layout 8/16/40, stride in bytes, problems) of an attendance table.

    The layout is size / count as pyzk does it; records of more than 40 bytes are read with
    the 40-byte layout and their own stride (pyzk#166). The data has the last word: when the
    count does not fit the data (ZK-PROTOCOL §1.8: pyzk then decodes 8- and 16-byte records
    as 40-byte garbage), or fits only by accident while another layout clearly does not
    yield garbage, the layout whose records look real wins and the mismatch is reported.
    """
    if len(table) < 4:
        if reported_count > 0:
            raise AttendanceTableError(strings.CLOCK_TABLE_EMPTY.format(n=reported_count))
        return 40, 40, []
    body = _table_body(table)
    n_bytes = len(body)
    if n_bytes == 0 and reported_count > 0:
        raise AttendanceTableError(strings.CLOCK_TABLE_EMPTY.format(n=reported_count))
    if n_bytes == 0:
        return 40, 40, []
    window = (not_after - dt.timedelta(days=366 * _PLAUSIBLE_YEARS), not_after)
    by_count = _layout_by_count(n_bytes, reported_count)
    share = 0.0
    if by_count is not None:
        share = _plausible_share(body, *by_count, window)
        if share >= 0.8 and by_count[1] <= 40:
            return by_count[0], by_count[1], []
    scores = {size: _plausible_share(body, size, size, window)
              for size in (40, 16, 8) if n_bytes >= size}
    if not scores:  # shorter than the smallest record: nothing in it can be read
        raise AttendanceTableError(strings.CLOCK_TABLE_UNKNOWN.format(
            size=n_bytes, n=reported_count))
    best_share, _whole, layout = max((v, n_bytes % k == 0, k) for k, v in scores.items())
    if by_count is not None:
        # Longer records (pyzk#166) read fine by their own stride, unless the table is really
        # 40-byte records and the count is off. And when nothing reads better (a clock whose
        # time was never set dates everything in 2000), the count is all there is.
        longer = by_count[1] > 40 and share >= 0.5 and scores.get(40, 0.0) < 0.8
        if longer or best_share < 0.8:
            return by_count[0], by_count[1], []
    if best_share < 0.8:
        raise AttendanceTableError(strings.CLOCK_TABLE_UNKNOWN.format(
            size=n_bytes, n=reported_count))
    problem = ReadProblem(reason=strings.CLOCK_COUNT_MISMATCH.format(
        reported=reported_count, actual=n_bytes // layout, size=layout))
    return layout, layout, [problem]


def _table_body(table: bytes) -> bytes:
    (total,) = struct.unpack_from("<I", table, 0)
    return table[4:4 + total]


def parse_attendance_table(table: bytes, reported_count: int, *,
                           user_ids_by_uid: Mapping[int, str] | None = None,
                           encoding: str = "gbk",
                           not_after: dt.datetime) -> ReadResult:
    """Parse the table of ``read_with_buffer(13)``: a u32 byte count, then fixed records.

    Linear, and tolerant: a record whose time is not a real date (0x5A5A5A5A from erased
    flash is 2047-02-30) or lies after ``not_after``, or whose user id is empty, becomes a
    ``ReadProblem`` and the rest are kept. 8-byte records carry the internal uid only; it is
    mapped through ``user_ids_by_uid`` (pyzk falls back to the uid as text, and so does this).
    """
    limit = not_after
    layout, stride, problems = attendance_layout(table, reported_count, limit)
    result = ReadResult(problems=problems)
    if len(table) < 4:
        return result
    body = _table_body(table)
    (total,) = struct.unpack_from("<I", table, 0)
    if len(body) < total:
        result.problems.append(ReadProblem(reason=strings.CLOCK_TABLE_SHORT.format(
            expected=total, actual=len(body))))
    count = len(body) // stride
    if len(body) % stride:
        result.problems.append(ReadProblem(reason=strings.CLOCK_TABLE_TAIL.format(
            n=len(body) % stride)))
    result.read = count
    rows = _rows(layout, stride, body, count, user_ids_by_uid or {}, encoding)
    days = _DayCache()
    punches, bad = result.records, result.problems
    for i, (user, raw, verify, state, work) in enumerate(rows, start=1):
        ymd = days.get(raw // 86400)
        if ymd is None:
            bad.append(_bad_time(i, user, raw, limit))
            continue
        secs = raw % 86400
        when = dt.datetime(ymd[0], ymd[1], ymd[2], secs // 3600, secs // 60 % 60, secs % 60)
        if when > limit:
            bad.append(_bad_time(i, user, raw, limit))
        elif not user:
            bad.append(ReadProblem(reason=strings.CLOCK_REC_NO_USER, record=i))
        else:
            punches.append(RawPunch(device_user_id=user, punched_at=when, verify_mode=verify,
                                    in_out_state=state, work_code=work, line=i))
    return result


Row = tuple[str, int, int, int, str | None]  # user id, packed time, verify, state, work code


def _rows(layout: int, stride: int, body: bytes, count: int, ids: Mapping[int, str],
          encoding: str) -> Iterator[Row]:
    """The records' fields, one linear pass (``iter_unpack`` when records are packed)."""
    shape = {8: _REC8, 16: _REC16, 40: _REC40}[layout]
    if stride == shape.size:
        raw_rows: Iterator[tuple[Any, ...]] = shape.iter_unpack(body[:count * stride])
    else:
        raw_rows = (shape.unpack_from(body, i * stride) for i in range(count))
    if layout == 8:
        for uid, verify, raw, state in raw_rows:
            yield ids.get(uid) or str(uid), raw, verify, state, None
    elif layout == 16:
        for user, raw, verify, state, _res, work in raw_rows:
            yield str(user), raw, verify, state, str(work)
    else:
        names: dict[bytes, str] = {}
        for _uid, text, verify, raw, state, _res in raw_rows:
            user = names.get(text)
            if user is None:
                user = names[text] = _text_id(text, encoding)
            yield user, raw, verify, state, None


class _DayCache:
    """(year, month, day) of a packed day number, or None if no such day; decoded once."""

    def __init__(self) -> None:
        self._days: dict[int, tuple[int, int, int] | None] = {}

    def get(self, day_number: int) -> tuple[int, int, int] | None:
        try:
            return self._days[day_number]
        except KeyError:
            pass
        year, month, day = decode_time(day_number * 86400)[:3]
        ymd: tuple[int, int, int] | None = (year, month, day)
        try:
            dt.date(year, month, day)
        except ValueError:
            ymd = None
        if year > 2099:
            ymd = None
        self._days[day_number] = ymd
        return ymd


def _bad_time(record: int, user: str, raw: int, limit: dt.datetime) -> ReadProblem:
    reason = _time_or_reason(raw, limit)
    assert isinstance(reason, str)
    return ReadProblem(reason=strings.CLOCK_REC_PROBLEM.format(user=user or "?", reason=reason),
                       record=record)
