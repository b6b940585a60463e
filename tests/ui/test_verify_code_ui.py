"""核对校验码 (issue 18): the attendance tab's dialog checks a signed sheet's code."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app import strings
from app.services import Services
from ui.tabs.attendance.tab import AttendanceTab
from ui.tabs.attendance.verify_code import VerifyCodeDialog
from ui.tasks import TaskRunner

TODAY = dt.date(2026, 11, 29)
pytestmark = pytest.mark.usefixtures("qsettings_isolated")
SHOTS = os.environ.get("ONSITEDESK_SHOTS")  # a folder: the screens are saved there to look at


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def locked(demo_services: Services) -> tuple[Services, str]:
    demo_services.attendance.lock_month(2026, 10, force=True)
    return demo_services, demo_services.attendance.month(2026, 10).lock_info["code"]


def _dialog(qtbot: Any, services: Services, tasks: TaskRunner | None = None) -> VerifyCodeDialog:
    dialog = VerifyCodeDialog(services, "2026-10", tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_dialog_agrees_with_the_code_and_tolerates_typing(qtbot: Any,
                                                          locked: tuple[Services, str]) -> None:
    services, code = locked
    host = QWidget()
    qtbot.addWidget(host)
    tasks = TaskRunner(host)
    dialog = _dialog(qtbot, services, tasks)
    dialog.code.setText(code.lower().replace("-", " "))
    dialog.btn_run.click()
    qtbot.waitUntil(lambda: dialog.verdict.isVisible(), timeout=10000)
    assert dialog.verdict.text().startswith("一致：数据库与签字的考勤表相符")
    _shot(dialog, "verify-code-ok")


def test_dialog_says_what_differs(qtbot: Any, locked: tuple[Services, str]) -> None:
    services, code = locked
    dialog = _dialog(qtbot, services)
    dialog.month.setText("2026-09")
    dialog.code.setText(code)
    dialog.run()
    text = dialog.verdict.text()
    assert text.startswith(strings.ANCHOR_BAD.format(month="2026-09"))
    assert strings.ANCHOR_PROBLEM["code_other_month"].format(month="2026-09",
                                                             other="2026-10") in text
    _shot(dialog, "verify-code-bad")
    dialog.month.setText("2026-13")
    dialog.run()
    assert "2026-13" in dialog.verdict.text()


def test_dialog_fits_a_small_screen(qtbot: Any, locked: tuple[Services, str]) -> None:
    dialog = _dialog(qtbot, locked[0])
    fits = QSize(1366, 720 - 32)
    for size in (dialog.sizeHint(), dialog.minimumSizeHint()):
        assert size.width() <= fits.width() and size.height() <= fits.height()


def test_attendance_tab_offers_the_check_and_shows_the_code(qtbot: Any,
                                                           locked: tuple[Services, str]) -> None:
    services, code = locked
    host = QWidget()
    qtbot.addWidget(host)
    tab = AttendanceTab(services, TaskRunner(host), today=dt.date(2026, 10, 15), parent=host)
    tab.tasks.wait()
    qtbot.waitUntil(lambda: tab.model.month is not None, timeout=10000)
    assert tab.act_verify_code.text() == strings.ACT_VERIFY_CODE
    assert tab.act_verify_code in tab.btn_print.menu().actions()
    assert f"{strings.ANCHOR_CODE_LABEL} {code}" in tab.banner.text()
    if SHOTS:
        host.resize(1366, 768)
        tab.resize(1366, 768)
        host.show()
        qtbot.wait(100)
        _shot(host, "attendance-locked-1366")
        dialog = VerifyCodeDialog(services, tab.key, None, host)
        qtbot.addWidget(dialog)
        dialog.code.setText(code)
        dialog.run()
        dialog.show()
        qtbot.wait(100)
        _shot(dialog, "verify-code-dialog")
