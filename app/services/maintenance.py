"""Database care: integrity check, backups, restore, audit verification (SPEC Q2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import strings
from app.errors import AppError
from app.storage import audit, backup
from app.storage.db import Database, foreign_key_problems, quick_check


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


def restore_latest(db_path: Path) -> tuple[Path, Path]:
    """Replace a broken database with its newest backup; returns (backup, broken copy)."""
    backups = backup.list_backups(db_path)
    for candidate in backups:
        if quick_check(candidate) is None:
            broken = backup.restore(db_path, candidate)
            return candidate, broken
    raise AppError(strings.DB_NO_BACKUP_TO_RESTORE)


class MaintenanceService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def check(self) -> CheckResult:
        problem = quick_check(self.db.path)
        if problem:
            return CheckResult(False, strings.DB_CHECK_FAILED.format(path=self.db.path,
                                                                     problem=problem))
        fk = foreign_key_problems(self.db)
        if fk:
            return CheckResult(False, strings.MIGRATION_FK_BROKEN.format(n=fk))
        return CheckResult(True, strings.DB_CHECK_OK.format(path=self.db.path))

    def backup_now(self) -> Path:
        return backup.make_backup(self.db.path, "manual", now=self.db.clock.now())

    def list_backups(self) -> list[Path]:
        return backup.list_backups(self.db.path)

    def verify_audit(self) -> audit.AuditReport:
        with self.db.engine.connect() as conn:
            return audit.verify(conn)


def audit_messages(report: audit.AuditReport) -> list[str]:
    if report.ok:
        return [strings.AUDIT_OK.format(rows=report.rows)]
    lines = [strings.AUDIT_BAD.format(rows=report.rows, n=len(report.problems))]
    lines += [strings.AUDIT_PROBLEM[p.reason].format(id=p.audit_id) for p in report.problems]
    return lines
