"""Smoke mode: prove a built bundle works end to end, without a user (issue 3).

Opens a temporary demo database (migrations and data files found), round-trips the roster
through Excel (calamine, openpyxl bundled), opens the main window, visits every tab
and renders each to PNG. Exit code 0 only if all of it worked.
"""

from __future__ import annotations

import datetime as dt
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
        services.documents.roster_xlsx(exported)
        other = Services.open(tmp / "other" / config.DB_FILE_NAME)
        try:
            # The export is masked, so its rows are refused: the reader still runs end to end.
            plan = other.roster_io.plan(exported)
            summary["import_read"] = plan.read
            assert plan.read == summary["people"], plan.read
        finally:
            other.close()
        # a tiny USB clock export: parser, idempotent store, mapping
        # (a working day a month back: punches in the future are held back as implausible)
        day = services.clock.today() - dt.timedelta(days=30)
        day -= dt.timedelta(days=max(0, day.weekday() - 4))
        usb = tmp / "1_attlog.dat"
        usb.write_bytes(f"        1\t{day} 08:25:01\t1\t0\t1\t0\r\n"
                        f"        1\t{day} 17:40:12\t1\t1\t1\t0\r\n".encode()
                        + b"ZZZZZZZZZZ\t2047-02-30 19:13:30\t1\t90\t90\t1515870810\r\n")
        outcome, _ = services.imports.import_usb(usb)
        assert (outcome.batch.new, outcome.batch.rejected) == (2, 1), outcome.batch
        again, _ = services.imports.import_usb(usb)
        assert again.batch.new == 0, again.batch
        summary["usb_import"] = f"{outcome.batch.new} new, {outcome.batch.rejected} rejected"
        # documents: the bundled font, ReportLab and openpyxl
        pdf = services.documents.month_pdf(day.year, day.month, tmp / "month.pdf")
        xlsx = services.documents.month_xlsx(day.year, day.month, tmp / "month.xlsx")
        assert pdf.stat().st_size > 10000 and xlsx.stat().st_size > 5000
        summary["pdf_bytes"] = pdf.stat().st_size
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
