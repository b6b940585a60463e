"""Roles enforced in the services and in storage (issue 18): a viewer's write is refused with a
Chinese message before any work, and nothing in the database changes.

Every public method of every service is classified here as a read (``READS``) or a write
(decorated ``@writes``); a new method that is neither fails
:func:`test_every_public_service_method_is_classified`."""

from __future__ import annotations

import hashlib
import inspect
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.errors import AccessDenied
from app.security.guard import is_write
from app.services import Services
from app.services.attendance import AttendanceService
from app.services.documents import DocumentService
from app.services.handover import HandoverService
from app.services.headoffice import HeadOfficeService
from app.services.holidays import HolidayService
from app.services.imports import ImportService
from app.services.leave import LeaveService
from app.services.maintenance import MaintenanceService
from app.services.project import ProjectService
from app.services.punches import PunchService
from app.services.roster import RosterService
from app.services.roster_io import RosterIO
from app.services.scores import ScoreService
from app.services.service_log import ServiceLogService
from app.services.settings import SettingsService
from app.storage.db import insert_ignoring_duplicates
from app.storage.tables import Project
from app.storage.tables_attendance import Punch
from app.strings import ACC_REFUSED_VIEWER as REFUSED
from tests.helpers.accounts import (
    VIEWER_DISPLAY,
    VIEWER_LOGIN,
    VIEWER_PASSWORD,
    cheap_scrypt,
    with_admin_and_viewer,
)
from tests.helpers.pg import server_rows

SERVICES: dict[str, type] = {
    "attendance": AttendanceService, "documents": DocumentService,
    "handover": HandoverService, "headoffice": HeadOfficeService, "holidays": HolidayService,
    "imports": ImportService,
    "leave": LeaveService, "maintenance": MaintenanceService, "project": ProjectService,
    "punches": PunchService, "roster": RosterService, "roster_io": RosterIO,
    "scores": ScoreService, "service_log": ServiceLogService, "settings": SettingsService,
}

# What a viewer may call: reads, prints and exports (printouts write files, not the database).
READS: dict[str, set[str]] = {
    "attendance": {"compute", "coverage", "day_detail", "is_locked", "month", "month_details",
                   "verify_code",
                   "month_punches", "nursing_periods", "tallies"},
    "documents": {"change_pdf", "explanation", "leave_pdf", "month_pdf", "month_xlsx",
                  "punch_record", "punches_xlsx", "roster_pdf", "roster_template",
                  "roster_xlsx", "score_person_pdf", "score_sheet_pdf", "score_sheet_xlsx",
                  "service_month_pdf", "service_month_xlsx", "service_record_pdf",
                  "service_reports_pdf", "service_reports_xlsx", "headoffice_xlsx"},
    "handover": {"get", "list_changes", "plan", "timeline", "warnings"},
    # issue 19: its only writes are its own derived summaries, skipped for a viewer
    "headoffice": {"catch_up", "compute", "forget", "is_company_database", "overview",
                   "projects",
                   "refresh", "stale", "statistics"},
    "holidays": {"calendar", "estimate_statutory", "held", "list_year", "plan_import",
                 "provisional_banner", "provisional_years", "year_status"},
    "imports": {"check_usb", "device", "devices", "history", "unmapped", "usb_device_choices"},
    "leave": {"annual_balance", "attachments", "comp_balance", "get", "list_overtime",
              "overtime_for", "preview", "requests", "sessions_for", "types", "used_days"},
    # close_backup: a copy of the file when this session wrote (a viewer's never does)
    "maintenance": {"check", "close_backup", "list_backups", "verify_audit", "verify_data"},
    "project": {"get"},
    "punches": {"count", "count_since"},
    "roster": {"attachment_file", "count", "find_by_id_card", "get", "joined", "list_people",
               "list_people_full", "reveal"},  # admin-only reads (app.services.privacy), audited
    "roster_io": {"plan", "remembered_columns", "replan"},
    "scores": {"incidents", "month", "rule", "rules", "settings"},
    "service_log": {"acceptance_date", "commitments", "day_reports", "get", "inspection",
                    "month", "month_reports", "records", "report", "targets"},
    "settings": {"legend", "show", "timeline"},
}


def _public(cls: type) -> dict[str, Any]:
    return {n: f for n, f in inspect.getmembers(cls, callable) if not n.startswith("_")}


WRITES = sorted((attr, name) for attr, cls in SERVICES.items()
                for name, f in _public(cls).items() if is_write(f))


def test_every_public_service_method_is_classified() -> None:
    """A new public method must be a ``@writes`` or listed as a read here."""
    services_attrs = {n for n, v in vars(Services).items() if not n.startswith("_")}
    for attr, cls in SERVICES.items():
        methods = _public(cls)
        unclassified = {n for n, f in methods.items() if not is_write(f)} - READS[attr]
        assert not unclassified, f"{attr}: classify {sorted(unclassified)} (read or @writes)"
        wrongly = {n for n in READS[attr] if is_write(methods[n])}
        assert not wrongly, f"{attr}: {sorted(wrongly)} listed as reads but marked @writes"
    assert len(WRITES) > 60  # the enumeration found the writes
    assert "accounts" not in SERVICES and services_attrs  # accounts: own checks, tested apart


