"""How far the clock data reaches (issue 14: no data is not absence).

Each import batch records up to when it holds everything its clock recorded
(``ImportBatch.covered_until``: a LAN read, the clock's time at the read; a file, its newest
record) and from when (its oldest record: the clock's memory reaches no further back, so the
days before the first punch ever stored read "no data", not absent). A clock is covered up to
the furthest of its batches that are not reverted; with
several clocks a time is covered once every clock in use has been read past it, so the
coverage end is the earliest of the clocks' ends.

Which clocks are "in use": every clock with at least one batch that is not reverted and says
how far it reaches. Files imported without naming their clock (device "") cannot be told
apart from a named clock's, so they count only while no named clock has been read: once
clocks are named, an old unnamed file does not hold the coverage back for ever. A clock taken
out of use holds the coverage back until its batches are reverted or the missing days are
declared covered.

The supervisor may declare a period covered with a reason (the whole team away on a trip):
those days are judged as if the clock had been read (no punch, no leave -> absent).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.attendance import Coverage
from app.dto.attendance import (
    CoverageDTO,
    DeclaredCoverageDTO,
    DeviceCoverageDTO,
)
from app.services.project import current_project_id
from app.storage.tables_attendance import CoverageDeclaration, ImportBatch


def device_coverage(s: Session) -> list[DeviceCoverageDTO]:
    """Each clock's coverage end, and whether it counts in the coverage end."""
    rows = s.execute(
        select(ImportBatch.device, func.max(ImportBatch.covered_until),
               func.min(ImportBatch.covered_from))
        .where(ImportBatch.project_id == current_project_id(s), ImportBatch.reverted_at.is_(None),
               ImportBatch.covered_until.is_not(None))
        .group_by(ImportBatch.device).order_by(ImportBatch.device)).all()
    named = any(device for device, _, _ in rows)
    return [DeviceCoverageDTO(device, until, bool(device) or not named, since)
            for device, until, since in rows if until is not None]


def data_through(devices: list[DeviceCoverageDTO]) -> dt.datetime | None:
    ends = [d.covered_until for d in devices if d.counted]
    return min(ends) if ends else None


def data_from(devices: list[DeviceCoverageDTO]) -> dt.date | None:
    """The day of the oldest record any counted clock holds (before it nothing is known)."""
    starts = [d.covered_from for d in devices if d.counted and d.covered_from is not None]
    return min(starts).date() if starts else None


def declared_rows(s: Session, first: dt.date | None = None,
                  last: dt.date | None = None) -> list[CoverageDeclaration]:
    q = select(CoverageDeclaration).where(CoverageDeclaration.project_id == current_project_id(s))
    if first is not None:
        q = q.where(CoverageDeclaration.last_day >= first)
    if last is not None:
        q = q.where(CoverageDeclaration.first_day <= last)
    return list(s.scalars(q.order_by(CoverageDeclaration.first_day, CoverageDeclaration.id)))


def load_coverage(s: Session, first: dt.date, last: dt.date) -> Coverage:
    """The coverage the month's verdicts use (declared periods touching first..last)."""
    declared = tuple((r.first_day, r.last_day) for r in declared_rows(s, first, last)
                     if r.revoked_at is None)
    devices = device_coverage(s)
    return Coverage(data_through(devices), declared, data_from(devices))


def coverage_dto(s: Session) -> CoverageDTO:
    devices = device_coverage(s)
    declared = tuple(DeclaredCoverageDTO(r.id, r.first_day, r.last_day, r.reason, r.created_at,
                                         r.created_by, r.revoked_at, r.revoke_reason)
                     for r in declared_rows(s))
    return CoverageDTO(data_through(devices), tuple(devices), declared, data_from(devices))
