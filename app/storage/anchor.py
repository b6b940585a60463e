"""The paper anchor's storage side (issue 18): what a lock stores, what ``month verify`` reads.

The rules and the code itself are in app.domain.anchor; this module reads the month's lock
events, the lock's audit row and the chain's soundness into the domain's facts.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.domain import anchor as rules
from app.security.keys import KeySet
from app.storage import audit
from app.storage.tables import AuditHead, AuditLog, Project
from app.storage.tables_attendance import MonthLock

ENTITY = "month_lock"


def head(session: Session) -> tuple[int, str]:
    """The newest audit row (id, hash) now: what a lock written next follows."""
    row = session.execute(select(AuditHead.last_id, AuditHead.last_hash)).first()
    return (int(row[0]), str(row[1])) if row else (0, audit.GENESIS)


def stamp(session: Session, lock: MonthLock) -> None:
    """Give a new lock (snapshot set, not flushed yet) its anchor over the current head."""
    assert lock.snapshot is not None
    lock.anchor_audit_id, lock.anchor_audit_hash = head(session)
    lock.anchor = rules.anchor_digest(lock.month, lock.snapshot, lock.anchor_audit_id,
                                      lock.anchor_audit_hash)


def facts(row: MonthLock) -> rules.LockFacts:
    return rules.LockFacts(row.month, row.action, row.at.strftime("%Y-%m-%d %H:%M"),
                           row.actor, row.reason or "", row.snapshot, row.anchor,
                           row.anchor_audit_id, row.anchor_audit_hash)


def history(session: Session, project_id: int) -> dict[str, list[rules.LockFacts]]:
    """Every month's lock and reopen events, oldest first."""
    months: dict[str, list[rules.LockFacts]] = {}
    for row in session.scalars(select(MonthLock).where(MonthLock.project_id == project_id)
                               .order_by(MonthLock.id)):
        months.setdefault(row.month, []).append(facts(row))
    return months


def _after(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def trail(conn: Connection, lock_id: int, lock: rules.LockFacts,
          keys: KeySet | None) -> rules.TrailFacts:
    """The audit facts of a lock: the anchored head row, the lock's own audit row, the
    chain's first problem (checked under ``keys`` when unlocked)."""
    anchored = int(lock.audit_id or 0)
    if anchored:
        found = conn.execute(select(AuditLog.hash).where(AuditLog.id == anchored)).scalar()
        head_row = found == lock.audit_hash
    else:
        head_row = lock.audit_hash == audit.GENESIS
    own = conn.execute(select(AuditLog.id, AuditLog.after).where(
        AuditLog.entity == ENTITY, AuditLog.entity_id == str(lock_id),
        AuditLog.action == "insert", AuditLog.id > anchored).order_by(AuditLog.id)).first()
    after = _after(own[1]) if own else {}
    report = audit.verify(conn, keys)
    first = min((p.audit_id for p in report.problems), default=None)
    return rules.TrailFacts(
        head_row, int(own[0]) if own else 0,
        after.get("snapshot") if own else None, after.get("anchor") if own else None,
        first, report.keyed_from if report.unchecked else 0)


def site_trail(conn: Connection, project_id: int, lock_id: int,
               lock: rules.LockFacts) -> rules.TrailFacts:
    """The audit facts of a lock in a site package's copy at head office (issue 19): the
    site's chain as imported into ``site_audit`` (site ids), the lock's site id from
    ``site_row_map``. The chain is walked for its links and, before the site's keyed marker,
    its SHA-256 hashes; the keyed part needs the site's key, which never leaves the site, so
    it counts as unchecked from its first row (the package's signature covered it)."""
    from app.storage.tables_sitepkg import SiteAudit, SiteRowMap

    site_lock = conn.execute(select(SiteRowMap.site_id).where(
        SiteRowMap.project_id == project_id, SiteRowMap.table_name == ENTITY,
        SiteRowMap.local_id == lock_id)).scalar()
    anchored = int(lock.audit_id or 0)
    if anchored:
        found = conn.execute(select(SiteAudit.hash).where(
            SiteAudit.project_id == project_id, SiteAudit.site_id == anchored)).scalar()
        head_row = found == lock.audit_hash
    else:
        head_row = lock.audit_hash == audit.GENESIS
    own = conn.execute(select(SiteAudit.site_id, SiteAudit.after).where(
        SiteAudit.project_id == project_id, SiteAudit.entity == ENTITY,
        SiteAudit.entity_id == str(site_lock), SiteAudit.action == "insert",
        SiteAudit.site_id > anchored).order_by(SiteAudit.site_id)).first()
    after = _after(own[1]) if own else {}
    first, unchecked = _site_chain(conn, project_id)
    return rules.TrailFacts(
        head_row, int(own[0]) if own else 0,
        after.get("snapshot") if own else None, after.get("anchor") if own else None,
        first, unchecked)


def _site_chain(conn: Connection, project_id: int) -> tuple[int | None, int]:
    """(the first site id whose link or plain hash is wrong, or None; the first keyed row's
    site id, 0 when the site's chain has no keyed part)."""
    from app.storage.tables_sitepkg import SiteAudit

    prev_hash, expected, keyed_from = audit.GENESIS, 1, 0
    for row in conn.execute(select(SiteAudit).where(SiteAudit.project_id == project_id)
                            .order_by(SiteAudit.site_id)).mappings():
        rid = int(row["site_id"])
        bad = rid != expected or row["prev_hash"] != prev_hash
        if not bad and not keyed_from and audit.is_marker(row):
            keyed_from = rid
        if not bad and not keyed_from:
            bad = audit.row_hash(row, None, rid) != row["hash"]
        if bad:
            return rid, keyed_from
        prev_hash, expected = row["hash"], rid + 1
    return None, keyed_from


def check(session: Session, project_id: int, month: str, code_text: str,
          keys: KeySet | None) -> rules.AnchorCheck:
    """``month verify``: the month's current lock against the code typed off paper. A site
    package's copy at head office is checked against the site's chain it brought along."""
    months = history(session, project_id)
    mine = months.get(month, [])
    others = [f for key, events in months.items() if key != month for f in events]
    current = session.scalars(select(MonthLock).where(
        MonthLock.project_id == project_id, MonthLock.month == month)
        .order_by(MonthLock.id.desc())).first()
    found = None
    if current is not None and current.action == "lock" and current.anchor:
        origin = session.scalar(select(Project.origin).where(Project.id == project_id))
        found = (site_trail(session.connection(), project_id, current.id, mine[-1])
                 if origin == "site" else trail(session.connection(), current.id, mine[-1],
                                                keys))
    return rules.check(month, code_text, mine, others, found)
