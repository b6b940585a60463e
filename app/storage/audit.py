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

The keyed chain (issue 18)
--------------------------
A plain SHA-256 chain has no secret: whoever can write the file can rewrite the newest rows,
recompute every hash after them and move ``audit_head``. Once the database has accounts, new
rows are therefore chained with HMAC-SHA256 under :attr:`KeySet.audit_key`, a key only an
unlocked admin session holds (the data key is stored wrapped under the admins' passwords).

The transition, in one transaction with the first admin (:func:`start_keyed`):

- every row written before it stays plain SHA-256 (the marker seals them as they are);
- a marker row (action ``chain_keyed``, entity ``audit``) is appended whose ``before`` names
  the plain head it follows, whose ``after`` carries a short key check (an HMAC of a fixed
  text, telling a wrong key from forged rows), and whose own hash is already an HMAC: the
  marker seals the plain part under the key;
- ``db_meta.audit_chain`` records the marker's id; from then on every row is an HMAC.

Where the marker can't be silently flipped: the chain *must* be keyed whenever
``db_meta.audit_chain`` is set **or** accounts exist (a row in one of
:data:`ACCOUNT_TABLES`). Deleting the marker (and recomputing the rows after it as plain
SHA-256) while accounts exist is reported as ``marker_missing``; deleting ``db_meta``'s note
while the marker is in the chain as ``marker_unnoted``; a plain SHA-256 hash after the marker
is reported even without the key (an HMAC never equals it by chance). Only removing the
accounts, the note, the marker and every keyed row together leaves a file that looks as if
accounts never existed: that is a different database, which the head sidecar, the backups
and the paper anchor of every locked month (app.domain.anchor) tell apart.

Writes: while the chain is keyed (or must be) and no key is unlocked, :func:`record` refuses
(:class:`KeyRequired`, :data:`strings.AUDIT_NEEDS_KEY`) and nothing is written: an unkeyed row
never enters a keyed chain. The writes an open makes by itself (bundled holidays, the
baseline) are then left until an admin is unlocked (``Services.open_time_writes``). A session
passes its keys in ``session.info[KEYS_KEY]`` (Database.transaction).

:func:`verify` with the key checks every HMAC; without it (a viewer, the command line without
an admin login) it checks the links, the plain part and the marker rules, and reports how
many keyed rows it could not check (``AuditReport.unchecked``).
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

from app import strings
from app.clock import SYSTEM_CLOCK, Clock
from app.domain.roster import mask_id_card, mask_phone
from app.errors import AppError
from app.security.keys import KeySet
from app.storage.tables import Audited, AuditHead, AuditLog

GENESIS = "0" * 64
ACTOR_KEY = "actor"
CLOCK_KEY = "clock"
KEY_KEY = "audit_key"
KEYS_KEY = "audit_keys"  # session.info: the unlocked KeySet (None: nothing unlocked)
CHAIN_META = "audit_chain"  # db_meta: id of the chain_keyed marker row
MARKER_ACTION, MARKER_ENTITY, MARKER_ID = "chain_keyed", "audit", "chain"
ACCOUNT_TABLES = ("user_account",)  # a row in any of these: the chain must be keyed
PLAIN, KEYED, PENDING = "plain", "keyed", "pending"
MASK_MARK = "#h:"
_MASKS = {"phone": mask_phone, "id_card_no": mask_id_card}


class KeyRequired(AppError):
    """A write to a keyed chain (or one that must be keyed) with no key unlocked."""

    def __init__(self) -> None:
        super().__init__(strings.AUDIT_NEEDS_KEY)


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
    key: bytes | None = None,
) -> str:
    """SHA-256 of the row's fields and the previous hash; HMAC-SHA256 under ``key`` (the
    audit key) for rows of the keyed chain."""
    payload = json.dumps(
        [row_id, at, actor, action, entity, entity_id, before, after, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    if key is not None:
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
    return hashlib.sha256(payload).hexdigest()


def key_check(keys: KeySet) -> str:
    """A short fingerprint of the audit key (tells a wrong key from forged rows)."""
    return hmac.new(keys.audit_key, b"onsitedesk/audit-key-check",
                    hashlib.sha256).hexdigest()[:16]


def _meta(conn: Connection, key: str) -> str | None:
    if conn.dialect.name != "sqlite" and not _has_table(conn, "db_meta"):
        return None  # issue 19: a failed statement would abort PostgreSQL's transaction
    try:
        value = conn.execute(text("SELECT value FROM db_meta WHERE key = :k"),
                             {"k": key}).scalar()
    except Exception:  # no db_meta table yet (before migration 0012)
        return None
    return None if value is None else str(value)


def accounts_exist(conn: Connection) -> bool:
    """Whether the database has accounts (then its chain must be keyed)."""
    for table in ACCOUNT_TABLES:
        if not _has_table(conn, table):
            continue
        if conn.execute(text(f'SELECT 1 FROM "{table}" LIMIT 1')).first() is not None:
            return True
    return False


def _has_table(conn: Connection, table: str) -> bool:
    if conn.dialect.name != "sqlite":  # issue 19: PostgreSQL
        from sqlalchemy import inspect

        return bool(inspect(conn).has_table(table))
    return conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:t"),
                        {"t": table}).first() is not None


def chain_mode(conn: Connection) -> str:
    """``plain`` (no accounts, never keyed), ``keyed`` (the marker is recorded) or
    ``pending`` (accounts exist, the marker is not written yet)."""
    if _meta(conn, CHAIN_META) is not None:
        return KEYED
    return PENDING if accounts_exist(conn) else PLAIN


def start_keyed(conn: Connection, keys: KeySet, actor: str | None = None,
                clock: Clock = SYSTEM_CLOCK) -> int:
    """Switch the chain to HMAC under ``keys.audit_key``, in the caller's transaction (the
    one that creates the first admin): appends the keyed marker row over the plain head and
    notes it in ``db_meta``. Idempotent: returns the marker's id."""
    noted = _meta(conn, CHAIN_META)
    if noted is not None:
        return int(noted)
    head = conn.execute(select(AuditHead.last_id, AuditHead.last_hash)).first()
    prev_id, prev_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS)
    marker = _append(conn, actor or default_actor(), MARKER_ACTION, MARKER_ENTITY, MARKER_ID,
                     {"audit_id": prev_id, "hash": prev_hash},
                     {"scheme": "hmac-sha256", "key_check": key_check(keys)},
                     clock, keys.audit_key)
    conn.execute(text("DELETE FROM db_meta WHERE key = :k"), {"k": CHAIN_META})  # portable
    conn.execute(text("INSERT INTO db_meta (key, value) VALUES (:k, :v)"),
                 {"k": CHAIN_META, "v": str(marker)})
    return marker


