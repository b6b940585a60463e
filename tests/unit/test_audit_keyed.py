"""The keyed audit chain (issue 18, deliverable 6a): once accounts exist, rows are HMACs under
a key only an unlocked admin session holds, so a chain rewritten without it is found."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import strings
from app.domain.roster import PersonFields
from app.errors import AppError
from app.security.keys import KeySet
from app.security.principal import ADMIN, Principal
from app.services import Services
from app.services.maintenance import audit_messages
from app.storage import audit, head
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services
from tests.helpers.sqlite import sql as _sql

KEYS = KeySet(os.urandom(32))
ADMIN_USER = Principal("admin", "管理员", ADMIN)


def _login(s: Services, keys: KeySet | None = KEYS) -> None:
    s.db.keys = keys
    s.db.principal = ADMIN_USER if keys is not None else None


def _add_accounts_table(path: Path) -> None:
    """What the accounts flow leaves: a user_account table with a row."""
    _sql(path, "INSERT INTO user_account (login, display, role, password_hash, disabled, "
               "failed_count, created_at) VALUES ('admin', 'A', 'admin', 'x', 0, 0, "
               "'2026-11-29 10:00:00')")


@dataclass(frozen=True)
class Keyed:
    path: Path
    marker: int  # id of the chain_keyed row
    last: int  # newest audit id


@pytest.fixture
def keyed_db(migrated_db: Path, today: dt.date) -> Iterator[Keyed]:
    """Plain rows, the switch to the keyed chain (as the first admin's creation does),
    then keyed rows; closed."""
    s = open_services(migrated_db, today=today, daily_backup=False)
    try:
        s.roster.add(PersonFields(employee_no="E1", name="张三"))  # plain rows
        _login(s)
        with s.db.transaction() as session:
            marker = audit.start_keyed(session.connection(), KEYS, "admin", s.db.clock)
        person, _ = s.roster.add(PersonFields(employee_no="E2", name="李四"))
        f = person.to_fields()
        f.name = "李肆"
        s.roster.update(person.id, f)
        last = s.maintenance.verify_audit().rows
    finally:
        s.close()
    _add_accounts_table(migrated_db)
    yield Keyed(migrated_db, marker, last)


def _report(path: Path, keys: KeySet | None) -> audit.AuditReport:
    s = open_services(path, daily_backup=False)
    try:
        _login(s, keys)
        return s.maintenance.verify_audit()
    finally:
        s.close()


def _reasons(report: audit.AuditReport) -> set[tuple[int, str]]:
    return {(p.audit_id, p.reason) for p in report.problems}


def _rechain(path: Path, start: int, key: bytes | None) -> None:
    """What a forger with the file does: recompute every hash from ``start`` on (plain
    SHA-256, or an HMAC under a key of their own) and move audit_head."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT id, at, actor, action, entity, entity_id, before, after "
                           "FROM audit_log ORDER BY id").fetchall()
        prev = audit.GENESIS
        for row in rows:
            rid = int(row[0])
            if rid >= start:
                digest = audit.compute_hash(rid, *row[1:], prev, key)
                con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                            (prev, digest, rid))
            prev = con.execute("SELECT hash FROM audit_log WHERE id = ?", (rid,)).fetchone()[0]
        con.execute("UPDATE audit_head SET last_id = ?, last_hash = ?", (rows[-1][0], prev))
        con.commit()
    finally:
        con.close()
    head.reset(path)  # the forger rewrites the head sidecar too


def _rename_in_trail(path: Path, audit_id: int, old: str, new: str) -> None:
    after = str(_sql(path, "SELECT after FROM audit_log WHERE id = ?", audit_id)[0][0])
    _sql(path, "UPDATE audit_log SET after = ? WHERE id = ?", after.replace(old, new), audit_id)


# ---- the keyed chain as written ----------------------------------------------------------------
def test_rows_after_the_marker_are_hmacs_and_before_it_plain(keyed_db: Keyed) -> None:
    rows = _sql(keyed_db.path, "SELECT id, at, actor, action, entity, entity_id, before, after,"
                               " prev_hash, hash FROM audit_log ORDER BY id")
    for row in rows:
        rid, fields, prev, digest = int(str(row[0])), row[1:8], str(row[8]), row[9]
        plain = audit.compute_hash(rid, *fields, prev)  # type: ignore[arg-type]
        keyed = audit.compute_hash(rid, *fields, prev, KEYS.audit_key)  # type: ignore[arg-type]
        assert digest == (keyed if rid >= keyed_db.marker else plain), rid
    marker = next(r for r in rows if r[0] == keyed_db.marker)
    assert (marker[3], marker[4]) == (audit.MARKER_ACTION, audit.MARKER_ENTITY)
    # the marker seals the plain head it follows
    before = json.loads(str(marker[6]))
    assert before == {"audit_id": keyed_db.marker - 1, "hash": rows[keyed_db.marker - 2][9]}
    assert _sql(keyed_db.path, "SELECT value FROM db_meta WHERE key = 'audit_chain'") == [
        (str(keyed_db.marker),)]


