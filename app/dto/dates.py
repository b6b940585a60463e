"""The one date style of every printout and text (issue 15): year, month and day in Chinese
(``strings.DOC_DATE_CN``), with HH:MM after it for a time; '' for none."""

from __future__ import annotations

import datetime as dt

from app import strings


def cn_date(d: dt.date | None) -> str:
    """The date as year, month and day in Chinese ('' for none)."""
    return strings.DOC_DATE_CN.format(y=d.year, m=d.month, d=d.day) if d else ""


def cn_datetime(t: dt.datetime | None) -> str:
    """The date in Chinese, then the time HH:MM ('' for none)."""
    if t is None:
        return ""
    return strings.DOC_DATETIME_CN.format(y=t.year, m=t.month, d=t.day, hm=f"{t:%H:%M}")
