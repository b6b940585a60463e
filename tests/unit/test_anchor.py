"""The paper anchor end to end (issue 18, deliverable 6b): locking prints a 校验码 on the
signed month sheet; ``month verify`` tells whether the database still says what was signed."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from app import strings
from app.domain import anchor
from tests.helpers.cli import run_cli
from tests.helpers.db import DEMO_TODAY, open_services
from tests.helpers.sqlite import sql as _sql

MONTH = "2026-10"


@dataclass(frozen=True)
class Locked:
    path: Path
    code: str


def _lock(path: Path, year: int = 2026, month: int = 10) -> str:
    s = open_services(path, today=DEMO_TODAY, daily_backup=False)
    try:
        s.attendance.lock_month(year, month, force=True)
        return s.attendance.month(year, month).lock_info["code"]
    finally:
        s.close()


@pytest.fixture
def locked(demo_db: Path) -> Iterator[Locked]:
    yield Locked(demo_db, _lock(demo_db))


def _verify(path: Path, month: str, *code: str) -> tuple[int, str]:
    result = run_cli("--db", path, "month", "verify", month, *code)
    return result.code, result.out + result.err


# ---- the code on paper -------------------------------------------------------------------------
def test_lock_stores_the_anchor_and_the_sheet_prints_the_code(locked: Locked,
                                                               tmp_path: Path) -> None:
    assert anchor.normalize_code(locked.code) == locked.code
    snapshot, digest, head_id, head_hash = _sql(
        locked.path, "SELECT snapshot, anchor, anchor_audit_id, anchor_audit_hash "
                     "FROM month_lock WHERE month = ?", MONTH)[0]
    assert digest == anchor.anchor_digest(MONTH, str(snapshot), int(str(head_id)),
                                          str(head_hash))
    assert anchor.code_of(str(digest)) == locked.code
    # the lock's audit row follows the anchored head and records the anchor
    (after,) = _sql(locked.path, "SELECT after FROM audit_log WHERE entity = 'month_lock' "
                                 "AND prev_hash = ?", head_hash)[0]
    assert json.loads(str(after))["anchor"] == digest
    s = open_services(locked.path, today=DEMO_TODAY, daily_backup=False)
    try:
        pdf = s.documents.month_pdf(2026, 10, tmp_path / "m.pdf")
        xlsx = s.documents.month_xlsx(2026, 10, tmp_path / "m.xlsx")
    finally:
        s.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert f"校验码 {locked.code}" in text
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    line = strings.ANCHOR_CODE_LINE.format(code=locked.code, month=MONTH)
    assert line in cells
    # under the signatures, inside the print area
    row = next(c.row for r in ws.iter_rows() for c in r if c.value == line)
    signs = [c.row for r in ws.iter_rows() for c in r if c.value == strings.DOC_SIGN_LABEL]
    assert signs and row > max(signs)
    assert ws.print_area is not None and str(row) in str(ws.print_area).split(":")[-1]


def test_an_unlocked_month_prints_no_code(demo_db: Path, tmp_path: Path) -> None:
    s = open_services(demo_db, today=DEMO_TODAY, daily_backup=False)
    try:
        pdf = s.documents.month_pdf(2026, 10, tmp_path / "m.pdf")
        xlsx = s.documents.month_xlsx(2026, 10, tmp_path / "m.xlsx")
    finally:
        s.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert strings.ANCHOR_CODE_LABEL not in text and "未锁定" in text
    ws = openpyxl.load_workbook(xlsx).active
    assert ws is not None
    assert not [c for r in ws.iter_rows() for c in r
                if strings.ANCHOR_CODE_LABEL in str(c.value or "")]


# ---- month verify --------------------------------------------------------------------------------
def test_verify_agrees_and_tolerates_typos(locked: Locked) -> None:
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 0 and out.startswith("一致：数据库与签字的考勤表相符")
    sloppy = locked.code.lower().replace("0", "o").replace("1", "l").replace("-", " ")
    assert _verify(locked.path, MONTH, *sloppy.split())[0] == 0
    assert _verify(locked.path, MONTH, locked.code.replace("-", ""))[0] == 0


def test_changed_snapshot_fails(locked: Locked) -> None:
    snapshot = str(_sql(locked.path, "SELECT snapshot FROM month_lock")[0][0])
    raw = json.loads(snapshot)
    raw["people"][0]["summary"]["late_count"] += 1
    _sql(locked.path, "UPDATE month_lock SET snapshot = ?", json.dumps(raw, ensure_ascii=False))
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 1
    assert strings.ANCHOR_PROBLEM["snapshot_changed"].format(month=MONTH) in out


def test_changed_snapshot_and_rewritten_anchor_still_fail(locked: Locked) -> None:
    """Recomputing the stored anchor does not help: the audit row and the paper disagree."""
    row = _sql(locked.path, "SELECT snapshot, anchor_audit_id, anchor_audit_hash "
                            "FROM month_lock")[0]
    snapshot = str(row[0]).replace('"late_count": 0', '"late_count": 3', 1)
    forged = anchor.anchor_digest(MONTH, snapshot, int(str(row[1])), str(row[2]))
    _sql(locked.path, "UPDATE month_lock SET snapshot = ?, anchor = ?", snapshot, forged)
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 1
    assert strings.ANCHOR_PROBLEM["snapshot_changed"].format(month=MONTH) in out
    assert strings.ANCHOR_PROBLEM["anchor_changed"].format(month=MONTH) in out


def test_audit_trail_changed_before_the_lock_fails(locked: Locked) -> None:
    (rid, after), = _sql(locked.path, "SELECT id, after FROM audit_log WHERE entity = 'person'"
                                      " ORDER BY id LIMIT 1")
    _sql(locked.path, "UPDATE audit_log SET after = ? WHERE id = ?",
         str(after).replace("周", "吴", 1), rid)
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 1
    assert strings.ANCHOR_PROBLEM["audit_broken"].format(id=rid) in out


def test_reopen_and_relock_gives_a_new_code_and_the_old_one_fails(locked: Locked) -> None:
    s = open_services(locked.path, today=DEMO_TODAY, daily_backup=False)
    try:
        s.attendance.reopen_month(2026, 10, "补录请假")
    finally:
        s.close()
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 1 and "补录请假" in out and "重新打开" in out
    new = _lock(locked.path)
    assert new != locked.code
    assert _verify(locked.path, MONTH, new)[0] == 0
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 1 and "较早的一次锁定" in out


def test_wrong_month_and_unlocked_month(locked: Locked) -> None:
    code, out = _verify(locked.path, "2026-09", locked.code)
    assert code == 1
    assert strings.ANCHOR_PROBLEM["not_locked"].format(month="2026-09") in out
    assert strings.ANCHOR_PROBLEM["code_other_month"].format(month="2026-09",
                                                             other=MONTH) in out


def test_a_code_that_is_no_code_and_usage(locked: Locked) -> None:
    code, out = _verify(locked.path, MONTH, "12AB")
    assert code == 1 and "格式不对" in out
    code, out = _verify(locked.path, MONTH)
    assert code == 1 and strings.CLI_MONTH_VERIFY_USAGE in out
    result = run_cli("--db", locked.path, "month", MONTH, locked.code)
    assert result.code == 1 and strings.CLI_MONTH_VERIFY_USAGE in result.err


def test_verify_json(locked: Locked) -> None:
    result = run_cli("--db", locked.path, "month", "verify", MONTH, "0000-0000-0000", "--json")
    assert result.code == 1
    assert result.json() == {"ok": False, "month": MONTH, "code": "0000-0000-0000",
                             "problems": ["code_mismatch"], "keyed_unchecked_from": 0}


def test_a_lock_from_before_codes_says_so(locked: Locked) -> None:
    _sql(locked.path, "UPDATE month_lock SET anchor = NULL, anchor_audit_id = NULL, "
                      "anchor_audit_hash = NULL")
    code, out = _verify(locked.path, MONTH, locked.code)
    assert code == 1 and strings.ANCHOR_PROBLEM["no_anchor"].format(month=MONTH) in out


def test_on_a_keyed_chain_the_check_without_the_key_says_what_it_left_out(
        demo_db: Path) -> None:
    import os

    from app.security.keys import KeySet
    from app.security.principal import ADMIN, Principal
    from app.storage import audit

    keys = KeySet(os.urandom(32))
    s = open_services(demo_db, today=DEMO_TODAY, daily_backup=False)
    try:
        s.db.keys, s.db.principal = keys, Principal("admin", "管理员", ADMIN)
        with s.db.transaction() as session:
            marker = audit.start_keyed(session.connection(), keys)
        s.attendance.lock_month(2026, 10, force=True)
        code = s.attendance.month(2026, 10).lock_info["code"]
        with_key = s.attendance.verify_code(2026, 10, code)
        assert with_key.ok and with_key.unchecked_from == 0
        s.db.keys = None  # a viewer, or the command line without an admin login
        blind = s.attendance.verify_code(2026, 10, code)
        assert blind.ok and blind.unchecked_from == marker
        assert anchor.messages(blind)[1] == strings.ANCHOR_OK_UNCHECKED.format(first=marker)
    finally:
        s.close()
    result = run_cli("--db", demo_db, "month", "verify", MONTH, code)
    assert result.code == 0 and "管理员身份登录" in result.out
