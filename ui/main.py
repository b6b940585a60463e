"""GUI entry: QApplication, Chinese Qt translations, excepthook, open the DB, show."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import config, strings
from app.errors import AppError, IntegrityCheckFailed
from ui import messages
from ui.errors import install_excepthook, setup_logging

if TYPE_CHECKING:
    from app.services import Services

STARTUP_PROBE = "ONSITEDESK_STARTUP_PROBE"


def make_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("OnsiteDesk")
    QCoreApplication.setApplicationName("OnsiteDesk")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(strings.APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load(QLocale(), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    icon = config.resource_path("icons", "onsitedesk.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return app


def open_services(db_path: Path) -> Services | None:
    """Open the database; on a failed integrity check offer to restore the latest backup."""
    from app.services import Services, restore_latest

    try:
        return Services.open(db_path)
    except IntegrityCheckFailed as exc:
        if exc.latest_backup is None:
            messages.error(None, f"{exc.message}\n\n{strings.DB_CHECK_NO_BACKUP}",
                           strings.RESTORE_TITLE)
            return None
        if not messages.ask(None, strings.DB_RESTORE_ASK.format(problem=exc.message,
                                                                backup=exc.latest_backup),
                            strings.RESTORE_TITLE):
            return None
        backup, broken = restore_latest(db_path)
        messages.info(None, strings.DB_RESTORED.format(backup=backup, broken=broken))
        return Services.open(db_path)


def run_gui(db_path: Path) -> int:
    """Show the window at once, then open the database into it (see MainWindow.attach)."""
    app = make_app()
    install_excepthook()
    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()
    probe = bool(os.environ.get(STARTUP_PROBE))
    if probe:  # start-up benchmark (tests/bench/bench_startup.py)
        print("WINDOW_SHOWN", flush=True)
    state: dict[str, Services | None] = {"services": None}

    def attach() -> None:
        setup_logging()
        try:
            services = open_services(db_path)
        except AppError as exc:
            QMessageBox.critical(window, strings.ERROR_TITLE, exc.message)
            services = None
        if services is None:
            app.exit(1)
            return
        state["services"] = services
        window.attach(services)
        if probe:
            app.processEvents()
            print("DATA_SHOWN", flush=True)
            app.quit()

    QTimer.singleShot(0, attach)
    code = app.exec()
    if state["services"] is not None:
        state["services"].close()
    return int(code)
