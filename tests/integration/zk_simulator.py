"""A ZKTeco-style time clock on 127.0.0.1, for tests only (never shipped).

It speaks enough of the ZK protocol for the unmodified pyzk 0.9 client, over TCP and UDP on
the same ephemeral port (facts in ../shared/ZK-PROTOCOL.md §1): connect and comm-key auth,
firmware, options (serial number...), free sizes (counts), get/set time, disable/enable,
users (28- and 72-byte records), attendance (8-, 16- and 40-byte records) through the
buffered read (1503/1504 answered with 1500/1501/2000, chunked), free data, clear attendance,
refresh and exit.

Faults (``Faults``): never answer; a corrupt 0x5A5A5A5A time in a record or in the
clock itself; a record count in the status
that differs from the table; the connection dropped half-way through the attendance table;
one command never answered. Framing of the 1504 answers on TCP: ``single`` (one CMD_DATA,
one send), ``firmware`` (real-firmware bursts of 1008-byte packets, paced), ``burst`` (the
same packets in one send: pyzk 0.9 then waits for its timeout, §1.7), ``inline`` (the whole
table in the answer to 1503).

    with ZkSimulator(users=[SimUser(1, "1001", "...")], records=[...]) as clock:
        ZK("127.0.0.1", port=clock.port, ...)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import socket
import struct
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

# The simulator's idea of the real time: the suite's fixed "now" plus the seconds that have
# really passed, so tests read the same on any date (the readers get FixedClock(SIM_NOW)).
SIM_NOW = dt.datetime(2026, 11, 29, 10, 0)
_T0 = time.monotonic()


def sim_now() -> dt.datetime:
    return SIM_NOW + dt.timedelta(seconds=time.monotonic() - _T0)

HOST = "127.0.0.1"

CMD_DB_RRQ = 7
CMD_USERTEMP_RRQ = 9
CMD_OPTIONS_RRQ = 11
CMD_ATTLOG_RRQ = 13
CMD_CLEAR_ATTLOG = 15
CMD_GET_FREE_SIZES = 50
CMD_GET_TIME = 201
CMD_SET_TIME = 202
CMD_CONNECT = 1000
CMD_EXIT = 1001
CMD_ENABLEDEVICE = 1002
CMD_DISABLEDEVICE = 1003
CMD_REFRESHDATA = 1013
CMD_GET_VERSION = 1100
CMD_AUTH = 1102
CMD_PREPARE_DATA = 1500
CMD_DATA = 1501
CMD_FREE_DATA = 1502
CMD_DATA_WRRQ = 1503
CMD_DATA_RDY = 1504
CMD_ACK_OK = 2000
CMD_ACK_ERROR = 2001
CMD_ACK_UNAUTH = 2005
CMD_ACK_UNKNOWN = 0xFFFF

TCP_MAGIC = struct.pack("<HH", 0x5050, 0x7D82)
FIRMWARE_PACKET = 1008  # data bytes per CMD_DATA packet in real-firmware framing
UDP_PACKET = 1024  # pyzk reads UDP data with recv(1024 + 8)
CORRUPT_TIME = 0x5A5A5A5A  # erased flash; decodes to 2047-02-30 19:13:30

Framing = Literal["single", "firmware", "burst", "inline"]


@dataclass(frozen=True)
class SimUser:
    uid: int  # the clock's internal index
    user_id: str  # the badge number people know; numeric for 28-byte users
    name: str = ""
    privilege: int = 0
    password: str = ""
    card: int = 0


@dataclass(frozen=True)
class SimRecord:
    user_id: str
    when: dt.datetime
    verify: int = 1  # 0 password, 1 finger, 2 card, 15 face
    state: int = 0  # 0 in, 1 out, ... 255 none
    work_code: int = 0
    raw_time: int | None = None  # sent instead of the encoded ``when``


@dataclass
class Faults:
    silent: bool = False  # read everything, answer nothing
    corrupt_time_at: frozenset[int] = frozenset()  # 0-based records sent with 0x5A5A5A5A
    reported_records: int | None = None  # the record count CMD_GET_FREE_SIZES says
    drop_in_attlog: bool = False  # close mid-way through the first attendance chunk (once)
    stall_command: int | None = None  # never answer the first such command (once)
    corrupt_clock: bool = False  # CMD_GET_TIME answers 0x5A5A5A5A (2047-02-30)


def checksum(packet: bytes) -> int:
    """Internet checksum over the packet with its checksum field zero (§1.3)."""
    if len(packet) % 2:
        packet += b"\x00"
    total = sum(w for (w,) in struct.iter_unpack("<H", packet))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def make_commkey(key: int, session_id: int, ticks: int = 50) -> bytes:
    """The scrambled comm key of CMD_AUTH, written from the protocol notes (§1.6)."""
    k = int(f"{key & 0xFFFFFFFF:032b}"[::-1], 2)
    k = (k + session_id) & 0xFFFFFFFF
    b = bytes(x ^ y for x, y in zip(struct.pack("<I", k), b"ZKSO", strict=True))
    b = b[2:4] + b[0:2]
    t = ticks & 0xFF
    return bytes((b[0] ^ t, b[1] ^ t, t, b[3] ^ t))


def encode_time(when: dt.datetime) -> int:
    return (((when.year % 100) * 12 * 31 + (when.month - 1) * 31 + when.day - 1) * 86400
            + (when.hour * 60 + when.minute) * 60 + when.second)


def decode_time(raw: int) -> dt.datetime:
    second, raw = raw % 60, raw // 60
    minute, raw = raw % 60, raw // 60
    hour, raw = raw % 24, raw // 24
    day, raw = raw % 31 + 1, raw // 31
    month, raw = raw % 12 + 1, raw // 12
    return dt.datetime(raw + 2000, month, day, hour, minute, second)


def make_packet(code: int, session: int, reply: int, data: bytes = b"") -> bytes:
    head = struct.pack("<4H", code, 0, session, reply)
    return struct.pack("<4H", code, checksum(head + data), session, reply) + data


def tcp_wrap(packet: bytes) -> bytes:
    return TCP_MAGIC + struct.pack("<I", len(packet)) + packet


@dataclass
class _Session:
    session_id: int
    authed: bool
    buffer: bytes = b""
    buffer_table: int = 0


@dataclass
class _Reply:
    packets: list[bytes] = field(default_factory=list)
    paced: bool = False  # send packet by packet, 1 ms apart (real-firmware framing)
    drop_half: bool = False  # send half of the bytes, then drop the connection
    close: bool = False  # close the connection after sending (EXIT)


class ZkSimulator:
    """The clock. ``start()``/``stop()`` or use it as a context manager."""

    def __init__(self, *, users: Iterable[SimUser] = (), records: Iterable[SimRecord] = (),
                 record_format: int = 40, user_format: int = 72, comm_key: int = 0,
                 device_time: dt.datetime | None = None, serial: str = "SIM0123456789",
                 firmware: str = "Ver 6.60 Apr 28 2017", framing: Framing = "single",
                 faults: Faults | None = None) -> None:
        if record_format not in (8, 16, 40) or user_format not in (28, 72):
            raise ValueError("record_format must be 8/16/40 and user_format 28/72")
        self.users = list(users)
        self.records = list(records)
        self.record_format = record_format
        self.user_format = user_format
        self.comm_key = comm_key
        self.serial = serial
        self.firmware = firmware
        self.framing = framing
        self.faults = faults or Faults()
        self.options = {"~SerialNumber": serial, "~Platform": "ZMM220_TFT",
                        "~DeviceName": "SIM-K40", "MAC": "00:17:61:00:00:01",
                        "~ZKFPVersion": "10"}
        # what the tests look at
        self.commands: list[tuple[str, int]] = []  # (transport, command id) in arrival order
        self.enabled = True
        self.connections = 0  # TCP connections accepted (pyzk's probe included)
        self.port = 0
        self._clock_offset = (device_time - sim_now()) if device_time else dt.timedelta()
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: list[socket.socket] = []
        self._tcp: socket.socket | None = None
        self._udp: socket.socket | None = None
        self._sessions = itertools.count(0x9F39)
        self._drop_done = False
        self._stall_done = False
        self._dead_udp: set[tuple[str, int]] = set()

    # ---- life cycle -------------------------------------------------------------------

    def start(self) -> ZkSimulator:
        for _ in range(20):
            tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            tcp.bind((HOST, 0))
            port = tcp.getsockname()[1]
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                udp.bind((HOST, port))
            except OSError:
                tcp.close()
                udp.close()
                continue
            break
        else:  # pragma: no cover - 20 ports in a row taken for UDP
            raise RuntimeError("no free port for TCP and UDP together")
        tcp.listen(8)
        tcp.settimeout(0.1)
        udp.settimeout(0.1)
        self._tcp, self._udp, self.port = tcp, udp, port
        for target in (self._accept_loop, self._udp_loop):
            t = threading.Thread(target=target, daemon=True, name=f"zksim-{target.__name__}")
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            clients = list(self._clients)
        for c in [s for s in (self._tcp, self._udp) if s is not None] + clients:  # wake them
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
        for t in list(self._threads):
            t.join(timeout=5)
        for s in (self._tcp, self._udp):
            if s is not None:
                s.close()

    def __enter__(self) -> ZkSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- observation helpers ------------------------------------------------------------

    def device_now(self) -> dt.datetime:
        return (sim_now() + self._clock_offset).replace(microsecond=0)

    def command_ids(self) -> list[int]:
        with self._lock:
            return [c for _t, c in self.commands]

    # ---- tables -----------------------------------------------------------------------

    def user_table(self) -> bytes:
        body = bytearray()
        for u in self.users:
            name = u.name.encode("gbk")
            if self.user_format == 28:
                body += struct.pack("<HB5s8sIxBhI", u.uid, u.privilege, u.password.encode(),
                                    name[:8], u.card, 1, 0, int(u.user_id))
            else:
                body += struct.pack("<HB8s24sIx7sx24s", u.uid, u.privilege, u.password.encode(),
                                    name[:24], u.card, b"1", u.user_id.encode())
        return struct.pack("<I", len(body)) + bytes(body)

    def attendance_table(self) -> bytes:
        uid_of = {u.user_id: u.uid for u in self.users}
        body = bytearray()
        for i, r in enumerate(self.records):
            raw = r.raw_time if r.raw_time is not None else encode_time(r.when)
            if i in self.faults.corrupt_time_at:
                raw = CORRUPT_TIME
            if self.record_format == 8:
                uid = uid_of.get(r.user_id, int(r.user_id) if r.user_id.isdigit() else 0)
                body += struct.pack("<HBIB", uid, r.verify, raw, r.state)
            elif self.record_format == 16:
                body += struct.pack("<IIBB2sI", int(r.user_id), raw, r.verify, r.state,
                                    b"\x00\x00", r.work_code)
            else:
                uid = uid_of.get(r.user_id, 0)
                body += struct.pack("<H24sBIB8s", uid, r.user_id.encode(), r.verify, raw,
                                    r.state, b"\x00\x00\x00\x00\xff\x00\x00\x00")
        return struct.pack("<I", len(body)) + bytes(body)

    def _free_sizes(self) -> bytes:
        fields = [0] * 23
        records = (self.faults.reported_records if self.faults.reported_records is not None
                   else len(self.records))
        fields[4], fields[8] = len(self.users), records
        fields[14], fields[15], fields[16] = 3000, 3000, 100000
        fields[17], fields[18], fields[19] = 3000, 3000 - len(self.users), 100000 - records
        return struct.pack("<23i", *fields)

    # ---- the protocol -------------------------------------------------------------------

    def _handle(self, s: _Session, packet: bytes, transport: str) -> _Reply:
        code, _sum, _sid, reply_id = struct.unpack_from("<4H", packet)
        with self._lock:
            self.commands.append((transport, code))
        out = _Reply()

        def ok(payload: bytes = b"", answer: int = CMD_ACK_OK) -> _Reply:
            out.packets.append(make_packet(answer, s.session_id, reply_id, payload))
            return out

        if code == CMD_ACK_OK:  # pyzk's acknowledgement of realtime events: no answer
            return out
        if self.faults.stall_command == code and not self._stall_done:
            self._stall_done = True
            return out
        if code == CMD_CONNECT:
            return ok(answer=CMD_ACK_OK if s.authed else CMD_ACK_UNAUTH)
        if code == CMD_AUTH:
            s.authed = packet[8:12] == make_commkey(self.comm_key, s.session_id)
            return ok(answer=CMD_ACK_OK if s.authed else CMD_ACK_UNAUTH)
        if not s.authed:
            return ok(answer=CMD_ACK_UNAUTH)
        if code == CMD_EXIT:
            out.close = True
            return ok()
        if code == CMD_DATA_RDY:
            return self._send_chunk(s, packet[8:], reply_id, transport, out)
        payload, answer = self._answer(s, code, packet[8:], transport)
        return ok(payload, answer)

    def _answer(self, s: _Session, code: int, data: bytes,
                transport: str) -> tuple[bytes, int]:
        """(payload, reply code) of every single-packet answer."""
        if code in (CMD_ENABLEDEVICE, CMD_DISABLEDEVICE):
            with self._lock:
                self.enabled = code == CMD_ENABLEDEVICE
            return b"", CMD_ACK_OK
        if code == CMD_GET_VERSION:
            return self.firmware.encode() + b"\x00", CMD_ACK_OK
        if code == CMD_OPTIONS_RRQ:
            key = data.split(b"\x00", 1)[0].decode()
            if key not in self.options:
                return b"", CMD_ACK_ERROR
            return f"{key}={self.options[key]}".encode() + b"\x00", CMD_ACK_OK
        if code == CMD_GET_FREE_SIZES:
            return self._free_sizes(), CMD_ACK_OK
        if code == CMD_GET_TIME:
            raw = CORRUPT_TIME if self.faults.corrupt_clock else encode_time(self.device_now())
            return struct.pack("<I", raw), CMD_ACK_OK
        if code == CMD_SET_TIME:
            when = decode_time(struct.unpack_from("<I", data)[0])
            self._clock_offset = when - sim_now()
            return b"", CMD_ACK_OK
        if code == CMD_CLEAR_ATTLOG:
            with self._lock:
                self.records = []
            return b"", CMD_ACK_OK
        if code == CMD_FREE_DATA:
            s.buffer, s.buffer_table = b"", 0
            return b"", CMD_ACK_OK
        if code == CMD_REFRESHDATA:
            return b"", CMD_ACK_OK
        if code == CMD_DATA_WRRQ:
            return self._prepare_buffer(s, data, transport)
        return b"", CMD_ACK_UNKNOWN  # also pyzk's _clear_error() probes

    def _prepare_buffer(self, s: _Session, data: bytes, transport: str) -> tuple[bytes, int]:
        _one, table, _fct, _ext = struct.unpack_from("<bhii", data)
        if table == CMD_USERTEMP_RRQ:
            s.buffer = self.user_table()
        elif table == CMD_ATTLOG_RRQ:
            s.buffer = self.attendance_table()
        else:
            return b"", CMD_ACK_ERROR
        s.buffer_table = table
        if self.framing == "inline" and transport == "tcp":
            return s.buffer, CMD_DATA
        size = len(s.buffer)
        return struct.pack("<BII", 0, size, size) + b"\x00\x00\x00\x00", CMD_ACK_OK

    def _send_chunk(self, s: _Session, data: bytes, reply_id: int, transport: str,
                    out: _Reply) -> _Reply:
        start, size = struct.unpack_from("<ii", data)
        chunk = s.buffer[start:start + size]
        sid = s.session_id
        drop = (self.faults.drop_in_attlog and not self._drop_done
                and s.buffer_table == CMD_ATTLOG_RRQ)
        if drop:
            self._drop_done = True
            out.drop_half = True
        if transport == "udp":
            out.packets.append(make_packet(CMD_PREPARE_DATA, sid, reply_id,
                                           struct.pack("<II", len(chunk), UDP_PACKET)))
            for i in range(0, len(chunk), UDP_PACKET):
                out.packets.append(make_packet(CMD_DATA, sid, reply_id,
                                               chunk[i:i + UDP_PACKET]))
            out.packets.append(make_packet(CMD_ACK_OK, sid, reply_id))
            return out
        if self.framing in ("single", "inline") or drop:
            out.packets.append(make_packet(CMD_DATA, sid, reply_id, chunk))
            return out
        out.packets.append(make_packet(CMD_PREPARE_DATA, sid, reply_id,
                                       struct.pack("<II", len(chunk), FIRMWARE_PACKET)))
        for i in range(0, len(chunk), FIRMWARE_PACKET):
            out.packets.append(make_packet(CMD_DATA, sid, reply_id,
                                           chunk[i:i + FIRMWARE_PACKET]))
        out.packets.append(make_packet(CMD_ACK_OK, sid, reply_id))
        out.paced = self.framing == "firmware"
        return out

    def _new_session(self) -> _Session:
        return _Session(session_id=next(self._sessions) & 0xFFFF, authed=self.comm_key == 0)

    # ---- TCP ----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._tcp is not None
        while not self._stop.is_set():
            try:
                conn, _addr = self._tcp.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._clients.append(conn)
            t = threading.Thread(target=self._serve_tcp, args=(conn,), daemon=True,
                                 name="zksim-tcp-client")
            t.start()
            self._threads.append(t)

    def _recv_exact(self, conn: socket.socket, n: int) -> bytes | None:
        buf = bytearray()
        while len(buf) < n:
            try:
                part = conn.recv(n - len(buf))
            except TimeoutError:
                if self._stop.is_set():
                    return None
                continue
            except OSError:
                return None
            if not part:
                return None
            buf += part
        return bytes(buf)

    def _serve_tcp(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        session = self._new_session()
        try:
            while not self._stop.is_set():
                top = self._recv_exact(conn, 8)
                if top is None or top[:4] != TCP_MAGIC:
                    return
                (length,) = struct.unpack_from("<I", top, 4)
                packet = self._recv_exact(conn, length)
                if packet is None or len(packet) < 8:
                    return
                reply = self._handle(session, packet, "tcp")
                if self.faults.silent or not reply.packets:
                    continue
                wire = [tcp_wrap(p) for p in reply.packets]
                if reply.drop_half:
                    blob = b"".join(wire)
                    conn.sendall(blob[:len(blob) // 2])
                    return
                if reply.paced:
                    for w in wire:
                        conn.sendall(w)
                        time.sleep(0.001)
                else:
                    conn.sendall(b"".join(wire))
                if reply.close:
                    return
        except OSError:
            return
        finally:
            with self._lock:
                if conn in self._clients:
                    self._clients.remove(conn)
            conn.close()

    # ---- UDP ----------------------------------------------------------------------------

    def _udp_loop(self) -> None:
        assert self._udp is not None
        sessions: dict[tuple[str, int], _Session] = {}
        while not self._stop.is_set():
            try:
                packet, addr = self._udp.recvfrom(65535)
            except TimeoutError:
                continue
            except OSError:
                return
            if len(packet) < 8 or addr in self._dead_udp:
                continue
            if struct.unpack_from("<H", packet)[0] == CMD_CONNECT:
                sessions[addr] = self._new_session()
            session = sessions.get(addr)
            if session is None:
                continue
            reply = self._handle(session, packet, "udp")
            if self.faults.silent:
                continue
            packets = reply.packets
            if reply.drop_half:  # a datagram "connection" is dropped by going quiet
                packets = packets[:max(1, len(packets) // 2)]
                self._dead_udp.add(addr)
            for p in packets:
                self._udp.sendto(p, addr)
            if reply.close:
                sessions.pop(addr, None)
