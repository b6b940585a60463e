"""One bridge for user messages, so tests can replace it (qutebrowser's message.py idea)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app import strings


def info(parent: QWidget | None, text: str, title: str = strings.INFO_TITLE) -> None:
    QMessageBox.information(parent, title, text)


def error(parent: QWidget | None, text: str, title: str = strings.ERROR_TITLE) -> None:
    QMessageBox.warning(parent, title, text)


def ask(parent: QWidget | None, text: str, title: str = strings.CONFIRM_TITLE) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
