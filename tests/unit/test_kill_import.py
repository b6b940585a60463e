"""A crash in the middle of an import leaves the database as it was (SPEC R2, Q2).

A child process commits a 200-row roster and SIGKILLs itself at row 100, inside the write
transaction; the parent then checks the file like the app would on the next start.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from unit_helpers import roster_rows, write_xlsx

from app.domain.roster import PersonFields
from app.services import Services
from app.storage.db import quick_check
from tests.helpers.db import open_services

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import os, signal, sys
from pathlib import Path
from app.services import Services

class KillAt:
    def report(self, done, total, text=""):
        if done == 100:
            print("killing at", done, "of", total, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    def cancelled(self):
        return False

services = Services.open(Path(sys.argv[1]))
plan = services.roster_io.plan(Path(sys.argv[2]))
assert len(plan.valid) == 200, plan.problems[:3]
services.roster_io.commit(plan, KillAt())
print("commit finished: the kill did not happen", flush=True)
"""


def _people_and_audit(db_path: Path) -> tuple[int, bool, int]:
    services = Services.open(db_path)
    try:
        report = services.maintenance.verify_audit()
        return services.roster.count(), report.ok, report.rows
    finally:
        services.close()


def test_sigkill_during_import_commit_changes_nothing(migrated_db: Path, tmp_path: Path) -> None:
    db_path = migrated_db
    roster = write_xlsx(tmp_path / "roster200.xlsx", roster_rows(200))
    services = open_services(db_path, daily_backup=False)  # as the first open of a new file
    try:  # two people who were there before the import
        services.roster.add(PersonFields(employee_no="OLD1", name="老甲", device_user_id="901"))
        services.roster.add(PersonFields(employee_no="OLD2", name="老乙", device_user_id="902"))
    finally:
        services.close()
    before = _people_and_audit(db_path)
    assert before[:2] == (2, True)

    child = subprocess.run([sys.executable, "-c", _CHILD, str(db_path), str(roster)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    assert "killing at 100 of 200" in child.stdout

    assert quick_check(db_path) is None
    assert _people_and_audit(db_path) == before  # same people, same intact audit chain

    services = Services.open(db_path)
    try:
        result, _ = services.roster_io.import_file(roster)
        assert (result.imported, result.rejected) == (200, 0)
        assert services.roster.count() == 202
        assert services.maintenance.verify_audit().ok
    finally:
        services.close()
