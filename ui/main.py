"""GUI entry: QApplication, Chinese Qt translations, excepthook, show, open the DB.

The window is shown and painted first, with a busy bar; the database is opened, checked and
migrated on a worker thread (``DatabaseOpener``) so the window keeps painting meanwhile, and
only a failed integrity check comes back to ask the user (``open_services``).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QObject,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from app import config, strings
from app.errors import AppError, DatabaseBusy, IntegrityCheckFailed
from ui import messages
from ui.errors import install_excepthook, setup_logging

if TYPE_CHECKING:
    from app.services import Services

STARTUP_PROBE = "ONSITEDESK_STARTUP_PROBE"
SCREENSHOT = "ONSITEDESK_SCREENSHOT"  # PNG path: the window with its data is saved, then quit
UI_FONT = "Microsoft YaHei"
BUNDLED_FONT = "wqy-microhei-gbk.ttf"  # resources/fonts, also the documents' font
BUNDLED_FAMILY = "WenQuanYi Micro Hei"  # its family: a PC that has it needs no file loaded


def ui_font_family() -> str | None:
    """Microsoft YaHei where Windows has it (every Chinese Windows does), else the font the
    program carries for its documents (the PC's own copy of that family when it has one),
    so Chinese never depends on what the PC has."""
    if QFontDatabase.hasFamily(UI_FONT):
        return UI_FONT
    if QFontDatabase.hasFamily(BUNDLED_FAMILY):  # installed already (Linux): ~2.5 ms saved
        return BUNDLED_FAMILY
    path = config.resource_path("fonts", BUNDLED_FONT)
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def make_app(argv: list[str] | None = None, finish: bool = True) -> QApplication:
    """The QApplication with the UI font. ``finish=False`` leaves the Chinese locale, Qt's
    translations and the window icon to ``finish_app`` (after the first paint: those classes'
    enums are built on first use, ~10 ms the window need not wait for)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("OnsiteDesk")
    QCoreApplication.setApplicationName("OnsiteDesk")
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(strings.APP_NAME)
    if finish:
        finish_app(app)
    font = QFont(app.font())
    family = ui_font_family()
    if family:
        font.setFamily(family)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return app


def finish_app(app: QApplication) -> None:
    """Chinese locale and Qt's own dialog texts in Chinese, the window icon."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load(QLocale(), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    icon = config.resource_path("icons", "onsitedesk.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


class DatabaseOpener(QThread):
    """``Services.open`` off the GUI thread; ``opened`` carries the Services or the error."""

    opened = Signal(object)

    def __init__(self, db_path: Path, open_fn: Callable[[Path], Services] | None = None
                 ) -> None:
        super().__init__()
        self.db_path = db_path
        self.open_fn = open_fn

    def run(self) -> None:
        # The database layer's imports make some 100,000 objects that all live as long as the
        # program: the cyclic collector, paused meanwhile, would only walk them again and
        # again (~10 % of the time to first data); afterwards they are frozen out of its way.
        gc.disable()
        try:
            if self.open_fn is None:
                from app.services import Services

                self.open_fn = Services.open
            outcome: object = self.open_fn(self.db_path)
        except BaseException as exc:
            outcome = exc
        finally:
            gc.freeze()
            gc.enable()
        self.opened.emit(outcome)


class OnGuiThread(QObject):
    """Calls ``fn`` on the GUI thread with what a worker thread's signal carried."""

    def __init__(self, fn: Callable[[Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fn = fn

    @Slot(object)
    def call(self, value: Any) -> None:
        self.fn(value)


def paint_now(window: object, timeout_ms: int = 2000) -> None:
    """Let the window reach the screen before any slow work (no black, unpainted window)."""
    app = QApplication.instance()
    handle = getattr(window, "windowHandle", lambda: None)()
    clock = QElapsedTimer()
    clock.start()
    while handle is not None and not handle.isExposed() and clock.elapsed() < timeout_ms:
        if app is not None:
            app.processEvents()
    repaint = getattr(window, "repaint", None)
    if repaint is not None:
        repaint()
    if app is not None:
        app.processEvents()


def open_services(db_path: Path, first_try: Services | BaseException | None = None,
                  project: str | None = None, server: str | None = None
                  ) -> Services | None:
    """Open the database; on a failed integrity check offer to restore the latest backup.
    ``first_try``: the outcome of an open already attempted (on the worker thread).
    ``project``: the code of ``--project`` (issue 19)."""
    from app.services import restore_latest

    try:
        if isinstance(first_try, BaseException):
            raise first_try
        return first_try if first_try is not None else open_on_project(
            db_path, project, server)
    except DatabaseBusy as exc:  # another window or task is opening or writing it
        if messages.ask(None, f"{exc.message}\n\n{strings.DB_BUSY_RETRY}"):
            return open_services(db_path, project=project, server=server)
        return None
    except IntegrityCheckFailed as exc:
        if exc.latest_backup is None:
            messages.error(None, f"{exc.message}\n\n{strings.DB_CHECK_NO_BACKUP}",
                           strings.RESTORE_TITLE)
            return None
        from app.services.maintenance import loss_message, newest_sound_backup, restore_loss

        chosen = newest_sound_backup(db_path)
        loss = loss_message(chosen, restore_loss(db_path, chosen))
        if not messages.ask(None, strings.RESTORE_ASK_LOSS.format(problem=exc.message,
                                                                  backup=chosen, loss=loss),
                            strings.RESTORE_TITLE):
            return None
        backup, broken = restore_latest(db_path, chosen)
        messages.info(None, strings.DB_RESTORED.format(backup=backup, broken=broken))
        return open_on_project(db_path, project, server)


def open_on_project(path: Path, project: str | None = None,
                    server: str | None = None) -> Services:
    """``Services.open`` on the project ``--project`` names and the PostgreSQL server
    ``--db`` names (issue 19). Without ``--project`` on a database of several projects the
    window opens on the first by code: its project picker switches (the commands, by
    contrast, ask which)."""
    from app.services import Services

    services = Services.open(path, project=project, server=server,
                             choose_project=project is not None)
    if project is not None:
        return services
    try:
        try:
            services.use_project(None)
        except AppError:  # several projects, none named
            services.use_project(services.headoffice.projects()[0].code)
    except BaseException:
        services.close()
        raise
    return services


def _opener_for(project: str | None, server: str | None) -> Callable[[Path], Services]:
    def open_fn(path: Path) -> Services:
        return open_on_project(path, project, server)

    return open_fn


def run_gui(db_path: Path, demo: bool = False, project: str | None = None,
            server: str | None = None) -> int:
    """Show the window at once, then open the database into it (see MainWindow.attach).

    The database is opened on a worker thread started once the window is painted; the window
    then builds only its first tab (tabs are built when first shown). Before any data shows,
    the login dialog (accounts exist; cancel quits) or, on a database without accounts, the
    first-run dialog (not for ``demo`` nor an automated start: banner only). ``server``: a
    PostgreSQL URL holding the data (issue 19; ``db_path`` is then its local anchor)."""
    app = make_app(finish=False)
    install_excepthook()
    from ui.common.single_instance import SingleInstance, bring_forward

    instance = SingleInstance(db_path)
    if instance.hand_over():  # a window already has this database: it comes forward
        return 0
    from ui.main_window import MainWindow

    window = MainWindow()
    instance.raise_requested.connect(lambda: bring_forward(window))
    probe = bool(os.environ.get(STARTUP_PROBE))
    state: dict[str, Services | None] = {"services": None}
    opener = DatabaseOpener(db_path, _opener_for(project, server))

    def attach(outcome: Services | BaseException) -> None:
        opener.wait()
        try:
            services = open_services(db_path, outcome, project=project, server=server)
        except AppError as exc:
            QMessageBox.critical(window, strings.ERROR_TITLE, exc.message)
            services = None
        if services is None:
            app.exit(1)
            return
        state["services"] = services
        from ui.accounts.session import sign_in_at_start

        automated = probe or bool(os.environ.get(SCREENSHOT))
        if not sign_in_at_start(window, services, offer_first_admin=not (demo or automated)):
            app.exit(0)  # the login dialog was cancelled: quit
            return
        window.attach(services)
        if probe:  # the first tab with its data, painted
            window.repaint()
            print("DATA_SHOWN", flush=True)
            app.processEvents()
            app.quit()
        shot = os.environ.get(SCREENSHOT)
        if shot:  # screenshots at each scale factor (packaging/wine/session.py, tests)

            def save() -> None:
                app.exit(0 if window.grab().save(shot) else 1)

            QTimer.singleShot(1500, save)

    window.show()
    paint_now(window)
    if probe:  # start-up benchmark (tests/bench/bench_startup.py): shown and painted
        print("WINDOW_SHOWN", flush=True)
    finish_app(app)
    from PySide6.QtCore import Qt  # its enums are built on first use: after the paint

    receiver = OnGuiThread(attach, window)
    opener.opened.connect(receiver.call, Qt.ConnectionType.QueuedConnection)
    opener.start()  # started before the window painted, it slowed the painting (GIL)
    instance.listen()  # after the first paint: a second start meanwhile is an unlikely race
    setup_logging()
    code = app.exec()
    instance.close()
    opener.wait()
    if state["services"] is not None:
        try:
            state["services"].maintenance.close_backup()  # issue 17: if this session wrote
        finally:
            state["services"].close()
    return int(code)
