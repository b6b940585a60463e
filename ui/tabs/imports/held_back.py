"""The questions a USB import may ask first: which clock the file came from (when more than
one is set up), and what to do with punches whose time cannot be real (shift or discard)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app import strings
from app.services.imports import DISCARD, SHIFT, HeldBack


def held_back_box(parent: QWidget | None, held: HeldBack, ok: int) -> QMessageBox:
    """The question, with a button to shift (only when an offset was found), one to discard
    and Cancel; each button's ``property("choice")`` is what :func:`ask_held_back` returns."""
    box = QMessageBox(QMessageBox.Icon.Warning, strings.IMP_HELD_BACK_TITLE,
                      strings.IMP_HELD_BACK_ASK.format(held=held.describe(),
                                                       offset=held.describe_offset(), ok=ok),
                      QMessageBox.StandardButton.NoButton, parent)
    if held.offset_days is not None:
        shift = box.addButton(strings.IMP_HELD_BACK_SHIFT.format(days=held.offset_days),
                              QMessageBox.ButtonRole.AcceptRole)
        shift.setProperty("choice", SHIFT)
    discard = box.addButton(strings.IMP_HELD_BACK_DISCARD, QMessageBox.ButtonRole.DestructiveRole)
    discard.setProperty("choice", DISCARD)
    box.addButton(strings.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(discard)
    return box


def ask_held_back(parent: QWidget | None, held: HeldBack, ok: int) -> str | None:
    """``SHIFT``, ``DISCARD``, or ``None`` to cancel the import."""
    box = held_back_box(parent, held, ok)
    box.exec()
    clicked = box.clickedButton()
    choice = clicked.property("choice") if clicked is not None else None
    return str(choice) if choice in (SHIFT, DISCARD) else None


def choose_device(parent: QWidget | None, names: list[str], current: str) -> str | None:
    """Which configured clock a USB file came from; ``None`` when cancelled."""
    index = names.index(current) if current in names else 0
    name, ok = QInputDialog.getItem(parent, strings.IMP_CHOOSE_DEVICE,
                                    strings.IMP_CHOOSE_DEVICE_ASK, names, index, False)
    return name if ok and name else None
