"""Clock imports (SPEC D1–D5): devices, USB files and LAN syncs as recorded, idempotent
batches; reverting a batch; device user ids that no roster person has yet.

Nothing is written until a whole read has succeeded, so a failed sync leaves no partial
batch; a batch is one transaction.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from app import strings
from app.devices.records import ClockUser, DeviceInfo, RawPunch, ReadProblem, ReadResult
from app.domain.inputs import clean_text
from app.errors import NotFoundError, ValidationError
from app.progress import NullProgress, Progress
from app.security.guard import writes
from app.services.changes import ATTENDANCE, Changes
from app.services.project import current_project_id, ensure_project, owned
from app.services.punches import BatchResult, PunchService
from app.storage.db import Database
from app.storage.tables import Person
from app.storage.tables_attendance import ClockUserRow, Device, ImportBatch, Punch

if TYPE_CHECKING:
    from app.devices.clock_usb import AttlogScan


@dataclass(frozen=True)
class DeviceDTO:
    id: int
    name: str
    host: str
    port: int
    comm_key: int
    protocol: str
    timeout: int
    encoding: str
    serial: str
    firmware: str
    last_sync_at: dt.datetime | None


@dataclass(frozen=True)
class BatchDTO:
    id: int
    kind: str
    source: str
    device: str
    started_at: dt.datetime
    read: int
    new: int
    duplicate: int
    rejected: int
    problems: tuple[dict[str, Any], ...]
    reverted_at: dt.datetime | None
    reverted_by: str | None
    revert_reason: str | None


@dataclass(frozen=True)
class UnmappedId:
    device_user_id: str
    punches: int
    first: dt.datetime
    last: dt.datetime
    clock_name: str


@dataclass(frozen=True)
class ImportOutcome:
    batch: BatchResult
    problems: tuple[ReadProblem, ...]
    unmapped: tuple[str, ...]
    device: DeviceInfo | None = None
    users: tuple[ClockUser, ...] = field(default_factory=tuple)
    held_back: HeldBack | None = None
    problems_more: int = 0  # problems beyond the MAX_PROBLEMS listed

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "batch_id": self.batch.batch_id, "read": self.batch.read, "new": self.batch.new,
            "duplicate": self.batch.duplicate, "rejected": self.batch.rejected,
            "problems": [_problem_json(p) for p in self.problems],
            "problems_more": self.problems_more,
            "unmapped_user_ids": list(self.unmapped),
            "held_back": self.held_back.as_json() if self.held_back else None,
        }
        if self.device is not None:
            out["device"] = {"serial": self.device.serial, "firmware": self.device.firmware,
                             "clock_drift_seconds": self.device.drift_seconds}
        return out


# ---- implausible punch times (issue 14) ------------------------------------------------------
EARLIEST_PLAUSIBLE = dt.datetime(2010, 1, 1)
AHEAD_TOLERANCE = dt.timedelta(days=1)  # the clock may run a little ahead of the PC
DISCARD, SHIFT = "discarded", "shifted"


@dataclass(frozen=True)
class HeldBack:
    """Punches whose time cannot be real: before 2010 (a clock reset to 2000-01-01 after a
    flat battery) or after the import time (a wrong year). They are never stored as they
    are: shifted by ``offset_days`` when the user chose so, else discarded."""

    records: tuple[RawPunch, ...]
    offset_days: int | None
    action: str = DISCARD
    # a streamed file keeps no records: its count and first and last time instead
    total: int | None = None
    span: tuple[dt.datetime, dt.datetime] | None = None

    @property
    def count(self) -> int:
        return len(self.records) if self.total is None else self.total

    @property
    def first(self) -> dt.datetime:
        return self.span[0] if self.span else min(r.punched_at for r in self.records)

    @property
    def last(self) -> dt.datetime:
        return self.span[1] if self.span else max(r.punched_at for r in self.records)

    def shifted(self, when: dt.datetime) -> dt.datetime:
        return when + dt.timedelta(days=self.offset_days or 0)

    def as_json(self) -> dict[str, Any]:
        return {"count": self.count, "first": self.first.isoformat(),
                "last": self.last.isoformat(), "offset_days": self.offset_days,
                "action": self.action}

    def describe(self) -> str:
        """One line for the result and the question (Chinese)."""
        return strings.IMP_HELD_BACK.format(n=self.count, first=_minute(self.first),
                                            last=_minute(self.last))

    def describe_offset(self) -> str:
        if self.offset_days is None:
            return strings.IMP_HELD_BACK_NO_OFFSET
        return strings.IMP_HELD_BACK_OFFSET.format(
            days=self.offset_days, first=_minute(self.shifted(self.first)),
            last=_minute(self.shifted(self.last)))

    def describe_action(self) -> str:
        if self.action == SHIFT:
            return strings.IMP_HELD_BACK_SHIFTED.format(days=self.offset_days, n=self.count)
        return strings.IMP_HELD_BACK_DISCARDED.format(n=self.count)


def _minute(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def is_implausible(when: dt.datetime, now: dt.datetime) -> bool:
    return when < EARLIEST_PLAUSIBLE or when > now + AHEAD_TOLERANCE


def _with_year(when: dt.datetime, year: int) -> dt.datetime:
    try:
        return when.replace(year=year)
    except ValueError:  # 29 February in a common year
        return when.replace(year=year, day=28)


def detect_offset(records: list[RawPunch], held: list[RawPunch], now: dt.datetime
                  ) -> int | None:
    """Whole days that map the held-back punches to plausible times, or ``None``.

    Only one block is ever shifted: the held-back punches must be consecutive in the file
    (or the LAN read's record order), with no plausible punch between them -- a file where
    the clock went wrong several times (e.g. reset to 2000-01-01 again and again) offers no
    offset, only discarding. The shifted block must fit between the plausible punches just
    before and just after it (without one before, the year before the import; without one
    after, the import time).

    1. A wrong year: every held-back punch has the same year; the offset moves the block to
       the latest year it fits in -- a clock set to 2036 instead of 2026 counts its days
       correctly, so one offset fits every punch.
    2. A clock reset at the end of the file (every held-back punch before 2010): the clock
       counted on from its reset until the file was taken, so its newest punch is taken to
       be on the import day.
    """
    if not held:
        return None
    order = sorted(records, key=lambda r: r.line if r.line is not None else 0)
    wanted = {id(r) for r in held}
    positions = [i for i, r in enumerate(order) if id(r) in wanted]
    lo, hi = positions[0], positions[-1]
    if hi - lo + 1 != len(held):
        return None  # plausible punches in between: more than one block
    floor = order[lo - 1].punched_at if lo > 0 else None
    ceiling = order[hi + 1].punched_at if hi + 1 < len(order) else None
    times = [r.punched_at for r in held]
    return _offset_for(min(times), max(times), len({t.year for t in times}) == 1,
                       floor, ceiling, now)


def _offset_for(first: dt.datetime, newest: dt.datetime, one_year: bool,
                floor: dt.datetime | None, ceiling: dt.datetime | None, now: dt.datetime
                ) -> int | None:
    """:func:`detect_offset` for one block of held-back punches: their first and newest
    time, whether they share one year, and the plausible punches just before and just after
    the block (``None``: none)."""
    at_end = ceiling is None
    floor = floor if floor is not None else now - dt.timedelta(days=366)
    ceiling = ceiling if ceiling is not None else now + AHEAD_TOLERANCE
    candidates: list[int] = []
    if one_year:
        candidates += [(_with_year(newest, y) - newest).days
                       for y in range(min(now.year, ceiling.year), floor.year - 1, -1)]
    if newest < EARLIEST_PLAUSIBLE and at_end:
        candidates.append((now.date() - newest.date()).days)
    for days in candidates:
        delta = dt.timedelta(days=days)
        if floor < first + delta and newest + delta <= ceiling:
            return days
    return None


def held_back_in_scan(scan: AttlogScan, now: dt.datetime) -> tuple[HeldBack | None, int]:
    """:func:`hold_back` for a streamed file, from its first pass: what is held back (as a
    discard; the caller picks the action) and how many punches remain plausible."""
    from app.devices.clock_usb import from_seconds, seconds

    limit = seconds(scan.ceiling) if scan.ceiling is not None else None
    early, late = seconds(EARLIEST_PLAUSIBLE), seconds(now + AHEAD_TOLERANCE)
    n = kept = 0
    lo = hi = -1
    first = newest = 0
    years: set[int] = set()
    floor: int | None = None
    prev: int | None = None  # the newest plausible punch so far
    after: int | None = None  # the first plausible punch after the latest held-back one
    index = 0  # among the punches within the plausibility ceiling, in file order
    for t in scan.times:
        if limit is not None and t > limit:
            continue
        if t < early or t > late:
            if n == 0:
                lo, first, newest, floor = index, t, t, prev
            n += 1
            hi = index
            first, newest = min(first, t), max(newest, t)
            if len(years) < 2:
                years.add(from_seconds(t).year)
            after = None
        else:
            kept += 1
            prev = t
            if n and after is None:
                after = t
        index += 1
    if not n:
        return None, kept
    offset = None
    if hi - lo + 1 == n:  # one block: the plausible punch after it is the first after hi
        offset = _offset_for(from_seconds(first), from_seconds(newest), len(years) == 1,
                             None if floor is None else from_seconds(floor),
                             None if after is None else from_seconds(after), now)
    return HeldBack((), offset, DISCARD, n,
                    (from_seconds(first), from_seconds(newest))), kept


def hold_back(result: ReadResult, now: dt.datetime, shift: bool = False, by_line: bool = True
              ) -> tuple[ReadResult, HeldBack | None]:
    """Take implausible punches out of ``result``: shifted back into it (``shift`` and an
    offset was found) or reported as problems (discarded). ``result`` is not changed."""
    held = [r for r in result.records if is_implausible(r.punched_at, now)]
    if not held:
        return result, None
    kept = [r for r in result.records if not is_implausible(r.punched_at, now)]
    offset = detect_offset(result.records, held, now)
    if shift and offset is not None:
        info = HeldBack(tuple(held), offset, SHIFT)
        moved = [r._replace(punched_at=info.shifted(r.punched_at)) for r in held]
        return ReadResult(kept + moved, list(result.problems), result.read,
                          dict(result.names)), info
    info = HeldBack(tuple(held), offset, DISCARD)
    problems = list(result.problems) + [
        ReadProblem(strings.IMP_HELD_BACK_REASON.format(value=r.punched_at.isoformat(sep=" ")),
                    line=r.line if by_line else None, record=None if by_line else r.line)
        for r in held]
    problems.sort(key=lambda p: p.line or p.record or 0)
    return ReadResult(kept, problems, result.read, dict(result.names)), info


MAX_PROBLEMS = 1000  # problems kept per read (batch, audit, UI); the rest are counted


class ProblemList:
    """The first MAX_PROBLEMS problems of a read and a count of the rest."""

    def __init__(self, cap: int = MAX_PROBLEMS) -> None:
        self.cap, self.items, self.more = cap, list[ReadProblem](), 0

    @property
    def total(self) -> int:
        return len(self.items) + self.more

    def extend(self, problems: list[ReadProblem]) -> None:
        room = self.cap - len(self.items)
        self.items += problems[:max(room, 0)]
        self.more += max(len(problems) - max(room, 0), 0)

    def as_json(self) -> list[dict[str, Any]]:
        out = [_problem_json(p) for p in self.items]
        if self.more:
            out.append({"more": self.more,
                        "reason": strings.IMP_PROBLEMS_MORE.format(n=self.more)})
        return out


def _apply_held(records: list[RawPunch], found: list[ReadProblem], held: HeldBack,
                now: dt.datetime) -> tuple[list[RawPunch], list[ReadProblem]]:
    """A block's punches with the held-back ones shifted, or moved to its problems."""
    if not any(is_implausible(r.punched_at, now) for r in records):
        return records, found
    rows: list[RawPunch] = []
    found = list(found)
    for r in records:
        if not is_implausible(r.punched_at, now):
            rows.append(r)
        elif held.action == SHIFT:
            rows.append(r._replace(punched_at=held.shifted(r.punched_at)))
        else:
            found.append(ReadProblem(strings.IMP_HELD_BACK_REASON.format(
                value=r.punched_at.isoformat(sep=" ")), line=r.line))
    found.sort(key=lambda p: p.line or 0)
    return rows, found


def _problem_json(p: ReadProblem) -> dict[str, Any]:
    key = {"line": p.line} if p.line is not None else {"record": p.record}
    return {**key, "reason": p.reason}


def _device_dto(d: Device) -> DeviceDTO:
    return DeviceDTO(d.id, d.name, d.host, d.port, d.comm_key, d.protocol, d.timeout,
                     d.encoding, d.serial, d.firmware, d.last_sync_at)


class ImportService:
    def __init__(self, db: Database, actor: str | None, *, punches: PunchService) -> None:
        self.db, self.actor = db, actor
        self.punches = punches

    # ---- devices -------------------------------------------------------------------------
    def devices(self) -> list[DeviceDTO]:
        with self.db.read() as s:
            return [_device_dto(d) for d in s.scalars(
                select(Device).where(Device.project_id == current_project_id(s))
                .order_by(Device.name))]

    def device(self, name: str) -> DeviceDTO:
        for d in self.devices():
            if d.name == name:
                return d
        raise NotFoundError(strings.DEVICE_NOT_FOUND.format(name=name))

    @writes
    def save_device(self, name: str, host: str = "", port: int = 4370, comm_key: int = 0,
                    protocol: str = "tcp", timeout: int = 10, encoding: str = "gbk",
                    device_id: int | None = None) -> tuple[DeviceDTO, Changes]:
        name = clean_text(name, "name", strings.INPUT_LABEL_DEVICE_NAME)
        host = clean_text(host, "host", strings.INPUT_LABEL_DEVICE_HOST)
        if not name:
            raise ValidationError(strings.DEVICE_NAME_REQUIRED, "name")
        if not 1 <= port <= 65535:
            raise ValidationError(strings.DEVICE_BAD_PORT.format(value=port), "port")
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            clash = s.scalars(select(Device).where(
                Device.project_id == current_project_id(s), Device.name == name,
                Device.id != (device_id or -1))).first()
            if clash:
                raise ValidationError(strings.DEVICE_EXISTS.format(name=name), "name")
            row = owned(s, Device, device_id) if device_id else None
            if row is None:
                row = Device(project_id=current_project_id(s), name=name)
                s.add(row)
            row.name, row.host, row.port, row.comm_key = name, host.strip(), port, comm_key
            row.protocol, row.timeout, row.encoding = protocol, timeout, encoding or "gbk"
            s.flush()
            return _device_dto(row), ATTENDANCE

    # ---- USB -----------------------------------------------------------------------------
    @writes
    def import_usb(self, path: Path, device: str = "", progress: Progress | None = None,
                   shift_implausible: bool = False) -> tuple[ImportOutcome, Changes]:
        """Import a clock's USB export; ``device`` names the clock the file came from.
        Implausible punch times are discarded with a warning, or shifted by the detected
        offset with ``shift_implausible`` (:func:`hold_back`).

        The file is streamed twice (the first pass finds the implausible punches, the
        second stores the rest in one transaction, a block at a time): memory stays flat in
        the file's size, and only the first MAX_PROBLEMS problems are kept."""
        from app.devices.clock_usb import read_attlog_blocks, scan_attlog_file

        progress = progress or NullProgress()
        if device:
            self.device(device)  # must exist: punch identity includes the device
        progress.report(0, 2, path.name)
        now = self.db.clock.now()
        with _collector_paused():
            scan = scan_attlog_file(path)
            progress.report(1, 2, path.name)
            held, _ = held_back_in_scan(scan, now)
            if held is not None and shift_implausible and held.offset_days is not None:
                held = replace(held, action=SHIFT)
            problems = ProblemList()
            users: set[str] = set()

            def chunks() -> Iterator[list[RawPunch]]:
                for records, found in read_attlog_blocks(scan):
                    rows = records
                    if held is not None:
                        rows, found = _apply_held(records, found, held, now)
                    problems.extend(found)
                    users.update(map(_DEVICE_USER_ID, rows))
                    yield rows

            def finish() -> tuple[int, int, list[dict[str, Any]]]:
                return scan.read, problems.total, problems.as_json()

            batch, changes = self.punches.record_stream(
                "usb", str(path), device, chunks(), finish)  # type: ignore[arg-type]
        file_users = _file_users(ReadResult(names=scan.names))
        if file_users:
            self._remember_clock(device, None, file_users)
        progress.report(2, 2, "")
        unmapped = self._unmapped_ids(users)
        outcome = ImportOutcome(batch, tuple(problems.items), tuple(sorted(unmapped, key=_key)),
                                None, tuple(file_users), held, problems_more=problems.more)
        return outcome, changes

    def check_usb(self, path: Path) -> tuple[HeldBack | None, int]:
        """What :meth:`import_usb` would hold back, and how many punches are plausible:
        read before importing, so the user can choose to shift or discard."""
        from app.devices.clock_usb import scan_attlog_file

        with _collector_paused():
            scan = scan_attlog_file(path)
        return held_back_in_scan(scan, self.db.clock.now())

    def usb_device_choices(self) -> list[str]:
        """The clocks a USB file may have come from; more than one means the user must say
        which (the CLI's ``--device``, the GUI's choice dialog)."""
        return [d.name for d in self.devices()]

    # ---- LAN -----------------------------------------------------------------------------
    @writes
    def sync(self, name: str, progress: Progress | None = None, clear_after: bool = False,
             shift_implausible: bool = False) -> tuple[ImportOutcome, Changes]:
        """Read a configured clock over the LAN and store what it holds; implausible punch
        times are held back like a USB file's (:func:`hold_back`): discarded, or shifted by
        the detected offset with ``shift_implausible``. Reading again with the shift stores
        only the shifted punches (the rest are duplicates by then)."""
        from app.devices.clock_lan import ClockConfig

        d = self.device(name)
        if not d.host:
            raise ValidationError(strings.DEVICE_NO_HOST.format(name=name), "host")
        cfg = ClockConfig(host=d.host, port=d.port, password=d.comm_key,
                          udp=d.protocol == "udp", timeout=d.timeout, encoding=d.encoding)
        return self.sync_config(cfg, d.name, progress, clear_after, shift_implausible)

    @writes
    def sync_config(self, cfg: Any, device: str, progress: Progress | None = None,
                    clear_after: bool = False, shift_implausible: bool = False,
                    ) -> tuple[ImportOutcome, Changes]:
        from app.devices.clock_lan import clear_attendance, read_clock

        progress = progress or NullProgress()
        result, users, info = read_clock(cfg, progress, clock=self.db.clock)
        result, held = hold_back(result, self.db.clock.now(), shift_implausible, by_line=False)
        outcome, changes = self._store("lan", f"{cfg.host}:{cfg.port}", device, result,
                                       progress, info, users, held=held)
        if clear_after:
            # Only a clean, complete, committed import may be followed by erasing the clock.
            found = self._count_stored(device, result)
            complete = info.record_count in (None, len(result.records))
            if found != len(result.records) or result.problems or not complete:
                raise ValidationError(strings.CLEAR_NOT_VERIFIED.format(
                    read=len(result.records), found=found))
            # the clock refuses to clear if it now holds more than was verified
            clear_attendance(cfg, expected_records=len(result.records))
        return outcome, changes

    @writes
    def set_clock_time(self, name: str, when: dt.datetime | None = None) -> None:
        from app.devices.clock_lan import ClockConfig, set_clock_time

        d = self.device(name)
        cfg = ClockConfig(host=d.host, port=d.port, password=d.comm_key,
                          udp=d.protocol == "udp", timeout=d.timeout, encoding=d.encoding)
        set_clock_time(cfg, when or self.db.clock.now())

    # ---- shared --------------------------------------------------------------------------
    def _store(self, kind: str, source: str, device: str, result: ReadResult,
               progress: Progress, info: DeviceInfo | None = None,
               users: list[ClockUser] | None = None, held: HeldBack | None = None
               ) -> tuple[ImportOutcome, Changes]:
        rows = result.records  # RawPunch carries every PunchRow field
        capped = ProblemList()
        capped.extend(result.problems)
        problems = capped.as_json()
        # a LAN read holds everything up to the clock's time of the read (the PC's, when the
        # clock's is missing or a day or more off: a reset clock); a file (default) up to its
        # newest record
        covered = None
        if info is not None:
            clock_time = info.clock_time
            plausible = clock_time is not None and abs(clock_time - info.pc_time) < _A_DAY
            covered = clock_time if plausible else info.pc_time
        batch, changes = self.punches.record_batch(kind, source, device, rows,  # type: ignore[arg-type]
                                                   read=result.read,
                                                   rejected=len(result.problems),
                                                   problems=problems, covered_until=covered)
        if info is not None or users:
            self._remember_clock(device, info, users or [])
        progress.report(2, 2, "")
        unmapped = self._unmapped_ids(set(map(_DEVICE_USER_ID, result.records)))
        outcome = ImportOutcome(batch, tuple(capped.items), tuple(sorted(unmapped, key=_key)),
                                info, tuple(users or ()), held, problems_more=capped.more)
        return outcome, changes

    def _remember_clock(self, device: str, info: DeviceInfo | None,
                        users: list[ClockUser]) -> None:
        now = self.db.clock.now()
        with self.db.transaction(self.actor) as s:
            if info is not None and device:
                row = s.scalars(select(Device).where(Device.project_id == current_project_id(s),
                                                     Device.name == device)).first()
                if row is not None:
                    row.serial, row.firmware, row.last_sync_at = info.serial, info.firmware, now
            known = {u.user_id: u for u in s.scalars(select(ClockUserRow).where(
                ClockUserRow.project_id == current_project_id(s), ClockUserRow.device == device))}
            for u in users:
                row_u = known.get(u.user_id)
                if row_u is None:
                    s.add(ClockUserRow(project_id=current_project_id(s), device=device,
                                       user_id=u.user_id,
                                       name=u.name, uid=u.uid, seen_at=now))
                else:
                    row_u.name, row_u.uid, row_u.seen_at = u.name, u.uid, now
            s.flush()

    def _count_stored(self, device: str, result: ReadResult) -> int:
        wanted = {(r.device_user_id, r.punched_at) for r in result.records}
        if not wanted:
            return 0
        times = [t for _, t in wanted]
        with self.db.read() as s:
            rows = s.execute(select(Punch.device_user_id, Punch.punched_at).where(
                Punch.project_id == current_project_id(s), Punch.device == device,
                Punch.punched_at >= min(times), Punch.punched_at <= max(times))).all()
        return len(wanted & {(u, t) for u, t in rows})

    def _unmapped_ids(self, ids: set[str]) -> set[str]:
        with self.db.read() as s:
            mapped = {u for (u,) in s.execute(select(Person.device_user_id).where(
                Person.project_id == current_project_id(s), Person.device_user_id.is_not(None)))}
        return ids - mapped

    # ---- history, revert, mapping ----------------------------------------------------------
    def history(self, limit: int = 200) -> list[BatchDTO]:
        import json

        with self.db.read() as s:
            rows = s.scalars(select(ImportBatch)
                             .where(ImportBatch.project_id == current_project_id(s))
                             .order_by(ImportBatch.id.desc()).limit(limit)).all()
            return [BatchDTO(b.id, b.kind, b.source, b.device, b.started_at, b.read_count,
                             b.new_count, b.duplicate_count, b.rejected_count,
                             tuple(json.loads(b.problems or "[]")), b.reverted_at,
                             b.reverted_by, b.revert_reason) for b in rows]

    @writes
    def revert_batch(self, batch_id: int, reason: str) -> Changes:
        """Hide a batch's punches (audited); the raw rows themselves are never deleted."""
        if not reason.strip():
            raise ValidationError(strings.BATCH_REVERT_NEEDS_REASON, "reason")
        with self.db.transaction(self.actor) as s:
            batch = owned(s, ImportBatch, batch_id)
            if batch is None:
                raise NotFoundError(strings.BATCH_NOT_FOUND.format(id=batch_id))
            if batch.reverted_at is not None:
                raise ValidationError(strings.BATCH_ALREADY_REVERTED.format(id=batch_id))
            batch.reverted_at = self.db.clock.now()
            batch.reverted_by = self.db.person_name(self.actor)
            batch.revert_reason = reason.strip()
            s.flush()
        return ATTENDANCE

    def unmapped(self) -> list[UnmappedId]:
        """Device user ids with punches but no roster person: kept, listed, counted once
        mapped (D4)."""
        with self.db.read() as s:
            mapped = select(Person.device_user_id).where(
                Person.project_id == current_project_id(s), Person.device_user_id.is_not(None))
            rows = s.execute(
                select(Punch.device_user_id, func.count(), func.min(Punch.punched_at),
                       func.max(Punch.punched_at))
                .join(ImportBatch, ImportBatch.id == Punch.batch_id)
                .where(Punch.project_id == current_project_id(s), ImportBatch.reverted_at.is_(None),
                       Punch.device_user_id.not_in(mapped))
                .group_by(Punch.device_user_id)).all()
            names = {u.user_id: u.name for u in s.scalars(select(ClockUserRow).where(
                ClockUserRow.project_id == current_project_id(s)))}
        return sorted((UnmappedId(uid, n, first, last, names.get(uid, ""))
                       for uid, n, first, last in rows), key=lambda u: _key(u.device_user_id))


def _file_users(result: ReadResult) -> list[ClockUser]:
    """The names a USB file carries (its name column), remembered like a LAN read's users."""
    return [ClockUser(0, uid, name) for uid, name in sorted(result.names.items())]


def _key(uid: str) -> tuple[int, str]:
    return (len(uid), uid)


_DEVICE_USER_ID = itemgetter(0)  # of a RawPunch
_A_DAY = dt.timedelta(days=1)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector off during a bulk import.

    A file's punches are named tuples, and the collector never untracks a tuple subclass:
    100,000 of them pushed it into full collections over the whole heap, about a fifth of
    the import's time. Nothing the import creates needs collecting meanwhile; the previous
    state is restored afterwards (a collector someone else had disabled stays disabled).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
