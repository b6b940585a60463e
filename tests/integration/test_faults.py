"""Faults (issue 17, deliverable 3): a full disk, a read-only folder or file, a busy
database, two first opens at once. Each in child processes, as a user would meet it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import strings
from app.storage import backup
from tests.helpers import child
from tests.helpers.db import DatabaseTemplates, copy_database

PYTHON = sys.executable
ADD_DEVICE = ["devices", "add", "门口", "--host", "10.0.0.9"]  # a small write


def _db(path: Path) -> list[str]:
    return ["--db", str(path)]


def _id_number(i: int) -> str:
    body = f"110105199001{i % 28 + 1:02d}{i % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _roster_csv(path: Path, n: int) -> list[str]:
    """A roster of ``n`` people; their ID numbers (what must never be printed)."""
    ids = [_id_number(i) for i in range(n)]
    rows = ["工号*,姓名*,考勤号,岗位,电话,身份证号,入场日期,离场日期,状态,参加工作日期,备注"]
    rows += [f"FX{i:04d},测试{i},{5000 + i},技术支持,1390000{i:04d},{ids[i]},2026-01-05,,在岗,,"
             "备注" * 40 for i in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ids


@pytest.fixture
def site(db_templates: DatabaseTemplates) -> Iterator[Path]:
    """A demo database in a folder outside pytest's private tmp (which user ``nobody``
    could not enter), removed afterwards whatever its permissions."""
    base = Path(tempfile.mkdtemp(prefix="onsitedesk-faults-"))
    os.chmod(base, 0o755)
    db = copy_database(db_templates.demo(), base / "data" / "onsitedesk.db")
    os.chmod(db.parent, 0o777)
    os.chmod(db, 0o666)
    try:
        yield db
    finally:
        for p in base.rglob("*"):
            if p.is_dir():
                os.chmod(p, 0o755)
        shutil.rmtree(base, ignore_errors=True)


def _no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "sqlalchemy" not in proc.stderr.lower(), \
        proc.stderr[-2000:]


# ---- disk full --------------------------------------------------------------------------


@pytest.mark.slow
def test_disk_full_during_roster_import_is_a_chinese_message_without_personal_data(
        site: Path, tmp_path: Path) -> None:
    """RLIMIT_FSIZE stands in for a full disk: the roster import's write fails; the user
    reads which folder and how much space, exit 1, no traceback, no SQL parameters (the
    ID numbers of the file never appear), and nothing was stored."""
    csv = tmp_path.parent / "roster.csv"
    ids = _roster_csv(csv, 400)
    os.chmod(csv, 0o644)
    proc = child.run(["--db", str(site), "roster", "import", str(csv)], fsize=64 * 1024,
                     backup_first=True)
    assert proc.returncode == 1, (proc.stdout[-500:], proc.stderr[-2000:])
    _no_traceback(proc)
    assert strings.DB_DISK_FULL.split("{")[0] in proc.stderr
    assert str(site.parent) in proc.stderr
    assert not any(i in proc.stderr + proc.stdout for i in ids)
    con = sqlite3.connect(site)
    try:
        assert con.execute("SELECT count(*) FROM person WHERE employee_no LIKE 'FX%'"
                           ).fetchone() == (0,)
    finally:
        con.close()


@pytest.mark.slow
def test_disk_full_at_the_daily_backup_opens_read_only(site: Path) -> None:
    """No backup possible today (the disk is full): no .part left behind; reading works;
    a write is refused in Chinese saying why (read-only for want of a backup)."""
    for old in backup.list_backups(site):
        old.unlink()
    limit = site.stat().st_size // 2
    read = child.run(["--db", str(site), "holidays", "list", "2026"], fsize=limit)
    assert read.returncode == 0, read.stderr[-2000:]
    folder = backup.backup_dir(site)
    assert not list(folder.glob("*.part*")), list(folder.iterdir())
    assert backup.list_backups(site) == []
    write = child.run([*_db(site), *ADD_DEVICE], fsize=limit)
    assert write.returncode == 1
    _no_traceback(write)
    assert strings.DB_READ_ONLY_REFUSED.split("{")[0] in write.stderr
    assert strings.DB_BACKUP_NO_SPACE.split("{")[0] in write.stderr
    assert str(backup.backup_dir(site)) in write.stderr


def test_failed_backup_leaves_no_part_file_and_leftovers_are_cleaned(site: Path) -> None:
    """A backup that fails midway removes its .part; a .part a killed process left is
    removed at the next start (a fresh one, maybe being written, is spared)."""
    folder = backup.backup_dir(site)
    folder.mkdir(exist_ok=True)
    proc = subprocess.run(
        [PYTHON, "-c", "import resource, signal, sys\nfrom pathlib import Path\n"
         "from app.storage import backup\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
         "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
         "try:\n backup.make_backup(Path(sys.argv[1]), 'manual')\nexcept Exception as e:\n"
         " print(type(e).__name__, e)\n", str(site)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(child.ROOT)},
        check=True)
    kind, message = proc.stdout.strip().split(" ", 1)
    assert kind == "DiskFull", proc.stdout + proc.stderr
    assert message.startswith(strings.DB_BACKUP_DISK_FULL.format(
        folder=folder, free=0, need=0).split(" 剩余")[0])
    assert not list(folder.glob("*.part*"))
    old = folder / f"{site.stem}-20261101-120000-daily.part"
    fresh = folder / f"{site.stem}-20261204-120000-daily.part"
    old.write_bytes(b"")
    fresh.write_bytes(b"")
    now = time.time()  # (set both: under faketime the kernel stamps files with the real time)
    os.utime(old, (now - 3600, now - 3600))
    os.utime(fresh, (now, now))
    assert backup.clean_leftovers(site) == [old]
    assert fresh.exists() and not old.exists()


@pytest.mark.slow
def test_disk_full_on_a_tiny_filesystem(db_templates: DatabaseTemplates) -> None:
    """The real thing: a tmpfs just bigger than the database (needs root and mount)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root; RLIMIT_FSIZE tests cover the user case")
    mnt = Path(tempfile.mkdtemp(prefix="onsitedesk-tmpfs-"))
    src = db_templates.demo()
    size_kb = src.stat().st_size // 1024 + 200
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("this machine refuses a tmpfs mount (a container without CAP_SYS_ADMIN)")
    try:
        db = copy_database(src, mnt / "data" / "onsitedesk.db")
        read = child.run(["--db", str(db), "holidays", "list", "2026"])
        assert read.returncode == 0, read.stderr[-2000:]
        assert not list(backup.backup_dir(db).glob("*.part*"))
        write = child.run([*_db(db), *ADD_DEVICE])
        assert write.returncode == 1
        _no_traceback(write)
        assert strings.DB_BACKUP_NO_SPACE.split("{")[0] in write.stderr
        assert str(backup.backup_dir(db)) in write.stderr
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
        shutil.rmtree(mnt, ignore_errors=True)


