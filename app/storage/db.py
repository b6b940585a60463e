"""Engine, pragmas, start-up checks and migrations: the only SQLite-specific module.

Start-up order (SPEC Q2): integrity check → backup before migration → migrate with foreign
keys off → ``PRAGMA foreign_key_check`` → daily backup.

Issue 19: a PostgreSQL server database (``postgresql+psycopg://…``, :func:`open_server`)
takes the same code with none of the file machinery: no quick check, lock file, backups or
head sidecar (the server keeps its own consistency; backups are pg_dump's business), and
migrations serialised by an advisory lock instead of the lock file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, DateTime, Engine, Table, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

from app import config, strings
from app.clock import SYSTEM_CLOCK, Clock
from app.errors import (
    AccessDenied,
    AppError,
    DatabaseBusy,
    DatabaseError,
    DatabaseReadOnly,
    DiskFull,
    IntegrityCheckFailed,
    ServerLost,
)
from app.filelock import FileLock, LockTimeout
from app.security.keys import KeySet
from app.security.principal import Principal
from app.storage import audit, backup, layout
from app.storage import head as sidecar
from app.storage.faults import disk_full, read_only_reason, storage_error

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
# issue 18: per engine, the Database method that runs before each BEGIN (weak: no cycle)
_Guard = weakref.WeakMethod[Callable[[Connection], None]]
_BEGIN_GUARDS: weakref.WeakKeyDictionary[Engine, _Guard] = weakref.WeakKeyDictionary()
WRITE_OPTION = "onsitedesk_write"
ANY_PROJECT_OPTION = "onsitedesk_any_project"  # issue 19: see Database.transaction
SYSTEM_OPTION = "onsitedesk_system"  # issue 18: the accounts' own bookkeeping (see transaction)
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


def _read_only_uri(path: Path) -> str:
    """A read-only SQLite URI for ``path``. Without a ``-wal`` file (a clean close) the file
    is all there is, and ``immutable`` opens it even in a read-only folder, where SQLite
    could not create the ``-shm`` file that WAL mode otherwise needs."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        uri += "&immutable=1"
    return uri


def _sqlite_engine(path: Path, *, pooled: bool = True, read_only: bool = False) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 10},
                              # SQL parameters (names, ID and phone numbers) never go into
                              # an error message or a traceback
                              "hide_parameters": True}
    if not pooled:
        kwargs["poolclass"] = NullPool
    if read_only:
        del kwargs["connect_args"]
        kwargs.setdefault("poolclass", QueuePool)  # "sqlite://" alone would mean :memory:
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
            _read_only_uri(path), uri=True, check_same_thread=False, timeout=10), **kwargs)
    else:
        engine = create_engine(f"sqlite:///{path}", **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _rec: Any) -> None:
        # SQLAlchemy, not pysqlite, owns BEGIN, so DDL is transactional too.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if read_only:
            cur.execute("PRAGMA query_only=ON")
        else:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        guard = _BEGIN_GUARDS.get(engine)
        if guard is not None and (method := guard()) is not None:
            method(conn)  # issue 18: a viewer's connection is query_only
        # Writers take the write lock up front (a second writer waits for the busy timeout
        # instead of failing half-way); readers never block anyone under WAL.
        immediate = conn.get_execution_options().get(WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(config.migrations_dir()))
    return cfg


