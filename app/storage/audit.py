"""Tamper-evident audit trail (SPEC Q2).

Every insert, update and delete of an ``Audited`` ORM row is written, inside the same
transaction, as an ``audit_log`` row holding who, when, the entity and its values before and
after. Each row's ``hash`` is SHA-256 over its own content and the previous row's hash, and
``audit_head`` keeps the newest id and hash: editing, deleting or inserting a row of history,
or cutting off its tail, breaks the chain and :func:`verify` reports where.

Bulk writes that bypass the ORM (raw punch imports) call :func:`record` once per batch.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, update
from sqlalchemy.orm import Session

from app.clock import SYSTEM_CLOCK, Clock
from app.storage.tables import Audited, AuditHead, AuditLog

GENESIS = "0" * 64
ACTOR_KEY = "actor"
CLOCK_KEY = "clock"


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _dump(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(
        {k: _jsonable(v) for k, v in values.items()}, ensure_ascii=False, sort_keys=True
    )


def compute_hash(
    row_id: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str | None,
    after: str | None,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [row_id, at, actor, action, entity, entity_id, before, after, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    clock: Clock = SYSTEM_CLOCK,
) -> None:
    """Append one audit row to the chain, in the caller's transaction."""
    head = conn.execute(select(AuditHead.last_id, AuditHead.last_hash)).first()
    prev_id, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    row_id = prev_id + 1
    at = clock.utcnow().isoformat(timespec="microseconds")
    before_s, after_s = _dump(before), _dump(after)
    digest = compute_hash(row_id, at, actor, action, entity, entity_id, before_s, after_s,
                          prev_hash)
    conn.execute(
        insert(AuditLog).values(
            id=row_id, at=at, actor=actor, action=action, entity=entity,
            entity_id=entity_id, before=before_s, after=after_s,
            prev_hash=prev_hash, hash=digest,
        )
    )
    if head:
        conn.execute(update(AuditHead).values(last_id=row_id, last_hash=digest))
    else:
        conn.execute(insert(AuditHead).values(id=1, last_id=row_id, last_hash=digest))


def _column_values(obj: Audited, which: str) -> dict[str, Any]:
    """Current (``after``) or committed (``before``) column values of an ORM object."""
    state = inspect(obj)
    assert state is not None
    values: dict[str, Any] = {}
    excluded = getattr(obj, "__audit_exclude__", ())
    for attr in state.mapper.column_attrs:
        if attr.key in excluded:
            # large fields are audited by their digest: tamper-evident without the bulk
            raw = getattr(obj, attr.key)
            values[attr.key] = None if raw is None else "sha256:" + hashlib.sha256(
                str(raw).encode("utf-8")).hexdigest()
            continue
        hist = state.attrs[attr.key].history
        if which == "after":
            values[attr.key] = getattr(obj, attr.key)
        elif hist.deleted:
            values[attr.key] = hist.deleted[0]
        elif hist.unchanged:
            values[attr.key] = hist.unchanged[0]
        else:
            values[attr.key] = getattr(obj, attr.key)
    return values


def _identity(obj: Audited, values: dict[str, Any]) -> str:
    """The primary key as text (``id``, or e.g. the date of a holiday row)."""
    state = inspect(obj)
    assert state is not None
    mapper = state.mapper
    keys = [mapper.get_property_by_column(c).key for c in mapper.primary_key]
    return ",".join(str(_jsonable(values.get(k))) for k in keys)


def _changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return any(before.get(k) != v for k, v in after.items())


def _after_flush(session: Session, _ctx: Any) -> None:
    actor = str(session.info.get(ACTOR_KEY) or default_actor())
    clock: Clock = session.info.get(CLOCK_KEY) or SYSTEM_CLOCK
    conn = session.connection()
    for obj in list(session.new):
        if isinstance(obj, Audited):
            after = _column_values(obj, "after")
            record(conn, actor, "insert", obj.__audit_entity__, _identity(obj, after), None,
                   after, clock)
    for obj in list(session.dirty):
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            before, after = _column_values(obj, "before"), _column_values(obj, "after")
            if _changed(before, after):
                record(conn, actor, "update", obj.__audit_entity__, _identity(obj, after),
                       before, after, clock)
    for obj in list(session.deleted):
        if isinstance(obj, Audited):
            before = _column_values(obj, "before")
            record(conn, actor, "delete", obj.__audit_entity__, _identity(obj, before),
                   before, None, clock)


def install(session_class: type[Session] | Any) -> None:
    """Attach the audit listener to a Session class or sessionmaker."""
    event.listen(session_class, "after_flush", _after_flush)


@dataclass(frozen=True)
class AuditProblem:
    audit_id: int
    reason: str  # code: hash_mismatch | chain_broken | head_mismatch | id_gap


@dataclass(frozen=True)
class AuditReport:
    rows: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection) -> AuditReport:
    """Walk the chain from the first row; report every row whose hash or link is wrong."""
    problems: list[AuditProblem] = []
    prev_hash, expected_id, count = GENESIS, 1, 0
    result = conn.execute(select(AuditLog).order_by(AuditLog.id)).mappings()
    last_id, last_hash = 0, GENESIS
    for row in result:
        count += 1
        rid = int(row["id"])
        if rid != expected_id:
            problems.append(AuditProblem(rid, "id_gap"))
        if row["prev_hash"] != prev_hash:
            problems.append(AuditProblem(rid, "chain_broken"))
        digest = compute_hash(rid, row["at"], row["actor"], row["action"], row["entity"],
                              row["entity_id"], row["before"], row["after"], row["prev_hash"])
        if digest != row["hash"]:
            problems.append(AuditProblem(rid, "hash_mismatch"))
        prev_hash, expected_id = row["hash"], rid + 1
        last_id, last_hash = rid, row["hash"]
    head = conn.execute(select(AuditHead.last_id, AuditHead.last_hash)).first()
    if (head is None and count) or (head is not None and (head[0], head[1]) != (last_id,
                                                                              last_hash)):
        problems.append(AuditProblem(last_id, "head_mismatch"))
    return AuditReport(count, tuple(problems))
