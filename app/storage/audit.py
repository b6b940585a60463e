"""Tamper-evident audit trail (SPEC Q2).

Every insert, update and delete of an ``Audited`` ORM row is written, inside the same
transaction, as an ``audit_log`` row holding who, when, the entity and its values before and
after. Each row's ``hash`` is SHA-256 over its own content and the previous row's hash, and
``audit_head`` keeps the newest id and hash: editing, deleting or inserting a row of history,
or cutting off its tail, breaks the chain and :func:`verify` reports where.

Bulk writes that bypass the ORM (raw punch imports) call :func:`record` once per batch.

Personal data (``__audit_mask__`` columns: ID and phone numbers) is written masked and
keyed-hashed (``138****5678#h:<HMAC-SHA256 under db_meta.audit_key, 16 hex>``): the trail
still shows which record changed and can prove a live value is the audited one, yet holds no
number in clear, so the live tables can be erased without touching the chain. Rows written
before this (issue 17) are masked by migration 0013, which re-chains the trail and records
that it did in a ``rechained`` audit row.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text, update
from sqlalchemy.orm import Session

from app.clock import SYSTEM_CLOCK, Clock
from app.domain.roster import mask_id_card, mask_phone
from app.storage.tables import Audited, AuditHead, AuditLog

GENESIS = "0" * 64
ACTOR_KEY = "actor"
CLOCK_KEY = "clock"
KEY_KEY = "audit_key"
MASK_MARK = "#h:"
_MASKS = {"phone": mask_phone, "id_card_no": mask_id_card}


def audit_key(conn: Connection) -> bytes:
    """This database's key for personal data in the trail (b"" before migration 0012)."""
    try:
        value = conn.execute(text("SELECT value FROM db_meta WHERE key = 'audit_key'")).scalar()
    except Exception:  # no db_meta table yet
        return b""
    return str(value).encode("ascii") if value else b""


def protect(field: str, value: Any, key: bytes) -> Any:
    """How a personal value is written to the trail: masked, plus a keyed hash."""
    if not isinstance(value, str) or not value:
        return value
    masker = _MASKS.get(field, mask_phone)
    tag = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
    return f"{masker(value)}{MASK_MARK}{tag}"


def matches_audited(field: str, live: Any, audited: Any, key: bytes) -> bool:
    """Whether a live personal value is the one the trail recorded (masked or, in rows
    written before masking, clear)."""
    if isinstance(audited, str) and MASK_MARK in audited:
        return bool(protect(field, live, key) == audited)
    return bool(live == audited)


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


def _column_values(obj: Audited, which: str, key: bytes | None = None) -> dict[str, Any]:
    """Current (``after``) or committed (``before``) column values of an ORM object;
    personal columns protected under ``key`` (``None``: as they are)."""
    values = _raw_values(obj, which)
    if key is not None:
        for field in getattr(obj, "__audit_mask__", ()):
            if field in values:
                values[field] = protect(field, values[field], key)
    return values


def _raw_values(obj: Audited, which: str) -> dict[str, Any]:
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
        elif hist.added:
            # set for the first time since the row was written without it (e.g. a batch's
            # digest after its insert): it was NULL, not already the new value
            values[attr.key] = None
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
    keys: list[bytes] = []

    def key() -> bytes:  # read once per flush, and only when a personal column is written
        if not keys:
            keys.append(audit_key(conn))
        return keys[0]

    def values(obj: Audited, which: str) -> dict[str, Any]:
        masked = getattr(obj, "__audit_mask__", ())
        return _column_values(obj, which, key() if masked else None)

    for obj in list(session.new):
        if isinstance(obj, Audited):
            after = values(obj, "after")
            record(conn, actor, "insert", obj.__audit_entity__, _identity(obj, after), None,
                   after, clock)
    for obj in list(session.dirty):
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            before, after = _raw_values(obj, "before"), _raw_values(obj, "after")
            if _changed(before, after):
                record(conn, actor, "update", obj.__audit_entity__, _identity(obj, after),
                       values(obj, "before"), values(obj, "after"), clock)
    for obj in list(session.deleted):
        if isinstance(obj, Audited):
            before = values(obj, "before")
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
