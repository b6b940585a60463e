"""Smoke mode: prove a built bundle works end to end, without a user (issue 3).

Opens a temporary demo database (migrations and data files found), round-trips the roster
through Excel (pandas, calamine, openpyxl bundled), opens the main window, visits every tab
and renders each to PNG. Exit code 0 only if all of it worked.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

from app import config, strings


def run_smoke() -> int:
    started = time.perf_counter()
    summary: dict[str, object] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="onsitedesk-smoke-") as tmp:
            _check(Path(tmp), summary)
    except Exception as exc:
        traceback.print_exc()
        sys.stderr.write(strings.SMOKE_FAILED.format(err=exc) + "\n")
        return 1
    summary["seconds"] = round(time.perf_counter() - started, 2)
    sys.stdout.write(strings.SMOKE_OK.format(summary=json.dumps(summary, ensure_ascii=False))
                     + "\n")
    return 0


def _check(tmp: Path, summary: dict[str, object]) -> None:
    from app.services import Services
    from app.services.demo import fill_demo

    summary["frozen"] = bool(getattr(sys, "frozen", False))
    summary["resources"] = str(config.source_root())
    services = Services.open(tmp / "demo" / config.DB_FILE_NAME)
    try:
        summary["people"] = fill_demo(services)
        exported = tmp / "roster.xlsx"
        services.roster_io.export(exported)
        other = Services.open(tmp / "other" / config.DB_FILE_NAME)
        try:
            # The export is masked, so its rows are refused: the reader still runs end to end.
            plan = other.roster_io.plan(exported)
            summary["import_read"] = plan.read
            assert plan.read == summary["people"], plan.read
        finally:
            other.close()
        holidays = services.holidays.list_year(2026)  # bundled data/holidays.csv was found
        assert len(holidays) > 20, len(holidays)
        summary["holidays_2026"] = len(holidays)
        audit = services.maintenance.verify_audit()
        assert audit.ok, audit
        summary["audit_rows"] = audit.rows
        summary["tabs"] = _visit_tabs(services, tmp)
    finally:
        services.close()


def _visit_tabs(services: object, tmp: Path) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from ui.main import make_app
    from ui.main_window import MainWindow

    app = make_app()
    window = MainWindow(services)  # type: ignore[arg-type]
    window.show()
    visited = []
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        window.tasks.wait()  # background computations (the month) must finish cleanly
        for _ in range(5):
            QApplication.processEvents()
        image = window.grab()
        target = tmp / f"tab{i}.png"
        assert image.save(str(target)), target
        assert target.stat().st_size > 1000, target
        visited.append(window.tabs.tabText(i))
    month = window.attendance_tab.model.month
    assert month is not None and month.people, "attendance month not computed"
    window.close()
    app.processEvents()
    return visited
