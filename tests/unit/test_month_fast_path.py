"""The month computation's fast path (issue 13) against a straightforward reference.

``AttendanceService.compute`` reads punches as plain rows grouped once per person, shares
what people have in common (``DayClassifier``) and memoizes symbols. The reference below
does the month the plain way: every punch through the ORM, ``assign_punches``, then
``classify_day``, ``summarize`` and ``day_symbol`` for every person and day. On a generated
site with every kind of input (people starting and leaving mid-month or without a clock
id, holidays and an adjusted workday, a rules change and a day-start change mid-month,
pending sessions, cross-midnight and duplicate punches, a reverted batch, unmapped ids,
corrections, manual absences, nursing periods, leave and overtime) the two must agree.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import fields

import pytest
from sqlalchemy import select

from app.domain.attendance import (
    Correction,
    DayClassifier,
    DayResult,
    ManualAbsence,
    PersonPeriod,
    SessionResult,
    Tally,
    Verdict,
    assign_punches,
    classify_day,
    month_dates,
    summarize,
)
from app.domain.leave import Span
from app.domain.legend import day_symbol
from app.domain.roster import PersonFields
from app.services import Services
from app.services.attendance import PersonMonth
from app.services.punches import PunchRow
from app.services.settings import load_legend, load_timeline
from app.storage.tables import Person
from app.storage.tables_attendance import (
    ImportBatch,
    NursingPeriod,
    Punch,
    PunchCorrection,
)
from app.storage.tables_attendance import ManualAbsence as ManualAbsenceRow

D = dt.date
YEAR, MONTH = 2026, 10  # National Day holidays and an adjusted working Saturday
NOW = dt.datetime(2026, 10, 20, 13, 0)  # the 20th: morning over, afternoon pending


def _reference(services: Services, year: int, month: int,
               now: dt.datetime) -> tuple[PersonMonth, ...]:
    dates = month_dates(year, month)
    first, last = dates[0], dates[-1]
    calendar = services.holidays.calendar()
    with services.db.read() as s:
        people = list(s.scalars(select(Person).where(
            (Person.start_date.is_(None)) | (Person.start_date <= last),
            (Person.end_date.is_(None)) | (Person.end_date >= first),
        ).order_by(Person.employee_no)))
        timeline, legend = load_timeline(s), load_legend(s, last)
        punches: dict[str, list[dt.datetime]] = defaultdict(list)
        for uid, at in s.execute(select(Punch.device_user_id, Punch.punched_at)
                                 .join(ImportBatch, ImportBatch.id == Punch.batch_id)
                                 .where(ImportBatch.reverted_at.is_(None))):
            punches[uid].append(at)  # every punch, in no particular order
        corrections: dict[tuple[int, dt.date], list[Correction]] = defaultdict(list)
        for c in s.scalars(select(PunchCorrection).where(PunchCorrection.revoked_at.is_(None))
                           .order_by(PunchCorrection.id)):
            minute = int((c.at - dt.datetime.combine(c.day, dt.time())).total_seconds() // 60)
            corrections[(c.person_id, c.day)].append(Correction(c.day, c.session, c.slot,
                                                                minute))
        manual: dict[tuple[int, dt.date], list[ManualAbsence]] = defaultdict(list)
        for m in s.scalars(select(ManualAbsenceRow).where(ManualAbsenceRow.revoked_at.is_(None))
                           .order_by(ManualAbsenceRow.id)):
            manual[(m.person_id, m.day)].append(ManualAbsence(m.day, m.session, m.kind))
        nursing: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        for n in s.scalars(select(NursingPeriod).order_by(NursingPeriod.id)):
            nursing[n.person_id].append((n.start_date, n.end_date))
        leave = services.leave.sessions_for(s, first, last)
        overtime = services.leave.overtime_for(s, first, last)
    out = []
    for p in people:
        period = PersonPeriod(p.id, p.start_date, p.end_date, tuple(nursing[p.id]))
        by_day = assign_punches(punches.get(p.device_user_id or "", ()), timeline)
        days = [classify_day(d, by_day.get(d, ()), timeline.at(d), calendar, period,
                             leave.get(p.id, {}).get(d), corrections.get((p.id, d), ()),
                             manual.get((p.id, d), ()), now,
                             overtime.get(p.id, {}).get(d, 0.0))
                for d in dates]
        summary = summarize(p.id, days, timeline.at(last))
        symbols = tuple(day_symbol(d, legend) for d in days)
        out.append(PersonMonth(p.id, p.employee_no, p.name, p.role, p.status, summary,
                               symbols, p.start_date, p.end_date))
    return tuple(out)


def _at(day: dt.date, minute: int, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute,
                                                              seconds=rng.randint(0, 59))


def _day_punches(rng: random.Random, uid: str, day: dt.date) -> list[PunchRow]:
    """One of the shapes a real day takes."""
    shape = rng.choice(["full", "full", "full", "late", "lone", "twice", "none",
                        "overnight", "random"])
    minutes: list[int] = []
    if shape in ("full", "late", "overnight"):
        minutes = [rng.randint(470, 520 if shape == "full" else 600), rng.randint(700, 740),
                   rng.randint(815, 850), rng.randint(1020, 1090)]
        if shape == "overnight":  # out after midnight: belongs to this day (A4)
            minutes[-1] = 1440 + rng.randint(0, 300)
    elif shape == "lone":
        minutes = [rng.randint(400, 1200)]
    elif shape == "twice":  # one punch pressed twice, within the duplicate window
        m = rng.randint(480, 1100)
        minutes = [m, m + rng.randint(0, 9)]
    elif shape == "random":
        minutes = [rng.randint(0, 1439) for _ in range(rng.randint(1, 6))]
    return [PunchRow(uid, _at(day, m, rng), verify_mode=1, in_out_state=0) for m in minutes]


def _generate_site(services: Services) -> None:
    rng = random.Random(13)
    services.settings.set("rules.late_grace_minutes", "5", D(2026, 10, 15))
    services.settings.set("rules.day_start", "05:00", D(2026, 10, 22))
    services.settings.set("schedule.am", "08:00-12:00", D(2026, 10, 26))
    starts = [None, D(2025, 1, 1), D(2026, 10, 9), D(2026, 10, 31)]
    ends = [None, None, None, D(2026, 10, 16), D(2026, 10, 1)]
    ids: list[tuple[int, str | None]] = []
    for i in range(36):
        uid = None if i % 17 == 5 else str(100 + i)
        start, end = rng.choice(starts), rng.choice(ends)
        if start and end and end < start:
            end = None
        person, _ = services.roster.add(PersonFields(
            employee_no=f"E{i:03d}", name=f"P{i}", device_user_id=uid, start_date=start,
            end_date=end))
        ids.append((person.id, uid))
    rows: list[PunchRow] = []
    day = D(2026, 9, 29)
    while day <= D(2026, 11, 2):
        for _, uid in ids:
            if uid is not None and rng.random() < 0.9:
                rows += _day_punches(rng, uid, day)
        rows += _day_punches(rng, "999", day)  # nobody's id
        day += dt.timedelta(days=1)
    services.punches.record_batch("usb", "bench", "DEV", rows)
    services.punches.record_batch("usb", "again", "DEV2", rows[::7])  # another clock
    later = [PunchRow(uid, _at(D(2026, 10, d), 500, rng)) for _, uid in ids[:12] if uid
             for d in (5, 12, 13)]
    batch, _ = services.punches.record_batch("usb", "wrong", "DEV", later)
    services.imports.revert_batch(batch.batch_id, "wrong file")
    for pid, _ in ids[::5]:
        d = D(2026, 10, rng.randint(8, 30))
        services.attendance.add_correction(pid, d, "am", "in", "08:29", "forgot", "PM")
        services.attendance.add_correction(pid, d + dt.timedelta(days=1), "pm", "out", "17:40",
                                           "forgot", "PM")
    for pid, _ in ids[2::6]:
        services.attendance.add_manual_absence(pid, D(2026, 10, rng.randint(8, 19)),
                                               rng.choice(["am", "pm", "day"]), "proxy_punch")
    for pid, _ in ids[1:4]:
        services.attendance.add_nursing_period(pid, D(2026, 1, 1), D(2026, 10, 21))
    for pid, _ in ids[3::7]:
        start = D(2026, 10, rng.randint(9, 25))
        leave, _ = services.leave.add(pid, "personal_leave",
                                      Span(start, "pm", start + dt.timedelta(days=2), "am"),
                                      dt.datetime(2026, 9, 20, 9), None)
        services.leave.approve(leave.id, "PM")
    for pid, _ in ids[4::9]:  # a working Saturday, and a Sunday (without punches if no id)
        for day in (D(2026, 10, 10), D(2026, 10, 18)):
            ot, _ = services.leave.add_overtime(pid, day, "18:00-20:30", "required",
                                                dt.datetime(2026, 10, 9, 9))
            services.leave.approve_overtime(ot.id, "PM")


def test_month_equals_the_reference_computation(services: Services) -> None:
    _generate_site(services)
    fast = services.attendance.compute(YEAR, MONTH, now=NOW)
    reference = _reference(services, YEAR, MONTH, NOW)
    assert len(fast.people) == len(reference) > 25
    for got, want in zip(fast.people, reference, strict=True):
        assert got.summary.days == want.summary.days, got.employee_no
        assert got == want, got.employee_no
    # the site really exercises what the fast path treats specially
    verdicts = {s.verdict for p in fast.people for d in p.summary.days for s in (d.am, d.pm)}
    assert {"present", "late", "early_leave", "missing_punch", "absent", "leave", "holiday",
            "rest_day", "not_on_site", "pending"} <= verdicts
    days = [d for p in fast.people for d in p.summary.days]
    assert any(m >= 24 * 60 for d in days for m in d.punches)  # cross-midnight
    assert any(s.corrected_in or s.corrected_out for d in days for s in (d.am, d.pm))
    assert any(d.overtime_hours and not d.required and not d.punches for d in days)


def test_ids_read_in_chunks_give_the_same_month(services: Services,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Many people are read a few hundred ids per query; the chunks join up in order."""
    import app.services.attendance as attendance

    _generate_site(services)
    whole = services.attendance.compute(YEAR, MONTH, now=NOW)
    monkeypatch.setattr(attendance, "_IDS_PER_QUERY", 4)
    assert services.attendance.compute(YEAR, MONTH, now=NOW) == whole


