"""OnsiteDesk core: plain Python, never imports PySide6 (see DESIGN.md §1)."""

__version__ = "0.1.0"
