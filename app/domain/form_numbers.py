"""Numbers printed on forms, one function per kind, in one place (issue 15).

A form number is the kind's prefix, the year of the record's date and the record id:
``QJ-2026-0001`` (leave request), ``BG-2026-0001`` (personnel change). The id never changes
and is unique, so a number printed once is the number for good. Service records carry a
stored number of their own (``YW-2026-11-001``, :func:`app.domain.service_log.record_number`).
"""

from __future__ import annotations

import datetime as dt

LEAVE_PREFIX = "QJ"
CHANGE_PREFIX = "BG"


def form_number(prefix: str, on: dt.date, record_id: int) -> str:
    """``PREFIX-YYYY-NNNN`` (at least four digits)."""
    return f"{prefix}-{on.year:04d}-{record_id:04d}"


def leave_number(filed_at: dt.date, leave_id: int) -> str:
    """A leave request: the year it was filed."""
    return form_number(LEAVE_PREFIX, filed_at, leave_id)


def change_number(created: dt.date, change_id: int) -> str:
    """A personnel change (its notice, request and handover confirmation share it): the year
    it was recorded."""
    return form_number(CHANGE_PREFIX, created, change_id)