def test_keyed_chain_verifies_with_the_key(keyed_db: Keyed) -> None:
    report = _report(keyed_db.path, KEYS)
    assert report.complete and report.keyed_from == keyed_db.marker
    assert audit_messages(report) == [strings.AUDIT_OK_KEYED.format(
        rows=report.rows, first=keyed_db.marker)]


def test_without_the_key_the_keyed_part_is_said_to_need_an_admin(keyed_db: Keyed) -> None:
    report = _report(keyed_db.path, None)
    assert report.ok and not report.complete
    assert report.unchecked == keyed_db.last - keyed_db.marker + 1
    (line,) = audit_messages(report)
    assert "需要管理员登录" in line and f"第 {keyed_db.marker} 条起" in line


def test_cli_audit_verify_without_login_says_the_keyed_part_is_unchecked(
        keyed_db: Keyed) -> None:
    s = open_services(keyed_db.path, daily_backup=False)
    try:  # a viewer: signed in, but holds no key
        _login(s)
        s.accounts.add_user("viewer1", "V", "viewer", "viewer password")
    finally:
        s.close()
    os.environ["ONSITEDESK_PASSWORD"] = "viewer password"
    try:
        result = run_cli("--db", keyed_db.path, "--user", "viewer1", "audit", "verify")
    finally:
        del os.environ["ONSITEDESK_PASSWORD"]
    assert result.code == 0, result.err
    assert "需要管理员登录" in result.out


def test_start_keyed_is_idempotent(keyed_db: Keyed) -> None:
    s = open_services(keyed_db.path, daily_backup=False)
    try:
        _login(s)
        with s.db.transaction() as session:
            again = audit.start_keyed(session.connection(), KEYS)
        assert again == keyed_db.marker
        assert s.maintenance.verify_audit().rows == keyed_db.last
    finally:
        s.close()


def test_head_sidecar_and_business_checks_keep_working(keyed_db: Keyed) -> None:
    s = open_services(keyed_db.path, daily_backup=False)  # the sidecar is checked at open
    try:
        _login(s)
        assert s.maintenance.check().ok
        assert s.maintenance.verify_data().ok
    finally:
        s.close()


# ---- writes ---------------------------------------------------------------------------------
def test_a_write_without_the_key_is_refused_and_changes_nothing(keyed_db: Keyed) -> None:
    s = open_services(keyed_db.path, daily_backup=False)
    try:  # an admin whose key is not unlocked: the storage layer refuses the unkeyed row
        s.db.principal = ADMIN_USER
        with pytest.raises(AppError) as err:
            s.roster.add(PersonFields(employee_no="E9", name="王五"))
        assert str(err.value) == strings.AUDIT_NEEDS_KEY
        assert s.roster.count() == 2
        _login(s)
        assert s.maintenance.verify_audit().rows == keyed_db.last
    finally:
        s.close()


def test_accounts_without_marker_refuse_unkeyed_writes_then_key_on_first_write(
        migrated_db: Path, today: dt.date) -> None:
    """The accounts table alone binds the chain: no key, no write; the first keyed write
    puts the marker before itself."""
    _add_accounts_table(migrated_db)
    s = open_services(migrated_db, today=today, daily_backup=False)
    try:
        s.db.principal = ADMIN_USER  # signed in, key not unlocked
        with pytest.raises(AppError, match="管理员登录"):
            s.roster.add(PersonFields(employee_no="E1", name="张三"))
        _login(s)
        before = s.maintenance.verify_audit()
        assert _reasons(before) == {(before.rows, "marker_missing")}  # not keyed yet: said so
        s.roster.add(PersonFields(employee_no="E1", name="张三"))
        report = s.maintenance.verify_audit()
        assert report.complete and report.keyed_from == before.rows + 1
    finally:
        s.close()


def test_a_database_without_accounts_stays_plain(services: Services) -> None:
    services.roster.add(PersonFields(employee_no="E1", name="张三"))
    report = services.maintenance.verify_audit()
    assert report.complete and report.keyed_from == 0
    assert audit_messages(report) == [strings.AUDIT_OK.format(rows=report.rows)]


# ---- forgeries ------------------------------------------------------------------------------
def test_rows_rewritten_with_plain_sha256_are_detected(keyed_db: Keyed) -> None:
    _rename_in_trail(keyed_db.path, keyed_db.last, "李肆", "赵六")
    _rechain(keyed_db.path, keyed_db.last, None)
    with_key = _report(keyed_db.path, KEYS)
    assert _reasons(with_key) == {(keyed_db.last, "hash_mismatch")}
    # a plain hash where an HMAC belongs is visible even without the key
    assert _reasons(_report(keyed_db.path, None)) == {(keyed_db.last, "plain_after_key")}


