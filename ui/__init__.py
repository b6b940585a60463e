"""PySide6 user interface: the only package that imports Qt; reaches data via app.services."""
