"""Small builders shared by the unit tests (plain functions, no fixtures)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

# GB 11643-1999, written out independently of app.domain.roster on purpose.
GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
GB11643_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, GB11643_WEIGHTS, strict=True))
    return GB11643_CHECK[total % 11]


def valid_id(first17: str) -> str:
    return first17 + id_check_char(first17)


def write_xlsx(path: Path, rows: Sequence[Sequence[Any] | None]) -> Path:
    """One sheet; ``rows[i]`` goes to Excel row ``i + 1`` (``None`` leaves the row empty)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row or (), start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    wb.save(path)
    return path


def roster_rows(n: int, prefix: str = "K") -> list[list[Any]]:
    """A header and ``n`` valid people with unique 工号 and 考勤号."""
    rows: list[list[Any]] = [["工号", "姓名", "考勤号", "状态"]]
    rows += [[f"{prefix}{i:04d}", f"人员{i}", str(i + 1), "在岗"] for i in range(n)]
    return rows
