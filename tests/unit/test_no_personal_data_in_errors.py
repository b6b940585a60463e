"""Issue 17, deliverable 5: errors, tracebacks and log lines carry no SQL parameters and no
ID or phone numbers."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.domain.roster import PersonFields
from app.logsafe import RedactingFormatter, format_exception, redact
from app.services import Services
from app.storage.tables import Person

PHONE, ID_NO = "13812345678", "11010519491231002X"
ROOT = Path(__file__).resolve().parents[2]


def test_sqlalchemy_error_carries_no_parameters(services: Services) -> None:
    services.roster.add(PersonFields(employee_no="E1", name="甲"))
    with pytest.raises(IntegrityError) as caught, services.db.transaction() as s:
        s.add(Person(project_id=1, employee_no="E1", name="乙", phone=PHONE, id_card_no=ID_NO))
        s.flush()
    text = format_exception(caught.value) + str(caught.value)
    # SQLite's words, or PostgreSQL's (issue 19: its DETAIL, with the values, is cut off)
    assert "UNIQUE constraint failed" in text or "violates unique constraint" in text
    assert "E1" not in text and "DETAIL" not in text
    assert PHONE not in text and ID_NO not in text
    assert "hidden" in text


def test_redact_masks_numbers_and_parameter_dumps() -> None:
    raw = (f"ValueError: bad row ('{ID_NO}', '{PHONE}')\n[SQL: INSERT INTO person ...]\n"
           f"[parameters: (1, 'E1', '乙', '{PHONE}')]\n(Background on this error at: x)")
    out = redact(raw)
    assert PHONE not in out and ID_NO not in out
    assert "138****5678" in out and "110105********002X" in out
    assert "[parameters: hidden]" in out and "[SQL: INSERT INTO person ...]" in out
    assert redact("2026-11-29 08:00:00 batch 12 of 100") == "2026-11-29 08:00:00 batch 12 of 100"


def test_log_lines_are_redacted() -> None:
    try:
        int(f"{ID_NO} {PHONE}")
    except ValueError as exc:
        record = logging.LogRecord("onsitedesk", logging.ERROR, __file__, 1,
                                   "import of %s failed", (PHONE,),
                                   (type(exc), exc, exc.__traceback__))
    line = RedactingFormatter("%(message)s").format(record)
    assert "Traceback" in line
    assert PHONE not in line and ID_NO not in line


def test_cli_traceback_is_redacted(tmp_path: Path) -> None:
    """An unexpected error in ``python -m app.cli`` prints a traceback without the numbers."""
    script = ("import sys, runpy\n"
              "import app.cli\n"
              f"def boom(*a, **k): raise RuntimeError('person {ID_NO} / {PHONE}')\n"
              "app.cli.main = boom\n"
              "sys.argv = ['app.cli', 'demo']\n"
              "runpy.run_module('app.cli', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0
    assert "RuntimeError" in done.stderr
    assert PHONE not in done.stderr and ID_NO not in done.stderr
