"""Imports tab (issue 14): implausible punch times are asked about (shift / discard /
cancel), a USB import asks which clock when several are set up, and the unmapped list shows
the names a USB file carries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app import strings
from app.services import Services
from app.services.imports import DISCARD, SHIFT, HeldBack
from tests.helpers.samples import shared_sample
from ui.tabs.imports import held_back
from ui.tabs.imports.tab import ImportsTab
from ui.tasks import TaskRunner

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

GOOD = [f"{u:>9}\t2026-11-{d:02d} {t}\t1\t0\t1\t0" for d in range(16, 21) for u in (1, 2)
        for t in ("08:20:00", "17:35:00")]
WRONG_YEAR = [f"        1\t2036-11-{d:02d} 08:19:00\t1\t0\t1\t0" for d in (23, 24, 25)]


def _tab(qtbot: Any, services: Services) -> ImportsTab:
    host = QWidget()
    qtbot.addWidget(host)
    return ImportsTab(services, TaskRunner(host), parent=host)


def _file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    return path


@pytest.mark.parametrize("choice", [SHIFT, DISCARD, None])
def test_held_back_punches_are_asked_about(qtbot: Any, services: Services, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           choice: str | None) -> None:
    asked: list[tuple[HeldBack, int]] = []

    def ask(_parent: Any, held: HeldBack, ok: int) -> str | None:
        asked.append((held, ok))
        return choice

    monkeypatch.setattr(held_back, "ask_held_back", ask)
    tab = _tab(qtbot, services)
    tab.import_usb(_file(tmp_path, GOOD + WRONG_YEAR))
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    held, ok = asked[0]
    assert (held.count, ok, held.offset_days) == (3, 20, -3653)
    tab.tasks.wait()
    if choice is None:
        qtbot.wait(50)
        assert tab.batches == []  # cancelled: nothing imported
        return
    qtbot.waitUntil(lambda: len(tab.batches) == 1, timeout=10000)
    text = tab.result.text()
    assert held.describe() in text
    if choice == SHIFT:
        assert strings.IMP_HELD_BACK_SHIFTED.format(days=-3653, n=3) in text
        assert tab.batches[0].new == 23
    else:
        assert strings.IMP_HELD_BACK_DISCARDED.format(n=3) in text
        assert (tab.batches[0].new, tab.batches[0].rejected) == (20, 3)
        assert tab.problems_model.rowCount() == 3


def test_the_question_offers_shift_only_with_an_offset(qtbot: Any) -> None:
    from app.devices.records import RawPunch

    recs = (RawPunch("1", dt.datetime(2036, 11, 23, 8, 19), line=1),)
    with_offset = held_back.held_back_box(None, HeldBack(recs, -3653), 20)
    labels = [b.text() for b in with_offset.buttons()]
    assert strings.IMP_HELD_BACK_SHIFT.format(days=-3653) in labels
    assert strings.IMP_HELD_BACK_DISCARD in labels
    assert "2026-11-23 08:19" in with_offset.text()  # where the shift puts them
    without = held_back.held_back_box(None, HeldBack(recs, None), 20)
    assert not any(str(b.property("choice")) == SHIFT for b in without.buttons())
    assert strings.IMP_HELD_BACK_NO_OFFSET in without.text()
    assert without.icon() == QMessageBox.Icon.Warning


def test_usb_import_asks_which_clock_when_several(qtbot: Any, services: Services,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("东门", "西门"):
        services.imports.save_device(name, "10.0.0.9")
    offered: list[list[str]] = []

    def choose(_parent: Any, names: list[str], _current: str) -> str | None:
        offered.append(names)
        return "西门"

    monkeypatch.setattr(held_back, "choose_device", choose)
    tab = _tab(qtbot, services)
    tab.import_usb(_file(tmp_path, GOOD))
    qtbot.waitUntil(lambda: len(tab.batches) == 1, timeout=10000)
    assert offered == [["东门", "西门"]]
    assert tab.batches[0].device == "西门"
    monkeypatch.setattr(held_back, "choose_device", lambda *_a: None)
    tab.import_usb(_file(tmp_path, GOOD))
    tab.tasks.wait()
    assert len(tab.batches) == 1  # cancelled


def test_unmapped_ids_show_the_name_column_of_the_file(qtbot: Any, services: Services) -> None:
    tab = _tab(qtbot, services)
    tab.import_usb(shared_sample("zk-samples/VadimSa_TestRepo_attlog.dat"))
    qtbot.waitUntil(lambda: bool(tab.unmapped_ids), timeout=10000)
    rows = {tab.unmapped_model.cell(r, 0): tab.unmapped_model.cell(r, 4)
            for r in range(tab.unmapped_model.rowCount())}
    assert rows["9"] == "Kravchen"
    assert strings.with_note("9", "Kravchen") in tab.result.text()
