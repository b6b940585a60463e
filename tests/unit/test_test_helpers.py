"""The test helpers themselves: a template copy must behave like a brand-new database, the
message recorder and the error assertions must catch what they claim to catch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import strings
from app.errors import ValidationError
from app.storage import backup
from app.storage import db as storage_db
from tests.helpers.db import DatabaseTemplates, open_copy, open_services
from tests.helpers.errors import raises_invalid
from tests.helpers.samples import shared_sample


def _snapshot(path: Path) -> dict[str, object]:
    """Everything a new database holds, except times and the audit hash chain's stamps."""
    con = sqlite3.connect(path)
    try:
        # Alembic's batch rebuild of a table orders its constraints arbitrarily: compare the
        # lines of each CREATE statement as a set
        schema = sorted((kind, name, frozenset((sql or "").replace(",", "\n").split("\n")))
                        for kind, name, sql in con.execute(
                            "SELECT type, name, sql FROM sqlite_master"))
        tables = [name for kind, name, _ in schema if kind == "table"
                  and not name.startswith("sqlite_")]
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        return {
            "schema": schema, "counts": counts,
            "journal": con.execute("PRAGMA journal_mode").fetchone()[0],
            "version": con.execute("SELECT version_num FROM alembic_version").fetchall(),
            "days": con.execute("SELECT date, kind, name FROM holiday_day ORDER BY date")
                       .fetchall(),
            "years": con.execute("SELECT year, status, source FROM holiday_year ORDER BY year")
                        .fetchall(),
        }
    finally:
        con.close()


@pytest.mark.real_migrations  # the new file below runs Alembic, as in the app
def test_a_template_copy_opens_like_a_new_database(db_templates: DatabaseTemplates,
                                                   tmp_path: Path) -> None:
    fresh_path, copy_path = tmp_path / "fresh" / "onsitedesk.db", tmp_path / "copy" / "x.db"
    fresh = open_services(fresh_path)
    copy = open_copy(db_templates.migrated(), copy_path)
    try:
        assert copy.maintenance.verify_audit().ok
        assert copy.holidays.seed_bundled().any is False  # already seeded, as after an open
    finally:
        fresh.close()
        copy.close()
    assert _snapshot(copy_path) == _snapshot(fresh_path)
    # no backup on the first open of either; the next open makes the daily backup for both
    assert backup.list_backups(fresh_path) == backup.list_backups(copy_path) == []
    open_services(fresh_path).close()
    open_services(copy_path).close()
    assert len(backup.list_backups(fresh_path)) == len(backup.list_backups(copy_path)) == 1


@pytest.mark.real_migrations
def test_a_copied_schema_is_what_alembic_makes(db_templates: DatabaseTemplates,
                                               tmp_path: Path) -> None:
    """The fast_migrations stand-in (conftest.py) gives a new file Alembic's own output."""
    real, fast = tmp_path / "real.db", tmp_path / "fast.db"
    storage_db.migrate(real)
    db_templates.migrate(fast)
    assert _snapshot(fast) == _snapshot(real)


def test_new_databases_use_the_copied_schema_unless_marked(db_templates: DatabaseTemplates,
                                                           ) -> None:
    assert storage_db.migrate == db_templates.migrate


def test_the_template_is_one_self_contained_file(db_templates: DatabaseTemplates) -> None:
    template = db_templates.migrated()
    wal = template.with_name(template.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_copies_are_independent(db_templates: DatabaseTemplates, tmp_path: Path) -> None:
    a = open_copy(db_templates.migrated(), tmp_path / "a" / "onsitedesk.db")
    b = open_copy(db_templates.migrated(), tmp_path / "b" / "onsitedesk.db")
    try:
        a.project.update(name="甲项目")
        assert b.project.get().name != "甲项目"
    finally:
        a.close()
        b.close()


# ---- raises_invalid -------------------------------------------------------------------------
def test_raises_invalid_checks_field_and_message() -> None:
    with raises_invalid("name", strings.PROJECT_REQUIRED):
        raise ValidationError(strings.PROJECT_REQUIRED, "name")
    with pytest.raises(AssertionError, match="field"), \
            raises_invalid("name", strings.PROJECT_REQUIRED):
        raise ValidationError(strings.PROJECT_REQUIRED, "other")
    with pytest.raises(AssertionError), raises_invalid("name", strings.PROJECT_REQUIRED):
        raise ValidationError(strings.PROJECT_REQUIRED + "!", "name")


def test_raises_invalid_template_fixes_the_known_placeholders() -> None:
    text = strings.MONTH_LOCKED.format(month="2026-10", at="2026-11-29 12:00", actor="甲")
    with raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-10"):
        raise ValidationError(text)
    with pytest.raises(AssertionError), \
            raises_invalid(None, template=strings.MONTH_LOCKED, month="2026-09"):
        raise ValidationError(text)


# ---- shared samples ---------------------------------------------------------------------------
def test_a_missing_sample_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setenv("ONSITEDESK_SHARED", str(tmp_path))
    (tmp_path / "here.csv").write_text("x", encoding="utf-8")
    assert shared_sample("here.csv") == tmp_path / "here.csv"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        shared_sample("missing.csv")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        shared_sample("missing.csv")
