"""Raw punches in, idempotently, as recorded batches (SPEC A3, D3).

The LAN and USB importers (issue 5) and the demo all end here: every import is one batch,
one transaction; a punch already stored (same device, device user id and time) is counted
as a duplicate and not stored again. The same punch twice in one batch is stored once, as
its first row gives it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import func, select

from app.security.guard import writes
from app.services.changes import ATTENDANCE, Changes
from app.services.maintenance import session_backup
from app.services.project import current_project_id, ensure_project
from app.storage.audit_data import batch_digest, max_punch_id, punch_digest_of
from app.storage.db import Database, datetime_binder, insert_ignoring_duplicates
from app.storage.tables_attendance import ImportBatch, Punch

CHUNK = 20000
_USER_ID, _TIME = itemgetter(2), itemgetter(3)  # of a row in COLUMNS order
_ROW_TIME = itemgetter(1)  # of a PunchRow
COLUMNS = ("project_id", "device", "device_user_id", "punched_at", "verify_mode",
           "in_out_state", "work_code", "batch_id")


class PunchRow(NamedTuple):
    """A punch to store (``app.devices.records.RawPunch`` has the same fields and works too)."""

    device_user_id: str
    punched_at: dt.datetime
    verify_mode: int | None = None
    in_out_state: int | None = None
    work_code: str | None = None


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    read: int
    new: int
    duplicate: int
    rejected: int


class PunchService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    @writes
    def record_batch(self, kind: str, source: str, device: str, rows: Sequence[PunchRow],
                     read: int | None = None, rejected: int = 0,
                     problems: list[dict[str, Any]] | None = None,
                     covered_until: dt.datetime | None = None,
                     covered_from: dt.datetime | None = None
                     ) -> tuple[BatchResult, Changes]:
        """Store ``rows`` as one import batch; ``read``/``rejected`` count the source lines.

        ``covered_until``: up to when the read holds all the clock recorded (a LAN read: the
        clock's time); by default the newest row (a file covers up to its newest record).
        ``covered_from``: how far back it reaches; by default the oldest row."""
        if covered_from is None and rows:
            covered_from = min(map(_ROW_TIME, rows))
        if covered_until is None and rows:
            covered_until = max(map(_ROW_TIME, rows))
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            batch = ImportBatch(project_id=current_project_id(s), kind=kind, source=source,
                                device=device, started_at=self.db.clock.now(),
                                covered_until=covered_until, covered_from=covered_from,
                                problems=json.dumps(problems or [], ensure_ascii=False))
            s.add(batch)
            s.flush()
            conn = s.connection()
            stamp, batch_id = datetime_binder(conn), batch.id
            # one plain tuple per punch, in the driver's column order: no ORM objects, no
            # per-row parameter processing (insert_ignoring_duplicates hands them over)
            pid = current_project_id(s)
            payload = [(pid, device, r[0], stamp(r[1]), r[2], r[3], r[4], batch_id)
                       for r in rows]
            # in index order (user id, then time): the unique index is filled sequentially.
            # Two stable sorts on one text column each (a clock's file is already in time
            # order, so the first costs one pass) beat one sort on a (user id, time) key.
            payload.sort(key=_TIME)
            payload.sort(key=_USER_ID)
            new, stored_before = 0, max_punch_id(conn)
            for i in range(0, len(payload), CHUNK):
                new += insert_ignoring_duplicates(
                    conn, Punch.__table__, COLUMNS, payload[i:i + CHUNK])  # type: ignore[arg-type]
            total = len(rows) if read is None else read
            batch.read_count, batch.new_count = total, new
            batch.duplicate_count, batch.rejected_count = len(rows) - new, rejected
            # what audit verify checks the batch's punches against (issue 17)
            batch.punch_digest = batch_digest(conn, payload, new, stored_before)
            s.flush()
            result = BatchResult(batch.id, total, new, len(rows) - new, rejected)
        if kind != "demo":
            session_backup(self.db, "import")  # issue 17: a restore loses no import
        return result, ATTENDANCE

    @writes
    def record_stream(self, kind: str, source: str, device: str,
                      chunks: Iterable[Sequence[PunchRow]],
                      finish: Callable[[], tuple[int, int, list[dict[str, Any]]]]
                      ) -> tuple[BatchResult, Changes]:
        """:meth:`record_batch` for a read too big to hold: ``chunks`` are inserted as they
        come, all in one transaction (one batch, nothing stored unless all of it is);
        ``finish()``, called once they are exhausted, gives (read, rejected, problems)."""
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            batch = ImportBatch(project_id=current_project_id(s), kind=kind, source=source,
                                device=device, started_at=self.db.clock.now(), problems="[]")
            s.add(batch)
            s.flush()
            conn = s.connection()
            stamp, batch_id = datetime_binder(conn), batch.id
            pid = current_project_id(s)
            new = rows_n = 0
            first: dt.datetime | None = None
            last: dt.datetime | None = None
            for rows in chunks:
                if not rows:
                    continue
                lo, hi = min(map(_ROW_TIME, rows)), max(map(_ROW_TIME, rows))
                first = lo if first is None else min(first, lo)
                last = hi if last is None else max(last, hi)
                payload = [(pid, device, r[0], stamp(r[1]), r[2], r[3], r[4], batch_id)
                           for r in rows]
                payload.sort(key=_TIME)
                payload.sort(key=_USER_ID)
                for i in range(0, len(payload), CHUNK):
                    new += insert_ignoring_duplicates(
                        conn, Punch.__table__, COLUMNS, payload[i:i + CHUNK])  # type: ignore[arg-type]
                rows_n += len(rows)
            read, rejected, problems = finish()
            batch.read_count, batch.new_count = read, new
            batch.duplicate_count, batch.rejected_count = rows_n - new, rejected
            batch.covered_from, batch.covered_until = first, last
            batch.problems = json.dumps(problems, ensure_ascii=False)
            # what audit verify checks the batch's punches against (issue 17): read back,
            # since the chunks are gone (one indexed pass over this batch's rows)
            batch.punch_digest = punch_digest_of(conn, batch_id)
            s.flush()
            result = BatchResult(batch.id, read, new, rows_n - new, rejected)
        session_backup(self.db, "import")  # issue 17: a restore loses no import
        return result, ATTENDANCE

    def count(self) -> int:
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(Punch).where(
                Punch.project_id == current_project_id(s))) or 0

    def count_since(self, start: dt.datetime) -> int:
        """Punches at or after ``start`` (the first-run checklist: any this month?)."""
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(Punch)
                            .where(Punch.project_id == current_project_id(s),
                                   Punch.punched_at >= start)) or 0
