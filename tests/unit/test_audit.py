"""The audit trail records every change and detects tampering (SPEC Q2)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import cli
from app.domain.roster import PersonFields
from app.services import Services
from app.storage.audit import compute_hash
from app.storage.tables import Person
from tests.helpers.db import open_services
from tests.helpers.sqlite import sql as _sql

ACTOR = "主管-测试"


@dataclass(frozen=True)
class Trail:
    """The test database and the audit id just before the five writes under test."""

    path: Path
    base: int

    def id(self, n: int) -> int:
        """Audit id of the n-th write of the fixture (1-based)."""
        return self.base + n


@pytest.fixture
def audited_db(migrated_db: Path, today: dt.date) -> Iterator[Trail]:
    """add → update (rename) → mark_left → add_equipment, as one actor; then closed.

    Opening may itself write audited rows (reference data); those come first, below ``base``.
    """
    db_path = migrated_db
    s = open_services(db_path, actor=ACTOR, today=today, daily_backup=False)
    try:
        base = s.maintenance.verify_audit().rows
        person, _ = s.roster.add(PersonFields(employee_no="E1", name="张三",
                                              start_date=dt.date(2026, 1, 5)))
        f = person.to_fields()
        f.name = "张叁"
        s.roster.update(person.id, f)
        s.roster.mark_left(person.id, dt.date(2026, 11, 30))
        s.roster.add_equipment(person.id, "笔记本电脑", "NB-1", dt.date(2026, 1, 5))
    finally:
        s.close()
    yield Trail(db_path, base)


def _verify(path: Path) -> tuple[bool, list[tuple[int, str]]]:
    s = Services.open(path, daily_backup=False)
    try:
        report = s.maintenance.verify_audit()
    finally:
        s.close()
    return report.ok, [(p.audit_id, p.reason) for p in report.problems]


def _log(trail: Trail) -> list[tuple[object, ...]]:
    """The fixture's five audit rows, oldest first."""
    return _sql(trail.path, "SELECT id, actor, action, entity, before, after FROM audit_log "
                            "WHERE id > ? ORDER BY id", trail.base)


# ---- what is recorded --------------------------------------------------------------------
def test_every_write_leaves_one_audit_row_by_the_actor(audited_db: Trail) -> None:
    log = _log(audited_db)
    assert [(r[0], r[2], r[3]) for r in log] == [
        (audited_db.id(1), "insert", "project"),  # created together with the first person
        (audited_db.id(2), "insert", "person"),
        (audited_db.id(3), "update", "person"),
        (audited_db.id(4), "update", "person"),
        (audited_db.id(5), "insert", "equipment_item"),
    ]
    assert {r[1] for r in log} == {ACTOR}
    assert _verify(audited_db.path) == (True, [])


def test_update_row_holds_old_and_new_values(audited_db: Trail) -> None:
    """Q2: who, when, old, new — the rename shows both names."""
    _, _, action, _, before, after = _log(audited_db)[2]
    assert action == "update"
    assert json.loads(str(before))["name"] == "张三"
    assert json.loads(str(after))["name"] == "张叁"


def test_mark_left_row_holds_status_and_end_date(audited_db: Trail) -> None:
    _, _, _, _, before, after = _log(audited_db)[3]
    old, new = json.loads(str(before)), json.loads(str(after))
    assert (old["status"], old["end_date"]) == ("active", None)
    assert (new["status"], new["end_date"]) == ("left", "2026-11-30")


def test_insert_row_has_no_before(audited_db: Trail) -> None:
    _, _, _, entity, before, after = _log(audited_db)[4]
    assert entity == "equipment_item"
    assert before is None
    assert json.loads(str(after))["item"] == "笔记本电脑"


