"""Shared fixtures for every test layer.

Qt must never try to open a real display, so the offscreen platform is selected when this
file is imported, before any test module can import PySide6.

Databases come from session templates (``tests/helpers/db.py``): a test that asks for
``services`` gets its own copy of a migrated database, ``demo_services`` its own copy of the
demo site; neither pays for migrations or the demo build.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import Services
from app.storage import db as storage_db
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database, open_copy

os.environ["QT_QPA_PLATFORM"] = "offscreen"


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
def services(db_templates: DatabaseTemplates, db_path: Path) -> Iterator[Services]:
    """The service facade on a new, migrated database (a copy of the session template)."""
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
def demo_services(db_templates: DatabaseTemplates, tmp_path: Path) -> Iterator[Services]:
    """The service facade on a copy of the demo site (as of ``DEMO_TODAY``)."""
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
