"""Issue 16, to first data fast: opening the database and showing the roster tab (the first
tab) import only what they need; the heavy services are built on first use (``Services``).
Each check runs in a fresh interpreter, since this one has long imported everything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.db import DatabaseTemplates, copy_database

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("app.services.attendance", "app.services.service_log", "app.services.handover",
         "app.services.scores", "app.services.leave", "app.services.documents",
         "app.services.imports", "app.services.punches", "app.services.roster_io",
         "app.storage.audit_data", "app.storage.tables_attendance", "app.documents")

SCRIPT = """
import json, sys
from pathlib import Path
mode, db = sys.argv[1], Path(sys.argv[2])
if mode == "window":
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
from app.services import Services
services = Services.open(db, daily_backup=False)
rows = 0
if mode == "window":
    from ui.main_window import MainWindow
    window = MainWindow()
    window.attach(services)  # builds the first tab with its rows; no event processed yet
    rows = window.roster_tab.model.rowCount()
else:
    rows = len(services.roster.list_people())
    if mode == "touch":
        services.documents
loaded = sorted(m for m in sys.modules
                if m.startswith(("app.services.", "app.storage.", "app.documents")))
services.close()
print(json.dumps({"rows": rows, "loaded": loaded}))
"""


def _loaded(mode: str, db: Path) -> tuple[int, set[str]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(db)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return out["rows"], set(out["loaded"])


def test_open_and_roster_data_leave_the_heavy_modules_unimported(
        db_templates: DatabaseTemplates, tmp_path: Path) -> None:
    db = copy_database(db_templates.demo(), tmp_path / "demo.db")
    rows, loaded = _loaded("data", db)
    assert rows > 0
    assert loaded & set(HEAVY) == set()
    assert {"app.services.roster", "app.services.maintenance"} <= loaded


def test_first_tab_in_the_window_leaves_the_heavy_modules_unimported(
        db_templates: DatabaseTemplates, tmp_path: Path) -> None:
    db = copy_database(db_templates.demo(), tmp_path / "demo.db")
    rows, loaded = _loaded("window", db)
    assert rows > 0  # the roster tab was built with its data
    assert loaded & set(HEAVY) == set()


def test_the_check_sees_a_service_built_on_use(db_templates: DatabaseTemplates,
                                               tmp_path: Path) -> None:
    """Touching ``documents`` builds it and its collaborators: the check above can fail."""
    db = copy_database(db_templates.demo(), tmp_path / "demo.db")
    _, loaded = _loaded("touch", db)
    assert {"app.services.documents", "app.services.attendance", "app.services.handover",
            "app.services.scores", "app.services.service_log", "app.services.leave"} <= loaded


def test_maintenance_baseline_key_is_audit_datas() -> None:
    from app.services.maintenance import BASELINE_KEY
    from app.storage.audit_data import BASELINE_KEY as KEY

    assert BASELINE_KEY == KEY
