"""The ``messages`` fixture: every box and prompt is recorded and answered, none blocks."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app import strings
from tests.helpers.messages import MessageRecorder, Shown
from ui import messages as bridge


def test_boxes_and_prompts_are_recorded_and_answered(qtbot: Any,
                                                     messages: MessageRecorder) -> None:
    messages.answer = False
    assert bridge.ask(None, "删除？") is False
    bridge.info(None, "已保存")
    messages.reply("甲方同意", None)
    assert QInputDialog.getText(None, "原因", "请填写原因：") == ("甲方同意", True)
    assert QInputDialog.getText(None, "原因", "请填写原因：") == ("", False)  # cancelled
    with pytest.raises(AssertionError, match="no reply queued"):
        QInputDialog.getText(None, "原因", "请填写原因：")
    assert QMessageBox.question(None, "确认", "继续？") == QMessageBox.StandardButton.No
    assert messages.shown[:2] == [Shown("ask", strings.CONFIRM_TITLE, "删除？"),
                                  Shown("info", strings.INFO_TITLE, "已保存")]
    assert messages.prompts == ["请填写原因："] * 3
    assert messages.shown[-1] == Shown("question", "确认", "继续？")
