"""PostgreSQL test databases (issue 19): template databases on the server, one copy per test.

The PostgreSQL leg of CI (``tests/pg/server.sh run -- …``) sets ``ONSITEDESK_TEST_PG_URL`` to
a throw-away server (``postgresql+psycopg://onsitedesk@127.0.0.1:PORT/postgres``). As with the
SQLite template files (tests/helpers/db.py), the expensive part is done once per session and
worker: Alembic 0001→head plus the holiday seeding into a template database (``Services.open``
on an empty database, ~1 s), the demo site into another; each test then gets
``CREATE DATABASE … TEMPLATE …`` (a file copy on the server, ~0.1 s), dropped after the test.

Database names carry the xdist worker and the process id, so parallel workers and a crashed
earlier run never collide; ``drop_all`` removes what this process made.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from app.services import Services
from tests.helpers.clock import fixed_clock

PG_URL_ENV = "ONSITEDESK_TEST_PG_URL"


def pg_url() -> str | None:
    """The test server's URL (any database on it), or ``None``: no PostgreSQL leg."""
    return os.environ.get(PG_URL_ENV) or None


def open_pg_services(url: str, anchor: Path, *, actor: str | None = None,
                     today: dt.date | None = None) -> Services:
    """Services on a server database, on the suite's fixed clock; ``anchor`` is the local
    stand-in path (its folder holds the attachments)."""
    return Services.open(anchor, actor=actor, clock=fixed_clock(today), server=url)


class PgDatabases:
    """The session's template databases on the server and the per-test copies."""

    def __init__(self, url: str, root: Path) -> None:
        self.url = make_url(url)
        self.root = root  # local anchors of the templates
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.prefix = f"odt_{worker}_{os.getpid()}"
        self._admin: Engine = create_engine(self.url.set(drivername="postgresql+psycopg"),
                                            isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self._count = itertools.count(1)
        self._made: list[str] = []
        self._migrated: str | None = None
        self._demos: dict[dt.date, str] = {}

    def url_of(self, name: str) -> str:
        return self.url.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False)

    def _create(self, name: str, template: str | None = None) -> str:
        sql = f'CREATE DATABASE "{name}"'
        if template is not None:  # a file copy: no WAL for what is thrown away anyway
            sql += f' TEMPLATE "{template}" STRATEGY FILE_COPY'
        with self._admin.connect() as conn:
            conn.execute(text(sql))
        self._made.append(name)
        return name

    def drop(self, name: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self._made:
            self._made.remove(name)

    def empty(self) -> str:
        """A new, empty database (no schema): ``Services.open`` migrates it 0001→head."""
        return self._create(f"{self.prefix}_{next(self._count)}")

    def migrated(self) -> str:
        """A template at head with the bundled holidays seeded, as a first open leaves it."""
        if self._migrated is None:
            name = self._create(f"{self.prefix}_tmpl_migrated")
            open_pg_services(self.url_of(name), self.root / "migrated" / "onsitedesk.db"
                             ).close()
            self._migrated = name
        return self._migrated

    def demo(self, today: dt.date) -> str:
        """The demo site (``fill_demo``) as of ``today``."""
        if today not in self._demos:
            from app.services.demo import fill_demo

            name = self._create(f"{self.prefix}_tmpl_demo_{today:%Y%m%d}", self.migrated())
            services = open_pg_services(self.url_of(name), self.root / "demo" / "onsitedesk.db",
                                        today=today)
            try:
                fill_demo(services, today=today)
            finally:
                services.close()
            self._demos[today] = name
        return self._demos[today]

    def copy(self, template: str) -> str:
        """A fresh database copied from ``template`` (nothing may be connected to it)."""
        return self._create(f"{self.prefix}_{next(self._count)}", template)

    def drop_all(self) -> None:
        for name in list(reversed(self._made)):
            self.drop(name)
        self._admin.dispose()


def server_rows(services: Services) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every table's rows on a server database, read on a connection of its own (outside
    the app's transactions and their guards), tables by name, rows in a stable order: what
    tests compare before and after a refused write."""
    assert services.db.server is not None
    engine = create_engine(services.db.engine.url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            tables = sorted(inspect(conn).get_table_names())
            return [(t, sorted((tuple(r) for r in conn.execute(text(f'SELECT * FROM "{t}"'))),
                               key=repr)) for t in tables]
    finally:
        engine.dispose()


class RawServerConnection:
    """A plain driver connection to a server database that takes SQLite's ``?`` parameters:
    what tests use to read or change rows behind the app's back (``sqlite3.connect`` on a
    file). ``with con:`` commits (or rolls back on an error), as sqlite3's does."""

    def __init__(self, url: str, *, dict_rows: bool = False) -> None:
        import psycopg
        from psycopg.rows import dict_row

        plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._con: Any = (psycopg.connect(plain, row_factory=dict_row) if dict_rows
                          else psycopg.connect(plain))

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self._con.execute(sql.replace("?", "%s"), params)

    def __enter__(self) -> RawServerConnection:
        return self

    def __exit__(self, kind: object, *_rest: object) -> None:
        if kind is None:
            self._con.commit()
        else:
            self._con.rollback()

    def close(self) -> None:
        self._con.close()


def raw_connect(services: Services, *, dict_rows: bool = False) -> Any:
    """``sqlite3.connect`` on the services' database file, or the same on its server."""
    if services.db.server is None:
        import sqlite3

        con = sqlite3.connect(services.db.path)
        if dict_rows:
            con.row_factory = sqlite3.Row
        return con
    return RawServerConnection(services.db.engine.url.render_as_string(hide_password=False),
                               dict_rows=dict_rows)
