"""Database care: integrity check, backups, restore, audit verification (SPEC Q2)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import strings
from app.errors import AppError
from app.security.guard import writes
from app.security.keys import KeySet
from app.storage import audit, backup, head
from app.storage.db import Database, foreign_key_problems, not_for_server, quick_check
from app.storage.layout import locate as locate  # the command line's door to it

if TYPE_CHECKING:  # its tables (~20 ms of imports) only when the check or baseline runs
    from app.storage import audit_data

BASELINE_KEY = "audit_baseline"  # audit_data.BASELINE_KEY (test_lazy_services checks)


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


@dataclass(frozen=True)
class RestoreLoss:
    """What the current database holds beyond a backup: lost if the backup is restored.
    ``None`` counts: the current file cannot be read (nothing readable to lose)."""

    audit: int | None
    punches: int | None
    batches: int | None

    @property
    def nothing(self) -> bool:
        return not (self.audit or self.punches or self.batches)


def newest_sound_backup(db_path: Path) -> Path:
    for candidate in backup.list_backups(db_path):
        if quick_check(candidate) is None:
            return candidate
    raise AppError(strings.DB_NO_BACKUP_TO_RESTORE)


_NEWER = {"audit": "audit_log", "punches": "punch", "batches": "import_batch"}


def _max_ids(path: Path) -> dict[str, int] | None:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        out = {}
        for key, table in _NEWER.items():
            try:
                out[key] = int(con.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
                               .fetchone()[0])
            except sqlite3.Error:
                out[key] = 0
        return out
    except sqlite3.Error:
        return None
    finally:
        con.close()


def _count_newer(path: Path, table: str, after: int) -> int | None:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return int(con.execute(f"SELECT COUNT(*) FROM {table} WHERE id > ?",
                               (after,)).fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        con.close()


def restore_loss(db_path: Path, backup_path: Path) -> RestoreLoss:
    """Audit rows, punches and import batches the current database has beyond the backup."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return RestoreLoss(0, 0, 0)
    base = _max_ids(backup_path) or {k: 0 for k in _NEWER}
    counts = {k: _count_newer(db_path, table, base[k]) for k, table in _NEWER.items()}
    return RestoreLoss(counts["audit"], counts["punches"], counts["batches"])


def loss_message(backup_path: Path, loss: RestoreLoss) -> str:
    if loss.nothing:
        return strings.RESTORE_NO_LOSS.format(backup=backup_path)
    def shown(n: int | None) -> str:
        return "?" if n is None else str(n)
    return strings.RESTORE_LOSS.format(backup=backup_path, audit=shown(loss.audit),
                                       punches=shown(loss.punches),
                                       batches=shown(loss.batches))


def restore_latest(db_path: Path, chosen: Path | None = None) -> tuple[Path, Path]:
    """Replace the database with its newest sound backup (or ``chosen``); returns (backup,
    kept copy of the replaced file). The head sidecar then records the restored state."""
    candidate = chosen or newest_sound_backup(db_path)
    broken = backup.restore(db_path, candidate)
    head.reset(db_path)
    return candidate, broken


