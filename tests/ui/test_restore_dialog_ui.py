"""Issue 17: the window's restore question says what the restore would lose; declined, the
database is left as it is."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from app.domain.roster import PersonFields
from app.services.punches import PunchRow
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services
from tests.helpers.messages import MessageRecorder
from ui.main import open_services as gui_open


def _people(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT COUNT(*) FROM person").fetchone()[0])
    finally:
        con.close()


def test_restore_question_names_what_is_lost(qtbot: Any, messages: MessageRecorder,
                                             demo_db: Path, tmp_path: Path) -> None:
    assert run_cli("--db", str(demo_db), "db", "backup")[0] == 0
    services = open_services(demo_db)
    try:
        services.punches.record_batch("usb", "x.dat", "C1", [
            PunchRow("1", dt.datetime(2026, 11, 27, 8, i), verify_mode=1) for i in range(7)])
        services.roster.add(PersonFields(employee_no="N1", name="新"))
        keep = tmp_path / "lost.db"  # the main file without its -wal: work lost
        shutil.copyfile(demo_db, keep)
    finally:
        services.close()
    for suffix in ("-wal", "-shm"):
        demo_db.with_name(demo_db.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(keep, demo_db)
    people = _people(demo_db)
    messages.answer = False
    assert gui_open(demo_db) is None
    (asked,) = [m for m in messages.shown if m.kind == "ask"]
    assert "数据库比记录的最新状态旧" in asked.text and "缺少第" in asked.text
    assert "恢复到备份" in asked.text
    assert _people(demo_db) == people  # declined: nothing replaced
