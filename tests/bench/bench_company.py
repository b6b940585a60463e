"""Company benchmark (issue 19, deliverable 5): many sites in one PostgreSQL database.

    bash tests/pg/server.sh run -- python tests/bench/bench_company.py \\
        [--projects 50] [--people 300] [--months 12]

What it builds (printed as it goes, with the time each step took):

1. Site A, on its own SQLite file through the site's services: ``--people`` people, two
   punches a working day (a few late) for ``--months`` months ending November 2026, a leave a
   month for some. ``project export`` of the first months-1 (full, seq 1), then of the last
   month (incremental, seq 2).
2. The company database on the PostgreSQL server (``ONSITEDESK_TEST_PG_URL``, which
   ``tests/pg/server.sh run`` sets): site A's two packages imported as ``project import`` does
   (the import, then ``HeadOfficeService.catch_up``: the site's months counted for head office).
3. ``--projects - 2`` more projects cloned from site A's rows by ``INSERT … SELECT`` over every
   table a package carries (ids offset per clone, foreign keys remapped the same way): the
   plainest fast way to get the volume, not something the product does. Then ``VACUUM
   ANALYZE``, as autovacuum does soon after such a load.
4. Site B, built like A from scratch: its first months-1 imported (full), then its last month's
   incremental package imported and timed with its months counted: **a site package of a
   month imported** (target ≤ 5 s).

Then, with the clock on 30 November 2026, 10:00 (a Monday):

- **the overview** (``HeadOfficeService.overview``) for November over every project:
  - first look ever, median of 3: every stored summary forgotten, every project's month
    counted from its first day (what a head office meets once, e.g. right after a holiday
    change in the current month; the clones were never imported, so nothing counted them);
  - stored summaries (a second look the same day), median of 5;
  - the first look of a new day, median of 3: a look on Friday the 27th, then the clock moved
    to Monday: each project's month counted from the day after the last one that had ended
    (the 27th), the days before it kept; the result checked against counting the month
    afresh;
- **one project's month** (``AttendanceService.compute`` on a clone; target ≤ 0.5 s), median
  of 5.

``--profile FILE`` also writes cProfile stats of the next-day look.
Prints one JSON line with every figure and the row counts. ``--projects 50 --people 300
--months 12`` is ~7.6 M punches; smaller values make a quick run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TODAY = dt.date(2026, 11, 30)
FRIDAY = dt.date(2026, 11, 27)  # the head office's earlier look (the next-day figure)
LAST = (2026, 11)


def months_back(n: int) -> list[tuple[int, int]]:
    y, m = LAST
    out = []
    for _ in range(n):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def step(label: str, work: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    result = work()
    took = time.perf_counter() - t
    print(f"  {label}: {took:.2f} s", flush=True)
    return result, took


def punches_for(services: Any, people: int, months: list[tuple[int, int]],
                rng: random.Random) -> list[Any]:
    from app.services.punches import PunchRow

    calendar = services.holidays.calendar()
    rows = []
    for year, month in months:
        first = dt.date(year, month, 1)
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        for day in calendar.working_days(first, last):
            base = dt.datetime.combine(day, dt.time())
            for i in range(people):
                late = rng.random() < 0.02
                start = rng.randint(545, 560) if late else rng.randint(490, 525)
                rows.append(PunchRow(str(i + 1), base + dt.timedelta(
                    minutes=start, seconds=rng.randint(0, 59))))
                rows.append(PunchRow(str(i + 1), base + dt.timedelta(
                    minutes=rng.randint(1050, 1100), seconds=rng.randint(0, 59))))
    return rows


def build_site(folder: Path, code: str, people: int, months: list[tuple[int, int]],
               seed: int) -> tuple[Path, Path]:
    """A site on its own SQLite file; returns (full package of all months but the last,
    incremental package of the last month)."""
    from app.domain.roster import PersonFields
    from app.services import Services
    from app.services.sitepkg import SitePackageService

    rng = random.Random(seed)
    services = Services.open(folder / code / "onsitedesk.db", today=TODAY, daily_backup=False)
    try:
        services.project.update(code=code, name=f"{code} 驻场项目")
        for i in range(people):
            services.roster.add(PersonFields(
                employee_no=f"{code}-{i:04d}", name=f"员工{i:03d}", device_user_id=str(i + 1),
                start_date=dt.date(2024, 1, 1)))
        services.punches.record_batch("usb", "bench", "DEV", punches_for(
            services, people, months[:-1], rng))
        sites = SitePackageService(services.db, services.actor)
        first = folder / f"{code}-1.odpkg"
        sites.export(first)
        services.punches.record_batch("usb", "bench", "DEV", punches_for(
            services, people, months[-1:], rng))
        second = folder / f"{code}-2.odpkg"
        sites.export(second)
    finally:
        services.close()
    return first, second


OFFSET = 10_000_000  # ids of clone k: the source's + k * OFFSET (PostgreSQL integer: < 2^31)


def clone_projects(engine: Any, source_id: int, count: int) -> int:
    """``count`` copies of project ``source_id`` by INSERT … SELECT; returns punches added."""
    from sqlalchemy import text

    from app.services.sitepkg import exported_tables
    from app.storage.tables import Project

    tables = exported_tables()
    names = {t.name for t in tables}
    added = 0
    with engine.begin() as conn:
        src = conn.execute(text("SELECT * FROM project WHERE id = :i"),
                           {"i": source_id}).mappings().one()
        top = int(conn.execute(text("SELECT max(id) FROM project")).scalar() or 0)
        for k in range(1, count + 1):
            pid = top + k
            uid = uuid.uuid4().hex
            row = {c.name: src[c.name] for c in Project.__table__.columns}
            row.update(id=pid, code=f"C{pid:03d}", uid=uid, name=f"克隆项目 {pid:03d}",
                       origin="site")
            cols = ", ".join(row)
            conn.execute(text(f"INSERT INTO project ({cols}) VALUES "
                              f"({', '.join(':' + c for c in row)})"), row)
            for table in tables:
                if table.name == "project":
                    continue
                exprs = []
                for c in table.columns:
                    refs = {fk.column.table.name for fk in c.foreign_keys}
                    if c.name == "project_id":
                        exprs.append(str(pid))
                    elif c.name == "id" or refs & names - {"project"}:
                        exprs.append(f"{c.name} + {k * OFFSET}")
                    else:
                        exprs.append(c.name)
                result = conn.execute(text(
                    f"INSERT INTO {table.name} ({', '.join(c.name for c in table.columns)}) "
                    f"SELECT {', '.join(exprs)} FROM {table.name} "
                    f"WHERE project_id = :src"), {"src": source_id})
                if table.name == "punch":
                    added += result.rowcount
        for table in tables:
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                              f"(SELECT coalesce(max(id), 1) FROM {table.name}))"))
    # what autovacuum does soon after such a load: without it the first reads of the fresh
    # rows check each row's visibility in the heap (index-only scans are not yet)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    return added


def spread(label: str, times: list[float]) -> float:
    """Print min/median/max of ``times``; the median."""
    mid = statistics.median(times)
    print(f"  {label}: {mid:.2f} s (median of {len(times)}; min {min(times):.2f}, "
          f"max {max(times):.2f})", flush=True)
    return mid


def median_of(n: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=50)
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--url", default=os.environ.get("ONSITEDESK_TEST_PG_URL"))
    ap.add_argument("--profile", metavar="FILE",
                    help="also write cProfile stats of the next-day overview to FILE")
    args = ap.parse_args()
    if not args.url:
        raise SystemExit("no server: run under `bash tests/pg/server.sh run -- …` or --url")
    from sqlalchemy import text

    from app.clock import FixedClock
    from app.services import Services
    from app.services.sitepkg import SitePackageService

    months = months_back(args.months)
    figures: dict[str, Any] = {"projects": args.projects, "people": args.people,
                               "months": f"{months[0][0]}-{months[0][1]:02d}.."
                                         f"{months[-1][0]}-{months[-1][1]:02d}"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("site A", flush=True)
        (a1, a2), _ = step("built and exported", lambda: build_site(
            folder, "SITE-A", args.people, months, 1))
        clock = FixedClock(dt.datetime.combine(TODAY, dt.time(10)))
        hq = Services.open(folder / "hq", clock=clock, server=args.url)
        try:
            pkg = SitePackageService(hq.db, hq.actor)

            def import_and_count(path: Path) -> Any:  # as `project import` does
                result = pkg.import_(path)
                hq.headoffice.catch_up(result.project)
                return result

            print("company database", flush=True)
            _, figures["import_full_site_s"] = step(
                f"site A, first package ({args.months - 1} months) imported",
                lambda: import_and_count(a1))
            step("site A, last month imported", lambda: import_and_count(a2))
            with hq.db.read() as s:
                a_id = int(s.execute(text("SELECT id FROM project WHERE code = 'SITE-A'"))
                           .scalar_one())
            figures["punches_cloned"], figures["clone_s"] = step(
                f"{args.projects - 2} projects cloned", lambda: clone_projects(
                    hq.db.engine, a_id, args.projects - 2))
            print("site B", flush=True)
            (b1, b2), _ = step("built and exported", lambda: build_site(
                folder, "SITE-B", args.people, months, 2))
            step(f"site B, first package ({args.months - 1} months) imported",
                 lambda: import_and_count(b1))
            result, figures["import_month_s"] = step(
                "site B, a month's package imported (and its figures counted)",
                lambda: import_and_count(b2))
            figures["month_package_rows"] = result.to_json()
            figures["month_package_kb"] = round(b2.stat().st_size / 1024)
            with hq.db.read() as s:
                figures["punches_total"] = int(s.execute(
                    text("SELECT count(*) FROM punch")).scalar_one())
                figures["projects_total"] = int(s.execute(
                    text("SELECT count(*) FROM project")).scalar_one())
            print(f"  {figures['punches_total']:,} punches in "
                  f"{figures['projects_total']} projects", flush=True)
            office = hq.headoffice
            year, month = LAST

            def forget_all() -> None:
                for ref in office.projects():
                    office.forget(ref.id)

            def cold() -> float:
                forget_all()
                t = time.perf_counter()
                office.overview(year, month)
                return time.perf_counter() - t

            figures["overview_cold_s"] = spread(
                "overview, first look ever (every project's month counted from its first "
                "day)", [cold() for _ in range(3)])
            figures["overview_warm_median_s"] = median_of(5, lambda: office.overview(year, month))
            print(f"  overview, stored summaries: {figures['overview_warm_median_s']:.3f} s "
                  f"(median of 5)", flush=True)

            # a head office that looked on Friday the 27th and looks again on Monday the 30th:
            # each project's November counted from the 27th, the days before it kept
            def next_day() -> float:
                forget_all()
                clock.set(dt.datetime.combine(FRIDAY, dt.time(10)))
                office.overview(year, month)
                clock.set(dt.datetime.combine(TODAY, dt.time(10)))
                t = time.perf_counter()
                rows.extend(office.overview(year, month))
                return time.perf_counter() - t

            rows: list[Any] = []
            figures["overview_next_day_s"] = spread(
                "overview, first look of a new day (the days since the last look counted)",
                [next_day() for _ in range(3)])
            rows = rows[-len(office.projects()):]
            if args.profile:  # the same look again, under cProfile
                import cProfile

                clock.set(dt.datetime.combine(FRIDAY, dt.time(10)))
                for ref in office.projects():
                    office.forget(ref.id)
                office.overview(year, month)
                clock.set(dt.datetime.combine(TODAY, dt.time(10)))
                profiler = cProfile.Profile()
                profiler.runcall(office.overview, year, month)
                profiler.dump_stats(args.profile)
            assert all(r.recomputed for r in rows)
            counted = {r.project_id: r.figures for r in rows}
            for ref in office.projects()[:3]:  # the same as counting the month afresh
                assert counted[ref.id] == office.compute(ref.id, year, month), ref.code
            clone = hq.on_project(a_id + 1)
            figures["month_one_project_median_s"] = median_of(
                5, lambda: clone.attendance.compute(year, month))
            print(f"  one project's month: {figures['month_one_project_median_s']:.3f} s "
                  f"(median of 5)", flush=True)
        finally:
            hq.close()
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v)
                      for k, v in figures.items()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
