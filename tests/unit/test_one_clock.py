"""Issue 13, one clock: nothing in app/ or ui/ reads the wall clock except app/clock.py.

The rules depend on "now" (sessions not yet ended, the current month, the backup of the day,
audit timestamps), so a direct read anywhere makes the suite depend on the real date; CI also
runs the whole suite under faketime in 2025 and 2027.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from app.clock import FixedClock, SystemClock
from app.services import Services

ROOT = Path(__file__).resolve().parents[2]
# attribute chains that read the wall clock
FORBIDDEN = {
    ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
    ("time", "time"), ("time", "localtime"), ("time", "gmtime"),
    ("QDate", "currentDate"), ("QDateTime", "currentDateTime"), ("QTime", "currentTime"),
    ("QDateTime", "currentSecsSinceEpoch"), ("QDateTime", "currentMSecsSinceEpoch"),
}


def _chain(node: ast.expr) -> tuple[str, ...]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return tuple(reversed(parts))


def _wall_clock_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            chain = _chain(node.func)
            if len(chain) >= 2 and tuple(chain[-2:]) in FORBIDDEN:
                # QTimeEdit.time() and the like are not clock reads: only the time module
                if chain[-2] == "time" and len(chain) != 2:
                    continue
                where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                found.append(f"{where}:{node.lineno}: {'.'.join(chain)}()")
    return found


def test_nothing_but_app_clock_reads_the_wall_clock() -> None:
    offenders = []
    for folder in ("app", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "app" / "clock.py" or "migrations" in path.parts:
                continue
            offenders += _wall_clock_reads(path)
    assert offenders == []


def test_the_scan_finds_a_direct_read(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import datetime as dt\nimport time\nfrom PySide6.QtCore import QDate\n"
                     "X = dt.datetime.now()\nY = dt.date.today()\nZ = time.time()\n"
                     "W = QDate.currentDate()\nV = edit.time()\n")
    assert len(_wall_clock_reads(probe)) == 4


def test_services_and_storage_use_the_given_clock(db_path: Path) -> None:
    at = dt.datetime(2031, 2, 3, 4, 5, 6)
    services = Services.open(db_path, clock=FixedClock(at))
    try:
        assert services.clock.now() == at and services.db.clock is services.clock
        services.project.update(name="时钟")
        with services.db.read() as s:
            from sqlalchemy import text

            stamp = s.execute(text("SELECT at FROM audit_log ORDER BY id DESC LIMIT 1")
                              ).scalar_one()
        assert dt.datetime.fromisoformat(stamp) == at.astimezone(dt.UTC)
        assert "20310203-040506" in services.maintenance.backup_now().name
    finally:
        services.close()


def test_system_clock_is_whole_seconds() -> None:
    assert SystemClock().now().microsecond == 0
