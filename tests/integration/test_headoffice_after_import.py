"""Issue 19: what head office sees follows the site packages it imports.

The overview reads stored month summaries (app.services.headoffice); a package import writes
the site's rows without an audit row per row, so the summaries it touches must not be served
stale: after each import the overview equals what the project's own month service says, on
SQLite and (in the PostgreSQL leg) on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.helpers.cli import run_json
from tests.integration.test_site_package import (  # noqa: F401  (fixtures)
    _edit_site,
    _export,
    _import,
    head_office,
    site,
)

MONTH = "2026-11"


def _row(db: str | Path) -> dict[str, Any]:
    rows = run_json("--db", db, "overview", "--month", MONTH)["projects"]
    assert len(rows) == 1, rows
    row: dict[str, Any] = rows[0]
    return row


def _sheet_totals(db: str | Path) -> tuple[int, int, int]:
    """(people, late minutes, missing punches) of the month as ``month --json`` gives them."""
    month = run_json("--db", db, "month", MONTH)
    people = month["people"]
    return (len(people), sum(p["late_minutes"] for p in people),
            sum(p["missing_punches"] for p in people))


_FIGURES = ("people", "attended_days", "late_minutes", "missing_punches", "leave_days")


def _figures(row: dict[str, Any]) -> tuple[int, int, int]:
    return row["people"], row["late_minutes"], row["missing_punches"]


def _all(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in _FIGURES}


def test_overview_follows_each_imported_package(site: Path, head_office: str,
                                                tmp_path: Path) -> None:
    _export(site, tmp_path / "p1.odpkg")
    _import(head_office, tmp_path / "p1.odpkg")
    first = _row(head_office)
    assert first["origin"] == "site"
    assert _figures(first) == _sheet_totals(site)
    again = _row(head_office)
    assert not again["recomputed"] and _all(again) == _all(first)  # stored now: served as is

    _edit_site(site)  # two punches for a day that had none, a leave returned early
    _export(site, tmp_path / "p2.odpkg")
    _import(head_office, tmp_path / "p2.odpkg")
    second = _row(head_office)
    assert _figures(second) == _sheet_totals(site)
    assert second["recomputed"]  # not the stored figures of before the package
    assert _all(second) != _all(first)  # the incremental package changed the month
