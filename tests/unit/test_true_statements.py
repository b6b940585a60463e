"""Issue 15, deliverable 2: every statement a printed form makes is true (the PDF text is read
back with pypdf)."""

from __future__ import annotations

import datetime as dt
import getpass
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents.operators import operator_name
from app.domain.leave import Span
from app.services import Services


def _text(path: Path) -> str:
    text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return text.replace(" ", "").replace("\n", "")


def _people(services: Services) -> dict[str, int]:
    return {p.employee_no: p.id for p in services.roster.list_people()}


def test_emergency_leave_form_states_contact_and_backfiling(demo_services: Services,
                                                            tmp_path: Path) -> None:
    people = _people(demo_services)
    day = dt.date(2026, 11, 25)
    leave, _ = demo_services.leave.add(
        people["HX1002"], "sick_leave", Span(day, "am", day, "pm"),
        dt.datetime(2026, 11, 26, 9), people["HX1003"], reason="急病",
        emergency=True, contacted_whom="王经理", contacted_at=dt.datetime(2026, 11, 25, 7, 30))
    before = _text(demo_services.documents.leave_pdf(leave.id, tmp_path / "before.pdf"))
    assert "紧急请假申请" in before
    assert "2026年11月25日07:30联系王经理" in before
    assert "提前-1天" not in before and "提前 -1" not in before
    assert "尚未补办" in before
    demo_services.leave.backfile(leave.id, at=dt.datetime(2026, 11, 26, 10))
    after = _text(demo_services.documents.leave_pdf(leave.id, tmp_path / "after.pdf"))
    assert "尚未补办" not in after
    assert "已于2026年11月26日10:00补办" in after


def test_ordinary_leave_form_keeps_the_notice_line(demo_services: Services,
                                                   tmp_path: Path) -> None:
    people = _people(demo_services)
    day = dt.date(2026, 12, 8)
    leave, _ = demo_services.leave.add(
        people["HX1002"], "personal_leave", Span(day, "am", day, "pm"),
        dt.datetime(2026, 11, 29, 9), people["HX1003"], reason="家事")
    text = _text(demo_services.documents.leave_pdf(leave.id, tmp_path / "x.pdf"))
    assert "提前9天申请" in text
    assert "紧急请假" not in text


def test_early_return_prints_approved_and_actual_days(demo_services: Services,
                                                      tmp_path: Path) -> None:
    people = _people(demo_services)
    start = dt.date(2026, 11, 16)  # Monday to Wednesday: 3 working days
    leave, _ = demo_services.leave.add(
        people["HX1002"], "personal_leave",
        Span(start, "am", start + dt.timedelta(days=2), "pm"),
        dt.datetime(2026, 11, 12, 9), people["HX1003"], reason="家事")
    demo_services.leave.approve(leave.id, "PM")
    returned, _ = demo_services.leave.return_(leave.id, start + dt.timedelta(days=2))
    actual = demo_services.leave.used_days(returned)
    assert (returned.days, actual) == (3, 2)
    text = _text(demo_services.documents.leave_pdf(leave.id, tmp_path / "r.pdf"))
    assert "批准3天，实际2天（提前销假2026年11月18日）" in text
    assert "共3天" not in text


def _row(text: str, number: str) -> str:
    """The month list's row of ``number`` (up to the next record number)."""
    rest = text.split(number, 1)[1]
    return rest.split("YW-", 1)[0]


def test_month_report_never_resolved_and_open_on_one_page(demo_services: Services,
                                                          tmp_path: Path) -> None:
    month = demo_services.service_log.month(2026, 10)
    late = [r for r in month.open_records if r.resolved_at is not None]
    assert [r.number for r in late] == ["YW-2026-10-014"]  # resolved on 1 November, 00:30
    path = demo_services.documents.service_month_pdf(2026, 10, tmp_path / "m.pdf")
    text = _text(path)
    row = _row(text, "YW-2026-10-014")
    assert "月末未解决（2026年11月1日00:30解决）" in row
    assert "已解决" not in row
    # the open-items table still lists it: both lists now agree
    assert text.count("YW-2026-10-014") == 2


def test_operators_on_forms_are_people_not_the_os_account(
        demo_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: "root")
    manager = demo_services.project.get().project_manager
    assert manager and manager != "root"
    pid = _people(demo_services)["HX1002"]
    day = dt.date(2026, 10, 20)
    demo_services.attendance.add_correction(pid, day, "am", "in", "08:25", "考勤机故障", "PM")
    demo_services.attendance.add_manual_absence(pid, dt.date(2026, 10, 21), "pm",
                                                "unauthorized_outing", "未到岗")
    demo_services.scores.add_incident(pid, "untidy", dt.datetime(2026, 10, 20, 10, 0))
    demo_services.attendance.lock_month(2026, 10, force=True)
    punch = _text(demo_services.documents.punch_record(2026, 10, pid, tmp_path / "p.pdf"))
    month = _text(demo_services.documents.month_pdf(2026, 10, tmp_path / "m.pdf"))
    scores = _text(demo_services.documents.score_sheet_pdf(2026, 10, tmp_path / "s.pdf"))
    for text in (punch, month, scores):
        assert "root" not in text
    assert punch.count(manager) >= 3  # the correction, the manual absence, the preparer
    assert "已锁定" in month and f"，{manager}）" in month
    assert scores.count(manager) >= 3  # the incident's recorder besides the signatures


def test_operator_name_keeps_real_names() -> None:
    assert operator_name("李四", "周立群") == "李四"
    assert operator_name("root", "周立群") == "周立群"
    assert operator_name("", "周立群") == "周立群"
