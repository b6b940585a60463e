"""Use cases: the only door to storage for the CLI, the GUI and the tests (DESIGN §1).

``Services.open(path)`` runs the start-up checks and migrations and returns the facade.

Wiring: ``Services`` builds every service exactly once, in dependency order (the heavy ones
on first use, under a lock), and hands each service the collaborators it needs as keyword
arguments; no service builds another
(``tests/unit/test_wiring.py``). What the services hand out lives in the package ``app.dto``
(one module per area), below both the services and the printouts: it imports only the
domain, the strings and itself, so the printing package (``app.documents``, reached only
through ``DocumentService``) and the GUI use it without pulling in a use case
(``tests/unit/test_import_graph.py``).
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from app.clock import SYSTEM_CLOCK, Clock, FixedClock
from app.progress import NullProgress, Progress
from app.services.accounts import AccountService
from app.services.changes import Changes
from app.services.holidays import HolidayService
from app.services.maintenance import MaintenanceService, restore_latest
from app.services.privacy import EncryptReport, encrypt_existing
from app.services.project import ProjectService, switch_to, use_project
from app.services.roster import RosterService
from app.storage.db import Database, open_database, open_server

if TYPE_CHECKING:
    from app.services.attendance import AttendanceService
    from app.services.documents import DocumentService
    from app.services.handover import HandoverService
    from app.services.headoffice import HeadOfficeService
    from app.services.imports import ImportService
    from app.services.leave import LeaveService
    from app.services.punches import PunchService
    from app.services.roster_io import RosterIO
    from app.services.scores import ScoreService
    from app.services.service_log import ServiceLogService
    from app.services.settings import SettingsService

T = TypeVar("T")

__all__ = ["Changes", "NullProgress", "Progress", "Services", "restore_latest"]


class Services:
    def __init__(self, db: Database, actor: str | None = None,
                 clock: Clock | None = None) -> None:
        if clock is not None:
            db.clock = clock
        self.db = db
        self.actor = actor
        self.clock: Clock = db.clock
        # Each service once, in dependency order; collaborators are handed in, never built.
        self.accounts = AccountService(db, actor)  # issue 18: sign-in, users, the data key
        self.project = ProjectService(db, actor)
        self.holidays = HolidayService(db, actor)
        self.maintenance = MaintenanceService(db)
        self.roster = RosterService(db, actor)
        # The rest are built on first use (``_once``): opening the database and showing the
        # first tab import only what they need (issue 16, first data <= 0.5 s after the window).
        self._lazy: dict[str, object] = {}
        self._lazy_lock = threading.RLock()  # GUI thread and workers; a build may nest builds
        self.accounts.on_unlocked = self.open_time_writes

    LAZY = ("settings", "roster_io", "punches", "imports", "leave", "attendance", "scores",
            "service_log", "handover", "documents", "headoffice")

    def _once(self, name: str, build: Callable[[], T]) -> T:
        """The service ``name``, built by ``build`` the first time, under the lock, once."""
        found = self._lazy.get(name)
        if found is None:
            with self._lazy_lock:
                found = self._lazy.get(name)
                if found is None:
                    found = build()
                    self._lazy[name] = found
        return cast(T, found)

    def each(self) -> dict[str, object]:
        """Every service by attribute name, building those not built yet."""
        eager = {n: v for n, v in vars(self).items()
                 if type(v).__module__.startswith("app.services.")}
        return eager | {name: getattr(self, name) for name in self.LAZY}

    @property
    def settings(self) -> SettingsService:
        def build() -> SettingsService:
            from app.services.settings import SettingsService
            return SettingsService(self.db, self.actor)
        return self._once("settings", build)

    @property
    def roster_io(self) -> RosterIO:
        def build() -> RosterIO:
            from app.services.roster_io import RosterIO
            return RosterIO(self.db, self.actor)
        return self._once("roster_io", build)

    @property
    def punches(self) -> PunchService:
        def build() -> PunchService:
            from app.services.punches import PunchService
            return PunchService(self.db, self.actor)
        return self._once("punches", build)

    @property
    def imports(self) -> ImportService:
        def build() -> ImportService:
            from app.services.imports import ImportService
            return ImportService(self.db, self.actor, punches=self.punches)
        return self._once("imports", build)

    @property
    def leave(self) -> LeaveService:
        def build() -> LeaveService:
            from app.services.leave import LeaveService
            return LeaveService(self.db, self.actor, holidays=self.holidays)
        return self._once("leave", build)

    @property
    def attendance(self) -> AttendanceService:
        def build() -> AttendanceService:
            from app.services.attendance import AttendanceService
            return AttendanceService(self.db, self.actor, holidays=self.holidays,
                                     leave=self.leave)
        return self._once("attendance", build)

    @property
    def scores(self) -> ScoreService:
        def build() -> ScoreService:
            from app.services.scores import ScoreService
            return ScoreService(self.db, self.actor, attendance=self.attendance)
        return self._once("scores", build)

    @property
    def service_log(self) -> ServiceLogService:
        def build() -> ServiceLogService:
            from app.services.service_log import ServiceLogService
            return ServiceLogService(self.db, self.actor, holidays=self.holidays)
        return self._once("service_log", build)

    @property
    def handover(self) -> HandoverService:
        def build() -> HandoverService:
            from app.services.handover import HandoverService
            return HandoverService(self.db, self.actor, holidays=self.holidays,
                                   roster=self.roster)
        return self._once("handover", build)

    @property
    def documents(self) -> DocumentService:
        def build() -> DocumentService:
            from app.services.documents import DocumentService
            return DocumentService(
                self.db, self.actor, project=self.project, roster=self.roster,
                attendance=self.attendance, leave=self.leave, handover=self.handover,
                scores=self.scores, service_log=self.service_log)
        return self._once("documents", build)

    @property
    def headoffice(self) -> HeadOfficeService:
        """Issue 19: every project's month in figures (builds site services per project on
        a view of the database switched to it; holds none of them)."""
        def build() -> HeadOfficeService:
            from app.services.headoffice import HeadOfficeService
            return HeadOfficeService(self.db, self.actor, on_project=self.on_project,
                                     holidays=self.holidays)
        return self._once("headoffice", build)

    def on_project(self, project_id: int) -> Services:
        """Issue 19: the services on a view of this database switched to ``project_id`` (the
        same engine, sessions and signed-in person; only ``db.project_id`` differs; the
        national holiday calendar shared). For reading other projects (the head office);
        this facade's own project stays as it is."""
        from app.storage.tables import Project

        view = copy.copy(self.db)
        with view.read() as s:  # a site package's copy is read-only through it too
            switch_to(view, project_id, s.get(Project, project_id))
        other = Services(view, self.actor)
        other.holidays = self.holidays
        return other

    @classmethod
    def open(cls, path: Path, actor: str | None = None, today: dt.date | None = None,
             daily_backup: bool = True, clock: Clock | None = None,
             server: str | None = None, project: str | None = None,
             choose_project: bool = True) -> Services:
        """Open ``path``; ``clock`` is the one source of now (``today`` is shorthand for a
        clock standing at 10:00 on that day). ``server``: a PostgreSQL URL holding the data
        (issue 19); ``path`` then only anchors the local data folder (attachments).
        ``project``: the code of the project to work on (``--project``; default: the only
        one; a Chinese AppError when unknown, or when there are several and none is named).
        ``choose_project=False``: no project is chosen (the ``projects`` list needs none)."""
        if clock is None:
            clock = FixedClock(today) if today is not None else SYSTEM_CLOCK
        if server is not None:
            db = open_server(server, path, clock=clock)
        else:
            db = open_database(path, clock=clock, daily_backup=daily_backup)
        services = cls(db, actor)
        try:
            if not db.read_only:  # a read-only database is shown as it is
                services.open_time_writes()
                db.head.mark_opened()
            if choose_project:  # issue 19: after the database-wide open-time writes
                use_project(db, project)
            services.accounts.refresh()  # issue 18: from now on a write needs a sign-in
        except Exception:
            services.close()
            raise
        return services

    def use_project(self, code: str | None) -> int:
        """Work on the project ``code`` from now on (issue 19; the head office's project
        picker): every service reads and writes that project's rows. Returns its id."""
        return use_project(self.db, code)

    def create_first_admin(self, login: str, display: str, password: str
                           ) -> tuple[str, EncryptReport]:
        """Issue 18's first run: the first admin (their recovery code, to show once), then
        every ID-card and phone number already stored encrypted under the new data key, in
        the database and in its backups (what the report says: people, backups, failures).
        Seconds of work (scrypt, VACUUM, the backups): off the GUI thread."""
        code = self.accounts.create_first_admin(login, display, password)
        assert self.db.keys is not None  # set by the sign-in above
        return code, encrypt_existing(self.db, self.db.keys)

    def open_time_writes(self) -> None:
        """What an open writes by itself, once. On a keyed audit chain with no admin unlocked
        yet these are refused (issue 18) and left for later: call again after an admin login.
        """
        from app.storage.audit import KeyRequired

        try:
            self.holidays.seed_bundled()  # SPEC A7: one SELECT once seeded
            self.maintenance.ensure_baseline()  # issue 17: one SELECT once done
        except KeyRequired:
            pass

    @property
    def db_path(self) -> Path:
        return self.db.path

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    def close(self) -> None:
        self.db.close()
