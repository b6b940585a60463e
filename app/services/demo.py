"""A realistic demo site: a hospital IT department with on-site staff (data/demo.json)."""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from app import config, strings
from app.domain.roster import PersonFields, id_card_check_char
from app.errors import AppError
from app.services import Services
from app.strings import DEMO_CORRECTION_REASON


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_demo() -> dict[str, Any]:
    with config.data_path("demo.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


PART_SUFFIX = ".demo-part"


def _part_files(db_path: Path) -> list[Path]:
    part = db_path.with_name(db_path.name + PART_SUFFIX)
    return [part, *(part.with_name(part.name + s) for s in ("-wal", "-shm", ".head", ".lock"))]


def clean_partial_demo(db_path: Path) -> bool:
    """Remove what a killed ``install_demo`` left (its temp database); True if any."""
    found = False
    for leftover in _part_files(db_path):
        if leftover.exists():
            leftover.unlink()
            found = True
    return found


def install_demo(services: Services) -> tuple[int, bool]:
    """The demo site, all or nothing: built in a temp database beside the real one, then
    copied in by SQLite's backup API in one write transaction. A kill at any point leaves
    the real database as it was (and a temp file the next run removes). Returns (people,
    whether a partial earlier run was cleaned up)."""
    import sqlite3

    from app.storage import head as sidecar

    cleaned = clean_partial_demo(services.db_path)
    if services.roster.count() or services.punches.count():
        raise AppError(strings.CLI_DEMO_NOT_EMPTY.format(path=services.db_path))
    if _other_projects(services):  # issue 19: the file copy would replace them: in place
        return fill_demo(services), cleaned
    part = _part_files(services.db_path)[0]
    built = Services.open(part, actor=services.actor, clock=services.clock,
                          daily_backup=False)
    try:
        n = fill_demo(built)
    finally:
        built.close()
    sidecar.announce(services.db_path, sidecar.of_file(part))
    src = sqlite3.connect(part)
    try:
        dst = sqlite3.connect(services.db_path, timeout=10)
        try:
            src.backup(dst)  # one step: one write transaction on the real database
        finally:
            dst.close()
    finally:
        src.close()
    services.db.head.last = sidecar.reset(services.db_path)
    clean_partial_demo(services.db_path)
    return n, cleaned


def _other_projects(services: Services) -> bool:
    """Whether the database holds a project besides the one the services work on."""
    from sqlalchemy import select

    from app.storage.tables import Project

    with services.db.read() as s:
        return s.scalars(select(Project.id).where(
            Project.id != services.db.project_id).limit(1)).first() is not None


def fill_demo(services: Services, today: dt.date | None = None) -> int:
    """Write the demo site into an empty database; returns the number of people.

    Punches cover the two months before ``today``'s month and this month up to yesterday. The
    last full month rehearses a month end (``app.services.month_end_demo``: every kind of
    problem, leave, overtime, a correction); this month has a few problems of its own (late,
    early leave, missing punches, a correction and a manual absence entry).
    """
    if services.roster.count():
        raise AppError(strings.CLI_DEMO_NOT_EMPTY.format(path=services.db_path))
    data = load_demo()
    services.project.update(**data["project"])
    today = today or services.clock.today()
    _relative_handover(data["people"], today)
    _history_before(data["people"], today)
    with tempfile.TemporaryDirectory(prefix="onsitedesk-demo-") as tmp:
        _add_people(services, data["people"], Path(tmp))
    _add_punches(services, today)
    from app.services.handover_demo import add_demo_changes

    add_demo_changes(services, today or services.clock.today())
    from app.services.scores_demo import add_demo_incidents

    add_demo_incidents(services, today or services.clock.today())
    from app.services.service_demo import add_demo_service

    add_demo_service(services, today or services.clock.today())
    return len(data["people"])


# The personnel change stays in progress whatever the day: HX1006's last day and HX1008's
# start are this many days after ``today`` (2026-12-18 and 2026-12-07 for 2026-11-29).
HANDOVER_OFFSETS = {"HX1006": ("end_date", 19), "HX1008": ("start_date", 8)}


def _relative_handover(people: list[dict[str, Any]], today: dt.date) -> None:
    for entry in people:
        if entry["employee_no"] in HANDOVER_OFFSETS:
            key, days = HANDOVER_OFFSETS[entry["employee_no"]]
            entry[key] = (today + dt.timedelta(days=days)).isoformat()


# The roster's own history (start, NDA and training dates, …) was written for a site seen at
# the end of 2026; built on an earlier day, it moves back by whole years so that it still
# lies before ``today`` (a demo made in mid-2025 would otherwise start people after it).
HISTORY_MARGIN = dt.timedelta(days=30)


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _history_before(people: list[dict[str, Any]], today: dt.date) -> None:
    relative = {(no, key) for no, (key, _days) in HANDOVER_OFFSETS.items()}
    fixed = [(entry, key) for entry in people for key, value in entry.items()
             if key.endswith("_date") and isinstance(value, str) and value
             and (entry["employee_no"], key) not in relative]
    if not fixed:
        return
    latest = max(dt.date.fromisoformat(entry[key]) for entry, key in fixed)
    years = 0
    while _shift_years(latest, years) > today - HISTORY_MARGIN:
        years -= 1
    for entry, key in fixed:
        entry[key] = _shift_years(dt.date.fromisoformat(entry[key]), years).isoformat()


def _add_people(services: Services, people: list[dict[str, Any]], attach_dir: Path) -> None:
    for entry in people:
        id17 = entry["id17"]
        person, _ = services.roster.add(PersonFields(
            employee_no=entry["employee_no"], name=entry["name"],
            device_user_id=entry["device_user_id"], role=entry["role"], phone=entry["phone"],
            id_card_no=id17 + id_card_check_char(id17),
            start_date=_date(entry.get("start_date")), end_date=_date(entry.get("end_date")),
            status=entry.get("status", "active"),
            nda_signed="nda_date" in entry, nda_date=_date(entry.get("nda_date")),
            training_done="training_date" in entry,
            training_date=_date(entry.get("training_date")),
            first_work_date=_date(entry.get("first_work_date")),
        ))
        for item in entry.get("equipment", []):
            name, asset, issued, *returned = item
            person, _ = services.roster.add_equipment(person.id, name, asset, _date(issued))
            if returned:
                services.roster.set_equipment_returned(person.equipment[-1].id,
                                                       _date(returned[0]))
        for kind, title in entry.get("attachments", []):
            src = attach_dir / f"{entry['employee_no']}-{kind}.txt"
            src.write_text(f"{entry['name']} {title}\n", encoding="utf-8")
            services.roster.add_attachment(person.id, src, kind, title)


# Scripted problems in the latest month: (employee no., index of the working day, event).
SCRIPT = (
    ("HX1002", 2, ("late", 12)), ("HX1002", 6, ("late", 8)),
    ("HX1003", 4, ("late", 45)), ("HX1003", 9, ("early", 20)),
    ("HX1004", 3, ("drop", 3)),
    ("HX1005", 1, ("drop", 0)), ("HX1005", 5, ("drop", 0, 1, 2, 3)),
    ("HX1005", 8, ("drop", 0, 1)),
)
CORRECTIONS = (("HX1004", 3, "pm", "out", "17:35"),)
MANUAL = (("HX1007", 7, "pm", "unauthorized_outing"),)


def _normal_day(rng: random.Random, day: dt.date) -> list[dt.datetime]:
    base = dt.datetime.combine(day, dt.time())
    minutes = [rng.randint(8 * 60 + 5, 8 * 60 + 29), rng.randint(12 * 60, 12 * 60 + 12),
               rng.randint(13 * 60 + 40, 13 * 60 + 59), rng.randint(17 * 60 + 30, 17 * 60 + 55)]
    return [base + dt.timedelta(minutes=m, seconds=rng.randint(0, 59)) for m in minutes]


def _apply(punches: list[dt.datetime], event: tuple[Any, ...]) -> list[dt.datetime]:
    kind = event[0]
    if kind == "late":
        punches[0] = punches[0].replace(hour=8, minute=30) + dt.timedelta(minutes=event[1])
    elif kind == "early":
        punches[3] = punches[3].replace(hour=17, minute=30) - dt.timedelta(minutes=event[1])
    elif kind == "drop":
        punches = [p for i, p in enumerate(punches) if i not in event[1:]]
    return punches


def _add_punches(services: Services, today: dt.date) -> None:
    from app.services import month_end_demo
    from app.services.punches import PunchRow

    calendar = services.holidays.calendar()
    first = (today.replace(day=1) - dt.timedelta(days=62)).replace(day=1)
    yesterday = today - dt.timedelta(days=1)
    latest = calendar.working_days(today.replace(day=1), yesterday)  # this month so far
    month_end = month_end_demo.plan(services, today)
    events = dict(month_end.events) if month_end else {}
    skipped = month_end.leave_days() if month_end else set()
    extra = {(no, day) for no, day, _ in month_end.overtime} if month_end else set()
    people = [p for p in services.roster.list_people() if p.device_user_id]
    rows: list[PunchRow] = []
    for p in people:
        for no, i, ev in SCRIPT:
            if no == p.employee_no and i < len(latest):
                events[(no, latest[i])] = ev
        days = calendar.working_days(first, yesterday)
        days = sorted({*days, *(d for no, d in extra if no == p.employee_no and d < today)})
        for day in days:
            if (p.start_date and day < p.start_date) or (p.end_date and day > p.end_date):
                continue
            if (p.employee_no, day) in skipped:
                continue
            rng = random.Random(f"{p.employee_no}-{day.isoformat()}")
            punches = _normal_day(rng, day)
            if (p.employee_no, day) in events:
                punches = _apply(punches, events[(p.employee_no, day)])
            rows += [PunchRow(p.device_user_id or "", t, verify_mode=1) for t in punches]
    services.punches.record_batch("demo", "demo", "DEMO-CLOCK-01", rows)
    if month_end:
        month_end_demo.add_records(services, month_end)
    _add_current_month_records(services, people, latest)


def _add_current_month_records(services: Services, people: list[Any],
                               latest: list[dt.date]) -> None:
    by_no = {p.employee_no: p for p in people}
    for no, i, session, slot, time_text in CORRECTIONS:
        if i < len(latest) and no in by_no:
            services.attendance.add_correction(by_no[no].id, latest[i], session, slot,
                                               time_text, DEMO_CORRECTION_REASON,
                                               by_no["HX1001"].name)
    for no, i, session, kind in MANUAL:
        if i < len(latest) and no in by_no:
            services.attendance.add_manual_absence(by_no[no].id, latest[i], session, kind)
