"""Sheet symbols for sessions and days (SPEC P2): one character each, from an editable legend.

Half days show two characters, morning first (for example the present mark followed by the
personal-leave mark). A day attended in both sessions shows its irregularities (late, early,
missing punch) or the present mark when there are none. A session the clock data does not
reach shows the no-data mark (a dash by default), never the absent mark.

Lateness beyond the severe threshold (``rules.severe_minutes``) shows the severe-late mark
instead of the late mark; a session whose check-in or check-out comes from an approved punch
correction shows the correction mark (never a plain present mark, so a corrected day can be told
apart on paper). A day with approved overtime carries the overtime mark: alone on a day off
or a plain present day, after the other marks otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.attendance import (
    ABSENT,
    EARLY_LEAVE,
    HOLIDAY,
    LATE,
    LEAVE,
    MISSING_PUNCH,
    NO_DATA,
    NOT_ON_SITE,
    PENDING,
    PRESENT,
    REST_DAY,
    DayResult,
    SessionResult,
)

SEVERE_LATE = "severe_late"
CORRECTED = "corrected"
OVERTIME = "overtime"


def session_marks(s: SessionResult, legend: Mapping[str, str]) -> list[str]:
    """The symbols a session earns: irregularities of an attended session, or its verdict."""
    if s.verdict == LEAVE:
        return [legend.get(s.leave_type or "", "")]
    if s.verdict in (ABSENT, HOLIDAY, REST_DAY, NO_DATA):
        return [legend.get(s.verdict, "")]
    if s.verdict in (NOT_ON_SITE, PENDING):
        return [legend.get(s.verdict, "")]
    marks = []
    if s.late_minutes:
        marks.append(legend.get(SEVERE_LATE) or legend[LATE] if s.severe_late
                     else legend[LATE])
    if s.early_minutes:
        marks.append(legend[EARLY_LEAVE])
    if s.missing_in or s.missing_out:
        marks.append(legend[MISSING_PUNCH])
    if (s.corrected_in or s.corrected_out) and legend.get(CORRECTED):
        marks.append(legend[CORRECTED])
    return marks or [legend[PRESENT]]


def day_symbol(d: DayResult, legend: Mapping[str, str]) -> str:
    symbol = _sessions_symbol(d, legend)
    mark = legend.get(OVERTIME, "") if d.overtime_hours > 0 else ""
    if not mark:
        return symbol
    if symbol in ("", legend[PRESENT], legend.get(HOLIDAY, ""), legend.get(REST_DAY, "")):
        return mark  # the day's fill still says rest day or holiday
    return symbol + mark


def _sessions_symbol(d: DayResult, legend: Mapping[str, str]) -> str:
    am, pm = session_marks(d.am, legend), session_marks(d.pm, legend)
    if d.am.attended and d.pm.attended:
        marks = [m for m in am + pm if m != legend[PRESENT]]
        unique = list(dict.fromkeys(marks))
        return "".join(unique) or legend[PRESENT]
    a, p = "".join(dict.fromkeys(am)), "".join(dict.fromkeys(pm))
    return a if a == p else a + p