def accept_current(db_path: Path, keys: KeySet | None = None) -> head.Head:
    """Record the database in place as the newest state (the user confirmed an older copy
    or another database is meant to be used). The acceptance itself is an audit row."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    if not db_path.exists() or db_path.stat().st_size == 0:
        raise AppError(strings.HEAD_ACCEPT_NO_FILE.format(path=db_path))
    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool, hide_parameters=True)
    try:
        with engine.connect() as conn:  # a keyed chain: refused before anything is accepted
            if keys is None and audit.chain_mode(conn) != audit.PLAIN:
                raise audit.KeyRequired()
    except Exception:
        engine.dispose()
        raise
    before = head.read(db_path)
    now = head.reset(db_path)
    try:
        with engine.begin() as conn:
            audit.record(conn, audit.default_actor(), "accept", "database", "head",
                         {"audit_id": before.audit_id if before else None},
                         {"audit_id": now.audit_id}, keys=keys)
    finally:
        engine.dispose()
    return head.reset(db_path)


def full_check(path: Path) -> str | None:
    """``None`` when ``PRAGMA integrity_check`` finds nothing, else its first complaints."""
    return quick_check(path, full=True)


SESSION_KEEP = 4  # the newest backups made after an import or at close, beside the dailies
_SESSION = re.compile(r"-(?:import|close)(?:-x+)?\.db$")


def session_backup(db: Database, reason: str) -> Path | None:
    """A backup after an import batch or at close, so a restore loses at most the last
    session's minutes. At most ``SESSION_KEEP`` of these are kept (the daily, manual and
    pre-migration rotation is backup.KEEP, as before); a backup that cannot be written does
    not undo the work already committed (``None``). None on a server (issue 19)."""
    if db.server is not None:
        return None
    try:
        made = backup.make_backup(db.path, reason, now=db.clock.now(),
                                  keep=backup.KEEP + SESSION_KEEP)
        for old in [p for p in backup.list_backups(db.path) if _SESSION.search(p.name)][
                SESSION_KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        return None
    return made


class MaintenanceService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def check(self) -> CheckResult:
        """``db check``: the full ``PRAGMA integrity_check`` (indexes against their tables
        too: start-up's quick check skips that), the head sidecar, foreign keys."""
        not_for_server(self.db, strings.DB_WHAT_CHECK)  # issue 19: SQLite's own checks
        problem = full_check(self.db.path)
        if problem:
            return CheckResult(False, strings.DB_CHECK_FAILED.format(path=self.db.path,
                                                                     problem=problem))
        with self.db.engine.connect() as conn:
            behind = head.check(self.db.path, conn)
        if behind:
            return CheckResult(False, behind)
        fk = foreign_key_problems(self.db)
        if fk:
            return CheckResult(False, strings.MIGRATION_FK_BROKEN.format(n=fk))
        return CheckResult(True, strings.DB_CHECK_OK.format(path=self.db.path))

    @writes
    def backup_now(self) -> Path:
        not_for_server(self.db, strings.DB_WHAT_BACKUP)  # issue 19: pg_dump's business
        return backup.make_backup(self.db.path, "manual", now=self.db.clock.now())

    def list_backups(self) -> list[Path]:
        return backup.list_backups(self.db.path)

    def verify_audit(self) -> audit.AuditReport:
        with self.db.engine.connect() as conn:
            return audit.verify(conn, self.db.keys)

    def verify_data(self) -> audit_data.DataReport:
        """The business tables against the trail: last after-values, punch digests."""
        from app.storage import audit_data

        with self.db.read() as s:
            return audit_data.check(s)

    def close_backup(self) -> Path | None:
        """At close: a backup if this session wrote anything after opening."""
        if not self.db.head.moved_since_open():
            return None
        return session_backup(self.db, "close")

    @writes
    def ensure_baseline(self) -> bool:
        """Once per database: reconcile data made before the business checks existed."""
        from app.storage.tables import DbMeta

        with self.db.read() as s:
            if s.get(DbMeta, BASELINE_KEY) is not None:
                return False
        from sqlalchemy.exc import OperationalError

        from app.storage import audit_data

        try:
            with self.db.transaction() as s:
                actor = str(s.info.get(audit.ACTOR_KEY) or audit.default_actor())
                return audit_data.ensure_baseline(s, actor, self.db.clock)
        except OperationalError:  # a read-only file or folder: done at the next writable open
            return False


def audit_messages(report: audit.AuditReport) -> list[str]:
    if report.ok and report.unchecked:
        return [strings.AUDIT_OK_UNCHECKED.format(
            rows=report.rows, plain=report.keyed_from - 1, first=report.keyed_from,
            n=report.unchecked)]
    if report.ok and report.keyed_from:
        return [strings.AUDIT_OK_KEYED.format(rows=report.rows, first=report.keyed_from)]
    if report.ok:
        return [strings.AUDIT_OK.format(rows=report.rows)]
    lines = [strings.AUDIT_BAD.format(rows=report.rows, n=len(report.problems))]
    lines += [strings.AUDIT_PROBLEM[p.reason].format(id=p.audit_id) for p in report.problems]
    return lines


def data_messages(report: audit_data.DataReport) -> list[str]:
    if report.ok:
        return [strings.BIZ_OK.format(rows=report.rows, batches=report.batches)]
    lines = [strings.BIZ_BAD.format(n=len(report.problems))]
    names = strings.AUDIT_ENTITY_NAMES
    for p in report.problems[:200]:
        lines.append(strings.BIZ_PROBLEM[p.code].format(
            entity=names.get(p.entity, p.entity), id=p.entity_id,
            fields=strings.LIST_SEP.join(p.fields)))
    if len(report.problems) > 200:
        lines.append(strings.BIZ_MORE.format(n=len(report.problems) - 200))
    return lines
