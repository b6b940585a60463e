"""Month benchmark (issues 4, 13): compute a month for 300 people with 4 punches a workday,
and build the calendar model for it. Targets: month <= 0.15 s CPU (``time.process_time``;
wall time is reported too, but on a shared machine it is noisy), model < 0.2 s.

    python tests/bench/bench_month.py [--people 300] [--repeat 5]
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

YEAR, MONTH = 2026, 3


def build(services: object, people: int) -> int:
    from app.domain.roster import PersonFields
    from app.services.punches import PunchRow

    rng = random.Random(7)
    calendar = services.holidays.calendar()  # type: ignore[attr-defined]
    days = calendar.working_days(dt.date(YEAR, MONTH, 1), dt.date(YEAR, MONTH, 31))
    rows = []
    for i in range(people):
        services.roster.add(PersonFields(  # type: ignore[attr-defined]
            employee_no=f"E{i:04d}", name=f"P{i}", device_user_id=str(i + 1),
            start_date=dt.date(2025, 1, 1)))
        for day in days:
            base = dt.datetime.combine(day, dt.time())
            for lo, hi in ((490, 520), (720, 735), (820, 839), (1050, 1080)):
                rows.append(PunchRow(str(i + 1), base + dt.timedelta(
                    minutes=rng.randint(lo, hi), seconds=rng.randint(0, 59))))
    services.punches.record_batch("usb", "bench", "DEV", rows)  # type: ignore[attr-defined]
    return len(rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from app.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        services = Services.open(Path(tmp) / "bench.db")
        punches = build(services, args.people)
        now = dt.datetime(YEAR, MONTH + 1, 15)
        month_t, month_cpu = [], []
        result = None
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            result = services.attendance.compute(YEAR, MONTH, now=now)
            month_cpu.append(time.process_time() - c)
            month_t.append(time.perf_counter() - t)
        from ui.main import make_app
        from ui.tabs.attendance.model import MonthModel

        make_app()
        model = MonthModel()
        model_t = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            model.set_month(result)  # type: ignore[arg-type]
            # touch every cell once, as a first paint of the whole grid would
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    model.index(r, c).data()
            model_t.append(time.perf_counter() - t)
        services.close()
    print(json.dumps({
        "people": args.people, "punches": punches,
        "month_compute_cpu_median_s": round(statistics.median(month_cpu), 3),
        "month_compute_median_s": round(statistics.median(month_t), 3),
        "model_build_and_read_all_cells_median_s": round(statistics.median(model_t), 3),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
