"""Template databases: migrate once per session, build the demo once, copy per test.

Opening a new database runs every migration and seeds the holidays (0.36 s of CPU, about
0.9 s of wall time on the shared machine); copying a migrated file and opening it takes
0.01 s. Every test that needs services gets its own copy, so tests stay isolated (and can
run in parallel workers, each with its own session templates).

Three templates, each built on first use: :meth:`DatabaseTemplates.schema` (Alembic's output
for an empty file, used by the ``fast_migrations`` fixture in ``tests/conftest.py``),
:meth:`~DatabaseTemplates.migrated` (what ``Services.open`` leaves in a new file) and
:meth:`~DatabaseTemplates.demo` (the demo site).

All ``Services.open`` calls of the fixtures go through :func:`open_services`, so the clock
(``Services.open(..., clock=...)``) is passed in one place.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from app.clock import Clock
from app.services import Services
from app.storage.db import migrate as alembic_migrate
from tests.helpers.clock import fixed_clock

DEMO_TODAY = dt.date(2026, 11, 29)
"""The 'today' the demo site is built for (punches up to the day before)."""


def open_services(path: Path, *, actor: str | None = None, today: dt.date | None = None,
                  daily_backup: bool = True) -> Services:
    """The one place the test fixtures open services: on the suite's fixed clock (10:00 on
    ``today``, or tests.helpers.clock.FIXED_NOW), never the real one."""
    return Services.open(path, actor=actor, daily_backup=daily_backup,
                         clock=fixed_clock(today))


def settle(path: Path) -> None:
    """Fold the WAL into the main file so that the main file alone is the whole database.

    Call it only when no connection holds the file open (after ``Services.close()``).
    """
    con = sqlite3.connect(path)
    try:
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        con.close()
    assert busy == 0, f"{path} is still in use; close its services before copying"
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, f"{wal} was not checkpointed"


def copy_database(template: Path, target: Path) -> Path:
    """Copy a settled template's main file to ``target`` (its folder is created)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):  # a stale side file would be read as part of the copy
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def open_copy(template: Path, target: Path, *, actor: str | None = None,
              today: dt.date | None = None) -> Services:
    """Services on a fresh copy of ``template``, opened like a brand-new database would be.

    A new database gets no daily backup on its first open (there is nothing to back up), so
    the copy is opened with ``daily_backup=False``; a later reopen backs up as usual. The
    quick check and the holiday seeding (one SELECT once seeded) run as on any open.
    """
    return open_services(copy_database(template, target), actor=actor, today=today,
                         daily_backup=False)


class DatabaseTemplates:
    """The session's template files, built on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._schema: Path | None = None
        self._migrated: Path | None = None
        self._demos: dict[dt.date, Path] = {}

    def schema(self) -> Path:
        """What Alembic makes of an empty file: the schema at head, no rows (no seeding)."""
        if self._schema is None:
            path = self.root / "schema" / "onsitedesk.db"
            path.parent.mkdir(parents=True)
            alembic_migrate(path)
            settle(path)
            self._schema = path
        return self._schema

    def migrate(self, path: Path, target: str = "head", clock: Clock | None = None) -> None:
        """Stands in for ``app.storage.db.migrate``: a new (empty) file at head is a copy of
        :meth:`schema`, the real Alembic output; everything else migrates for real."""
        if target == "head" and (not path.exists() or path.stat().st_size == 0):
            copy_database(self.schema(), path)
        else:
            alembic_migrate(path, target, clock)

    def migrated(self) -> Path:
        """A database at the head revision with the bundled holidays seeded, as
        ``Services.open`` leaves a new file."""
        if self._migrated is None:
            path = self.root / "migrated" / "onsitedesk.db"
            open_services(path).close()
            settle(path)
            self._migrated = path
        return self._migrated

    def demo(self, today: dt.date = DEMO_TODAY) -> Path:
        """The demo site (``fill_demo``) as of ``today``."""
        if today not in self._demos:
            from app.services.demo import fill_demo

            path = self.root / f"demo-{today:%Y%m%d}" / "onsitedesk.db"
            services = open_copy(self.migrated(), path, today=today)
            try:
                fill_demo(services, today=today)
            finally:
                services.close()
            settle(path)
            self._demos[today] = path
        return self._demos[today]


def reopen(services: Services, *, actor: str | None = None,
           today: dt.date | None = None) -> Services:
    """The same database opened again (a restart), once ``services`` is closed: the file,
    or (issue 19) the same PostgreSQL database, anchored at the same local path."""
    if services.db.server is None:
        return open_services(services.db_path, actor=actor, today=today)
    from tests.helpers.pg import open_pg_services

    url = services.db.engine.url.render_as_string(hide_password=False)
    return open_pg_services(url, services.db_path, actor=actor, today=today)