def test_every_service_of_services_is_covered(services: Services) -> None:
    found = {attr for attr, v in services.each().items()
             if type(v).__module__.startswith("app.services.") and attr != "accounts"}
    assert found == set(SERVICES)


def _snapshot(services: Services) -> tuple[str, list[tuple[str, list[tuple[Any, ...]]]]]:
    """The database file's bytes (main + WAL) and every table's rows (issue 19: on a
    PostgreSQL server, the rows only)."""
    if services.db.server is not None:
        return "", server_rows(services)
    path = services.db_path
    digest = hashlib.sha256()
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            digest.update(p.read_bytes())
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        rows = [(t, sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr))
                for t in tables]
    finally:
        con.close()
    return digest.hexdigest(), rows


def _dummy_call(method: Callable[..., Any]) -> Any:
    """Call with placeholder arguments: the role check comes before any of them is used."""
    sig = inspect.signature(inspect.unwrap(method))
    args, kwargs = [], {}
    for name, param in list(sig.parameters.items())[1:] if "self" in sig.parameters else \
            sig.parameters.items():
        if param.default is not inspect.Parameter.empty or param.kind in (
                param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.kind == param.KEYWORD_ONLY:
            kwargs[name] = None
        else:
            args.append(None)
    return method(*args, **kwargs)


@pytest.fixture
def viewer(services: Services, monkeypatch: pytest.MonkeyPatch) -> Services:
    cheap_scrypt(monkeypatch)
    with_admin_and_viewer(services)
    services.project.update(name="某医院")
    services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    return services


@pytest.mark.parametrize(("attr", "name"), WRITES, ids=[f"{a}.{n}" for a, n in WRITES])
def test_a_viewer_is_refused_on_every_write_and_nothing_changes(
        viewer: Services, attr: str, name: str) -> None:
    before = _snapshot(viewer)
    with pytest.raises(AccessDenied) as err:
        _dummy_call(getattr(getattr(viewer, attr), name))
    assert str(err.value) == REFUSED.format(user=VIEWER_DISPLAY)
    assert _snapshot(viewer) == before


def test_nobody_signed_in_on_a_database_with_accounts_is_refused(viewer: Services) -> None:
    viewer.accounts.logout()
    with pytest.raises(AccessDenied, match="请先登录"):
        viewer.project.update(name="X")
    with pytest.raises(AccessDenied, match="请先登录"), viewer.db.transaction() as s:
        s.get(Project, 1).name = "X"  # type: ignore[union-attr]


def test_storage_refuses_an_orm_write_that_skipped_the_service_check(viewer: Services) -> None:
    before = _snapshot(viewer)
    with pytest.raises(AccessDenied, match="只读用户"), viewer.db.transaction() as s:
        s.get(Project, 1).name = "改了"  # type: ignore[union-attr]
    assert _snapshot(viewer) == before


def test_storage_refuses_raw_sql_writes_like_the_punch_import(viewer: Services) -> None:
    before = _snapshot(viewer)
    with pytest.raises(AccessDenied, match="只读用户"), viewer.db.transaction() as s:
        s.execute(text("UPDATE project SET name = 'raw'"))
    with pytest.raises(AccessDenied, match="只读用户"), viewer.db.transaction() as s:
        insert_ignoring_duplicates(s.connection(), Punch.__table__,  # type: ignore[arg-type]
                                   ["project_id", "device_user_id"], [(1, "1")])
    # a bare read session cannot write either
    # SQLite: "attempt to write a readonly database"; PostgreSQL: "… in a read-only transaction"
    with pytest.raises(Exception, match=r"readonly|read-only transaction"), viewer.db.read() as s:
        s.execute(text("DELETE FROM audit_log"))
    assert _snapshot(viewer) == before
    # the refusal ends with the viewer: an admin's next transaction on the same pool writes
    from tests.helpers.accounts import ADMIN_LOGIN, ADMIN_PASSWORD

    viewer.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    viewer.project.update(name="管理员改的")
    assert viewer.project.get().name == "管理员改的"


def test_a_viewer_reads_prints_and_exports(demo_services: Services, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_scrypt(monkeypatch)
    s = demo_services
    with_admin_and_viewer(s)
    s.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    before = _snapshot(s)
    assert s.roster.list_people()
    assert s.attendance.month(2026, 11)
    s.documents.month_pdf(2026, 11, tmp_path / "m.pdf")
    s.documents.roster_xlsx(tmp_path / "r.xlsx")
    assert s.maintenance.verify_audit().ok
    assert (tmp_path / "m.pdf").stat().st_size > 0
    assert _snapshot(s)[1] == before[1]


def test_only_the_accounts_service_bypasses_the_role_check() -> None:
    """``transaction(system=True)`` (sign-in bookkeeping) and ``SYSTEM_OPTION`` let anyone
    write: nothing but app/services/accounts.py (and db.py, which defines them) may use them.
    Issue 19: the site package import writes a read-only site copy through it, after a role
    check of its own (tests/integration/test_site_package.py: a viewer is refused)."""
    root = Path(__file__).resolve().parents[2] / "app"
    users = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                   if ("system=True" in p.read_text(encoding="utf-8")
                       or "SYSTEM_OPTION" in p.read_text(encoding="utf-8")))
    assert users == ["services/accounts.py", "services/sitepkg.py", "storage/db.py"]
