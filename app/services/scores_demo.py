"""Demo conduct incidents for the scores tab (issue 9): called by ``app.services.demo``.

Three incidents by hand in the latest demo month (the month of ``today - 1``, like the demo's
scripted attendance problems): an untidy desk, browsing during work hours, and an unfriendly
answer that was waived after checking. With the demo's lateness this gives a tie, one person
exactly at the threshold and one below it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import strings

# (employee no., index of the working day in the latest month, time, rule, note, waiver)
INCIDENTS: tuple[tuple[str, int, str, str, str, str], ...] = (
    ("HX1007", 2, "10:20", "untidy", strings.SCORE_DEMO_UNTIDY, ""),
    ("HX1005", 6, "15:40", "browsing_gaming", strings.SCORE_DEMO_BROWSING, ""),
    ("HX1002", 4, "09:50", "unfriendly", strings.SCORE_DEMO_UNFRIENDLY,
     strings.SCORE_DEMO_WAIVE_REASON),
)


def add_demo_incidents(services: Any, today: dt.date | None = None) -> int:
    """Record the demo incidents; returns how many were added (none in a month with no
    working day before ``today`` yet)."""
    today = today or services.clock.today()
    yesterday = today - dt.timedelta(days=1)
    days = services.holidays.calendar().working_days(yesterday.replace(day=1), yesterday)
    if not days:
        return 0
    people = {p.employee_no: p.id for p in services.roster.list_people()}
    scores = services.scores
    added = 0
    for no, index, time_text, rule, note, waiver in INCIDENTS:
        if no not in people:
            continue
        day = days[min(index, len(days) - 1)]
        at = dt.datetime.combine(day, dt.time.fromisoformat(time_text))
        incident, _ = scores.add_incident(people[no], rule, at, note)
        if waiver:
            scores.waive(incident.id, waiver)
        added += 1
    return added
