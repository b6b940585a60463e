"""The legend under the month grid: one chip per symbol, then its meaning, spaced
apart and wrapping only between entries; severe lateness shown as the grid paints it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app import strings
from ui.common import palette
from ui.common.flow import FlowLayout

CHIP = (f"background:{palette.HEADER_FILL}; border:1px solid {palette.GRID}; "
        "padding:0 4px;")


def chip_html(symbol: str, label: str, style: str = "") -> str:
    return (f'<span style="{CHIP}{style}">&nbsp;{symbol}&nbsp;</span>'
            f"&nbsp;{label}")


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self.entries: list[tuple[str, str]] = []  # (symbol, meaning), in order

    def set_legend(self, legend: dict[str, str], severe_minutes: int | None = None) -> None:
        self.flow.clear()
        self.entries = [(legend[k], strings.LEGEND_LABELS[k]) for k in strings.LEGEND_ORDER
                        if legend.get(k)]
        for symbol, label in self.entries:
            self._add(chip_html(symbol, label))
        # severe lateness has its own mark (in the entries above); severe early leave keeps
        # the early mark, drawn bold in dark red like every severe session
        early = legend.get("early_leave")
        if early and severe_minutes is not None:
            text = strings.LEGEND_SEVERE.format(minutes=severe_minutes)
            self.entries.append((early, text))
            self._add(chip_html(early, text, f"color:{palette.SEVERE}; font-weight:bold;"))
        self._add(strings.LEGEND_FOOTER, muted=True)

    def _add(self, html: str, muted: bool = False) -> None:
        label = QLabel(html)
        label.setWordWrap(False)
        label.setStyleSheet(palette.css(palette.MUTED if muted else palette.SOFT_TEXT))
        self.flow.addWidget(label)

    def text(self) -> str:
        """The legend as plain text: entries "symbol meaning", two spaces apart."""
        return "  ".join(f"{s} {m}" for s, m in self.entries) + "  " + strings.LEGEND_FOOTER

    def labels(self) -> list[QLabel]:
        return [w for w in self.findChildren(QLabel)]