def test_day_detail_agrees_with_the_month(services: Services) -> None:
    """One day in detail goes the same way as the month (a one-day DayClassifier)."""
    _generate_site(services)
    fast = services.attendance.compute(YEAR, MONTH, now=NOW)
    for p in fast.people[::4]:
        for day in (D(2026, 10, 1), D(2026, 10, 10), D(2026, 10, 14), D(2026, 10, 20),
                    D(2026, 10, 22), D(2026, 10, 31)):
            detail = services.attendance.day_detail(p.person_id, day, now=NOW)
            assert detail.result == p.summary.days[day.day - 1]
            assert detail.symbol == p.symbols[day.day - 1]


def test_classifier_equals_classify_day_for_any_punches() -> None:
    """Every split of punches between the sessions, pending or not, in one frame."""
    from app.domain.calendar import HolidayCalendar
    from app.domain.schedule import Rules, RulesTimeline

    rules = Rules()
    timeline = RulesTimeline((D.min,), (rules,))
    calendar = HolidayCalendar.build()
    person = PersonPeriod(1, D(2026, 1, 1), None)
    day = D(2026, 10, 14)
    rng = random.Random(5)
    for now in (None, dt.datetime(2026, 10, 14, 13), dt.datetime(2026, 10, 14, 7)):
        classifier = DayClassifier([day], timeline, calendar, now)
        for _ in range(400):
            minutes = tuple(sorted(rng.randint(240, 1440 + 239)
                                   for _ in range(rng.randint(0, 5))))
            want = classify_day(day, minutes, rules, calendar, person, now=now)
            assert classifier.classify(day, minutes, person) == want, minutes


