"""Issue 14 (6): every dialog fits a 1366×768 screen with a taskbar: its size, its size hint
and its minimum size all fit 1366×720 less a title bar (scroll areas take the rest)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog

from app.services import Services
from app.services.sitepkg import LastExport
from tests.helpers.db import DEMO_TODAY

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

SCREEN = QSize(1366, 720)  # 1366×768 less a taskbar
TITLE_BAR = 32
FITS = QSize(SCREEN.width(), SCREEN.height() - TITLE_BAR)


def _dialogs(s: Services) -> dict[str, Callable[[], QDialog]]:
    from ui.guide import GuideDialog
    from ui.holidays.dialog import HolidayDialog
    from ui.holidays.import_dialog import HolidayImportDialog
    from ui.project_dialog import ProjectDialog
    from ui.rules_dialog import RulesDialog
    from ui.sitepkg import REFUSED, ExportChoiceDialog, ImportSummaryDialog, Outcome
    from ui.tabs.attendance.dialogs import AbsenceDialog, CorrectionDialog
    from ui.tabs.handover.checklist import HandoverDialog
    from ui.tabs.handover.dialogs import ApprovalDialog, ChangeDialog, FinishDialog
    from ui.tabs.imports.devices_dialog import DevicesDialog
    from ui.tabs.leave.dialog import LeaveDialog
    from ui.tabs.leave.overtime import OvertimeDialog
    from ui.tabs.roster.person_dialog import PersonDialog
    from ui.tabs.scores.rules_dialog import RuleCatalogueDialog
    from ui.tabs.service.dialog import CommitmentsDialog, RecordDialog

    person = s.roster.list_people()[0]
    change = s.handover.list_changes()[0]
    # the site package's dialogs at their widest: a deep folder, a long file name, twenty
    # refused files with long reasons
    deep = Path("D:/") / "/".join(["总部数据交换目录（二〇二六年度）"] * 6) / ("X" * 80 + ".odpkg")
    last = LastExport(12, 11, False, dt.datetime(2026, 11, 28, 17, 30), "长" * 120 + ".odpkg",
                      123456)
    refused = [Outcome(f"{'某现场' * 12}-{i}.odpkg", REFUSED, "数据包签名与内容不符" * 8,
                       ["本站签名密钥指纹：" + "ABCD-" * 16]) for i in range(20)]
    return {
        "site package export (first)": lambda: ExportChoiceDialog("GZ-ZWFW", deep, None),
        "site package export": lambda: ExportChoiceDialog("GZ-ZWFW", deep, last),
        "site package import summary": lambda: ImportSummaryDialog(refused),
        "guide": GuideDialog,
        "holidays": lambda: HolidayDialog(s, today=DEMO_TODAY),
        "holiday import": lambda: HolidayImportDialog(s),
        "project": lambda: ProjectDialog(s),
        "rules": lambda: RulesDialog(s, today=DEMO_TODAY),
        "correction": lambda: CorrectionDialog(s, person.id, person.name, DEMO_TODAY),
        "absence": lambda: AbsenceDialog(s, person.id, person.name, DEMO_TODAY),
        "handover": lambda: HandoverDialog(s, change, today=DEMO_TODAY),
        "change new": lambda: ChangeDialog(s),
        "change edit": lambda: ChangeDialog(s, change),
        "approval": lambda: ApprovalDialog(s, change),
        "finish": lambda: FinishDialog(s, change),
        "devices": lambda: DevicesDialog(s),
        "leave": lambda: LeaveDialog(s),
        "leave emergency": lambda: LeaveDialog(s, emergency=True),
        "overtime": lambda: OvertimeDialog(s),
        "person new": lambda: PersonDialog(s, None),
        "person edit": lambda: PersonDialog(s, person),
        "score rules": lambda: RuleCatalogueDialog(s.scores, today=DEMO_TODAY),
        "service record": lambda: RecordDialog(s),
        "commitments": lambda: CommitmentsDialog(s, today=DEMO_TODAY),
    }


def _fits(size: QSize) -> bool:
    return size.width() <= FITS.width() and size.height() <= FITS.height()


def test_every_dialog_fits_a_1366x768_screen(qtbot: Any, demo_services: Services) -> None:
    too_big: dict[str, tuple[str, QSize]] = {}
    for name, make in _dialogs(demo_services).items():
        dialog = make()
        qtbot.addWidget(dialog)
        sizes = {"minimum size": dialog.minimumSize(),
                 "minimum size hint": dialog.minimumSizeHint(),
                 "size hint": dialog.sizeHint()}
        if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):
            sizes["size"] = dialog.size()
        for what, size in sizes.items():
            if not _fits(size):
                too_big[name] = (what, size)
    assert too_big == {}