def record(
    conn: Connection,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    clock: Clock = SYSTEM_CLOCK,
    keys: KeySet | None = None,
    mode: str | None = None,
) -> None:
    """Append one audit row to the chain, in the caller's transaction: keyed under
    ``keys`` once the chain is keyed (``mode``: :func:`chain_mode`, when the caller knows
    it); refused (:class:`AppError`, nothing written) when it must be keyed and no key is
    unlocked."""
    mode = mode or chain_mode(conn)
    if mode != PLAIN and keys is None:
        raise KeyRequired()
    if mode == PENDING and keys is not None:
        start_keyed(conn, keys, actor, clock)
    _append(conn, actor, action, entity, entity_id, before, after, clock,
            None if mode == PLAIN or keys is None else keys.audit_key)


def _append(conn: Connection, actor: str, action: str, entity: str, entity_id: str,
            before: dict[str, Any] | None, after: dict[str, Any] | None, clock: Clock,
            key: bytes | None) -> int:
    head = conn.execute(select(AuditHead.last_id, AuditHead.last_hash)).first()
    prev_id, prev_hash = (head[0], head[1]) if head else (0, GENESIS)
    row_id = prev_id + 1
    at = clock.utcnow().isoformat(timespec="microseconds")
    before_s, after_s = _dump(before), _dump(after)
    digest = compute_hash(row_id, at, actor, action, entity, entity_id, before_s, after_s,
                          prev_hash, key)
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
    return int(row_id)


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
        hist = state.attrs[attr.key].history
        value: Any
        if which == "after":
            value = getattr(obj, attr.key)
        elif hist.deleted:
            value = hist.deleted[0]
        elif hist.unchanged:
            value = hist.unchanged[0]
        elif hist.added:
            # set for the first time since the row was written without it (e.g. a batch's
            # digest after its insert): it was NULL, not already the new value
            value = None
        else:
            value = getattr(obj, attr.key)
        if attr.key in excluded and value is not None:
            # large fields (and sealed personal data) are audited by their digest:
            # tamper-evident without the bulk; "before" is the old value's digest (issue 18:
            # a change of an excluded column alone is a change, and is audited)
            value = "sha256:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()
        values[attr.key] = value
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


class _Appender:
    """Appends one flush's rows: the chain mode is read once per flush, and the first row of a
    chain that must be keyed writes the marker before itself."""

    def __init__(self, conn: Connection, actor: str, clock: Clock,
                 keys: KeySet | None) -> None:
        self.conn, self.actor, self.clock, self.keys = conn, actor, clock, keys
        self.mode = ""

    def __call__(self, action: str, entity: str, ident: str, before: dict[str, Any] | None,
                 after: dict[str, Any] | None) -> None:
        self.mode = self.mode or chain_mode(self.conn)
        record(self.conn, self.actor, action, entity, ident, before, after, self.clock,
               self.keys, self.mode)
        if self.mode == PENDING:
            self.mode = KEYED


