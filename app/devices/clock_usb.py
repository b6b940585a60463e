"""The clock's USB-stick export (``attlog.dat``, ``1_attlog.dat``, ``<SN>_attlog.dat``): a
tolerant, linear parser that turns every line into a raw punch or a reported problem
(SPEC D2, A3; ZK-PROTOCOL §4.1).

Layouts (one punch per line, fields separated by TAB, CRLF or LF):

* 6 fields: ``id  datetime  device  state  verify  workcode`` (ZKTeco SDK
  ``UDisk.SetAttLogToDat``); the id is often right-aligned with spaces (width 9, or 5 on old
  black-and-white clocks), newer firmware writes it unpadded.
* 5 fields: ``id  datetime  device  state  X``. The column after the device number is the
  in/out state as in the 6-field layout. The meaning of the last column is not documented;
  it is 0 on every line of the only sample, which fits the work-code default (0) but not a
  fingerprint clock's verify mode (0 would claim "password" for every punch), so it is kept
  as the work code and the verify mode is left unknown (``None``).
* 5 fields with a name: ``id  name  datetime  device  state`` (an old form, 8-character
  names). The name goes to ``ReadResult.names`` (the latest non-empty one per id; shown
  beside ids not yet mapped to a roster person); verify mode and work code are unknown.

``device`` (the machine number) is checked to be a number but not returned: the import
service knows which clock the file came from.

Rules for a line (the first failing rule is reported, one problem per line):

* Blank lines, and lines of nothing but NUL bytes (erased flash padding), are skipped and
  not counted as read. A line that is *partly* NUL bytes is a corrupt line: a problem.
* The id must be 1-20 ASCII digits after the padding spaces are stripped; leading zeros
  are kept. Flash garbage (``ZZZZZZZZZZ``, control bytes, U+FFFD) fails this rule. (The
  roster accepts letters in a device user id; no sample clock writes them, while letters
  are exactly how flash garbage shows, so they are rejected here.)
* The date and time must be ``YYYY-MM-DD HH:MM:SS``, must exist (``2047-02-30``, the
  erased-flash value 0x5A5A5A5A, does not) and must lie in 2000-2099, the only years the
  clock's packed time format can hold.
* State and verify mode: integers 0-255 (bytes on the clock); work code: a non-negative
  integer, kept as text as written. An empty field is kept as ``None``.
* Year plausibility, decided once the whole file is read: a punch more than one year
  (366 days) after the file's newest *plausible* punch is rejected. The newest plausible
  punch is the newest one that has at least two other distinct punch times in the 31 days
  before it; a lone corrupt record therefore cannot stretch the range, while a clock that
  resumes after a long pause (three punches within a month are enough) is accepted. If no
  punch has such company (a tiny file), the upper median punch time is used instead. Old
  dates (a clock reset to 2000-01-01 after a flat battery) are kept: they are real records.
* Any other line (a wrong field count, a header or a checksum line such as the SDK demo's
  "extended" file has, text of another file) is a problem too.

Duplicate lines are returned as they are (the store dedupes). Text is decoded as UTF-8,
and line by line with a GBK fallback when the file is not valid UTF-8 (names may be
Chinese); a UTF-8 BOM is ignored and a UTF-16 file (with BOM) is decoded as such.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

from app import strings
from app.devices.records import RawPunch, ReadProblem, ReadResult
from app.errors import ImportFileError

MAX_ID_LEN = 20  # the store's device_user_id column
MAX_WORK_CODE_LEN = 20  # the store's work_code column
MIN_YEAR, MAX_YEAR = 2000, 2099  # what the clock's packed time can encode
PLAUSIBLE_AHEAD = dt.timedelta(days=366)
CLUSTER_WINDOW = dt.timedelta(days=31)
CLUSTER_SIZE = 3  # a punch and at least two other distinct times within the window
MAX_FILE_BYTES = 256 * 1024 * 1024  # ~6 million punches; anything bigger is the wrong file
PREVIEW_CHARS = 40
BLOCK_BYTES = 1 << 20  # a streamed file is read a megabyte at a time
MAX_LINE_BYTES = 1 << 20  # a longer line is cut there (it is a problem either way)
_CACHE_LIMIT = 100_000  # distinct ids or tails the fast path remembers
_EPOCH, _SECOND = dt.datetime(2000, 1, 1), dt.timedelta(seconds=1)
TAB_MARK, ELLIPSIS = "\u2192", "\u2026"  # shown for a TAB and for a cut value

_NOT_A_BYTE = -1
_SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


_Rest = tuple[int | None, int | None, str | None]  # in/out state, verify mode, work code


class _Bad(NamedTuple):
    reason: str
    known_layout: bool  # the line had the shape of a known layout (only a value was bad)


@dataclass
class _Parsed:
    result: ReadResult
    known_layout: int = 0  # lines in a known layout, good or bad
    first_unknown: tuple[int, str] | None = None  # (line, preview) of the first other line


def parse_attlog(data: bytes, source: str = "") -> ReadResult:
    """Parse an attlog export; bad lines become problems, never exceptions.

    ``source`` names the data (a file name) for the caller's records; the parser itself
    does not need it. ``read`` counts the non-blank lines (NUL-only runs excluded), and
    ``read == len(records) + len(problems)`` always holds.
    """
    return _parse(data).result


def parse_attlog_file(path: Path) -> ReadResult:
    """Read and parse an attlog file; :class:`ImportFileError` when it cannot be used at
    all: unreadable, empty, a spreadsheet or archive, or not one line in a known layout.

    The whole result is held in memory; the import streams instead (:func:`scan_attlog_file`
    and :func:`read_attlog_blocks`), with the same records and problems."""
    scan = scan_attlog_file(path)
    result = ReadResult(read=scan.read, names=dict(scan.names))
    for records, problems in read_attlog_blocks(scan):
        result.records += records
        result.problems += problems
    return result


@dataclass
class AttlogScan:
    """What a first pass over a file learns, in memory bounded by 8 bytes per punch: the
    counts, the names column, and the plausibility ceiling (punches after it are problems).
    ``times`` holds each well-formed punch's time (seconds since 2000-01-01) in file order."""

    path: Path
    read: int = 0
    problems: int = 0
    names: dict[str, str] = field(default_factory=dict)
    times: array[int] = field(default_factory=lambda: array("q"))
    ceiling: dt.datetime | None = None
    newest_plausible: dt.datetime | None = None
    stamp: tuple[int, int] = (0, 0)  # size and modification time when the pass began


