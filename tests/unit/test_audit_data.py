"""Issue 17: ``audit verify`` checks the business tables against the trail — direct edits
(a phone changed, punches deleted, a ghost person), flipped bits in punch data — and the
trail holds ID and phone numbers only masked and keyed-hashed."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from app.domain.roster import PersonFields
from tests.helpers.cli import run_cli
from tests.helpers.sqlite import sql as _sql

FULL_MOBILE = re.compile(r"1[3-9]\d{9}")
FULL_ID = re.compile(r"\d{17}[\dX]")


def _verify(path: Path) -> tuple[int, str]:
    code, out, err = run_cli("--db", str(path), "audit", "verify")
    return code, out + err


def test_demo_site_verifies_clean(demo_db: Path) -> None:
    code, text = _verify(demo_db)
    assert code == 0, text
    assert "业务数据与审计记录一致" in text


def test_phone_changed_directly_is_found(demo_db: Path) -> None:
    pid = _sql(demo_db, "SELECT id FROM person ORDER BY id LIMIT 1")[0][0]
    _sql(demo_db, "UPDATE person SET phone = '13900000000' WHERE id = ?", pid)
    code, text = _verify(demo_db)
    assert code == 1
    assert f"人员 #{pid} 与审计记录中最后的内容不符：phone" in text


def test_ghost_person_is_found(demo_db: Path) -> None:
    _sql(demo_db, "INSERT INTO person (project_id, employee_no, name, role, phone, id_card_no,"
                  " status, nda_signed, training_done, note) VALUES (1, 'G1', '幽灵', '', '',"
                  " '', 'active', 0, 0, '')")
    gid = _sql(demo_db, "SELECT id FROM person WHERE employee_no = 'G1'")[0][0]
    code, text = _verify(demo_db)
    assert code == 1
    assert f"人员 #{gid} 在数据表里存在，但审计记录中没有它的新增记录" in text


def test_deleted_person_is_found(demo_db: Path) -> None:
    pid = _sql(demo_db, "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM"
                        " attachment) ORDER BY id DESC LIMIT 1")[0][0]
    _sql(demo_db, "PRAGMA foreign_keys=OFF")
    con = sqlite3.connect(demo_db)
    con.execute("DELETE FROM equipment_item WHERE person_id = ?", (pid,))
    con.execute("DELETE FROM person WHERE id = ?", (pid,))
    con.commit()
    con.close()
    code, text = _verify(demo_db)
    assert code == 1
    assert f"人员 #{pid} 在审计记录中存在，但数据表里不见了" in text


def test_hundred_punches_deleted_are_found(demo_db: Path) -> None:
    batch = _sql(demo_db, "SELECT id FROM import_batch ORDER BY id LIMIT 1")[0][0]
    _sql(demo_db, "DELETE FROM punch WHERE id IN (SELECT id FROM punch WHERE batch_id = ?"
                  " ORDER BY id LIMIT 100)", batch)
    code, text = _verify(demo_db)
    assert code == 1
    assert f"导入批次 #{batch} 的打卡数据与导入时记录的摘要不符" in text
    result = run_cli("--db", str(demo_db), "audit", "verify", "--json")
    assert result.code == 1
    data = result.json()
    assert {"code": "punch_digest", "entity": "import_batch", "id": str(batch),
            "fields": []} in data["data_problems"]


def test_punch_time_edited_is_found(demo_db: Path) -> None:
    _sql(demo_db, "UPDATE punch SET punched_at = '2026-11-02 07:59:00.000000'"
                  " WHERE id = (SELECT MIN(id) FROM punch)")
    assert _verify(demo_db)[0] == 1


@pytest.mark.parametrize("seed", range(18))
def test_single_bit_flip_in_punch_data_is_found(demo_db: Path, seed: int) -> None:
    """18 single-bit flips, each in its own copy: every one is found by db check or audit
    verify (none silently changes a punch)."""
    data = bytearray(demo_db.read_bytes())
    hits = [m.start() for m in re.finditer(rb"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d",
                                             bytes(data))]
    assert len(hits) > 1000
    where = hits[(seed * 7919) % len(hits)] + (seed % 19)
    data[where] ^= 1 << (seed % 8)
    demo_db.write_bytes(bytes(data))
    check = run_cli("--db", str(demo_db), "db", "check")
    if check.code == 0:
        code, text = _verify(demo_db)
        assert code == 1, f"flip at {where} (bit {seed % 8}) not found:\n{text}"


def test_audit_rows_hold_no_full_id_or_phone(services: object) -> None:
    from app.services import Services

    assert isinstance(services, Services)
    person, _ = services.roster.add(PersonFields(
        employee_no="P1", name="甲", phone="13812345678", id_card_no="11010519491231002X"))
    services.roster.update(person.id, PersonFields(
        employee_no="P1", name="甲", phone="13987654321", id_card_no="11010519491231002X"))
    with services.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT before, after FROM audit_log WHERE entity = "
                                    "'person'").fetchall()
    text = json.dumps([list(r) for r in rows], ensure_ascii=False)
    assert not FULL_MOBILE.search(text) and not FULL_ID.search(text), text
    assert "138****5678#h:" in text and "139****4321#h:" in text
    assert services.maintenance.verify_audit().ok
    assert services.maintenance.verify_data().ok


@pytest.mark.real_migrations
def test_database_from_before_is_reconciled_once_then_checked(db_path: Path) -> None:
    """A 0.0.x database (rows written with plain SQL, a batch without digest) opens clean:
    the baseline records it once; an edit after that is found."""
    from app.storage.db import migrate

    db_path.parent.mkdir(parents=True)
    migrate(db_path, target="0011")
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO project (id, name, client_dept) VALUES (1, '驻场项目', '信息科')")
    con.execute("INSERT INTO person (id, project_id, employee_no, name, device_user_id, role,"
                " phone, id_card_no, status, nda_signed, training_done, note) VALUES (1, 1,"
                " 'HX1', '甲', '7', '', '13912345601', '', 'active', 0, 0, '')")
    con.execute("INSERT INTO import_batch (id, project_id, kind, source, device, started_at,"
                " read_count, new_count, duplicate_count, rejected_count, problems) VALUES"
                " (1, 1, 'usb', 'a.dat', 'C1', '2026-11-02 09:00:00.000000', 2, 2, 0, 0, '[]')")
    con.executemany("INSERT INTO punch (project_id, device, device_user_id, punched_at,"
                    " verify_mode, batch_id) VALUES (1, 'C1', '7', ?, 1, 1)",
                    [("2026-11-02 08:01:00.000000",), ("2026-11-02 17:40:00.000000",)])
    con.commit()
    con.close()
    code, text = _verify(db_path)
    assert code == 0, text
    assert _sql(db_path, "SELECT punch_digest IS NOT NULL FROM import_batch") == [(1,)]
    baseline = _sql(db_path, "SELECT COUNT(*) FROM audit_log WHERE action = 'baseline'")
    assert baseline[0][0] >= 2  # the project and the person
    assert _verify(db_path)[0] == 0  # once: no new baseline rows on the next open
    assert _sql(db_path, "SELECT COUNT(*) FROM audit_log WHERE action = 'baseline'") == baseline
    _sql(db_path, "DELETE FROM punch WHERE id = 2")
    code, text = _verify(db_path)
    assert code == 1 and "导入批次 #1 的打卡数据" in text


def test_digest_from_the_payload_is_the_digest_read_back(services: object) -> None:
    """The import digests its own rows when all were new, reads them back otherwise: both
    must equal what audit verify computes from the table."""
    import datetime as dt

    from app.services import Services
    from app.services.punches import PunchRow
    from app.storage.audit_data import punch_digest_of

    assert isinstance(services, Services)
    base = dt.datetime(2026, 11, 2, 8, 0)
    rows = [PunchRow(str(u), base + dt.timedelta(minutes=m), verify_mode=1, in_out_state=s,
                     work_code=w) for u in (3, 12, 7) for m in range(40)
            for s, w in [(None if m % 3 else 0, None if m % 2 else "0")]]
    first, _ = services.punches.record_batch("usb", "a.dat", "C1", rows)
    again, _ = services.punches.record_batch(  # 50 duplicates: read back
        "usb", "b.dat", "C1", [*rows[:50], PunchRow("99", base, verify_mode=15)])
    with services.db.engine.connect() as conn:
        stored = {r[0]: r[1] for r in conn.exec_driver_sql(
            "SELECT id, punch_digest FROM import_batch")}
        for batch in (first.batch_id, again.batch_id):
            assert stored[batch] == punch_digest_of(conn, batch)
    assert services.maintenance.verify_data().ok


def test_empty_lan_read_verifies(services: object) -> None:
    """A LAN read with no new punch: its digest (set after the insert) is audited too."""
    import datetime as dt

    from app.services import Services

    assert isinstance(services, Services)
    services.punches.record_batch("lan", "test", "DEV1", [],
                                  covered_until=dt.datetime(2026, 11, 1, 9, 0))
    assert services.maintenance.verify_data().ok


def test_a_usb_file_import_is_checked_by_audit_verify(tmp_path: Path) -> None:
    """The USB file import streams its lines (issue 17's bounded memory) through
    ``record_stream``: its batch gets the punch digest too, so audit verify is clean after it
    and finds a punch changed behind the app's back (this failed: 'no digest')."""
    db = tmp_path / "x.db"
    attlog = tmp_path / "1_attlog.dat"
    attlog.write_text("".join(f"{u}\t2026-11-{d:02d} 08:0{u}:00\t1\t0\t1\t0\n"
                              for u in (1, 2) for d in (2, 3, 4)), encoding="utf-8")
    assert run_cli("--db", str(db), "import", "usb", str(attlog)).code == 0
    code, text = _verify(db)
    assert code == 0, text
    assert _sql(db, "SELECT punch_digest IS NOT NULL FROM import_batch") == [(1,)]
    _sql(db, "UPDATE punch SET punched_at = '2026-11-02 07:59:00.000000' WHERE id = 1")
    code, text = _verify(db)
    assert code == 1 and "导入批次 #1 的打卡数据" in text
