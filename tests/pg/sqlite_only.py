"""Tests that cannot run on PostgreSQL, with the reason (issue 19).

On the PostgreSQL leg (``ONSITEDESK_TEST_PG_URL`` set) a test listed here -- by module, or by
``module::test`` -- is reported as skipped with its reason instead of run; on SQLite nothing
changes. A test can also say it itself: ``@pytest.mark.sqlite_only(reason="…")``.
"""

from __future__ import annotations

SQLITE_ONLY: dict[str, str] = {
    # backups are copies of the file (on a server: pg_dump; `db backup` on a server database
    # is refused in Chinese -- tests/integration/test_postgresql.py)
    "tests/unit/test_backup.py": "online backups of the SQLite file and its -wal",
    "tests/unit/test_pii_roster.py::test_cli_export_full_numbers_only_with_the_flag":
        "runs the command line on the database file",
    "tests/unit/test_accounts.py::test_first_admin_is_signed_in_holds_the_key_and_only_once":
        "searches the SQLite file's bytes (and -wal) for the password",
}
