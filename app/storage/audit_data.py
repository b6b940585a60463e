"""The business tables checked against the audit trail (issue 17, ``audit verify``).

The hash chain proves the trail itself is whole; this module proves the live data is what the
trail says it is:

- every audited row (``Audited`` tables) equals the ``after`` value of its newest audit row;
  a row with no audit row is a ghost, a row whose newest audit row is not a delete but which
  is gone was deleted behind the app's back;
- every import batch's punches hash to the ``punch_digest`` stored (and audited) with the
  batch at import, so a punch changed, deleted or added later — or a flipped bit in one — is
  found. Text that is no longer UTF-8 (a flipped byte) is read leniently and then differs:
  reported, never a traceback.

Databases made before these checks are reconciled once (:func:`ensure_baseline`): batches get
their digest and rows that differ from (or are missing in) the trail get a ``baseline`` audit
row, noted in ``db_meta.audit_baseline``. Differences that existed before that are accepted
as the starting point; everything after is checked.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from app.clock import SYSTEM_CLOCK, Clock
from app.storage import audit
from app.storage.tables import Audited, Base, DbMeta
from app.storage.tables_attendance import ImportBatch

BASELINE_KEY = "audit_baseline"
_COLS = ("project_id", "device", "device_user_id", "punched_at", "verify_mode",
         "in_out_state", "work_code")
_SELECT = f"SELECT {', '.join(_COLS)} FROM punch"
DIGEST_CHUNK = 10_000


@dataclass(frozen=True)
class DataProblem:
    code: str  # changed | missing | ghost | punch_digest | no_digest | unreadable
    entity: str
    entity_id: str
    fields: tuple[str, ...] = ()


class PunchDigest:
    """SHA-256 over punch rows in id order, as tuples of the :data:`_COLS` values, fed in
    chunks of ``DIGEST_CHUNK`` (``repr`` of a chunk: fast, and the same whether the rows come
    from the import's own payload or are read back)."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self._buf: list[tuple[Any, ...]] = []

    def add(self, row: tuple[Any, ...]) -> None:
        self._buf.append(row)
        if len(self._buf) == DIGEST_CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            self._h.update(repr(self._buf).encode("utf-8", "surrogateescape"))
            self._buf = []

    def hexdigest(self) -> str:
        self._flush()
        return self._h.hexdigest()


def digest_rows(rows: Iterable[tuple[Any, ...]]) -> str:
    d = PunchDigest()
    for row in rows:
        d.add(row)
    return d.hexdigest()


def _lenient(raw: bytes) -> str:
    # a flipped byte that is no longer UTF-8 still reads (and then differs), never raises
    return raw.decode("utf-8", "surrogateescape")


class _ServerCursor:
    """Issue 19: the driver cursor of a PostgreSQL connection, taking the ``?`` parameters
    of the SQLite queries here (psycopg's values: datetimes, as the payload's are)."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Iterable[tuple[Any, ...]]:
        self._cur.execute(sql.replace("?", "%s"), tuple(params))
        rows: list[tuple[Any, ...]] = self._cur.fetchall()
        return iter(rows)


@contextmanager
def _raw_cursor(conn: Connection) -> Iterator[Any]:
    raw = conn.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        assert raw is not None
        cur = raw.cursor()
        try:
            yield _ServerCursor(cur)
        finally:
            cur.close()
        return
    old = raw.text_factory
    raw.text_factory = _lenient
    try:
        yield raw.cursor()
    finally:
        raw.text_factory = old


def batch_digest(conn: Connection, payload: Sequence[tuple[Any, ...]], inserted: int,
                 after_id: int) -> str:
    """The digest of a batch just stored: from its own payload (in insert order) when every
    row was new, else read back (the punches after ``after_id``, this transaction's)."""
    if inserted == len(payload):
        return digest_rows(r[:len(_COLS)] for r in payload)
    with _raw_cursor(conn) as cur:
        return digest_rows(cur.execute(f"{_SELECT} WHERE id > ? ORDER BY id", (after_id,)))


def punch_digest_of(conn: Connection, batch_id: int) -> str:
    with _raw_cursor(conn) as cur:
        return digest_rows(cur.execute(f"{_SELECT} WHERE batch_id = ? ORDER BY id",
                                       (batch_id,)))


def max_punch_id(conn: Connection) -> int:
    return int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM punch")).scalar() or 0)


def _all_digests(conn: Connection) -> dict[int, str]:
    """Every batch's punch digest in one pass over the punch table."""
    out: dict[int, str] = {}
    current: int | None = None
    d = PunchDigest()
    with _raw_cursor(conn) as cur:
        for row in cur.execute(f"SELECT batch_id, {', '.join(_COLS)} FROM punch"
                               " ORDER BY batch_id, id"):
            if row[0] != current:
                if current is not None:
                    out[current] = d.hexdigest()
                current, d = int(row[0]), PunchDigest()
            d.add(tuple(row[1:]))
    if current is not None:
        out[current] = d.hexdigest()
    return out


def audited_classes() -> list[type[Audited]]:
    found = [m.class_ for m in Base.registry.mappers if issubclass(m.class_, Audited)]
    return sorted(found, key=lambda c: c.__audit_entity__)


def _last_after(conn: Connection) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(entity, id) → (action, after) of each entity's newest audit row."""
    last: dict[tuple[str, str], tuple[str, str | None]] = {}
    for entity, entity_id, action, after in conn.execute(text(
            "SELECT entity, entity_id, action, after FROM audit_log ORDER BY id")):
        last[(str(entity), str(entity_id))] = (str(action), after)
    return last


def _differs(obj: Audited, after: str | None, key: bytes) -> tuple[str, ...]:
    """Fields whose live value is not the audited one (keys the trail has)."""
    try:
        audited: dict[str, Any] = json.loads(after or "{}")
    except ValueError:
        return ("after",)
    live = json.loads(audit._dump(audit._raw_values(obj, "after")) or "{}")
    masked = getattr(obj, "__audit_mask__", ())
    bad = []
    for field, value in audited.items():
        if field not in live:
            continue  # a column since dropped
        if field in masked:
            if not audit.matches_audited(field, live[field], value, key):
                bad.append(field)
        elif live[field] != value:
            bad.append(field)
    return tuple(bad)


def _rows_problems(session: Session, cls: type[Audited], key: bytes,
                   last: dict[tuple[str, str], tuple[str, str | None]],
                   skip: frozenset[int] = frozenset()) -> list[DataProblem]:
    entity = cls.__audit_entity__
    problems: list[DataProblem] = []
    seen: set[str] = set()
    try:
        objs = list(session.scalars(select(cls)))
    except Exception as exc:  # a flipped byte the driver cannot decode, a bad date…
        return [DataProblem("unreadable", entity, "", (type(exc).__name__,))]
    for obj in objs:
        ident = audit._identity(obj, audit._raw_values(obj, "after"))
        seen.add(ident)
        if getattr(obj, "project_id", None) in skip:
            continue  # issue 19: a site's copy, audited by the site's chain
        entry = last.get((entity, ident))
        if entry is None or entry[1] is None:  # never audited, or audited as gone
            problems.append(DataProblem("ghost", entity, ident))
            continue
        fields = _differs(obj, entry[1], key)
        if fields:
            problems.append(DataProblem("changed", entity, ident, fields))
    for (ent, ident), (_action, after) in last.items():
        if ent == entity and after is not None and ident not in seen:
            problems.append(DataProblem("missing", entity, ident))
    return problems


def _digest_problems(session: Session, skip: frozenset[int] = frozenset()
                     ) -> tuple[list[DataProblem], int]:
    conn = session.connection()
    try:
        digests = _all_digests(conn)
        stored = {int(i): d for i, d, p in conn.execute(
            text("SELECT id, punch_digest, project_id FROM import_batch")) if p not in skip}
    except Exception as exc:
        return [DataProblem("unreadable", "punch", "", (type(exc).__name__,))], 0
    problems = []
    empty = digest_rows(())
    site = {int(i) for i, p in conn.execute(text("SELECT id, project_id FROM import_batch"))
            if p in skip}
    for batch_id in sorted((set(stored) | set(digests)) - site):
        want = stored.get(batch_id)
        if batch_id in stored and want is None:
            problems.append(DataProblem("no_digest", "import_batch", str(batch_id)))
        elif want != digests.get(batch_id, empty):
            problems.append(DataProblem("punch_digest", "import_batch", str(batch_id)))
    return problems, len(stored)


@dataclass(frozen=True)
class DataReport:
    rows: int
    batches: int
    problems: tuple[DataProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def site_projects(conn: Connection) -> frozenset[int]:
    """Issue 19: the projects brought in from site packages. Their rows were written by the
    package import, not audited here: the site's signed package and its own audit chain
    (``site_audit``) vouch for them, so this check leaves them out."""
    return frozenset(int(r[0]) for r in conn.execute(
        text("SELECT id FROM project WHERE origin = 'site'")))


def check(session: Session) -> DataReport:
    conn = session.connection()
    key = audit.audit_key(conn)
    last = _last_after(conn)
    skip = site_projects(conn)
    problems: list[DataProblem] = []
    rows = 0
    for cls in audited_classes():
        problems += _rows_problems(session, cls, key, last, skip)
        rows += sum(1 for ent, _ in last if ent == cls.__audit_entity__)
    digest_problems, batches = _digest_problems(session, skip)
    return DataReport(rows, batches, tuple(problems + digest_problems))


def ensure_baseline(session: Session, actor: str, clock: Clock = SYSTEM_CLOCK) -> bool:
    """Reconcile a database made before these checks, once; True when it ran."""
    if session.get(DbMeta, BASELINE_KEY) is not None:
        return False
    conn = session.connection()
    for batch in session.scalars(select(ImportBatch).where(
            ImportBatch.punch_digest.is_(None))):
        batch.punch_digest = punch_digest_of(conn, batch.id)  # an audited update
    session.flush()
    key = audit.audit_key(conn)
    last = _last_after(conn)
    for cls in audited_classes():
        for problem in _rows_problems(session, cls, key, last):
            if problem.code in ("ghost", "changed"):
                obj = _by_identity(session, cls, problem.entity_id)
                if obj is not None:
                    audit.record(conn, actor, "baseline", problem.entity, problem.entity_id,
                                 None, audit._column_values(obj, "after", key), clock,
                                 session.info.get(audit.KEYS_KEY))
            elif problem.code == "missing":
                audit.record(conn, actor, "baseline", problem.entity, problem.entity_id,
                             None, None, clock, session.info.get(audit.KEYS_KEY))
    session.add(DbMeta(key=BASELINE_KEY, value=clock.utcnow().isoformat()))
    session.flush()
    return True


def _by_identity(session: Session, cls: type[Audited], ident: str) -> Audited | None:
    for obj in session.scalars(select(cls)):
        if audit._identity(obj, audit._raw_values(obj, "after")) == ident:
            return obj
    return None
