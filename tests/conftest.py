"""Shared fixtures for every test layer.

Qt must never try to open a real display, so the offscreen platform is selected when this
file is imported, before any test module can import PySide6.

Databases come from session templates (``tests/helpers/db.py``): a test that asks for
``services`` gets its own copy of a migrated database, ``demo_services`` its own copy of the
demo site; neither pays for migrations or the demo build.

Issue 19, two backends: ``services`` and ``demo_services`` follow the ``backend`` fixture. It
is ``sqlite`` (no parametrisation, the test ids stay as they are) unless
``ONSITEDESK_TEST_PG_URL`` names a PostgreSQL server (``tests/pg/server.sh``): then every test
under tests/unit and tests/integration that uses one of them runs on ``postgresql`` (or on
both, with ``ONSITEDESK_TEST_BACKENDS=sqlite,postgresql``), on a fresh database copied from a
migrated template (tests/helpers/pg.py), and every other test is deselected -- that run is
the PostgreSQL leg of CI. A test that needs the SQLite file itself (its bytes, backups, a
reopen by path) is skipped there with its reason: ``@pytest.mark.sqlite_only(reason=…)`` or
an entry in tests/pg/sqlite_only.py. Tests that never take ``services``/``demo_services``
(PRAGMAs, quick_check, WAL and sidecar faults, kill points, the CLI on a file) stay SQLite's.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.services import Services
from app.storage import db as storage_db
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database, open_copy
from tests.helpers.pg import PgDatabases, open_pg_services, pg_url
from tests.pg.sqlite_only import SQLITE_ONLY

os.environ["QT_QPA_PLATFORM"] = "offscreen"


# ---- issue 19: the backend ----------------------------------------------------------------
BACKENDS_ENV = "ONSITEDESK_TEST_BACKENDS"
_PG_LAYERS = ("unit", "integration")  # the GUI tests stay on SQLite


def _backends() -> list[str]:
    if pg_url() is None:
        return ["sqlite"]
    wanted = os.environ.get(BACKENDS_ENV, "postgresql")
    return [b.strip() for b in wanted.split(",") if b.strip() in ("sqlite", "postgresql")]


def sqlite_only_reason(node: pytest.Item) -> str | None:
    """Why a test cannot run on PostgreSQL: its ``sqlite_only(reason)`` marker, or its entry
    in tests/pg/sqlite_only.py (by module or test id); ``None``: it can."""
    marker = node.get_closest_marker("sqlite_only")
    if marker is not None:
        return str(marker.kwargs.get("reason") or (marker.args[0] if marker.args else
                                                    "SQLite only"))
    nodeid = node.nodeid.split("[", 1)[0]
    for prefix, reason in SQLITE_ONLY.items():
        if nodeid == prefix or nodeid.startswith(prefix + "::"):
            return reason
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames or pg_url() is None:
        return
    if metafunc.definition.path.parent.name not in _PG_LAYERS:
        metafunc.parametrize("backend", ["sqlite"], indirect=True)
        return
    why = sqlite_only_reason(metafunc.definition)
    params = [b if b == "sqlite" or why is None else pytest.param(
        b, marks=pytest.mark.skip(reason=f"SQLite only: {why}")) for b in _backends()]
    metafunc.parametrize("backend", params, indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL leg: only the tests on PostgreSQL (run, or skipped as SQLite-only with
    the reason) and those asked for on SQLite too (``ONSITEDESK_TEST_BACKENDS``) are kept."""
    if pg_url() is None:
        return
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on = callspec.params.get("backend") if callspec is not None else None
        wanted = on in _backends() and item.path.parent.name in _PG_LAYERS
        (keep if wanted or item.get_closest_marker("postgresql") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: where ``services`` and ``demo_services`` live."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgDatabases]:
    """The session's databases on the test server (skips without one)."""
    url = pg_url()
    if url is None:
        pytest.skip("no PostgreSQL server (ONSITEDESK_TEST_PG_URL; tests/pg/server.sh)")
    pg = PgDatabases(url, tmp_path_factory.mktemp("pg-anchors"))
    try:
        yield pg
    finally:
        pg.drop_all()


@contextmanager
def _pg_copy(request: pytest.FixtureRequest, template: str | None, anchor: Path,
             today: dt.date | None = None) -> Iterator[Services]:
    pg: PgDatabases = request.getfixturevalue("pg_databases")
    name = pg.copy(template or pg.migrated())
    try:
        s = open_pg_services(pg.url_of(name), anchor, today=today)
        try:
            yield s
        finally:
            s.close()
    finally:
        pg.drop(name)


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    """Template databases built once per session (per worker under xdist)."""
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(autouse=True)
def fast_migrations(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new database gets the head schema by copying Alembic's output made once per session
    (0.2 s of CPU per new file saved); ``Services.open`` still checks, seeds and backs up as
    usual. Tests marked ``real_migrations`` (tests/unit/test_migration.py) run Alembic."""
    if request.node.get_closest_marker("real_migrations") is None:
        templates: DatabaseTemplates = request.getfixturevalue("db_templates")
        monkeypatch.setattr(storage_db, "migrate", templates.migrate)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a fresh test database lives; the data folder is created on open."""
    return tmp_path / "data" / "onsitedesk.db"


@pytest.fixture
def services(request: pytest.FixtureRequest, backend: str, db_templates: DatabaseTemplates,
             db_path: Path) -> Iterator[Services]:
    """The service facade on a new, migrated database (a copy of the session template)."""
    if backend == "postgresql":
        with _pg_copy(request, None, db_path) as pg_services:
            yield pg_services
        return
    s = open_copy(db_templates.migrated(), db_path)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def migrated_db(db_templates: DatabaseTemplates, db_path: Path) -> Path:
    """A migrated, seeded database file at ``db_path`` that nothing holds open."""
    return copy_database(db_templates.migrated(), db_path)


@pytest.fixture
def demo_db(db_templates: DatabaseTemplates, tmp_path: Path) -> Path:
    """A copy of the demo site (as of ``DEMO_TODAY``) that nothing holds open."""
    return copy_database(db_templates.demo(), tmp_path / "demo" / "onsitedesk.db")


@pytest.fixture
def demo_services(request: pytest.FixtureRequest, backend: str, db_templates: DatabaseTemplates,
                  tmp_path: Path) -> Iterator[Services]:
    """The service facade on a copy of the demo site (as of ``DEMO_TODAY``)."""
    if backend == "postgresql":
        pg: PgDatabases = request.getfixturevalue("pg_databases")
        with _pg_copy(request, pg.demo(DEMO_TODAY), tmp_path / "demo" / "onsitedesk.db",
                      today=DEMO_TODAY) as pg_services:
            yield pg_services
        return
    s = open_copy(db_templates.demo(), tmp_path / "demo" / "onsitedesk.db", today=DEMO_TODAY)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def today() -> dt.date:
    """A fixed 'today' (the domain never reads the clock itself)."""
    return dt.date(2026, 11, 29)


# ---- unexpected logged errors --------------------------------------------------------------------
class _ErrorRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def error_log(request: pytest.FixtureRequest) -> Iterator[list[logging.LogRecord]]:
    """Fail the test when something logs an ERROR it did not expect.

    Mark a test ``@pytest.mark.expect_error_log`` when it provokes one on purpose; it then
    fails if none is logged. The records are the fixture's value, to assert on.
    """
    handler = _ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.records
    finally:
        root.removeHandler(handler)
    expected = request.node.get_closest_marker("expect_error_log") is not None
    if expected and not handler.records:
        pytest.fail("marked expect_error_log, but no ERROR was logged", pytrace=False)
    if not expected and handler.records:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"unexpected ERROR log records:\n{lines}", pytrace=False)