def test_rolled_back_write_leaves_no_audit_row(db_path: Path) -> None:
    """The audit row lives in the same transaction as the change it describes."""
    s = Services.open(db_path)
    try:
        s.roster.add(PersonFields(employee_no="E1", name="甲"))
        rows = s.maintenance.verify_audit().rows
        with pytest.raises(RuntimeError), s.db.transaction("x") as session:
            session.add(Person(project_id=1, employee_no="E2", name="乙"))
            session.flush()  # the audit row is written here …
            raise RuntimeError("… and must vanish with the rollback")
        report = s.maintenance.verify_audit()
        assert (report.ok, report.rows) == (True, rows)
        assert s.roster.count() == 1
    finally:
        s.close()


# ---- tampering ---------------------------------------------------------------------------
def test_edited_row_is_a_hash_mismatch_at_that_row(audited_db: Trail) -> None:
    """(a) someone rewrites history: the row's own hash no longer fits."""
    rename = audited_db.id(3)
    after = str(_log(audited_db)[2][5]).replace("张叁", "李四")
    _sql(audited_db.path, "UPDATE audit_log SET after = ? WHERE id = ?", after, rename)
    ok, problems = _verify(audited_db.path)
    assert not ok
    assert problems == [(rename, "hash_mismatch")]


def test_deleted_middle_row_breaks_the_chain(audited_db: Trail) -> None:
    """(b) a row removed from the middle: the next one no longer links back."""
    _sql(audited_db.path, "DELETE FROM audit_log WHERE id = ?", audited_db.id(3))
    ok, problems = _verify(audited_db.path)
    assert not ok
    assert (audited_db.id(4), "chain_broken") in problems
    assert (audited_db.id(4), "id_gap") in problems


def test_deleted_last_row_is_a_head_mismatch(audited_db: Trail) -> None:
    """(c) the newest row removed: the chain is consistent but the head marker is not."""
    _sql(audited_db.path, "DELETE FROM audit_log WHERE id = ?", audited_db.id(5))
    ok, problems = _verify(audited_db.path)
    assert not ok
    assert problems == [(audited_db.id(4), "head_mismatch")]


def test_rehashed_edit_is_caught_by_the_next_row(audited_db: Trail) -> None:
    """(d) the attacker edits a row and recomputes its hash: the next row's link exposes it."""
    target = audited_db.id(2)
    row = _sql(audited_db.path, "SELECT id, at, actor, action, entity, entity_id, before, "
                                "after, prev_hash FROM audit_log WHERE id = ?", target)[0]
    after = str(row[7]).replace("张三", "王五")
    forged = compute_hash(row[0], row[1], row[2], row[3], row[4], row[5], row[6], after,
                          row[8])  # type: ignore[arg-type]
    _sql(audited_db.path, "UPDATE audit_log SET after = ?, hash = ? WHERE id = ?",
         after, forged, target)
    ok, problems = _verify(audited_db.path)
    assert not ok
    assert problems == [(audited_db.id(3), "chain_broken")]


# ---- command line ------------------------------------------------------------------------
def test_cli_audit_verify_exit_codes(audited_db: Trail,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """0 on an intact trail, 1 with a Chinese report on stderr once it was tampered with."""
    assert cli.main(["--db", str(audited_db.path), "audit", "verify"]) == 0
    assert f"共 {audited_db.id(5)} 条" in capsys.readouterr().out
    _sql(audited_db.path, "UPDATE audit_log SET actor = 'someone' WHERE id = ?",
         audited_db.id(2))
    assert cli.main(["--db", str(audited_db.path), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"第 {audited_db.id(2)} 条" in err


def test_cli_audit_verify_json(audited_db: Trail, capsys: pytest.CaptureFixture[str]) -> None:
    _sql(audited_db.path, "DELETE FROM audit_log WHERE id = ?", audited_db.id(5))
    assert cli.main(["--db", str(audited_db.path), "audit", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    data.pop("data_problems")  # the business tables against the trail: test_audit_data.py
    assert data == {"ok": False, "rows": audited_db.id(4),
                    "problems": [{"audit_id": audited_db.id(4), "reason": "head_mismatch"}]}