def test_rows_rewritten_under_a_wrong_key_are_detected_with_the_key(keyed_db: Keyed) -> None:
    _rename_in_trail(keyed_db.path, keyed_db.last - 1, "李四", "赵六")
    _rechain(keyed_db.path, keyed_db.last - 1, os.urandom(32))
    assert _reasons(_report(keyed_db.path, KEYS)) == {(keyed_db.last - 1, "hash_mismatch"),
                                                      (keyed_db.last, "hash_mismatch")}
    # without the key only the links can be checked: that is what the message says
    blind = _report(keyed_db.path, None)
    assert blind.ok and blind.unchecked


def test_verifying_with_another_databases_key_says_so(keyed_db: Keyed) -> None:
    report = _report(keyed_db.path, KeySet(os.urandom(32)))
    assert _reasons(report) == {(keyed_db.marker, "key_mismatch")}


def _drop_marker(path: Path, marker: int) -> None:
    """Delete the marker, renumber the rows after it and rechain everything plain."""
    _sql(path, "DELETE FROM audit_log WHERE id = ?", marker)
    _sql(path, "UPDATE audit_log SET id = id - 1 WHERE id > ?", marker)
    _rechain(path, marker, None)


def test_marker_deleted_is_detected_by_the_note(keyed_db: Keyed) -> None:
    _drop_marker(keyed_db.path, keyed_db.marker)
    report = _report(keyed_db.path, None)
    assert [p.reason for p in report.problems] == ["marker_missing"]


def test_marker_and_note_deleted_is_detected_by_the_accounts(keyed_db: Keyed) -> None:
    _drop_marker(keyed_db.path, keyed_db.marker)
    _sql(keyed_db.path, "DELETE FROM db_meta WHERE key = 'audit_chain'")
    for keys in (KEYS, None):
        assert [p.reason for p in _report(keyed_db.path, keys).problems] == ["marker_missing"]


def test_note_deleted_while_the_marker_stays_is_detected(keyed_db: Keyed) -> None:
    _sql(keyed_db.path, "DELETE FROM db_meta WHERE key = 'audit_chain'")
    assert _reasons(_report(keyed_db.path, KEYS)) == {(keyed_db.marker, "marker_unnoted")}
    _sql(keyed_db.path, "INSERT INTO db_meta (key, value) VALUES ('audit_chain', '1')")
    assert _reasons(_report(keyed_db.path, KEYS)) == {(keyed_db.marker, "marker_moved")}


def test_every_problem_code_has_a_message() -> None:
    for reason in ("marker_missing", "marker_unnoted", "marker_moved", "plain_after_key",
                   "key_mismatch", "hash_mismatch"):
        report = audit.AuditReport(3, (audit.AuditProblem(2, reason),))
        assert "2" in audit_messages(report)[1] or reason == "marker_missing"


def test_db_accept_on_a_keyed_chain_needs_the_key(keyed_db: Keyed) -> None:
    from app.services.maintenance import accept_current

    recorded = head.read(keyed_db.path)
    with pytest.raises(AppError, match="管理员登录"):
        accept_current(keyed_db.path)
    assert head.read(keyed_db.path) == recorded  # nothing accepted, nothing written
    accepted = accept_current(keyed_db.path, KEYS)
    assert accepted.audit_id == keyed_db.last + 1
    assert _report(keyed_db.path, KEYS).complete


def test_open_time_writes_wait_for_an_admin_on_a_keyed_chain(demo_db: Path) -> None:
    """A keyed database opens before anyone logs in: the writes an open makes by itself
    (here the once-only baseline) are left for later instead of failing the open."""
    s = open_services(demo_db, daily_backup=False)
    try:
        _login(s)
        with s.db.transaction() as session:
            audit.start_keyed(session.connection(), KEYS)
    finally:
        s.close()
    _sql(demo_db, "UPDATE import_batch SET punch_digest = NULL WHERE id = "
                  "(SELECT MIN(id) FROM import_batch)")
    _sql(demo_db, "DELETE FROM db_meta WHERE key = 'audit_baseline'")
    s = open_services(demo_db, daily_backup=False)  # no key: opens, baseline left for later
    try:
        assert _sql(demo_db, "SELECT 1 FROM db_meta WHERE key = 'audit_baseline'") == []
        _login(s)
        s.open_time_writes()  # what the accounts flow calls after an admin login
        assert _sql(demo_db, "SELECT 1 FROM db_meta WHERE key = 'audit_baseline'") == [(1,)]
        assert s.maintenance.verify_audit().complete
    finally:
        s.close()