def test_a_months_tallies_add_up_in_any_split_and_on_any_later_day(services: Services) -> None:
    """Head office (issue 19) counts a month in parts: the days that had ended when it last
    looked (kept) and the days after them (counted on a later day). Whatever the split and
    the two moments, the parts add up to the month sheet's own figures at the later one."""
    _generate_site(services)
    att = services.attendance
    nows = (dt.datetime(2026, 10, 1, 7, 0), dt.datetime(2026, 10, 9, 12, 30), NOW,
            dt.datetime(2026, 10, 27, 18, 0), dt.datetime(2026, 11, 2, 9, 0))
    sheets = {now: att.compute(YEAR, MONTH, now=now) for now in nows}
    for now in nows:
        sheet = sheets[now]
        whole = att.tallies(YEAR, MONTH, now=now)
        assert [p.person_id for p in whole.people] == [p.person_id for p in sheet.people]
        for got, want in zip(whole.people, sheet.people, strict=True):
            days = want.summary.days
            assert got.whole == Tally().add(days)
            assert got.whole.needs_explanation(whole.rules) == \
                want.summary.needs_absence_explanation
            cut = whole.ended_through.day if whole.ended_through else 0
            assert got.ended == Tally().add(days[:cut])
            s = want.summary
            assert (got.whole.late_minutes, got.whole.absences, got.whole.leave_days,
                    got.whole.attended, got.whole.required) == (
                s.late_minutes, s.absence_count, s.leave_days, s.attended_days,
                s.required_days)
    # the ended day: the last whose afternoon was over
    assert att.tallies(YEAR, MONTH, now=nows[0]).ended_through is None
    assert att.tallies(YEAR, MONTH, now=nows[1]).ended_through == D(2026, 10, 8)
    assert att.tallies(YEAR, MONTH, now=NOW).ended_through == D(2026, 10, 19)
    assert att.tallies(YEAR, MONTH, now=nows[3]).ended_through == D(2026, 10, 27)
    assert att.tallies(YEAR, MONTH, now=nows[4]).ended_through == D(2026, 10, 31)
    # kept at an earlier moment, the rest counted at a later one: the later month sheet
    for i, earlier in enumerate(nows):
        kept = att.tallies(YEAR, MONTH, now=earlier)
        since = kept.ended_through + dt.timedelta(days=1) if kept.ended_through else None
        for later in nows[i:]:
            rest = att.tallies(YEAR, MONTH, since, now=later)
            assert rest.since == (since or D(YEAR, MONTH, 1))
            for k, r, want in zip(kept.people, rest.people, sheets[later].people,
                                  strict=True):
                total = k.ended.plus(r.ended).plus(r.rest)
                assert total == Tally().add(want.summary.days), (earlier, later)


