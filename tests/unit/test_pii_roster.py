"""Privacy at rest in the roster services (issue 18): encrypted writes, masked reads, the
admin's reveal, exact search by ID, the export with full numbers; and the database without
accounts left as it was."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from unit_helpers import valid_id, write_xlsx

from app import strings
from app.domain.roster import PersonFields, PersonStatus
from app.dto.roster import FullNumbers
from app.errors import AppError
from app.security import pii
from app.security.keys import KeySet
from app.security.principal import ADMIN, VIEWER, Principal
from app.services import Services
from app.services.privacy import PII_ENTITY
from app.storage import audit, audit_data
from tests.helpers.pg import raw_connect

ID1, ID2 = valid_id("11010519491231002"), valid_id("32010619850312451")
PHONE1, PHONE2 = "13812345678", "13998765432"
ADMIN_P = Principal("admin", "王管理", ADMIN)
VIEWER_P = Principal("guest", "李查看", VIEWER)


def _unlock(services: Services) -> KeySet:
    keys = KeySet(os.urandom(32))
    services.db.keys, services.db.principal = keys, ADMIN_P
    return keys


def _add(services: Services, no: str, phone: str, id_card: str) -> int:
    person, _ = services.roster.add(PersonFields(employee_no=no, name=f"人{no}", phone=phone,
                                                 id_card_no=id_card))
    return person.id


def _raw(services: Services, person_id: int) -> dict[str, Any]:
    con = raw_connect(services, dict_rows=True)
    try:
        return dict(con.execute("SELECT * FROM person WHERE id = ?", (person_id,)).fetchone())
    finally:
        con.close()


def _pii_audit(services: Services) -> list[tuple[str, str, dict[str, Any]]]:
    con = raw_connect(services)
    try:
        return [(str(a), str(i), json.loads(after)) for a, i, after in con.execute(
            "SELECT actor, entity_id, after FROM audit_log WHERE entity = ? ORDER BY id",
            (PII_ENTITY,))]
    finally:
        con.close()


def _audit_text(services: Services) -> str:
    con = raw_connect(services)
    try:
        return "\n".join(f"{b} {a}" for b, a in con.execute(
            "SELECT before, after FROM audit_log"))
    finally:
        con.close()


# ---- without accounts: as before ---------------------------------------------------------
def test_without_accounts_numbers_stay_clear_as_before(services: Services) -> None:
    pid = _add(services, "E1", PHONE1, ID1)
    row = _raw(services, pid)
    assert (row["phone"], row["id_card_no"]) == (PHONE1, ID1)
    assert row["phone_enc"] == row["id_card_enc"] == row["id_card_index"] == ""
    p = services.roster.get(pid)
    assert (p.phone, p.id_card_no) == (PHONE1, ID1)
    assert [x.id for x in services.roster.find_by_id_card(ID1.lower())] == [pid]


# ---- an unlocked admin: encrypted writes, masked reads -------------------------------------
def test_admin_writes_go_encrypted_and_reads_are_masked(services: Services) -> None:
    keys = _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    row = _raw(services, pid)
    assert row["phone"] == row["id_card_no"] == ""
    assert pii.decrypt(keys, pii.PHONE, pid, row["phone_enc"]) == PHONE1
    assert pii.decrypt(keys, pii.ID_CARD, pid, row["id_card_enc"]) == ID1
    assert (row["phone_masked"], row["id_card_masked"]) == ("138****5678",
                                                           "110105********" + ID1[-4:])
    assert row["id_card_index"] == pii.id_index(keys, ID1)
    for p in (services.roster.get(pid), services.roster.list_people()[0]):
        assert (p.phone, p.id_card_no) == ("138****5678", "110105********" + ID1[-4:])
        assert (p.phone_masked, p.id_card_masked) == (p.phone, p.id_card_no)
    assert PHONE1 not in _audit_text(services) and ID1 not in _audit_text(services)


def test_the_masked_form_given_back_keeps_the_numbers(services: Services) -> None:
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    before = _raw(services, pid)
    dto = services.roster.get(pid)
    # what the handover does: the DTO's fields with one change
    services.roster.update(pid, dataclasses.replace(dto.to_fields(), role="运维",
                                                    status=PersonStatus.ACTIVE))
    after = _raw(services, pid)
    assert after["role"] == "运维"
    assert (after["phone_enc"], after["id_card_enc"]) == (before["phone_enc"],
                                                          before["id_card_enc"])
    # the same full number typed again: not re-encrypted either
    services.roster.update(pid, dataclasses.replace(dto.to_fields(), phone=PHONE1))
    assert _raw(services, pid)["phone_enc"] == before["phone_enc"]
    # a new number replaces it
    services.roster.update(pid, dataclasses.replace(dto.to_fields(), phone=PHONE2))
    assert services.roster.reveal(pid).phone == PHONE2
    assert services.roster.reveal(pid).id_card_no == ID1
    # and a cleared one is gone
    services.roster.update(pid, dataclasses.replace(dto.to_fields(), phone=""))
    row = _raw(services, pid)
    assert row["phone"] == row["phone_enc"] == row["phone_masked"] == ""


def test_a_masked_value_that_is_not_the_stored_one_is_refused(services: Services) -> None:
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    dto = services.roster.get(pid)
    with pytest.raises(AppError) as err:
        services.roster.update(pid, dataclasses.replace(dto.to_fields(), phone="139****0000"))
    assert err.value.message == strings.R_MASKED.format(column=strings.ROSTER_COLUMNS["phone"])


def test_import_writes_encrypted(services: Services, tmp_path: Path) -> None:
    keys = _unlock(services)
    src = write_xlsx(tmp_path / "r.xlsx", [["工号", "姓名", "手机号", "身份证号"],
                                           ["K1", "甲", PHONE1, ID1], ["K2", "乙", PHONE2, ID2]])
    result, _ = services.roster_io.import_file(src)
    assert result.imported == 2
    people = {p.employee_no: p for p in services.roster.list_people()}
    for no, phone, id_card in (("K1", PHONE1, ID1), ("K2", PHONE2, ID2)):
        row = _raw(services, people[no].id)
        assert row["phone"] == row["id_card_no"] == ""
        assert pii.decrypt(keys, pii.ID_CARD, people[no].id, row["id_card_enc"]) == id_card
        assert services.roster.reveal(people[no].id).phone == phone
        assert "*" in people[no].phone and "*" in people[no].id_card_no


# ---- reveal: admins only, audited ----------------------------------------------------------
def test_reveal_gives_an_admin_the_full_numbers_and_is_audited(services: Services) -> None:
    _unlock(services)
    services.actor = services.roster.actor = "王管理"
    pid = _add(services, "E1", PHONE1, ID1)
    assert services.roster.reveal(pid) == FullNumbers(PHONE1, ID1)
    rows = _pii_audit(services)
    assert rows == [("王管理 (admin)", str(pid), {"purpose": "reveal", "fields": list(pii.FIELDS)})]


def test_a_viewer_cannot_reveal_and_sees_masked(services: Services) -> None:
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    services.db.keys, services.db.principal = None, VIEWER_P
    with pytest.raises(AppError) as err:
        services.roster.reveal(pid)
    assert err.value.message == strings.PII_ADMIN_ONLY
    assert _pii_audit(services) == []
    p = services.roster.get(pid)
    assert (p.phone, p.id_card_no) == ("138****5678", "110105********" + ID1[-4:])


def test_a_viewer_sees_clear_rows_masked_too(services: Services) -> None:
    pid = _add(services, "E1", PHONE1, ID1)  # written before accounts existed
    services.db.principal = VIEWER_P
    p = services.roster.list_people()[0]
    assert (p.id, p.phone, p.id_card_no) == (pid, "138****5678", "110105********" + ID1[-4:])


def test_a_viewer_cannot_write_numbers(services: Services) -> None:
    services.db.principal = VIEWER_P  # refused as a viewer (the role check comes first)
    with pytest.raises(AppError):
        _add(services, "E1", PHONE1, "")
    services.db.principal = ADMIN_P  # an admin whose session holds no key: still refused
    with pytest.raises(AppError) as err:
        _add(services, "E1", PHONE1, "")
    assert err.value.message == strings.PII_NO_KEYS_WRITE
    assert services.roster.count() == 0


def test_locked_numbers_cannot_be_revealed_without_keys(services: Services) -> None:
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    services.db.keys = None  # an admin whose session holds no key
    with pytest.raises(AppError) as err:
        services.roster.reveal(pid)
    assert err.value.message == strings.PII_LOCKED


def test_tampered_or_swapped_ciphertexts_are_refused_with_a_message(
        services: Services) -> None:
    _unlock(services)
    a, b = _add(services, "E1", PHONE1, ID1), _add(services, "E2", PHONE2, ID2)
    con = raw_connect(services)
    with con:  # swap the two people's ID ciphertexts behind the app's back
        con.execute("UPDATE person SET id_card_enc = (SELECT id_card_enc FROM person AS o "
                    "WHERE o.id != person.id)")
    con.close()
    with pytest.raises(pii.PiiError) as err:
        services.roster.reveal(a)
    assert err.value.message == strings.PII_DECRYPT_FAILED.format(id=a, field="身份证号")
    with pytest.raises(pii.PiiError):
        services.roster.list_people_full("export")
    assert services.roster.get(b).phone == "139****5432"  # masked lists still work
    # the admin types the number again: the damaged ciphertext is replaced
    dto = services.roster.get(a)
    services.roster.update(a, dataclasses.replace(dto.to_fields(), id_card_no=ID1))
    assert services.roster.reveal(a).id_card_no == ID1


# ---- exact search by full ID -----------------------------------------------------------------
def test_exact_search_by_id_goes_through_the_keyed_index(services: Services) -> None:
    _unlock(services)
    a = _add(services, "E1", PHONE1, ID1)
    _add(services, "E2", PHONE2, ID2)
    found = services.roster.find_by_id_card(" " + ID1.lower())
    assert [p.id for p in found] == [a] and "*" in found[0].id_card_no
    assert services.roster.find_by_id_card(valid_id("11010519491231003")) == []
    with pytest.raises(AppError, match="完整的身份证号"):
        services.roster.find_by_id_card("  ")
    services.db.keys, services.db.principal = None, VIEWER_P
    with pytest.raises(AppError) as err:
        services.roster.find_by_id_card(ID1)
    assert err.value.message == strings.PII_LOCKED


# ---- export --------------------------------------------------------------------------------
def _sheet_text(path: Path) -> str:
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_export_is_masked_by_default_and_full_only_when_asked(services: Services,
                                                              tmp_path: Path) -> None:
    _unlock(services)
    _add(services, "E1", PHONE1, ID1)
    masked = tmp_path / "m.xlsx"
    assert services.documents.roster_xlsx(masked) == 1
    text = _sheet_text(masked)
    assert "138****5678" in text and PHONE1 not in text and ID1 not in text
    assert _pii_audit(services) == []
    full = tmp_path / "f.xlsx"
    assert services.documents.roster_xlsx(full, full_numbers=True) == 1
    text = _sheet_text(full)
    assert PHONE1 in text and ID1 in text
    [(_actor, subject, what)] = _pii_audit(services)
    assert (subject, what["purpose"], what["people"]) == ("all", "export", 1)
    # what an admin exported in full imports back (text cells, no lost digits)
    other = services.roster_io.plan(full)
    assert [(p.phone, p.id_card_no) for _row, p in other.valid] == []  # E1 is taken
    assert any(strings.R_DUP_EMPLOYEE_NO_DB.split("{")[0] in p.reason for p in other.problems)


def test_a_viewer_cannot_export_full_numbers(services: Services, tmp_path: Path) -> None:
    _unlock(services)
    _add(services, "E1", PHONE1, ID1)
    services.db.keys, services.db.principal = None, VIEWER_P
    target = tmp_path / "f.xlsx"
    with pytest.raises(AppError) as err:
        services.documents.roster_xlsx(target, full_numbers=True)
    assert err.value.message == strings.PII_ADMIN_ONLY
    assert not target.exists() and _pii_audit(services) == []
    services.documents.roster_xlsx(target)  # the masked export stays open to viewers
    assert ID1 not in _sheet_text(target)


# ---- audit verify --------------------------------------------------------------------------
def test_audit_verify_checks_the_encrypted_columns(services: Services) -> None:
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    services.roster.reveal(pid)  # a read row does not count as a business row
    with services.db.read() as s:
        assert audit_data.check(s).ok
        assert audit.verify(s.connection()).ok
    con = raw_connect(services)
    with con:  # another (valid-looking) ciphertext put in behind the app's back
        con.execute("UPDATE person SET phone_enc = id_card_enc, id_card_index = 'x'")
    con.close()
    with services.db.read() as s:
        report = audit_data.check(s)
    assert [(p.code, p.entity, set(p.fields)) for p in report.problems] == [
        ("changed", "person", {"phone_enc", "id_card_index"})]


def test_a_new_number_with_the_same_masked_form_is_audited(services: Services) -> None:
    """Only the ciphertext changes (138****5678 both times): still an audited change."""
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    old = _raw(services, pid)["phone_enc"]
    dto = services.roster.get(pid)
    services.roster.update(pid, dataclasses.replace(dto.to_fields(), phone="13800005678"))
    assert services.roster.reveal(pid).phone == "13800005678"
    con = raw_connect(services)
    before, after = con.execute("SELECT before, after FROM audit_log WHERE entity = 'person' "
                                "ORDER BY id DESC LIMIT 1").fetchone()
    con.close()
    assert json.loads(before)["phone_enc"] != json.loads(after)["phone_enc"]
    assert json.loads(before)["phone_enc"].startswith("sha256:") and old not in before
    with services.db.read() as s:
        assert audit_data.check(s).ok


def test_cli_export_full_numbers_only_with_the_flag(services: Services, tmp_path: Path) -> None:
    from tests.helpers.cli import run_cli

    _add(services, "E1", PHONE1, ID1)  # a database without accounts: the CLI opens it as is
    path = services.db.path
    services.close()
    masked, full = tmp_path / "m.xlsx", tmp_path / "f.xlsx"
    assert run_cli("--db", path, "roster", "export", masked).code == 0
    assert run_cli("--db", path, "roster", "export", full, "--full-numbers").code == 0
    assert ID1 not in _sheet_text(masked) and ID1 in _sheet_text(full)
    con = sqlite3.connect(path)
    rows = con.execute("SELECT after FROM audit_log WHERE entity = ?", (PII_ENTITY,)).fetchall()
    con.close()
    assert [json.loads(r[0])["purpose"] for r in rows] == ["export"]


def test_without_keys_a_stored_number_cannot_be_cleared_either(services: Services) -> None:
    _unlock(services)
    pid = _add(services, "E1", PHONE1, ID1)
    before = _raw(services, pid)
    services.db.keys, services.db.principal = None, ADMIN_P  # no key in this session
    dto = services.roster.get(pid)
    with pytest.raises(AppError) as err:
        services.roster.update(pid, dataclasses.replace(dto.to_fields(), phone=""))
    assert err.value.message == strings.PII_NO_KEYS_WRITE
    assert _raw(services, pid) == before


def test_an_admin_saving_a_row_still_in_clear_encrypts_it(services: Services) -> None:
    pid = _add(services, "E1", PHONE1, ID1)  # before accounts
    keys = _unlock(services)
    dto = services.roster.get(pid)
    assert "*" in dto.phone
    services.roster.update(pid, dataclasses.replace(dto.to_fields(), role="运维"))
    row = _raw(services, pid)
    assert row["phone"] == row["id_card_no"] == ""
    assert pii.decrypt(keys, pii.ID_CARD, pid, row["id_card_enc"]) == ID1
    assert services.roster.reveal(pid) == FullNumbers(PHONE1, ID1)
