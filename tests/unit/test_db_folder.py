"""Issue 17, deliverable 4: the database lives in a folder of its own, with its -wal, -shm,
head sidecar and lock; backups, attachments and logs stay in the data folder. A database at
the old default place is moved into the folder at start -- only when no other program has it
open, and crash-safe: a SIGKILL at any point of the move leaves exactly one whole database
(never none, never two), which the next start opens with ``db check`` and ``audit verify``
clean. An explicit ``--db`` path or ``ONSITEDESK_DB`` is used as given."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import config
from app.domain.roster import PersonFields
from app.storage import backup, layout
from tests.helpers.cli import run_cli
from tests.helpers.db import DatabaseTemplates, copy_database, open_services

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder of this test (Linux: ``$XDG_DATA_HOME/OnsiteDesk``)."""
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(config.ENV_DB, raising=False)
    folder = tmp_path / "xdg" / config.APP_DIR_NAME
    assert config.user_data_dir() == folder
    return folder


def _people(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _clean(*argv: str) -> None:
    for command in (("db", "check"), ("audit", "verify")):
        code, out, err = run_cli(*argv, *command)
        assert code == 0, (command, out, err)


def test_a_new_database_gets_its_own_folder(data_dir: Path, tmp_path: Path) -> None:
    path = layout.locate(config.resolve_db_path())
    assert path == data_dir / "database" / "onsitedesk.db" == config.default_db_path()
    services = open_services(path)
    try:
        person, _ = services.roster.add(PersonFields(employee_no="A1", name="甲"))
        source = tmp_path / "cert.pdf"
        source.write_bytes(b"%PDF-1.4 test")
        person, _ = services.roster.add_attachment(person.id, source, "cert", "证书")
        stored = services.roster.attachment_file(person.attachments[0])
        made = backup.make_backup(path, "manual")
        assert services.data_dir == data_dir
    finally:
        services.close()
    assert stored.is_relative_to(data_dir / "attachments") and stored.read_bytes().startswith(
        b"%PDF")
    assert made.parent == data_dir / "backups"
    # the database folder holds the database and its own files, nothing else
    assert _files(data_dir / "database") <= {"onsitedesk.db", "onsitedesk.db-wal",
                                             "onsitedesk.db-shm", "onsitedesk.db.head",
                                             "onsitedesk.db.lock"}
    assert {"onsitedesk.db", "onsitedesk.db.head"} <= _files(data_dir / "database")
    assert {"database", "backups", "attachments"} <= _files(data_dir)
    assert config.log_dir() == data_dir / "logs"
    assert config.data_dir_of(Path("/x/y/onsitedesk.db")) == Path("/x/y")  # a --db file


def _legacy_site(templates: DatabaseTemplates, data_dir: Path, tmp_path: Path) -> int:
    """A database at the old default place, as an older release left it: opened (head
    written), an attachment, a backup, and committed work still in its -wal (a SIGKILL
    without checkpoint). Returns the number of people."""
    legacy = copy_database(templates.demo(), data_dir / "onsitedesk.db")
    services = open_services(legacy)  # daily backup, head
    try:
        source = tmp_path / "card.pdf"
        source.write_bytes(b"%PDF-1.4 legacy")
        services.roster.add_attachment(1, source, "cert", "旧附件")
    finally:
        services.close()
    child = subprocess.run([sys.executable, "-c", _WRITE_AND_DIE, str(legacy)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    assert (data_dir / "onsitedesk.db-wal").stat().st_size > 0  # the work is in the -wal
    return _people_via_wal(legacy)


_WRITE_AND_DIE = r"""
import os, signal, sys
from pathlib import Path
from app.domain.roster import PersonFields
from app.services import Services
from tests.helpers.clock import fixed_clock

services = Services.open(Path(sys.argv[1]), clock=fixed_clock(), daily_backup=False)
for no in ("W1", "W2"):
    services.roster.add(PersonFields(employee_no=no, name="乙"))
os.kill(os.getpid(), signal.SIGKILL)
"""


def _people_via_wal(db: Path) -> int:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()


def test_an_old_database_is_moved_into_its_folder(
        db_templates: DatabaseTemplates, data_dir: Path, tmp_path: Path) -> None:
    people = _legacy_site(db_templates, data_dir, tmp_path)
    old_head = (data_dir / "onsitedesk.db.head").read_bytes()
    path = layout.locate(config.resolve_db_path())
    assert path == data_dir / "database" / "onsitedesk.db"
    # nothing of the database is left at the old place; the head went with it
    assert not {"onsitedesk.db", "onsitedesk.db-wal", "onsitedesk.db-shm",
                "onsitedesk.db.head", "onsitedesk.db.lock"} & _files(data_dir)
    assert (data_dir / "database" / "onsitedesk.db.head").read_bytes() == old_head
    assert _people(path) == people  # the work that was in the -wal came along
    _clean()
    services = open_services(path)
    try:
        person = services.roster.get(1)
        assert services.roster.attachment_file(person.attachments[-1]).read_bytes() == (
            b"%PDF-1.4 legacy")
        assert backup.list_backups(path)  # the backups made at the old place are found
    finally:
        services.close()
    # the head protects the new place: the file deleted is noticed, not replaced
    path.unlink()
    code, _out, err = run_cli("db", "check")
    assert code == 1 and "数据库文件不见了" in err


def test_an_old_database_in_use_is_left_where_it_is(
        db_templates: DatabaseTemplates, data_dir: Path, tmp_path: Path) -> None:
    legacy = copy_database(db_templates.migrated(), data_dir / "onsitedesk.db")
    other = open_services(legacy, daily_backup=False)  # another program has it open
    try:
        other.roster.add(PersonFields(employee_no="B1", name="丙"))
        assert layout.locate(config.resolve_db_path()) == legacy
        assert legacy.exists() and not (data_dir / "database" / "onsitedesk.db").exists()
        other.roster.add(PersonFields(employee_no="B2", name="丁"))  # still works there
    finally:
        other.close()
    moved = layout.locate(config.resolve_db_path())  # the next start, with the other program gone
    assert moved == data_dir / "database" / "onsitedesk.db" and not legacy.exists()
    assert _people(moved) == 2
    _clean()


def test_explicit_paths_are_used_as_given(
        db_templates: DatabaseTemplates, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    legacy = copy_database(db_templates.migrated(), data_dir / "onsitedesk.db")
    assert layout.locate(config.resolve_db_path(str(legacy))) == legacy
    monkeypatch.setenv(config.ENV_DB, str(legacy))
    assert layout.locate(config.resolve_db_path()) == legacy
    assert run_cli("--db", str(legacy), "db", "check")[0] == 0
    assert legacy.exists() and not (data_dir / "database").exists()


def test_two_databases_the_old_one_is_left_alone(
        db_templates: DatabaseTemplates, data_dir: Path) -> None:
    legacy = copy_database(db_templates.migrated(), data_dir / "onsitedesk.db")
    new = copy_database(db_templates.demo(), data_dir / "database" / "onsitedesk.db")
    assert layout.locate(config.resolve_db_path()) == new
    assert legacy.exists() and _people(new) == 9


def test_a_database_that_cannot_be_moved_is_opened_where_it_is(
        db_templates: DatabaseTemplates, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy = copy_database(db_templates.migrated(), data_dir / "onsitedesk.db")
    layout.side(legacy, ".head").write_text("{}", encoding="ascii")

    def refuse(_a: Path, _b: Path) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(layout, "move_file", refuse)
    assert layout.locate(config.resolve_db_path()) == legacy
    assert not layout.side(data_dir / "database" / "onsitedesk.db", ".head").exists()
    (data_dir / "onsitedesk.db").write_bytes(b"not a database")  # unreadable: left alone
    monkeypatch.undo()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_dir.parent))
    monkeypatch.delenv(config.ENV_DB, raising=False)
    assert layout.locate(config.resolve_db_path()) == legacy


def test_a_deleted_old_database_is_still_noticed(
        db_templates: DatabaseTemplates, data_dir: Path) -> None:
    """The old file deleted while its head remains: the head moves to the new place, so the
    start says the database is gone instead of making an empty one."""
    legacy = copy_database(db_templates.migrated(), data_dir / "onsitedesk.db")
    open_services(legacy, daily_backup=False).close()
    for p in data_dir.glob("onsitedesk.db*"):
        if not p.name.endswith(".head"):
            p.unlink()
    backups = data_dir / "backups"
    assert not backups.exists()
    code, _out, err = run_cli("db", "check")
    assert code == 1 and "数据库文件不见了" in err
    assert not (data_dir / "database" / "onsitedesk.db").exists()


# ---- kill points -------------------------------------------------------------------------
_KILL_CHILD = r"""
import os, signal, sys
import app.storage.layout as layout

def kill_on(owner, name, nth=1):
    orig = getattr(owner, name)
    seen = [0]
    def wrapper(*a, **k):
        seen[0] += 1
        if seen[0] == nth:
            print("killing in", name, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        return orig(*a, **k)
    setattr(owner, name, wrapper)

point = sys.argv[1]
if point == "quiesce":          # before anything
    kill_on(layout, "quiesce")
elif point == "head-tmp":       # the head's temp file written, not renamed
    kill_on(layout.os, "replace")
elif point == "before-rename":  # the head copied into the folder, the file not moved
    kill_on(layout, "move_file")
elif point == "after-rename":   # the file renamed, the folders not yet synced
    kill_on(layout, "fsync_dir", 2)
elif point == "before-tidy":    # the file moved, the old head still there
    kill_on(layout, "_tidy")
from app import config
from app.storage import layout
print(layout.locate(config.resolve_db_path()), flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
@pytest.mark.parametrize("point", ["quiesce", "head-tmp", "before-rename", "after-rename",
                                   "before-tidy"])
def test_the_move_killed_at_any_point_leaves_one_whole_database(
        db_templates: DatabaseTemplates, data_dir: Path, tmp_path: Path, point: str) -> None:
    people = _legacy_site(db_templates, data_dir, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data_dir.parent)}
    env.pop(config.ENV_DB, None)
    child = subprocess.run([sys.executable, "-c", _KILL_CHILD, point], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    assert "killing in" in child.stdout
    legacy, new = data_dir / "onsitedesk.db", data_dir / "database" / "onsitedesk.db"
    assert legacy.exists() != new.exists()  # one database: never none, never two
    whole = legacy if legacy.exists() else new
    assert _people_via_wal(whole) == people  # nothing committed is lost
    # the next start completes the move and finds everything sound
    assert layout.locate(config.resolve_db_path()) == new and not legacy.exists()
    assert not layout.side(legacy, ".head").exists()
    assert _people(new) == people
    _clean()
