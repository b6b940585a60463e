"""Issue 17, deliverable 5 for the rows written before it: migration 0013 masks the ID and
phone numbers that audit rows from before migration 0012 hold in clear, re-chains the trail,
records the re-chain in one ``rechained`` audit row, and the clear numbers leave the file
(VACUUM with secure_delete, WAL truncated) -- while ``audit verify``, ``db check`` and the head
sidecar stay clean, also when the upgrade is killed at any point."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from app.storage import audit
from app.storage import head as sidecar
from tests.helpers.cli import run_cli
from tests.helpers.clock import fixed_clock

pytestmark = pytest.mark.real_migrations

ROOT = Path(__file__).resolve().parents[2]
# numbers only in the trail (the live row was changed, the other person deleted)
OLD_PHONE, OLD_ID = "13912345601", "11010519491231002X"
GONE_PHONE, GONE_ID = "13698765432", "320106198807154512"
LIVE_PHONE = "13700001111"
CLEAR = (OLD_PHONE, OLD_ID, GONE_PHONE, GONE_ID)


def _person(pid: int, no: str, phone: str, id_card: str) -> dict[str, object]:
    return {"id": pid, "project_id": 1, "employee_no": no, "name": "甲", "phone": phone,
            "id_card_no": id_card, "status": "active"}


def _old_site(db_path: Path, with_head: bool = True) -> str:
    """A database made by a release at migration 0011: its trail holds the numbers in clear
    (written as that release wrote them: ``audit.record`` without masking). Returns the hash
    of the newest audit row."""
    from app.storage.db import migrate

    db_path.parent.mkdir(parents=True, exist_ok=True)
    migrate(db_path, target="0011")
    clock = fixed_clock()
    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool)
    try:
        with engine.begin() as conn:
            run = conn.exec_driver_sql
            run("INSERT INTO project (id, name, client_dept) VALUES (1, '驻场项目', '信息科')")
            audit.record(conn, "old", "insert", "project", "1", None,
                         {"id": 1, "name": "驻场项目"}, clock)
            run("INSERT INTO person (id, project_id, employee_no, name, device_user_id, role, "
                "phone, id_card_no, status, nda_signed, training_done, note) VALUES "
                f"(1, 1, 'HX1', '甲', '7', '', '{OLD_PHONE}', '{OLD_ID}', 'active', 0, 0, '')")
            audit.record(conn, "old", "insert", "person", "1", None,
                         _person(1, "HX1", OLD_PHONE, OLD_ID), clock)
            run(f"UPDATE person SET phone = '{LIVE_PHONE}', id_card_no = '' WHERE id = 1")
            audit.record(conn, "old", "update", "person", "1",
                         _person(1, "HX1", OLD_PHONE, OLD_ID),
                         _person(1, "HX1", LIVE_PHONE, ""), clock)
            run("INSERT INTO person (id, project_id, employee_no, name, device_user_id, role, "
                "phone, id_card_no, status, nda_signed, training_done, note) VALUES "
                f"(2, 1, 'HX2', '乙', '8', '', '{GONE_PHONE}', '{GONE_ID}', 'active', 0, 0, '')")
            audit.record(conn, "old", "insert", "person", "2", None,
                         _person(2, "HX2", GONE_PHONE, GONE_ID), clock)
            run("DELETE FROM person WHERE id = 2")
            audit.record(conn, "old", "delete", "person", "2",
                         _person(2, "HX2", GONE_PHONE, GONE_ID), None, clock)
            run("UPDATE project SET client_dept = '信息中心' WHERE id = 1")
            audit.record(conn, "old", "update", "project", "1", {"client_dept": "信息科"},
                         {"client_dept": "信息中心"}, clock)
    finally:
        engine.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    newest = str(con.execute("SELECT last_hash FROM audit_head").fetchone()[0])
    con.close()
    if with_head:  # that release kept the head sidecar too
        sidecar.reset(db_path)
    data = _bytes(db_path)
    assert all(n.encode() in data for n in CLEAR)  # the numbers are in the file now
    return newest


def _bytes(db_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db_path, db_path.with_name(db_path.name + "-wal"))
                    if p.exists())


def _rows(db_path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT id, action, entity, before, after, hash FROM audit_log "
                           "ORDER BY id").fetchall()
    finally:
        con.close()


def _clean(db_path: Path) -> None:
    for command in (("db", "check"), ("audit", "verify")):
        code, out, err = run_cli("--db", str(db_path), *command)
        assert code == 0, (command, out, err)


def test_old_numbers_are_masked_rechained_and_gone_from_the_file(db_path: Path) -> None:
    old_head = _old_site(db_path)
    before = _rows(db_path)
    _clean(db_path)  # the first open migrates (0012, 0013), erases, reconciles
    rows = _rows(db_path)
    data = _bytes(db_path)
    for number in CLEAR:
        assert number.encode() not in data, number
    con = sqlite3.connect(db_path)
    key = str(con.execute("SELECT value FROM db_meta WHERE key = 'audit_key'").fetchone()[0])
    scrub = con.execute("SELECT COUNT(*) FROM db_meta WHERE key = 'audit_scrub'").fetchone()
    assert scrub == (0,)
    con.close()
    # the row before the first person row is untouched; every row after it is re-hashed
    assert rows[0] == before[0]
    assert all(new[5] != old[5] for new, old in zip(rows[1:6], before[1:6], strict=True))
    # the numbers are in the form new rows use
    inserted = json.loads(str(rows[1][4]))
    assert inserted["phone"] == audit.protect("phone", OLD_PHONE, key.encode("ascii"))
    assert inserted["id_card_no"] == audit.protect("id_card_no", OLD_ID, key.encode("ascii"))
    assert inserted["phone"].startswith("139****5601#h:")
    updated_after = json.loads(str(rows[2][4]))
    assert updated_after["phone"] == audit.protect("phone", LIVE_PHONE, key.encode("ascii"))
    assert updated_after["id_card_no"] == ""
    # one row records the re-chain: the old head, what was masked
    rechained = [r for r in rows if r[1] == "rechained"]
    assert len(rechained) == 1
    _id, _action, entity, rec_before, rec_after, _hash = rechained[0]
    assert entity == "audit_log"
    assert json.loads(str(rec_before)) == {"head_id": 6, "head_hash": old_head}
    assert json.loads(str(rec_after)) == {"first_changed": 2, "rows_masked": 4,
                                          "values_masked": 9}  # 2 + 2 + 1 + 2 + 2
    # the head sidecar follows the new chain
    recorded = sidecar.read(db_path)
    assert recorded is not None and recorded.audit_id == rows[-1][0]
    assert recorded.audit_hash == rows[-1][5]
    # a second open changes nothing
    _clean(db_path)
    assert _rows(db_path) == rows


def test_a_trail_without_clear_numbers_is_not_rechained(db_path: Path) -> None:
    from app.storage.db import migrate

    db_path.parent.mkdir(parents=True)
    migrate(db_path, target="0011")
    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO project (id, name, client_dept) VALUES (1, 'p', 'd')")
        audit.record(conn, "old", "insert", "project", "1", None, {"id": 1, "name": "p"},
                     fixed_clock())
    engine.dispose()
    before = _rows(db_path)
    _clean(db_path)
    after = _rows(db_path)
    assert after[:len(before)] == before
    assert not [r for r in after if r[1] == "rechained"]


_KILL_CHILD = r"""
import os, signal, sys
from pathlib import Path