def test_a_tally_keeps_only_what_is_not_zero_and_reads_back() -> None:
    t = Tally(required=2, attended=1.5, absent=0.5, absences=1, leave_days={"sick_leave": 0.5})
    assert t.as_json() == {"required": 2, "attended": 1.5, "absent": 0.5, "absences": 1,
                           "leave_days": {"sick_leave": 0.5}}
    assert Tally.from_json({**t.as_json(), "unknown": 1}) == t
    assert Tally(required=1).as_json() == {"required": 1}  # nothing else, no empty leave
    assert Tally().as_json() == {} and Tally.from_json({}) == Tally()
    both = t.plus(Tally(required=1, pending=1.0, leave_days={"sick_leave": 1.0,
                                                            "annual_leave": 0.5}))
    assert both == Tally(required=3, attended=1.5, absent=0.5, pending=1.0, absences=1,
                         leave_days={"sick_leave": 1.5, "annual_leave": 0.5})
    assert t.leave_days == {"sick_leave": 0.5}  # the parts are left as they were
    for f in fields(Tally):  # every figure adds up (absorb spells each one out)
        if f.name != "leave_days":
            assert getattr(Tally(**{f.name: 1}).plus(Tally(**{f.name: 2})), f.name) == 3, f.name
    # a leave session of no known type is required but counted as nothing else
    untyped = SessionResult(Verdict.LEAVE)
    day = DayResult(D(2026, 10, 14), "workday", True, untyped, untyped)
    assert Tally().add([day]) == Tally(required=1)
