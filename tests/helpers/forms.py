"""Reading printed forms back for the form tests (issue 15): text per page through pdftotext
(layout mode keeps a table row on one line), the drawn squares of a page (tick boxes), and
one demo site per test module."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pypdf

from app.services import Services

TODAY = dt.date(2026, 11, 29)
NOW = dt.datetime(2026, 11, 29, 12)
CN_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{1,2}-\d{1,2}(?![\w-])")


def page_count(path: Path) -> int:
    return len(pypdf.PdfReader(path).pages)


def page_text(path: Path, page: int) -> str:
    """One page (1-based) as pdftotext lays it out."""
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path),
                           "-"], capture_output=True, text=True, check=True).stdout


def pages(path: Path) -> list[str]:
    return [page_text(path, n) for n in range(1, page_count(path) + 1)]


def all_text(path: Path) -> str:
    return "\n".join(pages(path))


def squares(path: Path, page: int = 1) -> list[float]:
    """Sides (points) of the stroked squares drawn with ``re`` on a page: the tick boxes."""
    content = pypdf.PdfReader(path).pages[page - 1].get_contents()
    assert content is not None
    ops = pypdf.generic.ContentStream(content, None).operations
    sides = []
    for operands, op in ops:
        if op == b"re":
            w, h = (float(Decimal(str(x))) for x in operands[2:4])
            if abs(w - h) < 0.01 and w > 3:
                sides.append(w)
    return sides


def staff_of(services: Services) -> dict[str, int]:
    return {p.employee_no: p.id for p in services.roster.list_people()}