def kill_on(owner, name, after=False):
    orig = getattr(owner, name)
    def wrapper(*a, **k):
        if not after:
            print("killing in", name, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        result = orig(*a, **k)
        print("killing after", name, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(owner, name, wrapper)

import app.storage.audit as audit
import app.storage.db as db
import app.storage.head as head
from app.services import Services
from tests.helpers.clock import fixed_clock

point = sys.argv[2]
if point == "rechain":        # the rows rewritten, the record row not yet: not committed
    kill_on(audit, "record")
elif point == "announced":    # the sidecar accepts both heads, the migration not committed
    kill_on(head, "announce", after=True)
elif point == "committed":    # the migration committed, the pages not yet erased
    kill_on(db, "scrub_if_pending")
elif point == "erased":       # erased, the head sidecar not yet brought forward
    kill_on(head.HeadKeeper, "sync_engine")
Services.open(Path(sys.argv[1]), clock=fixed_clock())
print("finished: no kill", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
@pytest.mark.parametrize("point", ["rechain", "announced", "committed", "erased"])
def test_upgrade_killed_at_any_point_opens_clean(db_path: Path, point: str) -> None:
    _old_site(db_path)
    child = subprocess.run([sys.executable, "-c", _KILL_CHILD, str(db_path), point],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    assert "killing" in child.stdout
    _clean(db_path)  # no alarm from the head, a whole chain, the data reconciled
    data = _bytes(db_path)
    for number in CLEAR:
        assert number.encode() not in data, (point, number)
    assert len([r for r in _rows(db_path) if r[1] == "rechained"]) == 1


def test_the_erasure_removes_freed_bytes_even_without_secure_delete(tmp_path: Path) -> None:
    """This machine's SQLite is built with SECURE_DELETE on; Python's SQLite on Windows is
    not. Freed cells written with it off keep their bytes until the scrub runs."""
    from app.storage.db import SCRUB_KEY, scrub_if_pending

    path = tmp_path / "s.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA secure_delete=OFF")
    con.execute("CREATE TABLE db_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("CREATE TABLE t (v TEXT)")
    con.executemany("INSERT INTO t VALUES (?)", [(f"{OLD_ID}-{i}",) for i in range(200)])
    con.execute("DELETE FROM t")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert OLD_ID.encode() in _bytes(path)
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        assert not scrub_if_pending(path, engine)  # nothing pending: nothing done
        assert OLD_ID.encode() in _bytes(path)
        con.execute("INSERT INTO db_meta VALUES (?, 'pending')", (SCRUB_KEY,))
        assert scrub_if_pending(path, engine)
    finally:
        engine.dispose()
        con.close()
    assert OLD_ID.encode() not in _bytes(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM db_meta").fetchone() == (0,)
    con.close()