def head_revision() -> str:
    """The newest migration, read from the version files' text.

    Alembic itself costs ~0.15 s to import, so start-up only imports it when a migration is
    really due; a unit test checks this agrees with Alembic's own idea of the head.
    """
    revisions, downs = set(), set()
    for path in (config.migrations_dir() / "versions").glob("*.py"):
        text_ = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text_), _DOWN.search(text_)
        if rev:
            revisions.add(rev.group(1))
        if down:
            downs.add(down.group(1))
    heads = revisions - downs
    if len(heads) != 1:
        raise DatabaseError(f"migration heads: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            has_table = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).first() is not None
        else:
            from sqlalchemy import inspect

            has_table = inspect(conn).has_table("alembic_version")
        if not has_table:
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return str(row[0]) if row else None


def quick_check(path: Path, *, full: bool = False) -> str | None:
    """``None`` when the file is sound, else SQLite's first complaints. ``full``: the whole
    ``integrity_check`` (indexes compared with their tables), else the fast ``quick_check``."""
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check(20)" if full
                               else "PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:5])


def migrate(path: Path, target: str = "head", clock: Clock | None = None) -> None:
    """Run Alembic with foreign keys off, then refuse to commit if any FK is dangling.
    ``clock`` stamps audit rows a migration writes (0013's ``rechained``)."""
    from alembic import command

    engine = _sqlite_engine(path, pooled=False)
    try:
        with engine.connect() as conn:
            # Must be set outside a transaction, on the raw connection, before SA begins one.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            with conn.begin():
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                cfg.attributes["clock"] = clock
                command.upgrade(cfg, target)
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise DatabaseError(strings.MIGRATION_FK_BROKEN.format(n=len(bad)))
    finally:
        engine.dispose()


class Database:
    """An open database: the engine and a session factory with the audit trail installed.

    ``read_only``: why writes are refused (Chinese, for the banner and the refusal), or
    ``None`` when the database is writable."""

    def __init__(self, path: Path, engine: Engine, clock: Clock = SYSTEM_CLOCK,
                 read_only: str | None = None, server: str | None = None) -> None:
        self.path = path
        # issue 19: on a PostgreSQL server, the URL without its password (for messages);
        # ``path`` is then only the local anchor of the data folder (attachments)
        self.server = server
        self.engine = engine
        self.clock = clock
        self.read_only = read_only
        # issue 18: who is signed in (None: a database without accounts) and the unlocked
        # secrets (None: nothing unlocked); set by the accounts service after a login
        self.principal: Principal | None = None
        self.keys: KeySet | None = None
        # issue 18: accounts exist, so a write needs a signed-in principal who may write
        # (set by the accounts service; False: a database without accounts, as before)
        self.accounts_required = False
        # issue 19: the project every service works on (``--project CODE``; a one-site
        # database has project 1); every session carries it in ``info[PROJECT_KEY]``
        self.project_id = 1
        # issue 19: why the current project may not be written here (a site package's copy,
        # read-only at head office; set by app.services.project.use_project), or None
        self.project_refusal: str | None = None
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        # issue 19: the session ``held_reads`` lends to every ``read`` on its thread; shared
        # by the project views (``copy.copy`` of this object) so they lend it too
        self._held = threading.local()
        audit.install(self.sessions)
        self.head = sidecar.HeadKeeper(path) if server is None else _ServerHead(path)
        event.listen(self.sessions, "before_flush", _refuse_read_only)
        if read_only is None:  # the read-only engine refuses every write already
            _BEGIN_GUARDS[engine] = weakref.WeakMethod(self._guard_connection)

    # ---- issue 18: who may write --------------------------------------------------------------
    def write_refusal(self, *, any_project: bool = False) -> str | None:
        """Why the signed-in person may not write (Chinese), or ``None`` when they may: a
        viewer, or nobody signed in on a database with accounts. A database without accounts
        refuses nothing (as before issue 18). Issue 19: a project copied from a site package
        refuses every write (:attr:`project_refusal`) -- but ``any_project``: a write that
        belongs to no one project (head office's summaries, ``ANY_PROJECT_OPTION``)."""
        if self.project_refusal and not any_project:
            return self.project_refusal
        p = self.principal
        if p is None:
            return strings.ACC_REFUSED_NOT_SIGNED_IN if self.accounts_required else None
        return None if p.can_write else strings.ACC_REFUSED_VIEWER.format(user=p.display)

    def actor_name(self, given: str | None = None) -> str:
        """Who the audit trail names: the signed-in person as ``display (login)``, else
        ``given`` (the services' actor), else the OS login (no accounts)."""
        p = self.principal
        if p is not None:
            return f"{p.display} ({p.login})"
        return given or audit.default_actor()

    def person_name(self, given: str | None = None) -> str:
        """Who a record names as its author (recorded by, locked by): the signed-in person's display
        name, else ``given``, else the OS login (no accounts)."""
        p = self.principal
        if p is not None:
            return p.display
        return given or audit.default_actor()

    def _guard_connection(self, conn: Connection) -> None:
        """At each BEGIN: a connection of someone who may not write is ``query_only``, so raw
        SQL (the punch import's core inserts) is refused by SQLite itself; the accounts'
        bookkeeping (``SYSTEM_OPTION``) is let through."""
        options = conn.get_execution_options()
        refuse = (self.write_refusal(any_project=bool(options.get(ANY_PROJECT_OPTION)))
                  is not None and not options.get(SYSTEM_OPTION))
        if conn.dialect.name != "sqlite":  # issue 19: per transaction on PostgreSQL
            if refuse:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            return
        if refuse != conn.info.get(_QUERY_ONLY_KEY, False):
            conn.exec_driver_sql(f"PRAGMA query_only={'ON' if refuse else 'OFF'}")
            conn.info[_QUERY_ONLY_KEY] = refuse

    @property
    def data_dir(self) -> Path:
        return config.data_dir_of(self.path)

    @contextmanager
    def transaction(self, actor: str | None = None, *,
                    system: bool = False, any_project: bool = False) -> Iterator[Session]:
        """One use case = one transaction: commit on success, roll back on any error.
        A full disk, a read-only file and a busy database become their Chinese
        :class:`DatabaseError` (nothing was written). After the commit, the head sidecar
        records the newest audit row (app.storage.head).

        Issue 18: the audit trail names the signed-in person (:meth:`actor_name`); when they
        may not write (:meth:`write_refusal`), reads work and the first write, ORM or raw
        SQL, is refused with :class:`~app.errors.AccessDenied`. ``system``: the accounts
        service's own bookkeeping (failed attempts, last login), allowed for anyone.
        ``any_project`` (issue 19): a write that belongs to no one project (head office's
        summaries): the read-only state of a site package's copy does not apply, the
        person's role does."""
        newest = None
        refusal = None if system else self.write_refusal(any_project=any_project)
        try:
            with self.sessions.begin() as session:
                session.info[audit.ACTOR_KEY] = self.actor_name(actor)
                session.info[audit.CLOCK_KEY] = self.clock
                session.info[audit.KEYS_KEY] = self.keys  # the keyed audit chain (issue 18)
                session.info[PROJECT_KEY] = self.project_id  # issue 19
                if self.read_only:
                    # reads that happen to run in a transaction still work; the first
                    # write (an ORM flush, or raw SQL on the read-only engine) is refused
                    session.info[_READ_ONLY_KEY] = self.read_only
                elif refusal:
                    session.info[_ROLE_KEY] = refusal  # ORM writes; raw SQL: query_only
                    session.connection()
                else:
                    session.connection(execution_options={WRITE_OPTION: True,
                                                          SYSTEM_OPTION: system,
                                                          ANY_PROJECT_OPTION: any_project})
                yield session
                if not (self.read_only or refusal):
                    session.flush()
                    newest = self.head.pending(session.connection())
        except (sa_exc.DBAPIError, sqlite3.Error, OSError) as exc:
            why = str(getattr(exc, "orig", exc)).lower()
            if refusal and ("readonly" in why or "read-only transaction" in why):
                raise AccessDenied(refusal) from None
            if self.server is not None and isinstance(exc, sa_exc.OperationalError):
                raise server_lost(self.server, exc) from None  # issue 19: link lost
            translated = storage_error(exc, self.path)
            if translated is None:
                raise
            if self.read_only and isinstance(translated, DatabaseReadOnly):
                translated = DatabaseReadOnly(strings.DB_READ_ONLY_REFUSED.format(
                    reason=self.read_only))
            raise translated from exc
        if newest is not None:
            self.head.committed(newest)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session to read with (nothing it changes is committed). On a server, a lost
        link is :class:`ServerLost` (Chinese, naming the server), as in a transaction."""
        try:
            with self._read() as session:
                yield session
        except sa_exc.OperationalError as exc:
            if self.server is None:
                raise
            raise server_lost(self.server, exc) from None

    def ping(self) -> None:
        """Reach the database once: on a server, :class:`ServerLost` when it does not answer
        (the window's reconnect button)."""
        with self.read() as s:
            s.execute(text("SELECT 1"))

    @contextmanager
    def _read(self) -> Iterator[Session]:
        held: Session | None = getattr(self._held, "session", None)
        if held is None:
            with self.sessions() as session:
                session.info[PROJECT_KEY] = self.project_id  # issue 19
                yield session
            return
        # inside ``held_reads`` on this thread: its session, working on this view's project
        # for this block; each outermost block starts with an empty identity map, as a
        # session of its own would
        info = held.info
        before, depth = info.get(PROJECT_KEY), info.get(_DEPTH_KEY, 0)
        info[PROJECT_KEY], info[_DEPTH_KEY] = self.project_id, depth + 1
        try:
            yield held
        finally:
            info[_DEPTH_KEY] = depth
            if before is None:
                info.pop(PROJECT_KEY, None)
            else:
                info[PROJECT_KEY] = before
            if depth == 0:
                held.expunge_all()

    @contextmanager
    def held_reads(self) -> Iterator[None]:
        """Issue 19: every :meth:`read` on this thread, of this database and of its project
        views, reuses one session (one connection, one transaction, rolled back at the end)
        until the block ends. Head office counting fifty projects reads about six times per
        project; on a server a session of its own costs ~0.8 ms each (checkout, BEGIN,
        ROLLBACK). Only for blocks that read: writes go through :meth:`transaction` as
        always. On SQLite the block reads one snapshot, so it must not wait for commits made
        inside it. Nested blocks share the outer one's."""
        if getattr(self._held, "session", None) is not None:
            yield
            return
        with self.sessions() as session:
            self._held.session = session
            try:
                yield
            finally:
                self._held.session = None

    def close(self) -> None:
        self.engine.dispose()


PROJECT_KEY = "project_id"  # issue 19: session.info key of the project a session works on
_READ_ONLY_KEY = "read_only"
_ROLE_KEY = "role_refusal"
_QUERY_ONLY_KEY = "onsitedesk_query_only"
_DEPTH_KEY = "onsitedesk_read_depth"  # how many ``read`` blocks use a held session


def _refuse_read_only(session: Session, _ctx: Any, _instances: Any) -> None:
    reason = session.info.get(_READ_ONLY_KEY)
    refusal = session.info.get(_ROLE_KEY)
    if (reason or refusal) and (session.new or session.deleted or any(
            session.is_modified(o, include_collections=False) for o in session.dirty)):
        if refusal:
            raise AccessDenied(refusal)
        raise DatabaseReadOnly(strings.DB_READ_ONLY_REFUSED.format(reason=reason))


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def open_database(path: Path, *, clock: Clock = SYSTEM_CLOCK,
                  daily_backup: bool = True) -> Database:
    """Open (creating if needed) and bring the schema to head, safely.

    Serialised between processes by a lock file (two first opens never migrate together).
    A database that cannot be written (read-only folder or file) opens read-only; so does
    one whose daily backup cannot be written (a full disk): readable, never silently
    unprotected. The default database at its old place is moved into its folder first
    (:func:`app.storage.layout.locate`)."""
    path = layout.locate(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(strings.DB_FOLDER_FAILED.format(path=path.parent, err=exc)) from exc
    if sidecar.missing_file(path):
        raise IntegrityCheckFailed(sidecar.missing_message(path), _newest_backup(path))
    why = read_only_reason(path)
    if why:
        return _open_read_only(path, why, clock)
    try:
        lock = FileLock(_lock_path(path))
        lock.acquire()
    except LockTimeout:
        raise DatabaseBusy(strings.DB_OPEN_LOCK_TIMEOUT.format(path=path)) from None
    except OSError as exc:
        translated = storage_error(exc, path)
        if translated is None:
            raise
        raise translated from exc
    try:
        return _open_locked(path, clock, daily_backup)
    finally:
        lock.release()


def _open_read_only(path: Path, why: str, clock: Clock) -> Database:
    """A database in a read-only folder or file: readable if sound and current; no
    integrity-failure restore offer (the file is not broken, only not writable)."""
    if not (path.exists() and path.stat().st_size > 0):
        raise DatabaseReadOnly(strings.DB_READ_ONLY_NEW.format(folder=path.parent))
    problem = quick_check(path)
    if problem:
        raise DatabaseReadOnly(strings.DB_READ_ONLY_UNREADABLE.format(reason=why,
                                                                      problem=problem))
    engine = _sqlite_engine(path, read_only=True)
    try:
        if current_revision(engine) != head_revision():
            raise DatabaseReadOnly(strings.DB_READ_ONLY_OLD_SCHEMA.format(reason=why))
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine, clock, read_only=why)


def _open_locked(path: Path, clock: Clock, daily_backup: bool) -> Database:
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        problem = quick_check(path)
        if problem:
            raise IntegrityCheckFailed(
                strings.DB_CHECK_FAILED.format(path=path, problem=problem), _newest_backup(path))
    backup.clean_leftovers(path)
    engine = _sqlite_engine(path)
    read_only: str | None = None
    try:
        if existed:
            sidecar.check_or_raise(path, engine, _newest_backup(path))
        current = current_revision(engine) if existed else None
        if current != head_revision():
            if existed:
                backup.make_backup(path, "pre-migration", now=clock.now())
            migrate(path, clock=clock)
        scrub_if_pending(path, engine)
        if existed and daily_backup and not backup.has_backup_on(path, clock.today()):
            read_only = _daily_backup(path, clock)
            if read_only:
                engine.dispose()
                engine = _sqlite_engine(path, read_only=True)
    except (sqlite3.Error, sa_exc.DBAPIError, OSError) as exc:
        engine.dispose()
        fault = storage_error(exc, path)
        if fault is not None:
            raise fault from exc
        raise DatabaseError(strings.DB_OPEN_FAILED.format(path=path, err=exc)) from exc
    except Exception:
        engine.dispose()
        raise
    db = Database(path, engine, clock, read_only=read_only)
    if not read_only:
        db.head.sync_engine(engine)
    return db


SCRUB_KEY = "audit_scrub"  # set by migration 0013 when it rewrote audit rows


def scrub_if_pending(path: Path, engine: Engine) -> bool:
    """After migration 0013 masked old audit rows (``db_meta.audit_scrub``): erase the
    freed pages that still hold the clear values -- ``secure_delete``, VACUUM (which cannot
    run inside the migration's transaction) and a WAL checkpoint that truncates the ``-wal``.
    Runs at the open right after the migration, or at a later one if that was interrupted."""
    with engine.connect() as conn:
        try:
            pending = conn.execute(text("SELECT 1 FROM db_meta WHERE key = :k"),
                                   {"k": SCRUB_KEY}).first()
        except sa_exc.OperationalError:  # no db_meta (a database before migration 0012)
            return False
    if pending is None:
        return False
    con = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        con.execute("PRAGMA secure_delete=ON")
        con.execute("VACUUM")
        con.execute("DELETE FROM db_meta WHERE key = ?", (SCRUB_KEY,))
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:  # no room for VACUUM's copy, busy: again at the next open
        log.warning("erasing the old audit values failed (%s); retried at the next open",
                    type(exc).__name__)
        return False
    finally:
        con.close()
    return True


def _daily_backup(path: Path, clock: Clock) -> str | None:
    """Make today's backup; None when done, else why the database opens read-only (a
    database that cannot be backed up is readable, never silently unprotected)."""
    try:
        backup.make_backup(path, "daily", now=clock.now())
    except (sqlite3.Error, OSError, DatabaseError) as exc:
        fault = exc if isinstance(exc, DatabaseError) else storage_error(exc, path)
        if fault is None:
            raise
        if isinstance(fault, DiskFull):  # the message without its full stop
            fault = disk_full(backup.backup_dir(path), path, strings.DB_BACKUP_NO_SPACE)
        return strings.DB_READ_ONLY_NO_BACKUP.format(reason=fault.message)
    return None


def _newest_backup(path: Path) -> str | None:
    latest = backup.list_backups(path)
    return str(latest[0]) if latest else None


# ---- issue 19: a PostgreSQL server --------------------------------------------------------------
SERVER_DRIVERS = ("postgresql", "postgresql+psycopg")
_MIGRATION_LOCK = 19_0019  # pg_advisory_xact_lock key: one migrating opener at a time


def is_server_url(value: str | Path) -> bool:
    """Whether ``--db`` names a PostgreSQL server (``postgresql+psycopg://user@host/db``)
    rather than a SQLite file."""
    return isinstance(value, str) and value.split("://", 1)[0] in SERVER_DRIVERS


def server_url_of(cli_value: str | None) -> str | None:
    """The PostgreSQL URL ``--db`` (else ``ONSITEDESK_DB``) names, or ``None`` (a file)."""
    value = cli_value or os.environ.get(config.ENV_DB) or ""
    return value if is_server_url(value) else None


def server_anchor(url: str) -> Path:
    """The local stand-in path of a server database: its data folder (attachments) is a
    folder of its own under the user data folder, one per server and database."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", server_name(url).split("://", 1)[-1])
    return config.user_data_dir() / "servers" / slug / config.DB_FILE_NAME


def refuse_server(cli_value: str | None, what: str) -> None:
    """Before a SQLite-only command that works on the file itself (restore, accept)."""
    url = server_url_of(cli_value)
    if url is not None:
        raise AppError(strings.DB_NOT_FOR_SERVER.format(what=what, server=server_name(url)))


def server_name(url: str) -> str:
    """The URL as messages may show it: no password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "?"


class _ServerHead(sidecar.HeadKeeper):
    """No head sidecar on a server (nothing can swap a file under it): the newest audit
    head is only remembered, for ``moved_since_open``."""

    def pending(self, conn: Connection) -> sidecar.Head | None:
        row = conn.execute(text("SELECT last_id, last_hash FROM audit_head")).first()
        return None if row is None else sidecar.Head(int(row[0]), str(row[1]), "")

    def committed(self, head: sidecar.Head | None) -> None:
        if head is not None:
            self.last = head


def server_engine(url: str) -> Engine:
    """An engine on a PostgreSQL server (psycopg 3), with the write guard at each BEGIN."""
    rest = url.split("://", 1)[1]
    engine = create_engine(f"postgresql+psycopg://{rest}", hide_parameters=True,
                           pool_pre_ping=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        guard = _BEGIN_GUARDS.get(engine)
        if guard is not None and (method := guard()) is not None:
            method(conn)  # a viewer's transaction is READ ONLY

    @event.listens_for(engine, "handle_error")
    def _no_detail(ctx: Any) -> None:
        # PostgreSQL's DETAIL names the values ("Key (…)=(…)", "Failing row contains (…)"),
        # personal data among them: the message keeps its first line only (the values stay
        # in ``diag`` for code that asks), so no log or traceback carries them
        orig = ctx.original_exception
        full = str(orig)
        first = full.split("\n", 1)[0]
        if first != full:
            orig.args = (first,)
            wrapped = ctx.sqlalchemy_exception
            if wrapped is not None and wrapped.args and isinstance(wrapped.args[0], str):
                wrapped.args = (wrapped.args[0].replace(full, first), *wrapped.args[1:])

    return engine


def migrate_server(engine: Engine, target: str = "head", clock: Clock | None = None) -> None:
    """Alembic on a server, in one transaction, behind an advisory lock (two first opens
    never migrate together). PostgreSQL checks foreign keys itself, at every statement."""
    from alembic import command

    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        if target == "head" and current_revision_on(conn) == head_revision():
            return  # another opener migrated while this one waited
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        cfg.attributes["clock"] = clock
        command.upgrade(cfg, target)


def current_revision_on(conn: Connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return str(row[0]) if row else None


def server_lost(server: str, exc: sa_exc.DBAPIError) -> ServerLost:
    """Issue 19: the Chinese error for a server that did not answer, naming it (no
    password) and the driver's first line."""
    return ServerLost(strings.DB_SERVER_FAILED.format(server=server, err=_first_line(exc)))


def open_server(url: str, local: Path, *, clock: Clock = SYSTEM_CLOCK) -> Database:
    """Open a PostgreSQL server database and bring its schema to head. ``local`` anchors
    the data folder (attachments) as a database file's path would."""
    name = server_name(url)
    engine = server_engine(url)
    try:
        if current_revision(engine) != head_revision():
            migrate_server(engine, clock=clock)
        scrub_if_pending_server(engine)
    except sa_exc.OperationalError as exc:
        engine.dispose()
        raise server_lost(name, exc) from None
    except Exception:
        engine.dispose()
        raise
    return Database(local, engine, clock, server=name)


def scrub_if_pending_server(engine: Engine) -> bool:
    """Migration 0013's follow-up on a server: no SQLite VACUUM/secure_delete; ``VACUUM FULL``
    of the audit table writes it anew (the old table file, with the clear values, is
    deleted), then the flag goes."""
    with engine.connect() as conn:
        pending = conn.execute(text("SELECT 1 FROM db_meta WHERE key = :k"),
                               {"k": SCRUB_KEY}).first()
    if pending is None:
        return False
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM FULL audit_log")
        conn.execute(text("DELETE FROM db_meta WHERE key = :k"), {"k": SCRUB_KEY})
    return True


def _first_line(exc: sa_exc.DBAPIError) -> str:
    """libpq's first line ("connection refused", "database … does not exist"): no password,
    no DETAIL with row values."""
    return str(exc.orig or exc).strip().split("\n", 1)[0]


def not_for_server(db: Database, what: str) -> None:
    """Refuse a SQLite-only operation (check, backup, restore…) on a server database with
    a clear message instead of a crash."""
    if db.server is not None:
        raise AppError(strings.DB_NOT_FOR_SERVER.format(what=what, server=db.server))


def foreign_key_problems(db: Database) -> int:
    with db.engine.connect() as conn:
        return len(conn.execute(text("PRAGMA foreign_key_check")).fetchall())


def _sqlite_datetime(value: dt.datetime) -> str:
    # exactly SQLAlchemy's SQLite DateTime storage format, so the rows read back identically
    return value.isoformat(" ", "microseconds")


def datetime_binder(conn: Connection) -> Callable[[dt.datetime], Any]:
    """How to hand a datetime straight to this connection's driver (SQLite: text in
    SQLAlchemy's format), so bulk writers convert while they build their rows."""
    if conn.dialect.name == "sqlite":
        return _sqlite_datetime
    return lambda value: value


def insert_ignoring_duplicates(conn: Connection, table: Table, columns: Sequence[str],
                               rows: list[tuple[Any, ...]]) -> int:
    """INSERT … ON CONFLICT DO NOTHING in the dialect at hand (idempotent punch imports).

    On SQLite the tuples go straight to the driver's executemany: for 100,000 punches
    SQLAlchemy's per-row parameter processing cost several times the insert itself.
    Datetime columns are converted here; other values must already be plain. Returns the
    number of rows inserted (duplicates are not counted).
    """
    if not rows:
        return 0
    if conn.dialect.name == "sqlite":
        for i, c in enumerate(columns):
            if isinstance(table.c[c].type, DateTime) and isinstance(rows[0][i], dt.datetime):
                rows = [(*r[:i], _sqlite_datetime(r[i]) if r[i] is not None else None,
                         *r[i + 1:]) for r in rows]
        sql = (f"INSERT OR IGNORE INTO {table.name} ({', '.join(columns)}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        return int(conn.exec_driver_sql(sql, rows).rowcount)
    dicts = [dict(zip(columns, r, strict=True)) for r in rows]
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        # rowcount of an executemany is -1 on psycopg: the rows inserted are counted by
        # their RETURNING (one row per insert; a skipped duplicate returns none)
        stmt = pg_insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
        return len(conn.execute(stmt, dicts).all())
    return int(conn.execute(table.insert(), dicts).rowcount)  # pragma: no cover
