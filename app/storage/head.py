"""The head sidecar: ``onsitedesk.db.head`` beside the database (issue 17, no silent loss).

After every commit that moved the audit trail, the newest audit id and hash (and the hash of
the first audit row, the database's origin) are written to a small JSON file, atomically
(temp file, fsync, rename, fsync of the folder). At start and in ``db check`` the database is
compared with it:

- the file is gone or empty while the head exists: the database was deleted (never silently
  replaced by an empty one);
- the database's newest audit id is *older* than the head's: a lost WAL tail or an older copy
  put in place; the message names the missing audit rows;
- the audit row the head names has another hash, or the first row differs: another database
  (or another history) is in place.

A database *newer* than its head is fine: the head is written after the commit, so a crash in
between leaves exactly that; the head is brought forward at the next open.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.pool import NullPool

from app import strings
from app.durable import write_atomic
from app.errors import IntegrityCheckFailed

SUFFIX = ".head"
VERSION = 1


@dataclass(frozen=True)
class Head:
    audit_id: int
    audit_hash: str
    origin: str  # hash of audit row 1 ("" while the trail is empty)


@dataclass(frozen=True)
class HeadProblem:
    code: str  # missing_file | older | diverged
    first_missing: int = 0
    last_missing: int = 0


def head_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def _parse(data: dict[str, object]) -> Head:
    return Head(int(str(data["audit_id"])), str(data["audit_hash"]), str(data["origin"]))


def read_all(db_path: Path) -> list[Head]:
    """The recorded head, then the one announced by a whole-file replacement under way
    (``install_demo``: before its copy, both states are acceptable). Unreadable: none."""
    try:
        data = json.loads(head_path(db_path).read_text(encoding="utf-8"))
        heads = [_parse(data)]
        if isinstance(data.get("next"), dict):
            heads.append(_parse(data["next"]))
        return heads
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def read(db_path: Path) -> Head | None:
    """The recorded head, or ``None`` (no head yet, or unreadable: treated as no head)."""
    heads = read_all(db_path)
    return heads[0] if heads else None


def _fields(head: Head) -> dict[str, object]:
    return {"audit_id": head.audit_id, "audit_hash": head.audit_hash, "origin": head.origin}


def write(db_path: Path, head: Head, upcoming: Head | None = None) -> None:
    """Atomically replace the sidecar; a folder that cannot be written is not an error here
    (read-only mode and disk full are reported where the database itself is written)."""
    target = head_path(db_path)
    tmp = target.with_name(target.name + ".tmp")
    content: dict[str, object] = {"version": VERSION, **_fields(head)}
    if upcoming is not None:
        content["next"] = _fields(upcoming)
    payload = json.dumps(content)
    try:
        write_atomic(target, payload.encode("ascii"))
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def current(conn: Connection) -> Head:
    """The database's own head: the newest audit row and the first one."""
    has = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_head'").first()
    if not has:
        return Head(0, "0" * 64, "")
    row = conn.execute(text("SELECT last_id, last_hash FROM audit_head")).first()
    if row is None:
        return Head(0, "0" * 64, "")
    first = conn.execute(text("SELECT hash FROM audit_log WHERE id = 1")).scalar()
    return Head(int(row[0]), str(row[1]), str(first or ""))


def hash_at(conn: Connection, audit_id: int) -> str | None:
    value = conn.execute(text("SELECT hash FROM audit_log WHERE id = :i"),
                         {"i": audit_id}).scalar()
    return None if value is None else str(value)


def compare(conn: Connection, recorded: Head) -> HeadProblem | None:
    """``None`` when the database is at or after the recorded head, else what is wrong."""
    now = current(conn)
    if recorded.audit_id == 0:
        return None
    if now.audit_id < recorded.audit_id:
        if recorded.origin and now.origin and now.origin != recorded.origin:
            return HeadProblem("diverged")
        return HeadProblem("older", now.audit_id + 1, recorded.audit_id)
    if recorded.origin and now.origin != recorded.origin:
        return HeadProblem("diverged")
    found = hash_at(conn, recorded.audit_id)
    if found is not None and found != recorded.audit_hash:
        return HeadProblem("diverged")
    # a row removed from the trail itself is ``audit verify``'s finding (chain, head)
    return None


def missing_file(db_path: Path) -> bool:
    """The head (or a backup of it) says a database was here, but the file is gone or
    empty."""
    if db_path.exists() and db_path.stat().st_size > 0:
        return False
    recorded = read(db_path)
    if recorded is not None and recorded.audit_id > 0:
        return True
    from app.storage import backup

    return bool(backup.list_backups(db_path))


def missing_message(db_path: Path) -> str:
    recorded = read(db_path)
    if recorded is None or recorded.audit_id == 0:
        return strings.HEAD_MISSING_FILE_BACKUPS.format(path=db_path)
    return strings.HEAD_MISSING_FILE.format(path=db_path, n=recorded.audit_id)


def describe(db_path: Path, problem: HeadProblem, recorded: Head) -> str:
    if problem.code == "older":
        return strings.HEAD_OLDER.format(path=db_path, first=problem.first_missing,
                                         last=problem.last_missing)
    return strings.HEAD_DIVERGED.format(path=db_path, id=recorded.audit_id)


def check(db_path: Path, conn: Connection) -> str | None:
    """The Chinese message when the database is older than (or not) the one recorded."""
    heads = read_all(db_path)
    if not heads:
        return None
    problem = compare(conn, heads[0])
    if problem is None or any(compare(conn, h) is None for h in heads[1:]):
        return None
    return describe(db_path, problem, heads[0])


def check_or_raise(db_path: Path, engine: Engine, newest_backup: str | None) -> None:
    with engine.connect() as conn:
        message = check(db_path, conn)
    if message:
        raise IntegrityCheckFailed(f"{message}\n{strings.HEAD_ACCEPT_HINT}", newest_backup)


def of_file(db_path: Path) -> Head:
    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool, hide_parameters=True)
    try:
        with engine.connect() as conn:
            return current(conn)
    finally:
        engine.dispose()


def reset(db_path: Path) -> Head:
    """Record the database as it is now (after a restore, or ``db accept``)."""
    now = of_file(db_path)
    write(db_path, now)
    return now


def announce(db_path: Path, upcoming: Head) -> None:
    """Before the database is replaced whole by a file whose head is ``upcoming``: keep the
    present head and accept the upcoming one too, so a kill on either side is no alarm."""
    write(db_path, of_file(db_path), upcoming)


class HeadKeeper:
    """Writes the sidecar after commits that moved the audit trail (one per Database)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.last: Head | None = None
        self.opened: Head | None = None

    def mark_opened(self) -> None:
        """The state once opening (seeding, baseline) is done: what close compares with."""
        self.opened = self.last

    def moved_since_open(self) -> bool:
        return self.last is not None and self.last != self.opened

    def pending(self, conn: Connection) -> Head | None:
        """Read inside the committing transaction, after its last flush."""
        try:
            return current(conn)
        except Exception:  # never let the sidecar break a write
            return None

    def committed(self, head: Head | None) -> None:
        if head is None or head == self.last:
            return
        write(self.db_path, head)
        self.last = head

    def sync_engine(self, engine: Engine) -> None:
        """Bring the sidecar to the database as it is now (after the start-up checks)."""
        with engine.connect() as conn:
            self.committed(self.pending(conn))
