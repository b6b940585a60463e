"""Use cases: the only door to storage for the CLI, the GUI and the tests (DESIGN §1).

``Services.open(path)`` runs the start-up checks and migrations and returns the facade.

Wiring: ``Services`` builds every service exactly once, in dependency order, and hands each
service the collaborators it needs as keyword arguments; no service builds another
(``tests/unit/test_wiring.py``). What the services hand out lives in the package ``app.dto``
(one module per area), below both the services and the printouts: it imports only the
domain, the strings and itself, so the printing package (``app.documents``, reached only
through ``DocumentService``) and the GUI use it without pulling in a use case
(``tests/unit/test_import_graph.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.clock import SYSTEM_CLOCK, Clock, FixedClock
from app.progress import NullProgress, Progress
from app.services.accounts import AccountService
from app.services.attendance import AttendanceService
from app.services.changes import Changes
from app.services.documents import DocumentService
from app.services.handover import HandoverService
from app.services.holidays import HolidayService
from app.services.imports import ImportService
from app.services.leave import LeaveService
from app.services.maintenance import MaintenanceService, restore_latest
from app.services.privacy import EncryptReport, encrypt_existing
from app.services.project import ProjectService
from app.services.punches import PunchService
from app.services.roster import RosterService
from app.services.roster_io import RosterIO
from app.services.scores import ScoreService
from app.services.service_log import ServiceLogService
from app.services.settings import SettingsService
from app.storage.db import Database, open_database, open_server

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
        self.settings = SettingsService(db, actor)
        self.holidays = HolidayService(db, actor)
        self.maintenance = MaintenanceService(db)
        self.roster = RosterService(db, actor)
        self.roster_io = RosterIO(db, actor)
        self.punches = PunchService(db, actor)
        self.imports = ImportService(db, actor, punches=self.punches)
        self.leave = LeaveService(db, actor, holidays=self.holidays)
        self.attendance = AttendanceService(db, actor, holidays=self.holidays, leave=self.leave)
        self.scores = ScoreService(db, actor, attendance=self.attendance)
        self.service_log = ServiceLogService(db, actor, holidays=self.holidays)
        self.handover = HandoverService(db, actor, holidays=self.holidays, roster=self.roster)
        self.documents = DocumentService(
            db, actor, project=self.project, roster=self.roster, attendance=self.attendance,
            leave=self.leave, handover=self.handover, scores=self.scores,
            service_log=self.service_log)
        self.accounts.on_unlocked = self.open_time_writes

    @classmethod
    def open(cls, path: Path, actor: str | None = None, today: dt.date | None = None,
             daily_backup: bool = True, clock: Clock | None = None,
             server: str | None = None) -> Services:
        """Open ``path``; ``clock`` is the one source of now (``today`` is shorthand for a
        clock standing at 10:00 on that day). ``server``: a PostgreSQL URL holding the data
        (issue 19); ``path`` then only anchors the local data folder (attachments)."""
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
            services.accounts.refresh()  # issue 18: from now on a write needs a sign-in
        except Exception:
            services.close()
            raise
        return services

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
