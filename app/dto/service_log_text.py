"""Texts of the service log shared by the screen (the service tab) and the printouts
(``app.documents.service_forms``): times, verdicts against the targets, the commitment lines
of a month. Neither layer owns them, so they sit with the DTOs they format; no ReportLab or
openpyxl here, so the tab imports it cheaply."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app import strings
from app.domain.service_log import MISSED, NOT_MEASURED, RESOLVED, Stat
from app.dto.dates import cn_date, cn_datetime

if TYPE_CHECKING:
    from app.dto.service_log import ServiceMonthDTO, ServiceRecordDTO


long_date = cn_date  # the one date style (app.dto.dates)
long_time = cn_datetime


def short_time(t: dt.datetime | None) -> str:
    return f"{t:%m-%d %H:%M}" if t else ""


def ticks(selected: str, codes: tuple[str, ...], labels: dict[str, str]) -> str:
    return "  ".join((strings.LEAVE_FORM_TICK if c == selected else strings.LEAVE_FORM_BOX)
                     + labels[c] for c in codes)


def measure_text(minutes: int | None, verdict: str, target: int) -> str:
    """"25 minutes (target <=30 minutes, met)" as printed and shown on screen."""
    label = strings.SV_VERDICT_LABELS[verdict]
    if verdict == NOT_MEASURED:
        return strings.SV_MEASURE_NOT_MEASURED.format(
            minutes=strings.SV_MINUTES.format(n=minutes) if minutes is not None
            else strings.SV_NA)
    if minutes is None:
        return strings.SV_MEASURE_EMPTY.format(target=target, verdict=label)
    return strings.SV_MEASURE_TEXT.format(minutes=minutes, target=target, verdict=label)


def minutes_cell(minutes: int | None, verdict: str) -> str:
    """A list cell: the minutes, "*" when over target; "*" alone for an open overdue item."""
    text = str(minutes) if minutes is not None else ""
    if verdict == MISSED:
        text += strings.SV_OVER_MARK
    return text


def fmt_percent(s: Stat) -> str:
    return strings.SV_PERCENT.format(value=s.percent) if s.percent is not None \
        else strings.SV_NA


def fmt_number(value: float | int | None) -> str:
    return f"{value:g}" if value is not None else strings.SV_NA


def elapsed_text(start: dt.datetime, end: dt.datetime) -> str:
    minutes = max(0, int((end - start).total_seconds() // 60))
    if minutes >= 24 * 60:
        return strings.SV_ELAPSED_DAYS.format(d=minutes // 1440, h=minutes % 1440 // 60)
    return strings.SV_ELAPSED.format(h=minutes // 60, m=minutes % 60)


def reporter_text(r: ServiceRecordDTO) -> str:
    return strings.LIST_SEP.join(x for x in (r.reporter, r.reporter_dept) if x)


def result_text(r: ServiceRecordDTO) -> str:
    text = strings.SV_RESULT_LABELS.get(r.result, r.result)
    if r.result != RESOLVED and r.pending_reason:
        text += strings.SV_FORM_RESULT_REASON.format(reason=r.pending_reason)
    return text


def commitment_lines(month: ServiceMonthDTO) -> list[str]:
    """Inspection, warranty and 24-hour support, as one line each."""
    c = month.commitments
    i = c.inspection
    if i.done:
        lines = [strings.SV_INSPECTION_DONE.format(
            year=i.year, dates=strings.LIST_SEP.join(long_date(d) for d in i.dates))]
    else:
        lines = [(strings.SV_INSPECTION_OVERDUE if i.overdue
                  else strings.SV_INSPECTION_DUE).format(year=i.year)]
    w = c.warranty
    if w is None:
        lines.append(strings.SV_WARRANTY_UNSET)
    else:
        lines.append(strings.SV_WARRANTY.format(start=long_date(w.acceptance),
                                                end=long_date(w.end))
                     + (strings.SV_WARRANTY_LEFT.format(days=w.days_left) if w.active
                        else strings.SV_WARRANTY_OVER))
    lines.append(strings.SV_SUPPORT_24H_ON if c.support_24h else strings.SV_SUPPORT_24H_OFF)
    return lines
