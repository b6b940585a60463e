"""Dev-time: draw the app icon (PNG + multi-size ICO) with Qt. Run once; output is committed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: E402

GLYPH = "\u9a7b"  # the first character of the product name


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#1f5f99"))
    p.setPen(Qt.PenStyle.NoPen)
    r = size * 0.18
    p.drawRoundedRect(QRectF(0, 0, size, size), r, r)
    p.setPen(QColor("white"))
    font = QFont("WenQuanYi Micro Hei")
    font.setPixelSize(int(size * 0.66))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, -size * 0.03, size, size), Qt.AlignmentFlag.AlignCenter, GLYPH)
    p.end()
    return img


def main() -> None:
    QGuiApplication(sys.argv)
    out = Path(__file__).resolve().parent.parent / "resources" / "icons"
    draw(256).save(str(out / "onsitedesk.png"))
    draw(256).save(str(out / "onsitedesk.ico"))


if __name__ == "__main__":
    main()
