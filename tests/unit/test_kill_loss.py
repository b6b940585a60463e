"""Kill points for the writers of issue 17 deliverable 4: ``demo`` and leave/roster
attachments. A child process SIGKILLs itself at a chosen point; the parent then checks the
folder like the app would on the next start."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.roster import PersonFields
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

ROOT = Path(__file__).resolve().parents[2]

_KILL = r"""
import os, signal, sys

def kill_on(owner, name, nth=1, when=lambda *a, **k: True):
    orig = getattr(owner, name)
    seen = [0]
    def wrapper(*a, **k):
        if when(*a, **k):
            seen[0] += 1
            if seen[0] == nth:
                print("killing in", name, flush=True)
                os.kill(os.getpid(), signal.SIGKILL)
        return orig(*a, **k)
    setattr(owner, name, wrapper)
"""

_DEMO_CHILD = _KILL + r"""
import app.storage.head
from app.services.roster import RosterService
from app.services.punches import PunchService
from app.cli import main
from tests.helpers.clock import fixed_clock

point = sys.argv[2]
if point == "people":
    kill_on(RosterService, "add", 5)
elif point == "punches":
    kill_on(PunchService, "record_batch")
elif point == "before-copy":
    kill_on(app.storage.head, "announce")
elif point == "after-copy":
    kill_on(app.storage.head, "reset")
sys.exit(main(["--db", sys.argv[1], "demo"], clock=fixed_clock()))
"""


def _people(db_path: Path) -> int:
    services = open_services(db_path)
    try:
        return services.roster.count()
    finally:
        services.close()


@pytest.mark.parametrize("point", ["people", "punches", "before-copy", "after-copy"])
def test_demo_killed_midway_is_all_or_nothing(migrated_db: Path, point: str) -> None:
    child = subprocess.run([sys.executable, "-c", _DEMO_CHILD, str(migrated_db), point],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    assert "killing in" in child.stdout
    # the next start: no alarm, a sound trail, and either no demo at all or all of it
    assert run_cli("--db", str(migrated_db), "db", "check")[0] == 0
    assert run_cli("--db", str(migrated_db), "audit", "verify")[0] == 0
    people = _people(migrated_db)
    assert people in (0, 9)
    code, _out, err = run_cli("--db", str(migrated_db), "demo")
    if people == 0:  # the partial site is cleaned up and the demo made
        assert code == 0, err
        assert "中断" in err
    else:  # the kill came after the copy: the demo is complete, a second one is refused
        assert code == 1
    assert _people(migrated_db) == 9
    assert not list(migrated_db.parent.glob("*.demo-part*"))
    assert run_cli("--db", str(migrated_db), "db", "check")[0] == 0
    assert run_cli("--db", str(migrated_db), "audit", "verify")[0] == 0


_ATTACH_CHILD = _KILL + r"""
from pathlib import Path
import app.services.roster as roster
from app.services import Services

from app.services.roster import RosterService
from tests.helpers.clock import fixed_clock

point = sys.argv[3]
if point == "copy":  # the bytes are written, not yet synced nor renamed
    kill_on(roster.os, "fsync")
elif point == "record":  # the file is in place, the database row not yet written
    kill_on(RosterService, "_load")
services = Services.open(Path(sys.argv[1]), clock=fixed_clock(), daily_backup=False)
services.roster.add_attachment(1, Path(sys.argv[2]), "cert", "证书")
print("finished: no kill", flush=True)
"""


def _stored(db_path: Path) -> list[Path]:
    return [p for p in (db_path.parent / "attachments").rglob("*") if p.is_file()]


@pytest.mark.parametrize("point", ["copy", "record"])
def test_attachment_killed_midway_then_reattached(migrated_db: Path, tmp_path: Path,
                                                  point: str) -> None:
    services = open_services(migrated_db, daily_backup=False)
    try:
        person, _ = services.roster.add(PersonFields(employee_no="A1", name="甲"))
        assert person.id == 1
    finally:
        services.close()
    source = tmp_path / "cert.pdf"
    source.write_bytes(bytes(range(256)) * 40_000)  # 10 MB
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    child = subprocess.run([sys.executable, "-c", _ATTACH_CHILD, str(migrated_db), str(source),
                            point], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    # never a short file under the real name
    for path in _stored(migrated_db):
        if not path.name.endswith(".part"):
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    services = open_services(migrated_db, daily_backup=False)
    try:
        assert services.roster.get(1).attachments == ()  # the row was never committed
        dto, _ = services.roster.add_attachment(1, source, "cert", "证书")
        (att,) = dto.attachments
        kept = services.roster.attachment_file(att)
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == digest
    finally:
        services.close()


def test_reattach_replaces_a_truncated_leftover(migrated_db: Path, tmp_path: Path) -> None:
    """What a killed non-atomic copy used to leave: a short file under the real name."""
    services = open_services(migrated_db, daily_backup=False)
    try:
        person, _ = services.roster.add(PersonFields(employee_no="A1", name="甲"))
        source = tmp_path / "cv.pdf"
        source.write_bytes(b"%PDF-1.4 " + b"x" * 100_000)
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        dto, _ = services.roster.add_attachment(person.id, source, "cv", "简历")
        kept = services.roster.attachment_file(dto.attachments[0])
        services.roster.remove_attachment(dto.attachments[0].id)
        kept.write_bytes(source.read_bytes()[:5000])  # truncated
        dto, _ = services.roster.add_attachment(person.id, source, "cv", "简历")
        again = services.roster.attachment_file(dto.attachments[0])
        assert again == kept
        assert hashlib.sha256(again.read_bytes()).hexdigest() == digest
    finally:
        services.close()




_WRITE_CHILD = _KILL + r"""
from pathlib import Path
from app.domain.roster import PersonFields
from app.services import Services
from tests.helpers.clock import fixed_clock

services = Services.open(Path(sys.argv[1]), clock=fixed_clock(), daily_backup=False)
for no in ("K1", "K2", "K3"):
    services.roster.add(PersonFields(employee_no=no, name="甲"))
print("committed", flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no close, no checkpoint: the work is in the -wal
"""


def test_sigkill_then_lost_wal_is_found(demo_db: Path) -> None:
    """A crash leaves committed work in the -wal; the -wal then goes missing (copied without
    it, deleted by a cleaner): the next start and db check say what is missing."""
    run_cli("--db", str(demo_db), "settings", "show")  # the head exists
    child = subprocess.run([sys.executable, "-c", _WRITE_CHILD, str(demo_db)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    wal = demo_db.with_name(demo_db.name + "-wal")
    assert wal.stat().st_size > 0
    wal.unlink()
    demo_db.with_name(demo_db.name + "-shm").unlink(missing_ok=True)
    code, _, err = run_cli("--db", str(demo_db), "db", "check")
    assert code == 1 and "数据库比记录的最新状态旧" in err and "缺少第" in err
    assert run_cli("--db", str(demo_db), "settings", "show")[0] == 1
