"""The demo site's personnel change (issue 8): HX1006 leaves and HX1008 replaces them.

In ``data/demo.json`` HX1006 is in handover with an end date of 2026-12-18 and HX1008 is
pending, starting 2026-12-07. The change takes effect on the working day after HX1006's last
day; the newcomer's résumé and certificate are attached and the leaving person's laptop and
access card are on the roster, so the checklist shows the equipment lines. The notice, the
request and the client department's approval are recorded, the supervision firm's is not yet;
two checklist lines are done. Every date after ``today`` is left open, so the demo never
records something as done in the future.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from app import strings
from app.domain.handover import REPLACE
from app.dto.handover import ChangeDTO, ChangeFields

LEAVING, JOINING = "HX1006", "HX1008"


def add_demo_changes(services: Any, today: dt.date) -> ChangeDTO | None:
    """Create the demo change (once: an existing one is returned as it is); ``None`` when
    the demo people are not in the roster."""
    people = {p.employee_no: p for p in services.roster.list_people()}
    leaving, joining = people.get(LEAVING), people.get(JOINING)
    if leaving is None or joining is None or leaving.end_date is None:
        return None
    for existing in services.handover.list_changes():
        if existing.leaving and existing.leaving.id == leaving.id:
            return existing  # type: ignore[no-any-return]
    _prepare_roster(services, leaving, joining)
    texts = strings.CH_DEMO
    calendar = services.holidays.calendar()
    change_date = calendar.add_working_days(leaving.end_date, 1)

    def by_today(day: dt.date) -> dt.date | None:
        return day if day <= today else None

    ho = services.handover
    change: ChangeDTO
    change, _ = ho.create(ChangeFields(
        kind=REPLACE, change_date=change_date, leaving_id=leaving.id, joining_id=joining.id,
        reason=texts["reason"], reason_kind="personal", replacement_plan=texts["plan"],
        joining_gender=texts["gender"], joining_education=texts["education"],
        joining_years=texts["years"],
        notice_sent_on=by_today(change_date - dt.timedelta(days=35)),
        application_submitted_on=by_today(calendar.subtract_working_days(change_date, 18))))
    approved = calendar.subtract_working_days(change_date, 16)
    if approved <= today:
        change, _ = ho.record_approval(change.id, "client_dept", texts["client_approver"],
                                       approved, texts["client_opinion"])
    for n, item in enumerate(change.items[:2]):
        done_on = by_today(calendar.subtract_working_days(change_date, 17 - n))
        if done_on is not None:
            change, _ = ho.set_item(item.id, True, done_on, note=strings.CH_DEMO_ITEM_NOTES[n])
    return change


def _prepare_roster(services: Any, leaving: Any, joining: Any) -> None:
    """The leaving person's equipment and the newcomer's files, unless already there."""
    if not leaving.equipment:
        for name, asset in strings.CH_DEMO_EQUIPMENT:
            services.roster.add_equipment(leaving.id, name, asset, leaving.start_date)
    if not joining.attachments:
        with tempfile.TemporaryDirectory(prefix="onsitedesk-demo-") as tmp:
            for kind, title in strings.CH_DEMO_ATTACHMENTS:
                src = Path(tmp) / f"{joining.employee_no}-{kind}.txt"
                src.write_text(f"{joining.name} {title}\n", encoding="utf-8")
                services.roster.add_attachment(joining.id, src, kind, title)
