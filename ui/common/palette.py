"""The UI's colours, named by meaning: one error red, one warning amber, one "fine" green.

Values are ``#rrggbb`` text so they serve style sheets and rich text as well as ``QColor``
(``color(...)``). No other module under ui/ writes a colour literal.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

# ---- text ----------------------------------------------------------------------------------
ERROR = "#c0392b"  # errors, absences, missing signatures, overdue
WARNING = "#b26a00"  # violations, late, due soon, open checklist items
OK = "#1b7f3b"  # on time, done, rewards, confirmed
INFO = "#1f6fb2"  # pending (not yet started)
ACCENT = "#1f5f99"  # leave marks, today, selection
TEXT = "#222222"
SOFT_TEXT = "#444444"  # summaries under a table
MUTED = "#666666"  # hints and labels beside values
FAINT = "#8a8a8a"  # finished or waived rows, people who left
BANNER_TEXT = "#6b4e00"
SEVERE = "#8e0f00"  # severe lateness or early leave (bold, darker than ERROR)
WHITE = "#ffffff"

# ---- fills ---------------------------------------------------------------------------------
REST_DAY = "#e6e6e6"
HOLIDAY = "#f6c9c4"
ADJUSTED_WORKDAY = "#fff3c4"
FLAG_FILL = "#fde2e0"  # a cell or row that needs attention
HEADER_FILL = "#f4f6f8"
CARRIED_FILL = "#fff6d5"  # work carried over from an earlier month
BANNER_FILL = "#fff3c4"
DUE_SOON = "#e69500"  # timeline dot (brighter than the WARNING text)
GRID = "#b0b7c0"
NO_DATA = "#edf1f6"  # a session the clock data does not reach yet (neither present nor absent)

# ---- the holiday year grid (strong fills, a calendar of its own) ----------------------------
YEAR_REST_DAY = "#dcdcdc"
YEAR_HOLIDAY = "#e0483a"
YEAR_ADJUSTED_WORKDAY = "#ffd84d"
YEAR_TITLE = "#1f3f66"
YEAR_ADJUSTED_MARK = "#b03a00"

SELECTION_ALPHA = 60  # ACCENT at this alpha over a selected cell

BANNER_STYLE = f"background:{BANNER_FILL}; color:{BANNER_TEXT}; padding:4px 8px;"


def color(value: str, alpha: int = 255) -> QColor:
    c = QColor(value)
    c.setAlpha(alpha)
    return c


def css(value: str, bold: bool = False) -> str:
    """A style sheet that sets the text colour."""
    return f"color:{value};" + (" font-weight:bold;" if bold else "")