def _after_flush(session: Session, _ctx: Any) -> None:
    actor = str(session.info.get(ACTOR_KEY) or default_actor())
    clock: Clock = session.info.get(CLOCK_KEY) or SYSTEM_CLOCK
    conn = session.connection()
    add = _Appender(conn, actor, clock, session.info.get(KEYS_KEY))
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
            add("insert", obj.__audit_entity__, _identity(obj, after), None, after)
    for obj in list(session.dirty):
        if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
            before, after = _raw_values(obj, "before"), _raw_values(obj, "after")
            if _changed(before, after):
                add("update", obj.__audit_entity__, _identity(obj, after),
                    values(obj, "before"), values(obj, "after"))
    for obj in list(session.deleted):
        if isinstance(obj, Audited):
            before = values(obj, "before")
            add("delete", obj.__audit_entity__, _identity(obj, before), before, None)


def install(session_class: type[Session] | Any) -> None:
    """Attach the audit listener to a Session class or sessionmaker."""
    event.listen(session_class, "after_flush", _after_flush)


@dataclass(frozen=True)
class AuditProblem:
    audit_id: int
    # code: hash_mismatch | chain_broken | head_mismatch | id_gap | marker_missing |
    # marker_unnoted | marker_moved | plain_after_key | key_mismatch
    reason: str


@dataclass(frozen=True)
class AuditReport:
    rows: int
    problems: tuple[AuditProblem, ...]
    keyed_from: int = 0  # id of the chain_keyed marker (0: a plain chain)
    unchecked: int = 0  # keyed rows whose HMAC was not checked (no key unlocked)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def complete(self) -> bool:
        """Sound and every row checked (the keyed part too)."""
        return self.ok and not self.unchecked


def is_marker(row: Any) -> bool:
    """The row where the keyed chain starts (issue 18)."""
    return bool(row["action"] == MARKER_ACTION and row["entity"] == MARKER_ENTITY)



def row_hash(row: Any, key: bytes | None, row_id: int | None = None) -> str:
    """The hash a stored audit row should carry (``row_id``: its id in the chain, when the
    row keeps it under another name, as a site's chain copied to head office does)."""
    rid = int(row["id"]) if row_id is None else row_id
    return compute_hash(rid, row["at"], row["actor"], row["action"], row["entity"],
                        row["entity_id"], row["before"], row["after"], row["prev_hash"], key)



class _Walk:
    """The state of one pass over the chain."""

    def __init__(self, keys: KeySet | None) -> None:
        self.keys = keys
        self.problems: list[AuditProblem] = []
        self.marker = 0
        self.unchecked = 0
        self.wrong_key = False

    def keyed_row(self, rid: int, row: Any) -> None:
        if is_marker(row) and self.marker == 0:
            self.marker = rid
            if self.keys is not None:
                self.wrong_key = _marker_check(row) != key_check(self.keys)
                if self.wrong_key:
                    self.problems.append(AuditProblem(rid, "key_mismatch"))
        if self.keys is None or self.wrong_key:
            self.unchecked += 1
            if row_hash(row, None) == row["hash"]:  # a plain hash where an HMAC belongs
                self.problems.append(AuditProblem(rid, "plain_after_key"))
        elif row_hash(row, self.keys.audit_key) != row["hash"]:
            self.problems.append(AuditProblem(rid, "hash_mismatch"))


def _marker_check(row: Any) -> str:
    try:
        return str(json.loads(row["after"] or "{}").get("key_check", ""))
    except (ValueError, AttributeError):
        return ""


def verify(conn: Connection, keys: KeySet | None = None) -> AuditReport:
    """Walk the chain from the first row; report every row whose hash or link is wrong.
    Rows from the keyed marker on are checked under ``keys`` (without keys: links only,
    counted in ``unchecked``)."""
    walk = _Walk(keys)
    problems = walk.problems
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
        if walk.marker or is_marker(row):
            walk.keyed_row(rid, row)
        elif row_hash(row, None) != row["hash"]:
            problems.append(AuditProblem(rid, "hash_mismatch"))
        prev_hash, expected_id = row["hash"], rid + 1
        last_id, last_hash = rid, row["hash"]
    head = conn.execute(select(AuditHead.last_id, AuditHead.last_hash)).first()
    if (head is None and count) or (head is not None and (head[0], head[1]) != (last_id,
                                                                              last_hash)):
        problems.append(AuditProblem(last_id, "head_mismatch"))
    noted = _meta(conn, CHAIN_META)
    if walk.marker == 0 and (noted is not None or accounts_exist(conn)):
        problems.append(AuditProblem(last_id, "marker_missing"))
    elif walk.marker and noted is None:
        problems.append(AuditProblem(walk.marker, "marker_unnoted"))
    elif walk.marker and noted != str(walk.marker):
        problems.append(AuditProblem(walk.marker, "marker_moved"))
    return AuditReport(count, tuple(problems), walk.marker, walk.unchecked)