# ---- read-only folder and file ------------------------------------------------------------


def _need_unprivileged() -> None:
    problem = child.unprivileged_problem()
    if problem:
        pytest.skip(problem)


def test_read_only_folder_opens_read_only_without_a_restore_offer(site: Path) -> None:
    """A read-only folder: said as such (not a failed integrity check, no restore offer);
    reading works; a write is refused with the reason; nothing is created there."""
    _need_unprivileged()
    os.chmod(site, 0o444)
    os.chmod(site.parent, 0o555)
    before = sorted(p.name for p in site.parent.iterdir())
    read = child.run(["--db", str(site), "holidays", "list", "2026"],
                     unprivileged=True)
    assert read.returncode == 0, read.stderr[-2000:]
    write = child.run([*_db(site), *ADD_DEVICE], unprivileged=True)
    assert write.returncode == 1
    _no_traceback(write)
    assert strings.DB_FOLDER_READ_ONLY.format(folder=site.parent).split("。")[0] in write.stderr
    assert "完整性检查" not in write.stderr and "备份" not in write.stderr
    assert sorted(p.name for p in site.parent.iterdir()) == before


def test_read_only_file_opens_read_only(site: Path) -> None:
    """A read-only database file in a writable folder: reading works, a write is refused
    as "文件只读" (before: a traceback on the first write)."""
    _need_unprivileged()
    os.chmod(site, 0o444)
    read = child.run(["--db", str(site), "holidays", "list", "2026"],
                     unprivileged=True)
    assert read.returncode == 0, read.stderr[-2000:]
    write = child.run([*_db(site), *ADD_DEVICE], unprivileged=True)
    assert write.returncode == 1
    _no_traceback(write)
    assert strings.DB_FILE_READ_ONLY.format(path=site).split("。")[0] in write.stderr
    assert stat.S_IMODE(site.stat().st_mode) == 0o444


# ---- locks --------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_second_writer_is_told_the_database_is_busy(site: Path) -> None:
    """Another process holds the write lock beyond the busy timeout: the command says so
    in Chinese (exit 1), no traceback; once the lock is gone the same command works."""
    holder = subprocess.Popen(
        [PYTHON, "-c", "import sqlite3, sys, time\ncon = sqlite3.connect(sys.argv[1], "
         "isolation_level=None)\ncon.execute('BEGIN IMMEDIATE')\nprint('held', flush=True)\n"
         "time.sleep(25)\n", str(site)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = child.run([*_db(site), *ADD_DEVICE], backup_first=True)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert busy.returncode == 1
    _no_traceback(busy)
    assert "另一个窗口或任务正在使用数据库" in busy.stderr
    again = child.run([*_db(site), *ADD_DEVICE])
    assert again.returncode == 0, again.stderr[-2000:]


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_concurrent_first_opens_both_succeed(tmp_path: Path, round_: int) -> None:
    """Two processes open the same new database at the same moment (real migrations):
    both succeed (before: the loser was told "readonly database"); one schema, at head."""
    db = tmp_path / "data" / "onsitedesk.db"
    code = ("import sys\nfrom pathlib import Path\nfrom app.services import Services\n"
            "s = Services.open(Path(sys.argv[1]))\nwith s.db.transaction() as t:\n"
            " pass\ns.close()\nprint('ok')\n")
    env = {**os.environ, "PYTHONPATH": str(child.ROOT)}
    procs = [subprocess.Popen([PYTHON, "-c", code, str(db)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-1500:] for o in outs]
    from app.storage.db import head_revision

    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (head_revision(),)]
    finally:
        con.close()
