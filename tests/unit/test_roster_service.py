"""Roster use cases through app.services (SPEC R1): uniqueness, leaving, equipment,
attachments kept inside the data folder, and the project profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from unit_helpers import id_check_char, valid_id

from app import strings
from app.domain.roster import PersonFields
from app.errors import AppError, NotFoundError
from app.services import Services
from tests.helpers.db import reopen
from tests.helpers.errors import raises_invalid


def _add(services: Services, no: str = "E1", name: str = "张三", **kw: object) -> int:
    person, changes = services.roster.add(PersonFields(employee_no=no, name=name, **kw))
    assert changes.roster
    return person.id


# ---- add / update ------------------------------------------------------------------------
def test_add_normalises_and_stores_every_field(services: Services) -> None:
    pid = _add(services, " E1 ", " 张三 ", device_user_id="07", role="运维",
               phone="138 1234 5678", id_card_no="11010519491231002x",
               start_date=dt.date(2026, 1, 5), nda_signed=True, nda_date=dt.date(2026, 1, 4))
    p = services.roster.get(pid)
    assert (p.employee_no, p.name, p.device_user_id) == ("E1", "张三", "07")
    assert (p.phone, p.id_card_no) == ("13812345678", valid_id("11010519491231002"))
    assert (p.phone_masked, p.id_card_masked) == ("138****5678", "110105********002X")
    assert (p.start_date, p.nda_signed, p.nda_date) == (dt.date(2026, 1, 5), True,
                                                        dt.date(2026, 1, 4))
    assert p.status_label == "在岗"


def test_duplicate_employee_no_is_refused(services: Services) -> None:
    _add(services, "E1", "张三")
    with raises_invalid("employee_no", strings.R_DUP_EMPLOYEE_NO_DB.format(no="E1", name="张三")):
        _add(services, "E1", "李四")  # the message says who already has it
    assert services.roster.count() == 1


def test_duplicate_device_user_id_is_refused(services: Services) -> None:
    _add(services, "E1", "张三", device_user_id="12")
    with raises_invalid("device_user_id", strings.R_DUP_DEVICE_DB.format(no="12", name="张三")):
        _add(services, "E2", "李四", device_user_id="12")
    assert services.roster.count() == 1


def test_people_without_device_user_id_may_coexist(services: Services) -> None:
    _add(services, "E1", "张三", device_user_id=None)
    _add(services, "E2", "李四", device_user_id=None)
    assert services.roster.count() == 2


def test_empty_device_user_id_means_none(services: Services) -> None:
    _add(services, "E1", "张三", device_user_id="")
    _add(services, "E2", "李四", device_user_id="")
    assert [p.device_user_id for p in services.roster.list_people()] == [None, None]


def test_update_may_keep_own_numbers_but_not_take_others(services: Services) -> None:
    a = _add(services, "E1", "张三", device_user_id="1")
    _add(services, "E2", "李四", device_user_id="2")
    fields = services.roster.get(a).to_fields()
    fields.role = "运维"
    services.roster.update(a, fields)  # same 工号/考勤号 as itself: fine
    assert services.roster.get(a).role == "运维"
    fields.employee_no = "E2"
    with raises_invalid("employee_no", strings.R_DUP_EMPLOYEE_NO_DB.format(no="E2", name="李四")):
        services.roster.update(a, fields)
    assert services.roster.get(a).employee_no == "E1"


def test_invalid_field_is_refused_with_its_name(services: Services) -> None:
    # GB 11643 check character of 11010519491231002 is X (unit_helpers computes it independently)
    assert id_check_char("11010519491231002") == "X"
    with raises_invalid("id_card_no", strings.R_BAD_ID_CHECKSUM.format(
            expected="X", value="110105194912310021")):
        _add(services, "E1", "张三", id_card_no="110105194912310021")
    assert services.roster.count() == 0


def test_unknown_person_is_not_found(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.roster.get(999)


# ---- leaving -----------------------------------------------------------------------------
def test_mark_left_needs_a_date(services: Services) -> None:
    pid = _add(services)
    with raises_invalid("end_date", strings.LEFT_NEEDS_DATE):
        services.roster.mark_left(pid, None)
    assert services.roster.get(pid).status == "active"


def test_mark_left_sets_status_and_end_date(services: Services) -> None:
    pid = _add(services, start_date=dt.date(2026, 1, 5))
    person, _ = services.roster.mark_left(pid, dt.date(2026, 11, 30))
    assert (person.status, person.end_date) == ("left", dt.date(2026, 11, 30))
    assert services.roster.get(pid).status_label == "已离场"


def test_mark_left_before_start_is_refused(services: Services) -> None:
    pid = _add(services, start_date=dt.date(2026, 1, 5))
    with raises_invalid("end_date", strings.R_END_BEFORE_START.format(
            end="2025-12-31", start="2026-01-05")):
        services.roster.mark_left(pid, dt.date(2025, 12, 31))
    assert services.roster.get(pid).end_date is None


# ---- equipment (R1, C6) ------------------------------------------------------------------
def test_equipment_outstanding_counts_unreturned_items(services: Services) -> None:
    pid = _add(services)
    services.roster.add_equipment(pid, "笔记本电脑", "NB-01", dt.date(2026, 1, 5))
    person, _ = services.roster.add_equipment(pid, "门禁卡", "MJ-9")
    assert person.equipment_outstanding == 2
    laptop = person.equipment[0]
    person, _ = services.roster.set_equipment_returned(laptop.id, dt.date(2026, 11, 30))
    assert person.equipment_outstanding == 1
    assert services.roster.get(pid).equipment[0].returned_date == dt.date(2026, 11, 30)
    person, _ = services.roster.remove_equipment(person.equipment[1].id)
    assert person.equipment_outstanding == 0
    assert len(person.equipment) == 1


def test_equipment_needs_a_name(services: Services) -> None:
    pid = _add(services)
    with raises_invalid("item", strings.EQUIPMENT_ITEM_REQUIRED):
        services.roster.add_equipment(pid, "  ")


# ---- attachments (R1) --------------------------------------------------------------------
def test_attachment_is_copied_into_the_data_folder(services: Services, tmp_path: Path) -> None:
    """The roster must not point at a USB stick: the file is copied and survives the source."""
    pid = _add(services)
    source = tmp_path / "usb" / "证书.pdf"
    source.parent.mkdir()
    payload = b"%PDF-1.4 certificate \x00\x01\x02"
    source.write_bytes(payload)

    person, _ = services.roster.add_attachment(pid, source, "certificate", "信息系统项目管理师")
    (att,) = person.attachments
    assert (att.kind, att.title, att.original_name) == ("certificate", "信息系统项目管理师",
                                                        "证书.pdf")
    stored = services.roster.attachment_file(att)
    assert stored.is_relative_to(services.db_path.parent / "attachments")
    assert stored.read_bytes() == payload

    source.unlink()
    again = services.roster.get(pid).attachments[0]
    assert services.roster.attachment_file(again).read_bytes() == payload


def test_removing_an_attachment_record_keeps_the_file(services: Services,
                                                      tmp_path: Path) -> None:
    pid = _add(services)
    source = tmp_path / "resume.docx"
    source.write_bytes(b"resume")
    person, _ = services.roster.add_attachment(pid, source, "resume")
    stored = services.roster.attachment_file(person.attachments[0])
    person, _ = services.roster.remove_attachment(person.attachments[0].id)
    assert person.attachments == ()
    assert stored.exists()


def test_missing_attachment_source_is_an_app_error(services: Services, tmp_path: Path) -> None:
    pid = _add(services)
    with pytest.raises(AppError, match=r"nope\.pdf"):
        services.roster.add_attachment(pid, tmp_path / "nope.pdf", "other")


def test_attachment_for_unknown_person_leaves_no_file(services: Services,
                                                      tmp_path: Path) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"x")
    with pytest.raises(NotFoundError):
        services.roster.add_attachment(999, source, "other")
    assert not (services.db_path.parent / "attachments").exists()


# ---- project profile ---------------------------------------------------------------------
def test_project_update_persists(services: Services, db_path: Path) -> None:
    dto, changes = services.project.update(name=" 市一院运维项目 ", client_dept="信息科")
    assert changes.project
    assert dto.name == "市一院运维项目"
    reopened = reopen(services)  # the file, or the server (issue 19)
    try:
        got = reopened.project.get()
    finally:
        reopened.close()
    assert (got.name, got.client_dept) == ("市一院运维项目", "信息科")


def test_project_name_may_not_be_empty(services: Services) -> None:
    services.project.update(name="原名")
    with raises_invalid("name", strings.PROJECT_REQUIRED):
        services.project.update(name="   ")
    assert services.project.get().name == "原名"


def test_project_defaults_use_the_client_words(services: Services) -> None:
    p = services.project.get()
    assert (p.client_label, p.client_dept) == ("甲方", "技术部")
