"""Plain SQL on a database file behind the app's back (tamper tests, checks of raw rows)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def sql(path: Path, statement: str, *args: object) -> list[tuple[object, ...]]:
    """Run one statement with its own connection, commit, return the rows."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(statement, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()
