"""Privacy at rest for the person table (issue 18, SPEC Q3): how full ID-card and phone numbers
are written and shown, and the one-time encryption of a database's existing rows.

Three states of a database:

- no accounts (``db.principal is None``) and nothing encrypted: numbers in clear, as before;
- accounts and an unlocked admin (``db.keys`` set): every number written goes in as ciphertext
  + masked form (+ keyed index for the ID number); lists, DTOs, printouts and the default export
  show the masked form; :meth:`RosterService.reveal` gives an admin the full numbers (audited);
- accounts and nothing unlocked (a viewer): reads show masked, numbers cannot be written.

:func:`encrypt_existing` runs when the first admin is created: every row encrypted in one
transaction, the clear columns blanked, then no clear copy left in the file (secure_delete,
VACUUM, WAL checkpoint TRUNCATE) nor in the backups and the files a restore set aside (each
rewritten the same way, kept as a restore point; one that cannot be processed is reported,
never silently kept).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app import strings
from app.clock import SYSTEM_CLOCK, Clock
from app.durable import fsync_file
from app.errors import AppError
from app.security import pii
from app.security.keys import KeySet
from app.security.principal import Principal
from app.storage import audit, backup
from app.storage.db import Database
from app.storage.tables import Person

_ENC = {pii.PHONE: "phone_enc", pii.ID_CARD: "id_card_enc"}
_MASKED = {pii.PHONE: "phone_masked", pii.ID_CARD: "id_card_masked"}
SCRUB_WAIT_MS = 3000
PII_ENTITY = "person_pii"  # audit rows of reads and exports of full numbers (no live table)


def is_encrypted(person: Person, name: str) -> bool:
    return bool(getattr(person, _ENC[name]))


def shown(person: Person, name: str, principal: Principal | None) -> str:
    """What a list, a DTO or a printout shows: the masked form once encrypted (or once
    accounts exist), the clear number in a database without accounts (as before); the
    stored masked form where there is no clear number (a site package's copy)."""
    clear = str(getattr(person, name) or "")
    if is_encrypted(person, name) or not clear:  # no clear number: a site copy (issue 19)
        return str(getattr(person, _MASKED[name]) or "")  # carries the masked form only
    return clear if principal is None else pii.mask(name, clear)


def full(person: Person, name: str, keys: KeySet | None) -> str:
    """The full number (decrypted when encrypted); :class:`pii.PiiError` when it cannot be."""
    token = str(getattr(person, _ENC[name]) or "")
    if not token:
        return str(getattr(person, name) or "")
    if keys is None:
        raise AppError(strings.PII_LOCKED)
    return pii.decrypt(keys, name, person.id, token)


def store(person: Person, name: str, value: str, keys: KeySet | None,
          principal: Principal | None) -> None:
    """Write one personal value to ``person`` (whose ``id`` must be set when encrypting)."""
    value = value or ""
    if keys is None:
        held = bool(getattr(person, name) or getattr(person, _ENC[name]))
        if principal is not None and (value or held):  # accounts, nothing unlocked
            raise AppError(strings.PII_NO_KEYS_WRITE)
        setattr(person, name, value)
        setattr(person, _ENC[name], "")
        setattr(person, _MASKED[name], "")
        if name == pii.ID_CARD:
            person.id_card_index = ""
        return
    assert person.id is not None, "encrypting needs the row id (associated data)"
    setattr(person, name, "")
    setattr(person, _ENC[name], pii.encrypt(keys, name, person.id, value))
    setattr(person, _MASKED[name], pii.mask(name, value))
    if name == pii.ID_CARD:
        person.id_card_index = pii.id_index(keys, value)


def seal_if_clear(person: Person, name: str, keys: KeySet | None) -> None:
    """A number still in clear (written before the database was encrypted) is encrypted the
    next time an unlocked admin saves the row."""
    clear = str(getattr(person, name) or "")
    if keys is not None and clear and not is_encrypted(person, name):
        store(person, name, clear, keys, None)


def unchanged(person: Person, name: str, value: str, keys: KeySet | None) -> bool:
    """Whether ``value`` (from a form or a DTO) leaves the stored number as it is: its masked
    form shown back, or the same full number."""
    if not value:
        return not (getattr(person, name) or is_encrypted(person, name))
    if pii.is_masked(value):
        masked = (getattr(person, _MASKED[name]) if is_encrypted(person, name)
                  else pii.mask(name, str(getattr(person, name) or "")))
        return bool(value == masked)
    if not is_encrypted(person, name):
        return bool(value == getattr(person, name))
    try:
        return bool(keys is not None and full(person, name, keys) == value)
    except AppError:  # a damaged ciphertext: the new value replaces it
        return False


def next_person_id(s: Session) -> int:
    """The id the next person row gets (SQLite's rowid rule), known before the insert so the
    ciphertext can be bound to it."""
    return int(s.scalar(select(func.coalesce(func.max(Person.id), 0))) or 0) + 1


def new_person(s: Session, values: dict[str, Any], keys: KeySet | None,
               principal: Principal | None) -> Person:
    """A person row (added to ``s``, not flushed) with its numbers written as the state says."""
    plain = {k: v for k, v in values.items() if k not in pii.FIELDS}
    person = Person(**plain)
    if keys is not None:
        person.id = next_person_id(s)
    for name in pii.FIELDS:
        store(person, name, str(values.get(name) or ""), keys, principal)
    s.add(person)
    return person


def record_read(conn: Connection, actor: str, subject: str, what: dict[str, Any],
                clock: Clock) -> None:
    """An audit row saying full numbers were shown or exported (no number in it)."""
    audit.record(conn, actor, "read", PII_ENTITY, subject, None, what, clock)


# ---- encrypting a database that holds clear numbers --------------------------------------
@dataclass
class EncryptReport:
    people: int = 0  # persons whose numbers were encrypted now
    backups_done: list[Path] = field(default_factory=list)
    backups_failed: list[tuple[Path, str]] = field(default_factory=list)
    clear_audit_rows: int = 0  # audit rows from before masking that still hold numbers
    checkpoint_busy: bool = False  # a reader kept the WAL from being emptied

    @property
    def ok(self) -> bool:
        return not self.backups_failed and not self.checkpoint_busy

    def messages(self) -> list[str]:
        lines = [strings.PII_ENCRYPTED.format(people=self.people,
                                              backups=len(self.backups_done))]
        lines += [strings.PII_BACKUP_FAILED.format(name=p.name, reason=why)
                  for p, why in self.backups_failed]
        if self.checkpoint_busy:
            lines.append(strings.PII_CHECKPOINT_BUSY)
        if self.clear_audit_rows:
            lines.append(strings.PII_CLEAR_AUDIT_ROWS.format(n=self.clear_audit_rows))
        return lines


def _encrypt_rows(s: Session, keys: KeySet) -> int:
    """Encrypt every person's clear numbers in the open transaction ``s`` (audited updates),
    then replace the audit-trail key, so the keyed hashes the trail already holds of these
    numbers can no longer be tested against guesses (the old key leaves the file)."""
    count = 0
    for person in s.scalars(select(Person).order_by(Person.id)):
        names = [n for n in pii.FIELDS if getattr(person, n)]
        for name in names:
            store(person, name, str(getattr(person, name)), keys, None)
        count += bool(names)
    s.flush()
    s.connection().execute(text("UPDATE db_meta SET value = :v WHERE key = :k"),
                           {"v": secrets.token_hex(32), "k": audit.KEY_KEY})
    return count


def _scrub(raw: sqlite3.Connection) -> bool:
    """Rewrite the file without free pages and empty the WAL; False when a reader kept the
    WAL from being truncated."""
    raw.execute("PRAGMA secure_delete=ON")
    raw.execute("VACUUM")
    old = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute(f"PRAGMA busy_timeout={SCRUB_WAIT_MS}")  # a reader is waited for, briefly
    try:
        row = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        raw.execute(f"PRAGMA busy_timeout={int(old)}")
    return not (row and row[0])


def _clear_audit_rows(conn: Connection) -> int:
    """Audit rows of persons whose values hold a number unmasked (written before issue 17's
    masking): they are part of the hash chain and stay; the report says how many."""
    n = 0
    for before, after in conn.execute(text(
            "SELECT before, after FROM audit_log WHERE entity = 'person'")):
        for blob in (before, after):
            try:
                values = json.loads(blob) if blob else {}
            except ValueError:
                continue
            if any(isinstance(values.get(k), str) and values[k]
                   and audit.MASK_MARK not in values[k] for k in pii.FIELDS):
                n += 1
                break
    return n


def encrypt_existing(db: Database, keys: KeySet, actor: str | None = None) -> EncryptReport:
    """Encrypt the clear numbers of ``db`` and of its backups; see the module docstring."""
    report = EncryptReport()
    who = actor or (db.principal.display if db.principal else None)
    with db.transaction(who) as s:
        s.connection().exec_driver_sql("PRAGMA secure_delete=ON")
        report.people = _encrypt_rows(s, keys)
        report.clear_audit_rows = _clear_audit_rows(s.connection())
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        report.checkpoint_busy = not _scrub(raw)
    for path in copies_of(db.path):
        try:
            encrypt_backup(path, keys, who or audit.default_actor(), db.clock)
        except Exception as exc:  # any failure is reported by name; no number in a reason
            report.backups_failed.append((path, _reason(exc)))
        else:
            report.backups_done.append(path)
    return report


def copies_of(db_path: Path) -> list[Path]:
    """Every copy of the database the app keeps: the backups, and the files a restore set
    aside beside it (``<stem>-broken-<stamp>.db``)."""
    broken = sorted(db_path.parent.glob(f"{db_path.stem}-broken-*{db_path.suffix}"))
    return [*backup.list_backups(db_path), *broken]


def _reason(exc: BaseException) -> str:
    return exc.message if isinstance(exc, AppError) else type(exc).__name__


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def encrypt_backup(path: Path, keys: KeySet, actor: str, clock: Clock = SYSTEM_CLOCK) -> None:
    """Rewrite one backup with its numbers encrypted, under its own name (still a restore
    point): a copy is brought to the current schema, encrypted (audited, in its own trail),
    vacuumed without journal, checked, and only then put in place of the original."""
    from app.storage.db import migrate, quick_check

    tmp = path.with_suffix(backup.PART)
    try:
        shutil.copyfile(path, tmp)
        migrate(tmp)
        engine = create_engine(f"sqlite:///{tmp}", poolclass=NullPool)
        try:
            sessions = sessionmaker(engine, expire_on_commit=False)
            audit.install(sessions)
            with sessions.begin() as s:
                s.info[audit.ACTOR_KEY] = actor
                s.info[audit.CLOCK_KEY] = clock
                _encrypt_rows(s, keys)
        finally:
            engine.dispose()
        raw = sqlite3.connect(tmp, isolation_level=None)
        try:
            raw.execute("PRAGMA secure_delete=ON")
            raw.execute("PRAGMA journal_mode=DELETE")  # folds the WAL in and removes it
            raw.execute("VACUUM")
        finally:
            raw.close()
        problem = quick_check(tmp)
        if problem:
            raise AppError(problem)
        fsync_file(tmp)
        tmp.replace(path)
    finally:
        for leftover in (tmp, *_side_files(tmp)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
