"""GUI entry: QApplication, Chinese Qt translations, excepthook, open the DB, show."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app import config, strings
from app.errors import AppError, IntegrityCheckFailed
from app.services import Services, restore_latest
from ui import messages
from ui.errors import install_excepthook, setup_logging


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
    setup_logging()
    app = make_app()
    install_excepthook()
    try:
        services = open_services(db_path)
    except AppError as exc:
        QMessageBox.critical(None, strings.ERROR_TITLE, exc.message)
        return 1
    if services is None:
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(services)
    window.show()
    code = app.exec()
    services.close()
    return int(code)