def seconds(when: dt.datetime) -> int:
    """A punch time as the integer ``AttlogScan.times`` holds."""
    return (when - _EPOCH) // _SECOND


def from_seconds(value: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(seconds=value)


def scan_attlog_file(path: Path) -> AttlogScan:
    """The first pass of a streaming read: checks that the file can be used at all
    (:class:`ImportFileError` as :func:`parse_attlog_file`) and finds the plausibility
    ceiling, holding no punch in memory."""
    scan = AttlogScan(path)
    parsed = _Parsed(ReadResult())
    fast = _FastPath()
    records, problems = parsed.result.records, parsed.result.problems
    times, secs = scan.times, seconds
    with _open_attlog(path) as fh:
        scan.stamp = _stamp(fh)
        number = 1
        for lines in _file_blocks(fh):
            _parse_block(lines, number, parsed, fast)
            number += len(lines)
            scan.read += len(records) + len(problems)
            scan.problems += len(problems)
            parsed.known_layout += len(records)
            times.extend([secs(r[1]) for r in records])
            records.clear()
            problems.clear()
            if len(fast.ids) > _CACHE_LIMIT or len(fast.rests) > _CACHE_LIMIT:
                fast.ids.clear()
                fast.rests.clear()
                fast.named_rests.clear()
    if scan.read == 0:
        raise ImportFileError(strings.USB_FILE_EMPTY.format(path=path))
    if parsed.known_layout == 0:
        line, preview = parsed.first_unknown or (1, "")
        raise ImportFileError(strings.USB_FILE_UNKNOWN_LAYOUT.format(
            path=path, line=line, value=preview))
    scan.names = fast.names
    newest = _newest_plausible_seconds(times)
    if newest is not None:
        scan.newest_plausible = from_seconds(newest)
        scan.ceiling = scan.newest_plausible + PLAUSIBLE_AHEAD
    return scan


def read_attlog_blocks(scan: AttlogScan) -> Iterator[tuple[list[RawPunch], list[ReadProblem]]]:
    """The second pass: block by block (about a megabyte of file each), the punches and the
    problems in line order, punches after the plausibility ceiling among the problems."""
    parsed = _Parsed(ReadResult())
    fast = _FastPath()
    records, problems = parsed.result.records, parsed.result.problems
    ceiling = scan.ceiling
    shown_newest = scan.newest_plausible.isoformat(sep=" ") if scan.newest_plausible else ""
    with _open_attlog(scan.path) as fh:
        if _stamp(fh) != scan.stamp:  # replaced or written to since the first pass
            raise ImportFileError(strings.USB_FILE_CHANGED.format(path=scan.path))
        number = 1
        for lines in _file_blocks(fh):
            _parse_block(lines, number, parsed, fast)
            number += len(lines)
            kept, found = records[:], problems[:]
            records.clear()
            problems.clear()
            if ceiling is not None and any(r.punched_at > ceiling for r in kept):
                found += [ReadProblem(strings.USB_YEAR_IMPLAUSIBLE.format(
                    value=r.punched_at.isoformat(sep=" "), newest=shown_newest), line=r.line)
                    for r in kept if r.punched_at > ceiling]
                kept = [r for r in kept if r.punched_at <= ceiling]
                found.sort(key=lambda p: p.line or 0)
            if len(fast.ids) > _CACHE_LIMIT or len(fast.rests) > _CACHE_LIMIT:
                fast.ids.clear()
                fast.rests.clear()
                fast.named_rests.clear()
            yield kept, found


def _stamp(fh: BinaryIO) -> tuple[int, int]:
    st = os.fstat(fh.fileno())
    return st.st_size, st.st_mtime_ns


def _open_attlog(path: Path) -> BinaryIO:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(strings.USB_FILE_TOO_BIG.format(
                path=path, mb=size // (1024 * 1024)))
        fh = path.open("rb")
    except OSError as exc:
        raise ImportFileError(strings.USB_FILE_UNREADABLE.format(
            path=path, err=exc.strerror or exc)) from exc
    if fh.read(8).startswith(_SPREADSHEET_MAGIC):
        fh.close()
        raise ImportFileError(strings.USB_FILE_SPREADSHEET.format(path=path))
    fh.seek(0)
    return fh


def _file_blocks(fh: BinaryIO) -> Iterator[list[str]]:
    """The physical lines of a file as text, a block at a time: exactly the lines
    :func:`_lines` gives for the whole content (the same line ends, decoding and BOM
    handling), except that a line longer than MAX_LINE_BYTES is cut there."""
    try:
        head = fh.read(2)
        fh.seek(0)
        if head in (b"\xff\xfe", b"\xfe\xff"):
            yield from _utf16_blocks(fh)
            return
        sep = b"\n" if _has_byte(fh, b"\n") or not _has_byte(fh, b"\r") else b"\r"
        fh.seek(0)
        if fh.read(3) != b"\xef\xbb\xbf":
            fh.seek(0)
        carry, overlong = b"", False
        while raw := fh.read(BLOCK_BYTES):
            if overlong:  # the rest of a cut line, up to its end
                cut = raw.find(sep)
                if cut < 0:
                    continue
                raw, overlong = raw[cut:], False
            buf = carry + raw if carry else raw
            cut = buf.rfind(sep)
            if cut < 0:
                carry = buf
                if len(carry) > MAX_LINE_BYTES:
                    carry, overlong = carry[:MAX_LINE_BYTES], True
                continue
            carry = buf[cut + 1:]
            if len(carry) > MAX_LINE_BYTES:
                carry, overlong = carry[:MAX_LINE_BYTES], True
            yield _decode_block(buf[:cut], sep)
        yield _decode_block(carry, sep)
    except OSError as exc:
        raise ImportFileError(strings.USB_FILE_UNREADABLE.format(
            path=getattr(fh, "name", ""), err=exc.strerror or exc)) from exc


def _has_byte(fh: BinaryIO, byte: bytes) -> bool:
    fh.seek(0)
    while raw := fh.read(BLOCK_BYTES):
        if byte in raw:
            return True
    return False


def _decode_block(block: bytes, sep: bytes) -> list[str]:
    try:
        return block.decode("utf-8").split(sep.decode("ascii"))
    except UnicodeDecodeError:
        return [_decode_line(raw) for raw in block.split(sep)]


def _utf16_blocks(fh: BinaryIO) -> Iterator[list[str]]:
    def texts() -> Iterator[str]:
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
        while raw := fh.read(BLOCK_BYTES):
            yield decoder.decode(raw)
        yield decoder.decode(b"", final=True)

    has_lf = has_cr = False
    for t in texts():
        has_lf, has_cr = has_lf or "\n" in t, has_cr or "\r" in t
    sep = "\r" if not has_lf and has_cr else "\n"
    carry, first = "", True
    for t in texts():
        if first and t:
            t, first = t.removeprefix("\ufeff"), False
        parts = (carry + t).split(sep)
        carry = parts.pop()
        if len(carry) > MAX_LINE_BYTES:
            carry = carry[:MAX_LINE_BYTES]
        if parts:
            yield parts
    yield [carry]


# ---- decoding -----------------------------------------------------------------------------


def _lines(data: bytes) -> list[str]:
    """The physical lines of ``data`` as text (split on LF only: control bytes such as
    \\x0b or \\x0c inside garbage ids must not start new lines)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        return _split(text.removeprefix("\ufeff"))
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return _split(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    sep = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
    return [_decode_line(raw) for raw in data.split(sep)]


def _split(text: str) -> list[str]:
    if "\n" not in text and "\r" in text:  # classic Mac line ends
        return text.split("\r")
    return text.split("\n")


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gbk")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def _show(value: str) -> str:
    """A value as it may appear in a message: cut to PREVIEW_CHARS, control characters
    escaped, tabs shown as an arrow."""
    cut = len(value) > PREVIEW_CHARS
    value = value[:PREVIEW_CHARS]
    if not value.isprintable():
        value = "".join(c if c.isprintable() else (TAB_MARK if c == "\t" else f"\\x{ord(c):02x}")
                        for c in value)
    return value + ELLIPSIS if cut else value


# ---- one line -----------------------------------------------------------------------------


def _is_datetime_shaped(s: str) -> bool:
    return _exact_datetime_shape(s.strip(" "))


def _parse_datetime(raw: str) -> dt.datetime | str:
    """The punch time, or the reason it is unusable."""
    s = raw.strip(" ")
    if _is_datetime_shaped(s) and s.isascii():
        try:
            when = dt.datetime.fromisoformat(s)
        except ValueError:
            digits = s[0:4] + s[5:7] + s[8:10] + s[11:13] + s[14:16] + s[17:19]
            if digits.isdigit():
                return strings.USB_NO_SUCH_DATETIME.format(value=s)
            return strings.USB_BAD_DATETIME.format(value=_show(s))
        if not MIN_YEAR <= when.year <= MAX_YEAR:
            return strings.USB_YEAR_OUT_OF_RANGE.format(value=s, first=MIN_YEAR, last=MAX_YEAR)
        return when
    return strings.USB_BAD_DATETIME.format(value=_show(s))


def _parse_id(raw: str) -> str | None:
    """The device user id, or ``None`` when it is not one (the caller words the reason)."""
    s = raw.strip(" ")
    if s.isdigit() and s.isascii() and len(s) <= MAX_ID_LEN:
        return s
    return None


def _bad_id(raw: str) -> str:
    s = raw.strip(" ")
    if not s:
        return strings.USB_EMPTY_ID
    if s.isdigit() and s.isascii():
        return strings.USB_ID_TOO_LONG.format(value=_show(s), n=MAX_ID_LEN)
    return strings.USB_BAD_ID.format(value=_show(s))


def _byte(raw: str) -> int | None:
    """0-255 as int, ``None`` for an empty field, ``_NOT_A_BYTE`` for anything else."""
    s = raw.strip(" ")
    if not s:
        return None
    if s.isdigit() and s.isascii() and len(s) <= 3:
        v = int(s)
        if v <= 255:
            return v
    return _NOT_A_BYTE


def _fields(line: str) -> tuple[str, str, str, str, str | None, str | None] | _Bad:
    """(id, datetime, device, state, verify, work code) by layout, or why none fits.

    The field count picks the layout; among 5-field lines, a date-time in the third field
    (and not in the second) marks the name variant.
    """
    f = line.split("\t")
    n = len(f)
    if n == 6:
        return f[0], f[1], f[2], f[3], f[4], f[5]
    if n == 5:
        if _is_datetime_shaped(f[2]) and not _is_datetime_shaped(f[1]):
            return f[0], f[2], f[3], f[4], None, None
        return f[0], f[1], f[2], f[3], None, f[4]
    return _Bad(strings.USB_BAD_FIELD_COUNT.format(n=n, value=_show(line)), False)


def _datetime_ish(raw: str) -> bool:
    """Loosely a date and a time (even a corrupt one such as ``1971--10--29 -23:-59:-53``):
    enough to tell a damaged attlog line from a line of some other file."""
    s = raw.strip(" ")
    return 10 <= len(s) <= 30 and "-" in s and ":" in s and " " in s


def _check_rest(device: str, raw_state: str, raw_verify: str | None,
                raw_code: str | None) -> _Rest | str:
    """(state, verify, work code) from the fields after the date-time, or the reason."""
    device = device.strip(" ")
    if device and not (device.isdigit() and device.isascii()):
        return strings.USB_BAD_DEVICE_NO.format(value=_show(device))
    state = _byte(raw_state)
    if state == _NOT_A_BYTE:
        return strings.USB_BAD_STATE.format(value=_show(raw_state.strip(" ")))
    verify = None if raw_verify is None else _byte(raw_verify)
    if verify == _NOT_A_BYTE:
        return strings.USB_BAD_VERIFY.format(value=_show(str(raw_verify).strip(" ")))
    code = None if raw_code is None else (raw_code.strip(" ") or None)
    if code is not None and not (code.isdigit() and code.isascii()
                                 and len(code) <= MAX_WORK_CODE_LEN):
        return strings.USB_BAD_WORK_CODE.format(value=_show(code))
    return state, verify, code


def _parse_line(line: str, number: int) -> RawPunch | _Bad:
    """Any line, with the exact reason when it is bad (the slow path)."""
    fields = _fields(line)
    if isinstance(fields, _Bad):
        return fields
    raw_id, raw_when, device, raw_state, raw_verify, raw_code = fields
    user_id = _parse_id(raw_id)
    if user_id is None:
        return _Bad(_bad_id(raw_id), _datetime_ish(raw_when))
    when = _parse_datetime(raw_when)
    if isinstance(when, str):
        return _Bad(when, _datetime_ish(raw_when))
    rest = _check_rest(device, raw_state, raw_verify, raw_code)
    if isinstance(rest, str):
        return _Bad(rest, True)
    state, verify, code = rest
    return RawPunch(user_id, when, verify, state, code, number)


def _exact_datetime_shape(w: str) -> bool:
    return (len(w) == 19 and w[4] == "-" and w[7] == "-" and w[10] == " "
            and w[13] == ":" and w[16] == ":")


class _FastPath:
    """Clean lines without per-field work: ids and the fields after the date-time repeat,
    so their checked values are cached. It accepts only lines that ``_parse_line`` accepts,
    with the same values; anything else returns ``None`` and goes the slow path, which
    words the reason.

    It takes a physical line as split, before the blank and NUL checks: a line it accepts
    has a digit id, a well-formed time and digit fields only, so it is neither blank nor
    holds a NUL byte (a name, which may hold anything, is checked for NUL). The caches are
    keyed by the raw text, trailing CR included, so a CRLF file costs nothing more.
    """

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.rests: dict[str, _Rest] = {}  # "device, state[, verify], work code[CR]"
        self.named_rests: dict[str, _Rest] = {}  # "device, state[CR]" of the name variant
        self.names: dict[str, str] = {}  # device user id -> name column (name variant)

    def punch(self, text: str, number: int) -> RawPunch | None:
        parts = text.split("\t", 2)
        if len(parts) != 3:
            return None
        raw_id, w, tail = parts
        user_id = self.ids.get(raw_id)
        if user_id is None:
            user_id = _parse_id(raw_id)
            if user_id is None:
                return None
            self.ids[raw_id] = user_id
        if _exact_datetime_shape(w):
            rest = self.rests.get(tail) or self._rest(tail)
        else:  # the name variant, or a line for the slow path
            w, _, tail = tail.partition("\t")
            if (not _exact_datetime_shape(w) or _is_datetime_shaped(parts[1])
                    or "\x00" in parts[1]):
                return None
            rest = self.named_rests.get(tail) or self._named_rest(tail)
            if rest is not None:
                _note_name(self.names, user_id, parts[1])
        if rest is None:
            return None
        try:
            when = dt.datetime.fromisoformat(w)  # ASCII digits only, naive with this shape
        except ValueError:
            return None
        if not MIN_YEAR <= when.year <= MAX_YEAR:
            return None
        return RawPunch(user_id, when, rest[1], rest[0], rest[2], number)

    def _rest(self, tail: str) -> _Rest | None:
        t = _strip_cr(tail).split("\t")
        if len(t) == 4:
            rest = _check_rest(t[0], t[1], t[2], t[3])
        elif len(t) == 3:
            rest = _check_rest(t[0], t[1], None, t[2])
        else:
            return None
        if isinstance(rest, str):
            return None
        self.rests[tail] = rest
        return rest

    def _named_rest(self, tail: str) -> _Rest | None:
        t = _strip_cr(tail).split("\t")
        if len(t) != 2:
            return None
        rest = _check_rest(t[0], t[1], None, None)
        if isinstance(rest, str):
            return None
        self.named_rests[tail] = rest
        return rest


def _strip_cr(text: str) -> str:
    """A physical line without its line end's CR (one CR only, as the line splitting)."""
    return text[:-1] if text.endswith("\r") else text


# ---- the file -----------------------------------------------------------------------------


def _parse(data: bytes) -> _Parsed:
    parsed = _Parsed(ReadResult())
    fast = _FastPath()
    _parse_block(_lines(data), 1, parsed, fast)
    records = parsed.result.records
    # every line read gave exactly one record or one problem; all records are well-formed
    parsed.result.read = len(records) + len(parsed.result.problems)
    parsed.known_layout += len(records)
    parsed.result.names = fast.names
    _reject_implausible(parsed.result)
    return parsed


def _parse_block(lines: list[str], first: int, parsed: _Parsed, fast: _FastPath) -> None:
    """Lines numbered from ``first``: punches appended to ``parsed.result.records``,
    problems to its ``problems`` (a line gives exactly one or is blank)."""
    records = parsed.result.records
    ids, rests = fast.ids, fast.rests
    add, fromiso, make = records.append, dt.datetime.fromisoformat, tuple.__new__
    for number, text in enumerate(lines, start=first):
        # The common line inline: id and tail already seen (cached as checked), a time of
        # the exact shape (w[4::3] is the five separators); the rest goes the long way.
        parts = text.split("\t", 2)
        if len(parts) == 3:
            raw_id, w, tail = parts
            user_id, rest = ids.get(raw_id), rests.get(tail)
            if (user_id is not None and rest is not None and len(w) == 19
                    and w[4::3] == "-- ::"):
                try:
                    when = fromiso(w)  # ASCII digits only, naive with this shape
                except ValueError:
                    when = None
                if when is not None and MIN_YEAR <= when.year <= MAX_YEAR:
                    # tuple.__new__: the same RawPunch, without its Python-level __new__
                    add(make(RawPunch, (user_id, when, rest[1], rest[0], rest[2], number)))
                    continue
        punch = fast.punch(text, number)
        if punch is not None:
            add(punch)
        else:
            _slow_line(parsed, _strip_cr(text), number)


def _slow_line(parsed: _Parsed, line: str, number: int) -> None:
    """A line the fast path did not take: blank, NUL padding, a punch it does not know,
    or a problem with its reason."""
    if not line or line.isspace():
        return
    problems = parsed.result.problems
    if "\x00" in line:
        if not line.strip("\x00 \t\r"):
            return  # NUL padding of erased flash: not a line
        _note_unknown(parsed, number, line)
        problems.append(ReadProblem(strings.USB_NUL_BYTES.format(
            n=line.count("\x00"), value=_show(line.replace("\x00", ""))), line=number))
        return
    outcome = _parse_line(line, number)
    if isinstance(outcome, RawPunch):
        parsed.result.records.append(outcome)
        f = line.split("\t")
        if len(f) == 5 and _is_datetime_shaped(f[2]) and not _is_datetime_shaped(f[1]):
            _note_name(parsed.result.names, outcome.device_user_id, f[1])
        return
    if outcome.known_layout:
        parsed.known_layout += 1
    else:
        _note_unknown(parsed, number, line)
    problems.append(ReadProblem(outcome.reason, line=number))


def _note_name(names: dict[str, str], user_id: str, raw: str) -> None:
    name = raw.strip(" \x00")
    if name and name.isprintable():
        names[user_id] = name


def _note_unknown(parsed: _Parsed, number: int, line: str) -> None:
    if parsed.first_unknown is None:
        parsed.first_unknown = (number, _show(line))


def _newest_plausible(times: list[dt.datetime]) -> dt.datetime:
    """The newest time with at least CLUSTER_SIZE - 1 other times in the CLUSTER_WINDOW
    before it (``times`` sorted, distinct); the upper median when none has."""
    k = CLUSTER_SIZE - 1
    for i in range(len(times) - 1, k - 1, -1):
        if times[i] - times[i - k] <= CLUSTER_WINDOW:
            return times[i]
    return times[len(times) // 2]


def _newest_plausible_seconds(times: array[int]) -> int | None:
    """The newest plausible punch time of a streamed file (as :func:`_reject_implausible`
    finds it), or ``None`` when the newest punch has company (nothing is implausible).

    Only the three newest distinct times of each day are kept: a day with three has its
    newest time plausible by itself, and in a day with fewer they are all its times, so the
    two distinct times before any candidate are always among those kept.
    """
    if not times:
        return None
    tops: dict[int, list[int]] = {}
    for t in times:
        day = t // 86400
        top = tops.get(day)
        if top is None:
            tops[day] = [t]
        elif t not in top:
            if len(top) < CLUSTER_SIZE:
                top.append(t)
                top.sort()
            elif t > top[0]:
                top[0] = t
                top.sort()
    kept = sorted(t for top in tops.values() for t in top)
    window = CLUSTER_WINDOW // _SECOND
    k = CLUSTER_SIZE - 1
    if len(kept) > k and kept[-1] - kept[-1 - k] <= window:
        return None  # the newest punch has company
    newest = next((kept[i] for i in range(len(kept) - 1, k - 1, -1)
                   if kept[i] - kept[i - k] <= window), kept[len(kept) // 2])
    ahead = PLAUSIBLE_AHEAD // _SECOND
    return None if kept[-1] <= newest + ahead else newest


def _reject_implausible(result: ReadResult) -> None:
    """Move punches far after the file's plausible range from records to problems."""
    if not result.records:
        return
    distinct = {r.punched_at for r in result.records}
    latest = max(distinct)
    since = latest - CLUSTER_WINDOW
    if sum(1 for t in distinct if t >= since) >= CLUSTER_SIZE:
        return  # the newest punch has company: nothing lies beyond the plausible range
    times = sorted(distinct)
    newest = _newest_plausible(times)
    ceiling = newest + PLAUSIBLE_AHEAD
    if latest <= ceiling:
        return
    kept: list[RawPunch] = []
    shown_newest = newest.isoformat(sep=" ")
    for r in result.records:
        if r.punched_at <= ceiling:
            kept.append(r)
        else:
            result.problems.append(ReadProblem(strings.USB_YEAR_IMPLAUSIBLE.format(
                value=r.punched_at.isoformat(sep=" "), newest=shown_newest), line=r.line))
    result.records[:] = kept
    result.problems.sort(key=lambda p: p.line or 0)
